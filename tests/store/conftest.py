"""A fresh in-memory database per test, and extractions of the sample reports (rules only)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from khabar.extract.pipeline import Extractor
from khabar.ingest import read_inputs
from khabar.records import Document, Extraction
from khabar.store import connect

SAMPLES = Path(__file__).parents[1] / "samples"


@pytest.fixture
def db() -> Iterator[sqlite3.Connection]:
    conn = connect(":memory:")
    yield conn
    conn.close()


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
