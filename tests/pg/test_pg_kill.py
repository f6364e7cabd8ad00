"""A `khabar ingest` into PostgreSQL killed (-9) while it stores reports: the server rolls the open
transaction back, every stored report has its records, and an ingest of the same folder stores
exactly the rest; the records then equal an uninterrupted ingest's."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

from khabar.extract.pipeline import Extractor
from khabar.jobs import ingest
from khabar.store import connect
from khabar.store import records as store
from khabar.store.spec import KINDS

KHABAR = Path(sys.executable).parent / "khabar"
SAMPLES = Path(__file__).parents[1] / "samples"
N_REPORTS = 120


def write_reports(folder: Path) -> None:
    """N_REPORTS distinct reports: copies of the samples, each with a sentence of its own."""
    folder.mkdir()
    texts = sorted(SAMPLES.glob("*.txt"))
    for i in range(N_REPORTS):
        body = texts[i % len(texts)].read_text(encoding="utf-8").rstrip()
        (folder / f"r{i:03d}.txt").write_text(f"{body}\nThis is copy {i} of the report.\n", encoding="utf-8")


def stored(url: str) -> int:
    import psycopg

    try:
        with psycopg.connect(url, autocommit=True) as c:
            return int(c.execute("SELECT count(*) FROM documents").fetchone()[0])  # type: ignore[index]
    except psycopg.Error:
        return 0  # the schema is not made yet


def snapshot(conn: object) -> dict[str, list[str]]:
    return {kind: sorted(r["id"] for r in store.records_of(conn, kind)) for kind in KINDS}  # type: ignore[arg-type]


def test_kill_while_storing_leaves_a_consistent_store(pg_server: Any, pg_url: str, tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    write_reports(reports)
    env = {k: v for k, v in os.environ.items() if k != "KHABAR_DB"} | {"COLUMNS": "300"}
    cmd = [str(KHABAR), "ingest", str(reports), "--db", pg_url, "--published", "2021-07-10",
           "--pipeline", "fast", "--quiet"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        deadline = time.monotonic() + 120
        while stored(pg_url) < 10:  # well into the batch: reports are being stored
            assert proc.poll() is None, "ingest ended before the kill"
            assert time.monotonic() < deadline, "fewer than 10 reports stored within 120 s"
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
    assert proc.returncode == -signal.SIGKILL

    conn = connect(pg_url)
    docs = {r[0] for r in conn.execute("SELECT id FROM documents")}
    assert 10 <= len(docs) < N_REPORTS, "the kill did not land in the middle of the batch"
    assert {r[0] for r in conn.execute("SELECT document_id FROM extractions")} == docs
    for kind in KINDS:
        orphans = conn.execute(f"SELECT count(*) FROM {kind} WHERE document_id NOT IN "  # noqa: S608
                               "(SELECT document_id FROM extractions)").fetchone()[0]
        assert orphans == 0, kind

    done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True)
    assert done.stdout.startswith(f"Ingested {N_REPORTS - len(docs)} new report(s) into {pg_url} "
                                  f"({len(docs)} already stored, 0 error(s))")
    # the records are those of one uninterrupted ingest of the folder
    reference = connect(pg_server.fresh_schema(pg_server.test_database.split("/")[3].split("?")[0]))
    rep = ingest(reference, [str(reports)], Extractor(mode="fast"), published=date(2021, 7, 10), processes=1)
    assert rep.new == N_REPORTS
    assert store.stats(conn) == store.stats(reference)
    assert snapshot(conn) == snapshot(reference)
