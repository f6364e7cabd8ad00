"""The day of a meeting the report tells without one, from the meetings it told before, and the
meetings that are not two sides meeting. Every sentence here is written for these tests (wire,
Afghan, regional and analysis styles), none is taken from a report.
"""

from __future__ import annotations

from datetime import date

import pytest

from khabar.extract.pipeline import Extractor
from khabar.records import Document, Event, document_id

PUBLISHED = date(2021, 7, 9)  # a Friday


def meetings(extractor: Extractor, text: str, published: date = PUBLISHED) -> list[Event]:
    ex = extractor.extract(Document(document_id(text), text, published=published))
    return [e for e in ex.events if e.type == "CONSULT" and e.status == "happened"]


@pytest.mark.parametrize("text,day", [
    ("Afghan peace council chief Abdullah Abdullah met Pakistani Prime Minister Imran Khan in Islamabad "
     "on Tuesday. Abdullah later held talks with army chief Qamar Javed Bajwa at the General "
     "Headquarters.", date(2021, 7, 6)),
    ("Iranian Foreign Minister Javad Zarif received the Taliban delegation in Tehran on Wednesday. The "
     "Taliban envoys met with former Afghan vice president Younus Qanooni as well.", date(2021, 7, 7)),
    ("DUSHANBE, July 9 (Wire) - Tajik President Emomali Rahmon met Afghan National Security Adviser "
     "Hamdullah Mohib on Thursday, his office said. Mohib also held talks with Defence Minister Sherali "
     "Mirzo.", date(2021, 7, 8)),
    ("US envoy Zalmay Khalilzad met Pakistani army chief Qamar Javed Bajwa in Rawalpindi on Monday. The "
     "envoy then met Foreign Minister Shah Mahmood Qureshi, the Foreign Office said.", date(2021, 7, 5)),
])
def test_a_meeting_told_without_a_day_takes_the_day_of_the_meetings_told_before(
        any_extractor: Extractor, text: str, day: date) -> None:
    found = meetings(any_extractor, text)
    assert len(found) == 2
    assert [e.date for e in found] == [day, day]


@pytest.mark.parametrize("text", [
    "Chinese Foreign Minister Wang Yi met Mullah Abdul Ghani Baradar in Tianjin on Wednesday. Earlier, "
    "Baradar met with Iranian Foreign Minister Javad Zarif.",
    "Chinese Foreign Minister Wang Yi met Mullah Abdul Ghani Baradar in Tianjin on Wednesday. Baradar had "
    "met Pakistani officials in Islamabad before the trip.",
    "Chinese Foreign Minister Wang Yi met Mullah Abdul Ghani Baradar in Tianjin on Wednesday. The Taliban "
    "leader met Pakistani officials this month as well.",
    "Uzbek Foreign Minister Abdulaziz Kamilov met Taliban envoys in Termez on Monday. The envoys "
    "previously held talks with Turkmen officials in Ashgabat.",
    # the sentence names a day of its own that the meeting does not take
    "Zalmay Khalilzad met Qamar Javed Bajwa in Rawalpindi on Monday. After the envoy visited Kabul, the "
    "Afghan presidency on Wednesday issued a statement welcoming his efforts.",
    "Chinese Foreign Minister Wang Yi met Mullah Abdul Ghani Baradar in Tianjin on Wednesday. Following "
    "talks between the Taliban and Pakistani officials, Islamabad on Thursday reopened the crossing.",
    "Uzbek Foreign Minister Abdulaziz Kamilov met Taliban envoys in Termez on Monday. Before the envoys "
    "held talks with Turkmen officials, Ashgabat on Tuesday closed its border post.",
    # a span of days: the meeting has no day of its own
    "Chinese Foreign Minister Wang Yi met Mullah Abdul Ghani Baradar in Tianjin on Wednesday. The "
    "delegation also met Chinese special envoy Yue Xiaoyong during the two-day visit.",
    "Uzbek Foreign Minister Abdulaziz Kamilov met Taliban envoys in Termez on Monday. The envoys held talks "
    "with Deputy Foreign Minister Furqat Sidiqov over their three-day stay.",
    "Zalmay Khalilzad met Qamar Javed Bajwa in Rawalpindi on Monday. On his four-day tour of the region the "
    "envoy also met Prime Minister Imran Khan.",
    # the narrative has moved on: the sentence just before names no day
    "Chinese Foreign Minister Wang Yi met Mullah Abdul Ghani Baradar in Tianjin on Wednesday. The two "
    "discussed trade and security. The delegation also met Chinese special envoy Yue Xiaoyong.",
    "Uzbek Foreign Minister Abdulaziz Kamilov met Taliban envoys in Termez on Monday. The talks covered the "
    "bridge and the power line. The envoys also held talks with Deputy Foreign Minister Furqat Sidiqov.",
    "Russian envoy Zamir Kabulov met a Taliban delegation in Moscow on Thursday. Moscow wants a settlement "
    "in which all sides share power. The delegation also met Russian Foreign Minister Sergei Lavrov.",
])
def test_another_occasion_or_a_vague_span_keeps_no_day(any_extractor: Extractor, text: str) -> None:
    found = meetings(any_extractor, text)
    assert len(found) == 2
    assert found[0].date is not None and found[1].date is None


