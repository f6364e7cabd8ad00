"""A third side in a theatre: men named by whom they fight for, by a word any side's men are called,
or by whom they fight against (the NRF in Afghanistan, August 2021; the KNU and KIA in Myanmar).

- "militias loyal to P", "fighters aligned with P", "P-aligned/P-backed militias", "local fighters
  backed by P": P is the one acting (a word of allegiance, not a companion);
- a generic word ("fighters", "local fighters", "militias") that the theatre gives its default captor
  is another side's where this or the sentence before tells men rising up against the default captor,
  another side acting, or the default captor itself retaking: the last other side the report named;
- "anti-P fighters", "fighters opposed to P" are never P.

The sentences are written here in the styles of wires, exile and local press and analysts.
"""

from __future__ import annotations

from datetime import date

import pytest

from khabar.extract.pipeline import Extractor
from khabar.records import ControlChange, Document, document_id

MONDAY = date(2021, 8, 23)
SUNDAY_MM = date(2024, 1, 14)


@pytest.fixture(scope="module")
def afghan() -> Extractor:
    return Extractor("afghanistan_2021", mode="fast")


@pytest.fixture(scope="module")
def myanmar() -> Extractor:
    return Extractor("myanmar_2021_24", mode="fast")


def records(ex: Extractor, text: str, published: date = MONDAY) -> list[ControlChange]:
    return list(ex.extract(Document(document_id(text), text, published=published)).control_changes)


def changes(ex: Extractor, text: str, published: date = MONDAY) -> list[tuple[str, str]]:
    return [(c.district, c.controller) for c in records(ex, text, published)]


@pytest.mark.parametrize("text, expected", [
    ("Militias loyal to the National Resistance Front seized Deh Salah on Friday, residents said.",
     [("Deh Salah", "nrf")]),
    ("Local gunmen loyal to the NRF overran the centre of Andarab district on Friday, two elders told us.",
     [("Andarab", "nrf")]),
    ("Fighters aligned with the resistance front took Pul-e-Hesar on Friday, a local official said.",
     [("Pul-e-Hesar", "nrf")]),
    ("Former soldiers, who are loyal to the NRF, captured Deh Salah district on Friday.", [("Deh Salah", "nrf")]),
])
def test_men_loyal_to_a_side_are_that_sides(afghan: Extractor, text: str, expected: list[tuple[str, str]]) -> None:
    assert changes(afghan, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("NRF-aligned fighters took Pul-e-Hesar district on Friday.", [("Pul-e-Hesar", "nrf")]),
    ("NRF-backed local fighters seized Andarab on Friday, according to residents.", [("Andarab", "nrf")]),
    ("Local fighters backed by the National Resistance Front overran Deh Salah on Friday.", [("Deh Salah", "nrf")]),
    ("Fighters supported by the resistance front captured Andarab district late on Friday.", [("Andarab", "nrf")]),
])
def test_aligned_or_backed_men_are_that_sides(afghan: Extractor, text: str, expected: list[tuple[str, str]]) -> None:
    assert changes(afghan, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Militias loyal to the KNU seized Hpapun on Sunday, residents said.", [("Hpapun", "knla")]),
    ("KNU-backed local militias captured Hpapun on Saturday.", [("Hpapun", "knla")]),
    ("Local fighters backed by the KIA took Bhamo on Sunday, a resident said.", [("Bhamo", "kia")]),
])
def test_allegiance_is_language_level_myanmar(myanmar: Extractor, text: str, expected: list[tuple[str, str]]) -> None:
    # (the Myanmar lexicon gives "militia" to the military: the side named after the allegiance wins)
    assert changes(myanmar, text, SUNDAY_MM) == expected


def test_a_named_force_backed_by_another_stays_its_own(afghan: Extractor, myanmar: Extractor) -> None:
    # "backed by" names the side only for men called by a generic word
    # (told before the republic fell: after it, what the government would regain is the NRF's)
    assert changes(afghan, "Government troops backed by local militias retook Andarab on Friday.",
                   date(2021, 8, 11)) == [("Andarab", "government")]
    assert changes(myanmar, "The TNLA backed by PDF units seized Kyaukme on Saturday.", SUNDAY_MM) == \
        [("Kyaukme", "tnla")]


