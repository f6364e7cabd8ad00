"""Fetching reports over HTTP: one bounded request, errors as one line naming the URL."""

from __future__ import annotations

import http.client
from collections.abc import Callable
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit
from urllib.request import Request, urlopen

from khabar import __version__
from khabar.errors import InputError

Fetch = Callable[[str], tuple[bytes, str]]
"""A function that returns a URL's body and its Content-Type, or raises InputError."""

USER_AGENT = f"khabar/{__version__} (press report reader; Python urllib)"
TIMEOUT = 20.0
MAX_BYTES = 10_000_000
_ACCEPT = ("text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
           "application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5")


def is_url(s: str) -> bool:
    """Return True if `s` is an http(s) URL with a host."""
    parts = urlsplit(s.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def host(url: str) -> str:
    """Return a URL's host name without a leading "www.", or ""."""
    name = (urlsplit(url).hostname or "").lower()
    return name.removeprefix("www.")


def _reason(e: BaseException | str) -> str:
    if isinstance(e, OSError) and e.strerror:
        text = e.strerror
    else:
        text = str(e) or type(e).__name__
    return " ".join(text.split())


def fetch_url(url: str, *, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES) -> tuple[bytes, str]:
    """Return the body and Content-Type of a URL; raise InputError naming it if that fails."""
    request = Request(url, headers={"User-Agent": USER_AGENT, "Accept": _ACCEPT})
    size = f"{max_bytes // 1_000_000} MB" if max_bytes >= 1_000_000 else f"{max_bytes} bytes"
    too_big = InputError(f"{url}: cannot fetch (larger than {size}); save the page and ingest the file")
    try:
        with urlopen(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length", "")
            if length.isdigit() and int(length) > max_bytes:
                raise too_big
            data = response.read(max_bytes + 1)
            content_type = response.headers.get("Content-Type", "")
    except HTTPError as e:
        e.close()
        raise InputError(f"{url}: cannot fetch (HTTP {e.code} {_reason(e.reason)})") from None
    except URLError as e:
        raise InputError(f"{url}: cannot fetch ({_reason(e.reason)})") from None
    except (OSError, http.client.HTTPException, ValueError) as e:
        raise InputError(f"{url}: cannot fetch ({_reason(e)})") from None
    if len(data) > max_bytes:
        raise too_big
    return data, content_type
