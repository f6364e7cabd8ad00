"""Claims: who asserts, denies or disputes what, with the number it states.

A claim trigger ("claimed", "said it had", "denied", "rejected", "dismissed as") outside
quotation marks gives a claim; the claimant is the trigger's subject (from the parse when there
is one, else the nearest named actor before it), the claim the words that follow it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.strings import get_string_id
from spacy.tokens import Token

from khabar.extract.dates import date_near
from khabar.extract.events import inside_quotes
from khabar.extract.lowscan import Scan, lowered
from khabar.extract.places import district_mentions
from khabar.extract.quantities import NUM, QUAL, find_quantity, is_date_number, number_value, people_words
from khabar.extract.sentences import Context, Sent, clean_name, lemma, parties_named, party_in, per_theatre
from khabar.lang import en
from khabar.records import Claim, Quantity
from khabar.theatres.loader import Theatre

# the day a statement was made: "on Sunday", "on June 11", "on 11 June"
_MONTH = en.alternation(sorted(en.MONTHS, key=len, reverse=True))
_A_DAY = (r"(?:" + en.WEEKDAY + r"|" + _MONTH + r"\.?\s+\d{1,2}(?:,\s*\d{4})?|\d{1,2}\s+" + _MONTH + r"\b)")


def _trigger_specs(armed: str) -> list[tuple[str, str]]:
    """Return the claim triggers, (stance, pattern); `armed` names the fighters of the theatre's
    armed groups ("said the rebels had fled")."""
    return [
    ("denies", r"\b(?:den(?:y|ied|ies|ying)|denials?(?: of| by)?|refuted|not true|absolute lie|"
               r"outright lies?|baseless|unfounded|(?:there\s+(?:is|was)\s+)?no truth|"
               r"(?:call|term|describ)(?:ed|ing|s|es)?\s+(?:it|them|this|that|(?:the|such|these|those)\s+(?:[\w\u2019']+\s+){0,2}"
               r"(?:claims?|reports?|numbers?|figures?|allegations?|accounts?|statements?))\s+"
               r"[\u201c\"]?(?:invented|false|baseless|untrue|lies|a lie|fabricated|fake|groundless|"
               r"unfounded|absurd|propaganda|exaggerated|an exaggeration|nonsense|fantas(?:y|ies))\b)"),
    ("disputes", r"\b(?:reject(?:ed|s|ing)?|dismiss(?:ed|es|ing)?|disput(?:e|ed|es|ing)|rubbish(?:ed|es|ing)|"
                 r"rebuff(?:ed|s|ing)?|brush(?:ed|es|ing)?\s+(?:aside|off)|(?:contest|question)(?:ed|s|ing)?\s+"
                 r"(?=(?:the|these|those|such|this|that|its|their|his|her)\s)|"
                 r"an assertion that)\b"),
    ("asserts", r"\b(?:claim(?:ed|s|ing)?|(?:said|announced|saying|wrote|tweeted|reported|stated)\s+(?:(?:on\s+)?" +
                _A_DAY + r"\s+)?(?:(?:in|on)\s+(?:a|an|its|their|his)?\s*"
                r"(?:statement|tweet|message|post|audio message|video)\s+|on\s+(?:Twitter|Facebook|Telegram)\s+)?"
                r"(?:that )?(?:it|they|we|(?:its|their|his|her|our) (?:forces|fighters|troops|men|soldiers|units)) "
                r"(?:had |has |have |now |were |was )?[\u201c\"]?(?:now |completely |fully |already )?"
                r"(?:controls?|controlled|captured|seized|took|taken|retaken|recaptured|h[eo]ld|overr[au]n|"
                r"holds|killed|liberated|(?:(?:full|complete|total|effective)\s+)?control\s+(?:of|over))|"
                r"(?:said|saying|says)\s+(?:that\s+)?(?:the\s+)?" + armed +
                r"(?:\s+(?:militants|fighters|insurgents|terrorists))?\s+(?:had\s+)?fled|"
                r"insist(?:ed|s)?|assert(?:ed|s)|maintain(?:ed|s)?\s+that|blam(?:ed|es|ing)|"
                r"alleg(?:ed|es|ing)|accus(?:ed|es|ing)|assur(?:ed|es|ing)|promised|promises to|"
                r"pledged|pledges|vowed that|vows that|guaranteed|guarantees|"
                r"boast(?:ed|s)|announced (?:it had|that it had|the capture|the seizure)|"
                r"(?:gave|given|give[sn]?|giving|offered|offers?|provided|provides?|received|receives?|got)\s+"
                r"(?:(?:an?|its|their|his|her|the|firm|written|fresh|new|full|public)\s+){0,2}"
                r"(?:assurances?|guarantees|promises|pledges)\b|assurances?\s+that|"
                r"took responsibility|responsibility for|(?:say|says|said)\s+(?:they|it)\s+(?:now\s+)?"
                r"(?:controls?|holds?|held|ha(?:ve|s|d)\s+(?:captured|taken|seized|(?:(?:full|complete|total|effective)\s+)?"
                r"control\s+(?:of|over))))\b"),
    ]

# the words with which every match of a trigger begins: the pattern is tried only there
_TRIGGER_STARTS = {
    "denies": ("den", "refuted", "not true", "absolute lie", "outright lie", "baseless", "unfounded",
               "call", "term", "describ", "there is no truth", "there was no truth", "no truth"),
    "disputes": ("reject", "dismiss", "disput", "rubbish", "rebuff", "brush", "contest", "question",
                 "an assertion that"),
    "asserts": ("claim", "said", "say", "announced", "wrote", "tweeted", "reported", "stated", "insist", "assert", "blam", "alleg", "accus",
                "assur", "promise", "pledge", "vow", "guarantee", "boast", "maintain", "took responsibility", "responsibility for",
                "gave", "given", "give", "offer", "provide", "receive", "got"),
}


def _armed_names(theatre: Theatre) -> str:
    """Return the names of the fighters of every party but the incumbent, and the language's
    words for them, as a pattern ("the rebels", "the front" where the theatre names one so)."""
    names = {re.sub(r"^the\s+", "", n.lower().strip()) for p in theatre.parties.values()
             if p.id != theatre.incumbent for n in (p.name, *p.aliases)}
    words = sorted((re.escape(n) for n in names if len(n) > 2), key=len, reverse=True)
    return en.alternation([*words, *en.ARMED_GROUP_NOUNS])


def _build_triggers(theatre: Theatre) -> tuple[list[tuple[str, re.Pattern[str]]], list[tuple[str, Scan]]]:
    specs = _trigger_specs(_armed_names(theatre))
    return ([(stance, re.compile(rx, re.I)) for stance, rx in specs],
            [(stance, Scan(rx, starts=_TRIGGER_STARTS[stance])) for stance, rx in specs])


def triggers(theatre: Theatre) -> list[tuple[str, re.Pattern[str]]]:
    """Return a theatre's claim triggers as (stance, pattern) (the pipeline parses their sentences)."""
    return per_theatre("claim triggers", theatre, _build_triggers)[0]


def _trigger_scans(theatre: Theatre) -> list[tuple[str, Scan]]:
    return per_theatre("claim triggers", theatre, _build_triggers)[1]
_NOT_CLAIM = Scan(r"claimed the lives|claimed (?:[\w,\-]+\s+){0,3}lives|unclaimed|dismissed (?:from|as "
                  r"(?:governor|minister|chief))|rejected (?:the|an?) (?:offer|proposal|request)",
                  starts=("claimed", "unclaimed", "dismissed", "rejected"))
_DENIAL_WORDS = re.compile(r"\b" + en.alternation(en.DENIAL_WORDS) + r"\b", re.I)
_SUBJ_DEPS = {"nsubj", "nsubjpass"}
_PARTICIPLE_BEFORE = re.compile(r",\s*(?:saying|adding|insisting|stressing)\b[^,;]*$", re.I)
_PARTY_LABELS = {"ACTOR", "PERSON", "ORG", "GPE", "NORP"}


@dataclass(frozen=True, slots=True)
class ClaimMatch:
    stance: str
    t_start: int
    t_end: int
    trigger: str
    state_only: bool = False  # "X said the rebels now held ...": needs a party as claimant
    owned: bool = False  # "the government's claim that ...": the government's, told by another
    content: str = ""  # the quoted words of a quoted statement, its claim
    gain: str = ""  # a statement of a change of hands: its words (a claim when the speaker's side gained)


_SAID_RX = r"\b" + en.alternation((*en.SAID_VERBS, "say")) + r"\b"
_SAID = re.compile(_SAID_RX, re.I)
_SAID_SCAN = Scan(_SAID_RX, starts=("said", "say", "told", "according to", "announced", "stated",
                                     "added", "reported", "wrote", "tweeted", "informed"))
_CONTROL_QTY = Scan(r"\b(?:control(?:s|led|ling)?|(?:h(?:o|e)ld|holds?)(?!\s+(?:talks|an?|meetings?|"
                    r"consultations|discussions)\b)|captured|taken|seized|"
                    r"killed|killing|crossed|fled|died|dead|wounded|retreated|surrendered|arrested|overr[au]n|"
                    r"complete|completed|retaken|recaptured|retook|regained|liberated|reclaimed)\b",
                    starts=("control", "hold", "held", "captured", "taken", "seized", "kill", "crossed",
                            "fled", "died", "dead", "wounded", "retreated", "surrendered", "arrested",
                            "overran", "overrun", "complete", "retaken", "recaptured", "retook", "regained", "liberated",
                            "reclaimed"))
# the extent of control a party asserts: "the group's fighters now held the crossing"
_CONTROL_STATE = Scan(
    r"\b(?:(?:now|still)\s+(?:controls?|controlled|controlling|holds?|held|holding)|(?:controls?|controlled|controlling)\s+"
    r"(?:over\s+|about\s+|around\s+|nearly\s+|almost\s+|more than\s+)?(?:\d|most|much|all|half|a third|"
    r"two-thirds|a quarter|the (?:entire|whole)|every)|h(?:o|e)lds?\s+no\b|(?:in|have|has|had)\s+control\s+of|"
    r"(?:is|are|was|were|remains?|remained)\s+(?:now\s+|still\s+)?under\s+(?:the\s+|our\s+|their\s+|its\s+)?(?:\w+['\u2019]s?\s+)?"
    r"control)\b", needles=("control", "hold", "held"))
