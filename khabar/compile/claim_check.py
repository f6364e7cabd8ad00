"""Claim check: a claim's number against the compiled control of its day, on the claim's own measure.

"85 percent of the territory" is compared with the share of land area, "250 of 398 districts"
with the share of districts, "two-thirds of the Afghan-Tajik border" with the share of that
border's length held by districts under the claimed party. Districts with no reports are
unknown, so every compiled figure is a range: from what is known to be held up to what is held
if every contested and unreported district were held too. The verdict says which side of the
range the claim falls on, within a stated tolerance, and "not checkable" when the range is too
wide to tell or the measure is one khabar does not have.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from khabar.records import Day, DistrictState, Quantity
from khabar.theatres.geometry import Geography

TOLERANCE = 5.0  # percentage points either side of a claim
MAX_UNKNOWN = 20.0  # a range wider than this (points) cannot confirm a claim

_LOWER_BOUND = {"more than", "over", "at least", "just over"}
_UPPER_BOUND = {"less than", "fewer than", "up to", "just under"}
_GOVERNMENT = re.compile(r"\b(?:government|afghan (?:forces|troops|army)|security forces|"
                         r"national army|andsf|kabul administration)\b", re.I)
_TALIBAN = re.compile(r"\b(?:taliban|insurgents?|militants?|the group|the movement|"
                      r"islamic emirate|(?:their|its) fighters)\b", re.I)


@dataclass(frozen=True, slots=True)
class StoredClaim:
    """A stored claim with what the check needs of its report."""

    id: str
    document_id: str
    claimant: str
    stance: str
    text: str
    quantity: Quantity | None
    date: Day | None
    published: Day | None
    outlet: str
    evidence: str
    span: tuple[int, int]
    review: str | None = None

    @property
    def day(self) -> Day | None:
        """Return the day the claim was made: its own date, else its report's."""
        return self.date or self.published


@dataclass(frozen=True, slots=True)
class Figure:
    """A compiled share on one measure: known to be held, and held at most (percent)."""

    measure: str  # "districts", "land area" or "border with X"
    known: float
    most: float
    basis: str

    def text(self) -> str:
        if abs(self.most - self.known) < 0.5:
            return f"{self.known:.0f}% of {self.measure} ({self.basis})"
        return f"{self.known:.0f}–{self.most:.0f}% of {self.measure} ({self.basis})"


@dataclass(frozen=True, slots=True)
class Check:
    """A claim, the compiled figures of its day, and the verdict with its reasoning."""

    claim: StoredClaim
    party: str
    measure: str
    claimed: str
    figures: tuple[Figure, ...]
    verdict: str  # consistent, overstated, understated, not checkable
    reasoning: str
    tolerance: float = TOLERANCE

    def headline(self) -> str:
        """Return the claim and the compiled figures in one line."""
        who = self.claim.claimant or "unknown claimant"
        day = (f"on {self.claim.date.isoformat()}" if self.claim.date else
               f"in a report of {self.claim.published.isoformat()}" if self.claim.published
               else "on an unknown day")
        compiled = "; ".join(f.text() for f in self.figures) or "no compiled figure"
        return (f"{self.claimed} claimed for the {self.party.capitalize()} by {who} {day}; "
                f"compiled: {compiled}")


_MOST = re.compile(r"\b(?:most|the (?:vast )?majority|the bulk) of (?:the |its |their |"
                   r"afghanistan['’]s |the country['’]s )?(?:[\w-]+ ){0,2}?"
                   r"(?P<of>borders?|frontier|territory|country|districts|land)\b", re.I)


def implied_quantity(text: str) -> Quantity | None:
    """Return the share a claim implies without a number: "most of the border" is more than half."""
    m = _MOST.search(text)
    if not m:
        return None
    of = m["of"].lower()
    of = "border" if of.startswith(("border", "frontier")) else (
        "districts" if of == "districts" else "territory")
    return Quantity(50, "percent", of, "more than")


def measure_of(q: Quantity) -> str | None:
    """Return what a quantity measures about the theatre (territory, districts, border...), or None."""
    if q.unit == "percent" and q.of in ("territory", "districts", "border", "population"):
        return q.of
    if q.unit == "districts":
        return "districts"
    if q.unit in ("km", "miles") and q.of == "border":
        return "border"
    return None


def claimed_party(claim: StoredClaim) -> str:
    """Return whose control a claim speaks of: the party named in the claim, else in its sentence."""
    for text in (claim.text, claim.evidence):
        gov, tal = _GOVERNMENT.search(text), _TALIBAN.search(text)
        if gov and not tal:
            return "government"
        if tal and not gov:
            return "taliban"
        if gov and tal:
            return "government" if gov.start() < tal.start() else "taliban"
    return "taliban"


