"""A district's kept track holds only what a later report can reach: it stays small while the
district's observations grow, and a track taken up again from it answers every later report as
the track that never stopped (each day's state and counts' key)."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import timedelta

from khabar.bench.observations import synthetic_extractions
from khabar.compile import state_cache
from khabar.compile.control_as_of import Track, order_key
from khabar.compile.grading import Grader
from khabar.compile.sides import Sides
from khabar.records import Observation
from khabar.theatres.loader import Theatre, load


def _observations(theatre: Theatre, n: int, days: int, seed: int) -> dict[str, list[Observation]]:
    """Generated observations by district, in compile's order; a few are denials of the change
    they tell and a few give no day (their publication day counts), so the kept tracks meet
    disputes, contested states and undated reports too."""
    rnd = random.Random(seed)
    by: dict[str, list[Observation]] = {}
    for ex in synthetic_extractions(theatre, n, days, seed=seed):
        doc = ex.document
        for i, c in enumerate(ex.control_changes):
            assert c.date is not None
            o = Observation(f"{doc.id}-{i}", doc.id, c.district_id, c.district, c.province, c.controller,
                            c.date, c.date, c.evidence.text, doc.published, doc.outlet, trigger=c.trigger,
                            start=c.evidence.start, kind=c.kind, acting_party=c.acting_party,
                            speaker=c.speaker, speaker_party=c.speaker_party, hedged=c.hedged)
            u = rnd.random()
            if u < 0.04 and c.kind == "change":
                o = replace(o, trigger=f"denied {c.trigger}", denied=True)
            elif u < 0.08 and doc.published is not None and doc.published >= c.date:
                o = replace(o, date=None, effective=doc.published)
            by.setdefault(str(c.district_id), []).append(o)
    return {d: sorted(obs, key=order_key) for d, obs in by.items()}


def test_a_pruned_track_answers_every_later_report_as_the_whole_one() -> None:
    theatre = load()
    grader = Grader.for_theatre(theatre)
    sides = Sides.of(theatre)
    by = _observations(theatre, 24000, 120, 3)
    merged = smaller = 0
    checked = 0
    for did, mine in list(by.items())[:40]:
        district = theatre.districts[did]
        days = sorted({o.effective for o in mine})
        for cut in (days[len(days) // 3], days[2 * len(days) // 3], days[-3]):
            whole = Track(did, sides=sides)
            before = [o for o in mine if o.effective < cut]
            for o in before:
                whole.add(grader.grade(o))
            pruned_blob = state_cache.dump_track(whole, cut)
            full_blob = state_cache.dump_track(whole)
            smaller += len(pruned_blob) < len(full_blob)
            again = state_cache.load_track(did, pruned_blob, sides)
            merged += len(again.run) < len(whole.run)
            day = None
            for o in mine[len(before):]:
                if day is not None and o.effective != day:  # each day's state, as the refresh keeps it
                    assert state_cache.encode(again.state(district)) == state_cache.encode(whole.state(district))
                day = o.effective
                whole.add(grader.grade(o))
                again.add(grader.grade(o))
                assert again.key == whole.key, (did, cut, o)
            assert state_cache.encode(again.state(district)) == state_cache.encode(whole.state(district))
            # kept again from the track taken up: the same answer for what comes after
            checked += 1
    assert checked == 120
    assert smaller > 60 and merged > 20, (smaller, merged)


def test_a_kept_track_stays_small_as_a_district_s_observations_grow() -> None:
    """The track kept as of a late day: its size follows the events a later report can reach, not
    the observations before it (four times as many observations: under twice the bytes, where every
    event whole takes nearly three times)."""
    theatre = load()
    grader = Grader.for_theatre(theatre)
    sides = Sides.of(theatre)
    sizes = {}
    for n in (6000, 24000):
        by = _observations(theatre, n, 120, 5)
        total_pruned = total_full = 0
        for did, mine in list(by.items())[:30]:
            t = Track(did, sides=sides)
            cut = max(o.effective for o in mine) - timedelta(state_cache.KEEP_DAYS)
            for o in mine:
                if o.effective >= cut:
                    break
                t.add(grader.grade(o))
            total_pruned += len(state_cache.dump_track(t, cut))
            total_full += len(state_cache.dump_track(t))
        sizes[n] = (total_pruned, total_full)
    assert sizes[24000][1] > 2.5 * sizes[6000][1], sizes  # every event whole grows with the observations
    assert sizes[24000][0] < 2 * sizes[6000][0], sizes
    assert sizes[24000][0] < sizes[24000][1] / 2, sizes
