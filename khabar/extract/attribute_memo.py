"""The statistical model's attribute ruler with the same output, a word type at a time.

en_core_web_sm's `attribute_ruler` sets each token's POS, MORPH and some lemmas from its tag,
lower-case form and dependency label, with ~180 Matcher patterns run over every token: about a
tenth of what the parse costs. `MemoAttributeRuler` applies the same rules, in the same order,
from what one token's attributes give, worked out once per (tag, lower, dependency, is-space)
and kept; the few patterns of two tokens ("gon na", "there is") still go through a Matcher of
their own. Same attributes as the ruler it wraps (tests/extract/test_tiers_attribute_ruler.py).
"""

from __future__ import annotations

from typing import Any

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

# a memo of more (tag, lower, dependency, is-space) keys than this starts again (memory stays flat)
MEMO_SIZE = 200_000


def use_memo(nlp: Language) -> None:
    """Put a MemoAttributeRuler in the place and name of a pipeline's `attribute_ruler`."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    nlp.add_pipe("khabar_attribute_memo", name="attribute_memo", after="attribute_ruler")
    nlp.remove_pipe("attribute_ruler")
    nlp.rename_pipe("attribute_memo", "attribute_ruler")


@Language.factory("khabar_attribute_memo")
def make_attribute_memo(nlp: Language, name: str) -> MemoAttributeRuler:
    """The pipeline's attribute_ruler, wrapped (see MemoAttributeRuler)."""
    return MemoAttributeRuler(nlp.get_pipe("attribute_ruler"))


class MemoAttributeRuler:
    """Wraps a spaCy AttributeRuler: its patterns of one token are applied from a memo per word
    type and context, those of several tokens by a Matcher; in the ruler's order of patterns."""

    def __init__(self, ruler: Any) -> None:
        self.ruler = ruler
        self.vocab = ruler.vocab
        self.attrs: list[dict[Any, Any]] = list(ruler.attrs)
        self.indices: list[int] = list(ruler.indices)
        self.single = Matcher(self.vocab)
        self.multi = Matcher(self.vocab)
        for i, p in enumerate(ruler.patterns):
            for alternative in p["patterns"]:
                (self.single if len(alternative) == 1 else self.multi).add(str(i), [alternative])
        self.memo: dict[tuple[int, ...], tuple[int, ...]] = {}

    def __call__(self, doc: Doc) -> Doc:
        rows = doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist()
        extra: dict[int, list[int]] = {}
        if len(self.multi):
            for m_id, start, end in self.multi(doc, allow_missing=True, as_spans=False):
                rule = int(self.vocab.strings[m_id])
                i = range(start, end)[self.indices[rule]]
                extra.setdefault(i, []).append(rule)
        memo = self.memo
        for i, row in enumerate(rows):
            key = tuple(row)
            rules = memo.get(key)
            if rules is None:
                if len(memo) >= MEMO_SIZE:
                    memo.clear()
                rules = memo[key] = self._rules(doc, i)
            if i in extra:
                rules = tuple(sorted((*rules, *extra[i])))
            token = doc[i]
            for rule in rules:
                set_token_attrs(token, self.attrs[rule])
        return doc

    def pipe(self, docs: Any, batch_size: int = 128) -> Any:
        for doc in docs:
            yield self(doc)

    def _rules(self, doc: Doc, i: int) -> tuple[int, ...]:
        """The one-token rules that match token i, in the ruler's order (its attributes only)."""
        token = doc[i]
        one = Doc(self.vocab, words=[token.text], spaces=[False])
        one[0].tag = token.tag
        one[0].dep = token.dep
        found = self.single(one, allow_missing=True, as_spans=False)
        return tuple(sorted({int(self.vocab.strings[m_id]) for m_id, _, _ in found}))
