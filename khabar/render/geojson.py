"""District control as GeoJSON (RFC 7946): the theatre's district polygons with their state."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from shapely.geometry import mapping, shape
from shapely.geometry.polygon import orient

from khabar.compile.sides import Sides
from khabar.records import DistrictState
from khabar.render.csv_export import control_row
from khabar.theatres.loader import Theatre


def _rfc7946(geometry: dict[str, Any]) -> dict[str, Any]:
    """Return a polygon geometry with exterior rings counter-clockwise, holes clockwise."""
    geom = shape(geometry)
    if geom.geom_type == "Polygon":
        geom = orient(geom, 1.0)
    elif geom.geom_type == "MultiPolygon":
        geom = type(geom)([orient(p, 1.0) for p in geom.geoms])
    return json.loads(json.dumps(mapping(geom)))


def control_geojson(theatre: Theatre, states: Sequence[DistrictState]) -> dict[str, Any]:
    """Return a FeatureCollection of every district polygon with its controller and report."""
    by_id = {s.district_id: s for s in states}
    sides = Sides.of(theatre)
    features = []
    for f in theatre.geojson("districts")["features"]:
        p = f["properties"]
        did = p["id"]
        state = by_id.get(did) or DistrictState(did, p.get("name", did), p.get("province", ""),
                                                None, None, None)
        row = control_row(state, sides)
        props: dict[str, Any] = {k: row[k] for k in ("district_id", "district", "province")}
        props["province_id"] = p.get("province_id")
        props.update(row)
        features.append({"type": "Feature", "id": did, "properties": props,
                         "geometry": _rfc7946(f["geometry"])})
    return {"type": "FeatureCollection", "features": features}


def write_control_geojson(theatre: Theatre, states: Sequence[DistrictState], path: Path) -> Path:
    """Write the control FeatureCollection as UTF-8 GeoJSON and return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(control_geojson(theatre, states), f, ensure_ascii=False, separators=(",", ":"))
    return path
