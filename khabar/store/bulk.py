"""Many documents and their records in one transaction: for loading large batches (and the bench).

`save_extraction` stores one report per transaction, so that a failure loses one report at most;
`bulk_save` trades that for speed: one transaction, one `executemany` per table.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any

from khabar.records import Extraction
from khabar.store.records import _iso, _now

_TABLES = ("control_changes", "events", "claims", "quotes", "assessments")

_INSERT: dict[str, str] = {
    "documents": "INSERT OR IGNORE INTO documents (id, title, outlet, url, published, language, text,"
                 " source, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "control_changes": "INSERT OR REPLACE INTO control_changes (id, document_id, district, district_id,"
                       " province, province_id, controller, date, trigger, span_start, span_end,"
                       " ev_start, ev_end, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "events": "INSERT OR REPLACE INTO events (id, document_id, type, actors, targets, place, date,"
              " status, trigger, span_start, span_end, ev_start, ev_end, evidence)"
              " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "claims": "INSERT OR REPLACE INTO claims (id, document_id, claimant, stance, text, quantity, date,"
              " span_start, span_end, ev_start, ev_end, evidence)"
              " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "quotes": "INSERT OR REPLACE INTO quotes (id, document_id, speaker, text, span_start, span_end,"
              " ev_start, ev_end, evidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "assessments": "INSERT OR REPLACE INTO assessments (id, document_id, assessor, controller, count,"
                   " of_total, as_of, kind, span_start, span_end, ev_start, ev_end, evidence, unit)"
                   " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "extractions": "INSERT OR REPLACE INTO extractions (document_id, pipeline, version, extracted_at,"
                   " warnings) VALUES (?, ?, ?, ?, ?)",
}
_DELETE: dict[str, str] = {
    "control_changes": "DELETE FROM control_changes WHERE document_id = ?",
    "events": "DELETE FROM events WHERE document_id = ?",
    "claims": "DELETE FROM claims WHERE document_id = ?",
    "quotes": "DELETE FROM quotes WHERE document_id = ?",
    "assessments": "DELETE FROM assessments WHERE document_id = ?",
}


def rows(ex: Extraction, now: str) -> dict[str, list[tuple[Any, ...]]]:
    """Return the rows an extraction stores, by table (the same rows `save_extraction` writes)."""
    doc = ex.document
    return {
        "documents": [(doc.id, doc.title, doc.outlet, doc.url, _iso(doc.published), doc.language,
                       doc.text, doc.source, now)],
        "control_changes": [
            (r.id, doc.id, r.district, r.district_id, r.province, r.province_id, r.controller,
             _iso(r.date), r.trigger, *r.span, r.evidence.start, r.evidence.end, r.evidence.text)
            for r in ex.control_changes],
        "events": [
            (r.id, doc.id, r.type, json.dumps(list(r.actors)), json.dumps(list(r.targets)), r.place,
             _iso(r.date), r.status, r.trigger, *r.span, r.evidence.start, r.evidence.end,
             r.evidence.text) for r in ex.events],
        "claims": [
            (r.id, doc.id, r.claimant, r.stance, r.text,
             json.dumps(r.quantity.to_dict()) if r.quantity else None, _iso(r.date), *r.span,
             r.evidence.start, r.evidence.end, r.evidence.text) for r in ex.claims],
        "quotes": [(r.id, doc.id, r.speaker, r.text, *r.span, r.evidence.start, r.evidence.end,
                    r.evidence.text) for r in ex.quotes],
        "assessments": [
            (r.id, doc.id, r.assessor, r.controller, r.count, r.of, _iso(r.as_of), r.kind, *r.span,
             r.evidence.start, r.evidence.end, r.evidence.text, r.unit) for r in ex.assessments],
        "extractions": [(doc.id, ex.pipeline, ex.version, now, json.dumps(list(ex.warnings)))],
    }


def bulk_save(conn: sqlite3.Connection, extractions: Iterable[Extraction]) -> int:
    """Store documents and their records in one transaction; return how many documents are new.

    As with `save_extraction`, a document already stored keeps its row and its records are
    replaced by the new ones. A failure leaves the database as it was before the call.
    """
    now = _now()
    batch: dict[str, list[tuple[Any, ...]]] = {name: [] for name in _INSERT}
    ids: list[tuple[str]] = []
    for ex in extractions:
        ids.append((ex.document.id,))
        for name, table_rows in rows(ex, now).items():
            batch[name].extend(table_rows)
    conn.execute("BEGIN IMMEDIATE")
    try:
        before = conn.total_changes
        conn.executemany(_INSERT["documents"], batch["documents"])
        new = conn.total_changes - before
        for table in _TABLES:
            conn.executemany(_DELETE[table], ids)
        for name in (*_TABLES, "extractions"):
            conn.executemany(_INSERT[name], batch[name])
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return new
