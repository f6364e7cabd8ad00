"""From a document to its records: the cheap pass over every sentence, the parser over candidates.

    extractor = Extractor()               # "standard": en_core_web_sm over candidate sentences
    extraction = extractor.extract(doc)   # -> Extraction (control changes, events, claims, ...)

`Extractor(mode="fast")` runs the rules alone, with no statistical model.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from khabar import __version__
from khabar.extract import assessments, claims, control, events
from khabar.extract.nlp import fast_pipeline, model_version, statistical_pipeline
from khabar.extract.quotes import extract_quotes
from khabar.extract.sentences import Context, Sent, clean_name
from khabar.records import Document, Event, Extraction
from khabar.theatres.loader import DEFAULT_THEATRE, load

MODES = ("standard", "fast")

_CANDIDATE_WORDS = (
    "said says told claim deny denied denies reject dismiss disput fell fallen captur seiz "
    "overran overrun took taken retook recaptur reclaim regain liberat control surrender handed "
    "abandon withdr left met meet talks visit host phone offer deploy mobili reservist exercise "
    "drill fled flee attack strike clash condemn critici accus threat warn agreed urged siege "
    "besieg percent noted stressed added wrote explained argued insisted charged predicted "
    "cautioned according")
_CANDIDATE = re.compile(r"[\u201c\u201d\"]|\bdistricts?\b|\bprovinc|\bper cent|\b(?:"
                        + "|".join(_CANDIDATE_WORDS.split()) + ")", re.I)


class Extractor:
    """Turns documents into Extractions with one theatre's gazetteer and actors."""

    def __init__(self, theatre: str = DEFAULT_THEATRE, mode: str = "standard") -> None:
        if mode not in MODES:
            raise ValueError(f"unknown pipeline {mode!r}; use one of {', '.join(MODES)}")
        self.theatre_name = theatre
        self.theatre = load(theatre)
        self.mode = mode
        self.fast = fast_pipeline(theatre)
        self.stat = statistical_pipeline(theatre) if mode == "standard" else None
        self.name = f"khabar-{mode}"
        self.version = __version__ if mode == "fast" else f"{__version__}+{model_version()}"

    # -- sentences -----------------------------------------------------------------------
    def _sentences(self, document: Document, ctx: Context) -> list[Sent]:
        fdoc = self.fast(document.text)
        for d in (fdoc, self.fast(document.title) if document.title else None):
            for e in d.ents if d is not None else ():
                if e.label_ == "PROVINCE":
                    ctx.doc_provinces.add(e.ent_id_)
                elif e.label_ == "DISTRICT" and e.ent_id_ in self.theatre.districts and \
                        len(self.theatre.district_candidates(e.text)) == 1:
                    ctx.doc_provinces.add(self.theatre.districts[e.ent_id_].province_id)
        spans = [s for s in fdoc.sents if s.text.strip()]
        cand = [s for s in spans if s.ents or _CANDIDATE.search(s.text)]
        parsed: dict[int, Doc] = {}
        if self.stat is not None and cand:
            for span, parsed_doc in zip(cand, self.stat.pipe(s.text for s in cand), strict=True):
                parsed[span.start_char] = parsed_doc
        out = []
        for i, span in enumerate(spans):
            pdoc: Doc | None = parsed.get(span.start_char)
            if pdoc is None and span in cand:
                pdoc = span.as_doc()
                is_parsed = False
            elif pdoc is None:
                continue
            else:
                is_parsed = True
            out.append(Sent(pdoc, span.start_char, i, document.id, document.published, is_parsed))
        return out

    # -- extraction ----------------------------------------------------------------------
    def extract(self, document: Document) -> Extraction:
        """Return every record a document supports, each with its evidence sentence."""
        ctx = Context(self.theatre)
        sents = self._sentences(document, ctx)
        ctl, evs, cls, ass = [], [], [], []
        persons: list[tuple[int, str]] = []
        warnings: list[str] = []
        previous_text = ""
        named_place = False
        for sent in sents:
            for e in sent.doc.ents:
                if e.label_ == "PERSON" or (e.label_ == "ACTOR" and (a := self.theatre.actor(e.text))
                                            and a.kind == "person"):
                    name = ctx.note_person(clean_name(e.text))
                    persons.append((sent.start + e.start_char, name))
                if e.label_ in ("DISTRICT", "PROVINCE"):
                    named_place = True
            cm = control.match(sent, ctx)
            ctl.extend(control.to_records(sent, cm))
            evs.extend(events.to_records(sent, events.match(sent, ctx), ctx))
            cls.extend(claims.to_records(sent, claims.match(sent, ctx), ctx))
            ass.extend(assessments.to_records(sent, assessments.match(sent, ctx), ctx,
                                              previous_text, document.outlet))
            self._note_places(sent, ctx)
            previous_text = sent.text
        quotes = extract_quotes(document.text, document.id, sents, ctx, persons)
        ctl = control.merge(ctl)
        for c in ctl:
            if c.district_id is None:
                warnings.append(f"{c.district}: not in the {self.theatre.name} gazetteer; "
                                "kept with a null district id")
        if not named_place:
            warnings.append(f"no place of {self.theatre.country or self.theatre.name} named")
        return Extraction(document=document, pipeline=self.name, version=self.version,
                          control_changes=tuple(ctl), events=tuple(_dedupe_events(evs)),
                          claims=tuple(cls), quotes=tuple(quotes), assessments=tuple(ass),
                          warnings=tuple(dict.fromkeys(warnings)))

    def _note_places(self, sent: Sent, ctx: Context) -> None:
        from khabar.extract.places import district_mentions

        named = [p for p in district_mentions(sent, ctx) if not p.anaphoric]
        if named:
            p = named[0]
            ctx.last_district = (p.text, p.district.id if p.district else None)

    def extract_many(self, documents: Iterable[Document]) -> Iterator[Extraction]:
        """Yield the extraction of each document in turn."""
        for d in documents:
            yield self.extract(d)


def _dedupe_events(evs: list[Event]) -> list[Event]:
    """Drop repeats: one event per type, sentence and parties; one meeting per shared party."""
    seen: set[tuple[object, ...]] = set()
    out: list[Event] = []
    for e in evs:
        key = (e.type, e.evidence.start, e.actors, e.targets)
        if key in seen:
            continue
        seen.add(key)
        parties = set(e.actors) | set(e.targets)
        if e.type == "CONSULT" and any(
                o.type == "CONSULT" and o.evidence.start == e.evidence.start and o.date == e.date
                and o.span != e.span  # one trigger split into separate calls stays split
                and parties & (set(o.actors) | set(o.targets)) for o in out):
            continue
        out.append(e)
    return out
