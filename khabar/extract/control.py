"""Control changes: a district that fell to, was retaken by, or is held by a side.

`match(sent, ctx)` finds trigger phrases and the districts they govern; `to_records` builds
`ControlChange`s. A trigger under negation, failure, threat, forecast, denial or a party's
claim gives no record ("attacked but failed to capture", "could fall", "denied that ... fell").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from rapidfuzz import fuzz

from khabar.extract.control_triggers import Found, Lexicon, Trigger, find_triggers, lexicon_for
from khabar.extract.dates import (
    DateMention,
    day_near,
    find_dates,
    is_dateline,
    lowered,
    reads_anchor,
    said_on,
)
from khabar.extract.events import inside_quotes
from khabar.extract.places import REFERENCE_BEFORE, PlaceMention, district_mentions
from khabar.extract.sentences import Context, Sent
from khabar.lang import en
from khabar.lang.en import alternation as en_alt
from khabar.records import ControlChange
from khabar.theatres.loader import District, Theatre, loose_key, name_key

_HEDGE_BEFORE = re.compile(r"\b" + en_alt(en.CONTROL_HEDGES) + r"\b[^.;]{0,35}$", re.I)
_HEDGE_AFTER = re.compile(
    r"^[^.;]{0,40}\b(?:was|were|had been|has been)\s+" + en_alt(en.REPELLED) + r"|"
    r"^[^.;]{0,90}\b(?:but|before)\b[^.;]{0,50}\b(?:driven out|drove them (?:out|back)|"
    r"pushed (?:them\s+)?(?:back|out)|repelled|repulsed|beaten back|forced (?:them\s+)?(?:out|back)|"
    r"expelled)|^[^.;]{0,90}\bbut\s+(?:later\s+|soon\s+|then\s+)?(?:withdrew|retreated|pulled (?:back|out)|"
    r"left|were forced)|^[^.;]{0,150}\bbut\b[^.;]{0,40}\b(?:denied|denies|rejected|dismissed)\b|"
    # "..., a claim denied by the interior ministry", "..., which officials rejected"
    r"^[^.;]{0,150}?,\s*(?:(?:a|an)\s+(?:claim|report|account|assertion)|which)\b[^.;,]{0,40}?"
    r"\b(?:denied|rejected|dismissed|disputed|refuted)\b", re.I)
_TO_AFTER_PREP = re.compile(r"\b(?:in|near|outside|around|from|towards|toward|to|into|via|"
                            r"across|through|between|beyond|at)\s+(?:the\s+)?(?:\w+ern\s+)?$", re.I)
_STRONG_PREP = re.compile(r"(?:\b(?:near|outside|around|from|towards|toward|via|across|through|"
                          r"between|beyond|at|outskirts of|edges? of|edge of|gates of|parts? of|"
                          r"villages? of|areas? of|neighbourhoods? of|surroundings of)\s+(?:the\s+)?"
                          r"(?:\w+ern\s+)?|\b(?:north|south|east|west|north-east|north-west|"
                          r"south-east|south-west|northeast|northwest|southeast|southwest)(?:ern)?\s+of\s+"
                          r"(?:the\s+)?)$", re.I)
_CROSSING_AT = re.compile(r"\b(?:crossing|crossing point|port|border town)\s+at\s+$", re.I)
_BETWEEN = re.compile(r"\bbetween\s+(?:the\s+)?[A-Z][\w\-'’ ]{1,30}\s+and\s+(?:the\s+)?$")
_OLD_YEAR = re.compile(r"\b(?:in|since)\s+(?P<y>(?:19|20)\d\d)\b")
# what the sentence reports as someone's claim or a rumour, not as fact
_REPORTED_BEFORE = re.compile(r"\b" + en_alt(en.REPORTED_WORDS) + r"\b[^.;]*$", re.I)
_AS_WERE = re.compile(r"^[^.;]{0,60},\s*as\s+(?:were|was|had|did|have|has)\s+(?:[^.;,]{0,40}?\s+and\s+)?"
                      r"(?:the\s+)?$", re.I)
_REL_GAP = re.compile(r"^(?:\s+(?:district|crossing|port|city|town|border crossing|district centre))?"
                      r"(?:\s+(?:in|of)\s+[A-Z][\w\-']+(?:\s+province)?)?\s*,?\s*$")
_WHERE_BEFORE = re.compile(r",?\s*\bwhere\s+(?:(?:the\s+)?(?:control|situation|area|district|town|city)\s+)?$",
                           re.I)
_ASIDE = re.compile(r"^(?:\s+(?:district|city|town|district centre|district center))?\s*,\s*(?:which|that|"
                    r"captured|seized|taken|overrun|overran|lost|retaken|recaptured|after|having)\b[^;()]{3,90}?,"
                    r"\s+(?:(?:was|were|has been|had been|have been)\s+)?(?:(?:\w+ly|again|also|then|later|"
                    r"itself)\s+)?$", re.I)
_RELATIVE_BEFORE = re.compile(r"\b(?:which|that)\s+(?:(?:the\s+)?[\w’'\-]+\s+){0,4}?(?:had\s+|has\s+|"
                              r"have\s+|was\s+|were\s+)?(?:\w+ly\s+)?(?:also\s+)?$", re.I)


@dataclass(frozen=True, slots=True)
class ControlMatch:
    place: PlaceMention
    controller: str
    trigger: str
    t_start: int  # sentence-relative
    t_end: int
    days: tuple[DateMention, ...] | None = None  # the sentence's dates read from the report's last day
    # "Khan Abad, which fell on Sunday, was retaken on Tuesday": the aside's offsets, and whether
    # the change is the aside's own (dated inside it) or the main verb's (dated outside it)
    aside: tuple[int, int] | None = None
    in_aside: bool = False
    kind: str = "change"  # "holding": a statement of who holds the place
    acting_party: str | None = None  # the party named as taking it
    speaker: str | None = None  # who the sentence attributes it to
    speaker_party: str | None = None
    hedged: bool = False  # "reportedly", "unconfirmed"
    denied: bool = False  # a denial told after it
    # the day the report gives the change outside its sentence (a count before its list, "The
    # capture on Saturday ..." after it), and whether that day is only a statement's
    discourse_day: tuple[date, bool] | None = None
    by_pronoun: bool = False  # the place is what "them" after the trigger means: dated by the trigger


_AGENT_CLAUSE = re.compile(r"[;:]|,\s*(?:but|while|and|after|as|when|before|which)\b|\bbut\b|"
                           r"\bafter\b|\bwhile\b|\b(?:since|because|although|though|until|whereas)\b")
_FALL_TO = re.compile(r"\s+(?:the\s+)?(?:[A-Z][\w\-'’]*\s+){1,3}(?:(?:district|city|town|township|province|capital)"
                      r"\s+)*to\b")
_GIVING_UP = re.compile("|".join(en.GIVING_UP), re.I)
_TO_LATER = re.compile(r"(?<=\S)\s+(?:in)?to\b", re.I)
_NP_GAP = re.compile(r"(?:['’]s)?\s*")


@dataclass(frozen=True, slots=True)
class _Cue:
    """A name of a side in a text: "Rebel fighters", "the regime's troops" (a name and the force
    noun after it are one, the name's side); party None for a side the name does not tell."""

    start: int
    end: int
    party: str | None
    against: str | None = None  # "anti-regime fighters": the side they fight (never their own)
    generic: bool = False  # a word any side's men are called ("fighters", "militias"), no name


# "anti-regime fighters", "fighters opposed to the rebels": the enemies of the side named, whoever they are
_ANTI_BEFORE = re.compile(r"\banti-$", re.I)
_OPPOSED_AFTER = re.compile(r"\s+(?:who\s+are\s+|who\s+were\s+)?(?:opposed\s+to|opposing|against)\s+(?:the\s+)?$", re.I)
_OPPOSED_BEFORE = re.compile(r"\b(?:opposed\s+to|opposing)\s+(?:the\s+)?$", re.I)
# "militias loyal to the KNU", "fighters aligned with the front": the side named after is the one acting
_LOYAL_AFTER = re.compile(r",?\s+(?:(?:who|that)\s+(?:are|were|is|was)\s+|(?:said\s+to\s+be|reportedly)\s+)?"
                          r"(?:" + en_alt(en.LOYALTY_WORDS) + r")\s+(?:the\s+)?$", re.I)
# ... and "fighters backed by the front" when the men are named by a word any side's are called
_BACKED_AFTER = re.compile(r",?\s+(?:" + en_alt(en.BACKING_WORDS) + r")\s+(?:the\s+)?$", re.I)
# "KNU-aligned militias", "front-backed fighters": the side named first
_HYPHEN_GAP = re.compile(r"\s*-\s*(?:" + en_alt(en.ALIGNED_SUFFIXES) + r")\s+(?:\w+\s+)?", re.I)
_GENERIC = re.compile(r"(?:" + en_alt(en.GENERIC_FORCE_WORDS) + r")", re.I)


def _cues(lex: Lexicon, text: str) -> list[_Cue]:
    out: list[_Cue] = []
    for m in lex.cue.finditer(text):
        party = lex.party(m.group())
        against = None
        if _ANTI_BEFORE.search(text, max(0, m.start() - 5), m.start()) or \
                _OPPOSED_BEFORE.search(text, max(0, m.start() - 40), m.start()):
            party, against = None, party  # a side the name does not tell, but not that one
        generic = bool(_GENERIC.fullmatch(m.group()))
        if out and _OPPOSED_AFTER.fullmatch(text, out[-1].end, m.start()):
            out[-1] = _Cue(out[-1].start, m.end(), None, party)  # "fighters opposed to the regime"
            continue
        if out and against is None and (_LOYAL_AFTER.fullmatch(text, out[-1].end, m.start()) or (
                out[-1].generic and _BACKED_AFTER.fullmatch(text, out[-1].end, m.start()))):
            out[-1] = _Cue(out[-1].start, m.end(), party)  # "militias loyal to the front": the front
            continue
        if out and (_NP_GAP.fullmatch(text[out[-1].end:m.start()])
                    or _HYPHEN_GAP.fullmatch(text[out[-1].end:m.start()])):
            last = out[-1]
            if last.party is None and last.against is not None:
                out[-1] = _Cue(last.start, m.end(), None, last.against)  # "anti-regime fighters"
            else:
                out[-1] = _Cue(last.start, m.end(), last.party if last.party is not None else party,
                               last.against, last.generic and generic)
            continue
        out.append(_Cue(m.start(), m.end(), party, against, generic))
    return out


@dataclass(frozen=True, slots=True)
class _Side:
    """Who gains a place by a trigger, and the party named as taking it. gainer None: the sentence
    does not tell (untold: the report's last named side may, `_last_rival`), or nobody gains it."""

    gainer: str | None
    acting: str | None = None
    untold: bool = True
    not_party: str | None = None  # "anti-regime fighters took X": a side the report told, not this one


# a side named after these words is not the one acting: "battled with local security forces until
# taking X", "the TNLA together with PDF groups took X"
_NOT_SUBJECT_BEFORE = re.compile(
    r"\b(?:" + en_alt(en.COMPANION_WORDS) + "|" + en_alt(en.OBJECT_PREPOSITIONS) + r")\s+(?:(?:the|a|an|its|their|"
    r"local|other|allied|\w+ern|(?!(?:" + "|".join((*en.WEEKDAYS, *en.MONTHS[:12])) + r")\b)[A-Z][\w’'\-]*)\s+){0,2}$",
    re.I)
# "The alliance, made up of A, B and C, seized X": the head of an apposition before the verb acts
_APPOSITION = re.compile(r",\s*(?:" + en_alt(en.APPOSITION_OPENERS) + r")\b", re.I)
_COMPANION = re.compile(r"\b" + en_alt(en.COMPANION_WORDS) + r"\b", re.I)
_CONJOINED = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?$", re.I)


def _acting_cues(lex: Lexicon, theatre: Theatre, clause: str, near_chars: int = 120) -> list[_Cue]:
    """Return the names of sides in a clause that may be its subject, last the nearest: not those
    after a preposition or "together with", not those inside an apposition after the subject; the
    members of one coalition named together ("the MNDAA and the TNLA took X") as the coalition."""
    cues = _cues(lex, clause)
    if not cues:
        return cues
    if clause.rstrip().endswith(","):
        opener = _APPOSITION.search(clause)
        if opener is not None:  # (a side named inside the apposition is not the subject)
            return [c for c in cues if c.end <= opener.start() or c.start < opener.start() < c.end]
    near = [c for c in cues if c.start >= len(clause) - near_chars]
    if not near:
        return []
    cues = [c for c in near if not _NOT_SUBJECT_BEFORE.search(clause[:c.start])]
    companion = _COMPANION.search(clause)
    if companion is not None and any(c.start < companion.start() < c.end for c in cues):
        companion = None  # "fighters backed by the front": one name, the front's
    if companion is not None and any(c.end <= companion.start() for c in cues):
        cues = [c for c in cues if c.end <= companion.start()]  # "the TNLA together with PDF groups ... took X"
    if len(cues) >= 2 and theatre.parties:
        group = [cues[-1]]
        for c in reversed(cues[:-1]):
            if not _CONJOINED.fullmatch(clause[c.end:group[-1].start]):
                break
            group.append(c)
        parties = {c.party for c in group}
        coalitions = {theatre.coalition_of(p) if p else None for p in parties}
        last = cues[-1]
        if len(parties) >= 2 and len(coalitions) == 1 and None not in coalitions:
            cues = cues[:-1] + [_Cue(last.start, last.end, coalitions.pop())]
        elif last.party is None and any(c.party for c in group):
            # "regime troops, border guard police and militants fighting alongside them": the side named
            known = next(c.party for c in reversed(group) if c.party)
            cues = cues[:-1] + [_Cue(last.start, last.end, known)]
    return cues


def _agent(text: str, t_start: int, t_end: int, trig: Trigger, lex: Lexicon, theatre: Theatre,
           read: list[str] | None = None) -> _Side:
    """Return who gained a place by a trigger: the party the phrase names, "by X" after it, "to X"
    after it, else the nearest name of a side before it in its clause (its subject); with none, the
    theatre's default captor (a capture) or its incumbent (a retaking).

    Giving a place up ("troops abandoned X", "X was handed over by the army", "the regime lost
    control of X") gives it to the other side: the named party's one opponent. A generic word
    ("fighters") that the theatre gives a side is not that side where this or the sentence before
    (`read`, the report's sentences so far) tells another side acting or men fighting that side.
    """
    role = trig.role
    if role == "contested":
        return _Side("contested")
    default = theatre.default_captor if role == "capture" else theatre.incumbent
    ttext = text[t_start:t_end]
    giving = role == "capture" and _GIVING_UP.search(ttext) is not None
    if trig.gainer_inside:
        inside = _cues(lex, ttext)
        if inside:  # "fell to the insurgents", "lost 20 soldiers in Shibar to the rebels": the last named
            return _Side(inside[-1].party, inside[-1].party)
    loser: _Cue | None = None
    np_start = t_start
    if trig.loser_inside:
        if lex.force_first.match(text, t_start):
            # "government troops left X", "KNU forces withdrew from X": the noun phrase of the trigger
            shift = max(0, t_start - 60)
            touching = [c for c in _cues(lex, text[shift:t_end]) if c.end + shift >= t_start
                        or _NP_GAP.fullmatch(text[c.end + shift:t_start])]
            if touching:
                loser = _Cue(touching[0].start + shift, touching[0].end + shift, touching[0].party)
                np_start = min(np_start, loser.start)
        else:
            inside = _cues(lex, ttext)  # "pushed the rebels out of X"
            loser = inside[0] if inside else None
    after = text[t_end:t_end + 60]
    m = lex.by_agent.match(after)
    if m:
        named = lex.party(m["a"])
        if giving and not trig.loser_inside:
            # "was abandoned by government forces": given up to the other side
            return _opponent_of(theatre, named)
        return _Side(named, named)
    m = lex.to_party.match(after)
    if m is None and ttext.lower().startswith(("fall", "collapse")):
        # "the fall of Mardian district to the insurgents": the side after the place it names
        named_to = _FALL_TO.match(after)
        m = lex.to_party.match(after[named_to.end() - 2:]) if named_to else None
    if m is None and (giving or trig.loser_inside):
        # "abandoned Kutkai to the TNLA": the side a place is given up to, after the place
        upto = re.split(r"[.;]", after, maxsplit=1)[0]
        m = next((m2 for t in _TO_LATER.finditer(upto) if (m2 := lex.to_party.match(upto[t.start():]))), None)
    if m:
        named = lex.party(m["a"])
        return _Side(named, named)
    # the nearest side within 120 characters; the head of an apposition up to 250 before
    before = text[max(0, np_start - 250):np_start]
    clause = _AGENT_CLAUSE.split(before)[-1]
    cues = _acting_cues(lex, theatre, clause)
    if trig.loser_inside and loser is not None and loser.party is not None:
        # "commandos cleared the rebels from X", "as the rebels advanced, troops left X": another
        # side named before takes it (not the incumbent named before a place given up)
        others = [c for c in cues if c.party not in (None, loser.party)]
        if others and not (giving and others[-1].party == theatre.incumbent):
            return _Side(others[-1].party, others[-1].party)
        return _opponent_of(theatre, loser.party)
    if not cues:
        return _Side(default)
    side = cues[-1].party
    if side is None:
        return _Side(None, not_party=cues[-1].against)  # "rebels took X" where the word tells no side
    if cues[-1].generic and side != theatre.incumbent and read is not None and \
            _against_near(lex, theatre, text, np_start, read, side):
        # "The fighters took X, after residents rose up against the insurgents", in a report on
        # another side: the generic word is the other side's, the last one the report named
        other = _last_rival(lex, theatre, read, text[:np_start], [], exclude=side)
        return _Side(other, other, untold=False)
    if role == "retake" or not giving:
        return _Side(side, side)
    # giving up: "the rebels lost control of X" is the rebels' loss; the incumbent named before
    # "X was abandoned" gave it up; another side named there took it
    if ttext.lower().startswith("lost") or side == theatre.incumbent:
        return _opponent_of(theatre, side)
    return _Side(side, side)


def _opponent_of(theatre: Theatre, loser: str | None) -> _Side:
    """Return the side that gains what `loser` gives up: its one opponent. The incumbent's loss to
    one of several opponents is left to the report (untold); what a side that fights nobody
    gives up, nobody gains."""
    if loser is None:
        return _Side(None)
    opp = theatre.opponent(loser)
    return _Side(opp, untold=opp is None and loser == theatre.incumbent)


def _last_rival(lex: Lexicon, theatre: Theatre, read: list[str], before: str, takers: list[str],
                exclude: str | None = None) -> str | None:
    """Return the side other than the incumbent (and `exclude`) named last: in the sentence before
    the trigger, else the last one the report told taking a place, else the last named in the
    sentences read before it ("The alliance attacked the town on Friday. ... Kunlong fell on Sunday")."""
    barred = (None, theatre.incumbent, exclude)
    named = [c.party for c in _acting_cues(lex, theatre, before, len(before)) if c.party not in barred]
    if named:
        return named[-1]
    takers = [t for t in takers if t not in barred]
    if takers:
        return takers[-1]
    for text in reversed(read):
        named = [c.party for c in _acting_cues(lex, theatre, text, len(text)) if c.party not in barred]
        if named:
            return named[-1]
    return None


_SAID_AFTER = re.compile(r"\s+(?:\w+\s+)?" + en_alt(en.ATTRIBUTION_VERBS) + r"\b", re.I)
_AGAINST_BEFORE = re.compile(r"\b(?:against|opposed\s+to|opposing|resisting|defied|defying)\s+(?:the\s+)?$", re.I)


def _against_near(lex: Lexicon, theatre: Theatre, text: str, t_start: int, read: list[str], side: str) -> bool:
    """Return whether this sentence or the one before tells men fighting `side` ("anti-X fighters",
    "rose up against X units"), another side other than the incumbent acting (named not after a
    preposition), or `side` itself, named, taking a place back ("since the insurgents retook it")."""
    for i, window in enumerate((read[-1] if read else "", text)):
        for c in _cues(lex, window):
            if c.against == side or c.party == side and _AGAINST_BEFORE.search(window, max(0, c.start - 40), c.start):
                return True
            if c.party not in (None, side, theatre.incumbent) and not c.generic and \
                    (i == 0 or c.end <= t_start) and not _NOT_SUBJECT_BEFORE.search(window[:c.start]) and \
                    not _SAID_AFTER.match(window, c.end):
                return True
        if i == 1:
            for f in find_triggers(window, lex):
                if f.trigger.role != "retake":
                    continue
                clause = _AGENT_CLAUSE.split(window[max(0, f.start - 120):f.start])[-1]
                cues = _acting_cues(lex, theatre, clause)
                if cues and cues[-1].party == side and not cues[-1].generic:
                    return True
    return False


# "its ambition to take control of X": an infinitive tells no fact ("managed to capture X" does)
_INFINITIVE = re.compile(r"(?<!\bmanaged )(?<!\bwent on )(?<!\bmoved )\bto\s+(?:\w+ly\s+)?$", re.I)
_PARTIAL_AFTER = re.compile(r"\s+" + en_alt(en.PARTIAL_WORDS) + r"\b", re.I)
_DENIED_BEFORE = re.compile(r"\b" + en_alt(en.DENIAL_VERBS) + r"\b[^.;]*$", re.I)
_CLAUSE_BREAK = re.compile(r",\s*(?:leaving|forcing|while|as|but|which|where|after|before|when|"
                           r"though|although)\b|;|\b(?:while|whereas)\b|\b(?:pressure on|threaten\w*|encircl\w+|"
                           r"surround\w+|besieg\w+|advanc\w+ on|closing in on|attack\w* on|"
                           r"push\w* (?:into|towards?)|fighting (?:in|for|around))", re.I)


# between a trigger and a place after it: a predicate of its own ("seized eight capitals and are
# pressing on X", "having seized Kunduz, the fighters turned to X and Y") or a relative clause on the
# object ("seized Sheberghan, ..., whose militia had defended X"): X is not what the trigger took
_NEW_PREDICATE = re.compile(r"\band\s+(?:are|were|is|was|have|has|had)\s+(?:(?:now|also|still|already)\s+)?"
                            r"[a-z]+ing\b|\band\s+(?:then\s+|later\s+|also\s+)?(?:attack|besieg|surround|encircl|"
                            r"shell|bomb|raid|threaten|target)[a-z]*\b|\b(?:whose|who)\b|\b(?:turned|moved|headed|pressed|pressing|"
                            r"marched|marching|advanced|advancing)\s+(?:on|to|towards?|into|against)\b", re.I)


def _hedged(text: str, t_start: int, t_end: int, lex: Lexicon) -> bool:
    before = text[max(0, t_start - 60):t_start]
    if _HEDGE_BEFORE.search(before) or _INFINITIVE.search(before) or _DENIED_BEFORE.search(text[:t_start]) or \
            _REPORTED_BEFORE.search(text[:t_start]):
        return True  # (a side's own claim of a capture, too: the claims module records it)
    if text[t_start:t_end].lower().endswith(" of") and _NOMINAL_MODAL.match(text, t_end):
        return True  # "the fall of X would be a heavy blow": a change only imagined
    return bool(_HEDGE_AFTER.match(text[t_end:]) or _PARTIAL_AFTER.match(text, t_end))


_NOMINAL_MODAL = re.compile(r"[^.;,]{0,50}?\s(?:would|could|will|might|may|can)\s", re.I)



_OBJECT_GAP = re.compile(r"^\s+(?:(?:the|key|strategic|border|main|nearby|neighbouring|neighboring|"
                         r"important|district|centre|center|of|city|town|township|all|whole|entire|capital|"
                         r"provincial|\w+ern)\s+)*$",
                         re.I)
_SUBJECT_GAP = re.compile(r"^(?:\s+(?:district|city|town|crossing|port))?(?:\s+in\s+[A-Z][\w\-']+"
                          r"(?:\s+province)?|,[^,.;]{1,60},)?\s+(?:(?:itself|too|also|then|finally|"
                          r"quickly|soon)\s+)?$")


class _Places:
    """A sentence's place mentions in text order, found by offset in logarithmic time, and the
    sentence with every place blanked out (the same length), so that what stands between a place
    and its trigger is read without going over every other place of the sentence."""

    def __init__(self, text: str, items: list[PlaceMention]) -> None:
        self.items = sorted(items, key=lambda p: p.start)
        self.starts = [p.start for p in self.items]
        chars = list(text)
        for p in self.items:
            chars[p.start:p.end] = " " * (p.end - p.start)
        self.masked = "".join(chars)

    def within(self, lo: int, hi: int) -> list[PlaceMention]:
        """Return the places that start in [lo, hi]."""
        return self.items[bisect_left(self.starts, lo):bisect_right(self.starts, hi)]

    def any_start_inside(self, lo: int, hi: int) -> bool:
        """Return whether a place starts strictly between lo and hi."""
        return bisect_left(self.starts, hi) > bisect_right(self.starts, lo)


_SEPARATORS = re.compile(r"\s*(?:,|\band\b)\s*")


def _list_gap(text: str, start: int, end: int, places: _Places) -> str:
    """Return the text between two offsets with the districts of a list in it left out."""
    return _SEPARATORS.sub(" ", places.masked[start:end])


_LIST_TO_STATE = re.compile(r"^\s*(?:(?:were|was|are|is|all|both|again|still|now|also|then)\s+)*$", re.I)
_COLON_LIST = re.compile(r"^[^.;:]{0,60}:\s*$")
_LIST_REST = re.compile(r"^\s*(?:(?:besides|as well as|including|and|plus)\s+)?$", re.I)


_STATE_WORDS = frozenset("were was are is all both again still now also then".split())


def _state_list(text: str, f: Found, places: _Places) -> set[int]:
    """Return the starts of the districts of a list a passive trigger states as a whole.

    "A, B, ... and C were in rebel hands": the list runs up to the trigger however long;
    "... were held by the rebels on August 15: A, B and C": a list after a colon. Each list is
    walked once, from the trigger outwards.
    """
    out: set[int] = set()
    if f.trigger.voice != "passive":
        return _semicolon_list(text, f, places)
    if f.trigger.direct:
        return out
    before = [p for p in places.items[:bisect_left(places.starts, f.start)] if p.end <= f.start]
    nearest = True
    for k in range(len(before) - 1, -1, -1):
        p = before[k]
        if nearest:
            if not _LIST_TO_STATE.match(_list_gap(text, p.end, f.start, places)):
                break
            nearest = False
        elif not set(_list_gap(text, p.end, before[k + 1].end, places).lower().split()) <= _STATE_WORDS:
            break
        out.add(p.start)
    colon = text.find(":", f.end, f.end + 62)
    opens = colon + 1 if colon >= 0 and _COLON_LIST.match(text[f.end:colon + 1]) else None
    if opens is None and _PLURAL_PLACES_BEFORE.search(text, max(0, f.start - 60), f.start):
        # "Three districts fell on Friday - A, B and C", "the districts that fell were A, B and C":
        # the trigger's subject is places it does not name; the list after a dash or "were" names them
        intro = _LIST_AFTER.match(text, f.end)
        opens = intro.end() if intro else None
    if opens is not None:
        gap = ""
        last = opens
        for p in places.within(opens, len(text)):
            gap += _list_gap(text, last, p.start, places)
            if len(gap) > 40 or not _LIST_REST.match(gap):
                break
            out.add(p.start)
            last = p.end
    return out


_PLURAL_PLACES_BEFORE = re.compile(r"\b(?:districts|towns|townships|cities|provincial capitals|"
                                   r"district cent(?:re|er)s|crossings)\b(?:\s+(?:that|which))?[^.;:,]{0,40}$", re.I)
_LIST_AFTER = re.compile(r"[^.;:–—]{0,60}?(?:\s[–—-]|\s(?:were|are|include|included)\b)\s*", re.I)


_LIST_SEGMENT = re.compile(r"^[\s,]*(?:(?:and|the|districts?|district centres?|towns?|townships?|in|of|province|"
                           r"border|crossings?|ports?|cities|city|"
                           r"provinces|region|state|[A-Z][\w\-'’]*)[\s,]*)*$")


_FIRST_SEGMENT_STOP = re.compile(r"\b(?:but|while|which|where|who|after|before|when|as|said|says|told)\b|[:(\"“”]",
                                 re.I)


def _semicolon_list(text: str, f: Found, places: _Places) -> set[int]:
    """Return the starts of the places of a list after a trigger that semicolons go on with:
    "seized A and B districts of P1; C in P2; and D in P3" (each segment names places only)."""
    out: set[int] = set()
    first = text.find(";", f.end, f.end + 200)
    if first < 0 or not places.any_start_inside(f.end, first) or \
            _FIRST_SEGMENT_STOP.search(places.masked, f.end, first):
        return out
    start = first + 1
    while start < len(text):
        stop = text.find(";", start)
        stop = len(text.rstrip(" .")) if stop < 0 else stop
        inside = places.within(start, stop)
        if not _LIST_SEGMENT.match(places.masked[start:stop]):
            # "...; and the Islam Qala crossing, officials said": the list ends at its last place's comma
            comma = places.masked.find(",", inside[-1].end, stop) if inside else -1
            if comma < 0 or not _LIST_SEGMENT.match(places.masked[start:comma]):
                break
            out.update(p.start for p in inside if p.end <= comma)
            break
        # (a segment of names the gazetteer lacks goes on with the list)
        out.update(p.start for p in inside if p.end <= stop)
        start = stop + 1
    return out


_PREP_BEFORE = re.compile(r"(?<!district )(?<!city )(?<!town )(?<!capital )(?<!centre )"
                          r"(?<!center )\b(?:in|on|over|for|near|around|outside|at|from|to|into|with|"
                          r"about|of|against|across|towards?|within|by|beyond|behind)\s+(?:the\s+)?"
                          r"(?:\w+ern\s+)?$", re.I)


_NEW_SUBJECT = re.compile(r",\s+and\s+(?!(?:then|later|also|itself|soon|finally|it|they|so)\b)[a-z]")
_AND_VERB = re.compile(r"^(?:\s+(?:city|district|town))?\s*,?\s+and\s+(?:then\s+|later\s+|also\s+|soon\s+)?$", re.I)


_LAST_AND = re.compile(r",?\s+and\s+(?:then\s+|later\s+|also\s+|soon\s+)?$", re.I)
_LIST_REST_GAP = re.compile(r"^[\s,]*(?:(?:and|district|city|town|township)[\s,]+)*$", re.I)


def _list_and_verb(text: str, p: PlaceMention, f: Found, places: _Places) -> bool:
    """Return whether a place is one of a list that ends before ", and" and a verb of its own:
    "attacked A, B and C, and took the employees" (the list is the object of "attacked")."""
    gap = text[p.end:f.start]
    last = _LAST_AND.search(gap)
    if last is None or not any(o.end <= p.end + last.start() for o in places.within(p.end + 1, p.end + last.start())):
        return False
    return bool(_LIST_REST_GAP.match(_list_gap(text, p.end, p.end + last.start(), places)))


def _before(text: str, pos: int, width: int = 120) -> str:
    """Return the words just before an offset (the patterns read at a place's left look no further)."""
    return text[max(0, pos - width):pos]


def _distance(text: str, p: PlaceMention, f: Found, places: _Places, listed: set[int]) -> int | None:
    """Return how far a district is from a trigger that may govern it, or None if it may not."""
    if f.start <= p.start and p.end <= f.end:
        return 0  # "surrendered Qalat to the insurgents"
    if p.start in listed:
        return 1
    voice, direct = f.trigger.voice, f.trigger.direct
    if p.end <= f.start:
        if f.trigger.subject and _PREP_BEFORE.search(_before(text, p.start)):
            return None  # "the ceasefire in Khan Abad collapsed"
        if voice == "active":
            return None if direct else (f.start - p.end if f.start - p.end <= 30 else None)
        if direct and not _SUBJECT_GAP.match(text[p.end:f.start]):
            return None
        if _NEW_SUBJECT.search(text[p.end:f.start]):
            return None  # "posts that the capital had struggled to resupply, and several were abandoned"
        if voice == "either" and (_AND_VERB.match(text[p.end:f.start]) or _list_and_verb(text, p, f, places)):
            return None  # "surrounded Kandahar city and captured ...": another verb's object
        return f.start - p.end
    if p.start >= f.end:
        if voice == "passive":
            ok = p.start - f.end <= 30 and not direct and "," not in text[f.end:p.start]
            return p.start - f.end if ok else None
        if direct and not _OBJECT_GAP.match(_list_gap(text, f.end, p.start, places)):
            return None
        return p.start - f.end
    return None


_OBJECT_NOISE = re.compile(
    r"\b(?:weapons?|arms|vehicles?|equipment|ammunition|soldiers|commandos|troops|policemen|prisoners?|"
    r"prisoner|captives?|hostages?|hills?|heights|ridge|villages?|checkpoints?|check\s+posts?|posts?|"
    r"outposts?|bases?|camps?|strongholds?|battalions?|headquarters|commands?|garrisons?|"
    r"fight|battle|road|roads|highway|bridge|dam|airport|airfield|compound|positions?|"
    r"areas?|parts?|sections?|neighbourhoods?|outskirts|edges?|people|civilians|members|officials|"
    r"fighters|territory|land|mountains?|valley|overlooking|near|towards?|to|into|around|outside|police\s+"
    r"(?:chief|officers|headquarters|stations?|districts?)|convoy|supplies|stocks?|trucks?|lorries|money|"
    # installations in a city: "captured the governor's office / the prison / the TV building in X"
    r"offices?|buildings?|prisons?|jails?|compounds|palace|square|radio|television|homes?|houses?|residences?|"
    r"bazaars?|markets?|streets|economy|governors?|mayors?|"
    r"dozens|hundreds|scores)\b", re.I)
# "captured Lashkar Gah's main square": a part of the place, not the place
_POSSESSED_PART = re.compile(r"['’]s\s+(?:(?:main|central|old|new|key|only|international|civilian|military|"
                             r"\w+ern)\s+)*(?:square|prison|jail|airport|airfield|offices?|buildings?|compound|palace|"
                             r"bazaar|market|police|checkpoints?|outposts?|bases?|garrison|barracks|headquarters|"
                             r"outskirts|suburbs?|gates?|neighbourhoods?|parts?|areas?)\b", re.I)
_SUBJECT_NOISE = re.compile(r"['’]s\s+(?:police|governor|chief|commander|deputy|spokesman|officials?)\b|"
                            r"\b(?:said|says|told|according to|governor|residents|elders|chief|commander|"
                            r"officials?)\b", re.I)


# a relative clause between a place and the verb whose subject it is
_REL_ASIDE = re.compile(r"(?:\s+(?:town|city|district|township))?\s*,\s*(?:where|which|who|whose)\b[^;,]{1,120},"
                        r"\s*(?:(?:\w+ly|also|then|later|finally|itself|too|was|were|had been|has been)\s+)*", re.I)
_REL_OPEN = re.compile(r",\s*(?:where|which|who|whose)\b[^;,]*$", re.I)
_REL_CLOSE = re.compile(r"[^;,]*,\s*(?:(?:\w+ly|also|then|later|finally|itself|too|was|were|had been|has been)\s+)*",
                        re.I)
_BACK = re.compile(r"\b(?:now|again|back)\b", re.I)
_SUBJECT_PRONOUN = re.compile(r"\b(?:they|it|we|he|she)\s+(?:(?:had|have|has|also|then|later|\w+ly)\s+)*$",
                              re.I)
_PARTICIPLE = re.compile(r"[a-z]+ing\b", re.I)
_PRONOUN_OBJECT = re.compile(r"\s+(?:it|them)\b(?!\s*(?:,|\bto\b))", re.I)
_COORDINATION = re.compile(r",|\band\b|\bas well as\b")


_DISTRICTS_INTRO = re.compile(r"^(?P<np>\s+(?:[\w\-]+\s+){0,3}?)(?:districts?|townships?|towns|cities)\b[^.;]{0,40}?(?:,?\s*(?:including|"
                              r"such as|namely|among them)|:|\s[–—-])\s*$", re.I)


def _named_districts(text: str, begin: int, p: PlaceMention, places: _Places) -> bool:
    """Return whether a district is one of a list that names the districts a trigger took.

    "captured several districts around it, including Arghandab, Zhari and Panjwai": what
    stands between "districts" and the list does not make the object something else.
    """
    listed = places.within(begin, p.start)
    if not listed:
        return False
    first = listed[0]
    intro = _DISTRICTS_INTRO.match(text[begin:first.start])
    return bool(intro and not _OBJECT_NOISE.search(intro["np"])
                and not _list_gap(text, first.start, p.start, places).strip())


_SEAT_OF = re.compile(r"\s+(?:the\s+)?(?:(?:district|provincial|township)\s+)?(?:headquarters|cent(?:re|er)|seat|"
                      r"administration|administrative\s+cent(?:re|er))\s+(?:of|in)\s+(?:the\s+)?", re.I)


def _noise_between(text: str, p: PlaceMention, f: Found, places: _Places) -> bool:
    """Return whether other words than the district's own stand between it and its trigger.

    An object of its own after "and the" starts anew: "took over the airport and the nearby
    district of Dehrawud" (but "checkpoints in Nad Ali and Marja districts" stays one object).
    """
    if p.start >= f.start and p.end <= f.end or p.start >= f.end:
        # after the trigger, or inside it after its verb ("lost 20 soldiers in Shibar to the rebels")
        begin = f.end if p.start >= f.end else f.start + len(f.text.split(None, 1)[0])
        if _named_districts(text, begin, p, places) or _SEAT_OF.fullmatch(places.masked, begin, p.start):
            return False  # (... "overran the district headquarters of X": X's seat is X)
        if _PRONOUN_OBJECT.match(text, begin, p.start):
            return True  # "seizing it during clashes in X": the object is what "it" means
        gap = places.masked[begin:p.start]  # other districts of a list are not noise
        gap = re.sub(r",\s+(?:the|a|an|which|where)\s[^,]*(?:,|$)", ",", gap)  # appositions
        tail = _COORDINATION.split(gap)[-1]
        if tail != gap and re.match(r"\s+the\s", tail) and _OBJECT_GAP.match(tail):
            return False
        return bool(_OBJECT_NOISE.search(gap))
    if p.end <= f.start:
        return bool(_SUBJECT_NOISE.search(text[p.end:f.start]))
    return False


def match(sent: Sent, ctx: Context) -> list[ControlMatch]:
    """Return the (district, controller, trigger) triples a sentence states as fact.

    A sentence naming no day reads "nine days earlier", "the next day" or "by nightfall" from
    the last day the report named before it.
    """
    found = _match(sent, ctx)
    count = ctx.__dict__.pop("_control_count", None)
    if count is not None and count[0] != sent.index - 1:
        count = None  # (a count is continued by the sentence right after it only)
    if not found and count is not None:
        found = _listed(sent, ctx, count)
    counted = _count_of_places(sent, ctx)
    if counted is not None:
        ctx.__dict__["_control_count"] = counted
    ctx.__dict__.setdefault("_control_read", []).append(sent.text)  # the sentences read, for `_last_rival`
    if found:
        found = [replace(m, **_telling(sent.text, m, ctx.theatre)) for m in found]
    if found and reads_anchor(sent.text) and not any(d.value for d in sent.dates):
        anchor = _report_day([s for s in ctx.seen if s is not sent])
        if anchor is not None:
            days = tuple(find_dates(sent.text, sent.published, anchor=anchor))
            found = [replace(m, days=days) for m in found]
    if found and not sent.dates:
        # a sentence that names no day: the count it lists ("Nine districts fell on Sunday. The
        # insurgents took A, B and C."), else the sentence after it naming the change and its day
        # ("... surrendered X. The development late on Saturday ...")
        day = (count[2], count[3]) if count is not None and count[2] is not None else _day_after(sent, ctx)
        if day is not None:
            found = [replace(m, discourse_day=day) if m.discourse_day is None else m for m in found]
    return _heirs(sent, found, ctx.theatre) if found else found


_COUNT_OF_PLACES = re.compile(
    r"\b(?:\d+|" + "|".join(w for w in en.CARDINALS if " " not in w and en.CARDINALS[w] <= 100)
    + "|" + "|".join(w.replace(" ", r"\s+") for w in en.PLACE_COUNT_WORDS) + r")\s+(?:(?:"
    + "|".join(w.replace(" ", r"\s+") for w in en.PLACE_COUNT_WORDS) + r"|key|strategic|remote|more)\s+){0,2}"
    r"(?:" + "|".join(w.replace(" ", r"\s+") for w in en.PLACE_COUNT_NOUNS) + r")\b", re.I)
_LIST_OPENER = re.compile(r"^\W*(?:" + "|".join(en.LIST_OPENERS) + r")\b", re.I)
_NAMES_BACK = re.compile(r"^\W*(?:the|this|that|its)\s+(?:[\w\-]+\s+){0,2}?(?:" + "|".join(en.CHANGE_NOUNS_BACK)
                         + r")\b", re.I)
_COUNT_WORDS = frozenset(w.split()[-1] for w in en.PLACE_COUNT_NOUNS)


def _count_of_places(sent: Sent, ctx: Context) -> tuple[int, str, date | None, bool, str] | None:
    """Return (sentence index, gainer, day, whether the day is a statement's, trigger) when a
    sentence tells a change of a number of places it does not name ("at least nine districts have
    fallen in the last 24 hours, sources told us on Sunday"), for the list that may follow."""
    text = sent.text
    low = lowered(text)
    if low is not None and _COUNT_WORDS.isdisjoint(_WORD.findall(low)):
        return None
    counts = list(_COUNT_OF_PLACES.finditer(text))
    if not counts:
        return None
    lex = lexicon_for(ctx.theatre)
    for f in find_triggers(text, lex):
        if f.trigger.role not in ("capture", "retake") or f.trigger.holding or inside_quotes(text, f.start):
            continue
        near = [c for c in counts if 0 <= f.start - c.end() <= 40 or 0 <= c.start() - f.end <= 40]
        if not near or _hedged(text, f.start, f.end, lex):
            continue
        side = _agent(text, f.start, f.end, f.trigger, lex, ctx.theatre, ctx.__dict__.get("_control_read", []))
        if side.gainer is None or side.gainer == "contested":
            return None
        day, said = day_near(sent.dates, f.start, f.end, text)
        return sent.index, side.gainer, day, said, f.text
    return None


def _listed(sent: Sent, ctx: Context, count: tuple[int, str, date | None, bool, str]) -> list[ControlMatch]:
    """Return the places of a sentence that lists the places a count before it told ("Five more
    districts fell on Sunday. They are A, B and C."), each the count's side's."""
    text = sent.text
    if not _LIST_OPENER.match(text):
        return []
    places = [p for p in district_mentions(sent, ctx) if not p.anaphoric
              and not _STRONG_PREP.search(_before(text, p.start))]
    _, gainer, day, said, trigger = count
    return [ControlMatch(p, gainer, trigger, p.start, p.end, kind="change",
                         discourse_day=(day, said) if day is not None else None) for p in places]


def _day_after(sent: Sent, ctx: Context) -> tuple[date, bool] | None:
    """Return the day the sentence after this one gives the change it names ("The development
    late on Saturday ...", "The capture of the town on Friday ...")."""
    report = ctx.report
    k = bisect_right(report.starts, sent.start)
    if k >= len(report.sentences):
        return None
    nxt = report.sentences[k]
    if nxt.index != sent.index + 1 or not _NAMES_BACK.match(nxt.text):
        return None
    for d in nxt.dates:
        if d.start > 80:
            break
        if d.value is not None and not said_on(d):
            return d.value, False
        if d.value is None:
            return None
    return None


_ATTRIBUTION = re.compile(r"\b" + en_alt(en.ATTRIBUTION_VERBS) + r"\b", re.I)
_HEDGE_WORDS = re.compile(r"\b" + en_alt(en.HEDGES) + r"\b", re.I)
_DENIAL_AFTER = re.compile(r"\b" + en_alt(en.DENIAL_VERBS) + r"\b", re.I)
_SPEAKER_CUT = re.compile(r"[,;:(\"“”—–]|\b(?:that|and|but|as|while)\b", re.I)
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "who"})