def neighbour_of(claim: StoredClaim, geo: Geography) -> str | None:
    """Return the neighbour whose border a claim names, or None for all borders."""
    for text in (claim.text, claim.evidence):
        for name, words in geo.neighbour_words.items():
            if any(re.search(rf"\b{re.escape(w)}", text, re.I) for w in words):
                return name
    return None


def _range(states: Iterable[DistrictState], party: str, weight: dict[str, float]
           ) -> tuple[float, float, float, int, int, int]:
    """Return (known, most, total) weights, and the counts held, contested and unreported."""
    known = most = total = 0.0
    held = contested = unknown = 0
    for s in states:
        w = weight.get(s.district_id, 0.0)
        total += w
        if s.controller == party:
            known += w
            most += w
            held += 1 if w else 0
        elif s.controller is None or s.controller == "contested":
            most += w
            if w:
                contested += s.controller == "contested"
                unknown += s.controller is None
    return known, most, total, held, contested, unknown


def district_figure(states: Sequence[DistrictState], party: str, published_total: int | None
                    ) -> Figure:
    """Return the share of the gazetteer's districts a party holds, as a range."""
    k, m, t, held, contested, unknown = _range(states, party, {s.district_id: 1.0 for s in states})
    basis = f"{held} of {int(t)} gazetteer districts"
    if contested or unknown:
        basis += f"; {contested} contested, {unknown} with no reports"
    if published_total and published_total != int(t):
        basis += f"; published totals count {published_total}"
    return Figure("districts", 100 * k / t if t else 0.0, 100 * m / t if t else 0.0, basis)


def area_figure(states: Sequence[DistrictState], party: str, geo: Geography) -> Figure:
    """Return the share of land area held by a party's districts, as a range."""
    k, m, t, *_ = _range(states, party, geo.area_km2)
    return Figure("land area", 100 * k / t if t else 0.0, 100 * m / t if t else 0.0,
                  f"{k:,.0f} of {t:,.0f} km², equal-area projection")


def border_figure(states: Sequence[DistrictState], party: str, geo: Geography,
                  neighbour: str | None) -> Figure:
    """Return the share of a border (all land borders if no neighbour) held by a party's districts."""
    weight = {d: geo.district_border_km(d, neighbour) for d in geo.border_km}
    k, m, t, held, *_ = _range(states, party, weight)
    name = f"the border with {neighbour}" if neighbour else "the land borders"
    return Figure(name, 100 * k / t if t else 0.0, 100 * m / t if t else 0.0,
                  f"{k:,.0f} of {t:,.0f} km in {held} border district(s) held")


def _claimed_bounds(q: Quantity, share: float) -> tuple[float, float, str]:
    """Return the claimed share as an interval and as words."""
    qual = (q.qualifier or "").lower()
    value = f"{q.value:g}"
    if qual in _LOWER_BOUND:
        return share, 100.0, f"{qual} {value}"
    if qual in _UPPER_BOUND:
        return 0.0, share, f"{qual} {value}"
    return share, share, f"{qual} {value}".strip()


def verdict(lo: float, hi: float, fig: Figure, tolerance: float = TOLERANCE,
            max_unknown: float = MAX_UNKNOWN) -> tuple[str, str]:
    """Return the verdict on a claimed interval [lo, hi] (percent) against a compiled range, and why."""
    if lo > fig.most + tolerance:
        return "overstated", (f"the claim exceeds even the most the compiled control allows "
                              f"({fig.most:.0f}%, counting every contested and unreported district "
                              f"as held) by more than {tolerance:g} points")
    if hi < fig.known - tolerance:
        return "understated", (f"the claim is below what is known to be held ({fig.known:.0f}%) "
                               f"by more than {tolerance:g} points")
    if fig.most - fig.known > max_unknown:
        gap = lo - fig.known
        need = (f"; it holds only if {gap:.0f} of the {fig.most - fig.known:.0f} points of "
                f"{fig.measure} that are contested or unreported are held as well"
                ) if gap > tolerance else ""
        return "not checkable", (f"the claim lies within the compiled range {fig.known:.0f}–"
                                 f"{fig.most:.0f}%, which is too wide to tell (over "
                                 f"{max_unknown:g} points unknown){need}")
    return "consistent", (f"the claim is within {tolerance:g} points of the compiled range "
                          f"{fig.known:.0f}–{fig.most:.0f}%")


