"""GeoJSON (RFC 7946): district control (the theatre's district polygons with their state) and
events (a point inside the district of each, with its PLOVER record's fields)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
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


_POINTS: dict[tuple[str, float], dict[str, tuple[float, float]]] = {}


def district_points(theatre: Theatre) -> dict[str, tuple[float, float]]:
    """Return district id -> (longitude, latitude) of a point inside the district (shapely's
    representative point, rounded to 5 decimals, about a metre), computed once per districts file."""
    src = theatre.districts_geojson
    key = (str(src), src.stat().st_mtime if src.exists() else 0.0)
    if key not in _POINTS:
        out = {}
        for f in theatre.geojson("districts")["features"]:
            p = shape(f["geometry"]).representative_point()
            out[f["properties"]["id"]] = (round(p.x, 5), round(p.y, 5))
        _POINTS[key] = out
    return _POINTS[key]


def events_geojson(theatre: Theatre, records: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Return a FeatureCollection of events (PLOVER records, `render.plover`): one Point feature
    per event with a district (a point inside its first district), its fields flattened into
    properties; events without a district are left out."""
    features = []
    for rec in records:
        loc = rec.get("event_loc") or {}
        if loc.get("longitude") is None:
            continue
        props = {"id": rec["id"], "date": rec["date"], "event": rec["event"][0],
                 "mode": ",".join(rec["mode"]), "context": ",".join(rec["context"]),
                 "source": "; ".join(a["actor_text"] for a in rec["source"]),
                 "recipient": "; ".join(a["actor_text"] for a in rec["recipient"]),
                 "parties": ",".join(rec.get("khabar_parties") or []),
                 "district_id": loc.get("admin2 code"), "district": loc.get("name"),
                 "province_id": loc.get("admin1 code"), "province": loc.get("admin1 name"),
                 "district_ids": ",".join(loc.get("khabar_district_ids") or []),
                 "place": loc.get("khabar_place"), "text": rec["text"],
                 "document_id": rec["cite_info"]["citation"], "url": rec["cite_info"]["url"],
                 "outlet": rec["cite_info"]["publication"], "event_id": rec.get("link"),
                 "grade": rec.get("khabar_grade"), "khabar_type": rec.get("khabar_type"),
                 "status": rec.get("khabar_status")}
        features.append({"type": "Feature", "id": rec["id"], "properties": props,
                         "geometry": {"type": "Point", "coordinates": [loc["longitude"], loc["latitude"]]}})
    return {"type": "FeatureCollection", "features": features}
