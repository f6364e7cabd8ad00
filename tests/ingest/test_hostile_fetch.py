"""Feeds and pages are written by someone else: their links must not reach local files or the
machine's own network (SSRF). Every server here listens on loopback, which is refused unless the
test allows private addresses, as `--allow-private` does."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from khabar.errors import InputError, UnsupportedFormat
from khabar.ingest import limits, read_inputs
from khabar.ingest import urls as urls_module
from khabar.ingest.urls import address_problem, fetch_url
from khabar.records import Document

SECRET = "The vault code is 4711 and the internal wiki says the payroll server is db-07."
ARTICLE = ("<html><head><title>Market reopens in Herat</title></head><body><article><p>"
           + "Traders in Herat reopened the main bazaar on Tuesday after a week of closures, "
           "shopkeepers said, and prices of flour fell slightly. " * 3 + "</p></article></body></html>")
PRIVATE_PAGE = ("<html><head><title>Internal</title></head><body><article><p>"
                + (SECRET + " ") * 4 + "</p></article></body></html>")

Routes = dict[str, tuple[int, dict[str, str], bytes]]


def rss(*links: str, summary: str = "Teaser only.") -> bytes:
    items = "".join(f"<item><title>Item {i}</title><link>{link}</link><description>{summary}"
                    "</description><pubDate>Tue, 20 Jul 2021 08:00:00 +0000</pubDate></item>"
                    for i, link in enumerate(links, 1))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
            f"<link>https://wire.example.org/</link>{items}</channel></rss>").encode()


class _Site(ThreadingHTTPServer):
    routes: Routes
    hits: list[str]
    base: str


class _Handler(BaseHTTPRequestHandler):
    server: _Site

    def do_GET(self) -> None:
        self.server.hits.append(self.path)
        status, headers, body = self.server.routes.get(self.path, (404, {}, b"not here"))
        self.send_response(status)
        for k, v in {"Content-Type": "text/html; charset=utf-8", **headers}.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def site() -> Iterator[Callable[[str], _Site]]:
    """Return `start(host)`: a server on that loopback address, its routes to fill in."""
    started: list[_Site] = []

    def start(host: str = "127.0.0.1") -> _Site:
        s = _Site((host, 0), _Handler)
        s.routes, s.hits = {}, []
        s.base = f"http://{host}:{s.server_address[1]}"
        threading.Thread(target=s.serve_forever, daemon=True).start()
        started.append(s)
        return s
    yield start
    for s in started:
        s.shutdown()
        s.server_close()


def texts(results: list[Any]) -> str:
    return " ".join(r.text for r in results if isinstance(r, Document))


def errors(results: list[Any]) -> list[str]:
    return [str(r) for r in results if isinstance(r, InputError)]


# -- links to local files -------------------------------------------------------------------

@pytest.mark.parametrize("form", ["file:{path}", "file://localhost{path}", "file://{path}"])
def test_a_feed_link_to_a_local_file_is_not_opened(tmp_path: Path, form: str) -> None:
    secret = tmp_path / "page.html"
    secret.write_text(PRIVATE_PAGE)
    link = form.format(path=secret)
    feed = rss(link)
    results = list(read_inputs(["https://wire.example.org/feed.xml"],
                               fetch=lambda url: (feed, "application/rss+xml") if url.endswith("feed.xml")
                               else fetch_url(url)))
    assert "vault code" not in texts(results)
    [err] = errors(results)  # the link as feedparser gives it: file://tmp/... for file:///tmp/...
    assert err.startswith("file:") and err.endswith(f"{secret.name}: not followed (only http and https "
                                                    "links are fetched); kept the feed's 2-word summary")
    [doc] = [r for r in results if isinstance(r, Document)]
    assert doc.url == ""  # a file: link is not kept as the report's address


def test_fetch_url_refuses_other_schemes(tmp_path: Path) -> None:
    secret = tmp_path / "page.html"
    secret.write_text(PRIVATE_PAGE)
    for url in (f"file://{secret}", "ftp://127.0.0.1/pub/x.html", "data:text/html,<p>x</p>"):
        with pytest.raises(InputError) as e:
            fetch_url(url)
        assert "scheme is not supported; only http and https links are followed" in str(e.value)


@pytest.mark.parametrize("arg", ["ftp://mirror.example.org/reports/a.txt", "file:///etc/hostname",
                                 "file://localhost/etc/hostname", "gopher://example.org/1"])
def test_an_argument_of_another_scheme_says_so(arg: str) -> None:
    [err] = read_inputs([arg])
    assert isinstance(err, UnsupportedFormat)
    scheme = arg.split(":")[0]
    assert str(err) == (f"{arg}: the {scheme}: scheme is not supported; give an http(s) URL, "
                        "a file or a folder")


# -- links to this machine and its network ---------------------------------------------------

def test_a_link_to_a_loopback_page_is_refused(site: Callable[[str], _Site]) -> None:
    internal = site("127.0.0.1")
    internal.routes["/secret"] = (200, {}, PRIVATE_PAGE.encode())
    feed = rss(f"{internal.base}/secret")
    results = list(read_inputs(["https://wire.example.org/feed.xml"],
                               fetch=lambda url: (feed, "application/rss+xml") if url.endswith("feed.xml")
                               else fetch_url(url)))
    assert internal.hits == []  # no request reached it
    assert "vault code" not in texts(results)
    [err] = errors(results)
    assert err == (f"{internal.base}/secret: cannot fetch (refused: 127.0.0.1 is a loopback address; "
                   "kept the feed's 2-word summary")


def test_a_host_name_is_checked_after_dns_resolution(site: Callable[[str], _Site]) -> None:
    internal = site("127.0.0.1")
    internal.routes["/secret"] = (200, {}, PRIVATE_PAGE.encode())
    url = f"http://localhost:{internal.server_address[1]}/secret"
    [err] = read_inputs([url])
    assert internal.hits == []
    assert str(err).startswith(f"{url}: cannot fetch (refused: localhost is 127.0.0.1, a loopback address")


def test_allow_private_fetches_from_loopback(site: Callable[[str], _Site]) -> None:
    internal = site("127.0.0.1")
    internal.routes["/report"] = (200, {}, ARTICLE.encode())
    with limits.limits(allow_private=True):
        [doc] = read_inputs([f"{internal.base}/report"])
    assert isinstance(doc, Document) and doc.title == "Market reopens in Herat"


def test_every_redirect_is_checked_again(site: Callable[[str], _Site],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """A public page that redirects into the private network is refused at the second hop: here
    127.0.0.1 stands for a public address and 127.0.0.2 for a private one."""
    public, internal = site("127.0.0.1"), site("127.0.0.2")
    real = urls_module.address_problem
    monkeypatch.setattr(urls_module, "address_problem", lambda ip: None if ip == "127.0.0.1" else real(ip))
    internal.routes["/secret"] = (200, {}, PRIVATE_PAGE.encode())
    public.routes["/story"] = (302, {"Location": f"{internal.base}/secret"}, b"")
    public.routes["/plain"] = (200, {}, ARTICLE.encode())
    [doc] = read_inputs([f"{public.base}/plain"])  # the stand-in public address itself is fetched
    assert isinstance(doc, Document)
    [err] = read_inputs([f"{public.base}/story"])
    assert public.hits == ["/plain", "/story"] and internal.hits == []
    assert str(err).startswith(f"{public.base}/story: cannot fetch (refused: 127.0.0.2 is a loopback address")


@pytest.mark.parametrize("target", ["ftp://127.0.0.1/pub/report.html", "file:///etc/passwd"])
def test_a_redirect_to_another_scheme_is_refused(site: Callable[[str], _Site], target: str) -> None:
    server = site("127.0.0.1")
    server.routes["/go"] = (302, {"Location": target}, b"")
    with limits.limits(allow_private=True):
        [err] = read_inputs([f"{server.base}/go"])
    scheme = target.split(":")[0]
    assert str(err) == (f"{server.base}/go: cannot fetch (refused a redirect to {scheme}: URL {target}; "
                        "only http and https are followed)")


def test_a_redirect_loop_ends(site: Callable[[str], _Site]) -> None:
    server = site("127.0.0.1")
    server.routes["/a"] = (302, {"Location": "/b"}, b"")
    server.routes["/b"] = (302, {"Location": "/a"}, b"")
    with limits.limits(allow_private=True):
        [err] = read_inputs([f"{server.base}/a"])
    assert "cannot fetch (HTTP 302" in str(err) and len(server.hits) <= 12


@pytest.mark.parametrize("ip, problem", [
    ("127.0.0.1", "a loopback address"), ("127.8.9.10", "a loopback address"), ("::1", "a loopback address"),
    ("10.1.2.3", "a private address"), ("172.16.0.9", "a private address"), ("192.168.1.1", "a private address"),
    ("fd00::5", "a private address"), ("169.254.169.254", "a link-local address"),
    ("fe80::1", "a link-local address"), ("224.0.0.251", "a multicast address"),
    ("ff02::1", "a multicast address"), ("0.0.0.0", "an unspecified address"),
    ("::ffff:127.0.0.1", "a loopback address"), ("240.0.0.1", "a private address"),
    ("100.64.0.1", "not a public address"),
    ("8.8.8.8", None), ("2a00:1450:4001:80b::200e", None), ("93.184.215.14", None),
])
def test_which_addresses_are_private(ip: str, problem: str | None) -> None:
    assert address_problem(ip) == problem


# -- links in a folder -----------------------------------------------------------------------

def test_a_link_out_of_an_ingested_folder_is_not_read(tmp_path: Path) -> None:
    outside = tmp_path / "private"
    outside.mkdir()
    (outside / "notes.txt").write_text(SECRET)
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.txt").write_text("Kunduz falls\n\nThe Taliban captured Kunduz city on Sunday, officials said.\n")
    (folder / "x.txt").symlink_to(outside / "notes.txt")
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    (folder / "sub").symlink_to(outside, target_is_directory=True)  # folders linked out: not walked
    (folder / "same.txt").symlink_to(folder / "a.txt")  # a link inside the folder is read
    results = list(read_inputs([str(folder)]))
    assert "vault code" not in texts(results) and "root:" not in texts(results)
    assert errors(results) == [
        f"{folder / 'passwd.txt'}: a link to /etc/passwd, outside the folder; not read",
        f"{folder / 'x.txt'}: a link to {outside / 'notes.txt'}, outside the folder; not read",
    ]
    assert sorted(r.source for r in results if isinstance(r, Document)) == [str(folder / "a.txt"),
                                                                            str(folder / "same.txt")]


def test_a_file_the_user_names_is_read_even_through_a_link(tmp_path: Path) -> None:
    (tmp_path / "real.txt").write_text("Kunduz falls\n\nThe Taliban captured Kunduz city on Sunday.\n")
    (tmp_path / "link.txt").symlink_to(tmp_path / "real.txt")
    [doc] = read_inputs([str(tmp_path / "link.txt")])
    assert isinstance(doc, Document) and doc.title == "Kunduz falls"


def test_an_index_linked_out_of_the_folder_is_not_read(tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.jsonl"
    outside.write_text('{"id": "a", "title": "Injected title"}\n')
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "a.txt").write_text("The Taliban captured Kunduz city on Sunday, officials said.\n")
    (folder / "index.jsonl").symlink_to(outside)
    results = list(read_inputs([str(folder)]))
    assert errors(results) == [f"{folder / 'index.jsonl'}: a link to {outside}, outside the folder; not read"]
    [doc] = [r for r in results if isinstance(r, Document)]
    assert doc.title != "Injected title"
