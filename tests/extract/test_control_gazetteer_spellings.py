"""Press spellings of places the gazetteers lacked (places.csv rows marked `curated`): each is read
as its district, in both pipelines, in sentences written here in wire, local and regional styles."""

from __future__ import annotations

from datetime import date

import pytest

from khabar.extract.pipeline import Extractor
from khabar.records import Document, document_id


@pytest.fixture(scope="module", params=["fast", "standard"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def changes(theatre: str, mode: str, text: str, published: date) -> list[tuple[str, str | None, str]]:
    ex = Extractor(theatre, mode=mode)
    recs = ex.extract(Document(document_id(text), text, published=published)).control_changes
    return [(c.district, c.district_id, c.controller) for c in recs]


@pytest.mark.parametrize("text, expected", [
    ("Taliban fighters overran Zibak district of Badakhshan on Sunday, a local official said.",
     [("Zibak", "AF1725", "taliban")]),
    ("The district of Deh Saleh in Baghlan fell to the insurgents late on Saturday.",
     [("Deh Saleh", "AF0908", "taliban")]),
    ("Militants seized Pol-e-Hesar on Saturday after security forces withdrew, residents told us.",
     [("Pol-e-Hesar", "AF0912", "taliban")]),
    ("Bano was captured by the Taliban on Saturday, residents said.", [("Bano", "AF0907", "taliban")]),
])
def test_afghan_press_spellings(mode: str, text: str, expected: list[tuple[str, str, str]]) -> None:
    assert changes("afghanistan_2021", mode, text, date(2021, 7, 5)) == expected


@pytest.mark.parametrize("text, expected", [
    ("PDF fighters captured Kamphat in Tamu Township on Tuesday, a resistance spokesman said.",
     [("Kamphat", "MMR005030", "pdf")]),
    ("Kawling fell to resistance forces on Monday after a week-long siege.", [("Kawling", "MMR005024", None)]),
    ("The Chin National Army seized Rikhawdar on the Indian border on Monday.", [("Rikhawdar", "MMR004001", "chin")]),
    ("Chin resistance fighters took control of Khawmawi on Monday, local media reported.",
     [("Khawmawi", "MMR004001", "chin")]),
])
def test_myanmar_press_spellings(mode: str, text: str, expected: list[tuple[str, str, str | None]]) -> None:
    got = changes("myanmar_2021_24", mode, text, date(2023, 11, 14))
    assert [(d, i) for d, i, _ in got] == [(d, i) for d, i, _ in expected]
    assert all(c == want for (_, _, c), (_, _, want) in zip(got, expected, strict=True) if want)
