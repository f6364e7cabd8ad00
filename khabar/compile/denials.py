"""Denials linked to what they deny: a claim, an event or a reported change of control.

A denial ("the ministry denied that Spin Boldak had fallen", "the embassy dismissed the
figures as propaganda") is linked to the records it most plausibly answers, each link with its
reasons, so that an analyst can see why. Signs, scored:

- the same report, the denied record coming before the denial: 2 (closer is better)
- a place the record names appears in the denial's sentence: 3 (1 for a capital or a venue)
- a number the record states appears in the denial's sentence: 2
- a word of the record's claimant ("the delegation") appears in the denial's sentence: 2
- the denial speaks of "figures", "claims", "reports" and the record is a claim with a number: 1
- dates within `window_days` of each other: 1 (farther apart and in another report: no link)

A link needs a score of at least 4: a shared report or day alone is not enough. The denier is
never the record's own claimant.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

MIN_SCORE = 4
WINDOW_DAYS = 7
# words of a claimant that do not single it out
_WEAK = {"member", "spokesman", "spokeswoman", "spokesperson", "official", "officials", "said",
         "ministry", "minister", "senior", "deputy", "head", "chief", "office", "from", "with",
         "their", "foreign", "defence", "defense", "interior", "affairs", "press", "group",
         "government", "forces", "security", "province", "provincial",
         "district", "city", "local", "governor", "police", "army", "reports", "media"}
_ABOUT_FIGURES = re.compile(r"\b(?:figures?|claims?|numbers?|tally|count|reports?)\b", re.I)


@dataclass(frozen=True, slots=True)
class Target:
    """A record a denial may answer: an asserted claim, an event or a control change."""

    kind: str  # "claims", "events" or "control_changes"
    id: str
    document_id: str
    span_start: int
    day: date | None
    label: str
    places: tuple[str, ...] = ()
    number: float | None = None
    claimant: str = ""


@dataclass(frozen=True, slots=True)
class Denial:
    """A denying or disputing claim, as the linker needs it."""

    id: str
    document_id: str
    span_start: int
    day: date | None
    claimant: str
    evidence: str


@dataclass(frozen=True, slots=True)
class Link:
    """A denial linked to a record, with the score and its reasons."""

    denial_id: str
    target: Target
    score: int
    reasons: tuple[str, ...]


def _mentions(text: str, name: str) -> bool:
    return len(name) >= 3 and re.search(rf"\b{re.escape(name)}\b", text, re.I) is not None


def _number_in(text: str, value: float) -> bool:
    words = {f"{value:g}", f"{value:,.0f}"} if float(value).is_integer() else {f"{value:g}"}
    return any(re.search(rf"(?<![\d.,]){re.escape(w)}(?![\d])", text) for w in words)


def score(denial: Denial, t: Target, window_days: int = WINDOW_DAYS,
          weak_places: frozenset[str] = frozenset(), weak_words: frozenset[str] = frozenset()
          ) -> tuple[int, tuple[str, ...]]:
    """Return how strongly a denial answers a record, and why (score 0: not at all)."""
    if t.id == denial.id or (t.claimant and t.claimant.lower() == denial.claimant.lower()):
        return 0, ()
    same_doc = t.document_id == denial.document_id
    apart = abs((denial.day - t.day).days) if denial.day and t.day else None
    if not same_doc and (apart is None or apart > window_days):
        return 0, ()
    points, why = 0, []
    if same_doc and t.span_start < denial.span_start:
        points += 2
        why.append("same report, before the denial")
    places = [p for p in t.places if _mentions(denial.evidence, p)]
    strong = [p for p in places if p.lower() not in weak_places]
    if strong:
        points += 3
        why.append(f"names {strong[0]}")
    elif places:
        points += 1
        why.append(f"names {places[0]} (a capital or venue)")
    if t.number is not None and _number_in(denial.evidence, t.number):
        points += 2
        why.append(f"gives the same number ({t.number:g})")
    elif t.number is not None and t.kind == "claims" and _ABOUT_FIGURES.search(denial.evidence):
        points += 1
        why.append("speaks of the figures")
    words = [w for w in re.findall(r"[A-Za-z]{4,}", t.claimant)
             if w.lower() not in _WEAK and w.lower() not in weak_places and w.lower() not in weak_words
             and _mentions(denial.evidence, w)]
    if words:
        points += 2
        why.append(f"names the claimant ({words[0]})")
    if apart is not None and apart <= window_days:
        points += 1
        why.append("same day" if apart == 0 else f"{apart} day(s) apart")
    return points, tuple(why)


def link_denials(denials: Sequence[Denial], targets: Sequence[Target],
                 window_days: int = WINDOW_DAYS, best: int = 3,
                 weak_places: Iterable[str] = (), weak_words: Iterable[str] = ()) -> dict[str, list[Link]]:
    """Return, for each denial id, the records it most plausibly denies, best first.

    `weak_places` (capitals, venues of talks) count for little: they are named in many reports.
    `weak_words` (the theatre's party names, its country and demonyms) name a side, not a
    claimant: sharing one does not link a denial to a claim.
    """
    weak = frozenset(p.lower() for p in weak_places)
    weak_w = frozenset(w.lower() for w in weak_words)
    out: dict[str, list[Link]] = {}
    for d in denials:
        links = []
        for t in targets:
            s, why = score(d, t, window_days, weak, weak_w)
            if s >= MIN_SCORE:
                links.append(Link(d.id, t, s, why))
        links.sort(key=lambda lk: (-lk.score, lk.target.document_id != d.document_id,
                                   abs(lk.target.span_start - d.span_start), lk.target.id))
        out[d.id] = links[:best]
    return out
