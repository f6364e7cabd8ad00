"""The standard pipeline parses a sentence of an event, a meeting's too, only where the parse
decides something (a negation, a modal, a verb of planning, a clause of another time, a
quotation); elsewhere the NER alone reads it, and its records are those of parsing it."""

from __future__ import annotations

from datetime import date

import pytest

from khabar.extract.pipeline import NER, PARSE, Extractor
from khabar.records import Document

pytestmark = pytest.mark.model

# events told plainly: the NER gives their parties' names, the parse would add nothing
PLAIN = [
    "Insurgents attacked a police checkpoint in Panjwai district on Sunday, killing three officers, police said.",
    "Government troops shelled positions near the Kajaki dam overnight, according to local residents.",
    "Fighters ambushed an army convoy on the highway outside Ghazni city on Tuesday.",
    "Hundreds of families fled to Kabul on Saturday as fighting reached the outskirts of Kunduz.",
]
# events whose status or day the parse decides
DECIDED = [
    "The army would deploy reinforcements to Kunduz province next week, a ministry spokesman said.",
    "Police did not raid the compound in Jalalabad on Friday, an official told reporters.",
    "The militants plan to attack the district centre of Zhari before the end of the month.",
    "Soldiers will never surrender the base at Bagram, the commander vowed on Thursday.",
    "Two days after talks collapsed on Monday, militiamen shelled the outskirts of Maimana.",
]
# meetings told plainly: the NER alone, the records of a parse
MEETINGS = [
    "The governor met tribal elders in Lashkar Gah on Wednesday.",
    "Envoys of the two sides held talks in Doha on Sunday, diplomats said.",
    "Taliban leaders met a Chinese delegation in Kabul on Saturday, a spokesman said.",
    "Pakistan's foreign minister spoke by phone with his Iranian counterpart on Monday.",
]
# meetings whose status the parse decides: planned, negated, wished for
MEETINGS_DECIDED = [
    "The two delegations are expected to hold talks in Doha next week, officials said.",
    "The envoy did not meet the governor during his visit to Herat, an aide said.",
    "Elders said they would hold talks with the insurgents in Ghazni city.",
    "Iran has invited a delegation of the movement to Tehran for talks.",
]


@pytest.fixture(scope="module")
def full() -> Extractor:
    return Extractor(mode="standard", parse_all_candidates=True)


def _tiers(extractor: Extractor, text: str) -> list[int]:
    doc = Document(id="t", text=text, published=date(2021, 7, 15))
    return [tier for *_, tier in extractor._prepare(doc).rule_docs]


def _events(extractor: Extractor, text: str) -> list[tuple[object, ...]]:
    doc = Document(id="t", text=text, published=date(2021, 7, 15))
    return [(e.type, e.status, e.actors, e.targets, e.date, e.place)
            for e in extractor.extract(doc).events]


@pytest.mark.parametrize("text", PLAIN + MEETINGS)
def test_a_plain_event_sentence_is_read_by_the_ner_alone_with_the_records_of_a_parse(
        extractor: Extractor, full: Extractor, text: str) -> None:
    assert _tiers(extractor, text) == [NER]
    assert _events(extractor, text) == _events(full, text)
    assert _events(extractor, text)  # an event is found


@pytest.mark.parametrize("text", DECIDED + MEETINGS_DECIDED)
def test_an_event_or_a_meeting_whose_status_or_day_the_parse_decides_is_parsed(
        extractor: Extractor, full: Extractor, text: str) -> None:
    assert _tiers(extractor, text) == [PARSE]
    assert _events(extractor, text) == _events(full, text)


def test_negated_and_planned_events_keep_their_status(extractor: Extractor) -> None:
    statuses = {t: {e[1] for e in _events(extractor, t)} for t in DECIDED[1:3]}
    assert statuses == {DECIDED[1]: {"negated"}, DECIDED[2]: {"planned"}}


def test_the_tier_gate_knows_every_modal_and_planning_verb_events_read_from_the_parse() -> None:
    """A plain event sentence skips the parse unless a word the parse would decide on is there:
    every modal and every planning head events' status reads (event_lexicon) opens the gate, so
    a word added there is never silently read by the NER alone."""
    from khabar.extract.event_lexicon import FUTURE_AUX, PLANNING_HEADS
    from khabar.extract.tiers import _PARSE_MATTERS

    missing = [w for w in sorted(FUTURE_AUX | PLANNING_HEADS) if not _PARSE_MATTERS.search(f"x {w} y")]
    assert missing == []
    assert _PARSE_MATTERS.search("the army had planned to deploy troops")
    assert not _PARSE_MATTERS.search("gunmen attacked a checkpoint on Monday")


# claims of extent or a count with no claim trigger: the NER alone, the claimant of a parse
EXTENT = [
    "The Taliban now control 85 percent of the country, a member of their negotiating team said.",
    "Taliban fighters hold more than half of the districts in the north, spokesman Zabihullah Mujahid "
    "told reporters.",
    "The insurgents control about 70 percent of the border areas, Taliban spokesman Zabihullah Mujahid "
    "said on Thursday.",
]


@pytest.mark.parametrize("text", EXTENT)
def test_a_claim_of_extent_is_read_by_the_ner_alone_with_the_claimant_of_a_parse(
        extractor: Extractor, full: Extractor, text: str) -> None:
    def claims(ex: Extractor) -> list[tuple[object, ...]]:
        doc = Document(id="t", text=text, published=date(2021, 7, 15))
        return [(c.claimant, c.stance, c.quantity) for c in ex.extract(doc).claims]

    assert _tiers(extractor, text) == [NER]
    assert claims(extractor) == claims(full)
    assert claims(extractor) and all(c[0] for c in claims(extractor))


# a negation, modal or planning word in another clause, far from the event's trigger: the NER alone
FAR = [
    "Gunmen attacked a police checkpoint in Panjwai district on Sunday night, and officials later said "
    "there had been no immediate word on casualties among the officers.",
    "Militiamen shelled the outskirts of Maimana overnight, according to residents of the city who "
    "could not say whether anyone had been hurt.",
    "Insurgents ambushed an army convoy on the highway outside Ghazni city on Tuesday, on a stretch of "
    "road that the army has never managed to secure.",
]


@pytest.mark.parametrize("text", FAR)
def test_a_status_word_far_from_the_events_trigger_does_not_open_the_parse(
        extractor: Extractor, full: Extractor, text: str) -> None:
    assert _tiers(extractor, text) == [NER]
    assert _events(extractor, text) == _events(full, text)
    assert _events(extractor, text)
