"""The standard pipeline's tier gate: how much of the statistical model a candidate sentence needs.

The rule pass (sentencizer + the theatre's EntityRulers) reads every sentence. A sentence with
an entity of the theatre or a cue word (`_CANDIDATE`) is a candidate and goes to the record
modules; of those, only a sentence with a claim trigger is parsed (tagger, parser: claims read
the parse), and one with an event's trigger (a meeting's too) only where the parse decides
something (a quotation anywhere; a negation, a modal or a verb of planning near a trigger; a
clause of another time with a date); the other event sentences and those with a quotation mark
or a speech verb are NER sentences (actors, speakers and "he said" need PERSON names), and the
rest (control changes, assessments, places) keep the rule pass's tokens and entities.

The NER itself reads only windows of PARSE and NER sentences: five tokens either side of each
capitalised word the rulers did not name (not a stop word, day or month), as the extractors read
only names from it (tests hold the records of invented reports equal to those of the whole
model on every candidate, `Extractor(parse_all_candidates=True)`).

    tier(theatre, text, document)   # -> RULES, NER or PARSE
    run_model(stat, prepared)        # the model's doc of each NER and PARSE sentence, per document
    model_sentences(prepared, docs)  # a document's Sents: the model's docs where it ran
"""
from __future__ import annotations

import re
from typing import Any

import numpy
from spacy.attrs import ENT_ID, ENT_IOB, ENT_KB_ID, ENT_TYPE, NORM, ORTH, SENT_START, SPACY
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Span

from khabar.extract import claims, events
from khabar.extract.dates import find_dates
from khabar.extract.event_lexicon import FUTURE_AUX
from khabar.extract.nlp import RULERS, lexeme_flag
from khabar.extract.quotes import SPEECH
from khabar.extract.sentences import Sent
from khabar.lang import en
from khabar.records import Document

_CANDIDATE_WORDS = (
    "said says told claim deny denied denies reject dismiss disput fell fallen captur seiz "
    "overran overrun took taken retook retake retaken recaptur reclaim regain recover liberat "
    "conquer fall falls storm stormed entered encircl surround repel repuls push lost lose loses "
    "evacuat control surrender handed "
    "abandon withdr left met meet talks visit host phone offer deploy mobili reservist exercise "
    "drill fled flee attack strike clash condemn critici accus threat warn agreed urged siege "
    "besieg percent noted stressed added wrote explained argued insisted charged predicted "
    "cautioned according")
_CANDIDATE = re.compile(r"[\u201c\u201d\"]|\bdistricts?\b|\bprovinc|\bper cent|\b(?:"
                        + "|".join(_CANDIDATE_WORDS.split()) + ")", re.I)
# The model tiers of a candidate sentence.
RULES, NER, PARSE = 0, 1, 2
# An event's sentence (events.TYPES lists the types the parse can change, meetings among them) is
# parsed only where the parse decides something events or quotes read from it:
# a negation or a modal (events' status: "did not attack", "would deploy"), a verb of planning
# under which the trigger may stand ("plans to send troops"), a quotation (quotes climb the parse
# from a quoted phrase to the speech verb's subject). The modals are events' FUTURE_AUX; the verbs
# are the forms of its PLANNING_HEADS (lemmas; a test holds every one of them matched here)
_PARSE_MATTERS = re.compile(
    r"[\u201c\u201d\"\u00ab\u00bb\u201e\u2018]|n['\u2019]t\b|\b(?:not|never|no|"
    + "|".join(sorted(w for w in FUTURE_AUX if w.isalpha()))
    + r"|plan\w*|expect\w*|intend\w*|schedul\w*|set|due|hop\w*|want\w*|agree\w*|ready|prepar\w*|"
    r"invit\w*|propos\w*|seek\w*|sought|aim\w*|offer\w*|wish\w*|continu\w*|tr(?:y|ies|ied|ying)|"
    r"decid\w*|promis\w*|likely|going)\b|['\u2019]ll\b", re.I)
