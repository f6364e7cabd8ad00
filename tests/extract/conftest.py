"""One Extractor per session for each pipeline, and the sample reports as Documents."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from khabar.extract.pipeline import Extractor
from khabar.ingest import read_inputs
from khabar.records import Document, Extraction

SAMPLES = Path(__file__).parents[1] / "samples"


def read_sample(name: str) -> Document:
    """Return a sample report as `khabar ingest` reads it (title, body, index metadata)."""
    (doc,) = read_inputs([str(SAMPLES / f"{name}.txt")])
    assert isinstance(doc, Document), doc
    return doc


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """The standard pipeline: rules plus en_core_web_sm (tests using it are marked `model`)."""
    return Extractor()


@pytest.fixture(scope="session")
def fast_extractor() -> Extractor:
    """The rules alone, no statistical model."""
    return Extractor(mode="fast")


@pytest.fixture(params=[pytest.param("standard", marks=pytest.mark.model), "fast"])
def any_extractor(request: pytest.FixtureRequest) -> Extractor:
    """Each pipeline in turn, for behaviour the rules alone must give."""
    return request.getfixturevalue("extractor" if request.param == "standard" else "fast_extractor")


@pytest.fixture(scope="session")
def sample() -> Callable[[str], Document]:
    return read_sample


@pytest.fixture(scope="session")
def extract_sample(extractor: Extractor) -> Callable[[str], Extraction]:
    """Extract a sample report with the standard pipeline."""
    return lambda name: extractor.extract(read_sample(name))
