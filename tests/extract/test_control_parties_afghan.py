"""Who gains a place in Afghanistan, read through the theatre's data (lexicon.csv, parties.csv).

The theatre sets a default captor (a capture with no captor named is the Taliban's), its generic
force words map to a side through its lexicon ("militants" the Taliban's, "troops" the
government's), and the NRF is a party of its own. Three or more phrasings a rule, in the styles of
wires, Afghan outlets and regional papers. Published Wednesday 2021-08-25 unless told otherwise
(the government's gains on Wednesday 2021-07-28, before the republic fell).
"""

from __future__ import annotations

from datetime import date

import pytest

from khabar.extract.pipeline import Extractor
from khabar.records import ControlChange, Document, document_id

WEDNESDAY = date(2021, 8, 25)
# the government's own gains are told before the republic fell (15 August): after it, what it
# would regain is the resistance's (tests/extract/test_control_successor.py)
BEFORE_FALL = date(2021, 7, 28)


def records(ex: Extractor, text: str, published: date = WEDNESDAY) -> list[ControlChange]:
    return list(ex.extract(Document(document_id(text), text, published=published)).control_changes)


def changes(ex: Extractor, text: str, published: date = WEDNESDAY) -> list[tuple[str, str]]:
    return [(c.district, c.controller) for c in records(ex, text, published)]


@pytest.mark.parametrize("text, expected", [
    ("NRF fighters retook Deh Salah on Friday.", [("Deh Salah", "nrf")]),
    ("Resistance forces captured Pul-e-Hesar on Friday, a local official said.", [("Pul-e-Hesar", "nrf")]),
    ("Banu district was occupied by the National Resistance Front on Friday.", [("Banu", "nrf")]),
    ("Fighters loyal to the resistance front seized Deh Salah on Friday.", [("Deh Salah", "nrf")]),
])
def test_the_third_party_named_gains_what_it_takes(fast_extractor: Extractor, text: str,
                                                    expected: list[tuple[str, str]]) -> None:
    assert changes(fast_extractor, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Militants seized Sangin on Monday.", [("Sangin", "taliban")]),
    ("Insurgents overran Sangin on Monday, police said.", [("Sangin", "taliban")]),
    ("Troops recaptured Sangin on Monday.", [("Sangin", "government")]),
    ("Security forces retook Sangin district on Monday, the defence ministry said.", [("Sangin", "government")]),
    ("Sangin fell on Monday.", [("Sangin", "taliban")]),  # the theatre's default captor
])
def test_generic_force_words_name_a_side_through_the_theatre_lexicon(
        fast_extractor: Extractor, text: str, expected: list[tuple[str, str]]) -> None:
    assert changes(fast_extractor, text, BEFORE_FALL) == expected


@pytest.mark.parametrize("text, expected", [
    # a name and the force noun after it are one: the name's side
    ("Pro-government fighters retook Sangin on Monday.", [("Sangin", "government")]),
    ("Taliban forces withdrew from Sangin on Monday.", [("Sangin", "government")]),
    ("Resistance front forces pulled out of Banu on Sunday.", [("Banu", "taliban")]),
    ("Government troops abandoned Sangin on Monday.", [("Sangin", "taliban")]),
])
def test_the_side_of_a_noun_phrase_is_its_first_name(fast_extractor: Extractor, text: str,
                                                     expected: list[tuple[str, str]]) -> None:
    assert changes(fast_extractor, text, BEFORE_FALL) == expected


@pytest.mark.parametrize("text, expected", [
    ("The Taliban, who had besieged the town for weeks, captured Khan Abad on Sunday.", [("Khan Abad", "taliban")]),
    ("Security forces, backed by US air strikes and militia fighters, retook Khan Abad on Sunday.",
     [("Khan Abad", "government")]),
    ("Afghan commandos, supported by local fighters, recaptured Khan Abad on Sunday.",
     [("Khan Abad", "government")]),
])
def test_a_side_inside_an_apposition_is_not_the_subject(fast_extractor: Extractor, text: str,
                                                        expected: list[tuple[str, str]]) -> None:
    assert changes(fast_extractor, text, BEFORE_FALL) == expected


