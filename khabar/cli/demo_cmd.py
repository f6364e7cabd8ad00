"""`khabar demo`: ingest the bundled sample reports, compile, and write the map, CSV, GeoJSON
and the timeline (CSV, PNG, SVG) of the theatre's period up to the latest report."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from khabar.cli.common import PipelineOption, TheatreOption, console, error, guarded
from khabar.errors import KhabarError
from khabar.theatres.loader import DEFAULT_THEATRE


@guarded
def demo(
    out: Annotated[Path, typer.Option("--out", help="Folder for the database and the outputs.")] = Path("out/demo"),
    pipeline: PipelineOption = "standard",
    theatre: TheatreOption = DEFAULT_THEATRE,
) -> None:
    """Run the main job on the bundled sample reports and say where the output is."""
    from khabar.cli.ingest_cmd import distinct_line, records_clause
    from khabar.extract.pipeline import Extractor
    from khabar.jobs import (
        compile_control,
        daily_counts,
        distinct_events,
        ingest,
        published_counts,
        render_all,
        timeline_start,
    )
    from khabar.render.plots import write_timeline
    from khabar.store import connect
    from khabar.store.records import latest_date
    from khabar.theatres.loader import load

    th = load(theatre)
    corpus = th.samples / "corpus"
    if not corpus.is_dir():
        raise KhabarError(f"{theatre}: has no sample reports in {corpus}")
    out.mkdir(parents=True, exist_ok=True)
    db = out / "khabar.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    conn = connect(db)
    with console.status("Reading and extracting the sample reports..."):
        rep = ingest(conn, [str(corpus)], Extractor(theatre, mode=pipeline))
    for e in rep.errors:
        error(e)
    day = latest_date(conn)
    if day is None:
        raise KhabarError(f"{corpus}: no dated reports; nothing to compile")
    states, counts = compile_control(conn, th, day)
    paths = render_all(th, states, counts, out, published_counts(conn, th, day))
    first = timeline_start(th, conn, day)
    days = daily_counts(conn, th, first, day)
    paths.update({f"timeline_{k}": p for k, p in write_timeline(
        th, days, out, assessments=published_counts(conn, th, day, (day - first).days)).items()})
    console.print(f"Ingested {rep.new} sample reports into {db}; {records_clause(rep.records)}.",
                  highlight=False)
    console.print(distinct_line(distinct_events(conn, th, rep.documents)), highlight=False)
    console.print(counts.headline(), highlight=False)
    if counts.published_line():
        console.print(counts.published_line(), highlight=False)
    console.print(f"Map:     {paths['map']}", highlight=False)
    console.print(f"CSV:     {paths['csv']}", highlight=False)
    console.print(f"GeoJSON: {paths['geojson']}", highlight=False)
    console.print(f"Desk:    khabar serve --db {db}  (then open http://127.0.0.1:8000/)", highlight=False)
    console.print(f"Timeline: {paths['timeline_png']} (and .svg, .csv), {first} to {day}",
                  highlight=False)
    console.print(f"Open the map in a browser (it works offline): file://{paths['map'].resolve()}",
                  highlight=False)
