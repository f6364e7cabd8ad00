"""The desk's district panel says "held as of" for a district a round-up names, never "since"
that day, and shows the denial that makes a district contested, with the record id `review` takes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from khabar.extract.pipeline import Extractor
from khabar.jobs import ingest
from khabar.store import connect
from tests.browser import test_desk_in_chromium as base
from tests.browser.test_desk_in_chromium import Server, choose_district, open_map, shot

pytestmark = pytest.mark.browser
browser, page = base.browser, base.page  # the same Chromium and page fixtures

# our own wording: a capture, a ministry's denial of it in another outlet, and a round-up
REPORTS = [
    {"title": "Border town taken", "outlet": "Indus Herald", "published": "2021-07-14",
     "text": "Taliban fighters captured the Spin Boldak district of Kandahar province on Wednesday, "
             "border officials said."},
    {"title": "Ministry rejects reports", "outlet": "Watan State Bulletin", "published": "2021-07-14",
     "text": "The defence ministry on Wednesday denied reports that the Spin Boldak district of Kandahar "
             "province had fallen to the Taliban."},
    {"title": "Where the districts stand", "outlet": "Kabul Ledger", "published": "2021-08-17",
     "text": "In Kandahar province, Khakrez, Ghorak and Nesh were in Taliban hands on August 15."},
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("held")
    src = folder / "reports.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in REPORTS), encoding="utf-8")
    db = folder / "khabar.db"
    conn = connect(db)
    assert ingest(conn, [str(src)], Extractor(mode="fast")).new == 3
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    s = Server(Path(db))
    yield s
    s.stop()


def test_the_panel_shows_the_denial_and_the_holding(page, server: Server) -> None:  # type: ignore[no-untyped-def]
    open_map(page, server, "2021-07-16")
    choose_district(page, "Spin Boldak")
    detail = page.inner_text("#detail")
    assert "Contested" in detail and "Disputed by a denial (Watan State Bulletin, record " in detail
    assert "denied reports that the Spin Boldak district" in page.inner_text("#detail .denial")
    shot(page, "district-denied")
    open_map(page, server, "2021-08-17")
    choose_district(page, "Khakrez")
    badge = page.inner_text("#detail .badge")
    assert badge == "Taliban held as of 2021-08-15, since unknown", badge
    shot(page, "district-held-as-of")
