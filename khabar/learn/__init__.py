"""The learned layer: a small sentence classifier that decides where the rules cannot enumerate.

    from khabar.learn import score
    score(["The district fell to the rebels on Sunday.", "Talks are planned for next week."])
    # -> [{"CONTROL": 0.93, "MEETING": 0.02, "CLAIM": 0.08}, {"CONTROL": 0.01, "MEETING": 0.21, ...}]

One spaCy `textcat_multilabel` (bag of words and word pairs, CPU, well under a megabyte a label)
gives each sentence a probability for each label:

- CONTROL: a place changes hands, or is stated held by a side;
- MEETING: a meeting, visit or call took place (not planned, not "the peace talks" in general);
- CLAIM: a party's framed claim or denial (not plain sourcing such as "officials said").

It reads a sentence with its names masked (`masked`): places become PLACE, people PERSON, states
STATE, other actors GROUP, digits NUM, so that it learns the wording of an event and not the names
of one theatre. The weights ship in the package (khabar/models/sentences/, made by
scripts/train_sentence_model.py); nothing is downloaded. The model loads on first use, once per
process. `KHABAR_NO_MODEL=1` (or `khabar extract --no-model`) turns it off for the pipeline.

The pipeline drops a record whose sentence scores below its label's veto threshold (khabar.json
"veto"); the packaged model sets none, since none beat the rules alone on reports held out from
its training (scripts/train_sentence_model.py --cv 5). Extractors may read a sentence's
probability with `probability(sent.doc, label, theatre)` (None when the model is off).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from khabar.errors import KhabarError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

LABELS = ("CONTROL", "MEETING", "CLAIM")
MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "sentences"
ENV_OFF = "KHABAR_NO_MODEL"
ENV_PATH = "KHABAR_SENTENCE_MODEL"  # a folder of another trained model, to measure it
# A record of a kind is dropped when its sentence's probability is below its label's threshold
# (khabar.json of the model may set them; 0 turns a veto off).
VETO = {"CONTROL": 0.0, "MEETING": 0.0, "CLAIM": 0.0}
# what a name becomes in the model's input
PLACE, PERSON, STATE, GROUP, NUM = "PLACE", "PERSON", "STATE", "GROUP", "NUM"
_PLACE_LABELS = frozenset({"DISTRICT", "PROVINCE", "VENUE", "GPE", "LOC", "FAC"})
_MASKED = frozenset({*_PLACE_LABELS, "ACTOR", "PERSON", "NORP", "ORG"})


class ModelMissing(KhabarError):
    """The sentence model's weights are not where the package keeps them."""


def enabled() -> bool:
    """Return whether the pipeline should consult the model (not when KHABAR_NO_MODEL is set)."""
    return os.environ.get(ENV_OFF, "").strip().lower() in ("", "0", "false", "no")


def _actor_kinds(theatre: Any) -> dict[str, str]:
    """Return actor id -> what the model reads for it (PERSON, STATE or GROUP)."""
    out = {}
    for a in theatre.actors:
        out[a.id] = PERSON if a.kind == "person" else STATE if a.kind == "state" else GROUP
    return out


_KINDS: dict[int, tuple[Any, dict[str, str]]] = {}


def _kinds_of(theatre: Any) -> dict[str, str]:
    if theatre is None:
        return {}
    key = id(theatre)
    if key not in _KINDS:
        _KINDS[key] = (theatre, _actor_kinds(theatre))  # the theatre is kept so its id stays unique
    return _KINDS[key][1]


def _mask_of(e: Span, kinds: dict[str, str]) -> str:
    label = e.label_
    if label in _PLACE_LABELS:
        return PLACE
    if label == "ACTOR":
        return kinds.get(e.ent_id_, GROUP)
    if label == "PERSON":
        return PERSON
    if label == "NORP":
        return "NORP"
    return GROUP


def masked(doc: Doc | Span, theatre: Any = None) -> str:
    """Return a sentence as the model reads it: lower case, its names masked, digits as NUM.

    The entities are the rule pass's (places and actors of the theatre, PERSON after a title)
    or the statistical NER's, whichever the doc carries."""
    kinds = _kinds_of(theatre)
    words: list[str] = []
    i, n = 0, len(doc)
    base = doc.start if isinstance(doc, _span_type()) else 0
    ents = {e.start - base: e for e in doc.ents if e.label_ in _MASKED}
    while i < n:
        e = ents.get(i)
        if e is not None:
            words.append(_mask_of(e, kinds))
            i = e.end - base
            continue
        tok = doc[i]
        if not tok.is_space:
            t = tok.lower_
            words.append(NUM if any(c.isdigit() for c in t) else t)
        i += 1
    return " ".join(words)


