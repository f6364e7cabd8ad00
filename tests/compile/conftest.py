"""Observations made to order for the assessment rules."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from khabar.compile.grading import Grader
from khabar.records import Observation
from khabar.theatres.loader import Theatre, load

SENTENCES = {
    "taliban": "Taliban fighters captured {d} district on that day, local officials said.",
    "government": "Afghan forces retook {d} district that day, officials said.",
    "contested": "{d} district is now contested, residents said.",
}
TRIGGERS = {"taliban": "captured", "government": "retook", "contested": "is now contested"}


def make_obs(did: str, controller: str, day: date | None, *, doc: str | None = None,
             published: date | None = None, outlet: str = "Hindukush Wire",
             evidence: str | None = None, trigger: str | None = None, start: int = 0,
             rec: str | None = None) -> Observation:
    """Return an observation of a district: dated `day` (None: undated) in a report `doc`."""
    pub = published or day
    assert pub is not None
    effective = day or pub
    doc = doc or f"{outlet}-{pub}-{controller}"
    return Observation(rec or f"{doc}-{did}-{controller}-{start}", doc, did, did, None,
                       controller, day, effective,  # type: ignore[arg-type]
                       SENTENCES[controller].format(d=did) if evidence is None else evidence,
                       pub, outlet, "", "",
                       None, trigger if trigger is not None else TRIGGERS[controller], start)


@pytest.fixture(scope="session")
def theatre() -> Theatre:
    return load()


@pytest.fixture(scope="session")
def grader(theatre: Theatre) -> Grader:
    return Grader.for_theatre(theatre)


@pytest.fixture(scope="session")
def obs() -> Callable[..., Observation]:
    return make_obs
