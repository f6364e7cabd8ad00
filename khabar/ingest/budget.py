"""A time budget for extracting each report, so that one hostile report cannot stall a batch.

    extractor = Budgeted(Extractor(DEFAULT_THEATRE), on_error=print)
    for ex in extractor.extract_many(documents, processes=None): ...

`Budgeted` is an Extractor whose `extract_many` gives each batch of reports the budget of one
report (`limits.seconds`, `--max-seconds`): a batch that runs past it is extracted again one
report at a time, each with that budget, and a report that still runs past it is an
ExtractionError naming it, while the rest of the batch is extracted and stored. A report longer
than the parser takes is refused before it is parsed. Worker processes keep the budget in their
own main thread; in this process the budget holds in the main thread only (a SIGALRM timer).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from khabar.extract.pipeline import CHUNK_DOCS, ExtractionError, Extractor, _exit_with_parent
from khabar.ingest import limits
from khabar.records import Document, Extraction

Result = Extraction | ExtractionError


class Budgeted(Extractor):
    """An Extractor (the same pipelines, shared) with a time budget for each report."""

    def __init__(self, extractor: Extractor, seconds: float | None = None,
                 on_error: Callable[[ExtractionError], None] | None = None) -> None:
        self.__dict__.update(extractor.__dict__)
        self.seconds = seconds
        self.on_error = on_error

    def budget(self) -> float | None:
        """Return the seconds each report may take (None or 0: no budget)."""
        return self.seconds if self.seconds is not None else limits.current().seconds

    def max_length(self) -> int:
        """Return the longest text, in characters, that the pipeline reading a whole report takes
        (the rule pass; the model reads only candidate sentences)."""
        return int(getattr(getattr(self, "fast", None), "max_length", 0) or 0)

    def extract_many(self, documents: Iterable[Document], processes: int | None = 1,
                     chunk: int = CHUNK_DOCS, render: Callable[[Extraction], Any] | None = None
                     ) -> Iterator[Any]:
        """Yield each document's Extraction (or ExtractionError, or what `render` makes of the
        Extraction) in input order, as Extractor.extract_many does, each report within its
        time budget."""
        for result in Extractor.extract_many(self, documents, processes, chunk, render):
            if isinstance(result, ExtractionError) and self.on_error is not None:
                self.on_error(result)
            yield result

    def _batch_here(self, batch: list[Document]) -> list[Result]:
        return self._within_budget(batch, self.budget() or 0.0)

    def _pool_worker(self) -> tuple[Callable[..., None], tuple[Any, ...],
                                    Callable[[list[Document]], list[Result]]]:
        """Workers that keep this budget and the limits in force here."""
        return _init_worker, (self.theatre_name, self.mode, self.parse_all_candidates,
                              self.budget() or 0.0, limits.current()), _work

    def _within_budget(self, batch: list[Document], seconds: float) -> list[Result]:
        """Return the results of a batch, the whole batch within one report's budget, else
        each report within its own."""
        cap = self.max_length()
        results: list[Result | None] = [
            ExtractionError(d, f"text of {len(d.text):,} characters is longer than the {cap:,} the "
                               "parser takes; not stored (lower --max-chars to cut it)")
            if cap and len(d.text) > cap else None for d in batch]
        todo = [k for k, r in enumerate(results) if r is None]
        try:
            with limits.time_budget(seconds):
                done = Extractor.extract_batch(self, [batch[k] for k in todo])
        except limits.ReportTimeout:
            done = []
            for k in todo:
                try:
                    with limits.time_budget(seconds):
                        done.extend(Extractor.extract_batch(self, [batch[k]]))
                except limits.ReportTimeout:
                    done.append(ExtractionError(batch[k], f"extraction took longer than {seconds:g} s; "
                                                "not stored (raise --max-seconds or KHABAR_MAX_SECONDS "
                                                "to take it)"))
        for k, r in zip(todo, done, strict=True):
            results[k] = r
        return [_one_line(r) for r in results if r is not None]


def _one_line(result: Result) -> Result:
    if isinstance(result, ExtractionError) and "\n" in str(result):
        return ExtractionError(result.document, " ".join(result.problem.split()))
    return result


_WORKER: Budgeted | None = None
_SECONDS = 0.0


def _init_worker(theatre: str, mode: str, parse_all_candidates: bool, seconds: float,
                 in_force: limits.Limits) -> None:
    global _WORKER, _SECONDS
    _exit_with_parent(os.getppid())
    limits.configure(**{f: getattr(in_force, f) for f in in_force.__slots__})
    _WORKER = Budgeted(Extractor(theatre, mode, parse_all_candidates=parse_all_candidates), seconds)
    _SECONDS = seconds


def _work(batch: list[Document]) -> list[Result]:
    assert _WORKER is not None
    return _WORKER._within_budget(batch, _SECONDS)
