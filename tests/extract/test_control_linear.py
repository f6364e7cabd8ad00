"""Place matching grows with the names a report holds, not with their square (issue 13).

The work is counted, not timed: how often control compares a place with a trigger's gap, and how
often merging compares two records, for a report of N names and of 2N; and a report of 3,000
names runs through `khabar extract` in a subprocess with a generous time limit.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from khabar.extract import control
from khabar.extract.pipeline import Extractor
from khabar.records import Document
from khabar.theatres.loader import load


def _names(n: int) -> list[str]:
    names = [d.name for d in load().districts.values()]
    return [names[i % len(names)] for i in range(n)]


def _one_sentence(n: int) -> str:
    return "The Taliban captured " + ", ".join(_names(n)) + " districts on Sunday."


def _many_sentences(n: int) -> str:
    return " ".join(f"Insurgents overran {x} on Sunday, and security forces retook it." for x in _names(n))


def _many_triggers(n: int) -> str:
    """One sentence of n names and n/2 triggers: every place might belong to every verb."""
    names = _names(n)
    verbs = ("captured", "seized", "overran", "took control of")
    return "Insurgents " + ", ".join(f"{verbs[k % 4]} {names[2 * k]} and {names[2 * k + 1]}"
                                     for k in range(n // 2)) + " on Sunday."


def _count(monkeypatch: pytest.MonkeyPatch, name: str) -> Callable[[], int]:
    calls = [0]
    real = getattr(control, name)

    def counted(*args: Any, **kw: Any) -> Any:
        calls[0] += 1
        return real(*args, **kw)

    monkeypatch.setattr(control, name, counted)
    return lambda: calls[0]


@pytest.mark.parametrize("make", [_one_sentence, _many_sentences, _many_triggers])
@pytest.mark.parametrize("counted", ["_noise_between", "_same_place", "_distance"])
def test_the_comparisons_a_report_costs_stay_a_few_per_name(
        fast_extractor: Extractor, monkeypatch: pytest.MonkeyPatch, make: Callable[[int], str],
        counted: str) -> None:
    # (the gazetteer has fewer names than 1,600: they repeat, as places do in real reports)
    count = _count(monkeypatch, counted)
    for n in (400, 1600):
        before = count()
        ex = fast_extractor.extract(Document(id=f"n{n}", text=make(n), published=date(2021, 7, 14)))
        assert ex.control_changes
        assert count() - before <= 20 * n, (n, count() - before)


def test_a_report_of_3000_names_is_extracted(tmp_path: Path) -> None:
    report = tmp_path / "names.txt"
    report.write_text("Districts\n\n" + _one_sentence(3000) + "\n\n" + _many_sentences(3000) + "\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", "from khabar.cli.main import app; app()", "extract", str(report),
                           "--pipeline", "fast", "--published", "2021-07-14", "--json"],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-500:]
    assert '"control_changes"' in done.stdout
