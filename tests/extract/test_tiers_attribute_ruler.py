"""The standard pipeline's attribute ruler (a memo per word type) gives every token the POS,
morphology, lemma, tag and dependency label spaCy's own AttributeRuler gives it, patterns of two
tokens ("gon na", "there is", "ai n't") and whitespace tokens included, the memo cold or warm."""

from __future__ import annotations

import pytest
import spacy
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG

from khabar.extract.attribute_memo import MemoAttributeRuler
from khabar.extract.nlp import statistical_model_name, statistical_pipeline

pytestmark = pytest.mark.model

TEXTS = [
    "The militants said they had captured the district centre on Monday.",
    "There is no fighting in the city now, but there were clashes overnight, a resident said.",
    "\u201cWe ain't gonna leave,\u201d he told reporters, \u201clet's see who gets there first.\u201d",
    "I told him it was over; you can't hold it, they've gotta go, y'all know that.",
    "Officials  were   not sure\n\nwhether the   base had fallen.",
    "It is what it is: the army did what it had to do, and it did it well.",
    "C'mon, the governor's spokesman was goin' to say nothin' about the 'em and ol' rumours.",
    "Does the ministry have any figures? It has, and it had them yesterday, he'd said.",
    "Gunmen stormed the checkpoint, killing three policemen and wounding two others.",
]
ATTRS = [POS, MORPH, LEMMA, TAG, DEP]


@pytest.fixture(scope="module")
def spacy_pipeline() -> spacy.language.Language:
    return spacy.load(statistical_model_name(), disable=["lemmatizer", "ner"])


def test_the_memo_gives_the_attributes_of_spacys_attribute_ruler(spacy_pipeline: spacy.language.Language) -> None:
    ruler = spacy_pipeline.get_pipe("attribute_ruler")
    memo = MemoAttributeRuler(ruler)
    parsed = [spacy_pipeline(t, disable=["attribute_ruler"]) for t in TEXTS]
    for _ in range(2):  # the memo cold, then warm
        for doc in parsed:
            expected = ruler(doc.copy())
            got = memo(doc.copy())
            assert [(t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_) for t in got] == \
                [(t.pos_, str(t.morph), t.lemma_, t.tag_, t.dep_) for t in expected], doc.text
            assert (got.to_array(ATTRS) == expected.to_array(ATTRS)).all()
    assert memo.memo  # one-token rules were kept
    assert len(memo.multi)  # and the rules of two tokens matched apart


def test_the_standard_pipeline_runs_the_memo_in_the_attribute_rulers_place() -> None:
    nlp = statistical_pipeline()
    assert isinstance(nlp.get_pipe("attribute_ruler"), MemoAttributeRuler)
    names = nlp.pipe_names
    assert names.index("parser") < names.index("attribute_ruler") < names.index("lemmatizer")
    doc = nlp("There is no fighting in the city now, a resident said.")
    assert [t.pos_ for t in doc][:2] == ["PRON", "VERB"]  # the two-token rule for "there is"
