"""Analysts' overrides: confirm, reject or correct any stored record, with a note.

Overrides live in their own table and never overwrite extracted records. Each keeps the record's
document and span, so that it still applies after re-extraction has replaced the record (and
perhaps changed its id): an override matches its record by id, else the record of the same kind
in the same document whose span overlaps most. The latest override of a record wins; earlier
ones stay as its history.
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from khabar.errors import InputError
from khabar.store.dialect import begin
from khabar.store.spec import (
    BOOL_RULE,
    CONTROLLER_RULE,
    DATE_RULE,
    INT_RULE,
    KINDS,
    PARTY_RULE,
    SPECS,
)

if TYPE_CHECKING:
    from khabar.theatres.loader import Theatre

ACTIONS: tuple[str, ...] = ("confirm", "reject", "correct")
REVIEW = {"confirm": "confirmed", "reject": "rejected", "correct": "corrected"}
_TRUE = ("true", "yes", "1")
_FALSE = ("false", "no", "0")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _or(values: tuple[str, ...]) -> str:
    return ", ".join(values[:-1]) + " or " + values[-1] if len(values) > 1 else values[0]


def store_theatre_of(conn: sqlite3.Connection) -> Theatre:
    """Return the theatre of the store (its recorded one, else the default theatre)."""
    from khabar.store.meta import theatre_or_default
    from khabar.theatres.loader import load

    return load(theatre_or_default(conn))


def check_fields(kind: str, fields: dict[str, Any], theatre: Theatre | None = None) -> dict[str, Any]:
    """Return corrected fields as stored (dates ISO, counts int, booleans 0/1), or raise a one-line
    InputError. A controller must be a party id of the theatre or "contested", a party a party id
    (the theatre is loaded only when such a field is corrected; None: the default theatre)."""
    allowed = SPECS[kind].correctable
    out: dict[str, Any] = {}
    for name, value in fields.items():
        rule = allowed.get(name)
        if rule is None:
            raise InputError(f"{name}: not a field of {kind} that can be corrected; "
                             f"use {_or(tuple(allowed))}")
        text = "" if value is None else str(value).strip()
        if rule in (CONTROLLER_RULE, PARTY_RULE):
            if theatre is None:
                from khabar.theatres.loader import load

                theatre = load()
            rule = theatre.controllers if rule == CONTROLLER_RULE else theatre.party_ids
        if isinstance(rule, tuple):
            if text.lower() not in {v.lower() for v in rule}:
                raise InputError(f"{name}={text}: not allowed; use {_or(rule)}")
            out[name] = next(v for v in rule if v.lower() == text.lower())
        elif rule == DATE_RULE:
            try:
                if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                    raise ValueError(text)
                out[name] = date.fromisoformat(text).isoformat()
            except ValueError:
                raise InputError(f"{name}={text}: not a date; use YYYY-MM-DD") from None
        elif rule == INT_RULE:
            if not re.fullmatch(r"\d+", text):
                raise InputError(f"{name}={text}: not a whole number")
            out[name] = int(text)
        elif rule == BOOL_RULE:
            if text.lower() not in (*_TRUE, *_FALSE):
                raise InputError(f"{name}={text}: not allowed; use true or false")
            out[name] = int(text.lower() in _TRUE)
        else:
            if not text:
                raise InputError(f"{name}: empty; give a value")
            out[name] = text
    return out


def find_record(conn: sqlite3.Connection, record_id: str,
                kind: str | None = None) -> tuple[str, sqlite3.Row] | None:
    """Return the kind and stored row of a record id (searched in every kind if none given).

    A unique prefix of at least 6 characters of an id will do, as with git commits.
    """
    kinds = (kind,) if kind else KINDS
    for k in kinds:
        row = conn.execute(f"SELECT * FROM {k} WHERE id = ?",  # noqa: S608 - k is from KINDS
                           (record_id,)).fetchone()
        if row is not None:
            return k, row
    if len(record_id) < 6 or not re.fullmatch(r"[0-9a-f]+", record_id):
        return None
    hits = [(k, r) for k in kinds for r in conn.execute(
        f"SELECT * FROM {k} WHERE id >= ? AND id < ? LIMIT 2",  # noqa: S608 - k is from KINDS
        (record_id, record_id + "g"))]
    return hits[0] if len(hits) == 1 else None


def save_override(conn: sqlite3.Connection, kind: str, record_id: str, action: str, note: str,
                  fields: dict[str, Any] | None = None, analyst: str = "",
                  theatre: Theatre | None = None) -> int:
    """Store an analyst's override of a record in one transaction; return its id.

    A corrected controller or party is checked against the store's theatre (`theatre` if given).
    """
    if kind not in KINDS:
        raise InputError(f"{kind}: unknown record kind; use {_or(KINDS)}")
    if action not in ACTIONS:
        raise InputError(f"{action}: unknown action; use {_or(ACTIONS)}")
    if not note.strip():
        raise InputError(f"{record_id}: an override needs a note saying why")
    fields = fields or {}
    if action == "correct" and not fields:
        raise InputError(f"{record_id}: a correction needs at least one FIELD=VALUE")
    if action != "correct" and fields:
        raise InputError(f"{record_id}: only a correction takes fields; {action} takes none")
    needs_theatre = any(SPECS[kind].correctable.get(k) in (CONTROLLER_RULE, PARTY_RULE) for k in fields)
    if needs_theatre and theatre is None:
        theatre = store_theatre_of(conn)
    clean = check_fields(kind, fields, theatre)
    begin(conn)
    try:
        found = find_record(conn, record_id, kind)
        if found is None:
            raise InputError(f"{record_id}: no such record among {kind}")
        row = found[1]
        (override_id,) = conn.execute(
            "INSERT INTO overrides (kind, record_id, document_id, span_start, span_end, action,"
            " fields, note, analyst, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            (kind, row["id"], row["document_id"], row["span_start"], row["span_end"], action,
             json.dumps(clean, ensure_ascii=False), note.strip(), analyst.strip(), _now())).fetchone()
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return int(override_id)


def save_derived_override(conn: sqlite3.Connection, kind: str, record_id: str, document_id: str,
                          action: str, note: str, fields: dict[str, Any] | None = None,
                          analyst: str = "", theatre: Theatre | None = None) -> int:
    """Store an override of a record compile derives from a stored one (a denial's observation
    of one district, `<claim id>-<district id>`), checked as a record of `kind`; return its id.

    It is kept under its own id with no span, so that it never applies to a stored record (nor
    by overlap after re-extraction); compile reads it by that id (`list_overrides`)."""
    if kind not in KINDS or action not in ACTIONS:
        raise InputError(f"{kind} {action}: unknown record kind or action")
    if not note.strip():
        raise InputError(f"{record_id}: an override needs a note saying why")
    fields = fields or {}
    if (action == "correct") != bool(fields):
        raise InputError(f"{record_id}: a correction needs FIELD=VALUE; {action} takes none"
                         if fields else f"{record_id}: a correction needs at least one FIELD=VALUE")
    clean = check_fields(kind, fields, theatre or (store_theatre_of(conn) if fields else None))
    begin(conn)
    try:
        (override_id,) = conn.execute(
            "INSERT INTO overrides (kind, record_id, document_id, span_start, span_end, action,"
            " fields, note, analyst, created_at) VALUES (?, ?, ?, -1, -1, ?, ?, ?, ?, ?) RETURNING id",
            (kind, record_id, document_id, action, json.dumps(clean, ensure_ascii=False), note.strip(),
             analyst.strip(), _now())).fetchone()
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return int(override_id)


def _as_dict(row: sqlite3.Row) -> dict[str, Any]:
    d = dict(row)
    d["fields"] = json.loads(d["fields"] or "{}")
    return d


def list_overrides(conn: sqlite3.Connection, kind: str | None = None,
                   record_id: str | None = None) -> list[dict[str, Any]]:
    """Return overrides, oldest first, each with `latest`: whether it is its record's last word."""
    sql, params = "SELECT * FROM overrides WHERE 1 = 1", []
    if kind:
        sql += " AND kind = ?"
        params.append(kind)
    if record_id:
        sql += " AND record_id = ?"
        params.append(record_id)
    rows = [_as_dict(r) for r in conn.execute(sql + " ORDER BY id", params)]
    last = {(r["kind"], r["record_id"]): r["id"] for r in
            (_as_dict(x) for x in conn.execute("SELECT * FROM overrides ORDER BY id"))}
    for r in rows:
        r["latest"] = last[(r["kind"], r["record_id"])] == r["id"]
    return rows


