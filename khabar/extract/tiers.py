"""The standard pipeline's tier gate: how much of the statistical model a candidate sentence needs.

The rule pass (sentencizer + the theatre's EntityRulers) reads every sentence. A sentence with
an entity of the theatre or a cue word (`CANDIDATE`) is a candidate and goes to the record
modules; of those, only a sentence with a claim trigger is parsed (tagger, parser, NER: claims
read the parse), and one with an event's trigger (a meeting's too) only where the parse decides
something (a negation, a modal or a verb of planning, a clause of another time with a date, a
quotation); the other event sentences and those with a quotation mark or a speech
verb go through the NER alone (actors, speakers and "he said" need PERSON names), and the rest
(control changes, assessments, places) keep the rule pass's tokens and entities.

    tier(theatre, text, sentences, start, end, document)   # -> RULES, NER or PARSE
    run_model(stat, prepared)        # the model's doc of each NER and PARSE sentence, per document
    model_sentences(prepared, docs)  # a document's Sents: the model's docs where it ran
"""

from __future__ import annotations

import re
from typing import Any

from spacy.attrs import ENT_ID, ENT_IOB, ENT_KB_ID, ENT_TYPE, NORM, ORTH, SENT_START, SPACY
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc

from khabar.extract import claims, events
from khabar.extract.dates import find_dates
from khabar.extract.event_lexicon import FUTURE_AUX
from khabar.extract.nlp import RULERS, lexeme_flag
from khabar.extract.quotes import SPEECH
from khabar.extract.sentences import Context, Sent
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
# a clause of another time ("after they met on Monday ..."): events' day reads the parse
_OTHER_TIME = re.compile(r"\b(?:after|before|since|until|following|once|till)\b", re.I)
_NEEDS_NER = re.compile(rf"[\u201c\u201d\"]|\b(?:{SPEECH})\b", re.I)
_RECEIVED = re.compile(r"\b(?:received|welcomed)\b", re.I)  # events: "received X" needs PERSON
# the words of a claim of extent or a count ("controls 85 percent", "now held the crossing")
_EXTENT = re.compile(r"\d|\b(?:control\w*|h[eo]lds?|held|captured|taken|seized|killed|crossed|fled|"
                     r"died|dead|wounded|retreated|surrendered|arrested|percent|per cent)\b", re.I)
# What the model's input keeps of the rule pass: the tokenizer's norms and the rulers' entities.
_MODEL_INPUT = (NORM, ENT_IOB, ENT_TYPE, ENT_KB_ID, ENT_ID)
# What the rule pass makes (the rule pipeline has no tagger, parser or lemmatizer).
_RULE_OUTPUT = (ORTH, SPACY, NORM, ENT_IOB, ENT_TYPE, ENT_KB_ID, ENT_ID, SENT_START)
# What the NER alone needs: its own tok2vec (en_core_web_sm's ner does not listen to tok2vec).
_NER_ONLY_DISABLE = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "morphologizer",
                     "senter")


def tier(theatre: Any, text: str, sentences: Any, start: int, end: int, document: Document) -> int:
    """Return how much of the model a candidate sentence needs: PARSE, NER or RULES.

    `sentences` gives the rule pass's doc of the sentence (`rule_doc(start, end)`)."""
    if any(rx.search(text) for _, rx in claims.triggers(theatre)) or _RECEIVED.search(text):
        return PARSE
    event = next((t for t, rx in events.TYPES if rx.search(text)), None)
    # an event's sentence, a meeting's too, is parsed only where the parse can change what events
    # and quotes read from it (else the NER alone gives its parties' names)
    if event is not None and (_PARSE_MATTERS.search(text) or (
            _OTHER_TIME.search(text) and find_dates(text, document.published))):
        return PARSE
    if _EXTENT.search(text):
        # "X controls 85 percent of the territory, a member of its delegation said": ask
        # the claims module, with a context of its own (match notes what it reads)
        sent = Sent(sentences.rule_doc(start, end), 0, 0, document.id, document.published,
                    False)
        if claims.match(sent, Context(theatre)):
            return PARSE
    return NER if event is not None or _NEEDS_NER.search(text) else RULES


def run_model(stat: Language | None, prepared: list[Any], everything: bool = False) -> list[dict[int, Doc]]:
    """Return, per document, the model's doc of each PARSE and NER sentence by its index
    (`prepared`: each document's `rule_docs`, (index, start, text, doc, tier) rows).

    The NER reads a sentence only where it may name someone the theatre's rulers did not (a
    word with a capital letter outside their entities, `may_name`): a PARSE sentence without one
    gets the parse alone, a NER sentence without one keeps the rulers' entities. What the
    extractors read from the NER is names (PERSON, ORG, GPE, NORP), all capitalised.
    `everything=True` runs the NER on every PARSE and NER sentence."""
    out: list[dict[int, Doc]] = [{} for _ in prepared]
    if stat is None:
        return out
    groups: dict[tuple[str, ...], list[tuple[int, int, Doc]]] = {
        RULERS: [], (*RULERS, "ner"): [], RULERS + _NER_ONLY_DISABLE: []}
    for k, p in enumerate(prepared):
        for i, _, _, sdoc, t in p.rule_docs:
            if t == RULES:
                continue
            names = everything or may_name(sdoc)
            if t == PARSE:
                groups[RULERS if names else (*RULERS, "ner")].append((k, i, sdoc))
            elif names:
                groups[RULERS + _NER_ONLY_DISABLE].append((k, i, sdoc))
    for disable, keys in groups.items():
        if not keys:
            continue
        off = [n for n in disable if n in stat.pipe_names]
        docs = stat.pipe((sdoc for _, _, sdoc in keys), batch_size=256, disable=off)
        for (k, i, _), doc in zip(keys, docs, strict=True):
            out[k][i] = doc
    return out


def may_name(doc: Doc) -> bool:
    """Whether a sentence holds a word the NER may take for a name the rulers did not give: one
    with a capital first letter outside the rulers' entities, other than a capitalised stop word
    ("The", "He", "In"; acronyms such as "US" count). Read from token arrays."""
    flags = doc.to_array([lexeme_flag(doc.vocab, "capitalised", _capitalised), ENT_IOB])
    return bool(((flags[:, 0] == 1) & (flags[:, 1] != 1) & (flags[:, 1] != 3)).any())


def _capitalised(word: str) -> bool:
    return word[:1].isupper() and not (word.istitle() and word.lower() in STOP_WORDS)


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
