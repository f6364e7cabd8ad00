"""The map page: one self-contained HTML file of district control, drawn as inline SVG.

Districts are projected (Albers equal-area centred on the theatre), simplified as a coverage so
neighbours keep shared borders, and written as compact SVG paths. Report text is untrusted: it
is HTML-escaped in markup, embedded as script-safe JSON and set with `textContent` by the page.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import numpy as np
import shapely
from pyproj import Transformer
from shapely.ops import polylabel

from khabar.compile.baseline import baseline_of, per_text
from khabar.compile.control_as_of import Counts
from khabar.compile.sides import NO_REPORTS, Sides
from khabar.records import DistrictState
from khabar.theatres.loader import Theatre

TEMPLATE = Path(__file__).with_name("map_template.html")
SCRIPT = Path(__file__).with_name("map_script.js")
VIEW_SCRIPT = Path(__file__).with_name("map_view.js")  # zoom and pan, shared with the desk
WIDTH = 1000.0  # SVG user units across the theatre
PAD = 12.0
SIMPLIFY_M = 200.0  # metres; below a pixel at full view
SPECK = 80.0  # SVG units² (about 9 by 9, a few pixels at full view): islets the outline and province borders leave out
FALLBACK_COLOUR = "#999999"  # a theatre colour that is not a hex value
_HEX = re.compile(r"#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?")


@dataclass(frozen=True, slots=True)
class Layers:
    """A theatre's geometry in SVG units: district and province paths and label points.

    `districts` is in the order the map draws them: a path's `data-i` is its index there.
    """

    width: float
    height: float
    km: float  # SVG units per kilometre
    districts: dict[str, tuple[str, tuple[float, float]]]  # id -> (path, label point)
    by_area: tuple[str, ...]  # district ids, largest first: the order labels give way in
    provinces: tuple[tuple[str, str, tuple[float, float]], ...]  # (name, path, label point)
    outline: str


_CACHE: dict[tuple[str, float], Layers] = {}


def _num(tenths: int) -> str:
    s = f"{tenths / 10:.1f}".rstrip("0").rstrip(".")
    if s.startswith("0."):
        return s[1:]
    if s.startswith("-0."):
        return "-" + s[2:]
    return "0" if s == "-0" else s


def _ring(coords: np.ndarray) -> str:
    """Return one closed ring as `M x y l dx dy ... z`, in tenths of a unit, relative moves."""
    pts = np.rint(coords[:-1] * 10).astype(np.int64)
    keep = np.ones(len(pts), dtype=bool)
    keep[1:] = np.any(pts[1:] != pts[:-1], axis=1)
    pts = pts[keep]
    if len(pts) < 3:
        return ""
    out = [f"M{_num(pts[0, 0])} {_num(pts[0, 1])}l"]
    first = True
    for dx, dy in np.diff(pts, axis=0):
        for v in (_num(dx), _num(dy)):
            out.append(v if first or v.startswith("-") else " " + v)
            first = False
    out.append("z")
    return "".join(out)


def _path(geom: shapely.Geometry) -> str:
    """Return the SVG path data of a polygon or multipolygon."""
    parts = getattr(geom, "geoms", [geom])
    rings = []
    for poly in parts:
        if poly.geom_type != "Polygon" or poly.is_empty:
            continue
        rings.append(_ring(np.asarray(poly.exterior.coords)))
        rings.extend(_ring(np.asarray(r.coords)) for r in poly.interiors)
    return "".join(rings)


def _label_point(geom: shapely.Geometry) -> tuple[float, float]:
    """Return the point deepest inside the largest part of a shape, for its label."""
    parts = list(getattr(geom, "geoms", [geom]))
    biggest = max(parts, key=lambda g: g.area)
    p = polylabel(biggest, tolerance=0.5)
    return (round(p.x, 1), round(p.y, 1))


def _projector(bounds: np.ndarray) -> Transformer:
    """Return lon/lat -> metres in an Albers equal-area projection fitted to the bounds."""
    minx, miny, maxx, maxy = bounds
    span = maxy - miny
    proj = (f"+proj=aea +lat_1={miny + span / 6:.3f} +lat_2={maxy - span / 6:.3f} "
            f"+lat_0={(miny + maxy) / 2:.3f} +lon_0={(minx + maxx) / 2:.3f} "
            "+datum=WGS84 +units=m +no_defs")
    return Transformer.from_crs("EPSG:4326", proj, always_xy=True)


def _without_specks(geom: shapely.Geometry) -> shapely.Geometry:
    """Return a shape without the islets smaller than `SPECK` (SVG units²): the dark borders drawn
    around an archipelago's hundreds of specks turn a coast black; their districts keep them."""
    parts = [p for p in getattr(geom, "geoms", [geom]) if p.area >= SPECK]
    return shapely.MultiPolygon(parts) if len(parts) > 1 else parts[0] if parts else geom


