"""The cheap pass must not drop a sentence that holds a record: the model and the record
modules only see the candidates it picks."""

from __future__ import annotations

from pathlib import Path

import pytest

from khabar.evaluate.runner import read_gold, read_report
from khabar.extract.pipeline import Extractor
from khabar.records import Document

SAMPLES = Path(__file__).parents[2] / "khabar" / "theatres" / "afghanistan_2021" / "samples"


def candidate_spans(extractor: Extractor, doc: Document) -> list[tuple[int, int]]:
    prepared = extractor._prepare(doc)
    return [(start, start + len(text)) for _, start, text, _, _ in prepared.rule_docs]


def test_every_annotated_sentence_of_the_bundled_gold_is_a_candidate(
        fast_extractor: Extractor) -> None:
    golds, problems = read_gold(SAMPLES / "corpus", SAMPLES / "gold")
    assert not problems and len(golds) >= 40
    missed, seen = [], 0
    for g in golds:
        doc, _ = read_report(g)
        spans = candidate_spans(fast_extractor, doc)
        for kind, records in g.gold.items():
            for r in records if isinstance(records, list) else ():
                text = r.get("evidence") or r.get("text") if isinstance(r, dict) else None
                at = doc.text.find(text[:60]) if text else -1
                if at < 0:
                    continue
                seen += 1
                if not any(a <= at < b for a, b in spans):
                    missed.append(f"{g.report_path.name} {kind}: {text[:80]}")
    assert seen > 500
    assert missed == []


@pytest.mark.parametrize("sentence", [
    "Kunduz falls to the insurgents.",
    "The insurgents retaken the base overnight.",
    "Fighters stormed the compound at dawn.",
    "Commandos pushed the attackers back.",
])
def test_a_sentence_with_a_cue_word_and_no_place_is_a_candidate(
        fast_extractor: Extractor, sentence: str) -> None:
    doc = Document(id="t", text=f"Nothing happened here. {sentence} Nothing else.", title="",
                   published=None, outlet="", url="", source="")
    spans = candidate_spans(fast_extractor, doc)
    assert [doc.text[a:b] for a, b in spans] == [sentence]


def test_a_sentence_before_a_quotation_is_read_for_its_speaker(fast_extractor: Extractor) -> None:
    text = ("The weather was cold. Later the police commander, Farid Noorzai, toured the checkpoints. "
            "\u201cThe road is open,\u201d he said.")
    doc = Document(id="t", text=text, title="", published=None, outlet="", url="", source="")
    spans = candidate_spans(fast_extractor, doc)
    assert [doc.text[a:b] for a, b in spans][-2:] == [
        "Later the police commander, Farid Noorzai, toured the checkpoints.",
        "\u201cThe road is open,\u201d he said."]
    assert len(spans) == 2
