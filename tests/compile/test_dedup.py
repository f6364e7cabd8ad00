"""One event from many reports: the same capture from three outlets is one event with three
sources; the joining is deterministic and says why."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date

from khabar.compile.dedup import EventReport, cluster_control, cluster_events, grade_event
from khabar.compile.grading import Grader
from khabar.records import Event, Evidence, Observation

MAYWAND = "AF2710"
D = date(2021, 7, 7)


def three_outlets(obs: Callable[..., Observation]) -> list[Observation]:
    return [obs(MAYWAND, "taliban", D, outlet="Hindukush Wire", published=date(2021, 7, 9)),
            obs(MAYWAND, "taliban", D, outlet="Kabul Ledger", published=date(2021, 7, 8)),
            obs(MAYWAND, "taliban", date(2021, 7, 8), outlet="Khorasan Times",
                published=date(2021, 7, 10))]


def test_the_same_capture_from_three_outlets_is_one_event(grader: Grader,
                                                          obs: Callable[..., Observation]) -> None:
    (event,) = cluster_control(three_outlets(obs), grader)
    assert event.id == "AF2710-taliban-20210707"
    assert (event.reports, event.date, event.first_reported, event.latest_reported) == (
        3, D, date(2021, 7, 8), date(2021, 7, 10))
    assert [s.outlet for s in event.sources] == ["Hindukush Wire", "Kabul Ledger",
                                                 "Khorasan Times"]  # best grade first
    # three independent outlets report it without hedging: confirmed (1), at the best outlet's B
    assert event.grade == "B1"
    why = dict(zip([s.outlet for s in event.sources], event.joined, strict=True))
    assert why["Kabul Ledger"] == ""  # published first: it started the event
    assert "1 day(s) after the event's first day 2021-07-07 (tolerance 3)" in why["Khorasan Times"]


def test_clustering_does_not_depend_on_the_order_of_the_reports(
        grader: Grader, obs: Callable[..., Observation]) -> None:
    reports = three_outlets(obs) + [obs(MAYWAND, "government", date(2021, 7, 20)),
                                    obs(MAYWAND, "taliban", date(2021, 7, 30))]
    first = [(e.id, [s.observation.record_id for s in e.sources])
             for e in cluster_control(reports, grader)]
    for seed in range(5):
        random.Random(seed).shuffle(reports)
        assert [(e.id, [s.observation.record_id for s in e.sources])
                for e in cluster_control(reports, grader)] == first
    assert [i for i, _ in first] == ["AF2710-taliban-20210707", "AF2710-government-20210720",
                                     "AF2710-taliban-20210730"]


def test_reports_beyond_the_tolerance_are_two_events(grader: Grader,
                                                     obs: Callable[..., Observation]) -> None:
    events = cluster_control([obs(MAYWAND, "taliban", D),
                              obs(MAYWAND, "taliban", date(2021, 7, 11), outlet="Kabul Ledger")],
                             grader)
    assert [e.id for e in events] == ["AF2710-taliban-20210707", "AF2710-taliban-20210711"]


def test_a_report_of_the_other_side_in_between_splits_the_event(
        grader: Grader, obs: Callable[..., Observation]) -> None:
    events = cluster_control([obs(MAYWAND, "taliban", D),
                              obs(MAYWAND, "government", date(2021, 7, 8), outlet="Kabul Ledger"),
                              obs(MAYWAND, "taliban", date(2021, 7, 9), outlet="Khorasan Times")],
                             grader)
    assert [e.reports for e in events] == [1, 1, 1]


def test_an_undated_report_joins_the_event_it_looks_back_on(
        grader: Grader, obs: Callable[..., Observation]) -> None:
    late = obs(MAYWAND, "taliban", None, published=date(2021, 7, 13), outlet="Kabul Ledger",
               evidence="Maywand district fell to the Taliban last week, officials said.")
    (event,) = cluster_control([obs(MAYWAND, "taliban", D), late], grader)
    assert event.reports == 2
    assert "gives no day and was published 2021-07-13, 6 day(s) after" in event.joined[-1]
    too_late = obs(MAYWAND, "taliban", None, published=date(2021, 7, 20), outlet="Kabul Ledger")
    assert len(cluster_control([obs(MAYWAND, "taliban", D), too_late], grader)) == 2


def test_two_records_of_one_report_are_one_source(grader: Grader,
                                                  obs: Callable[..., Observation]) -> None:
    (event,) = cluster_control([obs(MAYWAND, "taliban", D, doc="r1", start=0),
                                obs(MAYWAND, "taliban", D, doc="r1", start=80)], grader)
    assert (len(event.sources), event.reports, event.grade) == (2, 1, "B2")


def _event(grader: Grader, doc: str, actors: tuple[str, ...], place: str | None, day: date,
           outlet: str, etype: str = "CONSULT") -> EventReport:
    text = f"{' and '.join(actors)} held talks in {place or 'an undisclosed place'}, officials said."
    ev = Event(etype, actors, (), place, day, Evidence(doc, 0, len(text), text), (0, 5))
    graded = grade_event(grader, ev, f"{doc}-ev", outlet=outlet, published=day)
    assert graded is not None
    return graded


def test_events_of_the_same_parties_and_place_join(grader: Grader) -> None:
    a = _event(grader, "a", ("Taliban", "China"), "Tianjin", date(2021, 7, 28), "Hindukush Wire")
    b = _event(grader, "b", ("Baradar", "China"), "Tianjin", date(2021, 7, 29), "Volga Observer")
    c = _event(grader, "c", ("Taliban", "China"), "Doha", date(2021, 7, 29), "Kabul Ledger")
    d = _event(grader, "d", ("Taliban", "Russia"), "Moscow", date(2021, 7, 28), "Kabul Ledger",
               "ASSAULT")
    events = cluster_events([a, b, c, d])
    assert sorted(e.reports for e in events) == [1, 1, 2]
    (joined,) = [e for e in events if e.reports == 2]
    assert [s.record_id for s in joined.sources] == ["a-ev", "b-ev"]
    assert joined.grade == "B1"
    assert "shared parties (china)" in joined.joined[1]
    assert joined.id == cluster_events([b, a])[0].id  # the id does not depend on the order
