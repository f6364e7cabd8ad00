"""Events typed with PLOVER: meetings (CONSULT), offers of help (AID), deployments (MOBILIZE)...

`match(sent, ctx)` finds trigger words outside quotations; the entities before a trigger in its
clause are its actors, those after it its targets, a place after "in"/"at" its place. Planned
("will visit") and negated ("did not meet") events are kept with that status.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Token

from khabar.extract.dates import date_near
from khabar.extract.event_lexicon import PARSED, TRIGGERS, background, is_reference, place_surrenders
from khabar.extract.sentences import Context, Sent, clean_name, lemma, party_in
from khabar.records import Event
from khabar.theatres.loader import Actor

# the triggers whose sentences the standard pipeline parses (pipeline._tier reads TYPES)
TYPES = [(t, re.compile(rx, re.I)) for t, rx in PARSED]
# each type's pattern with the stems a match cannot lack: a substring test before the scan
_GATED = [(t, stems, re.compile(rx, re.I)) for t, stems, rx in TRIGGERS]

_PLANNED = re.compile(r"\b(?:will|would|shall|plan(?:s|ned)?\s+to|set\s+to|due\s+to|expected\s+to|"
                      r"scheduled\s+to|going\s+to|intends?\s+to|to\s+hold|are\s+to|is\s+to|"
                      r"ready\s+to|to\s+continue|agreed\s+to|hopes?\s+to|wants?\s+to|"
                      r"upcoming|next\s+week|next\s+month|invited)\b[^.;]{0,40}$", re.I)
# "is scheduled to lead a delegation to Doha this weekend for talks": a plan reaches further
_PLANNED_FAR = re.compile(r"\b(?:(?:(?:is|are|was|were)\s+(?:scheduled|expected|due|set)|plans?|planning|"
                          r"intends?)\s+to\s+\w+|(?:is|are)\s+(?:due|expected)\s+(?:in|at|back))[^.;,:]{0,80}$",
                          re.I)
# "threatened to attack", "called on residents to take up arms", "if the fighting spills over"
_UNREAL = re.compile(r"\b(?:threaten\w*\s+to|vow\w*\s+to|pledg\w*\s+to|if|unless|could|might|"
                     r"(?:called|urged|asked|appealed)\b[^.;]{0,40}\bto)\b[^.;]{0,40}$", re.I)
_NEGATED = re.compile(r"\b(?:not|never|no|denied|deny|denies|cancel(?:l?ed)?|postponed|without|avoided)\b"
                      r"[^.;,]{0,25}$", re.I)
# "did not hold a separate one-on-one meeting": a negated verb a few words before its object
_NOT_HELD = re.compile(r"\b(?:did|does|do|has|have|had|will|would|could)\s*(?:not|n['\u2019]t)\s+"
                       r"(?:hold|have|attend|make|pay|meet|join|seek|get)\s+(?:[\w\-]+\s+){0,4}$", re.I)
_PLACE_AFTER = re.compile(r"\b(?:in|at)\s+(?:the\s+)?(?P<p>[A-Z][\w\-’']+(?:\s+[A-Z][\w\-’']+){0,2})")
_CLAUSE_SPLIT = re.compile(r"[;:]|,\s*(?:but|while|and|which|where|when|after|as(?!\s+well\s+as))\b|"
                           r"\bwhere\b|\bafter\b|\bbefore\b|\bfollowing\b|\bamid\b|\bwhile\b|"
                           r"\b(?:came|comes|come)\s+as\b")
_TITLE_ONLY = re.compile(r"(?:['\u2019]s)?\s+(?:(?:[A-Z][\w\-]*|envoy|president|minister|foreign|deputy|"
                         r"special|representative|ambassador|spokes(?:man|person|woman)|leader|chief|"
                         r"commander|general|secretary|advis[eo]r|official|diplomat|counterpart|prime|"
                         r"defen[cs]e|interior|national|security|head|of|the)\s+){1,6}|\s+")
_NOT_PARTY = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY", "DISTRICT",
              "PROVINCE", "VENUE", "LOC", "FAC", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE",
              "PRODUCT"}


@dataclass(frozen=True, slots=True)
class EventMatch:
    type: str
    t_start: int
    t_end: int
    trigger: str
    status: str
    told: bool = False  # "the talks took place in X on Monday": a meeting named before, told now


def inside_quotes(text: str, pos: int) -> bool:
    """Return whether a position of a sentence lies inside quotation marks."""
    before = text[:pos]
    curly = before.count("\u201c") - before.count("\u201d")
    straight = before.count('"') % 2
    return curly > 0 or straight == 1


_NOMINAL = re.compile(r"^(?:meetings?|talks|consultations|summit|visit|hosts|conversation with|discussions|"
                      r"(?:tele)?phone (?:calls?|conversations?|talks)|video[- ]?\w+)$", re.I)
# "a planned meeting", "the proposed visit": a meeting still to come
_PLANNED_NOUN = re.compile(r"\b(?:planned|proposed|upcoming|possible|potential|expected|future|"
                           r"scheduled|next|forthcoming|prospective)\s+(?:[\w\-]+\s+){0,2}$", re.I)
# "called for an emergency meeting", "ready for talks", "proposed talks": a meeting sought, not held
_SOUGHT = re.compile(r"\b(?:call(?:s|ed|ing)? for|request(?:s|ed|ing)?|propos(?:e|es|ed|ing)|sought|seek(?:s|ing)?|"
                     r"demand(?:s|ed|ing)?|push(?:es|ed|ing)? for|ready for|open to|prepared for|willing(?:ness)? "
                     r"(?:for|to hold)|need for|invit(?:e|es|ed|ing|ation) to|offer(?:s|ed|ing)? (?:to host)?)\s+"
                     r"(?:(?:an?|the|new|fresh|direct|more|urgent|emergency|immediate|further|peace|"
                     r"serious|meaningful|\w+-\w+)\s+){0,3}$", re.I)
# "have held talks with Chinese officials several times in recent years": a habit, not a meeting
# "the talks took place in Kunming", "the meeting, brokered by X, was held on Monday"
_TOOK_PLACE = re.compile(r"(?:\s*,[^,;.]{1,60},)?\s+(?:(?:had\s+)?took place|(?:was|were|had been)\s+held|"
                         r"(?:began|opened|ended|concluded|were concluded)\s+(?:on|in|at)\b)", re.I)
_OPENING_AT = re.compile(r"\s*(?:At|During|On the sidelines of|In the course of)\s+(?:the|a|an|their|its)\s+"
                         r"(?:[\w\-]+\s+){0,4}$", re.I)
_DEFINITE_MEETING = re.compile(r"\b(?:the|these|those|this|that)\s+(?:[\w\-]+\s+){0,3}$", re.I)
_DELEGATION_BEFORE = re.compile(r"\bdelegation\s+(?:(?:led|headed)\s+by\s+[^,;]{3,50}?\s+|"
                                r"(?:of|from)\s+[^,;]{3,50}?\s+)?(?:also\s+|has\s+|had\s+)?$", re.I)
_BARE_VERBS = {"discussed", "spoke", "talked"}  # triggers only with a phone or a party after them
_MANY_TIMES = re.compile(r"\b(?:(?:several|many|multiple|numerous|a number of|countless) times|repeatedly|"
                         r"regularly|routinely|on (?:several|many|numerous) occasions|"
                         r"in (?:the )?(?:recent|past|last) (?:few |several )?years)\b", re.I)
# "the meeting ... was cancelled", "talks scheduled for Monday were postponed": it did not happen
_CALLED_OFF = re.compile(r"[^.;]{0,80}?\b(?:was|were|has been|have been|had been)\s+(?:\w+\s+)?"
                         r"(?:cancell?ed|postponed|called off|scrapped|put off|delayed|suspended)\b|"
                         r"[^.;]{0,80}?\b(?:did not|didn't|failed to|never)\s+(?:take place|happen|"
                         r"materiali[sz]e|go ahead)\b", re.I)
# "the meeting", "the Doha talks", "this visit": a meeting the report has already named
_REFERENCE = re.compile(r"\b(?:the|this|that|these|those|such|its|their|his|her|our)\s+"
                        r"(?:(?:[A-Z][\w\-]*|first|second|last|latest|recent|previous|next|same|"
                        r"separate|one-on-one|bilateral|closed-door|high-level|two-day|three-day)\s+)*$")
_POSSESSIVE = re.compile(r"\b(?:the|a|an)\s+(?:[\w\-]+\s+){0,3}[\w\-]+['\u2019]s\s+(?:\w+\s+){0,2}$", re.I)
_PLACE_VISITED = re.compile(r"\s+(?:a|an|the|some|several)?\s*(?:\w+\s+){0,2}(?:camps?|sites?|hospitals?|"
                            r"wounded|front(?:line)?s?|areas?|regions?|checkpoints?|bases?|families|"
                            r"victims|villages?|markets?|schools?|shelters?|scenes?|positions?)\b", re.I)
_PASSIVE_OF_MEETING = re.compile(r"\b(?:the|this|that|these|those)\s+(?:[\w\-]+\s+){0,2}(?:meeting|talks|"
                                 r"summit|conference|visit|session|round)s?\s+(?:was|were|is|are|will be|"
                                 r"had been|has been)\s+$", re.I)
_TOPIC = re.compile(r"\bdiscuss(?:ed|es|ing)?\s+(?:the\s+|a\s+|an\s+)?(?:[\w\-]+\s+){0,2}$", re.I)
_WITH_PARTY = re.compile(r"^\s+(?:with|between)\s", re.I)
_GENERIC_TALKS = re.compile(r"\b(?:peace|political|genuine|meaningful|future|further|direct|fresh|"
                            r"new|serious)\s+$", re.I)
_MEETING_VERB = re.compile(r"\b(?:held|hold(?:s|ing)?|had|attend(?:ed|s|ing)?|began|begun|opened|"
                           r"resumed|concluded|wrapped up|during|at|in|after|since)\s+"
                           r"(?:(?:the|a|an|two|three|several|separate|\w+-\w+|[A-Z]\w+)\s+){0,3}$",
                           re.I)
# "received Tajikistan's National Security Adviser Rustam Nazar": receiving a person
_RECEIVED = re.compile(r"\b(?:received|welcomed)\b", re.I)
_PLANNING_HEADS = {"plan", "expect", "intend", "schedule", "set", "due", "hope", "want", "agree",
                   "ready", "prepare", "invite", "propose", "seek", "aim", "offer", "wish",
                   "continue", "try", "decide", "promise", "likely", "going"}
_FUTURE_AUX = {"will", "would", "shall", "'ll", "wo", "might", "may", "could", "should"}


def _verb_of(tok: Token) -> Token:
    """Return the verb (or adjective) that governs a trigger word."""
    t = tok
    for _ in range(4):
        if t.pos_ in ("VERB", "AUX") or t.dep_ in ("ROOT", "xcomp", "ccomp", "advcl", "conj",
                                                   "relcl", "pcomp"):
            return t
        if t.head is t:
            return t
        t = t.head
    return t


def _parse_status(sent: Sent, start: int) -> str | None:
    """Return planned or negated from the parse of the trigger's verb, None when it says nothing."""
    if not sent.parsed:
        return None
    tok = next((t for t in sent.doc if t.idx >= start), None)
    if tok is None:
        return None
    verb = _verb_of(tok)
    for v in (verb, verb.head if verb.dep_ in ("xcomp", "conj") else None):
        if v is None:
            continue
        kids = list(v.children)
        if any(k.dep_ == "neg" for k in kids) and not any(k.lower_ == "only" for k in kids):
            return "negated"
        if any(k.dep_ == "aux" and k.lower_ in _FUTURE_AUX for k in kids):
            return "planned"
    if verb.dep_ == "xcomp" and lemma(verb.head) in _PLANNING_HEADS:
        return "planned"
    return None


