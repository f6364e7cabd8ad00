"""Theatres are folders of data: districts, provinces, places, parties, actors, outlets, words,
sample reports. No code outside a theatre's folder names a theatre's parties or places.

`load()` reads a bundled theatre (a folder of this package with a theatre.json; `load()` alone
gives the one whose theatre.json says `"default": true`), by its name or a unique prefix of it
("myanmar" for myanmar_2021_24), or any folder laid out the same way; `installed()` lists the
bundled ones. A user's folder is checked first (`check.problems`): a malformed one raises a
TheatreError of one line naming the file, the line and the fix. `khabar theatres --check PATH`
prints every problem of a folder.

Required:
    theatre.json        name, title, country, demonyms, period, the parties' colours and order,
                        who opposes whom, the incumbent, default_captor (who gains a place when a
                        report names no captor; none if absent), the admin levels' names
                        (admin_levels: district/districts/province/provinces), other_sides (sides
                        of actors and outlets that hold no place: foreign, international...), venues
    parties.csv         id, kind, name, aliases, members, note: every party a place can pass to
                        (a coalition lists its members); `contested` is a state, not a party
    districts.geojson   one Polygon/MultiPolygon feature per district: id, name, province,
                        province_id, variants
Optional:
    provinces.geojson   one feature per province: id, name, variants
    places.csv          other names of places: spellings, district centres, border crossings
    actors.csv          id, name, kind, side (a party id or an other side), affiliation, role,
                        aliases (";"-separated)
    outlets.csv         name, aliases, domains, kind, reliability (A-F), side (party outlets)
    lexicon.csv         phrase, party (or "?"), use (actor/not_actor), note: the theatre's words for
                        its sides, by themselves and by their enemies
    assessments.csv     published counts: source, controller, count, of, unit, as_of, kind, url, note
    borders.json        tri-points of the neighbours' borders (claims about a border)
    bench.json          the words of the bench's synthetic reports (khabar.bench.words)
    samples/            corpus/ (NNN.txt + index.jsonl) and gold/ (NNN.json): `khabar demo`
"""

from __future__ import annotations

import csv
import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from khabar.errors import TheatreError

BUNDLED = Path(__file__).parent


def installed() -> dict[str, Path]:
    """Return the bundled theatres: folder name -> folder, for each folder with a theatre.json."""
    return {p.name: p for p in sorted(BUNDLED.iterdir())
            if p.is_dir() and not p.name.startswith((".", "_")) and (p / "theatre.json").is_file()}


def _default_name() -> str:
    """Return the bundled theatre whose theatre.json says `"default": true` (else the first)."""
    found = installed()
    for name, path in found.items():
        try:
            if json.loads((path / "theatre.json").read_text(encoding="utf-8")).get("default") is True:
                return name
        except (OSError, ValueError, AttributeError):
            continue
    return next(iter(found), "")


DEFAULT_THEATRE = _default_name()


def resolve(name_or_path: str | Path | None = None) -> Path:
    """Return the folder of a theatre: an existing folder, a bundled name, or a unique prefix of
    one ("myanmar" -> myanmar_2021_24); None or "" is the default theatre."""
    if name_or_path is None or str(name_or_path) == "":
        name_or_path = DEFAULT_THEATRE
    path = Path(name_or_path)
    if path.is_dir():
        return path
    found = installed()
    key = str(name_or_path)
    if key in found:
        return found[key]
    matches = [n for n in found if n.startswith(key)] if "/" not in key else []
    if len(matches) == 1:
        return found[matches[0]]
    names = ", ".join(found) or "none"
    if matches:
        raise TheatreError(f"{key}: more than one bundled theatre begins so ({', '.join(matches)}); "
                           "give more of the name")
    raise TheatreError(f"{key}: no such theatre; give a bundled name ({names}; see `khabar theatres`) "
                       "or a folder with theatre.json, parties.csv and districts.geojson")


# The words of admin levels a report writes after a place's name ("Lashio Township", "Shan State",
# "Sagaing Region"): not part of the name.
_LEVEL_WORDS = re.compile(r"\b(district|city|province|centre|center|township|county|state|region|division)\b")


