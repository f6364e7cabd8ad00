"""From a document to its records: the cheap pass over every sentence, the model over a few.

    extractor = Extractor()                          # "standard": en_core_web_sm where it is needed
    extraction = extractor.extract(doc)              # -> Extraction (control changes, events, ...)
    for result in extractor.extract_many(docs, processes=2):   # in input order
        ...                                          # an Extraction, or an ExtractionError

`Extractor(mode="fast")` runs the rules alone, with no statistical model.

Both pipelines may consult the sentence model (khabar.learn) on the sentences that gave a record:
a control change, meeting or claim whose sentence the model finds unlikely to state one is
dropped when its label has a veto threshold (the model's khabar.json). The packaged model sets
none: on reports held out from its training no threshold beat the rules alone (see
scripts/train_sentence_model.py --cv), so today it loads nothing and changes nothing.
`Extractor(model=False)`, `KHABAR_NO_MODEL=1` or `khabar extract --no-model` run the rules alone
whatever the model says.

The rule pass (sentencizer + the theatre's EntityRulers) reads every sentence. A sentence with
an entity of the theatre or a cue word is a candidate and goes to the record modules; of those,
which part of the model each reads is decided by `extract/tiers.py`: a sentence with a claim
trigger is parsed, one with an event's trigger (a meeting's too) only where the parse decides
something (a negation, a modal or a verb of planning near the trigger, a clause of another time
with a date, a quotation); the other event sentences and those with a quotation mark or a speech
verb go through the NER alone, and the rest (control changes, assessments, places) keep the rule
pass's tokens and entities.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from bisect import bisect_left
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from itertools import chain, islice
from typing import Any

import numpy
from spacy.attrs import ENT_IOB, IS_SPACE, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.tokens import Doc, Span

from khabar import __version__, learn
from khabar.errors import KhabarError
from khabar.extract import assessments, claims, control, events, tiers
from khabar.extract.control_triggers import lexicon_for
from khabar.extract.nlp import (
    RULERS,
    TitledNames,
    fast_pipeline,
    lexeme_flag,
    model_version,
    rule_pipeline_for_model,
    statistical_pipeline,
)
from khabar.extract.quotes import extract_quotes, reported_subject
from khabar.extract.sentences import Context, Sent, clean_name, read_report
from khabar.extract.tiers import _CANDIDATE, _MODEL_INPUT, _RULE_OUTPUT, NER, PARSE, RULES
from khabar.records import Document, Event, Extraction
from khabar.theatres.loader import DEFAULT_THEATRE, load

MODES = ("standard", "fast")
CHUNK_DOCS = 16  # documents per batch of the model, and per task of a worker process



class ExtractionError(KhabarError):
    """A document whose extraction failed; the other documents of its batch go on."""

    def __init__(self, document: Document, problem: str) -> None:
        super().__init__(f"{document.source or document.id}: {problem}")
        self.document = document
        self.problem = problem

    def __reduce__(self) -> tuple[type[ExtractionError], tuple[Document, str]]:
        return (ExtractionError, (self.document, self.problem))



@dataclass
class _Prepared:
    """A document after the rule pass: its context and candidate sentences with their tier."""

    document: Document
    ctx: Context
    # (sentence index, start offset, its text, its doc: the rule pass's or the model's input, tier)
    rule_docs: list[tuple[int, int, str, Doc, int]]


class Extractor:
    """Turns documents into Extractions with one theatre's gazetteer and actors.

    `parse_all_candidates=True` parses every candidate sentence fully (the old, slower
    selection), to measure what the tiers cost in quality.
    """

    def __init__(self, theatre: str = DEFAULT_THEATRE, mode: str = "standard", *,
                 parse_all_candidates: bool = False, model: bool | None = None) -> None:
        if mode not in MODES:
            raise ValueError(f"unknown pipeline {mode!r}; use one of {', '.join(MODES)}")
        self.theatre_name = theatre
        self.theatre = load(theatre)
        self.mode = mode
        self.parse_all_candidates = parse_all_candidates
        self.stat: Language | None = statistical_pipeline(theatre) if mode == "standard" else None
        self.fast = fast_pipeline(theatre) if self.stat is None else rule_pipeline_for_model(theatre)
        self.name = f"khabar-{mode}"
        self.extractors = EXTRACTORS  # the versioned names of the extractors it runs
        self.version = __version__ if mode == "fast" else f"{__version__}+{model_version()}"
        # the sentence model (None: the rules alone); model=None follows KHABAR_NO_MODEL
        self.sentence_model: learn.SentenceModel | None = \
            learn.model() if (learn.enabled() if model is None else model) else None
        self._titled: TitledNames | None = None
        self._warm = False

    # -- sentences -----------------------------------------------------------------------
    def _prepare(self, document: Document) -> _Prepared:
        """Run the rule pass: note the report's provinces, pick and tier candidate sentences."""
        ctx = Context(self.theatre)
        fdoc = self.fast(document.text)
        ents = list(fdoc.ents)
        # the title's places (the actors' ruler, after the places', adds ACTORs alone)
        title = list(self.fast.get_pipe(RULERS[0])(self.fast.make_doc(document.title)).ents) \
            if document.title else []
        for e in ents + title:
            if e.label_ == "PROVINCE":
                ctx.doc_provinces.add(e.ent_id_)
            elif e.label_ == "DISTRICT" and e.ent_id_ in self.theatre.districts and \
                    len(self.theatre.district_candidates(e.text)) == 1:
                ctx.doc_provinces.add(self.theatre.districts[e.ent_id_].province_id)
        text = document.text
        sentences = _SentenceDocs(fdoc, ents)
        rule_docs = []
        for i, start, end, context in _candidates(fdoc, sentences, ents):
            start_char = fdoc[start].idx
            s_text = text[start_char:fdoc[end - 1].idx + len(fdoc[end - 1])]  # as Span.text
            tier = RULES if self.stat is None else NER if context else \
                self._tier(s_text, document)
            sdoc = sentences.rule_doc(start, end) if tier == RULES else sentences.model_doc(start, end)
            rule_docs.append((i, start_char, s_text, sdoc, tier))
        return _Prepared(document, ctx, rule_docs)

    def _rulers(self, text: str) -> Doc:
        """Return a text with the theatre's entities and nothing else (for titles)."""
        doc = self.fast.make_doc(text)
        for name in RULERS:
            doc = self.fast.get_pipe(name)(doc)
        return doc

    def _tier(self, text: str, document: Document) -> int:
        """Return how much of the model a candidate sentence needs: PARSE, NER or RULES."""
        if self.parse_all_candidates:
            return PARSE
        return tiers.tier(self.theatre, text, document)

    def _run_model(self, prepared: list[_Prepared]) -> list[dict[int, Doc]]:
        """Return, per document, the model's doc of each PARSE and NER sentence by its index."""
        return tiers.run_model(self.stat, prepared, everything=self.parse_all_candidates)

    def _sentences(self, p: _Prepared, model_docs: dict[int, Doc]) -> list[Sent]:
        return tiers.model_sentences(p, model_docs)

    # -- extraction ----------------------------------------------------------------------
    def extract(self, document: Document) -> Extraction:
        """Return every record a document supports, each with its evidence sentence."""
        p = self._prepare(document)
        return self._records(p, self._sentences(p, self._run_model([p])[0]))

    def extract_batch(self, documents: list[Document]) -> list[Extraction | ExtractionError]:
        """Return each document's Extraction, or an ExtractionError for a document that failed.

        The model reads the candidate sentences of all the documents in one `nlp.pipe`.
        """
        results: list[Extraction | ExtractionError | None] = [None] * len(documents)
        prepared: list[tuple[int, _Prepared]] = []
        for k, d in enumerate(documents):
            try:
                prepared.append((k, self._prepare(d)))
            except Exception as e:  # noqa: BLE001 - one bad document must not stop the batch
                results[k] = _failed(d, e)
        try:
            model_docs = self._run_model([p for _, p in prepared])
        except Exception:  # noqa: BLE001 - find the document the model fails on, one by one
            model_docs = []
            for k, p in prepared:
                try:
                    model_docs.append(self._run_model([p])[0])
                except Exception as e:  # noqa: BLE001
                    results[k] = _failed(p.document, e)
                    model_docs.append({})
        for (k, p), docs in zip(prepared, model_docs, strict=True):
            if results[k] is not None:
                continue
            try:
                results[k] = self._records(p, self._sentences(p, docs))
            except Exception as e:  # noqa: BLE001
                results[k] = _failed(p.document, e)
        return [r for r in results if r is not None]

    def extract_many(self, documents: Iterable[Document], processes: int | None = 1,
                     chunk: int = CHUNK_DOCS, render: Callable[[Extraction], Any] | None = None
                     ) -> Iterator[Any]:
        """Yield each document's Extraction (or ExtractionError) in input order.

        Batches of `chunk` documents go to `processes` worker processes (None: one per core);
        the input is read in the calling thread as results are consumed, and an input of one
        batch is extracted here, without workers. Results are those of one process.

        `render` (a module-level function, as workers receive it by name) turns each Extraction
        into what is yielded in its place, in the worker that made it: a JSON line crosses
        between processes instead of the records, which cost more to pickle and unpickle than
        to write out (ExtractionErrors are yielded as they are).
        """
        n = default_processes() if processes is None else max(1, processes)
        batches = _batches(documents, max(1, chunk))
        first = next(batches, None)
        second = next(batches, None) if first is not None and n > 1 else None
        if second is None:
            for batch in chain((first,), batches) if first is not None else ():
                yield from _rendered(self._batch_here(batch), render)
            return
        methods = multiprocessing.get_all_start_methods()
        mp = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        if mp.get_start_method() == "fork":
            # forked workers inherit what this process has built: the pipelines, the theatre and
            # the regular expressions compiled on first use; build them once here, not per worker
            self.warm()
        initializer, initargs, work = self._pool_worker()
        pool: ProcessPoolExecutor | None = ProcessPoolExecutor(
            n, mp_context=mp, initializer=initializer, initargs=initargs)
        pending: deque[tuple[list[Document], Future[list[Any]] | None]] = deque()
        # what is built so far (the workers fork on the first task), theirs too, is kept out of the
        # cyclic collector's reach while they run: a worker's full collection then neither walks it
        # (0.2 s each) nor copies the pages it would touch (copy-on-write); then collected as before
        frozen = gc.get_freeze_count() == 0
        if frozen:
            gc.freeze()
        try:
            for batch in chain((first, second), batches):  # type: ignore[assignment]
                future = None
                if pool is not None:
                    try:
                        future = pool.submit(work, batch) if render is None else \
                            pool.submit(_render_work, work, render, batch)
                    except RuntimeError:  # BrokenProcessPool: go on in this process
                        pool.shutdown(cancel_futures=True)
                        pool = None
                pending.append((batch, future))
                while len(pending) > 2 * n:
                    yield from self._collect(*pending.popleft(), render)
            while pending:
                yield from self._collect(*pending.popleft(), render)
        finally:
            if pool is not None:
                pool.shutdown(cancel_futures=True)
            if frozen:
                gc.unfreeze()

    def warm(self) -> None:
        """Build what the first extraction builds (the theatre's triggers and the patterns the
        extractors compile on first use) by extracting a short invented report, and every
        control trigger's pattern (compiled on first use otherwise); once per Extractor. Forked
        worker processes inherit it all."""
        if self._warm:
            return
        self._warm = True
        self.extract_batch([_warm_up_document(self.theatre)])
        lexicon_for(self.theatre).compile()

    def _collect(self, batch: list[Document], future: Future[list[Any]] | None,
                 render: Callable[[Extraction], Any] | None = None) -> list[Any]:
        """Return a worker's results; a batch whose worker died is extracted here instead."""
        if future is not None:
            try:
                return future.result()
            except Exception:  # noqa: BLE001 - a worker died (BrokenProcessPool)
                pass
        return _rendered(self._batch_here(batch), render)

    def _batch_here(self, batch: list[Document]) -> list[Extraction | ExtractionError]:
        """Extract a batch in this process (no workers, or its worker died)."""
        return self.extract_batch(batch)

    def _pool_worker(self) -> tuple[Callable[..., None], tuple[Any, ...],
                                    Callable[[list[Document]], list[Extraction | ExtractionError]]]:
        """Return a worker process's initializer, its arguments, and the function it runs on a batch."""
        return _init_worker, (self.theatre_name, self.mode, self.parse_all_candidates,
                              self.sentence_model is not None), _work

    def _records(self, p: _Prepared, sents: list[Sent]) -> Extraction:
        """Return the records of a document from its sentences."""
        document, ctx = p.document, p.ctx
        ctx.report = read_report(sents, self.theatre, document.published)
        found: dict[str, list[Any]] = {kind: [] for kind in SENTENCE_EXTRACTORS.values()}
        persons: list[tuple[int, str]] = []
        warnings: list[str] = []
        named_place = False
        for sent in sents:
            for e in sent.all_ents:
                if e.label_ == "PERSON" or (e.label_ == "ACTOR" and (a := self.theatre.actor(e.text))
                                            and a.kind == "person"):
                    name = ctx.note_person(clean_name(e.text), last=not reported_subject(sent.text, e.start_char))
                    persons.append((sent.start + e.start_char, name))
                if e.label_ in ("DISTRICT", "PROVINCE"):
                    named_place = True
            for name, kind in SENTENCE_EXTRACTORS.items():  # in the registry's order
                found[kind].extend(_SENTENCE_RUNS[name](sent, ctx, document))
            self._note_places(sent, ctx)
        quotes = extract_quotes(document.text, document.id, sents, ctx, persons)
        if self.sentence_model is not None:
            self._veto(found)
        ctl, evs = control.merge(found["control_changes"]), found["events"]
        cls, ass = found["claims"], found["assessments"]
        for c in ctl:
            if c.district_id is None:
                warnings.append(f"{c.district}: not in the {self.theatre.name} gazetteer; "
                                "kept with a null district id")
        if not named_place:
            warnings.append(f"no place of {self.theatre.country or self.theatre.name} named")
        return Extraction(document=document, pipeline=self.name, version=self.version,
                          control_changes=tuple(ctl), events=tuple(_dedupe_events(
                              [e for e in evs if (e.evidence.start, e.span) not in ctx.superseded])),
                          claims=tuple(cls), quotes=tuple(quotes), assessments=tuple(ass),
                          warnings=tuple(dict.fromkeys(warnings)))

    # -- the sentence model --------------------------------------------------------------
    def sentence_scores(self, texts: list[str]) -> list[dict[str, float]]:
        """Return the sentence model's probabilities (khabar.learn.LABELS) for sentence texts,
        their names found by this pipeline's rulers; empty dicts when the model is off."""
        m = self.sentence_model
        if m is None or not texts:
            return [{} for _ in texts]
        if self._titled is None:
            self._titled = TitledNames(self.fast.vocab)
        return m.score_masked([learn.masked(self._titled(self._rulers(t)), self.theatre) for t in texts])

    def _veto(self, found: dict[str, list[Any]]) -> None:
        """Drop the control changes, meetings and claims whose sentence the model finds unlikely
        to state one (below the label's threshold; a threshold of 0 keeps all)."""
        assert self.sentence_model is not None
        veto = self.sentence_model.veto
        kinds = {"control_changes": "CONTROL", "claims": "CLAIM", "events": "MEETING"}
        texts = list(dict.fromkeys(r.evidence.text for kind, label in kinds.items() if veto.get(label)
                                   for r in found[kind] if kind != "events" or r.type == "CONSULT"))
        if not texts:
            return
        probs = dict(zip(texts, self.sentence_scores(texts), strict=True))
        for kind, label in kinds.items():
            floor = veto.get(label) or 0.0
            if floor:
                found[kind] = [r for r in found[kind] if (kind == "events" and r.type != "CONSULT")
                               or probs[r.evidence.text][label] >= floor]

    def _note_places(self, sent: Sent, ctx: Context) -> None:
        from khabar.extract.places import district_mentions

        named = [p for p in district_mentions(sent, ctx) if not p.anaphoric]
        if named:
            p = named[0]
            ctx.last_district = (p.text, p.district.id if p.district else None)


