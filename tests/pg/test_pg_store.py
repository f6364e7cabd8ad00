"""What only the PostgreSQL store has: the --db value that keeps a URL whole, a password never
printed, an analyst's role that may only read and write rows."""

from __future__ import annotations

from pathlib import Path

import psycopg

from khabar.extract.pipeline import Extractor
from khabar.jobs import ingest
from khabar.store import connect
from khabar.store import records as store
from khabar.store.overrides import save_override
from khabar.store.pg import DbUrl, db_value, shown
from khabar.store.search import search

SAMPLES = Path(__file__).parents[1] / "samples"


def test_a_db_value_keeps_a_url_whole_and_masks_its_password() -> None:
    url = "postgresql://ana:pa55@db.example:5433/khabar?sslmode=require"
    value = db_value(url)
    assert isinstance(value, DbUrl) and str(value) == url and value.exists()
    assert f"into {value}" == "into postgresql://ana:***@db.example:5433/khabar?sslmode=require"
    assert shown("postgres:///khabar?host=/run/postgresql") == "postgres:///khabar?host=/run/postgresql"
    assert db_value("khabar.db") == Path("khabar.db")
    assert db_value("postgresql:///x") == "postgresql:///x"  # Path would have made it postgresql:/x


def test_an_analyst_who_may_only_read_and_write_rows_can_use_a_made_store(pg_url: str) -> None:
    """The tables are made once by their owner; analysts' roles need no right to create."""
    owner = connect(pg_url)
    schema = owner.execute("SELECT current_schema()").fetchone()[0]
    role = f"analyst_{schema}"
    for stmt in (f'CREATE ROLE "{role}" LOGIN', f'GRANT USAGE ON SCHEMA "{schema}" TO "{role}"',
                 f'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "{schema}" TO "{role}"',
                 f'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA "{schema}" TO "{role}"',
                 f'REVOKE CREATE ON SCHEMA "{schema}" FROM PUBLIC'):
        owner.execute(stmt)
    analyst_url = pg_url.replace("postgresql://khabar@", f"postgresql://{role}@")
    analyst = connect(analyst_url)
    try:
        analyst.execute("CREATE TABLE nope (x int)")
        raise AssertionError("the analyst's role may create tables")
    except psycopg.errors.InsufficientPrivilege:
        pass
    rep = ingest(analyst, [str(SAMPLES / "several_districts.txt")], Extractor(mode="fast"), processes=1)
    assert rep.new == 1
    rid = store.records_of(analyst, "control_changes")[0]["id"]
    assert save_override(analyst, "control_changes", rid, "confirm", "seen") >= 1
    assert search(analyst, "documents", "district") == [r[0] for r in owner.execute("SELECT id FROM documents")]
    assert [r["review"] for r in store.records_of(owner, "control_changes") if r["id"] == rid] == ["confirmed"]
