"""The date of a dateline ("GARDEZ, June 26 (Wire) - ...") is the day the report was filed.

A change the sentence dates otherwise ("last week", "on Tuesday") takes that date, not the
dateline's; with nothing else but the day of the statement, the dateline's day stands.
"""

from __future__ import annotations

from datetime import date

import pytest

from khabar.extract.dates import find_dates
from khabar.extract.pipeline import Extractor
from khabar.records import Document


@pytest.mark.parametrize("text, day", [
    ("GARDEZ, June 26 (Paktia Wire) - Insurgents seized Zurmat district of Paktia province last week, "
     "officials said.", None),
    ("GARDEZ, June 26 (Paktia Wire) - Insurgents seized Zurmat district of Paktia province on Monday, "
     "officials said.", date(2021, 6, 21)),
    ("GARDEZ, June 26 (Paktia Wire) - Insurgents seized Zurmat district of Paktia province, "
     "officials said on Saturday.", date(2021, 6, 26)),
])
def test_a_dateline_dates_a_change_only_when_nothing_else_does(fast_extractor: Extractor, text: str,
                                                                day: date | None) -> None:
    doc = Document(id="dateline", text=text, title="", published=date(2021, 6, 26))
    assert [(c.district, c.date) for c in fast_extractor.extract(doc).control_changes] == [("Zurmat", day)]


def test_without_a_publication_date_the_dateline_dates_the_report(fast_extractor: Extractor) -> None:
    """"On Monday" in an undated report is the Monday before its dateline's day."""
    text = "GARDEZ, June 26 (Paktia Wire) - Insurgents seized Zurmat district of Paktia province on Monday."
    doc = Document(id="dateline-undated", text=text, title="", published=None)
    assert [(c.district, c.date) for c in fast_extractor.extract(doc).control_changes] == \
        [("Zurmat", date(2021, 6, 21))]
    assert [d.value for d in find_dates(text, None)] == [date(2021, 6, 26), date(2021, 6, 21)]