def _control(sent: Sent, ctx: Context, document: Document) -> list[Any]:
    return control.to_records(sent, control.match(sent, ctx))


def _events(sent: Sent, ctx: Context, document: Document) -> list[Any]:
    return events.to_records(sent, events.match(sent, ctx), ctx)


def _claims(sent: Sent, ctx: Context, document: Document) -> list[Any]:
    return claims.to_records(sent, claims.match(sent, ctx), ctx)


def _assessments(sent: Sent, ctx: Context, document: Document) -> list[Any]:
    before = ctx.report.before(sent)
    return assessments.to_records(sent, assessments.match(sent, ctx), ctx,
                                  before[-1].text if before else "", document.outlet)


# The extractors, by versioned name (a name's number goes up when what it extracts changes on
# purpose), in the order they read each sentence, and the record kind each fills. Control reads
# the sentences before the current one from the report's pre-pass (ctx.report), not from what
# events wrote; quotes read the whole report once, after the sentences.
SENTENCE_EXTRACTORS: dict[str, str] = {"control/1": "control_changes", "events/1": "events",
                                       "claims/1": "claims", "assessments/1": "assessments"}
REPORT_EXTRACTORS: dict[str, str] = {"quotes/1": "quotes"}
EXTRACTORS: tuple[str, ...] = (*SENTENCE_EXTRACTORS, *REPORT_EXTRACTORS)
_SENTENCE_RUNS: dict[str, Any] = {"control/1": _control, "events/1": _events, "claims/1": _claims,
                                  "assessments/1": _assessments}


