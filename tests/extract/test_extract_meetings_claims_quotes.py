"""Meetings told twice or in separate calls, party claims of losses and control, framed quotes."""

from __future__ import annotations

from datetime import date

import pytest

from khabar.extract.pipeline import Extractor
from khabar.records import Document
from tests.extract.conftest import read_sample


def report(name: str, published: date) -> Document:
    """Return a sample report as `khabar ingest` reads it, checking its publication day."""
    doc = read_sample(name)
    assert doc.published == published
    return doc


# -- meetings --------------------------------------------------------------------------------

def test_separate_phone_calls_are_one_meeting_each(any_extractor: Extractor) -> None:
    ex = any_extractor.extract(report("separate_calls", date(2021, 7, 23)))
    happened = [e for e in ex.events if e.type == "CONSULT" and e.status == "happened"]
    assert [(e.actors, e.targets, e.date) for e in happened] == [
        (("Sirojiddin Muhriddin",), ("Abdulaziz Kamilov",), date(2021, 7, 22)),
        (("Sirojiddin Muhriddin",), ("Shah Mahmood Qureshi",), date(2021, 7, 22)),
    ]


def test_a_meeting_told_twice_is_one_record_and_a_meeting_not_held_is_negated(
        any_extractor: Extractor) -> None:
    doc = report("meeting_told_twice", date(2021, 7, 12))
    meetings = [e for e in any_extractor.extract(doc).events if e.type == "CONSULT"]
    # "The talks covered ..." and "criticised the visit" name the Ashgabat meeting again
    assert [(e.actors, e.date, e.status) for e in meetings] == [
        (("Taliban Political Office",), date(2021, 7, 10), "happened"),
        # named as in the actors file; "during the trip": the trip's day
        (("Abdullah Abdullah",), date(2021, 7, 10), "negated"),
    ]
    assert doc.text[slice(*meetings[0].span)] == "met"


@pytest.mark.model
def test_meeting_day_is_its_own_not_the_dateline_s_nor_the_main_clause_s(extractor: Extractor) -> None:
    events = extractor.extract(report("meeting_dates", date(2021, 8, 12))).events
    meetings = [(e.actors, e.date) for e in events if e.type == "CONSULT"]
    assert meetings == [
        (("Shah Mahmood Qureshi",), date(2021, 8, 11)),  # "on Wednesday", not the dateline's Aug. 12
        (("Zamir Kabulov",), date(2021, 8, 11)),  # "On the same day"
        (("Taliban Political Office",), None),  # the statement was Thursday's, the visit undated
    ]


# -- claims ----------------------------------------------------------------------------------

def test_a_party_counting_enemy_dead_is_a_claim_and_its_rejection_another(
        any_extractor: Extractor) -> None:
    claims = any_extractor.extract(report("casualty_claim", date(2021, 7, 20))).claims
    assert [(c.claimant.split()[0], c.stance) for c in claims] == [
        ("Ministry", "asserts"), ("Taliban", "denies")]
    assert claims[0].claimant == "Ministry of Defence"
    q = claims[0].quantity
    assert q is not None and (q.value, q.unit) == (120, "people")
    # "Police confirmed ..." is sourcing, not a claim
    assert not any("bridge" in c.text for c in claims)


def test_a_rejected_claim_is_two_records_and_an_event_inside_a_claim_is_not_an_event(
        any_extractor: Extractor) -> None:
    ex = any_extractor.extract(report("claim_and_rejection", date(2021, 7, 13)))
    assert [(c.claimant, c.stance, c.text) for c in ex.claims] == [
        ("Taliban", "denies", "the government's claim that its forces had retaken Yangi Qala district "
                              "on Monday"),
        ("government", "asserts", "its forces had retaken Yangi Qala district on Monday"),
        # "have also been alleged" names no one: no claim
        ("Vice President Amrullah Saleh", "asserts",
         "the Pakistani air force had threatened Afghan pilots over Spin Boldak"),
    ]
    assert ex.events == ()  # the threat is Saleh's claim, not an event the report states
    assert [(q.speaker, q.text) for q in ex.quotes] == [("Taliban", "baseless")]


@pytest.mark.model
def test_extent_of_control_said_by_a_spokesman_is_a_claim(extractor: Extractor) -> None:
    (claim,) = extractor.extract(report("framed_quotes", date(2021, 7, 20))).claims[:1]
    assert (claim.claimant, claim.stance) == ("Zabihullah Mujahid", "asserts")
    assert "now held the district centre" in claim.text


# -- quotes ----------------------------------------------------------------------------------

@pytest.mark.model
def test_framed_word_is_the_framer_s_and_a_second_quotation_goes_on(extractor: Extractor) -> None:
    quotes = extractor.extract(report("framed_quotes", date(2021, 7, 20))).quotes
    # "calling it "baseless"" is Mujahid's ("He" = the last named subject); "checkpoints" is a
    # scare quote; the shopkeeper's second quotation follows his described attribution
    assert [(q.speaker, q.text) for q in quotes] == [
        ("Zabihullah Mujahid", "baseless"),
        ("Gul Ahmad Safi", "Nobody is leaving their homes"),
        ("Gul Ahmad Safi", "We wait and we listen to the shooting."),
    ]


def test_quotation_over_two_paragraphs_is_one_record_per_paragraph(any_extractor: Extractor) -> None:
    doc = report("quote_over_paragraphs", date(2021, 7, 23))
    quotes = any_extractor.extract(doc).quotes
    assert [q.speaker for q in quotes] == ["Fawad Aman", "Fawad Aman"]
    assert quotes[0].text.startswith("Commandos and local forces cleared")
    assert quotes[1].text.endswith("the road to Herat city is open again")
    for q in quotes:
        assert doc.text[slice(*q.span)] == q.text


def test_evidence_takes_its_opening_mark_back_from_the_sentence_before(
        fast_extractor: Extractor) -> None:
    doc = report("framed_quotes", date(2021, 7, 20))
    ex = fast_extractor.extract(doc)
    second = next(q for q in ex.quotes if q.text.startswith("We wait"))
    assert second.evidence.text == "\u201cWe wait and we listen to the shooting.\u201d".replace(
        "\u201c", '"').replace("\u201d", '"')
    assert doc.text[second.evidence.start:second.evidence.end] == second.evidence.text
