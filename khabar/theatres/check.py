"""Checks of a theatre folder: every problem as one line naming the file, the line and the fix.

    problems(folder)                  -> ["parties.csv: line 4: ...; declare ...", ...]
    problems(folder, geometry=False)  -> the same without shapely's test of each polygon

`loader.load()` raises the first problem as a TheatreError; `khabar theatres --check PATH` prints
them all. A party id is declared once, in parties.csv; every other file that names a party
(places.csv, actors.csv and outlets.csv `side`, assessments.csv `controller`, lexicon.csv `party` or
"?" for words that tell no side, theatre.json `order`, `opposes`, `incumbent`, `default_captor`,
`parties`) must use a declared id.
Actors and outlets may also stand on a side that holds no place (foreign states, international
bodies): theatre.json `other_sides` lists those.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CONTESTED = "contested"
REQUIRED = ("theatre.json", "parties.csv", "districts.geojson")
# file -> columns that must be present
COLUMNS = {
    "parties.csv": ("id", "name"),
    "places.csv": ("place", "kind", "district_id"),
    "actors.csv": ("id", "name", "side"),
    "outlets.csv": ("name",),
    "lexicon.csv": ("phrase", "party", "use"),
}
UNTOLD = "?"  # lexicon.csv: a word that does not tell the side
LEXICON_USES = ("actor", "not_actor")
# file -> (column naming a party, may it be `contested`, may it be an other side)
PARTY_COLUMNS: dict[str, tuple[tuple[str, bool, bool], ...]] = {
    "places.csv": (("party", False, False), ("controller", True, False)),
    "actors.csv": (("side", False, True),),
    "outlets.csv": (("side", False, True),),
    "assessments.csv": (("controller", True, False), ("party", False, False)),
    "lexicon.csv": (("party", False, False),),
}
_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass
class _Folder:
    path: Path
    out: list[str]

    def add(self, file: str, line: int | None, problem: str, fix: str) -> None:
        where = f"{self.path / file}: line {line}: " if line else f"{self.path / file}: "
        self.out.append(f"{where}{problem}; {fix}")


def problems(folder: str | Path, geometry: bool = True) -> list[str]:
    """Return every problem of a theatre folder, one line each (empty if the folder is sound)."""
    path = Path(folder)
    f = _Folder(path, [])
    if not path.is_dir():
        return [f"{path}: no such folder; give a theatre folder (theatre.json, parties.csv, districts.geojson)"]
    for name in REQUIRED:
        if not (path / name).is_file():
            f.add(name, None, "missing", f"a theatre folder needs {', '.join(REQUIRED)}")
    config = _config(f)
    parties = _parties(f)
    others = _other_sides(f, config, parties)
    districts = _geojson(f, "districts.geojson", geometry) if (path / "districts.geojson").is_file() else None
    provinces = _geojson(f, "provinces.geojson", geometry) if (path / "provinces.geojson").is_file() else None
    if districts is not None and provinces:
        _district_provinces(f, districts, provinces)
    if parties is not None:
        _config_parties(f, config, parties)
    for name in ("places.csv", "actors.csv", "outlets.csv", "assessments.csv", "lexicon.csv"):
        if (path / name).is_file():
            _csv_file(f, name, parties, others, districts)
    return f.out


# -- theatre.json ------------------------------------------------------------------------

def _json(f: _Folder, name: str) -> tuple[Any, str] | None:
    try:
        text = (f.path / name).read_text(encoding="utf-8")
    except OSError:
        return None
    except UnicodeDecodeError as e:
        f.add(name, None, f"not UTF-8 text ({e.reason})", "save the file as UTF-8")
        return None
    try:
        return json.loads(text), text
    except json.JSONDecodeError as e:
        f.add(name, e.lineno, f"not valid JSON ({e.msg}, column {e.colno})", "fix the JSON syntax there")
        return None


def _line_of(text: str, *keys: str) -> int | None:
    """Return the line of the first `"key"` of a JSON text, each key searched after the one before."""
    pos = 0
    for k in keys:
        i = text.find(json.dumps(k), pos)
        if i < 0:
            break
        pos = i
    return text.count("\n", 0, pos) + 1 if keys else None


@dataclass
class _Config:
    data: dict[str, Any]
    text: str


def _config(f: _Folder) -> _Config | None:
    got = _json(f, "theatre.json")
    if got is None:
        return None
    data, text = got
    if not isinstance(data, dict):
        f.add("theatre.json", 1, "not a JSON object", 'write {"name": ..., "title": ..., "order": [...], ...}')
        return None
    period = data.get("period")
    if period is not None and not (isinstance(period, list) and len(period) == 2
                                   and all(isinstance(d, str) and _DATE.match(d) for d in period)):
        f.add("theatre.json", _line_of(text, "period"), f"period {period!r} is not two dates",
              'write "period": ["YYYY-MM-DD", "YYYY-MM-DD"]')
    levels = data.get("admin_levels")
    if levels is not None and not (isinstance(levels, dict) and all(isinstance(v, str) for v in levels.values())):
        f.add("theatre.json", _line_of(text, "admin_levels"), "admin_levels is not an object of names",
              'write "admin_levels": {"district": "township", "districts": "townships", ...}')
    return _Config(data, text)


def _other_sides(f: _Folder, config: _Config | None, parties: dict[str, int] | None) -> set[str] | None:
    """Return theatre.json `other_sides` (None when theatre.json cannot be read: not checked then)."""
    if config is None:
        return None
    others = config.data.get("other_sides", [])
    if not isinstance(others, list) or not all(isinstance(s, str) and s for s in others):
        f.add("theatre.json", _line_of(config.text, "other_sides"), "other_sides is not a list of names",
              'write "other_sides": ["foreign", "international", ...]')
        return set()
    for s in others:
        if parties and s in parties:
            f.add("theatre.json", _line_of(config.text, "other_sides", s),
                  f"other side {s!r} is also a party of parties.csv", "remove it from other_sides")
    return set(others)


def _config_parties(f: _Folder, config: _Config | None, parties: dict[str, int]) -> None:
    if config is None:
        return
    data, text = config.data, config.text
    fix = "use an id of parties.csv or declare the party there"

    def need(value: Any, *where: str, contested: bool = False) -> None:
        ok = isinstance(value, str) and (value in parties or (contested and value == CONTESTED))
        if not ok:
            f.add("theatre.json", _line_of(text, *where, *([value] if isinstance(value, str) else [])),
                  f"{' '.join(where)}: {value!r} is not a party of parties.csv", fix)

    order = data.get("order")
    if order is not None:
        if not isinstance(order, list):
            f.add("theatre.json", _line_of(text, "order"), "order is not a list", 'write "order": ["id", ...]')
        else:
            for p in order:
                need(p, "order")
    opposes = data.get("opposes")
    if opposes is not None:
        if not isinstance(opposes, dict):
            f.add("theatre.json", _line_of(text, "opposes"), "opposes is not an object",
                  'write "opposes": {"id": ["id", ...], ...}')
        else:
            for p, against in opposes.items():
                need(p, "opposes")
                if not isinstance(against, list):
                    f.add("theatre.json", _line_of(text, "opposes", p), f"opposes {p!r} is not a list",
                          f'write "{p}": ["id", ...]')
                    continue
                for q in against:
                    need(q, "opposes", p)
    for key in ("incumbent", "default_captor"):
        if data.get(key) is not None:
            need(data[key], key)
    colours = data.get("parties")
    if colours is not None:
        if not isinstance(colours, dict):
            f.add("theatre.json", _line_of(text, "parties"), "parties is not an object",
                  'write "parties": {"id": {"label": ..., "colour": "#rrggbb"}, ...}')
            return
        for p, cfg in colours.items():
            need(p, "parties", contested=True)
            colour = cfg.get("colour") if isinstance(cfg, dict) else None
            if colour is not None and not (isinstance(colour, str) and _COLOUR.match(colour)):
                f.add("theatre.json", _line_of(text, "parties", p, "colour"),
                      f"parties {p}: colour {colour!r} is not a colour", 'write "colour": "#rrggbb"')


# -- CSV files ---------------------------------------------------------------------------

def _rows(f: _Folder, name: str) -> Iterator[tuple[int, dict[str, str]]] | None:
    """Yield (line, row) of a CSV file, or None (and a problem) when its header lacks a column."""
    try:
        text = (f.path / name).read_text(encoding="utf-8")
    except UnicodeDecodeError as e:
        f.add(name, None, f"not UTF-8 text ({e.reason})", "save the file as UTF-8")
        return None
    # comment lines ("# ...", as lexicon.csv has) read as blank lines: line numbers stay the file's
    lines = ["\n" if line.lstrip().startswith("#") else line for line in text.splitlines(keepends=True)]
    reader = csv.reader(lines)
    header: list[str] = []
    for values in reader:
        if values and any(v.strip() for v in values):
            header = [h.strip() for h in values]
            break
    missing = [c for c in COLUMNS.get(name, ()) if c not in header]
    if missing:
        f.add(name, 1, f"no {', '.join(repr(c) for c in missing)} column",
              f"the header line needs {','.join(COLUMNS[name])}")
        return None

    def rows() -> Iterator[tuple[int, dict[str, str]]]:
        start = reader.line_num + 1
        for values in reader:
            if values and any(v.strip() for v in values):
                yield start, {h: (v or "").strip() for h, v in zip(header, values, strict=False)}
            start = reader.line_num + 1
    return rows()


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split(";") if v.strip()]


def _parties(f: _Folder) -> dict[str, int] | None:
    """Return the declared party ids (-> their line), or None when parties.csv cannot be read."""
    if not (f.path / "parties.csv").is_file():
        return None
    rows = _rows(f, "parties.csv")
    if rows is None:
        return None
    parties: dict[str, int] = {}
    members: list[tuple[int, str, str]] = []
    for line, r in rows:
        pid = r.get("id", "")
        if not pid:
            f.add("parties.csv", line, "no id", "give every party an id (lower case, no spaces)")
            continue
        if pid == CONTESTED or r.get("kind") == "state_of_control":
            continue
        if pid in parties:
            f.add("parties.csv", line, f"party {pid!r} is declared twice (first on line {parties[pid]})",
                  "keep one line per party")
            continue
        parties[pid] = line
        members += [(line, pid, m) for m in _split(r.get("members", ""))]
    for line, pid, m in members:
        if m not in parties:
            f.add("parties.csv", line, f"coalition {pid!r} lists member {m!r}, which is not declared",
                  f"declare {m!r} on a line of its own or remove it from members")
        elif m == pid:
            f.add("parties.csv", line, f"coalition {pid!r} lists itself as a member", "remove it from members")
    if not parties:
        f.add("parties.csv", None, "no party declared", "add a line per party: id,kind,name,aliases,members,note")
    return parties


def _csv_file(f: _Folder, name: str, parties: dict[str, int] | None, others: set[str] | None,
              districts: dict[str, Any] | None) -> None:
    rows = _rows(f, name)
    if rows is None:
        return
    seen: dict[str, int] = {}
    key = {"actors.csv": "id", "outlets.csv": "name"}.get(name)
    for line, r in rows:
        if key:
            k = r.get(key, "")
            if not k:
                f.add(name, line, f"no {key}", f"give every line a {key}")
            elif k.lower() in seen:
                f.add(name, line, f"{key} {k!r} is used twice (first on line {seen[k.lower()]})",
                      f"give each line its own {key}")
            else:
                seen[k.lower()] = line
        for column, contested, other in PARTY_COLUMNS.get(name, ()):
            if parties is None:
                break
            for value in _split(r.get(column) or ""):
                if value in parties or (contested and value == CONTESTED) or \
                        (name == "lexicon.csv" and value == UNTOLD) or \
                        (other and (others is None or value in others)):
                    continue
                fix = f"use an id of parties.csv ({', '.join(parties)})"
                if other:
                    fix += ', declare it in parties.csv, or list it in theatre.json "other_sides"'
                else:
                    fix += " or declare it there"
                f.add(name, line, f"{column} {value!r} is not a party of parties.csv", fix)
        if name == "lexicon.csv":
            if not r.get("phrase"):
                f.add(name, line, "no phrase", "give every line the words it matches")
            if r.get("use") not in LEXICON_USES:
                f.add(name, line, f"use {r.get('use')!r} is not one of {', '.join(LEXICON_USES)}",
                      "write actor (the words name the party acting) or not_actor")
            if not r.get("party"):
                f.add(name, line, "no party", f"give a party id of parties.csv, or {UNTOLD} for words that "
                      "tell no side")
        if name == "places.csv" and districts is not None:
            did = r.get("district_id", "")
            if did and did not in districts:
                f.add(name, line, f"district_id {did!r} is not a feature of districts.geojson",
                      "use the id of a district feature or leave district_id empty")


# -- GeoJSON -----------------------------------------------------------------------------

def _feature_lines(text: str) -> list[int]:
    """Return the line on which each feature of a FeatureCollection's text begins."""
    m = re.search(r'"features"\s*:\s*\[', text)
    if not m:
        return []
    decoder, skip = json.JSONDecoder(), re.compile(r"[\s,]*")
    pos, line = m.end(), text.count("\n", 0, m.end()) + 1
    out: list[int] = []
    while True:
        start = skip.match(text, pos).end()  # type: ignore[union-attr]
        line += text.count("\n", pos, start)
        if start >= len(text) or text[start] == "]":
            return out
        out.append(line)
        try:
            _, pos = decoder.raw_decode(text, start)
        except json.JSONDecodeError:
            return out
        line += text.count("\n", start, pos)


