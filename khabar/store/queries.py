"""Reads for the desk (the web app): filtered record tables, documents, histories, daily counts.

Every filter value is a parameter; table and column names come only from the fixed sets below.
Rows are plain dicts with the report's outlet, title, published date and url alongside.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from khabar.store.dialect import dialect, in_list, is_missing_table, list_param
from khabar.store.overrides import apply_reviews, reviews
from khabar.store.search import SEARCHABLE, fts_query, match_clause
from khabar.store.spec import BOOL, KINDS, SPECS

EXPORTABLE: tuple[str, ...] = ("documents", *KINDS, "overrides")
# The record's own date column, if it has one; else the report's publication date stands in.
_DATE_COLUMN = {k: s.date_column for k, s in SPECS.items() if s.date_column}
_TYPE_COLUMN = {"events": "type", "claims": "stance", "control_changes": "controller",
                "assessments": "controller"}
_ACTOR_COLUMNS = {"events": ("actors", "targets"), "claims": ("claimant",), "quotes": ("speaker",),
                  "assessments": ("assessor",)}
_PLACE_COLUMNS = {"events": ("place",), "control_changes": ("district", "province")}
_JSON_COLUMNS = tuple(dict.fromkeys(c for s in SPECS.values() for c in s.json_columns))
_BOOL_COLUMNS = tuple(dict.fromkeys(c.name for s in SPECS.values() for c in s.columns if c.codec is BOOL))
MAX_LIMIT = 1000
# how an export orders a table's rows: reports as ingested, records as their reports tell them
_EXPORT_ORDER = {"documents": "ingested_at, published NULLS FIRST, id", "overrides": "id"}


@dataclass(frozen=True, slots=True)
class RecordFilter:
    """What a table of records is narrowed to; None or "" means no restriction."""

    type: str | None = None
    actor: str | None = None
    place: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    grade: str | None = None
    q: str | None = None
    document_id: str | None = None
    ids: tuple[str, ...] | None = None  # only these records (e.g. those of a grade); () = none
    limit: int = 200
    offset: int = 0


def columns(conn: sqlite3.Connection, table: str) -> list[str]:
    """Return a table's column names ([] if it does not exist)."""
    if table not in EXPORTABLE:
        raise ValueError(f"unknown table {table!r}")
    try:
        cursor = conn.execute(f"SELECT * FROM {table} LIMIT 0")  # noqa: S608 - a fixed name
    except Exception as e:
        if is_missing_table(e):
            return []
        raise
    return [d[0] for d in cursor.description]


def _decode(row: sqlite3.Row) -> dict[str, Any]:
    out = dict(row)
    for key in _JSON_COLUMNS:
        if isinstance(out.get(key), str):
            try:
                out[key] = json.loads(out[key])
            except ValueError:
                pass
    for key in _BOOL_COLUMNS:
        if isinstance(out.get(key), int):
            out[key] = bool(out[key])
    return out


