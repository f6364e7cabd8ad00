"""Run the extractor over a corpus folder and score it against a folder of gold files.

    evaluation = evaluate(Path("corpus"), Path("gold"), pipeline="fast")
    evaluation.figures["control_changes"]["f1"]

CORPUS_DIR holds `NNN.txt` reports (title line, blank line, body) and, optionally, an
`index.jsonl` of their metadata. GOLD_DIR holds one JSON file per report; its report is the file
that `document.file` names, else the `.txt` of the same name. A report with no publication date in
the index takes the gold's `document.published`.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from khabar.errors import InputError, KhabarError
from khabar.evaluate import score
from khabar.ingest import parse_metadata_date, read_inputs
from khabar.records import Document
from khabar.theatres.loader import DEFAULT_THEATRE

if TYPE_CHECKING:
    from khabar.extract.pipeline import Extractor

GOLD_LISTS = ("control_changes", "aggregate_control", "meetings", "other_events", "claims", "quotes")
_NEEDS = {"control_changes": ("district", "controller", "evidence"), "aggregate_control": ("districts",),
          "meetings": ("evidence",), "other_events": ("type", "evidence"), "claims": ("evidence",),
          "quotes": ("text",)}


@dataclass(frozen=True, slots=True)
class GoldReport:
    """A gold file, its annotations and the report they describe."""

    name: str
    gold_path: Path
    report_path: Path
    gold: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Evaluation:
    """The scores of a corpus, how long extraction took, and the gold files that were skipped."""

    scores: tuple[score.DocumentScore, ...]
    figures: dict[str, dict[str, Any]]
    pipeline: dict[str, str]
    seconds: float
    words: int
    problems: tuple[str, ...] = ()
    unscored: tuple[str, ...] = field(default=())

    def to_dict(self, with_errors: bool = False) -> dict[str, Any]:
        """Return the figures as JSON-ready data, with every FP and FN when asked."""
        out: dict[str, Any] = {
            "documents": len(self.scores), "kinds": self.figures, "pipeline": self.pipeline,
            "seconds": round(self.seconds, 2), "words": self.words,
            "words_per_second": round(self.words / self.seconds) if self.seconds else None,
            "per_document": score.per_document(self.scores),
            "problems": list(self.problems), "unscored": list(self.unscored)}
        if with_errors:
            out["errors"] = score.errors(self.scores)
        return out


def evaluate(corpus_dir: Path, gold_dir: Path, *, pipeline: str = "standard",
             theatre: str = DEFAULT_THEATRE, extractor: Extractor | None = None,
             processes: int | None = 1) -> Evaluation:
    """Return the scores of the extractor on every report of CORPUS_DIR that has a gold file.

    `seconds` is the wall time of extracting them all, in `processes` worker processes
    (None: one per core).
    """
    _folder(corpus_dir, "reports (NNN.txt)")
    _folder(gold_dir, "gold files (NNN.json)")
    golds, problems = read_gold(corpus_dir, gold_dir)
    if not golds:
        if problems:
            raise KhabarError(f"{gold_dir}: no usable gold file ({len(problems)} bad; first: {problems[0]})")
        raise KhabarError(f"{gold_dir}: no gold files (NNN.json); give the folder of gold files")
    if extractor is None:
        from khabar.extract.pipeline import MODES, Extractor
        if pipeline not in MODES:
            raise KhabarError(f"--pipeline {pipeline!r}: unknown pipeline; use {' or '.join(MODES)}")
        extractor = Extractor(theatre, mode=pipeline)
    resolve = score.district_resolver(extractor.theatre)
    messages = [str(p) for p in problems]
    readable: list[tuple[GoldReport, Document]] = []
    for g in golds:
        try:
            doc, notes = read_report(g)
        except InputError as e:
            messages.append(str(e))
            continue
        messages.extend(n for n in notes if n not in messages)
        readable.append((g, doc))
    scores = []
    start = time.perf_counter()
    extracted = list(extractor.extract_many((doc for _, doc in readable), processes=processes))
    seconds = time.perf_counter() - start
    nwords = 0
    for (g, doc), ex in zip(readable, extracted, strict=True):
        if isinstance(ex, KhabarError):
            messages.append(str(ex))
            continue
        nwords += len(doc.text.split())
        scores.append(score.score_document(g.name, doc.text, g.gold, ex.to_dict(), resolve))
    if not scores:
        raise KhabarError(f"{corpus_dir}: no report could be scored; " + "; ".join(messages))
    used = {g.report_path.resolve() for g in golds}
    unscored = tuple(p.name for p in sorted(corpus_dir.glob("*.txt")) if p.resolve() not in used)
    return Evaluation(tuple(scores), score.summarise(scores),
                      {"name": extractor.name, "version": extractor.version}, seconds, nwords,
                      tuple(messages), unscored)


def _folder(path: Path, holding: str) -> None:
    if not path.is_dir():
        what = "not a folder" if path.exists() else "no such folder"
        raise KhabarError(f"{path}: {what}; give a folder of {holding}")


def read_gold(corpus_dir: Path, gold_dir: Path) -> tuple[list[GoldReport], list[KhabarError]]:
    """Return the usable gold files of a folder with their reports, and an error for each bad one."""
    golds: list[GoldReport] = []
    problems: list[KhabarError] = []
    for path in sorted(p for p in gold_dir.iterdir() if p.suffix.lower() == ".json" and p.is_file()):
        try:
            golds.append(_gold_report(path, corpus_dir))
        except KhabarError as e:
            problems.append(e)
    return golds, problems


def _gold_report(path: Path, corpus_dir: Path) -> GoldReport:
    try:
        gold = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as e:
        raise KhabarError(f"{path}: cannot read ({e.strerror or e})") from None
    except UnicodeDecodeError:
        raise KhabarError(f"{path}: not UTF-8 text; save the gold file as UTF-8") from None
    except json.JSONDecodeError as e:
        raise KhabarError(f"{path}: not valid JSON ({e.msg}: line {e.lineno} column {e.colno}); "
                          "fix the file") from None
    if not isinstance(gold, dict):
        raise KhabarError(f"{path}: not a JSON object; give one gold object per report")
    problem = next(_gold_problems(gold), None)
    if problem:
        raise KhabarError(f"{path}: {problem}; fix the file")
    meta = gold.get("document")
    if not isinstance(meta, dict):
        meta = {}
    named = meta.get("file") if isinstance(meta.get("file"), str) else None
    candidates = [corpus_dir / Path(named).name] if named else []
    candidates.append(corpus_dir / f"{path.stem}.txt")
    report = next((c for c in candidates if c.is_file() and c.suffix.lower() == ".txt"), None)
    if report is None:
        raise KhabarError(f"{path}: no report {candidates[0].name} in {corpus_dir}; "
                          "name it in document.file or give the .txt the gold file's name")
    return GoldReport(report.stem, path, report, gold)


def _gold_problems(gold: dict[str, Any]) -> Iterator[str]:
    for key in GOLD_LISTS:
        records = gold.get(key, [])
        if not isinstance(records, list):
            yield f"{key} is not a list"
            continue
        for i, r in enumerate(records, 1):
            if not isinstance(r, dict):
                yield f"{key} item {i} is not an object"
            elif missing := [k for k in _NEEDS[key] if r.get(k) in (None, "")]:
                yield f"{key} item {i} has no {', '.join(missing)}"


def read_report(g: GoldReport) -> tuple[Document, list[str]]:
    """Return a gold file's report, dated by the gold file when the corpus index gives no date,
    and the problems met in the corpus index on the way."""
    results = list(read_inputs([str(g.report_path)]))
    errors = [str(e) for e in results if isinstance(e, InputError)]
    doc = next((d for d in results if isinstance(d, Document)), None)
    if doc is None:
        raise InputError(errors[-1] if errors else f"{g.report_path}: no report read")
    meta = g.gold.get("document")
    if doc.published is None and isinstance(meta, dict):
        doc = replace(doc, published=parse_metadata_date(meta.get("published")),
                      title=doc.title or str(meta.get("title") or ""))
    return doc, errors
