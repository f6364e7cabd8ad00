"""`khabar review`: an analyst's rejection wins in `khabar control` and survives ingest and re-extraction."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tests.cli.conftest import Run

TAKEN = ("Taliban take Panjwai\n\n"
         "KANDAHAR, July 6 - The Taliban captured the Panjwai district of Kandahar province on "
         "Sunday, local officials said. Government troops pulled back to the provincial capital.\n")
OTHER = ("Fighting in Helmand\n\n"
         "LASHKAR GAH, July 8 - The Taliban captured the Nad Ali district of Helmand province on "
         "Wednesday, a provincial council member said.\n")


def controllers(run: Run, db: Path) -> dict[str, str]:
    result = run("control", "--json", "--db", db, "--as-of", "2021-07-10")
    assert result.exit_code == 0, result.output
    return {d["district"]: d["controller"] for d in json.loads(result.stdout)["districts"]}


def panjwai_id(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT id FROM control_changes WHERE district_id = 'AF2704'").fetchone()[0]


@pytest.fixture
def ingested(run: Run, tmp_path: Path) -> Path:
    (tmp_path / "taken.txt").write_text(TAKEN, encoding="utf-8")
    db = tmp_path / "k.db"
    result = run("ingest", "taken.txt", "--db", db, "--published", "2021-07-06", "--pipeline", "fast", "-q")
    assert result.exit_code == 0, result.output
    assert list(controllers(run, db).values()) == ["taliban"]
    return db


def test_rejection_survives_new_reports_and_reextraction(run: Run, tmp_path: Path,
                                                         ingested: Path) -> None:
    db = ingested
    before = controllers(run, db)
    (name,) = [n for n, c in before.items() if c == "taliban"]
    result = run("review", panjwai_id(db), "--reject", "--note", "one source only", "--db", db,
                 "--analyst", "mk")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Override 1: reject control_changes ")
    assert name not in controllers(run, db)

    (tmp_path / "other.txt").write_text(OTHER, encoding="utf-8")
    assert run("ingest", "other.txt", "--db", db, "--published", "2021-07-08", "--pipeline", "fast",
               "-q").exit_code == 0
    after_new = controllers(run, db)
    assert name not in after_new and len(after_new) == 1  # the new report's district only

    result = run("ingest", "taken.txt", "other.txt", "--db", db, "--reextract", "--published", "2021-07-08",
                 "--pipeline",
                 "standard", "-q")
    assert result.exit_code == 0, result.output
    assert name not in controllers(run, db)

    listed = run("review", "--list", "--db", db)
    assert "one source only" in listed.stdout and "mk" in listed.stdout
    assert "1 override(s)" in listed.stdout


def test_correction_changes_the_controller(run: Run, ingested: Path) -> None:
    rid = panjwai_id(ingested)
    result = run("review", rid, "--correct", "controller=contested", "--correct", "date=2021-07-05",
                 "--note", "fighting went on", "--db", ingested)
    assert result.exit_code == 0, result.output
    assert "contested" in controllers(run, ingested).values()


@pytest.mark.parametrize(("args", "message"), [
    (["--confirm", "--reject", "--note", "x"],
     "Error: @: give exactly one of --confirm, --reject or --correct FIELD=VALUE\n"),
    (["--reject"], "Error: @: --note is required; say why\n"),
    (["--correct", "controller", "--note", "x"],
     "Error: --correct controller: use FIELD=VALUE, e.g. controller=government\n"),
    (["--correct", "controller=rebels", "--note", "x"],
     "Error: controller=rebels: not allowed; use taliban, nrf, government or contested\n"),
])
def test_bad_reviews_are_one_line_errors(run: Run, ingested: Path, args: list[str],
                                         message: str) -> None:
    rid = panjwai_id(ingested)
    result = run("review", rid, *args, "--db", ingested)
    assert result.exit_code == 1
    assert result.stderr == message.replace("@", rid)


def test_unknown_record_is_named(run: Run, ingested: Path) -> None:
    result = run("review", "0123456789abcdef", "--reject", "--note", "x", "--db", ingested)
    assert result.exit_code == 1
    assert result.stderr == f"Error: 0123456789abcdef: no such record in {ingested}\n"


def test_a_unique_id_prefix_will_do(run: Run, ingested: Path) -> None:
    rid = panjwai_id(ingested)
    result = run("review", rid[:8], "--confirm", "--note", "seen on video", "--db", ingested)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Override 1: confirm control_changes {rid} ")
    short = run("review", rid[:4], "--confirm", "--note", "x", "--db", ingested)
    assert short.stderr == f"Error: {rid[:4]}: no such record in {ingested}\n"
