"""`khabar ingest` and `khabar extract` against hostile input: each bad report is one line naming it
and the problem, and every good report of the batch is stored whatever the bad one does."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from khabar.extract.pipeline import ExtractionError, Extractor
from khabar.ingest import limits
from khabar.ingest.budget import Budgeted
from khabar.jobs import ingest
from khabar.records import Document, Extraction
from khabar.store import connect

Run = Callable[..., Result]
STALL = "STALL-MARKER"


def stored_sources(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return sorted(Path(r[0]).name for r in conn.execute("SELECT source FROM documents"))
    finally:
        conn.close()


def copy_samples(samples: Path, folder: Path, *names: str) -> None:
    folder.mkdir(exist_ok=True)
    for name in names:
        (folder / name).write_text((samples / name).read_text(encoding="utf-8"), encoding="utf-8")


def test_a_50_mb_text_is_one_line_and_the_batch_is_stored(run: Run, samples: Path, tmp_path: Path) -> None:
    """The reproduction: a 50 MB .txt ended with "1 error(s)" and no line naming it."""
    folder = tmp_path / "batch"
    copy_samples(samples, folder, "district_taken.txt", "district_retaken.txt")
    with (folder / "huge.txt").open("w", encoding="utf-8") as f:
        for _ in range(50):
            f.write("Fighting continued near the district centre, residents said. " * 16_400)
    result = run("ingest", folder, "--pipeline", "fast")
    assert result.stderr.splitlines() == [
        f"Error: {folder / 'huge.txt'}: file of 50 MB is larger than 10 MB; not read "
        "(raise --max-bytes or KHABAR_MAX_BYTES to take it)"]
    assert result.stdout.startswith("Ingested 2 new report(s) into khabar.db (0 already stored, 1 error(s))")
    assert stored_sources(tmp_path / "khabar.db") == ["district_retaken.txt", "district_taken.txt"]
    assert result.exit_code == 0


def test_a_text_over_the_parsers_length_is_one_line_naming_it(run: Run, samples: Path,
                                                             tmp_path: Path) -> None:
    copy_samples(samples, tmp_path, "district_taken.txt")
    long = tmp_path / "long.txt"
    long.write_text("Fighting continued near the district centre, residents said. " * 100_000)
    result = run("ingest", long, tmp_path / "district_taken.txt", "--pipeline", "fast",
                 "--max-chars", "0", "--max-bytes", "0")
    n = len(long.read_text().strip())
    assert result.stderr.splitlines() == [
        f"Error: {long}: text of {n:,} characters is longer than the 5,000,000 the parser takes; "
        "not stored (lower --max-chars to cut it)"]
    assert result.stdout.startswith("Ingested 1 new report(s) into khabar.db (0 already stored, 1 error(s))")
    assert stored_sources(tmp_path / "khabar.db") == ["district_taken.txt"]


def test_a_long_text_is_cut_with_a_warning_and_stored(run: Run, tmp_path: Path) -> None:
    long = tmp_path / "long.txt"
    long.write_text("Herat update\n\n" + "Fighting continued near the district centre, residents said. " * 20_000)
    result = run("ingest", long, "--pipeline", "fast", "--max-chars", "50000")
    line = result.stderr.splitlines()[0]  # then the extraction's own warnings
    assert line.startswith(f"Warning: {long}: text of 1,219,999 characters cut to its first 49,9")
    assert result.stdout.startswith("Ingested 1 new report(s) into khabar.db (0 already stored, 0 error(s))")


def test_unsupported_files_of_a_folder_are_one_line_each(run: Run, samples: Path, tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    copy_samples(samples, folder, "district_taken.txt")
    (folder / "report.pdf").write_bytes(b"%PDF-1.4\n")
    (folder / "notes.md").write_text("# notes")
    (folder / ".hidden.pdf").write_bytes(b"%PDF-1.4\n")  # hidden files are passed over in silence
    result = run("ingest", folder, "--pipeline", "fast")
    use = "unsupported format; use .txt, .html, .json, .jsonl, a folder, a URL or an RSS/Atom feed"
    assert result.stderr.splitlines() == [f"Error: {folder / 'notes.md'}: skipped ({use})",
                                          f"Error: {folder / 'report.pdf'}: skipped ({use})"]
    assert result.stdout.startswith("Ingested 1 new report(s) into khabar.db (0 already stored, 2 error(s))")


@pytest.mark.parametrize("arg", ["ftp://mirror.example.org/reports/a.txt", "file:///etc/hostname"])
@pytest.mark.parametrize("command", ["ingest", "extract"])
def test_a_url_of_another_scheme_is_not_a_missing_file(run: Run, arg: str, command: str) -> None:
    result = run(command, arg, "--pipeline", "fast")
    scheme = arg.split(":")[0]
    assert result.stderr.splitlines() == [f"Error: {arg}: the {scheme}: scheme is not supported; give an "
                                          "http(s) URL, a file or a folder"]
    assert result.exit_code == 1


@pytest.fixture
def loopback_report(samples: Path) -> Iterator[tuple[str, list[str]]]:
    """A report served on 127.0.0.1, and the paths requested of the server."""
    body = (samples / "district_taken.txt").read_bytes()
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/secret.txt", hits
    server.shutdown()
    server.server_close()


def test_ingest_of_a_loopback_url_needs_allow_private(run: Run, loopback_report: tuple[str, list[str]],
                                                      tmp_path: Path) -> None:
    url, hits = loopback_report
    refused = run("ingest", url, "--pipeline", "fast")
    assert refused.stderr.splitlines() == [
        f"Error: {url}: cannot fetch (refused: 127.0.0.1 is a loopback address; pass --allow-private "
        "(or KHABAR_ALLOW_PRIVATE=1) to fetch from a private network)"]
    assert hits == [] and refused.exit_code == 1
    allowed = run("ingest", url, "--pipeline", "fast", "--allow-private")
    assert allowed.stdout.startswith("Ingested 1 new report(s)") and hits == ["/secret.txt"]


def test_invalid_utf8_is_stored_with_a_warning_line(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "broken.txt"
    path.write_bytes(b"Herat update\n\nTraders in Herat said prices \xff fell \xe2\x80\x94 "
                     b"officials said the bazaar reopened on Tuesday.\n")
    result = run("ingest", path, "--pipeline", "fast")
    assert result.stderr.splitlines() == [f"Warning: {path}: 1 invalid UTF-8 byte sequence(s) replaced "
                                          "with \ufffd; check the file's encoding"]
    assert result.stdout.startswith("Ingested 1 new report(s) into khabar.db (0 already stored, 0 error(s))")
    conn = sqlite3.connect(tmp_path / "khabar.db")
    [(text,)] = conn.execute("SELECT text FROM documents").fetchall()
    assert "prices \ufffd fell \u2014 officials" in text


def test_extract_json_of_a_mixed_jsonl_is_one_json_list(run: Run, samples: Path, tmp_path: Path) -> None:
    lines = [json.dumps({"title": "Panjwayi falls", "published": "2021-07-06",
                         "text": (samples / "district_taken.txt").read_text().split("\n\n", 1)[1]}),
             "{not json",
             json.dumps({"title": "Retaken", "published": "2021-07-12",
                         "text": (samples / "district_retaken.txt").read_text().split("\n\n", 1)[1]})]
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text("\n".join(lines) + "\n")
    result = run("extract", mixed, "--json", "--pipeline", "fast")
    data = json.loads(result.stdout)  # one JSON value
    assert [d["document"]["published"] for d in data] == ["2021-07-06", "2021-07-12"]
    assert [line.split(": ")[:2] for line in result.stderr.splitlines()] == [["Error", f"{mixed}:2"]]


# -- the time budget of a report --------------------------------------------------------------

@pytest.fixture
def stalling(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the record stage of a report holding STALL-MARKER run on for ever, as the place
    matching of a report naming 100,000 districts did (forked workers inherit it)."""
    real = Extractor._records

    def records(self: Extractor, p: Any, sents: Any) -> Extraction:
        while STALL in p.document.text:
            time.sleep(0.01)
        return real(self, p, sents)
    monkeypatch.setattr(Extractor, "_records", records)


