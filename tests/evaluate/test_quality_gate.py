"""The quality gate: extraction scored against the bundled gold set may not fall below its floors.

Floors only go up: raise them in eval_floors.json when extraction improves (`make eval` prints
the figures). The gold set is the sample reports written for khabar, never an outlet's text.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from khabar.evaluate.runner import evaluate
from khabar.extract.pipeline import Extractor
from khabar.theatres.loader import load

FLOORS = json.loads((Path(__file__).parent / "eval_floors.json").read_text())


@pytest.fixture(scope="module")
def figures() -> dict:
    samples = load().samples
    return evaluate(samples / "corpus", samples / "gold", extractor=Extractor()).figures


@pytest.mark.model
@pytest.mark.parametrize("kind,figure", [(k, f) for k, fs in FLOORS.items() for f in fs])
def test_extraction_does_not_fall_below_its_floor(figures: dict, kind: str, figure: str) -> None:
    got = figures[kind][figure]
    assert got is not None and got >= FLOORS[kind][figure], (
        f"{kind} {figure} fell to {got:.3f} (floor {FLOORS[kind][figure]})")
