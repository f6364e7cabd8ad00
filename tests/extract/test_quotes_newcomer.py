"""An unattributed quotation after a sentence that brings in a new person as its subject is that
person's, not a continuation of the last speaker; a person named in the last quotation's own
attribution, or as an object, brings in nobody.

Every text here is written for the test, in the styles of wire services, Afghan, regional and
Myanmar outlets and analysis pieces; none is taken from a report.
"""

from __future__ import annotations

from datetime import date

import pytest

from khabar.extract.pipeline import Extractor
from khabar.records import Document, document_id


def speakers(extractor: Extractor, text: str) -> list[str | None]:
    doc = Document(document_id(text), text, published=date(2021, 7, 9))
    return [q.speaker for q in extractor.extract(doc).quotes]


@pytest.mark.parametrize(("text", "second"), [
    ("\u201cThe district is under our control,\u201d the group's spokesman said on Twitter.\n\n"
     "Abdul Wahid Rahimi, a member of the provincial council, painted a different picture.\n\n"
     "\u201cOur forces are still inside the district centre and the enemy has been pushed back to the villages.\u201d",
     "Abdul Wahid Rahimi"),
    ('"We will not give up the valley," the resistance front said in a statement.\n\n'
     "The governor of the province, Mohammad Anwar Sadat, disagreed with that account of events.\n\n"
     '"The fighters left the valley two days ago and the roads are open to traffic again."',
     "Mohammad Anwar Sadat"),
    ("\u201cThe town is surrounded,\u201d a rebel commander told the radio station.\n\n"
     "Army spokesman Kyaw Zeya Htun dismissed that on Monday evening.\n\n"
     "\u201cOur battalions are inside the town and supplies are reaching them by road every day.\u201d",
     "Kyaw Zeya Htun"),
])
def test_a_new_subject_before_an_unattributed_quotation_speaks_it(any_extractor: Extractor, text: str,
                                                                   second: str) -> None:
    got = speakers(any_extractor, text)
    assert len(got) == 2 and second in (got[1] or ""), got


@pytest.mark.parametrize(("text", "speaker"), [
    # the person is named in the last quotation's own attribution
    ("\u201cThe attack was beaten off before dawn,\u201d Nasrullah Amiri Sadat, a commander who once served "
     "under Governor Ghulam Haidar Noorzai, said in a post.\n\n"
     "\u201cThey retreated with heavy losses.\u201d", "Nasrullah Amiri Sadat"),
    # the person is named as what the speaker acts on
    ('"The city will not fall," the group\'s spokesman said on Twitter.\n\n'
     "He blamed Abdul Qadir Mahmoodi for the fighting in the north.\n\n"
     '"Our fighters are ready to defend every street and every house of the old town."', "spokesman"),
    # the person is named after a preposition
    ("\u201cThe valley is ours,\u201d the front's spokesman, Fahim Rahmani Saleh, said in a message.\n\n"
     "Forces loyal to Ahmad Zia Karimi had retaken two villages on Sunday, according to residents.\n\n"
     "\u201cWe will push the enemy out of the province before the winter comes and the passes close.\u201d",
     "Fahim Rahmani Saleh"),
])
def test_nobody_new_leaves_the_last_speaker_speaking(any_extractor: Extractor, text: str, speaker: str) -> None:
    got = speakers(any_extractor, text)
    assert len(got) == 2 and all(speaker in (s or "") for s in got), got


@pytest.mark.parametrize(("text", "body"), [
    ("\u201cThe road is closed to all traffic,\u201d police chief Abdul Hadi Rasooli said on Monday.\n\n"
     "The Taliban issued a statement later that evening.\n\n"
     "\u201cTraders and travellers can use the highway without fear from tomorrow morning onwards.\u201d", "Taliban"),
    ('"We have lost contact with two posts," the district governor said.\n\n'
     "Meanwhile the defence ministry released a statement on the fighting.\n\n"
     '"Commandos have been sent to the area and the enemy has suffered heavy casualties there."', "ministry"),
    ("\u201cThe market is open,\u201d a shopkeeper told the radio station.\n\n"
     "The National Resistance Front put out a statement soon afterwards.\n\n"
     "\u201cOur forces hold the passes and will not let the enemy into the upper valley this winter.\u201d",
     "Resistance Front"),
])
def test_a_body_issuing_a_statement_before_an_unattributed_quotation_speaks_it(
        any_extractor: Extractor, text: str, body: str) -> None:
    got = speakers(any_extractor, text)
    assert len(got) == 2 and body in (got[1] or ""), got
