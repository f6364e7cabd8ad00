"""The desk shows a baseline's word: the district badge says "per SOURCE baseline as of DATE, since unknown", the
map draws the districts resting on a baseline lighter, and a report after its day takes the district back."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from khabar.compile.baseline import read_baseline, save_baseline
from khabar.extract.pipeline import Extractor
from khabar.jobs import ingest
from khabar.store import connect
from khabar.theatres.loader import load
from tests.browser import test_desk_in_chromium as base
from tests.browser.test_desk_in_chromium import Server, choose_district, open_map, shot

pytestmark = pytest.mark.browser
browser, page = base.browser, base.page  # the same Chromium and page fixtures

# our own wording: a retaking before the baseline's day, a capture after it
REPORTS = [
    {"title": "Troops back in Maiwand", "outlet": "Indus Herald", "published": "2021-07-05",
     "text": "Afghan forces retook Maiwand district of Kandahar province on Monday, provincial officials said."},
    {"title": "Arghandab overrun", "outlet": "Kabul Ledger", "published": "2021-07-14",
     "text": "Taliban fighters captured the Arghandab district of Kandahar province on Wednesday, officials said."},
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("baseline")
    src = folder / "reports.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in REPORTS), encoding="utf-8")
    db = folder / "khabar.db"
    conn = connect(db)
    assert ingest(conn, [str(src)], Extractor(mode="fast")).new == 2
    th = load("afghanistan_2021")
    csv = folder / "lwj.csv"
    csv.write_text("district,province,controller\nMaiwand,Kandahar,Taliban\nArghandab,Kandahar,Government\n",
                   encoding="utf-8")
    parsed = read_baseline(csv, th)
    assert parsed.problems == []
    save_baseline(conn, th, "lwj", "Long War Journal", date(2021, 7, 10), "B2", parsed.entries)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    s = Server(Path(db))
    yield s
    s.stop()


def test_the_desk_shows_the_baseline_until_a_report_moves_it(page, server: Server) -> None:  # type: ignore[no-untyped-def]
    open_map(page, server, "2021-07-12")
    assert page.locator("#districts path.baseline").count() == 2
    choose_district(page, "Maiwand")
    badge = page.inner_text("#detail .badge")
    assert badge == "Taliban per Long War Journal baseline as of 2021-07-10, since unknown", badge
    assert "grade B2, high confidence, baseline lwj behind it" in page.inner_text("#detail")
    shot(page, "district-baseline")
    open_map(page, server, "2021-07-14")
    assert page.locator("#districts path.baseline").count() == 1  # Arghandab: the capture of 07-14 moved it
    choose_district(page, "Arghandab (Kandahar)")
    badge = page.inner_text("#detail .badge")
    assert badge == "Taliban since 2021-07-14", badge
    assert page.errors == []