def _telling(text: str, m: ControlMatch, theatre: Theatre) -> dict[str, Any]:
    """Return how a sentence tells a change: its speaker ("officials said", ", the group said",
    "according to the ministry", "said Zabihullah Mujahid") and the speaker's party, and whether it
    is hedged ("reportedly") or denied after it."""
    speaker = None
    for a in _ATTRIBUTION.finditer(text):
        if a.group().lower() == "according to":
            who = _SPEAKER_CUT.split(text[a.end():], maxsplit=1)[0]
        else:
            who = _SPEAKER_CUT.split(text[:a.start()])[-1]
            if not who.strip() or len(who.split()) > 6 or who.strip().lower() in _PRONOUNS:
                after = re.match(r"\s+(?:[a-z]+\s+){0,3}?(?P<w>[A-Z][^,.;:()]{1,60})", text[a.end():])
                who = after["w"] if after and a.start() > m.t_end else ""
        who = who.strip(" .")
        if who and who.lower() not in _PRONOUNS and len(who.split()) <= 8:
            speaker = who
            break
    party = None
    if speaker:
        lex = lexicon_for(theatre)
        cues = _cues(lex, speaker)
        party = (next((c.party for c in cues if c.party), None) or theatre.party_of(speaker)
                 or next((p for n in lex.name.finditer(speaker) if (p := lex.party(n.group()))), None))
    hedged = bool(_HEDGE_WORDS.search(text) or _REPORTED_BEFORE.search(text, 0, m.t_start))
    return {"speaker": speaker, "speaker_party": party, "hedged": hedged,
            "denied": bool(_DENIAL_AFTER.search(text, m.t_end))}


