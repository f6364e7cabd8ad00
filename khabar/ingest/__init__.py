"""The ingest stage: files, folders, URLs and feeds in, one Document per report out.

    for item in read_inputs(["corpus/", "https://example.org/feed.xml"]):
        print(item if isinstance(item, InputError) else item.title)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from khabar.errors import InputError, UnsupportedFormat
from khabar.ingest.dates import parse_date_option, parse_metadata_date
from khabar.ingest.files import (
    INDEX_NAME,
    decode_text,
    folder_listing,
    read_index,
    read_json_file,
    read_jsonl_file,
    read_text_file,
    text_document,
)
from khabar.ingest.urls import Fetch, fetch_url, is_url, other_scheme
from khabar.records import Document

__all__ = ["SUFFIXES", "Fetch", "feed_entries", "fetch_url", "html_document", "parse_date_option",
           "parse_metadata_date", "read_inputs"]

SUFFIXES: dict[str, str] = {".txt": "text", ".html": "html", ".htm": "html", ".json": "json",
                            ".jsonl": "jsonl", ".xml": "feed", ".rss": "feed", ".atom": "feed"}
UNSUPPORTED = "unsupported format; use .txt, .html, .json, .jsonl, a folder, a URL or an RSS/Atom feed"
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")
_HTML_TYPES = ("text/html", "application/xhtml+xml")

Result = Document | InputError


def __getattr__(name: str) -> Any:
    # HTML and feeds are read with trafilatura, lxml and feedparser (~0.1 CPU s to import):
    # imported when a page or a feed is read, not by every run over text files
    if name == "feed_entries":
        from khabar.ingest.feeds import feed_entries
        return feed_entries
    if name == "html_document":
        from khabar.ingest.html import html_document
        return html_document
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def read_inputs(inputs: Iterable[str], *, published: date | None = None, outlet: str | None = None,
                fetch: Fetch | None = None) -> Iterator[Document | InputError]:
    """Yield a Document for each report in the inputs, or an InputError (not raised) for each bad one.

    An input is a file (.txt, .html/.htm, .json, .jsonl, or an RSS/Atom feed saved as .xml, .rss
    or .atom), a folder (read recursively in name order, hidden files skipped) or an http(s) URL
    (an HTML page or a feed). The batch goes on after a bad input.

    `published` and `outlet` come from the user and win over what metadata says. A report with
    no publication date anywhere keeps `published=None`. Entries of a feed fetched from a URL
    that are only teasers (under 40 words) are replaced by their linked page; feeds read from
    disk are not followed, so reading files never touches the network. `fetch` returns a URL's
    body and Content-Type (default: `fetch_url`, a bounded urllib request).

    Every input is written by someone else: only http(s) links are followed, to public
    addresses unless private ones are allowed; a folder gives only the files inside it (a
    link out of it is one error line, and so is each file of another format); bytes,
    characters, HTML tags and parse time are capped (`khabar.ingest.limits`).
    """
    if isinstance(inputs, str):
        inputs = [inputs]
    fetcher = fetch or fetch_url
    indexes: dict[Path, dict[str, dict[str, Any]]] = {}
    for item in inputs:
        for result in _safely(_read_input(item, fetcher, indexes)):
            if isinstance(result, Document) and (published is not None or outlet):
                result = replace(result, published=published if published is not None
                                 else result.published, outlet=outlet or result.outlet)
            yield result


def _safely(results: Iterable[Result]) -> Iterator[Result]:
    try:
        yield from results
    except InputError as e:
        yield e


def _read_input(item: str, fetch: Fetch, indexes: dict[Path, dict[str, dict[str, Any]]]) -> Iterator[Result]:
    if is_url(item):
        yield from _read_url(item.strip(), fetch)
        return
    path = Path(item)
    if path.is_dir():
        files, skipped = folder_listing(path, frozenset(SUFFIXES), UNSUPPORTED)
        if not files:
            raise InputError(f"{path}: no reports in folder; it needs .txt, .html, .json, .jsonl "
                             "or RSS/Atom feed files")
        yield from skipped
        for f in files:
            yield from _safely(_read_file(f, indexes))
    elif path.is_file():
        yield from _read_file(path, indexes)
    elif other_scheme(item):
        raise UnsupportedFormat(f"{item.strip()}: the {other_scheme(item)}: scheme is not supported; "
                                "give an http(s) URL, a file or a folder")
    else:
        raise InputError(f"{item}: no such file or folder; check the path")


def _read_file(path: Path, indexes: dict[Path, dict[str, dict[str, Any]]]) -> Iterator[Result]:
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise UnsupportedFormat(f"{path}: {UNSUPPORTED}")
    if path.name == INDEX_NAME:
        raise InputError(f"{path}: the index of a folder of .txt reports, not reports; "
                         "ingest the folder instead")
    if kind == "text":
        folder = path.parent.resolve()
        if folder not in indexes:
            indexes[folder], errors = read_index(path.parent)
            yield from errors
        yield read_text_file(path, indexes[folder].get(path.stem))
    elif kind == "html":
        from khabar.ingest.html import read_html_file
        yield read_html_file(path)
    elif kind == "json":
        yield from read_json_file(path)
    elif kind == "jsonl":
        yield from read_jsonl_file(path)
    else:
        from khabar.ingest.feeds import read_feed_file
        yield from read_feed_file(path)


def _read_url(url: str, fetch: Fetch) -> Iterator[Result]:
    try:
        data, content_type = fetch(url)
    except (OSError, ValueError) as e:
        raise InputError(f"{url}: cannot fetch ({' '.join(str(e).split())})") from None
    from khabar.ingest.feeds import feed_entries, is_feed
    from khabar.ingest.html import html_document

    mime = content_type.split(";")[0].strip().lower()
    head = data[:2048].lstrip().lower()
    if is_feed(data) or mime in _FEED_TYPES:
        entries = feed_entries(data, url, fetch=fetch, fetch_linked=True)
        if not entries:
            raise InputError(f"{url}: feed has no entries; nothing to ingest")
        yield from entries
    elif mime in _HTML_TYPES or not mime or head.startswith((b"<!doctype html", b"<html")):
        yield html_document(data, source=url, url=url)
    elif mime == "text/plain":
        yield text_document(decode_text(data, url), source=url, url=url)
    else:
        raise UnsupportedFormat(f"{url}: unsupported content type {mime}; use an HTML page, "
                                "an RSS/Atom feed or a text file")
