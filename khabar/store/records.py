"""Documents and extracted records: saved one document per transaction, read back as records."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Iterator, Mapping
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

from khabar.records import Claim, Document, Extraction, Observation, Stored
from khabar.store.dialect import begin, in_list, list_param, upsert
from khabar.store.overrides import Review, apply_reviews, reviews
from khabar.store.spec import KINDS, SPECS, spec


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
    now = _now()
    begin(conn)
    try:
        # new if this insert stored it: of two processes storing one report at once, the second
        # waits for the first to commit, then inserts nothing
        new = conn.execute(DOCUMENT_INSERT, document_row(doc, now)).rowcount == 1
        for kind in KINDS:
            conn.execute(f"DELETE FROM {kind} WHERE document_id = ?", (doc.id,))  # noqa: S608
        for kind, recs in record_rows(ex).items():
            if recs:
                conn.executemany(SPECS[kind].insert_sql(), recs)
        conn.execute(EXTRACTION_INSERT, extraction_row(ex, now))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return new


# a document stored keeps its row; an extraction replaces the one before
DOCUMENT_INSERT = upsert("documents", ("id", "title", "outlet", "url", "published", "language", "text",
                                       "source", "ingested_at"), update=False)
EXTRACTION_INSERT = upsert("extractions", ("document_id", "pipeline", "version", "extracted_at", "warnings"),
                           key="document_id")


def document_row(doc: Document, now: str) -> tuple[Any, ...]:
    """Return the values `DOCUMENT_INSERT` writes for a document."""
    return (doc.id, doc.title, doc.outlet, doc.url, _iso(doc.published), doc.language, doc.text,
            doc.source, now)


def extraction_row(ex: Extraction, now: str) -> tuple[Any, ...]:
    """Return the values `EXTRACTION_INSERT` writes for an extraction."""
    return (ex.document.id, ex.pipeline, ex.version, now, json.dumps(list(ex.warnings)))


def record_rows(ex: Extraction) -> dict[str, list[tuple[Any, ...]]]:
    """Return the rows of an extraction's records, by table, as their specs write them."""
    doc_id = ex.document.id
    by_kind: dict[str, tuple[Any, ...]] = {
        "control_changes": ex.control_changes, "events": ex.events, "claims": ex.claims,
        "quotes": ex.quotes, "assessments": ex.assessments}
    return {kind: [SPECS[kind].row(r, doc_id) for r in recs] for kind, recs in by_kind.items()}


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
    for row in conn.execute("SELECT * FROM documents ORDER BY published NULLS FIRST, id"):
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
           " d.outlet, d.title, d.url, c.trigger, c.ev_start, c.kind, c.acting_party, c.speaker,"
           " c.speaker_party, c.hedged, c.denied FROM control_changes c JOIN documents d"
           " ON d.id = c.document_id WHERE COALESCE(c.date, d.published) IS NOT NULL")
    params: list[Any] = []
    if document_ids is not None:
        sql += " AND " + in_list(conn, "c.document_id")
        params.append(list_param(document_ids))
    revs = reviews(conn, "control_changes")  # analysts' overrides win; {} when there are none
    if up_to is not None and not any("date" in r.fields for r in revs.values()):
        sql += " AND COALESCE(c.date, d.published) <= ?"
        params.append(up_to.isoformat())
    sql += " ORDER BY c.document_id, c.span_start, c.id"  # the same order on either engine
    obs = [Observation(r[0], r[1], r[2], r[3], r[4], r[5], _d(r[6]), date.fromisoformat(r[7]),
                       r[8], _d(r[9]), r[10], r[11], r[12], trigger=r[13] or "", start=r[14] or 0,
                       kind=r[15] or "change", acting_party=r[16], speaker=r[17],
                       speaker_party=r[18], hedged=bool(r[19]), denied=bool(r[20]))
           for r in conn.execute(sql, params)]
    return apply_observation_reviews(obs, revs, up_to) if revs else obs


# the corrected columns an observation carries (its `date` is handled apart: it moves `effective`)
_OBS_FIELDS = tuple(c.name for c in SPECS["control_changes"].columns
                    if c.correct is not None and c.name != "date" and c.name in Observation.__dataclass_fields__)


