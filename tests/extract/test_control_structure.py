"""Changes of hands read from the structure of a sentence and of the report, not one wording at a time.

A list after a count continues it ("Five more districts fell on Sunday. They are A, B and C."); a list
that semicolons go on with is one object ("seized A in P1; B in P2; and C in P3"); "them" after a
trigger is the list before it; entering a place where the sentence tells fighting is no capture;
"except X" leaves X out; "a town in Y Township" tells where the place lies; "X, capital of P
province" is P's capital however the gazetteer spells it; a town of the gazetteer is a place.
"""

from __future__ import annotations

from datetime import date

import pytest

from khabar.extract.pipeline import Extractor
from khabar.records import Document

WEDNESDAY = date(2021, 7, 7)
MM_WEDNESDAY = date(2023, 11, 15)


@pytest.fixture(scope="module")
def myanmar() -> Extractor:
    return Extractor("myanmar", mode="fast")


def changes(ex: Extractor, text: str, published: date = WEDNESDAY) -> list[tuple[str, str]]:
    doc = Document(id="structure", text=text, title="", published=published)
    return [(c.district, c.controller) for c in ex.extract(doc).control_changes]


@pytest.mark.parametrize("text", [
    # wire
    "Five more districts fell to the Taliban on Sunday. They are Arghandab, Zhari and Panjwai.",
    # Afghan outlet
    "The insurgents have captured three other districts in the past two days. These districts are "
    "Arghandab, Zhari and Panjwai of Kandahar province.",
    # regional
    "Security sources said at least three districts were overrun on Sunday. Among them are Arghandab, "
    "Zhari and Panjwai.",
])
def test_a_list_after_a_count_continues_its_change(fast_extractor: Extractor, text: str) -> None:
    assert changes(fast_extractor, text) == [(n, "taliban") for n in ("Arghandab", "Zhari", "Panjwai")]


@pytest.mark.parametrize("text", [
    # a list after a sentence that counts nothing that changed hands
    "Five districts of Kandahar saw heavy fighting on Sunday. They are Arghandab, Zhari and Panjwai.",
    # a list two sentences after the count
    "Three districts fell on Sunday. Officials gave no details. They are Arghandab, Zhari and Panjwai.",
    # a count that is only threatened
    "Three more districts could fall within days. They are Arghandab, Zhari and Panjwai.",
])
def test_a_list_continues_only_a_count_of_places_that_changed_hands(fast_extractor: Extractor,
                                                                    text: str) -> None:
    assert changes(fast_extractor, text) == []


def test_myanmar_a_list_after_a_count(myanmar: Extractor) -> None:
    text = "Two more towns fell to the MNDAA on Monday. They are Hseni and Kunlong."
    assert changes(myanmar, text, MM_WEDNESDAY) == [("Hseni", "mndaa"), ("Kunlong", "mndaa")]


@pytest.mark.parametrize("text, expected", [
    ("The Taliban seized Argo and Kofab districts of Badakhshan; Warsaj in Takhar; and Panjwai in "
     "Kandahar province.", ["Argo", "Kofab", "Warsaj", "Panjwai"]),
    ("Insurgents have overrun Ghoryan district in Herat; Kohsan and Zurmat districts; and the Islam Qala "
     "crossing, officials said.", ["Ghoryan", "Kohsan", "Zurmat", "Islam Qala"]),
    ("Militants took Arghandab in Kandahar; Dand in Kandahar province; and Muqur in Ghazni.",
     ["Arghandab", "Dand", "Muqur"]),
])
def test_a_list_that_semicolons_go_on_with_is_one_object(fast_extractor: Extractor, text: str,
                                                          expected: list[str]) -> None:
    assert changes(fast_extractor, text) == [(n, "taliban") for n in expected]


def test_a_clause_after_a_semicolon_is_not_the_list(fast_extractor: Extractor) -> None:
    text = "The Taliban seized Argo district; security forces still hold Kofab in Badakhshan."
    assert changes(fast_extractor, text) == [("Argo", "taliban")]


