"""How fast the Spark job extracts, in local mode with 1 and 2 executor cores, beside `khabar
extract`'s Extractor on the same reports.

    python -m khabar.batch.bench --docs 2000 --cores 1 2        # a table; --json for the rows
    stage("spark")(khabar.batch.bench.stage)                     # a stage of `make bench`

Each run is a fresh process (its own JVM and memory). A Spark row's seconds are the job's: from
the job's start to the last partition written (Python workers started, the pipeline loaded once
in each, reports extracted, Parquet written); the session's start (the JVM) and the driver's
reading of the reports are given apart in its notes. The extract row beside it is the bench's
`extract` worker (Extractor.extract_many with as many processes, model load not counted when
one process) over the same generated reports.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from khabar.bench.runner import row
from khabar.theatres.loader import DEFAULT_THEATRE

CORES = (1, 2)


def run_job(corpus: Path, output: Path, cores: int, pipeline: str, theatre: str) -> dict[str, Any]:
    """Run the Spark job over a folder in local[cores]; return its figures (in this process)."""
    from khabar.batch.spark import run, session

    t0 = time.perf_counter()
    spark = session(f"local[{cores}]", app="khabar bench")
    started = time.perf_counter() - t0
    try:
        rep = run([str(corpus)], output, master=f"local[{cores}]", pipeline=pipeline, theatre=theatre,
                  spark=spark)
    finally:
        spark.stop()
    return {"docs": rep.extracted, "words": rep.words, "seconds": rep.extract_seconds,
            "session_seconds": started, "read_seconds": rep.read_seconds, "partitions": rep.partitions,
            "loads": rep.pipeline_loads, "task_seconds": rep.task_seconds, "task_cpu_seconds": rep.task_cpu_seconds, "errors": len(rep.errors), "records": rep.records,
            "cores": cores, "pipeline": pipeline}


def measure(corpus: Path, workdir: Path, *, docs: int, seed: int, theatre: str = DEFAULT_THEATRE,
            cores: tuple[int, ...] = CORES, pipeline: str = "fast") -> list[dict[str, Any]]:
    """Return bench rows: for each number of cores, the Spark job in local mode over the folder
    `corpus` (the bench's generated reports, `docs` of them from `seed`) and the Extractor over
    the same reports with as many processes."""
    from khabar.bench.runner import run_command, run_worker

    rows: list[dict[str, Any]] = []
    for n in cores:
        ex = run_worker(["--theatre", theatre, "extract", "--mode", pipeline, "--docs", str(docs), "--seed",
                         str(seed), "--processes", str(n)], workdir, f"spark-beside-extract-{n}")
        wall, peak, out = run_command([sys.executable, "-m", "khabar.batch.bench", "job", "--corpus",
                                       str(corpus), "--output", str(workdir / f"spark-{n}"), "--cores",
                                       str(n), "--pipeline", pipeline, "--theatre", theatre],
                                      workdir, f"spark-{n}")
        job: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
        ex_wps = ex["words"] / ex["seconds"] if ex["seconds"] else 0.0
        wps = job["words"] / job["seconds"] if job["seconds"] else 0.0
        task_cpu = sum(job["task_cpu_seconds"])
        cpu_note = (f"the tasks' CPU {task_cpu:.1f} s for {sum(job['task_seconds']):.1f} s of task wall time, "
                    f"{job['words'] / task_cpu:,.0f} words per CPU-second; " if task_cpu else "")
        rows.append(row(f"extract {pipeline} {n} process{'es' if n > 1 else ''}", ex["docs"], ex["words"],
                         ex["seconds"], None, f"Extractor(mode={pipeline!r}).extract_many(processes={n}) "
                         f"over the same reports, beside the Spark row below; CPU {ex['cpu_seconds']:.1f} s, "
                         f"{ex['words'] / ex['cpu_seconds']:,.0f} words per CPU-second; model load "
                         f"{ex['load_seconds']:.1f} s" + (" not counted" if n == 1 else
                                                           " (and each worker's load counted)"),
                         processes=n, cpu_seconds=round(ex["cpu_seconds"], 2)))
        rows.append(row(f"spark {pipeline} local[{n}]", job["docs"], job["words"], job["seconds"], peak,
                         f"khabar spark-extract --master local[{n}]: the job ({job['partitions']} partitions, "
                         f"the pipeline loaded {job['loads']} time(s), Parquet written) "
                         f"{job['seconds']:.1f} s = {wps / ex_wps if ex_wps else 0:.2f}x the Extractor's "
                         f"words/s with {n} process(es); {cpu_note}not counted: Spark session start "
                         f"{job['session_seconds']:.1f} s, reading the reports on the driver "
                         f"{job['read_seconds']:.1f} s; whole process {wall:.1f} s; peak MB is the driver's "
                         "Python (the JVM and workers apart)",
                         cores=n, cpu_seconds=round(task_cpu, 2), session_seconds=round(job["session_seconds"], 2),
                         read_seconds=round(job["read_seconds"], 2), wall_seconds=round(wall, 2)))
    return rows




def stage(b: Any) -> list[dict[str, Any]]:
    """`make bench`'s stage: the Spark job with 1 and 2 cores beside the Extractor (khabar.bench's
    `Bench`: its generated reports' folder, --docs, --seed, --theatre). No rows, and one note,
    when pyspark or Java is missing."""
    from khabar.batch.spark import SparkUnavailable, check_available

    try:
        check_available()
    except SparkUnavailable as e:
        return [row("spark", None, None, 0.0, None, f"not run: {e}")]
    assert b.corpus is not None
    return measure(b.corpus, b.workdir, docs=b.args.docs, seed=b.args.seed, theatre=b.args.theatre)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m khabar.batch.bench",
                                description="The Spark job's words/s in local mode beside the Extractor's.")
    sub = p.add_subparsers(dest="cmd")
    j = sub.add_parser("job", help="one Spark run over a folder; prints its figures as JSON")
    j.add_argument("--corpus", required=True, type=Path)
    j.add_argument("--output", required=True, type=Path)
    j.add_argument("--cores", type=int, default=1)
    j.add_argument("--pipeline", default="fast")
    j.add_argument("--theatre", default=DEFAULT_THEATRE)
    p.add_argument("--docs", type=int, default=2000)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--cores", type=int, nargs="+", default=list(CORES))
    p.add_argument("--pipeline", default="fast")
    p.add_argument("--theatre", default=DEFAULT_THEATRE)
    p.add_argument("--json", type=Path, default=None, help="also write the rows as JSON here")
    a = p.parse_args(argv)
    if a.cmd == "job":
        print(json.dumps(run_job(a.corpus, a.output, a.cores, a.pipeline, a.theatre)))
        return 0
    from khabar.bench.generate import generate_reports, write_corpus

    with tempfile.TemporaryDirectory(prefix="khabar-spark-bench-") as tmp:
        work = Path(tmp)
        corpus = write_corpus(generate_reports(a.docs, a.seed, a.theatre), work / "reports")
        rows = measure(corpus, work, docs=a.docs, seed=a.seed, theatre=a.theatre, cores=tuple(a.cores),
                       pipeline=a.pipeline)
    for r in rows:
        print(f"{r['stage']:<28} {r['docs']:>6} docs {r['words']:>9,} words {r['seconds']:>8.1f} s "
              f"{r['words_per_s'] or 0:>9,} words/s")
        print(f"    {r['notes']}")
    if a.json:
        a.json.parent.mkdir(parents=True, exist_ok=True)
        a.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