_NOT_STATE = Scan(r"\b(?:took|taken|taking|seized|gained|gaining|lost|losing|regained|wrest\w*)"
                  r"\s+(?:full\s+|complete\s+)?control\b|\bheld\s+(?:talks|a meeting|meetings|"
                  r"a press|a news|consultations)|\bcontrol(?:led)?\s+explosion",
                  needles=("control", "held"))
_ATTRIBUTION_AFTER = re.compile(r",\s*(?P<who>[^,;\u201c\u201d\"]{2,60}?)\s+" + en.alternation(en.CLOSING_SAID_VERBS) + r"\b"
                                r"[^,;\u201c\u201d\"]{0,40}$")
_QUOTED_AS = re.compile(r"\bquoted\s+(?:by\s+[^,;]{1,40}?\s+)?as\s+$", re.I)  # X was quoted by an outlet as saying
_PASSIVE_BEFORE = re.compile(r"\b(?:is|are|was|were|been|be)\s+(?:also\s+|reportedly\s+|widely\s+)?$", re.I)
_PLAIN_SOURCING = Scan(r"\b(?:confirmed|confirms)\b", starts=("confirm",))


def _casualty_patterns(theatre: Theatre | None) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Return the patterns of "41 fighters killed" and "killed 41 fighters", their people named by
    the language's nouns or a party's name ("41 Rebels killed")."""
    who = people_words(theatre)
    return (re.compile(
        r"(?P<q>more than|over|at least|about|around|nearly|almost|some|up to)?\s*"
        r"(?P<v>\d{1,3}(?:,\d{3})+|\d+|dozens of)\s+(?P<who>(?:[\w\-]+\s+){0,2}" + who + r")\b(?P<rest>[^.;]{0,60})",
        re.I), re.compile(
        r"\b(?P<verb>killed|killing|wounded|injured|captured|detained|arrested)\s+(?P<q>more than|over|at least|"
        r"about|around|nearly|almost|some|up to)?\s*(?P<v>\d{1,3}(?:,\d{3})+|\d+)\s+(?P<who>(?:[\w\-]+\s+){0,2}"
        + who + r")\b", re.I))


def _count_value(v: str) -> float:
    return 24.0 if v.lower() == "dozens of" else float(v.replace(",", ""))


_CASUALTY_CACHE: dict[int, tuple[object, tuple[re.Pattern[str], re.Pattern[str]]]] = {}


def _casualties(theatre: Theatre | None) -> tuple[re.Pattern[str], re.Pattern[str]]:
    if theatre is None:
        hit = _CASUALTY_CACHE.get(0)
        if hit is None:
            hit = _CASUALTY_CACHE[0] = (None, _casualty_patterns(None))
        return hit[1]
    return per_theatre("casualties", theatre, _casualty_patterns)
_CASUALTY_VERB = re.compile(r"\b(?:killed|dead|died|wounded|injured|captured|surrendered|crossed|fled|"
                            r"retreated|arrested|detained|defected)\b", re.I)
_REFERENCE_NOUN = re.compile(r"(?:\b(?:the|its|their|his|her|these|those|such|this|that|a|an)|['\u2019]s?)"
                             r"\s+(?:(?:earlier|previous|latest|recent|new|false|such|similar)\s+)?$",
                             re.I)


_OWNED_CLAIM = re.compile(r"(?P<owner>(?:[A-Z][\w\-]*\s+){0,3}[\w\-]+)['\u2019]s?\s+"
                          r"(?P<claim>claims?)\s+that\b")


def _is_noun(sent: Sent, start: int) -> bool:
    """Return whether "claim(s)" or "denial(s)" at a position is a noun, from the parse or the words."""
    tok = next((t for t in sent.doc if t.idx >= start), None)
    if sent.parsed and tok is not None and tok.pos_ in ("NOUN", "VERB"):
        return tok.pos_ == "NOUN"
    return bool(_REFERENCE_NOUN.search(sent.text[max(0, start - 30):start]))


# every casualty count names one of these verbs, and a number in digits or "dozens of"
_CASUALTY_NEEDLES = ("killed", "killing", "dead", "died", "wounded", "injured", "captured", "surrendered",
                     "crossed", "fled", "retreated", "arrested", "detained", "defected")
_DIGIT = re.compile(r"\d|dozens of", re.I)


def casualty_quantity(text: str, theatre: Theatre | None = None) -> Quantity | None:
    """Return "41 fighters killed" as a quantity of people, else None."""
    low = lowered(text)
    if low is not None and not (any(w in low for w in _CASUALTY_NEEDLES) and _DIGIT.search(text)):
        return None
    casualties, killed_n = _casualties(theatre)
    k = next((k for k in killed_n.finditer(text) if not is_date_number(text, *k.span("v"))), None)
    if k is not None:  # "attacks have killed more than 3,500 people"
        return Quantity(_count_value(k["v"]), "people",
                        f"{k['who'].lower()} {k['verb'].lower()}", (k["q"] or "").lower() or None)
    for m in casualties.finditer(text):
        verb = _CASUALTY_VERB.search(m["rest"])
        if verb is None or is_date_number(text, *m.span("v")):
            continue  # no casualty, or "on July 8 the fighters fled": a day, not a count
        of = f"{m['who'].lower()} {verb.group().lower()}"
        value = _count_value(m["v"])
        return Quantity(value, "people", of, (m["q"] or "").lower() or None)
    return None


def _quantity(text: str, theatre: Theatre | None = None) -> Quantity | None:
    q = find_quantity(text, theatre)
    if q is not None and q.unit != "people":
        return q
    return casualty_quantity(text, theatre) or _installations(text)


# a count of posts a side took: "seized eight military camps", "overran 23 checkpoints"
_INSTALLATIONS = re.compile(r"\b(?:captur\w*|seiz\w*|took|taken|overr[au]n|retook|retaken|recaptur\w*|liberat\w*|"
                            r"destroy\w*|control\w*)\s+(?:(?:control\s+of|over)\s+)?(?:the\s+)?" + QUAL + NUM +
                            r"\s+(?:[\w\-]+\s+){0,2}(?P<of>bases|camps|posts|outposts|checkpoints|positions|"
                            r"battalions|garrisons|security\s+posts)\b", re.I)


def _installations(text: str) -> Quantity | None:
    """Return the count of bases, camps or posts a side says it took, as a count of "installations"."""
    m = _INSTALLATIONS.search(text)
    if m is None or is_date_number(text, *m.span("v")):
        return None
    return Quantity(number_value(m["v"]), "installations", m["of"].lower(), (m["q"] or "").lower() or None)


# a claim verb under negation: "has not said", "did not claim", "neither side has claimed"
_NEGATED_BEFORE = re.compile(r"(?:\b(?:not|never|no\s+one|nobody)|n['\u2019]t|\bneither\s+[\w\-]+(?:\s+\w+)?)\s+"
                             r"(?:(?:has|have|had|yet|also|publicly|immediately|officially|independently)\s+){0,2}$", re.I)
_DISPUTE_NOUN = re.compile(r"\b(?:resolve|settle|settling|resolving|border|territorial|their|its|of|internal|"
                           r"political|legal|land|long-running|a|the)\s+$", re.I)
# what the verb "dispute" takes: "disputed the figures", "disputes that", "disputed by the ministry"
_DISPUTE_OBJECT = re.compile(r"\s+(?:the|that|this|these|those|such|his|her|its|their|any|all|a|an|it|them|by|"
                             r"claims?|reports?|figures?|accounts?|allegations?|assertions?|numbers?)\b", re.I)


def _speech_verbs(text: str, low: str | None, ctx: Context) -> list[re.Match[str]]:
    """Return the speech verbs of a sentence that someone named says with: outside quotations,
    not "was said to", not an outlet's "..., Reuters said"."""
    out = []
    for said in _SAID_SCAN.finditer(text, low):
        pos = said.start()
        if inside_quotes(text, pos):
            continue
        if _PASSIVE_BEFORE.search(text, max(0, pos - 30), pos) or _NEGATED_BEFORE.search(text, max(0, pos - 25), pos):
            continue  # "the district was said to have been recaptured", "has not said": no one says it
        if _is_outlet(text, pos, ctx) and not _QUOTED_AS.search(text, max(0, pos - 60), pos):
            continue  # "..., Reuters said": the outlet's sourcing, not a party's claim
        out.append(said)
    return out


def _quoted_words(sent: Sent, text: str, pos: int, ctx: Context) -> str:
    """Return the words a speech verb at a position attributes when they are a quotation: the
    quoted parts of the sentence, and of the sentences before it when the quotation opened there."""
    parts = [m.group(1) for m in _QUOTED.finditer(text)]
    if _closes_quote(text, pos):
        close = max(text.rfind("\u201d", 0, pos), text.rfind('"', 0, pos))
        parts.insert(0, text[:close])
        for before in reversed(ctx.report.before(sent)[-2:]):
            parts.insert(0, before.text)
            if "\u201c" in before.text or '"' in before.text:
                break
    return " ".join(parts)


_QUOTED = re.compile(r"[\u201c\"]([^\u201c\u201d\"]{3,})[\u201d\"]")
# where a sentence's second statement begins: "X said ..., but Y said ...", "..., which Y denied"
_CLAUSE_BREAK = re.compile(r",?\s+(?:but|while|whereas|although|though)\s|;\s|"
                           r",\s+which\s+(?=[^,;]{0,60}\b(?:denied|rejected|disputed|dismissed|refuted)\b)|"
                           r"\s+and\s+(?=(?:said|says|added|insisted|claimed|stressed|maintained|denied|"
                           r"rejected)\b)|"
                           r",\s+(?:a|an)\s+(?:claim|assertion|charge|figure|account|report)s?\s|"
                           r"^\s*(?:while|whereas|although|though)\s", re.I)


@lru_cache(maxsize=64)
def _breaks(text: str) -> tuple[int, ...]:
    """Return where the sentence's clauses break (outside quotations); asked by the statements and
    by the triggers of one sentence, found once."""
    return tuple(b.start() for b in _CLAUSE_BREAK.finditer(text) if not inside_quotes(text, b.start()))