@dataclass(frozen=True, slots=True)
class Review:
    """The override in force on one record: what the analyst did, the fields and the note."""

    override_id: int
    action: str
    fields: dict[str, Any]
    note: str
    analyst: str

    @property
    def label(self) -> str:
        """Return "confirmed", "rejected" or "corrected"."""
        return REVIEW[self.action]


def reviews(conn: sqlite3.Connection, kind: str) -> dict[str, Review]:
    """Return the override in force on each current record of a kind, by record id.

    An override whose record id is gone (re-extraction changed it) applies to the record of the
    same document whose span overlaps its span most. The latest override of a record wins.
    """
    rows = conn.execute("SELECT * FROM overrides WHERE kind = ? ORDER BY id", (kind,)).fetchall()
    if not rows:
        return {}
    chosen: dict[str, sqlite3.Row] = {}
    for r in rows:
        target = r["record_id"]
        if find_record(conn, target, kind) is None:
            overlapping = conn.execute(
                f"SELECT id, span_start, span_end FROM {kind}"  # noqa: S608 - kind is from KINDS
                " WHERE document_id = ? AND span_start < ? AND span_end > ?",
                (r["document_id"], r["span_end"], r["span_start"])).fetchall()
            if not overlapping:
                continue
            # the record whose span overlaps the override's most, the earliest of equals
            target = max(overlapping, key=lambda o: (
                min(o[2], r["span_end"]) - max(o[1], r["span_start"]), -o[1]))[0]
        chosen[target] = r  # rows are in id order: the latest wins
    return {rid: Review(r["id"], r["action"], json.loads(r["fields"] or "{}"), r["note"],
                        r["analyst"]) for rid, r in chosen.items()}


def apply_reviews(conn: sqlite3.Connection, kind: str, rows: list[dict[str, Any]], *,
                  keep_rejected: bool = False, in_force: dict[str, Review] | None = None
                  ) -> list[dict[str, Any]]:
    """Return stored rows of a kind (dicts with their `id`) with the analysts' overrides applied.

    Corrected fields replace the extracted ones, which stay in `extracted`; `review` says
    "confirmed", "corrected" or "rejected" (None if unreviewed) and `review_note` why. Rejected
    records are left out unless `keep_rejected` (the desk lists them, struck through). The
    rows are updated in place. `in_force` is `reviews(conn, kind)` if the caller has it already.
    """
    if in_force is None:
        in_force = reviews(conn, kind)
    out = []
    for r in rows:
        rv = in_force.get(str(r.get("id")))
        r["review"], r["review_note"] = (rv.label, rv.note) if rv else (None, None)
        if rv is not None:
            if rv.action == "reject" and not keep_rejected:
                continue
            r["extracted"] = {k: r.get(k) for k in rv.fields}
            r.update(rv.fields)
        out.append(r)
    return out