def apply_observation_reviews(obs: list[Observation], revs: dict[str, Review],
                              up_to: date | None) -> list[Observation]:
    """Apply overrides: rejected observations dropped, corrections in, the rest flagged."""
    cols = SPECS["control_changes"]
    out = []
    for o in obs:
        rv = revs.get(o.record_id)
        if rv is not None:
            if rv.action == "reject":
                continue
            changes: dict[str, Any] = {k: cols.column(k).codec.from_sql(rv.fields[k])  # type: ignore[union-attr]
                                       for k in _OBS_FIELDS if k in rv.fields}
            if "date" in rv.fields:
                changes["date"] = changes["effective"] = date.fromisoformat(rv.fields["date"])
            o = replace(o, review=rv.label, **changes)
        if up_to is None or o.effective <= up_to:
            out.append(o)
    return out


def latest_date(conn: sqlite3.Connection) -> date | None:
    """Return the latest day any stored report, control change or baseline speaks of."""
    row = conn.execute("SELECT max(m) FROM (SELECT max(published) AS m FROM documents"
                       " UNION ALL SELECT max(date) FROM control_changes"
                       " UNION ALL SELECT max(as_of) FROM baselines) AS days").fetchone()
    return _d(row[0])


def stats(conn: sqlite3.Connection) -> dict[str, int]:
    """Return how many documents and records of each kind are stored."""
    out = {}
    for table in ("documents", "control_changes", "events", "claims", "quotes", "assessments"):
        out[table] = conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608
    return out


def records_of(conn: sqlite3.Connection, kind: str, document_ids: Collection[str] | None = None,
               keep_rejected: bool = False) -> list[dict[str, Any]]:
    """Return stored records of a kind (a table name) as row dicts, of some documents if given.

    Analysts' overrides apply as `overrides.apply_reviews` applies them; rejected records are
    left out unless `keep_rejected`. Columns hold what the store holds (JSON as text, booleans
    as 0/1); `stored` gives the records themselves.
    """
    spec(kind)  # checks the kind
    sql = f"SELECT * FROM {kind}"  # noqa: S608 - kind is checked against a fixed set
    params: tuple[Any, ...] = ()
    if document_ids is not None:
        sql += " WHERE " + in_list(conn, "document_id")
        params = (list_param(document_ids),)
    rows = [dict(r) for r in conn.execute(sql + " ORDER BY document_id, span_start, id", params)]
    return apply_reviews(conn, kind, rows, keep_rejected=keep_rejected)


def as_stored(kind: str, row: Mapping[str, Any]) -> Stored[Any]:
    """Return a stored row of a kind as its record with its stored id, report and review: a row
    of `records_of` joined with its report's published, outlet, title and url, or one of the
    desk's reads (`queries.records`, JSON decoded). `Stored.to_dict()` is then its JSON."""
    return Stored(row["id"], spec(kind).from_row(row), _d(row.get("published")), row.get("outlet") or "",
                  row.get("title") or "", row.get("url") or "", row.get("review"), row.get("review_note"))


def stored(conn: sqlite3.Connection, kind: str, document_ids: Collection[str] | None = None,
           keep_rejected: bool = False) -> list[Stored[Any]]:
    """Return the stored records of a kind (ControlChange, Event, Claim, Quote or Assessment), each
    with its stored id, its report's day, outlet, title and url, and the analysts' review (their
    corrections applied, rejected records left out unless `keep_rejected`), in the order of their
    day (own, else the report's), report and place in it."""
    meta = {r[0]: r for r in conn.execute("SELECT id, published, outlet, title, url FROM documents")}
    out = []
    for row in records_of(conn, kind, document_ids, keep_rejected=keep_rejected):
        m = meta.get(row["document_id"])
        if m:
            row.update(published=m[1], outlet=m[2], title=m[3], url=m[4])
        out.append(as_stored(kind, row))
    return sorted(out, key=lambda s: (s.day or date.min, s.document_id, s.span[0]))


def stored_claims(conn: sqlite3.Connection, document_ids: Collection[str] | None = None
                  ) -> list[Stored[Claim]]:
    """Return the stored claims as records (see `stored`): what the claim check reads."""
    return stored(conn, "claims", document_ids)
