"""`khabar spark-extract`: extraction of an archive as a PySpark job.

    report = run(["archive/"], Path("out/run"), master="local[2]", pipeline="fast")

The driver reads the inputs with khabar's own readers (`ingest.read_inputs`: folders, .txt,
.html, .json, .jsonl, feeds saved as files), one report at a time, and writes them to a
staging Parquet dataset (`_input/`, removed at the end) in files of `STAGE_ROWS` reports, so
that its memory does not grow with the archive. The staged reports are cut into partitions of
consecutive reports (`slices`: by default twice the cores, at most `DOC_PER_PARTITION` reports
each), and each Python worker extracts its partitions with one Extractor that it loads the
first time and keeps (`mapPartitions`; Spark reuses its Python workers, so a pipeline is loaded
once a worker, not once a partition). Each partition writes its records as Parquet with the
store's schema (`batch.tables`), one file a table (`<table>/part-NNNNN.parquet`, renamed into
place when whole, so a task Spark runs again replaces its own); the driver gathers counts and
error lines only. One Spark job, no shuffle. `khabar load` stores the tables.

pyspark is an optional extra (`pip install 'khabar[spark]'`) and Spark needs Java: without
either the job stops with one line saying what to install.
"""

from __future__ import annotations

import functools
import math
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from khabar.batch import tables as T
from khabar.errors import InputError, KhabarError
from khabar.records import Document
from khabar.store.spec import KINDS

STAGE_ROWS = 1_000  # reports a staging file holds
DOC_PER_PARTITION = 250  # at most this many reports a partition (more partitions balance the cores)
CHUNK = 500  # reports a row group of the output


class SparkUnavailable(KhabarError):
    """pyspark or Java is missing."""


def check_available() -> None:
    """Raise SparkUnavailable, one line naming what to install, if pyspark or Java is missing."""
    import importlib.util

    if importlib.util.find_spec("pyspark") is None:
        raise SparkUnavailable("pyspark is not installed: pip install 'khabar[spark]' "
                               "(or pip install pyspark) in khabar's environment")
    java_home = os.environ.get("JAVA_HOME")
    if java_home and (Path(java_home) / "bin" / "java").is_file():
        return
    if shutil.which("java") is None:
        raise SparkUnavailable("Spark needs Java and no `java` is on PATH: install a JRE 17 or later "
                               "(Debian: apt-get install default-jre-headless) or set JAVA_HOME")


@dataclass
class SparkReport:
    """What a run did: reports read, extracted and failed, records by kind, times and loads."""

    output: Path
    read: int = 0
    duplicates: int = 0
    extracted: int = 0
    errors: list[str] = field(default_factory=list)
    records: dict[str, int] = field(default_factory=dict)
    words: int = 0
    partitions: int = 0
    pipeline_loads: int = 0  # Extractors the workers loaded (one a Python worker)
    read_seconds: float = 0.0
    extract_seconds: float = 0.0  # the Spark job: extraction and writing, after reading
    task_seconds: list[float] = field(default_factory=list)  # each partition's, in the workers
    task_cpu_seconds: list[float] = field(default_factory=list)  # each partition's CPU time

    @property
    def words_per_second(self) -> float:
        return self.words / self.extract_seconds if self.extract_seconds else 0.0


# -- the executors' side ----------------------------------------------------------------------
_EXTRACTORS: dict[tuple[str, str], Any] = {}


@dataclass(frozen=True, slots=True)
class Slice:
    """A partition's reports: rows [start, start + count) of the staging files, in order."""

    index: int  # the partition's number: its files are part-NNNNN.parquet of each table
    files: tuple[tuple[str, int, int], ...]  # (staging file, first row, rows)


def _extractor(theatre: str, mode: str, in_force: Any) -> tuple[Any, bool]:
    """Return this worker's Extractor for a theatre and pipeline, and whether it was loaded now."""
    key = (theatre, mode)
    if key in _EXTRACTORS:
        return _EXTRACTORS[key], False
    from khabar.extract.pipeline import Extractor
    from khabar.ingest import limits
    from khabar.ingest.budget import Budgeted

    limits.configure(**{f: getattr(in_force, f) for f in in_force.__slots__})
    _EXTRACTORS[key] = Budgeted(Extractor(theatre, mode=mode))
    return _EXTRACTORS[key], True


