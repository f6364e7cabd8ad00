"""Measures of a theatre's districts: land area (equal-area projection) and length of land border.

Computed once per theatre from `districts.geojson` (and `borders.json` for the neighbours), with
shapely and pyproj, and cached for the process: about a second for 400 districts.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import shapely
from pyproj import Geod, Transformer
from shapely.geometry import LineString, Point, shape
from shapely.ops import substring, unary_union

from khabar.errors import TheatreError
from khabar.theatres.loader import Theatre

_GEOD = Geod(ellps="WGS84")


@dataclass(frozen=True)
class Geography:
    """Each district's land area and land border, per neighbour, in km² and km."""

    area_km2: dict[str, float]
    border_km: dict[str, dict[str, float]]  # district id -> neighbour -> km
    neighbour_words: dict[str, tuple[str, ...]] = field(default_factory=dict)
    projection: str = ""
    border_note: str = ""  # why border lengths per neighbour are missing, if they are

    @property
    def total_area_km2(self) -> float:
        return sum(self.area_km2.values())

    def border_total_km(self, neighbour: str | None = None) -> float:
        """Return the length of the border with a neighbour (all land borders if None)."""
        return sum(self.district_border_km(d, neighbour) for d in self.border_km)

    def district_border_km(self, district_id: str, neighbour: str | None = None) -> float:
        """Return how much of a neighbour's border (or of all borders) a district holds."""
        per = self.border_km.get(district_id, {})
        return sum(per.values()) if neighbour is None else per.get(neighbour, 0.0)


def albers_for(bounds: tuple[float, float, float, float]) -> str:
    """Return an Albers equal-area projection fitted to a lon/lat box (standard parallels at 1/6, 5/6)."""
    west, south, east, north = bounds
    h = north - south
    return (f"+proj=aea +lat_1={south + h / 6:.2f} +lat_2={north - h / 6:.2f} "
            f"+lat_0={(south + north) / 2:.2f} +lon_0={(west + east) / 2:.2f} +datum=WGS84 +units=m")


def geography(theatre: Theatre) -> Geography:
    """Return the theatre's district areas and border lengths, computed once per theatre folder."""
    return _geography(theatre.path)


@lru_cache(maxsize=4)
def _geography(folder: Path) -> Geography:
    path = folder / "districts.geojson"
    try:
        feats = json.loads(path.read_text(encoding="utf-8"))["features"]
        geoms = {f["properties"]["id"]: shape(f["geometry"]) for f in feats}
    except (OSError, KeyError, TypeError, ValueError, AttributeError) as e:
        raise TheatreError(f"{path}: no usable district geometry ({e})") from e
    country = unary_union(list(geoms.values()))
    proj = albers_for(country.bounds)
    to_m = Transformer.from_crs("EPSG:4326", proj, always_xy=True)
    area = {}
    for did, g in geoms.items():
        projected = shapely.transform(g, lambda xy: _xy(to_m, xy))
        area[did] = projected.area / 1e6
    outer = max(getattr(country, "geoms", [country]), key=lambda p: p.area)
    ring = LineString(outer.exterior.coords)
    arcs, words, note = _neighbour_arcs(folder / "borders.json", ring)
    border: dict[str, dict[str, float]] = {}
    for did, g in geoms.items():
        if not g.boundary.intersects(ring):
            continue
        for name, arc in arcs.items():
            shared = g.boundary.intersection(arc)
            km = _GEOD.geometry_length(shared) / 1000 if not shared.is_empty else 0.0
            if km > 0.01:
                border.setdefault(did, {})[name] = km
    return Geography(area, border, words, proj, note)


def _xy(t: Transformer, xy: shapely.typing.ArrayLike) -> shapely.typing.ArrayLike:  # type: ignore[name-defined]
    import numpy as np

    x, y = t.transform(xy[:, 0], xy[:, 1])
    return np.column_stack([x, y])


def _neighbour_arcs(path: Path, ring: LineString
                    ) -> tuple[dict[str, LineString], dict[str, tuple[str, ...]], str]:
    """Return each neighbour's stretch of the outer ring, from borders.json's tri-points.

    Without borders.json the whole ring is one border, "" (no neighbour can be told apart).
    """
    if not path.exists():
        return {"": ring}, {}, (f"{path.name} is missing: the theatre does not say where one "
                                "neighbour's border ends and the next begins")
    data = json.loads(path.read_text(encoding="utf-8"))
    at = {k: ring.project(Point(*xy)) for k, xy in data["tripoints"].items()}
    length = ring.length
    arcs, words = {}, {}
    for n in data["neighbours"]:
        lo, hi = sorted((at[n["from"]], at[n["to"]]))
        inner = substring(ring, lo, hi)
        outer = LineString([*substring(ring, hi, length).coords, *substring(ring, 0, lo).coords[1:]])
        # a neighbour's border is the shorter way round between its tri-points
        arcs[n["name"]] = inner if _GEOD.geometry_length(inner) <= _GEOD.geometry_length(outer) else outer
        words[n["name"]] = tuple(n.get("words") or (n["name"],))
    return arcs, words, ""
