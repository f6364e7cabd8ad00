"""The read path of the kept timelines: every district's state as of a day is decoded once per
process and kept while the store's rows are those of the same refresh; a write in any process
(a report, a review, a baseline) gives the next question its new answer at once."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from khabar import jobs
from khabar.bench.observations import first_day, store_synthetic, synthetic_extractions
from khabar.cli.assess_format import state_dict
from khabar.compile import state_cache
from khabar.compile.baseline import read_baseline, save_baseline
from khabar.records import DistrictState
from khabar.store import connect
from khabar.store import records as store
from khabar.store.bulk import bulk_save
from khabar.store.overrides import save_override
from khabar.theatres.loader import Theatre, load

BASELINE = Path(__file__).parents[2] / "examples" / "baseline-afghanistan-2021-07-10.example.csv"


def _same_as_every_row(conn: Any, theatre: Theatre, day: date) -> list[DistrictState]:
    fast, fast_counts = state_cache.compile_control(conn, theatre, day)
    full, full_counts = jobs.compile_control(conn, theatre, day)
    assert [state_dict(s) for s in fast] == [state_dict(s) for s in full], day
    assert [s.observation for s in fast] == [s.observation for s in full], day
    assert fast_counts == full_counts, day
    return list(fast)


def test_states_are_decoded_once_and_a_write_elsewhere_is_answered_at_once(tmp_path: Path) -> None:
    url = str(tmp_path / "s.db")
    theatre = load()
    store_synthetic(url, 3000, 30, 5, theatre)
    conn = connect(url)
    day = first_day(theatre) + timedelta(29)
    first = _same_as_every_row(conn, theatre, day)
    again = state_cache.states_as_of(conn, theatre, day)
    reported = [i for i, s in enumerate(first) if s.controller]
    assert len(reported) > 300
    assert all(again[i] is first[i] for i in reported)  # the kept rows unchanged: decoded once

    # another process (a second connection) stores a report and refreshes: the first connection's
    # next question answers with it, not with the states it decoded before
    other = connect(url)
    day_before = day - timedelta(1)
    late = next(iter(synthetic_extractions(theatre, 4, 30, per_report=4, seed=99)))
    doc = replace(late.document, published=day, source="late:99")
    late = replace(late, document=doc, control_changes=tuple(replace(c, date=day) for c in late.control_changes))
    bulk_save(other, [late])
    assert state_cache.refresh(other, theatre) > 0
    named = {c.district_id for c in late.control_changes}
    now = _same_as_every_row(conn, theatre, day)
    order = list(theatre.districts)
    assert any(state_dict(now[order.index(d)]) != state_dict(first[order.index(d)]) for d in named)
    _same_as_every_row(conn, theatre, day_before)

    # an analyst's review in the other connection: applied at the first connection's next question
    taken = next(o for o in store.observations(other) if o.district_id in theatre.districts
                 and o.effective <= day_before and o.controller != "contested")
    save_override(other, "control_changes", taken.record_id, "reject", "not a capture")
    _same_as_every_row(conn, theatre, day)
    _same_as_every_row(conn, theatre, taken.effective)

    # a baseline stored by the other connection, on a day the first has decoded
    parsed = read_baseline(BASELINE, theatre)
    on = first_day(theatre) + timedelta(10)
    before = _same_as_every_row(conn, theatre, on)
    save_baseline(other, theatre, "lwj", "Long War Journal", on, "B2", parsed.entries)
    after = _same_as_every_row(conn, theatre, on)
    based = {e.district_id for e in parsed.entries}
    assert any(state_dict(a) != state_dict(b) for a, b in zip(after, before, strict=True) if a.district_id in based)


def test_a_refresh_reads_the_denials_every_claim_gives(tmp_path: Path) -> None:
    """The denials a refresh reads (the claims stored as denials and the reviewed ones, not every
    claim of the archive) are those `holding.denial_observations` gives from every stored claim,
    also after a review makes an asserting claim a denial and after one rejects a denial."""
    from khabar.compile.holding import denial_observations
    from khabar.jobs import reviewed_derived
    from khabar.store.sources import report_meta
    from tests.compile.test_state_cache import samples_store

    conn, theatre, _ = samples_store(str(tmp_path / "d.db"), tmp_path)

    def from_every_claim() -> list[object]:
        claims = [c for c in store.records_of(conn, "claims") if c["stance"] != "asserts"]
        return list(reviewed_derived(conn, denial_observations(theatre, claims, report_meta(conn))))

    first = state_cache._denials(conn, theatre, reviewed_derived)
    assert first and first == from_every_claim()
    asserting = next(c for c in store.records_of(conn, "claims") if c["stance"] == "asserts"
                     and c["district_ids"] not in (None, "", "[]"))  # the places it names
    save_override(conn, "claims", asserting["id"], "correct", "a denial",
                  {"stance": "denies", "text": "The ministry denied that the district had fallen"})
    second = state_cache._denials(conn, theatre, reviewed_derived)
    assert len(second) == len(first) + 1 and second == from_every_claim()
    save_override(conn, "claims", first[0].record_id.rsplit("-", 1)[0], "reject", "no denial")
    third = state_cache._denials(conn, theatre, reviewed_derived)
    assert len(third) < len(second) and third == from_every_claim()
    day = max(o.effective for o in second)
    _same_as_every_row(conn, theatre, day)
