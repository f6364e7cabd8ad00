"""Results rendered where they are made: `extract_many(render=f)` yields f(Extraction) in input
order, from worker processes or this one, the same as rendering what one process extracts; a
failing report is its ExtractionError and the rest of its batch goes on; `khabar extract --jsonl`
and `--json` print what the records' to_dict gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from khabar.cli.main import app
from khabar.extract.pipeline import ExtractionError, Extractor
from khabar.ingest.budget import Budgeted
from khabar.records import Document, Extraction, document_id
from tests.extract.conftest import SAMPLES, read_sample


def _line(ex: Extraction) -> str:
    return json.dumps(ex.to_dict(), ensure_ascii=False)


def _bad() -> Document:
    text = "The rebels took the district. " * 170_000  # longer than the rule pipeline takes
    return Document(document_id(text), text, source="too-long.txt")


@pytest.mark.parametrize(("processes", "chunk", "budgeted"), [(1, 16, False), (2, 2, False), (2, 3, True)])
def test_rendered_results_are_those_of_one_process_in_input_order(
        fast_extractor: Extractor, processes: int, chunk: int, budgeted: bool) -> None:
    docs = [read_sample(p.stem) for p in sorted(SAMPLES.glob("*.txt"))[:7]]
    docs.insert(3, _bad())
    many = Budgeted(fast_extractor) if budgeted else fast_extractor
    out = list(many.extract_many(docs, processes=processes, chunk=chunk, render=_line))
    assert len(out) == len(docs)
    assert isinstance(out[3], ExtractionError) and str(out[3]).startswith("too-long.txt: ")
    expected = [_line(fast_extractor.extract(d)) for d in docs[:3] + docs[4:]]
    assert out[:3] + out[4:] == expected  # the other reports of the bad one's batch go on


def test_extract_jsonl_and_json_print_the_records_dicts(fast_extractor: Extractor, tmp_path: Path) -> None:
    names = sorted(p.stem for p in SAMPLES.glob("*.txt"))[:5]
    for n in names:
        (tmp_path / f"{n}.txt").write_text((SAMPLES / f"{n}.txt").read_text(encoding="utf-8"),
                                           encoding="utf-8")
    runner = CliRunner()
    args = ["extract", str(tmp_path), "--pipeline", "fast", "--published", "2021-07-15", "--processes", "2"]
    lines = runner.invoke(app, [*args, "--jsonl"])
    whole = runner.invoke(app, [*args, "--json"])
    assert lines.exit_code == 0 and whole.exit_code == 0
    as_lines = [json.loads(line) for line in lines.stdout.splitlines()]
    assert as_lines == json.loads(whole.stdout)
    assert [d["document"]["title"] for d in as_lines] == [
        fast_extractor.extract(read_sample(n)).document.title for n in names]
