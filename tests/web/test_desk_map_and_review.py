"""The desk as issue 14 items 5, 6 and 13 ask: read-only pages without review controls, the map's
geometry served once and cached, an event layer for the chosen day, published counts listed once,
a review answered with the counts of the day it changes, a claim-check page, and a report page that
lists the records derived from its claims, each reviewable on its own."""

from __future__ import annotations

import json
import re
from pathlib import Path

from fastapi.testclient import TestClient

from khabar.extract.pipeline import Extractor
from khabar.jobs import ingest
from khabar.store import connect
from khabar.web.app import create_app
from khabar.web.routers.api import once_each


def test_a_read_only_desk_shows_no_review_controls(client: TestClient) -> None:
    docs = client.get("/api/documents").json()["documents"]
    for url in ["/", "/events", "/claims", "/quotes", "/claims/check", *(f"/reports/{d['id']}" for d in docs)]:
        html = client.get(url).text
        assert '<form class="review"' not in html, url
        assert 'id="token"' not in html and "read-only" in html, url
        assert "<th>Review</th>" not in html, url
    data = json.loads(re.search(r'<script type="application/json" id="desk-data">(.*?)</script>',
                                client.get("/").text, re.S)[1])
    assert data["writable"] is False  # map.js draws no review form in the district panel


def test_a_desk_with_a_token_shows_them(writer: TestClient) -> None:
    html = writer.get("/events").text
    assert '<form class="review"' in html and "<th>Review</th>" in html and 'id="token"' in html


def test_the_map_page_leaves_the_geometry_to_one_cached_file(client: TestClient) -> None:
    page = client.get("/?as_of=2021-07-12")
    assert "<path" not in page.text and len(page.content) < 60_000
    url = json.loads(re.search(r'id="desk-data">(.*?)</script>', page.text, re.S)[1])["geometry"]
    assert url.startswith("/map.svg?v=")
    svg = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert svg.headers["content-type"] == "image/svg+xml"
    assert "immutable" in svg.headers["cache-control"] and svg.headers["content-encoding"] == "gzip"
    assert svg.text.startswith('<svg xmlns="http://www.w3.org/2000/svg" ')
    assert len(re.findall(r'<path data-i="\d+" class="c-no_reports"', svg.text)) == 399  # coloured by /api/map
    again = client.get(url, headers={"If-None-Match": svg.headers["etag"]})
    assert again.status_code == 304 and not again.content
    # the same URL for every day: one download
    other = client.get("/?as_of=2021-07-20").text
    assert url in other


def test_the_event_layer_of_a_day(client: TestClient) -> None:
    layer = client.get("/api/map?as_of=2021-07-12").json()["event_layer"]
    assert [m["district"] for m in layer] == ["Nerkh"]
    nerkh = layer[0]
    assert nerkh["quad"] == 4 and isinstance(nerkh["x"], float) and isinstance(nerkh["i"], int)
    (event,) = nerkh["events"]
    assert event["plover"] == "ASSAULT" and event["actors"] == ["Taliban"]
    assert client.get(event["url"]).status_code == 200 and event["url"].startswith("/events/e-assault-")
    assert client.get("/api/map?as_of=2021-07-13").json()["event_layer"] == []  # the next day: none


def test_a_published_count_from_two_reports_is_listed_once() -> None:
    rows = [
        {"id": "a1", "document_id": "d1", "assessor": "The Long War Journal", "controller": "taliban",
         "count": 215, "of_total": 421, "as_of": "2021-07-10"},
        {"id": "a2", "document_id": "d2", "assessor": "the Long War Journal ", "controller": "taliban",
         "count": 215, "of_total": 421, "as_of": "2021-07-10"},
        {"id": "a3", "document_id": "d3", "assessor": "The Long War Journal", "controller": "taliban",
         "count": 223, "of_total": 421, "as_of": "2021-07-13"},
    ]
    out = once_each(rows)
    assert [(r["count"], r["reports"], r["document_ids"]) for r in out] == [(215, 2, ["d1", "d2"]),
                                                                             (223, 1, ["d3"])]


def test_a_review_answers_with_the_counts_of_the_day_it_changes(writer: TestClient, fresh_db: Path,
                                                                 record_id, token: str) -> None:  # type: ignore[no-untyped-def]
    taken = record_id(fresh_db, "control_changes", "district = ? AND date = ?", "Panjwai", "2021-07-04")
    auth = {"Authorization": f"Bearer {token}"}
    r = writer.post("/api/review", headers=auth, json={"kind": "control_changes", "record_id": taken,
                                                        "action": "reject", "note": "a rumour"})
    assert r.status_code == 201
    body = r.json()
    assert body["as_of"] == "2021-07-04" and body["headline"].endswith("as of 2021-07-04")
    assert body["counts"]["taliban"] == 0  # the day it changes, without the rejected record
    r = writer.post("/api/review", headers=auth, json={"kind": "control_changes", "record_id": taken,
                                                        "action": "correct", "fields": {"date": "2021-07-06"},
                                                        "note": "the next report's day"})
    assert r.json()["as_of"] == "2021-07-06" and r.json()["counts"]["taliban"] == 1
    # a day given wins
    r = writer.post("/api/review?as_of=2021-07-20", headers=auth,
                    json={"kind": "control_changes", "record_id": taken, "action": "confirm", "note": "checked"})
    assert r.json()["as_of"] == "2021-07-20"


