"""RSS and Atom feeds: each entry becomes a Document, with the full page fetched for teasers."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import feedparser

from khabar.errors import InputError, UnsupportedFormat
from khabar.ingest import limits
from khabar.ingest.dates import parse_metadata_date
from khabar.ingest.files import make_document, read_bytes
from khabar.ingest.html import fragment_text, html_document
from khabar.ingest.urls import Fetch, fetch_url, host, is_url
from khabar.records import Document

TEASER_WORDS = 40
"""An entry with fewer words than this is a teaser: its linked page holds the report."""

_ROOT = re.compile(rb"<([A-Za-z_][\w:.-]*)")
_FEED_ROOTS = (b"rss", b"feed", b"rdf:rdf")


def is_feed(data: bytes) -> bool:
    """Return True if the document's root element is RSS (`<rss>`, `<rdf:RDF>`) or Atom (`<feed>`)."""
    head = re.sub(rb"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>", b"", data[:4096], flags=re.S)
    m = _ROOT.search(head)
    return m is not None and m[1].lower() in _FEED_ROOTS


def _entry_date(entry: Any) -> date | None:
    for key in ("published", "updated", "created"):
        d = parse_metadata_date(entry.get(key))
        if d:
            return d
    for key in ("published_parsed", "updated_parsed"):
        t = entry.get(key)
        if t:
            return date(t.tm_year, t.tm_mon, t.tm_mday)
    return None


def _entry_html(entry: Any) -> str:
    contents = [c.get("value", "") for c in entry.get("content") or []]
    return max(contents, key=len, default="") or entry.get("summary", "")


def _full_page(link: str, fetch: Fetch) -> Document:
    data, _content_type = fetch(link)
    return html_document(data, source=link, url=link)


def feed_entries(data: bytes, base_url: str = "", *, source: str = "", fetch: Fetch | None = None,
                 fetch_linked: bool = False,
                 known: Callable[[str], bool] | None = None,
                 defer_transient: bool = False) -> list[Document | InputError]:
    """Return a Document for each entry of an RSS/Atom feed, or an InputError for an unusable one.

    Text is the entry's content, else its summary, HTML stripped; title, link (as url), published
    (else updated) date and the feed's language come along, and the feed's title is the outlet.
    With `fetch_linked`, an entry under TEASER_WORDS words is replaced by its linked page; if that
    page cannot be fetched the summary is kept and an error says so. Raises UnsupportedFormat
    if `data` is not a feed. `base_url` resolves relative links; `source` defaults to it. An
    entry whose link `known` says is already stored is left out, unread and its page unfetched;
    with `defer_transient`, so is a teaser whose page fetch failed for a reason that may pass (a
    timeout, HTTP 429 or 5xx; an error says so), so that a watcher fetches it again on its next
    poll instead of storing the summary.
    """
    source = source or base_url
    headers = {"content-location": base_url} if base_url else None
    try:
        with limits.time_budget():
            parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    except limits.ReportTimeout as e:
        raise InputError(f"{source}: parsing the feed took longer than {e.args[0]:g} s; not read "
                         "(raise --max-seconds or KHABAR_MAX_SECONDS to take it)") from None
    if not parsed.get("version") and not parsed.entries:
        raise UnsupportedFormat(f"{source}: not an RSS/Atom feed; use a feed, an HTML page, "
                                ".txt, .json or .jsonl")
    feed = parsed.feed
    outlet = fragment_text(feed.get("title", "")) or host(feed.get("link", "") or base_url)
    out: list[Document | InputError] = []
    for i, entry in enumerate(parsed.entries, 1):
        link = entry.get("link", "")
        if known is not None and link and is_url(link) and known(link):
            continue
        label = link or f"{source} entry {i}"
        text = fragment_text(_entry_html(entry))
        title = fragment_text(entry.get("title", ""))
        published = _entry_date(entry)
        language = feed.get("language")
        if link and not is_url(link):  # file:, ftp:, javascript: ... are never followed nor kept
            if fetch_linked and len(text.split()) < TEASER_WORDS:
                problem = f"{link}: not followed (only http and https links are fetched)"
                if not text:
                    out.append(InputError(f"{problem}; nothing to ingest"))
                    continue
                out.append(InputError(f"{problem}; kept the feed's {len(text.split())}-word summary"))
            label, link = f"{source} entry {i}", ""
        if fetch_linked and link and len(text.split()) < TEASER_WORDS:
            try:
                page = _full_page(link, fetch or fetch_url)
            except InputError as e:
                if not text:
                    out.append(e)
                    continue
                problem = str(e).split("; ")[0]
                if defer_transient and getattr(e, "transient", False):
                    out.append(InputError(f"{problem}; left for the next poll"))
                    continue
                out.append(InputError(f"{problem}; kept the feed's {len(text.split())}-word summary"))
            else:
                if len(page.text) > len(text):
                    text, title = page.text, title or page.title
                    published, language = published or page.published, language or page.language
        if not text:
            out.append(InputError(f"{label}: feed entry has no text; ingest its link instead"))
            continue
        out.append(make_document(text, source=source, title=title, outlet=outlet, url=link,
                                 published=published, language=language))
    return out


def read_feed_file(path: Path, *, fetch: Fetch | None = None,
                   fetch_linked: bool = False) -> list[Document | InputError]:
    """Return the entries of a saved RSS/Atom feed (`.xml`, `.rss`, `.atom`) as feed_entries does."""
    data = read_bytes(path)
    if not is_feed(data):
        raise UnsupportedFormat(f"{path}: not an RSS/Atom feed; use a feed, an HTML page, "
                                ".txt, .json or .jsonl")
    entries = feed_entries(data, source=str(path), fetch=fetch, fetch_linked=fetch_linked)
    if not entries:
        raise InputError(f"{path}: feed has no entries; nothing to ingest")
    return entries
