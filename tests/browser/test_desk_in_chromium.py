"""The desk as an analyst uses it: `khabar serve` on loopback, Debian's Chromium driven by Playwright.

The server runs our own short reports (tests/web/desk_reports.jsonl): Panjwai taken on 5 July and
retaken on 19 July, Nerkh taken on 11 July in a report full of <script>, <img onerror> and
javascript: links. Screenshots go to out/screenshots/ for a person to look at.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from khabar.extract.pipeline import Extractor
from khabar.jobs import ingest
from khabar.store import connect

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = Path(__file__).parents[2] / "out" / "screenshots"
REPORTS = Path(__file__).parents[1] / "web" / "desk_reports.jsonl"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
TOKEN = "browser-token-81d3"

pytestmark = pytest.mark.browser


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def khabar() -> list[str]:
    script = Path(sys.executable).with_name("khabar")
    return [str(script)] if script.exists() else [sys.executable, "-m", "khabar.cli.main"]


class Server:
    """`khabar serve` in a child process on 127.0.0.1 and a free port; stopped by `stop()`."""

    def __init__(self, db: Path, token: str | None = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        cmd = [*khabar(), "serve", "--db", str(db), "--port", str(self.port)]
        if token:
            cmd += ["--token", token]
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"khabar serve exited: {self.proc.stdout.read().decode()}")  # type: ignore[union-attr]
            try:
                urllib.request.urlopen(self.url + "/api/status", timeout=2).close()
                return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("khabar serve did not answer within 60 s")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


@pytest.fixture(scope="module")
def desk_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("desk") / "khabar.db"
    conn = connect(path)
    rep = ingest(conn, [str(REPORTS)], Extractor(mode="fast"))
    assert rep.new == 4 and not rep.errors
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path


@pytest.fixture(scope="module")
def server(desk_db: Path) -> Iterator[Server]:
    """A read-only desk."""
    s = Server(desk_db)
    yield s
    s.stop()


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    if not Path(CHROMIUM).exists():
        pytest.fail("chromium is not installed; .ci/run installs it with apt-get")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    """A page that records dialogs, script errors and requests."""
    pg = browser.new_page(viewport={"width": 1400, "height": 900})
    pg.dialogs, pg.errors, pg.requests = [], [], []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("request", lambda r: pg.requests.append(r.url))
    yield pg
    pg.close()


def shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"desk-{name}.png"))


def open_map(page, server: Server, day: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server.url}/?as_of={day}")
    page.wait_for_selector(f"body[data-loaded='{day}']")


def wait_until(page, check, what: str, seconds: float = 15) -> None:  # type: ignore[no-untyped-def]
    """Poll a check from Python (the pages' CSP forbids the eval behind wait_for_function)."""
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        page.wait_for_timeout(100)


def choose_district(page, name: str) -> None:  # type: ignore[no-untyped-def]
    page.fill("#find", name)
    page.dispatch_event("#find", "change")
    page.wait_for_selector("#detail .obs")


def test_the_map_loads_with_no_outside_requests(page, server: Server) -> None:  # type: ignore[no-untyped-def]
    open_map(page, server, "2021-07-20")
    assert page.locator("#districts path").count() == 399
    assert page.inner_text("#n-government") == "1" and page.inner_text("#n-taliban") == "1"
    assert [u for u in page.requests if not u.startswith(server.url)] == []
    assert page.errors == []
    shot(page, "map")


def test_moving_the_slider_changes_the_counts_and_colours(page, server: Server) -> None:  # type: ignore[no-untyped-def]
    open_map(page, server, "2021-07-06")
    assert page.inner_text("#n-taliban") == "1"
    assert page.locator("#districts path.c-taliban").count() == 1
    slider = page.locator("#slider")
    first = page.get_attribute("#slider", "min")
    assert first == "0"
    # 2021-07-13 is 7 days after the 6th: one step at a time, as a person drags
    slider.focus()
    for _ in range(7):
        page.keyboard.press("ArrowRight")
    page.wait_for_selector("body[data-loaded='2021-07-13']")
    assert page.inner_text("#day") == "2021-07-13"
    assert page.inner_text("#n-taliban") == "2"
    assert page.locator("#districts path.c-taliban").count() == 2
    assert "2021-07-13" in page.inner_text("#headline")
    shot(page, "map-slider")


def test_the_play_button_walks_through_the_days(page, server: Server) -> None:  # type: ignore[no-untyped-def]
    open_map(page, server, "2021-07-05")
    page.click("#play")
    wait_until(page, lambda: page.inner_text("#day") > "2021-07-07", "the day to move")
    page.click("#play")
    assert page.inner_text("#day") > "2021-07-07"


def test_a_day_shows_its_claims(page, server: Server) -> None:  # type: ignore[no-untyped-def]
    open_map(page, server, "2021-07-09")
    assert "85 percent of the country's territory" in page.inner_text("#claims-list")


def test_clicking_a_district_shows_its_history_and_evidence(page, server: Server) -> None:  # type: ignore[no-untyped-def]
    open_map(page, server, "2021-07-20")
    choose_district(page, "Panjwai")
    detail = page.inner_text("#detail")
    assert "Panjwai" in detail and "Kandahar" in detail and "HISTORY (2 REPORTS)" in detail.upper()
    assert "Test Wire" in detail and "Desk Herald" in detail
    assert page.locator("#detail .obs.current mark").inner_text() == "Panjwai"
    assert "Government forces retook the Panjwai district" in page.inner_text("#detail .obs.current")
    shot(page, "map-district")
    page.locator("#detail .obs.current a").click()
    page.wait_for_selector("mark.k-hl")
    assert page.locator("mark.k-hl").inner_text() == "Panjwai"
    assert "Government forces retake Panjwai" in page.inner_text("h1")
    shot(page, "report")


def test_filtering_events(page, server: Server) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server.url}/events")
    assert int(page.inner_text("#total")) > 1
    page.select_option("select[name=type]", "ASSAULT")
    page.fill("input[name=place]", "Nerkh")
    page.click("#filters button[type=submit]")
    page.wait_for_url("**/events?**")
    assert page.inner_text("#total") == "1"
    assert "checkpoint in Nerkh" in page.inner_text("#records tbody")
    shot(page, "events-filtered")
    page.locator("#records a[href^='/events/']").click()
    page.wait_for_selector("#sources")
    assert "checkpoint in Nerkh" in page.inner_text("#sources")
    shot(page, "event")
    page.go_back()
    page.fill("input[name=place]", "")
    page.select_option("select[name=type]", "")
    page.fill("input[name=q]", "checkpoint")
    page.click("#filters button[type=submit]")
    page.wait_for_url("**q=checkpoint**")
    assert page.inner_text("#total") == "1"


