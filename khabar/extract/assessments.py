"""Published assessments: counts of districts by a tracker ("215 of 421 districts as of July 10").

Counts come as a stock ("controlled 215 of 421 districts"), a flow ("at least 23 districts have
fallen since May 1", "the ninth provincial capital to fall"), recaptures ("the government has
retaken 17 of those") or contested districts. A count made by a party to the conflict about its
own gains is a claim, not an assessment, and so is a count of one day's events ("captured three
more provincial capitals on Sunday").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from khabar.extract.dates import DateMention, date_near
from khabar.extract.lowscan import lowered
from khabar.extract.sentences import Context, Sent, parties_named, per_theatre
from khabar.lang import en
from khabar.records import Assessment
from khabar.theatres.loader import Theatre

_WORDS = {w: n for w, n in en.CARDINALS.items() if n < 100}  # "a hundred districts" is no count
_ORDINALS = en.ORDINALS
_N = r"(?P<n>\d{1,3}|" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r")"
_ORD = r"(?P<n>\d{1,2}(?:st|nd|rd|th)|" + "|".join(o for o in _ORDINALS if o != "first") + r")"
_Q = (r"(?:(?P<q>more than|over|at least|about|around|nearly|almost|just over|just under|some|"
      r"roughly|a total of|a further|another)\s+)?")
_UNIT = (r"(?!police\b)(?:rural\s+)?(?:districts?(?:\s+(?:centres?|centers?|headquarters))?|"
         r"(?:provincial\s+)?(?:capitals?|centres?|centers?))")
_FALL = (r"(?:have\s+|had\s+|has\s+)?(?:now\s+|already\s+|so far\s+)?(?:fallen|fell|falling|been captured|"
         r"been overrun|been taken|been lost|changed hands|changing hands|lost|to fall|gone)")



def _count_pattern(theatre: Theatre) -> re.Pattern[str]:
    """"215 of 421 districts", "18 of the country's 34 provincial capitals", "of <Country>'s ..."."""
    own = [re.escape(theatre.country) + r"['’]s"] if theatre.country else []
    own += [re.escape(d) for d in theatre.demonyms if d and not d.endswith(("'s", "’s"))]
    country = "".join(f"{w}\\s+|" for w in own)
    return re.compile(
        _Q + r"(?:half\s+)?\(?" + _N + r"\)?\s+(?:out\s+)?of\s+(?:the\s+)?(?:" + country +
        r"the\s+country['’]s\s+|country['’]s\s+|(?:its|their)\s+)?(?P<total>\d{2,3})\s+" + _UNIT, re.I)


_CONTROL_NEAR = re.compile(r"\b(?:control\w*|h[eo]lds?|held|holding|in\s+\w+\s+hands|under|captured|"
                           r"contested|assessed|tall(?:y|ied)|count)\b", re.I)
_FLOW = re.compile(_Q + _N + r"\s+(?:more\s+)?(?:" + _UNIT + r"(?:\s+of\s+the\s+province)?|of\s+(?:them|those))"
                   r"\s+" + _FALL, re.I)
_ORDINAL = re.compile(r"\b(?:(?P<q>at least)\s+)?the\s+" + _ORD + r"\s+(?:district|district centre|"
                      r"district center|provincial capital|capital|provincial centre)\s+(?:to\s+(?:be\s+)?"
                      r"(?:fall|lost|captured|taken|overrun|change hands)|lost)\b", re.I)
_CAPTURED = re.compile(r"\b(?:captured|overrun|overran|seized|taken|taken over|conquered)\s+"
                       r"(?P<q>at least|a total of|more than|over|some|nearly|almost)\s+" + _N + r"\s+"
                       + _UNIT, re.I)
_RETAKEN = re.compile(r"\b(?:retaken|recaptured|regained|retook|taken back|reclaimed)\s+" + _Q + _N +
                      r"\s+(?:of\s+(?:them|those)|" + _UNIT + r")", re.I)
_NUMBER_OF = re.compile(r"\bnumber of (?:provincial\s+)?(?:districts|district centres|capitals|"
                        r"provincial capitals)\b[^.;]{0,120}?\b(?:reaches|reached|stands at|to|at|rose to)\s+"
                        + _N + r"\b", re.I)
_CONTESTED = re.compile(_Q + _N + r"\s+(?:other\s+|more\s+)?" + _UNIT + r"\s+(?:are|were|remain|remained)\s+"
                        r"(?:now\s+|still\s+)?contested", re.I)


def _party_source(theatre: Theatre) -> re.Pattern[str]:
    """A party, its spokesman or ministry as the source of a count: "the Front said it had taken
    12 of the 18 districts" (a claim, not an assessment). The names are the theatre's armed
    groups' and those of the people of every party."""
    names = {n.lower().strip() for p in theatre.parties.values() if p.id != theatre.incumbent
             for n in (p.name, *p.aliases)}
    names |= {n.lower().strip() for a in theatre.actors if a.kind == "person" and a.side in theatre.parties
              for n in (a.name, *a.aliases)}
    party = "".join(re.escape(n) + "|" for n in sorted(names, key=len, reverse=True) if len(n) > 2)
    return re.compile(
        r"(?<!to the )(?<!by the )(?<!from the )(?<!against the )(?<!of the )(?<!to )(?<!by )"
        r"\b(?:" + party + r"the militants|ministry|government|spokesman|"
        r"spokesperson|political office|the group['’]s|the movement['’]s)\b[^.]{0,60}\b(?:said|says|say|"
        r"told|announced|claimed|claims)\b|\b(?:claim|claimed|claims)\b|\baccording to (?:the\s+)?(?:" + party +
        r"spokesman|spokesperson|ministry|group|movement|government)\b", re.I)


