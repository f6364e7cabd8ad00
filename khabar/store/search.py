"""Full-text search with SQLite FTS5 over reports, events, claims and quotes (migration m003_search).

A user's words never reach FTS5 syntax: each word becomes a quoted term, the last one a prefix,
so `"Nerkh distr` finds "Nerkh district" and `AND OR (` are only words.
"""

from __future__ import annotations

import re
import sqlite3

SEARCHABLE: tuple[str, ...] = ("documents", "events", "claims", "quotes")
_WORD = re.compile(r"\w+", re.UNICODE)


def fts_query(text: str) -> str:
    """Return an FTS5 MATCH expression for free text: every word required, the last as a prefix."""
    words = _WORD.findall(text or "")[:12]
    if not words:
        return ""
    terms = [f'"{w}"' for w in words]
    terms[-1] += "*"
    return " ".join(terms)


def match_clause(kind: str, alias: str = "r") -> str:
    """Return `alias.rowid IN (...)` restricting a table to rows matching the `?` parameter."""
    if kind not in SEARCHABLE:
        raise ValueError(f"{kind}: no full-text index; searchable are {', '.join(SEARCHABLE)}")
    return f"{alias}.rowid IN (SELECT rowid FROM {kind}_fts WHERE {kind}_fts MATCH ?)"


def search(conn: sqlite3.Connection, kind: str, text: str, limit: int = 50) -> list[str]:
    """Return the ids of the rows of a table that match free text, best match first."""
    query = fts_query(text)
    if not query:
        return []
    if kind not in SEARCHABLE:
        raise ValueError(f"{kind}: no full-text index; searchable are {', '.join(SEARCHABLE)}")
    sql = (f"SELECT t.id FROM {kind}_fts f JOIN {kind} t ON t.rowid = f.rowid"  # noqa: S608
           f" WHERE {kind}_fts MATCH ? ORDER BY bm25({kind}_fts) LIMIT ?")
    return [r[0] for r in conn.execute(sql, (query, limit))]
