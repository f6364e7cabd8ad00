"""`khabar claims --check`: the claim judged on its day, its denial linked, published counts beside khabar's."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.conftest import Run

CLAIM = ("Taliban say they hold most of the country\n\n"
         "The Taliban captured the Panjwai district of Kandahar province on Thursday, local officials "
         "said. A Taliban spokesman claimed that the group now controls 85 percent of Afghanistan's "
         "territory. The defence ministry dismissed the figure as propaganda.\n")
COUNT = ("Counting the districts\n\n"
         "The Ridgeline Institute assessed that the Taliban controlled 3 of the country's 399 "
         "districts as of July 10, a tally that counts only district centres confirmed by two "
         "sources.\n")


@pytest.fixture
def db(run: Run, tmp_path: Path) -> Path:
    (tmp_path / "claim.txt").write_text(CLAIM, encoding="utf-8")
    (tmp_path / "count.txt").write_text(COUNT, encoding="utf-8")
    path = tmp_path / "k.db"
    for name, day in (("claim.txt", "2021-07-09"), ("count.txt", "2021-07-12")):
        result = run("ingest", name, "--published", day, "--db", path, "--pipeline", "fast", "-q")
        assert result.exit_code == 0, result.output
    return path


def test_check_judges_the_claim_against_the_compiled_figures_of_its_day(run: Run, db: Path) -> None:
    result = run("claims", "--check", "--db", db)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert ("- 85% of territory claimed for the Taliban by Taliban in a report of 2021-07-09; "
            "compiled: 0–100% of "
            "districts (1 of 399 gazetteer districts; 0 contested, 398 with no reports; published "
            "totals count 421); 1–100% of land area (") in out
    assert "verdict: not checkable (the claim lies within the compiled range 1–100%" in out
    assert "it holds only if 84 of the 99 points of land area" in out
    assert "Published counts beside khabar's own" in out
    assert ("- The Ridgeline Institute: Taliban 3 of 399 districts (1%) as of 2021-07-10; khabar: 1 of 399 "
            "(0%, up to 100% with the 398 districts with no reports); difference -1 points") in out


def test_denial_is_shown_with_the_claim_it_denies(run: Run, db: Path) -> None:
    result = run("claims", "--db", db)
    assert result.exit_code == 0, result.output
    denial = result.stdout.split("Denials (1) and what they deny")[1]
    first = denial.strip().splitlines()[1].strip()
    assert first.startswith("denies claims ")
    assert "85 percent of Afghanistan's territory" in first
    assert "same report, before the denial" in first


def test_json_has_checks_denials_and_assessments(run: Run, db: Path) -> None:
    result = run("claims", "--json", "--db", db)
    data = json.loads(result.stdout)
    (chk,) = data["checks"]
    assert (chk["verdict"], chk["party"], chk["measure"], chk["tolerance_points"]) == (
        "not checkable", "taliban", "territory", 5.0)
    assert [f["measure"] for f in chk["figures"]] == ["districts", "land area"]
    assert data["denials"][0]["denies"][0]["id"] == chk["claim"]["id"]
    (beside,) = data["assessments"]
    assert (beside["count"], beside["of"], beside["khabar_count"], beside["khabar_total"]) == (3, 399, 1, 399)
    assert chk["published_near"] == ["The Ridgeline Institute: 3 of 399 (1%) as of 2021-07-10"]


def test_a_published_count_reported_twice_is_shown_once(run: Run, db: Path, tmp_path: Path) -> None:
    (tmp_path / "again.txt").write_text(COUNT + "\nIt was repeated.\n",
                                        encoding="utf-8")
    run("ingest", "again.txt", "--published", "2021-07-13", "--db", db, "--pipeline", "fast", "-q")
    out = run("claims", "--check", "--db", db).stdout
    assert out.count("- The Ridgeline Institute: Taliban 3 of 399") == 1
    assert "difference -1 points (in 2 reports)" in out


def test_a_rejected_claim_is_not_checked(run: Run, db: Path) -> None:
    claim_id = json.loads(run("claims", "--json", "--db", db).stdout)["checks"][0]["claim"]["id"]
    assert run("review", claim_id, "--reject", "--note", "misattributed", "--db", db).exit_code == 0
    data = json.loads(run("claims", "--json", "--db", db).stdout)
    assert data["checks"] == []
    assert claim_id not in {c["id"] for c in data["claims"]}


def test_a_rejected_capture_changes_the_compiled_figure(run: Run, db: Path) -> None:
    import sqlite3
    with sqlite3.connect(db) as conn:
        (cid,) = conn.execute("SELECT id FROM control_changes").fetchone()
    assert run("review", cid, "--reject", "--note", "not confirmed", "--db", db).exit_code == 0
    out = run("claims", "--check", "--db", db).stdout
    assert "compiled: 0–100% of districts (0 of 399 gazetteer districts; 0 contested, 399 with no reports" in out


@pytest.mark.parametrize(("args", "message"), [
    (["--tolerance", "80"], "Error: --tolerance 80: use a number of points from 0 to 50\n"),
    (["--db", "missing.db"], "Error: missing.db: no such database; run `khabar ingest` first\n"),
])
def test_bad_options_are_one_line_errors(run: Run, db: Path, args: list[str], message: str) -> None:
    full = ["claims", *args] if "--db" in args else ["claims", *args, "--db", str(db)]
    result = run(*full)
    assert result.exit_code == 1
    assert result.stderr == message


def test_assessments_beside_a_day_gives_khabars_count_of_the_assessments_day(db: Path) -> None:
    from datetime import date

    from khabar.jobs_claims import assessments_beside
    from khabar.store import connect
    from khabar.theatres.loader import load

    conn = connect(db)
    (row,) = assessments_beside(conn, load(), date(2021, 7, 12))
    assert (row["as_of"], row["count"], row["khabar_count"], row["no_reports"]) == ("2021-07-10", 3, 1, 398)
    assert round(row["difference_points"], 2) == round(100 / 399 - 300 / 399, 2)
    assert assessments_beside(conn, load(), date(2021, 8, 30)) == []  # older than the 14-day window


def test_a_count_of_capitals_stands_beside_khabars_count_of_capitals(run: Run, tmp_path: Path) -> None:
    from khabar.jobs_claims import assessments_beside
    from khabar.store import connect
    from khabar.theatres.loader import load

    report = tmp_path / "capitals.txt"
    report.write_text("Kunduz city falls\n\nThe Taliban captured Kunduz, the capital of Kunduz province, "
                      "on Sunday, officials said. By our tally the Taliban held 3 of Afghanistan's 34 "
                      "provincial capitals by Monday evening.\n", encoding="utf-8")
    db = tmp_path / "k.db"
    result = run("ingest", report, "--db", db, "--published", "2021-08-09", "--pipeline", "fast", "-q")
    assert result.exit_code == 0, result.output
    rows = assessments_beside(connect(db), load())
    assert [(r["unit"], r["count"], r["of"], r["khabar_count"], r["khabar_total"]) for r in rows] == [
        ("provincial capitals", 3, 34, 1, 34)]
    assert "3 of 34 provincial capitals (9%)" in rows[0]["line"]