def _is_person(text: str, label: str, ctx: Context) -> bool:
    actor = ctx.theatre.actor(text)
    return label == "PERSON" or (actor is not None and actor.kind == "person")


def match(sent: Sent, ctx: Context) -> list[EventMatch]:
    """Return the event triggers of a sentence that lie outside quotations."""
    text = sent.text
    low = text.lower()
    has = low.__contains__
    found: list[EventMatch] = []
    for etype, stems, rx in _GATED:
        if not any(map(has, stems)):
            continue
        for m in rx.finditer(text):
            if inside_quotes(text, m.start()):
                continue
            if any(not (m.end() <= f.t_start or m.start() >= f.t_end) for f in found):
                continue
            before = text[max(0, m.start() - 60):m.start()]
            # "the talks took place in X on Monday": the meeting the report named, told now with
            # its day, when no day was given for it before
            told = etype == "CONSULT" and bool(_NOMINAL.match(m.group()) and _DEFINITE_MEETING.search(before)
                                               and _TOOK_PLACE.match(text, m.end())) and \
                not _POSSESSIVE.search(before) and \
                not any(e.type == "CONSULT" and e.date is not None for e in ctx.meetings)
            if etype == "CONSULT" and _NOMINAL.match(m.group()) and not _WITH_PARTY.match(
                    text[m.end():]):
                if (_REFERENCE.search(before) or _POSSESSIVE.search(before)) and not told:
                    continue  # "the meeting", "the Doha talks": already reported, or reported elsewhere
                if _GENERIC_TALKS.search(before) and not _MEETING_VERB.search(before):
                    continue  # "a settlement through genuine peace talks"
            if etype == "CONSULT" and _NOMINAL.match(m.group()) and _TOPIC.search(before):
                continue  # "discussed the planned talks with the ambassador": the talks are a topic
            if etype == "CONSULT" and _PASSIVE_OF_MEETING.search(before):
                continue  # "The meeting was hosted by Qatar": the meeting already reported
            if etype == "CONSULT" and re.match(r"visit", m.group(), re.I) and _PLACE_VISITED.match(
                    text[m.end():]):
                continue  # "visits a refugee camp": a place, not a party
            if etype == "CONSULT" and m.group().lower() in _BARE_VERBS and any(
                    f.type == "CONSULT" for f in found):
                continue  # "in separate phone calls, discussed ... with": the calls, told once
            if etype == "CONSULT" and m.group().lower() in ("was in", "arrived in") and (
                    not _DELEGATION_BEFORE.search(before) or sum(1 for _ in rx.finditer(text)) > 1):
                continue  # only a delegation's stay is a visit, and only when nothing else says so
            if etype == "CONSULT" and _MANY_TIMES.search(text, max(0, m.start() - 60), m.end() + 80):
                continue  # "have met several times in recent years"
            if etype != "CONSULT" and (background(etype, text, m.start(), m.end()) or (
                    is_reference(etype, text, m.start(), m.end())
                    and any(e.type == etype for e in ctx.meetings))):
                continue  # "have intensified attacks", "fled the district", "the drills were held"
            status = _parse_status(sent, m.start()) or "happened"
            if _NEGATED.search(before[-30:]) or _NOT_HELD.search(before) or (etype == "CONSULT" and _NOMINAL.match(m.group())
                                                 and _CALLED_OFF.match(text, m.end())):
                status = "negated"
            elif etype == "CONSULT" and _NOMINAL.match(m.group()) and (
                    _PLANNED_NOUN.search(before) or _SOUGHT.search(before)):
                status = "planned"
            elif status == "happened" and (_PLANNED.search(before) or _PLANNED_FAR.search(
                    text, max(0, m.start() - 120), m.start()) or (
                    etype != "CONSULT" and _UNREAL.search(before))):
                status = "planned"
            found.append(EventMatch(etype, m.start(), m.end(), m.group(), status, told))
    for m in _RECEIVED.finditer(text) if "received" in low or "welcomed" in low else ():
        if inside_quotes(text, m.start()) or any(f.t_start <= m.start() < f.t_end for f in found):
            continue
        window = text[m.end():m.end() + 70]
        guest = next((e for e in sent.all_ents if m.end() <= e.start_char < m.end() + len(window)
                      and _is_person(e.text, e.label_, ctx)), None)
        if guest is None or re.match(r"\s+(?:\w+\s+){0,3}(?:reports?|letters?|messages?|calls?|"
                                     r"support|aid|help|news|word|information|threats?)\b", window, re.I):
            continue
        if re.search(r"[,;:]", text[m.end():guest.start_char]) and \
                text[m.end():guest.start_char].count(",") > 1:
            continue
        found.append(EventMatch("CONSULT", m.start(), m.end(), m.group(),
                                _parse_status(sent, m.start()) or "happened"))
    found.sort(key=lambda f: f.t_start)
    return found