def _build_layers(theatre: Theatre) -> Layers:
    """Return the theatre's districts, provinces and outline projected into SVG units."""
    feats = theatre.geojson("districts")["features"]
    ids = [f["properties"]["id"] for f in feats]
    geoms = np.array([shapely.geometry.shape(f["geometry"]) for f in feats], dtype=object)
    tr = _projector(shapely.total_bounds(geoms))

    def project(xy: np.ndarray) -> np.ndarray:
        x, y = tr.transform(xy[:, 0], xy[:, 1])
        return np.column_stack([x, y])

    metres = shapely.transform(geoms, project)
    minx, miny, maxx, maxy = shapely.total_bounds(metres)
    scale = (WIDTH - 2 * PAD) / (maxx - minx)

    def to_svg(xy: np.ndarray) -> np.ndarray:
        return np.column_stack([(xy[:, 0] - minx) * scale + PAD, (maxy - xy[:, 1]) * scale + PAD])

    svg = shapely.make_valid(shapely.transform(metres, to_svg))
    svg = shapely.coverage_simplify(svg, SIMPLIFY_M * scale)
    districts = {did: (_path(g), _label_point(g)) for did, g in zip(ids, svg, strict=True)}
    by_area = tuple(did for _, did in sorted(zip(-shapely.area(svg), ids, strict=True)))
    groups: dict[str, list[Any]] = {}
    names: dict[str, str] = {}
    for f, g in zip(feats, svg, strict=True):
        pid = f["properties"].get("province_id") or f["properties"].get("province", "")
        groups.setdefault(pid, []).append(g)
        prov = theatre.provinces.get(pid)
        names[pid] = prov.name if prov else f["properties"].get("province", "")
    provinces = []
    for pid, gs in groups.items():
        shape = _without_specks(shapely.coverage_union_all(np.array(gs, dtype=object)))
        provinces.append((shape.area, names[pid], _path(shape), _label_point(shape)))
    provinces.sort(key=lambda p: -p[0])
    outline = _without_specks(shapely.coverage_union_all(svg))
    return Layers(WIDTH, round((maxy - miny) * scale + 2 * PAD, 1), scale * 1000,
                   districts, by_area, tuple(p[1:] for p in provinces), _path(outline))


def map_layers(theatre: Theatre) -> Layers:
    """Return the theatre's map layers (projected, simplified SVG paths), computed once per
    version of its districts file."""
    src = theatre.districts_geojson
    key = (str(src), src.stat().st_mtime if src.exists() else 0.0)
    if key not in _CACHE:
        _CACHE[key] = _build_layers(theatre)
    return _CACHE[key]


def safe_url(url: str | None) -> str:
    """Return the URL if it is an absolute http(s) link, else ""."""
    url = (url or "").strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else ""