def test_the_claim_check_page(client: TestClient) -> None:
    html = client.get("/claims/check").text
    api = client.get("/api/claims/check").json()
    assert len(re.findall(r'<tr data-id="', html)) == len(api["checks"]) + len(api["denials"])
    assert "85 percent" in html
    for c in api["checks"]:
        assert c["verdict"] in html
    # a denial's text is the report's, escaped
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(&#39;img-claim&#39;)&gt;" in html


DENIAL = {"title": "Ministry says Arghandab holds", "outlet": "Derived Test Post",
          "url": "https://derivedtest.example/arghandab", "published": "2021-07-12",
          "text": "KANDAHAR, July 12 (Derived Test Post) - The defence ministry on Monday denied that Arghandab "
                  "district of Kandahar province had fallen to the Taliban.\n\nA provincial spokesman also denied "
                  "that Khakrez district had been overrun."}


def test_the_report_page_lists_records_derived_from_its_claims_each_reviewable(
        fresh_db: Path, tmp_path: Path, token: str) -> None:
    src = tmp_path / "denial.jsonl"
    src.write_text(json.dumps(DENIAL) + "\n", encoding="utf-8")
    conn = connect(fresh_db)
    assert ingest(conn, [str(src)], Extractor(mode="fast")).new == 1
    conn.close()
    with TestClient(create_app(fresh_db, token=token), raise_server_exceptions=False) as c:
        doc = next(d for d in c.get("/api/documents").json()["documents"] if d["outlet"] == "Derived Test Post")
        both = c.get(f"/api/documents/{doc['id']}").json()["derived"]
        assert sorted(d["district"] for d in both) == ["Arghandab", "Khakrez"]
        derived, other = sorted(both, key=lambda d: d["district"])
        claim_id = derived["claim_id"]
        assert derived["id"] == f"{claim_id}-{derived['district_id']}" and derived["district"] == "Arghandab"
        assert derived["controller"] == "government" and derived["review"] is None
        html = c.get(f"/reports/{doc['id']}").text
        assert f'data-id="{derived["id"]}"' in html and f"<code>{derived['id']}</code>" in html
        assert f'<form class="review" data-kind="control_changes" data-id="{derived["id"]}"' in html
        auth = {"Authorization": f"Bearer {token}"}
        r = c.post("/api/review", headers=auth, json={"kind": "control_changes", "record_id": derived["id"],
                                                       "action": "reject", "note": "the ministry was wrong"})
        assert r.status_code == 201 and r.json()["as_of"] == "2021-07-12"
        assert derived_review(c, doc["id"], derived["id"]) == "rejected"
        assert "rev-rejected" in c.get(f"/reports/{doc['id']}").text
        # the claim itself is untouched: only the derived record was reviewed
        assert c.get(f"/api/records/claims/{claim_id}").json()["record"]["review"] is None
        # a claim rejected: its derived record without a review of its own goes with it, as compile has it
        c.post("/api/review", headers=auth, json={"kind": "control_changes", "record_id": derived["id"],
                                                   "action": "confirm", "note": "on second thought"})
        assert derived_review(c, doc["id"], derived["id"]) == "confirmed"
        for cid in (claim_id, other["claim_id"]):
            assert c.post("/api/review", headers=auth, json={"kind": "claims", "record_id": cid, "action": "reject",
                                                             "note": "misread"}).status_code == 201
        assert derived_review(c, doc["id"], derived["id"]) == "confirmed"  # its own review wins
        assert derived_review(c, doc["id"], other["id"]) == "rejected"  # none of its own: its claim's


def derived_review(c: TestClient, document_id: str, record_id: str) -> str | None:
    rows = c.get(f"/api/documents/{document_id}").json()["derived"]
    return next(d["review"] for d in rows if d["id"] == record_id)  # type: ignore[no-any-return]


def test_the_desk_answers_gzip_when_asked(client: TestClient) -> None:
    r = client.get("/api/export/events.plover.jsonl", headers={"Accept-Encoding": "gzip"})
    lines = r.text.splitlines()
    assert lines and all(json.loads(line)["event"] for line in lines)
    assert r.headers.get("content-encoding") == "gzip"
    raw = client.get("/map.svg", headers={"Accept-Encoding": "gzip"})
    assert raw.headers.get("content-encoding") == "gzip" and raw.text.startswith("<svg")


def test_the_desk_shows_the_databases_own_theatre(tmp_path: Path) -> None:
    """`khabar serve --db` of a Myanmar database without --theatre drew Afghanistan's districts."""
    src = tmp_path / "mm.jsonl"
    src.write_text(json.dumps({
        "title": "Town falls", "outlet": "Theatre Test Wire", "published": "2024-01-15",
        "text": "YANGON, Jan 15 (Theatre Test Wire) - The Arakan Army captured Paletwa township in Chin State "
                "on Sunday, residents said."}) + "\n", encoding="utf-8")
    db = tmp_path / "mm.db"
    conn = connect(db)
    assert ingest(conn, [str(src)], Extractor("myanmar_2021_24", mode="fast")).new == 1
    conn.close()
    with TestClient(create_app(db)) as c:
        assert c.get("/api/status").json()["theatre"] == "myanmar_2021_24"
        assert "Find a township" in c.get("/").text
        assert "MMR" in c.get("/api/control").json()["districts"][0]["district_id"]
    with TestClient(create_app(db, "afghanistan_2021")) as c:  # a theatre given wins
        assert c.get("/api/status").json()["theatre"] == "afghanistan_2021"
