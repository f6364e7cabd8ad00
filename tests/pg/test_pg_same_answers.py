"""The same reports stored in SQLite and in PostgreSQL give the same answers: compiled control
as of several days, the desk's tables, filters, search, histories, counts, exports, reviews."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import khabar
from khabar.extract.pipeline import Extractor
from khabar.ingest import read_inputs
from khabar.jobs import compile_control
from khabar.records import Document, Extraction
from khabar.store import connect, queries
from khabar.store import records as store
from khabar.store.overrides import save_override
from khabar.store.queries import RecordFilter
from khabar.store.search import SEARCHABLE, search
from khabar.store.spec import KINDS
from khabar.theatres.loader import load

CORPUS = Path(khabar.__file__).parent / "theatres" / "afghanistan_2021" / "samples" / "corpus"
DAYS = (date(2021, 5, 1), date(2021, 7, 1), date(2021, 7, 20), date(2021, 8, 10), date(2021, 8, 31))
QUERIES = ("Taliban", "district", "Kandahar capt", "spokesman said", "provincial capital", "85 percent",
           "fell", "Mujahid", "zzzz", "governor's", "U.S.", "it's")


@pytest.fixture(scope="module")
def both(pg_server: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, sqlite3.Connection]]:
    """The Afghan sample reports (fast pipeline) stored in a SQLite file and a PostgreSQL schema."""
    extractor = Extractor(mode="fast")
    docs = [d for d in read_inputs([str(CORPUS)]) if isinstance(d, Document)]
    assert len(docs) >= 80
    extractions = list(extractor.extract_many(docs, processes=1))
    database = pg_server.test_database.split("/")[3].split("?")[0]
    conns = {"sqlite": connect(tmp_path_factory.mktemp("same") / "khabar.db"),
             "postgresql": connect(pg_server.fresh_schema(database))}
    for conn in conns.values():
        for ex in extractions:
            store.save_extraction(conn, ex)
    yield conns
    for conn in conns.values():
        conn.close()


def same(both: dict[str, sqlite3.Connection], fn: Any, *args: Any, **kw: Any) -> Any:
    """Return fn's answer on SQLite after checking PostgreSQL's is the same (and not empty-handed
    by accident: the caller checks what it needs)."""
    lite = fn(both["sqlite"], *args, **kw)
    pg = fn(both["postgresql"], *args, **kw)
    assert pg == lite, (getattr(fn, "__name__", fn), args, kw)
    return lite


def test_compiled_control_is_the_same_on_either_engine(both: dict[str, sqlite3.Connection]) -> None:
    theatre = load()
    held = []
    for day in DAYS:
        states, counts = same(both, compile_control, theatre, day)
        held.append(sum(1 for s in states if s.controller))
    assert held[-1] > held[1] > 0  # the samples tell of districts changing hands over the summer


def test_the_desks_tables_are_the_same(both: dict[str, sqlite3.Connection]) -> None:
    filters = [RecordFilter(), RecordFilter(limit=7, offset=5), RecordFilter(type="taliban"),
               RecordFilter(actor="taliban"), RecordFilter(place="kandahar"), RecordFilter(place="ABAD"),
               RecordFilter(date_from=date(2021, 7, 1), date_to=date(2021, 7, 31)),
               *(RecordFilter(q=q) for q in QUERIES)]
    found = 0
    for kind in KINDS:
        for flt in filters:
            rows, total = same(both, queries.records, kind, flt)
            found += total
    assert found > 1000
    def documents(conn: sqlite3.Connection, *args: Any) -> tuple[list[dict], int]:
        rows, total = queries.documents(conn, *args)
        return [{k: v for k, v in r.items() if k != "ingested_at"} for r in rows], total  # when stored

    for q in (None, *QUERIES):
        rows, total = same(both, documents, q)
        assert q in ("zzzz",) or total > 0, q
    assert same(both, documents, None, 10, 30)[1] > 30


def test_search_finds_the_same_records(both: dict[str, sqlite3.Connection]) -> None:
    hits = 0
    for kind in SEARCHABLE:
        for q in QUERIES:
            ids = {c: set(search(conn, kind, q, limit=1000)) for c, conn in both.items()}
            assert ids["postgresql"] == ids["sqlite"], (kind, q)
            hits += len(ids["sqlite"])
    assert hits > 200


def test_reads_of_records_histories_counts_and_exports_are_the_same(both: dict[str, sqlite3.Connection]) -> None:
    for kind in KINDS:
        assert same(both, store.stored, kind)
        assert same(both, store.records_of, kind)
    assert same(both, store.observations)
    assert same(both, store.observations, date(2021, 7, 15))
    assert same(both, lambda c: list(store.iter_documents(c)))
    assert same(both, store.latest_date) == same(both, queries.date_range)[1]
    districts = {o.district_id for o in store.observations(both["sqlite"]) if o.district_id}
    for district in sorted(districts)[:15]:
        assert same(both, queries.district_history, district)
    assert same(both, queries.daily_counts, date(2021, 6, 1), date(2021, 8, 31))
    assert same(both, queries.assessments_near, None)
    same(both, queries.assessments_near, date(2021, 8, 1), 30)
    docs = store.stats(both["sqlite"])
    assert same(both, store.stats) == docs
    some = sorted(r[0] for r in both["sqlite"].execute("SELECT id FROM documents"))[:5]
    for doc_id in some:
        assert same(both, queries.document_records, doc_id)
        assert same(both, lambda c, d: {k: v for k, v in (queries.document(c, d) or {}).items()
                                        if k != "ingested_at"}, doc_id)
    stamps = {"ingested_at", "extracted_at"}
    for table in ("documents", *KINDS):
        def export(conn: sqlite3.Connection, table: str = table) -> tuple[list[str], list[tuple]]:
            cols, rows = queries.export_rows(conn, table)
            keep = [i for i, c in enumerate(cols) if c not in stamps]
            out = [tuple(r[i] for i in keep) for r in rows]
            # reports are exported in the order they were stored, which each store saw at its own time
            return [cols[i] for i in keep], sorted(out) if table == "documents" else out
        assert same(both, export)[1], table


def test_reviews_apply_alike(both: dict[str, sqlite3.Connection]) -> None:
    """The same analysts' overrides on both stores: the same control, the same tables."""
    theatre = load()
    changes = store.records_of(both["sqlite"], "control_changes")
    claims = store.records_of(both["sqlite"], "claims")
    for conn in both.values():
        save_override(conn, "control_changes", changes[0]["id"], "reject", "one source")
        save_override(conn, "control_changes", changes[1]["id"], "correct", "a week later",
                      {"date": "2021-08-20", "controller": "contested"})
        save_override(conn, "claims", claims[0]["id"], "confirm", "seen")
    for day in DAYS:
        same(both, compile_control, theatre, day)
    same(both, queries.records, "control_changes", RecordFilter(limit=1000))
    rows = same(both, store.records_of, "control_changes", keep_rejected=True)
    assert [r["review"] for r in rows if r["review"]] and {r["review"] for r in rows} >= {"corrected", "rejected"}
    assert same(both, store.records_of, "claims")[0]["review"] == "confirmed"


