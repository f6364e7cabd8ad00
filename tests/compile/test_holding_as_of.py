"""A statement of who holds a district ("districts held by the group on 15 August include ...") is
"held as of" that day, since an unknown day: it colours the map from that day, never dates a
change of hands, and the timeline keeps such districts apart from dated changes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta

from khabar.cli.assess_format import state_line
from khabar.compile.control_as_of import control_as_of, count, district_history, timeline
from khabar.compile.grading import Grader
from khabar.compile.sides import Sides
from khabar.records import DistrictState, Observation
from khabar.theatres.loader import Theatre

MAYWAND = "AF2710"
DAY = date(2021, 8, 15)
# paraphrases of round-up sentences in three outlets' manners (each a statement of holding)
ROUND_UPS = (
    ("Districts in insurgent hands as of Sunday include {d}, Ghorak and Khakrez.", "in insurgent hands"),
    ("By mid-August the movement held {d} and a dozen neighbouring districts, a tally showed.",
     "held"),
    ("Among districts under Taliban control on 15 August were {d} and Arghandab.",
     "under Taliban control"),
)


def holding(obs: Callable[..., Observation], did: str, day: date, i: int = 0, **kw: object) -> Observation:
    text, trigger = ROUND_UPS[i % len(ROUND_UPS)]
    o = obs(did, "taliban", day, evidence=text.format(d=did), trigger=trigger, **kw)
    return replace(o, kind="holding")


def one(theatre: Theatre, grader: Grader, observations: list[Observation], day: date,
        did: str = MAYWAND) -> DistrictState:
    (s,) = [s for s in control_as_of(theatre.districts, observations, day, grader=grader,
                                     sides=Sides.of(theatre)) if s.district_id == did]
    return s


def test_a_holding_is_held_as_of_its_day_since_unknown(
        theatre: Theatre, grader: Grader, obs: Callable[..., Observation]) -> None:
    for i in range(len(ROUND_UPS)):
        h = holding(obs, MAYWAND, DAY, i, outlet=f"Outlet {i}")
        s = one(theatre, grader, [h], DAY)
        assert (s.controller, s.since, s.held_as_of) == ("taliban", None, DAY)
        assert one(theatre, grader, [h], DAY - timedelta(1)).controller is None  # from D on
        line = state_line(s, Sides.of(theatre))
        assert "held as of 2021-08-15, since unknown" in line and "since 2021" not in line


def test_a_holding_keeps_the_day_a_dated_change_gave(
        theatre: Theatre, grader: Grader, obs: Callable[..., Observation]) -> None:
    fell = obs(MAYWAND, "taliban", date(2021, 7, 20))
    s = one(theatre, grader, [fell, holding(obs, MAYWAND, DAY)], DAY)
    assert (s.controller, s.since, s.held_as_of) == ("taliban", date(2021, 7, 20), None)


def test_a_holding_of_the_other_side_does_not_date_the_change(
        theatre: Theatre, grader: Grader, obs: Callable[..., Observation]) -> None:
    held = obs(MAYWAND, "government", date(2021, 6, 1))
    s = one(theatre, grader, [held, holding(obs, MAYWAND, DAY)], DAY)
    assert (s.controller, s.since, s.held_as_of) == ("taliban", None, DAY)
    # the district's history shows the state "as of", never a change on that day
    _, states = district_history(theatre.districts[MAYWAND], [held, holding(obs, MAYWAND, DAY)],
                                 grader=grader, sides=Sides.of(theatre))
    assert [(d, st.controller, st.since, st.held_as_of) for d, st in states] == [
        (date(2021, 6, 1), "government", date(2021, 6, 1), None), (DAY, "taliban", None, DAY)]


def test_a_later_dated_change_gives_the_day(
        theatre: Theatre, grader: Grader, obs: Callable[..., Observation]) -> None:
    later = obs(MAYWAND, "taliban", DAY + timedelta(5), outlet="Other Wire")
    s = one(theatre, grader, [holding(obs, MAYWAND, DAY), later], DAY + timedelta(6))
    assert (s.controller, s.since, s.held_as_of) == ("taliban", DAY + timedelta(5), None)


def test_a_round_up_is_no_cliff_of_changes_in_the_timeline(
        theatre: Theatre, grader: Grader, obs: Callable[..., Observation]) -> None:
    ids = list(theatre.districts)
    sides = Sides.of(theatre)
    # ten districts fall on days of their own; a round-up then names sixty as held on one day
    dated = [obs(d, "taliban", date(2021, 8, 1) + timedelta(i)) for i, d in enumerate(ids[:10])]
    roundup = [holding(obs, d, DAY, i, doc="roundup", start=i) for i, d in enumerate(ids[:70])]
    observations = dated + roundup
    days = timeline(theatre.districts, observations, date(2021, 8, 1), DAY + timedelta(1),
                    grader=grader, sides=sides)
    for c in days:  # the same counts as compiling each day
        assert c == replace(count(control_as_of(theatre.districts, observations, c.as_of, grader=grader,
                                                sides=sides), c.as_of, sides), events=c.events)
    before, on = days[-3], days[-2]
    assert (before.dated("taliban"), on.dated("taliban")) == (10, 10)  # no change of hands dated D
    assert (before.party("taliban"), on.party("taliban")) == (10, 70)  # but it colours from D
    assert (before.as_of_only(), on.as_of_only()) == (0, 60)
    assert on.to_dict()["held_as_of"] == {"taliban": 60}
    assert "60 of these held as of a reported day, the day they changed hands unknown" in on.headline()
    assert (sum(c.events for c in days), on.events) == (10, 0)  # the round-up is no event of a change
