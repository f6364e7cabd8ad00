"""Every error of the desk has one JSON shape; writes need the token."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from khabar.web.app import create_app


def assert_error(r, status: int, message: str) -> None:  # type: ignore[no-untyped-def]
    assert r.status_code == status
    assert r.json() == {"ok": False, "error": message, "status": status}


def test_unknown_path_is_a_json_404(client: TestClient) -> None:
    assert_error(client.get("/api/nothing-here"), 404, "/api/nothing-here: not found")


def test_unknown_document_is_a_json_404(client: TestClient) -> None:
    assert_error(client.get("/api/documents/deadbeef"), 404, "document deadbeef: not found")


def test_bad_date_is_a_json_422_naming_the_parameter(client: TestClient) -> None:
    r = client.get("/api/control", params={"as_of": "15 July"})
    assert r.status_code == 422
    assert r.json()["ok"] is False and r.json()["error"].startswith("as_of: ")


def test_unknown_record_kind_is_a_json_422(client: TestClient) -> None:
    r = client.get("/api/records/rumours")
    assert r.status_code == 422 and r.json()["error"].startswith("kind: ")


def test_a_crash_is_a_json_500(desk_db: Path) -> None:
    app = create_app(desk_db)

    def boom() -> None:
        raise RuntimeError("secret detail")

    app.add_api_route("/api/boom", boom)
    with TestClient(app, raise_server_exceptions=False) as c:
        assert_error(c.get("/api/boom"), 500, "internal error (RuntimeError); see the server log")


REVIEW = {"kind": "control_changes", "action": "reject", "note": "the report is a rumour"}


def test_a_write_without_the_token_is_refused_with_401(writer: TestClient, fresh_db: Path,
                                                      record_id: Callable[..., str]) -> None:
    rid = record_id(fresh_db, "control_changes", "controller = 'government'")
    message = "missing or wrong token; send Authorization: Bearer <token>"
    assert_error(writer.post("/api/review", json={**REVIEW, "record_id": rid}), 401, message)
    bad = {"Authorization": "Bearer not-the-token"}
    assert_error(writer.post("/api/review", json={**REVIEW, "record_id": rid}, headers=bad), 401, message)
    assert writer.get("/api/reviews").json()["reviews"] == []


def test_a_read_only_server_refuses_writes_with_403(client: TestClient, desk_db: Path, token: str,
                                                   record_id: Callable[..., str]) -> None:
    rid = record_id(desk_db, "control_changes", "controller = 'government'")
    r = client.post("/api/review", json={**REVIEW, "record_id": rid},
                    headers={"Authorization": f"Bearer {token}"})
    assert_error(r, 403, "this server is read-only; start khabar serve with --token "
                         "(or KHABAR_TOKEN) to allow reviews")


def test_a_review_with_the_token_changes_control_at_once(writer: TestClient, fresh_db: Path, token: str,
                                                         record_id: Callable[..., str]) -> None:
    auth = {"Authorization": f"Bearer {token}"}
    before = writer.get("/api/map", params={"as_of": "2021-07-25"}).json()["counts"]
    rid = record_id(fresh_db, "control_changes", "controller = 'government'")
    r = writer.post("/api/review", params={"as_of": "2021-07-25"},
                    json={**REVIEW, "record_id": rid, "analyst": "desk test"}, headers=auth)
    assert r.status_code == 201, r.text
    assert r.json()["counts"]["government"] == before["government"] - 1
    after = writer.get("/api/map", params={"as_of": "2021-07-25"}).json()["counts"]
    assert (after["taliban"], after["government"]) == (before["taliban"] + 1, before["government"] - 1)
    (rev,) = writer.get("/api/reviews", params={"record_id": rid}).json()["reviews"]
    assert (rev["action"], rev["note"], rev["analyst"]) == ("reject", "the report is a rumour", "desk test")


def test_a_correction_recolours_the_district(writer: TestClient, fresh_db: Path, token: str,
                                             record_id: Callable[..., str]) -> None:
    auth = {"Authorization": f"Bearer {token}"}
    rid = record_id(fresh_db, "control_changes", "district = 'Nerkh'")
    r = writer.post("/api/review", headers=auth, json={
        "kind": "control_changes", "record_id": rid, "action": "correct",
        "note": "other reports say the district centre held", "fields": {"controller": "contested"}})
    assert r.status_code == 201, r.text
    body = writer.get("/api/control", params={"as_of": "2021-07-13"}).json()
    assert {d["district_id"]: d["controller"] for d in body["districts"]}["AF0402"] == "contested"


@pytest.mark.parametrize(("body", "message"), [
    ({"action": "correct", "note": "n"}, "a correction needs at least one FIELD=VALUE"),
    ({"action": "correct", "note": "n", "fields": {"controller": "martians"}},
     "controller=martians: not allowed; use taliban, nrf, government or contested"),
])
def test_a_bad_review_is_a_json_422_saying_why(writer: TestClient, fresh_db: Path, body: dict,
                                               message: str, token: str,
                                               record_id: Callable[..., str]) -> None:
    rid = record_id(fresh_db, "control_changes", "district = 'Nerkh'")
    r = writer.post("/api/review", headers={"Authorization": f"Bearer {token}"},
                    json={"kind": "control_changes", "record_id": rid, **body})
    assert r.status_code == 422
    assert message in r.json()["error"]


def test_a_loopback_desk_answers_only_its_own_host_names(desk_db: Path) -> None:
    app = create_app(desk_db, allowed_hosts=["127.0.0.1", "localhost"])
    with TestClient(app, base_url="http://127.0.0.1:8000") as c:
        assert c.get("/api/status").status_code == 200
    with TestClient(app, base_url="http://rebound.example") as c:
        assert_error(c.get("/api/status"), 400, "host rebound.example: not served here; use http://127.0.0.1")


def test_serve_refuses_a_missing_database_in_one_line(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from khabar.cli.main import app as cli

    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert result.stderr == f"Error: {tmp_path / 'none.db'}: no such database; run `khabar ingest` or `khabar demo` first\n"


def test_a_rejected_claim_leaves_the_maps_list_of_the_day(writer: TestClient, fresh_db: Path, token: str,
                                                          record_id: Callable[..., str]) -> None:
    day = {"as_of": "2021-07-09"}
    rid = record_id(fresh_db, "claims", "text LIKE '%85 percent%'")
    assert rid in [c["id"] for c in writer.get("/api/map", params=day).json()["claims"]]
    r = writer.post("/api/review", headers={"Authorization": f"Bearer {token}"},
                    json={**REVIEW, "kind": "claims", "record_id": rid})
    assert r.status_code == 201, r.text
    assert rid not in [c["id"] for c in writer.get("/api/map", params=day).json()["claims"]]


def test_the_claims_table_keeps_a_rejected_claim_marked_and_shows_what_was_extracted(
        writer: TestClient, fresh_db: Path, token: str, record_id: Callable[..., str]) -> None:
    auth = {"Authorization": f"Bearer {token}"}
    rid = record_id(fresh_db, "claims", "text LIKE '%85 percent%'")
    claimant = writer.get(f"/api/records/claims/{rid}").json()["record"]["claimant"]
    r = writer.post("/api/review", headers=auth, json={
        "kind": "claims", "record_id": rid, "action": "correct", "note": "a spokesman said it",
        "fields": {"claimant": "Taliban spokesman"}})
    assert r.status_code == 201, r.text
    rec = writer.get(f"/api/records/claims/{rid}").json()["record"]
    assert (rec["claimant"], rec["extracted"], rec["review"]) == (
        "Taliban spokesman", {"claimant": claimant}, "corrected")
    r = writer.post("/api/review", headers=auth, json={**REVIEW, "kind": "claims", "record_id": rid})
    assert r.status_code == 201, r.text
    listed = {c["id"]: c for c in writer.get("/api/claims").json()["records"]}
    assert listed[rid]["review"] == "rejected"  # the table strikes it through; it is not gone
    assert [v["action"] for v in listed[rid]["reviews"]] == ["correct", "reject"]
    assert rid not in [c["id"] for c in writer.get(
        "/api/map", params={"as_of": "2021-07-09"}).json()["claims"]]
