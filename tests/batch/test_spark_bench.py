"""The bench's Spark stage: the job in local mode beside the Extractor on the same reports."""

from __future__ import annotations

from pathlib import Path

from khabar.batch.bench import measure
from khabar.bench.generate import generate_reports, write_corpus


def test_spark_row_beside_the_extractors_on_the_same_reports(tmp_path: Path) -> None:
    corpus = write_corpus(generate_reports(30, seed=3), tmp_path / "reports")
    rows = measure(corpus, tmp_path, docs=30, seed=3, cores=(2,))
    assert [r["stage"] for r in rows] == ["extract fast 2 processes", "spark fast local[2]"]
    extract, spark = rows
    assert extract["docs"] == spark["docs"] == 30
    assert spark["words_per_s"] > 0 and extract["words_per_s"] > 0
    assert spark["cores"] == 2 and spark["session_seconds"] > 0
    assert "the pipeline loaded" in spark["notes"] and "x the Extractor's words/s" in spark["notes"]
    assert (tmp_path / "spark-2" / "_khabar.json").is_file()  # the job wrote its tables
