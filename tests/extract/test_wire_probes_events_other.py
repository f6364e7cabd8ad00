"""Events other than meetings as other wires word them: pledges with sums, drone strikes, frozen aid."""

from __future__ import annotations

from datetime import date

from khabar.extract.pipeline import Extractor
from khabar.records import Document, document_id

PUBLISHED = date(2021, 8, 25)  # a Wednesday


def kinds(extractor: Extractor, text: str) -> list[tuple[str, date | None]]:
    ex = extractor.extract(Document(document_id(text), text, published=PUBLISHED))
    return [(e.type, e.date) for e in ex.events if e.status == "happened"]


def test_a_pledge_of_a_sum_in_aid_is_aid(any_extractor: Extractor) -> None:
    text = ("The European Union pledged 200 million euros in humanitarian assistance for Afghans on "
            "Tuesday. Japan has pledged an additional $65 million of aid to Afghanistan.")
    assert [k for k, _ in kinds(any_extractor, text)] == ["AID", "AID"]


def test_a_drone_strike_is_an_attack(any_extractor: Extractor) -> None:
    text = "A U.S. drone strike killed two Islamic State militants in Nangarhar province on Saturday."
    assert kinds(any_extractor, text) == [("ASSAULT", date(2021, 8, 21))]


def test_suicide_bombers_who_attacked_are_one_attack(any_extractor: Extractor) -> None:
    text = "Two suicide bombers and gunmen attacked crowds of Afghans near Kabul airport on Tuesday."
    assert kinds(any_extractor, text) == [("ASSAULT", date(2021, 8, 24))]


def test_halting_aid_is_a_sanction(any_extractor: Extractor) -> None:
    text = "Germany halted development aid to Afghanistan on Tuesday."
    assert kinds(any_extractor, text) == [("SANCTION", date(2021, 8, 24))]


def test_dispatching_tanks_to_a_base_is_a_deployment(any_extractor: Extractor) -> None:
    text = "Russia dispatched additional tanks and helicopters to its base in Tajikistan on Monday."
    assert kinds(any_extractor, text) == [("MOBILIZE", date(2021, 8, 23))]


def test_their_fleeing_names_the_retreat_already_told(any_extractor: Extractor) -> None:
    text = ("About 300 Afghan soldiers crossed into Tajikistan on Monday, Tajik officials said. Kabul "
            "did not comment on the desertion of its troops and their fleeing to Tajikistan.")
    assert kinds(any_extractor, text) == [("RETREAT", date(2021, 8, 23))]


def test_a_concession_in_another_place_is_another_event(any_extractor: Extractor) -> None:
    text = ("Officials surrendered the centre of Gardez district to local elders. The governor "
            "of Khost handed over his office to the mujahideen in the presence of local elders, "
            "spokesman Zabihullah Mujahid said.")
    ex = any_extractor.extract(Document(document_id(text), text, published=PUBLISHED))
    assert [(e.type, e.place) for e in ex.events if e.type == "CONCEDE"] == [
        ("CONCEDE", "Gardez"), ("CONCEDE", "Khost")]


def test_air_strikes_launched_on_a_target_are_an_attack_a_launched_campaign_is_not(
        any_extractor: Extractor) -> None:
    text = ("The Taliban have launched attacks on several provincial capitals since May. Afghan forces "
            "launched air strikes on Taliban hideouts in Kandahar on Tuesday, killing 30 fighters.")
    assert kinds(any_extractor, text) == [("ASSAULT", date(2021, 8, 24))]


def test_border_guards_put_on_high_alert_are_mobilised(any_extractor: Extractor) -> None:
    text = ("Turkmen border guards were put on high alert on Tuesday after the Taliban took Torghundi. "
            "Iranian border guards remained on full alert along the border.")
    assert [k for k in kinds(any_extractor, text) if k[0] == "MOBILIZE"] == [("MOBILIZE", date(2021, 8, 24))]
