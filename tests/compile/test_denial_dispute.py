"""A denial is linked only to the places it names, disputes the change it denies until a report
confirms it, and never makes a control event, a claim or a holder of its own."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest

from khabar.compile.control_as_of import control_as_of, district_history, timeline
from khabar.compile.dedup import cluster_control
from khabar.compile.grading import Grader
from khabar.compile.holding import denial_observations
from khabar.compile.sides import Sides
from khabar.records import DistrictState, Observation
from khabar.store.sources import ReportMeta
from khabar.theatres.loader import Theatre

ARGHANDAB, KANDAHAR, SPIN_BOLDAK = "AF2702", "AF2701", "AF2711"
DAY = date(2021, 7, 11)
# one denial told three ways, each naming Arghandab and the province around it
DENIALS = (
    "the claim that Arghandab district of Kandahar province had fallen to the insurgents",
    "reports that Arghandab in Kandahar had been overrun overnight",
    "social media posts saying the Kandahar district of Arghandab was captured",
)


def denial(text: str, ids: list[str] | None, day: date = DAY, party: str | None = "government",
           doc: str = "ministry") -> dict[str, Any]:
    c = {"id": f"claim-{abs(hash(text)) % 10_000}", "document_id": doc, "stance": "denies", "text": text,
         "date": day.isoformat(), "evidence": f"The defence ministry rejected {text}.", "ev_start": 0,
         "review": None, "claimant_party": party}
    if ids is not None:
        c["district_ids"] = ids
    return c


def observations(theatre: Theatre, claims: list[dict[str, Any]]) -> list[Observation]:
    meta = {c["document_id"]: ReportMeta("Watan State Bulletin", "", "", DAY) for c in claims}
    return denial_observations(theatre, claims, meta)


def states(theatre: Theatre, grader: Grader, obs: list[Observation], day: date) -> dict[str, DistrictState]:
    return {s.district_id: s for s in control_as_of(theatre.districts, obs, day, grader=grader,
                                                     sides=Sides.of(theatre))}


@pytest.mark.parametrize("text", DENIALS)
def test_a_denial_is_linked_only_to_the_district_it_names(theatre: Theatre, text: str) -> None:
    (o,) = observations(theatre, [denial(text, [ARGHANDAB])])
    assert o.district_id == ARGHANDAB  # not Kandahar city for the province's name
    assert observations(theatre, [denial(text, [])]) == []  # extraction found no district: none


@pytest.mark.parametrize("text", DENIALS)
def test_a_partys_denial_alone_makes_no_event_claim_or_holder(
        theatre: Theatre, grader: Grader, text: str) -> None:
    obs = observations(theatre, [denial(text, [ARGHANDAB]), denial(DENIALS[0].replace("Arghandab", "Spin Boldak"),
                                                                   [SPIN_BOLDAK], doc="ministry2")])
    assert cluster_control(obs, grader) == []  # no control event of its own
    for s in states(theatre, grader, obs, DAY + timedelta(2)).values():
        assert (s.controller, s.claimed_by) == (None, None)
    _, history = district_history(theatre.districts[ARGHANDAB], obs, grader=grader, sides=Sides.of(theatre))
    assert history == []
    days = timeline(theatre.districts, obs, DAY, DAY + timedelta(2), grader=grader, sides=Sides.of(theatre))
    assert [c.events for c in days] == [0, 0, 0]


@pytest.mark.parametrize("text", DENIALS)
def test_a_partys_denial_disputes_the_change_until_a_report_confirms_it(
        theatre: Theatre, grader: Grader, obs: Callable[..., Observation], text: str) -> None:
    (d,) = observations(theatre, [denial(text, [ARGHANDAB])])
    fell = obs(ARGHANDAB, "taliban", DAY, outlet="Indus Herald", published=DAY)
    for day in (DAY, DAY + timedelta(9)):  # disputed for as long as nothing confirms it
        s = states(theatre, grader, [fell, d], day)[ARGHANDAB]
        assert s.controller == "contested"
        assert {e.controller for e in s.conflict} == {"taliban", "government"}
        assert any(e.id == d.record_id for e in s.conflict)  # the denial shown by its own record id
    assert states(theatre, grader, [fell, d], DAY)[KANDAHAR].controller is None
    confirmed = obs(ARGHANDAB, "taliban", DAY, outlet="Hindukush Wire", published=DAY + timedelta(3),
                    evidence="Arghandab fell to the Taliban on July 11 despite the ministry's denial.")
    s = states(theatre, grader, [fell, d, confirmed], DAY + timedelta(4))[ARGHANDAB]
    assert (s.controller, s.since) == ("taliban", DAY)
    events = cluster_control([fell, d, confirmed], grader)
    assert [(e.id, e.reports) for e in events] == [(f"{ARGHANDAB}-taliban-20210711", 2)]


def test_a_later_report_of_the_holding_confirms_the_disputed_change(
        theatre: Theatre, grader: Grader, obs: Callable[..., Observation]) -> None:
    from dataclasses import replace

    (d,) = observations(theatre, [denial(DENIALS[1], [ARGHANDAB])])
    fell = obs(ARGHANDAB, "taliban", DAY, outlet="Indus Herald", published=DAY)
    held = replace(obs(ARGHANDAB, "taliban", DAY + timedelta(30), outlet="Indus Herald",
                       evidence="The Taliban have controlled Arghandab since mid-July.", trigger="have controlled"),
                   kind="holding")
    s = states(theatre, grader, [fell, d, held], DAY + timedelta(31))[ARGHANDAB]
    assert (s.controller, s.since, s.held_as_of) == ("taliban", DAY, None)