def _match_breaks(text: str) -> tuple[int, ...]:
    return _breaks(text) if "," in text or ";" in text or " " in text else ()


def _statements(sent: Sent, text: str, low: str | None, ctx: Context) -> list[tuple[re.Match[str], str]]:
    """Return the speech verbs of statements whose content is a claim, each with its stance.

    Each speech verb speaks for its clause (from the clause break or speech verb before it to the
    next one): a count ("X controls 85 percent of the territory, a member of its delegation said"),
    the extent of control ("the spokesman said the group's fighters now held the crossing",
    '"The province is in our hands," he said'), what a claim is called ("said the reports were
    baseless"), or a quoted denial ('"There is no truth in it," the ministry said')."""
    verbs = _speech_verbs(text, low, ctx)
    if not verbs:
        return []
    breaks = _breaks(text)
    out = []
    for k, said in enumerate(verbs):
        lo = max([b for b in breaks if b < said.start()] + [verbs[k - 1].end() if k else 0])
        hi = min([b for b in breaks if b > said.end()] + [verbs[k + 1].start() if k + 1 < len(verbs) else len(text)])
        stance = _content_stance(sent, text, lo, hi, said, ctx)
        if stance in ("asserts-gain", "asserts-count"):
            after = text[said.end():hi]
            gain = after if _CHANGE.search(after) or _HOLD.search(after) else text[lo:said.start()]
            out.append((said, f"{stance[8:]}:{gain}"))
        elif stance:
            out.append((said, stance))
    return out


def _content_stance(sent: Sent, text: str, lo: int, hi: int, said: re.Match[str], ctx: Context) -> str:
    """Return the stance of what a speech verb says within text[lo:hi] ("asserts-state" for the
    extent of control, which needs a party to say it), or "" when it states no claim."""
    window = text[lo:hi]
    w_low = lowered(window)
    if _PLAIN_SOURCING.search(window, w_low):
        return ""  # "police confirmed that ...": sourcing
    false = _FALSE_PREDICATE.search(text, said.end(), hi)
    if false is not None and not inside_quotes(text, false.start("w")):
        # "the ministry said the group's figures were exaggerated": what he says of them
        return "disputes" if _DISPUTING.search(false["w"]) else "denies"
    quoted = _quoted_words(sent, text, said.start(), ctx)
    content = f"{quoted} {window}" if quoted and _closes_quote(text, said.start()) else window
    c_low = lowered(content)
    if _CONTROL_QTY.search(content, c_low) and (qty := _quantity(content, ctx.theatre)):
        # "the insurgents have overrun 23 districts, officials said": a count of districts is
        # the claim of the side that gained them, else a published count
        return "asserts-count" if qty.unit in ("districts", "installations") else "asserts"
    if (_CONTROL_STATE.search(content, c_low) or _POSSESSION.search(content) or _extent_told(content, c_low)) and \
            not _NOT_STATE.search(content, c_low) and not (quoted and _UNREAL.search(quoted)):
        return "asserts-state"
    if quoted and (_QUOTED_DENIAL.search(quoted) or _NEGATED_FACT.search(quoted)):
        return "denies"
    if _CHANGE.search(content) and not _UNREAL.search(content):
        return "asserts-gain"
    if _promised(text[said.end():hi], ctx):
        return "asserts-state"  # "the group would not attack foreign forces": a party's assurance
    return ""


# what a party promises it will not do: "would not allow", "will never attack", "won't be used"
_WILL_NOT = re.compile(r"\b(?:will|would|shall)\s+(?:\w+\s+)?(?:not|never)\b|\b(?:won|wouldn)['\u2019]t\b", re.I)
# what someone wishes, fears or asks of others is no promise: "hoped the group would not"
_NOT_OWN_WORD = re.compile(r"\b(?:hop(?:e|ed|es|ing)|wish\w*|fear\w*|expect\w*|concern\w*|worr\w*|urg\w*|ask\w*|"
                           r"call\w*|want\w*|demand\w*|if|unless|warn\w*|believ\w*|think\w*|thought|doubt\w*|"
                           r"likely|possible|seek\w*|sought|sure)\b", re.I)
# who promises: the speaker's side ("it", "they", "the group", "its fighters"), not a thing ("the meeting
# would not change anything": a forecast)
_PROMISER = re.compile(r"^(?:that\s+)?(?:it|they|we|he|she|i|(?:the|its|their|our|his|her)\s+(?:[\w\-]+\s+){0,2}"
                       r"(?:group|movement|front|government|administration|forces|fighters|troops|men|soldiers|"
                       r"mujahideen|side|army|leadership|delegation|office))\s*$", re.I)
_PASSIVE_AFTER = re.compile(r"\s+be\s+\w+(?:ed|en|wn)\b", re.I)


def _promised(after: str, ctx: Context | None = None) -> bool:
    """Return whether what follows a speech verb is a side's promise that something will not
    happen ("said the group would not attack foreign forces", "told Moscow its soil would never be
    used against it"): its subject the speaker's side or a party, or a passive; not what the speaker
    hopes, fears, asks or seeks of others, nor a forecast about a thing."""
    will_not = _WILL_NOT.search(after)
    if will_not is None or inside_quotes(after, will_not.start()) or \
            _NOT_OWN_WORD.search(after, 0, will_not.start()):
        return False
    subject = re.split(r"[,;]|\bthat\s", after[:will_not.start()])[-1].strip()  # "told the envoy that they"
    return bool(_PROMISER.match(subject)) or _PASSIVE_AFTER.match(after, will_not.end()) is not None or (
        ctx is not None and bool(parties_named(ctx.theatre, subject)))


# who holds what, in any wording: "under the group's control", "in control of the crossing",
# "have control over", "rebel-controlled", "controlled by the army", "controls the border"
_EXTENT_OF_CONTROL = re.compile(
    r"\bunder\s+(?:the\s+)?(?:full\s+|complete\s+|total\s+|effective\s+)?(?:[\w\-]+(?:['\u2019]s?)?\s+){0,2}"
    r"control\b|\bcontrol\s+(?:of|over)\b|\bin\s+(?:full\s+|complete\s+|total\s+|effective\s+)?control\b|"
    r"\bcontrolled\s+by\b|\w-controlled\b|\bcontrol(?:s|led|ling)?\s+(?:over\s+)?(?:the|a|an|its|their|large|"
    r"parts?|areas?|much|most|all|key|several|many)\b", re.I)
# not the extent of control: a change of hands ("retook control of"), a struggle ("the fight for
# control"), bringing a fire or a crowd under control, a negation ("no longer in control")
_NOT_EXTENT = re.compile(r"\b(?:for|brought|bring|bringing|brings|(?:re)?(?:tak|took|captur|seiz|gain|wrest|los|"
                         r"assum)\w*)\s+(?:the\s+)?(?:under\s+)?(?:(?:full|complete|total|effective)\s+)?control|\bnot\b|"
                         r"n['\u2019]t\b|\bno\s+longer\b|\brumou?rs?\b",
                         re.I)


def _extent_told(content: str, low: str | None) -> bool:
    """Return whether a statement's words say who holds what (not a change of hands, not denied)."""
    if low is not None and "control" not in low:
        return False
    return _EXTENT_OF_CONTROL.search(content) is not None and _NOT_EXTENT.search(content) is None


# a change of hands that has not happened: "could fall", "will retake", "tried to capture"
_UNREAL = re.compile(r"\b(?:could|would|will|may|might|shall|plans?\s+to|tr(?:y|ied|ies|ying)\s+to|"
                     r"attempt\w*\s+to|fail\w*\s+to|bid\s+to|aim\w*\s+to|vow\w*\s+to|not)\b", re.I)
_FELL_TO = re.compile(r"\b(?:fell|fallen|falls|handed\s+over)\s+(?:\w+\s+){0,2}to\s+|\bunder\s+(?:the\s+)?(?:control\s+of\s+)?|\b(?:retaken|recaptured|captured|"
                      r"seized|taken|liberated|overrun)\s+by\s+", re.I)
_STATE_BODY = re.compile(r"\b(?:ministry|government|army|police|governor|military|officials)\b", re.I)
_GROUP_AGENT = re.compile(r"(?:its|their|our)\b|(?:the|our|its)\s+(?:[\w\-]+\s+)?(?:group|movement|front|fighters|forces|mujahideen)\b", re.I)
_TAKEN_BACK = re.compile(r"retook|retaken|recaptur|liberat|regain|reclaim", re.I)
_HOLD = re.compile(r"\b(?:controls?|controlled|controlling|holds?|held|in\s+control|in\s+possession)\b", re.I)
_SELF = re.compile(r"(?:\b(?:it|they|we|our|its|their|his|her)\b|\bthe\s+(?:group|movement|front)[\u2019']s?)(?:\s+(?:own\s+)?(?:forces|fighters|troops|men|soldiers|"
                   r"units|mujahideen|commandos))?\s*$", re.I)


def _gainer(window: str, ctx: Context) -> str | None:
    """Return the party that a statement's change of hands names as the one who gained, "self"
    for "it/they/our forces", None when it names none."""
    m = _CHANGE.search(window) or _HOLD.search(window)
    if m is None:
        return None
    to = _FELL_TO.search(window)
    if to is not None:
        agent = window[to.end():to.end() + 60]
        if _GROUP_AGENT.match(agent):
            return "self"  # "overrun by the militant group", told by its spokesman
        named = parties_named(ctx.theatre, agent)
        return named[0] if named else None
    before = window[:m.start()]
    if _TAKEN_BACK.match(m.group()) and not parties_named(ctx.theatre, before[-80:]):
        return "self"  # "14 districts had been retaken": won back by the side that tells it
    if _SELF.search(before.rstrip()) or _SELF.search(re.sub(r"\s+(?:had|has|have|now|already|also|were|was)\s*$",
                                                            "", before.rstrip())):
        return "self"
    named = parties_named(ctx.theatre, before[-80:])
    return named[-1] if named else None


_CHANGE = re.compile(r"\b(?:captur\w*|seiz\w*|took|taken|tak(?:e|es|ing)\s+(?:over|control)|overr[au]n|retook|retaken|"
                     r"recaptur\w*|liberat\w*|fell|fallen|conquer\w*|regain\w*|reclaim\w*)\b", re.I)