def _report_day(seen: list[Sent]) -> date | None:
    """Return the last day named by the sentences read so far, a relative one counted on from
    the day before it ("... on July 3. Nine days earlier, ...": June 24).

    Only the sentences since the last one naming a day of its own are read (their dates are
    read lazily).
    """
    since: list[Sent] = []
    for s in reversed(seen):
        named = [d.value for d in s.dates if d.value is not None]
        if named:
            day = named[-1]
            break
        if reads_anchor(s.text):
            since.append(s)
    else:
        return None
    for s in reversed(since):
        named = [d.value for d in find_dates(s.text, s.published, anchor=day) if d.value is not None]
        if named:
            day = named[-1]
    return day


_WINDOW = 260  # how far from a trigger a place it governs may stand (beyond: a list it states)


_THEM = re.compile(r"(?:\s+(?:full\s+|complete\s+|total\s+)?control\s+(?:of|over))?\s+(?:all\s+of\s+|both\s+of\s+)?"
                   r"them\b", re.I)
_GROUP_GAP = re.compile(r"^(?:\s*(?:,|\band\b|\bdistricts?\b|\btowns?\b|\btownships?\b))*\s*$", re.I)


def _last_group(text: str, places: _Places, pos: int) -> list[PlaceMention]:
    """Return the places of the last list that ends before an offset ("A, B and C districts")."""
    before = [p for p in places.items if p.end <= pos and not p.anaphoric]
    group: list[PlaceMention] = []
    for p in reversed(before):
        if group and not _GROUP_GAP.match(text[p.end:group[-1].start]):
            break
        group.append(p)
    return group[::-1]