def party_name(text: str, label: str, ctx: Context) -> str:
    """Return a party as the actors file names it ('Front fighters' -> 'Front'), else cleaned."""
    actor = ctx.theatre.actor(text) or ctx.theatre.actor(clean_name(text))
    if actor is not None and (label == "ACTOR" or actor.kind != "person" or " " in text.strip()):
        return actor.name
    name = clean_name(text)
    return ctx.full_name(name) if label == "PERSON" else name


_BY_ID: dict[str, dict[str, Actor]] = {}  # a theatre's actors by id, built once per theatre folder


def party_keys(name: str, ctx: Context) -> set[str]:
    """Return the keys a party is known by: its actor id and those of the bodies it belongs to."""
    actor = ctx.theatre.actor(name)
    if actor is None:
        return {clean_name(name).lower()} | ({clean_name(name).split()[-1].lower()}
                                             if clean_name(name) else set())
    keys = {actor.id, actor.name.lower(), actor.name.split()[-1].lower()}
    by_id = _BY_ID.get(str(ctx.theatre.path))
    if by_id is None:
        by_id = _BY_ID[str(ctx.theatre.path)] = {a.id: a for a in ctx.theatre.actors}
    a = actor
    for _ in range(3):
        parent = by_id.get(a.affiliation) if a.affiliation else None
        if parent is None:
            break
        keys |= {parent.id, parent.name.lower()}
        a = parent
    return keys


