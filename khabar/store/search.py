"""Full-text search over reports, events, claims and quotes: SQLite's FTS5 (migration m003_search),
PostgreSQL's own text search (a GIN index on a tsvector of the same columns).

A user's words never reach either engine's query syntax: each word (letters and digits) becomes a
quoted term, every one required, the last a prefix, so `"Nerkh distr` finds "Nerkh district",
`AND OR (` are only words, and a query of punctuation alone has no word and finds nothing.

PostgreSQL's parser does not cut words where FTS5's unicode61 tokenizer does (it keeps "’s" or a
curly quote on a word, "3.5" and "u.s" whole, "-07" as a number) and does not fold accents. So
on PostgreSQL the indexed text and the user's words both go through the same normalisation first
(`khabar_words` in SQL, `pg_words` in Python: ASCII lower case, accents of Latin letters removed,
punctuation, symbols and spaces made one space), and words are what FTS5 would find.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
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


# PostgreSQL: what separates words (as in FTS5: ASCII other than letters and digits, Latin-1
# punctuation and symbols, general punctuation, currency, arrows and other symbols, CJK and
# full-width punctuation, a few scripts' full stops), written in escapes both Python's `re` and
# PostgreSQL's regular expressions read the same way.
SEPARATORS = ("[\\x01-\\x2f\\x3a-\\x40\\x5b-\\x60\\x7b-\\x7f\\u0080-\\u00bf\\u00d7\\u00f7"
              "\\u2000-\\u206f\\u20a0-\\u20cf\\u2100-\\u214f\\u2190-\\u2bff\\u3000-\\u303f"
              "\\ufe10-\\ufe6f\\uff01-\\uff0f\\uff1a-\\uff20\\uff3b-\\uff40\\uff5b-\\uff65"
              "\\u055a-\\u055f\\u0589\\u060c\\u061b\\u061f\\u066a-\\u066d\\u06d4\\u0964\\u0965"
              "\\u104a-\\u104f]")


def _accent_map() -> tuple[str, str]:
    """Return (from, to) for SQL translate(): each Latin letter with an accent (U+00C0-U+024F) to its
    plain lower-case letter, then the combining accents (U+0300-U+036F), which are removed."""
    src, dst = [], []
    for cp in range(0xC0, 0x250):
        ch = chr(cp)
        base = unicodedata.normalize("NFD", ch)[0]
        if ch.isalpha() and base != ch and base.isascii() and base.isalpha():
            src.append(ch)
            dst.append(base.lower())
    marks = "".join(chr(cp) for cp in range(0x300, 0x370))
    return "".join(src) + marks, "".join(dst)


ACCENTS_FROM, ACCENTS_TO = _accent_map()
_FOLD = str.maketrans({**{c: d for c, d in zip(ACCENTS_FROM, ACCENTS_TO, strict=False)},
                       **{c: None for c in ACCENTS_FROM[len(ACCENTS_TO):]},
                       **{chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)}})
_SEPARATOR = re.compile(SEPARATORS)
# the SQL function the PostgreSQL indexes and queries apply to the indexed text (migration m003)
WORDS_FUNCTION = (
    "CREATE FUNCTION khabar_words(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$"
    f" SELECT regexp_replace(translate(lower(t COLLATE \"C\"), '{ACCENTS_FROM}', '{ACCENTS_TO}'),"
    f" '{SEPARATORS}', ' ', 'g') $$")


def pg_words(text: str | None) -> list[str]:
    """Return the words PostgreSQL's index holds for a text (what `khabar_words` leaves)."""
    return _SEPARATOR.sub(" ", (text or "").translate(_FOLD)).split()[:MAX_WORDS]


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
    words = pg_words(" ".join(words))
    if not words:
        return ""
    terms = [f"'{w}'" for w in words]
    terms[-1] += ":*"
    return " & ".join(terms)


def _check(kind: str) -> None:
    if kind not in SEARCHABLE:
        raise ValueError(f"{kind}: no full-text index; searchable are {', '.join(SEARCHABLE)}")


def _vector(kind: str, alias: str) -> str:
    """PostgreSQL: the text search vector of a row (the expression its GIN index is built on)."""
    prefix = f"{alias}." if alias else ""
    joined = " || ' ' || ".join(f"coalesce({prefix}{c}, '')" for c in INDEXED[kind])
    return f"to_tsvector('simple', khabar_words({joined}))"


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
