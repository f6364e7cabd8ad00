"""Watching feeds: a feed served on 127.0.0.1 is ingested, and the change of hands is reported."""

from __future__ import annotations

import functools
import json
import threading
from collections.abc import Iterator
from datetime import date
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from khabar.cli.main import app
from khabar.compile.sides import Sides
from khabar.errors import InputError
from khabar.extract.pipeline import Extractor
from khabar.ingest import limits
from khabar.jobs import ingest
from khabar.records import DistrictState
from khabar.store import connect
from khabar.theatres.loader import load
from khabar.watch import Change, changes, parse_every, poll

TAKEN = {"title": "Panjwai falls to the Taliban", "outlet": "Test Wire", "published": "2021-07-05",
         "text": "The Taliban captured the Panjwai district of Kandahar province on Sunday, officials said."}
ITEMS = [
    ("Desk Herald", "Government forces retake Panjwai", "Tue, 20 Jul 2021 08:00:00 GMT",
     "Government forces retook the Panjwai district of Kandahar province on Monday after a week of "
     "clashes, the defence ministry said. Commandos entered the district centre at dawn and raised "
     "the national flag over the police headquarters, according to two officials in Kandahar city "
     "who asked not to be named because they were not allowed to speak to reporters."),
    ("Test Wire", "Troops back in Panjwai", "Tue, 20 Jul 2021 11:00:00 GMT",
     "Afghan forces recaptured the Panjwai district of Kandahar province on Monday, a provincial "
     "council member said, a week after the Taliban had overrun it. Shopkeepers in the bazaar "
     "reopened their stalls in the afternoon, and families who had fled to the provincial capital "
     "began to return along the main road, residents said by telephone."),
]


def rss(items: list[tuple[str, str, str, str]]) -> str:
    entries = "".join(
        f"<item><title>{title}</title><link>http://127.0.0.1/{i}</link><pubDate>{day}</pubDate>"
        f"<author>{outlet}</author><description>{text}</description></item>"
        for i, (outlet, title, day, text) in enumerate(items))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Desk Test Feed</title>'
            f"<link>http://127.0.0.1/</link>{entries}</channel></rss>")


@pytest.fixture
def feed_url(tmp_path: Path) -> Iterator[str]:
    """A feed of two reports of Panjwai's retaking, served by http.server on 127.0.0.1."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "feed.xml").write_text(rss(ITEMS), encoding="utf-8")
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *a: None  # type: ignore[attr-defined]
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    with limits.limits(allow_private=True):  # as --allow-private: the feed is on loopback
        yield f"http://127.0.0.1:{server.server_address[1]}/feed.xml"
    server.shutdown()
    server.server_close()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A database where the Taliban hold Panjwai (one report)."""
    path = tmp_path / "khabar.db"
    (tmp_path / "taken.json").write_text(json.dumps(TAKEN), encoding="utf-8")
    conn = connect(path)
    assert ingest(conn, [str(tmp_path / "taken.json")], Extractor(mode="fast")).new == 1
    conn.close()
    return path


def test_poll_ingests_the_feed_and_reports_the_change_of_hands(db: Path, feed_url: str) -> None:
    conn = connect(db)
    first = poll(conn, load(), [feed_url], Extractor(mode="fast"))
    assert (first.new, first.errors, first.as_of) == (2, [], date(2021, 7, 20))
    (change,) = first.changes
    assert change.line() == "Panjwai: Taliban → Government on 2021-07-19, 2 sources"
    again = poll(conn, load(), [feed_url], Extractor(mode="fast"))
    # the feed is unchanged: http.server answers the stored Last-Modified with a 304, nothing is read
    assert (again.new, again.known, again.not_modified, again.requests, again.changes) == (0, 0, 1, 1, [])


def test_khabar_watch_once_prints_what_changed_hands(db: Path, feed_url: str) -> None:
    result = CliRunner().invoke(app, ["watch", feed_url, "--once", "--db", str(db), "--pipeline", "fast",
                                      "--allow-private"])
    assert result.exit_code == 0, result.output
    assert "Polled 1 feed(s): 2 new report(s), 0 already stored, 0 error(s); 1 district(s) changed hands" in result.output
    assert "  Panjwai: Taliban → Government on 2021-07-19, 2 sources" in result.output


def test_an_unreachable_feed_is_one_error_line_and_the_watch_goes_on(db: Path) -> None:
    conn = connect(db)
    p = poll(conn, load(), ["http://127.0.0.1:9/feed.xml"], Extractor(mode="fast"))
    (err,) = p.errors
    assert err.startswith("http://127.0.0.1:9/feed.xml: cannot fetch (")
    assert p.changes == [] and p.as_of == date(2021, 7, 5)