@pytest.mark.parametrize("text", [
    "The Taliban were determined to capture Lashkar Gah before the winter.",
    "The movement has made it a priority to seize Kunduz city.",
    "Mullah Yaqoob's fighters were sent north with the task to take control of Sheberghan.",
    "The Taliban captured most of Kunduz city on Sunday.",
    "Insurgents seized nearly all of Lashkar Gah by Tuesday, residents said.",
    "The Taliban took partial control of Ghazni city on Monday.",
    "Militants seized two army outposts and a battalion headquarters in Zhari on Monday.",
])
def test_an_aim_or_a_part_is_no_change(fast_extractor: Extractor, text: str) -> None:
    assert changes(fast_extractor, text) == []


@pytest.mark.parametrize("text, expected", [
    ("The Taliban attacked Zhari, Maiwand and Arghandab, and took dozens of policemen prisoner on Monday.", []),
    ("Insurgents shelled Nad Ali and Marja, and captured several army vehicles.", []),
    ("The Taliban besieged Khan Abad, Imam Sahib and Chahar Dara, and took the police commander captive.", []),
])
def test_a_list_before_another_verb_and_its_own_object_is_not_taken(fast_extractor: Extractor, text: str,
                                                                    expected: list[tuple[str, str]]) -> None:
    assert changes(fast_extractor, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The Taliban seized Zaranj late on Thursday and Sheberghan on Friday.",
     [("Zaranj", "2021-08-19"), ("Sheberghan", "2021-08-20")]),
    ("Insurgents overran Qalat on Monday and Spin Boldak district on Tuesday, officials said.",
     [("Qalat", "2021-08-23"), ("Spin Boldak", "2021-08-24")]),
    ("Government forces retook Dawlatabad on Saturday and Qaisar district on Sunday.",
     [("Dawlatabad", "2021-08-21"), ("Qaisar", "2021-08-22")]),
])
def test_coordinated_objects_take_the_day_of_their_own_conjunct(fast_extractor: Extractor, text: str,
                                                                expected: list[tuple[str, str]]) -> None:
    got = [(c.district, c.date.isoformat() if c.date else None) for c in records(fast_extractor, text)]
    assert got == expected


@pytest.mark.parametrize("text, expected", [
    ("The Taliban now control Torghundi.", ("taliban", "holding", "taliban")),
    ("Torghundi was abandoned by government forces on Monday.", ("taliban", "change", None)),
    ("Security forces recaptured Dawlatabad on Saturday.", ("government", "change", "government")),
    ("Dawlatabad fell on Saturday.", ("taliban", "change", None)),
])
def test_a_record_tells_its_kind_and_the_party_named_taking_the_place(
        fast_extractor: Extractor, text: str, expected: tuple[str, str, str | None]) -> None:
    (c,) = records(fast_extractor, text, BEFORE_FALL)
    assert (c.controller, c.kind, c.acting_party) == expected


@pytest.mark.parametrize("text, expected", [
    ("Taliban fighters captured Sangin on Monday, officials said.", ("officials", None, False)),
    ("Sangin fell to the Taliban on Monday, the Taliban said in a statement.", ("the Taliban", "taliban", False)),
    ("According to the Taliban, their fighters overran Sangin on Monday.", ("the Taliban", "taliban", False)),
    ("Sangin was reportedly captured on Monday, said Zabihullah Mujahid.", ("Zabihullah Mujahid", "taliban", True)),
    ("Commandos retook Sangin on Monday, Afghan security forces said.", ("Afghan security forces", "government",
                                                                          False)),
    ("Insurgents seized Sangin on Monday.", (None, None, False)),
])
def test_a_record_tells_who_the_sentence_attributes_it_to_and_its_hedge(
        fast_extractor: Extractor, text: str, expected: tuple[str | None, str | None, bool]) -> None:
    (c,) = records(fast_extractor, text)
    assert (c.speaker, c.speaker_party, c.hedged) == expected



@pytest.mark.parametrize("text, expected", [
    ("The Taliban said they had driven anti-Taliban fighters out of Deh Salah on Monday.",
     [("Deh Salah", "taliban")]),
    ("Taliban units pushed the anti-Taliban fighters from Pul-e-Hesar on Monday, residents said.",
     [("Pul-e-Hesar", "taliban")]),
    ("The NRF called for an uprising. Fighters opposed to the Taliban seized Deh Salah on Friday.",
     [("Deh Salah", "nrf")]),
    ("The resistance front urged Afghans to rise up. Anti-Taliban militiamen captured Banu on Friday.",
     [("Banu", "nrf")]),
])
def test_the_enemies_of_a_side_are_not_that_side(fast_extractor: Extractor, text: str,
                                                 expected: list[tuple[str, str]]) -> None:
    assert changes(fast_extractor, text) == expected