def _own_keys(name: str, ctx: Context) -> set[str]:
    """Return a person's own keys (not his government's), else all the keys of a party."""
    actor = ctx.theatre.actor(name)
    if actor is not None and actor.kind == "person":
        return {actor.id, actor.name.lower(), actor.name.split()[-1].lower()}
    return party_keys(name, ctx)


def _repeats_an_event(ev: Event, ctx: Context) -> bool:
    """Return whether an event only names again the parties of one the report already gave.

    An attack repeats one only at the same place: one report tells of many attacks by one side;
    an event other than a meeting only on the same day (or both undated): "in June, troops
    crossed" and "on Saturday, soldiers crossed" are two crossings.
    """
    if ev.status != "happened" or (ev.type == "ASSAULT" and ev.place is None):
        return False
    # a person is named again only by name: Ghani's call is not his adviser's meeting
    mine = [_own_keys(p, ctx) for p in (*ev.actors, *ev.targets)]
    for old in ctx.meetings:
        same_day = ev.date == old.date or (ev.type == "CONSULT" and not (ev.date and old.date))
        if old.type != ev.type or not same_day or (ev.type == "ASSAULT" and old.place != ev.place):
            continue
        if ev.type != "CONSULT" and ev.place and old.place and ev.place != old.place:
            continue  # "surrendered the centres to local elders" and then, in Paktika, the governor
        if not mine and ev.type == "ASSAULT":
            return True
        theirs: set[str] = set().union(*(party_keys(p, ctx) for p in (*old.actors, *old.targets)))
        if mine and all(k & theirs for k in mine):
            return True
    return False