def docs(samples: Path) -> list[Document]:
    from khabar.ingest import read_inputs

    out = [d for d in read_inputs([str(samples / n) for n in ("district_taken.txt", "district_retaken.txt",
                                                               "denial.txt")]) if isinstance(d, Document)]
    stall = Document(id="stall", text=f"{STALL} Taliban fighters captured Panjwayi district on Sunday.",
                     title="Stall", outlet="", url="", published=None, language="en", source="stall.txt")
    return [out[0], stall, out[1], out[2]]


@pytest.mark.parametrize("processes, chunk", [(1, 16), (2, 1)])
def test_a_report_past_its_time_budget_is_one_error_and_the_batch_goes_on(
        samples: Path, stalling: None, processes: int, chunk: int) -> None:
    errors: list[str] = []
    extractor = Budgeted(Extractor(mode="fast"), seconds=1, on_error=lambda e: errors.append(str(e)))
    start = time.monotonic()
    results = list(extractor.extract_many(docs(samples), processes=processes, chunk=chunk))
    assert time.monotonic() - start < 30
    assert [r.document.source.split("/")[-1] for r in results] == [
        "district_taken.txt", "stall.txt", "district_retaken.txt", "denial.txt"]
    assert [type(r).__name__ for r in results] == ["Extraction", "ExtractionError", "Extraction", "Extraction"]
    assert errors == ["stall.txt: extraction took longer than 1 s; not stored (raise --max-seconds or "
                      "KHABAR_MAX_SECONDS to take it)"]
    plain = list(Extractor(mode="fast").extract_many([d for d in docs(samples) if d.id != "stall"]))
    assert [r.to_dict() for r in results if not isinstance(r, ExtractionError)] == [r.to_dict() for r in plain]


