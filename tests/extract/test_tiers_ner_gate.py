"""The standard pipeline runs its NER only on sentences where it may name someone the theatre's
rulers did not (a capitalised word outside their entities): a speaker or claimant only the NER
can find is still found, and the records are those of running the model on every sentence."""

from __future__ import annotations

from datetime import date

import pytest

from khabar.extract.pipeline import Extractor
from khabar.extract.tiers import may_name
from khabar.records import Document

pytestmark = pytest.mark.model

# invented reports in several outlets' styles: speakers and claimants the actors file does not know
REPORTS = [
    "Fighting went on around the district centre overnight. Abdul Wahid Qaderi, a provincial council "
    "member, said the insurgents had captured two checkpoints. \u201cWe have no reinforcements,\u201d he "
    "told reporters.",
    "Militants claimed on Tuesday that they had overrun the army base in Zhari district. Defence ministry "
    "spokeswoman Farida Nazari denied the claim, saying the base was still held by government troops.",
    "\u201cThe district has fallen,\u201d said Haji Gul Mohammad, a tribal elder from the area. Police said "
    "the attackers fled after a two-hour gunfight.",
    "The governor's spokesman, Zia Rahimi, told the agency that security forces had pushed back the "
    "attack. the fighters said they controlled most of the villages, but it was not clear whether they "
    "had left, an official said.",
    "KANDAHAR (Wire) - Residents said gunmen attacked a police post in Arghandab district, and "
    "Mohammad Nabi Sharifi, who heads the local shura, said three officers were wounded.",
]
# sentences with no name the rulers left (none, or the theatre's places and actors): the NER
# has nothing to add
NAMELESS = [
    "it was not clear whether the militants had left, two officials said.",
    "The fighters said they controlled most of the villages in Panjwai district.",
    "He told reporters that the road was closed.",
    "The attack was condemned by UNAMA, the officials said.",
    "In a statement, the Ministry of Interior said the road was closed.",
    "On Monday the militants left the town they had held since early July, residents said.",
]
# a word with a capital letter no ruler named: a person, a body, an acronym
NAMED = [
    "Abdul Wahid Qaderi said the insurgents had captured two checkpoints.",
    "The attack was condemned by HRW, the officials said.",
    "The attack was condemned by Amnesty International, the officials said.",
    "In a statement, the Helmand Traders Union said the road was closed.",
]


def _document(text: str) -> Document:
    return Document(id="t", text=text, published=date(2021, 7, 15))


def _records(extractor: Extractor, text: str) -> dict[str, list[tuple[object, ...]]]:
    ex = extractor.extract(_document(text))
    return {"claims": [(c.claimant, c.stance, c.text, c.evidence.start) for c in ex.claims],
            "quotes": [(q.speaker, q.text) for q in ex.quotes],
            "events": [(e.type, e.status, e.actors, e.targets, e.date) for e in ex.events],
            "control": [(c.district, c.controller, c.date) for c in ex.control_changes]}


@pytest.fixture(scope="module")
def full() -> Extractor:
    return Extractor(mode="standard", parse_all_candidates=True)


@pytest.mark.parametrize("text", REPORTS)
def test_the_records_are_those_of_running_the_whole_model(extractor: Extractor, full: Extractor,
                                                          text: str) -> None:
    assert _records(extractor, text) == _records(full, text)


def test_a_speaker_only_the_ner_can_find_is_named(extractor: Extractor) -> None:
    records = _records(extractor, REPORTS[0]) | {"quotes2": _records(extractor, REPORTS[2])["quotes"]}
    assert ("Abdul Wahid Qaderi", "We have no reinforcements") in records["quotes"]
    assert any(speaker == "Haji Gul Mohammad" for speaker, _ in records["quotes2"])
    assert any(claimant == "Farida Nazari" for claimant, *_ in _records(extractor, REPORTS[1])["claims"])


def test_the_ner_reads_a_sentence_only_where_it_may_name_someone(extractor: Extractor) -> None:
    def gate(text: str) -> bool:
        p = extractor._prepare(_document(text))
        (sdoc,) = [d for *_, d, _ in p.rule_docs]
        return may_name(sdoc)

    assert [gate(t) for t in NAMELESS] == [False] * len(NAMELESS)
    assert [gate(t) for t in NAMED] == [True] * len(NAMED)


def test_a_sentence_without_such_a_word_keeps_the_rulers_entities(extractor: Extractor,
                                                                  full: Extractor) -> None:
    def ents(ex: Extractor) -> list[tuple[str, str]]:
        p = ex._prepare(_document(NAMELESS[0]))
        (sent,) = ex._sentences(p, ex._run_model([p])[0])
        return [(e.text, e.label_) for e in sent.all_ents]

    assert ents(extractor) == [("the militants", "ACTOR")]
    assert ("two", "CARDINAL") in ents(full)  # the NER's, which no extractor reads


# long sentences whose names sit in a few places: the NER reads windows around them
LONG = [
    "After several days of heavy fighting along the main highway and in the villages to the south of "
    "the provincial capital, the district governor, Abdul Razaq Hemat, said on the phone that his "
    "forces had pulled back to the police headquarters and were waiting for reinforcements.",
    "the insurgents, who had surrounded the base for more than a week and cut off the roads to the "
    "market, were pushed back late on Saturday night, according to a statement released by the "
    "Human Rights Commission.",
    "Residents who fled the fighting and reached the city by the back roads told the reporter, in a "
    "series of telephone interviews over two days, that the gunmen had burned the shops and taken "
    "the cattle, and a local elder named Gul Agha Sherzai said nobody had come to help.",
]
NAME_LABELS = ("PERSON", "ORG", "GPE", "NORP")


def test_the_ner_reads_windows_around_the_names_and_finds_the_names_of_the_whole_sentence(
        extractor: Extractor, full: Extractor) -> None:
    from khabar.extract.tiers import name_windows

    def names(ex: Extractor, text: str) -> list[tuple[str, str]]:
        p = ex._prepare(_document(text))
        return [(e.text, e.label_) for s in ex._sentences(p, ex._run_model([p])[0])
                for e in s.all_ents if e.label_ in NAME_LABELS]

    for text in LONG:
        p = extractor._prepare(_document(text))
        (sdoc,) = [d for *_, d, _ in p.rule_docs]
        read = sum(b - a for a, b in name_windows(sdoc))
        assert 0 < read < 0.8 * len(sdoc), text  # windows, not the whole sentence
        assert names(extractor, text) == names(full, text)
        assert names(extractor, text)
    assert ("Abdul Razaq Hemat", "PERSON") in names(extractor, LONG[0])
    assert ("Gul Agha Sherzai", "PERSON") in names(extractor, LONG[2])


def test_a_window_never_cuts_an_entity_of_the_rulers(extractor: Extractor) -> None:
    from khabar.extract.tiers import name_windows

    text = ("Officials in Lashkar Gah and in the districts of Nad Ali, Nawa-i-Barakzayi, Garmser and "
            "Marja said on Friday that Mohammad Yasin Khan had been appointed as the new police chief.")
    p = extractor._prepare(_document(text))
    (sdoc,) = [d for *_, d, _ in p.rule_docs]
    ents = [(e.start, e.end) for e in sdoc.ents]
    assert ents
    for a, b in name_windows(sdoc):
        assert not any(s < a < e or s < b < e for s, e in ents)
