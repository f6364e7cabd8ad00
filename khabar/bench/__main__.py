"""`python -m khabar.bench` (`make bench`): how fast khabar extracts, ingests and compiles.

Stages, each but the first in a fresh process so that peak memory is its own:

    generate         synthetic reports (khabar.bench.generate), in this process
    extract fast     Extractor(mode="fast") over every report
    extract standard Extractor() (en_core_web_sm over candidate sentences), --standard-docs reports
    ingest           khabar.jobs.ingest of a folder of .txt + index.jsonl into a SQLite file
    store            --observations synthetic control changes with store.bulk.bulk_save
    compile          khabar.jobs.compile_control over them (median of --runs)
    cli              `khabar control --as-of ... --db ... --json`, wall time (median of 3)
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from khabar.bench.generate import generate_reports, words, write_corpus
from khabar.bench.observations import FIRST_DAY
from khabar.bench.runner import StageError, khabar_command, machine, machine_line, run_command, run_worker

DEFAULT_JSON = "out/bench/bench.json"
console = Console()
err = Console(stderr=True, highlight=False)


def _row(stage: str, docs: int | None, n_words: int | None, seconds: float, peak_mb: float | None,
         notes: str = "") -> dict[str, Any]:
    return {"stage": stage, "docs": docs, "words": n_words, "seconds": round(seconds, 4),
            "docs_per_s": round(docs / seconds, 1) if docs and seconds else None,
            "words_per_s": round(n_words / seconds) if n_words and seconds else None,
            "peak_mb": peak_mb, "notes": notes}


def _records(r: dict[str, Any]) -> str:
    rec = r.get("records") or {}
    return (f"{rec.get('control_changes', 0):,} control changes, {rec.get('events', 0):,} events, "
            f"{rec.get('claims', 0):,} claims, {rec.get('quotes', 0):,} quotes")


def run(args: argparse.Namespace, workdir: Path) -> list[dict[str, Any]]:
    """Run every stage and return the table's rows."""
    rows = []
    step = err.print
    step(f"generate: {args.docs:,} reports (seed {args.seed})")
    t0 = time.perf_counter()
    documents = generate_reports(args.docs, args.seed)
    gen_s = time.perf_counter() - t0
    n_words = sum(words(d.text) for d in documents)
    rows.append(_row("generate", len(documents), n_words, gen_s,
                     round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
                     f"generate_reports({args.docs}, seed={args.seed}): "
                     f"{min(words(d.text) for d in documents)}-{max(words(d.text) for d in documents)} "
                     "words a report; peak MB is the bench process itself"))
    corpus = write_corpus(documents, workdir / "reports")
    common = ["--theatre", args.theatre]

    step(f"extract fast: {len(documents):,} reports")
    r = run_worker([*common, "extract", "--mode", "fast", "--docs", str(args.docs),
                    "--seed", str(args.seed)], workdir, "extract-fast")
    rows.append(_row("extract fast", r["docs"], r["words"], r["seconds"], r["peak_mb"],
                     f"Extractor(mode='fast'), {r['pipeline']}; model load {r['load_seconds']:.1f} s "
                     f"not counted; found {_records(r)}"))

    n_std = min(args.standard_docs or args.docs, args.docs)
    step(f"extract standard: {n_std:,} reports")
    r = run_worker([*common, "extract", "--mode", "standard", "--docs", str(args.docs),
                    "--seed", str(args.seed), "--limit", str(n_std)], workdir, "extract-standard")
    part = f"first {n_std:,} of {args.docs:,} reports; " if n_std < args.docs else ""
    rows.append(_row("extract standard", r["docs"], r["words"], r["seconds"], r["peak_mb"],
                     f"{part}Extractor(), {r['pipeline']}; model load {r['load_seconds']:.1f} s "
                     f"not counted; found {_records(r)}"))

    step(f"ingest ({args.ingest_pipeline}): {len(documents):,} reports into SQLite")
    r = run_worker([*common, "ingest", "--folder", str(corpus), "--db", str(workdir / "ingest.db"),
                    "--mode", args.ingest_pipeline], workdir, "ingest")
    rows.append(_row(f"ingest {args.ingest_pipeline}", r["docs"], r["words"], r["seconds"],
                     r["peak_mb"], "khabar.jobs.ingest of a folder (.txt reports + index.jsonl) "
                     f"into a SQLite file: read, extract ({r['pipeline']}), save_extraction, one "
                     f"transaction per report; {r['errors']} errors; stored {_records(r)}"))

    obs_db = workdir / "control.db"
    step(f"store: {args.observations:,} synthetic control changes (bulk_save)")
    r = run_worker([*common, "store", "--db", str(obs_db), "--observations",
                    str(args.observations), "--days", str(args.days), "--seed", str(args.seed)],
                   workdir, "store")
    rows.append(_row("store bulk_save", r["docs"], None, r["seconds"], r["peak_mb"],
                     f"khabar.store.bulk.bulk_save: {r['observations']:,} synthetic control "
                     f"changes in {r['docs']:,} reports over {len(_districts(args.theatre))} "
                     f"districts and {args.days} days, one transaction, "
                     f"{r['observations'] / r['seconds']:,.0f} rows/s"))

    as_of = FIRST_DAY + timedelta(args.days - 1)
    step(f"compile: control as of {as_of} over {args.observations:,} observations")
    r = run_worker([*common, "compile", "--db", str(obs_db), "--as-of", as_of.isoformat(),
                    "--runs", str(args.runs)], workdir, "compile")
    rows.append(_row("compile_control", None, None, r["seconds"], r["peak_mb"],
                     f"khabar.jobs.compile_control as of {as_of}, median of {args.runs} runs over "
                     f"{r['observations']:,} observations: store.observations "
                     f"{r['read_seconds']:.2f} s + control_as_of {r['compile_seconds']:.2f} s; "
                     f"{_headline(r['counts'])}"))

    step(f"cli: khabar control --as-of {as_of} --json, 3 runs")
    cmd = [*khabar_command(), "control", "--as-of", as_of.isoformat(), "--db", str(obs_db),
           "--theatre", args.theatre, "--json"]
    runs = [run_command(cmd, workdir, f"cli-{i}") for i in range(3)]
    listed = len(json.loads(runs[0][2])["districts"])
    rows.append(_row("khabar control", None, None,
                     statistics.median(s for s, _, _ in runs), max(p for _, p, _ in runs),
                     f"`khabar control --as-of {as_of} --db ... --json` in a subprocess: wall time "
                     f"from start to exit, median of 3 runs; {listed} districts printed"))
    return rows


