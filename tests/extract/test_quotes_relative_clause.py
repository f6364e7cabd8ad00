"""A phrase quoted in a relative clause that says, calls, urges or promises is the words of
the one the clause is about, not of whoever reports the sentence ("Officials say the rebels,
who vowed to "...", have ...").

Every sentence here is written for the test, in the styles of wire services, Afghan, regional and
Myanmar outlets and analysis pieces; none is taken from a report.
"""

from __future__ import annotations

from datetime import date

import pytest

from khabar.extract.pipeline import Extractor
from khabar.records import Document, document_id


def quotes(extractor: Extractor, text: str, theatre_text: str = "") -> list[tuple[str | None, str]]:
    doc = Document(document_id(text), text, published=date(2021, 7, 9))
    return [(q.speaker, q.text) for q in extractor.extract(doc).quotes]


@pytest.mark.parametrize(("text", "speaker", "phrase"), [
    ('Residents said the fighters, who called the district governor a "puppet of the occupiers", had taken '
     "over the bazaar.", "fighters", "puppet of the occupiers"),
    ("Diplomats say the movement, which has promised \u201ca general amnesty\u201d, is now negotiating the "
     "handover of the city.", "movement", "a general amnesty"),
    ('Ahmad Wali Sherzad, who vowed to "hold every checkpoint", was seen leaving the city on Sunday, '
     "police said.", "Ahmad Wali Sherzad", "hold every checkpoint"),
    ("The army says the alliance, which urged its members to \u201cwithdraw with dignity\u201d, pulled "
     "out of two towns overnight.", "alliance", "withdraw with dignity"),
])
def test_a_phrase_in_a_saying_relative_clause_is_its_antecedents(any_extractor: Extractor, text: str,
                                                                 speaker: str, phrase: str) -> None:
    got = quotes(any_extractor, text)
    assert [t for _, t in got] == [phrase], got
    assert speaker in (got[0][0] or ""), got


@pytest.mark.parametrize("text", [
    'Officials say the insurgents, who are urging soldiers "in enemy ranks" to surrender, have burned schools.',
    "Police said the militants, who called on troops to \u201clay down their weapons\u201d, had blocked the road.",
    'Elders said the rebels, which have promised "safe passage" to civilians, now hold the bridge.',
])
def test_a_group_noun_before_the_clause_is_the_group_the_theatre_calls_so(any_extractor: Extractor,
                                                                           text: str) -> None:
    got = quotes(any_extractor, text)
    assert len(got) == 1 and got[0][0] not in (None, "Officials", "Police", "Elders"), got


@pytest.mark.parametrize(("text", "speaker"), [
    # the relative clause closes before the quotation: the main verb's subject speaks
    ("The officials, who spoke on condition of anonymity, said \u201cthe district centre is surrounded.\u201d",
     "officials"),
    ('Sultana Rahimi Noorzai, who heads the council, told reporters: "Nobody has come to help us."',
     "Sultana Rahimi Noorzai"),
    # the clause's verb does not say anything: a scare quote in what the speaker says
    ('The governor said the rebels, who hold the "liberated zone" along the river, had been pushed back.',
     "governor"),
])
def test_a_closed_or_silent_relative_clause_leaves_the_speaker_alone(any_extractor: Extractor, text: str,
                                                                      speaker: str) -> None:
    got = quotes(any_extractor, text)
    assert all(speaker in (s or "") for s, _ in got), got
