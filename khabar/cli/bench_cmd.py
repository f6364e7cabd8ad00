"""`khabar bench`: how fast khabar extracts, ingests and compiles, on synthetic reports."""

from __future__ import annotations

from typing import Annotated

import typer

from khabar.cli.common import TheatreOption, guarded
from khabar.theatres.loader import DEFAULT_THEATRE


@guarded
def bench(
    docs: Annotated[int, typer.Option(min=1, help="Synthetic reports to generate.")] = 1000,
    processes: Annotated[int | None, typer.Option(min=1, help="Worker processes for extract and ingest (default: one per core).")] = None,
    baseline: Annotated[bool, typer.Option("--baseline", help="Also time plain en_core_web_sm (nlp.pipe) over the same reports.")] = False,
    only: Annotated[list[str] | None, typer.Option("--only", help="Run only this stage (repeat for more): extract fast, extract standard, baseline, ingest, store, compile, cli, ... (python -m khabar.bench --help lists them).")] = None,
    json_path: Annotated[str | None, typer.Option("--json", metavar="PATH", help="Also write the figures as JSON to PATH.")] = None,
    keep: Annotated[str | None, typer.Option(metavar="DIR", help="Work in DIR and keep the reports and databases.")] = None,
    theatre: TheatreOption = DEFAULT_THEATRE,
) -> None:
    """Time extract (fast and standard), ingest, store and control on synthetic reports."""
    from khabar.bench.__main__ import main

    argv = ["--docs", str(docs), "--theatre", theatre]
    argv += ["--processes", str(processes)] if processes else []
    argv += ["--baseline"] if baseline else []
    argv += [a for name in only or () for a in ("--only", name)]
    argv += ["--json", json_path] if json_path else []
    argv += ["--keep", keep] if keep else []
    code = main(argv)
    if code:
        raise typer.Exit(code)