def _slice_documents(part: Slice) -> Iterator[Document]:
    for path, start, count in part.files:
        rows = pq.read_table(path, schema=T.arrow_schema("documents")).slice(start, count).to_pylist()
        yield from (T.document(r) for r in rows)


def extract_slice(theatre: str, mode: str, in_force: Any, output: str, parts: Iterable[Slice]
                  ) -> Iterator[dict[str, Any]]:
    """Extract the reports of a partition and write its Parquet files (one a table, a row group
    per `CHUNK` reports); yield what it did: rows by table, error lines, whether it loaded the
    pipeline, seconds."""
    from khabar.extract.pipeline import ExtractionError

    for part in parts:
        t0, c0 = time.perf_counter(), time.process_time()
        extractor, loaded = _extractor(theatre, mode, in_force)
        writers = T.PartWriter(Path(output), part.index)
        errors: list[str] = []
        buf: dict[str, list[T.Row]] = {t: [] for t in T.TABLES}
        done = 0
        for ex in extractor.extract_many(_slice_documents(part), processes=1):
            if isinstance(ex, ExtractionError):
                line = f"{ex.document.source or ex.document.id}: {' '.join(ex.problem.split())}"
                errors.append(line)
                rows = T.error_rows(ex.document, line)
            else:
                rows = T.rows_of(ex)
            for t in T.TABLES:
                buf[t].extend(rows[t])
            done += 1
            if done % CHUNK == 0:
                writers.write(buf)
                buf = {t: [] for t in T.TABLES}
        writers.write(buf)
        writers.close()
        yield {"index": part.index, "counts": writers.counts, "errors": errors, "loaded": loaded,
               "seconds": time.perf_counter() - t0, "cpu_seconds": time.process_time() - c0}


# -- the driver's side ------------------------------------------------------------------------
def slices(files: list[tuple[str, int]], partitions: int) -> list[Slice]:
    """Split the staged reports (files and their row counts) into `partitions` runs of
    consecutive reports, as even as can be."""
    total = sum(n for _, n in files)
    partitions = max(1, min(partitions, total))
    bounds = [round(total * k / partitions) for k in range(partitions + 1)]
    out: list[Slice] = []
    offsets: list[tuple[str, int, int]] = []  # (file, first report's global number, rows)
    at = 0
    for path, n in files:
        offsets.append((path, at, n))
        at += n
    for k in range(partitions):
        lo, hi = bounds[k], bounds[k + 1]
        parts = tuple((path, max(lo, first) - first, min(hi, first + n) - max(lo, first))
                      for path, first, n in offsets if first < hi and first + n > lo)
        if parts:
            out.append(Slice(len(out), parts))
    return out


def session(master: str, app: str = "khabar spark-extract", conf: dict[str, str] | None = None) -> Any:
    """Return a SparkSession on a master (local[N] or a cluster's URL), quiet, with no web UI;
    its Python workers run this interpreter."""
    check_available()
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    log4j = Path(__file__).with_name("log4j2.properties")
    builder = (SparkSession.builder.master(master).appName(app)
               .config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.driver.extraJavaOptions", f"-Dlog4j2.configurationFile=file:{log4j}")
               .config("spark.python.worker.reuse", "true"))
    for k, v in (conf or {}).items():
        builder = builder.config(k, v)
    try:
        spark = builder.getOrCreate()
    except Exception as e:  # noqa: BLE001 - the JVM would not start: one line
        raise SparkUnavailable(f"Spark did not start on {master}: {' '.join(str(e).split())[:300]}") from None
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def prepare_output(output: Path) -> None:
    """Make the output folder: a new or empty one, or a run's earlier output (replaced)."""
    if output.exists():
        if not output.is_dir():
            raise InputError(f"{output}: not a folder; --output takes a folder")
        entries = [p for p in output.iterdir()]
        if entries and not (output / T.MANIFEST).exists() and not (output / "_input").exists():
            raise InputError(f"{output}: a folder with other files in it; give a new or empty folder")
        for p in entries:
            if p.is_dir():
                shutil.rmtree(p)
            else:
                p.unlink()
    output.mkdir(parents=True, exist_ok=True)