# how far (characters before and after an event's trigger) its negation, modal or planning verb
# stands; a quotation counts anywhere
_STATUS_REACH = (60, 40)
_QUOTATION = re.compile("[\u201c\u201d\"\u00ab\u00bb\u201e\u2018]")
# a clause of another time ("after they met on Monday ..."): events' day reads the parse
_OTHER_TIME = re.compile(r"\b(?:after|before|since|until|following|once|till)\b", re.I)
_NEEDS_NER = re.compile(rf"[\u201c\u201d\"]|\b(?:{SPEECH})\b", re.I)
_RECEIVED = re.compile(r"\b(?:received|welcomed)\b", re.I)  # events: "received X" needs PERSON
# What the model's input keeps of the rule pass: the tokenizer's norms and the rulers' entities.
_MODEL_INPUT = (NORM, ENT_IOB, ENT_TYPE, ENT_KB_ID, ENT_ID)
# What the rule pass makes (the rule pipeline has no tagger, parser or lemmatizer).
_RULE_OUTPUT = (ORTH, SPACY, NORM, ENT_IOB, ENT_TYPE, ENT_KB_ID, ENT_ID, SENT_START)
# The NER reads this many tokens either side of a word it may name: its features reach four
# tokens either side (en_core_web_sm's ner embeds with a CNN of depth 4 and window 1).
_NER_WINDOW = 5
# Days and months are capitalised but name nobody (the NER's DATEs, which no extractor reads).
_CALENDAR = frozenset(w.lower() for w in (*en.WEEKDAYS, *en.MONTHS))


def tier(theatre: Any, text: str, document: Document) -> int:
    """Return how much of the model a candidate sentence needs: PARSE, NER or RULES.

    Decided from the sentence's text alone. A claim of extent or a count that no claim trigger marks ("X controls 85
    percent of the territory, a member of its delegation said") needs no parse: claims reads
    its claimant without one (validation: two fewer wrong claims, none lost)."""
    if any(rx.search(text) for _, rx in claims.triggers(theatre)) or _RECEIVED.search(text):
        return PARSE
    event = next((t for t, rx in events.TYPES if rx.search(text)), None)
    # an event's sentence, a meeting's too, is parsed only where the parse can change what events
    # and quotes read from it (else the NER alone gives its parties' names)
    if event is not None and (_parse_decides(text) or (
            _OTHER_TIME.search(text) and find_dates(text, document.published))):
        return PARSE
    return NER if event is not None or _NEEDS_NER.search(text) else RULES


def _parse_decides(text: str) -> bool:
    """Whether the parse decides what events or quotes read from an event's sentence: a quotation
    anywhere, or a negation, a modal or a verb of planning within `_STATUS_REACH` of an event's
    trigger ("did not attack", "would deploy", "plans to send", "talks are expected to resume"),
    not one in another clause far from it ("... , with no word on casualties")."""
    if _QUOTATION.search(text):
        return True
    if not _PARSE_MATTERS.search(text):
        return False
    before, after = _STATUS_REACH
    return any(_PARSE_MATTERS.search(text[max(0, m.start() - before):m.end() + after])
               for _, rx in events.TYPES for m in rx.finditer(text))


