"""The demo map as a person sees it: Debian's Chromium, headless, driven by Playwright.

Screenshots go to out/screenshots/ for a person to look at.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from khabar.compile.control_as_of import control_as_of, count
from khabar.records import Observation
from khabar.render.map import render_map
from khabar.theatres.loader import load

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = Path(__file__).parents[2] / "out" / "screenshots"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def page_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    th = load()
    day = date(2021, 7, 20)
    obs = [Observation("r1", "d1", "AF2704", "Panjwai", "Kandahar", "taliban", date(2021, 7, 4),
                       date(2021, 7, 4), "The Taliban took <b>Panjwai</b> on Sunday.",
                       date(2021, 7, 5), "Hindukush Wire", "Panjwai falls", "https://example.org/a"),
           Observation("r2", "d2", "AF0310", "Sheikh Ali", "Parwan", "government", date(2021, 7, 16),
                       date(2021, 7, 16), "Government forces retook Sheikh Ali.", date(2021, 7, 17),
                       "Kabul Ledger", "Sheikh Ali retaken", "javascript:alert(1)")]
    states = control_as_of(th.districts, obs, day)
    path = tmp_path_factory.mktemp("map") / "map.html"
    return render_map(th, states, count(states, day), path)


@pytest.fixture(scope="module")
def page(page_file: Path):  # type: ignore[no-untyped-def]
    if not Path(CHROMIUM).exists():
        pytest.fail("chromium is not installed; .ci/run installs it with apt-get")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        pg = browser.new_page(viewport={"width": 1400, "height": 1000})
        requests: list[str] = []
        pg.on("request", lambda r: requests.append(r.url))
        pg.goto(page_file.as_uri())
        pg.requests = requests  # type: ignore[attr-defined]
        yield pg
        browser.close()


def test_map_draws_every_district_with_no_network(page) -> None:  # type: ignore[no-untyped-def]
    assert page.locator("#districts path").count() == 399
    assert [u for u in page.requests if not u.startswith("file:")] == []
    assert "Taliban 1, Government 1, contested 0, no reports 397 of 399" in page.inner_text("body")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "map.png"))


def test_clicking_a_district_shows_its_evidence_as_text(page) -> None:  # type: ignore[no-untyped-def]
    page.fill("#find", "Panjwai")
    page.keyboard.press("Enter")
    page.locator("path.c-taliban").first.click(force=True)
    detail = page.inner_text("#detail")
    assert "Panjwai" in detail and "Kandahar" in detail
    assert "The Taliban took <b>Panjwai</b> on Sunday." in detail  # shown as text, not markup
    assert page.locator("#detail b").count() == 0
    page.screenshot(path=str(SHOTS / "map-district.png"))


def test_a_javascript_link_is_never_made_clickable(page) -> None:  # type: ignore[no-untyped-def]
    page.locator("path.c-government").first.click(force=True)
    assert "Sheikh Ali" in page.inner_text("#detail") or "Shekh Ali" in page.inner_text("#detail")
    hrefs = page.eval_on_selector_all("a", "els => els.map(e => e.getAttribute('href'))")
    assert not [h for h in hrefs if h and h.lower().startswith("javascript:")]


def test_zoom_buttons_drag_and_reset_move_the_view(page) -> None:  # type: ignore[no-untyped-def]
    def box() -> list[float]:
        return [float(v) for v in page.get_attribute("#map", "viewBox").split()]

    page.click("#zreset")
    home = box()
    page.click("#zin")
    zoomed = box()
    assert zoomed[2] == pytest.approx(home[2] / 1.6, rel=0.01)  # 1.6x closer, about the centre
    r = page.locator("#map").bounding_box()
    page.mouse.move(r["x"] + r["width"] / 2, r["y"] + r["height"] / 2)
    page.mouse.down()
    page.mouse.move(r["x"] + r["width"] / 2 + 120, r["y"] + r["height"] / 2, steps=5)
    page.mouse.up()
    dragged = box()
    assert dragged[0] < zoomed[0] and dragged[2] == pytest.approx(zoomed[2])  # panned, same scale
    page.click("#zreset")
    assert box() == pytest.approx(home)