def name_key(name: str) -> str:
    """Return the matching key of a place name: letters only, lower case, no diacritics, no admin
    level word."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = _LEVEL_WORDS.sub(" ", s)
    return re.sub(r"[^a-z]", "", s)


def loose_key(name: str) -> str:
    """Return a looser key that also drops Persian connectors (-e-, -i-) and doubled letters and
    reads y as i."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = _LEVEL_WORDS.sub(" ", s)
    s = re.sub(r"[\s\-'’]+(e|i|y|ye|yi|al)[\s\-'’]+", " ", s)
    s = re.sub(r"[^a-z]", "", s)
    s = s.replace("ou", "u").replace("ee", "i").replace("oo", "u").replace("w", "u")
    s = s.replace("y", "i")  # Mardyan / Mardian, Sayghan / Saighan
    s = re.sub(r"(.)\1+", r"\1", s)
    return s


@dataclass(frozen=True, slots=True)
class District:
    """A district of the gazetteer, with every name it is known by."""

    id: str
    name: str
    province: str
    province_id: str
    variants: tuple[str, ...] = ()
    weight: int = 1  # how many districts of the published counts it stands for (IEC 2019)


@dataclass(frozen=True, slots=True)
class Province:
    id: str
    name: str
    variants: tuple[str, ...] = ()
    capital_id: str | None = None


@dataclass(frozen=True, slots=True)
class Place:
    """A name that points at a district: a spelling, a district centre, a border crossing."""

    name: str
    kind: str
    district_id: str | None
    province: str | None


@dataclass(frozen=True, slots=True)
class Actor:
    """A party, state, ministry, force or person, with its side and its other names."""

    id: str
    name: str
    kind: str
    side: str
    affiliation: str = ""
    role: str = ""
    aliases: tuple[str, ...] = ()


CONTESTED = "contested"


@dataclass(frozen=True, slots=True)
class Party:
    """A side that can hold a place: a state, an armed group, or a coalition of parties."""

    id: str
    kind: str
    name: str
    aliases: tuple[str, ...] = ()
    members: tuple[str, ...] = ()
    note: str = ""
    label: str = ""
    colour: str = ""

    @property
    def is_coalition(self) -> bool:
        return bool(self.members)


@dataclass(frozen=True, slots=True)
class Outlet:
    """A news outlet: its kind, Admiralty reliability (A-F) and, for a party's own outlet or a
    state agency, the side it speaks for."""

    name: str
    kind: str
    reliability: str
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    side: str = ""


