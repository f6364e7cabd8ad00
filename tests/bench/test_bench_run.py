"""The bench: stages in their own processes, figures as a table and JSON, targets named."""

from __future__ import annotations

import json
from pathlib import Path

from khabar.bench.__main__ import STAGES, TARGETS, main, targets


def test_bench_extracts_the_reports_in_workers_and_writes_the_figures(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "bench.json"
    code = main(["--docs", "40", "--processes", "2", "--only", "extract fast", "--json", str(out),
                 "--keep", str(tmp_path / "work")])
    assert code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    stages = {r["stage"]: r for r in data["stages"]}
    assert list(stages) == ["generate", "extract fast"]
    fast = stages["extract fast"]
    assert fast["docs"] == 40 and fast["words"] == stages["generate"]["words"]
    assert fast["processes"] == 2 and fast["words_per_s"] > 0 and fast["peak_mb"] > 0
    assert "0 errors" in fast["notes"]
    printed = capsys.readouterr().out
    assert "extract fast: " in printed and "(target >= 100,000)" in printed
    assert "Machine: " in printed


def test_every_target_has_a_stage_and_is_judged() -> None:
    names = [n for n, _ in STAGES]
    assert set(TARGETS) <= set(names)
    rows = [{"stage": "extract standard", "words_per_s": 19_999, "peak_mb": 1100.0, "processes": 2},
            {"stage": "extract fast", "words_per_s": 100_000, "peak_mb": 300.0, "processes": 2}]
    assert targets(rows) == [
        "extract standard: 19,999 words/s with 2 processes (target >= 20,000): NOT met",
        "extract standard: peak 1,100 MB (target < 1,024): NOT met",
        "extract fast: 100,000 words/s with 2 processes (target >= 100,000): met",
        "extract fast: peak 300 MB (target < 1,024): met",
    ]


def test_the_real_text_targets_are_judged_beside_the_generated_figures() -> None:
    """Issue 15's targets are judged on the real-text rows (speed.py's measurement), each line
    with the generated reports' figure beside it, and on the kept timelines' rows."""
    rows = [{"stage": "extract fast", "words_per_s": 150_000, "peak_mb": 300.0, "processes": 2},
            {"stage": "density generated", "words_per_s": None, "peak_mb": None, "candidate_share": 0.94},
            {"stage": "density eval-dev", "words_per_s": None, "peak_mb": None, "candidate_share": 0.97},
            {"stage": "real standard", "words_per_s": 9_000, "peak_mb": 500.0, "ratio": 2.5},
            {"stage": "real fast", "words_per_s": 99_000, "peak_mb": 200.0, "ratio": 16.0},
            {"stage": "as-of 1,000,000", "words_per_s": None, "peak_mb": 100.0, "states_ms": 19.9,
             "states_first_ms": 60.0},
            {"stage": "timeline 100 days 1,000,000", "words_per_s": None, "peak_mb": 100.0, "timeline_ms": 1000.0}]
    lines = targets(rows)[2:]
    assert lines[0] == "candidate sentences: generated 94.0%, eval-dev 97.0% (the generated reports should match the real ones)"
    assert lines[1].startswith("standard pipeline on real text: 2.5x") and lines[1].endswith(": met")
    assert lines[2].startswith("fast pipeline on real text: 16.0x") and ": NOT met;" in lines[2]  # under 100,000 words/s
    assert lines[2].endswith("generated reports: 150,000 words/s")
    assert lines[3].endswith("(target < 20 ms): met") and "60.0 ms the first" in lines[3]
    assert lines[4] == "timeline 100 days 1,000,000: 1000.0 ms (target < 1000 ms): NOT met"
