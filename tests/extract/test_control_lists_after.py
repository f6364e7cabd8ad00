"""A trigger whose subject is places it does not name ("Three districts fell", "the districts that
fell") names them in a list after a dash or after "were"/"include": each listed place is a record
of that trigger's side and day. Sentences written here in wire, local and regional styles."""

from __future__ import annotations

from datetime import date

import pytest

from khabar.extract.pipeline import Extractor
from khabar.records import Document, document_id

SATURDAY = date(2021, 7, 10)


@pytest.fixture(scope="module", params=["fast", "standard"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def changes(theatre: str, mode: str, text: str, published: date) -> list[tuple[str, str, str | None]]:
    ex = Extractor(theatre, mode=mode)
    recs = ex.extract(Document(document_id(text), text, published=published)).control_changes
    return [(c.district, c.controller, c.date.isoformat() if c.date else None) for c in recs]


@pytest.mark.parametrize("text, expected", [
    # wire: a list after a dash
    ("Three districts in Herat fell to the Taliban on Friday - Ghoryan, Kohsan and Zinda Jan.",
     [("Ghoryan", "taliban", "2021-07-09"), ("Kohsan", "taliban", "2021-07-09"), ("Zinda Jan", "taliban", "2021-07-09")]),
    # local press: dashes around the list
    ("Two more districts fell on Friday – Ghoryan and Kohsan – provincial officials said.",
     [("Ghoryan", "taliban", "2021-07-09"), ("Kohsan", "taliban", "2021-07-09")]),
    # regional paper: "the districts that fell ... were"
    ("The districts that fell on Friday were Ghoryan, Kohsan and Zinda Jan.",
     [("Ghoryan", "taliban", "2021-07-09"), ("Kohsan", "taliban", "2021-07-09"), ("Zinda Jan", "taliban", "2021-07-09")]),
    # a dash that opens no list: only the subject
    ("Ghoryan fell on Friday - a heavy blow, officials in Kohsan said.", [("Ghoryan", "taliban", "2021-07-09")]),
])
def test_afghan_lists_after_a_plural_subject(mode: str, text: str, expected: list[tuple[str, str, str]]) -> None:
    assert changes("afghanistan_2021", mode, text, SATURDAY) == expected


def test_myanmar_list_after_a_dash(mode: str) -> None:
    text = "Three towns fell to the alliance on Sunday - Chinshwehaw, Monekoe and Namkham."
    got = changes("myanmar_2021_24", mode, text, date(2023, 11, 14))
    assert [d for d, _, _ in got] == ["Chinshwehaw", "Monekoe", "Namkham"]
    assert {c for _, c, _ in got} == {"brotherhood"} and {d for _, _, d in got} == {"2023-11-12"}
