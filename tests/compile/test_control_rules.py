"""The rules of control as of a day: claims do not flip, disagreement is contested, and the
edge cases of dates (same day, missing days, late reports, a retaking reported first)."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta

from khabar.compile.control_as_of import control_as_of, count, timeline
from khabar.compile.grading import Grader
from khabar.records import DistrictState, Observation
from khabar.theatres.loader import Theatre

MAYWAND, GHORAK = "AF2710", "AF2709"
CLAIM = "Taliban spokesman Qari Yousuf Ahmadi said the group captured Maywand district."
STILL_HELD = "Maywand district remains under government control, residents said."


def state(theatre: Theatre, grader: Grader, observations: list[Observation], day: date,
          did: str = MAYWAND) -> DistrictState:
    (s,) = [s for s in control_as_of(theatre.districts, observations, day, grader=grader)
            if s.district_id == did]
    return s


def test_a_partys_own_claim_shows_as_claimed_and_does_not_flip(
        theatre: Theatre, grader: Grader, obs: Callable[..., Observation]) -> None:
    claim = obs(MAYWAND, "taliban", date(2021, 7, 12), outlet="Example Daily", evidence=CLAIM)
    states = control_as_of(theatre.districts, [claim], date(2021, 7, 13), grader=grader)
    (s,) = [s for s in states if s.district_id == MAYWAND]
    assert (s.controller, s.claimed_by, s.claim and s.claim.grade) == (None, "taliban", "F4")
    counts = count(states, date(2021, 7, 13))
    assert (counts["taliban"], counts.claimed) == (0, 1)
    assert counts.headline().endswith("; 1 more claimed by a party, unconfirmed")


def test_a_claim_confirmed_by_a_credible_report_flips(
        theatre: Theatre, grader: Grader, obs: Callable[..., Observation]) -> None:
    claim = obs(MAYWAND, "taliban", date(2021, 7, 12), outlet="Example Daily", evidence=CLAIM)
    wire = obs(MAYWAND, "taliban", date(2021, 7, 13))
    s = state(theatre, grader, [claim, wire], date(2021, 7, 14))
    assert (s.controller, s.since, s.claimed_by, s.sources) == ("taliban", date(2021, 7, 12),
                                                                None, 2)


def test_a_claim_against_the_holder_leaves_the_holder(
        theatre: Theatre, grader: Grader, obs: Callable[..., Observation]) -> None:
    held = obs(MAYWAND, "government", date(2021, 7, 1))
    claim = obs(MAYWAND, "taliban", date(2021, 7, 12), outlet="Example Daily", evidence=CLAIM)
    s = state(theatre, grader, [held, claim], date(2021, 7, 14))
    assert (s.controller, s.since, s.claimed_by) == ("government", date(2021, 7, 1), "taliban")


def test_same_day_conflict_from_two_reports_is_contested_with_both_sides(
        theatre: Theatre, grader: Grader, obs: Callable[..., Observation]) -> None:
    day = date(2021, 7, 14)
    held = obs(MAYWAND, "government", day, outlet="Watan State Bulletin", evidence=STILL_HELD,
               trigger="under government control")
    taken = obs(MAYWAND, "taliban", day, outlet="Indus Herald", published=date(2021, 7, 15))
    for observations in ([held, taken], [taken, held]):
        s = state(theatre, grader, observations, date(2021, 8, 1))
        assert (s.controller, s.since, s.confidence) == ("contested", day, "low")
        assert {e.controller: e.best.outlet for e in s.conflict} == {
            "government": "Watan State Bulletin", "taliban": "Indus Herald"}
        assert s.sources == 2


def test_a_report_does_not_conflict_with_itself(theatre: Theatre, grader: Grader,
                                                obs: Callable[..., Observation]) -> None:
    day = date(2021, 7, 17)
    fell = obs(MAYWAND, "taliban", None, doc="r", published=day, start=0, trigger="had overrun",
               evidence="The Taliban had overrun the district late last month.")
    retook = obs(MAYWAND, "government", day, doc="r", start=60)
    assert state(theatre, grader, [retook, fell], day).controller == "government"


def test_a_later_change_of_hands_is_a_sequence_not_a_conflict(
        theatre: Theatre, grader: Grader, obs: Callable[..., Observation]) -> None:
    held = obs(MAYWAND, "government", date(2021, 7, 10), evidence=STILL_HELD,
               trigger="under government control")
    taken = obs(MAYWAND, "taliban", date(2021, 7, 12), outlet="Kabul Ledger")
    s = state(theatre, grader, [held, taken], date(2021, 7, 20))
    assert (s.controller, s.since) == ("taliban", date(2021, 7, 12))


def test_a_status_report_against_a_recent_change_is_contested(
        theatre: Theatre, grader: Grader, obs: Callable[..., Observation]) -> None:
    taken = obs(MAYWAND, "taliban", date(2021, 7, 10))
    held = obs(MAYWAND, "government", date(2021, 7, 12), outlet="Kabul Ledger",
               evidence=STILL_HELD, trigger="under government control")
    assert state(theatre, grader, [taken, held], date(2021, 7, 12)).controller == "contested"
    # outside the window it is news, not a dispute
    held_later = obs(MAYWAND, "government", date(2021, 7, 20), outlet="Kabul Ledger",
                     evidence=STILL_HELD, trigger="under government control")
    assert state(theatre, grader, [taken, held_later], date(2021, 7, 20)).controller == "government"


def test_a_later_decisive_report_ends_the_dispute(theatre: Theatre, grader: Grader,
                                                  obs: Callable[..., Observation]) -> None:
    day = date(2021, 7, 14)
    observations = [obs(MAYWAND, "government", day, outlet="Watan State Bulletin",
                        evidence=STILL_HELD, trigger="under government control"),
                    obs(MAYWAND, "taliban", day, outlet="Indus Herald"),
                    obs(MAYWAND, "taliban", date(2021, 7, 25), outlet="Kabul Ledger")]
    s = state(theatre, grader, observations, date(2021, 8, 1))
    assert (s.controller, s.since, s.conflict) == ("taliban", date(2021, 7, 25), ())


def test_a_report_that_arrives_late_counts_on_the_day_it_gives(
        theatre: Theatre, grader: Grader, obs: Callable[..., Observation]) -> None:
    late = obs(MAYWAND, "taliban", date(2021, 7, 5), published=date(2021, 8, 20))
    s = state(theatre, grader, [late], date(2021, 7, 6))
    assert (s.controller, s.since) == ("taliban", date(2021, 7, 5))
    assert s.events[0].first_reported == date(2021, 8, 20)
    # ... and does not undo what happened after that day
    retaken = obs(MAYWAND, "government", date(2021, 7, 20), published=date(2021, 7, 20))
    s = state(theatre, grader, [retaken, late], date(2021, 8, 20))
    assert (s.controller, s.since) == ("government", date(2021, 7, 20))


def test_a_retaking_reported_before_the_capture(theatre: Theatre, grader: Grader,
                                                obs: Callable[..., Observation]) -> None:
    # the retaking is published first; the capture of the same day is reported later
    retaken = obs(MAYWAND, "government", date(2021, 7, 10), published=date(2021, 7, 10))
    captured = obs(MAYWAND, "taliban", date(2021, 7, 10), published=date(2021, 7, 12),
                   outlet="Kabul Ledger")
    s = state(theatre, grader, [captured, retaken], date(2021, 7, 12))
    assert (s.controller, s.conflict) == ("government", ())
    # a capture with no day, published soon after a dated retaking, tells of the time before it
    undated = obs(MAYWAND, "taliban", None, published=date(2021, 7, 13), outlet="Kabul Ledger",
                  evidence="Maywand had fallen to the Taliban, officials said.",
                  trigger="had fallen")
    s = state(theatre, grader, [retaken, undated], date(2021, 7, 14))
    assert (s.controller, s.since) == ("government", date(2021, 7, 10))
    # but one published long after is news of a new fall
    later = obs(MAYWAND, "taliban", None, published=date(2021, 7, 30), outlet="Kabul Ledger",
                trigger="fell")
    assert state(theatre, grader, [retaken, later], date(2021, 7, 30)).controller == "taliban"


def test_an_undated_report_counts_from_its_publication_day(
        theatre: Theatre, grader: Grader, obs: Callable[..., Observation]) -> None:
    undated = obs(MAYWAND, "taliban", None, published=date(2021, 7, 9))
    assert state(theatre, grader, [undated], date(2021, 7, 8)).controller is None
    assert state(theatre, grader, [undated], date(2021, 7, 9)).since == date(2021, 7, 9)


def _random_observations(theatre: Theatre, make_obs: Callable[..., Observation], seed: int,
                         n: int = 400) -> list[Observation]:
    rng = random.Random(seed)
    ids = list(theatre.districts)[:25]
    outlets = ["Hindukush Wire", "Kabul Ledger", "Sada-e-Emarat", "Example Daily",
               "Watan State Bulletin"]
    out = []
    for i in range(n):
        ctl = rng.choice(["taliban", "taliban", "government", "contested"])
        day = date(2021, 6, 1) + timedelta(rng.randrange(60))
        outlet = rng.choice(outlets)
        dated = rng.random() > 0.2
        ev = CLAIM if rng.random() < 0.15 and ctl == "taliban" else None
        out.append(make_obs(rng.choice(ids), ctl, day if dated else None,
                            published=day + timedelta(rng.randrange(4)), outlet=outlet,
                            evidence=ev, doc=f"d{rng.randrange(n // 3)}", start=i,
                            rec=f"r{i}"))
    return out


def test_the_timeline_gives_each_day_the_counts_of_that_day(
        theatre: Theatre, grader: Grader, obs: Callable[..., Observation]) -> None:
    for seed in (1, 2):
        observations = _random_observations(theatre, obs, seed)
        start, end = date(2021, 6, 5), date(2021, 8, 5)
        days = timeline(theatre.districts, observations, start, end, grader=grader)
        assert len(days) == (end - start).days + 1
        for c in days[::3]:
            states = control_as_of(theatre.districts, observations, c.as_of, grader=grader)
            expected = count(states, c.as_of)
            assert (c["taliban"], c["government"], c.contested, c.no_reports, c.claimed) == (
                expected["taliban"], expected["government"], expected.contested, expected.no_reports,
                expected.claimed), c.as_of
        assert any(c.contested for c in days) and any(c.claimed for c in days)


def _denial(theatre: Theatre, day: date, district: str = "Maiwand") -> Observation:
    from khabar.compile.holding import denial_observations
    from khabar.store.sources import ReportMeta

    text = f"reports that {district} district had fallen to the Taliban"
    claim = {"id": "c1", "document_id": "ministry", "stance": "denies", "text": text,
             "date": day.isoformat(), "evidence": f"The defence ministry denied {text}.",
             "ev_start": 0, "review": None}
    (o,) = denial_observations(theatre, [claim], {"ministry": ReportMeta(
        "Watan State Bulletin", "", "", day)})
    return o


def test_a_denial_becomes_a_holding_observation(theatre: Theatre) -> None:
    o = _denial(theatre, date(2021, 7, 14))
    assert (o.district_id, o.controller, o.trigger, o.outlet) == (
        MAYWAND, "government", "denied the fall", "Watan State Bulletin")


def test_a_denial_disputes_a_capture_of_its_day_in_either_order(
        theatre: Theatre, grader: Grader, obs: Callable[..., Observation]) -> None:
    day = date(2021, 7, 14)
    denial = _denial(theatre, day)
    taken = obs(MAYWAND, "taliban", day, outlet="Indus Herald", published=date(2021, 7, 15))
    for observations in ([denial, taken], [taken, denial]):
        s = state(theatre, grader, observations, date(2021, 7, 16))
        assert s.controller == "contested"
        assert {e.controller: e.best.code for e in s.conflict} == {"government": "D2",
                                                                   "taliban": "C2"}


def test_a_denial_alone_changes_nothing_and_a_later_capture_is_news(
        theatre: Theatre, grader: Grader, obs: Callable[..., Observation]) -> None:
    denial = _denial(theatre, date(2021, 7, 10))
    s = state(theatre, grader, [denial], date(2021, 7, 12))
    assert (s.controller, s.claimed_by) == (None, None)
    taken = obs(MAYWAND, "taliban", date(2021, 7, 12))
    assert state(theatre, grader, [denial, taken], date(2021, 7, 12)).controller == "taliban"


def test_a_second_report_of_the_change_after_the_denial_ends_the_dispute(
        theatre: Theatre, grader: Grader, obs: Callable[..., Observation]) -> None:
    day = date(2021, 7, 14)
    denial = _denial(theatre, day)
    taken = obs(MAYWAND, "taliban", day, outlet="Indus Herald", published=date(2021, 7, 15))
    again = obs(MAYWAND, "taliban", day, outlet="Hindukush Wire", published=date(2021, 7, 18),
                evidence="Maywand district fell to the Taliban on July 14 despite the ministry's denial.")
    s = state(theatre, grader, [denial, taken, again], date(2021, 7, 20))
    assert (s.controller, s.since, s.conflict) == ("taliban", day, ())
    # the same report telling it again confirms nothing
    same_doc = replace(again, document_id=taken.document_id, record_id="r-same")
    assert state(theatre, grader, [denial, taken, same_doc], date(2021, 7, 20)).controller == "contested"
