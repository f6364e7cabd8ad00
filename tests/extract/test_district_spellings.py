"""District names as the press spells them: y and i swap inside a word (Mardyan / Mardian)."""

from __future__ import annotations

from datetime import date

import pytest

from khabar.extract.pipeline import Extractor
from khabar.records import Document
from khabar.theatres.loader import load


@pytest.mark.parametrize("written,district_id", [("Mardian", "AF2809"), ("Nazian", "AF0620"),
                                                  ("Taiwarah", "AF2308")])
def test_a_district_spelt_with_i_for_y_or_y_for_i_is_found(any_extractor: Extractor, written: str,
                                                           district_id: str) -> None:
    doc = Document(id="s", text=f"Taliban fighters captured {written} district on Sunday.",
                   published=date(2021, 7, 20))
    (change,) = any_extractor.extract(doc).control_changes
    assert (change.district, change.district_id, change.controller) == (written, district_id, "taliban")


def test_the_swap_makes_no_two_districts_share_a_name() -> None:
    th = load()
    for name in ("Mardian", "Nazian", "Taiwarah"):
        assert len(th.district_candidates(name)) == 1, name