def _shares_a_party(parties: list[str], ev: Event, ctx: Context) -> bool:
    theirs: set[str] = set().union(*(party_keys(p, ctx) for p in (*ev.actors, *ev.targets)))
    return any(party_keys(p, ctx) & theirs for p in parties)


# "HERAT, Aug. 2 (Xinhua) --", "MOSCOW (Reuters) -", "ISLAMABAD:": a wire's dateline, not a party
_WIRE_HEAD = re.compile(r"^\s*[A-Z][A-Z .'\-]{2,30}(?:,\s*[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)?"
                        r"(?:,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})(?:,?\s+\d{4})?)?"
                        r",?\s*(?:\([^()]{1,40}\))?\s*"
                        r"(?:--|-|\u2013|\u2014|:)\s*")
# ", the Kremlin said.", ", according to Iranian media.": who reports it, not a party
_ATTRIBUTION = re.compile(r",\s*(?:according to\b[^,;]*|[^,;\"\u201c\u201d]{0,70}?\b(?:said|says|told \w+|"
                          r"reported|announced|confirmed|added|stated)\b[^,;]{0,30})[.!]?\s*$")


def _wire_head_end(text: str) -> int:
    """Return where a wire dateline at the start of a sentence ends (0 when there is none)."""
    m = _WIRE_HEAD.match(text)
    if m is None:
        return 0
    head = m.group()
    return m.end() if "(" in head or "," in head or head.rstrip().endswith((":", "--", "\u2014")) else 0


