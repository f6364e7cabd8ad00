"""Denials told by "termed ... baseless" after a dateline, claim texts that stop where another
voice begins, and short phrases quoted inside reported speech without "that" or a parse."""

from __future__ import annotations

from datetime import date

from khabar.extract.pipeline import Extractor
from khabar.records import Document, Extraction


def _extract(extractor: Extractor, text: str) -> Extraction:
    return extractor.extract(Document(id="wire", text=text, published=date(2021, 8, 16)))


def test_termed_reports_baseless_after_a_dateline_is_the_spokesmans(any_extractor: Extractor) -> None:
    text = ("TEHRAN, Aug. 16 (Example Wire) -- Iran's Foreign Ministry spokesman Saeed Khatibzadeh on "
            "Monday termed reports of arms deliveries to the Taliban baseless.")
    (claim,) = _extract(any_extractor, text).claims
    assert (claim.claimant, claim.stance) == ("Saeed Khatibzadeh", "denies")
    assert claim.text == "reports of arms deliveries to the Taliban"


def test_called_claims_false_names_what_it_denies(any_extractor: Extractor) -> None:
    text = "Rahmatullah Andar, a spokesman for the security council, called the group's claims false."
    (claim,) = _extract(any_extractor, text).claims
    assert (claim.claimant, claim.stance, claim.text) == ("Rahmatullah Andar", "denies", "the group's claims")


def test_a_claim_stops_where_others_are_reported(any_extractor: Extractor) -> None:
    text = ("Provincial officials insisted the city had not fallen, but residents said the insurgents "
            "were patrolling the bazaar.")
    (claim,) = _extract(any_extractor, text).claims
    assert claim.text == "the city had not fallen"


def test_a_phrase_quoted_in_reported_speech_without_that(any_extractor: Extractor) -> None:
    text = "Pakistani Foreign Minister Shah Mahmood Qureshi said Islamabad had \"no favourites\" in the war."
    assert [(q.speaker, q.text) for q in _extract(any_extractor, text).quotes] == [
        ("Shah Mahmood Qureshi", "no favourites")]


def test_a_phrase_quoted_by_a_speaker_named_in_apposition(fast_extractor: Extractor) -> None:
    text = ("The spokesman for the UN secretary-general, Stephane Dujarric, said that the UN was "
            "\"deeply alarmed\" by the reports.")
    assert [(q.speaker, q.text) for q in _extract(fast_extractor, text).quotes] == [
        ("Stephane Dujarric", "deeply alarmed")]