# what a statement says of a claim or report: "said the reports were baseless", "were exaggerated"
_FALSE_PREDICATE = re.compile(
    r"\b(?:is|are|was|were|been|be)\s+(?:(?:completely|totally|entirely|simply|all|also|just|grossly|"
    r"highly|wildly|mere|pure|baseless\s+and)\s+){0,2}[\u201c\"]?(?P<w>false|untrue|baseless|groundless|"
    r"unfounded|fabricated|lies|a lie|not true|incorrect|inaccurate|(?:an?\s+)?(?:exaggerated|exaggeration|"
    r"propaganda|rumou?rs?|fake news|fake|nonsense|fabrication))\b", re.I)
_DISPUTING = re.compile(r"exaggerat|propaganda|rumou?r|nonsense", re.I)


# what a party says it holds: "in our hands", "under government control", "completely conquered"
_POSSESSION = re.compile(
    r"\b(?:in\s+(?:(?:our|their|its|his)\s+|the\s+(?:[\w\-]+\s+){0,2})hands\b|in\s+(?:the\s+)?possession\s+of|"
    r"(?:come|came|comes|coming|fallen|fell|remains?|remained|is|are|was|were)\s+(?:now\s+|still\s+|back\s+)?"
    r"under\s+(?:the\s+)?(?:full\s+|complete\s+|total\s+)?(?:[\w\-]+(?:['\u2019]s?)?\s+){0,2}control|"
    r"(?:completely|fully|entirely)\s+(?:conquered|captured|liberated|cleared|controlled|seized|taken))\b", re.I)
# a quoted denial of a fact: "Pakistan is not supporting any faction", "we have not lost a district"
_QUOTED_DENIAL = re.compile(r"\b(?:not true|no truth|false|baseless|untrue|groundless|unfounded|fabricat\w+|"
                            r"an? (?:absolute |outright |big )?lie|lies\b(?!\s+(?:in|with|on|at|ahead|behind)))",
                            re.I)
_NEGATED_FACT = re.compile(
    r"\b(?:is|are|was|were|has|have|had|do|does|did)(?:\s+not|n['\u2019]t)\s+(?:\w+\s+){0,1}"
    r"(?:support\w*|involved|behind|lost|fallen|captured|taken|true|present|providing|helping|sheltering|"
    r"interfer\w+|harbou?r\w*|backing)\b|\bthere\s+(?:is|are|were|was)\s+no\s+(?:truth|evidence|basis|"
    r"(?:\w+\s+)?(?:fighters|troops|militants|forces|presence))\b", re.I)


def match(sent: Sent, ctx: Context) -> list[ClaimMatch]:
    """Return the claim triggers of a sentence, outside quotations, one per clause."""
    text = sent.text
    low = lowered(text)
    if _NOT_CLAIM.search(text, low):
        return []
    out: list[ClaimMatch] = []
    statements = []
    for said, said_stance in _statements(sent, text, low, ctx):
        state = said_stance == "asserts-state"
        gain = said_stance if said_stance.startswith(("gain:", "count:")) else ""
        statements.append(ClaimMatch("asserts" if state or gain else said_stance, said.start(), said.end(),
                                     said.group(), state_only=state,
                                     content=_quoted_words(sent, text, said.start(), ctx), gain=gain))
    breaks: tuple[int, ...] | None = None  # the clause breaks, found once two claims are to be told apart
    if "claim" in text:  # every owned claim reads "claim(s) that"
        for m in _OWNED_CLAIM.finditer(text):
            # "rejected the capital's administration's claim that its forces had retaken Yangi Qala"
            if not inside_quotes(text, m.start()):
                out.append(ClaimMatch("asserts", m.start("claim"), m.end("claim"), m.group("claim"),
                                      owned=True))
    scans = _trigger_scans(ctx.theatre)
    for stance, rx in scans:
        for m in rx.finditer(text, low):
            if inside_quotes(text, m.start()):
                continue
            if out and breaks is None:
                breaks = _match_breaks(text)
            if any((abs(m.start() - o.t_start) < 40 and not o.owned and not (
                    # "rubbished the reports, calling them propaganda": the verb before the participle
                    m.start() < o.t_start and o.trigger[:4].lower() in ("call", "term", "desc")) and
                    # "claimed the district but officials denied it": two clauses, two claims
                    not any(min(m.start(), o.t_start) < b < max(m.start(), o.t_start) for b in breaks or ())) or (
                    o.t_start <= m.start() < o.t_end or m.start() <= o.t_start < m.end())
                    for o in out):
                continue
            word = m.group().lower()
            if any(o.t_start == m.start() for o in out):
                continue
            if _NEGATED_BEFORE.search(text, max(0, m.start() - 25), m.start()):
                continue  # "has not said who holds it", "neither side has claimed": no claim made
            if _SOUGHT_BEFORE.search(text, max(0, m.start() - 40), m.start()) and _PLEDGE_NOUN.match(word):
                continue  # "sought assurances that", "demanded guarantees": asked for, not given
            if word.startswith("disput") and (_DISPUTE_NOUN.search(text, max(0, m.start() - 30), m.start()) or not (
                    _DISPUTE_OBJECT.match(text, m.end()) or re.match(r"\s*(?:[.,;]|$)", text[m.end():]))):
                continue  # "to resolve disputes through talks", "the disputed border": a noun
            if word in ("claim", "claims", "denial", "denials") and _is_noun(sent, m.start()) and \
                    not re.match(r"\s+to\s+\w+", text[m.end():]):
                continue  # "the group's claims", "earlier denials": a claim named, not made here
            if stance == "denies" and (p := _PARTICIPLE_BEFORE.search(text, max(0, m.start() - 60), m.start())) \
                    and any(r.search(text[:p.start()]) for _, r in scans):
                continue  # "rejected the claims, saying there was no truth in them": one denial, the verb's
            st = stance
            if stance == "disputes" and re.match(r"dismiss|reject|rubbish", m.group(), re.I) and \
                    _DENIAL_WORDS.search(text[m.end():m.end() + 120]):
                st = "denies"
            if stance == "disputes" and word.startswith("reject") and _DENIED_THINGS.match(text, m.end()) and \
                    not _DISPUTING.search(text, m.end(), m.end() + 120):
                st = "denies"  # "rejected the group's claims": what it rejects is false ("as exaggerated": disputed)
            if stance == "asserts" and word.startswith("insist"):
                st = "disputes"  # "insisted the district had not fallen": a statement against another's
            if stance == "denies" and re.match(r"call", word) and \
                    re.search(r"absurd|propaganda|exaggerat|nonsense|fantas", word):
                st = "disputes"
            out.append(ClaimMatch(st, m.start(), m.end(), m.group()))
    # what a statement says, where no trigger above told it: "rejected the claims, saying ..." is
    # the rejection's; a change of hands the speaker's side gained
    for stmt in statements:  # "said its fighters now controlled the city": the claim is what follows "said"
        out = [replace(o, t_end=stmt.t_end, trigger=stmt.trigger) if o.t_start == stmt.t_start and
               o.stance == stmt.stance and not o.owned else o for o in out]
    triggered = list(out)
    if triggered and statements and breaks is None:
        breaks = _match_breaks(text)
    out.extend(s for s in statements if not any(
        o.t_start <= s.t_start < o.t_end or s.t_start <= o.t_start < s.t_end or (
            not s.gain and abs(s.t_start - o.t_start) < 40 and not o.owned and
            not any(min(s.t_start, o.t_start) < b < max(s.t_start, o.t_start) for b in breaks or ()))
        for o in triggered))
    out = [_verb_of_denial(text, o) for o in out]
    if any(o.stance != "asserts" and not o.trigger.lower().startswith("call") for o in out):
        # "denied that ..., calling such reports fantasies": one denial, told by its verb
        out = [o for o in out if not o.trigger.lower().startswith("call")]
    out.sort(key=lambda c: c.t_start)
    return out


_FROM = re.compile(r"\s+from\s+", re.I)
# assurances asked for, not given: "sought assurances that", "demanded guarantees", "without promises"
_SOUGHT_BEFORE = re.compile(r"\b(?:sought|seek\w*|demand\w*|ask\w*\s+for|want\w*|request\w*|need\w*|no|without|"
                            r"call\w*\s+for)\s+(?:(?:an?|the|any|firm|written|fresh|new|full|public|more)\s+){0,2}$", re.I)
_PLEDGE_NOUN = re.compile(r"(?:assurances?|guarantees|promises|pledges)\b")
# what a rejection denies: "rejected the charges", "rejected the group's claims", "rejected reports"
_DENIED_THINGS = re.compile(r"\s+(?:[\w\u2019'\-]+\s+){0,3}(?:claims?|charges?|allegations?|accusations?|reports?)\b",
                            re.I)
# "rejected the allegations as baseless": the verb denies, and what it rejects is its object
_DENIAL_ADJECTIVE = re.compile(r"not true|absolute lie|outright lies?|baseless|unfounded|"
                               r"(?:there\s+(?:is|was)\s+)?no truth", re.I)
_REJECTED_AS = re.compile(r"\b(?:reject(?:ed|s|ing)?|dismiss(?:ed|es|ing)?)\b(?=[^.;:\u201c\u201d\"]{0,80}"
                          r"\bas\s+$)", re.I)
# "termed reports of Iranian support for the group baseless": the verb denies what it names
_CALLED_BEFORE = re.compile(r"\b(?:call(?:ed|s)?|term(?:ed|s)?|describ(?:ed|es)|brand(?:ed|s)?|label+(?:ed|s)?)\b"
                            r"(?=[^.;:\u201c\u201d\"]{0,80}\s[\u201c\"]?$)", re.I)
_CALLED_OBJECT = re.compile(r"(?:call|term|describ)\w*\s+(?P<obj>.+)\s+[\u201c\"]?(?:an?\s+)?\w+$", re.I)
_AS_DENIAL = (r"\s+as\s+[\u201c\"]?(?:baseless|unfounded|false|untrue|lies|a lie|fabricated|groundless|invented|fake|"
              r"not true)\b")


