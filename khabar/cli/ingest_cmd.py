"""`khabar ingest PATH|URL...`: read reports, extract their records, store them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from khabar.cli.common import (
    DbOption,
    PipelineOption,
    TheatreOption,
    console,
    error,
    guarded,
    parse_day,
    warn,
)
from khabar.errors import InputError
from khabar.store.db import DEFAULT_DB


@guarded
def ingest(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, URLs or RSS/Atom feeds.")],
    db: DbOption = Path(DEFAULT_DB),
    published: Annotated[str | None, typer.Option(help="Publication date YYYY-MM-DD for reports that lack one.")] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet name for reports that lack one.")] = None,
    pipeline: PipelineOption = "standard",
    theatre: TheatreOption = "afghanistan_2021",
    reextract: Annotated[bool, typer.Option(help="Re-extract reports already stored.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or warnings.")] = False,
) -> None:
    """Ingest reports into the database: read, extract records, store one report per transaction."""
    from khabar.extract.pipeline import Extractor
    from khabar.jobs import distinct_events
    from khabar.jobs import ingest as run
    from khabar.store import connect

    day = parse_day(published, "--published")
    conn = connect(db)
    extractor = Extractor(theatre, mode=pipeline)
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                  TextColumn("{task.completed} reports"), TimeElapsedColumn(),
                  console=console, transient=True,
                  disable=quiet or not console.is_terminal) as progress:  # piped: no bar
        task = progress.add_task("Ingesting", total=None)

        def tick(item: object) -> None:
            if isinstance(item, InputError):
                error(str(item))
            progress.advance(task)

        rep = run(conn, inputs, extractor, published=day, outlet=outlet, reextract=reextract,
                  on_document=tick)
    if not quiet:
        for w in rep.warnings:
            warn(w)
    recs = records_clause(rep.records)
    console.print(f"Ingested {rep.new} new report(s) into {db} ({rep.known} already stored, "
                  f"{len(rep.errors)} error(s)){'; ' + recs if recs else ''}.", highlight=False)
    if rep.documents:
        line = distinct_line(distinct_events(conn, extractor.theatre, rep.documents))
        if line:
            console.print(line, highlight=False)
    if rep.read == 0 and rep.errors:
        raise typer.Exit(1)


_SINGULAR = {"control_changes": "control change", "events": "event", "claims": "claim",
             "quotes": "quote", "assessments": "assessment", "control events": "control event"}


def _counted(n: int, kind: str) -> str:
    one = _SINGULAR.get(kind, kind)
    return f"{n} {one}" if n == 1 else f"{n} {one}s"


def records_clause(records: dict[str, int]) -> str:
    """Return "records: 7 control changes, 1 event, 1 claim" ("" when there are none): one per
    sentence that reports it, so one event told by three outlets is three."""
    parts = [_counted(n, k) for k, n in records.items() if n]
    return "records: " + ", ".join(parts) if parts else ""


def distinct_line(distinct: dict[str, int]) -> str:
    """Return "Distinct in these reports: 6 control events, 1 event (...)" ("" when none)."""
    parts = [_counted(n, k) for k, n in distinct.items() if n]
    return ("Distinct in these reports: " + ", ".join(parts)
            + " (the reports of one event count once).") if parts else ""