def _parties(sent: Sent, start: int, end: int, ctx: Context) -> list[str]:
    out: list[str] = []
    ents = list(sent.all_ents)
    start = max(start, _wire_head_end(sent.text)) if start < 60 else start
    for k, e in enumerate(ents):
        if e.start_char < start or e.end_char > end or e.label_ in _NOT_PARTY:
            continue
        if e.text.isupper() and len(e.text) > 3 and not sent.text[:e.start_char].strip() and \
                sent.text[e.end_char:e.end_char + 1] == ",":
            continue  # "WASHINGTON, Aug. 12 (Wire) -": a dateline, not a party
        nxt = ents[k + 1] if k + 1 < len(ents) else None
        if (e.label_ in ("NORP", "GPE", "ACTOR") or len(e) == 1) and nxt is not None and \
                _is_person(nxt.text, nxt.label_, ctx) and _TITLE_ONLY.fullmatch(
                    sent.text[e.end_char:nxt.start_char]):
            continue  # "Tajik Foreign Minister Sirojiddin Muhriddin": the minister, not Tajikistan
        if e.label_ == "GPE" and e.text in ctx.theatre.config.get("venues", ()):
            continue
        if re.search(r"\b(?:in|at|near|across|inside|throughout)\s+(?:the\s+)?$",
                     sent.text[max(0, e.start_char - 12):e.start_char]):
            continue  # "the situation in the country", "met in Moscow": a place, not a party
        name = party_name(e.text, e.label_, ctx)
        if name and name not in out and len(name) > 1:
            out.append(name)
    return out


_DATELINE = re.compile(r"^\s*[A-Z][A-Za-z .\-]{1,30},\s*$")
_SAME_DAY = re.compile(r"\b(?:the same day|that day|on the sidelines|at the same (?:meeting|event|time)|"
                       r"during the (?:visit|meeting|talks|trip))\b", re.I)


_OPENING_CLAUSE = re.compile(r"^\s*(?:After|Before|Since|Following|Prior to|Once|Until)\s[^,;]{5,200},")
_FRAMED_CLAIM = re.compile(r"\b(?:claim(?:ed|s)?|alleg(?:ed|es|ations?)|accus(?:ed|es|ations?)|"
                           r"charges?|den(?:ied|ies|y)|rejected|dismissed|had been told)\b", re.I)
_OTHER_TIME = {"after", "before", "since", "until", "following", "once", "till"}


def _date_verb(tok: Token) -> Token | None:
    for _ in range(4):
        if tok.pos_ in ("VERB", "AUX"):
            return tok
        if tok.head is tok:
            return None
        tok = tok.head
    return None


def _event_date(sent: Sent, m: EventMatch, ctx: Context) -> date | None:
    """Return the day of an event: a date of its own verb, not a dateline's or another verb's."""
    text = sent.text
    mentions = [d for d in sent.dates if not (
        _DATELINE.match(text[:d.start]) and re.match(r"\s*(?:\(|[-\u2013\u2014])", text[d.end:d.end + 4]))]
    if sent.parsed and mentions:
        # "After a delegation visited Ashgabat, the government on Monday issued a statement":
        # a date of the main verb is not the day of the event in the clause under it
        tok = next((t for t in sent.doc if t.idx >= m.t_start), None)
        verb = _verb_of(tok) if tok is not None else None
        over: set[Token] = set()
        t = verb
        while t is not None and t.dep_ in ("conj", "advcl", "pcomp", "pobj", "prep", "relcl", "acl") \
                and t.head is not t:
            # "After X visited ..., Y on Monday issued": another time; not "where he met"
            if (t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _OTHER_TIME
                                          for c in t.children)) or \
                    (t.dep_ == "pcomp" and t.head.lower_ in _OTHER_TIME):
                over.add(t.head if t.dep_ == "advcl" else t.head.head)
            t = t.head
        if verb is not None:
            over.discard(verb)
        keep = []
        for d in mentions:
            dtok = next((t for t in sent.doc if t.idx >= d.start), None)
            dverb = _date_verb(dtok) if dtok is not None else None
            if dverb is None or dverb not in over or dverb.pos_ != "VERB":
                keep.append(d)
        mentions = keep
    sub = _OPENING_CLAUSE.match(text)
    if sub is not None:  # "After X visited Ashgabat, the government on Monday issued ..."
        inside = m.t_start < sub.end()
        mentions = [d for d in mentions if (d.start < sub.end()) == inside]
    when = date_near(mentions, m.t_start, m.t_end)
    if when is None and _SAME_DAY.search(text):
        when = ctx.report.day_before(sent) if ctx.report.sentences else _last_day(ctx)  # "On the same day"
    return when