def run_model(stat: Language | None, prepared: list[Any], everything: bool = False) -> list[dict[int, Doc]]:
    """Return, per document, the model's doc of each PARSE and NER sentence by its index
    (`prepared`: each document's `rule_docs`, (index, start, text, doc, tier) rows).

    The NER reads a sentence only where it may name someone the theatre's rulers did not (a
    word with a capital letter outside their entities, `may_name`), and there only the windows
    of `_NER_WINDOW` tokens either side of such words (the whole sentence when they cover most
    of it): what the extractors read from the NER is names (PERSON, ORG, GPE, NORP), all
    capitalised. A PARSE sentence gets the parse (tagger, parser, lemmas) whatever the NER
    read; a NER sentence without such a word keeps the rulers' entities. The NER runs before
    the parse: en_core_web_sm's ner has its own tok2vec and the parse reads no entity.
    `everything=True` runs the NER on the whole of every PARSE and NER sentence."""
    out: list[dict[int, Doc]] = [{} for _ in prepared]
    if stat is None:
        return out
    whole: list[Doc] = []
    parts: list[tuple[Doc, int, Doc]] = []  # (sentence, first token of the window, window)
    parse: list[tuple[int, int, Doc]] = []
    for k, p in enumerate(prepared):
        for i, _, _, sdoc, t in p.rule_docs:
            if t == RULES:
                continue
            windows = [(0, len(sdoc))] if everything else name_windows(sdoc)
            if t == PARSE:
                parse.append((k, i, sdoc))
            elif not windows:
                continue
            if sum(b - a for a, b in windows) >= 0.8 * len(sdoc):
                whole.append(sdoc)
            else:
                parts.extend((sdoc, a, sdoc[a:b].as_doc()) for a, b in windows)
            out[k][i] = sdoc
    ner_alone = [n for n in stat.pipe_names if n != "ner"]
    for _ in stat.pipe(whole + [w for *_, w in parts], batch_size=256, disable=ner_alone):
        pass  # each doc gets its entities in place
    for sdoc, a, w in parts:
        _add_ents(sdoc, a, w)
    parse_off = [n for n in (*RULERS, "ner") if n in stat.pipe_names]
    docs = stat.pipe((sdoc for *_, sdoc in parse), batch_size=256, disable=parse_off)
    for (k, i, _), doc in zip(parse, docs, strict=True):
        out[k][i] = doc
    return out


def _add_ents(sdoc: Doc, start: int, window: Doc) -> None:
    """Give a sentence the entities the NER found in one of its windows (starting at `start`)."""
    taken = {t.i for e in sdoc.ents for t in e}
    new = [Span(sdoc, e.start + start, e.end + start, label=e.label, kb_id=e.kb_id, span_id=e.id)
           for e in window.ents if not taken.intersection(range(e.start + start, e.end + start))]
    if new:
        sdoc.set_ents(new, default="unmodified")


def may_name(doc: Doc) -> bool:
    """Whether a sentence holds a word the NER may take for a name the rulers did not give: one
    with a capital first letter outside the rulers' entities, other than a capitalised stop word
    ("The", "He", "In"; acronyms such as "US" count) or a day or month."""
    return bool(_name_words(doc))


def name_windows(doc: Doc) -> list[tuple[int, int]]:
    """Return the token ranges the NER reads in a sentence: `_NER_WINDOW` tokens either side of
    each word `may_name` finds, merged, never cutting a ruler's entity; none without one."""
    n = len(doc)
    ents = [(e.start, e.end) for e in doc.ents]
    out: list[tuple[int, int]] = []
    for h in _name_words(doc):
        a, b = max(0, h - _NER_WINDOW), min(n, h + _NER_WINDOW + 1)
        a = next((s for s, e in ents if s < a < e), a)
        b = next((e for s, e in ents if s < b < e), b)
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def _name_words(doc: Doc) -> list[int]:
    """The indices of a sentence's words outside the rulers' entities with a capital first
    letter (capitalised stop words aside). Read from token arrays, the test once per word type."""
    flags = doc.to_array([lexeme_flag(doc.vocab, "capitalised", _capitalised), ENT_IOB])
    return numpy.flatnonzero((flags[:, 0] == 1) & (flags[:, 1] != 1) & (flags[:, 1] != 3)).tolist()


def _capitalised(word: str) -> bool:
    low = word.lower()
    return word[:1].isupper() and low not in _CALENDAR and not (word.istitle() and low in STOP_WORDS)


def model_sentences(p: Any, model_docs: dict[int, Doc]) -> list[Sent]:
    """Return a prepared document's candidate sentences, each on the model's doc where it ran."""
    d = p.document
    out = []
    for i, start, text, rule_doc, t in p.rule_docs:
        sent = Sent(model_docs.get(i, rule_doc), start, i, d.id, d.published,
                    t == PARSE and i in model_docs)
        # its doc's text, known already (Doc.text joins the tokens): a rule-pass doc keeps
        # the last token's trailing space, the model's input has none
        sent.__dict__["text"] = text + " " if t == RULES and rule_doc[-1].whitespace_ else text
        out.append(sent)
    return out
