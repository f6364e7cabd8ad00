"""Bench stage "assessment": as-of questions and the 100-day timeline at 100,000 and 1,000,000
stored observations (and 10,000,000 with KHABAR_BENCH_SIZES=100000,1000000,10000000: about an hour
to store and compile on 2 cores), each size stored once and timed in fresh processes.

    python -m khabar.bench.observations --db FILE --observations N [--days 120]
    python -m khabar.bench.compile_stage time --db FILE --as-of DAY --from DAY --to DAY [--runs 20]
    python -m khabar.bench.compile_stage full --db FILE --as-of DAY --from DAY --to DAY
    python -m khabar.bench.compile_stage ingest --db FILE --reports N --day DAY
    python -m khabar.bench.compile_stage resume --db FILE [--days 120]

`time` prints one JSON line: the first question after the store (`state_cache.refresh`: every
district's timeline computed, streaming one district's observations at a time), then the median of
`--runs` later questions: the counts as of a day (`counts_as_of`), every district's state
(`states_as_of`, what `khabar control --as-of` prints: the first in the process, which decodes
every district's kept row, and the median of the later ones) and the 100-day timeline; one more report
of the last day stored and the refresh after it (its districts resume from their kept tracks,
reading only their latest observations), then one of the period's second day (its districts
recomputed whole); how the answer agrees with the
generator's truth (`observations.agreement`); peak memory (getrusage maxrss). `full` times the
compile from every row (`jobs.compile_control`, `jobs.daily_counts`) and prints its counts, which
must equal the kept ones. `ingest` ingests N generated reports published on DAY (fast pipeline) and
prints the refresh `jobs.ingest` ran after storing them, per report. `resume` times a new report's
districts recomputed whole and then resumed from the tracks that kept (their bytes before and
after), without recomputing the rest of a large store.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import time
from datetime import date, timedelta
from typing import Any

SIZES: tuple[int, ...] = tuple(int(n) for n in os.environ.get("KHABAR_BENCH_SIZES", "100000,1000000").split(","))
FULL_UP_TO = 1_000_000  # the compile from every row is timed up to this size (10M: about an hour more)
TIMELINE_DAYS = 100
NEW_REPORT = 5  # observations (districts) of the report stored after the first question


def _peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _ms(fn: Any, runs: int) -> float:
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return round(statistics.median(out), 2)


def timed(db: str, as_of: date, start: date, end: date, runs: int, theatre: str, days: int, seed: int
          ) -> dict[str, Any]:
    """Time the kept answer: the first question, later ones, the timeline and a new report's."""
    from khabar.bench.observations import agreement, first_day, truth
    from khabar.compile import state_cache
    from khabar.store import connect
    from khabar.store.bulk import bulk_save
    from khabar.theatres.loader import load

    th = load(theatre)
    conn = connect(db)
    n_obs = conn.execute("SELECT count(*) FROM control_changes").fetchone()[0]
    t0 = time.perf_counter()
    recomputed = state_cache.refresh(conn, th)
    first_s = time.perf_counter() - t0
    peak_first = _peak_mb()
    counts_ms = _ms(lambda: state_cache.counts_as_of(conn, th, as_of), runs)
    t0 = time.perf_counter()  # the first in this process decodes every district's kept row
    state_cache.states_as_of(conn, th, as_of)
    states_first_ms = round((time.perf_counter() - t0) * 1000, 2)
    states_ms = _ms(lambda: state_cache.states_as_of(conn, th, as_of), runs)
    timeline_ms = _ms(lambda: state_cache.timeline(conn, th, start, end), max(3, runs // 4))
    states, counts = state_cache.compile_control(conn, th, as_of)
    agree = agreement(truth(th, days, seed), {s.district_id: s.controller for s in states}, as_of)
    last = state_cache.timeline(conn, th, start, end)[-1]
    rows = conn.execute("SELECT count(*), sum(length(state)) FROM district_states").fetchone()
    kept = conn.execute("SELECT count(*), sum(length(track)) FROM district_tracks").fetchone()
    # one more report (5 observations of another seed) of the last day: its districts resume from
    # their kept tracks; then one of the period's first days: its districts are recomputed whole
    new_report = []
    for n_day, tag in ((days - 1, "new"), (1, "old")):
        extra = _report_on(th, first_day(th) + timedelta(n_day), days, seed + 1000 + n_day, tag)
        t0 = time.perf_counter()
        bulk_save(conn, [extra])
        stored_ms = (time.perf_counter() - t0) * 1000
        t0 = time.perf_counter()
        again = state_cache.refresh(conn, th)
        done = state_cache.last_refresh
        after = state_cache.counts_as_of(conn, th, as_of)
        new_report.append({"day": n_day, "store_ms": round(stored_ms, 1),
                           "refresh_ms": round((time.perf_counter() - t0) * 1000, 1), "districts": again,
                           "resumed": done.resumed, "observations_read": done.observations})
    new_report_ms = new_report[0]["refresh_ms"]
    conn.close()
    return {"observations": n_obs, "first_seconds": round(first_s, 2), "recomputed": recomputed,
            "counts_ms": counts_ms, "states_first_ms": states_first_ms, "states_ms": states_ms, "timeline_ms": timeline_ms,
            "new_report_ms": new_report_ms, "new_report_districts": new_report[0]["districts"],
            "new_reports": new_report, "runs": runs, "db_mb": round(os.path.getsize(db) / 1e6, 1),
            "rows": rows[0], "state_mb": round((rows[1] or 0) / 1e6, 1), "tracks": kept[0],
            "tracks_mb": round((kept[1] or 0) / 1e6, 1), "peak_first_mb": peak_first,
            "peak_mb": _peak_mb(), "agreement": agree, "headline_first": counts.headline(),
            "headline": after.headline(),  # with the new report, as `full` reads the store after
            "timeline_agrees": (last.held, last.contested, last.no_reports, last.claimed)
            == (counts.held, counts.contested, counts.no_reports, counts.claimed)}


def resume(db: str, days: int, seed: int, theatre: str) -> dict[str, Any]:
    """Time resuming from a kept track without recomputing the store: the districts of a new report
    of the last day are recomputed whole first (their tracks kept again, as this code keeps them),
    then the report is stored and the refresh after it resumes them from those tracks."""
    from khabar.bench.observations import first_day
    from khabar.compile import state_cache
    from khabar.store import connect
    from khabar.store.bulk import bulk_save
    from khabar.store.dialect import begin
    from khabar.theatres.loader import load

    th = load(theatre)
    conn = connect(db)
    state_cache.refresh(conn, th)  # whatever was marked before: not timed
    report = _report_on(th, first_day(th) + timedelta(days - 1), days, seed + 2000, "resume")
    named = sorted({str(c.district_id) for c in report.control_changes})
    marks = ",".join("?" * len(named))

    def track_bytes() -> tuple[int, int]:
        r = conn.execute(f"SELECT count(*), sum(length(track)) FROM district_tracks WHERE district_id IN ({marks})",
                         named).fetchone()
        return int(r[0]), int(r[1] or 0)

    before = track_bytes()
    begin(conn)
    conn.executemany("INSERT INTO district_dirty (district_id) VALUES (?)", [(d,) for d in named])
    conn.execute("COMMIT")
    t0 = time.perf_counter()
    state_cache.refresh(conn, th)
    whole_ms = (time.perf_counter() - t0) * 1000
    whole = state_cache.last_refresh
    kept = track_bytes()
    bulk_save(conn, [report])
    t0 = time.perf_counter()
    state_cache.refresh(conn, th)
    resumed_ms = (time.perf_counter() - t0) * 1000
    again = state_cache.last_refresh
    n_obs = conn.execute("SELECT count(*) FROM control_changes").fetchone()[0]
    conn.close()
    return {"observations": n_obs, "districts": named, "tracks_before_bytes": before[1],
            "tracks_kept_bytes": kept[1], "whole_ms": round(whole_ms, 1),
            "whole_observations_read": whole.observations, "resumed_ms": round(resumed_ms, 1),
            "resumed": again.resumed, "resumed_observations_read": again.observations, "peak_mb": _peak_mb()}


def _report_on(theatre: Any, day: date, days: int, seed: int, tag: str) -> Any:
    """Return a generated report of `NEW_REPORT` observations (another seed), published on a day and
    telling every change on it."""
    from dataclasses import replace

    from khabar.bench.observations import synthetic_extractions
    from khabar.records import document_id

    ex = next(iter(synthetic_extractions(theatre, NEW_REPORT, days, per_report=NEW_REPORT, seed=seed)))
    text = f"{ex.document.text} ({tag} {seed})"  # a report of its own, not a stored one's text again
    doc = replace(ex.document, id=document_id(text), text=text, published=day, source=f"bench:obs:{tag}:{seed}")
    return replace(ex, document=doc, control_changes=tuple(
        replace(c, date=day, evidence=replace(c.evidence, document_id=doc.id)) for c in ex.control_changes))


def full(db: str, as_of: date, start: date, end: date, theatre: str) -> dict[str, Any]:
    """Time the compile from every row (as before the kept timelines): once each."""
    from khabar.compile.grading import _GRADERS
    from khabar.jobs import compile_control, daily_counts
    from khabar.store import connect
    from khabar.theatres.loader import load

    th = load(theatre)
    conn = connect(db)
    _GRADERS.clear()
    t0 = time.perf_counter()
    _, counts = compile_control(conn, th, as_of)
    compile_s = time.perf_counter() - t0
    _GRADERS.clear()
    t0 = time.perf_counter()
    daily_counts(conn, th, start, end)
    timeline_s = time.perf_counter() - t0
    return {"compile_seconds": round(compile_s, 2), "timeline_seconds": round(timeline_s, 2),
            "headline": counts.headline(), "peak_mb": _peak_mb()}


def ingest_refresh(db: str, reports: int, day: date, theatre: str, seed: int) -> dict[str, Any]:
    """Ingest generated reports published on a day (today's news, fast pipeline, one process) into
    a store and time the refresh `jobs.ingest` runs after storing them: the cost of keeping the
    timelines up to date, per report stored."""
    import tempfile
    from dataclasses import replace
    from pathlib import Path

    from khabar.bench.generate import generate_reports, write_corpus
    from khabar.compile import state_cache
    from khabar.extract.pipeline import Extractor
    from khabar.jobs import ingest
    from khabar.store import connect
    from khabar.theatres.loader import load

    th = load(theatre)
    docs = [replace(d, published=day) for d in generate_reports(reports, seed, th.name)]
    with tempfile.TemporaryDirectory() as tmp:
        folder = write_corpus(docs, Path(tmp) / "reports")
        conn = connect(db)
        extractor = Extractor(th.name, mode="fast")
        t0 = time.perf_counter()
        rep = ingest(conn, [str(folder)], extractor, processes=1)
        seconds = time.perf_counter() - t0
    done = state_cache.last_refresh
    return {"reports": rep.new, "control_changes": rep.records.get("control_changes", 0),
            "ingest_seconds": round(seconds - rep.refresh_seconds, 2),
            "refresh_seconds": round(rep.refresh_seconds, 2), "districts": rep.districts_refreshed,
            "resumed": done.resumed, "observations_read": done.observations,
            "refresh_ms_per_report": round(rep.refresh_seconds * 1000 / max(rep.new, 1), 1),
            "peak_mb": _peak_mb()}


def _row(stage: str, seconds: float, peak_mb: float, notes: str, **extra: Any) -> dict[str, Any]:
    """Return a row of the bench table (no docs or words: these stages read stored records)."""
    return {"stage": stage, "docs": None, "words": None, "seconds": round(seconds, 4),
            "docs_per_s": None, "words_per_s": None, "peak_mb": peak_mb, "notes": notes, **extra}


def run(b: Any) -> list[dict[str, Any]]:
    """The bench stage: store each size once, then time it in fresh processes."""
    from khabar.bench.observations import first_day, store_command
    from khabar.bench.runner import run_command
    from khabar.theatres.loader import DEFAULT_THEATRE, load

    a = b.args
    rows = []
    as_of = first_day(load(a.theatre or DEFAULT_THEATRE)) + timedelta(a.days - 1)
    start = as_of - timedelta(TIMELINE_DAYS - 1)
    span = ["--as-of", as_of.isoformat(), "--from", start.isoformat(), "--to", as_of.isoformat(),
            "--theatre", a.theatre]
    me = [sys.executable, "-m", "khabar.bench.compile_stage"]
    for n in SIZES:
        db = b.workdir / f"assessment-{n}.db"
        if not db.exists():
            store_s, store_peak, _ = run_command(store_command(db, n, a.days, a.seed, a.theatre), b.workdir,
                                                 f"assessment-store-{n}")
            rows.append(_row(f"store {n:,}", store_s, store_peak,
                             f"{n:,} generated observations (a true timeline per district, "
                             "khabar.bench.observations) stored with bulk_save, districts marked"))
        seconds, peak, out = run_command(
            [*me, "time", "--db", str(db), *span, "--runs", "20", "--days", str(a.days), "--seed", str(a.seed)],
            b.workdir, f"assessment-time-{n}")
        r = json.loads(out.strip().splitlines()[-1])
        g = r["agreement"]
        told = g["agree"] + g["differ"] + g["unreported"]
        truth = (f"agrees with the generated truth on {g['agree']} of {told} districts "
                 f"({g['differ_near_change']} of the {g['differ']} others changed hands within 2 days)")
        rows.append(_row(
            f"first question {n:,}", r["first_seconds"], r["peak_first_mb"],
            f"state_cache.refresh over {r['observations']:,} observations: {r['recomputed']} districts' "
            f"timelines ({r['rows']:,} rows, {r['state_mb']} MB), one district's observations at a time; each "
            f"district's track kept ({r['tracks']} tracks, {r['tracks_mb']} MB compressed); store file {r['db_mb']} MB"))
        rows.append(_row(
            f"as-of {n:,}", r["counts_ms"] / 1000, r["peak_mb"],
            f"counts as of {as_of} from the kept timelines, median of {r['runs']}: {r['counts_ms']} ms; every "
            f"district's state (khabar control): {r.get('states_first_ms', '?')} ms the first time in a process "
            f"(every kept row decoded), {r['states_ms']} ms after; {r.get('headline_first', r['headline'])}; {truth}",
            states_ms=r["states_ms"], states_first_ms=r.get("states_first_ms")))
        rows.append(_row(
            f"timeline {TIMELINE_DAYS} days {n:,}", r["timeline_ms"] / 1000, r["peak_mb"],
            f"state_cache.timeline {start} to {as_of}: {r['timeline_ms']} ms; last day "
            f"{'agrees' if r['timeline_agrees'] else 'DISAGREES (a bug)'} with the as-of counts",
            timeline_ms=r["timeline_ms"]))
        for rep, (label, what) in zip(r["new_reports"], (("last day", "of the last day"),
                                                          ("day 2", "of the period's second day")), strict=True):
            rows.append(_row(
                f"new report, {label} {n:,}", rep["refresh_ms"] / 1000, r["peak_mb"],
                f"one more report of {NEW_REPORT} observations {what} stored ({rep['store_ms']} ms), then "
                f"state_cache.refresh: {rep['districts']} districts, {rep['resumed']} resumed from their kept "
                f"track, {rep['observations_read']:,} observations read"))
        if n <= FULL_UP_TO:
            seconds, peak, out = run_command([*me, "full", "--db", str(db), *span], b.workdir,
                                             f"assessment-full-{n}")
            f = json.loads(out.strip().splitlines()[-1])
            same = "the same counts" if f["headline"] == r["headline"] else "OTHER COUNTS (a bug)"
            rows.append(_row(
                f"from every row {n:,}", f["compile_seconds"], f["peak_mb"],
                f"jobs.compile_control as of {as_of} (every row read and compiled, as before the kept "
                f"timelines; one report more than the as-of row): {f['compile_seconds']} s, "
                f"{TIMELINE_DAYS}-day timeline {f['timeline_seconds']} s; {same}"))
    return rows


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="python -m khabar.bench.compile_stage")
    sub = p.add_subparsers(dest="what", required=True)
    g = sub.add_parser("ingest")
    g.add_argument("--db", required=True)
    g.add_argument("--reports", type=int, default=100)
    g.add_argument("--day", required=True, type=date.fromisoformat)
    g.add_argument("--theatre", default=None)
    g.add_argument("--seed", type=int, default=11)
    r = sub.add_parser("resume")
    r.add_argument("--db", required=True)
    r.add_argument("--theatre", default=None)
    r.add_argument("--days", type=int, default=120)
    r.add_argument("--seed", type=int, default=7)
    for name in ("time", "full"):
        t = sub.add_parser(name)
        t.add_argument("--db", required=True)
        t.add_argument("--as-of", required=True, type=date.fromisoformat)
        t.add_argument("--from", dest="start", required=True, type=date.fromisoformat)
        t.add_argument("--to", dest="end", required=True, type=date.fromisoformat)
        t.add_argument("--theatre", default=None)
        t.add_argument("--runs", type=int, default=20)
        t.add_argument("--days", type=int, default=120)
        t.add_argument("--seed", type=int, default=7)
    a = p.parse_args(argv)
    if a.what == "ingest":
        from khabar.theatres.loader import DEFAULT_THEATRE

        print(json.dumps(ingest_refresh(a.db, a.reports, a.day, a.theatre or DEFAULT_THEATRE, a.seed)))
    elif a.what == "resume":
        from khabar.theatres.loader import DEFAULT_THEATRE

        print(json.dumps(resume(a.db, a.days, a.seed, a.theatre or DEFAULT_THEATRE)))
    elif a.what == "time":
        print(json.dumps(timed(a.db, a.as_of, a.start, a.end, a.runs, a.theatre, a.days, a.seed)))
    else:
        print(json.dumps(full(a.db, a.as_of, a.start, a.end, a.theatre)))


if __name__ == "__main__":
    main()
