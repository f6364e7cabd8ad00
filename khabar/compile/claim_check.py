"""Claim check: a claim's number against the compiled control of its day, on the claim's own measure.

"85 percent of the territory" is compared with the share of land area, "250 of 398 districts"
with the share of districts, "two-thirds of the border with X" with the share of that border's
length held by districts under the claimed party. The claimed party is the first of the
theatre's parties the claim names (their names and aliases, and their actors'), else the one in
its sentence, else the claimant's party, else the theatre's default captor; a coalition's claim
counts its members' districts. Districts with no reports are
unknown, so every compiled figure is a range: from what is known to be held up to what is held
if every contested and unreported district were held too (a district a baseline gives, `khabar baseline`, is known: the
district figure says how many rest on one). The verdict says which side of the
range the claim falls on, within a stated tolerance, and "not checkable" when the range is too
wide to tell or the measure is one khabar does not have.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from khabar.compile.baseline import baseline_of
from khabar.records import Day, DistrictState, Quantity

if TYPE_CHECKING:  # shapely and pyproj load only where geometry is computed
    from khabar.theatres.geometry import Geography
    from khabar.theatres.loader import Theatre

TOLERANCE = 5.0  # percentage points either side of a claim
MAX_UNKNOWN = 20.0  # a range wider than this (points) cannot confirm a claim

_LOWER_BOUND = {"more than", "over", "at least", "just over"}
_UPPER_BOUND = {"less than", "fewer than", "up to", "just under"}


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
    claimant_party: str | None = None  # as extraction found it
    district_ids: tuple[str, ...] = ()

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
    party_label: str = ""  # the party as the theatre names it

    def headline(self) -> str:
        """Return the claim and the compiled figures in one line."""
        who = self.claim.claimant or "unknown claimant"
        day = (f"on {self.claim.date.isoformat()}" if self.claim.date else
               f"in a report of {self.claim.published.isoformat()}" if self.claim.published
               else "on an unknown day")
        compiled = "; ".join(f.text() for f in self.figures) or "no compiled figure"
        party = self.party_label or self.party.capitalize()
        return (f"{self.claimed} claimed for the {party} by {who} {day}; "
                f"compiled: {compiled}")


_MOST = re.compile(r"\b(?:most|the (?:vast )?majority|the bulk) of (?:the |its |their |"
                   r"[\w-]+['’]s )?(?:[\w-]+ ){0,2}?"
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
    if q.unit in ("districts", "townships"):
        return "districts"
    if q.unit in ("km", "miles") and q.of == "border":
        return "border"
    return None


_PATTERNS: dict[int, tuple[Theatre, tuple[re.Pattern[str] | None, re.Pattern[str] | None]]] = {}


def _party_patterns(theatre: Theatre) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """Return the patterns of a theatre's party names: words (any case) and acronyms (as written)."""
    hit = _PATTERNS.get(id(theatre))
    if hit is None or hit[0] is not theatre:
        hit = _PATTERNS[id(theatre)] = (theatre, _build_patterns(theatre))
    return hit[1]


def _build_patterns(theatre: Theatre) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    names = theatre.party_names
    words = sorted((n for n in names if len(n) >= 4 and not n.isupper()), key=len, reverse=True)
    acronyms = sorted({a for p in theatre.parties.values() for a in (p.id.upper(), *p.aliases)
                       if a.isupper() and len(a) >= 2}, key=len, reverse=True)
    wx = re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b", re.I) if words else None
    ax = re.compile(r"\b(?:" + "|".join(map(re.escape, acronyms)) + r")\b") if acronyms else None
    return wx, ax


def claimed_party(claim: StoredClaim, theatre: Theatre | None = None) -> str | None:
    """Return whose control a claim speaks of: the first party its text names, else its sentence
    names, else the claimant's party, else the theatre's default captor (None: no one to tell)."""
    if theatre is not None:
        wx, ax = _party_patterns(theatre)
        for text in (claim.text, claim.evidence):
            hits = [m for rx in (wx, ax) if rx is not None for m in [rx.search(text)] if m]
            if hits:
                first = min(hits, key=lambda m: m.start())
                party = theatre.party_of(first.group(0))
                if party:
                    return party
    if claim.claimant_party:
        return claim.claimant_party
    return theatre.default_captor if theatre is not None else None


def neighbour_of(claim: StoredClaim, geo: Geography) -> str | None:
    """Return the neighbour whose border a claim names, or None for all borders."""
    for text in (claim.text, claim.evidence):
        for name, words in geo.neighbour_words.items():
            if any(re.search(rf"\b{re.escape(w)}", text, re.I) for w in words):
                return name
    return None


def _range(states: Iterable[DistrictState], party: str, weight: dict[str, float],
           members: tuple[str, ...] = ()) -> tuple[float, float, float, int, int, int]:
    """Return (known, most, total) weights, and the counts held, contested and unreported (a
    coalition holds its members' districts too)."""
    known = most = total = 0.0
    held = contested = unknown = 0
    for s in states:
        w = weight.get(s.district_id, 0.0)
        total += w
        if s.controller == party or (s.controller and s.controller in members):
            known += w
            most += w
            held += 1 if w else 0
        elif s.controller is None or s.controller == "contested":
            most += w
            if w:
                contested += s.controller == "contested"
                unknown += s.controller is None
    return known, most, total, held, contested, unknown


