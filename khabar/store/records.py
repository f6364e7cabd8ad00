"""Documents and extracted records: saved one document per transaction, read back as records."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

from khabar.records import Document, Extraction, Observation
from khabar.store.overrides import Review, apply_reviews, reviews


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _d(s: str | None) -> date | None:
    return date.fromisoformat(s) if s else None


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def has_document(conn: sqlite3.Connection, document_id: str) -> bool:
    """Return whether a document with this id is stored."""
    return conn.execute("SELECT 1 FROM documents WHERE id = ?", (document_id,)).fetchone() is not None


def save_extraction(conn: sqlite3.Connection, ex: Extraction) -> bool:
    """Store a document and its records in one transaction; return whether the document is new.

    A document already stored keeps its row; its records are replaced by these, so that
    re-extraction with a newer pipeline updates them. A failure or a kill leaves the database
    as it was before the call.
    """
    doc = ex.document
    conn.execute("BEGIN IMMEDIATE")
    try:
        new = not has_document(conn, doc.id)
        if new:
            conn.execute(
                "INSERT INTO documents (id, title, outlet, url, published, language, text, source,"
                " ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (doc.id, doc.title, doc.outlet, doc.url, _iso(doc.published), doc.language,
                 doc.text, doc.source, _now()))
        for table in ("control_changes", "events", "claims", "quotes", "assessments"):
            conn.execute(f"DELETE FROM {table} WHERE document_id = ?", (doc.id,))  # noqa: S608
        conn.executemany(
            "INSERT OR REPLACE INTO control_changes (id, document_id, district, district_id, province,"
            " province_id, controller, date, trigger, span_start, span_end, ev_start, ev_end,"
            " evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(r.id, doc.id, r.district, r.district_id, r.province, r.province_id, r.controller,
              _iso(r.date), r.trigger, *r.span, r.evidence.start, r.evidence.end,
              r.evidence.text) for r in ex.control_changes])
        conn.executemany(
            "INSERT OR REPLACE INTO events (id, document_id, type, actors, targets, place, date,"
            " status, trigger, span_start, span_end, ev_start, ev_end, evidence)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(r.id, doc.id, r.type, json.dumps(list(r.actors)), json.dumps(list(r.targets)),
              r.place, _iso(r.date), r.status, r.trigger, *r.span, r.evidence.start,
              r.evidence.end, r.evidence.text) for r in ex.events])
        conn.executemany(
            "INSERT OR REPLACE INTO claims (id, document_id, claimant, stance, text, quantity, date,"
            " span_start, span_end, ev_start, ev_end, evidence)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(r.id, doc.id, r.claimant, r.stance, r.text,
              json.dumps(r.quantity.to_dict()) if r.quantity else None, _iso(r.date), *r.span,
              r.evidence.start, r.evidence.end, r.evidence.text) for r in ex.claims])
        conn.executemany(
            "INSERT OR REPLACE INTO quotes (id, document_id, speaker, text, span_start, span_end,"
            " ev_start, ev_end, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(r.id, doc.id, r.speaker, r.text, *r.span, r.evidence.start, r.evidence.end,
              r.evidence.text) for r in ex.quotes])
        conn.executemany(
            "INSERT OR REPLACE INTO assessments (id, document_id, assessor, controller, count,"
            " of_total, as_of, kind, span_start, span_end, ev_start, ev_end, evidence, unit)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(r.id, doc.id, r.assessor, r.controller, r.count, r.of, _iso(r.as_of), r.kind,
              *r.span, r.evidence.start, r.evidence.end, r.evidence.text, r.unit)
             for r in ex.assessments])
        conn.execute(
            "INSERT OR REPLACE INTO extractions (document_id, pipeline, version, extracted_at,"
            " warnings) VALUES (?, ?, ?, ?, ?)",
            (doc.id, ex.pipeline, ex.version, _now(), json.dumps(list(ex.warnings))))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return new


def _document(row: sqlite3.Row) -> Document:
    return Document(id=row["id"], text=row["text"], title=row["title"], outlet=row["outlet"],
                    url=row["url"], published=_d(row["published"]), language=row["language"],
                    source=row["source"])


def get_document(conn: sqlite3.Connection, document_id: str) -> Document | None:
    """Return a stored document, or None."""
    row = conn.execute("SELECT * FROM documents WHERE id = ?", (document_id,)).fetchone()
    return _document(row) if row else None


def iter_documents(conn: sqlite3.Connection) -> Iterator[Document]:
    """Yield every stored document, oldest publication first."""
    for row in conn.execute("SELECT * FROM documents ORDER BY published, id"):
        yield _document(row)


def observations(conn: sqlite3.Connection, up_to: date | None = None,
                 document_ids: Collection[str] | None = None) -> list[Observation]:
    """Return the stored control changes that can be placed in time, up to a day if given, of
    some reports if given.

    An observation's effective day is the day its report gives, else the report's publication
    day; changes with neither are left out.
    """
    sql = ("SELECT c.id, c.document_id, c.district_id, c.district, c.province, c.controller,"
           " c.date, COALESCE(c.date, d.published) AS effective, c.evidence, d.published,"
           " d.outlet, d.title, d.url, c.trigger, c.ev_start FROM control_changes c JOIN documents d"
           " ON d.id = c.document_id WHERE COALESCE(c.date, d.published) IS NOT NULL")
    params: list[Any] = []
    if document_ids is not None:
        sql += " AND c.document_id IN (SELECT value FROM json_each(?))"
        params.append(json.dumps(list(document_ids)))
    revs = reviews(conn, "control_changes")  # analysts' overrides win; {} when there are none
    if up_to is not None and not any("date" in r.fields for r in revs.values()):
        sql += " AND COALESCE(c.date, d.published) <= ?"
        params.append(up_to.isoformat())
    obs = [Observation(r[0], r[1], r[2], r[3], r[4], r[5], _d(r[6]), date.fromisoformat(r[7]),
                       r[8], _d(r[9]), r[10], r[11], r[12], trigger=r[13] or "", start=r[14] or 0)
           for r in conn.execute(sql, params)]
    return _reviewed(obs, revs, up_to) if revs else obs


_OBS_FIELDS = ("controller", "district", "district_id", "province")


def _reviewed(obs: list[Observation], revs: dict[str, Review], up_to: date | None
              ) -> list[Observation]:
    """Apply overrides: rejected observations dropped, corrections in, the rest flagged."""
    out = []
    for o in obs:
        rv = revs.get(o.record_id)
        if rv is not None:
            if rv.action == "reject":
                continue
            changes: dict[str, Any] = {k: rv.fields[k] for k in _OBS_FIELDS if k in rv.fields}
            if "date" in rv.fields:
                changes["date"] = changes["effective"] = date.fromisoformat(rv.fields["date"])
            o = replace(o, review=rv.label, **changes)
        if up_to is None or o.effective <= up_to:
            out.append(o)
    return out


def latest_date(conn: sqlite3.Connection) -> date | None:
    """Return the latest day any stored report or control change speaks of."""
    row = conn.execute("SELECT max(m) FROM (SELECT max(published) AS m FROM documents"
                       " UNION ALL SELECT max(date) FROM control_changes)").fetchone()
    return _d(row[0])


def stats(conn: sqlite3.Connection) -> dict[str, int]:
    """Return how many documents and records of each kind are stored."""
    out = {}
    for table in ("documents", "control_changes", "events", "claims", "quotes", "assessments"):
        out[table] = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608
    return out


def records_of(conn: sqlite3.Connection, kind: str, document_ids: Collection[str] | None = None,
               keep_rejected: bool = False) -> list[dict[str, Any]]:
    """Return stored records of a kind (a table name) as dicts, of some documents if given.

    Analysts' overrides apply as `overrides.apply_reviews` applies them; rejected records are
    left out unless `keep_rejected`.
    """
    tables = {"control_changes", "events", "claims", "quotes", "assessments"}
    if kind not in tables:
        raise ValueError(f"unknown record kind {kind!r}")
    sql = f"SELECT * FROM {kind}"  # noqa: S608 - kind is checked against a fixed set
    params: tuple[Any, ...] = ()
    if document_ids is not None:
        sql += " WHERE document_id IN (SELECT value FROM json_each(?))"
        params = (json.dumps(list(document_ids)),)
    rows = [dict(r) for r in conn.execute(sql + " ORDER BY document_id, span_start", params)]
    return apply_reviews(conn, kind, rows, keep_rejected=keep_rejected)
