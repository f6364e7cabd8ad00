"""Search in the store: a query made only of punctuation has no word to find, so it finds nothing
(it used to list every document)."""

from __future__ import annotations

import sqlite3

import pytest

from khabar.store import queries
from khabar.store import records as store
from khabar.store.queries import RecordFilter
from khabar.store.search import search
from tests.store.conftest import full_extraction


@pytest.fixture
def two_reports(db: sqlite3.Connection) -> sqlite3.Connection:
    for doc_id in ("doc1", "doc2"):
        store.save_extraction(db, full_extraction(doc_id))
    return db


@pytest.mark.parametrize("q", ["...", "?!", "\"'\"", "-- ; *", "()"])
def test_punctuation_only_finds_nothing(two_reports: sqlite3.Connection, q: str) -> None:
    assert queries.documents(two_reports, q) == ([], 0)
    for kind in queries.KINDS:
        assert queries.records(two_reports, kind, RecordFilter(q=q)) == ([], 0), kind
    assert search(two_reports, "documents", q) == []


def test_words_still_find_and_no_query_lists_all(two_reports: sqlite3.Connection) -> None:
    assert queries.documents(two_reports, "Laukkai.")[1] == 2
    assert queries.documents(two_reports, None)[1] == queries.documents(two_reports, "  ")[1] == 2
    rows, total = queries.records(two_reports, "claims", RecordFilter(q="townships!"))
    assert total == 2 and rows[0]["district_ids"] == ["T01", "T02"] and rows[0]["hedged"] is True
    rows, total = queries.records(two_reports, "control_changes", RecordFilter(q="Hopang"))
    assert total == 2 and {r["denied"] for r in rows} == {True}


def test_a_report_stored_again_stays_searchable(db: sqlite3.Connection) -> None:
    """Saving a stored report again, one by one or in bulk, keeps it and its records findable."""
    from khabar.store.bulk import bulk_save

    ex = full_extraction("doc1")
    store.save_extraction(db, ex)
    store.save_extraction(db, ex)
    assert bulk_save(db, [ex, full_extraction("doc2")]) == 1
    assert bulk_save(db, [ex]) == 0
    assert sorted(search(db, "documents", "Laukkai")) == ["doc1", "doc2"]
    assert len(search(db, "claims", "townships")) == 2
    assert len(search(db, "quotes", "hold the town")) == 2
    if getattr(db, "dialect", "sqlite") != "sqlite":
        return  # PostgreSQL's indexes are on the tables themselves: nothing can go stale
    # the index holds one entry per row, no stale ones
    for table in ("documents", "events", "claims", "quotes"):
        assert (db.execute(f"SELECT count(*) FROM {table}_fts").fetchone()[0]
                == db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]), table
