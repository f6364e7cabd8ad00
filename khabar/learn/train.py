"""Training the sentence model (khabar.learn): examples from gold-annotated reports and from
sentences the team writes, a seeded spaCy `textcat_multilabel`, saved beside its meta.

Used by scripts/train_sentence_model.py (the packaged weights) and its cross-validation; the
reports' sentences are read at training time from the folder given and never stored.
"""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from khabar.learn import LABELS, masked

# gold record kind -> label
GOLD_KINDS = {"control_changes": "CONTROL", "meetings": "MEETING", "claims": "CLAIM"}
# a sentence carries a gold record when it holds this share of the words of its evidence
EVIDENCE_SHARE = 0.7
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Item:
    """One training sentence: where it comes from, its masked text, its labels."""

    source: str  # "own" or a report id ("eval-dev/602")
    text: str  # masked (khabar.learn.masked)
    labels: frozenset[str]

    def cats(self) -> dict[str, float]:
        return {k: float(k in self.labels) for k in LABELS}


def _words(s: str) -> set[str]:
    s = unicodedata.normalize("NFKD", s or "").lower().replace("\u2019", "'")
    return set(_WORD.findall(s))


def held_out(paths: Sequence[Path], tool: Path) -> set[Path]:
    """Return the reports among `paths` that ../shared/tools/held_out.py says are held out."""
    if not paths:
        return set()
    if not tool.is_file():
        raise FileNotFoundError(f"{tool} not found: cannot check that no held-out report is trained on")
    out = subprocess.run([sys.executable, str(tool), *map(str, paths)], capture_output=True, text=True)
    return {Path(line.split("\t", 1)[1]) for line in out.stdout.splitlines() if line.startswith("held out\t")}


def report_items(folder: Path, theatre: str, tool: Path) -> list[Item]:
    """Return one Item per sentence of every report of a gold folder (corpus/ + gold/), labelled
    from its gold records; reports that held_out.py flags are skipped."""
    from khabar.extract.nlp import fast_pipeline
    from khabar.theatres.loader import load

    th = load(theatre)
    nlp = fast_pipeline(th.name)
    texts = sorted((folder / "corpus").glob("*.txt"))
    skip = held_out(texts, tool)
    out: list[Item] = []
    for path in texts:
        gold_path = folder / "gold" / (path.stem + ".json")
        if path in skip or not gold_path.is_file():
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        evidence = [(GOLD_KINDS[k], _words(r.get("evidence", ""))) for k in GOLD_KINDS
                    for r in gold.get(k) or [] if r.get("evidence")]
        doc = nlp(path.read_text(encoding="utf-8"))
        for sent in doc.sents:
            if not sent.text.strip():
                continue
            w = _words(sent.text)
            labels = frozenset(label for label, ev in evidence
                               if ev and len(ev & w) / len(ev) >= EVIDENCE_SHARE)
            out.append(Item(f"{folder.name}/{path.stem}", masked(sent, th), labels))
    return out


def own_items(paths: Iterable[Path]) -> list[Item]:
    """Return the Items of the team's own sentences: lines `LABELS<TAB>THEATRE<TAB>SENTENCE`,
    LABELS comma-separated or '-', THEATRE a bundled theatre's name or a unique prefix of it (`theatres.loader.load`); '#' lines are comments."""
    from khabar.extract.nlp import fast_pipeline
    from khabar.theatres.loader import load

    out: list[Item] = []
    for path in paths:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) != 3:
                raise ValueError(f"{path}:{n}: expected LABELS<TAB>THEATRE<TAB>SENTENCE")
            labels = frozenset() if parts[0].strip() == "-" else frozenset(
                x.strip() for x in parts[0].split(","))
            bad = labels - set(LABELS)
            if bad:
                raise ValueError(f"{path}:{n}: unknown label(s) {', '.join(sorted(bad))}")
            th = load(parts[1].strip())
            out.append(Item("own", masked(fast_pipeline(th.name)(parts[2].strip()), th), labels))
    return out


def config(ngram: int = 2, length: int = 2 ** 17, arch: str = "bow") -> dict[str, Any]:
    """Return the textcat's model config: bag of words and n-grams, hashed into `length` rows
    ("bow"), or that beside a small convolutional network over hashed word features ("ensemble")."""
    bow = {"@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": False, "ngram_size": ngram,
           "no_output_layer": False, "length": length}
    if arch == "bow":
        return {"threshold": 0.5, "model": bow}
    tok2vec = {"@architectures": "spacy.Tok2Vec.v2",
               "embed": {"@architectures": "spacy.MultiHashEmbed.v2", "width": 64,
                         "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE"], "rows": [5000, 1000, 2500, 500],
                         "include_static_vectors": False},
               "encode": {"@architectures": "spacy.MaxoutWindowEncoder.v2", "width": 64, "window_size": 1,
                          "maxout_pieces": 3, "depth": 2}}
    return {"threshold": 0.5, "model": {"@architectures": "spacy.TextCatEnsemble.v2", "tok2vec": tok2vec,
                                        "linear_model": bow, "nO": None}}


def train(items: Sequence[Item], seed: int = 7, epochs: int = 12, ngram: int = 2,
          own_weight: int = 2, arch: str = "bow") -> Any:
    """Return a blank English pipeline with a trained `textcat_multilabel` (deterministic for a seed).

    The team's own sentences are seen `own_weight` times an epoch (they are few and chosen)."""
    import spacy
    from spacy.training import Example
    from spacy.util import fix_random_seed, minibatch

    fix_random_seed(seed)
    nlp = spacy.blank("en")
    tc = nlp.add_pipe("textcat_multilabel", config=config(ngram, arch=arch))
    for label in LABELS:
        tc.add_label(label)  # type: ignore[attr-defined]
    pool = [it for it in items for _ in range(own_weight if it.source == "own" else 1)]
    examples = [Example.from_dict(nlp.make_doc(it.text), {"cats": it.cats()}) for it in pool]
    rng = random.Random(seed)
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(epochs):
        rng.shuffle(examples)
        for batch in minibatch(examples, size=16):
            nlp.update(batch, sgd=optimizer, drop=0.0)
    return nlp


def save(nlp: Any, path: Path, meta: dict[str, Any]) -> None:
    """Write the pipeline and khabar's meta (what it was trained from, its figures)."""
    path.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(path)
    (path / "khabar.json").write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n", encoding="utf-8")
