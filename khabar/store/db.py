"""Opening a database, migrated to the current schema on open: a SQLite file, or a PostgreSQL
database named by a URL (`postgresql://user@host/dbname`, for a team: `store.pg`)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import cast

from khabar.errors import StoreError
from khabar.store.migrations import migrate
from khabar.store.pg import is_url, shown

DEFAULT_DB = "khabar.db"
BUSY_SECONDS = 60.0  # how long a SQLite writer waits for another process's transaction


def connect(path: str | Path = DEFAULT_DB) -> sqlite3.Connection:
    """Return a connection to the database at `path` (":memory:" for a throwaway one, a
    `postgresql://` URL for a PostgreSQL database), migrated.

    A PostgreSQL connection (`store.pg.PgConnection`) offers the methods of sqlite3.Connection
    the store uses, and is typed as one for the store's callers.
    """
    target = str(path)
    if is_url(target):
        return cast(sqlite3.Connection, _connect_pg(target))
    if target != ":memory:":
        p = Path(target)
        if p.exists() and p.is_dir():
            raise StoreError(f"{target}: is a folder; --db takes a database file")
        if not p.parent.exists():
            raise StoreError(f"{target}: folder {p.parent} does not exist")
    try:
        conn = sqlite3.connect(target, isolation_level=None, check_same_thread=False, timeout=BUSY_SECONDS)
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


def _connect_pg(url: str) -> object:
    from khabar.store.pg import open_pg

    conn = open_pg(url)
    try:
        migrate(cast(sqlite3.Connection, conn))
    except StoreError as e:
        conn.close()
        raise StoreError(f"{shown(url)}: {e}") from e
    except Exception as e:
        conn.close()
        if getattr(e, "sqlstate", None) is None:
            raise
        raise StoreError(f"{shown(url)}: cannot open the khabar store ({str(e).strip().splitlines()[0]})") from e
    conn.counting = True
    return conn


def exists(path: str | Path) -> bool:
    """Return whether a --db value names a database to open: a file that exists, or any URL
    (the server says whether it is there when connected to)."""
    return is_url(path) or Path(path).exists()
