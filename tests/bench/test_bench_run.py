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
