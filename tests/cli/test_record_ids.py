"""One id for every record: the ids `khabar district` prints are accepted by `explain` and `review`,
and a record compile derives from a claim (a denial's observation of one district) is reviewable
on its own, leaving the claim and its other districts as they were."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest

from tests.cli.conftest import Run

# a capture and, in another outlet, a ministry's denial naming two districts (our own wording)
CAPTURE = ("Border town taken\n\nKANDAHAR, July 14 - Taliban fighters captured the Spin Boldak district "
           "of Kandahar province on Wednesday, border officials said.\n")
DENIAL = ("Ministry rejects reports\n\nKABUL, July 14 - The defence ministry on Wednesday denied reports "
          "that the Spin Boldak and Arghandab districts of Kandahar province had fallen to the Taliban.\n")


@pytest.fixture
def db(run: Run, tmp_path: Path) -> Path:
    (tmp_path / "capture.txt").write_text(CAPTURE, encoding="utf-8")
    (tmp_path / "denial.txt").write_text(DENIAL, encoding="utf-8")
    for name, outlet in (("capture.txt", "Indus Herald"), ("denial.txt", "Watan State Bulletin")):
        result = run("ingest", name, "--db", "k.db", "--published", "2021-07-14", "--outlet", outlet,
                     "--pipeline", "fast", "-q")
        assert result.exit_code == 0, result.output
    return tmp_path / "k.db"


def spin_boldak(run: Run, db: Path) -> str:
    result = run("district", "Spin Boldak", "--db", db)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_ids_district_prints_are_accepted_by_explain_and_review(run: Run, db: Path) -> None:
    with sqlite3.connect(db) as conn:
        (claim_id, ids) = conn.execute("SELECT id, district_ids FROM claims WHERE stance = 'denies'").fetchone()
    assert sorted(json.loads(ids)) == ["AF2702", "AF2711"]  # the two districts the denial names
    out = spin_boldak(run, db)
    assert "contested" in out
    derived = re.search(r"denial, record (\S+)\)", out)
    assert derived and derived.group(1) == f"{claim_id}-AF2711"
    stored = re.search(r"\(record (\S+), report", out)
    assert stored
    for rid in (derived.group(1), stored.group(1)):  # every id printed is one explain accepts
        result = run("explain", rid, "--db", db)
        assert result.exit_code == 0, result.output
        assert rid in result.stdout and "Spin Boldak" in result.stdout and "Arghandab" not in result.stdout.split("\n")[0]
    # the derived record reviewed on its own: the dispute of Spin Boldak ends; the claim stays
    result = run("review", derived.group(1), "--reject", "--note", "the ministry meant the crossing", "--db", db)
    assert result.exit_code == 0, result.output
    assert "contested" not in spin_boldak(run, db).split("History")[0]
    with sqlite3.connect(db) as conn:
        kinds = conn.execute("SELECT kind, record_id FROM overrides").fetchall()
    assert kinds == [("control_changes", derived.group(1))]
    # the other district's record is untouched and reviewable by its own id
    result = run("explain", f"{claim_id}-AF2702", "--db", db)
    assert result.exit_code == 0 and "Arghandab" in result.stdout
    # a stored record's id is accepted by review as printed
    result = run("review", stored.group(1), "--confirm", "--note", "seen by our stringer", "--db", db)
    assert result.exit_code == 0, result.output


def test_an_unknown_derived_id_is_one_line(run: Run, db: Path) -> None:
    result = run("review", "0123456789abcdef-AF2711", "--reject", "--note", "x", "--db", db)
    assert result.exit_code != 0
    assert result.stderr.strip().count("\n") == 0 and "no such record" in result.stderr
