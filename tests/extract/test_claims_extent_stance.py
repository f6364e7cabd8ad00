"""Claims of who holds what in any wording a statement uses ("controlled by", "control over",
"-controlled", "control the"), and the stance of two framing verbs: "insisted" contests another's
account (disputes), and rejecting claims, charges or reports denies them (rejecting figures, or
rejecting them "as exaggerated", disputes them). Paraphrases in wire, Afghan, regional and analysis
styles, written for these tests; each runs in both pipelines."""

from __future__ import annotations

from datetime import date

import pytest

from khabar.extract.pipeline import Extractor
from khabar.records import Claim, Document


def _claims(extractor: Extractor, text: str) -> list[Claim]:
    return list(extractor.extract(Document(id="t", text=text, published=date(2021, 7, 20))).claims)


# -- the extent of control, in any wording ------------------------------------------------------

@pytest.mark.parametrize("text, words", [
    ("A Taliban spokesman said the Torghundi crossing was controlled by the group's fighters.",
     "controlled by the group"),  # wire
    ("Defence ministry spokesman Fawad Aman said security forces maintain control over the main roads "
     "of Kunduz.", "control over the main roads"),  # Afghan outlet
    ("Qari Yousuf Ahmadi told reporters that the whole road from Kandahar to Herat was "
     "Taliban-controlled.", "Taliban-controlled"),  # regional
    ("The resistance front said on Sunday that its fighters control the entrances to the valley.",
     "control the entrances"),  # analysis
])
def test_a_party_telling_who_holds_what_claims_it(any_extractor: Extractor, text: str, words: str) -> None:
    got = _claims(any_extractor, text)
    assert [c.stance for c in got] == ["asserts"], got
    assert words in got[0].text  # the claim is what was said, not who said it


@pytest.mark.parametrize("text", [
    "Army spokesman Ajmal Omar Shinwari said troops had retaken control of the district centre.",  # a change
    "A police spokesman said the fire at the fuel depot was brought under control.",  # not territory
    "The governor said the fight for control of the highway would go on.",  # a struggle
    "Fawad Aman said the district was no longer in government control.",  # negated
])
def test_a_change_a_struggle_or_a_negation_is_no_extent_of_control(any_extractor: Extractor, text: str) -> None:
    assert _claims(any_extractor, text) == []


def test_officials_who_only_source_an_extent_still_make_no_claim(any_extractor: Extractor) -> None:
    text = "Local officials said the market was under the control of the insurgents."
    assert _claims(any_extractor, text) == []  # not a party: the outlet's sourcing


# -- "insisted": a statement against another's account ------------------------------------------

@pytest.mark.parametrize("text, who", [
    ("The defence ministry insisted that Kunduz city remained in government hands.", "defence ministry"),
    ("Afghan officials insisted the district had not fallen, despite the group's statement.",
     "Afghan officials"),
    ("Zabihullah Mujahid insisted the group's fighters had never left the outskirts of Ghazni.",
     "Zabihullah Mujahid"),
])
def test_insisting_disputes(any_extractor: Extractor, text: str, who: str) -> None:
    assert [(c.claimant, c.stance) for c in _claims(any_extractor, text)] == [(who, "disputes")]


# -- rejecting: claims, charges and reports are denied, figures disputed ------------------------

@pytest.mark.parametrize("text, who", [
    ("Islamabad rejected the allegations of sheltering the fighters.", "Islamabad"),  # regional
    ("The Taliban rejected the government's claims of heavy losses in Faryab.", "Taliban"),  # wire
    ("Local elders rejected reports that the district had been handed over.", "Local elders"),  # Afghan
    ("But the resistance front rejected the charges made by the group's spokesman.",
     "resistance front"),  # analysis
])
def test_rejecting_claims_or_charges_denies_them(any_extractor: Extractor, text: str, who: str) -> None:
    assert [(c.claimant, c.stance) for c in _claims(any_extractor, text)] == [(who, "denies")]


@pytest.mark.parametrize("text", [
    "The ministry rejected the group's figures.",
    "The Taliban rejected the reports as exaggerated.",
    "Kabul rejected the casualty numbers given by the insurgents.",
])
def test_rejecting_figures_or_as_exaggerated_disputes(any_extractor: Extractor, text: str) -> None:
    assert [c.stance for c in _claims(any_extractor, text)] == ["disputes"]


# -- assurances given (a promise told as a noun), not assurances sought -------------------------

@pytest.mark.parametrize("text, who", [
    ("The Taliban gave firm assurances that foreign embassies in the capital would not be harmed.",
     "Taliban"),  # wire
    ("Beijing offered guarantees to the delegation that its territory would not be used against "
     "neighbours.", "Beijing"),  # regional
    ("The envoy said the movement had given its assurances that aid workers would be safe.",
     None),  # analysis: the envoy or the movement, by pipeline
    ("The foreign ministry said in a statement that it had received assurances from the group that the "
     "border would not be crossed.", None),  # Afghan outlet
])
def test_assurances_given_are_a_claim(extractor: Extractor, text: str, who: str | None) -> None:
    got = _claims(extractor, text)
    assert [c.stance for c in got] == ["asserts"], got
    assert who is None or got[0].claimant == who
    assert "would" in got[0].text  # what was assured


@pytest.mark.parametrize("text", [
    "Kabul sought assurances that the border would stay open.",
    "The delegation demanded guarantees before any talks.",
    "The elders asked for assurances that the fighters would leave the bazaar.",
])
def test_assurances_sought_are_no_claim(any_extractor: Extractor, text: str) -> None:
    assert _claims(any_extractor, text) == []


@pytest.mark.parametrize("text", [
    "The Taliban gave firm assurances that foreign embassies in the capital would not be harmed.",
    "Beijing offered guarantees to the delegation that its territory would not be used against neighbours.",
    "The envoy said the movement had given its assurances that aid workers would be safe.",
])
def test_assurances_given_are_a_claim_without_a_parse(fast_extractor: Extractor, text: str) -> None:
    assert [c.stance for c in _claims(fast_extractor, text)] == ["asserts"]


@pytest.mark.parametrize("text, who", [
    ("The Taliban delegation met officials in Moscow. The foreign ministry said in a statement that it had "
     "received assurances from the group that the border would not be crossed.", "Taliban"),  # wire
    ("Tajik officials said they had received guarantees from Zabihullah Mujahid that refugees would be "
     "let through.", "Zabihullah Mujahid"),  # regional
    ("Uzbekistan got assurances from the Taliban that the bridge at Hairatan would stay open.",
     "Taliban"),  # analysis
])
def test_assurances_received_are_the_givers_claim(any_extractor: Extractor, text: str, who: str) -> None:
    assert [(c.claimant, c.stance) for c in _claims(any_extractor, text)] == [(who, "asserts")]
