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
from spacy.attrs import IS_ALPHA, IS_STOP, IS_TITLE, SENT_START
from spacy.tokens import Doc, Span

from khabar.lang import en

# verbs a name is the subject of ("NAME said", "NAME told")
_SUBJECT_VERBS = frozenset((
    "said", "says", "told", "tells", "added", "wrote", "stated", "claimed", "confirmed", "denied", "warned",
    "tweeted", "explained", "insisted", "stressed", "noted", "announced", "urged", "argued", "acknowledged",
    "admitted", "rejected", "asked", "replied", "posted", "alleged", "vowed", "pledged", "believes"))
# verbs before a name after a quotation ('"...," said NAME'); "told" there has the listener after it
_INVERTED_VERBS = frozenset(("said", "says", "added", "wrote", "stated", "explained", "noted", "stressed",
                             "warned", "insisted", "asked", "recalled", "tweeted", "posted", "continued",
                             "replied", "argued", "declared"))
_ROLE = re.compile(r"(?:" + "|".join(en.SPEAKER_ROLES) + r")s?", re.I)
_NOT_NAME = frozenset(en.NOT_NAME_WORDS) | frozenset(en.WEEKDAYS) | \
    frozenset(m.capitalize() for m in en.MONTHS) | frozenset(w for w in en.WIRES if " " not in w)
_QUOTE_CLOSERS = frozenset(("\u201d", '"', "\u2019", "'", ","))
_BEFORE_SUBJECT = frozenset((",", "and", "but", "\u201d", '"', "\n", "\n\n"))
_PUNCT_STOP = frozenset((",", ".", ";", ":", "\u201c", "\u201d", '"', "(", ")", "\u2013", "\u2014"))
_MAX_WORDS = 4
_HEADLINE_SHARE = 0.6  # a sentence whose words are mostly capitalised is a headline


def _is_role(word: str) -> bool:
    return bool(_ROLE.fullmatch(word))


class PlainNames:
    """The people of a doc named with no title (see the module's text), for `TitledNames`."""

    def __init__(self, vocab: Any, titles: frozenset[str]) -> None:
        from khabar.extract.nlp import lexeme_flag

        self.titles = titles
        not_name = _NOT_NAME | titles
        self.attrs = [IS_TITLE, IS_ALPHA, IS_STOP, SENT_START,
                      lexeme_flag(vocab, "no name word", not_name.__contains__),
                      lexeme_flag(vocab, "role word", _is_role)]

    def __call__(self, doc: Doc, found: list[Span]) -> list[Span]:
        """Return the new PERSON spans of a doc, beside `found` (the titled ones), none over an entity."""
        n = len(doc)
        arr = doc.to_array(self.attrs)
        title, alpha, stop, sent_start, no_name = (arr[:, k] for k in range(5))
        covered = numpy.zeros(n + 1, dtype=bool)
        for e in list(doc.ents) + found:
            covered[e.start:e.end] = True
        word = (title == 1) & (alpha == 1) & (stop == 0) & (no_name == 0) & ~covered[:n]
        if not word.any():
            return []
        starts = numpy.flatnonzero(sent_start == 1).tolist()
        headline = self._headlines(doc, starts, title, alpha)
        texts = [t.text for t in doc]
        lower = [t.lower() for t in texts]
        out: list[Span] = []
        i = 0
        while i < n:
            if not word[i]:
                i += 1
                continue
            j = i + 1
            while j < n and word[j] and sent_start[j] != 1:
                j += 1
            if 2 <= j - i <= _MAX_WORDS and not headline[i] and self._person_here(i, j, n, texts, lower, arr):
                out.append(Span(doc, i, j, label="PERSON"))
            i = j
        return out + self._surnames(doc, found + out, word, sent_start, headline)

    @staticmethod
    def _headlines(doc: Doc, starts: list[int], title: Any, alpha: Any) -> Any:
        """Return per token whether its sentence is a headline: five words or more, at most one of
        them not capitalised ("Taliban Captures Another District In The North")."""
        n = len(doc)
        flags = numpy.zeros(n, dtype=bool)
        bounds = starts + [n] if starts and starts[0] == 0 else [0] + starts + [n]
        for a, b in zip(bounds[:-1], bounds[1:], strict=True):
            words = int(alpha[a:b].sum())
            if words >= 5 and words - int((title[a:b] & alpha[a:b]).sum()) <= 1:
                flags[a:b] = True
        return flags

    def _person_here(self, i: int, j: int, n: int, texts: list[str], lower: list[str], arr: Any) -> bool:
        """Whether the capitalised words i..j stand where a person's name stands."""
        title, no_name, role, sent_start = arr[:, 0], arr[:, 4], arr[:, 5], arr[:, 3]
        after = lower[j] if j < n and sent_start[j] != 1 else ""
        before = lower[i - 1] if i > 0 and sent_start[i] != 1 else ""
        if before == "," and (after in (",", ".", "") or after in _SUBJECT_VERBS):
            k = i - 2  # "the police chief, NAME," / "Ambassador to X, NAME, said"
            while k >= 0 and k >= i - 7 and texts[k] not in _PUNCT_STOP and sent_start[k + 1] != 1:
                if role[k]:
                    return True
                k -= 1
        if after in _SUBJECT_VERBS and (  # "NAME said": at a sentence's start, after a comma, a role, a body
                not before or before in _BEFORE_SUBJECT or role[i - 1] or (title[i - 1] and no_name[i - 1])):
            return True
        # '"...," said NAME' / '"...," said NAME, a member of ...'
        return before in _INVERTED_VERBS and i >= 2 and texts[i - 2] in _QUOTE_CLOSERS and \
            after in (",", ".", ";", "")

    @staticmethod
    def _surnames(doc: Doc, people: list[Span], word: Any, sent_start: Any, headline: Any) -> list[Span]:
        """Return single later mentions of the last word of a person named before ("Dost said")."""
        first: dict[str, int] = {}  # a surname -> where its person was first named whole
        for p in people:
            if len(p) >= 2 and len(p[-1].text) >= 4:
                first[p[-1].text] = min(first.get(p[-1].text, p.start), p.start)
        if not first:
            return []
        taken = numpy.zeros(len(doc), dtype=bool)
        for p in people:
            taken[p.start:p.end] = True
        out = []
        for i, t in enumerate(doc):
            if word[i] and not taken[i] and not headline[i] and first.get(t.text, len(doc)) < i and \
                    not (i + 1 < len(doc) and word[i + 1] and sent_start[i + 1] != 1) and \
                    not (i > 0 and word[i - 1] and sent_start[i] != 1):
                out.append(Span(doc, i, i + 1, label="PERSON"))
        return out
