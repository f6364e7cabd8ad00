"""A fresh database per test on each engine (SQLite in memory, a PostgreSQL schema), and
extractions of the sample reports (rules only)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from khabar.extract.pipeline import Extractor
from khabar.ingest import read_inputs
from khabar.records import (
    Assessment,
    Claim,
    ControlChange,
    Document,
    Event,
    Evidence,
    Extraction,
    Quantity,
    Quote,
)
from khabar.store import connect

SAMPLES = Path(__file__).parents[1] / "samples"


TEXT = ("Brotherhood fighters seized Laukkai on Sunday, a spokesman said, reportedly after talks. "
        "The army denied losing Hopang. \"We hold the town,\" a colonel said. "
        "Rebels claim 20 of 30 townships.")


def ev(doc: str, start: int, end: int) -> Evidence:
    return Evidence(doc, start, end, TEXT[start:end])


def full_extraction(doc_id: str = "doc1") -> Extraction:
    """Records of every kind with every new field set away from its default."""
    doc = Document(doc_id, TEXT, title="North", outlet="Wire", published=date(2023, 11, 6))
    s1, s2, s3, s4 = ev(doc_id, 0, 88), ev(doc_id, 89, 119), ev(doc_id, 120, 155), ev(doc_id, 156, 188)
    change = ControlChange("Laukkai", "T01", "Shan", "brotherhood", date(2023, 11, 5), s1, (28, 35),
                           province_id="S01", trigger="seized", kind="holding", acting_party="mndaa",
                           speaker="a spokesman", speaker_party="mndaa", hedged=True, denied=False)
    denied = ControlChange("Hopang", "T02", None, "contested", None, s2, (112, 118), denied=True)
    event = Event("ASSAULT", ("Brotherhood fighters",), ("Laukkai",), "Laukkai", date(2023, 11, 5), s1,
                  (0, 35), trigger="seized", district_ids=("T01",), parties=("brotherhood", "army"))
    claim = Claim("Rebels", "asserts", "20 of 30 townships", Quantity(20, "townships", "townships",
                  value_max=None), None, s4, (169, 187), claimant_party="brotherhood",
                  district_ids=("T01", "T02"), hedged=True)
    quote = Quote("a colonel", "We hold the town", s3, (121, 137), speaker_party="army")
    count = Assessment("Rebels", "brotherhood", 20, 30, date(2023, 11, 6), "claimed", s4, (169, 187),
                       unit="townships")
    return Extraction(doc, "test", "1", control_changes=(change, denied), events=(event,), claims=(claim,),
                      quotes=(quote,), assessments=(count,))


@pytest.fixture
def db(engine: str, make_url: Callable[[], str]) -> Iterator[sqlite3.Connection]:
    """A fresh store, once on SQLite (in memory) and once on PostgreSQL."""
    conn = connect(":memory:" if engine == "sqlite" else make_url())
    yield conn
    conn.close()


def check_violation(conn: sqlite3.Connection) -> tuple[type[BaseException], str]:
    """Return the error a failed CHECK raises on the connection's engine, and its words."""
    if getattr(conn, "dialect", "sqlite") == "sqlite":
        return sqlite3.IntegrityError, "CHECK constraint failed"
    import psycopg

    return psycopg.errors.CheckViolation, "violates check constraint"


@pytest.fixture(scope="session")
def samples() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def fast_extractor() -> Extractor:
    return Extractor(mode="fast")


@pytest.fixture(scope="session")
def extraction(fast_extractor: Extractor) -> Callable[[str], Extraction]:
    """Return the extraction of a sample report by name."""
    def run(name: str) -> Extraction:
        (doc,) = read_inputs([str(SAMPLES / f"{name}.txt")])
        assert isinstance(doc, Document), doc
        return fast_extractor.extract(doc)
    return run
