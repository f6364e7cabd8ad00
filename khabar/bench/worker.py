"""One bench stage in a fresh process; prints one JSON line with its figures and peak memory.

    python -m khabar.bench.worker extract --mode fast --docs 2000 [--limit 500] [--processes 2]
    python -m khabar.bench.worker baseline --docs 2000 [--limit 500] [--processes 2]
    python -m khabar.bench.worker ingest --folder DIR --db FILE [--mode standard] [--processes 2]
    python -m khabar.bench.worker store --db FILE --observations 100000 [--method bulk|each]
    python -m khabar.bench.worker compile --db FILE --as-of 2021-08-28 [--runs 5]

Peak memory is this process's `ru_maxrss` at the end, so each stage is measured alone; with
worker processes, it is this process's peak plus, for each worker, the peak of the largest one
(an upper bound: pages the forked workers share with this process are counted again).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
from datetime import date
from typing import Any

from khabar.theatres.loader import DEFAULT_THEATRE


def peak_mb() -> float:
    """Return this process's peak resident memory in MB (Linux reports ru_maxrss in KB)."""
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(kb / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def workers_peak_mb(processes: int) -> float:
    """Return `processes` times the peak resident memory of the largest ended child, in MB."""
    kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(processes * kb / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def cpu_seconds() -> float:
    """Return the CPU time (user + system) of this process and its ended children."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def run_extract(mode: str, docs: int, seed: int, limit: int | None, theatre: str,
                processes: int) -> dict[str, Any]:
    """Extract generated reports with one pipeline in worker processes; time the loop, not
    the model load."""
    from khabar.bench.generate import generate_reports, words
    from khabar.extract.pipeline import Extractor

    documents = generate_reports(docs, seed, theatre)[:limit]
    t0 = time.perf_counter()
    extractor = Extractor(theatre, mode=mode)
    extractor.extract(documents[0])  # first call builds lazy state; its time counts as load
    load_s = time.perf_counter() - t0
    counts = dict.fromkeys(("control_changes", "events", "claims", "quotes", "assessments"), 0)
    errors = 0
    c1, t1 = cpu_seconds(), time.perf_counter()
    for ex in extractor.extract_many(documents, processes=processes):
        if isinstance(ex, Exception):
            errors += 1
            continue
        for kind in counts:
            counts[kind] += len(getattr(ex, kind))
    seconds, cpu = time.perf_counter() - t1, cpu_seconds() - c1
    return {"docs": len(documents), "words": sum(words(d.text) for d in documents),
            "seconds": seconds, "cpu_seconds": cpu, "load_seconds": load_s, "records": counts,
            "errors": errors,
            "processes": processes, "workers_peak_mb": workers_peak_mb(processes),
            "pipeline": f"{extractor.name} {extractor.version}"}


def run_baseline(docs: int, seed: int, limit: int | None, processes: int,
                 batch_size: int, theatre: str = DEFAULT_THEATRE) -> dict[str, Any]:
    """Run the plain `en_core_web_sm` pipeline (`nlp.pipe`) over the same generated reports."""
    import spacy

    from khabar.bench.generate import generate_reports, words
    from khabar.extract.nlp import model_version, statistical_model_name

    documents = generate_reports(docs, seed, theatre)[:limit]
    t0 = time.perf_counter()
    nlp = spacy.load(statistical_model_name())
    nlp(documents[0].text)
    load_s = time.perf_counter() - t0
    c1, t1 = cpu_seconds(), time.perf_counter()
    n_tokens = sum(len(d) for d in nlp.pipe((d.text for d in documents), n_process=processes,
                                            batch_size=batch_size))
    seconds, cpu = time.perf_counter() - t1, cpu_seconds() - c1
    return {"docs": len(documents), "words": sum(words(d.text) for d in documents),
            "tokens": n_tokens, "seconds": seconds, "cpu_seconds": cpu, "load_seconds": load_s,
            "processes": processes, "batch_size": batch_size, "pipes": nlp.pipe_names,
            "workers_peak_mb": workers_peak_mb(processes) if processes > 1 else 0.0,
            "pipeline": model_version()}


def run_ingest(folder: str, db: str, mode: str, theatre: str, processes: int) -> dict[str, Any]:
    """Ingest a folder of .txt reports with `khabar.jobs.ingest`, one transaction per report."""
    from khabar.bench.generate import words
    from khabar.extract.pipeline import Extractor
    from khabar.jobs import ingest
    from khabar.records import Document
    from khabar.store import connect

    conn = connect(db)
    t0 = time.perf_counter()
    extractor = Extractor(theatre, mode=mode)
    load_s = time.perf_counter() - t0
    n_words = 0

    def count_words(item: object) -> None:
        nonlocal n_words
        if isinstance(item, Document):
            n_words += words(item.text)

    c1, t1 = cpu_seconds(), time.perf_counter()
    rep = ingest(conn, [folder], extractor, on_document=count_words, processes=processes)
    seconds, cpu = time.perf_counter() - t1, cpu_seconds() - c1
    conn.close()
    return {"docs": rep.new, "known": rep.known, "errors": len(rep.errors), "words": n_words,
            "seconds": seconds, "cpu_seconds": cpu, "load_seconds": load_s, "records": rep.records,
            "processes": processes, "workers_peak_mb": workers_peak_mb(processes),
            "pipeline": f"{extractor.name} {extractor.version}",
            # of `seconds`: bringing the kept district timelines up to date after storing
            "refresh_seconds": rep.refresh_seconds, "districts_refreshed": rep.districts_refreshed}


def run_store(db: str, observations: int, days: int, method: str, seed: int,
              theatre: str) -> dict[str, Any]:
    """Store synthetic control changes: `bulk_save` in one transaction, or `save_extraction` each."""
    from khabar.bench.observations import synthetic_extractions
    from khabar.store import connect
    from khabar.store.bulk import bulk_save
    from khabar.store.records import save_extraction
    from khabar.theatres.loader import load

    extractions = list(synthetic_extractions(load(theatre), observations, days, seed=seed))
    conn = connect(db)
    t0 = time.perf_counter()
    if method == "bulk":
        new = bulk_save(conn, extractions)
    else:
        new = sum(save_extraction(conn, ex) for ex in extractions)
    seconds = time.perf_counter() - t0
    conn.close()
    return {"docs": new, "observations": sum(len(ex.control_changes) for ex in extractions),
            "seconds": seconds}


def run_compile(db: str, as_of: date, runs: int, theatre: str) -> dict[str, Any]:
    """Time `compile_control` (median of runs), and its two parts: reading and compiling."""
    from khabar.compile.control_as_of import control_as_of
    from khabar.jobs import compile_control
    from khabar.store import connect
    from khabar.store.records import observations
    from khabar.theatres.loader import load

    th = load(theatre)
    conn = connect(db)
    times, read_s, compile_s = [], [], []
    counts = None
    n_obs = 0
    for _ in range(runs):
        t0 = time.perf_counter()
        _, counts = compile_control(conn, th, as_of)
        times.append(time.perf_counter() - t0)
    for _ in range(runs):
        t0 = time.perf_counter()
        obs = observations(conn, as_of)
        t1 = time.perf_counter()
        control_as_of(th.districts, obs, as_of)
        read_s.append(t1 - t0)
        compile_s.append(time.perf_counter() - t1)
        n_obs = len(obs)
    conn.close()
    return {"seconds": statistics.median(times), "runs": times, "observations": n_obs,
            "read_seconds": statistics.median(read_s),
            "compile_seconds": statistics.median(compile_s),
            "counts": counts.to_dict() if counts else None}


def main(argv: list[str] | None = None) -> None:
    from khabar.extract.pipeline import default_processes

    p = argparse.ArgumentParser(prog="python -m khabar.bench.worker")
    p.add_argument("--theatre", default=DEFAULT_THEATRE)
    sub = p.add_subparsers(dest="stage", required=True)
    for name in ("extract", "baseline"):
        e = sub.add_parser(name)
        e.add_argument("--mode", default="standard")
        e.add_argument("--docs", type=int, default=2000)
        e.add_argument("--seed", type=int, default=7)
        e.add_argument("--limit", type=int, default=None)
        e.add_argument("--processes", type=int, default=default_processes())
        e.add_argument("--batch-size", type=int, default=16)
    i = sub.add_parser("ingest")
    i.add_argument("--folder", required=True)
    i.add_argument("--db", required=True)
    i.add_argument("--mode", default="standard")
    i.add_argument("--processes", type=int, default=default_processes())
    s = sub.add_parser("store")
    s.add_argument("--db", required=True)
    s.add_argument("--observations", type=int, default=100_000)
    s.add_argument("--days", type=int, default=120)
    s.add_argument("--method", choices=("bulk", "each"), default="bulk")
    s.add_argument("--seed", type=int, default=7)
    c = sub.add_parser("compile")
    c.add_argument("--db", required=True)
    c.add_argument("--as-of", required=True, type=date.fromisoformat)
    c.add_argument("--runs", type=int, default=5)
    a = p.parse_args(argv)
    if a.stage == "extract":
        out = run_extract(a.mode, a.docs, a.seed, a.limit, a.theatre, a.processes)
    elif a.stage == "baseline":
        out = run_baseline(a.docs, a.seed, a.limit, a.processes, a.batch_size, a.theatre)
    elif a.stage == "ingest":
        out = run_ingest(a.folder, a.db, a.mode, a.theatre, a.processes)
    elif a.stage == "store":
        out = run_store(a.db, a.observations, a.days, a.method, a.seed, a.theatre)
    else:
        out = run_compile(a.db, a.as_of, a.runs, a.theatre)
    out["self_peak_mb"] = peak_mb()
    out["peak_mb"] = round(out["self_peak_mb"] + out.get("workers_peak_mb", 0.0), 1)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
