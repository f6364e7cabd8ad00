"""Wordings and spellings of control changes that reports from other outlets use: a place "freed"
or "back under the control of" a side, a connector written with a space on one side ("Pul e-Hesar"),
a province whose capital the gazetteer spells another way ("Sar-e Pul" / "Sar-i-Pul"), and "took
power in" a provincial capital. Sentences written here in wire, local, regional and analysis styles."""

from __future__ import annotations

from datetime import date

import pytest

from khabar.extract.pipeline import Extractor
from khabar.records import Document, document_id

SATURDAY = date(2021, 7, 10)


@pytest.fixture(scope="module", params=["fast", "standard"])
def extractor(request: pytest.FixtureRequest) -> Extractor:
    return Extractor("afghanistan_2021", mode=str(request.param))


def changes(ex: Extractor, text: str) -> list[tuple[str, str | None, str, str | None]]:
    recs = ex.extract(Document(document_id(text), text, published=SATURDAY)).control_changes
    return [(c.district, c.district_id, c.controller, c.date.isoformat() if c.date else None) for c in recs]


@pytest.mark.parametrize("text, expected", [
    # wire
    ("Afghan commandos freed Khanabad district from the insurgents on Friday, the defence ministry said.",
     [("Khanabad", "AF1904", "government", "2021-07-09")]),
    # local press, passive
    ("Khanabad district has been freed, the army corps in the north said on Friday.",
     [("Khanabad", "AF1904", "government", "2021-07-09")]),
    # regional paper, passive with the day after the verb
    ("Dand-e-Ghori was freed on Friday after a two-day operation by security forces.",
     [("Dand-e-Ghori", "AF0902", "government", "2021-07-09")]),
    # analysis: the resistance frees a district (its side named as the subject)
    ("Government forces freed Ghoryan on Friday, a rare success in a summer of losses.",
     [("Ghoryan", "AF3211", "government", "2021-07-09")]),
])
def test_a_place_freed_is_retaken(extractor: Extractor, text: str, expected: list[tuple]) -> None:
    assert changes(extractor, text) == expected


@pytest.mark.parametrize("text", [
    "The Taliban freed 20 prisoners from Khanabad jail on Friday.",
    "Commandos freed 30 hostages held in Khanabad district on Friday.",
    "Three soldiers have been freed in Khanabad, the army said on Friday.",
    "Elders said the insurgents freed two teachers from custody in Ghoryan on Friday.",
])
def test_people_freed_in_a_place_change_nothing(extractor: Extractor, text: str) -> None:
    assert changes(extractor, text) == []


@pytest.mark.parametrize("text, expected", [
    # local press
    ("Pul-e-Hesar district is back under the control of the government, officials said on Friday.",
     [("Pul-e-Hesar", "AF0912", "government", "2021-07-09")]),
    # wire
    ("Khanabad was back under the control of the Taliban on Friday after government troops withdrew.",
     [("Khanabad", "AF1904", "taliban", "2021-07-09")]),
    # regional paper: "returned to the control of"
    ("On Friday Ghoryan returned to the control of the government after a week of fighting.",
     [("Ghoryan", "AF3211", "government", "2021-07-09")]),
    # analysis: "back in the hands of"
    ("By Friday the district of Khanabad was back in the hands of the Taliban.",
     [("Khanabad", "AF1904", "taliban", "2021-07-09")]),
])
def test_back_under_the_control_of_a_side(extractor: Extractor, text: str, expected: list[tuple]) -> None:
    assert changes(extractor, text) == expected


@pytest.mark.parametrize("text, expected", [
    # a space before the connector, a hyphen after it
    ("The districts of Bano and Pul e-Hesar were taken by the Taliban on Friday.",
     [("Bano", "AF0907", "taliban", "2021-07-09"), ("Pul e-Hesar", "AF0912", "taliban", "2021-07-09")]),
    # spaces on both sides
    ("Pul e Hesar fell to the Taliban on Friday, a local official said.",
     [("Pul e Hesar", "AF0912", "taliban", "2021-07-09")]),
    # another district spelled the same way
    ("The insurgents captured Qala e-Zal district on Friday.", [("Qala e-Zal", "AF1907", "taliban", "2021-07-09")]),
])
def test_connector_spellings_of_a_gazetteer_name(extractor: Extractor, text: str, expected: list[tuple]) -> None:
    assert changes(extractor, text) == expected


def test_a_spelled_name_in_a_list_is_not_cut_to_its_first_word(extractor: Extractor) -> None:
    got = changes(extractor, "The districts of Bano, Deh Saleh, Pul e-Hesar in Baghlan province were taken "
                             "by the Taliban on Friday.")
    assert [d for d, *_ in got] == ["Bano", "Deh Saleh", "Pul e-Hesar"]
    assert all(did for _, did, _, _ in got)


@pytest.mark.parametrize("text, expected", [
    # the province's name for its capital, spelled unlike the gazetteer's capital (Sar-i-Pul)
    ("The Taliban captured Sar-e Pul city on Friday.", [("Sar-e Pul", "AF2201", "taliban", "2021-07-09")]),
    ("Sar-e Pul fell to the Taliban on Friday, officials said.", [("Sar-e Pul", "AF2201", "taliban", "2021-07-09")]),
    ("Insurgents overran Sar-e Pul on Friday, the provincial council said.",
     [("Sar-e Pul", "AF2201", "taliban", "2021-07-09")]),
    # fighting in the province is not its capital changing hands
    ("Fighting raged in Sar-e Pul on Friday.", []),
])
def test_a_capital_named_by_its_province_spelled_another_way(extractor: Extractor, text: str,
                                                            expected: list[tuple]) -> None:
    assert changes(extractor, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The Taliban took power in Ghazni on Thursday.", [("Ghazni", "AF1101", "taliban", "2021-07-08")]),
    ("Insurgents have taken power in Kunduz, residents said on Thursday.",
     [("Kunduz", "AF1901", "taliban", "2021-07-08")]),
    ("On Thursday the militants seized power in Ghazni after the governor fled.",
     [("Ghazni", "AF1101", "taliban", "2021-07-08")]),
    # "in" a province without a change: the province
    ("The Taliban are strong in Ghazni, officials said on Thursday.", []),
])
def test_power_taken_in_a_capital(extractor: Extractor, text: str, expected: list[tuple]) -> None:
    assert changes(extractor, text) == expected


@pytest.mark.parametrize("text, expected", [
    # a name a trigger governs, spelled unlike every gazetteer spelling: its closest district
    ("The Taliban captured Shindan on Friday, officials said.", [("Shindan", "AF3214", "taliban", "2021-07-09")]),
    ("Karrukh fell to the insurgents on Friday.", [("Karrukh", "AF3204", "taliban", "2021-07-09")]),
    ("Government forces retook Shindan and Adraskan on Friday, the army said.",
     [("Shindan", "AF3214", "government", "2021-07-09"), ("Adraskan", "AF3209", "government", "2021-07-09")]),
])
def test_a_name_a_trigger_governs_spelled_another_way(extractor: Extractor, text: str, expected: list[tuple]) -> None:
    assert changes(extractor, text) == expected


@pytest.mark.parametrize("text", [
    # people, and names that spell no district closely, are no place
    "Taliban fighters captured Ismail Khan in a village on Friday.",
    "The Taliban captured Mujahid on Friday.",
    "The insurgents captured Barakzai, a local commander, on Friday.",
])
def test_a_person_a_trigger_governs_is_no_place(extractor: Extractor, text: str) -> None:
    assert changes(extractor, text) == []
