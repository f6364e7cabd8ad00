"""The rule pass's sentence splitter: where sentences of a report begin."""

from __future__ import annotations

import pytest

from khabar.extract.nlp import fast_pipeline


def sentences(text: str) -> list[str]:
    return [s.text.strip() for s in fast_pipeline()(text).sents if s.text.strip()]


@pytest.mark.parametrize("mark", ["\u201c", '"'])
def test_an_opening_quotation_mark_begins_the_next_sentence(mark: str) -> None:
    close = "\u201d" if mark == "\u201c" else '"'
    text = f"The governor spoke in Herat. {mark}The city is safe,{close} he said."
    assert sentences(text) == ["The governor spoke in Herat.", f"{mark}The city is safe,{close} he said."]


def test_a_closing_mark_stays_with_its_sentence() -> None:
    text = "\u201cWe will hold Kunduz.\u201d Fighting went on. The road was closed!"
    assert sentences(text) == ["\u201cWe will hold Kunduz.\u201d", "Fighting went on.",
                               "The road was closed!"]


def test_a_straight_mark_glued_to_the_stop_closes_a_quotation() -> None:
    # '."' closes the quotation: the straight mark has no space before it
    assert sentences('He said: "The pass is open." Traffic moved.') == [
        'He said: "The pass is open."', "Traffic moved."]


def test_line_breaks_end_headlines_and_paragraphs() -> None:
    text = "Taliban take Dand\n\nKANDAHAR - Fighters entered the district. Officials fled\nto the city"
    assert sentences(text) == ["Taliban take Dand", "KANDAHAR - Fighters entered the district.",
                               "Officials fled", "to the city"]


def test_abbreviations_and_numbers_do_not_split() -> None:
    assert sentences("U.S. envoy Zalmay Khalilzad met them on 3.5 hectares. Then he left.") == [
        "U.S. envoy Zalmay Khalilzad met them on 3.5 hectares.", "Then he left."]


def test_an_empty_report_has_no_sentence() -> None:
    assert sentences("") == []


def test_the_rule_pass_names_people_after_a_title_and_not_other_capitals() -> None:
    nlp = fast_pipeline()
    for text, name in (("In a rare interview, Colonel Nadah Htoo, a commander of the brigade, said the base held.",
                        "Nadah Htoo"),
                       ("The post fell on Wednesday, rebel spokesman Karim Dost told reporters.", "Karim Dost"),
                       ("Deputy Foreign Minister Abbas Araghchi will visit the capital next week.", "Abbas Araghchi")):
        people = [e.text for e in nlp(text).ents if e.label_ == "PERSON"]
        assert people == [name], (text, people)
    for text in ("The General Assembly voted on the resolution.", "The Minister of Defence visited the front.",
                 "President said nothing."):
        assert not [e for e in nlp(text).ents if e.label_ == "PERSON"], text
