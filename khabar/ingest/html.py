"""HTML to report text: trafilatura for whole pages, lxml for the fragments feeds carry."""

from __future__ import annotations

import re
from pathlib import Path

import trafilatura
from lxml import etree
from lxml import html as lxml_html

from khabar.errors import InputError
from khabar.ingest import limits
from khabar.ingest.dates import parse_metadata_date
from khabar.ingest.files import make_document, read_bytes
from khabar.ingest.urls import host, is_url
from khabar.records import Document

_LANG = re.compile(rb"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*)", re.I)
_BLOCKS = ("p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
           "table", "tr", "section", "article", "figure", "figcaption", "header", "footer", "hr")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v\u00a0]*\n\s*")
# Dates from the page's metadata and date elements only: a free-text search of the body would
# take the date of an event the report mentions for its publication date.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
MIN_WORDS = 10
"""A page whose main text is shorter than this holds no report (a menu, a cookie notice)."""


def _paragraphs(lines: list[str], title: str) -> str:
    kept = [" ".join(line.split()) for line in lines if line.strip()]
    if kept and title and kept[0].casefold() == " ".join(title.split()).casefold():
        kept = kept[1:]
    return "\n\n".join(kept)


def html_document(data: bytes | str, *, source: str, url: str = "") -> Document:
    """Return the Document of a news page: main text, title, date, outlet, canonical url, language.

    Paragraphs are separated by blank lines; a first paragraph that repeats the title is dropped.
    A page over the byte or tag cap is refused before it is parsed, and parsing has the time
    budget of a report (`khabar.ingest.limits`).
    The outlet is the site's name, else its host; the url is the canonical one, else `url`.
    """
    limits.check_bytes(len(data), source, "page")
    limits.check_tags(data, source)
    try:
        with limits.time_budget():
            result = trafilatura.bare_extraction(data, url=url or None, with_metadata=True,
                                                 include_comments=False,
                                                 date_extraction_params=_DATE_PARAMS)
    except limits.ReportTimeout as e:
        raise InputError(f"{source}: parsing the page took longer than {e.args[0]:g} s; not read "
                         "(raise --max-seconds or KHABAR_MAX_SECONDS to take it)") from None
    raw = getattr(result, "text", None) or ""
    title = getattr(result, "title", None) or ""
    text = _paragraphs(raw.splitlines(), title)
    if len(text.split()) < MIN_WORDS:
        raise InputError(f"{source}: no article text found; nothing to ingest")
    page_url = getattr(result, "url", None) or url
    if not is_url(page_url):  # a canonical link to file: or javascript: is no report's address
        page_url = url if is_url(url) else ""
    head = data[:20000].encode("utf-8", "replace") if isinstance(data, str) else data[:20000]
    m = _LANG.search(head)
    language = getattr(result, "language", None) or (m[1].decode("ascii") if m else None)
    outlet = (getattr(result, "sitename", None) or host(page_url)
              or getattr(result, "hostname", None) or "")
    return make_document(text, source=source, title=title, outlet=outlet, url=page_url,
                         published=parse_metadata_date(getattr(result, "date", None)),
                         language=language)


def read_html_file(path: Path) -> Document:
    """Return the Document of a saved `.html` page."""
    return html_document(read_bytes(path), source=str(path))


def fragment_text(markup: str) -> str:
    """Return the text of an HTML fragment (a feed's summary or content), paragraphs apart."""
    if not markup or not markup.strip():
        return ""
    try:
        root = lxml_html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return ""
    for bad in root.xpath(".//script|.//style|.//noscript"):
        bad.drop_tree()
    for el in root.iter(*_BLOCKS):
        el.text = "\n\n" + (el.text or "")
        el.tail = "\n\n" + (el.tail or "")
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    return _paragraphs(_PARAGRAPH_BREAK.split(root.text_content()), "")
