"""Districts a newer list publishes that the theatre's boundary file folds into another polygon.

A theatre's published tallies may count more districts than its boundary file draws (one theatre:
421 districts in the 2019 list, 399 polygons in the 2018 boundaries): the newer districts lie
inside older ones. theatre.json's `folded_districts` names the table that says so:

    "folded_districts": {"file": "newer.csv", "name": ["name_2019", "other_spelling"],
                         "district_id": "polygon_id", "where": {"relation": "part_of"},
                         "boundaries": "the 2018 boundaries"}

Every row of the file is one published district (its count is the published total); rows that
match `where` are folded into the polygon `district_id`. A folded district resolves to its
polygon with a note ("Dand: part of Kandahar district in the 2018 boundaries"), keeps its own
name on its records, and counts are given on both denominators (`weights`).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from khabar.theatres.loader import District, Theatre


@dataclass(frozen=True, slots=True)
class Folded:
    """A published district drawn inside another district's polygon."""

    name: str
    district_id: str  # the polygon it lies in
    boundaries: str  # what the polygons are ("the 2018 boundaries")

    def note(self, district: District, level: str = "district") -> str:
        """Return the line that says where it is: "Dand: part of Kandahar district in the 2018
        boundaries"."""
        return f"{self.name}: part of {district.name} {level} in {self.boundaries}"


@dataclass(frozen=True, slots=True)
class FoldedTable:
    """The folded districts of a theatre, by every spelling (lower case), and the published total."""

    by_name: dict[str, Folded]
    published_total: int
    weights: dict[str, int]  # polygon id -> published districts it stands for (itself and those folded in)


def folded(theatre: Theatre) -> FoldedTable:
    """Return the theatre's folded districts (empty without `folded_districts` in theatre.json)."""
    spec = theatre.config.get("folded_districts")
    if not isinstance(spec, dict) or not spec.get("file"):
        return FoldedTable({}, 0, {})
    return _read(theatre.path / str(spec["file"]), _frozen(spec))


def _frozen(spec: dict[str, Any]) -> tuple[tuple[str, ...], str, tuple[tuple[str, str], ...], str]:
    names = spec.get("name") or ()
    return ((names,) if isinstance(names, str) else tuple(names), str(spec.get("district_id") or ""),
            tuple(sorted((spec.get("where") or {}).items())), str(spec.get("boundaries") or "the boundary file"))


@lru_cache(maxsize=8)
def _read(path: Path, spec: tuple[tuple[str, ...], str, tuple[tuple[str, str], ...], str]) -> FoldedTable:
    names, id_col, where, boundaries = spec
    by_name: dict[str, Folded] = {}
    weights: dict[str, int] = {}
    total = 0
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            total += 1
            did = (row.get(id_col) or "").strip()
            if not did:
                continue
            if all((row.get(k) or "").strip() == v for k, v in where):
                weights[did] = weights.get(did, 1) + 1
                first = (row.get(names[0]) or "").strip() if names else ""
                for col in names:
                    spelling = (row.get(col) or "").strip()
                    if spelling:
                        by_name.setdefault(spelling.lower(), Folded(first or spelling, did, boundaries))
            else:
                weights.setdefault(did, 1)  # a polygon the list does not name counts for none
    return FoldedTable(by_name, total, weights)


def find_folded(theatre: Theatre, name: str) -> Folded | None:
    """Return the folded district a name (or "name, province") spells, if it is one."""
    table = folded(theatre)
    place = name.partition(",")[0].strip().lower()
    return table.by_name.get(place)
