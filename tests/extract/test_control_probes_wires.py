"""Control changes in phrasings of other wires (own sentences): "lost X to", "collapsed",
"where control is contested", an airport or the outskirts of a city that are not the city,
a crossing "at" a town, and the negatives each new phrase must leave alone.

Published Tuesday 2021-07-20 unless a test says otherwise; every test runs on both pipelines.
"""

from __future__ import annotations

from datetime import date

import pytest

from khabar.extract.pipeline import Extractor
from khabar.records import Document, document_id

TUESDAY = date(2021, 7, 20)


def changes(extractor: Extractor, text: str, published: date = TUESDAY) -> list[tuple[str, str | None, str, str | None]]:
    ex = extractor.extract(Document(document_id(text), text, published=published))
    return [(c.district, c.district_id, c.controller, c.date.isoformat() if c.date else None)
            for c in ex.control_changes]


@pytest.mark.parametrize("text,expected", [
    ("The government lost Shibar, Kahmard and Saighan districts to the Taliban in the past week.",
     [("Shibar", "AF1002", "taliban", None), ("Kahmard", "AF1004", "taliban", None),
      ("Saighan", "AF1003", "taliban", None)]),
    ("The government has lost Kahmard district to the Taliban, the district governor said.",
     [("Kahmard", "AF1004", "taliban", None)]),
    ("The insurgents lost Ghormach to Afghan forces on Sunday.", [("Ghormach", "AF3107", "government", "2021-07-18")]),
])
def test_lost_to_a_side_gives_the_district_to_that_side(any_extractor: Extractor, text: str,
                                                        expected: list[tuple[str, str, str, str | None]]) -> None:
    assert changes(any_extractor, text) == expected


@pytest.mark.parametrize("text,expected", [
    ("The district of Dand Patan in Paktia collapsed on Tuesday after a week-long siege.",
     [("Dand Patan", "AF1311", "taliban", "2021-07-20")]),
    ("Pashtun Kot district collapsed late on Friday after security forces withdrew, a lawmaker said.",
     [("Pashtun Kot", "AF2902", "taliban", "2021-07-16")]),
    ("The collapse of Khan Abad district on Sunday opened the road to Kunduz city.",
     [("Khan Abad", "AF1904", "taliban", "2021-07-18")]),
])
def test_a_district_that_collapsed_fell(any_extractor: Extractor, text: str,
                                        expected: list[tuple[str, str, str, str | None]]) -> None:
    assert changes(any_extractor, text) == expected


def test_contested_in_a_relative_clause_names_the_district_before(any_extractor: Extractor) -> None:
    text = "Heavy clashes are ongoing in Arghandab district, where control is contested."
    assert [(d, c) for d, _, c, _ in changes(any_extractor, text)] == [("Arghandab", "contested")]


def test_an_airport_is_not_its_city_and_a_coordinated_district_is_taken(any_extractor: Extractor) -> None:
    text = "Taliban militants took over the Tirin Kot airport and the nearby district of Dehrawud."
    assert changes(any_extractor, text) == [("Dehrawud", "AF2502", "taliban", None)]


def test_the_outskirts_of_a_city_are_not_the_city(any_extractor: Extractor) -> None:
    text = "Afghan forces on Monday recaptured Pul-e-Khumri's outskirts and the Dahana-i-Ghori district."
    assert changes(any_extractor, text) == [("Dahana-i-Ghori", "AF0902", "government", "2021-07-19")]


def test_a_crossing_at_a_town_is_the_town(any_extractor: Extractor) -> None:
    text = "Taliban fighters seized the border crossing at Torghundi on the Turkmen border, officials told AFP."
    assert changes(any_extractor, text) == [("Torghundi", "AF3207", "taliban", None)]


@pytest.mark.parametrize("text", [
    "The army lost 20 soldiers to the Taliban in Shibar district on Monday.",
    "Afghan forces lost dozens of men to Taliban attacks around Kunduz city.",
    "The ceasefire in Khan Abad collapsed on Monday.",
    "Government defences around Kunduz city collapsed on Sunday.",
    "Talks between elders and the Taliban over Ghormach collapsed.",
    "Heavy clashes are ongoing in Arghandab district, where the Taliban are besieging the district centre.",
    "The provincial capital of Lashkar Gah has been under siege for weeks, with Taliban fighters surrounding the city.",
    "The Taliban attacked Taloqan overnight but failed to capture the city, according to a local official.",
    "Security forces repelled a Taliban attack on Qala-e-Naw district, killing 20 insurgents.",
    "The Taliban have threatened to take Mazar-e-Sharif within days.",
    "Officials warn that Kunduz could fall to the Taliban if reinforcements do not arrive.",
    "The Interior Ministry denied that Ishkashim district had fallen to the insurgents.",
    "The ministry rejected reports that the Taliban had captured Shindand district.",
    "Taliban fighters seized the border post near Torghundi on Monday.",
    "The Taliban seized Kunduz's airport and the main road to Khan Abad on Monday.",
])
def test_losses_of_men_failed_attacks_and_forecasts_change_nothing(any_extractor: Extractor, text: str) -> None:
    assert changes(any_extractor, text) == []


