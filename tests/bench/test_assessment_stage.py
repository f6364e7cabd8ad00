"""The bench's assessment stage over a small generated store: the kept answer's first question, later
questions, timeline and a new report's recompute, checked against the generator's truth and the
compile from every row."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from khabar.bench import compile_stage
from khabar.bench.observations import first_day, store_synthetic, truth
from khabar.theatres.loader import load


def test_the_assessment_stage_times_the_kept_answer_and_it_equals_every_row(tmp_path: Path) -> None:
    theatre = load()
    db = str(tmp_path / "a.db")
    store_synthetic(db, 4000, 30, 7, theatre)
    as_of = first_day(theatre) + timedelta(29)
    start = as_of - timedelta(20)
    r = compile_stage.timed(db, as_of, start, as_of, 3, "afghanistan_2021", 30, 7)
    assert r["observations"] == 4000 and r["recomputed"] == len(theatre.districts)
    assert r["timeline_agrees"] and r["rows"] > 0 and r["peak_mb"] > 0
    assert 0 < r["new_report_districts"] <= compile_stage.NEW_REPORT  # only the new report's districts
    last, early = r["new_reports"]  # of the last day: resumed from the kept tracks; of day 2: whole
    assert last["resumed"] == last["districts"] > 0 and early["resumed"] == 0 < early["districts"]
    assert r["tracks"] == len(theatre.districts) and r["db_mb"] > 0
    g = r["agreement"]
    assert g["agree"] + g["differ"] + g["unreported"] == len(theatre.districts) and g["agree"] >= 0.9 * len(theatre.districts)
    f = compile_stage.full(db, as_of, start, as_of, "afghanistan_2021")
    assert f["headline"] == r["headline"]  # the store with the new report, from every row


def test_the_truth_does_not_depend_on_how_many_observations_are_told() -> None:
    theatre = load()
    t = truth(theatre, 120, 7)
    assert t == truth(theatre, 120, 7) and t != truth(theatre, 120, 8)
    day = date(2021, 8, 1)
    changed = [did for did, ch in t.changes.items() if ch]
    assert 0.5 * len(theatre.districts) < len(changed) < len(theatre.districts)  # most change hands, not all
    for did in changed[:20]:  # holders alternate, at least 8 days apart
        ch = t.changes[did]
        assert all(b[0] - a[0] >= 8 and b[1] != a[1] for a, b in zip(ch, ch[1:], strict=False))
        assert t.holder(did, ch[0][0]) == ch[0][1] and t.holder(did, ch[0][0] - 1) == t.before[did]
    assert {t.holder(did, day) for did in theatre.districts} == {"taliban", "government"}


def test_an_ingest_of_todays_reports_keeps_the_answer_up_to_date(tmp_path: Path) -> None:
    """`compile_stage ingest`: generated reports of the last day, ingested with the fast pipeline,
    are refreshed by the ingest itself (the next question recomputes nothing) and the kept answer
    equals the one from every row."""
    from khabar import jobs
    from khabar.compile import state_cache
    from khabar.store import connect

    theatre = load()
    db = str(tmp_path / "i.db")
    store_synthetic(db, 3000, 30, 7, theatre)
    conn = connect(db)
    state_cache.refresh(conn, theatre)
    day = first_day(theatre) + timedelta(29)
    r = compile_stage.ingest_refresh(db, 8, day, "afghanistan_2021", 11)
    assert r["reports"] == 8 and r["control_changes"] > 0
    assert 0 < r["districts"] and r["resumed"] <= r["districts"] and r["refresh_seconds"] >= 0
    assert state_cache.refresh(conn, theatre) == 0
    fast, fast_counts = state_cache.compile_control(conn, theatre, day)
    full, full_counts = jobs.compile_control(conn, theatre, day)
    assert fast_counts == full_counts and [s.controller for s in fast] == [s.controller for s in full]


def test_resume_times_a_report_s_districts_resumed_from_the_tracks_this_code_keeps(tmp_path: Path) -> None:
    """`compile_stage resume`: the report's districts recomputed whole (their tracks kept again),
    then resumed from them after the report is stored, reading only the observations since; the
    answer after it equals the one from every row."""
    from khabar import jobs
    from khabar.compile import state_cache
    from khabar.store import connect

    theatre = load()
    db = str(tmp_path / "r.db")
    store_synthetic(db, 8000, 60, 7, theatre)
    r = compile_stage.resume(db, 60, 7, theatre.name)
    assert r["observations"] == 8000 + len(r["districts"]) and len(r["districts"]) == compile_stage.NEW_REPORT
    assert r["resumed"] == len(r["districts"]) and r["tracks_kept_bytes"] > 0
    assert 0 < r["resumed_observations_read"] < r["whole_observations_read"] / 2
    conn = connect(db)
    day = first_day(theatre) + timedelta(59)
    assert state_cache.compile_control(conn, theatre, day)[1] == jobs.compile_control(conn, theatre, day)[1]