_ASSESSOR = re.compile(r"(?P<a>Long War (?:Journal|Project)|FDD['’]?s Long War Journal|Foundation for "
                       r"Defense of Democracies|ACLED|[A-Z][\w&]+(?:\s[A-Z][\w&]+){0,4}\s(?:tracker|"
                       r"Project|Institute|Group|Journal|Monitor|Network))")
_INSURGENTS = re.compile(r"\b(?:islamist movement|militants|insurgents|rebels)\b", re.I)
_GOV = re.compile(r"\bgovernment (?:controls?|holds?|held)\b", re.I)
_ONE_DAY = re.compile(r"\b(?:more|additional|another)\b", re.I)
_AS_OF = re.compile(r"\b(?:as of|as at|by|until|up to)\s+$", re.I)
_SAID_ON = re.compile(r"\b(?:said|says|told|announced|reported|wrote)\s+(?:\w+\s+){0,2}?(?:on\s+)?$", re.I)


@dataclass(frozen=True, slots=True)
class AssessmentMatch:
    count: int
    of: int | None
    kind: str
    start: int
    end: int
    ordinal: bool = False  # "the ninth provincial capital to fall": dated by the fall it counts
    unit: str = "districts"


def _number(s: str) -> int:
    s = s.lower()
    if s in _WORDS:
        return _WORDS[s]
    if s in _ORDINALS:
        return _ORDINALS[s]
    return int(re.sub(r"\D", "", s))


# every count pattern names its unit: a sentence without one is passed over at once
_CAPITALS = re.compile(r"\bcapitals?\b|\bprovincial\s+cent", re.I)
_UNIT_WORD = re.compile(r"district|capital|cent(?:re|er)", re.I)


# what every match of a pattern holds (in the lowered text): a sentence without it is passed over
_UNIT_WORDS = ("district", "capital", "centre", "center")
_TOTAL_UNIT = re.compile(r"\d\s+(?:rural\s+)?(?:district|provincial|capital|cent)")
_ORDINAL_UNIT = re.compile(r"(?:st|nd|rd|th)\s+(?:district|provincial|capital)")
_FALL_WORDS = ("fall", "fell", "been captured", "been overrun", "been taken", "hands", "lost", "gone")
_RETAKEN_WORDS = ("retaken", "recaptured", "regained", "retook", "taken back", "reclaimed")
_CAPTURED_WORDS = ("captured", "overrun", "overran", "seized", "taken", "conquered")


