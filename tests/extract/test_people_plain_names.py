"""People the pipeline with no statistical NER names although no title stands before them.

"he said" and "the spokesman" reach only a person the rule pass has named; before this reading
the fast pipeline named only people after a title word. Every sentence here is written for the
test, in the styles of wire services, Afghan, regional and Myanmar outlets and analysis pieces;
none is taken from a report, and no name here is in a theatre's actors file.
"""

from __future__ import annotations

from datetime import date

import pytest

from khabar.extract.nlp import fast_pipeline
from khabar.extract.pipeline import Extractor
from khabar.records import Document, document_id


def people(text: str, theatre: str = "afghanistan_2021") -> list[str]:
    return [e.text for e in fast_pipeline(theatre)(text).ents if e.label_ == "PERSON"]


# -- a name after a role and a comma -----------------------------------------------------------

@pytest.mark.parametrize(("text", "name"), [
    ("The province's police chief, Abdul Hadi Rasooli, said the highway had been cut.", "Abdul Hadi Rasooli"),
    ("Kabul's deputy mayor, Sayed Jalal Hashimi, inspected the checkpoints at dawn.", "Sayed Jalal Hashimi"),
    ("The country's ambassador to Beijing, Javed Ahmad Qaderi, was quoted by state media.", "Javed Ahmad Qaderi"),
    ("A senior analyst at the institute, Marzia Noorzai Karimi, told the programme the front had moved.",
     "Marzia Noorzai Karimi"),
])
def test_a_name_after_a_role_and_a_comma_is_a_person(text: str, name: str) -> None:
    assert name in people(text)


# -- a name as the subject of a speech verb -----------------------------------------------------

@pytest.mark.parametrize(("text", "name"), [
    ("Shuhrat Nabiev Rahimov told the radio station that the crossing stayed open.", "Shuhrat Nabiev Rahimov"),
    ("After the meeting, Obaidullah Karimzada said the elders would return on Friday.", "Obaidullah Karimzada"),
    ("Roads were closed, and Parwin Sadat Ahmadzai warned that food would run out.", "Parwin Sadat Ahmadzai"),
    ("Ghazni resident Hamidullah Sabet Noorzai said the city would not be surrendered.",
     "Hamidullah Sabet Noorzai"),
])
def test_the_subject_of_a_speech_verb_is_a_person(text: str, name: str) -> None:
    assert name in people(text)


# -- a name after a speech verb that follows a quotation ----------------------------------------

@pytest.mark.parametrize(("text", "name"), [
    ("\u201cThe road to the airport is closed,\u201d said Wahid Omar Faizi, a shopkeeper.", "Wahid Omar Faizi"),
    ('"Nobody came to help us," added Gul Bibi Sultani.', "Gul Bibi Sultani"),
    ("\u201cWe will hold the town,\u201d wrote Saw Kler Htoo, on the group's page.", "Saw Kler Htoo"),
])
def test_a_name_after_a_quotation_and_its_verb_is_a_person(text: str, name: str) -> None:
    assert name in people(text)


# -- the last word of such a name, later on its own --------------------------------------------

@pytest.mark.parametrize(("text", "name"), [
    ("\u201cThe bridge is gone,\u201d said Wahid Omar Faizi, a shopkeeper. Faizi left the same day.", "Faizi"),
    ("The district's governor, Abdul Wahid Saberi, stayed. Hours later Saberi spoke to elders.", "Saberi"),
    ("Najiba Hamid Rahmani said schools were shut. By Friday, Rahmani had left for the capital.", "Rahmani"),
])
def test_a_surname_on_its_own_later_is_the_same_person(text: str, name: str) -> None:
    assert people(text).count(name) == 1 and any(p.endswith(" " + name) for p in people(text))


# -- capitalised words that are no person ------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The Provincial Council said the district had fallen overnight.",
    "Human Rights Watch said civilians had been killed in the shelling.",
    "Security Officials said the road was cut, and Interior Ministry Spokesman said nothing.",
    "Taliban Captures Another District In The North, Local Officials Say\nThe fighting went on.",
    "\u201cThe town is calm,\u201d said State Television on Sunday evening.",
])
def test_bodies_outlets_and_headlines_are_no_person(text: str) -> None:
    assert people(text) == []


# -- what it changes for a user: who says that a side holds a place ----------------------------

@pytest.mark.parametrize(("text", "name"), [
    ("\u201cWith the fall of the district centre the whole valley is now under Taliban control,\u201d said "
     "Abdul Qadir Mutahir, a member of the provincial council.", "Abdul Qadir Mutahir"),
    ("'The whole of the north is now under the control of the Taliban,' said Nazir Ahmad Hakimi, a former "
     "deputy governor.", "Nazir Ahmad Hakimi"),
    ("\u201cAll four districts are in the hands of the Taliban,\u201d said Gul Mohammad Rasuli, a tribal elder "
     "from the area.", "Gul Mohammad Rasuli"),
])
def test_who_says_a_side_holds_a_place_is_the_person_named(any_extractor: Extractor, text: str,
                                                            name: str) -> None:
    doc = Document(document_id(text), text, published=date(2021, 7, 9))
    claims = any_extractor.extract(doc).claims
    assert claims and all(c.claimant and name in c.claimant for c in claims), claims
