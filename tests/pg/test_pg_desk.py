"""The desk over a PostgreSQL store answers as over SQLite: every JSON read of the API, a review
written through it, the exports. The stores hold the desk tests' own short reports."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from khabar.extract.pipeline import Extractor
from khabar.jobs import ingest
from khabar.store import connect
from khabar.web.app import create_app

REPORTS = Path(__file__).parents[1] / "web" / "desk_reports.jsonl"
TOKEN = "pg-token-7d1e"
STAMPS = ("ingested_at", "extracted_at", "created_at", "applied_at")


@pytest.fixture(scope="module")
def desks(pg_server: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, TestClient]]:
    """One desk (with a token) per engine over the same reports."""
    database = pg_server.test_database.split("/")[3].split("?")[0]
    targets = {"sqlite": str(tmp_path_factory.mktemp("desk") / "khabar.db"),
               "postgresql": pg_server.fresh_schema(database)}
    clients = {}
    for engine, target in targets.items():
        conn = connect(target)
        rep = ingest(conn, [str(REPORTS)], Extractor(mode="fast"), processes=1)
        assert rep.new == 4 and not rep.errors, rep.errors
        conn.close()
        clients[engine] = TestClient(create_app(target, token=TOKEN), raise_server_exceptions=False)
    yield clients
    for c in clients.values():
        c.close()


def scrub(value: Any) -> Any:
    """A JSON answer without the times of storing (each store stored at its own moment)."""
    if isinstance(value, dict):
        return {k: scrub(v) for k, v in value.items() if k not in STAMPS}
    if isinstance(value, list):
        return [scrub(v) for v in value]
    return value


def get_both(desks: dict[str, TestClient], url: str) -> Any:
    answers = {engine: c.get(url) for engine, c in desks.items()}
    for engine, r in answers.items():
        assert r.status_code == 200, (engine, url, r.text[:300])
    lite, pg = (scrub(answers[e].json()) for e in ("sqlite", "postgresql"))
    assert pg == lite, url
    return lite


READS = ["/api/documents", "/api/documents?q=Panjwai", "/api/documents?q=doha%20meet", "/api/events",
         "/api/claims", "/api/quotes", "/api/event-clusters", "/api/control?as_of=2021-07-10",
         "/api/control?as_of=2021-07-25", "/api/control.geojson?as_of=2021-07-21", "/api/map?as_of=2021-07-21",
         "/api/timeline?start=2021-07-01&end=2021-07-31", "/api/claims/check", "/api/reviews",
         "/api/events?q=meeting", "/api/claims?actor=taliban", "/api/records/control_changes?place=panj",
         "/api/records/control_changes?from=2021-07-15&to=2021-07-31", "/api/records/assessments",
         "/api/records/quotes?q=said&limit=2&offset=1"]


def test_every_json_read_is_the_same(desks: dict[str, TestClient]) -> None:
    for url in READS:
        get_both(desks, url)
    docs = get_both(desks, "/api/documents")
    doc_ids = [d["id"] for d in docs["documents"]]
    assert len(doc_ids) == 4
    for doc_id in doc_ids:
        get_both(desks, f"/api/documents/{doc_id}")
    for table in ("documents", "control_changes", "events", "claims", "quotes"):
        lite, pg = (desks[e].get(f"/api/export/{table}.csv") for e in ("sqlite", "postgresql"))
        assert lite.status_code == pg.status_code == 200
        if table != "documents":  # (documents carry the time each store took them in)
            assert pg.text == lite.text, table


def test_a_review_through_the_desk_changes_the_same_answers(desks: dict[str, TestClient]) -> None:
    before = get_both(desks, "/api/control?as_of=2021-07-10")
    changes = get_both(desks, "/api/records/control_changes")
    rid = changes["records"][0]["id"]
    for c in desks.values():
        r = c.post("/api/review", headers={"Authorization": f"Bearer {TOKEN}"},
                   json={"kind": "control_changes", "record_id": rid, "action": "reject", "note": "one source"})
        assert r.status_code == 201, r.text
    after = get_both(desks, "/api/control?as_of=2021-07-10")
    assert after != before
    assert [r["action"] for r in get_both(desks, "/api/reviews")["reviews"]] == ["reject"]