def script_json(data: Any) -> str:
    """Return JSON that is safe inside a <script> element: <, >, & and line separators escaped."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                    ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


def controller_palette(theatre: Theatre) -> dict[str, tuple[str, str]]:
    """Return controller key -> (label, colour) for every party of the theatre in its order, then
    "contested" and "no_reports" (a colour that is not a hex value falls back to grey)."""
    sides = Sides.of(theatre)
    out = {}
    for key in sides.keys:
        colour = sides.colour(key)
        out[key] = (sides.label(key), colour if _HEX.fullmatch(colour) else FALLBACK_COLOUR)
    return out


def legend_rows(sides: Sides) -> list[tuple[str, int]]:
    """Return the legend's rows in order as (key, depth): each party counted on its own, a
    coalition followed by its members (depth 1), then contested and no reports."""
    rows: list[tuple[str, int]] = []
    for p in sides.top:
        rows.append((p, 0))
        rows.extend((m, 1) for m in sides.parties if m in sides.members_of(p))
    return [*rows, ("contested", 0), (NO_REPORTS, 0)]


def _long_date(d: date) -> str:
    return f"{d.day} {d:%B %Y}"


def _district_data(state: DistrictState, as_of: date) -> dict[str, Any]:
    """Return what the page shows for one district, leaving out what is unknown."""
    o = state.observation
    row: dict[str, Any] = {"name": state.name, "province": state.province, "c": state.controller}
    if state.since:
        row["since"] = state.since.isoformat()
        row["age"] = (as_of - state.since).days
    elif state.held_as_of:  # a statement of holding: held as of that day, since unknown
        row["asof"] = state.held_as_of.isoformat()
        based = baseline_of(state)
        if based is not None:  # a baseline's word: "per SOURCE baseline as of D"
            row["per"] = per_text(based)
    if o:
        row.update({"evidence": o.evidence, "outlet": o.outlet, "title": o.title,
                    "published": o.published.isoformat() if o.published else "",
                    "url": safe_url(o.url), "doc": o.document_id})
    if state.grade:
        row.update({"grade": state.grade, "conf": state.confidence, "n": state.sources})
    if state.events:
        row["event"] = state.events[0].id
    if state.conflict:  # both sides' evidence
        row["conflict"] = [{"c": e.controller, "grade": e.grade, "outlet": e.best.outlet,
                            "evidence": e.best.observation.evidence,
                            "url": safe_url(e.best.observation.url)} for e in state.conflict]
    if state.claim:
        b = state.claim.best
        row["claim"] = {"c": state.claim.controller, "grade": state.claim.grade,
                        "since": state.claim.date.isoformat(), "outlet": b.outlet,
                        "evidence": b.observation.evidence, "url": safe_url(b.observation.url)}
    return row


def _legend(palette: dict[str, tuple[str, str]], counts: Counts, sides: Sides) -> str:
    """Return the legend rows and share bar: swatch, label, count and percentage per party, a
    coalition's total with its members' shares indented under it (its own row: credited to the
    coalition as a whole), then contested and no reports."""
    e = html.escape
    rows, bar = [], []
    for key, depth in legend_rows(sides):
        label, colour = palette[key]
        n = counts[key] if depth == 0 else counts.own(key)
        pct = 100 * n / counts.total if counts.total else 0.0
        member = ' class="member"' if depth else ""
        rows.append(f'<li data-c="{e(key)}"{member}><span class="sw" style="background:{colour}"></span>'
                    f'<span class="lb">{e(label)}</span><span class="n">{n}</span>'
                    f'<span class="pc">{pct:.0f}%</span></li>')
    for key in sides.keys:  # the bar: every colour the map shows, one segment each
        label, colour = palette[key]
        n = counts.own(key) if key in sides.parties else counts[key]
        if n:
            bar.append(f'<span style="background:{colour};flex-grow:{n}" '
                       f'title="{e(label)}: {n}"></span>')
    if counts.claimed:
        rows.append('<li data-c="claimed"><span class="sw" style="background:none;border:1.5px '
                    'dashed #111"></span><span class="lb">Claimed by a party, unconfirmed</span>'
                    f'<span class="n">{counts.claimed}</span><span class="pc"></span></li>')
    if counts.baseline:  # lighter fill: as a baseline gives them, no report since
        rows.append('<li data-c="baseline"><span class="sw" style="background:#888;opacity:.5"></span>'
                    '<span class="lb">Lighter: per a baseline, no report since</span>'
                    f'<span class="n">{counts.baseline}</span><span class="pc"></span></li>')
    return f'<ul class="legend">{"".join(rows)}</ul><div class="bar">{"".join(bar)}</div>'


def _assessments(items: Sequence[dict[str, Any]], palette: dict[str, tuple[str, str]]) -> str:
    """Return the published assessments as an escaped list, or "" when there are none."""
    e = html.escape
    out = []
    for a in items:
        side = palette.get(str(a.get("controller")), (str(a.get("controller") or ""), ""))[0]
        of = f" of {e(str(a['of']))}" if a.get("of") else ""
        when = f", as of {e(str(a['as_of']))}" if a.get("as_of") else ""
        kind = f' <span class="muted">({e(str(a["kind"]))})</span>' if a.get("kind") else ""
        ev = f'<blockquote>{e(str(a["evidence"]))}</blockquote>' if a.get("evidence") else ""
        url = safe_url(a.get("url"))
        link = (f' <a href="{e(url)}" rel="noopener noreferrer nofollow" target="_blank">report</a>'
                if url else "")
        out.append(f'<li><strong>{e(str(a.get("assessor") or "Unattributed"))}</strong>: '
                   f'{e(side)} {e(str(a.get("count", "?")))}{of} {e(str(a.get("unit") or "districts"))}'
                   f'{when}{kind}{link}{ev}</li>')
    if not out:
        return ""
    return f'<section class="card"><h2>Published assessments</h2><ul class="assess">{"".join(out)}</ul></section>'


def map_svg(layers: Layers, states: dict[str, DistrictState], order: list[str],
            known: Iterable[str] | None = None, unit: str = "district") -> str:
    """Return the map's SVG: district fills, province borders, outline, labels, scale bar.

    `states` needs a state for every district of `order` (`every_state` gives one); a path's
    class is `c-<controller>` (colours come from `controller_palette`; a controller not among
    `known`, the theatre's parties and "contested", is drawn as no reports), its `data-i` its
    index in `order`. Names are HTML-escaped; `unit` names the admin level ("township").
    """
    e = html.escape
    known = set(known) if known is not None else {s.controller for s in states.values() if s.controller}
    paths = []
    for i, did in enumerate(order):
        st = states[did]
        cls: str = st.controller if st.controller and st.controller in known else NO_REPORTS
        if st.claimed_by:
            cls += " claimed"
        if baseline_of(st) is not None:  # drawn lighter: a baseline's word, no report since
            cls += " baseline"
        paths.append(f'<path data-i="{i}" class="c-{cls}" d="{layers.districts[did][0]}"/>')
    dlabels = [f'<text x="{layers.districts[did][1][0]}" y="{layers.districts[did][1][1]}">'
               f'{e(states[did].name)}</text>' for did in layers.by_area]
    provs = "".join(f'<path d="{d}"/>' for _, d, _ in layers.provinces)
    plabels = "".join(f'<text x="{x}" y="{y}">{e(n)}</text>' for n, _, (x, y) in layers.provinces)
    km100 = round(layers.km * 100, 1)
    sx, sy = layers.width - PAD - km100 - 10, layers.height - PAD - 4
    scale = (f'<g id="scale" transform="translate({sx:.1f} {sy:.1f})"><path d="M0 -5v5h{km100}v-5"/>'
             f'<text x="{km100 / 2:.1f}" y="-9">100 km</text></g>')
    return (f'<svg id="map" viewBox="0 0 {layers.width:g} {layers.height:g}" '
            'preserveAspectRatio="xMidYMid meet" role="img" aria-label="Map of {e(unit)} control">'
            f'<g id="districts">{"".join(paths)}</g><g id="provinces">{provs}</g>'
            f'<path id="outline" d="{layers.outline}"/><path id="hl" d=""/><path id="sel" d=""/>'
            f'<g id="dlabels" font-size="5" stroke-width="1">{"".join(dlabels)}</g>'
            f'<g id="plabels" font-size="11" stroke-width="3">{plabels}</g>{scale}</svg>')


def every_state(theatre: Theatre, states: Iterable[DistrictState], order: Iterable[str]
                ) -> dict[str, DistrictState]:
    """Return district id -> state for every district in `order`; one without a state has no
    reports."""
    by_id = {s.district_id: s for s in states}
    for did in order:
        if did not in by_id:
            d = theatre.districts.get(did)
            by_id[did] = DistrictState(did, d.name if d else did, d.province if d else "",
                                       None, None, None)
    return by_id


def _fill(template: str, values: dict[str, str]) -> str:
    """Replace each {{NAME}} once; values are never scanned again for placeholders."""
    return re.sub(r"\{\{([A-Z_]+)\}\}", lambda m: values[m.group(1)], template)


def render_map(theatre: Theatre, states: Sequence[DistrictState], counts: Counts, path: Path, *,
               title: str | None = None, assessments: Sequence[dict[str, Any]] = ()) -> Path:
    """Write the self-contained HTML map of district control and return its path."""
    e = html.escape
    layers = map_layers(theatre)
    order = list(layers.districts)
    by_id = every_state(theatre, states, order)
    palette = controller_palette(theatre)
    sides = Sides.of(theatre)
    counts = replace(counts, sides=sides)
    one, many, region = sides.unit_one, sides.unit, theatre.level("province")
    data = {"asOf": counts.as_of.isoformat(),
            "parties": {k: {"label": lb, "colour": c} for k, (lb, c) in palette.items()},
            "levels": {"district": one, "districts": many, "province": region},
            "districts": [_district_data(by_id[did], counts.as_of) for did in order]}
    css = "".join(f".c-{k}{{fill:{c}}}" for k, (_, c) in palette.items())
    css += "#districts path.baseline{fill-opacity:.5}"
    heading = title or f"{one.capitalize()} control: {theatre.title}"
    published_total = theatre.config.get("published_district_total")
    total_note = (f" Published tallies count {int(published_total)} {many}; this map draws "
                  f"the {counts.total} of its boundary file." if published_total
                  and int(published_total) != counts.total else "")
    if counts.published_line():
        total_note += " " + counts.published_line() + "."
    based: dict[str, int] = {}
    for st in states:
        b = baseline_of(st)
        if b is not None:
            based[per_text(b)] = based.get(per_text(b), 0) + 1
    if based:  # the baselines the map starts from (`khabar baseline`), drawn lighter
        total_note += (" Drawn lighter, as a baseline gives them with no report since: "
                       + "; ".join(f"{n} {many} {per}" for per, n in based.items()) + ".")
    script = VIEW_SCRIPT.read_text(encoding="utf-8") + "\n" + SCRIPT.read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    options = "".join(f'<option value="{e(by_id[did].name)} ({e(by_id[did].province)})">'
                      for did in order)
    page = _fill(TEMPLATE.read_text(encoding="utf-8"), {
        "TITLE": e(heading),
        "AS_OF": e(counts.as_of.isoformat()),
        "AS_OF_LONG": e(_long_date(counts.as_of)),
        "HEADLINE": e(counts.headline()),
        "LEGEND": _legend(palette, counts, sides),
        "ASSESSMENTS": _assessments(assessments, palette),
        "TOTAL_NOTE": e(total_note),
        "ATTRIBUTION": e(str(theatre.config.get("attribution") or "")),
        "COLOURS": css,
        "SVG": map_svg(layers, by_id, order, palette, one),
        "OPTIONS": options,
        "DATA": script_json(data),
        "SCRIPT": script,
        "SCRIPT_HASH": digest,
        "UNIT": e(one),
        "UNITS": e(many),
        "UNITS_CAP": e(many.capitalize()),
        "UNIT_CAP": e(one.capitalize()),
    })
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page, encoding="utf-8")
    return path
