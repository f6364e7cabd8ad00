"""The desk's JSON API as another tool would call it: control by day, records, timeline, exports."""

from __future__ import annotations

import csv
import io

import pyarrow.parquet as pq
from fastapi.testclient import TestClient

PANJWAI = "AF2704"
NERKH = "AF0402"


def state(client: TestClient, day: str, district: str) -> dict:
    body = client.get("/api/control", params={"as_of": day}).json()
    return next(d for d in body["districts"] if d["district_id"] == district)


def test_the_api_answers_with_its_openapi_schema(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    for path in ("/api/documents", "/api/records/{kind}", "/api/events", "/api/control",
                 "/api/control.geojson", "/api/map", "/api/timeline", "/api/review",
                 "/api/export/{table}.{fmt}"):
        assert path in schema["paths"], path


def test_control_as_of_a_day_follows_the_reports(client: TestClient) -> None:
    assert state(client, "2021-07-01", PANJWAI)["controller"] is None
    taken = state(client, "2021-07-10", PANJWAI)
    assert taken["controller"] == "taliban"
    assert "captured the Panjwai district" in taken["observation"]["evidence"]
    assert state(client, "2021-07-25", PANJWAI)["controller"] == "government"


def test_map_data_gives_counts_and_a_colour_per_district_for_the_day(client: TestClient) -> None:
    before = client.get("/api/map", params={"as_of": "2021-07-06"}).json()
    after = client.get("/api/map", params={"as_of": "2021-07-13"}).json()
    assert (before["counts"]["taliban"], after["counts"]["taliban"]) == (1, 2)  # Nerkh falls on the 11th
    assert len(after["controllers"]) == after["counts"]["total"] == 399
    assert after["controllers"].count("taliban") == 2


def test_default_day_is_the_latest_in_the_data(client: TestClient) -> None:
    assert client.get("/api/map").json()["as_of"] == "2021-07-20"


def test_timeline_counts_every_day_of_a_range(client: TestClient) -> None:
    days = client.get("/api/timeline", params={"start": "2021-07-03", "end": "2021-07-20"}).json()["days"]
    assert [d["date"] for d in days][:2] == ["2021-07-03", "2021-07-04"]
    assert len(days) == 18
    by_day = {d["date"]: d for d in days}
    # Panjwai fell "on Sunday" in a report of Monday 5 July
    assert by_day["2021-07-03"]["taliban"] == 0 and by_day["2021-07-04"]["taliban"] == 1
    assert by_day["2021-07-19"]["government"] == 1
    assert by_day["2021-07-12"]["documents"] == 1


def test_records_filter_by_type_actor_place_dates_and_text(client: TestClient) -> None:
    def total(kind: str, **params: str) -> int:
        body = client.get(f"/api/records/{kind}", params=params).json()
        assert body["ok"], body
        return int(body["total"])

    stored = client.get("/api/status").json()["records"]
    assert total("events") == stored["events"] >= 2
    assert 1 <= total("events", type="ASSAULT") < stored["events"]
    assert total("events", place="nerkh") == 1
    assert total("events", actor="Taliban", place="Nerkh") == 1
    assert total("events", **{"from": "2021-07-12", "to": "2021-07-12"}) == 1
    assert total("events", **{"from": "2021-07-13"}) < stored["events"]
    assert total("events", q="checkpoint") == 1
    assert total("claims", type="denies") == 2
    assert total("quotes", q="fighters still") == 1


def test_search_text_is_words_not_query_syntax(client: TestClient) -> None:
    for text in ('"unbalanced', "AND OR NOT (", "*", "nerkh' OR 1=1 --", "NEAR(a b)"):
        r = client.get("/api/records/events", params={"q": text})
        assert r.status_code == 200 and r.json()["ok"], (text, r.text)


def test_a_document_comes_with_its_records_and_their_spans(client: TestClient) -> None:
    docs = client.get("/api/documents", params={"q": "Panjwai retake"}).json()["documents"]
    assert [d["title"] for d in docs] == ["Government forces retake Panjwai"]
    body = client.get(f"/api/documents/{docs[0]['id']}").json()
    text = body["document"]["text"]
    (change,) = body["records"]["control_changes"]
    assert text[change["span_start"]:change["span_end"]] == "Panjwai"


def test_district_history_lists_every_report_of_it(client: TestClient) -> None:
    body = client.get(f"/api/districts/{PANJWAI}", params={"as_of": "2021-07-25"}).json()
    assert [(h["effective"], h["controller"], h["outlet"]) for h in body["history"]] == [
        ("2021-07-04", "taliban", "Test Wire"), ("2021-07-19", "government", "Desk Herald")]
    assert body["state"]["controller"] == "government"


def test_geojson_layer_has_every_district_with_its_state(client: TestClient) -> None:
    r = client.get("/api/control.geojson", params={"as_of": "2021-07-13"})
    assert r.headers["content-type"].startswith("application/geo+json")
    fc = r.json()
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == 399
    props = {f["id"]: f["properties"] for f in fc["features"]}
    assert props[NERKH]["controller"] == "taliban"


def test_every_table_exports_as_csv_and_parquet(client: TestClient) -> None:
    for table in ("documents", "control_changes", "events", "claims", "quotes", "assessments", "overrides"):
        n = client.get("/api/status").json()["records"].get(table)
        rows = list(csv.DictReader(io.StringIO(client.get(f"/api/export/{table}.csv").text)))
        parquet = pq.read_table(io.BytesIO(client.get(f"/api/export/{table}.parquet").content))
        assert parquet.num_rows == len(rows), table
        if n is not None:
            assert len(rows) == n, table
    events = list(csv.DictReader(io.StringIO(client.get("/api/export/events.csv").text)))
    assert {"id", "type", "evidence", "span_start"} <= set(events[0])


def test_control_as_csv_for_a_day(client: TestClient) -> None:
    rows = list(csv.DictReader(io.StringIO(client.get("/api/export/control-2021-07-13.csv").text)))
    assert len(rows) == 399
    assert {r["district_id"]: r["controller"] for r in rows}[NERKH] == "taliban"


def test_claims_with_a_number_are_checked_against_control_of_their_day(client: TestClient) -> None:
    body = client.get("/api/claims/check").json()
    (check,) = body["checks"]
    assert check["claim"]["claimant"] == "Taliban"
    assert check["measure"] and check["verdict"] in ("consistent", "overstated", "understated",
                                                     "not checkable")
    assert "85" in check["headline"] and "2021-07-09" in check["headline"]
