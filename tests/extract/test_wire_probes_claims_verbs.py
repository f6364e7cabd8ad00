"""Claims and quotes in the phrasings of other wires and weeks: "maintained that", "termed ...
baseless", "saying there was no truth", "wrote on Twitter that", "overran N districts", a
dateline the parse takes for a subject, an outlet's own tally, appositions without a parse,
and a quotation split around its speaker and his role."""

from __future__ import annotations

from datetime import date

import pytest

from khabar.extract.pipeline import Extractor
from khabar.records import Document, Extraction


def _extract(extractor: Extractor, text: str) -> Extraction:
    return extractor.extract(Document(id="wire", text=text, published=date(2021, 9, 4)))


def _claims(extractor: Extractor, text: str) -> list[tuple[str, str]]:
    return [(c.claimant, c.stance) for c in _extract(extractor, text).claims]


def test_maintained_that_asserts(any_extractor: Extractor) -> None:
    text = "The Ministry of Interior maintained that the police still held every district centre in Logar."
    assert _claims(any_extractor, text) == [("Ministry of Interior", "asserts")]


def test_termed_reports_baseless_is_the_speakers_denial(any_extractor: Extractor) -> None:
    text = ("Mirwais Stanekzai, a spokesman for the interior ministry, termed the group's reports "
            "baseless.")
    assert _claims(any_extractor, text) == [("Mirwais Stanekzai", "denies")]


def test_rejected_saying_there_was_no_truth_is_one_denial(any_extractor: Extractor) -> None:
    text = ("Qari Yousuf Ahmadi rejected the ministry's figures, saying there was no truth in reports "
            "of losses in Maiwand.")
    got = _claims(any_extractor, text)
    assert ("Qari Yousuf Ahmadi", "denies") in got
    assert all(who == "Qari Yousuf Ahmadi" or who == "ministry" for who, _ in got), got


def test_a_count_of_districts_overrun_is_the_overrunning_sides_claim(any_extractor: Extractor) -> None:
    # guidelines: a party's count of its own gains is a claim; officials counting the insurgents'
    # gains give a published count (tests/extract/test_claims_statements.py)
    text = "The insurgents said they had overrun 23 districts in the north since June."
    (claim,) = _extract(any_extractor, text).claims
    assert claim.stance == "asserts" and claim.claimant in ("insurgents", "Taliban")
    assert claim.quantity is not None and (claim.quantity.value, claim.quantity.unit) == (23.0, "districts")


def test_wrote_on_twitter_that_it_had_taken_is_a_claim(any_extractor: Extractor) -> None:
    text = "The Taliban wrote on Twitter that they had taken the district centre of Khinj."
    assert _claims(any_extractor, text) == [("Taliban", "asserts")]


def test_an_outlets_own_tally_is_not_a_claim(any_extractor: Extractor) -> None:
    text = "The insurgents now control more than 200 of the 400 districts, according to a Reuters count."
    assert _claims(any_extractor, text) == []


@pytest.mark.model
def test_a_dateline_before_a_named_official_is_not_the_claimant(extractor: Extractor) -> None:
    text = ("ZARANJ (Pajhwok): Nimroz police chief Abdul Wahid Sarwari refuted reports that the "
            "provincial capital had fallen.")
    ((who, stance),) = _claims(extractor, text)
    assert who.endswith("Abdul Wahid Sarwari") and stance == "denies"


def test_an_apposition_names_who_claims_without_a_parse(fast_extractor: Extractor) -> None:
    text = "Zabihullah Mujahid, a Taliban spokesman, said the group controlled 90 percent of the borders."
    assert _claims(fast_extractor, text) == [("Zabihullah Mujahid", "asserts")]
    text = "The governor of Faryab, Naqibullah Fayeq, said more than 40 insurgents had been killed."
    assert _claims(fast_extractor, text) == [("Naqibullah Fayeq", "asserts")]


def test_a_front_that_says_it_remains_in_control_claims(any_extractor: Extractor) -> None:
    text = "The resistance front, however, said its fighters remained in control of the Anaba district."
    assert _claims(any_extractor, text) == [("resistance front", "asserts")]


def test_a_quotation_split_around_speaker_and_role_is_his_twice(any_extractor: Extractor) -> None:
    text = ("\u201cThe road to the valley is closed,\u201d said Fahim Dashti, a spokesman for the "
            "resistance front, \u201cand no convoy has reached us.\u201d")
    assert [(q.speaker, q.text) for q in _extract(any_extractor, text).quotes] == [
        ("Fahim Dashti", "The road to the valley is closed"),
        ("Fahim Dashti", "and no convoy has reached us.")]


def test_a_conflict_that_claimed_lives_is_no_claim(any_extractor: Extractor) -> None:
    for text in ("The fighting, which has claimed hundreds of lives since May, spread to the north.",
                 "A war that has claimed more than 3,000 lives this year entered a new phase.",
                 "Clashes that claimed dozens of civilian lives were reported near the border."):
        assert _claims(any_extractor, text) == [], text


def test_reported_or_stated_that_its_forces_had_taken_a_place_asserts(any_extractor: Extractor) -> None:
    for text in ("The Taliban reported that they had captured the Nerkh district centre on Sunday.",
                 "The resistance front stated on Monday that its fighters had retaken Khinjan.",
                 "The group's media office reported that its forces had seized two checkpoints in Dand."):
        assert [s for _, s in _claims(any_extractor, text)] == ["asserts"], text


def test_saying_it_has_complete_control_of_a_place_asserts(any_extractor: Extractor) -> None:
    for text in ("The Taliban say they have complete control of Nerkh district.",
                 "The resistance front says it has full control of the Panjshir valley.",
                 "The militants said they had total control of the border crossing, a claim officials denied."):
        assert "asserts" in [s for _, s in _claims(any_extractor, text)], text


def test_the_group_is_the_armed_group_named_last_not_the_states_forces() -> None:
    myanmar = Extractor(theatre="myanmar_2021_24", mode="fast")
    for text in ("The Arakan Army attacked a junta battalion near the town on Friday. The group said it "
                 "had seized 12 junta outposts.",
                 "TNLA fighters overran a hilltop camp held by junta troops. The group claimed that it had "
                 "captured 30 soldiers.",
                 "The Kachin Independence Army shelled a junta base outside the town. The group said its "
                 "forces had killed 20 soldiers."):
        claims = myanmar.extract(Document("t", text, published=date(2024, 1, 10))).claims
        assert claims and claims[-1].claimant_party not in (None, "military"), (text, claims)


def test_said_on_a_dated_day_that_its_forces_had_taken_a_place_asserts(any_extractor: Extractor) -> None:
    for text in ("Police in Ghazni said on June 11 that they had killed a senior rebel commander overnight.",
                 "The army said on 3 July that its soldiers had retaken the Nerkh district centre.",
                 "The governor said on Aug. 2 that his men had recaptured the district of Nerkh."):
        assert [s for _, s in _claims(any_extractor, text)] == ["asserts"], text


def test_his_or_our_forces_had_taken_or_killed_is_the_speakers_claim(any_extractor: Extractor) -> None:
    for text in ("The police chief said his forces had recaptured Nerkh after two days of fighting.",
                 "The commander said our fighters had captured the district centre at dawn.",
                 "The provincial governor said her troops had retaken the border crossing on Sunday."):
        assert [s for _, s in _claims(any_extractor, text)] == ["asserts"], text