@pytest.mark.parametrize("text", [
    "Security forces launched a counter-offensive in Ghoryan and Kohsan districts and have regained "
    "control of them.",
    "Commandos pushed into Ghoryan and Kohsan on Sunday and retook both of them, the ministry said.",
    "Afghan forces moved on Ghoryan and Kohsan districts overnight and recaptured them by dawn.",
])
def test_them_after_a_trigger_is_the_list_before_it(fast_extractor: Extractor, text: str) -> None:
    assert changes(fast_extractor, text) == [("Ghoryan", "government"), ("Kohsan", "government")]


@pytest.mark.parametrize("text", [
    "The insurgents attacked Ghoryan and Kohsan districts but failed to capture them.",
    "Reports from Ghoryan and Kohsan are too thin to say who held them on the day.",
])
def test_them_after_a_failed_or_uncertain_trigger_is_nothing(fast_extractor: Extractor, text: str) -> None:
    assert changes(fast_extractor, text) == []


@pytest.mark.parametrize("text", [
    "Taliban fighters entered Kunduz city on Monday and clashed with troops in its streets.",
    "Insurgents entered parts of Lashkar Gah overnight, where fighting went on into the morning.",
    "The militants entered Ghazni city on Thursday but were pushed back by commandos.",
])
def test_entering_a_place_where_fighting_goes_on_is_no_capture(fast_extractor: Extractor, text: str) -> None:
    assert changes(fast_extractor, text) == []


@pytest.mark.parametrize("text, name", [
    ("Taliban fighters entered Kunduz city unopposed on Monday.", "Kunduz city"),
    ("The insurgents entered Khan Abad early on Monday after security forces pulled back.", "Khan Abad"),
    ("The Taliban entered Ghazni without a fight on Thursday, a provincial council member said.", "Ghazni"),
])
def test_entering_a_place_unopposed_is_a_capture(fast_extractor: Extractor, text: str, name: str) -> None:
    assert changes(fast_extractor, text) == [(name, "taliban")]


@pytest.mark.parametrize("text, expected", [
    ("The Taliban took all districts of Badghis except Qala-e-Naw on Monday.", []),
    ("The insurgents have seized every district in the province except for Qala-e-Naw and Muqur.", []),
    ("Apart from Qala-e-Naw, the militants now hold every district centre of Badghis, and they captured "
     "Muqur on Friday.", [("Muqur", "taliban")]),
    ("All districts were overrun, with the exception of Qala-e-Naw, officials said.", []),
])
def test_except_x_is_no_change_of_x(fast_extractor: Extractor, text: str,
                                    expected: list[tuple[str, str]]) -> None:
    assert changes(fast_extractor, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Resistance forces are in control of Khampat, a town in Sagaing Region's Tamu Township, after driving "
     "out the army last week.", [("Khampat", "pdf")]),
    ("The KNDF captured Mawchi, a mining town in Kayah State's Hpasawng Township, on Sunday.",
     [("Mawchi", "karenni")]),
    ("The Chin National Army took Rihkhawdar, a border town in Falam Township, on Monday.",
     [("Rihkhawdar", "chin")]),
])
def test_myanmar_where_a_town_lies_is_not_what_was_taken(myanmar: Extractor, text: str,
                                                         expected: list[tuple[str, str]]) -> None:
    assert changes(myanmar, text, MM_WEDNESDAY) == expected


@pytest.mark.parametrize("text, name", [
    ("The Taliban seized Maidan Shar, capital of Wardak province, on Sunday, a spokesman said.", "Maidan Shar"),
    ("Insurgents overran Maidan Shahar, the provincial capital of Wardak, late on Saturday.", "Maidan Shahar"),
    ("Militants captured Meydan Shahr, the capital of central Wardak province, officials said.", "Meydan Shahr"),
])
def test_a_capital_named_with_its_province_is_that_provinces_capital(fast_extractor: Extractor, text: str,
                                                                     name: str) -> None:
    doc = Document(id="capital", text=text, title="", published=WEDNESDAY)
    found = [(c.district, c.district_id, c.controller) for c in fast_extractor.extract(doc).control_changes]
    assert found == [(name, "AF0401", "taliban")]


