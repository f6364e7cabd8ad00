"""The desk's pages as HTML: hostile report text stays text, and pages load only khabar's own files."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

HOSTILE = ("<script>alert(", "<img src=x onerror", "<b>Evil Outlet</b>", 'href="javascript:')


class Tags(HTMLParser):
    """Every start tag of a page with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))


def tags(html: str) -> list[tuple[str, dict[str, str]]]:
    p = Tags()
    p.feed(html)
    return p.tags


def hostile_doc(client: TestClient) -> str:
    docs = client.get("/api/documents", params={"q": "Nerkh"}).json()["documents"]
    (doc,) = [d for d in docs if "<script>" in d["title"]]
    return str(doc["id"])


def pages(client: TestClient) -> list[str]:
    doc = hostile_doc(client)
    return ["/", "/?as_of=2021-07-12", "/events", "/claims", "/quotes", "/reports", "/reports?q=Nerkh",
            f"/reports/{doc}", "/events?q=checkpoint", "/claims?actor=Taliban"]


def test_hostile_report_text_is_escaped_on_every_page(client: TestClient) -> None:
    for url in pages(client):
        r = client.get(url)
        assert r.status_code == 200, (url, r.text)
        html = r.text
        for bad in HOSTILE:
            assert bad not in html, (url, bad)
        for tag, attrs in tags(html):
            assert tag != "img", url
            if tag == "script":
                assert attrs.get("src", "").startswith("/static/") or attrs.get("type") == "application/json", url
            assert not [k for k in attrs if k.startswith("on")], (url, tag, attrs)
            for k in ("href", "src", "action"):
                assert not attrs.get(k, "").strip().lower().startswith("javascript:"), (url, tag, attrs)


def test_the_report_view_shows_the_hostile_text_as_text(client: TestClient) -> None:
    html = client.get(f"/reports/{hostile_doc(client)}").text
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(&#39;img-body&#39;)&gt;" in html


def test_the_report_view_marks_every_record_at_its_span(client: TestClient) -> None:
    docs = client.get("/api/documents", params={"q": "retake"}).json()["documents"]
    doc = client.get(f"/api/documents/{docs[0]['id']}").json()
    html = client.get(f"/reports/{docs[0]['id']}").text
    for kind, rows in doc["records"].items():
        for r in rows:
            assert f'id="r-{r["id"]}"' in html, (kind, r["id"])
    # a control record's words are marked, alone or inside another record's (a claim's sentence)
    assert re.search(r'<mark class="[^"]*\bk-control_changes\b', html)


def test_pages_allow_only_khabars_own_scripts_and_styles(client: TestClient) -> None:
    r = client.get("/")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "default-src 'none'" in csp
    assert "unsafe-inline" not in csp
    for tag, attrs in tags(r.text):
        for k in ("src", "href"):
            v = attrs.get(k, "")
            assert not v.startswith(("http:", "https:", "//")), (tag, v)


@pytest.mark.parametrize("asset", ["/static/map.js", "/static/desk.js", "/static/desk.css", "/theme.css"])
def test_static_files_are_served_by_khabar(client: TestClient, asset: str) -> None:
    assert client.get(asset).status_code == 200


def test_the_events_table_filters_and_links_each_row_to_its_report(client: TestClient) -> None:
    html = client.get("/events", params={"type": "ASSAULT", "place": "Nerkh"}).text
    rows = [a for t, a in tags(html) if t == "tr" and "data-id" in a]
    assert len(rows) == 1
    links = [a["href"] for t, a in tags(html) if t == "a" and a.get("href", "").startswith("/reports/")]
    assert len(links) == 1 and f"hl={rows[0]['data-id']}" in links[0]


def test_an_empty_database_says_how_to_fill_it(tmp_path: Path) -> None:
    from khabar.store import connect
    from khabar.web.app import create_app

    connect(tmp_path / "empty.db").close()
    with TestClient(create_app(tmp_path / "empty.db")) as c:
        assert "khabar ingest" in c.get("/").text


def test_an_html_form_with_empty_fields_filters_on_the_rest(client: TestClient) -> None:
    r = client.get("/events?type=ASSAULT&actor=&place=Nerkh&from=&to=&q=")
    assert r.status_code == 200
    assert len([a for t, a in tags(r.text) if t == "tr" and "data-id" in a]) == 1
    bad = client.get("/api/events", params={"from": "July"})
    assert bad.status_code == 422 and bad.json()["error"] == "from: 'July' is not a date; use YYYY-MM-DD"


def test_each_event_row_links_to_its_event_with_every_source(client: TestClient) -> None:
    api = client.get("/api/records/events", params={"place": "Nerkh"}).json()["records"]
    (row,) = api
    assert row["event_id"].startswith("e-assault-") and row["grade"]
    html = client.get("/events", params={"place": "Nerkh"}).text
    assert f'href="/events/{row["event_id"]}"' in html
    page = client.get(f"/events/{row['event_id']}")
    assert page.status_code == 200
    assert "checkpoint in Nerkh" in page.text and row["grade"] in page.text
    assert f"hl={row['id']}" in page.text
    assert client.get("/events/e-none").json()["status"] == 404


def test_events_filter_on_grade_or_better(client: TestClient) -> None:
    every = client.get("/api/records/events").json()
    best = {r["grade"] for r in every["records"]}
    assert client.get("/api/records/events", params={"grade": "F6"}).json()["total"] == every["total"]
    assert client.get("/api/records/events", params={"grade": "A1"}).json()["total"] == sum(
        1 for g in (r["grade"] for r in every["records"]) if g == "A1")
    assert best  # the rows carry their event's grade