def _verb_of_denial(text: str, o: ClaimMatch) -> ClaimMatch:
    """Return the denial told by "rejected ... as baseless" as the verb's, else the match itself."""
    if o.stance != "denies" or not _DENIAL_ADJECTIVE.fullmatch(o.trigger):
        return o
    found = list(_REJECTED_AS.finditer(text, max(0, o.t_start - 90), o.t_start)) or \
        list(_CALLED_BEFORE.finditer(text, max(0, o.t_start - 90), o.t_start))
    v = found[-1] if found else None
    if v is None or inside_quotes(text, v.start()):
        return o
    return ClaimMatch("denies", v.start(), v.end(), v.group())


def _closes_quote(text: str, pos: int) -> bool:
    """Return whether a quotation closes before a position with no opening mark in the sentence."""
    before = text[:pos]
    return before.count("\u201d") > before.count("\u201c") or (
        before.count('"') % 2 == 1 and before.lstrip()[:1] != '"')


def _is_outlet(text: str, pos: int, ctx: Context) -> bool:
    """Return whether an outlet or wire is named just before a position ("..., Reuters said")."""
    window = text[max(0, pos - 45):pos].lower()
    by_word, other = _outlet_patterns(ctx.theatre)
    for w in _WORD.finditer(window):  # a name that begins a word begins with that whole word
        rx = by_word.get(w.group())
        if rx is not None and rx.match(window, w.start()) is not None:
            return True
    return other is not None and other.search(window) is not None


_WORD = re.compile(r"\w+")
# theatre id -> (the theatre, kept alive so that its id is not reused, and its patterns)
_OUTLET_PATTERNS: dict[int, tuple[object, dict[str, re.Pattern[str]], re.Pattern[str] | None]] = {}


def _outlet_patterns(theatre: object) -> tuple[dict[str, re.Pattern[str]], re.Pattern[str] | None]:
    """Return the outlet names and aliases of a theatre and the wires as patterns of whole words:
    by the first word of the names, and one of the names that begin with no word."""
    hit = _OUTLET_PATTERNS.get(id(theatre))
    if hit is None:
        outlets = getattr(theatre, "outlets", ())
        names = {n.lower() for o in outlets for n in (o.name, *o.aliases) if len(n) > 2}
        names |= {w.lower() for w in en.WIRES}
        groups: dict[str, list[str]] = {}
        for n in sorted(names, key=len, reverse=True):
            first = _WORD.match(n)
            groups.setdefault(first.group() if first else "", []).append(re.escape(n))
        rxs = {w: re.compile(rf"\b(?:{'|'.join(alts)})\b") for w, alts in groups.items()}
        hit = _OUTLET_PATTERNS[id(theatre)] = (theatre, rxs, rxs.pop("", None))
    return hit[1], hit[2]




def _note_groups(sent: Sent, ctx: Context) -> None:
    """Remember the last movement or body named (not the incumbent's), for "the group" and "the
    movement", and the last ministry, for "the ministry"."""
    group = ministry = False
    text = sent.text
    for e in reversed(sent.all_ents):  # the last one named
        if e.label == _ACTOR:
            actor = ctx.theatre.actor(text[e.start_char:e.end_char])  # (Span.text joins its tokens anew)
            if actor is None:
                continue
            if not group and actor.kind in ("movement", "organisation", "force") and \
                    next((x for x in (actor.id, actor.affiliation, actor.side) if x in ctx.theatre.parties),
                         None) != ctx.theatre.incumbent:
                # "the group said": an armed group, not the incumbent's forces named last
                ctx.last_group, group = actor.name, True
            elif not ministry and actor.kind == "ministry":
                ctx.last_body, ministry = actor.name, True  # for "the ministry said"
            if group and ministry:
                return


_ACTOR = get_string_id("ACTOR")  # an entity's label as a number: no look-up of its string
_PERSON = get_string_id("PERSON")


def _span_text(tokens: list[Token]) -> str:
    if not tokens:
        return ""
    doc = tokens[0].doc
    return doc[tokens[0].i:tokens[-1].i + 1].text


_PRONOUN = {"it", "they", "he", "she", "which", "who", "that", "we", "i"}
_GENERIC_BODY = re.compile(r"^(?:the\s+)?(?:group|movement|insurgents|militants|organi[sz]ation)$", re.I)
_GENERIC_PERSON = re.compile(r"^(?:the\s+)?(?:spokes(?:man|person|woman)|minister|governor|official|"
                             r"envoy|commander|president|ambassador|diplomat)$", re.I)
_BARE_MINISTRY = re.compile(r"^(?:the\s+)?ministry$", re.I)
_BARE_STATEMENT = re.compile(r"^(?:the|a|its|their)\s+(?:joint\s+|latest\s+|written\s+)?(?:statement|communiqu\u00e9|"
                             r"press release)$", re.I)
_ROLE_OF_BODY = re.compile(r"^(?:an?\s+|the\s+)?(?P<role>spokes(?:man|person|woman)|official|commander|"
                           r"member|leader)\s+(?:for|of)\s+(?:the\s+)?(?:group|movement|insurgents|"
                           r"militants|organi[sz]ation)$", re.I)
# named by the NER as people now and then, never who makes a claim
_PLATFORMS = set(en.PLATFORMS)
_SPEECH_LEMMAS = en.SPEECH_LEMMAS
NO_CLAIMANT = ""  # the subject is a pronoun the report does not resolve


def subject_of(tok: Token) -> Token | None:
    """Return the subject of a verb: of two, the one nearest before it.

    "KANDAHAR (WSB): The Ministry of Defence denied ...": the parser may read the dateline as a
    second subject.
    """
    subj = [c for c in tok.children if c.dep_ in _SUBJ_DEPS]
    if len(subj) > 1:
        before = [c for c in subj if c.i < tok.i]
        return before[-1] if before else subj[0]
    return subj[0] if subj else None


_subject_of = subject_of


def _np_text(s: Token, ctx: Context | None = None) -> str:
    doc = s.doc
    own = next((e for e in doc.ents if e.start <= s.i < e.end and e.label_ in ("PERSON", "ACTOR")), None)
    if own is not None and ctx is not None:
        actor = ctx.theatre.actor(own.text)
        if own.label_ == "PERSON" or (actor is not None and actor.kind == "person"):
            return own.text  # "Front spokesman Karim Dost": the person
    if ctx is not None and s.head is not s:
        for e in doc.ents:  # "Russia's envoy to the country, Ivan Petrov, dismissed": Petrov
            actor = ctx.theatre.actor(e.text) if e.label_ == "ACTOR" else None
            if s.left_edge.i <= e.start and e.end <= s.head.i and e.start > s.i and (
                    e.label_ == "PERSON" or (actor is not None and actor.kind == "person")):
                return e.text
    appos = [c for c in s.children if c.dep_ == "appos" and c.ent_type_ in ("PERSON", "ACTOR")]
    if appos:
        a = appos[0]
        return doc[min(t.i for t in a.subtree if t.ent_type_):
                   max(t.i for t in a.subtree if t.ent_type_) + 1].text
    toks = [t for t in s.subtree if t.dep_ not in ("relcl", "acl", "appos", "punct") or t.i < s.i]
    toks = [t for t in toks if not any(a.dep_ in ("relcl", "acl", "appos") and a.i != s.i
                                       for a in t.ancestors if a in s.subtree and a.i > s.i)]
    name = _span_text(toks) if toks else s.text
    return name if len(name) < 120 else s.text


def _subject_from_parse(sent: Sent, t_start: int, ctx: Context) -> str | None:
    """Return the subject of a trigger (or of the speech verb above it), '' for a bare pronoun."""
    if not sent.parsed:
        return None
    head = next((t for t in sent.doc if t.idx >= t_start), None)
    if head is None:
        return None
    found: str | None = None
    for _ in range(3):
        s = _subject_of(head)
        if s is not None:
            found = _resolve(s.text if s.pos_ == "PRON" else _np_text(s, ctx), ctx)
            break
        if head.dep_ in ("conj", "xcomp", "ccomp", "advcl", "relcl") and head.head is not head:
            head = head.head
        else:
            break
    if found is None or found == NO_CLAIMANT or _GENERIC_BODY.match(found):
        # "Naeem said the group had assured China": the one who said it
        for anc in head.ancestors:
            if lemma(anc) in _SPEECH_LEMMAS and (outer := _subject_of(anc)) is not None \
                    and outer.pos_ != "PRON":
                return _resolve(_np_text(outer, ctx), ctx)
    return found


_REPORT_NOUN = re.compile(r"^(?:an?\s+|the\s+)?(?:(?:media|news|local|some|new)\s+)?(?:reports?|media)$", re.I)
_CITING = re.compile(r"\b(?:citing|quoting)\s+(?P<who>[^,;]{2,60}?)\s*,", re.I)
_INVERTED = re.compile(r"[\u201d\"'\u2019],?\s*$")


def _claimants(ctx: Context) -> list[str]:
    """Return the claimants of the report's claims so far (kept on its context)."""
    mem: list[str] | None = ctx.__dict__.get("_claimants")
    if mem is None:
        mem = ctx.__dict__["_claimants"] = []
    return mem


def _resolve(name: str, ctx: Context) -> str:
    """Return he/she as the last person named, 'the group' as the last movement; '' if unknown."""
    n = clean_name(name)
    low = name.strip().lower()
    if low in ("he", "she"):
        return ctx.person_before_claim or NO_CLAIMANT
    if low in ("it", "they"):  # "It added that ...": the body that made the claim before
        return next((c for c in reversed(_claimants(ctx)) if c not in ctx.people), NO_CLAIMANT)
    if low in _PRONOUN:
        return NO_CLAIMANT
    if _GENERIC_BODY.match(name.strip()) and ctx.last_group:
        return ctx.last_group
    if _BARE_MINISTRY.match(name.strip()) and ctx.last_body:
        return ctx.last_body  # "the ministry said": the last ministry named
    if _BARE_STATEMENT.match(name.strip()) and (ctx.last_group or ctx.last_body):
        return ctx.last_group or ctx.last_body or n  # "the statement said": the group that issued it
    role = _ROLE_OF_BODY.match(n)
    if role and ctx.last_group:  # "a spokesman for the movement": the movement's spokesman
        return f"{ctx.last_group} {role['role'].lower()}"
    if _GENERIC_PERSON.match(name.strip()) and ctx.last_person:
        return ctx.last_person
    return n or name.strip()


