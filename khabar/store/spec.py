"""One table spec per record kind: its columns, their SQL types, how a record's field maps to a
column and back, and which fields an analyst may correct.

Insert (one report or many), select (rows back to records), the analysts' overrides and the
desk's decoding of rows all read these specs. Adding a field to a record means adding it to the
record (khabar/records.py), to its spec here, and a migration that adds the column.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from khabar.records import (
    PLOVER_TYPES,
    STANCES,
    Assessment,
    Claim,
    ControlChange,
    Event,
    Evidence,
    Quantity,
    Quote,
)
from khabar.store.dialect import upsert


def _same(v: Any) -> Any:
    return v


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _day(s: str | date | None) -> date | None:
    if isinstance(s, date) or s is None:
        return s
    return date.fromisoformat(s) if s else None


def _list_out(v: Any) -> str:
    return json.dumps(list(v or ()), ensure_ascii=False)


def _list_in(v: Any) -> tuple[Any, ...]:
    if v is None or v == "":
        return ()
    if isinstance(v, str):
        v = json.loads(v)
    return tuple(v)


def _quantity_out(q: Quantity | None) -> str | None:
    return json.dumps(q.to_dict()) if q else None


def _quantity_in(v: Any) -> Quantity | None:
    if v is None or v == "":
        return None
    q = json.loads(v) if isinstance(v, str) else v
    return Quantity(q["value"], q["unit"], q.get("of"), q.get("qualifier"), q.get("value_max"))


@dataclass(frozen=True, slots=True)
class Codec:
    """How a field's value is written to its column and read back."""

    to_sql: Callable[[Any], Any]
    from_sql: Callable[[Any], Any]
    json: bool = False  # the column holds JSON text


TEXT = Codec(_same, _same)
INT = Codec(_same, _same)
DATE = Codec(_iso, _day)
BOOL = Codec(lambda v: int(bool(v)), lambda v: bool(v))
LIST = Codec(_list_out, _list_in, json=True)
QUANTITY = Codec(_quantity_out, _quantity_in, json=True)

# What an analyst's correction of a field must be (`overrides.check_fields` applies them).
DATE_RULE = "date"
INT_RULE = "int"
TEXT_RULE = "text"
BOOL_RULE = "bool"
CONTROLLER_RULE = "controller"  # a party id of the store's theatre, or "contested"
PARTY_RULE = "party"  # a party id of the store's theatre
Rule = str | tuple[str, ...]  # one of the rules above, or the values allowed


@dataclass(frozen=True, slots=True)
class Column:
    """A column of a record table: its name, SQL type, the record field it holds and its codec."""

    name: str
    sql: str
    field: str | None = None  # the record's attribute (None: the column's own name)
    codec: Codec = TEXT
    correct: Rule | None = None  # how an analyst's correction is checked; None: not correctable

    @property
    def attr(self) -> str:
        return self.field or self.name


# Columns every record table has, around its own: id and document first, span and evidence last.
_HEAD = ("id", "document_id")
_TAIL = ("span_start", "span_end", "ev_start", "ev_end", "evidence")


@dataclass(frozen=True, slots=True)
class TableSpec:
    """A record kind's table: its record class and its own columns (besides id, document_id,
    span and evidence, which every record table has)."""

    table: str
    record: type
    columns: tuple[Column, ...]
    date_column: str | None = None  # the record's own day, if it has one

    @property
    def column_names(self) -> tuple[str, ...]:
        """Every column an insert writes, in order."""
        return (*_HEAD, *(c.name for c in self.columns), *_TAIL)

    @property
    def json_columns(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.codec.json)

    @property
    def correctable(self) -> dict[str, Rule]:
        """column -> rule, for the fields an analyst may correct."""
        return {c.name: c.correct for c in self.columns if c.correct is not None}

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.name == name), None)

    def row(self, r: Any, document_id: str) -> tuple[Any, ...]:
        """Return the values an insert writes for a record, in `column_names` order."""
        return (r.id, document_id, *(c.codec.to_sql(getattr(r, c.attr)) for c in self.columns),
                r.span[0], r.span[1], r.evidence.start, r.evidence.end, r.evidence.text)

    def from_row(self, row: Mapping[str, Any]) -> Any:
        """Return the record a stored row (a mapping of column -> value) holds."""
        kw = {c.attr: c.codec.from_sql(row[c.name]) for c in self.columns if c.name in row}
        ev = Evidence(row["document_id"], row["ev_start"], row["ev_end"], row["evidence"])
        return self.record(evidence=ev, span=(row["span_start"], row["span_end"]), **kw)

    def decode(self, row: dict[str, Any]) -> dict[str, Any]:
        """Return a row dict with its JSON columns parsed (lists and quantities as data)."""
        for name in self.json_columns:
            v = row.get(name)
            if isinstance(v, str):
                try:
                    row[name] = json.loads(v)
                except ValueError:
                    pass
        return row

    def insert_sql(self) -> str:
        """Return the statement that stores one record, replacing one of the same id."""
        return upsert(self.table, self.column_names)