@pytest.mark.parametrize("text, expected", [
    # men rising up against the default captor in the sentence itself, a side named before
    ("Local fighters opposed to the Taliban seized three districts in Baghlan on Friday, a resistance "
     "commander said. The fighters took the centres of Deh Salah and Andarab, he said, after villagers "
     "rose up against Taliban units.", [("Deh Salah", "nrf"), ("Andarab", "nrf")]),
    # the default captor named retaking, later in the sentence
    ("The National Resistance Front says its men are still in the mountains. Elsewhere the story is the "
     "same. Local fighters took Deh Salah and Andarab on Friday and lost them soon after, when the "
     "Taliban retook the valley.", [("Deh Salah", "nrf"), ("Andarab", "nrf")]),
    # another side named acting in the sentence before
    ("NRF commanders led an uprising in Baghlan on Friday. By nightfall the fighters had taken "
     "Pul-e-Hesar district, residents said.", [("Pul-e-Hesar", "nrf")]),
    ("Anti-Taliban militias loyal to Ahmad Massoud's front rose in the north on Friday, the NRF said. "
     "Militants captured Khinjan district the same day, according to a local elder.", [("Khinjan", "nrf")]),
])
def test_a_generic_word_is_the_side_the_report_tells_fighting_the_default_captor(
        afghan: Extractor, text: str, expected: list[tuple[str, str]]) -> None:
    assert changes(afghan, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Fighters took Andarab on Friday, the Taliban said.", [("Andarab", "taliban")]),
    ("The NRF said it would defend Panjshir. Fighters captured Khinjan district on Friday, police said.",
     [("Khinjan", "taliban")]),
    ("Insurgents overran Deh Salah on Friday after government troops withdrew.", [("Deh Salah", "taliban")]),
])
def test_without_such_a_report_the_generic_word_keeps_the_theatres_side(
        afghan: Extractor, text: str, expected: list[tuple[str, str]]) -> None:
    # ("the NRF said it would defend" is a side speaking, not acting: no uprising told)
    assert changes(afghan, text) == expected


@pytest.mark.parametrize("text", [
    "Anti-Taliban fighters captured Deh Salah on Friday, residents said.",
    "The Taliban said on Monday the valley was calm. Anti-Taliban gunmen had seized Andarab on Friday.",
    "Local militias opposed to the Taliban overran Pul-e-Hesar district on Friday, a Taliban commander said.",
])
def test_anti_p_fighters_are_never_p(afghan: Extractor, text: str) -> None:
    assert all(c.controller != "taliban" for c in records(afghan, text))


def test_anti_p_fighters_are_the_other_side_the_report_named(afghan: Extractor) -> None:
    text = ("The National Resistance Front called for an uprising on Thursday. Anti-Taliban fighters "
            "captured Deh Salah on Friday, residents said.")
    assert changes(afghan, text) == [("Deh Salah", "nrf")]


@pytest.mark.parametrize("text, expected", [
    ("The Taliban took Kabul on Sunday. On Friday resistance fighters took the district centres of "
     "Deh Salah and Andarab, residents said.", [("Kabul", "taliban"), ("Deh Salah", "nrf"), ("Andarab", "nrf")]),
    ("Kabul fell to the Taliban last week. NRF units seized the district centre of Andarab on Friday.",
     [("Kabul", "taliban"), ("Andarab", "nrf")]),
    ("The Taliban captured Kabul on Sunday. Militias loyal to the NRF overran the district centre of "
     "Pul-e-Hesar on Friday.", [("Kabul", "taliban"), ("Pul-e-Hesar", "nrf")]),
])
def test_the_district_centre_of_a_named_place_is_that_place(
        afghan: Extractor, text: str, expected: list[tuple[str, str]]) -> None:
    # (not also the place named in the sentence before)
    assert sorted(changes(afghan, text)) == sorted(expected)
