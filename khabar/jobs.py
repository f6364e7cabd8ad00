"""The main jobs, joined from the stages: ingest reports into a store, compile, render.

The CLI and (later) the web app call these; each returns data and prints nothing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from khabar.compile.control_as_of import Counts, control_as_of, count
from khabar.errors import InputError, KhabarError
from khabar.extract.pipeline import Extractor
from khabar.ingest import read_inputs
from khabar.records import DistrictState, Document, Extraction
from khabar.store import records as store
from khabar.theatres.loader import Theatre


@dataclass
class IngestReport:
    """What an ingest did: new and known reports, records stored, errors and warnings."""

    new: int = 0
    known: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    records: dict[str, int] = field(default_factory=dict)

    @property
    def read(self) -> int:
        return self.new + self.known


def ingest(conn: sqlite3.Connection, inputs: Iterable[str], extractor: Extractor, *,
           published: date | None = None, outlet: str | None = None,
           reextract: bool = False,
           on_document: Callable[[Document | InputError], None] | None = None) -> IngestReport:
    """Read reports, extract their records and store each report in its own transaction.

    A report already stored adds nothing (its records are re-extracted only with `reextract`).
    A bad input is one error line in the report; the rest go on.
    """
    rep = IngestReport()
    seen: set[str] = set()
    for item in read_inputs(inputs, published=published, outlet=outlet):
        if on_document:
            on_document(item)
        if isinstance(item, InputError):
            rep.errors.append(str(item))
            continue
        if item.id in seen or (store.has_document(conn, item.id) and not reextract):
            rep.known += 1
            seen.add(item.id)
            continue
        seen.add(item.id)
        try:
            ex = extractor.extract(item)
        except KhabarError as e:
            rep.errors.append(f"{item.source or item.id}: {e}")
            continue
        rep.warnings.extend(f"{item.source or item.id}: {w}" for w in ex.warnings)
        if store.save_extraction(conn, ex):
            rep.new += 1
        else:
            rep.known += 1
        for kind, n in _counts(ex).items():
            rep.records[kind] = rep.records.get(kind, 0) + n
    return rep


def _counts(ex: Extraction) -> dict[str, int]:
    return {"control_changes": len(ex.control_changes), "events": len(ex.events),
            "claims": len(ex.claims), "quotes": len(ex.quotes),
            "assessments": len(ex.assessments)}


def compile_control(conn: sqlite3.Connection, theatre: Theatre, as_of: date
                    ) -> tuple[list[DistrictState], Counts]:
    """Return every district's state as of a day, and the counts."""
    states = control_as_of(theatre.districts, store.observations(conn, as_of), as_of)
    return states, count(states, as_of)


def assessments_as_of(conn: sqlite3.Connection, as_of: date, window_days: int = 14) -> list[dict]:
    """Return published assessments dated within `window_days` before a day, newest first."""
    rows = [r for r in store.records_of(conn, "assessments")
            if r["as_of"] and 0 <= (as_of - date.fromisoformat(r["as_of"])).days <= window_days]
    return sorted(rows, key=lambda r: r["as_of"], reverse=True)


def render_all(theatre: Theatre, states: list[DistrictState], counts: Counts, out_dir: Path,
               assessments: list[dict] | None = None) -> dict[str, Path]:
    """Write map.html, control.csv and control.geojson to a folder; return their paths."""
    from khabar.render.csv_export import write_control_csv
    from khabar.render.geojson import write_control_geojson
    from khabar.render.map import render_map

    out_dir.mkdir(parents=True, exist_ok=True)
    return {
        "map": render_map(theatre, states, counts, out_dir / "map.html",
                          assessments=assessments or []),
        "csv": write_control_csv(states, out_dir / "control.csv"),
        "geojson": write_control_geojson(theatre, states, out_dir / "control.geojson"),
    }
