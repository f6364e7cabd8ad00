"""Fetching reports over HTTP: one bounded request, errors as one line naming the URL.

Links come from feeds and pages someone else wrote, so a fetch reaches only http(s) URLs and only
public addresses: a host that resolves to a loopback, private, link-local, multicast or reserved
address is refused when the connection is made (after DNS resolution, on every hop of a
redirect), unless the limits in force allow private addresses (`--allow-private`). A redirect
to another scheme (ftp:, file:) is refused. No proxy from the environment is used.
"""

from __future__ import annotations

import http.client
import ipaddress
import re
import socket
import ssl
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.error import HTTPError, URLError
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit
from urllib.request import (
    HTTPDefaultErrorHandler,
    HTTPErrorProcessor,
    HTTPHandler,
    HTTPRedirectHandler,
    HTTPSHandler,
    OpenerDirector,
    Request,
)

from khabar import __version__
from khabar.errors import InputError
from khabar.ingest import limits

Fetch = Callable[[str], tuple[bytes, str]]
"""A function that returns a URL's body and its Content-Type, or raises InputError."""

USER_AGENT = f"khabar/{__version__} (press report reader; Python urllib)"
TIMEOUT = 20.0
MAX_BYTES = limits.MAX_BYTES
SCHEMES = ("http", "https")
_ACCEPT = ("text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
           "application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5")
_PRIVATE_HINT = "pass --allow-private (or KHABAR_ALLOW_PRIVATE=1) to fetch from a private network"


_TRANSIENT = {408, 425, 429, 500, 502, 503, 504}


def _failed(message: str, transient: bool) -> InputError:
    """Return the InputError of a failed fetch; its `transient` says whether trying again later
    may well succeed (a timeout, HTTP 408, 429 or a 5xx answer)."""
    e = InputError(message)
    e.transient = transient  # type: ignore[attr-defined]
    return e


class Refused(OSError):
    """A connection or redirect that the fetch policy does not allow (its message says why)."""


def is_url(s: str) -> bool:
    """Return True if `s` is an http(s) URL with a host."""
    parts = urlsplit(s.strip())
    return parts.scheme.lower() in SCHEMES and bool(parts.netloc)


def other_scheme(s: str) -> str | None:
    """Return the scheme of a URL that is not http(s) ("ftp", "file"), or None."""
    s = s.strip()
    parts = urlsplit(s)
    scheme = parts.scheme.lower()
    if not scheme or scheme in SCHEMES or len(scheme) == 1:  # "C:\\..." is a path
        return None
    return scheme if "://" in s or scheme in ("file", "ftp", "data", "gopher", "jar") else None


def host(url: str) -> str:
    """Return a URL's host name without a leading "www.", or ""."""
    name = (urlsplit(url).hostname or "").lower()
    return name.removeprefix("www.")


def address_problem(ip: str) -> str | None:
    """Return why an IP address may not be fetched from ("a loopback address"), or None."""
    try:
        addr = ipaddress.ip_address(ip.split("%", 1)[0])
    except ValueError:
        return "not an IP address"
    mapped = getattr(addr, "ipv4_mapped", None)
    if mapped is not None:
        addr = mapped
    for kind, bad in (("a loopback", addr.is_loopback), ("a link-local", addr.is_link_local),
                      ("a multicast", addr.is_multicast), ("an unspecified", addr.is_unspecified),
                      ("a private", addr.is_private), ("a reserved", addr.is_reserved)):
        if bad:
            return f"{kind} address"
    if not addr.is_global:
        return "not a public address"
    return None


_DEFAULT_TIMEOUT: Any = getattr(socket, "_GLOBAL_DEFAULT_TIMEOUT", None)


def _safe_create_connection(address: tuple[str, int], timeout: Any = _DEFAULT_TIMEOUT,
                            source_address: Any = None, **_: Any) -> socket.socket:
    """Connect as socket.create_connection does, to the host's checked addresses only."""
    name, port = address
    allow = limits.current().allow_private
    try:
        infos = socket.getaddrinfo(name, port, 0, socket.SOCK_STREAM)
    except socket.gaierror as e:
        raise OSError(e.errno, e.strerror or str(e)) from None
    error: OSError | None = None
    for info in infos:
        ip = str(info[4][0])
        problem = None if allow else address_problem(ip)
        if problem:
            who = f"{ip} is" if name.strip("[]") == ip else f"{name} is {ip},"
            raise Refused(f"refused: {who} {problem}; {_PRIVATE_HINT}")
    for family, kind, proto, _canon, sockaddr in infos:
        sock = socket.socket(family, kind, proto)
        try:
            if timeout is not _DEFAULT_TIMEOUT:
                sock.settimeout(timeout)
            if source_address:
                sock.bind(source_address)
            sock.connect(sockaddr)
            return sock
        except OSError as e:
            error = e
            sock.close()
    raise error or OSError(f"cannot connect to {name}")


class _HTTPConnection(http.client.HTTPConnection):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._create_connection = _safe_create_connection


class _HTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._create_connection = _safe_create_connection


class _HTTP(HTTPHandler):
    def http_open(self, req: Request) -> http.client.HTTPResponse:
        return self.do_open(_HTTPConnection, req)


class _HTTPS(HTTPSHandler):
    def __init__(self) -> None:
        super().__init__(context=ssl.create_default_context())

    def https_open(self, req: Request) -> http.client.HTTPResponse:
        return self.do_open(_HTTPSConnection, req, context=self._context)  # type: ignore[attr-defined]


