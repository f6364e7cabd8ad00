"""An event told in the passive: the agent after "by" acted, the subject is who it befell.
Sentences written for these tests, in several outlets' styles."""

from __future__ import annotations

from datetime import date

import pytest

from khabar.extract.pipeline import Extractor
from khabar.records import Document, Event, document_id

PUBLISHED = date(2021, 8, 7)


def events(extractor: Extractor, text: str, etype: str) -> list[Event]:
    ex = extractor.extract(Document(document_id(text), text, published=PUBLISHED))
    return [e for e in ex.events if e.type == etype and e.status == "happened"]


@pytest.mark.parametrize("text", [
    "KABUL, Aug 6 (Wire) - A district governor was shot dead by Taliban gunmen in Kunduz on Friday.",
    "A police checkpoint was attacked by Taliban fighters in Ghazni late on Thursday, officials said.",
    "In Helmand, two soldiers were reportedly ambushed by Taliban militants on Friday night.",
])
def test_the_agent_after_by_is_the_actor_not_the_victim(any_extractor: Extractor, text: str) -> None:
    (ev,) = events(any_extractor, text, "ASSAULT")
    assert "taliban" in ev.parties
    assert any("Taliban" in a for a in ev.actors) and not any("Taliban" in t for t in ev.targets)


@pytest.mark.parametrize("text", [
    "The Taliban shot dead a district governor in Kunduz on Friday.",
    "Taliban fighters attacked a police checkpoint in Ghazni late on Thursday, officials said.",
    "Taliban militants ambushed two soldiers in Helmand on Friday night.",
])
def test_the_active_voice_keeps_its_subject_as_actor(any_extractor: Extractor, text: str) -> None:
    (ev,) = events(any_extractor, text, "ASSAULT")
    assert any("Taliban" in a for a in ev.actors)