def to_records(sent: Sent, matches: list[EventMatch], ctx: Context) -> list[Event]:
    """Return an Event per trigger with the actors before it and the targets after it."""
    if not matches:
        _note_day(sent, ctx)
        return []
    text = sent.text
    out = []
    ev_ = sent.evidence()
    bounds = [0] + [m.end() for m in _CLAUSE_SPLIT.finditer(text)] + [len(text)]
    said = _ATTRIBUTION.search(text)
    if said is not None and said.start() > matches[-1].t_end:
        bounds.append(said.start())  # ", the Kremlin said": the source ends the last clause
    # between two triggers, the last comma separates the first one's targets from the
    # second one's actors: "after X visited Y in Moscow on July 8, Z held talks in ..."
    for a, b in zip(matches, matches[1:], strict=False):
        comma = text.rfind(",", a.t_end, b.t_start)
        if comma >= 0:
            bounds.append(comma + 1)
    bounds.sort()
    for i, m in enumerate(matches):
        c_start = max(b for b in bounds if b <= m.t_start)
        nxt = matches[i + 1].t_start if i + 1 < len(matches) else len(text)
        c_end = min([b for b in bounds if b >= m.t_end] + [nxt])
        actors = _parties(sent, c_start, m.t_start, ctx)
        if not actors and c_start and _AND_VERB.fullmatch(text, c_start, m.t_start):
            # "Tashkent closed the bridge and warned ...": the subject of the clause before
            actors = _parties(sent, max(b for b in bounds if b < c_start), c_start, ctx)[:1]
        targets = [t for t in _parties(sent, m.t_end, c_end, ctx) if t not in actors]
        if m.type == "CONSULT" and not actors and _OPENING_AT.match(text, 0, m.t_start):
            # "At the third round of talks, brokered by X, A and B agreed ...": the parties of the
            # clause the meeting opens
            upto = next((o.t_start for o in matches[i + 1:] if o.type != "CONSULT"), len(text))
            targets = list(dict.fromkeys((*targets, *_parties(sent, m.t_end, upto, ctx))))
        place = None
        pm = _PLACE_AFTER.search(text, m.t_end)  # a name the clause holds is taken whole, not "Tehr"
        if pm and (pm.start() < c_end or pm.end() <= c_end + 40):
            place = pm["p"]
        if place is None:
            for e in sent.all_ents:
                if (e.label_ in ("VENUE", "DISTRICT") or (e.label_ == "PROVINCE" and m.type != "CONSULT")) \
                        and c_start <= e.start_char < c_end + 40:
                    place = e.text
                    break
        if m.type == "CONSULT" and place and not targets and place not in actors:
            actor = ctx.theatre.actor(place)
            if actor is not None and actor.kind == "state":
                targets = [place]
        last = next((e for e in reversed(ctx.meetings) if e.type == "CONSULT"), None)
        if m.type == "AGREE" and not actors and last and _BOTH.search(text, c_start, m.t_start):
            actors = [p for p in (*last.actors, *last.targets) if p not in targets]  # "the two agreed"
        places = [(e.start_char, e.end_char) for e in sent.all_ents if e.label_ in _PLACE_LABELS]
        if m.type == "CONCEDE" and place_surrenders(text, m.t_start, m.t_end, places):
            continue  # "Nili ... surrendered to the rebels": a control change
        told = _told_again(m, ctx) if m.told else None
        if told is not None:  # with the parties named when it was first told
            actors = list(dict.fromkeys((*told.actors, *actors)))
            targets = [t for t in dict.fromkeys((*told.targets, *targets)) if t not in actors]
        if not actors and not targets and (place is None or m.type not in _AT_A_PLACE) and not (
                m.told and place is not None):
            continue
        if m.type == "CONSULT" and not actors and not m.told and re.search(
                r"\b(?:the|these|those|such)\s+$", text[:m.t_start], re.I):
            continue  # "The talks followed ...": a meeting already reported
        when = _event_date(sent, m, ctx)
        if when is None and m.type == "AGREE" and last is not None and _shares_a_party(actors, last, ctx):
            when = last.date  # "the two ministers also agreed": at the talks the report gave
        if m.type != "CONSULT" and _FRAMED_CLAIM.search(text[:m.t_start]):
            continue  # "Saleh claimed the air force had threatened ...": a claim, not an event
        groups: list[list[str]] = [targets]
        if m.type == "CONSULT" and len(targets) > 1 and re.search(
                r"\bseparate\b", text[max(c_start, m.t_start - 40):c_end], re.I):
            persons = {party_name(e.text, e.label_, ctx) for e in sent.all_ents
                       if _is_person(e.text, e.label_, ctx)}
            people = [t for t in targets if t in persons]
            # "in separate phone calls with A and B": two calls, one per person
            groups = [[t] for t in (people if len(people) > 1 else targets)]
        districts = _districts_of(sent, ctx, c_start, c_end, place)
        if m.told and when is None:
            continue  # told again without a day: the first telling stands
        if told is not None:
            ctx.meetings.remove(told)
            ctx.superseded.add((told.evidence.start, told.span))
        for group in groups:
            ev = Event(type=m.type, actors=tuple(actors), targets=tuple(group), place=place,
                       date=when, evidence=ev_, span=sent.span_of(m.t_start, m.t_end),
                       status=m.status,  # type: ignore[arg-type]
                       trigger=m.trigger, district_ids=districts,
                       parties=tuple(dict.fromkeys(p for p in (party_in(ctx.theatre, n) for n in (*actors, *group))
                                                   if p is not None)))
            if _repeats_an_event(ev, ctx):
                continue
            if ev.status == "happened":
                ctx.meetings.append(ev)
            out.append(ev)
    _note_day(sent, ctx)
    return out


