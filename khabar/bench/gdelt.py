"""A GDELT-sized day on one machine: ingest N generated reports of about 500 words with the fast
pipeline, as `khabar ingest` does, and project the time of 100,000.

    python -m khabar.bench.gdelt --reports 20000 [--words 450-550] [--chunks 4] [--cli] [--keep DIR]

Writes N generated reports (at the trigger density of real ones, khabar.bench.generate) as
`--chunks` folders, then ingests them one after the other into one SQLite file, each as a whole
process: `khabar.jobs.ingest` with the fast pipeline in the bench worker (start-up, reading,
extraction in one worker process per core, one transaction per report), or with `--cli`
`khabar ingest FOLDER --pipeline fast --quiet`, which afterwards also counts the batch's distinct
events (slow on large batches: minutes for 5,000 reports). It prints the wall and CPU time,
reports/s, the database's size, the machine's load average before and after (2 cores shared:
the load says how much of them the run had), and the projection:

    hours for DAY reports = DAY / (reports/s) / 3600

and, on CPU time, what the same run would take with the cores to itself. A day beyond
`reports/s x 3600` reports does not fit in an hour on this machine: that is the point to run
`khabar spark-extract` (khabar/batch/) over several machines and ingest its Parquet output.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from khabar.bench.generate import generate_reports, words, write_corpus
from khabar.bench.realtext import khabar_script, timed
from khabar.theatres.loader import DEFAULT_THEATRE

DAY = 100_000
BUDGET_S = 3600.0


def load_average() -> tuple[float, float, float]:
    return os.getloadavg()


def project(reports: int, seconds: float, cpu_seconds: float, cores: int, day: int = DAY,
            budget_s: float = BUDGET_S) -> dict[str, float]:
    """Return the projection of a run of `reports` reports to a day of `day` reports: the wall
    hours at the measured rate, the hours with `cores` cores to itself (from CPU time), and the
    largest day that fits the budget at each rate."""
    rate, cpu_rate = reports / seconds, reports * cores / cpu_seconds
    return {"reports_per_s": rate, "day_hours": day / rate / 3600,
            "reports_per_s_cores_alone": cpu_rate, "day_hours_cores_alone": day / cpu_rate / 3600,
            "fits_budget": rate * budget_s, "fits_budget_cores_alone": cpu_rate * budget_s}


def ingest_command(folder: Path, db: Path, theatre: str, cli: bool) -> list[str]:
    """Return the command that ingests a folder with the fast pipeline: `khabar ingest` (which
    then also counts the distinct events of the batch), or the bench worker's `jobs.ingest` alone."""
    if cli:
        return [*khabar_script(), "ingest", str(folder), "--db", str(db), "--pipeline", "fast",
                "--theatre", theatre, "--quiet"]
    return [sys.executable, "-m", "khabar.bench.worker", "--theatre", theatre, "ingest", "--folder",
            str(folder), "--db", str(db), "--mode", "fast"]


