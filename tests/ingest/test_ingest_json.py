from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

from khabar.errors import InputError
from khabar.ingest import read_inputs
from khabar.records import Document


def test_json_list_with_alternative_keys(fixtures: Path) -> None:
    first, second = read_inputs([str(fixtures / "reports.json")])
    assert isinstance(first, Document) and isinstance(second, Document)
    assert first.title == "Border crossing reopens for trade"
    assert first.published == date(2021, 8, 2)
    assert first.url == "https://dispatch.example.com/border-reopens"
    assert first.source == f"{fixtures / 'reports.json'} item 1"
    assert second.text.startswith("A convoy carrying flour")  # "body"
    assert second.outlet == "Northern Dispatch"  # "source"
    assert second.published == date(2021, 8, 3)  # "date", written out


def test_json_single_object(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"title": "Kabul airport", "content": "Flights left Kabul on time."}))
    [doc] = read_inputs([str(path)])
    assert isinstance(doc, Document)
    assert (doc.title, doc.text, doc.source) == ("Kabul airport", "Flights left Kabul on time.", str(path))


def test_jsonl_bad_line_is_one_error_and_the_rest_go_on(fixtures: Path) -> None:
    path = fixtures / "reports.jsonl"
    results = list(read_inputs([str(path)]))
    assert [type(r).__name__ for r in results] == ["Document", "InputError", "Document"]
    assert str(results[1]) == (f"{path}:2: not valid JSON (Unterminated string starting at: "
                               "column 34); fix or remove the line")
    assert isinstance(results[2], Document)
    assert results[2].title == "Flights resume at Mazar-e Sharif"
    assert results[2].source == f"{path}:3"


def test_jsonl_record_without_text_or_with_a_bad_date(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text('{"title": "No body here"}\n[1, 2]\n'
                    '{"text": "Fighting went on.", "published": "soonish"}\n')
    messages = [str(r) for r in read_inputs([str(path)])]
    assert messages == [
        f'{path}:1: no text; give "text", "body" or "content"',
        f"{path}:2: not a JSON object; give one object per report",
        f"{path}:3: published 'soonish' is not a date; use YYYY-MM-DD",
    ]


def test_broken_json_file_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"text": "cut')
    [err] = read_inputs([str(path)])
    assert str(err) == (f"{path}: not valid JSON (Unterminated string starting at: line 1 column 10); "
                        "fix the file")


def test_folder_mixing_formats_is_read_in_name_order(fixtures: Path, tmp_path: Path) -> None:
    shutil.copytree(fixtures / "corpus", tmp_path / "corpus")
    shutil.copy(fixtures / "article.html", tmp_path / "b-page.html")
    shutil.copy(fixtures / "reports.jsonl", tmp_path / "c-reports.jsonl")
    (tmp_path / "d").mkdir()
    shutil.copy(fixtures / "feed.atom", tmp_path / "d" / "wire.atom")
    (tmp_path / "notes.md").write_text("Not a report format khabar reads.")
    (tmp_path / ".hidden.txt").write_text("A hidden file is skipped.")
    results = list(read_inputs([str(tmp_path)]))
    assert [r.source if isinstance(r, Document) else str(r).split(": ")[0] for r in results] == [
        str(tmp_path / "notes.md"),  # skipped, with one line
        str(tmp_path / "b-page.html"),
        f"{tmp_path / 'c-reports.jsonl'}:1",
        f"{tmp_path / 'c-reports.jsonl'}:2",
        f"{tmp_path / 'c-reports.jsonl'}:3",
        str(tmp_path / "corpus" / "001.txt"),
        str(tmp_path / "corpus" / "002.txt"),
        str(tmp_path / "d" / "wire.atom"),
        str(tmp_path / "d" / "wire.atom"),
    ]
    corpus_001 = results[5]
    assert isinstance(corpus_001, Document) and corpus_001.outlet == "Frontier Daily"


def test_index_jsonl_given_alone_is_an_error(fixtures: Path) -> None:
    path = fixtures / "corpus" / "index.jsonl"
    [err] = read_inputs([str(path)])
    assert str(err) == (f"{path}: the index of a folder of .txt reports, not reports; "
                        "ingest the folder instead")


def test_bad_index_line_is_reported_once(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Title A\n\nThe first report says little.")
    (tmp_path / "b.txt").write_text("Title B\n\nThe second report says less.")
    (tmp_path / "index.jsonl").write_text('{"id": "a", "outlet": "Outlet A"}\n{"title": "no id"}\n')
    results = list(read_inputs([str(tmp_path)]))
    assert [str(r) for r in results if isinstance(r, InputError)] == [
        f'{tmp_path / "index.jsonl"}:2: no "id"; give the name of a .txt file without .txt']
    assert [r.outlet for r in results if isinstance(r, Document)] == ["Outlet A", ""]
