"""Events other than meetings: which words make an event of which PLOVER type, and which do not."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from khabar.extract.event_lexicon import TRIGGERS
from khabar.extract.pipeline import Extractor
from khabar.records import Document, Event, document_id

PUBLISHED = date(2021, 7, 8)  # a Thursday


def events(extractor: Extractor, text: str, status: str = "happened") -> list[Event]:
    ex = extractor.extract(Document(document_id(text), text, published=PUBLISHED))
    return [e for e in ex.events if e.type != "CONSULT" and e.status == status]


def kinds(extractor: Extractor, text: str, status: str = "happened") -> list[tuple[str, str]]:
    return [(e.type, e.trigger) for e in events(extractor, text, status)]


def test_a_retreat_goes_somewhere(any_extractor: Extractor) -> None:
    text = ("The Taliban captured Khwahan district in Badakhshan province on Sunday. Some 300 Afghan "
            "soldiers crossed the Panj river into Tajikistan overnight. In Kunduz, the district police "
            "chief withdrew with his men towards Kunduz city.")
    assert kinds(any_extractor, text) == [("RETREAT", "crossed the Panj river"), ("RETREAT", "withdrew")]


def test_fleeing_the_district_is_how_it_fell_not_a_retreat(any_extractor: Extractor) -> None:
    text = ("Afghan forces retook Shinwari district in Parwan province on Tuesday, the defence ministry "
            "said. The Taliban suffered heavy casualties and fled the district, the ministry added.")
    assert [e.type for e in events(any_extractor, text)] == []


def test_families_fleeing_are_not_troops_retreating(any_extractor: Extractor) -> None:
    text = ("Residents said hundreds of families had fled to Pul-e-Khumri as Taliban fighters "
            "approached Baghlan-e-Markazi district on Monday.")
    assert [e.type for e in events(any_extractor, text) if e.type == "RETREAT"] == []


def test_a_campaign_of_attacks_is_not_an_attack_but_one_attack_is(any_extractor: Extractor) -> None:
    text = ("The insurgents have intensified attacks on district centres across the north in recent "
            "months. Government forces have repeatedly shelled Taliban positions around Kandahar city. "
            "Taliban fighters attacked the centre of Dand district in Kandahar province on "
            "Tuesday night, police said.")
    assert [(e.type, e.actors, e.date) for e in events(any_extractor, text)] == [
        ("ASSAULT", ("Taliban",), date(2021, 7, 6))]


def test_clashes_at_a_named_place_are_an_event_without_named_sides(any_extractor: Extractor) -> None:
    text = "Heavy clashes are underway in the centre of Logar province, local officials said on Thursday."
    (e,) = events(any_extractor, text)
    assert (e.type, e.actors, e.targets, e.place) == ("ASSAULT", (), (), "Logar")


def test_an_event_told_again_is_one_record(any_extractor: Extractor) -> None:
    text = ("Tajikistan has deployed 20,000 troops along its border with Afghanistan. President Emomali "
            "Rahmon ordered the deployment of the troops on Monday after Afghan soldiers fled across "
            "the border.")
    assert [e.type for e in events(any_extractor, text)] == ["MOBILIZE", "RETREAT"]


def test_a_threat_to_attack_is_a_threat_and_no_attack(any_extractor: Extractor) -> None:
    text = "The Taliban have threatened to attack Kandahar city, the provincial governor said on Wednesday."
    assert kinds(any_extractor, text) == [("THREATEN", "threatened")]
    assert kinds(any_extractor, text, "planned") == [("ASSAULT", "attack")]


def test_a_call_to_take_up_arms_is_a_request_and_no_mobilisation_yet(any_extractor: Extractor) -> None:
    text = "Veteran commander Ismail Khan has called on residents of Herat to take up arms against the Taliban."
    assert kinds(any_extractor, text) == [("REQUEST", "called on")]
    assert kinds(any_extractor, text, "planned") == [("MOBILIZE", "take up arms")]


def test_an_appeal_for_restraint_is_no_request(any_extractor: Extractor) -> None:
    text = "Russia on Friday urged all sides in Afghanistan to show restraint, the foreign ministry said."
    assert kinds(any_extractor, text) == []


def test_a_place_that_surrenders_changed_hands_but_a_governor_concedes(any_extractor: Extractor) -> None:
    place = "The central province of Daykundi has surrendered to the Taliban without a fight, a lawmaker said."
    assert kinds(any_extractor, place) == []
    person = "The governor of Uruzgan surrendered to the Taliban on Friday, a council member said."
    assert [(e.type, e.targets) for e in events(any_extractor, person)] == [("CONCEDE", ("Taliban",))]


def test_refusing_soldiers_and_closing_a_border_are_events(any_extractor: Extractor) -> None:
    text = ("Uzbekistan has refused to accept Afghan soldiers trying to cross the border. Pakistan "
            "closed its border crossing at Chaman on Wednesday, officials said.")
    assert [e.type for e in events(any_extractor, text)] == ["REJECT", "SANCTION"]


def test_the_two_ministers_agreeing_are_the_parties_of_their_talk(any_extractor: Extractor) -> None:
    text = ("Pakistan's Foreign Minister Shah Mahmood Qureshi held talks with Russian Foreign Minister "
            "Sergei Lavrov in Moscow on Wednesday. The two ministers also agreed to continue "
            "consultations on Afghanistan.")
    (agree,) = [e for e in events(any_extractor, text) if e.type == "AGREE"]
    assert set(agree.actors) == {"Shah Mahmood Qureshi", "Sergei Lavrov"}
    assert agree.date == date(2021, 7, 7)  # agreed at the talks of Wednesday


SAMPLE_REPORTS = Path(__file__).parents[2] / "khabar" / "theatres" / "afghanistan_2021" / "samples" / "corpus"


@pytest.mark.parametrize(("etype", "stems", "pattern"), TRIGGERS, ids=[t for t, _, _ in TRIGGERS])
def test_every_trigger_holds_a_stem_of_its_type(etype: str, stems: tuple[str, ...], pattern: str) -> None:
    # events.match tries a pattern only on sentences holding one of its stems
    rx = re.compile(pattern, re.I)
    found = [m.group() for f in sorted(SAMPLE_REPORTS.glob("*.txt")) for m in rx.finditer(f.read_text())]
    assert found, f"{etype}: no trigger in the sample reports"
    assert [t for t in found if not any(s in t.lower() for s in stems)] == []
