"""Start-up: a theatre's districts and provinces are read from their features' properties without
parsing the geometry, and give what parsing the whole file gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from khabar.theatres import loader
from tests.theatres.conftest import write_theatre


def _from_whole_file(path: Path) -> list[dict[str, object]]:
    with open(path, encoding="utf-8") as f:
        return [feature["properties"] for feature in json.load(f)["features"]]


@pytest.mark.parametrize("name", loader.installed())
def test_a_bundled_theatre_is_read_as_from_its_whole_geojson(name: str) -> None:
    path = loader.resolve(name).resolve()
    for file in ("districts.geojson", "provinces.geojson"):
        assert loader._properties(path / file) == _from_whole_file(path / file)
    theatre = loader.load(name)
    assert sorted(theatre.districts) == sorted(str(p["id"]) for p in _from_whole_file(path / "districts.geojson"))


def test_properties_holding_an_object_are_read_from_the_whole_file(tmp_path: Path) -> None:
    folder = write_theatre(tmp_path / "invented")
    plain = loader._read(folder)
    districts = folder / "districts.geojson"
    data = json.loads(districts.read_text(encoding="utf-8"))
    for feature in data["features"]:
        feature["properties"]["source"] = {"name": "a survey", "year": 2030}
    districts.write_text(json.dumps(data), encoding="utf-8")
    assert loader._properties(districts) is None
    assert loader._read(folder).districts == plain.districts
