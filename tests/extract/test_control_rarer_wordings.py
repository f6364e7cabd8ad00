"""Rarer wordings of a change of hands, each in several outlets' styles (wire, local, regional,
analysis), both pipelines: a headline-style present tense ("Insurgents capture X"), control
established / extended over a place, a place run by a side, slipped out of government control or
lost grip on, the latest to be lost, a side's flag flying over it, a place gone to a side, won or
clawed back, a side pushed back out of it. And what these words say of no change of hands."""

from __future__ import annotations

from datetime import date

import pytest

from khabar.extract.pipeline import Extractor
from khabar.records import Document, document_id

SATURDAY = date(2021, 7, 10)


@pytest.fixture(scope="module", params=["fast", "standard"])
def extractor(request: pytest.FixtureRequest) -> Extractor:
    return Extractor("afghanistan_2021", mode=str(request.param))


def changes(ex: Extractor, text: str) -> list[tuple[str, str, str | None]]:
    recs = ex.extract(Document(document_id(text), text, published=SATURDAY)).control_changes
    return [(c.district, c.controller, c.date.isoformat() if c.date else None) for c in recs]


@pytest.mark.parametrize("text, expected", [
    # a standfirst or caption in the present tense
    ("Insurgents capture Ghoryan district in Herat as the offensive gathers pace.", [("Ghoryan", "taliban", None)]),
    ("Taliban seize Kunduz, the third provincial capital to fall in three days.", [("Kunduz", "taliban", None)]),
    ("Militants take Khanabad after government troops pull back, officials say.", [("Khanabad", "taliban", None)]),
])
def test_present_tense_capture(extractor: Extractor, text: str, expected: list[tuple]) -> None:
    assert changes(extractor, text) == expected


@pytest.mark.parametrize("text", [
    "The Taliban could seize Kunduz within weeks, analysts warn.",
    "The insurgents may take Kabul in 90 days, US officials say.",
    "Talks will take place in Herat on Friday.",
    "Fighters take part in clashes near Kunduz, residents say.",
    "Afghan forces are trying to capture Khanabad back from the militants.",
])
def test_present_tense_forecasts_and_idioms_are_no_change(extractor: Extractor, text: str) -> None:
    assert changes(extractor, text) == []


@pytest.mark.parametrize("text, expected", [
    ("The Taliban established control over Khanabad district on Friday, a provincial official said.",
     [("Khanabad", "taliban", "2021-07-09")]),
    ("The insurgents have expanded their control to Khanabad and Ghoryan districts.",
     [("Khanabad", "taliban", None), ("Ghoryan", "taliban", None)]),
    ("On Friday the militants extended their control to Khanabad, residents said.",
     [("Khanabad", "taliban", "2021-07-09")]),
])
def test_control_established_or_extended(extractor: Extractor, text: str, expected: list[tuple]) -> None:
    assert changes(extractor, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Khanabad is now run by the Taliban, according to residents.", [("Khanabad", "taliban", None)]),
    ("Ghoryan district was governed by the Taliban by Friday, elders said.", [("Ghoryan", "taliban", "2021-07-09")]),
    ("Khanabad remains ruled by the insurgents.", [("Khanabad", "taliban", None)]),
    # a building run by someone is not the place
    ("A hospital in Khanabad run by the government was damaged on Friday.", []),
])
def test_a_place_run_by_a_side(extractor: Extractor, text: str, expected: list[tuple]) -> None:
    assert changes(extractor, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Khanabad slipped out of government control on Friday.", [("Khanabad", "taliban", "2021-07-09")]),
    ("The government lost its grip on Khanabad on Friday, officials admitted.", [("Khanabad", "taliban", "2021-07-09")]),
    ("Ghoryan is the latest district to be lost to the insurgents.", [("Ghoryan", "taliban", None)]),
    ("The district of Khanabad has gone to the Taliban, a lawmaker said.", [("Khanabad", "taliban", None)]),
    ("The Taliban's white flag now flies over Khanabad.", [("Khanabad", "taliban", None)]),
])
def test_a_place_lost_or_gone_to_a_side(extractor: Extractor, text: str, expected: list[tuple]) -> None:
    assert changes(extractor, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Afghan forces clawed back Khanabad on Friday.", [("Khanabad", "government", "2021-07-09")]),
    ("Security forces have won back the strategic district of Ghoryan, the ministry said.",
     [("Ghoryan", "government", None)]),
    ("The army pushed the Taliban back out of Khanabad on Friday.", [("Khanabad", "government", "2021-07-09")]),
    # what is won back is not always a place
    ("The Taliban won back support in Khanabad.", []),
])
def test_a_place_won_back(extractor: Extractor, text: str, expected: list[tuple]) -> None:
    assert changes(extractor, text) == expected


@pytest.mark.parametrize("text, expected", [
    # wire: the places after "followed by" change hands as the one before did, on their own day
    ("Khanabad fell on Friday, followed by Chardara and Aliabad on Saturday.",
     [("Khanabad", "taliban", "2021-07-09"), ("Chardara", "taliban", "2021-07-10"),
      ("Aliabad", "taliban", "2021-07-10")]),
    # regional paper
    ("Insurgents overran Dehrawud on Friday, followed by Chora, a police official said.",
     [("Dehrawud", "taliban", "2021-07-09"), ("Chora", "taliban", None)]),
    # analysis: capitals in a row, the later one with no day of its own
    ("Zaranj fell on Friday, closely followed by Sheberghan.",
     [("Zaranj", "taliban", "2021-07-09"), ("Sheberghan", "taliban", None)]),
    # what follows a meeting or an attack is no change
    ("The talks were followed by a meeting in Kunduz.", []),
    ("The attack on Kunduz was followed by clashes in Khanabad.", []),
])
def test_places_followed_by_others(extractor: Extractor, text: str, expected: list[tuple]) -> None:
    assert changes(extractor, text) == expected
