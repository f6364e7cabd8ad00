"""Published district counts (stock, flow, ordinal, recaptured, contested) and the days dates mean."""

from __future__ import annotations

from datetime import date

import pytest

from khabar.extract.dates import find_dates
from khabar.extract.pipeline import Extractor
from khabar.records import Document, document_id

WEDNESDAY = date(2021, 7, 14)


def counts(extractor: Extractor, text: str, published: date = WEDNESDAY) -> list[tuple[object, ...]]:
    ex = extractor.extract(Document(document_id(text), text, published=published))
    return [(a.count, a.of, a.kind, a.controller, a.as_of.isoformat() if a.as_of else None)
            for a in ex.assessments]


@pytest.mark.parametrize("text,expected", [
    ("The Long War Journal estimates the Taliban control 204 of 407 districts as of June 30.",
     [(204, 407, "controlled", "taliban", "2021-06-30")]),
    ("The Taliban control about 212 of Afghanistan's 419 district centres, a U.S. general said on Tuesday.",
     [(212, 419, "controlled", "taliban", "2021-07-13")]),
    ("More than 30 districts have fallen to the Taliban since the start of May, according to our tally.",
     [(30, None, "fallen", "taliban", "2021-07-14")]),
    ("Sixteen districts fell to the Taliban in Takhar in two weeks, officials said.",
     [(16, None, "fallen", "taliban", "2021-07-14")]),
    ("Kunduz fell on Sunday, the third provincial capital to fall since the withdrawal began on May 1.",
     [(3, None, "fallen", "taliban", "2021-07-11")]),
    ("By the same count the government has retaken 17 of those districts.",
     [(17, None, "retaken", "government", "2021-07-14")]),
    ("The Taliban hold 223 of the 407 districts, according to the Long War Journal, while 116 districts "
     "are contested.",
     [(223, 407, "controlled", "taliban", "2021-07-14"), (116, None, "contested", "contested", "2021-07-14")]),
])
def test_published_counts_are_assessments(fast_extractor: Extractor, text: str,
                                          expected: list[tuple[object, ...]]) -> None:
    assert counts(fast_extractor, text) == expected


@pytest.mark.parametrize("text", [
    "Taliban spokesman Zabihullah Mujahid said the group had captured 150 districts.",
    "According to the spokesman, the Islamic Emirate now controls 18 provincial centres.",
    "The defence ministry said security forces had retaken 15 districts.",
    "The Taliban captured two more districts in Ghazni on Tuesday.",
    "Zaranj was the first provincial capital to fall to the insurgents.",
    "Fighters are pressing on the edges of 12 of the 34 provincial capitals.",
    "The insurgents have seized seven of the city's ten police districts since Friday.",
])
def test_party_counts_single_events_and_police_districts_are_not_assessments(
        fast_extractor: Extractor, text: str) -> None:
    assert counts(fast_extractor, text) == []


@pytest.mark.parametrize("text,days", [
    ("Zaranj fell on August 6, and Sheberghan followed a day later.", [date(2021, 8, 6), date(2021, 8, 7)]),
    ("It fell on August 14 and Jalalabad surrendered the next morning.", [date(2021, 8, 14), date(2021, 8, 15)]),
    ("Ghazni fell on August 12, the same night that Kandahar was abandoned.",
     [date(2021, 8, 12), date(2021, 8, 12)]),
    ("By Sunday afternoon the district had fallen.", [date(2021, 8, 15)]),
    ("It was lost last week.", [None]),
])
def test_days_named_from_another_day_of_the_sentence(text: str, days: list[date | None]) -> None:
    assert [d.value for d in find_dates(text, date(2021, 8, 16))] == days


@pytest.mark.parametrize("text,unit", [
    ("By our tally the Taliban held 18 of Afghanistan's 34 provincial capitals by Friday evening.",
     "provincial capitals"),
    ("Kunduz fell on Sunday, the third provincial capital to fall since the withdrawal began on May 1.",
     "provincial capitals"),
    ("The Long War Journal estimates the Taliban control 204 of 407 districts as of June 30.", "districts"),
])
def test_a_count_says_whether_it_counts_districts_or_capitals(fast_extractor: Extractor, text: str,
                                                              unit: str) -> None:
    ex = fast_extractor.extract(Document(document_id(text), text, published=WEDNESDAY))
    assert [a.unit for a in ex.assessments] == [unit]
