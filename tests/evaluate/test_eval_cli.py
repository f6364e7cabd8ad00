"""`khabar eval CORPUS_DIR GOLD_DIR` on tiny invented corpora, with the rules-only pipeline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from khabar.cli.main import app

REPORT = """Taliban take Panjwai district

The Taliban captured the Panjwai district of Kandahar province on Sunday, officials said. \
"We will retake every district," said Fawad Aman, a defence ministry spokesman.
"""

GOLD = {
    "document": {"file": "001.txt", "title": "Taliban take Panjwai district", "published": "2021-07-06"},
    "control_changes": [{"district": "Panjwai", "province": "Kandahar", "controller": "taliban",
                         "date": "2021-07-04",
                         "evidence": "The Taliban captured the Panjwai district of Kandahar province on Sunday"}],
    "aggregate_control": [], "meetings": [], "other_events": [], "claims": [],
    "quotes": [{"speaker": "Fawad Aman", "text": "We will retake every district"}],
}

runner = CliRunner()


def write_corpus(root: Path, *, index: bool = True) -> tuple[Path, Path]:
    corpus, gold = root / "corpus", root / "gold"
    corpus.mkdir()
    gold.mkdir()
    (corpus / "001.txt").write_text(REPORT, encoding="utf-8")
    if index:
        (corpus / "index.jsonl").write_text(json.dumps(
            {"id": "001", "published": "2021-07-06", "title": "Taliban take Panjwai district",
             "outlet": "Example Post", "url": "https://example.org/1"}) + "\n", encoding="utf-8")
    (gold / "001.json").write_text(json.dumps(GOLD), encoding="utf-8")
    return corpus, gold


def run(*args: object) -> object:
    return runner.invoke(app, ["eval", *map(str, args), "--pipeline", "fast"])


def test_eval_prints_one_row_per_kind(tmp_path):
    corpus, gold = write_corpus(tmp_path)
    result = run(corpus, gold)
    assert result.exit_code == 0, result.output
    for word in ("kind", "F1", "control", "meetings", "claims", "quotes", "assessments",
                 "1 document(s) scored", "words/s"):
        assert word in result.output


def test_eval_json_parses(tmp_path):
    corpus, gold = write_corpus(tmp_path)
    result = run(corpus, gold, "--json", "--errors")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["documents"] == 1
    assert set(data["kinds"]) == {"control_changes", "meetings", "other_events", "claims", "quotes",
                                  "assessments"}
    assert data["kinds"]["control_changes"]["gold"] == 1
    assert data["per_document"][0]["document"] == "001"
    assert isinstance(data["errors"], list)


def test_eval_without_index_dates_reports_by_their_gold_file(tmp_path):
    corpus, gold = write_corpus(tmp_path, index=False)
    (gold / "001.json").rename(gold / "gold.json")  # matched through document.file
    data = json.loads(run(corpus, gold, "--json").stdout)
    control = data["kinds"]["control_changes"]
    assert control["tp"] == 1
    assert control["attributes"]["date"]["share"] == 1.0  # "on Sunday" before 2021-07-06


def test_eval_errors_lists_misses_with_their_sentence(tmp_path):
    corpus, gold = write_corpus(tmp_path)
    g = json.loads((gold / "001.json").read_text())
    g["meetings"] = [{"parties": ["A", "B"], "date": None, "evidence": "officials said"}]
    (gold / "001.json").write_text(json.dumps(g))
    result = run(corpus, gold, "--errors")
    assert result.exit_code == 0, result.output
    assert "FN meetings 001: CONSULT: A, B, no date" in result.output
    assert "    officials said" in result.output


def test_missing_gold_folder_is_one_line_error(tmp_path):
    corpus, _ = write_corpus(tmp_path)
    missing = tmp_path / "nowhere"
    result = run(corpus, missing)
    assert result.exit_code == 1
    assert result.output == f"Error: {missing}: no such folder; give a folder of gold files (NNN.json)\n"


def test_bad_gold_file_is_reported_and_the_rest_scored(tmp_path):
    corpus, gold = write_corpus(tmp_path)
    (gold / "002.json").write_text("{not json", encoding="utf-8")
    result = run(corpus, gold)
    assert result.exit_code == 0, result.output
    assert (f"Error: {gold / '002.json'}: not valid JSON (Expecting property name enclosed in double "
            "quotes: line 1 column 2); fix the file") in result.output
    assert "1 document(s) scored (1 problem(s) reported above)" in result.output


def test_gold_folder_without_gold_files_is_one_line_error(tmp_path):
    corpus, gold = write_corpus(tmp_path)
    (gold / "001.json").unlink()
    result = run(corpus, gold)
    assert result.exit_code == 1
    assert result.output == f"Error: {gold}: no gold files (NNN.json); give the folder of gold files\n"


def test_gold_file_without_a_report_is_reported(tmp_path):
    corpus, gold = write_corpus(tmp_path)
    (gold / "003.json").write_text(json.dumps({"document": {"file": "003.txt"}}), encoding="utf-8")
    result = run(corpus, gold, "--json")
    assert json.loads(result.stdout)["documents"] == 1
    assert (f"Error: {gold / '003.json'}: no report 003.txt in {corpus}; name it in document.file "
            "or give the .txt the gold file's name") in result.stderr


@pytest.mark.parametrize("pipeline", ["slow"])
def test_unknown_pipeline_is_one_line_error(tmp_path, pipeline):
    corpus, gold = write_corpus(tmp_path)
    result = runner.invoke(app, ["eval", str(corpus), str(gold), "--pipeline", pipeline])
    assert result.exit_code == 1
    assert result.output == "Error: --pipeline 'slow': unknown pipeline; use standard or fast\n"
