"""What a claim says, without the words that tell how it was said ("told Al Jazeera that", "in a
statement on Friday that", "According to X,"), and the count of "16 of the province's 17
districts"; a claimant after "but" in a sentence the parse does not read."""

from __future__ import annotations

from datetime import date

from khabar.extract.pipeline import Extractor
from khabar.records import Claim, Document


def _claims(extractor: Extractor, text: str) -> list[Claim]:
    return list(extractor.extract(Document(id="wire", text=text, published=date(2021, 9, 6))).claims)


def test_told_an_outlet_that_is_not_part_of_the_claim(any_extractor: Extractor) -> None:
    text = "A spokesman for the group, Suhail Shaheen, told Sky News that the Taliban held 90 percent of the borders."
    (claim,) = _claims(any_extractor, text)
    assert claim.text == "the Taliban held 90 percent of the borders"


def test_in_a_statement_on_a_day_that_is_not_part_of_the_claim(any_extractor: Extractor) -> None:
    text = "The defence ministry said in a statement on Sunday that 180 insurgents had been killed in Helmand."
    (claim,) = _claims(any_extractor, text)
    assert claim.text.startswith("180 insurgents had been killed")


def test_no_truth_in_names_what_it_denies(any_extractor: Extractor) -> None:
    text = "The Foreign Office spokesperson said there was no truth in the Afghan allegations."
    (claim,) = _claims(any_extractor, text)
    assert (claim.stance, claim.text) == ("denies", "the Afghan allegations")


def test_dismissed_as_quoted_baseless_denies_the_accusations(any_extractor: Extractor) -> None:
    text = "Tehran dismissed the accusations as \u201cbaseless and unfounded\u201d."
    (claim,) = _claims(any_extractor, text)
    assert (claim.stance, claim.text) == ("denies", "the accusations")


def test_according_to_a_party_at_the_start_claims_what_follows(any_extractor: Extractor) -> None:
    text = "According to the Taliban, 350 resistance fighters were killed in the valley."
    (claim,) = _claims(any_extractor, text)
    assert claim.claimant == "Taliban"
    assert claim.text == "350 resistance fighters were killed in the valley"


def test_n_of_the_provinces_m_districts_counts_n(any_extractor: Extractor) -> None:
    # the count of the side that holds them (guidelines: a party's count of its own gains); told by
    # the other side it is a published count, not a claim (tests/extract/test_claims_statements.py)
    text = "The Taliban said they now control 11 of the province's 16 districts."
    (claim,) = _claims(any_extractor, text)
    assert claim.quantity is not None
    assert (claim.quantity.value, claim.quantity.unit, claim.quantity.of) == (11.0, "districts", "16 districts")


def test_but_does_not_hide_the_claimant_without_a_parse(fast_extractor: Extractor) -> None:
    text = "The Taliban said they had captured the valley, but the resistance front rejected the claim."
    got = [(c.claimant, c.stance) for c in _claims(fast_extractor, text)]
    assert ("resistance front", "denies") in got  # rejecting a claim denies it
