"""`khabar extract PATH...`: print the records of reports, without storing them."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import Annotated, Any

import typer
from rich.table import Table

from khabar.cli.common import PipelineOption, TheatreOption, console, error, guarded, parse_day
from khabar.cli.ingest_cmd import (
    AllowPrivateOption,
    MaxBytesOption,
    MaxCharsOption,
    MaxSecondsOption,
    apply_limits,
)
from khabar.errors import InputError, KhabarError
from khabar.records import Document, Extraction
from khabar.theatres.loader import DEFAULT_THEATRE

ProcessesOption = Annotated[int | None, typer.Option(
    "--processes", min=1, help="Worker processes for extraction (default: one per core; "
    "an input of few reports runs in this process).")]


@guarded
def extract(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders, URLs or RSS/Atom feeds.")],
    published: Annotated[str | None, typer.Option(help="Publication date YYYY-MM-DD; relative dates resolve against it.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON value: the report's object, or a list of them for several reports.")] = False,
    jsonl: Annotated[bool, typer.Option("--jsonl", help="One JSON object a line.")] = False,
    pipeline: PipelineOption = "standard",
    theatre: TheatreOption = DEFAULT_THEATRE,
    processes: ProcessesOption = None,
    allow_private: AllowPrivateOption = False,
    max_bytes: MaxBytesOption = None,
    max_chars: MaxCharsOption = None,
    max_seconds: MaxSecondsOption = None,
    no_model: Annotated[bool, typer.Option("--no-model", help="The rules alone: no sentence model "
                                           "(as KHABAR_NO_MODEL=1).")] = False,
) -> None:
    """Extract control changes, events, claims, quotes and assessments from reports."""
    from khabar.extract.pipeline import Extractor
    from khabar.ingest import read_inputs
    from khabar.ingest.budget import Budgeted

    day = parse_day(published, "--published")
    apply_limits(allow_private, max_bytes, max_chars, max_seconds)
    if no_model:
        from khabar.learn import ENV_OFF
        os.environ[ENV_OFF] = "1"  # worker processes inherit it
    extractor = Budgeted(Extractor(theatre, mode=pipeline))
    errors = 0

    def documents() -> Iterator[Document]:
        nonlocal errors
        for item in read_inputs(inputs, published=day):
            if isinstance(item, InputError):
                error(str(item))
                errors += 1
            else:
                yield item

    results = []
    extracted = 0
    # the worker processes write each report's JSON (a line) or its dict; the table is drawn here
    render = _json_line if jsonl else _as_dict if as_json else None
    for ex in extractor.extract_many(documents(), processes=processes, render=render):
        if isinstance(ex, KhabarError):
            error(" ".join(str(ex).split()))
            errors += 1
            continue
        extracted += 1
        if jsonl:
            typer.echo(ex)  # as each report is extracted, in input order
        elif as_json:
            results.append(ex)
        else:
            _print(ex)
    if as_json:
        if results:  # one JSON value: the object of one report, a list of several
            typer.echo(json.dumps(results[0] if len(results) == 1 else results, ensure_ascii=False,
                                  indent=2))
    if errors and not extracted:
        raise typer.Exit(1)


def _json_line(ex: Extraction) -> str:
    return json.dumps(ex.to_dict(), ensure_ascii=False)


def _as_dict(ex: Extraction) -> dict[str, Any]:
    return ex.to_dict()


def _print(ex: object) -> None:
    from khabar.records import Extraction
    assert isinstance(ex, Extraction)
    d = ex.document
    console.print(f"[bold]{d.title or d.source}[/] ({d.outlet or 'unknown outlet'}, "
                  f"{d.published or 'no date'}) id {d.id}", markup=True, highlight=False)
    t = Table("kind", "record", "date", "evidence", show_lines=False, expand=True)
    for c in ex.control_changes:
        t.add_row("control", f"{c.district} ({c.district_id or 'not in gazetteer'}) -> {c.controller}",
                  str(c.date or ""), c.evidence.text[:120])
    for e in ex.events:
        t.add_row(e.type.lower(), f"{', '.join(e.actors)} -> {', '.join(e.targets)}"
                  + (f" @ {e.place}" if e.place else "") + ("" if e.status == "happened" else f" [{e.status}]"),
                  str(e.date or ""), e.evidence.text[:120])
    for cl in ex.claims:
        qty = f" [{cl.quantity.value:g} {cl.quantity.unit}]" if cl.quantity else ""
        t.add_row("claim", f"{cl.claimant} {cl.stance}: {cl.text[:80]}{qty}", str(cl.date or ""),
                  cl.evidence.text[:120])
    for qu in ex.quotes:
        t.add_row("quote", f"{qu.speaker}: \u201c{qu.text[:90]}\u201d", "", "")
    for a in ex.assessments:
        t.add_row("assessment", f"{a.assessor}: {a.controller} {a.count} of {a.of or '?'} ({a.kind})",
                  str(a.as_of or ""), a.evidence.text[:120])
    console.print(t)
    for w in ex.warnings:
        console.print(f"Warning: {w}", markup=False, style="yellow")
