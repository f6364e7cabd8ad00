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

import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import chain

from khabar.extract.pipeline import CHUNK_DOCS, ExtractionError, Extractor, default_processes
from khabar.extract.pipeline import _batches as in_batches
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
                     chunk: int = CHUNK_DOCS) -> Iterator[Result]:
        """Yield each document's Extraction (or ExtractionError) in input order, as
        Extractor.extract_many does, each report within its time budget."""
        for result in self._many(documents, processes, chunk):
            if isinstance(result, ExtractionError) and self.on_error is not None:
                self.on_error(result)
            yield result

    def _many(self, documents: Iterable[Document], processes: int | None, chunk: int) -> Iterator[Result]:
        seconds = self.budget() or 0.0
        n = default_processes() if processes is None else max(1, processes)
        batches = in_batches(documents, max(1, chunk))
        first = next(batches, None)
        second = next(batches, None) if first is not None and n > 1 else None
        if second is None:
            for batch in chain((first,), batches) if first is not None else ():
                yield from self._within_budget(batch, seconds)
            return
        assert first is not None
        methods = multiprocessing.get_all_start_methods()
        mp = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        pool: ProcessPoolExecutor | None = ProcessPoolExecutor(
            n, mp_context=mp, initializer=_init_worker,
            initargs=(self.theatre_name, self.mode, self.parse_all_candidates, seconds, limits.current()))
        pending: deque[tuple[list[Document], Future[list[Result]] | None]] = deque()
        try:
            for batch in chain((first, second), batches):
                future = None
                if pool is not None:
                    try:
                        future = pool.submit(_work, batch)
                    except RuntimeError:  # BrokenProcessPool: go on in this process
                        pool.shutdown(cancel_futures=True)
                        pool = None
                pending.append((batch, future))
                while len(pending) > 2 * n:
                    yield from self._gather(*pending.popleft(), seconds)
            while pending:
                yield from self._gather(*pending.popleft(), seconds)
        finally:
            if pool is not None:
                pool.shutdown(cancel_futures=True)

    def _gather(self, batch: list[Document], future: Future[list[Result]] | None,
                 seconds: float) -> list[Result]:
        if future is not None:
            try:
                return future.result()
            except Exception:  # noqa: BLE001 - a worker died (BrokenProcessPool): extract here
                pass
        return self._within_budget(batch, seconds)

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


def _exit_with_parent(parent: int) -> None:
    """End this worker when its parent is gone (killed with SIGKILL, say)."""
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="khabar-parent-watch", daemon=True).start()


def _work(batch: list[Document]) -> list[Result]:
    assert _WORKER is not None
    return _WORKER._within_budget(batch, _SECONDS)
