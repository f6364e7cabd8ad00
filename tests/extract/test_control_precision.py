"""Places a sentence names that did not change hands, though a trigger stands near them.

- What an -ing form ("taking", "seizing", "capturing") takes follows it: the place before it is the
  object of another verb or a place that only locates ("closing in on Kabul after taking Ghazni").
- A place after a trigger but behind a predicate of its own ("and are pressing on X", "turned to X and
  Y") or a relative clause on the object ("..., whose militia had defended X") is not what it took.
- A city (a provincial capital, or "X city") that a side entered, swept, stormed or poured into is
  not yet taken: cities are entered and fought over for days. Entered unopposed, "without a
  fight" or after its defenders or rulers left it, it is taken; a district centre entered is taken.

The sentences are written here in the styles of wires, local and regional press and analysts; each
is read by both pipelines.
"""

from __future__ import annotations

from datetime import date

import pytest

from khabar.extract.pipeline import Extractor
from khabar.records import ControlChange, Document, document_id

SATURDAY = date(2021, 8, 14)


@pytest.fixture(scope="module", params=["fast", "standard"])
def afghan(request: pytest.FixtureRequest) -> Extractor:
    return Extractor("afghanistan_2021", mode=request.param)


def changes(ex: Extractor, text: str, published: date = SATURDAY) -> list[tuple[str, str]]:
    recs: list[ControlChange] = list(ex.extract(Document(document_id(text), text, published=published)).control_changes)
    return [(c.district, c.controller) for c in recs]


@pytest.mark.parametrize("text, expected", [
    # wire
    ("The insurgents are closing in on Kabul after taking Ghazni on Thursday, officials said.",
     [("Ghazni", "taliban")]),
    # local press
    ("Taliban fighters moved towards Pul-e-Khumri after seizing Kunduz city on Sunday.", [("Kunduz city", "taliban")]),
    # regional paper
    ("The militants advanced on Lashkar Gah from the north, capturing Nad Ali district on Friday.",
     [("Nad Ali", "taliban")]),
    # analysis: no place follows the -ing form
    ("Herat has been under pressure for weeks, with the Taliban taking more ground each day.", []),
])
def test_what_an_ing_form_takes_follows_it(afghan: Extractor, text: str, expected: list[tuple[str, str]]) -> None:
    assert changes(afghan, text) == expected


@pytest.mark.parametrize("text, expected", [
    # wire
    ("Taliban fighters entered Kandahar city on Thursday night, a provincial council member said.", []),
    # local press
    ("Hundreds of insurgents swept into Lashkar Gah on Friday as government troops held the governor's "
     "compound.", []),
    # regional paper: "the city" after its name
    ("The Taliban stormed into Herat on Thursday. Residents said the militants were roaming the city.", []),
    # unopposed: taken
    ("The Taliban entered Kabul on Sunday without a fight, officials said.", [("Kabul", "taliban")]),
    ("Taliban forces rolled into Mazar-i-Sharif unopposed on Saturday evening.", [("Mazar-i-Sharif", "taliban")]),
    # a district centre entered: taken
    ("The insurgents entered the centre of Sangin district on Monday after troops withdrew.",
     [("Sangin", "taliban")]),
])
def test_a_city_entered_is_not_yet_taken(afghan: Extractor, text: str, expected: list[tuple[str, str]]) -> None:
    assert changes(afghan, text) == expected


@pytest.mark.parametrize("text, expected", [
    # wire: a spokesman quoted on a counter-offensive
    ('"The army launched an operation in Kohistan district at dawn and recaptured it within hours," '
     'the corps spokesman told the agency.', [("Kohistan", "government")]),
    # local press
    ('"Commandos have retaken the centre of Qaisar district and the enemy has fled," a provincial '
     'police spokesman said.', [("Qaisar", "government")]),
    # regional paper
    ('"Security forces reclaimed Dawlatabad district last night after heavy clashes," the governor told '
     'reporters.', [("Dawlatabad", "government")]),
])
def test_a_retaking_told_in_quotation_marks_is_recorded(afghan: Extractor, text: str,
                                                       expected: list[tuple[str, str]]) -> None:
    assert changes(afghan, text, date(2021, 7, 20)) == expected


def test_a_retaking_in_quotation_marks_that_names_no_side_gives_no_record(afghan: Extractor) -> None:
    # the captor's own words: "liberated" names nobody, and the incumbent is not the one
    text = '"Kandahar, the city of the martyrs, has been liberated completely," the group said in a statement.'
    assert changes(afghan, text, date(2021, 8, 13)) == []


@pytest.mark.parametrize("text", [
    '"We have captured Kohistan district and the enemy has fled," a Taliban spokesman said on Twitter.',
    '"Mujahideen took Qaisar last night," the group said in a statement.',
])
def test_a_capture_told_in_quotation_marks_stays_a_claim(afghan: Extractor, text: str) -> None:
    assert changes(afghan, text, date(2021, 7, 20)) == []


@pytest.mark.parametrize("text, expected", [
    # wire: a second predicate of the same subject
    ("The Taliban have seized eight provincial capitals in a week and are pressing on Mazar-i-Sharif and "
     "Kandahar.", []),
    # local press: where the fighters turned next
    ("Having seized Kunduz on Sunday, the insurgents turned to Khanabad and Pul-e-Khumri.", [("Kunduz", "taliban")]),
    # regional paper: a relative clause on the object
    ("The militants seized Sheberghan on Friday, the seat of a warlord whose militia had long defended "
     "Mazar-i-Sharif.", [("Sheberghan", "taliban")]),
    # analysis: a plain list stays one object
    ("The Taliban seized Ghoryan, Kohsan and Zinda Jan districts on Friday, officials said.",
     [("Ghoryan", "taliban"), ("Kohsan", "taliban"), ("Zinda Jan", "taliban")]),
])
def test_a_place_behind_a_predicate_of_its_own_was_not_taken(afghan: Extractor, text: str,
                                                             expected: list[tuple[str, str]]) -> None:
    assert changes(afghan, text) == expected


@pytest.mark.parametrize("text, expected", [
    # wire
    ("The insurgents entered Kabul on the evening of August 15, hours after the president left the country.",
     [("Kabul", "taliban")]),
    # local press
    ("Taliban fighters swept into Herat city on Thursday after government troops withdrew to the airport.",
     [("Herat city", "taliban")]),
    # regional paper
    ("Taliban units rolled into Lashkar Gah on Friday, a day after the last commandos had pulled out.",
     [("Lashkar Gah", "taliban")]),
])
def test_a_city_entered_after_its_defenders_left_is_taken(afghan: Extractor, text: str,
                                                         expected: list[tuple[str, str]]) -> None:
    assert changes(afghan, text) == expected