def _subject_nearby(sent: Sent, t_start: int, ctx: Context) -> str | None:
    best = None
    for e in sent.all_ents:
        if e.label_ in _PARTY_LABELS and e.end_char <= t_start and t_start - e.end_char < 120:
            best = e
    if best is None:
        return None
    name = clean_name(best.text)
    return ctx.full_name(name) if best.label_ == "PERSON" else name


_CLAUSE_BEFORE = re.compile(r"(?:^|[,;:]\s*|\s[\u2013\u2014-]\s|\s(?:but|while|whereas)\s)(?P<who>[^,;:\u201c\u201d\"()]{1,80}?)\s*$")
_NOT_A_SUBJECT = re.compile(r"^(?:in|on|at|for|but|and|while|after|before|since|as|when|if|that|so|"
                            r"also|meanwhile|however|what|which|who|whom|whose|where|no|nothing)\b|"
                            r"\b(?:after|before|while|when|since|because|until|whom|which|where)\b|"
                            r"\b(?:is|are|was|were|be|been|have|has|had|will|would|can|could|may|might|"
                            r"must|should|do|does|did)\b", re.I)
# not "and": "..., and officials called it propaganda" is left to the parse
_CONJUNCTION = re.compile(r"^(?:but|while|whereas|yet|though)\s+(?=\S)", re.I)
_ADVERBS_AFTER = re.compile(r"(?:\s+(?:also|now|further|later|then|again|too|previously|earlier|"
                            r"reportedly|repeatedly|separately))+$", re.I)


def _subject_by_words(sent: Sent, t_start: int, ctx: Context) -> str | None:
    """Unparsed: the few words between the last comma (or the sentence start) and the trigger,
    when no party the NER or the actors file knows stands there ("..., officials said",
    "He claimed that ..."); None to look for the nearest party instead."""
    before = _AUX_AFTER.sub("", sent.text[:t_start].rstrip())  # "Islamabad has brushed aside": Islamabad
    t_start = len(before)
    later = list(_LATER_CLAUSE.finditer(before))
    if later:  # "claimed the district but officials denied it": the last clause's subject
        lo = later[-1].end()
        who = _ADVERBS_AFTER.sub("", before[lo:].strip())
        if not who or len(who.split()) > 6 or _NOT_A_SUBJECT.search(who) or any(
                e.label_ in _PARTY_LABELS and lo <= e.start_char and e.end_char <= t_start for e in sent.all_ents):
            return None
        return _resolve(who, ctx)
    if before.endswith(",") and re.match(r"\s*\w+ing\b", sent.text[t_start:]):
        # "X levelled charges against Y, saying ...": the subject of the clause the participle ends
        acting = _acting_party(sent, before, ctx)
        if acting is not None:
            return acting
    if before.endswith(","):  # "X, a rebel spokesman, said"; "The governor of Y, X, said"
        return _appositive_subject(sent, before[:-1], ctx)
    if _AND_BEFORE.search(before):  # "X held talks with Y and assured ...": X, not Y
        return _coordinated_subject(sent, before, ctx)
    m = _CLAUSE_BEFORE.search(sent.text, 0, t_start)
    if m is None:
        return None
    who = _ADVERBS_AFTER.sub("", m["who"].strip())  # "She also claimed": She
    said = list(_SAID.finditer(who))
    if said:  # "The envoy said the movement had given assurances": the envoy tells them (as the
        # eval-dev guidelines read "NAME said the group had assured ..."); "The spokesman said
        # there was no truth in it": the spokesman; "..., said the movement had given": the movement
        speaker = who[:said[-1].start()].strip()
        head = sent.text[:m.start("who")].rstrip()
        if not speaker and head.endswith(","):  # "NAME, the group's spokesman, said the group had ..."
            speaker = _appositive_subject(sent, head[:-1], ctx) or ""
            if speaker:
                return speaker
        after = re.sub(r"^that\s+", "", who[said[-1].end():].strip(), flags=re.I)
        who = speaker if speaker or not after or _NOT_A_SUBJECT.search(after) or \
            after.lower().startswith("there") else after
    who = _CONJUNCTION.sub("", who)  # "..., but the resistance front rejected": the front
    if not who or len(who.split()) > 6 or _NOT_A_SUBJECT.search(who) or \
            who.lower() in _PRONOUN - {"he", "she", "it", "they"}:
        return None
    lo = m.start("who")
    if any(e.label_ in _PARTY_LABELS and lo <= e.start_char and e.end_char <= t_start for e in sent.all_ents) \
            and not _BODY_HEAD.search(who) and not _POSSESSED_HEAD.search(who):
        return None  # "The UN mission blamed": the mission, not only the name within it
    return _resolve(who, ctx)


_BODY_HEAD = re.compile(r"^(?:the\s+)?(?-i:[A-Z])[\w\-\u2019']*(?:\s+(?-i:[A-Z])[\w\-\u2019']*)?\s+(?:mission|embassy|"
                        r"delegation|commission|office|council|command)$", re.I)
# "NAME's resistance front claimed": the front, not its leader
_POSSESSED_HEAD = re.compile(r"^(?:the\s+)?(?:[\w\-.]+\s+){0,3}[\w\-.]+['\u2019]s\s+(?:[\w\-]+\s+){0,2}(?:front|movement|"
                             r"government|ministry|army|forces|office|council|command|militia|party|group|"
                             r"spokes(?:man|person|woman))$", re.I)
_LATER_CLAUSE = re.compile(r"\s(?:but|while|whereas|and)\s+(?=[^,;]{1,60}$)", re.I)
_AUX_AFTER = re.compile(r"\s+(?:has|have|had|also|has also|have also|had also)$", re.I)
_NAME_LIKE = re.compile(r"(?:[A-Z][\w\-\u2019']+\s+){1,3}[A-Z][\w\-\u2019']+")
_ASIDE = re.compile(r"^(?:however|meanwhile|in turn|for (?:its|his|her|their) part|though|too|also)$", re.I)


_AND_BEFORE = re.compile(r"\s(?:and|but)$", re.I)
# the name that opens a clause, with the roles it may carry ("Defence ministry spokesman NAME")
_LEADING_NAME = re.compile(r"^(?:the\s+)?(?!(?:the|an?)\s)(?-i:[A-Z])[\w\-\u2019'.]*(?:\s+(?:(?:of\s+)?(?-i:[A-Z])"
                           r"[\w\-\u2019'.]*|ministry|spokes(?:man|person|woman)|minister|official|chief|commander|"
                           r"governor|deputy|foreign|defen[cs]e|interior|acting|senior|army|police|forces|envoy|"
                           r"president|delegation|leader|head))*", re.I)
_LEADING_ROLE = re.compile(r"^the\s+[a-z]+(?=\s)", re.I)


_OBJECT_BEFORE = re.compile(r"\b(?:against|by|with|to|from|of|on|in|at|for|over|about|into|towards?|and|"
                            r"between|among|than)\s+(?:the\s+)?$", re.I)
# a word that can begin a verb phrase after a name (not a preposition, a conjunction or a relative)
_VERB_AFTER = re.compile(r"\s+(?!(?:of|and|or|in|on|at|for|to|from|with|by|as|who|which|that|whose|forces|"
                         r"fighters|troops|officials|spokes\w+|delegation|government|ministry)\b)[a-z]+\b")


def _acting_party(sent: Sent, before: str, ctx: Context) -> str | None:
    """Unparsed: the last party or person before a participle's comma that stands as a subject:
    followed by a verb and not the object of a preposition ("X levelled charges against Y,
    saying": X). None when none does."""
    lo = len(before)
    for brk in _LATER_CLAUSE_START.finditer(before[:-1]):
        lo = brk.end()
    lo = 0 if lo == len(before) else lo
    found = None
    for e in sent.all_ents:
        if e.label_ not in _PARTY_LABELS or e.start_char < lo or e.end_char > len(before):
            continue
        if _OBJECT_BEFORE.search(sent.text, max(0, e.start_char - 15), e.start_char):
            continue
        if _VERB_AFTER.match(sent.text, e.end_char):
            found = e
    if found is None:
        return None
    name = clean_name(found.text)
    return ctx.full_name(name) if found.label == _PERSON else _resolve(name, ctx)


_LATER_CLAUSE_START = re.compile(r"[;:]\s+|\s[\u2013\u2014-]\s")


def _coordinated_subject(sent: Sent, before: str, ctx: Context) -> str | None:
    """Unparsed: the subject of "X did A and said B", a verb that shares the subject of the
    clause it is joined to: the name that opens the first part between commas that is not an
    introduction ("Since May, X launched ... and said"; "X, the envoy, held ... and assured"). A
    person named inside that name is the claimant ("Country Prime Minister NAME"). None when no
    part opens with a party or person the NER or the actors file knows."""
    lo = 0
    for part in before.split(","):
        stripped = part.strip()
        start = lo + len(part) - len(part.lstrip())
        lo += len(part) + 1
        if not stripped or _NOT_A_SUBJECT.match(stripped) or _ASIDE.match(stripped):
            continue
        m = _LEADING_NAME.match(stripped)
        if m is None:  # "The movement held ... and said": the group named last
            role = _LEADING_ROLE.match(stripped)
            if role and any(r.match(role.group()) for r in (_GENERIC_BODY, _GENERIC_PERSON, _BARE_MINISTRY)):
                return _resolve(role.group(), ctx) or None
            return None
        end = start + m.end()
        named = [e for e in sent.all_ents if e.label_ in _PARTY_LABELS and start <= e.start_char and e.end_char <= end]
        if not named:  # "Earlier, X ..." is an introduction; "Meanwhile X ..." names no one
            if len(stripped.split()) <= 3:
                continue
            return None
        people = [e for e in named if e.label == _PERSON]
        return ctx.full_name(clean_name(people[-1].text)) if people else _resolve(m.group(), ctx)
    return None


# a part between commas that modifies the name before it: "X, led by Y, said"; "X, who ..., said"
_MODIFIER_PART = re.compile(r"^(?:(?:led|headed|accompanied|backed|joined|supported|quoted|cited|followed)\s+by|"
                            r"who|which|whose|along\s+with|together\s+with|including)\b", re.I)


