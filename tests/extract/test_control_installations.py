"""What a side takes inside a place is not the place: an installation in a city (the governor's
office, the prison, a TV building, police districts), a part of it named with a possessive ("X's
main square"), and a place after a verb of attack coordinated with the capture ("captured A and
attacked B"). Sentences written here in wire, local, regional and analysis styles, both pipelines."""

from __future__ import annotations

from datetime import date

import pytest

from khabar.extract.pipeline import Extractor
from khabar.records import Document, document_id

SATURDAY = date(2021, 7, 10)


@pytest.fixture(scope="module", params=["fast", "standard"])
def extractor(request: pytest.FixtureRequest) -> Extractor:
    return Extractor("afghanistan_2021", mode=str(request.param))


def places(ex: Extractor, text: str) -> list[tuple[str, str]]:
    recs = ex.extract(Document(document_id(text), text, published=SATURDAY)).control_changes
    return [(c.district, c.controller) for c in recs]


@pytest.mark.parametrize("text", [
    "The Taliban captured the governor's office in Lashkar Gah on Friday, officials said.",
    "Insurgents seized the central prison in Sheberghan and freed hundreds of inmates.",
    "Taliban fighters took control of the radio and television building in Lashkar Gah.",
    "The militants have captured nine of the 10 police districts in Lashkar Gah, a lawmaker said.",
    "The Taliban took control of the central jail of Sheberghan on Friday.",
])
def test_an_installation_in_a_city_is_not_the_city(extractor: Extractor, text: str) -> None:
    assert places(extractor, text) == []


@pytest.mark.parametrize("text", [
    "The Taliban captured Lashkar Gah's main square on Friday.",
    "Fighters overran Sheberghan's prison, residents said.",
    "The insurgents seized Kunduz's airport on Friday, according to officials.",
])
def test_a_part_of_a_place_named_with_a_possessive(extractor: Extractor, text: str) -> None:
    assert places(extractor, text) == []


@pytest.mark.parametrize("text, expected", [
    ("The Taliban captured the provincial capitals of Zaranj and Sheberghan, and attacked Lashkar Gah.",
     [("Zaranj", "taliban"), ("Sheberghan", "taliban")]),
    ("Insurgents took Zaranj and then besieged Lashkar Gah, officials said.", [("Zaranj", "taliban")]),
    ("The militants overran Taloqan and later shelled Pul-e-Khumri.", [("Taloqan", "taliban")]),
])
def test_a_place_after_a_verb_of_attack_is_not_taken(extractor: Extractor, text: str,
                                                     expected: list[tuple[str, str]]) -> None:
    assert places(extractor, text) == expected


@pytest.mark.parametrize("text, expected", [
    # the seat of a district is the district; a district named with its province's possessive is taken
    ("The Taliban captured the district centre of Khanabad on Friday.", [("Khanabad", "taliban")]),
    ("The Taliban captured the district headquarters of Ghoryan on Friday.", [("Ghoryan", "taliban")]),
    ("The Taliban captured Kunduz's Khanabad district on Friday.", [("Khanabad", "taliban")]),
    ("The Taliban captured Zaranj, Sheberghan and Taloqan on Friday.",
     [("Zaranj", "taliban"), ("Sheberghan", "taliban"), ("Taloqan", "taliban")]),
])
def test_the_place_itself_is_still_taken(extractor: Extractor, text: str, expected: list[tuple[str, str]]) -> None:
    assert places(extractor, text) == expected


@pytest.mark.parametrize("text", [
    # homes, markets, people of a place
    "The Taliban captured the home of the governor of Khanabad on Friday.",
    "Insurgents took control of the main bazaar of Khanabad, traders said.",
    "The militants seized the houses of two lawmakers from Ghoryan.",
    # a share of a place
    "The Taliban captured large swathes of Khanabad district.",
    "The insurgents have captured a large part of Khanabad district, a councillor said.",
    "Taliban fighters hold the bulk of Ghoryan, officials concede.",
])
def test_what_is_taken_in_or_of_a_place_is_not_the_place(extractor: Extractor, text: str) -> None:
    assert places(extractor, text) == []


def test_a_place_taken_before_homes_are_looted_is_still_taken(extractor: Extractor) -> None:
    assert places(extractor, "The Taliban captured Khanabad and the homes of officials were looted.") == \
        [("Khanabad", "taliban")]

