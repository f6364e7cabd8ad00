"""Once the incumbent is gone (theatre.json `incumbent_gone`), what it would regain is its successor's.

In Afghanistan the republic fell with Kabul on 15 August 2021: a district "recaptured" or "retaken
from the Taliban" after that day, by forces the sentence does not name or names with a word the
government's men were called ("local militias", "rebel forces", "soldiers"), was taken by the
resistance. A retaking dated before that day stays the government's, even in a later report.

The sentences are written here in the styles of wires, local and regional press and analysts.
"""

from __future__ import annotations

from datetime import date

import pytest

from khabar.extract.pipeline import Extractor
from khabar.records import ControlChange, Document, document_id
from khabar.theatres.loader import load

AFTER = date(2021, 8, 22)  # a Sunday, a week after Kabul fell
BEFORE = date(2021, 7, 25)


@pytest.fixture(scope="module", params=["fast", "standard"])
def afghan(request: pytest.FixtureRequest) -> Extractor:
    return Extractor("afghanistan_2021", mode=request.param)


def changes(ex: Extractor, text: str, published: date) -> list[tuple[str, str]]:
    recs: list[ControlChange] = list(ex.extract(Document(document_id(text), text, published=published)).control_changes)
    return [(c.district, c.controller) for c in recs]


@pytest.mark.parametrize("text, expected", [
    # wire
    ("Two districts of Baghlan province, Deh Salah and Pul-e-Hesar, were recaptured on Friday, a local "
     "commander told the agency.", [("Deh Salah", "nrf"), ("Pul-e-Hesar", "nrf")]),
    # local press: a generic word the government's men were called
    ("Local militia groups have retaken Andarab district from the Taliban, residents said on Saturday.",
     [("Andarab", "nrf")]),
    # regional outlet: "rebel forces" names no side the lexicon knows
    ("According to local media, Deh Salah district has been recaptured by rebel forces after a night of "
     "fighting.", [("Deh Salah", "nrf")]),
    # analysis: the Taliban lost control, told from their side
    ("The Taliban lost control of Pul-e-Hesar district on Friday, their first setback in the north in weeks.",
     [("Pul-e-Hesar", "nrf")]),
])
def test_a_retaking_after_the_fall_is_the_successors(afghan: Extractor, text: str,
                                                      expected: list[tuple[str, str]]) -> None:
    assert changes(afghan, text, AFTER) == expected


@pytest.mark.parametrize("text, published, expected", [
    # the same wording before the fall: the government's
    ("Local militia groups have retaken Andarab district from the Taliban, residents said on Saturday.",
     BEFORE, [("Andarab", "government")]),
    ("Afghan forces recaptured Khanabad district on Friday, the defence ministry said.", BEFORE,
     [("Khanabad", "government")]),
    # a later report telling a retaking dated before the fall
    ("Government forces had recaptured Khanabad district on June 14, weeks before the collapse.", AFTER,
     [("Khanabad", "government")]),
])
def test_a_retaking_before_the_fall_stays_the_incumbents(afghan: Extractor, text: str, published: date,
                                                          expected: list[tuple[str, str]]) -> None:
    assert changes(afghan, text, published) == expected


def test_captures_by_the_default_captor_are_untouched(afghan: Extractor) -> None:
    text = "Taliban fighters overran Deh Salah district again on Monday, a resident said."
    assert changes(afghan, text, AFTER) == [("Deh Salah", "taliban")]


def test_a_theatre_whose_incumbent_stands_keeps_its_gains() -> None:
    theatre = load("myanmar_2021_24")
    assert not theatre.config.get("incumbent_gone")
    ex = Extractor("myanmar_2021_24", mode="fast")
    text = "Regime troops recaptured Kawlin town on Sunday after a week of fighting, residents said."
    assert changes(ex, text, date(2023, 12, 10)) == [("Kawlin", load("myanmar_2021_24").incumbent)]
