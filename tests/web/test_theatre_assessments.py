"""A theatre's published assessments (its folder's assessments.csv) beside the extracted ones: the
desk's map lists them with their source, the claim check compares them with khabar's count, the
timeline marks them (on the invented theatre of tests/theatres/conftest.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from khabar.extract.pipeline import Extractor
from khabar.jobs import ingest, theatre_assessments
from khabar.jobs_claims import assessments_beside
from khabar.render.plots import _assessment_points
from khabar.store import connect
from khabar.theatres.loader import load
from khabar.web.app import create_app
from tests.theatres.conftest import REPORTS, write_theatre

ASSESSMENTS = (
    "source,controller,count,of,unit,as_of,kind,url,note\n"
    "Velorian Conflict Monitor,pact,3,6,counties,2031-03-20,assessment,https://monitor.example/20,"
    "\"counties held by the Pact and its members\"\n"
    "Southmark Post,crown,2,,towns,2031-03,assessment,,the Crown's towns in Southmark\n"
    "Nobody,crown,lots,,counties,2031-03-21,assessment,,not a number: left out\n"
)


@pytest.fixture(scope="module")
def veloria(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = write_theatre(tmp_path_factory.mktemp("assess") / "veloria_2031")
    (folder / "assessments.csv").write_text(ASSESSMENTS, encoding="utf-8")
    db = folder.parent / "v.db"
    conn = connect(db)
    assert ingest(conn, [str(folder / "samples" / "corpus")], Extractor(str(folder), mode="fast")).new == len(REPORTS)
    conn.close()
    return folder, db


def test_the_theatres_counts_are_read_as_published_counts(veloria: tuple[Path, Path]) -> None:
    rows = theatre_assessments(load(veloria[0]))
    assert [(r["assessor"], r["controller"], r["count"], r["of"], r["unit"], r["as_of"]) for r in rows] == [
        ("Southmark Post", "crown", 2, None, "towns", "2031-03-01"),  # a month: from its first day
        ("Velorian Conflict Monitor", "pact", 3, 6, "counties", "2031-03-20")]
    assert rows[0]["as_of_given"] == "2031-03" and rows[0]["note"].startswith("(day not given: 2031-03)")


def test_the_desks_map_lists_them_with_their_source(veloria: tuple[Path, Path]) -> None:
    folder, db = veloria
    with TestClient(create_app(db, str(folder))) as client:
        got = client.get("/api/map", params={"as_of": "2031-03-25"}).json()["assessments"]
    (a,) = [a for a in got if a["source"] == "theatre"]
    assert (a["assessor"], a["controller"], a["count"], a["of_total"], a["url"]) == (
        "Velorian Conflict Monitor", "pact", 3, 6, "https://monitor.example/20")


def test_the_claim_check_counts_a_coalitions_members_beside_the_published_count(veloria: tuple[Path, Path]
                                                                                ) -> None:
    folder, db = veloria
    beside = {b["assessor"]: b for b in assessments_beside(connect(db), load(folder))}
    monitor = beside["Velorian Conflict Monitor"]
    # 2031-03-20: the Front holds nothing (Osterlin retaken on 03-13), the Militia Kessary, the Pact Pellagh
    assert (monitor["khabar_count"], monitor["khabar_total"], monitor["source"]) == (2, 6, "theatre")
    assert monitor["line"].startswith("Velorian Conflict Monitor [theatre's list]: Northern Pact 3 of 6 counties")
    assert "khabar counts counties, not towns" in beside["Southmark Post"]["line"]
    assert "as of 2031-03;" in beside["Southmark Post"]["line"]


def test_the_timeline_marks_counties_on_its_axis_and_towns_apart(veloria: tuple[Path, Path]) -> None:
    rows = theatre_assessments(load(veloria[0]))
    start, end = date(2031, 3, 1), date(2031, 3, 31)
    (on_axis,) = _assessment_points(rows, 6, start, end, ("districts", "counties"))
    assert (on_axis[0], on_axis[1], on_axis[2]) == (date(2031, 3, 20), 3.0, "pact")
    (towns,) = _assessment_points(rows, 6, start, end, ("districts", "counties"), other=True)
    assert towns[3] == "Southmark Post: 2 towns"
