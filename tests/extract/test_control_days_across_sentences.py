"""A change dated from a day an earlier sentence named: "Nine days earlier", "by nightfall".

A sentence naming no day of its own counts "nine days earlier" or "two days later" from the last
day the report named before it; "earlier in the day" and "by nightfall" mean that very day.
"""

from __future__ import annotations

from datetime import date

from khabar.extract.dates import find_dates
from khabar.extract.pipeline import Extractor
from khabar.records import Document

PUBLISHED = date(2021, 7, 14)


def _dates(ex: Extractor, text: str) -> dict[str, date | None]:
    doc = Document(id="days-across", text=text, title="", published=PUBLISHED)
    return {c.district: c.date for c in ex.extract(doc).control_changes}


def test_an_offset_counts_from_the_day_named_before(fast_extractor: Extractor) -> None:
    got = _dates(fast_extractor,
                 "Taliban fighters captured Dand district in Kandahar province on July 3. "
                 "Nine days earlier, the insurgents had overrun Arghandab district.\n\n"
                 "Two days later, Spin Boldak district fell to the Taliban.")
    assert got["Dand"] == date(2021, 7, 3)
    assert got["Arghandab"] == date(2021, 6, 24)
    assert got["Spin Boldak"] == date(2021, 6, 26)  # two days after the day told of just before


def test_the_same_day_named_again(fast_extractor: Extractor) -> None:
    got = _dates(fast_extractor,
                 "The Taliban captured Ghazni city on Monday, July 12, officials said. "
                 "Earlier in the day, Andar district was handed over to the Taliban. "
                 "Qarabagh district was also under Taliban control by nightfall.")
    assert got == {"Ghazni": date(2021, 7, 12), "Andar": date(2021, 7, 12),
                   "Qarabagh": date(2021, 7, 12)}


def test_a_sentence_with_a_day_of_its_own_keeps_it(fast_extractor: Extractor) -> None:
    got = _dates(fast_extractor,
                 "Taliban fighters captured Dand district on July 3. "
                 "The insurgents overran Arghandab district on July 9, six days later.")
    assert got["Arghandab"] == date(2021, 7, 9)


def test_without_an_earlier_day_an_offset_stays_undated(fast_extractor: Extractor) -> None:
    got = _dates(fast_extractor, "Nine days earlier, the insurgents had overrun Arghandab district.")
    assert got == {"Arghandab": None}


def test_find_dates_reads_relative_days_from_the_anchor() -> None:
    july3 = date(2021, 7, 3)
    assert [d.value for d in find_dates("It had fallen nine days earlier.", PUBLISHED)] == []
    assert [d.value for d in find_dates("It had fallen nine days earlier.", PUBLISHED, anchor=july3)] \
        == [date(2021, 6, 24)]
    assert [d.value for d in find_dates("The next day, Zhari fell.", PUBLISHED, anchor=july3)] \
        == [date(2021, 7, 4)]
    # "two days after" needs its own anchor: after what?
    assert [d.value for d in find_dates("Two days after the siege began, it fell.", PUBLISHED,
                                        anchor=july3)] == []