_AND_VERB = re.compile(r"\s*(?:and|but)\s+(?:also\s+|later\s+|then\s+)?", re.I)
_BOTH = re.compile(r"\b(?:the two|both)\s+(?:[\w\-]+\s+)?(?:sides|delegations|ministers|leaders|"
                   r"countries|men|parties|governments)\b", re.I)
_AT_A_PLACE = {"ASSAULT", "COERCE", "MOBILIZE", "RETREAT"}  # "clashes are underway in Logar": an event
_PLACE_LABELS = ("DISTRICT", "PROVINCE", "GPE", "VENUE")
def _told_again(m: EventMatch, ctx: Context) -> Event | None:
    """Return the undated meeting the report named last, which "the talks took place ..." tells again."""
    return next((e for e in reversed(ctx.meetings) if e.type == "CONSULT" and e.date is None), None)


# "flown in from Herat", "troops from the capital": where they came from, not where it happened
_FROM_BEFORE = re.compile(r"\b(?:from|out of|via)\s+(?:the\s+)?(?:[\w\-]+\s+){0,2}$", re.I)


def _districts_of(sent: Sent, ctx: Context, c_start: int, c_end: int, place: str | None) -> tuple[str, ...]:
    """Return the ids of the districts where an event happened or that it targeted: those its
    clause names (or its place, named just after it), not where its forces came from."""
    from khabar.extract.places import district_mentions

    text = sent.text
    ids = []
    for p in district_mentions(sent, ctx):
        if p.district is None or _FROM_BEFORE.search(text, max(0, p.start - 40), p.start):
            continue
        if c_start <= p.start < c_end or (place is not None and text[p.start:p.end] == place
                                         and p.start < c_end + 40):
            ids.append(p.district.id)
    return tuple(dict.fromkeys(ids))


def _note_day(sent: Sent, ctx: Context) -> None:
    """Note a sentence read, for a later "the same day" (its dates are read only then)."""
    ctx.seen.append(sent)


def _last_day(ctx: Context) -> date | None:
    """Return the day the report last named before the current sentence, for "the same day"."""
    for sent in reversed(ctx.seen):
        days = [d.value for d in sent.dates if d.value is not None]
        if days:
            return days[-1]
    return None