CONTROL_CHANGES = TableSpec("control_changes", ControlChange, (
    Column("district", "TEXT NOT NULL", correct=TEXT_RULE),
    Column("district_id", "TEXT", correct=TEXT_RULE),
    Column("province", "TEXT", correct=TEXT_RULE),
    Column("province_id", "TEXT", correct=TEXT_RULE),
    Column("controller", "TEXT NOT NULL", correct=CONTROLLER_RULE),
    Column("date", "TEXT", codec=DATE, correct=DATE_RULE),
    Column("trigger", "TEXT NOT NULL DEFAULT ''"),
    Column("kind", "TEXT NOT NULL DEFAULT 'change'", correct=("change", "holding")),
    Column("acting_party", "TEXT", correct=PARTY_RULE),
    Column("speaker", "TEXT", correct=TEXT_RULE),
    Column("speaker_party", "TEXT", correct=PARTY_RULE),
    Column("hedged", "INTEGER NOT NULL DEFAULT 0", codec=BOOL, correct=BOOL_RULE),
    Column("denied", "INTEGER NOT NULL DEFAULT 0", codec=BOOL, correct=BOOL_RULE),
), date_column="date")

EVENTS = TableSpec("events", Event, (
    Column("type", "TEXT NOT NULL", correct=PLOVER_TYPES),
    Column("actors", "TEXT NOT NULL", codec=LIST),
    Column("targets", "TEXT NOT NULL", codec=LIST),
    Column("place", "TEXT", correct=TEXT_RULE),
    Column("date", "TEXT", codec=DATE, correct=DATE_RULE),
    Column("status", "TEXT NOT NULL", correct=("happened", "planned", "negated")),
    Column("trigger", "TEXT NOT NULL DEFAULT ''"),
    Column("district_ids", "TEXT NOT NULL DEFAULT '[]'", codec=LIST),
    Column("parties", "TEXT NOT NULL DEFAULT '[]'", codec=LIST),
), date_column="date")

CLAIMS = TableSpec("claims", Claim, (
    Column("claimant", "TEXT NOT NULL", correct=TEXT_RULE),
    Column("stance", "TEXT NOT NULL", correct=STANCES),
    Column("text", "TEXT NOT NULL", correct=TEXT_RULE),
    Column("quantity", "TEXT", codec=QUANTITY),
    Column("date", "TEXT", codec=DATE, correct=DATE_RULE),
    Column("claimant_party", "TEXT", correct=PARTY_RULE),
    Column("district_ids", "TEXT NOT NULL DEFAULT '[]'", codec=LIST),
    Column("hedged", "INTEGER NOT NULL DEFAULT 0", codec=BOOL, correct=BOOL_RULE),
), date_column="date")

QUOTES = TableSpec("quotes", Quote, (
    Column("speaker", "TEXT", correct=TEXT_RULE),
    Column("text", "TEXT NOT NULL", correct=TEXT_RULE),
    Column("speaker_party", "TEXT", correct=PARTY_RULE),
))

ASSESSMENTS = TableSpec("assessments", Assessment, (
    Column("assessor", "TEXT NOT NULL", correct=TEXT_RULE),
    Column("controller", "TEXT NOT NULL", correct=CONTROLLER_RULE),
    Column("count", "INTEGER NOT NULL", codec=INT, correct=INT_RULE),
    Column("of_total", "INTEGER", field="of", codec=INT, correct=INT_RULE),
    Column("as_of", "TEXT", codec=DATE, correct=DATE_RULE),
    Column("kind", "TEXT NOT NULL", correct=TEXT_RULE),
    Column("unit", "TEXT NOT NULL DEFAULT 'districts'", correct=TEXT_RULE),
), date_column="as_of")

SPECS: dict[str, TableSpec] = {s.table: s for s in (CONTROL_CHANGES, EVENTS, CLAIMS, QUOTES, ASSESSMENTS)}
KINDS: tuple[str, ...] = tuple(SPECS)


def spec(kind: str) -> TableSpec:
    """Return the spec of a record kind (a table name), or raise ValueError naming the kinds."""
    try:
        return SPECS[kind]
    except KeyError:
        raise ValueError(f"unknown record kind {kind!r}; use one of {', '.join(KINDS)}") from None


def _check_specs() -> None:
    """Every field of every record kind has a column (besides evidence and span)."""
    for s in SPECS.values():
        have = {c.attr for c in s.columns}
        missing = [f.name for f in fields(s.record) if f.name not in have | {"evidence", "span"}]
        if missing:  # pragma: no cover - a developer's error, caught at import
            raise TypeError(f"{s.table}: no column for {', '.join(missing)}; add one to its spec")


_check_specs()
