"""The invented theatre (conftest.py) end to end, through the command line, with no code of its own:
ingest -> control -> map -> timeline -> claims, and the right answers each step.

Who holds each county on a day, the coalition's count (a member's capture counts for the Pact and
is shown by member), and the verdict on each claim with a number are read from conftest.py's
HOLDERS and CLAIMS, written from the reports by hand.
"""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from khabar.cli.main import app
from tests.theatres.conftest import CLAIMS, HOLDERS, REPORTS

ENV = {"COLUMNS": "300", "KHABAR_DB": None, "KHABAR_THEATRE": None}
LAST = max(HOLDERS)


def khabar(*args: str | Path) -> Result:
    return CliRunner().invoke(app, [str(a) for a in args], env=ENV)


@pytest.fixture(scope="module", params=["fast", "standard"])
def store(request: pytest.FixtureRequest, invented: Path, tmp_path_factory: pytest.TempPathFactory
          ) -> tuple[Path, Path]:
    """The invented theatre's sample reports ingested into a new database: (theatre, database)."""
    db = tmp_path_factory.mktemp(f"store-{request.param}") / "veloria.db"
    result = khabar("ingest", invented / "samples" / "corpus", "--theatre", invented, "--db", db,
                    "--pipeline", request.param, "-q")
    assert result.exit_code == 0, result.output
    assert f"Ingested {len(REPORTS)} new report(s)" in result.stdout
    return invented, db


def _control(theatre: Path, db: Path, day: date) -> dict:
    result = khabar("control", "--as-of", day.isoformat(), "--theatre", theatre, "--db", db, "--json", "--all")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("day", sorted(HOLDERS))
def test_control_names_who_holds_each_county_on_a_day(store: tuple[Path, Path], day: date) -> None:
    theatre, db = store
    data = _control(theatre, db, day)
    assert {d["district_id"]: d["controller"] for d in data["districts"]} == HOLDERS[day]


@pytest.mark.parametrize("day", sorted(HOLDERS))
def test_a_members_county_counts_for_its_coalition_and_is_shown_by_member(store: tuple[Path, Path],
                                                                          day: date) -> None:
    theatre, db = store
    counts = _control(theatre, db, day)["counts"]
    held = list(HOLDERS[day].values())
    members = {"lff": held.count("lff"), "hmc": held.count("hmc"), "pact": held.count("pact")}
    assert counts["pact"] == sum(members.values())
    assert counts["members"]["pact"] == members
    assert counts["crown"] == held.count("crown")
    assert counts["contested"] == held.count("contested")
    assert counts["no_reports"] == held.count(None)
    assert counts["total"] == 6


def test_control_headline_names_the_theatres_parties_and_unit(store: tuple[Path, Path]) -> None:
    theatre, db = store
    result = khabar("control", "--as-of", LAST.isoformat(), "--theatre", theatre, "--db", db)
    assert result.exit_code == 0, result.output
    assert (f"Crown 2, Northern Pact 3 (Freedom Front 1, Highland Militia 1), contested 0, no reports 1 "
            f"of 6 counties as of {LAST.isoformat()}") in result.stdout


def test_the_map_colours_each_county_by_its_party(store: tuple[Path, Path], tmp_path: Path) -> None:
    theatre, db = store
    page = tmp_path / "map.html"
    result = khabar("map", "--as-of", LAST.isoformat(), "-o", page, "--all-formats", "--theatre", theatre,
                    "--db", db)
    assert result.exit_code == 0, result.output
    geo = json.loads((tmp_path / "control.geojson").read_text(encoding="utf-8"))
    assert {f["properties"]["district_id"]: f["properties"]["controller"] for f in geo["features"]} == HOLDERS[LAST]
    with open(tmp_path / "control.csv", encoding="utf-8", newline="") as f:
        assert {r["district_id"]: r["controller"] or None for r in csv.DictReader(f)} == HOLDERS[LAST]
    html = page.read_text(encoding="utf-8")
    config = json.loads((theatre / "theatre.json").read_text(encoding="utf-8"))
    for party in ("crown", "pact", "lff", "hmc"):  # the legend: every party holding a county, by label and colour
        assert config["parties"][party]["label"] in html
        assert config["parties"][party]["colour"] in html


def test_the_timeline_stacks_every_party_and_the_coalitions_total(store: tuple[Path, Path], tmp_path: Path) -> None:
    theatre, db = store
    result = khabar("timeline", "--from", "2031-03-01", "--to", LAST.isoformat(), "-o", tmp_path, "--theatre",
                    theatre, "--db", db)
    assert result.exit_code == 0, result.output
    with open(tmp_path / "timeline.csv", encoding="utf-8", newline="") as f:
        rows = {r["date"]: r for r in csv.DictReader(f)}
    for day, holders in HOLDERS.items():
        row, held = rows[day.isoformat()], list(holders.values())
        assert int(row["crown"]) == held.count("crown")
        assert int(row["lff"]) == held.count("lff") and int(row["hmc"]) == held.count("hmc")
        assert int(row["pact"]) == held.count("pact") + held.count("lff") + held.count("hmc")
        assert int(row["no_reports"]) == held.count(None)


def test_each_claim_with_a_number_is_judged_against_its_day(store: tuple[Path, Path]) -> None:
    theatre, db = store
    result = khabar("claims", "--check", "--json", "--theatre", theatre, "--db", db)
    assert result.exit_code == 0, result.output
    checks = json.loads(result.stdout)["checks"]
    got = {(c["party"], c["claim"]["quantity"]["value"]): c["verdict"] for c in checks}
    assert got == CLAIMS


def test_the_demo_runs_the_whole_job_on_the_theatres_own_samples(invented: Path, tmp_path: Path) -> None:
    result = khabar("demo", "--theatre", invented, "--out", tmp_path / "demo")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "demo" / "map.html").is_file()
    assert "counties" in result.stdout and "Northern Pact" in result.stdout


def test_the_desk_serves_the_invented_theatre(store: tuple[Path, Path]) -> None:
    """The analyst's desk (khabar serve) over the same database: status, control, map, timeline, claims."""
    from fastapi.testclient import TestClient

    from khabar.web.app import create_app

    theatre, db = store
    with TestClient(create_app(db, str(theatre)), raise_server_exceptions=False) as c:
        status = c.get("/api/status").json()
        assert status["theatre"] == "veloria_2031" and status["last"] == max(r[1] for r in REPORTS)
        for day, holders in HOLDERS.items():
            data = c.get("/api/control", params={"as_of": day.isoformat()}).json()
            assert {d["district_id"]: d["controller"] for d in data["districts"]
                    if d["controller"]} == {k: v for k, v in holders.items() if v}
            page = c.get("/api/map", params={"as_of": day.isoformat()}).json()
            assert page["counts"] == data["counts"]
            assert sorted(v for v in page["controllers"] if v) == sorted(v for v in holders.values() if v)
        days = {d["date"]: d for d in c.get("/api/timeline", params={"start": "2031-03-01",
                                                                      "end": LAST.isoformat()}).json()["days"]}
        assert days[LAST.isoformat()]["pact"] == 3 and days[LAST.isoformat()]["members"]["pact"]["lff"] == 1
        checks = c.get("/api/claims/check").json()
        got = {(k["party"], k["claim"]["quantity"]["value"]): k["verdict"] for k in checks["checks"]}
        assert got == CLAIMS