def test_a_retreat_gives_up_the_district_left_not_the_one_reached(any_extractor: Extractor) -> None:
    text = "Government forces retreated from Yamgan district to the provincial capital, Faizabad, on Saturday."
    assert changes(any_extractor, text) == [("Yamgan", "AF1718", "taliban", "2021-07-17")]


def test_a_list_of_districts_after_a_colon_is_read_whole(any_extractor: Extractor) -> None:
    text = "The Taliban captured three districts of Badakhshan on Monday: Tishkan, Yaftal-e-Sufla and Arghanj Khwah."
    assert changes(any_extractor, text) == [("Tishkan", "AF1711", "taliban", "2021-07-19"),
                                            ("Yaftal-e-Sufla", "AF1704", "taliban", "2021-07-19"),
                                            ("Arghanj Khwah", "AF1703", "taliban", "2021-07-19")]


def test_fighters_storming_into_a_city_take_it_only_unopposed(any_extractor: Extractor) -> None:
    # a city entered is fought over for days (tests/extract/test_control_precision.py)
    text = "Taliban fighters stormed into Kunduz city on Sunday, officials said."
    assert changes(any_extractor, text) == []
    text = "Taliban fighters stormed into Kunduz city on Sunday without resistance, officials said."
    assert changes(any_extractor, text) == [("Kunduz city", "AF1901", "taliban", "2021-07-18")]


@pytest.mark.parametrize("text", [
    "Taliban fighters captured the district of Balkh on Wednesday.",
    "Taliban fighters captured Balkh district on Wednesday.",
])
def test_a_district_named_like_its_province_is_the_district(any_extractor: Extractor, text: str) -> None:
    assert changes(any_extractor, text) == [("Balkh", "AF2106", "taliban", "2021-07-14")]


def test_a_province_alone_is_no_district(any_extractor: Extractor) -> None:
    assert changes(any_extractor, "Taliban fighters captured most of Balkh on Wednesday.") == []


def test_districts_named_after_including_are_the_ones_taken(any_extractor: Extractor) -> None:
    text = ("The Taliban have surrounded Kandahar city and captured several districts around it, "
            "including Arghandab, Zhari and Panjwai.")
    assert [(d, i, c) for d, i, c, _ in changes(any_extractor, text)] == [
        ("Arghandab", "AF2702", "taliban"), ("Zhari", "AF2705", "taliban"), ("Panjwai", "AF2704", "taliban")]


def test_weapons_taken_in_districts_are_no_districts_taken(any_extractor: Extractor) -> None:
    assert changes(any_extractor, "The Taliban captured weapons in several districts, including Zhari and Panjwai.") == []


def test_another_district_of_a_province_is_not_its_namesake(any_extractor: Extractor) -> None:
    text = "Ali Abad, another district of Kunduz, fell to the insurgents on Sunday."
    assert [d for d, *_ in changes(any_extractor, text)] == ["Ali Abad"]


@pytest.mark.parametrize("text,expected", [
    ("Khan Abad district, which fell to the Taliban on Sunday, was retaken by commandos on Tuesday.",
     {("taliban", "2021-07-18"), ("government", "2021-07-20")}),
    ("Khan Abad, which the Taliban seized in June, was recaptured on Tuesday.",
     {("taliban", None), ("government", "2021-07-20")}),
    ("Khan Abad, which security forces retook on Monday, fell again on Tuesday.",
     {("government", "2021-07-19"), ("taliban", "2021-07-20")}),
])
def test_a_change_told_in_an_aside_and_the_main_verb_are_two(any_extractor: Extractor, text: str,
                                                             expected: set[tuple[str, str | None]]) -> None:
    assert {(c, d) for _, _, c, d in changes(any_extractor, text)} == expected


def test_an_aside_before_a_verb_of_no_change_gives_one(any_extractor: Extractor) -> None:
    text = "Khan Abad, which fell on Sunday, was quiet on Tuesday."
    assert changes(any_extractor, text) == [("Khan Abad", "AF1904", "taliban", "2021-07-18")]


