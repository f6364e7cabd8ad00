"""The theatre's entity rulers answer as spaCy's EntityRuler does: the quicker ruler (nlp._QuickRuler)
gives the same entities, labels, ids and IOB tags on every sample report of both theatres and on
texts where matches overlap each other and the entities already set; the title's places are those
of both rulers."""

from __future__ import annotations

from pathlib import Path
from typing import cast

import pytest
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc, Span

from khabar.extract import nlp
from khabar.extract.pipeline import Extractor
from tests.extract.conftest import SAMPLES

_TEXTS = [
    "Fighters took Kandahar province's Zhari district and Spin Boldak on Monday, Taliban spokesman said.",
    "Officials of the Islamic Emirate of Afghanistan met Afghan government envoys in Doha.",
    "KUNDUZ, July 6 - The Taliban captured Khan Abad in Kunduz, and then Herat Corps pulled back.",
    "The Arakan Army said it took Paletwa township; the Tatmadaw denied it in Naypyitaw.",
    "Kabul Kabul Kabul: kandahar KANDAHAR Kandahar-city Mazar-i-Sharif and Mazar-e-Sharif.",
]


def _entities(doc: Doc) -> list[tuple[object, ...]]:
    return [(t.i, t.ent_iob_, t.ent_type_, t.ent_id_, t.ent_kb_id_) for t in doc]


def _spacy_ruler(ruler: EntityRuler, doc: Doc) -> Doc:
    """The same ruler (patterns, matchers) run by spaCy's own code."""
    EntityRuler.set_annotations(ruler, doc, EntityRuler.match(ruler, doc))
    return doc


@pytest.mark.parametrize("theatre", ["afghanistan_2021", "myanmar"])
def test_quick_rulers_set_the_entities_spacys_ruler_sets(theatre: str) -> None:
    pipe = nlp.fast_pipeline(theatre)
    rulers = [cast(EntityRuler, pipe.get_pipe(name)) for name in nlp.RULERS]
    assert all(type(r) is nlp._QuickRuler for r in rulers)
    texts = _TEXTS + [p.read_text(encoding="utf-8") for p in sorted(Path(SAMPLES).glob("*.txt"))]
    for text in texts:
        quick = pipe.make_doc(text)
        plain = pipe.make_doc(text)
        for ruler in rulers:
            quick = ruler(quick)
            plain = _spacy_ruler(ruler, plain)
        assert _entities(quick) == _entities(plain), text[:80]
        # over entities already set (a person across a place's name), as in a pipeline with a NER
        for start in range(0, min(len(plain) - 2, 90), 3):
            quick, plain = pipe.make_doc(text), pipe.make_doc(text)
            for d in (quick, plain):
                d.set_ents([Span(d, start, start + 2, label="PERSON")], default="unmodified")
            for ruler in rulers:
                quick = ruler(quick)
                plain = _spacy_ruler(ruler, plain)
            assert _entities(quick) == _entities(plain), (text[:80], start)


def test_title_places_are_those_both_rulers_find(fast_extractor: Extractor) -> None:
    title = "Kandahar falls as Taliban take Spin Boldak; Islamic Emirate officials in Herat"
    both = fast_extractor._rulers(title)
    places_only = fast_extractor.fast.get_pipe(nlp.RULERS[0])(fast_extractor.fast.make_doc(title))
    wanted = {"PROVINCE", "DISTRICT"}
    assert [(e.start, e.end, e.label_, e.ent_id_) for e in both.ents if e.label_ in wanted] == \
        [(e.start, e.end, e.label_, e.ent_id_) for e in places_only.ents if e.label_ in wanted]
    assert any(e.label_ in wanted for e in both.ents)
