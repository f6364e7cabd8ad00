"""The day of a change read from the report around it, as the annotation guidelines say.

A change with no day of its own takes the day of the statement that tells it ("took X, officials said
on Tuesday"), but not when its own words give no day ("last week", "in early July": no day at all);
another sentence giving the same change a day of its own wins over the statement's day; a list after
a count takes the count's day; "The development late on Saturday" after a change dates it; "two days
after it fell" counts from the day the report told before; "in the past 24 hours" is the day it is told.
"""

from __future__ import annotations

from datetime import date

import pytest

from khabar.extract.dates import find_dates
from khabar.extract.pipeline import Extractor
from khabar.records import Document

WEDNESDAY = date(2021, 7, 7)
MM_WEDNESDAY = date(2023, 11, 15)


@pytest.fixture(scope="module")
def myanmar() -> Extractor:
    return Extractor("myanmar", mode="fast")


def days(ex: Extractor, text: str, published: date = WEDNESDAY) -> list[tuple[str, str, date | None]]:
    doc = Document(id="dates-discourse", text=text, title="", published=published)
    return [(c.district, c.controller, c.date) for c in ex.extract(doc).control_changes]


@pytest.mark.parametrize("text, day", [
    # wire
    ("Taliban fighters captured Zurmat district in Paktia province, two local officials said on Tuesday.",
     date(2021, 7, 6)),
    # Afghan outlet
    ("The Islamic Emirate's fighters have taken over Zurmat district, the provincial police spokesman "
     "told reporters on Monday.", date(2021, 7, 5)),
    # regional
    ("Zurmat district has fallen to the insurgents, a senior security source confirmed on Sunday.",
     date(2021, 7, 4)),
    # analysis
    ("Zurmat, a district south of Gardez, was overrun by the Taliban, residents reported on Tuesday.",
     date(2021, 7, 6)),
])
def test_a_change_without_a_day_takes_the_day_of_its_statement(fast_extractor: Extractor, text: str,
                                                                day: date) -> None:
    assert days(fast_extractor, text) == [("Zurmat", "taliban", day)]


@pytest.mark.parametrize("text", [
    "Taliban fighters captured Zurmat district last week, two local officials said on Tuesday.",
    "The insurgents seized Zurmat district in early July, the police spokesman said on Tuesday.",
    "Zurmat fell to the Taliban late last month, a provincial council member told reporters on Monday.",
    "The Taliban overran Zurmat district in mid-June, officials confirmed on Sunday.",
])
def test_a_vague_span_of_its_own_leaves_a_change_undated(fast_extractor: Extractor, text: str) -> None:
    """"Last week", "in early July": the change's own words name no day; the statement's is not its day."""
    assert days(fast_extractor, text) == [("Zurmat", "taliban", None)]


@pytest.mark.parametrize("text, day", [
    ("Government forces have retaken Sheikh Ali district, the defence ministry said on Wednesday. "
     "A ministry spokesman said commandos recaptured the district late on Monday.", date(2021, 7, 5)),
    ("Afghan forces regained control of Sheikh Ali district, officials said on Wednesday. Troops backed by "
     "local militias retook the district centre on Tuesday evening, the governor said.", date(2021, 7, 6)),
    ("Security forces reclaimed Sheikh Ali, the ministry announced on Wednesday.\n\nThe army retook "
     "Sheikh Ali district on Sunday after two days of fighting, a local official said.", date(2021, 7, 4)),
])
def test_another_sentences_own_day_wins_over_the_day_of_the_statement(fast_extractor: Extractor, text: str,
                                                                       day: date) -> None:
    assert days(fast_extractor, text) == [("Sheikh Ali", "government", day)]


