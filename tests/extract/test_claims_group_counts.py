"""A side's count of the posts, camps or bases it took is its claim (a party's numbers, as with
districts), told as "X has seized N camps, the armed group said": the claimant is X, the group that
the statement names as the taker, not an armed group named earlier; a count of what the incumbent
took, told by "the group", is none. Paraphrases in wire, regional and Myanmar outlets' styles,
written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from khabar.extract.pipeline import Extractor
from khabar.records import Claim, Document


def _claims(extractor: Extractor, text: str) -> list[Claim]:
    return list(extractor.extract(Document(id="t", text=text, published=date(2024, 1, 20))).claims)


@pytest.fixture(scope="module", params=[pytest.param("standard", marks=pytest.mark.model), "fast"])
def myanmar(request: pytest.FixtureRequest) -> Extractor:
    return Extractor("myanmar", mode=request.param)


@pytest.mark.parametrize("text, who, n", [
    ("The TNLA has captured 14 junta outposts in Kyaukme Township since Friday, the ethnic armed group "
     "said in a statement.", "Ta", 14),  # Myanmar outlet
    ("The MNDAA overran nine military camps near Laukkai over the past week, the armed group said on "
     "Telegram.", "Myanmar National Democratic Alliance Army", 9),  # regional
])
def test_a_groups_count_of_camps_taken_is_its_claim(myanmar: Extractor, text: str, who: str, n: int) -> None:
    got = _claims(myanmar, text)
    assert len(got) == 1 and got[0].stance == "asserts" and got[0].claimant.startswith(who)
    assert got[0].quantity is not None and got[0].quantity.value == n


def test_a_count_of_posts_the_insurgents_took_is_theirs(any_extractor: Extractor) -> None:  # wire
    got = _claims(any_extractor, "Taliban fighters captured 23 security posts in Faryab this week, the "
                                 "insurgent group said on Sunday.")
    assert [(c.claimant, c.stance) for c in got] == [("Taliban", "asserts")]
    assert got[0].quantity is not None and got[0].quantity.value == 23


def test_what_the_incumbent_took_told_by_the_group_is_no_claim(myanmar: Extractor, any_extractor: Extractor) -> None:
    assert _claims(myanmar, "Junta troops retook four outposts near Laukkai on Monday, the armed group said.") == []
    assert _claims(any_extractor, "Government forces retook four checkpoints in Faryab on Monday, the militant "
                                  "group said.") == []