def _contains(expr: str) -> str:
    """Return a condition: `expr` holds the `?` pattern (`_like`), whatever the case."""
    return f"lower({expr}) LIKE lower(?) ESCAPE '\\'"


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def records(conn: sqlite3.Connection, kind: str, flt: RecordFilter | None = None
            ) -> tuple[list[dict[str, Any]], int]:
    """Return one page of the records of a kind matching a filter, and how many match in all.

    `type` is an event's PLOVER type, a claim's stance or a control change's controller;
    `actor` and `place` match part of a name; the date range applies to the record's date,
    else its report's publication date; `q` is full-text search where the kind has an index
    (events, claims, quotes), else a substring of the evidence.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown record kind {kind!r}; use one of {', '.join(KINDS)}")
    f = flt or RecordFilter()
    cols = set(columns(conn, kind))
    day = f"COALESCE(r.{_DATE_COLUMN[kind]}, d.published)" if kind in _DATE_COLUMN else "d.published"
    where: list[str] = []
    params: list[Any] = []
    if f.document_id:
        where.append("r.document_id = ?")
        params.append(f.document_id)
    if f.ids is not None:
        where.append(in_list(conn, "r.id"))
        params.append(list_param(f.ids))
    if f.type and kind in _TYPE_COLUMN:
        where.append(f"r.{_TYPE_COLUMN[kind]} = ?")
        params.append(f.type)
    if f.actor and kind in _ACTOR_COLUMNS:
        where.append("(" + " OR ".join(_contains(f"r.{c}") for c in _ACTOR_COLUMNS[kind]) + ")")
        params.extend(_like(f.actor) for _ in _ACTOR_COLUMNS[kind])
    if f.place and kind in _PLACE_COLUMNS:
        where.append("(" + " OR ".join(_contains(f"r.{c}") for c in _PLACE_COLUMNS[kind]) + ")")
        params.extend(_like(f.place) for _ in _PLACE_COLUMNS[kind])
    if f.date_from:
        where.append(f"{day} >= ?")
        params.append(f.date_from.isoformat())
    if f.date_to:
        where.append(f"{day} <= ?")
        params.append(f.date_to.isoformat())
    if f.grade and "grade" in cols:
        where.append("r.grade = ?")
        params.append(f.grade)
    if f.q and f.q.strip():
        if not fts_query(f.q):  # punctuation only: no word to find, so nothing matches
            where.append("0 = 1")
        elif kind in SEARCHABLE:
            where.append(match_clause(kind, "r", conn))
            params.append(fts_query(f.q, dialect(conn)))
        else:
            where.append(_contains("r.evidence"))
            params.append(_like(f.q))
    cond = (" WHERE " + " AND ".join(where)) if where else ""
    base = f" FROM {kind} r JOIN documents d ON d.id = r.document_id{cond}"
    total = conn.execute("SELECT count(*)" + base, params).fetchone()[0]
    limit = max(1, min(int(f.limit), MAX_LIMIT))
    sql = (f"SELECT r.*, {day} AS day, d.outlet, d.title, d.published, d.url{base}"
           " ORDER BY day NULLS FIRST, r.document_id, r.span_start, r.id LIMIT ? OFFSET ?")
    rows = [_decode(r) for r in conn.execute(sql, [*params, limit, max(0, int(f.offset))])]
    return rows, total


def record(conn: sqlite3.Connection, kind: str, record_id: str) -> dict[str, Any] | None:
    """Return one record of a kind with its report's metadata, or None."""
    if kind not in KINDS:
        raise ValueError(f"unknown record kind {kind!r}; use one of {', '.join(KINDS)}")
    row = conn.execute(f"SELECT r.*, d.outlet, d.title, d.published, d.url FROM {kind} r"  # noqa: S608
                       " JOIN documents d ON d.id = r.document_id WHERE r.id = ?",
                       (record_id,)).fetchone()
    return _decode(row) if row else None


def find_record(conn: sqlite3.Connection, record_id: str) -> tuple[str, dict[str, Any]] | None:
    """Return (kind, record) for a record id of any kind, or None."""
    for kind in KINDS:
        rec = record(conn, kind, record_id)
        if rec:
            return kind, rec
    return None


def documents(conn: sqlite3.Connection, q: str | None = None, limit: int = 100, offset: int = 0
              ) -> tuple[list[dict[str, Any]], int]:
    """Return one page of documents (without their text), newest first, and the total."""
    where, params = "", []
    if q and q.strip():
        if fts_query(q):
            where = " WHERE " + match_clause("documents", "d", conn)
            params.append(fts_query(q, dialect(conn)))
        else:  # punctuation only: no word to find, so nothing matches
            where = " WHERE 0 = 1"
    total = conn.execute(f"SELECT count(*) FROM documents d{where}", params).fetchone()[0]  # noqa: S608
    sql = (f"SELECT d.id, d.title, d.outlet, d.url, d.published, d.language, d.source,"  # noqa: S608
           f" d.ingested_at, length(d.text) AS chars FROM documents d{where}"
           " ORDER BY d.published DESC NULLS LAST, d.id LIMIT ? OFFSET ?")
    rows = [dict(r) for r in conn.execute(sql, [*params, max(1, min(limit, MAX_LIMIT)), max(0, offset)])]
    return rows, total


def document(conn: sqlite3.Connection, document_id: str) -> dict[str, Any] | None:
    """Return a stored document with its text, or None."""
    row = conn.execute("SELECT * FROM documents WHERE id = ?", (document_id,)).fetchone()
    return dict(row) if row else None


def document_records(conn: sqlite3.Connection, document_id: str) -> dict[str, list[dict[str, Any]]]:
    """Return every record of a document, by kind, in text order."""
    out = {}
    for kind in KINDS:
        rows = conn.execute(f"SELECT * FROM {kind} WHERE document_id = ? ORDER BY span_start, id",  # noqa: S608
                            (document_id,))
        out[kind] = [_decode(r) for r in rows]
    return out


def district_history(conn: sqlite3.Connection, district_id: str) -> list[dict[str, Any]]:
    """Return every stored control change of a district with its report, oldest first."""
    sql = ("SELECT c.*, COALESCE(c.date, d.published) AS effective, d.outlet, d.title, d.published,"
           " d.url FROM control_changes c JOIN documents d ON d.id = c.document_id"
           " WHERE c.district_id = ? ORDER BY effective NULLS FIRST, d.published NULLS FIRST, c.id")
    return [_decode(r) for r in conn.execute(sql, (district_id,))]