def district_figure(states: Sequence[DistrictState], party: str, published_total: int | None,
                    members: tuple[str, ...] = (), unit: str = "districts") -> Figure:
    """Return the share of the gazetteer's districts a party holds, as a range."""
    k, m, t, held, contested, unknown = _range(states, party, {s.district_id: 1.0 for s in states},
                                               members)
    basis = f"{held} of {int(t)} gazetteer {unit}"
    if contested or unknown:
        basis += f"; {contested} contested, {unknown} with no reports"
    if published_total and published_total != int(t):
        basis += f"; published totals count {published_total}"
    based = sum(1 for s in states if baseline_of(s) is not None)
    if based:  # the figure rests on a baseline's word there (`khabar baseline`), no report since
        basis += f"; {based} as a baseline gives them"
    return Figure(unit, 100 * k / t if t else 0.0, 100 * m / t if t else 0.0, basis)


def area_figure(states: Sequence[DistrictState], party: str, geo: Geography,
                members: tuple[str, ...] = ()) -> Figure:
    """Return the share of land area held by a party's districts, as a range."""
    k, m, t, *_ = _range(states, party, geo.area_km2, members)
    return Figure("land area", 100 * k / t if t else 0.0, 100 * m / t if t else 0.0,
                  f"{k:,.0f} of {t:,.0f} km², equal-area projection")


def border_figure(states: Sequence[DistrictState], party: str, geo: Geography,
                  neighbour: str | None, members: tuple[str, ...] = ()) -> Figure:
    """Return the share of a border (all land borders if no neighbour) held by a party's districts."""
    weight = {d: geo.district_border_km(d, neighbour) for d in geo.border_km}
    k, m, t, held, *_ = _range(states, party, weight, members)
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
                max_unknown: float = MAX_UNKNOWN, theatre: Theatre | None = None) -> Check | None:
    """Return the check of a claim with a quantity about the theatre, or None for other claims.

    `theatre` gives the parties a claim can name, their labels and coalitions; without it, the
    claim is checked for its claimant's party."""
    q = claim.quantity or implied_quantity(claim.text)
    measure = measure_of(q) if q else None
    if q is None or measure is None or claim.stance != "asserts":
        return None
    found = claimed_party(claim, theatre)
    party = found or ""
    label = theatre.party_label(found) if theatre is not None and found else ""
    members = theatre.parties[found].members if theatre is not None and found in theatre.parties else ()
    unit = theatre.level("districts") if theatre is not None else "districts"

    def made(figs: tuple[Figure, ...], claimed: str, verdict_: str, why: str) -> Check:
        return Check(claim, party, measure, claimed, figs, verdict_, why, tolerance, label)

    if not states:
        what = f"{q.value:g}% of {measure}" if q.unit == "percent" else f"{q.value:g} {q.unit}"
        return made((), what, "not checkable", "the claim has no date")
    if not found:
        what = f"{q.value:g}% of {measure}" if q.unit == "percent" else f"{q.value:g} {q.unit}"
        return made((), what, "not checkable", "the claim names no party whose holdings it counts")
    dist = district_figure(states, party, published_total, members, unit)
    if measure == "population":
        return made((dist,), f"{q.value:g}% of the population", "not checkable",
                    "khabar has no population figures for the districts")
    if measure == "border":
        nb = neighbour_of(claim, geo)
        fig = border_figure(states, party, geo, nb, members)
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
    area = area_figure(states, party, geo, members)
    if measure == "territory":
        lo, hi, words = _claimed_bounds(q, q.value)
        v, why = verdict(lo, hi, area, tolerance, max_unknown)
        return made((dist, area), f"{words}% of territory", v, why)
    # districts: a share, or a count of a total (the claim's own total, else the published one)
    if q.unit == "percent":
        share, claimed = q.value, f"{q.value:g}% of {unit}"
    else:
        m = re.match(r"(\d+)", q.of or "")
        total = int(m.group(1)) if m else (published_total or len(states))
        if not m and q.value < 0.1 * total:
            return None  # "the three districts": a claim about some districts, not a share
        if q.value >= 0.9 * total:
            return made((dist, area), f"{q.value:g} {unit}", "not checkable",
                        f"{q.value:g} {unit} is about the country's total, not a share "
                        "anyone holds (the number may be misread from the sentence)")
        country = published_total or len(states)
        if m and abs(total - country) > 0.3 * country:  # "10 of 17 townships": one state's
            return made((dist, area), f"{q.value:g} of {total} {unit}", "not checkable",
                        f"{total} {unit} is part of the country ({country}), which the claim does not "
                        "name in a way khabar can place; its share is not the country's")
        share = 100 * q.value / total
        claimed = f"{q.value:g} of {total} {unit} ({share:.0f}%)"
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
