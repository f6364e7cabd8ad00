"""The desk's map in Chromium: the event layer of the chosen day (a marker where the events are, a
list of them on a click, a toggle), district names at the country's zoom, and a review's answer
giving the counts of the day the reviewed record speaks of."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from khabar.extract.pipeline import Extractor
from khabar.jobs import ingest
from khabar.store import connect
from tests.browser import test_desk_in_chromium as base
from tests.browser.test_desk_in_chromium import Server, check_inert, choose_district, open_map, shot

pytestmark = pytest.mark.browser
browser, page = base.browser, base.page  # the same Chromium and page fixtures
TOKEN = "events-layer-token-7d1"

# our own wording: an attack with rockets (its sentence hostile), a capture, a meeting abroad
REPORTS = [
    {"title": "Rockets hit Nerkh", "outlet": "Plover Test Wire", "published": "2021-07-14",
     "url": "https://plovertest.example/nerkh",
     "text": "MAIDAN SHAHR, July 14 (Plover Test Wire) - Taliban fighters attacked the Nerkh district centre "
             "with rockets on Tuesday <img src=x onerror=alert('event')>, a police spokesman said."},
    {"title": "Panjwai falls", "outlet": "Desk Herald", "published": "2021-07-05",
     "text": "KANDAHAR, July 5 (Desk Herald) - The Taliban captured the Panjwai district of Kandahar province "
             "on Sunday, officials said."},
    {"title": "Envoys meet", "outlet": "Gulf Ledger", "published": "2021-07-16",
     "text": "DOHA, July 16 (Gulf Ledger) - Taliban negotiators met a government delegation in Doha on "
             "Thursday, both sides said."},
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("events")
    src = folder / "reports.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in REPORTS), encoding="utf-8")
    db = folder / "khabar.db"
    conn = connect(db)
    assert ingest(conn, [str(src)], Extractor(mode="fast")).new == 3
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    s = Server(Path(db), token=TOKEN)
    yield s
    s.stop()


def test_the_event_layer_of_a_day(page, server: Server) -> None:  # type: ignore[no-untyped-def]
    open_map(page, server, "2021-07-13")
    marker = page.locator("#evlayer .evm")
    assert marker.count() == 1 and page.inner_text("#ev-n") == "(1)"
    assert "q4" in (marker.get_attribute("class") or "")  # fighting: the diamond
    shot(page, "events-layer")
    marker.click(force=True)
    pop = page.locator("#evpop")
    assert pop.is_visible()
    text = pop.inner_text()
    assert "Nerkh" in text and "ASSAULT" in text and "Taliban" in text
    href = page.get_attribute("#evpop a", "href") or ""
    assert href.startswith("/events/e-assault-")
    shot(page, "events-popup")
    check_inert(page, "map with the event list")
    page.keyboard.press("Escape")
    assert not pop.is_visible()
    page.uncheck("#ev-toggle")
    assert not marker.is_visible()
    page.check("#ev-toggle")
    assert marker.is_visible()
    marker.click(force=True)
    page.click("#evpop a")
    page.wait_for_selector("#sources")
    assert "Nerkh district centre" in page.inner_text("#sources")
    assert page.dialogs == [] and page.errors == []
    # the next day has no events: no marker
    open_map(page, server, "2021-07-14")
    assert page.locator("#evlayer .evm").count() == 0 and page.inner_text("#ev-n") == "(0)"


VISIBLE_LABELS = """() => {
  const paths = document.querySelectorAll('#districts path');
  const order = JSON.parse(document.getElementById('desk-data').textContent).labelOrder;
  const out = [];
  document.querySelectorAll('#dlabels text').forEach((t, k) => {
    if (t.getAttribute('visibility') === 'hidden' || getComputedStyle(t.parentNode).display === 'none') return;
    const b = t.getBoundingClientRect(), p = paths[order[k]].getBoundingClientRect();
    out.push({name: t.textContent, l: b.left, r: b.right, t: b.top, b: b.bottom, pw: p.width, h: b.height});
  });
  return out;
}"""


def test_district_names_at_the_countrys_zoom(page, server: Server) -> None:  # type: ignore[no-untyped-def]
    open_map(page, server, "2021-07-13")
    labels = page.evaluate(VISIBLE_LABELS)
    assert len(labels) > 40, len(labels)  # before: none at this zoom
    assert all(x["r"] - x["l"] <= x["pw"] for x in labels)  # each fits across its district
    assert all(x["h"] >= 9 for x in labels)  # legible: 9 px or more
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            assert a["r"] <= b["l"] or b["r"] <= a["l"] or a["b"] <= b["t"] or b["b"] <= a["t"], (a, b)
    shot(page, "country-labels")
    for _ in range(3):
        page.click("#zin")
    zoomed = page.evaluate(VISIBLE_LABELS)
    assert zoomed and {x["name"] for x in zoomed} - {x["name"] for x in labels}  # more names when closer


def test_a_review_says_the_counts_of_the_day_it_changes(page, server: Server) -> None:  # type: ignore[no-untyped-def]
    open_map(page, server, "2021-07-16")
    page.fill("#token", TOKEN)
    choose_district(page, "Panjwai")
    form = page.locator("#detail .obs form.review").first
    form.locator("select[name=action]").select_option("reject")
    form.locator("input[name=note]").fill("checked with a second outlet")
    form.locator("button[type=submit]").click()
    page.wait_for_selector("#review-said:not([hidden])")
    said = page.inner_text("#review-said")
    # Panjwai was taken on 07-04: the answer gives that day's counts, not the latest day's
    assert said.startswith("Saved (reject) ") and said.endswith("as of 2021-07-04"), said
    assert "no reports 399" in said
    page.wait_for_selector("#detail .obs.rev-rejected")  # the panel, drawn again, strikes it through
    assert page.inner_text("#counts-day") == "2021-07-16"
    shot(page, "review-feedback")
