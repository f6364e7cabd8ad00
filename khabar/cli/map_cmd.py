"""`khabar map --as-of DATE -o FILE`: the district control map as one offline HTML page."""

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
)
from khabar.store.db import DEFAULT_DB


@guarded
def map_(
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write; control.csv and control.geojson go beside it with --all-formats.")] = Path("map.html"),
    as_of: Annotated[str | None, typer.Option("--as-of", help="Day YYYY-MM-DD (default: the latest report).")] = None,
    db: DbOption = Path(DEFAULT_DB),
    theatre: StoreTheatreOption = None,
    all_formats: Annotated[bool, typer.Option("--all-formats", help="Also write control.csv and control.geojson.")] = False,
) -> None:
    """Write the map of district control as of a day."""
    from khabar.compile.state_cache import compile_control  # the kept timelines (milliseconds)
    from khabar.jobs import published_counts, render_all
    from khabar.render.map import render_map
    from khabar.store.meta import theatre_or_default
    from khabar.theatres.loader import load

    conn, day = open_existing_store(db, as_of)
    th = load(theatre_or_default(conn, theatre))
    states, counts = compile_control(conn, th, day)
    assessments = published_counts(conn, th, day)
    if all_formats:
        paths = render_all(th, states, counts, output.parent, assessments)
        if output.name != "map.html":
            paths["map"] = render_map(th, states, counts, output, assessments=assessments)
        for p in paths.values():
            console.print(f"Wrote {p}", highlight=False)
    else:
        console.print(f"Wrote {render_map(th, states, counts, output, assessments=assessments)}",
                      highlight=False)
    console.print(counts.headline(), highlight=False)
