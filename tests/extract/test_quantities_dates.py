"""A day of a month or a year beside a noun of people is a date, not a count of people."""

from __future__ import annotations

from datetime import date

import pytest

from khabar.extract.claims import casualty_quantity
from khabar.extract.pipeline import Extractor
from khabar.extract.quantities import find_quantity
from khabar.records import Document, Quantity


@pytest.mark.parametrize("text", [
    "The group said on July 8, its fighters had captured the crossing.",
    "On July 8 its fighters killed the district police chief.",
    "Officials said on 9 July Taliban fighters had fled the district.",
    "In 2021 Taliban fighters captured more ground than in any year.",
    "By Aug. 15 people had fled the city in their thousands.",
])
def test_a_date_before_people_is_not_a_count_of_them(text: str) -> None:
    assert find_quantity(text) is None
    assert casualty_quantity(text) is None


def test_a_count_after_a_date_is_still_found() -> None:
    text = "The ministry said that since July 8, 200 soldiers had surrendered in the province."
    assert find_quantity(text) == Quantity(200, "people", "soldiers surrender")
    assert casualty_quantity(text) == Quantity(200, "people", "soldiers surrendered")
    assert find_quantity("It said 1,200 soldiers fled.") == Quantity(1200, "people", "soldiers fled")


def test_a_claim_made_on_a_day_states_no_count(any_extractor: Extractor) -> None:
    text = ("Fighting spread across Herat province. The Taliban claimed on July 8 its fighters had "
            "captured the border crossing at Islam Qala.")
    doc = Document(id="day-claim", text=text, published=date(2021, 7, 9))
    (claim,) = any_extractor.extract(doc).claims
    assert (claim.claimant, claim.stance, claim.quantity) == ("Taliban", "asserts", None)
