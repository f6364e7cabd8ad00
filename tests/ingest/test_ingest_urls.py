from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from khabar.errors import InputError, UnsupportedFormat
from khabar.ingest import read_inputs
from khabar.ingest.urls import USER_AGENT, fetch_url, is_url
from khabar.records import Document


def test_url_to_an_html_page(server: Any) -> None:
    url = f"{server.base}/2021/07/security-forces-retake-qarabagh"
    [doc] = read_inputs([url])
    assert isinstance(doc, Document)
    assert doc.source == url
    assert doc.url == url  # canonical link, which the server points at itself
    assert doc.title == "Security forces retake Qarabagh district centre"
    assert doc.published == date(2021, 7, 21)
    assert "Cricket Scores Today" not in doc.text


def test_url_to_a_text_file(server: Any) -> None:
    [doc] = read_inputs([f"{server.base}/notes.txt"])
    assert isinstance(doc, Document)
    assert doc.title == "Taliban fighters enter Dand-e Ghori after overnight clashes"
    assert doc.url == f"{server.base}/notes.txt"


def test_unreadable_url_is_one_line_naming_it(closed_port: int, allow_private: None) -> None:
    url = f"http://127.0.0.1:{closed_port}/x"
    [err] = read_inputs([url])
    assert isinstance(err, InputError)
    assert str(err) == f"{url}: cannot fetch (Connection refused)"


def test_missing_page_names_url_and_status(server: Any) -> None:
    url = f"{server.base}/no-such-report"
    [err] = read_inputs([url])
    assert str(err) == f"{url}: cannot fetch (HTTP 404 Not Found)"


def test_unsupported_content_type(server: Any) -> None:
    url = f"{server.base}/report.pdf"
    [err] = read_inputs([url])
    assert isinstance(err, UnsupportedFormat)
    assert str(err) == (f"{url}: unsupported content type application/pdf; use an HTML page, "
                        "an RSS/Atom feed or a text file")


def test_default_fetch_names_itself(server: Any) -> None:
    data, content_type = fetch_url(f"{server.base}/feed.atom")
    assert data.startswith(b"<?xml") and content_type == "application/atom+xml"
    assert server.user_agents[-1] == USER_AGENT


def test_fetch_stops_at_the_size_limit(server: Any) -> None:
    url = f"{server.base}/feed.atom"
    with pytest.raises(InputError) as e:
        fetch_url(url, max_bytes=100)
    assert str(e.value) == (f"{url}: cannot fetch (larger than 100 bytes); save the page and "
                            "ingest the file, or raise --max-bytes")


def test_injected_fetch_is_used() -> None:
    page = (b"<html><head><title>Injected</title></head><body><article><p>"
            + b"Officials in Kandahar said that the airport road was open again on Friday. " * 3
            + b"</p></article></body></html>")
    [doc] = read_inputs(["https://news.example.com/a"], fetch=lambda url: (page, "text/html"))
    assert isinstance(doc, Document) and doc.text.startswith("Officials in Kandahar said")


def test_is_url() -> None:
    assert is_url("https://example.org/a") and is_url("http://127.0.0.1:8000/")
    assert not is_url("report.txt") and not is_url("ftp://example.org/a") and not is_url("http://")
