"""A database made by an older khabar (controller CHECK naming one theatre's parties, no record
attribution columns) opens with this one: every row kept, any party id storable, new fields
defaulted, search and overrides still working."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from khabar.records import ControlChange, Document, Evidence, Extraction
from khabar.store import connect
from khabar.store import records as store
from khabar.store.migrations import MIGRATIONS, schema_version
from khabar.store.search import search

OLD = ("m001_documents_and_records", "m002_overrides", "m003_search", "m004_assessment_unit")
TEXT = ("Rebels captured Alpha town on Monday. The army retook Beta on Tuesday. "
        "Gamma is contested. The rebels claimed to hold 60 percent of the region.")
ROWS: dict[str, list[tuple[Any, ...]]] = {
    "documents": [("d1", "Three towns", "Wire", "", "2023-11-07", "en", TEXT, "a.txt", "2023-11-08T00:00:00+00:00")],
    "control_changes": [
        ("c1", "d1", "Alpha", "X01", "North", "P1", "taliban", "2023-11-06", "captured", 15, 20, 0, 37,
         TEXT[0:37]),
        ("c2", "d1", "Beta", "X02", "North", "P1", "government", "2023-11-07", "retook", 59, 63, 38, 73,
         TEXT[38:73]),
        ("c3", "d1", "Gamma", "X03", None, None, "contested", None, "", 74, 79, 74, 93, TEXT[74:93]),
    ],
    "events": [("e1", "d1", "ASSAULT", '["Rebels"]', '["Alpha"]', "Alpha", "2023-11-06", "happened",
                "captured", 0, 37, 0, 37, TEXT[0:37])],
    "claims": [("k1", "d1", "rebels", "asserts", "to hold 60 percent of the region",
                '{"value": 60, "unit": "percent", "of": "territory", "qualifier": null, "value_max": null}',
                None, 115, 147, 94, 147, TEXT[94:147])],
    "quotes": [("q1", "d1", "a commander", "we hold it", 0, 10, 0, 37, TEXT[0:37])],
    "assessments": [("a1", "d1", "Monitor", "taliban", 12, 30, "2023-11-01", "published", 0, 5, 0, 37,
                     TEXT[0:37], "districts")],
    "overrides": [(1, "control_changes", "c2", "d1", 59, 63, "correct", '{"controller": "contested"}',
                   "still fighting", "ana", "2023-11-09T00:00:00+00:00")],
}


# The control table as khabar's first migration made it before theatres were data: its CHECK named
# the one theatre's parties (today's m001 makes it with a CHECK on an empty controller only).
OLD_CONTROL_TABLE = """
    CREATE TABLE control_changes (
        id TEXT PRIMARY KEY, document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        district TEXT NOT NULL, district_id TEXT, province TEXT, province_id TEXT,
        controller TEXT NOT NULL CHECK (controller IN ('taliban', 'government', 'contested')),
        date TEXT, trigger TEXT NOT NULL DEFAULT '', span_start INTEGER NOT NULL,
        span_end INTEGER NOT NULL, ev_start INTEGER NOT NULL, ev_end INTEGER NOT NULL,
        evidence TEXT NOT NULL);
    CREATE INDEX control_changes_district ON control_changes(district_id);
    CREATE INDEX control_changes_document ON control_changes(document_id);
"""


def old_database(path: Path) -> None:
    """Make the database an older khabar made: its four migrations, then rows in every table."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    for name, fn in MIGRATIONS:
        if name in OLD:
            conn.execute("BEGIN")
            fn(conn)
            if name == OLD[0]:
                conn.execute("DROP TABLE control_changes")
                for statement in OLD_CONTROL_TABLE.split(";"):
                    if statement.strip():
                        conn.execute(statement)
            conn.execute("INSERT INTO schema_migrations VALUES (?, '2023-01-01')", (name,))
            conn.execute("COMMIT")
    for table, rows in ROWS.items():
        marks = ", ".join("?" for _ in rows[0])
        conn.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
    with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):  # the old schema's limit
        conn.execute("INSERT INTO control_changes VALUES ('c9', 'd1', 'Delta', 'X04', NULL, NULL, 'mndaa',"
                     " NULL, '', 0, 1, 0, 1, 'x')")
    conn.close()


def test_old_database_keeps_every_row_and_takes_any_party(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old_database(path)
    conn = connect(path)
    assert schema_version(conn) == len(MIGRATIONS)
    for table, rows in ROWS.items():
        width = len(rows[0])
        got = [tuple(r)[:width] for r in conn.execute(f"SELECT * FROM {table} ORDER BY rowid")]
        assert got == rows, table
    # the new fields take their defaults on old rows
    assert [tuple(r) for r in conn.execute(
        "SELECT kind, acting_party, speaker, speaker_party, hedged, denied FROM control_changes")] == [
        ("change", None, None, None, 0, 0)] * 3
    assert tuple(conn.execute("SELECT claimant_party, district_ids, hedged FROM claims").fetchone()) == (
        None, "[]", 0)
    assert tuple(conn.execute("SELECT district_ids, parties FROM events").fetchone()) == ("[]", "[]")
    assert conn.execute("SELECT speaker_party FROM quotes").fetchone()[0] is None
    # old rows read back as records, the analyst's correction applied
    (claim,) = store.stored_claims(conn)
    assert (claim.id, claim.record.claimant, claim.record.quantity and claim.record.quantity.value,
            claim.record.district_ids, claim.record.hedged) == ("k1", "rebels", 60, (), False)
    assert {o.district: (o.controller, o.review) for o in store.observations(conn)} == {
        "Alpha": ("taliban", None), "Beta": ("contested", "corrected"), "Gamma": ("contested", None)}
    assert search(conn, "claims", "percent region") == ["k1"]  # the search index survived
    # a party of another theatre can now be stored
    doc = Document("d2", "MNDAA fighters took Delta.", published=date(2023, 11, 10))
    change = ControlChange("Delta", "X04", None, "mndaa", date(2023, 11, 10),
                           Evidence("d2", 0, 26, doc.text), (20, 25), acting_party="mndaa")
    store.save_extraction(conn, Extraction(doc, "test", "1", control_changes=(change,)))
    assert [(r["district"], r["controller"], r["acting_party"])
            for r in store.records_of(conn, "control_changes", ["d2"])] == [("Delta", "mndaa", "mndaa")]
    assert store.stats(conn)["control_changes"] == 4
    conn.close()


def test_upgrade_is_one_transaction(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure in the rebuild leaves the old database as it was, its rows and its CHECK."""
    path = tmp_path / "old.db"
    old_database(path)
    from khabar.store import migrations

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE control_changes_new (id TEXT)")
        conn.execute("DROP TABLE control_changes")
        raise RuntimeError("power cut")

    monkeypatch.setattr(migrations, "MIGRATIONS", [
        (name, broken if name == "m005_controller_is_any_party" else fn) for name, fn in MIGRATIONS])
    with pytest.raises(RuntimeError):
        connect(path)
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM control_changes").fetchone()[0] == 3
    assert "CHECK (controller IN" in conn.execute(
        "SELECT sql FROM sqlite_master WHERE name = 'control_changes'").fetchone()[0]
    assert [r[0] for r in conn.execute("SELECT name FROM schema_migrations ORDER BY name")] == list(OLD)
    conn.close()
