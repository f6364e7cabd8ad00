"""Events an analyst can map: who acted (both sides of a clash, "the movement" resolved to the
group named before), where it happened (not where forces came from), and the parties and
district ids that follow. Sentences written for these tests, in several outlets' styles."""

from __future__ import annotations

from datetime import date

import pytest

from khabar.extract.pipeline import Extractor
from khabar.records import Document, Event, document_id

PUBLISHED = date(2021, 7, 9)


def events(extractor: Extractor, text: str, etype: str) -> list[Event]:
    ex = extractor.extract(Document(document_id(text), text, published=PUBLISHED))
    return [e for e in ex.events if e.type == etype and e.status == "happened"]


@pytest.mark.parametrize("text", [
    "Fierce fighting between Afghan forces and the Taliban broke out in Kunduz on Sunday.",
    "Heavy clashes between the Taliban and government forces were reported in Ghazni on Monday.",
    "KABUL, July 8 (Wire) - Clashes between Afghan National Defense and Security Forces and Taliban "
    "fighters continued in Kandahar on Thursday.",
])
def test_both_sides_of_a_clash_are_its_actors(extractor: Extractor, text: str) -> None:
    (ev,) = events(extractor, text, "ASSAULT")
    assert not ev.targets and set(ev.parties) == {"government", "taliban"}


@pytest.mark.parametrize("text", [
    "The Taliban issued a statement on Monday. The movement urged all aid organisations to keep working.",
    "A Taliban spokesman spoke on Tuesday. The group urged former officials to return to work.",
    "The Taliban took the border town on Sunday. The insurgents later attacked a police post in Kunduz.",
])
def test_the_movement_or_the_group_is_the_group_named_before(any_extractor: Extractor, text: str) -> None:
    found = [e for t in ("REQUEST", "ASSAULT") for e in events(any_extractor, text, t)]
    assert found and found[-1].parties[:1] == ("taliban",)


@pytest.mark.parametrize("text,place", [
    ("Commandos flown in from Kabul attacked Taliban positions in Arghandab on Sunday.", "Arghandab"),
    ("Reinforcements from Herat city pushed back an assault on Ghoryan on Monday.", "Ghoryan"),
    ("Troops airlifted from Mazar-i-Sharif clashed with the Taliban in Kunduz on Tuesday.", "Kunduz"),
])
def test_an_event_is_where_it_happened_not_where_forces_came_from(any_extractor: Extractor, text: str,
                                                                  place: str) -> None:
    found = [e for t in ("ASSAULT",) for e in events(any_extractor, text, t)]
    assert found and all(e.place == place for e in found)