def check_claim(claim: StoredClaim, states: Sequence[DistrictState], geo: Geography,
                published_total: int | None = None, tolerance: float = TOLERANCE,
                max_unknown: float = MAX_UNKNOWN) -> Check | None:
    """Return the check of a claim with a quantity about the theatre, or None for other claims."""
    q = claim.quantity or implied_quantity(claim.text)
    measure = measure_of(q) if q else None
    if q is None or measure is None or claim.stance != "asserts":
        return None
    party = claimed_party(claim)

    def made(figs: tuple[Figure, ...], claimed: str, verdict_: str, why: str) -> Check:
        return Check(claim, party, measure, claimed, figs, verdict_, why, tolerance)

    if not states:
        what = f"{q.value:g}% of {measure}" if q.unit == "percent" else f"{q.value:g} {q.unit}"
        return made((), what, "not checkable", "the claim has no date")
    dist = district_figure(states, party, published_total)
    if measure == "population":
        return made((dist,), f"{q.value:g}% of the population", "not checkable",
                    "khabar has no population figures for the districts")
    if measure == "border":
        nb = neighbour_of(claim, geo)
        fig = border_figure(states, party, geo, nb)
        what = f"the border with {nb}" if nb else "the land borders"
        if geo.border_note and not re.search(r"\bborders\b", claim.text + " " + claim.evidence, re.I):
            # one border named, but the theatre cannot tell one neighbour's border from another
            return made((fig,), f"{q.value:g} {q.unit} of a border", "not checkable",
                        geo.border_note)
        if q.unit in ("km", "miles"):
            total = geo.border_total_km(nb)
            km = q.value * (1.609 if q.unit == "miles" else 1.0)
            share = 100 * km / total if total else 0.0
        else:
            share = q.value
        lo, hi, words = _claimed_bounds(q, share)
        suffix = "%" if q.unit == "percent" else f" {q.unit} ({share:.0f}%)"
        v, why = verdict(lo, hi, fig, tolerance, max_unknown)
        return made((fig,), f"{words}{suffix} of {what}", v, why)
    area = area_figure(states, party, geo)
    if measure == "territory":
        lo, hi, words = _claimed_bounds(q, q.value)
        v, why = verdict(lo, hi, area, tolerance, max_unknown)
        return made((dist, area), f"{words}% of territory", v, why)
    # districts: a share, or a count of a total (the claim's own total, else the published one)
    if q.unit == "percent":
        share, claimed = q.value, f"{q.value:g}% of districts"
    else:
        m = re.match(r"(\d+)", q.of or "")
        total = int(m.group(1)) if m else (published_total or len(states))
        if not m and q.value < 0.1 * total:
            return None  # "the three districts": a claim about some districts, not a share
        if q.value >= 0.9 * total:
            return made((dist, area), f"{q.value:g} districts", "not checkable",
                        f"{q.value:g} districts is about the country's total, not a share "
                        "anyone holds (the number may be misread from the sentence)")
        share = 100 * q.value / total
        claimed = f"{q.value:g} of {total} districts ({share:.0f}%)"
    lo, hi, words = _claimed_bounds(q, share)
    if words.split(" ")[:-1]:
        claimed = f"{' '.join(words.split(' ')[:-1])} {claimed}"
    v, why = verdict(lo, hi, dist, tolerance, max_unknown)
    return made((dist, area), claimed, v, why)


def against_published(check: Check, assessor: str, count: int, of: int, as_of: Day,
                      tolerance: float = TOLERANCE) -> tuple[str, str]:
    """Return the verdict on a checked claim against a published count of districts, and why.

    khabar's own record is often too thin to judge a claim (most districts unreported); a
    tracker's count of the same week is the other yardstick an analyst reaches for. A count of
    districts stands in for territory only roughly, and the reasoning says so.
    """
    share = 100 * count / of
    q = check.claim.quantity or implied_quantity(check.claim.text)
    if q is None:
        return "not checkable", "the claim has no number"
    claimed = share_claimed(check, q)
    if claimed is None:
        return "not checkable", "the claim's number is not a share of districts or territory"
    lo, hi, _ = _claimed_bounds(q, claimed)
    fig = Figure("districts", share, share, f"{assessor}: {count} of {of} as of {as_of.isoformat()}")
    v, _why = verdict(lo, hi, fig, tolerance, MAX_UNKNOWN)
    gap = (lo - share) if v == "overstated" else (share - hi) if v == "understated" else 0.0
    why = (f"{assessor} counted {count} of {of} districts ({share:.0f}%) as of {as_of.isoformat()}; "
           + (f"the claim is {gap:.0f} points {'above' if v == 'overstated' else 'below'} it"
              if v in ("overstated", "understated") else f"the claim is within {tolerance:g} points of it"))
    if check.measure == "territory":
        why += " (a count of districts, not of land area: a rough yardstick for territory)"
    return v, why


def share_claimed(check: Check, q: Quantity) -> float | None:
    """Return the share (percent) a territory or district claim states, or None for other measures."""
    if check.measure == "territory" and q.unit == "percent":
        return q.value
    if check.measure != "districts":
        return None
    if q.unit == "percent":
        return q.value
    m = re.match(r"(\d+)", q.of or "")
    if not m or q.value >= 0.9 * int(m.group(1)):
        return None
    return 100 * q.value / int(m.group(1))
