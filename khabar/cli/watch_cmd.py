"""`khabar watch FEED_URL... --every 15m`: poll feeds, ingest what is new, say what changed hands."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Annotated

import typer

from khabar.cli.common import DbOption, PipelineOption, TheatreOption, console, error, guarded
from khabar.cli.ingest_cmd import AllowPrivateOption
from khabar.store.db import DEFAULT_DB
from khabar.theatres.loader import DEFAULT_THEATRE


@guarded
def watch(
    feeds: Annotated[list[str], typer.Argument(metavar="FEED_URL...", help="RSS/Atom feed URLs (or saved feed files).", show_default=False)],
    every: Annotated[str, typer.Option("--every", help="How often to poll: 30s, 15m, 1h, 1d.")] = "15m",
    db: DbOption = Path(DEFAULT_DB),
    once: Annotated[bool, typer.Option("--once", help="Poll once and exit.")] = False,
    theatre: TheatreOption = DEFAULT_THEATRE,
    pipeline: PipelineOption = "standard",
    allow_private: AllowPrivateOption = False,
) -> None:
    """Poll feeds, ingest new reports, recompile, and print every change of hands they add, on its day.

    An unchanged feed costs a 304 (ETag, Last-Modified); stored links are not fetched again.
    """
    from khabar.cli.ingest_cmd import apply_limits

    apply_limits(allow_private)
    from khabar.compile.sides import Sides
    from khabar.extract.pipeline import Extractor
    from khabar.store import connect
    from khabar.theatres.loader import load
    from khabar.watch import Poll, parse_every
    from khabar.watch import watch as run

    seconds = parse_every(every)
    th = load(theatre)
    sides = Sides.of(th)
    conn = connect(db)
    from khabar.ingest.budget import Budgeted

    extractor = Budgeted(Extractor(theatre, mode=pipeline))  # each report within its time budget

    def show(p: Poll) -> None:
        for e in p.errors:
            error(e)
        console.print(p.summary(len(feeds)), highlight=False)
        for c in p.changes:
            console.print(f"  {c.line(sides)}", highlight=False)

    if not once:
        console.print(f"Watching {len(feeds)} feed(s) every {every} into {db}; Ctrl-C stops.",
                      highlight=False)
    try:
        run(conn, th, feeds, extractor, seconds, show, threading.Event(), rounds=1 if once else None)
    except KeyboardInterrupt:
        console.print("Stopped.", highlight=False)