def date_range(conn: sqlite3.Connection) -> tuple[date | None, date | None]:
    """Return the first and last day the stored reports and control changes speak of."""
    row = conn.execute(
        "SELECT min(lo), max(hi) FROM (SELECT min(published) AS lo, max(published) AS hi FROM documents"
        " UNION ALL SELECT min(date), max(date) FROM control_changes) AS spans").fetchone()
    return (date.fromisoformat(row[0]) if row[0] else None,
            date.fromisoformat(row[1]) if row[1] else None)


def day_records(conn: sqlite3.Connection, kind: str, day: date, limit: int = 50) -> list[dict[str, Any]]:
    """Return the records of a kind dated on a day (their own date, else the report's)."""
    rows, _ = records(conn, kind, RecordFilter(date_from=day, date_to=day, limit=limit))
    return rows


def count_on_day(conn: sqlite3.Connection, kind: str, day: date) -> int:
    """Return how many records of a kind are dated on a day (their own date, else the report's)."""
    if kind not in KINDS:
        raise ValueError(f"unknown record kind {kind!r}; use one of {', '.join(KINDS)}")
    col = f"r.{_DATE_COLUMN[kind]}" if kind in _DATE_COLUMN else "NULL"
    sql = (f"SELECT count(*) FROM {kind} r JOIN documents d ON d.id = r.document_id"  # noqa: S608
           f" WHERE COALESCE({col}, d.published) = ?")
    return int(conn.execute(sql, (day.isoformat(),)).fetchone()[0])


def assessments_near(conn: sqlite3.Connection, day: date | None = None, window_days: int = 14
                     ) -> list[dict[str, Any]]:
    """Return the published counts (assessments) dated within `window_days` before a day, newest
    first, with their report's outlet, title, published date and url; every dated one if no day.

    The analysts' reviews apply: rejected counts are left out, corrected fields are in (a count
    whose day an analyst corrected is placed by the corrected day). The map, the timeline, the
    claim check and the desk all read published counts here.
    """
    in_force = reviews(conn, "assessments")
    moved = any("as_of" in rv.fields for rv in in_force.values())
    sql = ("SELECT a.*, d.outlet, d.title, d.published, d.url FROM assessments a"
           " JOIN documents d ON d.id = a.document_id")
    params: tuple[str, ...] = ()
    if not moved:  # else the corrected days are only known after the reviews are applied
        sql += " WHERE a.as_of IS NOT NULL"
        if day is not None:
            sql += " AND a.as_of <= ? AND a.as_of >= ?"
            params = (day.isoformat(), (day - timedelta(days=int(window_days))).isoformat())
    rows = [_decode(r) for r in conn.execute(
        sql + " ORDER BY a.as_of DESC NULLS LAST, a.document_id, a.span_start, a.id", params)]
    rows = apply_reviews(conn, "assessments", rows, in_force=in_force)
    if moved:
        rows = [r for r in rows if r["as_of"] and (day is None or 0 <= (
            day - date.fromisoformat(r["as_of"])).days <= window_days)]
        rows.sort(key=lambda r: str(r["as_of"]), reverse=True)  # stable: ties keep their order
    return rows


def daily_counts(conn: sqlite3.Connection, start: date, end: date) -> dict[str, dict[str, int]]:
    """Return, per day from start to end, how many events, claims and reports are dated that day."""
    out: dict[str, dict[str, int]] = {}
    params = (start.isoformat(), end.isoformat())
    for kind in ("events", "claims", "control_changes"):
        sql = (f"SELECT COALESCE(r.date, d.published) AS day, count(*) FROM {kind} r"  # noqa: S608
               " JOIN documents d ON d.id = r.document_id"
               " WHERE COALESCE(r.date, d.published) BETWEEN ? AND ? GROUP BY COALESCE(r.date, d.published)")
        for day, n in conn.execute(sql, params):
            out.setdefault(day, {})[kind] = n
    for day, n in conn.execute("SELECT published, count(*) FROM documents WHERE published BETWEEN ? AND ?"
                               " GROUP BY published", params):
        out.setdefault(day, {})["documents"] = n
    return out


def export_rows(conn: sqlite3.Connection, table: str) -> tuple[list[str], Iterator[tuple[Any, ...]]]:
    """Return a whole table's column names and an iterator over its rows, for CSV and Parquet."""
    cols = columns(conn, table)
    if not cols:
        raise ValueError(f"{table}: no such table in this database")
    cursor = conn.execute(f"SELECT * FROM {table} ORDER BY {_EXPORT_ORDER.get(table, 'document_id, span_start, id')}")  # noqa: S608
    return cols, (tuple(r) for r in cursor)
