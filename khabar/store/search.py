"""Full-text search over reports, events, claims and quotes: SQLite's FTS5 (migration m003_search),
PostgreSQL's own text search.

A user's words never reach either engine's query syntax: each word (letters and digits) becomes a
quoted term, every one required, the last a prefix, so `"Nerkh distr` finds "Nerkh district",
`AND OR (` are only words, and a query of punctuation alone has no word and finds nothing.
"""

from __future__ import annotations

import re
import sqlite3
from typing import Any

from khabar.store.dialect import SQLITE, dialect

# table -> the columns its index holds (the same as m003_search's)
INDEXED: dict[str, tuple[str, ...]] = {
    "documents": ("title", "outlet", "text"),
    "events": ("type", "actors", "targets", "place", "evidence"),
    "claims": ("claimant", "text", "evidence"),
    "quotes": ("speaker", "text", "evidence"),
}
SEARCHABLE: tuple[str, ...] = tuple(INDEXED)
_WORD = re.compile(r"\w+", re.UNICODE)
MAX_WORDS = 12


def _words(text: str | None) -> list[str]:
    return _WORD.findall(text or "")[:MAX_WORDS]


def fts_query(text: str | None, engine: str = SQLITE) -> str:
    """Return the engine's query for free text ("" when it has no word): every word required,
    the last as a prefix. SQLite: an FTS5 MATCH expression; PostgreSQL: a tsquery."""
    words = _words(text)
    if not words:
        return ""
    if engine == SQLITE:
        terms = [f'"{w}"' for w in words]
        terms[-1] += "*"
        return " ".join(terms)
    terms = [f"'{w.lower()}'" for w in words]
    terms[-1] += ":*"
    return " & ".join(terms)


def _check(kind: str) -> None:
    if kind not in SEARCHABLE:
        raise ValueError(f"{kind}: no full-text index; searchable are {', '.join(SEARCHABLE)}")


def _vector(kind: str, alias: str) -> str:
    """PostgreSQL: the text search vector of a row (the expression its GIN index is built on)."""
    joined = " || ' ' || ".join(f"coalesce({alias}.{c}, '')" for c in INDEXED[kind])
    return f"to_tsvector('simple', {joined})"


def match_clause(kind: str, alias: str = "r", conn: Any = None) -> str:
    """Return a condition restricting a table (as `alias`) to the rows matching the `?` parameter,
    which is `fts_query(text, dialect(conn))`."""
    _check(kind)
    if dialect(conn) == SQLITE:
        return f"{alias}.rowid IN (SELECT rowid FROM {kind}_fts WHERE {kind}_fts MATCH ?)"
    return f"{_vector(kind, alias)} @@ to_tsquery('simple', ?)"


def search(conn: sqlite3.Connection, kind: str, text: str, limit: int = 50) -> list[str]:
    """Return the ids of the rows of a table that match free text, best match first."""
    _check(kind)
    engine = dialect(conn)
    query = fts_query(text, engine)
    if not query:
        return []
    if engine == SQLITE:
        sql = (f"SELECT t.id FROM {kind}_fts f JOIN {kind} t ON t.rowid = f.rowid"  # noqa: S608
               f" WHERE {kind}_fts MATCH ? ORDER BY bm25({kind}_fts) LIMIT ?")
        params: tuple[Any, ...] = (query, limit)
    else:
        sql = (f"SELECT t.id FROM {kind} t WHERE {_vector(kind, 't')} @@ to_tsquery('simple', ?)"  # noqa: S608
               f" ORDER BY ts_rank({_vector(kind, 't')}, to_tsquery('simple', ?)) DESC, t.id LIMIT ?")
        params = (query, query, limit)
    return [r[0] for r in conn.execute(sql, params)]
