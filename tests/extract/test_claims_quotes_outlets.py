"""Claims and quotes as other outlets write them: datelines, denials told by their verb,
speakers' words quoted inside a sentence, and claimants that the report names elsewhere."""

from __future__ import annotations

from datetime import date

import pytest

from khabar.extract.pipeline import Extractor
from khabar.records import Document, Extraction


def _extract(extractor: Extractor, text: str) -> Extraction:
    return extractor.extract(Document(id="outlet", text=text, published=date(2021, 7, 9)))


def _claims(extractor: Extractor, text: str) -> list[tuple[str, str, str]]:
    return [(c.claimant, c.stance, c.text) for c in _extract(extractor, text).claims]


def _quotes(extractor: Extractor, text: str) -> list[tuple[str, str]]:
    return [(q.speaker, q.text) for q in _extract(extractor, text).quotes]


@pytest.mark.model
def test_a_dateline_is_not_who_denies(extractor: Extractor) -> None:
    text = ("GHAZNI, June 3 (Example Wire) - The Ministry of Defence on Sunday denied that Andar "
            "district had fallen to the Taliban.")
    assert _claims(extractor, text) == [
        ("Ministry of Defence", "denies", "Andar district had fallen to the Taliban")]


def test_rejected_as_baseless_denies_what_it_rejects(any_extractor: Extractor) -> None:
    text = "Pakistan's foreign ministry rejected the allegations as baseless on Saturday."
    assert _claims(any_extractor, text) == [
        ("Pakistan's foreign ministry", "denies", "the allegations")]


def test_dismissed_as_baseless_reports_denies_the_reports(any_extractor: Extractor) -> None:
    text = "The ministry of interior dismissed as baseless reports that Taliban fighters had taken Maimana."
    (claim,) = _extract(any_extractor, text).claims
    assert (claim.stance, claim.text) == ("denies", "reports that Taliban fighters had taken Maimana")


@pytest.mark.parametrize("text,quote", [
    ("The defence ministry called the loss of the district a \u201ctemporary setback\u201d.",
     ("defence ministry", "temporary setback")),
    ("The interior ministry said its troops had made a \u201ctactical retreat\u201d to spare civilians.",
     ("interior ministry", "tactical retreat")),
])
def test_a_speakers_words_quoted_inside_a_sentence_are_theirs(any_extractor: Extractor, text: str,
                                                             quote: tuple[str, str]) -> None:
    assert _quotes(any_extractor, text) == [quote]


@pytest.mark.parametrize("text", [
    "Residents described the so-called \u201cpeace corridor\u201d as a trap.",
    "The Taliban fighters, whom locals call \u201cthe boys\u201d, entered the city at dawn.",
])
def test_scare_quotes_are_not_speech(any_extractor: Extractor, text: str) -> None:
    assert _quotes(any_extractor, text) == []


@pytest.mark.model
def test_he_after_a_post_on_twitter_is_the_one_who_posted(extractor: Extractor) -> None:
    text = ("The Taliban entered Zaranj on Friday. Taliban spokesman Zabihullah Mujahid wrote on "
            "Twitter that residents had welcomed the fighters. He claimed that trade would resume "
            "within days.")
    assert [c[0] for c in _claims(extractor, text)] == ["Zabihullah Mujahid"]


@pytest.mark.model
def test_a_spokesman_for_the_movement_is_the_movements_spokesman(extractor: Extractor) -> None:
    text = ("Taliban fighters entered Qala-i-Naw on Friday. A spokesman for the movement said its "
            "fighters now controlled the city.")
    assert _claims(extractor, text) == [
        ("Taliban spokesman", "asserts", "its fighters now controlled the city")]


def test_she_said_is_the_speaker_named_at_an_earlier_quotation(any_extractor: Extractor) -> None:
    text = ("Shops stayed shut in Lashkar Gah on Friday. \u201cThe roads are closed,\u201d said Nadia "
            "Rahimi, a council member in Nad Ali. \u201cIf Nad Ali goes, the city is in range,\u201d "
            "she said, \u201cand the same holds for Nawa.\u201d")
    assert [s for s, _ in _quotes(any_extractor, text)] == ["Nadia Rahimi"] * 3


def test_a_pronoun_no_one_was_named_for_is_not_a_speaker(any_extractor: Extractor) -> None:
    text = ("Shops stayed shut in Lashkar Gah on Friday. \u201cWe are leaving for Kabul,\u201d she "
            "said, \u201cand we will not come back.\u201d")
    assert _quotes(any_extractor, text) == []


def test_he_said_is_the_subject_named_before_not_the_one_spoken_with(any_extractor: Extractor) -> None:
    text = ("Shah Mahmood Qureshi spoke by telephone with his Russian counterpart Sergei Lavrov on "
            "Monday. He said \u201cthe road to peace runs through a settlement that all Afghans accept.\u201d")
    assert [s for s, _ in _quotes(any_extractor, text)] == ["Shah Mahmood Qureshi"]


def test_the_group_said_is_the_group_that_denied_not_the_one_denied(any_extractor: Extractor) -> None:
    text = ("The Taliban said they had taken the whole of Panjshir. The NRF denied the Taliban\u2019s "
            "account. \u201cOur forces hold every pass in the valley and the fight goes on,\u201d the "
            "group said.")
    (speaker,) = [s for s, _ in _quotes(any_extractor, text)]
    assert "NRF" in speaker and "Taliban" not in speaker  # the letters as printed, the name in full beside them


@pytest.mark.parametrize("text,claim", [
    ("Taliban fighters attacked Gereshk overnight. The ministry said 45 Taliban fighters were killed "
     "in the counter-attack.", ("ministry", "asserts")),
    ("The office of the Helmand governor denied that any police had switched sides.",
     ("office of the Helmand governor", "denies")),
    ("Ismail Khan spoke to reporters in Herat on Sunday. He also claimed that the road to Islam Qala "
     "was open again.", ("Ismail Khan", "asserts")),
])
def test_the_words_before_the_verb_name_who_claims(any_extractor: Extractor, text: str,
                                                   claim: tuple[str, str]) -> None:
    assert [(c.claimant, c.stance) for c in _extract(any_extractor, text).claims] == [claim]


def test_officials_who_source_a_state_make_no_claim_of_it(any_extractor: Extractor) -> None:
    text = "Government forces still hold Lashkar Gah, the capital of Helmand, officials said."
    assert _claims(any_extractor, text) == []


def test_the_ministry_is_the_last_ministry_named(any_extractor: Extractor) -> None:
    text = ("The Ministry of Defence reported heavy fighting around Kunduz on Sunday. The ministry said "
            "45 Taliban fighters were killed in the counter-attack.")
    assert [(c.claimant, c.stance) for c in _extract(any_extractor, text).claims] == [
        ("Afghan Ministry of Defense", "asserts")]  # the actors file's name of it