@dataclass
class Theatre:
    """A theatre's data, read once from its folder; look-ups are by normalised name."""

    path: Path
    name: str
    title: str
    country: str
    demonyms: tuple[str, ...]
    districts: dict[str, District]
    provinces: dict[str, Province]
    places: tuple[Place, ...]
    actors: tuple[Actor, ...]
    outlets: tuple[Outlet, ...]
    config: dict[str, Any] = field(default_factory=dict)
    parties: dict[str, Party] = field(default_factory=dict)  # in the theatre's order, no `contested`

    # -- parties -------------------------------------------------------------------------
    @property
    def party_ids(self) -> tuple[str, ...]:
        """The ids of the parties that can hold a place, in the theatre's order."""
        return tuple(self.parties)

    @property
    def controllers(self) -> tuple[str, ...]:
        """Every value a controller may take: the party ids, then `contested`."""
        return (*self.parties, CONTESTED)

    @property
    def incumbent(self) -> str | None:
        """The party that held the country when the period began (theatre.json `incumbent`)."""
        inc = self.config.get("incumbent")
        return inc if inc in self.parties else None

    @property
    def default_captor(self) -> str | None:
        """Who gains a place when a report names no captor ("Dand fell on Sunday"): the setting
        `default_captor` of theatre.json, or nobody."""
        cap = self.config.get("default_captor")
        return cap if cap in self.parties else None

    def opponents(self, party_id: str) -> tuple[str, ...]:
        """The parties that fight `party_id` (theatre.json `opposes`; by default the incumbent
        and every other party oppose each other)."""
        opposes = self.config.get("opposes") or {}
        if party_id in opposes:
            return tuple(p for p in opposes[party_id] if p in self.parties)
        inc = self.incumbent
        if party_id == inc:
            return tuple(p for p in self.parties if p != inc and self.coalition_of(p) is None)
        return (inc,) if inc else ()

    def opponent(self, party_id: str) -> str | None:
        """The one party that gains what `party_id` loses: its only opponent, or the incumbent
        among several; None when that cannot be told."""
        opp = self.opponents(party_id)
        if len(opp) == 1:
            return opp[0]
        return self.incumbent if self.incumbent in opp else None

    def coalition_of(self, party_id: str) -> str | None:
        """The coalition a party belongs to, or None."""
        for p in self.parties.values():
            if party_id in p.members:
                return p.id
        return None

    def counts_for(self, party_id: str) -> str:
        """The party a place held by `party_id` counts for: a member's capture counts for its
        coalition."""
        return self.coalition_of(party_id) or party_id

    def party_label(self, party_id: str | None) -> str:
        if party_id is None:
            return str((self.config.get("no_reports") or {}).get("label") or "No reports")
        if party_id == CONTESTED:
            return str(((self.config.get("parties") or {}).get(CONTESTED) or {}).get("label") or "Contested")
        p = self.parties.get(party_id)
        return (p.label or p.name) if p else party_id

    def party_colour(self, party_id: str | None) -> str:
        cfg = self.config.get("parties") or {}
        if party_id is None:
            return str((self.config.get("no_reports") or {}).get("colour") or "#e6e6e6")
        if party_id == CONTESTED:
            return str((cfg.get(CONTESTED) or {}).get("colour") or "#f0a500")
        p = self.parties.get(party_id)
        return (p.colour if p and p.colour else _FALLBACK_COLOURS[
            list(self.parties).index(party_id) % len(_FALLBACK_COLOURS)] if p else "#999999")

    @cached_property
    def party_names(self) -> dict[str, str]:
        """lower-cased name or alias -> party id: the parties' own names and aliases, and the
        names of the actors whose side is a party."""
        index: dict[str, str] = {}
        for p in self.parties.values():
            for n in (p.id, p.name, *p.aliases):
                index.setdefault(n.lower().strip(), p.id)
        for a in self.actors:
            if a.side in self.parties and a.kind not in ("person",):
                for n in (a.name, *a.aliases):
                    index.setdefault(n.lower().strip(), a.side)
        return index

    def party_of(self, name: str | None) -> str | None:
        """Return the party id a name means (a party, its alias, or an actor of its side)."""
        if not name:
            return None
        key = name.lower().strip()
        if key in self.party_names:
            return self.party_names[key]
        a = self.actor(name)
        return a.side if a and a.side in self.parties else None

    def level(self, key: str) -> str:
        """The name of an admin level in this theatre: level("district") -> "township"."""
        levels = self.config.get("admin_levels") or {}
        if not levels.get(key) and key.endswith("s") and levels.get(key[:-1]):
            return f"{levels[key[:-1]]}s"  # "districts" from "district": "township"
        return str(levels.get(key) or key)

    # -- look-ups ------------------------------------------------------------------------
    @cached_property
    def _district_index(self) -> dict[str, list[tuple[str, str]]]:
        """name key -> [(district id, kind)], district names before variants before places."""
        index: dict[str, list[tuple[str, str]]] = {}

        def add(name: str, did: str | None, kind: str) -> None:
            if not did:
                return
            for key in {name_key(name), "~" + loose_key(name)}:
                if len(key) < 3:
                    continue
                entries = index.setdefault(key, [])
                if all(e[0] != did for e in entries):
                    entries.append((did, kind))

        for d in self.districts.values():
            add(d.name, d.id, "district")
        for d in self.districts.values():
            for v in d.variants:
                add(v, d.id, "variant")
        for p in self.places:
            add(p.name, p.district_id, p.kind)
        return index

    @cached_property
    def _province_index(self) -> dict[str, str]:
        index: dict[str, str] = {}
        for p in self.provinces.values():
            for n in (p.name, *p.variants):
                index.setdefault(name_key(n), p.id)
        return index

    def province(self, name: str | None) -> Province | None:
        """Return the province a name means, or None."""
        if not name:
            return None
        pid = self._province_index.get(name_key(name))
        return self.provinces.get(pid) if pid else None

    @cached_property
    def _candidate_ids(self) -> dict[str, tuple[str, ...]]:
        """name -> the ids of the districts it may mean, as already looked up."""
        return {}

    def district_candidates(self, name: str) -> list[District]:
        """Return every district a name may mean, best first.

        Answers are remembered per name: the spelling keys (Unicode normalisation, regular
        expressions) cost more than the look-up, and reports name the same places again and
        again. The memory is emptied when it grows large (a server reads many reports)."""
        memo = self._candidate_ids
        ids = memo.get(name)
        if ids is None:
            if len(memo) > 100_000:
                memo.clear()
            index = self._district_index
            hits = index.get(name_key(name)) or index.get("~" + loose_key(name)) or []
            ids = memo[name] = tuple(did for did, _ in hits)
        return [self.districts[did] for did in ids]

    def resolve_district(self, name: str, province: str | None = None,
                         prefer: set[str] | frozenset[str] = frozenset()) -> District | None:
        """Return the district a name means, using the province to choose among namesakes.

        `prefer` holds province ids the report names: among namesakes with no province given,
        a district in one of them wins.
        """
        cands = self.district_candidates(name)
        if not cands:
            cands = self._fuzzy_candidates(name)
        if prefer and not province and len(cands) >= 1:
            inside = [d for d in cands if d.province_id in prefer]
            if inside:
                return inside[0]
        prov = self.province(province)
        if prov:
            inprov = [d for d in cands if d.province_id == prov.id]
            if inprov:
                return inprov[0]
            if cands:
                return None if len({d.province_id for d in cands}) == len(cands) and len(cands) > 1 else cands[0]
        if cands:
            return cands[0]
        return self._fuzzy_district(name, prov)

    def _fuzzy_candidates(self, name: str) -> list[District]:
        """Return the districts whose spelling is closest to a name, if close enough."""
        from rapidfuzz import fuzz, process

        key = loose_key(name)
        if len(key) < 5:
            return []
        choices = [k for k in self._district_index if k.startswith("~")]
        best = process.extractOne("~" + key, choices, scorer=fuzz.ratio, score_cutoff=85)
        if not best:
            return []
        return [self.districts[did] for did, _ in self._district_index[best[0]]]

    def _fuzzy_district(self, name: str, prov: Province | None) -> District | None:
        dists = self._fuzzy_candidates(name)
        if prov:
            dists = [d for d in dists if d.province_id == prov.id] or dists
        return dists[0] if dists else None

    def capital(self, province_id: str) -> District | None:
        """Return the district holding a province's capital."""
        p = self.provinces.get(province_id)
        return self.districts.get(p.capital_id) if p and p.capital_id else None

    @cached_property
    def actor_index(self) -> dict[str, Actor]:
        """name key -> actor, over names and aliases."""
        index: dict[str, Actor] = {}
        for a in self.actors:
            for n in (a.name, *a.aliases):
                index.setdefault(n.lower(), a)
        return index

    def actor(self, name: str) -> Actor | None:
        """Return the actor a name or alias means, or None."""
        return self.actor_index.get(name.lower().strip())

    def outlet(self, name_or_domain: str) -> Outlet | None:
        """Return the outlet a name, alias or URL domain means, or None."""
        key = name_or_domain.lower().strip()
        for o in self.outlets:
            if key in (o.name.lower(), *(a.lower() for a in o.aliases)):
                return o
            if any(key == d or key.endswith("." + d) for d in o.domains):
                return o
        return None

    # -- files ---------------------------------------------------------------------------
    @property
    def districts_geojson(self) -> Path:
        return self.path / "districts.geojson"

    @property
    def provinces_geojson(self) -> Path:
        return self.path / "provinces.geojson"

    @property
    def samples(self) -> Path:
        return self.path / "samples"

    def geojson(self, what: str = "districts") -> dict[str, Any]:
        """Return the parsed districts or provinces GeoJSON."""
        return _read_json(self.path / f"{what}.geojson")


