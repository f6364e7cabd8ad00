from __future__ import annotations

from pathlib import Path

from khabar.errors import InputError, UnsupportedFormat
from khabar.ingest import read_inputs
from khabar.records import Document


def only_error(path: Path) -> InputError:
    [err] = read_inputs([str(path)])
    assert isinstance(err, InputError)
    return err


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert str(only_error(path)) == f"{path}: empty file; nothing to ingest"


def test_whitespace_only_file_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_text(" \n\n\t \n")
    assert str(only_error(path)) == f"{path}: empty file; nothing to ingest"


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "blob.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    assert str(only_error(path)) == f"{path}: binary file, not text"


def test_binary_file_without_nul_bytes(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(1, 32)) * 20 + bytes(range(128, 160)) * 20)
    assert str(only_error(path)) == f"{path}: binary file, not text"


def test_unsupported_format(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.4\n")
    err = only_error(path)
    assert isinstance(err, UnsupportedFormat)
    assert str(err) == (f"{path}: unsupported format; use .txt, .html, .json, .jsonl, a folder, "
                        "a URL or an RSS/Atom feed")


def test_missing_path() -> None:
    [err] = read_inputs(["no/such/report.txt"])
    assert str(err) == "no/such/report.txt: no such file or folder; check the path"


def test_folder_without_reports(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("nothing to read here")
    assert str(only_error(tmp_path)) == (f"{tmp_path}: no reports in folder; it needs .txt, .html, "
                                         ".json, .jsonl or RSS/Atom feed files")


def test_batch_goes_on_after_bad_inputs(fixtures: Path, tmp_path: Path, closed_port: int) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    inputs = [str(fixtures / "corpus" / "002.txt"), str(empty), str(tmp_path / "report.pdf"),
              f"http://127.0.0.1:{closed_port}/x", str(fixtures / "article.html")]
    results = list(read_inputs(inputs))
    assert [type(r).__name__ for r in results] == ["Document", "InputError", "InputError",
                                                   "InputError", "Document"]
    assert all("\n" not in str(r) for r in results if isinstance(r, InputError))
    assert isinstance(results[-1], Document) and results[-1].outlet == "The Kabul Ledger"


def test_a_bad_file_in_a_folder_does_not_stop_the_folder(fixtures: Path, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.txt").write_text((fixtures / "corpus" / "002.txt").read_text())
    results = list(read_inputs([str(tmp_path)]))
    assert [type(r).__name__ for r in results] == ["InputError", "Document"]
