"""A team on one database: several `khabar ingest` processes over overlapping folders at once,
a reader compiling meanwhile, and reviews seen by every other connection at once. On SQLite
(WAL and a busy timeout) and on PostgreSQL."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import khabar
from khabar.extract.pipeline import Extractor
from khabar.jobs import compile_control, ingest
from khabar.store import connect, queries
from khabar.store import records as store
from khabar.store.overrides import list_overrides, save_override
from khabar.store.spec import KINDS
from khabar.theatres.loader import load

KHABAR = Path(sys.executable).parent / "khabar"
CORPUS = Path(khabar.__file__).parent / "theatres" / "afghanistan_2021" / "samples" / "corpus"
SAMPLES = Path(__file__).parents[1] / "samples"
N_REPORTS = 16
INGESTERS = 4
DONE = re.compile(r"Ingested (\d+) new report\(s\) into .* \((\d+) already stored, (\d+) error\(s\)\)")


def overlapping_folders(root: Path) -> list[Path]:
    """Four folders of 2 * N_REPORTS / 4 reports each; every report is in two of them (folder i
    holds the reports from i * N_REPORTS / 4 on, wrapping round)."""
    reports = sorted(CORPUS.glob("*.txt"))[:N_REPORTS]
    assert len(reports) == N_REPORTS
    per = N_REPORTS // INGESTERS
    out = []
    for i in range(INGESTERS):
        folder = root / f"in{i}"
        folder.mkdir()
        for j in range(2 * per):
            shutil.copy(reports[(i * per + j) % N_REPORTS], folder)
        out.append(folder)
    return out


def record_ids(conn: object) -> dict[str, list[str]]:
    return {kind: sorted(r["id"] for r in store.records_of(conn, kind)) for kind in KINDS}  # type: ignore[arg-type]


def test_four_ingesters_at_once_store_each_report_once(engine: str, make_url: Callable[[], str],
                                                       tmp_path: Path) -> None:
    folders = overlapping_folders(tmp_path)
    # what one ingest of the same reports stores
    alone = connect(make_url())
    rep = ingest(alone, [str(f) for f in folders], Extractor(mode="fast"), processes=1)
    assert (rep.new, rep.errors) == (N_REPORTS, [])
    expected = (store.stats(alone), record_ids(alone))
    assert expected[0]["control_changes"] > 0 and expected[0]["events"] > 0

    env = {k: v for k, v in os.environ.items() if k != "KHABAR_DB"} | {"COLUMNS": "300"}
    fresh = make_url()  # a store no process has opened: the four migrate it at once
    procs = [subprocess.Popen([str(KHABAR), "ingest", str(f), "--db", fresh, "--pipeline", "fast", "--quiet"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
             for f in folders]
    # the desk's reads meanwhile: never an error, never fewer reports than before
    seen: list[int] = []
    reader = None
    theatre = load()
    deadline = time.monotonic() + 300
    try:
        while any(p.poll() is None for p in procs):
            assert time.monotonic() < deadline, "the ingesters did not finish within 300 s"
            try:
                reader = reader or connect(fresh)
            except khabar.errors.StoreError:
                time.sleep(0.2)  # the schema is being made by the ingesters
                continue
            try:
                n = queries.documents(reader)[1]
            except Exception as e:  # noqa: BLE001
                if "does not exist" in str(e) or "no such table" in str(e):
                    continue  # pragma: no cover - opened before the first migration ended
                raise
            if n:
                compile_control(reader, theatre, date(2021, 12, 31))
            assert not seen or n >= seen[-1]
            seen.append(n)
            time.sleep(0.3)
        outs = [p.communicate(timeout=60) for p in procs]
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait()
    for p, (_out, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err
        assert "deadlock" not in err.lower() and "locked" not in err.lower(), err
    counts = [tuple(int(x) for x in DONE.search(" ".join(out.split())).groups())  # type: ignore[union-attr]
              for out, _ in outs]
    assert sum(new for new, _, _ in counts) == N_REPORTS, counts  # each report new to exactly one
    assert sum(new + known for new, known, _ in counts) == 2 * N_REPORTS, counts
    assert all(errors == 0 for _, _, errors in counts), counts
    conn = reader or connect(fresh)
    assert store.stats(conn) == expected[0]
    assert record_ids(conn) == expected[1]
    ids = [r[0] for r in conn.execute("SELECT id FROM documents")]
    assert len(ids) == len(set(ids)) == N_REPORTS
    assert {r[0] for r in conn.execute("SELECT document_id FROM extractions")} == set(ids)
    assert len(seen) >= 2, "the reader never read while the ingesters ran"


def test_a_review_is_seen_by_every_other_connection_at_once(engine: str, store_url: str) -> None:
    from khabar.web.app import create_app

    one = connect(store_url)
    ingest(one, [str(SAMPLES / "several_districts.txt")], Extractor(mode="fast"), processes=1)
    other = connect(store_url)
    desk = create_app(store_url).state.desk  # the desk, with its cache of compiled days
    day = date(2021, 7, 10)

    def controllers(states: list) -> dict[str, str | None]:
        return {s.name: s.controller for s in states if s.controller}

    before = controllers(desk.control(day)[0])
    assert before == {"Khan Abad": "taliban", "Chahar Dara": "taliban", "Dasht-i-Archi": "taliban"}
    rid = store.records_of(one, "control_changes")[0]["id"]
    save_override(one, "control_changes", rid, "reject", "single source", analyst="a")
    (row,) = [r for r in store.records_of(other, "control_changes", keep_rejected=True) if r["id"] == rid]
    assert row["review"] == "rejected"
    assert rid not in {o.record_id for o in store.observations(other)}
    after = controllers(desk.control(day)[0])
    assert len(after) == 2 and set(after) < set(before)
    save_override(other, "control_changes", rid, "confirm", "a second source now", analyst="b")
    assert controllers(desk.control(day)[0]) == before
    assert [o["action"] for o in list_overrides(one)] == ["reject", "confirm"]


def test_the_write_count_moves_only_after_a_commit(pg_url: str) -> None:
    """PostgreSQL: a reader that sees a new write count also sees the write (the desk relies on it;
    on SQLite it compares the database files' sizes and times)."""
    from khabar.store.pg import write_count

    n = 3
    writer, reader = connect(pg_url), connect(pg_url)
    start = write_count(reader)
    writer.execute("BEGIN")
    writer.execute("INSERT INTO meta (key, value) VALUES ('k', 'v')")
    assert write_count(reader) == start  # not committed: the count has not moved
    writer.execute("COMMIT")
    assert write_count(reader) == start + 1
    assert reader.execute("SELECT value FROM meta WHERE key = 'k'").fetchone()[0] == "v"
    for i in range(n):
        writer.execute("UPDATE meta SET value = ? WHERE key = 'k'", (str(i),))  # one statement, one write
    assert write_count(reader) == start + 1 + n