_FALLBACK_COLOURS = ("#c0392b", "#2c6fbb", "#27ae60", "#8e44ad", "#d35400", "#16a085", "#7f8c8d",
                     "#b03a2e", "#1f618d", "#117a65", "#6c3483", "#a04000")


@lru_cache(maxsize=8)
def _read_json(path: Path) -> Any:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip() for v in (value or "").split(";") if v.strip())


def _read_csv(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


# a feature's properties: a flat object (lists inside, no objects)
_PROPERTIES = re.compile(r'"properties"\s*:\s*(\{[^{}]*\})')


def _properties(path: Path) -> list[dict[str, Any]] | None:
    """Return the properties of a GeoJSON file's features, in order, read without its geometry
    (the loader needs only names and ids; the geometry is most of the file and of the time to
    parse it); None when they are not flat objects, one to each "properties" key."""
    text = path.read_text(encoding="utf-8")
    found = _PROPERTIES.findall(text)
    if not found or len(found) != text.count('"properties"'):
        return None
    try:
        props = [json.loads(p) for p in found]
    except ValueError:
        return None
    return props if all(isinstance(p, dict) for p in props) else None


def _read_districts(path: Path) -> dict[str, District]:
    if not path.exists():
        raise TheatreError(f"{path}: missing; a theatre needs districts.geojson")
    props = _properties(path)
    if props is None:
        try:
            props = [f.get("properties") or {} for f in _read_json(path)["features"]]
        except (ValueError, KeyError, AttributeError) as e:
            raise TheatreError(f"{path}: not a GeoJSON FeatureCollection ({e})") from e
    out: dict[str, District] = {}
    for p in props:
        if not p.get("id") or not p.get("name"):
            raise TheatreError(f"{path}: a feature lacks 'id' or 'name'")
        out[p["id"]] = District(
            id=p["id"], name=p["name"], province=p.get("province", ""),
            province_id=p.get("province_id", ""), variants=tuple(p.get("variants") or ()),
            weight=int(p.get("n_iec_2019_districts") or 1))
    return out


def _read_provinces(path: Path, districts: dict[str, District],
                    places: tuple[Place, ...]) -> dict[str, Province]:
    props = (_properties(path) or [f["properties"] for f in _read_json(path)["features"]]) \
        if path.exists() else []
    capitals = {}
    for pl in places:
        if pl.kind == "province_capital" and pl.district_id and pl.district_id in districts:
            capitals[districts[pl.district_id].province_id] = pl.district_id
    out: dict[str, Province] = {}
    for pr in props:
        out[pr["id"]] = Province(pr["id"], pr["name"], tuple(pr.get("variants") or ()),
                                 capitals.get(pr["id"]))
    for d in districts.values():  # provinces known only from the districts
        out.setdefault(d.province_id, Province(d.province_id, d.province, (),
                                               capitals.get(d.province_id)))
    # province-name variants listed among the places
    extra: dict[str, list[str]] = {}
    by_name = {name_key(p.name): p.id for p in out.values()}
    for pl in places:
        if pl.kind == "province_name_variant" and pl.province:
            pid = by_name.get(name_key(pl.province))
            if pid:
                extra.setdefault(pid, []).append(pl.name)
    for pid, names in extra.items():
        p = out[pid]
        out[pid] = Province(p.id, p.name, tuple(dict.fromkeys((*p.variants, *names))), p.capital_id)
    return out


@lru_cache(maxsize=16)
def load(name_or_path: str | Path | None = DEFAULT_THEATRE) -> Theatre:
    """Return the theatre of a bundled name (see `installed()`), a unique prefix of one, or
    a folder path (checked first: a malformed folder raises one line naming the file and the fix)."""
    return _load(resolve(name_or_path).resolve())


@lru_cache(maxsize=8)
def _load(path: Path) -> Theatre:
    """Read a theatre folder: a user's is checked first; a bundled one (checked by the tests) only
    when it cannot be read, so that even then the error is one line naming the file and the fix."""
    if path.parent != BUNDLED.resolve():
        _raise_problems(path)
        return _read(path)
    try:
        return _read(path)
    except (KeyError, ValueError, TypeError, AttributeError, IndexError, OSError) as e:
        _raise_problems(path)
        raise TheatreError(f"{path}: cannot be read ({type(e).__name__}: {e}); "
                           f"run `khabar theatres --check {path}`") from e


def _raise_problems(path: Path) -> None:
    from khabar.theatres.check import problems

    found = problems(path)
    if found:
        more = f" (and {len(found) - 1} more: run `khabar theatres --check {path}`)" if len(found) > 1 else ""
        raise TheatreError(found[0] + more)


def _read(path: Path) -> Theatre:
    config = _read_json(path / "theatre.json") if (path / "theatre.json").exists() else {}
    districts = _read_districts(path / "districts.geojson")
    places = tuple(
        Place(r["place"], r["kind"], r.get("district_id") or None, r.get("province") or None)
        for r in _read_csv(path / "places.csv"))
    provinces = _read_provinces(path / "provinces.geojson", districts, places)
    actors = tuple(
        Actor(r["id"], r["name"], r.get("kind", ""), r.get("side", ""), r.get("affiliation", ""),
              r.get("role", ""), _split(r.get("aliases")))
        for r in _read_csv(path / "actors.csv"))
    outlets = tuple(
        Outlet(r["name"], r.get("kind", ""), (r.get("reliability") or "F").strip().upper(),
               _split(r.get("aliases")), _split(r.get("domains")), (r.get("side") or "").strip())
        for r in _read_csv(path / "outlets.csv"))
    parties = _read_parties(path, config)
    return Theatre(path=path, name=config.get("name", path.name),
                   title=config.get("title", path.name), country=config.get("country", ""),
                   demonyms=tuple(config.get("demonyms", ())), districts=districts,
                   provinces=provinces, places=places, actors=actors, outlets=outlets,
                   config=config, parties=parties)


def _read_parties(path: Path, config: dict[str, Any]) -> dict[str, Party]:
    """Read parties.csv (or, for an older folder, the parties of theatre.json), in the order of
    theatre.json `order`, then the file's."""
    colours = config.get("parties") or {}
    rows = _read_csv(path / "parties.csv")
    out: dict[str, Party] = {}
    if rows:
        for line, r in enumerate(rows, start=2):
            pid = (r.get("id") or "").strip()
            if not pid:
                raise TheatreError(f"{path / 'parties.csv'}: line {line}: no id; give every party an id")
            if pid == CONTESTED or (r.get("kind") or "").strip() == "state_of_control":
                continue
            cfg = colours.get(pid) or {}
            out[pid] = Party(pid, (r.get("kind") or "").strip(), (r.get("name") or pid).strip(),
                             _split(r.get("aliases")), _split(r.get("members")), (r.get("note") or "").strip(),
                             str(cfg.get("label") or ""), str(cfg.get("colour") or ""))
    else:
        for pid, cfg in colours.items():
            if pid != CONTESTED:
                out[pid] = Party(pid, "", str(cfg.get("label") or pid), (), (), "",
                                 str(cfg.get("label") or ""), str(cfg.get("colour") or ""))
    for p in out.values():
        for m in p.members:
            if m not in out:
                raise TheatreError(f"{path / 'parties.csv'}: coalition {p.id!r} lists member {m!r}, "
                                   f"which is not a party; declare {m!r} on a line of its own")
    order = [o for o in config.get("order") or () if o in out]
    return {pid: out[pid] for pid in (*order, *(p for p in out if p not in order))}
