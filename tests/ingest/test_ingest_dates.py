from __future__ import annotations

from datetime import date

import pytest

from khabar.errors import DateError
from khabar.ingest.dates import parse_date_option, parse_metadata_date


@pytest.mark.parametrize("text", ["2021-07-14", "14 July 2021", "July 14, 2021", "14/07/2021",
                                  "2021/07/14", " 2021-07-14 "])
def test_published_option_accepts_common_forms(text: str) -> None:
    assert parse_date_option(text) == date(2021, 7, 14)


@pytest.mark.parametrize("text", ["yesterdayish", "yesterday", "2 days ago", "July 2021", ""])
def test_published_option_rejects_what_is_not_a_day(text: str) -> None:
    with pytest.raises(DateError) as e:
        parse_date_option(text)
    assert str(e.value) == f"--published {text!r}: not a date; use YYYY-MM-DD"


def test_published_option_rejects_an_ambiguous_day_and_month() -> None:
    with pytest.raises(DateError) as e:
        parse_date_option("03/04/2021")
    assert str(e.value) == "--published '03/04/2021': ambiguous day and month; use YYYY-MM-DD"


def test_published_option_message() -> None:
    with pytest.raises(DateError, match=r"^--published 'yesterdayish': not a date; use YYYY-MM-DD$"):
        parse_date_option("yesterdayish")


@pytest.mark.parametrize(("value", "expected"), [
    ("2021-07-14T23:30:00+04:30", date(2021, 7, 14)),
    ("2021-07-14T20:00:00Z", date(2021, 7, 14)),
    ("Thu, 15 Jul 2021 01:00:00 +0430", date(2021, 7, 15)),
    ("15 July 2021", date(2021, 7, 15)),
    (date(2021, 7, 15), date(2021, 7, 15)),
    ("sometime in July", None),
    ("03/04/2021", None),
    ("", None),
    (None, None),
    (20210715, None),
])
def test_metadata_dates(value: object, expected: date | None) -> None:
    assert parse_metadata_date(value) == expected
