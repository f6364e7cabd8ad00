"""`khabar export TABLE --format csv|geojson|parquet|plover`: a table, district control or events
for other tools (QGIS, pandas, Spark, PLOVER event-data tools); the desk's /api/export/ gives the same."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from khabar.cli.common import DbOption, StoreTheatreOption, console, guarded, open_existing_store
from khabar.store.db import DEFAULT_DB


@guarded
def export(
    table: Annotated[str, typer.Argument(
        help="control (each district as of a day), events, claims, quotes, control_changes, "
             "assessments, documents or overrides.")],
    fmt: Annotated[str, typer.Option(
        "--format", "-f", help="csv, parquet, geojson (control: district polygons; events: points) or "
                               "plover (events as PLOVER JSONL).")] = "csv",
    as_of: Annotated[str | None, typer.Option(
        "--as-of", help="Day YYYY-MM-DD: control as of it (default: the latest report); events up to it.")] = None,
    out: Annotated[str, typer.Option("--out", "-o", help="File to write, or - for standard output.")] = "-",
    db: DbOption = Path(DEFAULT_DB),
    theatre: StoreTheatreOption = None,
) -> None:
    """Write a table, district control as of a day, or events (GeoJSON points, PLOVER JSONL)."""
    from khabar.errors import InputError
    from khabar.render.csv_export import export as export_chunks
    from khabar.store.meta import theatre_or_default
    from khabar.theatres.loader import load

    fmt = fmt.lower().strip()
    conn, latest = open_existing_store(db, as_of)
    th = load(theatre_or_default(conn, theatre))
    # control: as of the day given, else the latest report's; events: up to the day given, else every one
    day: date | None = latest if table == "control" or as_of is not None else None
    try:
        chunks = export_chunks(conn, th, table, fmt, day)
    except ValueError as e:
        raise InputError(str(e)) from None
    if out == "-":
        if fmt == "parquet" and sys.stdout.isatty():
            raise InputError("Parquet is binary: give --out FILE or pipe standard output")
        for c in chunks:
            if isinstance(c, bytes):
                sys.stdout.buffer.write(c)
            else:
                sys.stdout.write(c)
        sys.stdout.flush()
        return
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as f:
        for c in chunks:
            f.write(c if isinstance(c, bytes) else c.encode("utf-8"))
    console.print(f"{table} ({fmt}) written to {path} ({path.stat().st_size:,} bytes)", highlight=False)
