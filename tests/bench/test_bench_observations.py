"""The bench's store of synthetic control changes, made by one command for the assessment and web stages."""

from __future__ import annotations

import json
import sqlite3
import subprocess
from pathlib import Path

from khabar.bench.observations import store_command


def test_the_store_command_stores_the_control_changes_asked_for_with_real_evidence(tmp_path: Path) -> None:
    db = tmp_path / "bench.db"
    db.write_bytes(b"an old file it replaces")
    done = subprocess.run(store_command(db, 250, 10, 7, "afghanistan_2021"), capture_output=True,
                          text=True, timeout=300, check=True)
    assert json.loads(done.stdout.strip().splitlines()[-1])["observations"] == 250
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT c.district_id, c.district, c.date, c.ev_start, c.ev_end, c.span_start, c.span_end,"
                        " c.evidence, d.text FROM control_changes c JOIN documents d"
                        " ON d.id = c.document_id").fetchall()
    conn.close()
    assert len(rows) == 250 and len({r[0] for r in rows}) == 250  # one district after another
    assert {r[2] for r in rows} <= {f"2021-05-{d:02d}" for d in range(1, 11)}  # within the 10 days
    for _, district, _, ev_start, ev_end, start, end, evidence, text in rows:
        assert text[ev_start:ev_end] == evidence and text[start:end] == district