@pytest.mark.parametrize("text", [
    "The Taliban leadership council held an emergency meeting in Kandahar on Sunday.",
    "The cabinet of Uzbekistan held a special meeting on the border situation on Monday.",
    "At a meeting in Quetta on Monday, the Taliban's military commission appointed new shadow governors.",
    "The Taliban held a meeting in Quetta on Monday, a commander said.",
])
def test_one_body_s_own_meeting_is_no_meeting_of_two_sides(any_extractor: Extractor, text: str) -> None:
    assert meetings(any_extractor, text) == []


@pytest.mark.parametrize("text,parties", [
    ("Officials held a meeting with the Taliban in Doha on Monday.", {"Taliban"}),
    ("A meeting between the Afghan government and the Taliban took place in Doha on Monday.",
     {"Afghan government", "Taliban"}),
    ("A meeting of the foreign ministers of Russia, China and Pakistan was held in Tianjin on Monday.",
     {"Russia", "China", "Pakistan"}),
    ("The Taliban delegation had a meeting with Chinese Foreign Minister Wang Yi in Tianjin on Wednesday.",
     {"Taliban", "Wang Yi"}),
])
def test_a_meeting_with_someone_between_sides_or_of_several_states_stands(
        any_extractor: Extractor, text: str, parties: set[str]) -> None:
    (found,) = meetings(any_extractor, text)
    assert {*found.actors, *found.targets} == parties


@pytest.mark.parametrize("text", [
    "Speaking during a visit to Islamabad on Monday, Russian Foreign Minister Sergei Lavrov said the region "
    "must act.",
    "The Uzbek foreign minister told reporters on his visit to Termez that the bridge would stay closed.",
    "On a two-day visit to Kabul, the Indian envoy said New Delhi backed the elected government.",
])
def test_a_visit_that_only_frames_what_someone_said_is_no_meeting(any_extractor: Extractor, text: str) -> None:
    assert meetings(any_extractor, text) == []


@pytest.mark.parametrize("text,trigger", [
    ("During his visit to Tashkent, Qureshi met Uzbek Foreign Minister Abdulaziz Kamilov on Thursday.", "met"),
    ("Pakistani army chief Qamar Javed Bajwa paid a visit to Kabul on Thursday.", "visit"),
    ("During a visit to Moscow on Thursday, the Taliban delegation held talks with Zamir Kabulov, the "
     "ministry said.", "held talks"),
])
def test_a_visit_paid_or_a_meeting_held_during_one_stands(any_extractor: Extractor, text: str,
                                                         trigger: str) -> None:
    assert [e.trigger for e in meetings(any_extractor, text)] == [trigger]


@pytest.mark.parametrize("text", [
    "Pakistan's army chief Qamar Javed Bajwa met Taliban leader Mullah Abdul Ghani Baradar in Kabul on "
    "Thursday, officials said. Bajwa visited Afghanistan on Wednesday at the invitation of the Taliban.",
    "Russian envoy Zamir Kabulov met Taliban negotiators in Moscow on Thursday. The negotiators, led by "
    "Shahabuddin Delawar, arrived in Moscow on Wednesday.",
    "Qatar's envoy Mutlaq al-Qahtani met Afghan President Ashraf Ghani in Kabul on Sunday. Al-Qahtani flew "
    "to Kabul on Saturday, a palace official said.",
    "Turkish Foreign Minister Mevlut Cavusoglu met Pakistani Foreign Minister Shah Mahmood Qureshi in "
    "Islamabad on Monday. Cavusoglu arrived in Islamabad on Sunday on a two-day trip.",
])
def test_the_trip_of_the_lead_s_meeting_told_next_is_no_second_meeting(any_extractor: Extractor,
                                                                       text: str) -> None:
    found = meetings(any_extractor, text)
    assert len(found) == 1 and found[0].trigger == "met"
    assert found[0].evidence.text.startswith(text[:40])


@pytest.mark.parametrize("text,day", [
    ("Afghan President Ashraf Ghani received a call from US Secretary of State Antony Blinken on Monday.",
     date(2021, 7, 5)),
    ("Pakistani Prime Minister Imran Khan took a call from Turkish President Recep Tayyip Erdogan on "
     "Tuesday, his office said.", date(2021, 7, 6)),
    ("Tajik President Emomali Rahmon got a telephone call from Russian President Vladimir Putin on "
     "Wednesday.", date(2021, 7, 7)),
])
def test_a_call_received_from_someone_is_a_meeting(any_extractor: Extractor, text: str, day: date) -> None:
    assert [e.date for e in meetings(any_extractor, text)] == [day]


@pytest.mark.parametrize("text", [
    "The police received a call from residents about the blast on Monday.",
    "The district chief received a call from Taliban commanders demanding his surrender, a relative said.",
    "Hospital staff took a call from families of the wounded late on Sunday.",
])
def test_a_call_from_no_one_named_is_no_meeting(any_extractor: Extractor, text: str) -> None:
    assert meetings(any_extractor, text) == []


@pytest.mark.parametrize("text", [
    "The UN Security Council held an emergency meeting on the crisis in New York on Monday.",
    "The United Nations Security Council met in an emergency session on Monday.",
    "The UN Security Council held a closed-door meeting on Monday, diplomats said.",
])
def test_a_meeting_of_an_organisation_of_states_stands(any_extractor: Extractor, text: str) -> None:
    assert len(meetings(any_extractor, text)) == 1
