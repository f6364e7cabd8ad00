"""What a store knows of itself: the theatre its reports belong to.

The theatre is recorded at the first ingest (a bundled theatre by its name, a user's folder by its
absolute path: either is what `theatres.loader.load` takes), so that commands can default to it and
an ingest of another theatre's reports into it is refused.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from khabar.errors import StoreError
from khabar.store.dialect import begin
from khabar.theatres.loader import BUNDLED, DEFAULT_THEATRE, Theatre

THEATRE = "theatre"


def get(conn: sqlite3.Connection, key: str) -> str | None:
    """Return a value of the store's meta table, or None."""
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def theatre_key(theatre: Theatre) -> str:
    """Return how a store records a theatre: a bundled one by name, another by its folder's path."""
    path = Path(theatre.path).resolve()
    if path.parent == BUNDLED.resolve():
        return path.name
    return str(path)


def store_theatre(conn: sqlite3.Connection) -> str | None:
    """Return the theatre the store's reports belong to (a bundled name or a folder path, as
    `theatres.loader.load` takes it), or None if nothing was ingested since stores knew it."""
    return get(conn, THEATRE)


def theatre_or_default(conn: sqlite3.Connection, given: str | None = None) -> str:
    """Return the theatre a command should use: the one given, else the store's, else the default."""
    return given or store_theatre(conn) or DEFAULT_THEATRE


def bind_theatre(conn: sqlite3.Connection, theatre: Theatre) -> str:
    """Record the store's theatre if it has none; refuse, with one line, a theatre other than its own.

    Return the key recorded. Runs in its own transaction unless one is open.
    """
    key = theatre_key(theatre)
    own = conn.in_transaction is False
    if own:
        begin(conn)
    try:
        # (one statement: another process may record the theatre at the same moment)
        conn.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING", (THEATRE, key))
        known = store_theatre(conn)
        if known != key:
            raise StoreError(f"this database holds reports of theatre {known}, not {key}; "
                             f"use --theatre {known} or another --db")
        if own:
            conn.execute("COMMIT")
    except BaseException:
        if own:
            conn.execute("ROLLBACK")
        raise
    return key
