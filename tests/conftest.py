"""Shared by every test: the limits of reading (`khabar.ingest.limits`) are process-wide, and a
command run in this process (CliRunner) sets them; each test starts from the environment's."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from khabar.ingest import limits


@pytest.fixture(autouse=True)
def _fresh_limits() -> Iterator[None]:
    limits.reset()
    yield
    limits.reset()


# --- Both store engines (SQLite and PostgreSQL) --------------------------------------------------
# `engine` runs a test once per engine; `make_url` makes fresh empty stores (a SQLite file, or a
# schema of the session's PostgreSQL database) and `store_url` is one of them: what `--db` takes.
# The PostgreSQL server (tests/pgserver.py) starts with the first test that needs it and stops at
# the end of the session; if it cannot start, those tests fail saying why (they are not skipped).

ENGINES = ("sqlite", "postgresql")


@pytest.fixture(scope="session")
def pg_server() -> Iterator[object]:
    from tests.pgserver import PgServer, PgUnavailable

    try:
        server = PgServer()
    except PgUnavailable as e:
        pytest.fail(f"PostgreSQL for the store tests: {e}", pytrace=False)
    try:
        server.start()
        server.test_database = server.create_database("khabar_test")  # type: ignore[attr-defined]
    except Exception as e:  # noqa: BLE001 - any failure to start is the same failure
        server.stop()
        pytest.fail(f"PostgreSQL for the store tests could not start: {e}", pytrace=False)
    yield server
    server.stop()


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def make_url(engine: str, tmp_path_factory: pytest.TempPathFactory,
             request: pytest.FixtureRequest) -> Callable[[], str]:
    """Return a function making a fresh empty store of the test's engine, as a --db value."""
    if engine == "sqlite":
        folder = tmp_path_factory.mktemp("store")
        made = iter(range(1, 1000))
        return lambda: str(folder / f"khabar{next(made)}.db")
    server = request.getfixturevalue("pg_server")
    database = server.test_database.split("/")[3].split("?")[0]
    return lambda: str(server.fresh_schema(database))


@pytest.fixture
def pg_url(pg_server: object) -> str:
    """A fresh empty PostgreSQL store's URL (for what only PostgreSQL has)."""
    database = pg_server.test_database.split("/")[3].split("?")[0]  # type: ignore[attr-defined]
    return str(pg_server.fresh_schema(database))  # type: ignore[attr-defined]


@pytest.fixture
def store_url(make_url: Callable[[], str]) -> str:
    """A fresh empty store's --db value: a SQLite file path or a postgresql:// URL."""
    return make_url()