def stage_inputs(inputs: Iterable[str], folder: Path, *, published: date | None = None,
                 outlet: str | None = None, on_error: Callable[[str], None] | None = None,
                 report: SparkReport) -> list[tuple[str, int]]:
    """Read the inputs with khabar's readers and write them to a staging Parquet dataset; return
    its files and their reports (a report read twice is staged once, as `khabar ingest` stores
    it once)."""
    from khabar.ingest import read_inputs

    folder.mkdir(parents=True, exist_ok=True)
    schema = T.arrow_schema("documents")
    seen: set[str] = set()
    buf: list[T.Row] = []
    files: list[tuple[str, int]] = []

    def flush() -> None:
        if buf:
            path = folder / f"part-{len(files):05d}.parquet"
            pq.write_table(pa.Table.from_pylist(T.as_dicts("documents", buf), schema=schema), path)
            files.append((str(path.resolve()), len(buf)))
            buf.clear()

    for item in read_inputs(inputs, published=published, outlet=outlet):
        if isinstance(item, InputError):
            report.errors.append(str(item))
            if on_error:
                on_error(str(item))
            continue
        if item.id in seen:
            report.duplicates += 1
            continue
        seen.add(item.id)
        report.words += len(item.text.split())
        buf.append(T.document_row(item))
        if len(buf) >= STAGE_ROWS:
            flush()
    flush()
    report.read = len(seen)
    return files


def run(inputs: Iterable[str], output: Path, *, master: str = "local[*]", pipeline: str = "standard",
        theatre: str | None = None, published: date | None = None, outlet: str | None = None,
        partitions: int | None = None, on_error: Callable[[str], None] | None = None,
        spark: Any = None) -> SparkReport:
    """Extract the reports of the inputs on Spark and write their records to `output` as Parquet
    (see `batch.tables`); return what was done. Errors (an input not read, a report not
    extracted) are lines of the report, and `on_error` is called with each; the rest go on.

    `output` must be a folder the driver and every executor see (local mode: any; a cluster: a
    shared file system)."""
    from khabar.extract.pipeline import MODES
    from khabar.ingest import limits
    from khabar.store.meta import theatre_key
    from khabar.theatres.loader import DEFAULT_THEATRE, load

    if pipeline not in MODES:
        raise InputError(f"unknown pipeline {pipeline!r}; use one of {', '.join(MODES)}")
    check_available()
    theatre_name = theatre or DEFAULT_THEATRE
    th = load(theatre_name)
    output = Path(output).resolve()
    prepare_output(output)
    rep = SparkReport(output)
    t0 = time.perf_counter()
    staging = output / "_input"
    files = stage_inputs(inputs, staging, published=published, outlet=outlet, on_error=on_error, report=rep)
    rep.read_seconds = time.perf_counter() - t0
    own = spark is None
    if own:
        spark = session(master)
    try:
        t1 = time.perf_counter()
        sc = spark.sparkContext
        n = rep.read
        wanted = partitions or max(2 * sc.defaultParallelism, math.ceil(n / DOC_PER_PARTITION))
        parts = slices(files, wanted) if n else []
        rep.partitions = len(parts)
        done: list[dict[str, Any]] = []
        if parts:
            work = functools.partial(extract_slice, theatre_key(th), pipeline, limits.current(), str(output))
            done = sc.parallelize(parts, len(parts)).mapPartitions(work).collect()
        rep.extract_seconds = time.perf_counter() - t1
    finally:
        if own:
            spark.stop()
    counts = {t: sum(d["counts"][t] for d in done) for t in T.TABLES}
    rep.pipeline_loads = sum(bool(d["loaded"]) for d in done)
    rep.task_seconds = [d["seconds"] for d in sorted(done, key=lambda d: d["index"])]
    rep.task_cpu_seconds = [d["cpu_seconds"] for d in sorted(done, key=lambda d: d["index"])]
    rep.extracted = counts["documents"]
    rep.records = {k: counts[k] for k in KINDS}
    for d in sorted(done, key=lambda d: d["index"]):
        for line in d["errors"]:
            rep.errors.append(line)
            if on_error:
                on_error(line)
    shutil.rmtree(staging, ignore_errors=True)
    T.write_manifest(output, theatre=theatre_key(th), pipeline=pipeline, master=master,
                     reports=rep.extracted, errors=counts["errors"], records=rep.records,
                     partitions=rep.partitions)
    return rep