def _last_place(text: str, places: _Places, pos: int, quotes: bool) -> PlaceMention | None:
    """Return the place that ends last before an offset, not after a preposition (nor inside
    quotation marks): what "it" or "the city" after a trigger means."""
    found: PlaceMention | None = None
    for k in range(bisect_left(places.starts, pos) - 1, -1, -1):
        p = places.items[k]
        if found is not None and p.end < found.start:
            break  # (places run in text order: none further back ends later)
        if p.end <= pos and not _TO_AFTER_PREP.search(_before(text, p.start)) and \
                not (quotes and inside_quotes(text, p.start)) and (found is None or p.end > found.end):
            found = p
    return found


_OF_AFTER = re.compile(r"(?:\s+(?:" + en_alt(en.SEAT_NOUNS) + r"))?\s+of\s+(?:the\s+)?", re.I)
_ENTERED = re.compile(r"enter", re.I)
_ENTRY = re.compile(r"enter|marched|rolled|swept|stormed|poured", re.I)
_CITY_AFTER = re.compile(r"\s+city\b", re.I)
_WORD = re.compile(r"[a-z]+")
# "fighting went on for days": going on is no fall ("X went on Sunday" is)
_WENT_ON = re.compile(r"\s+on\b(?!\s+(?:" + "|".join((*en.WEEKDAYS, *(m.capitalize() for m in en.MONTHS[:12])))
                      + r")\b)")
