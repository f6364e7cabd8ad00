"""Many documents and their records in one transaction: for loading large batches (and the bench).

`save_extraction` stores one report per transaction, so that a failure loses one report at most;
`bulk_save` trades that for speed: one transaction, one `executemany` per table. Both write the
rows the record specs (`store.spec`) give, with the same statements.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

from khabar.records import Extraction
from khabar.store.dialect import begin
from khabar.store.records import (
    DOCUMENT_INSERT,
    EXTRACTION_INSERT,
    _now,
    document_row,
    extraction_row,
    record_rows,
)
from khabar.store.spec import KINDS, SPECS


def rows(ex: Extraction, now: str) -> dict[str, list[tuple[Any, ...]]]:
    """Return the rows an extraction stores, by table (the same rows `save_extraction` writes)."""
    return {"documents": [document_row(ex.document, now)], **record_rows(ex),
            "extractions": [extraction_row(ex, now)]}


def bulk_save(conn: sqlite3.Connection, extractions: Iterable[Extraction]) -> int:
    """Store documents and their records in one transaction; return how many documents are new.

    As with `save_extraction`, a document already stored keeps its row and its records are
    replaced by the new ones. A failure leaves the database as it was before the call.
    """
    now = _now()
    batch: dict[str, list[tuple[Any, ...]]] = {name: [] for name in ("documents", *KINDS, "extractions")}
    ids: list[tuple[str]] = []
    # in the order of their ids: two batches sharing reports take their locks in one order
    for ex in sorted(extractions, key=lambda e: e.document.id):
        ids.append((ex.document.id,))
        for name, table_rows in rows(ex, now).items():
            batch[name].extend(table_rows)
    begin(conn)
    try:
        # the rows inserted, not those another process stored meanwhile (nor, on SQLite, the
        # search index's rows its triggers write: total_changes would count those)
        new = sum(conn.execute(DOCUMENT_INSERT, row).rowcount for row in batch["documents"])
        for kind in KINDS:
            conn.executemany(f"DELETE FROM {kind} WHERE document_id = ?", ids)  # noqa: S608
        for kind in KINDS:
            conn.executemany(SPECS[kind].insert_sql(), batch[kind])
        conn.executemany(EXTRACTION_INSERT, batch["extractions"])
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return new
