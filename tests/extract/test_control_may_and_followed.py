"""The month of May is no "may" of a forecast; a district "followed" another into Taliban hands."""

from __future__ import annotations

from datetime import date

import pytest

from khabar.extract.pipeline import Extractor
from khabar.records import Document


def _changes(ex: Extractor, text: str) -> list[tuple[str, str]]:
    doc = Document(id="followed", text=text, title="", published=date(2021, 6, 1))
    return [(c.district, c.controller) for c in ex.extract(doc).control_changes]


@pytest.mark.parametrize("text, expected", [
    ("Maiwand went in the last week of May, and Arghandab in Kandahar followed after a "
     "long siege.", [("Maiwand", "taliban"), ("Arghandab", "taliban")]),
    ("Maiwand fell to the Taliban on May 28, and Arghandab followed soon.",
     [("Maiwand", "taliban"), ("Arghandab", "taliban")]),
])
def test_a_district_that_followed_a_fall(fast_extractor: Extractor, text: str,
                                          expected: list[tuple[str, str]]) -> None:
    assert _changes(fast_extractor, text) == expected


def test_followed_without_a_fall_before_is_no_change(fast_extractor: Extractor) -> None:
    text = "Talks in Arghandab followed after a long siege of the district by the Taliban."
    assert _changes(fast_extractor, text) == []


@pytest.mark.parametrize("text, expected", [
    ("On May 28, the Taliban captured Maiwand.", [("Maiwand", "taliban")]),
    ("Since early May the insurgents have taken Maiwand and Arghandab.",
     [("Maiwand", "taliban"), ("Arghandab", "taliban")]),
    ("The Taliban may capture Maiwand within days.", []),  # the modal still hedges
    ("May the district hold out: Maiwand could fall to the Taliban.", []),
])
def test_the_month_may_is_not_a_hedge(fast_extractor: Extractor, text: str,
                                      expected: list[tuple[str, str]]) -> None:
    assert _changes(fast_extractor, text) == expected
