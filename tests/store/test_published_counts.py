"""Published counts near a day: one reader, with the analysts' reviews, for map, timeline and desk."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from khabar.records import Assessment, Document, Evidence, Extraction
from khabar.store import records as store
from khabar.store.overrides import save_override
from khabar.store.queries import assessments_near

TEXT = ("A tracker said the Taliban held 215 of 421 districts as of July 10. "
        "A week earlier it had counted 150 districts. "
        "In May it counted 77 districts.")
DOC = Document("doc-counts", TEXT, title="Trackers", outlet="Test Wire", published=date(2021, 7, 12))


def _count(n: int, of: int | None, as_of: date) -> Assessment:
    start = TEXT.index(str(n))
    sent_start = TEXT.rfind(". ", 0, start) + 2 if TEXT.rfind(". ", 0, start) > 0 else 0
    sent_end = TEXT.index(".", start) + 1
    return Assessment("Tracker", "taliban", n, of, as_of, "controlled",
                      Evidence(DOC.id, sent_start, sent_end, TEXT[sent_start:sent_end]),
                      (start, start + len(str(n))))


COUNTS = (_count(215, 421, date(2021, 7, 10)), _count(150, None, date(2021, 7, 3)),
          _count(77, None, date(2021, 5, 20)))


@pytest.fixture
def stored(db: sqlite3.Connection) -> sqlite3.Connection:
    store.save_extraction(db, Extraction(DOC, "test", "1", assessments=COUNTS))
    return db


def counts(db: sqlite3.Connection, day: date | None, window: int = 14) -> list[tuple[int, str]]:
    return [(r["count"], r["as_of"]) for r in assessments_near(db, day, window)]


def test_counts_of_the_two_weeks_before_a_day_newest_first_with_their_report(
        stored: sqlite3.Connection) -> None:
    rows = assessments_near(stored, date(2021, 7, 12))
    assert [(r["count"], r["as_of"], r["outlet"], r["unit"]) for r in rows] == [
        (215, "2021-07-10", "Test Wire", "districts"), (150, "2021-07-03", "Test Wire", "districts")]
    assert counts(stored, date(2021, 7, 9)) == [(150, "2021-07-03")]  # none after the day
    assert counts(stored, date(2021, 7, 12), window=60) == [
        (215, "2021-07-10"), (150, "2021-07-03"), (77, "2021-05-20")]
    assert counts(stored, None) == counts(stored, date(2021, 7, 12), window=60)


def test_a_rejected_count_is_left_out(stored: sqlite3.Connection) -> None:
    save_override(stored, "assessments", COUNTS[0].id, "reject", "the tracker withdrew it")
    assert counts(stored, date(2021, 7, 12)) == [(150, "2021-07-03")]


def test_a_count_is_placed_by_its_corrected_day(stored: sqlite3.Connection) -> None:
    save_override(stored, "assessments", COUNTS[2].id, "correct", "the count is of July",
                  {"as_of": "2021-07-05", "count": "80"})
    save_override(stored, "assessments", COUNTS[0].id, "correct", "the count is of August",
                  {"as_of": "2021-08-01"})
    assert counts(stored, date(2021, 7, 12)) == [(80, "2021-07-05"), (150, "2021-07-03")]
    (row,) = assessments_near(stored, date(2021, 8, 2))
    assert (row["count"], row["review"], row["extracted"]) == (215, "corrected",
                                                               {"as_of": "2021-07-10"})
