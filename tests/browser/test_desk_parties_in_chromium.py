"""The desk on a theatre of several parties and a coalition (the invented theatre of
tests/theatres/conftest.py), in Chromium: the legend lists every party with the coalition's members
under it, the counts and the headline the page computes for a day are the server's, and the map
colours a county by the member that holds it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from khabar.compile.sides import Sides
from khabar.extract.pipeline import Extractor
from khabar.jobs import compile_control, ingest
from khabar.store import connect
from khabar.theatres.loader import load
from tests.browser.test_desk_in_chromium import Server, browser, open_map, page, shot  # noqa: F401 (fixtures)
from tests.theatres.conftest import REPORTS, write_theatre

pytestmark = pytest.mark.browser
DAY = "2031-03-12"  # the Front holds Osterlin, the Militia Kessary, the Pact as a whole Pellagh


@pytest.fixture(scope="module")
def veloria(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = write_theatre(tmp_path_factory.mktemp("parties-desk") / "veloria_2031")
    db = folder.parent / "veloria.db"
    conn = connect(db)
    rep = ingest(conn, [str(folder / "samples" / "corpus")], Extractor(str(folder), mode="fast"))
    assert rep.new == len(REPORTS) and not rep.errors
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return folder, db


@pytest.fixture(scope="module")
def server(veloria: tuple[Path, Path]) -> Iterator[Server]:
    folder, db = veloria
    old = os.environ.get("KHABAR_THEATRE")
    os.environ["KHABAR_THEATRE"] = str(folder)  # `khabar serve --theatre` by its environment variable
    try:
        s = Server(db)
    finally:
        if old is None:
            os.environ.pop("KHABAR_THEATRE")
        else:
            os.environ["KHABAR_THEATRE"] = old
    yield s
    s.stop()


def test_the_desks_legend_counts_and_headline_are_the_servers_for_any_parties(
        page, server: Server, veloria: tuple[Path, Path]) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    folder, db = veloria
    theatre = load(folder)
    _, counts = compile_control(connect(db), theatre, date.fromisoformat(DAY))
    open_map(page, server, DAY)
    shot(page, "parties")
    rows = page.locator("#legend li")
    assert [rows.nth(i).get_attribute("data-c") for i in range(rows.count())] == [
        "crown", "pact", "lff", "hmc", "contested", "no_reports"]
    assert [rows.nth(i).get_attribute("class") for i in range(rows.count())] == [
        None, None, "member", "member", None, None]
    shown = {k: page.inner_text(f"#n-{k}") for k in Sides.of(theatre).keys}
    assert shown == {"crown": "0", "pact": "3", "lff": "1", "hmc": "1", "contested": "0", "no_reports": "3"}
    # the page writes the headline itself for the day it loaded: the same words as the server's
    assert page.inner_text("#headline") == counts.headline()
    assert counts.headline().startswith("Crown 0, Northern Pact 3 (Freedom Front 1, Highland Militia 1)")
    assert page.locator("#districts path.c-lff").count() == 1
    assert page.locator("#districts path.c-pact").count() == 1
    assert not page.errors