_REFERENCE = re.compile(r"\b" + REFERENCE_BEFORE + r"$|\b(?:(?:retreated|withdrew|withdrawn|fled|pulled\s+back|"
                        r"moved|headed|returned)\s+(?:to|towards?|into)|(?:flown|brought|sent|dispatched|redeployed|"
                        r"airlifted)(?:\s+in)?\s+from)\s+(?:the\s+)?"
                        r"(?:(?:capital|city|provincial)\s+)*$|\b(?:connects?|connecting|links?|linking|leads?|leading)\s+"
                        r"(?:[\w’'\-]+\s+){0,3}?(?:to\s+|with\s+)?(?:the\s+)?(?:(?:capital|city|provincial)\s+)*$",
                        re.I)
_FIGHTING = re.compile(r"\b(?:" + "|".join(en.ENTRY_FIGHTING) + r")\b", re.I)
# ", a town in Sagaing Region's Tamu Township": where the place named before lies, not a place taken
_LOCATOR_BEFORE = re.compile(r",\s*(?:a|an|the)\s+(?:[\w\-]+\s+){0,3}?(?:town|village|city|district|township|area|"
                             r"region|crossing|hub|post)\s+(?:in|of|near|on|inside|within)\s+[^,;()]{0,60}$", re.I)
_UNOPPOSED = re.compile(r"[^.;]{0,80}?\b(?:" + "|".join(en.ENTRY_UNOPPOSED) + r")\b", re.I)
_EXCEPT = re.compile(r"\b(?:" + "|".join(w.replace(" ", r"\s+") for w in en.EXCEPT_WORDS) + r")\s", re.I)
_CLAUSE_END = re.compile(r"[;:.]|,\s*(?:but|while|whereas|and\s+(?:the|they|it))\b|\b(?:but|while|whereas)\b", re.I)


