"""A `khabar ingest` killed half-way leaves a consistent database that opens and ingests the rest."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from khabar.store import connect

KHABAR = Path(sys.executable).parent / "khabar"
N_REPORTS = 300


def write_reports(folder: Path, samples: Path) -> None:
    """Write N_REPORTS distinct reports, copies of the samples each with a sentence of its own."""
    folder.mkdir()
    texts = sorted(p for p in samples.glob("*.txt"))
    for i in range(N_REPORTS):
        body = texts[i % len(texts)].read_text(encoding="utf-8").rstrip()
        (folder / f"r{i:03d}.txt").write_text(f"{body}\nThis is copy {i} of the report.\n",
                                              encoding="utf-8")


def stored_documents(path: Path) -> int:
    """Return how many documents another process has stored so far (0 before the schema exists)."""
    try:
        conn = sqlite3.connect(path, timeout=1)
        try:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.OperationalError:
        return 0


def processes_naming(path: Path) -> list[int]:
    """Return the ids of live processes whose command line names a path (Linux /proc)."""
    out = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
            state = next((line for line in (entry / "status").read_text().splitlines()
                          if line.startswith("State:")), "")
        except OSError:
            continue
        if str(path).encode() in cmdline and "zombie" not in state:
            out.append(int(entry.name))
    return out


def test_kill_during_ingest_leaves_the_database_consistent(tmp_path: Path, samples: Path) -> None:
    reports = tmp_path / "reports"
    write_reports(reports, samples)
    db = tmp_path / "khabar.db"
    env = {k: v for k, v in os.environ.items() if k != "KHABAR_DB"}
    proc = subprocess.Popen([str(KHABAR), "ingest", str(reports), "--db", str(db), "--published",
                             "2021-07-10", "--pipeline", "fast", "--quiet"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        deadline = time.monotonic() + 60
        while stored_documents(db) == 0:
            assert proc.poll() is None, "ingest ended before storing a report"
            assert time.monotonic() < deadline, "no report stored within 60 s"
            time.sleep(0.005)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    deadline = time.monotonic() + 10
    while processes_naming(db) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert processes_naming(db) == [], "the killed ingest left worker processes behind"

    conn = connect(db)  # reopening works, and migrates nothing
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    docs = {r[0] for r in conn.execute("SELECT id FROM documents")}
    assert 0 < len(docs) < N_REPORTS, "the kill did not land in the middle of the batch"
    assert {r[0] for r in conn.execute("SELECT document_id FROM extractions")} == docs
    for table in ("control_changes", "events", "claims", "quotes", "assessments"):
        orphans = conn.execute(f"SELECT count(*) FROM {table} WHERE document_id NOT IN "
                               "(SELECT document_id FROM extractions)").fetchone()[0]
        assert orphans == 0, table
    conn.close()

    # ingesting again stores exactly the reports the kill left out
    done = subprocess.run([str(KHABAR), "ingest", str(reports), "--db", str(db), "--published",
                           "2021-07-10", "--pipeline", "fast", "--quiet"],
                          capture_output=True, text=True, env={**env, "COLUMNS": "300"}, check=True)
    assert done.stdout.startswith(f"Ingested {N_REPORTS - len(docs)} new report(s) into {db} "
                                  f"({len(docs)} already stored, 0 error(s))")
    assert stored_documents(db) == N_REPORTS
