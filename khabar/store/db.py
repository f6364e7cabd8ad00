"""Opening a database: one SQLite file, migrated to the current schema on open."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from khabar.errors import StoreError
from khabar.store.migrations import migrate

DEFAULT_DB = "khabar.db"


def connect(path: str | Path = DEFAULT_DB) -> sqlite3.Connection:
    """Return a connection to the database at `path` (":memory:" for a throwaway one), migrated."""
    target = str(path)
    if target != ":memory:":
        p = Path(target)
        if p.exists() and p.is_dir():
            raise StoreError(f"{target}: is a folder; --db takes a database file")
        if not p.parent.exists():
            raise StoreError(f"{target}: folder {p.parent} does not exist")
    try:
        conn = sqlite3.connect(target, isolation_level=None, check_same_thread=False)
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys = ON")
        if target != ":memory:":
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
        migrate(conn)
    except StoreError as e:
        raise StoreError(f"{target}: {e}") from e
    except sqlite3.DatabaseError as e:
        raise StoreError(f"{target}: not a khabar database ({e})") from e
    return conn
