"""Meetings as other wires word them: video calls, phone calls, courtesy calls, talks called off."""

from __future__ import annotations

from datetime import date

from khabar.extract.pipeline import Extractor
from khabar.records import Document, Event, document_id

PUBLISHED = date(2021, 7, 9)  # a Friday


def meetings(extractor: Extractor, text: str, status: str = "happened") -> list[Event]:
    ex = extractor.extract(Document(document_id(text), text, published=PUBLISHED))
    return [e for e in ex.events if e.type == "CONSULT" and e.status == status]


def test_a_video_conference_or_call_is_a_meeting(any_extractor: Extractor) -> None:
    text = ("The foreign ministers of China, Pakistan and Afghanistan held a video conference on "
            "Wednesday to discuss the withdrawal of foreign troops. Secretary of State Antony Blinken "
            "held a video call with NATO foreign ministers on Thursday.")
    assert [("video" in e.trigger, e.date) for e in meetings(any_extractor, text)] == [
        (True, date(2021, 7, 7)), (True, date(2021, 7, 8))]


def test_talking_over_the_phone_is_a_meeting_but_an_interview_by_phone_is_not(
        any_extractor: Extractor) -> None:
    text = ("Turkish President Recep Tayyip Erdogan and Pakistani Prime Minister Imran Khan spoke over "
            "the phone on Tuesday about Afghanistan. Russian President Vladimir Putin discussed the "
            "border with Tajik leader Emomali Rahmon by phone on Monday. \"Nobody is left,\" said "
            "Abdul Wahid, an elder from Kunduz, who spoke to Kabul Ledger by phone.")
    assert [(e.trigger, e.date) for e in meetings(any_extractor, text)] == [
        ("spoke", date(2021, 7, 6)), ("discussed", date(2021, 7, 5))]


def test_held_discussions_and_sat_down_with_are_meetings(any_extractor: Extractor) -> None:
    text = ("Qatari officials and Taliban leaders held discussions on Wednesday on reopening the airport. "
            "The Taliban's chief negotiator sat down with a delegation of Afghan politicians in Doha "
            "on Thursday.")
    assert [(e.trigger, e.date) for e in meetings(any_extractor, text)] == [
        ("held discussions", date(2021, 7, 7)), ("sat down with", date(2021, 7, 8))]


def test_a_courtesy_call_is_a_meeting_but_a_call_on_someone_to_act_is_a_request(
        any_extractor: Extractor) -> None:
    text = ("Army chief Gen Qamar Javed Bajwa on Tuesday called on Afghan High Council for National "
            "Reconciliation chairman Abdullah Abdullah at the Prime Minister House. Afghan National "
            "Security Adviser Hamdullah Mohib called on the Taliban to end the fighting.")
    ex = any_extractor.extract(Document(document_id(text), text, published=PUBLISHED))
    assert [(e.type, e.date) for e in ex.events if e.status == "happened"] == [
        ("CONSULT", date(2021, 7, 6)), ("REQUEST", None)]


def test_talks_called_off_or_only_sought_did_not_happen(any_extractor: Extractor) -> None:
    text = ("A planned meeting between the two sides in Doha on Sunday was cancelled at the last minute. "
            "Talks scheduled for Monday in Tehran were postponed. Norway called for an emergency "
            "meeting of the Security Council. The Taliban said on Tuesday they were ready for talks "
            "with the Afghan government.")
    assert meetings(any_extractor, text) == []


def test_a_plan_to_travel_for_talks_is_planned(any_extractor: Extractor) -> None:
    text = "Abdullah Abdullah is scheduled to lead a delegation to Doha this weekend for talks with the Taliban."
    assert meetings(any_extractor, text) == []
    assert [e.trigger for e in meetings(any_extractor, text, "planned")] == ["talks"]


def test_meetings_held_many_times_over_years_are_no_meeting(any_extractor: Extractor) -> None:
    text = "Taliban leaders have held talks with Chinese officials several times in recent years."
    assert meetings(any_extractor, text) == []


def test_a_wire_dateline_and_the_source_are_not_parties(any_extractor: Extractor) -> None:
    text = ("MOSCOW (Reuters) - Russian Foreign Minister Sergei Lavrov spoke by phone with his U.S. "
            "counterpart Antony Blinken on Thursday, the Kremlin said.")
    (e,) = meetings(any_extractor, text)
    assert "Reuters" not in e.actors and "Kremlin" not in e.targets
    assert "Antony Blinken" in e.targets and e.date == date(2021, 7, 8)


def test_separate_phone_calls_in_which_a_minister_discussed_are_one_call_each(
        any_extractor: Extractor) -> None:
    text = ("Foreign Minister Shah Mahmood Qureshi, in separate phone calls on Thursday, discussed "
            "Afghanistan with his Russian and Turkish counterparts Sergei Lavrov and Mevlut Cavusoglu.")
    assert sorted(e.targets for e in meetings(any_extractor, text)) == [
        ("Mevlut Cavusoglu",), ("Sergei Lavrov",)]