_NAME_RX = r"(?P<n>[A-Z][a-z]{3,}(?:[\- ](?:[eiy][\- ])?[A-Z][a-z]{2,})?)"
# the object right after a trigger, the subject right before it: a name and nothing more of it
_OBJECT_NAME = re.compile(r"\s+(?:the\s+)?(?:(?:district|town|city)\s+of\s+)?" + _NAME_RX
                          + r"(?![\w\-'’])(?!\s+[A-Z])(?!['’]s)")
_SUBJECT_NAME = re.compile(r"(?<![\w\-'’])(?<![A-Z][a-z] )" + _NAME_RX + r"(?:\s+(?:district|town|city))?"
                           r"\s+(?:(?:has|have|had|was|were|also|then|finally|quickly|soon)\s+)*$")
_NOT_NAMES = frozenset(w.lower() for w in (*en.WEEKDAYS, *en.MONTHS))


_IT_SUBJECT = re.compile(r"^\W*(?:(?:on|by|late on|early on)\s+\w+(?:\s+\w+)?,\s+)?(?P<it>It)\s+(?:(?:had|has|was|"
                         r"also|then|finally|eventually|soon|later|quickly)\s+)*$")
_IT_PASSIVE = re.compile(r"\b(?:was|were|been)\s+(?:\w+ly\s+)?$")
_IT_OBJECT = re.compile(r"\s+(?P<it>it)\b(?!\s*(?:,|\bto\b|\bwas\b|\bis\b))")


def _it_place(text: str, last: PlaceMention, found: list[Found]) -> PlaceMention | None:
    """Return "it" as the place the sentence before named last, when "it" is what a trigger took or
    what fell: "The insurgents attacked Khanabad on Thursday. It fell on Friday." / "... On Friday
    they captured it." (not "it" as a side: "It captured the district" names the taker)."""
    for f in found:
        m = _IT_OBJECT.match(text, f.end) if f.trigger.voice != "passive" else None
        if m is None and f.trigger.voice != "active":
            m = _IT_SUBJECT.match(text[:f.start])
            if m is not None and f.trigger.voice == "either" and not _IT_PASSIVE.search(text[:f.start]):
                m = None  # "It captured the police chief": "it" is the taker
        if m is not None:
            return PlaceMention(last.text, m.start("it"), m.end("it"), last.district, anaphoric=True)
    return None


def _spelled_names(sent: Sent, ctx: Context, mentions: list[PlaceMention], triggers: list[Found]) -> list[PlaceMention]:
    """Return the names a trigger governs that spell a gazetteer district another way ("captured
    Daulatabad", "Kalat fell"): a capitalised word or two right after an active trigger or right
    before a passive one, not a side's name nor a place already read, whose spelling key is close
    to the key of one of the district's names (same first letter, ratio 88 or more)."""
    text = sent.text
    lex = lexicon_for(ctx.theatre)
    taken = [(p.start, p.end) for p in mentions] + [(e.start_char, e.end_char) for e in sent.all_ents
                                                    if e.label_ in ("ACTOR", "VENUE", "PROVINCE", "DISTRICT")]
    out: list[PlaceMention] = []
    for f in triggers:
        found = []
        if f.trigger.voice != "passive":
            m = _OBJECT_NAME.match(text, f.end)
            if m:
                found.append((m.start("n"), m.end("n")))
        if f.trigger.voice != "active":
            m = _SUBJECT_NAME.search(text, max(0, f.start - 60), f.start)
            if m:
                found.append((m.start("n"), m.end("n")))
        for s, t in found:
            name = text[s:t]
            if any(not (t <= a or s >= b) for a, b in taken) or lex.knows(name) or lex.cue.search(name) or \
                    any(w.lower() in _NOT_NAMES for w in re.split(r"[\s\-]+", name)):
                continue
            d = _close_district(ctx.theatre, name)
            if d is not None:
                out.append(PlaceMention(name, s, t, d))
                taken.append((s, t))
    return out


def _close_district(theatre: Theatre, name: str) -> District | None:
    """Return the one district whose name or variant a name spells closely (a ratio of 88 or more on
    the loose spelling keys, the same first letter), or None."""
    key = loose_key(name)
    if len(key) < 5:
        return None
    cands = theatre.district_candidates(name)
    if not cands:
        one = theatre.resolve_district(name)
        cands = [one] if one is not None else []
    best = [d for d in cands if any(
        fuzz.ratio(key, loose_key(v)) >= 88 and loose_key(v)[:1] == key[:1] for v in (d.name, *d.variants))]
    return best[0] if len({d.id for d in best}) == 1 else None


