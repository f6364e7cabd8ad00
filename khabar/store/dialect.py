"""The SQL that differs between database engines, in one place.

The store's statements are written once, in SQL that SQLite and PostgreSQL both accept, with `?`
for parameters: upserts are `INSERT ... ON CONFLICT`, new ids come back with `RETURNING`, text
matching uses `lower(x) LIKE lower(?)`, days are computed in Python. What cannot be written once
is here: opening a write transaction, a column restricted to a list of values, and (in
`store.search`) full-text search. A PostgreSQL backend implements these
and translates `?` with `format_params`.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from typing import Any

SQLITE = "sqlite"
POSTGRES = "postgresql"


def dialect(conn: Any) -> str:
    """Return the engine of a connection: "sqlite", or the `dialect` a wrapped connection names."""
    return str(getattr(conn, "dialect", SQLITE))


def begin(conn: Any) -> None:
    """Open a write transaction that holds the write lock from its start."""
    conn.execute("BEGIN IMMEDIATE" if dialect(conn) == SQLITE else "BEGIN")


def in_list(conn: Any, expr: str) -> str:
    """Return a condition restricting `expr` to the values of the list bound by `list_param`."""
    if dialect(conn) == SQLITE:
        return f"{expr} IN (SELECT value FROM json_each(?))"
    return f"{expr} IN (SELECT json_array_elements_text(CAST(? AS json)))"


def list_param(values: Collection[str]) -> str:
    """Return the parameter `in_list` binds: the values as one JSON array."""
    return json.dumps(list(values))


def upsert(table: str, columns: Sequence[str], key: str = "id", update: bool = True) -> str:
    """Return `INSERT ... ON CONFLICT (key)`: the row replaces the stored one of the same key
    (`update`), or is ignored if one is stored. The same text runs on SQLite and PostgreSQL,
    and fires update triggers, not delete ones, on a replaced row."""
    cols = ", ".join(columns)
    marks = ", ".join("?" for _ in columns)
    sql = f"INSERT INTO {table} ({cols}) VALUES ({marks}) ON CONFLICT ({key}) DO "
    if not update:
        return sql + "NOTHING"
    return sql + "UPDATE SET " + ", ".join(f"{c} = excluded.{c}" for c in columns if c != key)


def format_params(sql: str) -> str:
    """Return a statement with `?` parameters as `%s` (PostgreSQL's drivers' style): `?` inside
    quoted strings or identifiers stays, and a literal `%` is doubled."""
    out: list[str] = []
    quote = ""
    for ch in sql:
        if quote:
            if ch == quote:
                quote = ""
        elif ch in ("'", '"'):
            quote = ch
        elif ch == "?":
            out.append("%s")
            continue
        out.append("%%" if ch == "%" else ch)
    return "".join(out)