class _Redirects(HTTPRedirectHandler):
    max_redirections = 5

    def http_error_302(self, req: Request, fp: Any, code: int, msg: str, headers: Any) -> Any:
        location = headers.get("location") or headers.get("uri") or ""
        newurl = urljoin(req.full_url, location.strip())
        scheme = urlsplit(newurl).scheme.lower()
        if location and scheme not in SCHEMES:
            fp.close()
            raise Refused(f"refused a redirect to {scheme}: URL {newurl}; only http and https are followed")
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def opener() -> OpenerDirector:
    """Return an opener that speaks http(s) only, checks every connection's address, follows
    at most 5 redirects to http(s), and uses no proxy."""
    director = OpenerDirector()
    for handler in (_HTTP(), _HTTPS(), _Redirects(), HTTPDefaultErrorHandler(), HTTPErrorProcessor()):
        director.add_handler(handler)
    return director


def _reason(e: BaseException | str) -> str:
    if isinstance(e, OSError) and e.strerror:
        text = e.strerror
    else:
        text = str(e) or type(e).__name__
    return " ".join(text.split())


@dataclass(frozen=True, slots=True)
class Fetched:
    """What a conditional request got: the body and Content-Type (status 200), or nothing
    (status 304: unchanged since the validators sent), and the validators to send next time."""

    status: int
    body: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def fetch_url(url: str, *, timeout: float = TIMEOUT, max_bytes: int | None = None) -> tuple[bytes, str]:
    """Return the body and Content-Type of a URL; raise InputError naming it if that fails.

    Only http(s), only public addresses unless the limits allow private ones; the body is cut
    off at `max_bytes` (default: the limits' `max_bytes`) and refused if it is longer.
    """
    got = fetch_if_changed(url, timeout=timeout, max_bytes=max_bytes)
    return got.body, got.content_type


def fetch_if_changed(url: str, etag: str | None = None, last_modified: str | None = None, *,
                     timeout: float = TIMEOUT, max_bytes: int | None = None) -> Fetched:
    """Fetch a URL as `fetch_url` does, sending If-None-Match / If-Modified-Since when validators
    from an earlier fetch are given; a 304 answer is `Fetched(304)` with no body (it cost the
    server nothing). The answer's ETag and Last-Modified come back for the next request."""
    scheme = urlsplit(url.strip()).scheme.lower()
    if scheme not in SCHEMES:
        raise InputError(f"{url}: not fetched (the {scheme or 'missing'}: scheme is not supported; "
                         "only http and https links are followed)")
    cap = limits.current().max_bytes if max_bytes is None else max_bytes
    headers = {"User-Agent": USER_AGENT, "Accept": _ACCEPT}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    request = Request(url, headers=headers)
    too_big = InputError(f"{url}: cannot fetch (larger than {limits.size(cap)}); save the page and "
                         "ingest the file, or raise --max-bytes")
    try:
        with opener().open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length", "")
            if cap and length.isdigit() and int(length) > cap:
                raise too_big
            data = response.read(cap + 1) if cap else response.read()
            content_type = response.headers.get("Content-Type", "")
            validators = response.headers.get("ETag"), response.headers.get("Last-Modified")
            status = int(getattr(response, "status", 200) or 200)
    except HTTPError as e:
        e.close()
        if e.code == 304 and (etag or last_modified):
            return Fetched(304, etag=e.headers.get("ETag") or etag,
                           last_modified=e.headers.get("Last-Modified") or last_modified)
        raise _failed(f"{url}: cannot fetch (HTTP {e.code} {_reason(e.reason)})", e.code in _TRANSIENT) from None
    except URLError as e:
        raise _failed(f"{url}: cannot fetch ({_reason(e.reason)})", isinstance(e.reason, TimeoutError)) from None
    except (OSError, http.client.HTTPException, ValueError) as e:
        raise _failed(f"{url}: cannot fetch ({_reason(e)})", isinstance(e, TimeoutError)) from None
    if cap and len(data) > cap:
        raise too_big
    return Fetched(status, data, content_type, validators[0] or None, validators[1] or None)


_TRACKING = re.compile(r"(?:utm_\w+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid)$", re.I)
_DEFAULT_PORTS = {"http": 80, "https": 443}


def normalise_url(url: str) -> str:
    """Return the form of a link under which it is remembered: one string for the spellings of
    one page. Scheme (http or https), case of the host, a leading "www.", the default port, the
    fragment, a trailing slash, tracking parameters (utm_*, fbclid...) and the order of the
    other parameters are not told apart: "HTTPS://www.Example.org:443/a/?utm_source=x&b=2&a=1#top"
    is "//example.org/a?a=1&b=2"."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    name = (parts.hostname or "").lower().removeprefix("www.")
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = name if port is None or port == _DEFAULT_PORTS.get(scheme) else f"{name}:{port}"
    path = parts.path or "/"
    if "%" in path:
        path = re.sub(r"%[0-9a-f]{2}", lambda m: m[0].upper(), path)
    if "//" in path:
        path = re.sub(r"/{2,}", "/", path)
    if len(path) > 1:
        path = path.rstrip("/")
    if not parts.query:
        return f"//{netloc}{path}"
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k))
    return f"//{netloc}{path}" + (f"?{urlencode(query)}" if query else "")
