"""`khabar timeline --from D --to D`: daily counts of districts as CSV and a stacked area chart."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from khabar.cli.common import (
    DbOption,
    StoreTheatreOption,
    console,
    guarded,
    open_existing_store,
    parse_day,
)
from khabar.errors import KhabarError
from khabar.store.db import DEFAULT_DB


@guarded
def timeline(
    start: Annotated[str | None, typer.Option("--from", help="First day YYYY-MM-DD (default: the theatre's period start).")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last day YYYY-MM-DD (default: the latest report).")] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for timeline.csv, .png and .svg.")] = Path("."),
    db: DbOption = Path(DEFAULT_DB),
    theatre: StoreTheatreOption = None,
) -> None:
    """Write the daily counts of districts by controller (CSV) and the stacked area chart
    (PNG, SVG), with published assessments marked."""
    from khabar.compile.state_cache import daily_counts  # the kept timelines, one sweep
    from khabar.jobs import published_counts
    from khabar.render.plots import write_timeline
    from khabar.store.meta import theatre_or_default
    from khabar.theatres.loader import load

    conn, last = open_existing_store(db, end)
    th = load(theatre_or_default(conn, theatre))
    period = th.config.get("period") or []
    first = parse_day(start, "--from") or (parse_day(period[0], "--from") if period else None)
    if first is None:
        raise KhabarError("--from: needed; the theatre gives no period start")
    if last < first:
        raise KhabarError(f"--to {last}: before --from {first}")
    days = daily_counts(conn, th, first, last)
    assessments = published_counts(conn, th, last, window_days=(last - first).days)
    paths = write_timeline(th, days, out, assessments=assessments)
    for p in paths.values():
        console.print(f"Wrote {p}", highlight=False)
    console.print(f"{len(days)} days; first: {days[0].headline()}", highlight=False)
    console.print(f"last: {days[-1].headline()}", highlight=False)
