"""Running bench stages in child processes, and describing the machine they ran on."""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path
from typing import Any


class StageError(RuntimeError):
    """A bench stage's process failed; the message holds the end of its standard error."""


def _wait(proc: subprocess.Popen[bytes]) -> tuple[int, float]:
    """Wait for a child and return (exit code, its peak resident memory in MB)."""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    return proc.returncode, round(usage.ru_maxrss / scale, 1)


def run_command(cmd: list[str], workdir: Path, name: str) -> tuple[float, float, str]:
    """Run a command; return (wall seconds, peak MB of the child, its standard output)."""
    out_path, err_path = workdir / f"{name}.out", workdir / f"{name}.err"
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=err)
        code, peak = _wait(proc)
        seconds = time.perf_counter() - t0
    if code != 0:
        tail = err_path.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-5:]
        raise StageError(f"{name}: exit code {code}: " + " | ".join(tail))
    return seconds, peak, out_path.read_text(encoding="utf-8")


def run_worker(args: list[str], workdir: Path, name: str) -> dict[str, Any]:
    """Run `python -m khabar.bench.worker ARGS` in a fresh process; return the JSON it prints."""
    seconds, peak, out = run_command([sys.executable, "-m", "khabar.bench.worker", *args],
                                     workdir, name)
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    result["process_seconds"] = seconds
    result["process_peak_mb"] = peak
    return result


def khabar_command() -> list[str]:
    """Return how to run the `khabar` command of this environment."""
    script = Path(sys.executable).with_name("khabar")
    return [str(script)] if script.exists() else [sys.executable, "-m", "khabar.cli.main"]


def _cpuinfo_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.lower().startswith(("model name", "hardware", "cpu model")):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _ram_gb() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def machine() -> dict[str, Any]:
    """Return the CPU model, core count, RAM, Python, SQLite and spaCy versions."""
    import sqlite3

    import spacy

    return {"cpu": _cpuinfo_model(), "cores": os.cpu_count(), "ram_gb": _ram_gb(),
            "python": platform.python_version(), "sqlite": sqlite3.sqlite_version,
            "spacy": spacy.__version__, "os": f"{platform.system()} {platform.release()}"}


def machine_line(m: dict[str, Any]) -> str:
    """Return the machine as one line a README can quote."""
    return (f"{m['cpu']}, {m['cores']} cores, {m['ram_gb']} GB RAM, Python {m['python']}, "
            f"SQLite {m['sqlite']}, spaCy {m['spacy']}, {m['os']}")


def row(stage: str, docs: int | None, n_words: int | None, seconds: float, peak_mb: float | None,
        notes: str = "", **extra: Any) -> dict[str, Any]:
    """Return one row of the bench's table: a stage's docs, words, seconds and rates."""
    return {"stage": stage, "docs": docs, "words": n_words, "seconds": round(seconds, 4),
            "docs_per_s": round(docs / seconds, 1) if docs and seconds else None,
            "words_per_s": round(n_words / seconds) if n_words and seconds else None,
            "peak_mb": peak_mb, "notes": notes, **extra}
