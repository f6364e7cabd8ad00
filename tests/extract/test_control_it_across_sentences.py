""""It" as the place the sentence before named: what a trigger took ("... they captured it") or
what fell ("It fell on Friday", "It was captured"), read only from the sentence right before, and
only from a place it named as itself (not "near X"); "it" as the taker ("It captured ...") is no
place. Sentences written here in wire, local, regional and analysis styles, both pipelines."""

from __future__ import annotations

from datetime import date

import pytest

from khabar.extract.pipeline import Extractor
from khabar.records import Document, document_id

SATURDAY = date(2021, 7, 10)


@pytest.fixture(scope="module", params=["fast", "standard"])
def extractor(request: pytest.FixtureRequest) -> Extractor:
    return Extractor("afghanistan_2021", mode=str(request.param))


def changes(ex: Extractor, text: str) -> list[tuple[str, str, str | None]]:
    recs = ex.extract(Document(document_id(text), text, published=SATURDAY)).control_changes
    return [(c.district, c.controller, c.date.isoformat() if c.date else None) for c in recs]


@pytest.mark.parametrize("text, expected", [
    # wire
    ("The insurgents attacked Khanabad district on Thursday. On Friday, they captured it.",
     [("Khanabad", "taliban", "2021-07-09")]),
    # local press
    ("Taliban fighters besieged Ghoryan for a week. It fell on Friday, a provincial official said.",
     [("Ghoryan", "taliban", "2021-07-09")]),
    # regional paper, passive
    ("Militants stormed Khanabad district on Thursday. It was captured on Friday after heavy clashes.",
     [("Khanabad", "taliban", "2021-07-09")]),
    # analysis: a retaking
    ("The Taliban had held Dehrawud since June. Government forces retook it on Friday.",
     [("Dehrawud", "taliban", None), ("Dehrawud", "government", "2021-07-09")]),
])
def test_it_is_the_place_the_sentence_before_named(extractor: Extractor, text: str, expected: list[tuple]) -> None:
    assert changes(extractor, text) == expected


@pytest.mark.parametrize("text", [
    # "it" as the taker
    "The Taliban attacked Khanabad on Thursday. It captured the police chief on Friday.",
    # a place that only locates what "it" is
    "The Taliban attacked a convoy near Khanabad on Thursday. They captured it after a gunfight.",
    # a sentence between
    "The Taliban attacked Khanabad on Thursday. Residents fled to Kunduz city. Officials said it fell on Friday.",
])
def test_it_that_is_no_place_of_the_sentence_before(extractor: Extractor, text: str) -> None:
    assert changes(extractor, text) == []
