"""Opening a database: migrations recorded once, newer schemas and wrong paths refused in one line."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from khabar.errors import StoreError
from khabar.store import connect
from khabar.store.migrations import MIGRATIONS, migrate, schema_version

TABLES = {"schema_migrations", "documents", "extractions", "control_changes", "events", "claims",
          "quotes", "assessments", "overrides"}


def tables(conn: sqlite3.Connection) -> set[str]:
    if getattr(conn, "dialect", "sqlite") == "sqlite":
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return {r[0] for r in conn.execute("SELECT table_name FROM information_schema.tables"
                                       " WHERE table_schema = current_schema()")}


def test_migrations_are_recorded_by_name(db: sqlite3.Connection) -> None:
    names = [r["name"] for r in db.execute("SELECT name FROM schema_migrations ORDER BY name")]
    assert names == sorted(name for name, _ in MIGRATIONS)
    assert names[:2] == ["m001_documents_and_records", "m002_overrides"]
    assert schema_version(db) == len(MIGRATIONS)
    assert tables(db) >= TABLES


def test_connecting_twice_applies_nothing_again(store_url: str) -> None:
    path = store_url
    first = connect(path)
    applied_at = first.execute("SELECT name, applied_at FROM schema_migrations").fetchall()
    first.close()
    again = connect(path)
    assert migrate(again) == []
    assert again.execute("SELECT name, applied_at FROM schema_migrations").fetchall() == applied_at
    assert tables(again) >= TABLES


def test_database_from_a_newer_khabar_is_refused(store_url: str) -> None:
    path = store_url
    conn = connect(path)
    conn.execute("INSERT INTO schema_migrations (name, applied_at) VALUES ('m999_from_the_future', "
                 "'2030-01-01T00:00:00+00:00')")
    conn.close()
    with pytest.raises(StoreError) as e:
        connect(path)
    message = str(e.value)
    assert "\n" not in message
    assert message.endswith("database schema is newer than this khabar (m999_from_the_future); "
                            "upgrade khabar")


def test_newer_schema_error_names_the_database(store_url: str) -> None:
    path = store_url
    connect(path).execute("INSERT INTO schema_migrations VALUES ('m999_from_the_future', '2030-01-01')")
    with pytest.raises(StoreError) as e:
        connect(path)
    assert str(e.value) == (f"{path}: database schema is newer than this khabar "
                            "(m999_from_the_future); upgrade khabar")


def test_db_that_is_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as e:
        connect(tmp_path)
    assert str(e.value) == f"{tmp_path}: is a folder; --db takes a database file"


def test_db_in_a_missing_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as e:
        connect(tmp_path / "nowhere" / "khabar.db")
    assert str(e.value) == f"{tmp_path / 'nowhere' / 'khabar.db'}: folder {tmp_path / 'nowhere'} does not exist"


def test_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are notes, not a database " * 10)
    with pytest.raises(StoreError) as e:
        connect(path)
    assert str(e.value) == f"{path}: not a khabar database (file is not a database)"
