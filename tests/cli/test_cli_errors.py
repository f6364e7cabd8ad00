"""Bad inputs: one `Error: <input>: ...` line each, the batch goes on, exit 1 only if nothing was done."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from khabar.errors import KhabarError
from khabar.store import connect

UNSUPPORTED = "unsupported format; use .txt, .html, .json, .jsonl, a folder, a URL or an RSS/Atom feed"


def make_empty() -> str:
    Path("empty.txt").write_bytes(b"")
    return "empty.txt"


def make_blank() -> str:
    Path("blank.txt").write_text("  \n\n\t\n")
    return "blank.txt"


def make_binary() -> str:
    Path("blob.txt").write_bytes(bytes(range(256)) * 4)
    return "blob.txt"


def make_pdf() -> str:
    Path("report.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    return "report.pdf"


def missing() -> str:
    return "nope.txt"


# (input maker, the one line it gives on stderr)
BAD: dict[str, tuple[Callable[[], str], str]] = {
    "empty": (make_empty, "Error: empty.txt: empty file; nothing to ingest"),
    "blank": (make_blank, "Error: blank.txt: empty file; nothing to ingest"),
    "binary": (make_binary, "Error: blob.txt: binary file, not text"),
    "pdf": (make_pdf, f"Error: report.pdf: {UNSUPPORTED}"),
    "missing": (missing, "Error: nope.txt: no such file or folder; check the path"),
}


@pytest.fixture(params=[*BAD, "closed_port"])
def bad_input(request: pytest.FixtureRequest, run) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """Return a bad input (made in the working folder) and the exact error line it gives."""
    if request.param == "closed_port":
        url = f"http://127.0.0.1:{request.getfixturevalue('closed_port')}/report.html"
        return url, (f"Error: {url}: cannot fetch (refused: 127.0.0.1 is a loopback address; pass "
                     "--allow-private (or KHABAR_ALLOW_PRIVATE=1) to fetch from a private network)")
    make, line = BAD[request.param]
    return make(), line


def test_ingest_reports_a_bad_input_and_goes_on(run, bad_input: tuple[str, str],  # type: ignore[no-untyped-def]
                                                samples: Path) -> None:
    item, line = bad_input
    result = run("ingest", item, samples / "district_taken.txt", "--pipeline", "fast")
    assert result.stderr.splitlines() == [line]
    summary, distinct = result.stdout.splitlines()  # no blank line left by the progress bar
    assert summary.startswith("Ingested 1 new report(s) into khabar.db (0 already stored, 1 error(s)); "
                              "records: 1 control change")
    assert distinct.startswith("Distinct in these reports: 1 control event")
    assert result.exit_code == 0


def test_ingest_of_only_a_bad_input_exits_1(run, bad_input: tuple[str, str]) -> None:  # type: ignore[no-untyped-def]
    item, line = bad_input
    result = run("ingest", item, "--pipeline", "fast")
    assert result.stderr.splitlines() == [line]
    assert result.stdout == "Ingested 0 new report(s) into khabar.db (0 already stored, 1 error(s)).\n"
    assert result.exit_code == 1


def test_extract_reports_a_bad_input_and_goes_on(run, bad_input: tuple[str, str],  # type: ignore[no-untyped-def]
                                                 samples: Path) -> None:
    item, line = bad_input
    result = run("extract", samples / "district_taken.txt", item, "--json", "--pipeline", "fast")
    assert result.stderr.splitlines() == [line]
    assert json.loads(result.stdout)["document"]["published"] == "2021-07-06"
    assert result.exit_code == 0


def test_extract_of_only_a_bad_input_exits_1(run, bad_input: tuple[str, str]) -> None:  # type: ignore[no-untyped-def]
    item, line = bad_input
    result = run("extract", item, "--json", "--pipeline", "fast")
    assert result.stderr.splitlines() == [line]
    assert result.stdout == ""
    assert result.exit_code == 1


def test_extract_table_output_with_one_bad_input_exits_0(run, samples: Path) -> None:  # type: ignore[no-untyped-def]
    make_empty()
    result = run("extract", samples / "district_taken.txt", "empty.txt", "--pipeline", "fast")
    assert result.stderr.splitlines() == ["Error: empty.txt: empty file; nothing to ingest"]
    assert "Panjwayi (AF2704) -> taliban" in result.stdout
    assert result.exit_code == 0


def test_one_line_per_bad_input_in_a_batch(run, samples: Path) -> None:  # type: ignore[no-untyped-def]
    make_empty()
    make_pdf()
    result = run("ingest", "empty.txt", samples / "district_taken.txt", "report.pdf", "nope.txt",
                 samples / "district_retaken.txt", "--pipeline", "fast")
    assert result.stderr.splitlines() == [
        "Error: empty.txt: empty file; nothing to ingest",
        f"Error: report.pdf: {UNSUPPORTED}",
        "Error: nope.txt: no such file or folder; check the path",
    ]
    summary, distinct = result.stdout.splitlines()  # no blank line left by the progress bar
    assert summary.startswith("Ingested 2 new report(s) into khabar.db (0 already stored, 3 error(s)); "
                              "records: 2 control changes")
    assert distinct.startswith("Distinct in these reports: 2 control events")
    assert result.exit_code == 0


def test_bad_file_in_a_folder_is_one_line_and_the_folder_goes_on(run, samples: Path) -> None:  # type: ignore[no-untyped-def]
    Path("reports").mkdir()
    Path("reports/a.txt").write_bytes(b"")
    Path("reports/b.txt").write_text((samples / "district_taken.txt").read_text())
    result = run("ingest", "reports", "--pipeline", "fast")
    assert result.stderr.splitlines() == ["Error: reports/a.txt: empty file; nothing to ingest"]
    assert result.stdout.strip().startswith("Ingested 1 new report(s) into khabar.db (0 already stored, "
                                            "1 error(s))")
    assert result.exit_code == 0


@pytest.mark.parametrize("command", ["ingest", "extract"])
def test_unknown_publication_date_is_refused(run, samples: Path, command: str) -> None:  # type: ignore[no-untyped-def]
    result = run(command, samples / "district_taken.txt", "--published", "notadate", "--pipeline", "fast")
    assert result.stderr == "Error: --published 'notadate': not a date; use YYYY-MM-DD\n"
    assert result.stdout == ""
    assert result.exit_code == 1
    assert not Path("khabar.db").exists() or connect("khabar.db").execute(
        "SELECT count(*) FROM documents").fetchone()[0] == 0


def test_unknown_as_of_date_is_refused(run, samples: Path) -> None:  # type: ignore[no-untyped-def]
    run("ingest", samples / "district_taken.txt", "--pipeline", "fast")
    result = run("control", "--as-of", "someday")
    assert result.stderr == "Error: --as-of 'someday': not a date; use YYYY-MM-DD\n"
    assert result.exit_code == 1


@pytest.mark.parametrize("command", ["control", "map"])
def test_missing_database_is_one_line(run, command: str) -> None:  # type: ignore[no-untyped-def]
    result = run(command, "--db", "missing.db", "--as-of", "2021-07-10")
    assert result.stderr == "Error: missing.db: no such database; run `khabar ingest` first\n"
    assert result.stdout == ""
    assert result.exit_code == 1
    assert not Path("missing.db").exists()


@pytest.mark.parametrize("command", [["ingest", "nope.txt"], ["control"], ["map"]])
def test_db_that_is_a_folder_is_one_line(run, command: list[str]) -> None:  # type: ignore[no-untyped-def]
    Path("data").mkdir()
    result = run(*command, "--db", "data")
    assert result.stderr == "Error: data: is a folder; --db takes a database file\n"
    assert result.exit_code == 1


def test_database_from_a_newer_khabar_is_one_line(run) -> None:  # type: ignore[no-untyped-def]
    conn = connect("khabar.db")
    conn.execute("INSERT INTO schema_migrations VALUES ('m999_from_the_future', '2030-01-01')")
    conn.close()
    result = run("control", "--as-of", "2021-07-10")
    assert result.stderr == ("Error: khabar.db: database schema is newer than this khabar (m999_from_the_future); "
                             "upgrade khabar\n")
    assert result.exit_code == 1


def test_empty_database_without_as_of_asks_for_a_day(run) -> None:  # type: ignore[no-untyped-def]
    connect("khabar.db").close()
    result = run("control")
    assert result.stderr == "Error: khabar.db: no dated reports stored; give --as-of YYYY-MM-DD\n"
    assert result.exit_code == 1


def test_debug_shows_the_exception(run) -> None:  # type: ignore[no-untyped-def]
    result = run("--debug", "control", "--db", "missing.db")
    assert result.exit_code == 1
    assert isinstance(result.exception, KhabarError)
    assert str(result.exception) == "missing.db: no such database; run `khabar ingest` first"
