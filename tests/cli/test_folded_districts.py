"""A newer district the 2018 boundaries fold into another (Dand inside Kandahar, Marja inside
Nad Ali) resolves to its polygon with a note that says so, keeps its own name on its records,
is answered by the desk's API, and counts are given on both denominators (399 polygons, 421
published)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from khabar.compile.folded import find_folded, folded
from khabar.compile.sides import Sides
from khabar.theatres.loader import Theatre, load
from tests.cli.conftest import Run

# a capture in a newer district, in our own words, twice
REPORTS = {
    "dand.txt": ("Fighting south of Kandahar\n\nKANDAHAR, Aug 3 - Taliban fighters captured Dand district "
                 "of Kandahar province on Monday, a local elder said.\n"),
    "marja.txt": ("Helmand district lost\n\nLASHKAR GAH, Aug 4 - The Taliban overran Marja district in "
                  "Helmand province on Tuesday, two officials said.\n"),
}


@pytest.fixture(scope="module")
def theatre() -> Theatre:
    return load()


@pytest.mark.parametrize(("name", "polygon", "note"), [
    ("Dand", "AF2701", "Dand: part of Kandahar district in the 2018 boundaries"),
    ("Marja", "AF3002", "Marja: part of Nad Ali district in the 2018 boundaries"),
    ("Zawol", "AF3214", "Zawol: part of Shindand district in the 2018 boundaries"),
])
def test_a_newer_district_resolves_to_its_polygon_with_a_note(theatre: Theatre, name: str, polygon: str,
                                                               note: str) -> None:
    f = find_folded(theatre, name)
    assert f is not None and f.district_id == polygon
    assert f.note(theatre.districts[polygon]) == note
    assert find_folded(theatre, "Dand Wa Patan") is None  # a district of its own


def test_both_denominators(theatre: Theatre) -> None:
    table = folded(theatre)
    assert table.published_total == 421 and sum(table.weights.values()) == 421
    assert len(theatre.districts) == 399 and table.weights["AF3214"] == 5  # Shindand and four folded in
    assert Sides.of(theatre).published_total == 421


@pytest.fixture
def db(run: Run, tmp_path: Path) -> Path:
    for name, text in REPORTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = run("ingest", *REPORTS, "--db", "k.db", "--published", "2021-08-04", "--pipeline", "fast", "-q")
    assert result.exit_code == 0, result.output
    return tmp_path / "k.db"


def test_district_dand_says_where_it_is_and_keeps_its_name(run: Run, db: Path) -> None:
    result = run("district", "Dand", "--db", db)
    assert result.exit_code == 0, result.output
    head, note, state = result.stdout.splitlines()[:3]
    assert head == "Kandahar, Kandahar province (AF2701)"
    assert note == "Dand: part of Kandahar district in the 2018 boundaries"
    assert "Taliban since 2021-08-02" in state
    assert "Dand (Kandahar) to the Taliban" in result.stdout  # the record keeps its own name
    data = json.loads(run("district", "Dand", "--db", db, "--json").stdout)
    assert (data["district_id"], data["asked"], data["note"]) == ("AF2701", "Dand", note)


def test_control_gives_both_denominators(run: Run, db: Path) -> None:
    out = run("control", "--db", db).stdout.splitlines()
    assert out[-1].endswith("of 399 districts as of 2021-08-04") and out[-1].startswith("Taliban 2,")
    # Kandahar stands for itself and Dand, Nad Ali for itself and Marja: 4 of the 421 published
    assert out[-2].startswith("On the 421 districts of the published list") and "Taliban 4," in out[-2]
    counts = json.loads(run("control", "--db", db, "--json").stdout)["counts"]
    assert counts["published"]["taliban"] == 4 and counts["published"]["total"] == 421


def test_the_desk_answers_for_dand(db: Path) -> None:
    from khabar.web.app import create_app

    with TestClient(create_app(db), raise_server_exceptions=False) as c:
        r = c.get("/api/districts/Dand")
        assert r.status_code == 200, r.text
        d = r.json()
        assert d["district"] == {"id": "AF2701", "name": "Kandahar", "province": "Kandahar",
                                 "note": "Dand: part of Kandahar district in the 2018 boundaries"}
        assert d["state"]["controller"] == "taliban"
        assert c.get("/api/districts/Nowhere-at-all").status_code == 404
