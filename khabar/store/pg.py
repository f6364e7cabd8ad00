"""A PostgreSQL store: a psycopg (v3) connection that the store's functions use as they use SQLite's.

The store's statements are written once with `?` parameters (`store.dialect`); `PgConnection`
translates them to `%s`, gives rows that are read by position or by column name (as sqlite3.Row
is), and keeps SQLite's way of transactions: autocommit, with explicit BEGIN / COMMIT / ROLLBACK.
After each committed write it advances the store's write counter (a sequence), which a reader
compares to know that another process changed the data (`write_count`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from khabar.errors import StoreError
from khabar.store.dialect import POSTGRES, format_params

URL_SCHEMES = ("postgresql://", "postgres://")
WRITE_COUNTER = "khabar_writes"
_WRITES = re.compile(r"\s*(INSERT|UPDATE|DELETE|CREATE|ALTER|DROP)\b", re.IGNORECASE)


def is_url(target: object) -> bool:
    """Return whether a --db value names a PostgreSQL database rather than a SQLite file."""
    return str(target).startswith(URL_SCHEMES)


def shown(url: str) -> str:
    """Return a URL as it may be printed: its password, if any, masked."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


class DbUrl(str):
    """A --db value naming a PostgreSQL database: the URL itself (str), printed in messages with
    its password masked; `exists()` as a database file's (the server says more on connecting)."""

    __slots__ = ()

    def exists(self) -> bool:
        return True

    def __format__(self, spec: str) -> str:
        return format(shown(str(self)), spec)


def db_value(value: object) -> Any:
    """Return what a --db option holds: a DbUrl for a postgresql:// URL, else a Path (a SQLite file)."""
    from pathlib import Path

    if isinstance(value, DbUrl | Path):
        return value
    text = str(value)
    return DbUrl(text) if is_url(text) else Path(text)


@lru_cache(maxsize=1024)
def _sql(sql: str) -> str:
    return format_params(sql)


@lru_cache(maxsize=256)
def _row_class(names: tuple[str, ...]) -> type[tuple[Any, ...]]:
    """A tuple whose items are also found by column name, with keys() (so dict(row) works)."""
    index: dict[str, int] = {}
    for i, n in enumerate(names):
        index.setdefault(n, i)  # as sqlite3.Row: a repeated name finds its first column

    class Row(tuple[Any, ...]):
        __slots__ = ()

        def __getitem__(self, key: Any) -> Any:
            if isinstance(key, str):
                try:
                    key = index[key]
                except KeyError:
                    raise IndexError(f"No item with that key: {key}") from None
            return tuple.__getitem__(self, key)

        def keys(self) -> list[str]:
            return list(names)

    return Row


def _row_factory(cursor: Any) -> Any:
    desc = cursor.description
    if desc is None:
        return tuple
    return _row_class(tuple(d.name for d in desc))


class PgConnection:
    """A PostgreSQL connection with the methods of sqlite3.Connection the store uses."""

    dialect = POSTGRES

    def __init__(self, raw: Any, url: str) -> None:
        self.raw = raw
        self.url = url
        self.counting = False  # set once the write counter exists (after migrations)
        self._wrote = False

    def execute(self, sql: str, params: Sequence[Any] | None = None) -> Any:
        cur = self.raw.cursor()
        cur.execute(_sql(sql), list(params or ()))
        self._after(sql)
        return cur

    def executemany(self, sql: str, seq: Iterable[Sequence[Any]]) -> Any:
        cur = self.raw.cursor()
        cur.executemany(_sql(sql), [list(p) for p in seq])
        self._after(sql)
        return cur

    def _after(self, sql: str) -> None:
        """Advance the write counter after a committed write (never inside a transaction: a
        reader that sees the new count must also see the data)."""
        if not self.counting:
            return
        if _WRITES.match(sql):
            self._wrote = True
        elif sql.strip().upper() == "ROLLBACK":
            self._wrote = False  # nothing was committed
        if self._wrote and not self.in_transaction:
            self._wrote = False
            self.raw.execute(f"SELECT nextval('{WRITE_COUNTER}')")

    @property
    def in_transaction(self) -> bool:
        from psycopg import pq

        return bool(self.raw.info.transaction_status != pq.TransactionStatus.IDLE)

    def close(self) -> None:
        self.raw.close()

    def __enter__(self) -> PgConnection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_pg(url: str) -> PgConnection:
    """Connect to a PostgreSQL database (autocommit: the store opens its own transactions)."""
    try:
        import psycopg
    except ImportError:
        raise StoreError(f"{shown(url)}: a PostgreSQL store needs psycopg; "
                         "install it with `pip install 'khabar[postgres]'`") from None
    try:
        raw = psycopg.connect(url, autocommit=True, row_factory=_row_factory, connect_timeout=15,
                              application_name="khabar")
    except psycopg.Error as e:
        first = (str(e).strip().splitlines() or [type(e).__name__])[-1].strip()
        raise StoreError(f"{shown(url)}: cannot connect to PostgreSQL ({first})") from None
    return PgConnection(raw, url)


def write_count(conn: Any) -> int:
    """Return how many writes were committed to the store (by any process): PostgreSQL only."""
    row = conn.execute(f"SELECT last_value, is_called FROM {WRITE_COUNTER}").fetchone()
    return int(row[0]) if row[1] else 0