TEXT = ("\u201cWe hold the town,\u201d the Taliban\u2019s commander said of N\u00e9rkh on 2021-07-04, "
        "3.5 km from the U.S. base; \u00c9COLE \u2014 fighters\u2019 base_camp.")


@pytest.fixture
def db(engine: str, make_url: Any) -> Iterator[sqlite3.Connection]:
    conn = connect(":memory:" if engine == "sqlite" else make_url())
    yield conn
    conn.close()


@pytest.mark.parametrize(("q", "found"), [
    ("Taliban", True), ("taliban commander", True), ("Nerkh", True), ("N\u00e9rkh", True), ("NERKH", True),
    ("we hold", True), ("07", True), ("3", True), ("5 km", True), ("U S base", True), ("ecole", True),
    ("fighters", True), ("base camp", True), ("Talib", True), ("aliban", False), ("3.5km", False),
    ("Kandahar", False), ("hold we town town", True), ("\u2019s", True),
])
def test_words_are_cut_alike_around_quotes_accents_and_numbers(db: sqlite3.Connection, q: str,
                                                               found: bool) -> None:
    """On either engine a word is found whatever stands beside it: curly quotes and apostrophes,
    dashes, dots of numbers and initials, accents; and only whole words are (the last a prefix)."""
    store.save_extraction(db, Extraction(Document("d1", TEXT, title="A town", outlet="Wire"), "test", "1"))
    assert search(db, "documents", q) == (["d1"] if found else [])
    assert queries.documents(db, q)[1] == int(found)
