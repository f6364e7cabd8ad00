"""The quality gate: extraction scored against each bundled theatre's gold set may not fall below
its floors.

Floors only go up: raise them in eval_floors.json when extraction improves (`make eval` prints
the figures; `khabar eval ... --pipeline fast` those of the rules alone). Each theatre and
pipeline has its floors: precision, recall and F1 of each record kind, and the share of matched
records whose date, district id, speaker or claimant is right. A gold set is its theatre's
sample reports written for khabar, never an outlet's text. (The Afghan floors were set anew
when its set grew from 77 to 82 reports with the NRF's; Myanmar's gold leaves assessments out.)
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from khabar.evaluate.runner import evaluate
from khabar.extract.pipeline import Extractor
from khabar.theatres.loader import load

FLOORS: dict[str, dict[str, dict[str, dict[str, float]]]] = json.loads(
    (Path(__file__).parent / "eval_floors.json").read_text())
_FIGURES: dict[tuple[str, str], dict[str, Any]] = {}


def figures(theatre: str, pipeline: str) -> dict[str, Any]:
    if (theatre, pipeline) not in _FIGURES:
        samples = load(theatre).samples
        _FIGURES[theatre, pipeline] = evaluate(samples / "corpus", samples / "gold",
                                               extractor=Extractor(theatre, mode=pipeline)).figures
    return _FIGURES[theatre, pipeline]


def figure(kinds: dict[str, Any], kind: str, name: str) -> float | None:
    scores = kinds[kind]
    if name in ("precision", "recall", "f1"):
        return scores[name]
    share: float | None = scores["attributes"][name]["share"]
    return share


CASES = [pytest.param(t, p, k, f, marks=[pytest.mark.model] if p == "standard" else [],
                      id=f"{t}-{p}-{k}-{f}")
         for t, pipelines in FLOORS.items() for p, kinds in pipelines.items()
         for k, fs in kinds.items() for f in fs]


@pytest.mark.parametrize("theatre,pipeline,kind,name", CASES)
def test_extraction_does_not_fall_below_its_floor(theatre: str, pipeline: str, kind: str, name: str) -> None:
    got = figure(figures(theatre, pipeline), kind, name)
    floor = FLOORS[theatre][pipeline][kind][name]
    assert got is not None and got >= floor, \
        f"{theatre} {pipeline} {kind} {name} fell to {got} (floor {floor})"


def test_every_theatre_kind_and_pipeline_has_floors() -> None:
    kinds = {"control_changes", "meetings", "other_events", "claims", "quotes"}
    from khabar.theatres.loader import installed
    assert set(FLOORS) == set(installed())
    for theatre, pipelines in FLOORS.items():
        assert set(pipelines) == {"standard", "fast"}
        for floors in pipelines.values():
            expected = kinds | ({"assessments"} if theatre.startswith("afghanistan") else set())
            assert set(floors) == expected
            assert all({"precision", "recall", "f1"} <= set(f) for f in floors.values())