@pytest.mark.parametrize("text,expected", [
    ("Shibar district was abandoned by government forces on Monday.", ("Shibar", "taliban", "2021-07-19")),
    ("Khan Abad was abandoned by the Taliban on Sunday.", ("Khan Abad", "government", "2021-07-18")),
    ("Khan Abad district is now controlled by the Taliban.", ("Khan Abad", "taliban", None)),
    ("Government forces have been pushed out of Khan Abad district.", ("Khan Abad", "taliban", None)),
    ("Security forces were forced to withdraw from Khan Abad district on Sunday.", ("Khan Abad", "taliban", "2021-07-18")),
    ("The Taliban were driven out of Khan Abad district on Sunday.", ("Khan Abad", "government", "2021-07-18")),
    ("The Taliban wrested control of Khan Abad district from government forces on Sunday.",
     ("Khan Abad", "taliban", "2021-07-18")),
    ("Elders negotiated the handover of Khan Abad district to the Taliban on Sunday.", ("Khan Abad", "taliban", "2021-07-18")),
    ("Government control over Khan Abad was restored on Sunday.", ("Khan Abad", "government", "2021-07-18")),
    ("Commandos restored government control over Khan Abad on Sunday.", ("Khan Abad", "government", "2021-07-18")),
])
def test_giving_up_holding_and_restoring_phrasings(any_extractor: Extractor, text: str,
                                                   expected: tuple[str, str, str | None]) -> None:
    assert [(d, c, day) for d, _, c, day in changes(any_extractor, text)] == [expected]


@pytest.mark.parametrize("text", [
    "The Taliban demanded the handover of Khan Abad district.",
    "The militants were driven out of Lashkar Gah's police headquarters after fierce fighting.",
    "Khan Abad district is still controlled by government forces.",
    "Dozens of families were forced to leave Khan Abad district.",
    "Residents of Khan Abad were evacuated on Sunday as fighting intensified.",
    "Kunduz city's hospital was evacuated on Sunday.",
    "The road to Khan Abad was abandoned after the bridge collapsed.",
    "Herat's economy collapsed after the border closed.",
])
def test_demands_parts_of_a_city_and_government_holdings_change_nothing(any_extractor: Extractor, text: str) -> None:
    assert changes(any_extractor, text) == []


def test_a_provincial_capital_named_after_its_province_is_one_place(any_extractor: Extractor) -> None:
    text = "The Taliban on Monday took the provincial capital of Samangan, Aybak, without a fight."
    assert changes(any_extractor, text, date(2021, 8, 11)) == [("Aybak", "AF2001", "taliban", "2021-08-09")]


def test_the_first_capital_to_fall_fell(any_extractor: Extractor) -> None:
    text = "Zaranj, capital of Nimroz province, became the first provincial capital to fall to the Taliban on Friday."
    assert changes(any_extractor, text, date(2021, 8, 11)) == [("Zaranj", "AF3401", "taliban", "2021-08-06")]


def test_a_district_cleared_of_insurgents_is_retaken(any_extractor: Extractor) -> None:
    text = ("Afghan forces launched an offensive in Kandahar's Arghandab district on Friday. "
            "Officials said the district was cleared of insurgents on Saturday.")
    assert changes(any_extractor, text, date(2021, 8, 11)) == [("Arghandab", "AF2702", "government", "2021-08-07")]


@pytest.mark.parametrize("text", [
    "Kunduz is the next provincial capital to be threatened by the Taliban.",
    "Officials said Kunduz was the first city to be attacked.",
    "The road between Khan Abad and Kunduz city was cleared of mines on Sunday.",
])
def test_attacks_threats_and_mines_cleared_change_nothing(any_extractor: Extractor, text: str) -> None:
    assert changes(any_extractor, text) == []


@pytest.mark.parametrize("text,expected", [
    ("The Taliban captured Ghazni city on Thursday. By Friday, government forces had recaptured the provincial capital.",
     [("Ghazni", "taliban", "2021-07-15"), ("Ghazni", "government", "2021-07-16")]),
    ("The Taliban seized Torghundi on Thursday. Commandos retook the border town on Friday.",
     [("Torghundi", "taliban", "2021-07-15"), ("Torghundi", "government", "2021-07-16")]),
])
def test_the_city_or_the_town_is_the_place_named_last(any_extractor: Extractor, text: str,
                                                       expected: list[tuple[str, str, str | None]]) -> None:
    assert [(d, c, day) for d, _, c, day in changes(any_extractor, text)] == expected


@pytest.mark.parametrize("text,named", [
    ("The Taliban overran Khan Abad district on Thursday. On Friday, they captured the provincial capital.",
     "Khan Abad"),
    ("Ghazni fell on Thursday. \"There was no help from Kabul,\" he said. The Taliban said they had captured the city.",
     "Ghazni"),
])
def test_the_city_is_no_place_that_is_not_a_capital_nor_the_last_named(any_extractor: Extractor, text: str,
                                                                       named: str) -> None:
    assert [(d, c, day) for d, _, c, day in changes(any_extractor, text)] == [(named, "taliban", "2021-07-15")]


@pytest.mark.parametrize("text", [
    "AFP reported that the Taliban had seized the Torkham crossing, a claim denied by the interior ministry.",
    "The Taliban seized Spin Boldak on Wednesday, which officials later denied.",
])
def test_a_change_denied_in_an_apposition_is_no_change(any_extractor: Extractor, text: str) -> None:
    assert changes(any_extractor, text) == []
