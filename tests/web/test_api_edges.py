"""The parameters /openapi.json lists are checked at the edge: each value the desk cannot serve is
a 422 in the one JSON error shape naming the parameter, never a 500 (the sweep that found 19)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

BIG = "9999999999999999999999"
OUT_OF_RANGE = "is out of range; give a day from 1000-01-01 to 8999-12-31"


def assert_422(client: TestClient, url: str, message: str) -> None:
    r = client.get(url)
    assert r.status_code == 422, (url, r.status_code, r.text)
    assert r.json() == {"ok": False, "error": message, "status": 422}


@pytest.mark.parametrize("path", ["/api/documents", "/api/records/events", "/api/records/claims",
                                  "/api/records/quotes", "/api/records/control_changes",
                                  "/api/records/assessments", "/api/events", "/api/claims", "/api/quotes",
                                  "/reports", "/events", "/claims", "/quotes"])
def test_an_offset_past_sqlites_integers_is_a_422(client: TestClient, path: str) -> None:
    assert_422(client, f"{path}?offset={BIG}", "offset: Input should be less than or equal to 1000000000")


def test_the_largest_offset_is_an_empty_page(client: TestClient) -> None:
    r = client.get("/api/documents?offset=1000000000")
    assert r.status_code == 200 and r.json()["documents"] == [] and r.json()["total"] == 4


@pytest.mark.parametrize("path", ["/api/events", "/api/records/events", "/events", "/claims"])
@pytest.mark.parametrize("grade", ["Bx", "null", "G2", "B7", "B22"])
def test_a_grade_that_is_no_admiralty_code_is_a_422(client: TestClient, path: str, grade: str) -> None:
    assert_422(client, f"{path}?grade={grade}",
               f"grade: {grade!r} is not an Admiralty grade; give a letter A-F and a digit 1-6, e.g. B2")


@pytest.mark.parametrize("grade", ["B2", "b", "F6", " C3 ", ""])
def test_admiralty_grades_are_taken(client: TestClient, grade: str) -> None:
    assert client.get("/api/events", params={"grade": grade}).status_code == 200


def test_a_timeline_at_the_end_of_the_calendar_is_a_422(client: TestClient) -> None:
    assert_422(client, "/api/timeline?start=9999-12-25&end=9999-12-31",
               f"start: 9999-12-25 {OUT_OF_RANGE}; end: 9999-12-31 {OUT_OF_RANGE}")


@pytest.mark.parametrize("url, name, day", [
    ("/api/control?as_of=9999-12-31", "as_of", "9999-12-31"), ("/api/map?as_of=0001-01-01", "as_of", "0001-01-01"),
    ("/api/control.geojson?as_of=0999-12-31", "as_of", "0999-12-31"),
    ("/api/districts/AF2704?as_of=9000-01-01", "as_of", "9000-01-01"), ("/?as_of=9999-12-31", "as_of", "9999-12-31"),
    ("/api/export/control-9999-12-31.csv", "as_of", "9999-12-31"),
    ("/api/records/events?from=9999-12-31", "from", "9999-12-31"), ("/events?to=0001-01-01", "to", "0001-01-01"),
])
def test_a_day_far_from_any_report_is_a_422(client: TestClient, url: str, name: str, day: str) -> None:
    assert_422(client, url, f"{name}: {day} {OUT_OF_RANGE}")


def test_days_within_the_range_are_served(client: TestClient) -> None:
    assert client.get("/api/timeline?start=2021-07-01&end=2021-07-31").status_code == 200
    assert client.get("/api/control?as_of=8999-12-31").status_code == 200
    assert client.get("/api/records/events?from=1000-01-01&to=8999-12-31").status_code == 200


def test_an_id_echoed_in_an_error_stays_one_line(client: TestClient) -> None:
    r = client.get("/api/documents/a%0Ab")
    assert r.status_code == 404 and r.json()["error"] == "document 'a\\nb': not found"
    assert client.get("/api/documents/abc123").json()["error"] == "document abc123: not found"