def test_hostile_report_text_renders_as_text_on_every_page(page, server: Server) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server.url}/reports?q=Nerkh")
    page.locator("table.records a", has_text="<script>").click()
    page.wait_for_selector("#doc-text")
    report_url = page.url
    assert "<script>alert('title')</script>" in page.inner_text("#doc-title")
    assert "<img src=x onerror=alert('img-body')>" in page.inner_text("#doc-text")
    shot(page, "report-hostile")
    for url in (report_url, f"{server.url}/events", f"{server.url}/claims", f"{server.url}/quotes",
                f"{server.url}/reports"):
        page.goto(url)
        page.wait_for_load_state("load")
        check_inert(page, url)
    shot(page, "reports")
    page.goto(f"{server.url}/claims")
    shot(page, "claims")
    page.goto(f"{server.url}/quotes")
    shot(page, "quotes")
    open_map(page, server, "2021-07-12")
    choose_district(page, "Nerkh")
    assert "<script>alert('body')</script>" in page.inner_text("#detail")
    check_inert(page, "map")
    assert page.dialogs == [] and page.errors == []


def check_inert(page, where: str) -> None:  # type: ignore[no-untyped-def]
    """No dialog fired, no <img>, no script but khabar's own, no javascript: link, no on* handler."""
    assert page.dialogs == [], where
    assert page.locator("img").count() == 0, where
    scripts = page.eval_on_selector_all("script", "els => els.map(e => e.src || e.type)")
    assert all(s.startswith(page.url.split("/", 3)[0]) or s == "application/json" for s in scripts), (where, scripts)
    hrefs = page.eval_on_selector_all("[href]", "els => els.map(e => e.getAttribute('href'))")
    assert not [h for h in hrefs if h.strip().lower().startswith("javascript:")], where
    handlers = page.evaluate("""() => [...document.querySelectorAll('*')].flatMap(
        e => [...e.attributes].filter(a => a.name.startsWith('on')).map(a => a.name))""")
    assert handlers == [], where


def test_reviewing_needs_the_token_and_recolours_the_map(browser, desk_db: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "khabar.db"
    shutil.copy(desk_db, db)
    server = Server(db, token=TOKEN)
    pg = browser.new_page(viewport={"width": 1400, "height": 900})
    try:
        open_map(pg, server, "2021-07-20")
        assert (pg.inner_text("#n-taliban"), pg.inner_text("#n-government")) == ("1", "1")
        choose_district(pg, "Panjwai")
        form = pg.locator("#detail .obs.current form.review")
        form.locator("select[name=action]").select_option("reject")
        form.locator("input[name=note]").fill("single source, retracted the next day")
        form.locator("button[type=submit]").click()
        pg.wait_for_selector("#detail .obs.current output.err")
        assert "missing or wrong token" in form.locator("output").inner_text()
        assert pg.inner_text("#n-government") == "1"
        shot(pg, "review-refused")
        pg.fill("#token", TOKEN)
        form.locator("button[type=submit]").click()
        wait_until(pg, lambda: pg.inner_text("#n-government") == "0", "the counts to change")
        assert pg.inner_text("#n-taliban") == "2"
        pg.wait_for_selector("#detail .obs.rev-rejected")
        assert "single source, retracted the next day" in pg.inner_text("#detail")
        assert pg.locator("#districts path.c-government").count() == 0
        shot(pg, "review-saved")
    finally:
        pg.close()
        server.stop()
