"""The control GeoJSON: every district polygon with its state, valid RFC 7946."""

from __future__ import annotations

import json
from pathlib import Path

from shapely.geometry import LinearRing, shape

from khabar.records import DistrictState
from khabar.render import control_geojson, write_control_geojson
from khabar.render.csv_export import COLUMNS
from khabar.theatres.loader import Theatre


def test_geojson_has_a_feature_per_district_with_its_state(theatre: Theatre,
                                                            states: list[DistrictState]) -> None:
    fc = control_geojson(theatre, states)
    assert fc["type"] == "FeatureCollection" and "crs" not in fc
    assert len(fc["features"]) == 399
    by_id = {f["id"]: f["properties"] for f in fc["features"]}
    assert set(by_id) == set(theatre.districts)
    for s in states:
        p = by_id[s.district_id]
        assert set(p) == {*COLUMNS, "province_id"}
        assert p["controller"] == s.controller
        assert p["district"] == s.name and p["province"] == s.province
    assert sum(p["controller"] is None for p in by_id.values()) == 373
    assert {p["controller"] for p in by_id.values()} == {None, "taliban", "government", "contested"}


def test_geojson_properties_carry_the_report(theatre: Theatre, states: list[DistrictState], tricky: str) -> None:
    props = [f["properties"] for f in control_geojson(theatre, states)["features"]]
    p = next(p for p in props if p["evidence"] == tricky)
    assert p["controller"] == "taliban" and p["since"] == "2021-06-01"
    assert p["outlet"] == "Example News" and p["url"].startswith("https://")
    quiet = next(p for p in props if p["controller"] is None)
    assert quiet["evidence"] is None and quiet["since"] is None and quiet["province_id"]


def test_geojson_follows_rfc7946(theatre: Theatre, states: list[DistrictState]) -> None:
    for f in control_geojson(theatre, states)["features"]:
        assert f["type"] == "Feature" and f["geometry"]["type"] in ("Polygon", "MultiPolygon")
        polys = ([f["geometry"]["coordinates"]] if f["geometry"]["type"] == "Polygon"
                 else f["geometry"]["coordinates"])
        for rings in polys:
            assert LinearRing(rings[0]).is_ccw  # exterior counter-clockwise
            assert all(not LinearRing(r).is_ccw for r in rings[1:])  # holes clockwise
            assert all(r[0] == r[-1] for r in rings)
            assert all(60 < x < 75.5 and 29 < y < 39 for r in rings for x, y in r)
        assert shape(f["geometry"]).is_valid


def test_written_geojson_parses_and_leaves_the_theatre_untouched(
        theatre: Theatre, states: list[DistrictState], tmp_path: Path) -> None:
    before = json.dumps(theatre.geojson("districts")["features"][0])
    out = write_control_geojson(theatre, states, tmp_path / "x" / "control.geojson")
    fc = json.loads(out.read_text(encoding="utf-8"))
    assert len(fc["features"]) == 399
    assert json.dumps(theatre.geojson("districts")["features"][0]) == before
