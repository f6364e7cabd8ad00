#!/usr/bin/env python3
"""Where extraction spends its CPU, in one process, on real reports: per stage and per extractor,
the share of words each model tier gets (standard), and the model's components.

usage: .venv/bin/python scripts/profile_extract.py [--pipeline fast|standard] [--theatre NAME]
                                                   [--corpus DIR] [--copies N] [--repeat N]

Measures CPU (time.process_time / thread_time: the machine is shared and wall-clock is noisy),
the best of --repeat passes over --copies copies of the corpus (default ../shared/eval-dev/corpus,
four copies), after one warm-up batch. Stages are timed by wrapping the pipeline's functions,
so their sum is close to, not exactly, the total. Each extractor's time is split between the
sentences (reports, for quotes) that gave it a record and those that gave none.

--process adds what a whole `khabar extract --jsonl` run pays besides extraction, measured in a
fresh process: the imports, building the Extractor, its warm-up, reading the corpus as files,
and writing each Extraction as a JSON line (in the worker that made it) or pickling it.
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
        out = None
        try:
            out = f(*args, **kwargs)
            return out
        finally:
            spent = time.thread_time() - start
            totals[name] += spent
            if "/" in name:  # an extractor: did this call give records?
                totals[f"{name} {'some' if out else 'none'}"] += spent
                totals[f"{name} {'some' if out else 'none'} calls"] += 1
    return run


_PROCESS = r"""
import json, pickle, sys, time
from datetime import date
start = time.process_time()
from khabar.extract.pipeline import CHUNK_DOCS, Extractor
from khabar.ingest import read_inputs
from khabar.ingest.budget import Budgeted
marks = {"import": time.process_time() - start}
t = time.process_time(); ex = Budgeted(Extractor(sys.argv[2], mode=sys.argv[1])); marks["Extractor()"] = time.process_time() - t
t = time.process_time(); ex.warm(); marks["warm"] = time.process_time() - t
t = time.process_time()
docs = [d for d in read_inputs([sys.argv[3]], published=date(2021, 7, 15)) if not isinstance(d, Exception)]
marks["read_inputs"] = time.process_time() - t
results = []
t = time.process_time()
for i in range(0, len(docs), CHUNK_DOCS):
    results.extend(ex.extract_batch(docs[i:i + CHUNK_DOCS]))
marks["extraction"] = time.process_time() - t
t = time.process_time(); lines = [json.dumps(r.to_dict(), ensure_ascii=False) for r in results]
marks["JSON lines (workers)"] = time.process_time() - t
t = time.process_time(); data = pickle.dumps(results); marks["pickle Extractions"] = time.process_time() - t
t = time.process_time(); pickle.loads(data); marks["unpickle Extractions"] = time.process_time() - t
print(json.dumps(marks))
"""


def _process(a: argparse.Namespace) -> None:
    """Print what a fresh process pays for each stage of a `khabar extract` run over the corpus."""
    import json
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", _PROCESS, a.pipeline, a.theatre, a.corpus],
                         capture_output=True, text=True, check=True)
    marks = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"  a fresh process over {a.corpus} (CPU s): " + ", ".join(f"{k} {v:.3f}" for k, v in marks.items()))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pipeline", default="fast", choices=P.MODES)
    ap.add_argument("--theatre", default=P.DEFAULT_THEATRE)
    ap.add_argument("--corpus", default="../shared/eval-dev/corpus")
    ap.add_argument("--copies", type=int, default=4)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--process", action="store_true", help="also a whole run's stages, in a fresh process")
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
    stages = {k: v for k, v in kept.items() if " " not in k}
    inner = sum(v for k, v in stages.items() if "/" in k or k in ("read_report", "_note_places"))
    print("  stage                 CPU s   share   (extractors: on what gave records | on what gave none)")
    for name, v in sorted(stages.items(), key=lambda kv: -kv[1]):
        split = ""
        if "/" in name:
            split = "   " + " | ".join(f"{kept.get(f'{name} {w}', 0.0):.3f} s over {kept.get(f'{name} {w} calls', 0):.0f}"
                                       for w in ("some", "none"))
        print(f"  {name:20s} {v:6.3f}  {v / best:5.1%}{split}")
    print(f"  (_records outside the extractors: {records - inner:.3f})")
    if a.process:
        _process(a)
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