def test_talks_discussed_with_someone_are_a_topic_the_discussion_a_meeting(
        any_extractor: Extractor) -> None:
    text = "Iran's foreign minister discussed the planned talks with Pakistan's ambassador in Tehran on Tuesday."
    (e,) = meetings(any_extractor, text)
    assert (e.trigger, e.targets, e.place, e.date) == ("discussed", ("Pakistan",), "Tehran", date(2021, 7, 6))


def test_courtesy_calls_calls_with_and_phoning_are_meetings(any_extractor: Extractor) -> None:
    text = ("Pakistan's ambassador paid a courtesy call on the Afghan foreign minister in Kabul on Monday. "
            "Shah Mahmood Qureshi phoned Russia's foreign minister on Tuesday to discuss Afghanistan. "
            "In a call with Imran Khan on Wednesday, Boris Johnson discussed the evacuation.")
    assert [e.date for e in meetings(any_extractor, text)] == [
        date(2021, 7, 5), date(2021, 7, 6), date(2021, 7, 7)]


def test_a_meeting_not_held_is_negated_however_far_the_not(any_extractor: Extractor) -> None:
    text = ("Abdullah Abdullah and Mullah Abdul Ghani Baradar did not hold a separate one-on-one meeting "
            "in Doha on Thursday.")
    assert meetings(any_extractor, text) == []
    assert len(meetings(any_extractor, text, "negated")) == 1


def test_a_leader_named_again_is_not_his_adviser(any_extractor: Extractor) -> None:
    text = ("Afghan National Security Adviser Hamdullah Mohib met Tajik officials in Dushanbe. President "
            "Ashraf Ghani also made a phone call to President Emomali Rahmon of Tajikistan.")
    assert [e.trigger for e in meetings(any_extractor, text)] == ["met", "made a phone call to"]


def test_a_delegation_in_a_capital_is_a_visit_a_commander_in_a_city_is_not(
        any_extractor: Extractor) -> None:
    text = ("A Taliban delegation was in Moscow on Wednesday, where it gave a news conference. The "
            "army chief was in Kunduz on Thursday to oversee the defence of the city.")
    assert [(e.trigger, e.date) for e in meetings(any_extractor, text)] == [("was in", date(2021, 7, 7))]


def test_due_in_a_capital_for_talks_is_planned(any_extractor: Extractor) -> None:
    text = "Pakistan's spy chief is due in Kabul on Sunday for talks with the Taliban leadership."
    assert meetings(any_extractor, text) == []


def test_talks_named_then_told_with_their_day_are_one_meeting_on_that_day(any_extractor: Extractor) -> None:
    for text, day in (
            ("Envoys of Uzbekistan and Tajikistan held a fresh round of talks on the border dispute.\n\n"
             "The talks took place in Tashkent on Tuesday, officials said.", date(2021, 7, 6)),
            ("No deal came out of the latest negotiations between the Taliban and the government's envoys.\n\n"
             "The meeting, hosted by Qatar, was held in Doha on 3 July.", date(2021, 7, 3)),
            ("Russia and Pakistan held consultations on the situation in the region.\n\n"
             "These consultations took place in Moscow on Monday and Tuesday.", date(2021, 7, 5))):
        found = meetings(any_extractor, text)
        assert len(found) == 1, (text, found)
        assert found[0].date == day, text
        assert found[0].actors or found[0].targets, text  # the parties named when it was first told


def test_talks_told_again_after_a_dated_meeting_are_that_meeting(any_extractor: Extractor) -> None:
    for text in (
            "Envoys of Uzbekistan and Tajikistan met in Tashkent on Tuesday.\n\nThe talks took place behind "
            "closed doors.",
            "Russia and Pakistan held consultations in Moscow on Monday.\n\nThe meeting was held at the "
            "foreign ministry.",
            "Qatar hosted the Taliban and government envoys in Doha on Saturday.\n\nThese talks began on "
            "Saturday morning."):
        assert len(meetings(any_extractor, text)) == 1, text


def test_a_meeting_that_opens_a_sentence_has_the_parties_of_its_clause(any_extractor: Extractor) -> None:
    for text in (
            "At the second round of talks, hosted by Qatar in Doha on Sunday, the Taliban and the "
            "Afghan government agreed to meet again.",
            "During a third round of talks in Tashkent on Tuesday, Uzbekistan and Tajikistan agreed to reopen "
            "the bridge.",
            "At a meeting in Moscow on Monday, Russia and Pakistan agreed to share intelligence."):
        found = meetings(any_extractor, text)
        assert len(found) == 1 and len(found[0].actors) + len(found[0].targets) >= 2, (text, found)
