"""Fixtures for the render tests: the bundled theatre and a handful of district states."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from khabar.compile.control_as_of import Counts, control_as_of, count
from khabar.compile.sides import Sides
from khabar.records import DistrictState, Observation
from khabar.theatres.loader import Theatre, load

AS_OF = date(2021, 8, 10)
TRICKY = 'Officials said: "Nad Ali, Marja and Lashkar Gah fell",\nthen left <b>&amp; a 50/50 split.'


def observation(theatre: Theatre, did: str, controller: str, day: date, **kw: str) -> Observation:
    """Return an observation of one district, with sample report metadata."""
    d = theatre.districts[did]
    meta = {"evidence": f"{d.name} district {controller}.", "outlet": "Example News",
            "title": f"Fighting in {d.province}", "url": f"https://example.org/{did}"}
    meta.update(kw)
    return Observation(f"rec-{did}", f"doc-{did}", did, d.name, d.province, controller,  # type: ignore[arg-type]
                       day, day, meta["evidence"], day, meta["outlet"], meta["title"], meta["url"])


@pytest.fixture(scope="session")
def as_of() -> date:
    return AS_OF


@pytest.fixture(scope="session")
def tricky() -> str:
    """Evidence with commas, quotes and a newline."""
    return TRICKY


@pytest.fixture(scope="session")
def make_observation() -> Callable[..., Observation]:
    return observation


@pytest.fixture(scope="session")
def theatre() -> Theatre:
    return load()


@pytest.fixture(scope="session")
def states(theatre: Theatre) -> list[DistrictState]:
    ids = list(theatre.districts)
    obs = [observation(theatre, did, "taliban", date(2021, 7, 1)) for did in ids[:12]]
    obs += [observation(theatre, did, "government", date(2021, 7, 2)) for did in ids[12:20]]
    obs += [observation(theatre, did, "contested", date(2021, 7, 3)) for did in ids[20:25]]
    obs.append(observation(theatre, ids[30], "taliban", date(2021, 6, 1), evidence=TRICKY))
    return control_as_of(theatre.districts, obs, AS_OF)


@pytest.fixture(scope="session")
def counts(states: list[DistrictState], theatre: Theatre) -> Counts:
    return count(states, AS_OF, Sides.of(theatre))
