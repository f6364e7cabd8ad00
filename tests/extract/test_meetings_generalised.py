"""Meetings by structure, not by one phrasing: calls in every wording, stays and trips, several
meetings in a sentence, the state of a process, plans, histories, and the day a later sentence
gives. Every sentence here is written for these tests (wire, Afghan, regional, analysis styles).
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
    ("Indian External Affairs Minister S. Jaishankar dialled his Iranian counterpart Javad Zarif on "
     "Thursday to discuss the border.", date(2021, 7, 8)),
    ("Prime Minister Imran Khan had a telephonic conversation with Uzbek President Shavkat Mirziyoyev "
     "on Monday, the PM Office said.", date(2021, 7, 5)),
    ("The Kremlin said on Tuesday that Vladimir Putin had spoken by phone with Tajik President "
     "Emomali Rahmon.", date(2021, 7, 6)),
    ("US Secretary of State Antony Blinken spoke with Pakistani Foreign Minister Shah Mahmood Qureshi "
     "on Wednesday about the withdrawal.", date(2021, 7, 7)),
])
def test_a_call_in_any_wording_is_a_meeting_on_its_day(any_extractor: Extractor, text: str, day: date) -> None:
    assert [e.date for e in meetings(any_extractor, text)] == [day]


@pytest.mark.parametrize("text", [
    "The Taliban spokesman told reporters in a phone call that the district had fallen.",
    "A rebel commander said in a telephone conversation with the agency that his men had withdrawn.",
    "The governor spoke with reporters in Herat on Monday.",
])
def test_an_interview_by_phone_is_no_meeting(any_extractor: Extractor, text: str) -> None:
    assert meetings(any_extractor, text) == []


@pytest.mark.parametrize("text", [
    "A conclave of Afghan political leaders was held in Islamabad on Saturday.",
    "Peace negotiations between the Taliban and the Afghan government resumed in Doha on Tuesday.",
    "Abdullah Abdullah's delegation and Taliban leaders sat across the table in Doha on Saturday.",
    "Envoys from Russia, China, the United States and Pakistan gathered in Doha on Wednesday to "
    "discuss the crisis.",
])
def test_conclaves_negotiations_and_gatherings_are_meetings(any_extractor: Extractor, text: str) -> None:
    assert len(meetings(any_extractor, text)) == 1


@pytest.mark.parametrize("text", [
    "Talks between the government and the Taliban have been deadlocked since last year.",
    "Intra-Afghan negotiations began in Doha in September last year but have stalled.",
    "The Taliban want talks on a new government to include all factions.",
    "Insurgents had encircled the valley and were striving to resolve the issue through talks.",
    "The rebels are pursuing war instead of negotiations, officials said.",
    "Moscow has hosted several rounds of talks between the Taliban and Afghan politicians.",
    "The stalled negotiations in Doha were not mentioned in the statement.",
])
def test_the_state_of_a_process_a_wish_or_a_history_is_no_meeting(any_extractor: Extractor, text: str) -> None:
    assert meetings(any_extractor, text) == []


@pytest.mark.parametrize("text", [
    "The Troika plus meeting planned for next month may be postponed.",
    "Qureshi said the neighbours of Afghanistan should hold talks on the crisis.",
    "The two foreign ministers also agreed to continue mutual consultations.",
])
def test_a_plan_or_an_intention_is_no_meeting_held(any_extractor: Extractor, text: str) -> None:
    assert meetings(any_extractor, text) == []


@pytest.mark.parametrize("text,want", [
    ("US envoy Zalmay Khalilzad met Mullah Abdul Ghani Baradar in Doha on Monday and Pakistani army "
     "chief Qamar Javed Bajwa in Rawalpindi on Tuesday.",
     [("Doha", date(2021, 7, 5)), ("Rawalpindi", date(2021, 7, 6))]),
    ("Chinese Foreign Minister Wang Yi met Shah Mahmood Qureshi in Chengdu on June 3, and Sergei "
     "Lavrov in Guilin on June 5.",
     [("Chengdu", date(2021, 6, 3)), ("Guilin", date(2021, 6, 5))]),
    ("Zamir Kabulov met a Taliban delegation in Moscow on Thursday; then Afghan officials in Moscow "
     "on Friday.",
     [("Moscow", date(2021, 7, 8)), ("Moscow", date(2021, 7, 9))]),
])
def test_one_trigger_with_two_days_tells_two_meetings(extractor: Extractor, text: str,
                                                      want: list[tuple[str, date]]) -> None:
    assert [(e.place, e.date) for e in meetings(extractor, text)] == want


@pytest.mark.parametrize("text,day", [
    ("The US welcomed talks between the Afghan government and the Taliban held from July 17-18 in Doha.",
     date(2021, 7, 17)),
    ("Delegations of the two sides held talks in Doha on July 17 and 18.", date(2021, 7, 17)),
    ("Afghan and Taliban negotiators held talks in Doha from 17 to 18 July, officials said.",
     date(2021, 7, 17)),
])
def test_talks_over_several_days_are_dated_by_their_first(any_extractor: Extractor, text: str,
                                                         day: date) -> None:
    assert [e.date for e in meetings(any_extractor, text, date(2021, 7, 19))] == [day]


@pytest.mark.parametrize("text,day", [
    ("An Afghan government delegation has met Taliban representatives in Tehran, Iranian officials "
     "say. Opening the talks on Wednesday, the Iranian foreign minister welcomed both sides.",
     date(2021, 7, 7)),
    ("Afghan politicians met Taliban envoys in Tehran, the foreign ministry said. The meeting was "
     "hosted by Iran on Tuesday.", date(2021, 7, 6)),
    ("A government team held talks with the Taliban in Tehran. During the talks on Thursday, the "
     "hosts urged a ceasefire.", date(2021, 7, 8)),
])
def test_a_later_reference_gives_an_undated_meeting_its_day(any_extractor: Extractor, text: str,
                                                           day: date) -> None:
    found = meetings(any_extractor, text)
    assert [e.date for e in found] == [day]
    assert found[0].evidence.text.startswith(text.split(".")[0][:30])


@pytest.mark.parametrize("text", [
    "Mullah Abdul Ghani Baradar arrived in Kabul on Saturday, a Taliban official said.",
    "US envoy Zalmay Khalilzad flew to Islamabad on Monday, the State Department said.",
    "Baradar led a Taliban delegation to Beijing on Wednesday.",
    "A Taliban delegation is in Moscow, the Russian foreign ministry said on Thursday.",
])
def test_a_named_visitor_s_stay_or_trip_is_a_visit(any_extractor: Extractor, text: str) -> None:
    found = meetings(any_extractor, text)
    assert len(found) == 1 and found[0].place in ("Kabul", "Islamabad", "Beijing", "Moscow")


@pytest.mark.parametrize("text", [
    "Taliban fighters arrived in the district on Sunday.",
    "Thousands of refugees arrived in Iran last week.",
    "The veteran commander was in Taliban custody after surrendering.",
    "In Balkh, Dehdadi, Charkent and Marmul were in Taliban hands on August 15.",
    "US envoy Zalmay Khalilzad arrived in Doha on Tuesday, where he will press the insurgents to stop.",
])
def test_fighters_refugees_hands_custody_or_a_trip_for_later_are_no_visit(any_extractor: Extractor,
                                                                         text: str) -> None:
    assert meetings(any_extractor, text) == []


@pytest.mark.parametrize("text,n", [
    ("A conference of regional foreign ministers on Afghanistan was held in Tashkent on Friday.", 1),
    ("Uzbekistan held a conference with delegations from Russia, China and Pakistan on Friday.", 1),
    ("Ghani said at a conference in Tashkent on Friday that the insurgents had not cut their ties.", 0),
    ("The Taliban spokesman held a news conference in Kabul on Tuesday.", 0),
])
def test_a_conference_held_is_a_meeting_its_speeches_and_press_conferences_are_not(
        any_extractor: Extractor, text: str, n: int) -> None:
    assert len(meetings(any_extractor, text)) == n


@pytest.mark.parametrize("text", [
    "Tehran hosts the first peace talks in months. An Afghan government delegation met Taliban "
    "representatives in Tehran, the Iranian foreign ministry said.",
    "Doha hosted talks on the crisis. Afghan officials met Taliban negotiators in Doha, a diplomat said.",
    "Islamabad hosts a round of consultations. Taliban envoys met Pakistani officials in Islamabad, "
    "the Foreign Office said.",
])
def test_a_meeting_told_first_by_its_city_is_one_record_with_its_parties(any_extractor: Extractor,
                                                                          text: str) -> None:
    found = meetings(any_extractor, text)
    assert len(found) == 1 and found[0].actors


@pytest.mark.parametrize("text,not_a_party", [
    ("The Kremlin said on Tuesday that Vladimir Putin had spoken by phone with Emomali Rahmon.", "Kremlin"),
    ("Turkish President Recep Tayyip Erdogan telephoned Vladimir Putin on Sunday to discuss Afghanistan.",
     "Afghan government"),
    ("Foreign Minister Shah Mahmood Qureshi, who is on a visit to Tashkent, met his Uzbek counterpart "
     "Abdulaziz Kamilov on Thursday.", "Tashkent"),
])
def test_the_source_the_topic_and_the_city_visited_are_no_parties(extractor: Extractor, text: str,
                                                                  not_a_party: str) -> None:
    found = meetings(extractor, text)
    assert len(found) == 1
    assert not_a_party not in (*found[0].actors, *found[0].targets)


@pytest.mark.parametrize("text", [
    "Earlier, the Taliban delegation met with the Iranian foreign minister in which the Afghan Taliban "
    "said a political solution was best.",
    "The Chinese foreign minister met the delegation in Tianjin, where the Afghan situation was discussed.",
    "Qureshi met the Uzbek foreign minister in Tashkent on Monday.",
])
def test_a_nationality_word_alone_is_no_party(extractor: Extractor, text: str) -> None:
    (found,) = meetings(extractor, text)
    assert not {"Afghan", "Iranian", "Chinese", "Uzbek"} & {*found.actors, *found.targets}


@pytest.mark.parametrize("text", [
    "Sanctions should be lifted, Shahabuddin Delawar, the head of the delegation which arrived in Moscow, "
    "said on Friday.",
    "Abdul Ghani Baradar, who had arrived in Kabul, told supporters the war was over.",
    "The envoy, who flew to Islamabad, said in a statement that the region must act.",
])
def test_a_stay_told_in_passing_about_a_speaker_is_no_visit(any_extractor: Extractor, text: str) -> None:
    assert meetings(any_extractor, text) == []


@pytest.mark.parametrize("text", [
    "Security was tightened in Islamabad ahead of the Taliban delegation's visit.",
    "Officials met privately in the run-up to the summit, a diplomat said of the preparations for the "
    "summit in Dushanbe.",
    "Kabul released prisoners in advance of the talks with the Taliban in Doha.",
])
def test_what_is_done_ahead_of_a_meeting_is_no_meeting_of_it(any_extractor: Extractor, text: str) -> None:
    assert [e.trigger for e in meetings(any_extractor, text) if e.trigger in ("visit", "summit", "talks")] == []