@pytest.mark.parametrize("text, day", [
    ("Sources told the agency on Sunday afternoon that at least four districts had fallen to the Taliban. "
     "According to the sources, Taliban fighters seized Argo, Kofab and Zibak districts of Badakhshan.",
     date(2021, 7, 4)),
    ("Four more districts fell to the insurgents on Monday, officials said. The Taliban took control of "
     "Argo, Kofab and Zibak districts in Badakhshan province.", date(2021, 7, 5)),
    ("The defence ministry said on Tuesday that three districts had been lost to the militants. "
     "The militants overran Argo, Kofab and Zibak districts, a ministry official said.", date(2021, 7, 6)),
])
def test_a_list_after_a_count_takes_the_counts_day(fast_extractor: Extractor, text: str, day: date) -> None:
    assert days(fast_extractor, text) == [(n, "taliban", day) for n in ("Argo", "Kofab", "Zibak")]


@pytest.mark.parametrize("text, day", [
    ("An MP says Nili was surrendered to the insurgents without a fight.\n\nThe development late on "
     "Saturday is the latest in a Taliban sweep of the centre.", date(2021, 7, 3)),
    ("Provincial officials said the Taliban had overrun Nili.\n\nThe capture on Friday came after the "
     "Taliban encircled the city for a week.", date(2021, 7, 2)),
    ("Government forces abandoned Nili to the Taliban, a lawmaker said. The fall of the city on Monday "
     "leaves the Taliban in control of the whole province.", date(2021, 7, 5)),
])
def test_the_sentence_after_a_change_naming_it_with_a_day_dates_it(fast_extractor: Extractor, text: str,
                                                                    day: date) -> None:
    assert days(fast_extractor, text)[0] == ("Nili", "taliban", day)


@pytest.mark.parametrize("text", [
    "The Taliban captured Ghoryan on Friday. Two days after it fell, the insurgents took Kohsan district.",
    "Ghoryan district fell to the Taliban on Friday, officials said.\n\nTwo days after the fall of Ghoryan, "
    "the militants overran Kohsan district as well.",
    "Insurgents overran Ghoryan on Friday. Two days after they took it, Taliban fighters seized Kohsan "
    "district, a local official said.",
])
def test_days_after_an_event_told_before_count_from_its_day(fast_extractor: Extractor, text: str) -> None:
    found = days(fast_extractor, text)
    assert ("Ghoryan", "taliban", date(2021, 7, 2)) in found
    assert ("Kohsan", "taliban", date(2021, 7, 4)) in found
    assert all(day == date(2021, 7, 2) for name, _, day in found if name == "Ghoryan")


@pytest.mark.parametrize("text, day", [
    ("Zurmat district fell to the Taliban in the past 24 hours.", WEDNESDAY),
    ("In the last 24 hours the insurgents have captured Zurmat district, officials confirmed on Monday.",
     date(2021, 7, 5)),
    ("The militants took control of Zurmat over the past 24 hours, the interior ministry said on Tuesday.",
     date(2021, 7, 6)),
])
def test_the_past_24_hours_is_the_day_it_is_told(fast_extractor: Extractor, text: str, day: date) -> None:
    assert days(fast_extractor, text) == [("Zurmat", "taliban", day)]


@pytest.mark.parametrize("text, day", [
    ("The TNLA captured Mongmit, its spokesman told reporters on Tuesday.", date(2023, 11, 14)),
    ("Mongmit fell to the Ta'ang National Liberation Army, the group said on Monday.", date(2023, 11, 13)),
    ("TNLA fighters seized Mongmit town last week, the group said on Tuesday.", None),
])
def test_myanmar_a_statements_day(myanmar: Extractor, text: str, day: date | None) -> None:
    assert days(myanmar, text, MM_WEDNESDAY) == [("Mongmit", "tnla", day)]


def test_a_month_without_a_day_is_no_day() -> None:
    found = find_dates("Fighting began in early July and May saw heavy losses; by August the town fell.",
                       WEDNESDAY)
    assert [(d.text, d.value) for d in found] == [("in early July", None), ("by August", None)]
