"""`khabar ingest PATH|URL...`: read reports, extract their records, store them."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from khabar.cli.common import (
    DbOption,
    PipelineOption,
    StoreTheatreOption,
    console,
    error,
    guarded,
    parse_day,
    warn,
)
from khabar.errors import InputError
from khabar.store.db import DEFAULT_DB

AllowPrivateOption = Annotated[bool, typer.Option(
    "--allow-private", help="Let URLs and the links of feeds reach loopback and private-network "
    "addresses (refused by default; env KHABAR_ALLOW_PRIVATE=1).")]
MaxBytesOption = Annotated[int | None, typer.Option(
    "--max-bytes", min=0, help="Refuse files and downloads larger than this many bytes "
    "(default 10,000,000; 0: no cap; env KHABAR_MAX_BYTES).", show_default=False)]
MaxCharsOption = Annotated[int | None, typer.Option(
    "--max-chars", min=0, help="Cut a report's text after this many characters, with a warning "
    "(default 300,000; 0: no cap; env KHABAR_MAX_CHARS).", show_default=False)]
MaxSecondsOption = Annotated[float | None, typer.Option(
    "--max-seconds", min=0, help="Give up on a page or report that takes longer to parse or extract "
    "(default 60; 0: no limit; env KHABAR_MAX_SECONDS).", show_default=False)]


def apply_limits(allow_private: bool = False, max_bytes: int | None = None, max_chars: int | None = None,
                 max_seconds: float | None = None, quiet: bool = False) -> None:
    """Put the caps the options give in force for this process, and print the warning lines
    of reading (a report cut, bad bytes replaced) unless quiet."""
    from khabar.ingest import limits

    limits.configure(allow_private=allow_private or None, max_bytes=max_bytes, max_chars=max_chars,
                     seconds=max_seconds)
    limits.on_notice(None if quiet else warn)


@guarded
def ingest(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, URLs or RSS/Atom feeds.")],
    db: DbOption = Path(DEFAULT_DB),
    published: Annotated[str | None, typer.Option(help="Publication date YYYY-MM-DD for reports that lack one.")] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet name for reports that lack one.")] = None,
    pipeline: PipelineOption = "standard",
    theatre: StoreTheatreOption = None,
    reextract: Annotated[bool, typer.Option(help="Re-extract reports already stored.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or warnings.")] = False,
    allow_private: AllowPrivateOption = False,
    max_bytes: MaxBytesOption = None,
    max_chars: MaxCharsOption = None,
    max_seconds: MaxSecondsOption = None,
) -> None:
    """Ingest reports into the database: read, extract records, store one report per transaction.

    Each report is bounded (bytes, characters, seconds): one that is too large or too slow is
    one error line naming it, and the rest of the batch is stored."""
    from khabar.extract.pipeline import Extractor
    from khabar.ingest.budget import Budgeted
    from khabar.jobs import distinct_events
    from khabar.jobs import ingest as run
    from khabar.store import connect

    day = parse_day(published, "--published")
    apply_limits(allow_private, max_bytes, max_chars, max_seconds, quiet)
    from khabar.store.meta import theatre_or_default

    conn = connect(db)
    extractor = Budgeted(Extractor(theatre_or_default(conn, theatre), mode=pipeline),
                         on_error=lambda e: error(str(e)))
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
