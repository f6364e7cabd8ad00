#!/usr/bin/env python3
"""Where extraction spends its CPU, in one process, on real reports: per stage and per extractor,
the share of words each model tier gets (standard), and the model's components.

usage: .venv/bin/python scripts/profile_extract.py [--pipeline fast|standard] [--theatre NAME]
                                                   [--corpus DIR] [--copies N] [--repeat N]

Measures CPU (time.process_time / thread_time: the machine is shared and wall-clock is noisy),
the best of --repeat passes over --copies copies of the corpus (default ../shared/eval-dev/corpus,
four copies), after one warm-up batch. Stages are timed by wrapping the pipeline's functions,
so their sum is close to, not exactly, the total.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from khabar.extract import pipeline as P
from khabar.records import Document


def _timed(totals: dict[str, float], name: str, f: Callable[..., Any]) -> Callable[..., Any]:
    def run(*args: Any, **kwargs: Any) -> Any:
        start = time.thread_time()
        try:
            return f(*args, **kwargs)
        finally:
            totals[name] += time.thread_time() - start
    return run


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pipeline", default="fast", choices=P.MODES)
    ap.add_argument("--theatre", default=P.DEFAULT_THEATRE)
    ap.add_argument("--corpus", default="../shared/eval-dev/corpus")
    ap.add_argument("--copies", type=int, default=4)
    ap.add_argument("--repeat", type=int, default=2)
    a = ap.parse_args()

    start = time.process_time()
    ex = P.Extractor(a.theatre, mode=a.pipeline)
    load = time.process_time() - start
    texts = [p.read_text(encoding="utf-8") for p in sorted(Path(a.corpus).glob("*.txt"))] * a.copies
    docs = [Document(id=f"d{i}", text=t, published=date(2021, 7, 15)) for i, t in enumerate(texts)]
    words = sum(len(t.split()) for t in texts)
    start = time.process_time()
    ex.warm()
    warm = time.process_time() - start

    # the share of candidate tokens in each tier (fast: all RULES)
    tiers: Counter[int] = Counter()
    tokens = 0
    model_input: dict[int, list[Any]] = {P.PARSE: [], P.NER: []}
    for d in docs[:len(docs) // a.copies]:
        p = ex._prepare(d)
        tokens += len(ex.fast(d.text))
        for *_, sdoc, tier in p.rule_docs:
            tiers[tier] += len(sdoc)
            if tier in model_input:
                model_input[tier].append(sdoc)

    totals: dict[str, float] = defaultdict(float)
    for name in list(P._SENTENCE_RUNS):
        P._SENTENCE_RUNS[name] = _timed(totals, name, P._SENTENCE_RUNS[name])
    P.extract_quotes = _timed(totals, "quotes/1", P.extract_quotes)  # type: ignore[assignment]
    P.read_report = _timed(totals, "read_report", P.read_report)  # type: ignore[assignment]
    for method in ("_prepare", "_tier", "_run_model", "_note_places", "_records"):
        setattr(ex, method, _timed(totals, method, getattr(ex, method)))
    best, kept = float("inf"), dict[str, float]()
    for _ in range(a.repeat):
        totals.clear()
        start = time.process_time()
        for i in range(0, len(docs), P.CHUNK_DOCS):
            ex.extract_batch(docs[i:i + P.CHUNK_DOCS])
        cpu = time.process_time() - start
        if cpu < best:
            best, kept = cpu, dict(totals)

    print(f"{a.pipeline} pipeline, {a.theatre}: {len(docs)} reports, {words:,} words")
    print(f"  load {load:.2f} CPU s, warm-up {warm:.2f} CPU s")
    print(f"  extraction {best:.2f} CPU s (best of {a.repeat}): {words / best:,.0f} words per CPU-second")
    if tokens:
        shares = ", ".join(f"{n} {tiers[t] / tokens:.0%}" for t, n in ((P.PARSE, "parse"), (P.NER, "NER alone"),
                                                                       (P.RULES, "rules")))
        print(f"  candidate tokens {sum(tiers.values()) / tokens:.0%} of {tokens:,}: {shares}")
    records = kept["_records"]
    inner = sum(v for k, v in kept.items() if "/" in k or k in ("read_report", "_note_places"))
    print("  stage                 CPU s   share")
    for name, v in sorted(kept.items(), key=lambda kv: -kv[1]):
        print(f"  {name:20s} {v:6.3f}  {v / best:5.1%}")
    print(f"  (_records outside the extractors: {records - inner:.3f})")
    if ex.stat is not None:  # the model's components, one at a time, on one copy's tiers
        for tier, names in ((P.PARSE, [n for n in ex.stat.pipe_names if n not in P.RULERS]), (P.NER, ["ner"])):
            sdocs = [d.copy() for d in model_input[tier]]
            cost = []
            for name in names:
                proc = ex.stat.get_pipe(name)
                start = time.process_time()
                sdocs = list(proc.pipe(sdocs, batch_size=256)) if hasattr(proc, "pipe") else [proc(d) for d in sdocs]
                cost.append(f"{name} {time.process_time() - start:.3f}")
            print(f"  model on the {'parsed' if tier == P.PARSE else 'NER-alone'} sentences of one copy "
                  f"({sum(len(d) for d in sdocs):,} tokens): " + ", ".join(cost))


if __name__ == "__main__":
    main()
