"""Scoring extraction against hand-made gold: `khabar eval CORPUS_DIR GOLD_DIR`.

    from khabar.evaluate import evaluate
    evaluation = evaluate(Path("corpus"), Path("gold"), pipeline="fast")
    print(evaluation.figures["quotes"]["f1"])

`score` is the pure part (gold and extraction dicts in, figures out); `runner` reads the folders
and runs the extractor.
"""

from __future__ import annotations

from khabar.evaluate.runner import Evaluation, evaluate
from khabar.evaluate.score import DocumentScore, score_document, summarise

__all__ = ["DocumentScore", "Evaluation", "evaluate", "score_document", "summarise"]
