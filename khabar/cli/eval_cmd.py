"""`khabar eval CORPUS_DIR GOLD_DIR`: score extraction against gold, one row per record kind."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich import box
from rich.console import Console
from rich.table import Table

from khabar.cli.common import PipelineOption, TheatreOption, console, error, guarded
from khabar.cli.extract_cmd import ProcessesOption
from khabar.theatres.loader import DEFAULT_THEATRE

KIND_LABELS = {"control_changes": "control", "meetings": "meetings", "other_events": "other events",
               "claims": "claims", "quotes": "quotes", "assessments": "assessments"}
# Table column -> the attribute it shows, per kind (an assessment's date is its as_of).
ATTRIBUTE_COLUMNS = {"date": ("date", "as_of"), "district id": ("district_id",), "speaker": ("speaker",),
                     "claimant": ("claimant",), "stance": ("stance",), "quantity": ("quantity",)}


@guarded
def eval_(
    corpus_dir: Annotated[Path, typer.Argument(help="Folder of NNN.txt reports (with index.jsonl, or dated by the gold files).")],
    gold_dir: Annotated[Path, typer.Argument(help="Folder of gold NNN.json files.")],
    errors: Annotated[bool, typer.Option("--errors", help="List every false positive and false negative.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="Print the figures as CSV: one row a kind.")] = False,
    pipeline: PipelineOption = "standard",
    theatre: TheatreOption = DEFAULT_THEATRE,
    processes: ProcessesOption = None,
) -> None:
    """Score extraction against gold: precision, recall, F1 and attribute accuracy per record kind."""
    from khabar.evaluate import evaluate

    ev = evaluate(corpus_dir, gold_dir, pipeline=pipeline, theatre=theatre, processes=processes)
    for problem in ev.problems:
        error(problem)
    if as_json:
        typer.echo(json.dumps(ev.to_dict(with_errors=errors), ensure_ascii=False, indent=2))
        return
    if as_csv:
        from khabar.cli.common import print_rows

        cols = ("kind", "gold", "pred", "TP", "FP", "FN", "P", "R", "F1", *ATTRIBUTE_COLUMNS)
        print_rows(cols, (table_row(kind, f) for kind, f in ev.figures.items()), as_csv=True)
        return
    out = console if console.is_terminal else Console(width=160, highlight=False)
    out.print(figures_table(ev.figures))
    rate = f", {ev.words / ev.seconds:,.0f} words/s" if ev.seconds else ""
    skipped = f" ({len(ev.problems)} problem(s) reported above)" if ev.problems else ""
    unscored = f"; {len(ev.unscored)} report(s) without gold not scored" if ev.unscored else ""
    out.print(f"{len(ev.scores)} document(s) scored{skipped}, {ev.words:,} words extracted in "
              f"{ev.seconds:.1f} s{rate} ({ev.pipeline['name']} {ev.pipeline['version']}){unscored}",
              markup=False, highlight=False)
    if errors:
        print_errors(out, ev.to_dict(with_errors=True)["errors"])


def figures_table(figures: dict[str, dict[str, Any]]) -> Table:
    """Return the figures as a table: one row per kind, counts, P/R/F1 and attribute shares."""
    t = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    t.add_column("kind")
    for col in ("gold", "pred", "TP", "FP", "FN", "P", "R", "F1", *ATTRIBUTE_COLUMNS):
        t.add_column(col, justify="right")
    for kind, f in figures.items():
        t.add_row(*table_row(kind, f))
    return t


def table_row(kind: str, f: dict[str, Any]) -> list[str]:
    """Return one kind's figures as the table shows them."""
    shares = []
    for names in ATTRIBUTE_COLUMNS.values():
        a = next((f["attributes"][n] for n in names if n in f["attributes"]), None)
        shares.append(_share(a))
    return [KIND_LABELS.get(kind, kind), str(f["gold"]), str(f["predicted"]), str(f["tp"]),
            str(f["fp"]), str(f["fn"]), _num(f["precision"]), _num(f["recall"]), _num(f["f1"]), *shares]


def _num(x: float | None) -> str:
    return "-" if x is None else f"{x:.2f}"


def _share(a: dict[str, Any] | None) -> str:
    if not a or not a["of"]:
        return ""
    return f"{a['share']:.2f} ({a['right']}/{a['of']})"


def print_errors(out: Console, errs: list[dict[str, Any]]) -> None:
    """Print each false positive and false negative: kind, document, record, and its sentence."""
    out.print(f"\n{len(errs)} error(s): FP = predicted but not in gold, FN = in gold but not predicted",
              markup=False, highlight=False)
    for e in errs:
        out.print(f"{e['error']} {KIND_LABELS.get(e['kind'], e['kind'])} {e['document']}: {e['record']}",
                  markup=False, highlight=False, soft_wrap=True)
        if e["sentence"]:
            out.print(f"    {' '.join(e['sentence'].split())}", markup=False, highlight=False,
                      style="dim", soft_wrap=True)
