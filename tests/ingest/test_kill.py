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


def children_of(pid: int) -> list[int]:
    """Return the live processes whose parent was `pid` (Linux /proc), zombies aside."""
    out = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":\t", 1) for line in status.splitlines() if ":\t" in line)
        if fields.get("PPid", "").strip() == str(pid) and not fields.get("State", "").startswith("Z"):
            out.append(int(entry.name))
    return out


def kill_after(command: list[str], db: Path, n: int, seed: int) -> None:
    """Start an ingest, SIGKILL it once `n` documents are stored, and wait until it and its
    worker processes are gone."""
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV)
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 120
        polls = 0
        while stored(db) < n:
            if polls % 20 == 0:  # the workers appear once two batches are read
                workers.update(children_of(proc.pid))
            polls += 1
            assert proc.poll() is None, f"seed {seed}: ingest ended before storing {n}: {proc.stderr.read()!r}"
            assert time.monotonic() < deadline, f"seed {seed}: {n} reports not stored within 120 s"
            time.sleep(0.005)
        workers.update(children_of(proc.pid))
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
        assert proc.stderr is not None
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{w}").exists() and not _zombie(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [w for w in workers if Path(f"/proc/{w}").exists() and not _zombie(w)], \
        f"seed {seed}: the killed ingest left worker processes behind"


def _zombie(pid: int) -> bool:
    try:
        return "\nState:\tZ" in Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return True


def test_ingest_killed_in_rounds_stores_every_report_once(tmp_path: Path, samples: Path) -> None:
    reports = tmp_path / "reports"
    write_reports(reports, samples)
    whole = tmp_path / "whole.db"
    done = subprocess.run(ingest_command(reports, whole), capture_output=True, text=True, env=ENV, check=True)
    assert done.stdout.startswith(f"Ingested {N_REPORTS} new report(s) into {whole} (0 already stored, 0 error(s))")
    expected = rows(whole)

    seed = int(os.environ.get("KHABAR_KILL_SEED", time.time_ns() % 1_000_000))
    rng = random.Random(seed)
    killed = tmp_path / "killed.db"
    have = 0
    points = []
    for _ in range(ROUNDS):
        n = rng.randint(have + 1, have + (N_REPORTS - 10 - have) // 2)
        points.append(n)
        kill_after(ingest_command(reports, killed), killed, n, seed)
        now = check_consistent(killed)
        assert n <= now < N_REPORTS, f"seed {seed}: killed at {n}, {now} stored"
        have = now
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
