"""Holdings stated as a state: lists of districts "held by", "in the hands of", "under control of" a side.

A tracker's list names who held each district on a day; each district is a control record dated
by that day. Sentences are written for this file; published Wednesday 2021-07-14.
"""

from __future__ import annotations

from datetime import date

import pytest

from khabar.extract.pipeline import Extractor
from khabar.records import Document, document_id

WEDNESDAY = date(2021, 7, 14)


def holdings(extractor: Extractor, text: str) -> list[tuple[str, str | None, str, str | None]]:
    ex = extractor.extract(Document(document_id(text), text, published=WEDNESDAY))
    return [(c.district, c.province, c.controller, c.date.isoformat() if c.date else None)
            for c in ex.control_changes]


LONG_LIST = [("Ab Kamari", "Badghis"), ("Jawand", "Badghis"), ("Qadis", "Badghis"), ("Ghormach", "Badghis"),
             ("Karukh", "Herat"), ("Kohsan", "Herat"), ("Obe", "Herat"), ("Pashtun Zarghun", "Herat"),
             ("Chisht-e Sharif", "Herat"), ("Farsi", "Herat"), ("Gulran", "Herat"), ("Adraskan", "Herat"),
             ("Kushk", "Herat"), ("Ghoryan", "Herat"), ("Zindajan", "Herat"), ("Murghab", "Badghis"),
             ("Injil", "Herat"), ("Shindand", "Herat"), ("Guzara", "Herat"), ("Kushk-e Kuhna", "Herat")]


@pytest.mark.parametrize("text,expected", [
    # a comma list with "and" before "were (all) held by"
    ("By then Ab Kamari, Jawand and Qadis were all held by the Taliban, on Saturday.",
     [(d, "Badghis", "taliban", "2021-07-10") for d in ("Ab Kamari", "Jawand", "Qadis")]),
    # a list too long for a nearby trigger: every item up to the state phrase counts
    ("According to our count, " + ", ".join(d for d, _ in LONG_LIST[:-1]) + " and " + LONG_LIST[-1][0]
     + " were in the hands of the Taliban on Monday.",
     [(d, p, "taliban", "2021-07-12") for d, p in LONG_LIST]),
    # a colon list after the state
    ("Every district of Nimroz was held by the Taliban on Friday: Kang, Chakhansur and Char Burjak.",
     [(d, "Nimroz", "taliban", "2021-07-09") for d in ("Kang", "Chakhansur", "Char Burjak")]),
    # "the map has A and B under Taliban control"
    ("The monitors' map has Nerkh and Jalrez under Taliban control on Monday.",
     [("Nerkh", "Wardak", "taliban", "2021-07-12"), ("Jalrez", "Wardak", "taliban", "2021-07-12")]),
])
def test_a_list_stated_as_held_gives_one_dated_record_per_district(
        any_extractor: Extractor, text: str, expected: list) -> None:
    assert holdings(any_extractor, text) == expected


@pytest.mark.parametrize("text,province", [
    ("In Kandahar, Arghandab and Maiwand were held by the Taliban on Monday.", "Kandahar"),
    ("In Zabul, Mizan and Arghandab were held by the Taliban on Monday.", "Zabul"),
    ("In Faryab, Almar and Kohistan were under Taliban control on Monday.", "Faryab"),
    ("In Paktika, Gomal and Jani Khel were in Taliban hands on Monday.", "Paktika"),
    ("In Paktia, Zurmat and Jani Khel were in Taliban hands on Monday.", "Paktia"),
])
def test_a_namesake_in_a_list_belongs_to_the_province_the_sentence_names(
        any_extractor: Extractor, text: str, province: str) -> None:
    assert {p for _, p, _, _ in holdings(any_extractor, text)} == {province}


def test_namesakes_in_two_provinces_stay_two_records(any_extractor: Extractor) -> None:
    text = ("In Badakhshan, Baharak and Jurm were in Taliban hands on Monday. "
            "In Takhar, Baharak and Farkhar were in Taliban hands on Monday.")
    got = {(d, p) for d, p, _, _ in holdings(any_extractor, text)}
    assert got == {("Baharak", "Badakhshan"), ("Jurm", "Badakhshan"), ("Baharak", "Takhar"),
                   ("Farkhar", "Takhar")}


@pytest.mark.parametrize("text", [
    "Lashkar Gah and Nad Ali were still held by government forces on Monday.",
    "Khanabad and Chahar Dara could fall into Taliban hands within days, officials warned on Monday.",
    "Insurgents threatened Qala-e Naw and Muqur on Monday.",
    "We leave Andarab and Khinjan off the list: reports from there were too thin on Monday.",
])
def test_government_holding_and_hedges_give_no_record(any_extractor: Extractor, text: str) -> None:
    assert holdings(any_extractor, text) == []
