"""watch against a real HTTP server: every change of hands the new reports add, on its day, and
no fetch wasted (conditional GET on the feed, item pages fetched once, remembered across restarts).

The site is http.server in a thread on 127.0.0.1 (reached as `--allow-private` allows): a feed of
teasers (under 40 words, so each item's page is fetched) with an ETag and a Last-Modified it
honours with 304, and the article pages; it counts every request and the validators sent.
The reports are our own wording, in three outlets' manners.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import Counter
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from khabar.cli.main import app
from khabar.compile.sides import Sides
from khabar.extract.pipeline import Extractor
from khabar.ingest import limits
from khabar.ingest.urls import normalise_url
from khabar.jobs import ingest
from khabar.store import connect
from khabar.theatres.loader import load
from khabar.watch import poll

# already stored: Maruf taken on 4 July; Shah Wali Kot held as of 25 July (since unknown)
STORED = [
    {"title": "Maruf falls", "outlet": "Test Wire", "published": "2021-07-05",
     "text": "The Taliban captured the Maruf district of Kandahar province on Sunday, officials said."},
    {"title": "Shah Wali Kot quiet", "outlet": "Test Wire", "published": "2021-07-25",
     "text": "The Shah Wali Kot district of Kandahar province is under Taliban control, residents said."},
]

# path -> (feed title, pubDate, teaser, the article's text)
ARTICLES = {
    "/news/shah-wali-kot": (
        "Late word from Shah Wali Kot", "Mon, 26 Jul 2021 09:00:00 GMT", "Elders describe the fall of a district.",
        "Taliban fighters took the Shah Wali Kot district of Kandahar province on 11 July after the police "
        "chief withdrew his men, two tribal elders told this newspaper on Monday."),
    "/news/maruf-retaken": (
        "Troops back in Maruf", "Wed, 21 Jul 2021 08:00:00 GMT", "The governor's office reports a recapture.",
        "Government troops recaptured the Maruf district of Kandahar province on Tuesday, the provincial "
        "governor's spokesman said, ending two weeks of insurgent rule there."),
    "/news/arghistan": (
        "Commandos in Arghistan", "Wed, 28 Jul 2021 07:00:00 GMT", "A ministry statement on an operation.",
        "Afghan commandos drove the Taliban out of the Arghistan district of Kandahar province on July 27, "
        "the defence ministry said in a statement."),
}


class Site(ThreadingHTTPServer):
    """The outlet's server: a feed of some of ARTICLES' items, and their pages."""

    base = ""
    items: list[str]  # the feed's items' links, as written in the feed (paths or full URLs)
    etag = True
    last_modified = True
    failing: set[str]  # answered 503
    missing: set[str]  # answered 404

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.base = f"http://127.0.0.1:{self.server_address[1]}"
        self.items, self.failing, self.missing = [], set(), set()
        self.requests: Counter[str] = Counter()
        self.conditional: list[tuple[str, str | None, str | None]] = []
        self.answers: list[tuple[str, int]] = []
        self.lock = threading.Lock()

    def feed(self) -> bytes:
        entries = []
        for link in self.items:
            path = link.split("?")[0].split("#")[0].replace(self.base, "").rstrip("/")
            title, day, teaser, _text = ARTICLES[path]
            href = link if link.startswith("http") else self.base + link
            entries.append(f"<item><title>{title}</title><link>{href.replace('&', '&amp;')}</link>"
                           f"<pubDate>{day}</pubDate><description>{teaser}</description></item>")
        return ('<?xml version="1.0"?><rss version="2.0"><channel><title>Kandahar Ledger</title>'
                f"<link>{self.base}/</link>{''.join(entries)}</channel></rss>").encode()

    def url(self, path: str = "/feed.xml") -> str:
        return self.base + path

    def reset(self) -> None:
        with self.lock:
            self.requests.clear()
            self.conditional.clear()
            self.answers.clear()


class _Handler(BaseHTTPRequestHandler):
    server: Site

    def do_GET(self) -> None:
        site = self.server
        path = self.path.split("?")[0]
        with site.lock:
            site.requests[path] += 1
        if path in site.failing:
            self._answer(path, 503)
            return
        if path in site.missing:
            self._answer(path, 404)
            return
        if path == "/feed.xml":
            body, kind = site.feed(), "application/rss+xml"
        elif path in ARTICLES:
            title, _day, _teaser, text = ARTICLES[path]
            body, kind = (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
                          f"<p>{text}</p></article></body></html>").encode(), "text/html; charset=utf-8"
        else:
            self._answer(path, 404)
            return
        tag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"' if site.etag else None
        modified = f"Mon, 0{1 + len(site.items)} Aug 2021 00:00:00 GMT" if site.last_modified else None
        sent = self.headers.get("If-None-Match"), self.headers.get("If-Modified-Since")
        if any(sent):
            with site.lock:
                site.conditional.append((path, *sent))
        if (tag and sent[0] == tag) or (not tag and modified and sent[1] == modified):
            self._answer(path, 304, tag, modified)
            return
        self._answer(path, 200, tag, modified, body, kind)

    def _answer(self, path: str, status: int, tag: str | None = None, modified: str | None = None,
                body: bytes = b"", kind: str = "text/plain") -> None:
        with self.server.lock:
            self.server.answers.append((path, status))
        self.send_response(status)
        if tag:
            self.send_header("ETag", tag)
        if modified:
            self.send_header("Last-Modified", modified)
        if status != 304:
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if status != 304:
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def site() -> Iterator[Site]:
    server = Site()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with limits.limits(allow_private=True):  # as --allow-private: the site is on loopback
        yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(mode="fast")


@pytest.fixture
def db(tmp_path: Path, extractor: Extractor) -> Path:
    path = tmp_path / "khabar.db"
    for i, report in enumerate(STORED):
        (tmp_path / f"stored{i}.json").write_text(json.dumps(report), encoding="utf-8")
    conn = connect(path)
    assert ingest(conn, [str(tmp_path / f"stored{i}.json") for i in range(len(STORED))], extractor).new == 2
    conn.close()
    return path


def lines(p: object) -> list[str]:
    return [c.line(Sides.of(load())) for c in p.changes]  # type: ignore[attr-defined]


def test_watch_prints_every_change_on_its_day_and_fetches_nothing_twice(site: Site, db: Path) -> None:
    site.items = ["/news/shah-wali-kot", "/news/maruf-retaken"]
    run = ["watch", site.url(), "--once", "--db", str(db), "--pipeline", "fast", "--allow-private"]
    first = CliRunner().invoke(app, run)
    assert first.exit_code == 0, first.output
    # Shah Wali Kot was already held as of 07-25 on the latest day's map: its fall on 07-11 is news too
    assert first.output.splitlines()[-3:] == [
        "Polled 1 feed(s): 2 new report(s), 0 already stored, 0 error(s); 2 district(s) changed hands "
        "as of 2021-07-26; 3 HTTP request(s)",
        "  Shah Wali Kot: no reports → Taliban on 2021-07-11, 1 source",
        "  Maruf: Taliban → Government on 2021-07-20, 1 source",
    ]
    assert site.requests == {"/feed.xml": 1, "/news/shah-wali-kot": 1, "/news/maruf-retaken": 1}
    assert site.conditional == []  # nothing to send the first time

    # the next poll (a new process: the validators come from the database) costs one 304
    site.reset()
    again = CliRunner().invoke(app, run)
    assert again.exit_code == 0, again.output
    assert again.output.splitlines()[-1] == (
        "Polled 1 feed(s): 0 new report(s), 0 already stored, 0 error(s); no change of hands as of "
        "2021-07-26; 1 HTTP request(s), 1 feed(s) not modified")
    assert site.requests == {"/feed.xml": 1} and site.answers == [("/feed.xml", 304)]
    ((path, etag, modified),) = site.conditional
    assert path == "/feed.xml" and etag and etag.startswith('"') and modified == "Mon, 03 Aug 2021 00:00:00 GMT"


def test_a_changed_feed_fetches_only_the_new_items_page(site: Site, db: Path, extractor: Extractor) -> None:
    site.items = ["/news/shah-wali-kot", "/news/maruf-retaken"]
    conn = connect(db)
    first = poll(conn, load(), [site.url()], extractor)
    assert (first.new, first.requests) == (2, 3)
    # a new item, and the old ones linked in other spellings (tracking parameters, a fragment, a slash)
    site.reset()
    site.items = [f"{site.base}/news/shah-wali-kot?utm_source=rss&utm_medium=feed",
                  f"{site.base}/news/maruf-retaken/#comments", "/news/arghistan"]
    second = poll(conn, load(), [site.url()], extractor)
    assert site.requests == {"/feed.xml": 1, "/news/arghistan": 1}
    assert (second.new, second.known, second.requests, second.not_modified, second.errors) == (1, 2, 2, 0, [])
    assert lines(second) == ["Arghestan: no reports → Government on 2021-07-27, 1 source"]
    conn.close()


def test_the_memory_survives_a_restart_and_needs_no_etag(site: Site, db: Path, extractor: Extractor) -> None:
    site.etag = False  # Last-Modified only
    site.items = ["/news/maruf-retaken"]
    conn = connect(db)
    assert poll(conn, load(), [site.url()], extractor).new == 1
    conn.close()
    site.reset()
    conn = connect(db)  # a restart: a new connection, nothing kept in memory
    p = poll(conn, load(), [site.url()], extractor)
    assert site.conditional == [("/feed.xml", None, "Mon, 02 Aug 2021 00:00:00 GMT")]
    assert (p.requests, p.not_modified, p.new, p.changes) == (1, 1, 0, [])
    stored = dict(conn.execute("SELECT url, kind FROM fetched_urls").fetchall())
    assert stored == {normalise_url(site.url()): "feed", normalise_url(site.url("/news/maruf-retaken")): "item"}
    conn.close()


def test_a_server_that_ignores_validators_still_costs_only_the_feed(site: Site, db: Path,
                                                                   extractor: Extractor) -> None:
    site.etag = site.last_modified = False  # neither validator: every poll gets the whole feed
    site.items = ["/news/shah-wali-kot", "/news/maruf-retaken"]
    conn = connect(db)
    assert poll(conn, load(), [site.url()], extractor).requests == 3
    site.reset()
    p = poll(conn, load(), [site.url()], extractor)
    assert site.requests == {"/feed.xml": 1}  # the items' pages are remembered by their links
    assert (p.new, p.known, p.not_modified, p.changes) == (0, 2, 0, [])
    conn.close()


def test_a_page_that_failed_is_fetched_again_on_the_next_poll(site: Site, db: Path, extractor: Extractor) -> None:
    site.items = ["/news/shah-wali-kot", "/news/maruf-retaken"]
    site.failing = {"/news/maruf-retaken"}
    conn = connect(db)
    first = poll(conn, load(), [site.url()], extractor)
    assert first.errors == [f"{site.url('/news/maruf-retaken')}: cannot fetch (HTTP 503 Service Unavailable); "
                            "left for the next poll"]
    assert first.new == 1  # the teaser is not stored in the page's place
    # the feed's validators were not kept: the next poll reads the feed again and retries the page
    site.reset()
    site.failing = set()
    second = poll(conn, load(), [site.url()], extractor)
    assert site.conditional == []
    assert site.requests == {"/feed.xml": 1, "/news/maruf-retaken": 1}
    assert (second.new, second.known, second.errors) == (1, 1, [])
    assert lines(second) == ["Maruf: Taliban → Government on 2021-07-20, 1 source"]
    # and now the feed is remembered: a 304
    site.reset()
    third = poll(conn, load(), [site.url()], extractor)
    assert (third.requests, third.not_modified, site.answers) == (1, 1, [("/feed.xml", 304)])
    conn.close()


def test_a_page_that_is_gone_leaves_its_summary_stored_once(site: Site, db: Path, extractor: Extractor) -> None:
    site.etag = site.last_modified = False
    site.items, site.missing = ["/news/maruf-retaken"], {"/news/maruf-retaken"}
    conn = connect(db)
    first = poll(conn, load(), [site.url()], extractor)
    # a 404 will not pass: the summary is stored, as ingest does, and the link is not fetched again
    assert first.errors == [f"{site.url('/news/maruf-retaken')}: cannot fetch (HTTP 404 Not Found); "
                            "kept the feed's 6-word summary"]
    assert first.new == 1
    site.reset()
    second = poll(conn, load(), [site.url()], extractor)
    assert site.requests == {"/feed.xml": 1} and (second.new, second.known, second.errors) == (0, 1, [])
    conn.close()


def test_the_day_of_a_report_of_an_earlier_change_is_printed(site: Site, db: Path, extractor: Extractor) -> None:
    site.items = ["/news/shah-wali-kot"]
    conn = connect(db)
    p = poll(conn, load(), [site.url()], extractor)
    assert p.as_of == date(2021, 7, 26)
    assert lines(p) == ["Shah Wali Kot: no reports → Taliban on 2021-07-11, 1 source"]
    conn.close()


def test_the_memory_is_kept_by_either_engine(site: Site, store_url: str, tmp_path: Path,
                                             extractor: Extractor) -> None:
    """SQLite and PostgreSQL: the validators and the links fetched outlive the connection."""
    (tmp_path / "stored.json").write_text(json.dumps(STORED[0]), encoding="utf-8")
    conn = connect(store_url)
    assert ingest(conn, [str(tmp_path / "stored.json")], extractor).new == 1
    site.items = ["/news/maruf-retaken"]
    first = poll(conn, load(), [site.url()], extractor)
    assert (first.new, first.requests, lines(first)) == (1, 2, ["Maruf: Taliban → Government on 2021-07-20, 1 source"])
    conn.close()
    site.reset()
    site.items = ["/news/maruf-retaken", "/news/arghistan"]  # the feed changed: one new page to fetch
    conn = connect(store_url)
    second = poll(conn, load(), [site.url()], extractor)
    assert site.requests == {"/feed.xml": 1, "/news/arghistan": 1}
    assert (second.new, second.known) == (1, 1)
    site.reset()
    third = poll(conn, load(), [site.url()], extractor)
    assert (third.requests, third.not_modified, site.answers) == (1, 1, [("/feed.xml", 304)])
    conn.close()


def test_a_long_watch_reads_links_another_process_stored(site: Site, db: Path, extractor: Extractor) -> None:
    """watch keeps its memory from one poll to the next and reads only the links stored since:
    a page an analyst ingested by hand between two polls is not fetched by the watcher."""
    from khabar.watch import Poll, watch

    site.items = ["/news/maruf-retaken"]
    polls: list[Poll] = []

    def between(p: Poll) -> None:
        polls.append(p)
        if len(polls) == 1:
            other = connect(db)  # another process, as `khabar ingest URL` would
            assert ingest(other, [site.url("/news/arghistan")], extractor).new == 1
            other.close()
            site.reset()
            site.items = ["/news/maruf-retaken", "/news/arghistan"]

    conn = connect(db)
    assert watch(conn, load(), [site.url()], extractor, 0, between, rounds=2) == 2
    first, second = polls
    assert (first.new, first.requests) == (1, 2)
    assert site.requests == {"/feed.xml": 1}  # the changed feed only: its new item's page is stored
    assert (second.new, second.known, second.requests, second.changes) == (0, 2, 1, [])
    conn.close()