def _districts(theatre: str) -> dict[str, Any]:
    from khabar.theatres.loader import load

    return load(theatre).districts


def _headline(counts: dict[str, Any] | None) -> str:
    if not counts:
        return ""
    return (f"Taliban {counts['taliban']}, government {counts['government']}, "
            f"contested {counts['contested']}, no reports {counts['no_reports']}")


def _fmt(v: Any, digits: int = 0) -> str:
    if v is None:
        return "-"
    if isinstance(v, float) and digits:
        return f"{v:,.{digits}f}"
    return f"{v:,.0f}" if isinstance(v, (int, float)) else str(v)


def table(rows: list[dict[str, Any]]) -> Table:
    """Return the figures as a rich table; each row's notes are numbered below it."""
    t = Table("stage", "docs", "words", "seconds", "docs/s", "words/s", "peak MB",
              title="khabar bench", caption_justify="left")
    for i, r in enumerate(rows, 1):
        t.add_row(f"{r['stage']} [{i}]", _fmt(r["docs"]), _fmt(r["words"]), _fmt(r["seconds"], 3),
                  _fmt(r["docs_per_s"], 1), _fmt(r["words_per_s"]), _fmt(r["peak_mb"], 1))
    return t


def notes(rows: list[dict[str, Any]]) -> str:
    """Return the rows' notes, numbered as in the table."""
    return "\n".join(f"[{i}] {r['notes']}" for i, r in enumerate(rows, 1) if r["notes"])


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m khabar.bench",
                                description="Time khabar's extract, ingest and control stages.")
    p.add_argument("--docs", type=int, default=2000, help="synthetic reports (default 2000)")
    p.add_argument("--standard-docs", type=int, default=None,
                   help="reports for the standard pipeline's extract run (default: all)")
    p.add_argument("--ingest-pipeline", choices=("standard", "fast"), default="standard",
                   help="pipeline of the ingest run (default standard, as `khabar ingest`)")
    p.add_argument("--observations", type=int, default=100_000,
                   help="stored control changes for control --as-of (default 100000)")
    p.add_argument("--days", type=int, default=120, help="days they span (default 120)")
    p.add_argument("--runs", type=int, default=5, help="runs of compile_control (default 5)")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--theatre", default="afghanistan_2021")
    p.add_argument("--json", nargs="?", const=DEFAULT_JSON, default=None, metavar="PATH",
                   help=f"also write the figures as JSON (default path {DEFAULT_JSON})")
    p.add_argument("--keep", metavar="DIR", default=None,
                   help="work in DIR and keep the reports and databases (default: a temp folder)")
    a = p.parse_args(argv)
    if a.docs < 1 or a.observations < 1 or a.days < 1 or a.runs < 1:
        p.error("--docs, --observations, --days and --runs must be at least 1")
    return a


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    m = machine()
    try:
        if args.keep:
            workdir = Path(args.keep)
            workdir.mkdir(parents=True, exist_ok=True)
            rows = run(args, workdir)
        else:
            with tempfile.TemporaryDirectory(prefix="khabar-bench-") as tmp:
                rows = run(args, Path(tmp))
    except StageError as e:
        err.print(f"Error: {e}")
        return 1
    total = time.perf_counter() - started
    console.print(table(rows))
    console.print(notes(rows), highlight=False, markup=False, soft_wrap=True)
    console.print(f"Machine: {machine_line(m)}", highlight=False, soft_wrap=True)
    console.print(f"Total bench time {total:.0f} s", highlight=False)
    if args.json:
        path = Path(args.json)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "machine": m, "total_seconds": round(total, 1),
            "args": {k: v for k, v in vars(args).items() if k not in ("json", "keep")},
            "stages": rows}, indent=2) + "\n", encoding="utf-8")
        console.print(f"JSON: {path}", highlight=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
