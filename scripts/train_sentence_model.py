#!/usr/bin/env python3
"""Train khabar's sentence model (khabar.learn) and save it in the package.

usage: .venv/bin/python scripts/train_sentence_model.py [--out khabar/models/sentences] [--seed 7]
           [--epochs 12] [--gold ../shared/eval-dev:afghanistan_2021 ...] [--own scripts/training/*.tsv]
           [--no-gold] [--exclude REPORT_ID ...] [--veto CONTROL=0.1 MEETING=0.05 ...]
       .venv/bin/python scripts/train_sentence_model.py --cv 5 [--pipeline fast]

It learns from (a) the sentences of gold-annotated reports, read at training time from the folders
given (corpus/ + gold/; each report is checked with ../shared/tools/held_out.py and a held-out one
is skipped; no sentence of theirs is written anywhere), labelled from their gold records, and
(b) the team's own sentences in scripts/training/*.tsv. Deterministic for a seed; a few seconds
on one core. `--veto` sets the thresholds the pipeline drops records below (khabar.json).

`--cv K` measures instead of saving: the rules alone extract every report of the gold folders
once; the reports that may be trained on are split in K folds by report, a model is trained
without each fold and vetoes the rules' records of that fold; the reports held out from training
are scored by the model trained on all the others. It prints P/R/F1 of the rules alone and with
each veto threshold, per kind, scored as ../shared/tools/score.py scores.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from khabar.learn import LABELS, MODEL_DIR  # noqa: E402
from khabar.learn.train import Item, own_items, report_items, save, train  # noqa: E402

SHARED = ROOT.parent / "shared"
DEFAULT_GOLD = [f"{SHARED / 'eval-dev'}:afghanistan_2021", f"{SHARED / 'eval-dev-myanmar'}:myanmar_2021_24"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=MODEL_DIR)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--gold", nargs="*", default=DEFAULT_GOLD, help="FOLDER:THEATRE of gold-annotated reports")
    ap.add_argument("--no-gold", action="store_true", help="train on the team's own sentences alone")
    ap.add_argument("--own", nargs="*", type=Path, default=sorted((ROOT / "scripts" / "training").glob("*.tsv")))
    ap.add_argument("--exclude", nargs="*", default=[], help="report ids (folder/NNN) to leave out")
    ap.add_argument("--held-out-tool", type=Path, default=SHARED / "tools" / "held_out.py")
    ap.add_argument("--veto", nargs="*", default=[], help="LABEL=THRESHOLD the pipeline drops records below")
    ap.add_argument("--cv", type=int, default=0, help="measure with K folds by report instead of saving")
    ap.add_argument("--pipeline", default="standard", help="the rules' pipeline measured by --cv")
    ap.add_argument("--arch", default="bow", choices=("bow", "ensemble"),
                    help="bag of words (the packaged model) or bag of words beside a small CNN")
    args = ap.parse_args(argv)
    if args.cv:
        return cross_validate(args)

    start = time.perf_counter()
    items: list[Item] = own_items(args.own)
    n_own = len(items)
    sources: list[str] = []
    if not args.no_gold:
        for spec in args.gold:
            folder, _, theatre = spec.rpartition(":")
            if not Path(folder).is_dir():
                print(f"train: {folder} not found; skipped", file=sys.stderr)
                continue
            got = [it for it in report_items(Path(folder), theatre, args.held_out_tool)
                   if it.source not in args.exclude]
            sources.append(f"{Path(folder).name}: {len({it.source for it in got})} reports, {len(got)} sentences")
            items += got
    nlp = train(items, seed=args.seed, epochs=args.epochs, arch=args.arch)
    counts = Counter(label for it in items for label in it.labels)
    meta = {"labels": list(LABELS), "seed": args.seed, "epochs": args.epochs, "arch": args.arch,
            "own_sentences": n_own, "own_files": [p.name for p in args.own], "gold": sources,
            "sentences": len(items), "positives": dict(sorted(counts.items())),
            "veto": {k: float(v) for k, _, v in (x.partition("=") for x in args.veto)}}
    save(nlp, args.out, meta)
    print(f"trained on {len(items)} sentences ({n_own} own; {'; '.join(sources) or 'no gold'}); "
          f"positives {dict(sorted(counts.items()))}; {time.perf_counter() - start:.1f} s -> {args.out}")
    return 0


KIND_LABEL = {"control_changes": "CONTROL", "meetings": "MEETING", "claims": "CLAIM"}
GRID = (0.0, 0.02, 0.04, 0.06, 0.08, 0.1, 0.15, 0.2, 0.3)


def _rule_records(folder: Path, theatre: str, pipeline: str) -> dict[str, tuple[dict, dict]]:
    """Return report id -> (gold, the rules' records as score.py reads them)."""
    import json

    from khabar.extract.pipeline import Extractor
    from khabar.ingest import read_inputs
    from khabar.records import Document

    sys.path.insert(0, str(SHARED / "tools"))
    import score  # type: ignore[import-not-found]  # ../shared/tools/score.py

    corpus = folder / "corpus"
    index = [json.loads(line) for line in (corpus / "index.jsonl").read_text(encoding="utf-8").splitlines()
             if line.strip()]
    by_url = {r["url"]: str(r["id"]) for r in index if r.get("url")}
    by_title = {(r.get("title") or "").strip().lower(): str(r["id"]) for r in index}
    ex = Extractor(theatre, mode=pipeline, model=False)
    out = {}
    for doc in read_inputs([str(corpus)]):
        if not isinstance(doc, Document):
            continue
        rid = by_url.get(doc.url or "") or by_title.get((doc.title or "").strip().lower())
        gold_path = folder / "gold" / f"{rid}.json"
        if rid and gold_path.is_file():
            out[f"{folder.name}/{rid}"] = (json.loads(gold_path.read_text(encoding="utf-8")),
                                           score.kinds(ex.extract(doc).to_dict()))
    return out


def cross_validate(args: argparse.Namespace) -> int:
    """Print the rules' P/R/F1 alone and with each veto threshold, by K folds of reports."""
    import random

    from khabar.learn import SentenceModel
    from khabar.learn import score as sentence_scores

    sys.path.insert(0, str(SHARED / "tools"))
    import score as scorer  # type: ignore[import-not-found]

    start = time.perf_counter()
    own = own_items(args.own)
    reports: dict[str, tuple[dict, dict]] = {}
    trainable: dict[str, list[Item]] = {}
    theatre_of: dict[str, str] = {}
    for spec in args.gold:
        folder, _, theatre = spec.rpartition(":")
        recs = _rule_records(Path(folder), theatre, args.pipeline)
        reports.update(recs)
        theatre_of.update({rid: theatre for rid in recs})
        for it in report_items(Path(folder), theatre, args.held_out_tool):
            trainable.setdefault(it.source, []).append(it)
    ids = sorted(trainable)
    random.Random(args.seed).shuffle(ids)
    folds = [ids[k::args.cv] for k in range(args.cv)]
    never = sorted(set(reports) - set(trainable))  # held out from training: scored by the full model
    groups = [(fold, [x for x in ids if x not in fold]) for fold in folds] + [(never, ids)]
    # per report: each rule record with the probability of its label
    probs: dict[str, dict[str, list[float]]] = {}
    for test, train_ids in groups:
        if not test:
            continue
        nlp = train(own + [it for r in train_ids for it in trainable[r]], seed=args.seed, epochs=args.epochs,
                    arch=args.arch)
        m = SentenceModel(nlp, Path("."))
        for rid in test:
            _, pred = reports[rid]
            probs[rid] = {}
            for kind, label in KIND_LABEL.items():
                texts = [r.get("evidence", "") for r in pred[kind]]
                probs[rid][kind] = [s[label] for s in sentence_scores(texts, theatre_of[rid], using=m)] \
                    if texts else []

    def table(rids: list[str], title: str) -> None:
        print(f"\n{title} ({len(rids)} reports; {args.pipeline} pipeline)")
        for kind, label in KIND_LABEL.items():
            cells = []
            for floor in GRID:
                tp = n_pred = n_gold = 0
                for rid in rids:
                    gold, pred = reports[rid]
                    kept = [r for r, pr in zip(pred[kind], probs[rid][kind], strict=True) if pr >= floor]
                    g = gold.get(kind) or []
                    tp += len(scorer.greedy(g, kept, scorer.SAME[kind]))
                    n_pred += len(kept)
                    n_gold += len(g)
                p, r, f = scorer.prf(tp, n_pred, n_gold)
                cells.append(f"{floor:.2f}: {p:.2f}/{r:.2f}/{f:.2f}")
            print(f"  {label:8s} " + "  ".join(cells))

    table(ids, f"cross-validation, {args.cv} folds of the reports that may be trained on")
    table(never, "reports held out from training (model trained on all the others)")
    table(sorted(probs), "all reports")
    print(f"\n(threshold: P/R/F1; 0.00 = the rules alone) {time.perf_counter() - start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