def default_processes() -> int:
    """Return the number of cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _failed(document: Document, e: Exception) -> ExtractionError:
    problem = str(e) if isinstance(e, KhabarError) else \
        f"extraction failed ({type(e).__name__}: {e}); please report it with this report"
    return ExtractionError(document, problem)


def _candidates(fdoc: Doc, sentences: _SentenceDocs, ents: list[Span]
                ) -> list[tuple[int, int, int, bool]]:
    """Return (sentence index, first token, end token, speaker context) of each candidate
    sentence of a rule-pass doc.

    A candidate names an entity of the theatre or holds a cue word (`_CANDIDATE`); the sentence
    before one with a quotation mark is also read, for the person it may name ("the police
    commander, Farid Noorzai, toured the checkpoints. “The road is open,” he said."), and is
    flagged as such. Blank sentences have no index. Read from token arrays: the cue test runs
    once per word type, as a lexeme flag."""
    n = len(fdoc)
    if n == 0:
        return []
    vocab = fdoc.vocab
    flags = fdoc.to_array([lexeme_flag(vocab, "candidate", _is_cue),
                           lexeme_flag(vocab, "quotation mark", _is_quotation_mark),
                           IS_SPACE]).astype(bool)
    sums = numpy.concatenate((numpy.zeros((1, 3), dtype=numpy.int64),
                              numpy.cumsum(flags, axis=0)))
    starts = numpy.flatnonzero(sentences.array[:, sentences.heads.index(SENT_START)] == 1)
    bounds = numpy.append(starts, n)
    counts = sums[bounds[1:]] - sums[bounds[:-1]]  # per sentence: cues, quotation marks, spaces
    filled = counts[:, 2] < bounds[1:] - bounds[:-1]
    ent_starts = [e.start for e in ents]
    rows = []
    for start, end, cue, quoted, full in zip(bounds[:-1].tolist(), bounds[1:].tolist(),
                                             counts[:, 0].tolist(), counts[:, 1].tolist(),
                                             filled.tolist(), strict=True):
        if full:
            k = bisect_left(ent_starts, start)
            rows.append((start, end, bool(cue) or (k < len(ents) and ents[k].end <= end),
                         bool(quoted)))
    out = []
    for i, (start, end, candidate, _) in enumerate(rows):
        before_quote = i + 1 < len(rows) and rows[i + 1][3]
        if candidate or before_quote:
            out.append((i, start, end, not candidate))
    return out


def _is_quotation_mark(word: str) -> bool:
    # also guillemets, low-high and opening single marks (quotes.quotations reads them all)
    return any(c in word for c in "\u201c\u201d\"\u00ab\u00bb\u201e\u2018")


def _is_cue(word: str) -> bool:
    return bool(_CANDIDATE.search(word)) or word.lower() == "cent"  # "per cent": two tokens


class _SentenceDocs:
    """Docs of single sentences of a rule-pass doc, its arrays exported once.

    `Span.as_doc` does the same, but exports the whole document's array and averages word
    vectors for every sentence.
    """

    def __init__(self, fdoc: Doc, ents: list[Span]) -> None:
        self.vocab = fdoc.vocab
        self.heads = list(_RULE_OUTPUT)
        self.array = fdoc.to_array(self.heads)
        self.strings = fdoc.vocab.strings
        self.orth = self.array[:, self.heads.index(ORTH)].tolist()
        self.spaces = self.array[:, self.heads.index(SPACY)].astype(bool).tolist()
        self.whole = {(e.start, e.end) for e in ents}
        self.model_cols = [self.heads.index(a) for a in _MODEL_INPUT]
        self.rule_cols = [self.heads.index(a) for a in _RULE_OUTPUT if a != ORTH]

    def words(self, start: int, end: int) -> list[str]:
        strings = self.strings
        return [strings[o] for o in self.orth[start:end]]

    def rule_doc(self, start: int, end: int) -> Doc:
        """Return the sentence as the rule pass saw it: tokens, sentence start, entities."""
        doc = Doc(self.vocab, words=self.words(start, end), spaces=self.spaces[start:end])
        part = self.array[start:end][:, self.rule_cols].copy()
        return self._fill(doc, start, end, [a for a in _RULE_OUTPUT if a != ORTH], part)

    def model_doc(self, start: int, end: int) -> Doc:
        """Return the sentence as the model's input: its text alone (no trailing space), its
        tokens and the rulers' entities, no sentence boundaries."""
        spaces = self.spaces[start:end]
        spaces[-1] = False
        doc = Doc(self.vocab, words=self.words(start, end), spaces=spaces)
        part = self.array[start:end][:, self.model_cols].copy()
        return self._fill(doc, start, end, list(_MODEL_INPUT), part)

    def _fill(self, doc: Doc, start: int, end: int, heads: list[int], part: Any) -> Doc:
        iob = heads.index(ENT_IOB)
        if part[0][iob] == 1:  # an entity that begins before the sentence
            part[0][iob] = 3
        doc.from_array(heads, part)  # type: ignore[arg-type]
        partial = [e for e in doc.ents if (e.start + start, e.end + start) not in self.whole]
        if partial:
            doc.set_ents([], missing=partial, default="unmodified")
        return doc


def _warm_up_document(theatre: Any) -> Document:
    """Return an invented report in the theatre's names that reaches every extractor: a change
    of hands, a meeting, a claim with a count, a quotation with its speaker, an assessment."""
    party = next(iter(theatre.parties.values()), None)
    who = party.name if party is not None else "The rebels"
    district = next(iter(theatre.districts.values()), None)
    place = district.name if district is not None else "the town"
    text = (f"{who} fighters captured {place} district on Monday, officials said.\n"
            f"A spokesman, Karim Ahmadi, claimed that 40 soldiers were killed and denied losses.\n"
            f"\u201cWe hold the district centre,\u201d he told reporters on Tuesday.\n"
            f"Envoys of both sides met in the capital for talks on Wednesday.\n"
            f"By one count the group now controls 120 of 400 districts.")
    return Document(id="khabar-warm-up", text=text, title=f"{place} falls", published=date(2001, 1, 1))


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    it = iter(documents)
    while batch := list(islice(it, size)):
        yield batch


_WORKER: Extractor | None = None


def _init_worker(theatre: str, mode: str, parse_all_candidates: bool, model: bool | None = None) -> None:
    global _WORKER
    _exit_with_parent(os.getppid())
    _WORKER = Extractor(theatre, mode, parse_all_candidates=parse_all_candidates, model=model)


def _exit_with_parent(parent: int) -> None:
    """End this worker when its parent is gone (killed with SIGKILL, say): a forked worker
    shares its task pipe with its siblings and would otherwise wait on it for ever."""
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="khabar-parent-watch", daemon=True).start()


def _work(batch: list[Document]) -> list[Extraction | ExtractionError]:
    assert _WORKER is not None
    return _WORKER.extract_batch(batch)


def _rendered(results: list[Extraction | ExtractionError], render: Callable[[Extraction], Any] | None
              ) -> list[Any]:
    if render is None:
        return results
    return [r if isinstance(r, ExtractionError) else render(r) for r in results]


def _render_work(work: Callable[[list[Document]], list[Extraction | ExtractionError]],
                 render: Callable[[Extraction], Any], batch: list[Document]) -> list[Any]:
    """A worker's task when results are rendered there: extract the batch, render each Extraction."""
    return _rendered(work(batch), render)


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
