"""'The Taliban spokesman said' is no other side's spokesman named before; 'the group said' is an
armed group named before, not the state's forces named after it.

Every text here is written for the test, in the styles of wire services, Afghan, regional and
Myanmar outlets and analysis pieces; none is taken from a report. The theatre's files know the
sides of the people and forces named.
"""

from __future__ import annotations

from datetime import date

import pytest

from khabar.extract.pipeline import Extractor
from khabar.records import Document, document_id


def speakers(extractor: Extractor, text: str) -> list[str | None]:
    doc = Document(document_id(text), text, published=date(2021, 7, 9))
    return [q.speaker for q in extractor.extract(doc).quotes]


@pytest.mark.parametrize(("text", "not_him"), [
    ("Army spokesman Ajmal Omar Shinwari said the forces had regrouped near the city.\n\n"
     "\u201cOur fighters have entered the district centre and the enemy has fled,\u201d the Taliban spokesman said.",
     "Shinwari"),
    ('Defence ministry spokesman Fawad Aman said the army would retake the town.\n\n'
     '"The town is ours and its people are safe," the Taliban spokesman told the agency by phone.', "Aman"),
    ("Interior ministry spokesman Mirwais Stanikzai said police had held the gate overnight.\n\n"
     "\u201cWe control the bazaar and the road to the airport,\u201d the Taliban spokesman said on Sunday.",
     "Stanikzai"),
])
def test_a_sides_spokesman_is_not_the_other_sides_named_before(any_extractor: Extractor, text: str,
                                                                not_him: str) -> None:
    got = speakers(any_extractor, text)
    assert len(got) == 1 and got[0] and not_him not in got[0] and "Taliban" in got[0], got


@pytest.mark.parametrize("text", [
    "Taliban spokesman Zabihullah Mujahid posted a video of the district centre.\n\n"
    "Defence ministry spokesman Fawad Aman said the army would retake it. \u201cWe have captured the "
    "governor's compound,\u201d the Taliban spokesman said later.",
    "Zabihullah Mujahid, the Taliban's spokesman, wrote that the fighters were in the city.\n\n"
    "Army spokesman Ajmal Omar Shinwari denied it. \u201cThe fighters are in every street,\u201d the "
    "Taliban spokesman said in a second message.",
    "Taliban spokesman Zabihullah Mujahid spoke by phone.\n\nPolice spokesman Tareq Arian said the gate held. "
    "\u201cThe gate fell at dawn,\u201d the Taliban spokesman insisted.",
])
def test_a_sides_spokesman_is_its_own_spokesman_named_before(any_extractor: Extractor, text: str) -> None:
    got = speakers(any_extractor, text)
    assert got and "Zabihullah Mujahid" in (got[-1] or ""), got


@pytest.mark.parametrize("text", [
    "Taliban fighters entered the town at dawn. Afghan commandos were flown in later in the day.\n\n"
    "\u201cEvery building in the centre is under our control now,\u201d the group said in a message.",
    "The Taliban surrounded the base on Monday, and the Afghan National Army sent reinforcements.\n\n"
    '"Those who surrender will not be harmed," the group said.',
    "Taliban units moved on the airport. Afghan National Police officers left their posts.\n\n"
    "\u201cWe ask the soldiers to go home to their families,\u201d the movement said in a statement.",
])
def test_the_group_is_the_armed_group_named_before_not_the_states_forces(any_extractor: Extractor,
                                                                          text: str) -> None:
    got = speakers(any_extractor, text)
    assert len(got) == 1 and "Taliban" in (got[0] or ""), got
