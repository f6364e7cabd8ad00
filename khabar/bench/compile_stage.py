"""Bench stage "assessment": a full compile and a 100-day timeline at 100,000 and 1,000,000
observations, each size stored once and timed in a fresh process.

    python -m khabar.bench.observations --db FILE --observations N [--days 120]
    python -m khabar.bench.compile_stage time --db FILE --as-of DAY --from DAY --to DAY [--runs 3]

`time` prints one JSON line: the seconds of `jobs.compile_control` (store.observations, then
grading, clustering and the state of every district) and of `jobs.daily_counts` over the range
(one sweep), each with no grade cached, median of the runs, and the counts of the last day from
both, which must agree.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from datetime import date, timedelta
from typing import Any

SIZES: tuple[int, ...] = (100_000, 1_000_000)
TIMELINE_DAYS = 100


def timed(db: str, as_of: date, start: date, end: date, runs: int, theatre: str
          ) -> dict[str, Any]:
    """Time a full compile and a timeline; return the figures and the last day's counts."""
    from khabar.compile.grading import _GRADERS
    from khabar.jobs import compile_control, daily_counts
    from khabar.store import connect
    from khabar.store.records import observations
    from khabar.theatres.loader import load

    th = load(theatre)
    conn = connect(db)
    compile_s, timeline_s, read_s = [], [], []
    counts = days = None
    for _ in range(runs):
        t0 = time.perf_counter()
        n_obs = len(observations(conn, as_of))
        read_s.append(time.perf_counter() - t0)
        _GRADERS.clear()  # each run grades from scratch: no sentence cached from the last
        t0 = time.perf_counter()
        _, counts = compile_control(conn, th, as_of)
        compile_s.append(time.perf_counter() - t0)
        _GRADERS.clear()
        t0 = time.perf_counter()
        days = daily_counts(conn, th, start, end)
        timeline_s.append(time.perf_counter() - t0)
    conn.close()
    assert counts is not None and days is not None
    last = days[-1]
    agree = (last.held, last.contested, last.no_reports, last.claimed) == (
        counts.held, counts.contested, counts.no_reports, counts.claimed)
    return {"observations": n_obs, "compile_seconds": statistics.median(compile_s),
            "timeline_seconds": statistics.median(timeline_s),
            "read_seconds": statistics.median(read_s), "runs": runs, "days": len(days),
            "agree": agree, "headline": counts.headline()}


def _row(stage: str, seconds: float, peak_mb: float, notes: str) -> dict[str, Any]:
    """Return a row of the bench table (no docs or words: these stages read stored records)."""
    return {"stage": stage, "docs": None, "words": None, "seconds": round(seconds, 4),
            "docs_per_s": None, "words_per_s": None, "peak_mb": peak_mb, "notes": notes}


def run(b: Any) -> list[dict[str, Any]]:
    """The bench stage: store each size once, then time it in a fresh process."""
    from khabar.bench.observations import first_day, store_command
    from khabar.bench.runner import run_command
    from khabar.theatres.loader import DEFAULT_THEATRE, load

    a = b.args
    rows = []
    as_of = first_day(load(a.theatre or DEFAULT_THEATRE)) + timedelta(a.days - 1)
    start = as_of - timedelta(TIMELINE_DAYS - 1)
    for n in SIZES:
        db = b.workdir / f"assessment-{n}.db"
        me = [sys.executable, "-m", "khabar.bench.compile_stage"]
        if not db.exists():
            run_command(store_command(db, n, a.days, a.seed, a.theatre), b.workdir,
                        f"assessment-store-{n}")
        runs = 1 if n >= 1_000_000 else min(a.runs, 3)
        seconds, peak, out = run_command(
            [*me, "time", "--db", str(db), "--as-of", as_of.isoformat(), "--from",
             start.isoformat(), "--to", as_of.isoformat(), "--runs", str(runs), "--theatre",
             a.theatre], b.workdir, f"assessment-time-{n}")
        r = json.loads(out.strip().splitlines()[-1])
        agree = "the timeline's last day agrees" if r["agree"] else "DISAGREE (a bug)"
        rows.append(_row(
            f"compile {n:,}", r["compile_seconds"], peak,
            f"khabar.jobs.compile_control as of {as_of} over {r['observations']:,} observations "
            f"(median of {runs}): read {r['read_seconds']:.1f} s, then grade, cluster and "
            f"state of 399 districts; {r['headline']}"))
        rows.append(_row(
            f"timeline {TIMELINE_DAYS} days {n:,}", r["timeline_seconds"], peak,
            f"khabar.jobs.daily_counts {start} to {as_of} ({r['days']} days, one sweep, median "
            f"of {runs}) over the same observations; {agree} with compile_control; peak MB is "
            "the timing process's"))
    return rows


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="python -m khabar.bench.compile_stage")
    p.add_argument("--theatre", default=None)
    sub = p.add_subparsers(dest="what", required=True)
    t = sub.add_parser("time")
    t.add_argument("--db", required=True)
    t.add_argument("--as-of", required=True, type=date.fromisoformat)
    t.add_argument("--from", dest="start", required=True, type=date.fromisoformat)
    t.add_argument("--to", dest="end", required=True, type=date.fromisoformat)
    t.add_argument("--runs", type=int, default=3)
    t.add_argument("--theatre", default=None)
    a = p.parse_args(argv)
    print(json.dumps(timed(a.db, a.as_of, a.start, a.end, a.runs, a.theatre)))


if __name__ == "__main__":
    main()