def _span_type() -> type[Span]:
    from spacy.tokens import Span
    return Span


class SentenceModel:
    """The trained classifier: masked sentence texts in, a probability per label out.

    Its meta (khabar.json: what it was trained from, its veto thresholds) is read at once; the
    spaCy pipeline on the first score, so that a pipeline with no veto set pays nothing."""

    def __init__(self, nlp: Language | None, path: Path) -> None:
        import json

        self._nlp = nlp
        self.path = path
        meta_path = path / "khabar.json"
        self.meta: dict[str, Any] = json.loads(meta_path.read_text(encoding="utf-8")) \
            if meta_path.is_file() else {}
        self.veto: dict[str, float] = {**VETO, **self.meta.get("veto", {})}

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            import spacy
            self._nlp = spacy.load(self.path)
        return self._nlp

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(self.nlp.get_pipe("textcat_multilabel").labels)  # type: ignore[attr-defined]

    def score_masked(self, texts: Sequence[str]) -> list[dict[str, float]]:
        """Return each masked text's probability per label."""
        if not texts:
            return []
        return [{k: float(v) for k, v in d.cats.items()} for d in self.nlp.pipe(texts, batch_size=256)]


def load_from(path: Path | str) -> SentenceModel:
    """Return the model saved in a folder (by scripts/train_sentence_model.py); its weights load
    on first use."""
    p = Path(path)
    if not all((p / f).is_file() for f in ("config.cfg", "meta.json", "textcat_multilabel/model")):
        raise ModelMissing(f"sentence model not found in {p}; run scripts/train_sentence_model.py "
                           f"or set {ENV_OFF}=1 to extract with the rules alone")
    return SentenceModel(None, p)


def model() -> SentenceModel:
    """Return the packaged model (or the one KHABAR_SENTENCE_MODEL names), loaded on first use:
    offline, once per process and folder."""
    return _model_at(os.environ.get(ENV_PATH) or str(MODEL_DIR))


@lru_cache(maxsize=2)
def _model_at(path: str) -> SentenceModel:
    return load_from(path)


def score(sentences: Iterable[str | Doc | Span], theatre: str | Any | None = None,
          using: SentenceModel | None = None) -> list[dict[str, float]]:
    """Return, for each sentence, the probability of each label (LABELS).

    A sentence is a text, or a spaCy Doc/Span whose entities are used as they are; a text is
    read with the rule pass of `theatre` (a name or a loaded Theatre; default: the default
    theatre) to find its names."""
    from khabar.theatres.loader import DEFAULT_THEATRE, Theatre, load

    th = theatre if isinstance(theatre, Theatre) else load(theatre or DEFAULT_THEATRE)
    texts: list[str] = []
    for s in sentences:
        if isinstance(s, str):
            from khabar.extract.nlp import fast_pipeline
            s = fast_pipeline(th.name)(s)
        texts.append(masked(s, th))
    return (using or model()).score_masked(texts)


def probability(sentence: Doc | Span, label: str, theatre: Any = None) -> float | None:
    """Return the probability of one label for a sentence an extractor reads (a `Sent.doc`),
    or None when the model is off (KHABAR_NO_MODEL) or its weights are missing: an extractor
    that consults the model must also work without it.

        p = learn.probability(sent.doc, "MEETING", ctx.theatre)
        if p is not None and p < 0.05: ...
    """
    if not enabled():
        return None
    try:
        m = model()
    except ModelMissing:
        return None
    return _cached(m, masked(sentence, theatre)).get(label)


def _cached(m: SentenceModel, text: str) -> dict[str, float]:
    key = (id(m), text)
    hit = _CACHE.get(key)
    if hit is None:
        if len(_CACHE) > 4096:
            _CACHE.clear()
        hit = _CACHE[key] = m.score_masked([text])[0]
    return hit


_CACHE: dict[tuple[int, str], dict[str, float]] = {}

