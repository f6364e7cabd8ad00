"""Who speaks a quoted phrase: a subject with "the" after an introductory phrase, a country's
official named by the country's possessive, an attribution that closes the sentence before a
subordinate clause, a group called by a generic noun.

Every sentence here is written for the test, in the styles of wire services, Afghan, regional and
Myanmar outlets and analysis pieces; none is taken from a report.
"""

from __future__ import annotations

from datetime import date

import pytest

from khabar.extract.pipeline import Extractor
from khabar.records import Document, document_id


def quotes(extractor: Extractor, text: str) -> list[tuple[str | None, str]]:
    doc = Document(document_id(text), text, published=date(2021, 7, 9))
    return [(q.speaker, q.text) for q in extractor.extract(doc).quotes]


def check(extractor: Extractor, text: str, speaker: str, phrase: str) -> None:
    got = quotes(extractor, text)
    assert [t for _, t in got] == [phrase], got
    assert speaker in (got[0][0] or ""), got


# -- "Speaking to local media, the provincial governor said that ... “...”" ---------------------

@pytest.mark.parametrize(("text", "speaker", "phrase"), [
    ("Speaking to local media, the provincial governor said that hundreds of families had fled and that the "
     "situation in the city was \u201cextremely worrying\u201d.", "governor", "extremely worrying"),
    ('After visiting the wounded, the deputy minister said the hospital was short of staff and the ward was '
     '"overflowing".', "deputy minister", "overflowing"),
    ("In an interview on Sunday, the army spokesman said the rebels had lost ground and were now \u201con the "
     "run\u201d in the hills.", "army spokesman", "on the run"),
])
def test_a_subject_with_the_after_an_introductory_phrase_speaks(any_extractor: Extractor, text: str,
                                                                speaker: str, phrase: str) -> None:
    check(any_extractor, text, speaker, phrase)


# -- "Pakistan's foreign minister, who visited Kabul last week, told parliament ..." ------------

@pytest.mark.parametrize(("text", "speaker", "phrase"), [
    ("Pakistan's foreign minister, who visited Kabul last week, told parliament that Islamabad had no "
     "\u201cfavourites\u201d in the conflict.", "Pakistan's foreign minister", "favourites"),
    ('Thailand\'s army chief, who met the generals in Naypyitaw on Monday, told reporters the border was "calm '
     'and under control".', "Thailand's army chief", "calm and under control"),
    ("India's foreign secretary, who toured the region this month, said New Delhi wanted an \u201cinclusive\u201d "
     "settlement.", "India's foreign secretary", "inclusive"),
])
def test_a_countrys_official_keeps_the_country_beside_a_relative_clause(any_extractor: Extractor, text: str,
                                                                        speaker: str, phrase: str) -> None:
    check(any_extractor, text, speaker, phrase)


# -- '..."phrase" ..., a commander told the agency, as ...' --------------------------------------

@pytest.mark.parametrize(("text", "speaker", "phrase"), [
    ('The front carried out a "tactical repositioning" near the river, a commander told the agency, as fresh '
     "troops arrived from the capital and the airport came under fire.", "commander", "tactical repositioning"),
    ("Government troops staged an \u201corderly pullback\u201d from the valley, an official said, days after the "
     "rebels cut the only road linking the town to the provincial capital.", "official", "orderly pullback"),
    ('The militia made a "temporary retreat" from the crossing, a spokeswoman said, after the return of army '
     "units to the strategic market town on the border with its neighbour.", "spokeswoman", "temporary retreat"),
])
def test_an_attribution_closing_the_sentence_before_a_clause_speaks(any_extractor: Extractor, text: str,
                                                                    speaker: str, phrase: str) -> None:
    check(any_extractor, text, speaker, phrase)


# -- "the insurgents said": the group the theatre calls so, when the report named none before ----

@pytest.mark.parametrize("text", [
    '"We have taken the district centre," the insurgents said in a message to journalists.',
    "\u201cThe road to the city is open,\u201d the militants said, urging traders to return.",
    '"No one who surrenders will be harmed," the insurgents said on Sunday.',
])
def test_a_generic_noun_for_a_group_is_the_group_of_the_theatre(any_extractor: Extractor, text: str) -> None:
    got = quotes(any_extractor, text)
    assert len(got) == 1 and got[0][0] == "Taliban", got