@pytest.mark.parametrize("text", [
    "Taliban militants took Argo, Kofab and Warsaj in Takhar province on Sunday.",
    "The Taliban have seized Argo, Kofab and Warsaj district, officials said.",
])
def test_a_name_in_a_list_of_places_is_a_place(fast_extractor: Extractor, text: str) -> None:
    assert [n for n, _ in changes(fast_extractor, text)] == ["Argo", "Kofab", "Warsaj"]


@pytest.mark.parametrize("text", [
    "The Taliban captured Ghoryan, Reuters reported.",
    "The Taliban captured Ghoryan and Kohsan, Mullah Omar said.",
    "Insurgents took Ghoryan and Kohsan, and Herat Ledger reported heavy losses.",
])
def test_a_name_after_a_list_that_is_no_place_is_left_out(fast_extractor: Extractor, text: str) -> None:
    assert {n for n, _ in changes(fast_extractor, text)} <= {"Ghoryan", "Kohsan"}


@pytest.mark.parametrize("text, expected", [
    ("The Taliban took power in Qalat on Monday after the governor fled.", [("Qalat", "taliban")]),
    ("Insurgents seized power in Qalat overnight, residents told the agency.", [("Qalat", "taliban")]),
    ("Taliban fighters are now in charge of Qalat, a tribal elder said.", [("Qalat", "taliban")]),
    ("Qalat is under Taliban rule, residents of the city said.", [("Qalat", "taliban")]),
    ("Qalat has been under the rule of the Taliban since Monday, officials said.", [("Qalat", "taliban")]),
    ("Government officials are still in charge of Qalat.", []),
])
def test_rarer_wordings_of_taking_or_holding_a_place(fast_extractor: Extractor, text: str,
                                                     expected: list[tuple[str, str]]) -> None:
    assert changes(fast_extractor, text) == expected


@pytest.mark.parametrize("text", [
    "The Taliban overran the district headquarters of Shinkay on Monday.",
    "Insurgents seized the district centre of Shinkay after a two-day battle, officials said.",
    "Militants captured the district center in Shinkay late on Sunday.",
])
def test_the_seat_of_a_district_is_the_district(fast_extractor: Extractor, text: str) -> None:
    assert changes(fast_extractor, text) == [("Shinkay", "taliban")]


@pytest.mark.parametrize("text", [
    "Since the fall of Kabul on Aug 15, the resistance has held out in the valley.",
    "Militias have fought the Taliban since their seizure of the capital Kabul on August 15.",
    "After the capture of Kabul on August 15, thousands crowded the airport.",
])
def test_a_capital_after_the_fall_of_is_the_city(fast_extractor: Extractor, text: str) -> None:
    assert [(c.district, c.controller, c.date) for c in fast_extractor.extract(
        Document(id="fall-of", text=text, title="", published=date(2021, 8, 20))).control_changes] == \
        [("Kabul", "taliban", date(2021, 8, 15))]


@pytest.mark.parametrize("text, expected", [
    # wire: a distance from a city
    ("A Taliban spokesman wrote that the insurgents captured Saydabad, 35 km west of Afghanistan's capital "
     "Kabul, after government forces retreated to Kabul.", [("Saydabad", "taliban")]),
    # Afghan outlet: a district near a provincial capital, then "the district"
    ("A council member confirmed the fall of Baharak district 20 kilometers away from Taloqan city, saying "
     "the Taliban overran the district on Friday.", [("Baharak", "taliban")]),
    # regional: a road that connects a city
    ("After the fall of Sayed Abad district, the official said a stretch of the highway, a road that "
     "connects the capital Kabul to the south, is now controlled by the Taliban.", [("Sayed Abad", "taliban")]),
    # analysis: where troops came from
    ("Commandos flown in from Kabul retook Ghoryan district on Monday.", [("Ghoryan", "government")]),
    ("Government forces fled Ghoryan and retreated into Herat city.", [("Ghoryan", "taliban")]),
])
def test_a_place_named_to_say_where_another_lies_did_not_change_hands(fast_extractor: Extractor, text: str,
                                                                       expected: list[tuple[str, str]]) -> None:
    assert changes(fast_extractor, text) == expected