def state(did: str, name: str, controller: str | None, sources: int = 0) -> DistrictState:
    return DistrictState(did, name, "Kandahar", controller, None, None, sources=sources)  # type: ignore[arg-type]


def test_changes_compares_two_compiles() -> None:
    before = [state("AF2704", "Panjwai", "taliban", 1), state("AF2701", "Dand", "government", 1),
              state("AF2702", "Daman", None)]
    after = [state("AF2704", "Panjwai", "taliban", 1), state("AF2701", "Dand", "taliban", 2),
             state("AF2702", "Daman", "contested", 1)]
    sides = Sides.of(load())
    assert [c.line() for c in changes(before, after, sides)] == [
        "Dand: Government → Taliban, 2 sources", "Daman: no reports → contested, 1 source"]
    assert Change("AF2701", "Dand", "Kandahar", "taliban", None, 0).line(sides) == "Dand: Taliban → no reports"
    # without a theatre, parties go by their ids
    assert Change("AF2701", "Dand", "Kandahar", "taliban", None, 0).line() == "Dand: taliban → no reports"


@pytest.mark.parametrize(("text", "seconds"), [("15m", 900), ("30s", 30), ("1h", 3600), ("2d", 172800), ("90", 90)])
def test_intervals(text: str, seconds: float) -> None:
    assert parse_every(text) == seconds


@pytest.mark.parametrize(("text", "message"), [
    ("soon", "--every 'soon': not an interval; use 30s, 15m, 1h or 1d"),
    ("1s", "--every '1s': too often; poll at most every 10s"),
])
def test_bad_intervals(text: str, message: str) -> None:
    with pytest.raises(InputError) as e:
        parse_every(text)
    assert str(e.value) == message


def test_the_desk_watches_feeds_in_the_background(db: Path, feed_url: str) -> None:
    import time

    from fastapi.testclient import TestClient

    from khabar.web.app import create_app
    from khabar.web.watcher import start_background_watch

    desk = create_app(db)
    stop = start_background_watch(desk, [feed_url], 60, pipeline="fast")
    try:
        with TestClient(desk) as client:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                counts = client.get("/api/map").json()["counts"]
                if counts["government"] == 1:
                    break
                time.sleep(0.2)
            assert (counts["as_of"], counts["taliban"], counts["government"]) == ("2021-07-20", 0, 1)
    finally:
        stop.set()


# a later report, then a feed with news of an earlier day (our own wording, three outlets' manners)
LATER = {"title": "Arghandab under the group", "outlet": "Test Wire", "published": "2021-07-25",
         "text": "The Arghandab district of Kandahar province is under Taliban control, residents said."}
EARLIER = [
    ("Desk Herald", "Arghandab overrun", "Sun, 25 Jul 2021 09:00:00 GMT",
     "Taliban fighters overran the Arghandab district of Kandahar province on 11 July, residents said, "
     "news that reached the city only this week because the telephone lines had been cut."),
    ("Frontier Post", "Late news from Arghandab", "Sun, 25 Jul 2021 10:00:00 GMT",
     "The Arghandab district of Kandahar province fell to the Taliban on July 11, two elders told this "
     "newspaper, a fortnight before officials admitted it."),
]


def test_a_new_report_of_an_earlier_day_is_reported_on_its_day(tmp_path: Path) -> None:
    path = tmp_path / "k.db"
    (tmp_path / "taken.json").write_text(json.dumps(TAKEN), encoding="utf-8")
    (tmp_path / "later.json").write_text(json.dumps(LATER), encoding="utf-8")
    conn = connect(path)
    assert ingest(conn, [str(tmp_path / "taken.json"), str(tmp_path / "later.json")], Extractor(mode="fast")).new == 2
    site = tmp_path / "site"
    site.mkdir()
    (site / "feed.xml").write_text(rss(EARLIER), encoding="utf-8")
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with limits.limits(allow_private=True):
            p = poll(conn, load(), [f"http://127.0.0.1:{server.server_address[1]}/feed.xml"], Extractor(mode="fast"))
    finally:
        server.shutdown()
        server.server_close()
    assert p.new == 2 and p.as_of == date(2021, 7, 25)
    # the latest day's map is as it was (Arghandab held as of 07-25), but the new reports add the
    # change of 11 July: news, said once
    assert [c.line(Sides.of(load())) for c in p.changes] == ["Arghandab: no reports → Taliban on 2021-07-11, 2 sources"]
