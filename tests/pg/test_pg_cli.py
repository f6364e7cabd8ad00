"""The installed `khabar` script on either engine: ingest, control as of a day, a review, control
again; --db or KHABAR_DB; a PostgreSQL store that cannot be reached is one line, password masked."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from khabar.store import connect
from khabar.store import records as store

KHABAR = Path(sys.executable).parent / "khabar"
SAMPLES = Path(__file__).parents[1] / "samples"


def khabar(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "KHABAR_DB")}
    return subprocess.run([str(KHABAR), *map(str, args)], cwd=cwd, env=base | (env or {}), text=True,
                          stdin=subprocess.DEVNULL, capture_output=True, timeout=180)


def headline(out: str) -> str:
    return out.splitlines()[-1]


def test_ingest_control_review_control(engine: str, store_url: str, tmp_path: Path) -> None:
    done = khabar("ingest", SAMPLES / "several_districts.txt", "--db", store_url, "--pipeline", "fast",
                  "--quiet", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"Ingested 1 new report(s) into {store_url} (0 already stored, 0 error(s))")
    control = khabar("control", "--as-of", "2021-07-10", "--db", store_url, cwd=tmp_path)
    assert control.returncode == 0, control.stderr
    assert headline(control.stdout).startswith("Taliban 3, Government 0, contested 0")
    again = khabar("ingest", SAMPLES / "several_districts.txt", "--pipeline", "fast", "--quiet", cwd=tmp_path,
                   env={"KHABAR_DB": store_url})  # the store named by the environment
    assert again.stdout.startswith(f"Ingested 0 new report(s) into {store_url} (1 already stored")

    conn = connect(store_url)
    first = store.records_of(conn, "control_changes")[0]
    review = khabar("review", first["id"], "--reject", "--note", "one source only", "--db", store_url, cwd=tmp_path)
    assert review.returncode == 0, review.stderr
    after = khabar("control", "--as-of", "2021-07-10", cwd=tmp_path, env={"KHABAR_DB": store_url})
    assert headline(after.stdout).startswith("Taliban 2, Government 0, contested 0")
    assert [r["review"] for r in store.records_of(conn, "control_changes", keep_rejected=True)
            if r["id"] == first["id"]] == ["rejected"]
    if engine == "sqlite":
        assert Path(store_url).is_file()
    else:  # nothing was written beside the command
        assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_an_unreachable_postgresql_store_is_one_line_without_its_password(pg_url: str, tmp_path: Path) -> None:
    bad = pg_url.replace("postgresql://khabar@/", "postgresql://khabar:s3cret@/no_such_database_")
    result = khabar("control", "--db", bad, cwd=tmp_path)
    assert result.returncode == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith("Error: postgresql://khabar:***@/no_such_database_")
    assert 'database "no_such_database_' in line and "does not exist" in line
    assert "s3cret" not in result.stderr + result.stdout
