"""District control as CSV: one row per district, with the report behind its state, its
Admiralty grade and confidence, a party's pending claim, when reports disagree the other
side's evidence, and the party the holder counts for (a coalition's member: the coalition)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from khabar.compile.sides import CONTESTED, Sides
from khabar.records import DistrictState

COLUMNS: tuple[str, ...] = ("district_id", "district", "province", "controller", "since",
                            "evidence", "document_id", "outlet", "title", "url", "published",
                            "confidence", "grade", "sources", "event_id", "claimed_by",
                            "claim_grade", "disputed_by", "disputed_evidence", "counts_for",
                            "held_as_of")


def control_row(state: DistrictState, sides: Sides | None = None) -> dict[str, str | int | None]:
    """Return a district's state as a flat row of COLUMNS; None where nothing is known.

    `counts_for` is the party the holder counts for with the theatre's `sides` (a member of a
    coalition: the coalition; the holder itself without them)."""
    o = state.observation
    # contested by disagreeing reports: the evidence shown is one side's, the other is here
    other = next((e for e in state.conflict if o is None
                  or e.best.observation.record_id != o.record_id), None)
    return {
        "district_id": state.district_id,
        "district": state.name,
        "province": state.province,
        "controller": state.controller,
        "since": state.since.isoformat() if state.since else None,
        # a statement of holding: held as of that day, the day it changed hands unknown
        "held_as_of": state.held_as_of.isoformat() if state.held_as_of else None,
        "evidence": o.evidence if o else None,
        "document_id": o.document_id if o else None,
        "outlet": (o.outlet or None) if o else None,
        "title": (o.title or None) if o else None,
        "url": (o.url or None) if o else None,
        "published": o.published.isoformat() if o and o.published else None,
        "confidence": state.confidence or None,
        "grade": state.grade or None,
        "sources": state.sources or None,
        "event_id": state.events[0].id if state.events else None,
        "claimed_by": state.claimed_by,
        "claim_grade": state.claim.grade if state.claim else None,
        "disputed_by": other.controller if other else None,
        "disputed_evidence": other.best.observation.evidence if other else None,
        "counts_for": (sides.counts_for(state.controller) if sides is not None and state.controller
                       and state.controller != CONTESTED else state.controller),
    }


def write_control_csv(states: Sequence[DistrictState], path: Path, sides: Sides | None = None) -> Path:
    """Write one CSV row per district (empty cells where unknown) and return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS)
        writer.writeheader()
        for s in states:
            writer.writerow({k: "" if v is None else v for k, v in control_row(s, sides).items()})
    return path


def csv_chunks(cols: Sequence[str], rows: Iterable[Sequence[Any]], every: int = 500) -> Iterator[str]:
    """Yield a table as CSV text in chunks (a header, then `every` rows a chunk): the desk streams
    it, `khabar export` writes it."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(cols)
    for i, row in enumerate(rows, 1):
        w.writerow(["" if v is None else v for v in row])
        if i % every == 0:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()


def parquet_bytes(cols: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """Return a table as one Parquet file's bytes (column types inferred by pyarrow)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    data = list(rows)
    table = pa.table({c: pa.array([r[i] for r in data]) for i, c in enumerate(cols)})
    out = io.BytesIO()
    pq.write_table(table, out)
    return out.getvalue()


def control_table(states: Sequence[DistrictState], sides: Sides | None = None
                  ) -> tuple[list[str], list[tuple[Any, ...]]]:
    """Return district control as COLUMNS and one row per district (`control_row`)."""
    rows = [control_row(s, sides) for s in states]
    return list(COLUMNS), [tuple(r[c] for c in COLUMNS) for r in rows]


TABLES = ("control", "documents", "control_changes", "events", "claims", "quotes", "assessments", "overrides")
"""What `khabar export` and the desk's /api/export/ give: district control as of a day, or a stored table."""
FORMATS = {"csv": "text/csv; charset=utf-8", "parquet": "application/vnd.apache.parquet",
           "geojson": "application/geo+json", "plover": "application/x-ndjson; charset=utf-8"}
SUFFIX = {"csv": "csv", "parquet": "parquet", "geojson": "geojson", "plover": "plover.jsonl"}


def export(conn: Any, theatre: Any, table: str, fmt: str, as_of: Any = None) -> Iterator[str | bytes]:
    """Return one export as chunks of text (bytes for Parquet): the one code path of `khabar
    export` and /api/export/. `control` is the districts as of `as_of` (csv, parquet, geojson);
    `events` also as GeoJSON points or PLOVER JSONL (dated up to `as_of` if given); every other
    table as it is stored (csv, parquet). Raises ValueError for a pair that does not exist."""
    import json

    if table not in TABLES:
        raise ValueError(f"{table}: no such table; use one of {', '.join(TABLES)}")
    if fmt not in FORMATS:
        raise ValueError(f"{fmt}: no such format; use one of {', '.join(FORMATS)}")
    if fmt == "plover" and table != "events":
        raise ValueError(f"--format plover is for events, not {table}")
    if fmt == "geojson" and table not in ("control", "events"):
        raise ValueError(f"--format geojson is for control (district polygons) and events (points), not {table}")
    if as_of is not None and table != "control" and not (table == "events" and fmt in ("plover", "geojson")):
        raise ValueError(f"--as-of applies to control, and to events as geojson or plover; {table} as {fmt} "
                         "is the whole stored table")
    if table == "control":
        from khabar.compile.sides import Sides
        from khabar.compile.state_cache import compile_control  # the kept timelines (milliseconds)
        from khabar.render.geojson import control_geojson

        states, _ = compile_control(conn, theatre, as_of)
        if fmt == "geojson":
            return iter([json.dumps(control_geojson(theatre, states), ensure_ascii=False, separators=(",", ":"))])
        cols, rows = control_table(states, Sides.of(theatre))
        return csv_chunks(cols, rows) if fmt == "csv" else iter([parquet_bytes(cols, rows)])
    if table == "events" and fmt in ("plover", "geojson"):
        from khabar.render.geojson import events_geojson
        from khabar.render.plover import plover_records

        records = plover_records(conn, theatre, as_of)
        if fmt == "geojson":
            return iter([json.dumps(events_geojson(theatre, records), ensure_ascii=False, separators=(",", ":"))])
        return (json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n" for r in records)
    from khabar.store.queries import export_rows

    cols, stored = export_rows(conn, table)
    return csv_chunks(cols, stored) if fmt == "csv" else iter([parquet_bytes(cols, stored)])
