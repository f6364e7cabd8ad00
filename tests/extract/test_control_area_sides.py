"""A place the incumbent loses with no taker named ("the junta lost control of A, B and C", "A fell
on Monday") goes to the side the report last named when that side fights in the place's state or
region, else to the main side there (theatre.json `sides_by_area`). Towns taken from the
parties' notes; sentences written here in wire, local, regional and analysis styles, both pipelines."""

from __future__ import annotations

from datetime import date

import pytest

from khabar.extract.pipeline import Extractor
from khabar.records import Document, document_id
from khabar.theatres.loader import load

NOV = date(2023, 11, 14)


@pytest.fixture(scope="module", params=["fast", "standard"])
def extractor(request: pytest.FixtureRequest) -> Extractor:
    return Extractor("myanmar_2021_24", mode=str(request.param))


def takers(ex: Extractor, text: str) -> list[tuple[str, str]]:
    recs = ex.extract(Document(document_id(text), text, published=NOV)).control_changes
    return [(c.district, c.controller) for c in recs]


@pytest.mark.parametrize("text, expected", [
    # wire: a spokesman's admission, northern Shan
    ("The junta has lost control of Chinshwehaw and Kunlong in northern Shan State, a military spokesman said.",
     [("Chinshwehaw", "brotherhood"), ("Kunlong", "brotherhood")]),
    # local press: the regime's own bodies named as the loser, Sagaing
    ("Regime administrators and police have lost control of Kawlin and Tamu, residents said.",
     [("Kawlin", "pdf"), ("Tamu", "pdf")]),
    # regional paper: a fall with no taker, Chin
    ("Falam fell on Monday after weeks of fighting.", [("Falam", "chin")]),
    # analysis: Rakhine
    ("By the end of the month the military had lost control of Pauktaw.", [("Pauktaw", "aa")]),
])
def test_a_loss_with_no_taker_goes_to_the_side_fighting_there(extractor: Extractor, text: str,
                                                              expected: list[tuple[str, str]]) -> None:
    assert takers(extractor, text) == expected


@pytest.mark.parametrize("text, expected", [
    # a side the report names that fights there keeps the place
    ("The KIA attacked Indaw on Friday. Indaw fell on Sunday.", [("Indaw", "kia")]),
    ("The Arakan Army shelled Paletwa for a week. The town of Paletwa fell on Monday.", [("Paletwa", "aa")]),
    # (the Arakan Army fights in southern Chin too)
    ("The Arakan Army said on Friday it would press on. Falam fell on Monday.", [("Falam", "aa")]),
    # a side named that does not fight there does not take a place there
    ("The KNU said on Friday its brigades would press on. Falam fell on Monday.", [("Falam", "chin")]),
])
def test_the_side_named_before_keeps_a_place_where_it_fights(extractor: Extractor, text: str,
                                                            expected: list[tuple[str, str]]) -> None:
    assert takers(extractor, text) == expected


def test_every_area_side_is_a_party_opposing_the_incumbent() -> None:
    t = load("myanmar_2021_24")
    areas = {k: v for k, v in t.config["sides_by_area"].items() if k != "note"}
    assert areas and all(k in t.provinces for k in areas)
    for sides in areas.values():
        assert sides and all(s in t.parties and t.incumbent in t.opponents(s) for s in sides)


def test_a_theatre_without_areas_keeps_the_side_named() -> None:
    ex = Extractor("afghanistan_2021", mode="fast")
    text = "Government troops withdrew from Khanabad district on Friday."
    recs = ex.extract(Document(document_id(text), text, published=date(2021, 7, 10))).control_changes
    assert [(c.district, c.controller) for c in recs] == [("Khanabad", "taliban")]