@pytest.mark.parametrize("text", [
    "A government source in Jawzjan province confirmed the fall of Mardian district on Saturday.",
    "Security sources said the Taliban had captured Mardian district on Saturday.",
    "The government's spokesman acknowledged the fall of Mardian district to the insurgents on Saturday.",
])
def test_a_source_or_spokesman_of_a_side_is_not_the_side_acting(fast_extractor: Extractor, text: str) -> None:
    assert changes(fast_extractor, text) == [("Mardian", "taliban")]


@pytest.mark.parametrize("text, expected", [
    ("Officials said the insurgents had captured new district centres in two provinces - Nangarhar in the "
     "east and Herat in the west.", []),
    ("The Taliban gained ground in three provinces, Kandahar in the south, Herat in the west and Kunduz "
     "in the north, officials said.", []),
    ("Pul-e-Khumri in Baghlan and Farah in the west fell on August 10.", [("Pul-e-Khumri", "taliban"),
                                                                          ("Farah", "taliban")]),
])
def test_provinces_named_with_their_region_are_provinces(fast_extractor: Extractor, text: str,
                                                         expected: list[tuple[str, str]]) -> None:
    assert changes(fast_extractor, text) == expected


@pytest.mark.parametrize("text", [
    "The fall of Mardian would be the heaviest blow to the government this year.",
    "Analysts say the capture of Mardian could open the road to Sheberghan.",
    "The seizure of Mardian will leave the provincial capital exposed, a commander warned.",
])
def test_a_change_named_only_to_say_what_it_would_mean_is_none(fast_extractor: Extractor, text: str) -> None:
    assert changes(fast_extractor, text) == []


@pytest.mark.parametrize("text, expected", [
    ("The Taliban have reportedly taken the key cities of Herat, Kandahar and Ghazni in quick succession.",
     ["Herat", "Kandahar", "Ghazni"]),
    ("Insurgents overran the provincial capitals of Zaranj and Sheberghan within two days.", ["Zaranj", "Sheberghan"]),
    ("Militants captured the cities of Kunduz and Taloqan on Sunday, officials said.", ["Kunduz", "Taloqan"]),
])
def test_the_cities_of_a_list_are_cities(fast_extractor: Extractor, text: str, expected: list[str]) -> None:
    assert [n for n, _ in changes(fast_extractor, text)] == expected


@pytest.mark.parametrize("text", [
    "Security forces withdrew on Monday afternoon from the center of Hesarak, a strategic district.",
    "Government troops pulled out late on Sunday from Hesarak district, a local official said.",
    "Afghan forces retreated overnight from the centre of Hesarak after days of fighting.",
])
def test_a_withdrawal_with_its_time_before_the_place(fast_extractor: Extractor, text: str) -> None:
    assert changes(fast_extractor, text) == [("Hesarak", "taliban")]


@pytest.mark.parametrize("text, expected", [
    ("Fighting in the cities of Herat and Kandahar went on.", []),
    ("Fighting around Lashkar Gah went on into the night, residents said.", []),
    ("Ghoryan fell on Friday and Kohsan went on Sunday.", [("Ghoryan", "taliban"), ("Kohsan", "taliban")]),
])
def test_going_on_is_no_fall(fast_extractor: Extractor, text: str, expected: list[tuple[str, str]]) -> None:
    assert changes(fast_extractor, text) == expected