def _appositive_subject(sent: Sent, before: str, ctx: Context) -> str | None:
    """Unparsed: the subject of "X, a rebel spokesman, said" (the name of the two parts), or of
    "The resistance front, however, said"; None when no part before the trigger names one."""
    parts = [re.split(r"\s[\u2013\u2014-]\s|:\s", p)[-1].strip() for p in before.split(",")]  # after a dateline
    parts = [p for p in parts if p and not _ASIDE.match(p) and not _MODIFIER_PART.match(p)][-2:]
    for p in reversed(parts):
        if _NAME_LIKE.fullmatch(p) and not _NOT_A_SUBJECT.search(p):
            return ctx.full_name(p) if ctx.theatre.actor(p) is None else clean_name(p)
    if parts and not _NOT_A_SUBJECT.search(parts[-1]) and len(parts[-1].split()) <= 6 and \
            not (len(parts) > 1 and re.match(r"^(?:an?|the)\s+[a-z]", parts[-1])):
        return _resolve(parts[-1], ctx)  # "The resistance front, however, said"
    return None


def _named_after(text: str, t_end: int, ctx: Context) -> str | None:
    """Return X of "according to X," and "denials by X"."""
    m = re.match(r"\s*(?P<who>[^,;.:\u201c\u201d\"]{2,90}?)\s*(?:[,;.:]|$|\s+(?:on|in|that)\s)",
                 text[t_end:])
    return _resolve(m["who"], ctx) if m else None


_DAY = en.WEEKDAY
# "told Al Jazeera that", "said in a statement on Friday that", "no truth in": what the claim is not
_SOURCE_THAT = re.compile(
    r"^\s*(?:(?:(?:in\s+an?\s+(?:\w+\s+)?(?:statement|tweet|message|interview|post)|on\s+(?:Twitter|Facebook|Telegram)|"
    r"by\s+telephone|reporters|journalists|(?-i:[A-Z])[\w\u2019'\-]*(?:\s+(?-i:[A-Z])[\w\u2019'\-]*){0,3}|"
    r"(?:on\s+)?" + _DAY + r"(?:\s+" + en.alternation(en.PARTS_OF_DAY) + r")?)[\s,]+){1,3}that\s+)", re.I)


def _claim_text(text: str, t_end: int) -> tuple[int, str]:
    """Return where the claim starts after its trigger, and its words."""
    rest = text[t_end:]
    lead = _SOURCE_THAT.match(rest) or (re.match(r"\s+in\s+", rest) if text[:t_end].lower().endswith("truth")
                                        else None) or re.match(r"^\s*(?:(?:on\s+)?" + _DAY + r"\s+)?"
                    r"(?:" + "|".join(en.PARTS_OF_DAY) + r"\s+)?(?:as\s+(?:baseless|unfounded|false|untrue|groundless|fabricated)\s+|"
                    r"(?:that|as|to|of)\s+)?", rest, re.I)
    offset = lead.end() if lead else 0
    body = rest[offset:]
    body = re.split(r",\s*(?:officials|he|she|they|(?:the|a|an)(?:\s+[\w\-\u2019']+){1,4}?)\s+(?:said|added|told)\b|"
                    r"\s+and\s+(?:said|added|insisted|claimed|stressed)\b|\s[–—-]\s|;|\s+but\s|"
                    r",\s*(?:calling|saying|adding|describing|dismissing)\b|,\s*(?:but|while|whereas)\s|"
                    r"\s+[\u201c\"]?(?:baseless|unfounded|groundless|untrue|fabricated)[\u201d\"]?\W*$|" + _AS_DENIAL, body, flags=re.I)[0]
    stripped = body.rstrip(" ,.\u201c\u201d\"()")
    lstripped = stripped.lstrip(" ,.\u201c\u201d\"()")
    return t_end + offset + len(stripped) - len(lstripped), lstripped


# a speaker introduced by a role between commas: "NAME NAME, a member of the council, told"
_APPOSED_SPEAKER = re.compile(r"(?<![\w\-])(?P<name>(?-i:[A-Z])[\w\-\u2019']+(?:\s+(?-i:[A-Z])[\w\-\u2019']+){1,3}),\s+"
                              r"(?:an?|the)\s+[^,;:\u201c\u201d\"]{3,90},\s+(?:said|says|told|tells|added|claimed)\b")


def to_records(sent: Sent, matches: list[ClaimMatch], ctx: Context) -> list[Claim]:
    """Return a Claim per trigger, with claimant, the claim, a quantity if stated, and a date."""
    out: list[Claim] = []
    text = sent.text
    _note_groups(sent, ctx)
    before_sentence = ctx.person_seen_by_claims
    named_here = [e for e in sent.all_ents if e.label == _PERSON and
                  clean_name(e.text).lower() not in _PLATFORMS] if matches else []
    if ctx.last_person is None or ctx.last_person.lower() not in _PLATFORMS:
        ctx.person_seen_by_claims = ctx.last_person
    else:  # "Mujahid wrote on Twitter": Mujahid
        people = [e for e in sent.all_ents if clean_name(e.text).lower() not in _PLATFORMS and (
            e.label_ == "PERSON" or (e.label_ == "ACTOR" and (a := ctx.theatre.actor(e.text)) is not None
                                     and a.kind == "person"))]
        if people:
            ctx.person_seen_by_claims = ctx.full_name(clean_name(people[-1].text))
    # (a gate: the pattern needs ", a/an/the ..., said" and counts only where no person is named)
    apposed = [a for a in _APPOSED_SPEAKER.finditer(text) if ctx.theatre.actor(a["name"]) is None] \
        if text.count(",") >= 2 and not any(e.label == _PERSON for e in sent.all_ents) else []
    if apposed:
        # unparsed: "NAME NAME, a member of the provincial council, told ...": he, in what follows
        ctx.person_seen_by_claims = apposed[-1]["name"]
    if not matches:
        return out
    ev = sent.evidence()
    for m in matches:
        named = [e for e in named_here if e.end_char <= m.t_start]
        ctx.person_before_claim = ctx.full_name(named[-1].text) if named else before_sentence
        trig = m.trigger.lower()
        claimant: str | None
        own = next((o for o in _OWNED_CLAIM.finditer(text) if o.start("claim") == m.t_start), None)
        if own is not None:
            claimant = _resolve(own["owner"], ctx)
        elif trig.startswith("according to") or trig.endswith(" by"):
            claimant = _named_after(text, m.t_end, ctx)
        elif _INVERTED.search(text, 0, m.t_start) and re.match(r"\s+(?:the\s+|an?\s+)?(?-i:[A-Z])|\s+(?:the|an?)\s",
                                                             text[m.t_end:]):
            claimant = _named_after(text, m.t_end, ctx)  # '"...," said Fawad Aman': who follows the verb
        else:
            claimant = _subject_from_parse(sent, m.t_start, ctx)
            if claimant is None:
                claimant = _subject_by_words(sent, m.t_start, ctx)
            if claimant is None:
                claimant = _subject_nearby(sent, m.t_start, ctx)
            if claimant is None and (after := _ATTRIBUTION_AFTER.search(text, m.t_end)) is not None:
                claimant = _resolve(after["who"], ctx)  # "There is no truth in ..., the front said"
        passive = re.search(r"\b(?:been|was|were|is|are|be)\s+$", text[:m.t_start], re.I) and trig.endswith("ed")
        if passive and not re.match(r"\s+by\b", text[m.t_end:]):
            continue  # "ties with the rebels have been alleged": no one named makes the claim
        if passive and (by := re.match(r"\s+by\b", text[m.t_end:])) is not None:
            claimant = _named_after(text, m.t_end + by.end(), ctx) or claimant  # "was dismissed by X"
        quoted = _QUOTED_AS.search(text, max(0, m.t_start - 60), m.t_start)
        if quoted is not None:  # "X was quoted by TOLOnews as saying": X, not the outlet
            claimant = _subject_nearby(sent, quoted.start(), ctx) or claimant
        if trig.startswith("an assertion that"):
            claimant = _subject_after(sent, m.t_end) or claimant
        if trig.startswith(("received", "receive", "got")) and (giver := _FROM.match(text, m.t_end)) is not None:
            # "had received assurances from the group that ...": the group gave them
            claimant = _named_after(text, giver.end(), ctx) or claimant
        if claimant and _is_dateline(text, claimant):
            # "ZARANJ (Pajhwok): Nimroz police chief X refuted ...": the parse took the dateline
            claimant = ctx.full_name(named[-1].text) if named else _subject_nearby(sent, m.t_start, ctx)
        if not claimant:
            continue
        claimant = _full_name_of_initials(_tidy(claimant), ctx)
        if _REPORT_NOUN.match(claimant):
            # "A report claimed that ..., a spokesman said"; "Citing residents, the reports claim"
            after = _ATTRIBUTION_AFTER.search(text, m.t_end)
            citing = _CITING.search(text, 0, m.t_start)
            source = after["who"] if after is not None else citing["who"] if citing is not None else None
            if source and not _names_outlet(_tidy(source), ctx):
                claimant = _full_name_of_initials(_tidy(_resolve(source, ctx) or source), ctx)
        if _names_outlet(claimant, ctx):
            continue  # "according to an AFP tally": the outlet's own count, not a party's claim
        if not claimant or claimant.lower() in _PRONOUN:
            continue
        if m.state_only and not _is_party(claimant, ctx):
            continue  # "Government forces still hold Gereshk, officials said": sourcing
        if m.gain and not (_own_gain(m.gain.partition(":")[2], claimant, ctx) and (
                m.gain.startswith("count:") or _contested(sent, ctx))):
            # "officials said the district fell to the insurgents": sourcing of a loss; "the
            # army said it had retaken the town": its gain, told as fact unless the report doubts it
            continue
        if m.gain and _GENERIC_ARMED.match(claimant) and \
                (taker := _gainer(m.gain.partition(":")[2], ctx)) in ctx.theatre.parties:
            claimant = re.sub(r"\s*\(.*\)\s*$", "", ctx.theatre.parties[taker].name)  # "X has seized ..., the armed group said": X
        b_start, body = _claim_text(text, m.t_end)
        if m.content:  # '"The province is in our hands," he said': the quotation
            b_start, body = 0, m.content.strip(" ,.\u201c\u201d\"")
        if trig.startswith("according to") and not text[:m.t_start].strip():
            # "According to the rebels, 600 soldiers were killed": what follows the source
            after = re.match(r"[^,;]{2,90}?,\s*(?P<rest>\S.*?)[\s.]*$", text[m.t_end:])
            if after is not None:
                b_start, body = m.t_end + after.start("rest"), after["rest"]
        named_obj = _CALLED_OBJECT.match(m.trigger) if not body else None
        if named_obj is not None:  # "called the group's claims false": what it calls so
            b_start, body = m.t_start + named_obj.start("obj"), named_obj["obj"]
        if m.stance == "asserts" and _SAID.fullmatch(m.trigger) and not (
                _quantity(body, ctx.theatre) or _CONTROL_STATE.search(body) or _POSSESSION.search(body) or
                _extent_told(body, None) or _promised(body, ctx) or _CHANGE.search(body)) and \
                m.t_start > 20:
            # "X controls 85 percent of the territory, a member of its delegation said"
            # '"The city is under our control," X said': the quotation, not who said it
            close = max(text.rfind("\u201d", 0, m.t_start), text.rfind('"', 0, m.t_start))
            b_start, body = 0, text[:close if close > 0 else m.t_start].strip(" ,\u201c\u201d\"")
        qty = _quantity(body, ctx.theatre) or (_quantity(text, ctx.theatre) if m.stance == "asserts" else None)
        when = date_near(sent.dates, m.t_start, m.t_end)
        if any(c.claimant == claimant and c.stance == m.stance for c in out):
            continue
        lo, hi = min(m.t_start, b_start), min(len(text), max(m.t_end, b_start + len(body)))
        claimant = _spelled_out(claimant, ctx)
        party = party_in(ctx.theatre, claimant)
        if party is not None and any(c.stance == m.stance and c.claimant_party == party for c in out):
            continue  # "A report claimed ..., a rebel spokesman said": one side's one claim
        _claimants(ctx).append(claimant)
        out.append(Claim(claimant=claimant, stance=m.stance,  # type: ignore[arg-type]
                         text=body or text.strip(), quantity=qty, date=when, evidence=ev,
                         span=sent.span_of(lo, hi), claimant_party=party,
                         district_ids=_districts_within(sent, ctx, lo, hi), hedged=is_hedged(text)))
    return out


