"""The Parquet tables of a batch run: the store's schema, one dataset a table.

`khabar spark-extract` writes, and `khabar load` reads, a folder holding

    documents/        id, title, outlet, url, published, language, text, source
    extractions/      document_id, pipeline, version, warnings (JSON text)
    control_changes/  ... one dataset per record kind, with the columns of its table spec
    events/ claims/ quotes/ assessments/
    errors/           source, document_id, problem: the reports that were not extracted
    _khabar.json      the theatre, pipeline and counts of the run

Every column holds what the store's column holds (`store.spec`): dates as ISO text, lists and
quantities as JSON text, booleans as 0/1; so a row of a record table is the row the store
inserts, and `extraction()` rebuilds the Extraction that `khabar ingest` would have stored.
This module needs only pyarrow (a dependency of khabar), not Spark.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from khabar.errors import InputError
from khabar.records import Document, Extraction
from khabar.store.spec import KINDS, SPECS

MANIFEST = "_khabar.json"
DOCUMENT_COLUMNS = ("id", "title", "outlet", "url", "published", "language", "text", "source")
EXTRACTION_COLUMNS = ("document_id", "pipeline", "version", "warnings")
ERROR_COLUMNS = ("source", "document_id", "problem")
# every dataset a run writes, in the order `Row` (one report's rows) holds them
TABLES: tuple[str, ...] = ("documents", "extractions", *KINDS, "errors")


def _arrow_type(sql: str) -> pa.DataType:
    return pa.int64() if sql.upper().startswith("INTEGER") else pa.string()


def _not_null(sql: str) -> bool:
    return "NOT NULL" in sql.upper()


def columns(table: str) -> list[tuple[str, pa.DataType, bool]]:
    """Return a table's columns as (name, Arrow type, nullable), in the store's order."""
    if table == "documents":
        return [(c, pa.string(), c not in ("id", "text")) for c in DOCUMENT_COLUMNS]
    if table == "extractions":
        return [(c, pa.string(), False) for c in EXTRACTION_COLUMNS]
    if table == "errors":
        return [(c, pa.string(), c != "problem") for c in ERROR_COLUMNS]
    s = SPECS[table]
    own = {c.name: c for c in s.columns}
    out: list[tuple[str, pa.DataType, bool]] = []
    for name in s.column_names:
        if name in own:
            out.append((name, _arrow_type(own[name].sql), not _not_null(own[name].sql)))
        elif name in ("id", "document_id", "evidence"):
            out.append((name, pa.string(), False))
        else:  # span and evidence offsets
            out.append((name, pa.int64(), False))
    return out


def arrow_schema(table: str) -> pa.Schema:
    """Return the Arrow schema of a table."""
    return pa.schema([pa.field(n, t, nullable) for n, t, nullable in columns(table)])


# -- one report's rows -----------------------------------------------------------------------
Row = tuple[Any, ...]


def document_row(doc: Document) -> Row:
    return (doc.id, doc.title, doc.outlet, doc.url, doc.published.isoformat() if doc.published else None,
            doc.language, doc.text, doc.source)


def rows_of(ex: Extraction) -> dict[str, list[Row]]:
    """Return the rows of an extraction, by table (records as the store's specs write them)."""
    doc_id = ex.document.id
    recs: dict[str, Sequence[Any]] = {"control_changes": ex.control_changes, "events": ex.events,
                                      "claims": ex.claims, "quotes": ex.quotes,
                                      "assessments": ex.assessments}
    out: dict[str, list[Row]] = {
        "documents": [document_row(ex.document)],
        "extractions": [(doc_id, ex.pipeline, ex.version, json.dumps(list(ex.warnings)))]}
    for kind in KINDS:
        out[kind] = [SPECS[kind].row(r, doc_id) for r in recs[kind]]
    out["errors"] = []
    return out


def error_rows(doc: Document | None, problem: str, source: str = "") -> dict[str, list[Row]]:
    """Return the rows of a report that was not extracted: one error, and its document if known."""
    out: dict[str, list[Row]] = {t: [] for t in TABLES}
    out["errors"] = [(source or (doc.source if doc else ""), doc.id if doc else None, problem)]
    return out


def as_dicts(table: str, rows: Iterable[Row]) -> list[dict[str, Any]]:
    names = [c[0] for c in columns(table)]
    return [dict(zip(names, r, strict=True)) for r in rows]


# -- back to records -------------------------------------------------------------------------
def document(row: Mapping[str, Any]) -> Document:
    return Document(id=row["id"], text=row["text"], title=row["title"] or "", outlet=row["outlet"] or "",
                    url=row["url"] or "", published=date.fromisoformat(row["published"])
                    if row["published"] else None, language=row["language"] or "en",
                    source=row["source"] or "")


def extraction(doc: Mapping[str, Any], meta: Mapping[str, Any] | None,
               records: Mapping[str, Iterable[Mapping[str, Any]]]) -> Extraction:
    """Return the Extraction a report's rows hold (its document row, its extractions row and its
    record rows by kind)."""
    if meta is None:
        raise InputError(f"report {doc['id']}: no row in extractions/; the folder is incomplete")
    by_kind = {kind: tuple(SPECS[kind].from_row(r) for r in records.get(kind, ())) for kind in KINDS}
    return Extraction(document(doc), meta["pipeline"], meta["version"], warnings=tuple(json.loads(
        meta["warnings"] or "[]")), **by_kind)


def read_table(folder: Path, table: str) -> pa.Table:
    """Return a dataset of a run's folder as one Arrow table (empty, with the schema, if absent)."""
    path = folder / table
    if not path.exists():
        return arrow_schema(table).empty_table()
    return pq.read_table(path, schema=arrow_schema(table))


def count_rows(folder: Path, table: str) -> int:
    """Return how many rows a dataset of a run's folder holds (from the Parquet footers)."""
    path = folder / table
    if not path.exists():
        return 0
    return sum(pq.read_metadata(f).num_rows for f in sorted(path.glob("*.parquet")))


class PartWriter:
    """One Parquet file a table for a part of a run (`<table>/part-NNNNN.parquet`), written under
    a temporary name and renamed when closed, so that a Spark task run again replaces its own
    file whole. A table with no rows in the part gets no file."""

    def __init__(self, output: Path, index: int) -> None:
        self.output = output
        self.name = f"part-{index:05d}.parquet"
        self.writers: dict[str, pq.ParquetWriter] = {}
        self.counts = dict.fromkeys(TABLES, 0)

    def write(self, rows: Mapping[str, Sequence[Row]]) -> None:
        """Write some reports' rows (by table) as a row group of each table's file."""
        for table, table_rows in rows.items():
            if not table_rows:
                continue
            if table not in self.writers:
                folder = self.output / table
                folder.mkdir(parents=True, exist_ok=True)
                self.writers[table] = pq.ParquetWriter(folder / f".{self.name}.tmp", arrow_schema(table))
            self.writers[table].write_table(pa.Table.from_pylist(as_dicts(table, table_rows),
                                                                 schema=arrow_schema(table)))
            self.counts[table] += len(table_rows)

    def close(self) -> None:
        for table, w in self.writers.items():
            w.close()
            folder = self.output / table
            os.replace(folder / f".{self.name}.tmp", folder / self.name)


def write_manifest(output: Path, **facts: Any) -> None:
    """Write a run's `_khabar.json`: its theatre (as the store records it), pipeline, counts..."""
    manifest = {**facts, "written": datetime.now(UTC).isoformat(timespec="seconds"),
                "tables": list(TABLES)}
    (output / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")


def write_folder(output: Path, extractions: Iterable[Extraction], *, theatre: str, pipeline: str) -> int:
    """Write extractions as a run's folder, in this process (no Spark): what `khabar load` reads;
    return how many reports. `theatre` is the store's key of the theatre (its bundled name)."""
    output.mkdir(parents=True, exist_ok=True)
    writer = PartWriter(output, 0)
    n = 0
    for ex in extractions:
        writer.write(rows_of(ex))
        n += 1
    writer.close()
    write_manifest(output, theatre=theatre, pipeline=pipeline, master="", reports=n, errors=0,
                   records={k: writer.counts[k] for k in KINDS}, partitions=1)
    return n


def read_manifest(folder: Path) -> dict[str, Any]:
    """Return a run's `_khabar.json`, or raise a one-line error if the folder is not a run's."""
    path = folder / MANIFEST
    if not path.is_file():
        raise InputError(f"{folder}: no {MANIFEST}; not a folder `khabar spark-extract --output` wrote")
    try:
        out: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as e:
        raise InputError(f"{path}: not JSON ({e})") from None
    return out


def grouped(table: pa.Table) -> tuple[pa.Table, list[str]]:
    """Return a table sorted by document_id (rows of one report in their order) and its ids."""
    if table.num_rows == 0:
        return table, []
    order = pa.compute.sort_indices(table, sort_keys=[("document_id", "ascending")])
    table = table.take(order)
    return table, table.column("document_id").to_pylist()


def iter_extractions(folder: Path, batch: int = 500) -> Iterator[list[Extraction]]:
    """Yield the Extractions a run's folder holds, in batches of reports (by id).

    Each table is read once and sorted by report; the reports are then walked in order, each
    batch taking the next slice of every table, so that only Arrow's compact columns are
    held whole and Python objects are made one batch at a time.
    """
    import bisect

    docs = read_table(folder, "documents")
    docs = docs.take(pa.compute.sort_indices(docs, sort_keys=[("id", "ascending")]))
    metas, meta_ids = grouped(read_table(folder, "extractions"))
    tables = {kind: grouped(read_table(folder, kind)) for kind in KINDS}
    at = dict.fromkeys(("extractions", *KINDS), 0)
    for start in range(0, docs.num_rows, batch):
        part = docs.slice(start, batch).to_pylist()
        last = part[-1]["id"]
        slices: dict[str, list[dict[str, Any]]] = {}
        for name, (table, ids) in {"extractions": (metas, meta_ids), **tables}.items():
            end = bisect.bisect_right(ids, last, lo=at[name])
            slices[name] = table.slice(at[name], end - at[name]).to_pylist()
            at[name] = end
        meta = {r["document_id"]: r for r in slices.pop("extractions")}
        recs: dict[str, dict[str, list[dict[str, Any]]]] = {}
        for kind, rows in slices.items():
            for r in rows:
                recs.setdefault(r["document_id"], {}).setdefault(kind, []).append(r)
        yield [extraction(d, meta.get(d["id"]), recs.get(d["id"], {})) for d in part]
