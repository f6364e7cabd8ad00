"""Place matching against the number of names in one report (issue 13): a report of 100, 1,000
and 10,000 place names in one listed capture, extracted with the fast pipeline in this process.
Linear matching shows as a flat time per name; a quadratic one as a time per name that grows
tenfold with each tenfold of names."""

from __future__ import annotations

import time
from datetime import date
from typing import Any

from khabar.records import Document, document_id
from khabar.theatres.loader import load

SIZES = (100, 1_000, 10_000)


def report(theatre: str, n: int) -> str:
    """Return a report whose one sentence lists n of the theatre's district names as captured."""
    th = load(theatre)
    names = [d.name for d in th.districts.values()]
    captor = th.party_label(th.default_captor or th.party_ids[0])
    listed = ", ".join(names[i % len(names)] for i in range(n))
    return f"Long list\n\n{captor} fighters captured {listed} on Sunday, officials said."


def run(bench: Any) -> list[dict[str, Any]]:
    from khabar.extract.pipeline import Extractor

    theatre = bench.args.theatre
    ex = Extractor(theatre, mode="fast")
    warm = report(theatre, 10)  # the theatre's patterns are built on the first report
    ex.extract(Document(document_id(warm), warm, published=date(2021, 7, 6)))
    rows = []
    for n in SIZES:
        text = report(theatre, n)
        doc = Document(document_id(text), text, published=date(2021, 7, 6))
        t0, c0 = time.perf_counter(), time.process_time()
        result = ex.extract(doc)
        seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
        rows.append({"stage": f"places {n:,}", "docs": 1, "words": len(text.split()),
                     "seconds": round(seconds, 3), "docs_per_s": None, "words_per_s": None,
                     "peak_mb": None, "cpu_seconds": round(cpu, 3),
                     "notes": f"one report naming {n:,} places in one sentence, fast pipeline: "
                              f"{cpu / n * 1000:.2f} ms CPU a name, {len(result.control_changes):,} "
                              "control changes (linear matching: the time a name stays flat)"})
    return rows
