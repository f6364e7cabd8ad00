"""District control as of a day: the latest observation wins, later ones wait, the counts add up."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from khabar.compile.control_as_of import Counts, control_as_of, count
from khabar.compile.sides import Sides
from khabar.extract.pipeline import Extractor
from khabar.ingest import read_inputs
from khabar.jobs import compile_control
from khabar.records import DistrictState, Document, Observation
from khabar.store import connect
from khabar.store import records as store
from khabar.theatres.loader import Theatre, load

SAMPLES = Path(__file__).parents[1] / "samples"
PANJWAI, ZHARI, MALISTAN = "AF2704", "AF2705", "AF1116"


@pytest.fixture(scope="module")
def theatre() -> Theatre:
    return load()


def obs(did: str | None, controller: str, effective: date, *,
        published: date | None = None) -> Observation:
    """Return an observation of a district on a day, from a report published then or later."""
    return Observation(f"{did}-{controller}-{effective}", f"doc-{effective}", did, did or "Nowhere",
                       None, controller, effective, effective,  # type: ignore[arg-type]
                       f"{did} went to the {controller}.", published or effective)


def state(states: list[DistrictState], did: str) -> tuple[str | None, date | None]:
    (s,) = [s for s in states if s.district_id == did]
    return s.controller, s.since


def test_latest_observation_per_district_wins(theatre: Theatre) -> None:
    states = control_as_of(theatre.districts, [
        obs(PANJWAI, "taliban", date(2021, 7, 4)),
        obs(PANJWAI, "government", date(2021, 7, 20)),
        obs(PANJWAI, "contested", date(2021, 7, 12)),
    ], date(2021, 8, 1))
    assert state(states, PANJWAI) == ("government", date(2021, 7, 20))


def test_order_of_the_observations_does_not_matter(theatre: Theatre) -> None:
    seen = [obs(ZHARI, "government", date(2021, 7, 20)), obs(ZHARI, "taliban", date(2021, 7, 4))]
    for observations in (seen, seen[::-1]):
        assert state(control_as_of(theatre.districts, observations, date(2021, 8, 1)), ZHARI) == (
            "government", date(2021, 7, 20))


def test_same_day_the_later_report_wins(theatre: Theatre) -> None:
    day = date(2021, 7, 4)
    states = control_as_of(theatre.districts, [
        obs(PANJWAI, "taliban", day, published=date(2021, 7, 6)),
        obs(PANJWAI, "contested", day, published=date(2021, 7, 5)),
    ], date(2021, 7, 10))
    assert state(states, PANJWAI) == ("taliban", day)


def test_observation_after_as_of_is_ignored(theatre: Theatre) -> None:
    observations = [obs(MALISTAN, "taliban", date(2021, 7, 1)),
                    obs(MALISTAN, "government", date(2021, 7, 16))]
    assert state(control_as_of(theatre.districts, observations, date(2021, 7, 15)), MALISTAN) == (
        "taliban", date(2021, 7, 1))
    assert state(control_as_of(theatre.districts, observations, date(2021, 7, 16)), MALISTAN) == (
        "government", date(2021, 7, 16))
    assert state(control_as_of(theatre.districts, observations, date(2021, 6, 30)), MALISTAN) == (
        None, None)


def test_districts_without_reports_have_no_controller(theatre: Theatre) -> None:
    states = control_as_of(theatre.districts, [obs(PANJWAI, "taliban", date(2021, 7, 4))],
                           date(2021, 7, 10))
    assert len(states) == len(theatre.districts) == 399
    assert [s.district_id for s in states] == list(theatre.districts)  # gazetteer order
    others = [s for s in states if s.district_id != PANJWAI]
    assert {(s.controller, s.since, s.observation) for s in others} == {(None, None, None)}
    (zhari,) = [s for s in states if s.district_id == ZHARI]
    assert (zhari.name, zhari.province) == ("Zhari", "Kandahar")


def test_observation_without_a_gazetteer_district_is_left_out(theatre: Theatre) -> None:
    states = control_as_of(theatre.districts, [obs(None, "taliban", date(2021, 7, 4)),
                                               obs("AF9999", "taliban", date(2021, 7, 4))],
                           date(2021, 7, 10))
    sides = Sides.of(theatre)
    assert count(states, date(2021, 7, 10), sides) == Counts(
        date(2021, 7, 10), (("taliban", 0), ("nrf", 0), ("government", 0)), 0, 399, 399)


def test_counts_add_up_to_399(theatre: Theatre) -> None:
    ids = list(theatre.districts)
    observations = ([obs(d, "taliban", date(2021, 7, 1)) for d in ids[:61]]
                    + [obs(d, "government", date(2021, 7, 2)) for d in ids[61:75]]
                    + [obs(d, "contested", date(2021, 7, 3)) for d in ids[75:78]])
    counts = count(control_as_of(theatre.districts, observations, date(2021, 7, 10)), date(2021, 7, 10),
                   Sides.of(theatre))
    assert counts == Counts(date(2021, 7, 10), held=(("taliban", 61), ("nrf", 0), ("government", 14)),
                            contested=3, no_reports=321, total=399)
    assert counts["taliban"] + counts["government"] + counts.contested + counts.no_reports == counts.total
    # the JSON keeps one key per party id, in the theatre's order; `published`: the same on the
    # published list's 421 districts (a newer district counts as the polygon it lies in)
    d = counts.to_dict()
    published = d.pop("published")
    assert d == {"as_of": "2021-07-10", "taliban": 61, "nrf": 0, "government": 14,
                 "contested": 3, "no_reports": 321, "total": 399}
    assert published["total"] == 421 == sum(v for k, v in published.items() if k != "total")
    w = dict(Sides.of(theatre).weights)
    assert published["taliban"] == sum(w.get(i, 0) for i in ids[:61]) >= 61


def test_headline_format(theatre: Theatre) -> None:
    counts = Counts(date(2021, 7, 10), (("taliban", 61), ("nrf", 0), ("government", 14)), 0, 324, 399,
                    sides=Sides.of(theatre))
    # a party that holds nothing is left out, unless it is the incumbent
    assert counts.headline() == (
        "Taliban 61, Government 14, contested 0, no reports 324 of 399 districts as of 2021-07-10")
    counts = replace(counts, held=(("taliban", 61), ("nrf", 2), ("government", 0)))
    assert counts.headline().startswith("Taliban 61, NRF 2, Government 0, contested 0")


@pytest.fixture(scope="module")
def fast_extractor() -> Extractor:
    return Extractor(mode="fast")


def sample(name: str) -> Document:
    (doc,) = read_inputs([str(SAMPLES / f"{name}.txt")])
    assert isinstance(doc, Document)
    return doc


def test_undated_change_counts_from_the_publication_day(theatre: Theatre,
                                                        fast_extractor: Extractor) -> None:
    conn = connect(":memory:")
    ex = fast_extractor.extract(sample("district_taken"))  # published 2021-07-06
    store.save_extraction(conn, replace(ex, control_changes=tuple(
        replace(c, date=None) for c in ex.control_changes)))
    states, counts = compile_control(conn, theatre, date(2021, 7, 5))
    assert state(states, PANJWAI) == (None, None)
    states, counts = compile_control(conn, theatre, date(2021, 7, 6))
    assert state(states, PANJWAI) == ("taliban", date(2021, 7, 6))
    assert counts.headline() == (
        "Taliban 1, Government 0, contested 0, no reports 398 of 399 districts as of 2021-07-06")


def test_samples_compile_to_a_headline(theatre: Theatre, fast_extractor: Extractor) -> None:
    conn = connect(":memory:")
    for name in ("district_taken", "spelling_variant", "several_districts", "district_retaken",
                 "district_anaphora", "failed_attack", "denial", "unknown_district"):
        store.save_extraction(conn, fast_extractor.extract(sample(name)))
    states, counts = compile_control(conn, theatre, date(2021, 7, 10))
    # Panjwai (twice), three Kunduz districts, Imam Sahib; Malistan is retaken on 2021-07-16
    assert counts.headline() == (
        "Taliban 5, Government 0, contested 0, no reports 394 of 399 districts as of 2021-07-10")
    assert state(states, MALISTAN) == (None, None)
    assert state(states, PANJWAI) == ("taliban", date(2021, 7, 4))
    (p,) = [s for s in states if s.district_id == PANJWAI]
    # both reports date the fall to 2021-07-04: one event, two sources from two outlets the
    # theatre does not know (F), both attributed (2): independent, so credibility 1; the
    # evidence shown is the first report's
    assert p.observation is not None and p.observation.published == date(2021, 7, 6)
    assert (p.sources, p.grade, len(p.events), p.events[0].reports) == (2, "F1", 1, 2)
    states, counts = compile_control(conn, theatre, date(2021, 7, 20))
    assert state(states, MALISTAN) == ("government", date(2021, 7, 16))
    assert (counts["taliban"], counts["government"]) == (5, 1)