def _geojson(f: _Folder, name: str, geometry: bool) -> dict[str, Any] | None:
    """Check a FeatureCollection; return its features' properties by id (None if unreadable)."""
    got = _json(f, name)
    if got is None:
        return None
    data, text = got
    if not (isinstance(data, dict) and data.get("type") == "FeatureCollection"
            and isinstance(data.get("features"), list)):
        f.add(name, 1, "not a GeoJSON FeatureCollection",
              'write {"type": "FeatureCollection", "features": [...]}')
        return None
    lines: list[int] | None = None
    out: dict[str, Any] = {}

    def at(i: int) -> int:
        nonlocal lines
        if lines is None:
            lines = _feature_lines(text)
        return lines[i] if i < len(lines) else 1

    shapes = None
    if geometry:
        import shapely
        from shapely.geometry import shape
        shapes = (shapely, shape)
    for i, feat in enumerate(data["features"]):
        props = feat.get("properties") if isinstance(feat, dict) else None
        if not isinstance(props, dict) or not props.get("id") or not props.get("name"):
            f.add(name, at(i), f"feature {i + 1} has no properties.id or properties.name",
                  "give every feature an id and a name")
            continue
        fid = str(props["id"])
        if fid in out:
            f.add(name, at(i), f"id {fid!r} is used by two features", "give each feature its own id")
            continue
        out[fid] = props
        geom = feat.get("geometry")
        if not (isinstance(geom, dict) and geom.get("type") in ("Polygon", "MultiPolygon")
                and isinstance(geom.get("coordinates"), list) and geom["coordinates"]):
            f.add(name, at(i), f"feature {fid!r} has no Polygon or MultiPolygon geometry",
                  "give it a geometry of type Polygon or MultiPolygon with its rings")
            continue
        if shapes is not None:
            shapely, shape = shapes
            try:
                g = shape(geom)
                why = None if g.is_valid else shapely.is_valid_reason(g)
            except (ValueError, TypeError, IndexError, AttributeError, shapely.errors.GEOSException) as e:
                why = str(e) or type(e).__name__
            if why:
                f.add(name, at(i), f"feature {fid!r} has a broken geometry ({why})",
                      "close each ring and keep its edges from crossing (shapely make_valid can repair it)")
    return out


def _district_provinces(f: _Folder, districts: dict[str, Any], provinces: dict[str, Any]) -> None:
    text: str | None = None
    for did, props in districts.items():
        pid = props.get("province_id")
        if pid and str(pid) not in provinces:
            if text is None:
                text = (f.path / "districts.geojson").read_text(encoding="utf-8")
            f.add("districts.geojson", _line_of(text, did),
                  f"feature {did!r}: province_id {pid!r} is not a feature of provinces.geojson",
                  "use the id of a province feature")
