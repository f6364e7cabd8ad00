"""A desk database built from our own short reports (tests/web/desk_reports.jsonl), and clients.

The reports: a Taliban claim of 85 percent of the territory and a meeting in Doha (2021-07-09), Panjwai taken by the Taliban (published 2021-07-05), retaken by the government
(2021-07-20), and a report whose title, outlet, url and body hold <script>, <img onerror> and
javascript: links (Nerkh, 2021-07-12). Extraction runs the rules-only pipeline.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from khabar.extract.pipeline import Extractor
from khabar.jobs import ingest
from khabar.store import connect
from khabar.web.app import create_app

REPORTS = Path(__file__).with_name("desk_reports.jsonl")
TOKEN = "test-token-5f2c"


def build_db(path: Path) -> Path:
    """Ingest the desk's sample reports into a new database file and return its path."""
    conn = connect(path)
    rep = ingest(conn, [str(REPORTS)], Extractor(mode="fast"))
    assert rep.new == 4 and not rep.errors, rep.errors
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path


@pytest.fixture(scope="session")
def desk_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_db(tmp_path_factory.mktemp("desk") / "khabar.db")


@pytest.fixture
def fresh_db(desk_db: Path, tmp_path: Path) -> Path:
    """A copy of the desk database that a test may write to."""
    target = tmp_path / "khabar.db"
    shutil.copy(desk_db, target)
    return target


@pytest.fixture(scope="session")
def client(desk_db: Path) -> Iterator[TestClient]:
    """A read-only desk (no token)."""
    with TestClient(create_app(desk_db), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture
def writer(fresh_db: Path) -> Iterator[TestClient]:
    """A desk with a token, over a database of its own."""
    with TestClient(create_app(fresh_db, token=TOKEN), raise_server_exceptions=False) as c:
        yield c


def _record_id(db: Path, table: str, where: str, *params: str) -> str:
    conn = sqlite3.connect(db)
    rows = conn.execute(f"SELECT id FROM {table} WHERE {where}", params).fetchall()  # noqa: S608
    conn.close()
    assert len(rows) == 1, rows
    return str(rows[0][0])


@pytest.fixture(scope="session")
def record_id() -> Callable[..., str]:
    """Return a function: the id of the one record of a table matching a condition."""
    return _record_id


@pytest.fixture(scope="session")
def token() -> str:
    return TOKEN
