"""The quality gate: extraction scored against the bundled gold set may not fall below its floors.

Floors only go up: raise them in eval_floors.json when extraction improves (`make eval` prints
the figures; `khabar eval ... --pipeline fast` those of the rules alone). Each pipeline has its
floors: precision, recall and F1 of each record kind, and the share of matched records whose
date, district id, speaker or claimant is right. The gold set is the sample reports written for
khabar, never an outlet's text.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from khabar.evaluate.runner import evaluate
from khabar.extract.pipeline import Extractor
from khabar.theatres.loader import load

FLOORS: dict[str, dict[str, dict[str, float]]] = json.loads(
    (Path(__file__).parent / "eval_floors.json").read_text())
_FIGURES: dict[str, dict[str, Any]] = {}


def figures(pipeline: str) -> dict[str, Any]:
    if pipeline not in _FIGURES:
        samples = load().samples
        _FIGURES[pipeline] = evaluate(samples / "corpus", samples / "gold",
                                      extractor=Extractor(mode=pipeline)).figures
    return _FIGURES[pipeline]


def figure(kinds: dict[str, Any], kind: str, name: str) -> float | None:
    scores = kinds[kind]
    if name in ("precision", "recall", "f1"):
        return scores[name]
    share: float | None = scores["attributes"][name]["share"]
    return share


CASES = [pytest.param(p, k, f, marks=[pytest.mark.model] if p == "standard" else [],
                      id=f"{p}-{k}-{f}")
         for p, kinds in FLOORS.items() for k, fs in kinds.items() for f in fs]


@pytest.mark.parametrize("pipeline,kind,name", CASES)
def test_extraction_does_not_fall_below_its_floor(pipeline: str, kind: str, name: str) -> None:
    got = figure(figures(pipeline), kind, name)
    floor = FLOORS[pipeline][kind][name]
    assert got is not None and got >= floor, f"{pipeline} {kind} {name} fell to {got} (floor {floor})"


def test_every_kind_and_pipeline_has_floors() -> None:
    kinds = {"control_changes", "meetings", "other_events", "claims", "quotes", "assessments"}
    assert set(FLOORS) == {"standard", "fast"}
    for floors in FLOORS.values():
        assert set(floors) == kinds
        assert all({"precision", "recall", "f1"} <= set(f) for f in floors.values())