def _folders(n: int, lengths: tuple[int, int], workdir: Path, theatre: str, seed: int,
             chunks: int) -> tuple[list[Path], int]:
    """Return the chunk folders of the generated reports and their words (written once: a kept
    work folder that already has them is reused)."""
    size = -(-n // chunks)
    names = [workdir / f"reports-{k}" for k in range(-(-n // size))]
    if all((f / "index.jsonl").exists() for f in names) and \
            sum(1 for f in names for _ in f.glob("*.txt")) == n:
        return names, sum(words(p.read_text(encoding="utf-8")) for f in names for p in f.glob("*.txt"))
    documents = generate_reports(n, seed, theatre, lengths)
    n_words = sum(words(d.text) for d in documents)
    folders = [write_corpus(documents[i:i + size], workdir / f"reports-{k}")
               for k, i in enumerate(range(0, n, size))]
    return folders, n_words


def run(n: int, lengths: tuple[int, int], workdir: Path, theatre: str, seed: int,
        chunks: int = 1, cli: bool = False) -> dict[str, Any]:
    """Generate, ingest (in `chunks` successive runs into the same database, each a folder of
    n/chunks reports) and measure; return the figures, each chunk's among them."""
    t0 = time.perf_counter()
    folders, n_words = _folders(n, lengths, workdir, theatre, seed, chunks)
    gen_s = time.perf_counter() - t0
    db = workdir / "day.db"
    db.unlink(missing_ok=True)
    before = load_average()
    parts: list[dict[str, Any]] = []
    for folder in folders:
        out = workdir / f"{folder.name}.out"
        wall, cpu, peak = timed(ingest_command(folder, db, theatre, cli), out)
        parts.append({"reports": len(list(folder.glob("*.txt"))), "seconds": wall, "cpu_seconds": cpu,
                      "peak_mb": peak, "db_mb": db.stat().st_size / 2**20, "load": load_average(),
                      **_refreshed(out)})
        print(f"chunk {len(parts)}/{len(folders)}: {parts[-1]}", file=sys.stderr, flush=True)
    after = load_average()
    wall, cpu = sum(p["seconds"] for p in parts), sum(p["cpu_seconds"] for p in parts)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return {"reports": n, "words": n_words, "generate_seconds": gen_s, "seconds": wall,
            "cpu_seconds": cpu, "peak_mb": max(p["peak_mb"] for p in parts),
            "db_mb": db.stat().st_size / 2**20, "load_before": before, "load_after": after,
            "cores": cores, "chunks": parts, "command": "khabar ingest" if cli else "jobs.ingest",
            **project(sum(p["reports"] for p in parts), wall, cpu, cores)}


def _refreshed(out: Path) -> dict[str, Any]:
    """Return what the worker's ingest says of its refresh of the kept district timelines (the
    seconds of its run spent on it, districts recomputed); nothing from `khabar ingest`."""
    try:
        r = json.loads(out.read_text(encoding="utf-8").strip().splitlines()[-1])
    except (OSError, ValueError, IndexError):
        return {}
    return {k: r[k] for k in ("refresh_seconds", "districts_refreshed", "records") if k in r}


def report(r: dict[str, Any]) -> str:
    lb, la = r["load_before"], r["load_after"]
    return "\n".join([
        f"{r['command']} (fast pipeline) of {r['reports']:,} generated reports "
        f"({r['words']:,} words, {r['words'] / r['reports']:.0f} a report) into SQLite in "
        f"{len(r['chunks'])} run(s): "
        f"{r['seconds']:.0f} s wall, CPU {r['cpu_seconds']:.0f} s, peak RSS {r['peak_mb']:,.0f} MB "
        f"(largest process), database {r['db_mb']:,.0f} MB",
        *([f"of it, bringing the kept district timelines up to date after each run: "
           f"{sum(p['refresh_seconds'] for p in r['chunks']):.1f} s ("
           + ", ".join(f"{p['refresh_seconds']:.1f} s for {p['districts_refreshed']} districts"
                       for p in r["chunks"]) + ")"]
          if all("refresh_seconds" in p for p in r["chunks"]) else []),
        f"load average before {lb[0]:.2f} {lb[1]:.2f} {lb[2]:.2f}, after {la[0]:.2f} {la[1]:.2f} "
        f"{la[2]:.2f} on {r['cores']} cores",
        f"{r['reports_per_s']:.1f} reports/s -> a day of {DAY:,} reports in {r['day_hours']:.2f} h "
        f"at this load; {r['reports_per_s_cores_alone']:.1f} reports/s from CPU time -> "
        f"{r['day_hours_cores_alone']:.2f} h with the {r['cores']} cores to itself",
        f"one hour holds {r['fits_budget']:,.0f} reports at this load "
        f"({r['fits_budget_cores_alone']:,.0f} with the cores to itself): beyond that a day should "
        "go to `khabar spark-extract` on more machines"])


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m khabar.bench.gdelt", description=__doc__.split("\n")[0])
    p.add_argument("--reports", type=int, default=20_000)
    p.add_argument("--words", default="450-550", help="range of words a report (default 450-550)")
    p.add_argument("--theatre", default=DEFAULT_THEATRE)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--chunks", type=int, default=1,
                   help="ingest in this many successive runs into the same database (default 1)")
    p.add_argument("--cli", action="store_true",
                   help="run `khabar ingest` (with its distinct-events summary) instead of jobs.ingest")
    p.add_argument("--keep", metavar="DIR", default=None, help="work in DIR and keep it")
    p.add_argument("--json", metavar="PATH", default=None)
    a = p.parse_args(argv)
    low, _, high = a.words.partition("-")
    lengths = (int(low), int(high or low))
    workdir = Path(a.keep) if a.keep else Path(tempfile.mkdtemp(prefix="khabar-gdelt-"))
    workdir.mkdir(parents=True, exist_ok=True)
    try:
        r = run(a.reports, lengths, workdir, a.theatre, a.seed, a.chunks, a.cli)
    finally:
        if not a.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    print(report(r))
    if a.json:
        Path(a.json).write_text(json.dumps(r, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
