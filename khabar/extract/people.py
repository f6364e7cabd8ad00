"""People a report names with no title before them, for the pipeline with no statistical NER.

The rule pass (`nlp.TitledNames`) names a person after a title word ("spokesman Ali Dost").
Reports name people in other ways too, and "he said" and "the spokesman" can only reach a
person the pass has named. This reading names, from the words of the sentence alone (no list of
anybody's people), two to four capitalised words that no ruler covers and that are not a body,
a place or a time (khabar.lang.en.NOT_NAME_WORDS), when they stand

- after a role and a comma: "the police chief, Ali Reza Dost," / "Ambassador to X, Ali Dost, said";
- as the subject of a speech verb: "Ali Reza Dost said", "..., Ali Dost told reporters";
- after a speech verb that follows a quotation: '"...," said Ali Reza Dost, ...';

and names again, as PERSON, the last word of such a name later on its own ("Dost said").
Headlines written in capitals word by word are left alone. A name before a role between commas
("Ali Reza Dost, a member of the council,") is not read here: tried in session 5, it added on
the validation set one claim the annotators did not count (claims.py reads that case itself).
"""

from __future__ import annotations

import re
from typing import Any

import numpy
from spacy.attrs import ORTH, SENT_START
from spacy.tokens import Doc, Span

from khabar.lang import en

_SUBJECT_VERBS = frozenset(en.NAME_SUBJECT_VERBS)
_INVERTED_VERBS = frozenset(en.INVERTED_SPEECH_VERBS)
_ROLE = re.compile(r"(?:" + "|".join(en.SPEAKER_ROLES) + r")s?", re.I)
_NOT_NAME = frozenset(en.NOT_NAME_WORDS) | frozenset(en.WEEKDAYS) | \
    frozenset(m.capitalize() for m in en.MONTHS) | frozenset(w for w in en.WIRES if " " not in w)
_QUOTE_CLOSERS = frozenset(("\u201d", '"', "\u2019", "'", ","))
_BEFORE_SUBJECT = frozenset((",", "and", "but", "\u201d", '"'))
_PUNCT_STOP = frozenset((",", ".", ";", ":", "\u201c", "\u201d", '"', "(", ")", "\u2013", "\u2014"))
_MAX_WORDS = 4



def _is_role(word: str) -> bool:
    return bool(_ROLE.fullmatch(word))


class PlainNames:
    """The people of a doc named with no title (see the module's text), for `TitledNames`.

    Reads one lexeme flag (a name word: capitalised, letters only, no stop word, not in
    NOT_NAME_WORDS or a title) and the sentence starts from the token array; Token objects only
    around runs of two to four name words."""

    def __init__(self, vocab: Any, titles: frozenset[str]) -> None:
        from spacy.lang.en.stop_words import STOP_WORDS

        from khabar.extract.nlp import lexeme_flag

        not_name = _NOT_NAME | titles

        def name_word(w: str) -> bool:
            return w.istitle() and w.isalpha() and w.lower() not in STOP_WORDS and w not in not_name

        self.attrs = [lexeme_flag(vocab, "name word", name_word), SENT_START, ORTH]

    def __call__(self, doc: Doc, found: list[Span]) -> list[Span]:
        """Return the new PERSON spans of a doc, beside `found` (the titled ones), none over an entity."""
        n = len(doc)
        arr = doc.to_array(self.attrs)
        word = arr[:, 0].astype(bool)
        for e in list(doc.ents) + found:
            word[e.start:e.end] = False
        at = numpy.flatnonzero(word)
        if len(at) < 2:
            return []
        start = arr[:, 1] == 1
        out: list[Span] = []
        k, m = 0, len(at)
        while k < m:  # each run of name words, within one sentence
            i = j = int(at[k])
            while k < m and at[k] == j and (j == i or not start[j]):
                j += 1
                k += 1
            if 2 <= j - i <= _MAX_WORDS and self._person_here(doc, i, j, n, start) and \
                    not self._headline(doc, i, start):
                out.append(Span(doc, i, j, label="PERSON"))
        return out + self._surnames(doc, found + out, word, start, arr[:, 2])

    @staticmethod
    def _headline(doc: Doc, i: int, start: Any) -> bool:
        """Whether the sentence of token i is a headline: five words or more, at most one of them
        not capitalised ("Rebels Capture Another District In The North")."""
        a = i
        while a > 0 and not start[a]:
            a -= 1
        b = i + 1
        while b < len(doc) and not start[b]:
            b += 1
        words = [t for t in doc[a:b] if t.is_alpha]
        return len(words) >= 5 and sum(not t.is_title for t in words) <= 1

    @staticmethod
    def _person_here(doc: Doc, i: int, j: int, n: int, start: Any) -> bool:
        """Whether the capitalised words i..j stand where a person's name stands."""
        after = "" if j >= n or start[j] else doc[j].lower_  # "": the sentence ends after the name
        before = "" if i == 0 or start[i] else doc[i - 1].lower_  # "": the name opens its sentence
        if before == "," and (after in (",", ".", ";", "") or after in _SUBJECT_VERBS):
            k = i - 2  # "the police chief, NAME," / "Ambassador to X, NAME, said"
            while k >= 0 and k >= i - 7 and not start[k + 1] and (t := doc[k]).text not in _PUNCT_STOP:
                if _is_role(t.text):
                    return True
                k -= 1
        if after in _SUBJECT_VERBS:  # "NAME said": at a sentence's start, after a comma, a role, a body
            if not before or before in _BEFORE_SUBJECT or "\n" in before or _is_role(before):
                return True
            prev = doc[i - 1].text
            if prev.istitle() and prev in _NOT_NAME:
                return True
        # '"...," said NAME' / '"...," said NAME, a member of ...'
        return before in _INVERTED_VERBS and i >= 2 and doc[i - 2].text in _QUOTE_CLOSERS and \
            after in (",", ".", ";", "")

    @staticmethod
    def _surnames(doc: Doc, people: list[Span], word: Any, start: Any, orth: Any) -> list[Span]:
        """Return single later mentions of the last word of a person named before ("Dost said")."""
        first: dict[int, int] = {}  # a surname (its ORTH) -> where its person was first named whole
        for p in people:
            last = p[-1]
            if len(p) >= 2 and len(last) >= 4:
                first[last.orth] = min(first.get(last.orth, p.start), p.start)
        if not first:
            return []
        alone = word.copy()  # a name word with no other beside it in its sentence
        alone[1:] &= ~(word[:-1] & ~start[1:])
        alone[:-1] &= ~(word[1:] & ~start[1:])
        for p in people:
            alone[p.start:p.end] = False
        out = []
        alone &= numpy.isin(orth, numpy.fromiter(first, dtype=orth.dtype, count=len(first)))
        for i in numpy.flatnonzero(alone).tolist():
            if first.get(int(orth[i]), i) < i and not PlainNames._headline(doc, i, start):
                out.append(Span(doc, i, i + 1, label="PERSON"))
        return out
