"""Baselines through the API: imported with the token (all or nothing, one line per bad row), listed, shown on a
district ("per SOURCE baseline as of DATE"), removed; refused without the token."""

from __future__ import annotations

from fastapi.testclient import TestClient

CSV = "district,controller\nMaiwand,Taliban\nAF0101,Government\n"
AUTH = {"Authorization": "Bearer test-token-5f2c"}


def test_import_show_and_remove_a_baseline(writer: TestClient) -> None:
    body = {"csv": CSV, "as_of": "2021-05-02", "source": "Long War Journal", "grade": "B2"}
    assert writer.post("/api/baselines", json=body).status_code == 401  # no token
    bad = writer.post("/api/baselines", json={**body, "csv": CSV + "Atlantis,Taliban\n"}, headers=AUTH)
    assert bad.status_code == 422
    assert "(request): line 4: 'Atlantis': no such district" in bad.text
    assert writer.get("/api/baselines").json()["baselines"] == []  # all or nothing
    r = writer.post("/api/baselines", json=body, headers=AUTH)
    assert r.status_code == 201, r.text
    assert (r.json()["name"], r.json()["districts"]) == ("long-war-journal-2021-05-02", 2)
    assert writer.post("/api/baselines", json=body, headers=AUTH).status_code == 409
    (b,) = writer.get("/api/baselines").json()["baselines"]
    assert (b["source"], b["as_of"], b["grade"], b["by_controller"]) == (
        "Long War Journal", "2021-05-02", "B2", {"government": 1, "taliban": 1})
    d = writer.get("/api/districts/AF0101", params={"as_of": "2021-05-03"}).json()
    assert d["baseline"]["text"] == "per Long War Journal baseline as of 2021-05-02"
    m = writer.get("/api/map", params={"as_of": "2021-05-03"}).json()  # the map draws these lighter
    assert sorted(m["controllers"][i] for i in m["baseline"]) == ["government", "taliban"]
    assert writer.get("/api/map", params={"as_of": "2021-05-01"}).json()["baseline"] == []
    assert (d["state"]["controller"], d["state"]["since"], d["state"]["held_as_of"]) == (
        "government", None, "2021-05-02")
    r = writer.delete("/api/baselines/long-war-journal-2021-05-02", headers=AUTH)
    assert r.status_code == 200 and r.json()["removed"]["districts"] == 2
    d = writer.get("/api/districts/AF0101", params={"as_of": "2021-05-03"}).json()
    assert d["baseline"] is None and d["state"]["controller"] != "government"
    assert writer.delete("/api/baselines/long-war-journal-2021-05-02", headers=AUTH).status_code == 404


def test_a_read_only_desk_lists_but_refuses_imports(client: TestClient) -> None:
    assert client.get("/api/baselines").json() == {"ok": True, "baselines": []}
    r = client.post("/api/baselines", json={"csv": CSV, "as_of": "2021-05-02", "source": "X"})
    assert r.status_code == 403
