"""A malformed theatre folder: one line naming the file, the line and the fix, for each problem.

Each test breaks one thing in a fresh copy of the invented theatre (conftest.py) and checks what
`check.problems`, `loader.load` and `khabar theatres --check` say about it.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from khabar.cli.main import app
from khabar.errors import TheatreError
from khabar.theatres.check import problems
from khabar.theatres.loader import installed, load

Make = Callable[[], Path]


def _only(folder: Path) -> str:
    found = problems(folder)
    assert len(found) == 1, found
    return found[0]


def _edit_csv(path: Path, edit: Callable[[list[list[str]]], None]) -> None:
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    edit(rows)
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)


def _row(rows: list[list[str]], first: str) -> list[str]:
    return next(r for r in rows if r and r[0] == first)


def _line(rows_before: int) -> str:
    return f": line {rows_before}: "


# -- sound folders -----------------------------------------------------------------------

def test_the_invented_theatre_is_sound_and_loads_from_its_folder(invented: Path) -> None:
    assert problems(invented) == []
    th = load(str(invented))
    assert th.name == "veloria_2031" and len(th.districts) == 6 and len(th.provinces) == 2
    assert th.party_ids == ("crown", "pact", "lff", "hmc")
    assert th.coalition_of("lff") == "pact" and th.counts_for("hmc") == "pact"
    assert th.level("districts") == "counties" and th.level("province") == "region"


@pytest.mark.parametrize("name", sorted(installed()))
def test_every_bundled_theatre_is_sound(name: str) -> None:
    assert problems(installed()[name]) == []


# -- one problem each --------------------------------------------------------------------

@pytest.mark.parametrize("missing", ["theatre.json", "parties.csv", "districts.geojson"])
def test_a_missing_required_file_is_named(fresh_theatre: Make, missing: str) -> None:
    folder = fresh_theatre()
    (folder / missing).unlink()
    line = _only(folder)
    assert line.startswith(f"{folder / missing}: missing; ") and "a theatre folder needs" in line


def test_bad_json_in_theatre_json_names_its_line(fresh_theatre: Make) -> None:
    folder = fresh_theatre()
    text = (folder / "theatre.json").read_text(encoding="utf-8").splitlines()
    at = next(i for i, s in enumerate(text) if '"incumbent"' in s)
    text[at] = text[at].rstrip(",")  # a missing comma
    (folder / "theatre.json").write_text("\n".join(text) + "\n", encoding="utf-8")
    line = _only(folder)
    assert line.startswith(f"{folder / 'theatre.json'}: line {at + 2}: not valid JSON")
    assert line.endswith("fix the JSON syntax there")


def test_districts_that_are_not_a_feature_collection(fresh_theatre: Make) -> None:
    folder = fresh_theatre()
    (folder / "districts.geojson").write_text(json.dumps({"type": "Feature", "features": {}}), encoding="utf-8")
    line = _only(folder)
    assert line.startswith(f"{folder / 'districts.geojson'}: line 1: not a GeoJSON FeatureCollection; ")


def _features(folder: Path) -> list[dict]:
    return json.loads((folder / "districts.geojson").read_text(encoding="utf-8"))["features"]


def _write_features(folder: Path, features: list[dict]) -> None:
    """Write one feature a line after two header lines: feature i is on line i + 3."""
    lines = ",\n".join(json.dumps(f) for f in features)
    (folder / "districts.geojson").write_text(
        '{"type": "FeatureCollection",\n"features": [\n' + lines + "\n]}\n", encoding="utf-8")


def test_a_feature_without_an_id_is_named_by_its_line(fresh_theatre: Make) -> None:
    folder = fresh_theatre()
    feats = _features(folder)
    del feats[3]["properties"]["id"]
    _write_features(folder, feats)
    found = problems(folder)
    # the feature's own line; and places.csv now points at a district that is gone
    assert found[0] == (f"{folder / 'districts.geojson'}: line 6: feature 4 has no properties.id or "
                        "properties.name; give every feature an id and a name")
    assert any("places.csv: line 3: district_id 'VL04' is not a feature of districts.geojson" in p
               for p in found)


def test_a_self_crossing_polygon_is_broken_geometry(fresh_theatre: Make) -> None:
    folder = fresh_theatre()
    feats = _features(folder)
    feats[1]["geometry"]["coordinates"] = [[[11, 41], [12, 42], [12, 41], [11, 42], [11, 41]]]  # a bow tie
    _write_features(folder, feats)
    line = _only(folder)
    assert line.startswith(f"{folder / 'districts.geojson'}: line 4: feature 'VL02' has a broken geometry (")
    assert "Self-intersection" in line and "make_valid" in line
    assert problems(folder, geometry=False) == []  # only shapely tells


def test_a_feature_without_a_polygon(fresh_theatre: Make) -> None:
    folder = fresh_theatre()
    feats = _features(folder)
    feats[5]["geometry"] = {"type": "Point", "coordinates": [12.5, 40.5]}
    _write_features(folder, feats)
    assert _only(folder).startswith(f"{folder / 'districts.geojson'}: line 8: feature 'VL06' has no Polygon")


def test_two_features_with_one_id(fresh_theatre: Make) -> None:
    folder = fresh_theatre()
    feats = _features(folder)
    feats[5]["properties"]["id"] = "VL01"
    _write_features(folder, feats)
    assert _only(folder) == (f"{folder / 'districts.geojson'}: line 8: id 'VL01' is used by two features; "
                             "give each feature its own id")


def test_an_actor_on_an_undeclared_side(fresh_theatre: Make) -> None:
    folder = fresh_theatre()
    _edit_csv(folder / "actors.csv", lambda rows: _row(rows, "tomas_vey").__setitem__(3, "lowland_front"))
    line = _only(folder)
    assert line.startswith(f"{folder / 'actors.csv'}: line 8: side 'lowland_front' is not a party of parties.csv; ")
    assert 'list it in theatre.json "other_sides"' in line and "crown, pact, lff, hmc" in line


def test_a_side_that_holds_no_place_must_be_declared_as_an_other_side(fresh_theatre: Make) -> None:
    folder = fresh_theatre()
    config = json.loads((folder / "theatre.json").read_text(encoding="utf-8"))
    del config["other_sides"]
    (folder / "theatre.json").write_text(json.dumps(config, indent=2), encoding="utf-8")
    assert _only(folder).startswith(f"{folder / 'actors.csv'}: line 11: side 'foreign' is not a party")


def test_an_outlet_on_an_undeclared_side(fresh_theatre: Make) -> None:
    folder = fresh_theatre()
    _edit_csv(folder / "outlets.csv", lambda rows: _row(rows, "Pact Voice").__setitem__(5, "northern_pact"))
    assert _only(folder).startswith(f"{folder / 'outlets.csv'}: line 7: side 'northern_pact' is not a party")


def test_a_place_with_an_undeclared_party_and_an_unknown_district(fresh_theatre: Make) -> None:
    folder = fresh_theatre()

    def edit(rows: list[list[str]]) -> None:
        rows[0].append("party")
        for r in rows[1:]:
            r.append("")
        _row(rows, "Osterlyn")[-1] = "rebels"
        _row(rows, "Kessary Bazaar")[2] = "VL99"
    _edit_csv(folder / "places.csv", edit)
    assert problems(folder) == [
        f"{folder / 'places.csv'}: line 4: party 'rebels' is not a party of parties.csv; use an id of "
        "parties.csv (crown, pact, lff, hmc) or declare it there",
        f"{folder / 'places.csv'}: line 5: district_id 'VL99' is not a feature of districts.geojson; use the id "
        "of a district feature or leave district_id empty"]


def test_an_assessment_by_an_undeclared_controller(fresh_theatre: Make) -> None:
    folder = fresh_theatre()
    (folder / "assessments.csv").write_text(
        "assessor,controller,count,of,as_of,source\n"
        "Ridge Institute,pact,3,6,2031-03-27,invented\n"
        "Ridge Institute,contested,1,6,2031-03-27,invented\n"
        "Ridge Institute,royalists,2,6,2031-03-27,invented\n", encoding="utf-8")
    assert _only(folder).startswith(f"{folder / 'assessments.csv'}: line 4: controller 'royalists' is not a party")


def test_lexicon_words_name_a_declared_party_or_none(fresh_theatre: Make) -> None:
    folder = fresh_theatre()
    with open(folder / "lexicon.csv", "a", encoding="utf-8") as f:
        f.write("# a comment line keeps the line numbers the file's\n"
                "loyalists,crown,acting,\n"
                "highlanders,highland_militia,actor,\n")
    assert problems(folder) == [
        f"{folder / 'lexicon.csv'}: line 21: use 'acting' is not one of actor, not_actor; write actor (the words "
        "name the party acting) or not_actor",
        f"{folder / 'lexicon.csv'}: line 22: party 'highland_militia' is not a party of parties.csv; use an id of "
        "parties.csv (crown, pact, lff, hmc) or declare it there"]


def test_a_coalition_member_not_declared(fresh_theatre: Make) -> None:
    folder = fresh_theatre()
    _edit_csv(folder / "parties.csv", lambda rows: _row(rows, "pact").__setitem__(4, "lff;hmc;sfa"))
    assert _only(folder) == (f"{folder / 'parties.csv'}: line 3: coalition 'pact' lists member 'sfa', which is "
                             "not declared; declare 'sfa' on a line of its own or remove it from members")
    with pytest.raises(TheatreError):
        load(str(folder))


def test_a_party_declared_twice(fresh_theatre: Make) -> None:
    folder = fresh_theatre()
    _edit_csv(folder / "parties.csv", lambda rows: rows.append(["hmc", "armed_group", "Hill Militia", "", "", ""]))
    assert _only(folder) == (f"{folder / 'parties.csv'}: line 7: party 'hmc' is declared twice (first on line 5); "
                             "keep one line per party")


def test_an_actor_id_used_twice(fresh_theatre: Make) -> None:
    folder = fresh_theatre()
    _edit_csv(folder / "actors.csv", lambda rows: rows.append(["vey2", "x", "person", "lff", "", "", ""]) or
              rows.append(["tomas_vey", "Tomas Vey", "person", "lff", "", "", ""]))
    assert _only(folder).startswith(f"{folder / 'actors.csv'}: line 13: id 'tomas_vey' is used twice (first on "
                                    "line 8)")


@pytest.mark.parametrize(("key", "value", "said"), [
    ("order", ["crown", "pact", "lff", "hmc", "rebels"], "order: 'rebels' is not a party of parties.csv"),
    ("opposes", {"crown": ["pact", "rebels"]}, "opposes crown: 'rebels' is not a party of parties.csv"),
    ("incumbent", "king", "incumbent: 'king' is not a party of parties.csv"),
    ("default_captor", "rebels", "default_captor: 'rebels' is not a party of parties.csv"),
    ("parties", {"rebels": {"colour": "#123456"}}, "parties: 'rebels' is not a party of parties.csv"),
    ("parties", {"crown": {"colour": "purple"}}, "parties crown: colour 'purple' is not a colour"),
    ("other_sides", ["foreign", "crown"], "other side 'crown' is also a party of parties.csv"),
])
def test_theatre_json_names_only_declared_parties(fresh_theatre: Make, key: str, value: object, said: str) -> None:
    folder = fresh_theatre()
    config = json.loads((folder / "theatre.json").read_text(encoding="utf-8"))
    config[key] = value
    text = json.dumps(config, indent=2)
    (folder / "theatre.json").write_text(text, encoding="utf-8")
    line = _only(folder)
    key_line = text.splitlines().index(next(s for s in text.splitlines() if s.startswith(f'  "{key}"'))) + 1
    m = re.match(rf"{re.escape(str(folder / 'theatre.json'))}: line (\d+): (.*); (.+)$", line)
    assert m, line
    assert int(m.group(1)) >= key_line and m.group(2) == said and m.group(3)


# -- load() and the command --------------------------------------------------------------

def test_load_raises_the_first_problem_as_one_line_and_counts_the_rest(fresh_theatre: Make) -> None:
    folder = fresh_theatre()
    _edit_csv(folder / "actors.csv", lambda rows: [r.__setitem__(3, "nobody") for r in rows[1:3]])
    with pytest.raises(TheatreError) as e:
        load(str(folder))
    msg = str(e.value)
    assert "\n" not in msg
    assert msg.startswith(f"{folder.resolve() / 'actors.csv'}: line 2: side 'nobody' is not a party")
    assert msg.endswith(f"(and 1 more: run `khabar theatres --check {folder.resolve()}`)")


def test_the_check_command_prints_every_problem_and_exits_1(fresh_theatre: Make) -> None:
    folder = fresh_theatre()
    (folder / "parties.csv").unlink()
    _edit_csv(folder / "places.csv", lambda rows: _row(rows, "Osterlyn").__setitem__(2, "VL77"))
    result = CliRunner().invoke(app, ["theatres", "--check", str(folder)])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{folder / 'parties.csv'}: missing; a theatre folder needs theatre.json, parties.csv, districts.geojson",
        f"{folder / 'places.csv'}: line 4: district_id 'VL77' is not a feature of districts.geojson; use the id "
        "of a district feature or leave district_id empty"]
    # any command given the folder says the first problem in one line
    result = CliRunner().invoke(app, ["control", "--theatre", str(folder), "--db", str(folder / "none.db")])
    assert result.exit_code == 1


def test_the_check_command_passes_a_sound_folder(invented: Path) -> None:
    result = CliRunner().invoke(app, ["theatres", "--check", str(invented), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {"path": str(invented), "problems": []}
