"""`khabar ingest` killed with SIGKILL while it stores reports, in rounds at random points, then run
to the end: every report is stored once and the records equal those of an uninterrupted run."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

KHABAR = Path(sys.executable).parent / "khabar"
N_REPORTS = 90
ROUNDS = 3
ATTEMPTS = 4
TABLES = ("documents", "extractions", "control_changes", "events", "claims", "quotes", "assessments")
RECORDS = TABLES[2:]
ENV = {**{k: v for k, v in os.environ.items() if not k.startswith("KHABAR_")}, "COLUMNS": "300"}


def write_reports(folder: Path, samples: Path) -> None:
    """Write N_REPORTS distinct reports: the samples, each copy with a sentence of its own."""
    folder.mkdir()
    texts = sorted(samples.glob("*.txt"))
    for i in range(N_REPORTS):
        body = texts[i % len(texts)].read_text(encoding="utf-8").rstrip()
        (folder / f"r{i:03d}.txt").write_text(f"{body}\nThis is copy {i} of the report.\n", encoding="utf-8")


def ingest_command(reports: Path, db: Path) -> list[str]:
    return [str(KHABAR), "ingest", str(reports), "--db", str(db), "--published", "2021-07-10",
            "--pipeline", "fast", "--quiet"]


def stored(db: Path) -> int:
    """Return how many documents another process has stored so far (0 before the schema exists)."""
    try:
        conn = sqlite3.connect(db, timeout=1)
        try:
            return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.OperationalError:
        return 0


def rows(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Return every row of the record tables, without the times they were written, sorted."""
    conn = sqlite3.connect(db)
    try:
        out = {}
        for table in TABLES:
            cols = [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if not r[1].endswith("_at")]
            out[table] = sorted(conn.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchall(), key=repr)
        return out
    finally:
        conn.close()


def check_consistent(db: Path) -> int:
    """Assert the database is whole after a kill; return its number of documents."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        docs = {r[0] for r in conn.execute("SELECT id FROM documents")}
        assert {r[0] for r in conn.execute("SELECT document_id FROM extractions")} == docs
        for table in RECORDS:
            orphans = conn.execute(f"SELECT count(*) FROM {table} WHERE document_id NOT IN "
                                   "(SELECT document_id FROM extractions)").fetchone()[0]
            assert orphans == 0, table
        return len(docs)
    finally:
        conn.close()


def processes_naming(path: Path) -> list[int]:
    """Return the live processes whose command line names a path (Linux /proc): the ingest and
    the worker processes it forked."""
    out = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
            zombie = "\nState:\tZ" in (entry / "status").read_text()
        except OSError:
            continue
        if str(path).encode() in cmdline and not zombie:
            out.append(int(entry.name))
    return out


def kill_after(command: list[str], db: Path, n: int, seed: int) -> bool:
    """Start an ingest, SIGKILL it once `n` documents are stored, and wait until it and its
    worker processes are gone; return False if it ended before the kill landed."""
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV)
    try:
        deadline = time.monotonic() + 120
        while stored(db) < n:
            if proc.poll() is not None:
                break
            assert time.monotonic() < deadline, f"seed {seed}: {n} reports not stored within 120 s"
            time.sleep(0.002)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
        assert proc.stderr is not None
        errors = proc.stderr.read()
        proc.stderr.close()
    if proc.returncode == 0:  # it stored every report between two polls (a loaded machine)
        return False
    assert proc.returncode == -signal.SIGKILL, f"seed {seed}: ingest failed: {errors!r}"
    deadline = time.monotonic() + 10
    while processes_naming(db) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert processes_naming(db) == [], f"seed {seed}: the killed ingest left worker processes behind"
    return True


def killed_in_rounds(reports: Path, db: Path, rng: random.Random, seed: int) -> tuple[list[int], int] | None:
    """Kill an ingest into a new database in ROUNDS rounds, each after a random number of reports
    more; return the kill points and the reports stored, or None if an ingest outran the kill."""
    have = 0
    points = []
    for _ in range(ROUNDS):
        n = rng.randint(have + 1, have + (N_REPORTS - 10 - have) // 2)
        points.append(n)
        if not kill_after(ingest_command(reports, db), db, n, seed):
            return None
        now = check_consistent(db)
        assert n <= now, f"seed {seed}: killed at {n}, {now} stored"
        if now == N_REPORTS:
            return None
        have = now
    return points, have


def test_ingest_killed_in_rounds_stores_every_report_once(tmp_path: Path, samples: Path) -> None:
    reports = tmp_path / "reports"
    write_reports(reports, samples)
    whole = tmp_path / "whole.db"
    done = subprocess.run(ingest_command(reports, whole), capture_output=True, text=True, env=ENV, check=True)
    assert done.stdout.startswith(f"Ingested {N_REPORTS} new report(s) into {whole} (0 already stored, 0 error(s))")
    expected = rows(whole)

    seed = int(os.environ.get("KHABAR_KILL_SEED", time.time_ns() % 1_000_000))
    rng = random.Random(seed)
    for attempt in range(ATTEMPTS):
        killed = tmp_path / f"killed-{attempt}.db"
        done_rounds = killed_in_rounds(reports, killed, rng, seed)
        if done_rounds is not None:
            break
    assert done_rounds is not None, f"seed {seed}: in {ATTEMPTS} attempts an ingest always outran its kill"
    points, have = done_rounds
    assert len(points) == ROUNDS and points == sorted(points)

    again = subprocess.run(ingest_command(reports, killed), capture_output=True, text=True, env=ENV, check=True)
    assert again.stdout.startswith(f"Ingested {N_REPORTS - have} new report(s) into {killed} "
                                   f"({have} already stored, 0 error(s))"), (seed, again.stdout)
    assert check_consistent(killed) == N_REPORTS
    got = rows(killed)
    for table in TABLES:
        assert got[table] == expected[table], f"seed {seed}, kills at {points}: {table} differs"
    ids = [r[0] for r in got["documents"]]
    assert len(ids) == len(set(ids)) == N_REPORTS
