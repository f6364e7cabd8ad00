"""Events, claims, quotes and assessments: who met, claimed, denied and said what, and when."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from khabar.extract.pipeline import Extractor
from khabar.records import Document, Quantity, document_id

Sample = Callable[[str], Document]


def extract_text(extractor: Extractor, text: str, published: date):  # type: ignore[no-untyped-def]
    return extractor.extract(Document(document_id(text), text, published=published))


# -- events ----------------------------------------------------------------------------------

def test_meeting_has_actors_target_place_and_day_two_days_after(sample: Sample,
                                                                 any_extractor: Extractor) -> None:
    # "two days after his delegation arrived in China on July 26": 2021-07-28
    doc = sample("meeting")
    (e,) = any_extractor.extract(doc).events
    assert (e.type, e.actors, e.targets, e.place, e.date, e.status) == (
        "CONSULT", ("Taliban", "Abdul Ghani Baradar"), ("Wang Yi",),
        "Tianjin", date(2021, 7, 28), "happened")
    assert doc.text[slice(*e.span)] == "met"


def test_event_parties_are_named_as_in_the_actors_file(sample: Sample, fast_extractor: Extractor) -> None:
    (meeting,) = fast_extractor.extract(sample("meeting")).events
    (attack,) = fast_extractor.extract(sample("failed_attack")).events
    assert meeting.targets == ("Wang Yi",)
    assert attack.actors == ("Taliban",)


def test_planned_visit_has_status_planned(sample: Sample, any_extractor: Extractor) -> None:
    doc = sample("planned_visit")
    (e,) = any_extractor.extract(doc).events
    # "later this week" names no day; Moscow stands for Russia, the state visited; a
    # "Taliban delegation" is the Taliban Political Office of the actors file
    assert (e.type, e.actors, e.targets, e.place, e.date, e.status) == (
        "CONSULT", ("Taliban Political Office",), ("Moscow",), "Moscow", None, "planned")
    assert doc.text[slice(*e.span)] == "visit"


# -- claims ----------------------------------------------------------------------------------

def test_claim_states_85_percent_of_territory(sample: Sample, any_extractor: Extractor) -> None:
    doc = sample("claim_with_number")
    (c,) = [c for c in any_extractor.extract(doc).claims if c.stance == "asserts"]
    assert (c.claimant, c.stance, c.date) == ("Taliban", "asserts", date(2021, 7, 9))
    assert c.quantity == Quantity(85, "percent", "territory")
    assert c.quantity.to_dict() == {"value": 85, "unit": "percent", "of": "territory",
                                    "qualifier": None, "value_max": None}
    assert doc.text[slice(*c.span)] == ("claimed on Friday that they now control 85 percent of "
                                        "Afghanistan's territory")


def test_denial_has_stance_denies(sample: Sample, any_extractor: Extractor) -> None:
    (c,) = any_extractor.extract(sample("denial")).claims
    assert (c.claimant, c.stance, c.text, c.quantity) == (
        "interior ministry", "denies", "Spin Boldak district had fallen to the Taliban", None)


def test_denial_span_covers_the_whole_claim(sample: Sample, fast_extractor: Extractor) -> None:
    doc = sample("denial")
    (c,) = fast_extractor.extract(doc).claims
    assert doc.text[slice(*c.span)] == "denied that Spin Boldak district had fallen to the Taliban"


@pytest.mark.model
def test_claimant_is_not_a_bare_preposition_phrase(extractor: Extractor) -> None:
    text = ("A spokesman for the ministry denied on Saturday reports that Zhari district had been "
            "captured by the Taliban.")
    (c,) = extract_text(extractor, text, date(2021, 7, 12)).claims
    assert (c.claimant, c.stance) == ("spokesman for the ministry", "denies")


# -- quotes ----------------------------------------------------------------------------------

@pytest.mark.model
def test_quote_split_around_he_said_is_one_speaker_twice(sample: Sample, extractor: Extractor) -> None:
    doc = sample("split_quote")
    quotes = extractor.extract(doc).quotes
    assert [(q.speaker, q.text) for q in quotes] == [
        ("Hamid Sultani", "Our forces have orders to defend every district centre"),
        ("Hamid Sultani", "and fresh units are already on the road from Kabul."),
    ]
    for q in quotes:
        assert doc.text[slice(*q.span)] == q.text


@pytest.mark.model
def test_he_said_is_the_last_person_named(sample: Sample, extractor: Extractor) -> None:
    # Roya Ahmadi is named first, Farid Noorzai last: "he said" is Noorzai
    (q,) = extractor.extract(sample("he_said")).quotes
    assert (q.speaker, q.text) == ("Farid Noorzai", "The highway is open again and the convoys are moving")


@pytest.mark.model
def test_scare_quotes_are_not_quotes(sample: Sample, extractor: Extractor) -> None:
    # "shadow courts" and "taxes" are no one's words; the shopkeeper's sentence is
    quotes = extractor.extract(sample("scare_quotes")).quotes
    assert [(q.speaker, q.text) for q in quotes] == [("Karim Noori", "We pay whoever holds the road")]


def test_scare_quotes_are_not_quotes_in_fast_mode(sample: Sample, fast_extractor: Extractor) -> None:
    # with no NER the full name comes from "A shopkeeper, Karim Noori," (quotes' role mentions)
    quotes = fast_extractor.extract(sample("scare_quotes")).quotes
    assert [(q.speaker, q.text) for q in quotes] == [("Karim Noori", "We pay whoever holds the road")]


def test_evidence_sentences_keep_their_own_quotation_marks(sample: Sample,
                                                           fast_extractor: Extractor) -> None:
    (q,) = fast_extractor.extract(sample("scare_quotes")).quotes
    assert q.evidence.text == '"We pay whoever holds the road," Noori said.'


# -- assessments -----------------------------------------------------------------------------

def test_assessment_215_of_421_districts_as_of_july_10(sample: Sample, any_extractor: Extractor) -> None:
    doc = sample("assessment")
    (a,) = any_extractor.extract(doc).assessments
    assert (a.assessor, a.controller, a.count, a.of, a.as_of, a.kind) == (
        "Long War Journal", "taliban", 215, 421, date(2021, 7, 10), "controlled")
    assert doc.text[slice(*a.span)] == "215 of 421 districts"


# -- dates -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("published", "when", "expected"), [
    (date(2021, 7, 6), "on Sunday", date(2021, 7, 4)),      # a Tuesday: the Sunday before
    (date(2021, 7, 4), "on Sunday", date(2021, 7, 4)),      # a Sunday: that day
    (date(2021, 7, 6), "yesterday", date(2021, 7, 5)),
    (date(2021, 7, 6), "on July 2", date(2021, 7, 2)),
    (date(2021, 1, 3), "on December 30", date(2020, 12, 30)),  # a January report: last year
    (date(2021, 7, 6), "last week", None),                  # names no day
])
def test_relative_dates_resolve_against_the_publication_day(fast_extractor: Extractor, published: date,
                                                            when: str, expected: date | None) -> None:
    text = f"The Taliban captured Zhari district {when}, officials said."
    (c,) = extract_text(fast_extractor, text, published).control_changes
    assert c.date == expected


def test_no_publication_day_leaves_relative_dates_null(fast_extractor: Extractor) -> None:
    text = "The Taliban captured Zhari district on Sunday, officials said."
    (c,) = fast_extractor.extract(Document(document_id(text), text)).control_changes
    assert c.date is None


def test_the_extractors_are_registered_under_versioned_names(fast_extractor: Extractor) -> None:
    import re

    from khabar.extract import pipeline

    assert all(re.fullmatch(r"[a-z_]+/\d+", n) for n in fast_extractor.extractors)
    kinds = set(pipeline.SENTENCE_EXTRACTORS.values()) | set(pipeline.REPORT_EXTRACTORS.values())
    assert kinds == {"control_changes", "events", "claims", "assessments", "quotes"}
    assert list(fast_extractor.extractors).index("control/1") < list(fast_extractor.extractors).index("events/1")


def test_the_report_pass_names_people_groups_and_places_where_the_report_does(fast_extractor: Extractor) -> None:
    from khabar.extract.sentences import read_report

    for text in ("The Taliban captured Nerkh on Sunday, Zabihullah Mujahid said. Officials in Kabul denied it.",
                 "Amrullah Saleh said government forces still held Nerkh. The Taliban said they held it.",
                 "KABUL, July 4 (Wire) - The Islamic Emirate took Imam Sahib district, its spokesman said."):
        doc = Document(document_id(text), text, published=date(2021, 7, 5))
        p = fast_extractor._prepare(doc)
        sents = fast_extractor._sentences(p, fast_extractor._run_model([p])[0])
        report = read_report(sents, fast_extractor.theatre, doc.published)
        assert report.of_kind("place") and report.of_kind("group"), text
        for m in report.mentions:  # offsets into the report, as written
            assert m.text.split()[-1] in text[m.start:m.end], (m, text)
        assert report.before(sents[-1]) == tuple(sents[:-1])


def test_the_same_day_is_the_last_day_the_report_named_before(any_extractor: Extractor) -> None:
    for text in ("Russia's foreign minister met his Pakistani counterpart in Moscow on July 6. On the same "
                 "day, envoys of China and Iran met in Tehran.",
                 "Uzbek officials met Taliban envoys in Termez on Tuesday. That day, the Tajik president "
                 "also met the Russian ambassador in Dushanbe.",
                 "On July 6 the Iranian foreign minister hosted the Taliban delegation in Tehran. On the "
                 "sidelines, Chinese envoys held talks with the Afghan ambassador."):
        ex = extract_text(any_extractor, text, date(2021, 7, 9))
        days = {e.date for e in ex.events if e.type == "CONSULT"}
        assert len(days) == 1 and None not in days, (text, ex.events)
