"""Speakers whose first name is another person's one-word name in the actors file, and a claim
told in a quotation before its attribution."""

from __future__ import annotations

from datetime import date

import pytest

from khabar.extract.pipeline import Extractor
from khabar.records import Document, Extraction


def _extract(extractor: Extractor, text: str) -> Extraction:
    return extractor.extract(Document(id="wire", text=text, published=date(2021, 8, 20)))


def test_a_longer_name_is_not_the_actor_of_its_first_word(any_extractor: Extractor) -> None:
    text = ("The spokesman for the foreign ministry, Abdullah Rahimzai, told reporters: "
            "\u201cOur neighbours must respect the border.\u201d")
    assert [q.speaker for q in _extract(any_extractor, text).quotes] == ["Abdullah Rahimzai"]


@pytest.mark.model
def test_a_quoted_claim_is_the_quotation_not_its_attribution(extractor: Extractor) -> None:
    text = "\"The district is under our control,\" provincial police spokesman Farid Ahmad Naseri said."
    (claim,) = _extract(extractor, text).claims
    assert claim.text == "The district is under our control"


def test_was_said_to_does_not_hide_the_denial_after_it(any_extractor: Extractor) -> None:
    text = ("On Sunday the district was said to have been retaken, but Taliban spokesman Qari Yousuf "
            "Ahmadi denied it, claiming Dand was under their control.")
    got = [(c.claimant, c.stance) for c in _extract(any_extractor, text).claims]
    assert ("Qari Yousuf Ahmadi", "denies") in got
