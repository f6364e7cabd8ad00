from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from khabar.errors import InputError, UnsupportedFormat
from khabar.ingest import read_inputs
from khabar.ingest.feeds import feed_entries, is_feed
from khabar.ingest.urls import fetch_url
from khabar.records import Document

ARTICLE_START = "Afghan security forces regained control of the Qarabagh district"


def documents(results: list[Document | InputError]) -> list[Document]:
    assert all(isinstance(r, Document) for r in results), results
    return [r for r in results if isinstance(r, Document)]


def test_rss_file_gives_one_document_per_item(fixtures: Path) -> None:
    market, teaser = documents(list(read_inputs([str(fixtures / "feed.rss")])))
    assert market.title == "Residents return to Shibirghan market"
    assert market.outlet == "Northern Dispatch"
    assert market.url == "https://dispatch.example.com/2021/08/shibirghan-market"
    assert market.language == "en"
    assert market.source == str(fixtures / "feed.rss")
    assert market.text.split("\n\n")[0] == ("Shopkeepers in Shibirghan reopened the central market "
                                            "on Thursday after three days of closures, traders said.")
    assert market.text.count("\n\n") == 2  # full content, not the one-line description
    # a feed on disk is not followed: the teaser stays a teaser
    assert teaser.text.startswith("Government troops say they are back in Qarabagh.")


def test_feed_date_is_the_outlets_own_date(fixtures: Path) -> None:
    market, _ = documents(list(read_inputs([str(fixtures / "feed.rss")])))
    assert market.published == date(2021, 8, 6)  # 01:10 +0430 is still 5 August in UTC


def test_atom_file_uses_published_else_updated(fixtures: Path) -> None:
    doha, herat = documents(list(read_inputs([str(fixtures / "feed.atom")])))
    assert doha.outlet == herat.outlet == "Hindukush Wire"
    assert doha.published == date(2021, 8, 9)
    assert herat.published == date(2021, 8, 8)
    assert doha.url == "https://wire.example.com/doha-talks"
    assert doha.text == ("Two days of talks in Doha between government negotiators and a Taliban "
                         "delegation ended on Monday without a joint statement, participants said."
                         "\n\nBoth sides said they would meet again, but no date was set."
                         "\n\nDiplomats from three neighbouring countries attended the closing "
                         "session as observers.")
    assert herat.text.startswith("Schools in Herat city closed a week early")


def test_rss_from_url_replaces_a_teaser_with_its_page(server: Any) -> None:
    market, qarabagh = documents(list(read_inputs([f"{server.base}/feed.rss"])))
    assert market.source == qarabagh.source == f"{server.base}/feed.rss"
    assert qarabagh.text.startswith(ARTICLE_START)
    assert qarabagh.title == "Security forces retake Qarabagh district centre"
    assert qarabagh.url == f"{server.base}/2021/07/security-forces-retake-qarabagh"
    assert qarabagh.published == date(2021, 7, 21)
    assert qarabagh.outlet == "Northern Dispatch"  # the feed's outlet


def test_atom_from_url(server: Any) -> None:
    doha, herat = documents(list(read_inputs([f"{server.base}/feed.atom"])))
    assert doha.title == "Talks in Doha end without agreement"
    assert herat.title == "Schools close early in Herat"


def test_feed_served_as_plain_xml_is_recognised(server: Any) -> None:
    results = documents(list(read_inputs([f"{server.base}/feed-labelled-xml"])))
    assert [d.title for d in results] == ["Residents return to Shibirghan market",
                                          "Security forces retake Qarabagh district centre"]


def test_teaser_whose_page_fails_keeps_the_summary_and_says_so(server: Any) -> None:
    feed = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Test Feed</title>'
            b"<item><title>Short</title><link>" + server.base.encode() + b"/gone</link>"
            b"<description>Fighting was reported near Kunduz city.</description></item>"
            b"</channel></rss>")
    err, doc = feed_entries(feed, f"{server.base}/feed", fetch=fetch_url, fetch_linked=True)
    assert str(err) == (f"{server.base}/gone: cannot fetch (HTTP 404 Not Found); "
                        "kept the feed's 6-word summary")
    assert isinstance(doc, Document) and doc.text == "Fighting was reported near Kunduz city."


def test_feed_entries_resolves_relative_links() -> None:
    feed = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item>'
            b"<title>A</title><link>/news/a</link><description>Talks went on.</description>"
            b"</item></channel></rss>")
    [doc] = feed_entries(feed, "https://news.example.com/rss")
    assert isinstance(doc, Document) and doc.url == "https://news.example.com/news/a"


def test_xml_file_that_is_not_a_feed(tmp_path: Path) -> None:
    path = tmp_path / "data.xml"
    path.write_text('<?xml version="1.0"?><districts><district>Khanabad</district></districts>')
    [err] = read_inputs([str(path)])
    assert isinstance(err, UnsupportedFormat)
    assert str(err) == f"{path}: not an RSS/Atom feed; use a feed, an HTML page, .txt, .json or .jsonl"


def test_feed_without_entries(tmp_path: Path) -> None:
    path = tmp_path / "empty.rss"
    path.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>')
    [err] = read_inputs([str(path)])
    assert str(err) == f"{path}: feed has no entries; nothing to ingest"


def test_is_feed_sniffs_the_root_element(fixtures: Path) -> None:
    assert is_feed((fixtures / "feed.rss").read_bytes())
    assert is_feed((fixtures / "feed.atom").read_bytes())
    assert not is_feed((fixtures / "article.html").read_bytes())
