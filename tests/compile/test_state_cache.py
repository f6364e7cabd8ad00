"""The kept district timelines (`compile.state_cache`) answer as every row does: `khabar control
--as-of` and the timeline from the store's `district_states` equal `control_as_of` over all the
observations, on the samples and on generated data, after a review, a baseline and a new report
(each recomputing only the districts it touches). And the bench's generated observations compile
to their own truth at two scales (issue 15: an answer that changed with scale)."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from khabar import jobs
from khabar.bench.observations import agreement, first_day, store_synthetic, synthetic_extractions, truth
from khabar.cli.assess_format import state_dict
from khabar.compile import state_cache
from khabar.compile.baseline import read_baseline, save_baseline
from khabar.compile.control_as_of import Counts, Track, order_key
from khabar.compile.grading import Grader
from khabar.compile.sides import Sides
from khabar.extract.pipeline import Extractor
from khabar.records import Extraction, Observation
from khabar.store import connect
from khabar.store import records as store
from khabar.store.bulk import bulk_save
from khabar.store.overrides import save_override
from khabar.theatres.loader import Theatre, load

SAMPLES = Path(__file__).parents[1] / "samples"
BASELINE = Path(__file__).parents[2] / "examples" / "baseline-afghanistan-2021-07-10.example.csv"
LATE = "district_retaken"  # held back: ingested last, as a new report
DAYS = [date(2021, 6, 1), date(2021, 6, 22), date(2021, 7, 4), date(2021, 7, 10), date(2021, 7, 16),
        date(2021, 7, 31), date(2021, 8, 20)]


def assert_same(conn: sqlite3.Connection, theatre: Theatre, days: Sequence[date]) -> None:
    """The kept answer equals the one computed from every row, state by state, on each day, and
    the timeline over the days equals the sweep over every row."""
    for day in days:
        fast, fast_counts = state_cache.compile_control(conn, theatre, day)
        full, full_counts = jobs.compile_control(conn, theatre, day)
        assert [state_dict(s) for s in fast] == [state_dict(s) for s in full], day
        assert [s.observation for s in fast] == [s.observation for s in full], day
        assert fast_counts == full_counts, day
        assert state_cache.counts_as_of(conn, theatre, day) == full_counts, day
    first, last = min(days), max(days)
    assert (_ordered(state_cache.timeline(conn, theatre, first, last))
            == _ordered(jobs.daily_counts(conn, theatre, first, last)))


def _ordered(days: list[Counts]) -> list[Counts]:
    """The counts with their held-as-of parties in one order (the sweeps meet them in different ones)."""
    return [replace(c, held_as_of=tuple(sorted(c.held_as_of))) for c in days]


def samples_store(url: str, tmp: Path) -> tuple[sqlite3.Connection, Theatre, Path]:
    """Ingest every sample report but one (returned, to ingest later) into a store."""
    folder = tmp / "reports"
    folder.mkdir()
    for p in SAMPLES.glob("*.txt"):
        if p.stem != LATE:
            shutil.copy(p, folder)
    shutil.copy(SAMPLES / "index.jsonl", folder)
    conn = connect(url)
    theatre = load()
    rep = jobs.ingest(conn, [str(folder)], Extractor(mode="fast"), processes=1)
    assert rep.errors == [] and rep.new > 20
    # the ingest brought the kept timelines up to date: every district (a new store's are all
    # marked), and the first question recomputes nothing
    assert rep.districts_refreshed == len(theatre.districts)
    assert state_cache.refresh(conn, theatre) == 0
    late = tmp / "late"
    late.mkdir()
    shutil.copy(SAMPLES / f"{LATE}.txt", late)
    shutil.copy(SAMPLES / "index.jsonl", late)  # its publication day
    return conn, theatre, late


def check_reviews_baselines_and_new_reports(url: str, tmp: Path) -> None:
    """The samples: equal before and after a review, a claim's review, a baseline and a new report,
    each applied at the next question and recomputing only what it touches."""
    conn, theatre, late = samples_store(url, tmp)
    state_cache.mark_all(conn)
    assert state_cache.refresh(conn, theatre) == len(theatre.districts)  # all marked: all recomputed
    assert state_cache.refresh(conn, theatre) == 0  # nothing stored since: nothing recomputed
    assert_same(conn, theatre, DAYS)

    # an analyst moves a capture to a later day: its district only, answered at once
    obs = sorted(store.observations(conn), key=lambda o: o.record_id)
    obs = [o for o in obs if o.district_id in theatre.districts]
    order = list(theatre.districts)
    taken = next(o for o in obs if o.controller != "government" and o.date is not None)
    later = taken.effective + timedelta(days=9)
    save_override(conn, "control_changes", taken.record_id, "correct", "fell later", {"date": later.isoformat()})
    before, _ = jobs.compile_control(conn, theatre, taken.effective)
    fast, _ = state_cache.compile_control(conn, theatre, taken.effective)
    at = order.index(str(taken.district_id))
    assert state_dict(fast[at]) == state_dict(before[at])
    assert state_cache.refresh(conn, theatre) == 0  # the question above recomputed it
    assert_same(conn, theatre, [*DAYS, later])

    # a rejected record: gone from the kept answer too
    other = next(o for o in obs if o.district_id != taken.district_id and o.controller != "government")
    save_override(conn, "control_changes", other.record_id, "reject", "not a capture")
    assert state_cache.refresh(conn, theatre) == 1
    assert_same(conn, theatre, DAYS)

    # a review of a claim that is no assertion (a denial's districts are recomputed)
    claims = [c for c in store.records_of(conn, "claims") if c["stance"] != "asserts"]
    assert claims, "the samples hold a denial"
    save_override(conn, "claims", claims[0]["id"], "reject", "not a denial")
    assert state_cache.refresh(conn, theatre) < len(theatre.districts)
    assert_same(conn, theatre, DAYS)

    # a baseline: its districts, as of its day
    parsed = read_baseline(BASELINE, theatre)
    save_baseline(conn, theatre, "lwj", "Long War Journal", date(2021, 7, 10), "B2", parsed.entries)
    assert state_cache.refresh(conn, theatre) == len({e.district_id for e in parsed.entries})
    assert_same(conn, theatre, DAYS)

    # a new report: the ingest recomputes the districts it names, the question after it none
    rep = jobs.ingest(conn, [str(late)], Extractor(mode="fast"), processes=1)
    assert rep.new == 1
    named = {o.district_id for o in store.observations(conn, document_ids=rep.documents)}
    assert named and rep.districts_refreshed == len(named)
    assert state_cache.refresh(conn, theatre) == 0
    assert_same(conn, theatre, DAYS)


def test_kept_answer_equals_every_row_on_the_samples(tmp_path: Path) -> None:
    check_reviews_baselines_and_new_reports(str(tmp_path / "k.db"), tmp_path)


def check_generated(url: str) -> None:
    """Generated observations: equal on every day asked, then again after more are stored."""
    theatre = load()
    store_synthetic(url, 6000, 30, 3, theatre)
    conn = connect(url)
    day0 = first_day(theatre)
    days = [day0 + timedelta(d) for d in (0, 7, 15, 29)]
    assert_same(conn, theatre, days)
    conn.close()
    store_synthetic(url, 1500, 30, 4, theatre, fresh=False)  # another seed: reports that disagree
    conn = connect(url)
    assert state_cache.refresh(conn, theatre) > 0
    assert_same(conn, theatre, days)


def test_kept_answer_equals_every_row_on_generated_data(tmp_path: Path) -> None:
    check_generated(str(tmp_path / "g.db"))


def test_an_ingest_without_refresh_leaves_its_districts_to_the_next_question(tmp_path: Path) -> None:
    """`refresh_states=False` stores and marks only: the next question recomputes exactly the
    districts the report names, and answers as every row does; the store's mark per stored row
    (thousands after a bulk load) is read as its districts."""
    conn, theatre, late = samples_store(str(tmp_path / "n.db"), tmp_path)
    rep = jobs.ingest(conn, [str(late)], Extractor(mode="fast"), processes=1, refresh_states=False)
    named = {o.district_id for o in store.observations(conn, document_ids=rep.documents)}
    assert rep.new == 1 and rep.districts_refreshed == 0
    marks = conn.execute("SELECT count(*) FROM district_dirty").fetchone()[0]
    assert marks >= len(named) > 0
    assert state_cache.refresh(conn, theatre) == len(named)
    assert conn.execute("SELECT count(*) FROM district_dirty").fetchone()[0] == 0
    assert_same(conn, theatre, DAYS)


def test_a_refresh_in_many_transactions_answers_as_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Recomputing every district with a commit after each (no time budget) keeps the same rows as
    one transaction, and a refresh that fails half-way keeps its marks for the next question."""
    conn, theatre, _ = samples_store(str(tmp_path / "t.db"), tmp_path)
    one = conn.execute("SELECT * FROM district_states ORDER BY district_id, day").fetchall()
    state_cache.mark_all(conn)
    assert state_cache.refresh(conn, theatre, budget_s=0.0) == len(theatre.districts)
    assert conn.execute("SELECT * FROM district_states ORDER BY district_id, day").fetchall() == one

    state_cache.mark_all(conn)
    calls = 0
    real = state_cache._replay

    def failing(*args: object, **kw: object) -> object:
        nonlocal calls
        calls += 1
        if calls == 50:
            raise RuntimeError("killed")
        return real(*args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(state_cache, "_replay", failing)
    with pytest.raises(RuntimeError, match="killed"):
        state_cache.refresh(conn, theatre, budget_s=0.0)
    monkeypatch.setattr(state_cache, "_replay", real)
    assert not conn.in_transaction
    assert state_cache.refresh(conn, theatre) == len(theatre.districts)  # the marks were kept
    assert conn.execute("SELECT * FROM district_states ORDER BY district_id, day").fetchall() == one


def _late_reports(theatre: Theatre, day: date, seed: int, n: int) -> list[Extraction]:
    """Generated reports (another seed) whose every change is told on `day`, published that day."""
    out = []
    for ex in synthetic_extractions(theatre, n, 30, per_report=n // 2, seed=seed):
        doc = replace(ex.document, published=day, source=f"{ex.document.source}:late{seed}:{day}")
        out.append(replace(ex, document=doc, control_changes=tuple(
            replace(c, date=day) for c in ex.control_changes)))
    return out


def test_a_report_of_recent_days_resumes_its_districts_from_their_kept_track(tmp_path: Path) -> None:
    check_resume(str(tmp_path / "r.db"))


def check_resume(url: str) -> None:
    """After a refresh each district keeps its track as of KEEP_DAYS before its latest report; a
    report of a later day resumes the districts it names from there (only the observations since
    are read), one of an earlier day recomputes them whole, and either answers as every row does."""
    theatre = load()
    store_synthetic(url, 6000, 30, 3, theatre)
    conn = connect(url)
    day0 = first_day(theatre)
    days = [day0 + timedelta(d) for d in (0, 12, 20, 27, 29, 31)]
    assert state_cache.refresh(conn, theatre) == len(theatre.districts)
    assert state_cache.last_refresh.resumed == 0 and state_cache.last_refresh.observations == 6000
    kept = conn.execute("SELECT count(*), max(day) FROM district_tracks").fetchone()
    assert kept[0] == len(theatre.districts)
    assert kept[1] >= (day0 + timedelta(29 - state_cache.KEEP_DAYS)).isoformat()

    late = _late_reports(theatre, day0 + timedelta(29), 11, 40)  # the last day of the period
    bulk_save(conn, late)
    named = {c.district_id for ex in late for c in ex.control_changes}
    assert state_cache.refresh(conn, theatre) == len(named)
    assert state_cache.last_refresh.resumed == len(named)
    assert state_cache.last_refresh.observations < 6000 * len(named) / len(theatre.districts)
    assert_same(conn, theatre, days)

    later = _late_reports(theatre, day0 + timedelta(31), 12, 40)  # after it: resumed again
    bulk_save(conn, later)
    assert state_cache.refresh(conn, theatre) == state_cache.last_refresh.resumed > 0
    assert_same(conn, theatre, days)

    early = _late_reports(theatre, day0 + timedelta(3), 13, 40)  # before the kept day: whole
    bulk_save(conn, early)
    assert state_cache.refresh(conn, theatre) > 0 and state_cache.last_refresh.resumed == 0
    assert_same(conn, theatre, days)


def test_a_kept_track_loads_as_it_was_dumped(tmp_path: Path) -> None:
    """dump_track/load_track keep every event, its sources and the state's references to them: a
    track taken up again answers each later report as the track that never stopped."""
    theatre = load()
    obs = sorted((o for o in _synthetic_observations(theatre, 3000)), key=order_key)
    grader = Grader.for_theatre(theatre)
    sides = Sides.of(theatre)
    by: dict[str, list[Observation]] = {}
    for o in obs:
        by.setdefault(str(o.district_id), []).append(o)
    for did, mine in list(by.items())[:25]:
        whole = Track(did, sides=sides)
        half = len(mine) // 2
        for o in mine[:half]:
            whole.add(grader.grade(o))
        again = state_cache.load_track(did, state_cache.dump_track(whole), sides)
        assert again.key == whole.key
        for o in mine[half:]:
            whole.add(grader.grade(o))
            again.add(grader.grade(o))
            assert again.key == whole.key
        d = theatre.districts[did]
        assert state_cache.encode(again.state(d)) == state_cache.encode(whole.state(d))


def _synthetic_observations(theatre: Theatre, n: int) -> list[Observation]:
    out = []
    for ex in synthetic_extractions(theatre, n, 30, seed=5):
        doc = ex.document
        for i, c in enumerate(ex.control_changes):
            effective = c.date or doc.published
            assert effective is not None  # the generator dates every change
            out.append(Observation(f"{doc.id}-{i}", doc.id, c.district_id, c.district, c.province, c.controller,
                                   c.date, effective, c.evidence.text, doc.published, doc.outlet,
                                   trigger=c.trigger, start=c.evidence.start, kind=c.kind,
                                   acting_party=c.acting_party, speaker=c.speaker,
                                   speaker_party=c.speaker_party, hedged=c.hedged))
    return out


def test_generated_observations_compile_to_their_truth_at_two_scales(tmp_path: Path) -> None:
    """The same seed gives the same truth at 16,000 and 48,000 observations; the compiled answer
    agrees with it on all but the districts that changed hands within two days (misdated reports)
    and a handful more (2%), and the two scales agree with each other."""
    theatre = load()
    days = 40
    t = truth(theatre, days, 7)
    answers = {}
    for n in (16000, 48000):
        db = str(tmp_path / f"s{n}.db")
        store_synthetic(db, n, days, 7, theatre)
        conn = connect(db)
        for off in (13, days - 1):
            day = first_day(theatre) + timedelta(off)
            states, _ = state_cache.compile_control(conn, theatre, day)
            got = {s.district_id: s.controller for s in states}
            a = agreement(t, got, day)
            assert a["unreported"] == 0, (n, day, a)
            assert a["agree"] >= 0.9 * len(theatre.districts), (n, day, a)
            assert a["differ"] - a["differ_near_change"] <= 0.02 * len(theatre.districts), (n, day, a)
            answers[n, off] = got
    for off in (13, days - 1):
        same = sum(answers[16000, off][d] == answers[48000, off][d] for d in theatre.districts)
        assert same >= 0.9 * len(theatre.districts)
