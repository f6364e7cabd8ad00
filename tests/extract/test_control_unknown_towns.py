"""A named town or border crossing the gazetteer lacks is a place of its own, kept with a null id
as "X district" is ("the Foobar border crossing", "Foobar town", "the town of Foobar"): the
guidelines record named towns and crossings as written. Invented names, sentences written here in
wire, local, regional and analysis styles, both pipelines and both theatres."""

from __future__ import annotations

from datetime import date

import pytest

from khabar.extract.pipeline import Extractor
from khabar.records import Document, document_id

SATURDAY = date(2021, 7, 10)


@pytest.fixture(scope="module", params=["fast", "standard"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def changes(theatre: str, mode: str, text: str, published: date = SATURDAY) -> list[tuple[str, str | None, str]]:
    ex = Extractor(theatre, mode=mode)
    recs = ex.extract(Document(document_id(text), text, published=published)).control_changes
    return [(c.district, c.district_id, c.controller) for c in recs]


@pytest.mark.parametrize("text, expected", [
    # wire
    ("The Taliban seized the Zarkhandi border crossing with Turkmenistan on Friday, officials said.",
     [("Zarkhandi", None, "taliban")]),
    # local press
    ("Insurgents captured Qarabulaq town on Friday after government troops pulled back.",
     [("Qarabulaq", None, "taliban")]),
    # regional paper
    ("On Friday the militants took over the strategic town of Dashtabad, residents said.",
     [("Dashtabad", None, "taliban")]),
    # analysis: a river port
    ("The fall of the Sarkhab port on the Amu Darya gave the insurgents a second customs post.",
     [("Sarkhab", None, "taliban")]),
])
def test_a_named_town_or_crossing_not_in_the_gazetteer(mode: str, text: str, expected: list[tuple]) -> None:
    assert changes("afghanistan_2021", mode, text) == expected


@pytest.mark.parametrize("text", [
    # a town named only as where something happens, or a town across the border
    "Traders in the Pakistani border town of Zarkhandi said the crossing had closed.",
    "Families fled to the town of Qarabulaq on Friday.",
    "Fighting raged near Dashtabad town on Friday.",
])
def test_a_town_that_only_locates_is_no_change(mode: str, text: str) -> None:
    assert changes("afghanistan_2021", mode, text) == []


def test_a_known_crossing_keeps_its_district(mode: str) -> None:
    assert changes("afghanistan_2021", mode, "The Taliban captured Spin Boldak town on Friday.") == \
        [("Spin Boldak", "AF2711", "taliban")]


def test_a_town_the_gazetteer_lacks_in_another_theatre(mode: str) -> None:
    got = changes("myanmar_2021_24", mode, "The alliance captured the border town of Hpakantaung on Sunday.",
                  date(2023, 11, 14))
    assert got == [("Hpakantaung", None, "brotherhood")]
