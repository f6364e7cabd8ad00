"""The sides counts are kept for, taken from a theatre: its parties in order, their labels and
colours, coalitions and their members, who opposes whom, and the name of its admin level.

Compile, render, the desk and the CLI read parties only through `Sides`, so that any number of
parties works the same way. A coalition's members hold places in their own name (the map shows the
member a report names) and count for the coalition (the counts give the coalition's total and its
members' shares).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from khabar.theatres.loader import Theatre

CONTESTED = "contested"
NO_REPORTS = "no_reports"


@dataclass(frozen=True, slots=True)
class Sides:
    """A theatre's parties as counts, legends and the state rules need them."""

    parties: tuple[str, ...]  # every party id, in the theatre's order
    labels: tuple[tuple[str, str], ...]  # key -> label, for the parties, contested, no_reports
    colours: tuple[tuple[str, str], ...] = ()  # key -> colour
    members: tuple[tuple[str, tuple[str, ...]], ...] = ()  # coalition -> its members
    rivalries: frozenset[tuple[str, str]] = frozenset()  # (a, b): a and b fight each other
    incumbent: str | None = None
    unit: str = "districts"  # the admin level counted, plural ("townships")
    unit_one: str = "district"
    # a published list of more districts than the polygons (`compile.folded`): polygon id ->
    # the published districts it stands for, and their total
    weights: tuple[tuple[str, int], ...] = ()
    published_total: int = 0

    # -- parties --------------------------------------------------------------------------
    @property
    def top(self) -> tuple[str, ...]:
        """The parties counted on their own: every party that is not a coalition's member."""
        inside = {m for _, ms in self.members for m in ms}
        return tuple(p for p in self.parties if p not in inside)

    @property
    def keys(self) -> tuple[str, ...]:
        """Every state a place can be in: the parties, contested, no reports."""
        return (*self.parties, CONTESTED, NO_REPORTS)

    def coalition_of(self, party: str | None) -> str | None:
        for c, ms in self.members:
            if party in ms:
                return c
        return None

    def members_of(self, party: str) -> tuple[str, ...]:
        return dict(self.members).get(party, ())

    def counts_for(self, party: str) -> str:
        """The party a place held by `party` counts for: a member's counts for its coalition."""
        return self.coalition_of(party) or party

    def label(self, key: str | None) -> str:
        labels = dict(self.labels)
        k = NO_REPORTS if key is None else key
        return labels.get(k) or k.replace("_", " ").capitalize()

    def colour(self, key: str | None) -> str:
        return dict(self.colours).get(NO_REPORTS if key is None else key, "#999999")

    def same_side(self, a: str | None, b: str | None) -> bool:
        """Whether two controllers are one side: the same party, or a coalition and its member
        (or two members of one coalition)."""
        if a is None or b is None:
            return a == b
        return a == b or (a not in (CONTESTED,) and b not in (CONTESTED,)
                          and self.counts_for(a) == self.counts_for(b))

    def rivals(self, a: str | None, b: str | None) -> bool:
        """Whether two parties fight each other (the theatre's `opposes`; a coalition's member
        fights whom its coalition fights)."""
        if a is None or b is None or CONTESTED in (a, b) or self.same_side(a, b):
            return False
        if not self.rivalries:  # no theatre: any two parties
            return True
        for x in (a, self.coalition_of(a)):
            for y in (b, self.coalition_of(b)):
                if x and y and ((x, y) in self.rivalries or (y, x) in self.rivalries):
                    return True
        return False

    # -- counts ---------------------------------------------------------------------------
    def tally(self, held: Mapping[str | None, int]) -> tuple[tuple[str, int], ...]:
        """Return (party, districts held) for every party in order, a member's districts in
        its own line and, for a coalition, the total of its own and its members'."""
        out = []
        for p in self.parties:
            n = held.get(p, 0)
            for m in self.members_of(p):
                n += held.get(m, 0)
            out.append((p, n))
        return tuple(out)

    @classmethod
    def of(cls, theatre: Theatre) -> Sides:
        """Return the sides of a theatre (one per theatre folder)."""
        return _sides_of(theatre)

    @classmethod
    def seen(cls, controllers: Iterable[str | None]) -> Sides:
        """Return sides made of the controllers some states have, for counts made without a
        theatre: sorted ids, any two rivals."""
        ids = sorted({c for c in controllers if c and c != CONTESTED})
        return cls(tuple(ids), tuple((i, i.replace("_", " ").capitalize()) for i in ids))


def side_name(key: str | None, sides: Sides | None = None) -> str:
    """Return how a line of text names a controller: a party's label ("National Front"; its id
    without `sides`), "contested", "no reports"."""
    if key is None:
        return "no reports"
    if key == CONTESTED:
        return "contested"
    return sides.label(key) if sides is not None and key in sides.parties else key


def _sides_of(theatre: Theatre) -> Sides:
    hit = _CACHE.get(id(theatre))
    if hit is None or hit[0] is not theatre:  # loaded theatres are kept: one entry each
        if len(_CACHE) > 64:
            _CACHE.clear()
        hit = _CACHE[id(theatre)] = (theatre, _build(theatre))
    return hit[1]


def _build(theatre: Theatre) -> Sides:
    parties = theatre.party_ids
    keys: tuple[str | None, ...] = (*parties, CONTESTED, None)
    labels = tuple((k or NO_REPORTS, theatre.party_label(k)) for k in keys)
    colours = tuple((k or NO_REPORTS, theatre.party_colour(k)) for k in keys)
    members = tuple((p.id, p.members) for p in theatre.parties.values() if p.members)
    rivalries = frozenset((p, o) for p in parties for o in theatre.opponents(p))
    unit = theatre.level("districts")
    unit_one = theatre.level("district")
    if unit == "districts" and unit_one != "district":
        unit = unit_one + "s"
    from khabar.compile.folded import folded

    table = folded(theatre)
    return Sides(parties, labels, colours, members, rivalries, theatre.incumbent, unit, unit_one,
                 tuple(sorted(table.weights.items())), table.published_total)


_CACHE: dict[int, tuple[Theatre, Sides]] = {}