def test_ingest_stores_every_good_report_around_a_stalled_one(samples: Path, stalling: None,
                                                              tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    copy_samples(samples, folder, "district_taken.txt", "district_retaken.txt")
    (folder / "b-stall.txt").write_text(f"Stalled\n\n{STALL} Taliban fighters captured Panjwayi district.\n")
    conn = connect(tmp_path / "khabar.db")
    rep = ingest(conn, [str(folder)], Budgeted(Extractor(mode="fast"), seconds=1), processes=1)
    assert rep.new == 2 and len(rep.errors) == 1 and rep.errors[0].startswith(f"{folder / 'b-stall.txt'}: extraction took")
    assert stored_sources(tmp_path / "khabar.db") == ["district_retaken.txt", "district_taken.txt"]


def test_a_report_naming_thousands_of_districts_does_not_stall_the_batch(run: Run, samples: Path,
                                                                         tmp_path: Path) -> None:
    """The reproduction: a 1 MB report naming 100,000 districts ran past 300 s and the good report
    before it was never stored. With the caps it is cut, then extracted or given up on in time."""
    from khabar.theatres.loader import load

    names = [d.name for d in load().districts.values()]
    folder = tmp_path / "reports"
    copy_samples(samples, folder, "district_taken.txt", "district_retaken.txt")
    text = " ".join(f"Fighting was reported in {names[i % len(names)]} and" for i in range(30_000))
    (folder / "b-names.txt").write_text(f"Many places\n\n{text} nowhere else.\n")
    assert len(text) > 1_000_000
    start = time.monotonic()
    result = run("ingest", folder, "--pipeline", "fast", "--max-seconds", "5")
    assert time.monotonic() - start < 120
    assert {"district_retaken.txt", "district_taken.txt"} <= set(stored_sources(tmp_path / "khabar.db"))
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"Warning: {folder / 'b-names.txt'}: text of ")  # cut to the cap
    if "b-names.txt" not in stored_sources(tmp_path / "khabar.db"):
        assert lines[1:] == [f"Error: {folder / 'b-names.txt'}: extraction took longer than 5 s; not stored "
                             "(raise --max-seconds or KHABAR_MAX_SECONDS to take it)"]


def test_the_limits_of_one_command_do_not_leak(run: Run, samples: Path) -> None:
    run("extract", samples / "district_taken.txt", "--max-bytes", "5", "--pipeline", "fast")
    assert limits.current().max_bytes == 5  # in force for the rest of this process ...
    limits.reset()
    assert limits.current().max_bytes == limits.MAX_BYTES  # ... until reset, as tests/conftest.py does