_DOUBT = re.compile(r"\b(?:" + en.alternation(en.HEDGES) + r"|den(?:y|ied|ies)|reject\w*|dismiss\w*|disput\w*|"
                    r"refut\w*|claim\w*|not (?:be )?(?:independently )?(?:confirm|verif)\w*|"
                    r"no (?:independent )?(?:confirmation|verification))\b", re.I)


def _contested(sent: Sent, ctx: Context) -> bool:
    """Return whether the report doubts a statement: a hedge or a denial in its sentence or the
    two after it ("The claim could not be independently verified")."""
    sents = ctx.report.sentences
    i = bisect_left(ctx.report.starts, sent.start)
    near = [sent.text, *(s.text for s in sents[i + 1:i + 3] if s.start > sent.start)]
    return any(_DOUBT.search(t) and not inside_quotes(t, _DOUBT.search(t).start()) for t in near)  # type: ignore[union-attr]


def _own_gain(words: str, claimant: str, ctx: Context) -> bool:
    """Return whether a statement of a change of hands tells the speaker's own side's gain
    ("the spokesman said the group's fighters had overrun the district")."""
    speaker = party_in(ctx.theatre, claimant)
    if speaker is None and _STATE_BODY.search(claimant):
        speaker = ctx.theatre.incumbent  # "the ministry", "the governor": the state's
    gainer = _gainer(words, ctx)
    if speaker is None and gainer not in (None, "self", ctx.theatre.incumbent) and _GENERIC_ARMED.match(claimant):
        speaker = gainer  # "X has seized eight camps, the armed group said": the group named as taker
    if speaker is None:
        return False
    return gainer == "self" or (gainer is not None and ctx.theatre.counts_for(gainer) == ctx.theatre.counts_for(speaker))


def _districts_within(sent: Sent, ctx: Context, lo: int, hi: int) -> tuple[str, ...]:
    """Return the ids of the districts a sentence names between two offsets, in order, once each
    ("the district" and "the town" as the place they refer to)."""
    ids = [p.district.id for p in district_mentions(sent, ctx)
           if p.district is not None and lo <= p.start and p.end <= hi]
    return tuple(dict.fromkeys(ids))


_HEDGE = re.compile(r"\b" + en.alternation(en.HEDGES) + r"\b", re.I)


def is_hedged(text: str) -> bool:
    """Return whether a sentence hedges what it tells ("reportedly", "could not be independently
    verified"), outside its quotations."""
    return any(not inside_quotes(text, m.start()) for m in _HEDGE.finditer(text))


def _full_name_of_initials(name: str, ctx: Context) -> str:
    """Return a party's "RF" as the body it stands for ("Rebel Front"): initials of two or three
    letters tell a reader little; longer ones ("MNDAA", "ANDSF") are how the press names them."""
    if 2 <= len(name) <= 3 and name.isupper() and (actor := ctx.theatre.actor(name)) is not None and \
            party_in(ctx.theatre, name) is not None:
        return actor.name
    return name


def _spelled_out(name: str, ctx: Context) -> str:
    """Return a claimant as the report spells it out: "MoD" as "Ministry of Defense" where the report
    introduces it so, "the militant outfit" as the armed group named last (else the theatre's
    insurgents)."""
    if 2 <= len(name) <= 6 and name[:1].isupper() and " " not in name and sum(ch.isupper() for ch in name) >= 2 \
            and not name.isupper():
        # "The Ministry of Defense (MoD)": the report's own spelling out of its initials
        rx = re.compile(r"((?:[A-Z][\w\-]*\s+)(?:(?:of|for|and|the|[A-Z][\w\-]*)\s+){0,5}?)\(" + re.escape(name) + r"\)")
        for sent in ctx.report.sentences:
            found = rx.search(sent.text)
            if found:
                return clean_name(found.group(1))
    generic = _GENERIC_ARMED.match(name)
    if generic and ctx.last_group:
        return ctx.last_group  # "the militant outfit claimed": the armed group named last
    if generic and (captor := ctx.theatre.default_captor) in ctx.theatre.parties:
        return re.sub(r"\s*\(.*\)\s*$", "", ctx.theatre.parties[captor].name)  # else the theatre's insurgents
    return name


_GENERIC_ARMED = re.compile(r"^(?:the\s+)?(?:[\w\-]+\s+)?(?:insurgents|militants|rebels|(?:militant|insurgent|"
                            r"armed)\s+(?:group|outfit|movement|organi[sz]ation))$", re.I)


def _is_dateline(text: str, name: str) -> bool:
    """Return whether a name is the place of the report's dateline ("HERAT, Aug. 2 (Xinhua) --")."""
    head = text.lstrip()
    return name.isupper() and len(name) > 2 and head.startswith(name) and \
        re.match(r"\s*(?:,|\(|:|--|\u2013|\u2014)", head[len(name):]) is not None


_ARTICLE = re.compile(r"^(?:an?|the)\s+", re.I)


def _names_outlet(name: str, ctx: Context) -> bool:
    """Return whether a claimant is an outlet or wire, or its count ("an AFP tally")."""
    low = _ARTICLE.sub("", name.lower())
    first = _WORD.match(low)
    by_word, other = _outlet_patterns(ctx.theatre)
    rx = by_word.get(first.group()) if first else None
    return (rx is not None and rx.match(low) is not None) or (other is not None and other.match(low) is not None)


_NOT_A_PERSON = re.compile(r"\b(?:Ministry|Office|Council|Committee|Department|Agency|Army|Forces|Police|Province|"
                           r"District|City|Government|Embassy|Mission|Times|News|Press|Post|Radio|TV)\b")


def _is_party(name: str, ctx: Context) -> bool:
    """Return whether a claimant is a party: an actor, its spokesman or ministry, a named person."""
    if ctx.theatre.actor(name) is not None or name in ctx.people:
        return True
    if _NAME_LIKE.fullmatch(name) and not _NOT_A_PERSON.search(name):
        return True  # unparsed: a person the NER would have named ("Abdul Rahim Ahmadi")
    return bool(re.search(r"\b(?:spokes\w+|ministry|minister|commander|governor|government|"
                          r"army|forces|president|front|resistance|militia)\b", name, re.I)) or \
        per_theatre("armed group names", ctx.theatre, _armed_group_names).search(name) is not None


def _armed_group_names(theatre: Theatre) -> re.Pattern[str]:
    """The proper names of the parties that fight the incumbent ("the Front", not "militants")."""
    names = {n.strip() for p in theatre.parties.values() if p.id != theatre.incumbent
             for n in (p.name, *p.aliases) if n.strip()[:1].isupper()}
    alts = sorted((re.escape(n) for n in names), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(alts) + r")(?!\w)" if alts else r"(?!)", re.I)


# "The Ministry of Defence on Sunday": the day the parse hangs on the subject; "- Officials": a
# dateline's dash
_TRAILING_DAY = re.compile(r"\s+(?:on\s+)?(?:" + _DAY + r"|(?:last|this)\s+(?:week|month|" + _DAY + r"))$")


_CLAIM_NOUN_BEFORE = re.compile(r"^(?:an?\s+)?(?:claim|figure|account|assertion|charge|number|version)s?\s+"
                                r"(?:that\s+|which\s+)?(?=\S)", re.I)


def _tidy(name: str) -> str:
    name = re.sub(r"^(?:the\s+)?(?:earlier|previous)\s+", "", clean_name(name), flags=re.I)
    name = re.sub(r"^(?:an?\s+|the\s+)?(?:statement|communiqu\u00e9|tweet|message)\s+(?:from|by|of)\s+", "", name,
                  flags=re.I)  # "a statement from the front": the front
    name = _TRAILING_DAY.sub("", name.lstrip("-\u2013\u2014 "))
    name = _CLAIM_NOUN_BEFORE.sub("", name)  # "a figure the government disputes": the government
    return clean_name(name)


def _subject_after(sent: Sent, t_end: int) -> str | None:
    """The claimant of "an assertion that X reject": the subject of the following verb."""
    m = re.match(r"\s*(?P<s>[^,;]+?)\s+(?:reject|deny|dispute|dismiss)", sent.text[t_end:])
    return m["s"] if m else None
