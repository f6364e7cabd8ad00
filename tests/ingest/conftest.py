"""A real HTTP server on 127.0.0.1 serving the fixtures, and a port nothing listens on."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import Result

from khabar.ingest import limits

FIXTURES = Path(__file__).parent / "fixtures"

# path -> (fixture file or the body itself, Content-Type).
# Links to ledger.example.org in what is served point at this server.
ROUTES: dict[str, tuple[str | bytes, str]] = {
    "/feed.rss": ("feed.rss", "application/rss+xml; charset=utf-8"),
    "/feed.atom": ("feed.atom", "application/atom+xml"),
    "/feed-labelled-xml": ("feed.rss", "text/xml"),
    "/2021/07/security-forces-retake-qarabagh": ("article.html", "text/html; charset=utf-8"),
    "/notes.txt": ("corpus/001.txt", "text/plain; charset=utf-8"),
    "/report.pdf": (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "application/pdf"),
}


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        self.server.user_agents.append(self.headers.get("User-Agent", ""))
        route = ROUTES.get(self.path)
        if route is None:
            self.send_error(404)
            return
        content, content_type = route
        body = content if isinstance(content, bytes) else (FIXTURES / content).read_bytes()
        body = body.replace(b"https://ledger.example.org", self.server.base.encode())
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    base = ""
    user_agents: list[str]


@pytest.fixture
def allow_private() -> Iterator[None]:
    """Let fetches reach loopback addresses for one test, as `--allow-private` does."""
    with limits.limits(allow_private=True):
        yield


@pytest.fixture
def server(httpd: _Server, allow_private: None) -> _Server:
    """Return the local server, with fetches from loopback allowed for the test."""
    return httpd


@pytest.fixture(scope="session")
def httpd() -> Iterator[_Server]:
    """Return a running local server; `server.base` is its http://127.0.0.1:PORT (fetching from
    it is refused unless the test allows private addresses)."""
    httpd = _Server(("127.0.0.1", 0), _Handler)
    httpd.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.user_agents = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def closed_port() -> int:
    """Return a local port that nothing listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


SAMPLES = Path(__file__).parents[1] / "samples"


@pytest.fixture
def samples() -> Path:
    return SAMPLES


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Return `run(*args)`: invoke `khabar ARGS` in this process from a fresh working folder,
    stdout and stderr apart (wide enough that rich never wraps; KHABAR_* unset)."""
    from typer.testing import CliRunner

    from khabar.cli.main import app

    monkeypatch.chdir(tmp_path)
    env = {"COLUMNS": "300", "KHABAR_DB": None, "KHABAR_ALLOW_PRIVATE": None, "KHABAR_MAX_BYTES": None,
           "KHABAR_MAX_CHARS": None, "KHABAR_MAX_SECONDS": None, "KHABAR_MAX_TAGS": None}

    def invoke(*args: str | Path) -> Result:
        return CliRunner().invoke(app, [str(a) for a in args], env=env)
    return invoke