def _match(sent: Sent, ctx: Context) -> list[ControlMatch]:
    text = sent.text
    mentions_all = district_mentions(sent, ctx)
    theatre = ctx.theatre
    lex = lexicon_for(theatre)
    found = find_triggers(text, lex)  # (read once: the names and "it" below, the matching after)
    spelled = _spelled_names(sent, ctx, mentions_all, found) if found else []
    if spelled:
        mentions_all = sorted(mentions_all + spelled, key=lambda p: p.start)
    prev = ctx.__dict__.pop("_control_last_place", None)
    named = [p for p in mentions_all if not p.anaphoric]
    if named and not _STRONG_PREP.search(_before(text, named[-1].start)) and \
            not _TO_AFTER_PREP.search(_before(text, named[-1].start)):
        ctx.__dict__["_control_last_place"] = (sent.index, named[-1])  # (not a place that only locates)
    elif prev is not None and prev[0] == sent.index - 1:
        it = _it_place(text, prev[1], found)
        if it is not None:
            mentions_all = sorted(mentions_all + [it], key=lambda p: p.start)
    if not mentions_all:
        return []
    # "the district centres of X and Y": the places named, not the last place named before
    named_at = {p.start for p in mentions_all if not p.anaphoric}
    mentions_all = [p for p in mentions_all if not p.anaphoric or (m := _OF_AFTER.match(text, p.end)) is None
                    or m.end() not in named_at]
    if not mentions_all:
        return []
    # "fighters entered the city": fighting inside a place is no change of hands, unless unopposed
    triggers = [f for f in found if (not _ENTERED.match(f.text) or not _FIGHTING.search(text)
                or _UNOPPOSED.search(text, f.end)) and not (f.text.lower() == "went" and _WENT_ON.match(text, f.end))]
    # "all districts except X": X is the one that did not change hands
    excepted = [m.end() for m in _EXCEPT.finditer(text)]
    if excepted:
        mentions_all = [p for p in mentions_all if not any(
            e <= p.start and not _CLAUSE_END.search(text, e, p.start) for e in excepted)]
        if not mentions_all:
            return []
    read = ctx.__dict__.get("_control_read", [])
    takers = ctx.__dict__.setdefault("_control_takers", [])  # the parties named taking places so far
    out: list[ControlMatch] = []
    assigned: dict[int, list[PlaceMention]] = {}
    places = _Places(text, mentions_all)
    # words in quotation marks are someone's claim, not the report's; but a side's officials quoted
    # telling how their forces took a place back are read as the report reads them: as fact
    # (and only where the words name the side that took it back: '"X has been liberated"' in a
    # captor's statement names nobody, and no side can be told from it)
    said = [inside_quotes(text, f.start) for f in triggers]
    quoted = [q and f.trigger.role != "retake" for q, f in zip(said, triggers, strict=True)]
    lists = [_state_list(text, f, places) if not quoted[i] else set() for i, f in enumerate(triggers)]
    t_starts = [f.start for f in triggers]
    for p in mentions_all:
        best = None
        # the triggers near the place (a place further off only as one of a stated list)
        near = range(bisect_left(t_starts, p.start - _WINDOW), bisect_right(t_starts, p.end + _WINDOW))
        for i in sorted({*near, *(k for k, listed in enumerate(lists) if p.start in listed)}):
            f = triggers[i]
            if quoted[i]:
                continue
            between = text[p.end:f.start] if p.end <= f.start else text[f.end:p.start]
            dist: int | None
            if p.start >= f.end and p.start in lists[i] and f.trigger.voice != "passive":
                dist = 1  # "seized A in P1; B in P2; and C in P3"
            elif p.start >= f.end and _AS_WERE.search(between):
                dist = p.start - f.end  # "were under rebel control, as were Bamyan and Parun"
            elif p.end <= f.start and f.trigger.voice != "active" and _REL_ASIDE.fullmatch(between) and \
                    not any(p.end <= g.start and g.end <= f.start for g in triggers):
                dist = 1  # "Kunlong, where the district administration is based, fell on Sunday"
            elif p.end <= f.start and f.trigger.voice != "active" and _REL_OPEN.search(_before(text, p.start, 200)) and \
                    _REL_CLOSE.fullmatch(between):
                continue  # ... and "the district administration" there is not what fell
            elif p.end <= f.start and f.trigger.voice != "passive" and _PARTICIPLE.match(f.text):
                continue  # "the AA seized a command in the township, capturing hundreds of soldiers",
                # "closing in on the capital after taking Ghazni": what an -ing form takes follows it
            elif p.end <= f.start and f.trigger.voice == "either" and "," in between and \
                    (_SUBJECT_PRONOUN.search(between) or lex.cue.search(between, between.index(","))) and \
                    not _PRONOUN_OBJECT.match(text, f.end):
                continue  # "In Hpasawng, the KNDF took ...", "in Loikaw, a day after they overran ...": a subject
                # of its own stands between (a relative clause, "X, which the AA took", is read below)
            elif _CLAUSE_BREAK.search(between) or _noise_between(text, p, f, places) or \
                    p.start >= f.end and _NEW_PREDICATE.search(between):
                continue  # "..., leaving Sheberghan isolated", "captured weapons in Nad Ali"
            else:
                dist = _distance(text, p, f, places, lists[i])
            if dist is None or dist > 170:
                continue
            if best is None or dist < best[0]:
                best = (dist, i)
        if best is not None:
            assigned.setdefault(best[1], []).append(p)
    # "Khan Abad, which fell on Sunday, was retaken on Tuesday": the aside's change and the main verb's
    asides: dict[tuple[int, int], tuple[int, int]] = {}  # (trigger, place) -> the aside's offsets
    for p in mentions_all:
        for i in range(bisect_left(t_starts, p.end), bisect_right(t_starts, p.end + _WINDOW)):
            f = triggers[i]
            if f.start < p.end or f.trigger.voice == "active" or quoted[i]:
                continue
            gap = text[p.end:f.start]
            if _ASIDE.match(gap) and any(p.end < g.start and g.end < f.start for g in triggers) \
                    and not places.any_start_inside(p.end, f.start):
                if p not in assigned.get(i, []):
                    assigned.setdefault(i, []).append(p)
                    asides[(i, p.start)] = (p.end, f.start)
                    for k, g in enumerate(triggers):
                        if p.end < g.start and g.end < f.start:
                            asides[(k, p.start)] = (p.end, f.start)
                break
    # "Sheikh Ali district after it briefly fell", "Torghundi, which the group's fighters captured"
    them: set[int] = set()
    for i, f in enumerate(triggers):
        if f.trigger.voice != "passive" and not f.trigger.holding and not quoted[i] and _THEM.match(text, f.end):
            # "launched an offensive in A and B districts and regained control of them": the list before
            group = _last_group(text, places, f.start)
            if len(group) > 1:
                assigned[i] = group
                them.add(i)
                continue
        if i in assigned or f.trigger.voice == "passive" and f.trigger.direct or quoted[i]:
            continue
        where = f.trigger.role == "contested" and _WHERE_BEFORE.search(text[max(0, f.start - 60):f.start])
        if where:
            # "fighting in Arghandab district, where control is contested"
            cut = f.start - len(where.group())
            before = [p for p in places.within(cut - 200, cut) if p.end <= cut and _REL_GAP.match(text[p.end:cut])]
            if before:
                assigned[i] = [max(before, key=lambda p: p.end)]
            continue
        rel = _RELATIVE_BEFORE.search(text[max(0, f.start - 60):f.start])
        pronoun = f.trigger.voice != "passive" and re.match(r"\s+(?:it|the (?:city|town))\b", text[f.end:])
        if rel and not pronoun and (f.trigger.voice != "active" or rel.group().lower().startswith(("which", "that"))):
            cut = f.start - len(rel.group())
            before = [p for p in places.within(cut - 200, cut) if p.end <= cut and _REL_GAP.match(text[p.end:cut])
                      and not _TO_AFTER_PREP.search(_before(text, p.start))]
            if before:
                assigned[i] = [max(before, key=lambda p: p.end)]
        elif pronoun:
            # "security forces had left it overnight": the place named before
            last = _last_place(text, places, f.start, quotes=True)
            if last is not None:
                assigned[i] = [last]
        elif f.trigger.voice != "active" and re.search(r"\bit\s+(?:had\s+|has\s+|was\s+)?(?:\w+ly\s+)?"
                                                       r"(?:also\s+)?$", text[max(0, f.start - 30):f.start]):
            last = _last_place(text, places, f.start, quotes=False)
            if last is not None:
                assigned[i] = [last]
    for i, mentions in assigned.items():
        f = triggers[i]
        if _hedged(text, f.start, f.end, lex):
            continue
        mentions = [p for p in mentions if not _BETWEEN.search(_before(text, p.start))
                    and not _POSSESSED_PART.match(text, p.end)
                    and not _LOCATOR_BEFORE.search(_before(text, p.start))
                    and not _REFERENCE.search(_before(text, p.start)) and (
            not _STRONG_PREP.search(_before(text, p.start)) or 0 <= p.start - f.end <= 5
            or _CROSSING_AT.search(_before(text, p.start)))]
        if not mentions:
            continue
        old = _OLD_YEAR.search(text[f.end:f.end + 40])
        if old and sent.published and int(old["y"]) < sent.published.year:
            continue  # "which the rebels briefly captured in 2015"
        # "retreated from Yamgan district": the trigger's own preposition governs its object
        plain = [p for p in mentions if not _TO_AFTER_PREP.search(_before(text, p.start))
                 or 0 <= p.start - f.end <= 5 and _TO_AFTER_PREP.search(f.text + " ")]
        keep = mentions if i in them else plain or mentions[:1]
        kind = "holding" if f.trigger.holding else "change"
        main = _agent(text, f.start, f.end, f.trigger, lex, theatre, read)
        rivals: list[str | None] = []  # the side the report last told, read once a trigger
        entry = _ENTRY.match(f.text) is not None
        for p in keep:
            aside = asides.get((i, p.start))
            side = main
            if aside is not None and f.start >= aside[1]:
                # the main verb: the side that took it is named outside the aside
                blank = text[:aside[0]] + " " * (aside[1] - aside[0]) + text[aside[1]:]
                side = _agent(blank, f.start, f.end, f.trigger, lex, theatre, read)
            if side.gainer is None and side.untold:
                # "Kunlong fell on Sunday" in a report on the alliance: the side it named last
                if not rivals:
                    rivals.append(_last_rival(lex, theatre, read, text[:f.start], takers, side.not_party))
                # ... when that side fights where the place lies, else the side that does
                taker = _area_side(theatre, p, rivals[0]) if side.not_party is None else rivals[0]
                side = _Side(taker) if taker else side
            if side.gainer is None or said[i] and side.acting is None:
                continue  # no side can be told
            if entry and _is_city(theatre, text, p) and not _UNOPPOSED.match(text, f.end):
                continue  # "swept into Kandahar city": a city is entered and fought over, not yet taken
            if side.gainer == theatre.incumbent and (f.trigger.holding or f.trigger.not_incumbent) and \
                    not (f.trigger.holding and _BACK.search(text, max(0, f.start - 25), f.end)):
                continue  # the incumbent still holding a place, or its forces entering one
                # ("security forces are now in full control of the town" again: a retaking)
            if side.acting and side.acting != theatre.incumbent:
                takers.append(side.acting)
            out.append(ControlMatch(p, side.gainer, f.text, f.start, f.end, aside=aside,
                                    in_aside=aside is not None and f.start < aside[1], kind=kind,
                                    acting_party=side.acting, by_pronoun=i in them))
    return out


