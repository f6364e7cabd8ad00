"""Published assessments: counts of districts by a tracker ("215 of 421 districts as of July 10").

A count made by a party to the conflict about its own gains is a claim, not an assessment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from khabar.extract.dates import date_near
from khabar.extract.sentences import Context, Sent
from khabar.records import Assessment

_COUNT = re.compile(
    r"(?:(?P<q>more than|over|at least|about|around|nearly|almost|just over|just under|some)\s+)?"
    r"(?:half\s+)?\(?(?P<n>\d{1,3})\)?\s+(?:out\s+)?of\s+(?:the\s+)?(?:Afghanistan['’]s\s+|the\s+country['’]s\s+|"
    r"(?:its|their)\s+|Afghan\s+)?(?P<total>\d{2,3})\s+districts", re.I)
_FLOW = re.compile(
    r"(?:(?:at least|more than|over|about|nearly)\s+)?(?P<n>\d{1,3})\s+districts\s+(?:have\s+|had\s+)?"
    r"(?:fallen|fell|been captured|been overrun)", re.I)
_NUMBER_REACHES = re.compile(r"number of districts (?:fallen|captured|lost)[^.]{0,120}?(?:reaches|"
                             r"reached|stands at|rose to|to)\s+(?P<n>\d{1,3})", re.I)
_CONTESTED = re.compile(r"(?P<n>\d{1,3})\s+(?:other\s+|more\s+)?districts\s+(?:are|were|remain)\s+contested",
                        re.I)
_PARTY_SOURCE = re.compile(r"\b(?:taliban|mujahid|shaheen|islamic emirate|the militants|"
                           r"ministry|government|spokesman|spokesperson)\b[^.]{0,40}\b(?:said|says|"
                           r"claimed|claims)\b|\b(?:claim|claimed|claims)\b", re.I)
_ASSESSOR = re.compile(r"(?P<a>Long War (?:Journal|Project)|FDD['’]?s Long War Journal|Foundation for "
                       r"Defense of Democracies|ACLED|[A-Z][\w&]+(?:\s[A-Z][\w&]+){0,4}\s(?:tracker|"
                       r"Project|Institute|Group|Journal|Monitor|Network))")
_TALIBAN = re.compile(r"\btaliban|islamist movement|militants|insurgents\b", re.I)
_GOV = re.compile(r"\bgovernment (?:controls?|holds?|held)\b", re.I)


@dataclass(frozen=True, slots=True)
class AssessmentMatch:
    count: int
    of: int | None
    kind: str
    start: int
    end: int


def match(sent: Sent, ctx: Context) -> list[AssessmentMatch]:
    """Return the district counts a sentence attributes to a tracker or states itself."""
    text = sent.text
    if _PARTY_SOURCE.search(text) and not _ASSESSOR.search(text):
        return []
    out = []
    for m in _COUNT.finditer(text):
        kind = "contested" if re.search(r"contested", text[m.end():m.end() + 40], re.I) else "controlled"
        out.append(AssessmentMatch(int(m["n"]), int(m["total"]), kind, m.start(), m.end()))
    for rx, kind in ((_FLOW, "fallen"), (_NUMBER_REACHES, "fallen"), (_CONTESTED, "contested")):
        for m in rx.finditer(text):
            if any(not (m.end() <= o.start or m.start() >= o.end) for o in out):
                continue
            out.append(AssessmentMatch(int(m["n"]), None, kind, m.start(), m.end()))
    return out


def to_records(sent: Sent, matches: list[AssessmentMatch], ctx: Context,
               previous_text: str, outlet: str) -> list[Assessment]:
    """Return an Assessment per count, naming the assessor in this or the previous sentence."""
    out = []
    a = _ASSESSOR.search(sent.text) or _ASSESSOR.search(previous_text)
    assessor = a["a"] if a else (f"{outlet} (report)" if outlet else "report")
    controller = "government" if _GOV.search(sent.text) and not _TALIBAN.search(sent.text) else "taliban"
    for m in matches:
        as_of = date_near(sent.dates, m.start, m.end) or sent.published
        out.append(Assessment(assessor=assessor,
                              controller=controller,  # type: ignore[arg-type]
                              count=m.count, of=m.of,
                              as_of=as_of, kind=m.kind, evidence=sent.evidence(),
                              span=sent.span_of(m.start, m.end)))
    return out