def match(sent: Sent, ctx: Context) -> list[AssessmentMatch]:
    """Return the district counts a sentence attributes to a tracker or states itself."""
    text = sent.text
    low = lowered(text)
    if low is None:
        if not _UNIT_WORD.search(text):
            return []
    elif not any(w in low for w in _UNIT_WORDS):
        return []
    out: list[AssessmentMatch] = []

    def holds(words: tuple[str, ...]) -> bool:
        return low is None or any(w in low for w in words)

    def finds(gate: re.Pattern[str]) -> bool:
        return low is None or gate.search(low) is not None

    def add(m: re.Match[str], kind: str, of: int | None = None, ordinal: bool = False) -> None:
        if any(not (m.end() <= o.start or m.start() >= o.end) for o in out):
            return
        unit = "provincial capitals" if _CAPITALS.search(m.group()) else "districts"
        out.append(AssessmentMatch(_number(m["n"]), of, kind, m.start(), m.end(), ordinal, unit))

    for m in per_theatre("assessment count", ctx.theatre, _count_pattern).finditer(text) \
            if finds(_TOTAL_UNIT) else ():
        near = text[max(0, m.start() - 40):m.start()] + text[m.end():m.end() + 30]
        if not _CONTROL_NEAR.search(near):
            continue  # "pressing on the edges of 17 of the 34 provincial capitals"
        kind = "contested" if re.search(r"contested", text[m.end():m.end() + 40], re.I) else "controlled"
        add(m, kind, int(m["total"]))
    for m in _CONTESTED.finditer(text) if holds(("contested",)) else ():
        add(m, "contested")
    for m in _RETAKEN.finditer(text) if holds(_RETAKEN_WORDS) else ():
        add(m, "retaken")
    for m in _FLOW.finditer(text) if holds(_FALL_WORDS) else ():
        add(m, "fallen")
    for m in _ORDINAL.finditer(text) if finds(_ORDINAL_UNIT) else ():
        add(m, "fallen", ordinal=True)
    for m in _CAPTURED.finditer(text) if holds(_CAPTURED_WORDS) else ():
        if not _ONE_DAY.match(text[m.end("n"):].strip()):
            add(m, "fallen")
    for m in _NUMBER_OF.finditer(text) if holds(("number of",)) else ():
        kind = "controlled" if re.search(r"control|hands|hold", m.group(), re.I) else "fallen"
        add(m, kind)
    if out and per_theatre("party source", ctx.theatre, _party_source).search(text) and \
            not _ASSESSOR.search(text):
        return []  # a party's count of its own gains: a claim
    return out


def _as_of(text: str, dates: list[DateMention], m: AssessmentMatch, published: date | None) -> date | None:
    """Return the day a count holds for: "as of July 10" near it, else the day it was given.

    An ordinal ("the ninth capital to fall") holds on the day of the fall it counts.
    """
    if m.ordinal:  # not the start of the count: "... to fall since the withdrawal began on May 1"
        own = [d for d in dates if not re.search(r"\bsince\b", text[m.end:d.start])]
        return date_near(own, m.start, m.end) or published
    for d in dates:
        near = m.end <= d.start < m.end + 50 or m.start - 50 < d.end <= m.start
        if d.value and near and _AS_OF.search(d.before):
            return d.value
    said = [d for d in dates if d.value and _SAID_ON.search(d.before)]
    return said[0].value if said else published


def _side(text: str, theatre: Theatre) -> str | None:
    """Return the party a count of held or fallen districts is of: the party other than the
    incumbent the sentence names first; the incumbent for "the government controls"; else the
    theatre's default captor, or the incumbent's one opponent."""
    inc = theatre.incumbent
    others = [p for p in parties_named(theatre, text) if p != inc]
    if others:
        return others[0]
    if _GOV.search(text) and not _INSURGENTS.search(text):
        return inc
    return theatre.default_captor or (theatre.opponent(inc) if inc else None)


def to_records(sent: Sent, matches: list[AssessmentMatch], ctx: Context,
               previous_text: str, outlet: str) -> list[Assessment]:
    """Return an Assessment per count, naming the assessor in this or the previous sentence."""
    out: list[Assessment] = []
    if not matches:
        return out
    a = _ASSESSOR.search(sent.text) or _ASSESSOR.search(previous_text)
    assessor = a["a"] if a else (f"{outlet} (report)" if outlet else "report")
    side = _side(sent.text, ctx.theatre)
    for m in matches:
        controller = {"retaken": ctx.theatre.incumbent, "contested": "contested"}.get(m.kind, side)
        if controller is None:
            continue  # no party the theatre knows holds what is counted
        out.append(Assessment(assessor=assessor,
                              controller=controller,  # type: ignore[arg-type]
                              count=m.count, of=m.of,
                              as_of=_as_of(sent.text, sent.dates, m, sent.published), kind=m.kind,
                              evidence=sent.evidence(), span=sent.span_of(m.start, m.end),
                              unit=m.unit))
    return out

