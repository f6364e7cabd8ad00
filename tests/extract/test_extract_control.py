"""Control changes: who took which district on which day, and what is not a change of control."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from khabar.extract.pipeline import Extractor
from khabar.records import ControlChange, Document, document_id

Sample = Callable[[str], Document]


def changes(extractor: Extractor, doc: Document) -> list[tuple[str, str | None, str | None, str, date | None]]:
    ex = extractor.extract(doc)
    return [(c.district, c.district_id, c.province, c.controller, c.date) for c in ex.control_changes]


def extract_text(extractor: Extractor, text: str, published: date) -> list[ControlChange]:
    return list(extractor.extract(Document(document_id(text), text, published=published)).control_changes)


def test_capture_on_sunday_is_dated_by_the_publication_day(sample: Sample, any_extractor: Extractor) -> None:
    # published Tuesday 2021-07-06: "on Sunday" is 2021-07-04
    assert changes(any_extractor, sample("district_taken")) == [
        ("Panjwayi", "AF2704", "Kandahar", "taliban", date(2021, 7, 4))]


def test_readme_library_example(any_extractor: Extractor) -> None:
    text = "The Taliban captured the Panjwai district of Kandahar province on Sunday, officials said."
    ex = any_extractor.extract(Document(document_id(text), text, published=date(2021, 7, 6)))
    assert [(c.district_id, c.controller, c.date.isoformat()) for c in ex.control_changes if c.date] == [
        ("AF2704", "taliban", "2021-07-04")]


def test_recapture_gives_the_district_to_the_government(sample: Sample, any_extractor: Extractor) -> None:
    # published Saturday 2021-07-17: "on Friday" is 2021-07-16
    assert changes(any_extractor, sample("district_retaken")) == [
        ("Malistan", "AF1116", "Ghazni", "government", date(2021, 7, 16))]


def test_failed_and_repelled_attacks_change_no_control(sample: Sample, any_extractor: Extractor) -> None:
    ex = any_extractor.extract(sample("failed_attack"))
    assert ex.control_changes == ()
    # the attack itself is still an event
    assert [(e.type, e.actors, e.place, e.date) for e in ex.events] == [
        ("ASSAULT", ("Taliban",), "Zhari", date(2021, 7, 10))]


def test_a_district_that_could_fall_has_not_fallen(sample: Sample, any_extractor: Extractor) -> None:
    assert changes(any_extractor, sample("could_fall")) == []


def test_a_denied_fall_is_no_control_change(sample: Sample, any_extractor: Extractor) -> None:
    assert changes(any_extractor, sample("denial")) == []


@pytest.mark.parametrize("text", [
    "The Taliban attacked Zhari district on Saturday but failed to seize it.",
    "An attack on Zhari district was repelled on Saturday.",
    "Officials said Zhari district could be captured by the Taliban within days.",
    "The ministry denied that Zhari district fell to the Taliban on Saturday.",
    "Taliban fighters tried to overrun Zhari district on Saturday.",
])
def test_hedged_triggers_give_no_record(fast_extractor: Extractor, text: str) -> None:
    assert extract_text(fast_extractor, text, date(2021, 7, 12)) == []


def test_several_districts_in_one_sentence(sample: Sample, any_extractor: Extractor) -> None:
    # published Wednesday 2021-06-23: "on Tuesday" is 2021-06-22
    day = date(2021, 6, 22)
    assert changes(any_extractor, sample("several_districts")) == [
        ("Khanabad", "AF1904", "Kunduz", "taliban", day),
        ("Chardara", "AF1902", "Kunduz", "taliban", day),
        ("Dasht-e-Archi", "AF1906", "Kunduz", "taliban", day),
    ]


def test_spelling_variant_resolves_to_the_gazetteer_id(sample: Sample, any_extractor: Extractor) -> None:
    # "Panjway" is not the gazetteer's "Panjwai"; published Wednesday 2021-07-07
    assert changes(any_extractor, sample("spelling_variant")) == [
        ("Panjway", "AF2704", "Kandahar", "taliban", date(2021, 7, 4))]


def test_the_district_refers_back_to_the_last_district_named(sample: Sample, any_extractor: Extractor) -> None:
    doc = sample("district_anaphora")
    (c,) = any_extractor.extract(doc).control_changes
    assert (c.district, c.district_id, c.controller, c.date) == (
        "Imam Sahib", "AF1905", "taliban", date(2021, 6, 24))
    assert doc.text[slice(*c.span)] == "The district"
    assert c.evidence.text == ("The district fell to the Taliban on Thursday evening, "
                               "a provincial council member said.")


def test_weekday_before_the_district_is_not_a_district_name(fast_extractor: Extractor) -> None:
    text = ("Heavy fighting broke out around Imam Sahib in Kunduz province on Wednesday. "
            "On Thursday evening the district fell to the Taliban.")
    ex = fast_extractor.extract(Document(document_id(text), text, published=date(2021, 6, 25)))
    assert [(c.district, c.district_id) for c in ex.control_changes] == [("Imam Sahib", "AF1905")]
    assert ex.warnings == ()


def test_district_missing_from_the_gazetteer_is_kept_with_a_warning(sample: Sample, any_extractor: Extractor) -> None:
    ex = any_extractor.extract(sample("unknown_district"))
    assert [(c.district, c.district_id, c.province, c.province_id, c.controller, c.date)
            for c in ex.control_changes] == [
        ("Foobarabad", None, "Balkh", None, "taliban", date(2021, 7, 12))]
    assert ex.warnings == (
        "Foobarabad: not in the afghanistan_2021 gazetteer; kept with a null district id",)


@pytest.mark.parametrize("text", [
    "The Taliban captured Foobarabad district on Monday.",
    "Militants overran Foobarabad district on Monday.",
])
def test_unknown_district_after_subject_and_verb_is_kept(fast_extractor: Extractor, text: str) -> None:
    assert [(c.district, c.district_id, c.controller, c.date)
            for c in extract_text(fast_extractor, text, date(2021, 7, 13))] == [
        ("Foobarabad", None, "taliban", date(2021, 7, 12))]


def test_report_naming_no_afghan_place_gives_no_changes_and_a_warning(sample: Sample, any_extractor: Extractor) -> None:
    ex = any_extractor.extract(sample("no_afghan_place"))
    assert ex.control_changes == ()
    assert ex.warnings == ("no place of Afghanistan named",)


@pytest.mark.parametrize("name", ["district_taken", "district_retaken", "several_districts",
                                  "spelling_variant", "unknown_district"])
def test_control_change_span_is_the_district_as_written(sample: Sample, any_extractor: Extractor, name: str) -> None:
    doc = sample(name)
    ex = any_extractor.extract(doc)
    assert ex.control_changes
    for c in ex.control_changes:
        assert doc.text[c.span[0]:c.span[1]] == c.district
        assert doc.text[c.evidence.start:c.evidence.end] == c.evidence.text