def _area_side(theatre: Theatre, p: PlaceMention, named: str | None) -> str | None:
    """Return who gains a place the incumbent loses with no taker named: the side the report
    named last (`named`) when it fights in the place's state or province, else the main side
    there (theatre.json `sides_by_area`: province id -> party ids, the first the main one); in an
    area the theatre does not list, the side named."""
    d = p.district
    area = (theatre.config.get("sides_by_area") or {}).get(d.province_id) if d is not None and d.province_id else None
    if not isinstance(area, list) or not area:
        return named
    if named is not None and (named in area or theatre.coalition_of(named) in area or any(
            m in area for m in theatre.parties[named].members if named in theatre.parties)):
        return named
    return str(area[0])


def _is_city(theatre: Theatre, text: str, p: PlaceMention) -> bool:
    """Return whether a place is a city: its province's capital, or named "X city"."""
    d = p.district
    capital = theatre.capital(d.province_id) if d is not None and d.province_id else None
    return (capital is not None and d is not None and capital.id == d.id) or \
        "city" in p.text.lower().split() or _CITY_AFTER.match(text, p.end) is not None


_AND = re.compile(r"\s+and\s+", re.I)
_SEGMENT_BREAK = re.compile(r";|,\s+(?:and|while|but|whereas)\b")


def _date_of(sent: Sent, m: ControlMatch) -> tuple[date | None, bool]:
    """Return the day of a change: a date in the district's own coordinated clause, else the nearest;
    and whether that day is only the statement's or the dateline's (weak: another sentence of the
    report that gives the change a day of its own wins).

    "conquered Kandahar late on Thursday night, and the centres of Lashkar Gah ... on Friday"
    dates Kandahar on Thursday and Lashkar Gah on Friday.
    """
    text = sent.text
    dates = list(m.days) if m.days is not None else sent.dates
    filed = [d for d in dates if is_dateline(d)]
    if filed and any(d not in filed and not said_on(d) and (d.value or sent.published) for d in dates):
        # "KUNDUZ, May 26 (Wire) - ... seized Sherzad last week": the day the report was filed
        # (in an undated report, a vague "last week" leaves the dateline's day the best there is)
        dates = [d for d in dates if d not in filed]
    weak_days = {d.value for d in filed if d.value}
    if not dates and m.discourse_day is not None:
        return m.discourse_day

    def near(ds: list[DateMention], start: int, end: int) -> tuple[date | None, bool]:
        day, said = day_near(ds, start, end, text)
        return day, said or (day is not None and day in weak_days and all(
            d in filed or d.value != day for d in ds))

    if m.by_pronoun:  # "..., three days after militias seized them": the day of the trigger's clause
        return near(dates, m.t_start, m.t_end)
    if m.trigger.lower().startswith(("followed", "closely followed")):
        # "X fell on Friday, followed by Y and Z on Saturday": the day after "by", not X's
        later = [d for d in dates if d.start >= m.t_end]
        return near(later, m.place.start, m.place.end) if later else (None, False)  # (no day of its own)
    breaks = [b for b in _SEGMENT_BREAK.finditer(text)]
    lo = max([b.end() for b in breaks if b.end() <= m.place.start], default=0)
    hi = min([b.start() for b in breaks if b.start() >= m.place.end], default=len(text))
    own = [d for d in dates if lo <= d.start and d.end <= hi]
    if m.aside:  # the aside's change by the aside's days, the main verb's by the others
        lo, hi = m.aside
        return near([d for d in dates if (lo <= d.start < hi) == m.in_aside], m.t_start, m.t_end)
    if own and (lo > 0 or hi < len(text)):
        return near(own, m.place.start, m.place.end)
    if m.place.start >= m.t_end:
        # "seized A late on Thursday and the B crossing on Friday": B's conjunct has its own day
        ands = [a.end() for a in _AND.finditer(text, m.t_end, m.place.start)]
        if ands:
            conjunct = [d for d in dates if ands[-1] <= d.start and d.end <= hi]
            if conjunct and any(d.end <= ands[-1] and d.start >= m.t_end for d in dates):
                return near(conjunct, m.place.start, m.place.end)
    return near(dates, min(m.t_start, m.place.start), max(m.t_end, m.place.end))


# records dated only by the day of their statement or dateline, until `merge` reads them:
# (document, evidence start, span, controller, day)
_WEAK_DAYS: set[tuple[str, int, tuple[int, int], str, date]] = set()


def _weak_key(r: ControlChange) -> tuple[str, int, tuple[int, int], str, date] | None:
    return (r.evidence.document_id, r.evidence.start, r.span, r.controller, r.date) if r.date else None


def _successor(theatre: Theatre, day: date | None) -> str | None:
    """Return the side that gains what the incumbent would on `day`, once the incumbent is gone
    (theatre.json `incumbent_gone`: {"from": DAY, "successor": PARTY}); None while it stands."""
    gone = theatre.config.get("incumbent_gone") or {}
    if not gone.get("from") or day is None:
        return None
    return str(gone.get("successor")) if day.isoformat() >= str(gone["from"]) else None


def _heirs(sent: Sent, found: list[ControlMatch], theatre: Theatre) -> list[ControlMatch]:
    """Return the matches with the incumbent's gains given to its successor once it is gone (the
    day of the change, else of the report): "the districts were recaptured" after the capital
    fell is the resistance's doing, not the fallen government's."""
    inc = theatre.incumbent
    if not theatre.config.get("incumbent_gone") or not any(inc in (m.controller, m.acting_party) for m in found):
        return found
    out = []
    for m in found:
        heir = _successor(theatre, _date_of(sent, m)[0] or sent.published) \
            if inc in (m.controller, m.acting_party) else None
        if heir:
            m = replace(m, controller=heir if m.controller == inc else m.controller,
                        acting_party=heir if m.acting_party == inc else m.acting_party)
        out.append(m)
    return out


def to_records(sent: Sent, matches: list[ControlMatch]) -> list[ControlChange]:
    """Return a ControlChange for each match, dated by the date nearest its trigger."""
    out = []
    ev = sent.evidence()
    for m in matches:
        d = m.place.district
        when, weak = _date_of(sent, m)
        out.append(ControlChange(
            district=m.place.text, district_id=d.id if d else None,
            province=d.province if d else m.place.province_hint,
            controller=m.controller,
            date=when, evidence=ev, span=sent.span_of(m.place.start, m.place.end),
            province_id=d.province_id if d else None, trigger=m.trigger, kind=m.kind,  # type: ignore[arg-type]
            acting_party=m.acting_party, speaker=m.speaker, speaker_party=m.speaker_party, hedged=m.hedged,
            denied=m.denied))
        if weak and when is not None:
            if len(_WEAK_DAYS) > 10000:
                _WEAK_DAYS.clear()  # (records never merged)
            _WEAK_DAYS.add((sent.document_id, ev.start, out[-1].span, m.controller, when))
    return out


def _place_key(r: ControlChange) -> str:
    return name_key(r.district) or r.district.lower()


def _same_place(a: ControlChange, b: ControlChange) -> bool:
    """Return whether two records name one place: same spelling, or a variant of the same district.

    A crossing shares its district's id ("Sher Khan Bandar" in Imam Sahib) but is a place of its own;
    namesakes in two provinces are two places.
    """
    if a.district_id and b.district_id and a.district_id != b.district_id and a.province_id != b.province_id:
        return False  # namesakes: Baharak in Takhar and Baharak in Badakhshan
    ka, kb = _place_key(a), _place_key(b)
    if ka == kb:
        return True
    return bool(a.district_id) and a.district_id == b.district_id and fuzz.ratio(ka, kb) >= 80


def merge(records: list[ControlChange]) -> list[ControlChange]:
    """Return one record per place, controller and day; an undated repeat joins a dated record.

    The records kept are looked up by controller and spelling key, and by controller and district
    id (two records of one place share one of them), so a report's changes merge in linear time.
    """
    keys = [_weak_key(r) for r in records]
    weak = [k is not None and k in _WEAK_DAYS for k in keys]
    _WEAK_DAYS.difference_update(k for k in keys if k is not None)
    if any(weak):
        # "took X, the ministry said on Saturday" and "... retook X on Friday evening": the day the
        # report gives the change itself, not the day of the statement
        strong: dict[tuple[str, str], list[ControlChange]] = {}
        for r, w in zip(records, weak, strict=True):
            if r.date is not None and not w:
                strong.setdefault((r.controller, _place_key(r)), []).append(r)
                if r.district_id:
                    strong.setdefault((r.controller, r.district_id), []).append(r)
        records = [r for r, w in zip(records, weak, strict=True) if not w or not any(
            _same_place(o, r) for o in strong.get((r.controller, _place_key(r)), [])
            + strong.get((r.controller, r.district_id or ""), []))]
    out: list[ControlChange] = []
    index: dict[tuple[str, str, str], list[int]] = {}

    def note(i: int, r: ControlChange) -> None:
        index.setdefault((r.controller, "key", _place_key(r)), []).append(i)
        if r.district_id:
            index.setdefault((r.controller, "id", r.district_id), []).append(i)

    for r in records:
        near = set(index.get((r.controller, "key", _place_key(r)), ()))
        if r.district_id:
            near.update(index.get((r.controller, "id", r.district_id), ()))
        same = [i for i in sorted(near) if _same_place(out[i], r)]
        if r.date is None and same:
            continue  # an undated repeat of a change already recorded
        undated = [i for i in same if out[i].date is None]
        if undated:
            out[undated[0]] = r
            note(undated[0], r)
            continue
        if not any(out[i].date == r.date for i in same):
            out.append(r)
            note(len(out) - 1, r)
    return out
