"""Build the bundled Myanmar 2021-24 theatre's gazetteer from the shared MIMU data.

    .venv/bin/python scripts/build_myanmar_theatre.py [--shared ../shared/data/myanmar]

Reads `townships.geojson`, `states.geojson`, `places.csv`, `parties.csv` and `SOURCES.md` of the
shared folder and writes, into khabar/theatres/myanmar_2021_24/:

- districts.geojson: the 330 townships in the loader's schema (feature properties `id`, `name`,
  `province` = the state/region in press form, `province_id`, `variants`), every MIMU field kept.
- provinces.geojson: the 18 state/region codes (`id`, `name`, `variants`); MIMU splits Shan in
  three and Bago in two, so those five get distinct names ("Shan (North)") and the press form
  ("Shan", "northern Shan State") as variants; every unit gets "<name> State/Region" variants.
- places.csv: the shared rows with the loader's kinds (a township's spelling is a
  `district_name_variant`, a state's a `province_name_variant`, a township's seat town a
  `district_centre`, other towns `town`, border gates `border_crossing`, later townships without
  a 2014 polygon `district_name_variant` of the township that contains them), the shared kind
  kept in `shared_kind`; plus one `province_capital` row per state/region capital.
- parties.csv: copied unchanged; SOURCES.md: copied unchanged, with a closing section on what
  this build changed.

Geometry is copied as it is (already a valid, simplified coverage). Nothing is downloaded.
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "khabar" / "theatres" / "myanmar_2021_24"
SHARED = ROOT.parent / "shared" / "data" / "myanmar"

# MIMU's split units: a distinct name each, the press forms as variants (the first unit listed
# for a press form is the one a bare "Shan" or "Bago" resolves to).
SPLIT_NAMES = {
    "MMR015": ("Shan (North)", ["Shan", "Shan State", "northern Shan", "northern Shan State",
                                "North Shan", "Shan North", "Shan State (North)", "northern Shan state"]),
    "MMR014": ("Shan (South)", ["southern Shan", "southern Shan State", "South Shan", "Shan South",
                                "Shan State (South)", "southern Shan state"]),
    "MMR016": ("Shan (East)", ["eastern Shan", "eastern Shan State", "East Shan", "Shan East",
                               "Shan State (East)", "eastern Shan state"]),
    "MMR007": ("Bago (East)", ["Bago", "Bago Region", "Pegu", "Bago East", "eastern Bago",
                               "Bago Region (East)"]),
    "MMR008": ("Bago (West)", ["Bago West", "western Bago", "Bago Region (West)"]),
}
STATES = {"Kachin", "Kayah", "Kayin", "Chin", "Mon", "Rakhine", "Shan"}
REGIONS = {"Sagaing", "Tanintharyi", "Bago", "Magway", "Mandalay", "Yangon", "Ayeyarwady"}

# State/region capitals: (state/region id, town name as in places.csv). Yangon and Mandalay
# span several townships, Naypyitaw is a union territory and Bago (West) is only a MIMU split:
# no capital of their own here. Lashio and Kengtung are the seats of northern and eastern Shan.
CAPITALS = [
    ("MMR001", "Myitkyina"), ("MMR002", "Loikaw"), ("MMR003", "Hpa-An"), ("MMR004", "Hakha"),
    ("MMR005", "Monywa"), ("MMR006", "Dawei"), ("MMR007", "Bago"),
    ("MMR009", "Magway"), ("MMR011", "Mawlamyine"), ("MMR012", "Sittwe"), ("MMR014", "Taunggyi"),
    ("MMR015", "Lashio"), ("MMR016", "Kengtung"), ("MMR017", "Pathein"),
]

# Towns the press names that MIMU's 9.6 town list lacks: (name, township P-code, note). Curated from
# general knowledge of where they lie; no coordinates.
CURATED_TOWNS = [
    ("Mawchi", "MMR002006", "tin-mining town in Hpasawng Township"),
    ("Moebye", "MMR014010", "town in Pekon Township on the Kayah border"),
    ("Mobye", "MMR014010", "alias of Moebye"),
    ("Shwe Kokko", "MMR003005", "town on the Moei river in Myawaddy Township"),
    ("Thingannyinaung", "MMR003005", "town on the Asian Highway in Myawaddy Township"),
    # press spellings of MIMU towns and townships (the places are MIMU's; the spellings the press's)
    ("Kamphat", "MMR005030", "press spelling of Khampat (MIMU 9.6 town MMR005030703)"),
    ("Rikhawdar", "MMR004001", "press spelling of Rihkhawdar (MIMU 9.6 town MMR004001702)"),
    ("Rih Kaw Dar", "MMR004001", "press spelling of Rihkhawdar (MIMU 9.6 town MMR004001702)"),
    ("Rih Khaw Dar", "MMR004001", "press spelling of Rihkhawdar (MIMU 9.6 town MMR004001702)"),
    ("Kawling", "MMR005024", "press spelling of Kawlin (MIMU 9.6 town MMR005024701)"),
    ("Khawmawi", "MMR004001", "border village beside Rihkhawdar across from Zokhawthar (India); township "
     "taken from Rihkhawdar's, not checked against a point"),
]

# Town names a reader would not take for the place on their own: personal names, words meaning
# "new town/village", whole cities that span several townships. They keep the kind
# `town_ambiguous`, so that a matcher reading `town` rows as places does not see them.
AMBIGUOUS_TOWNS = {"kyaw", "kamma", "saku", "pala", "myothit", "ywarthit", "shan ywar thit", "bagan",
                   "mandalay city", "yangon city", "nay pyi taw", "hlaingtharya (east)",
                   "hlaingtharya (west)", "myo hla", "sa lay", "sa ne", "ku me", "tadar", "tarlay",
                   "samee", "ahmar", "dohi", "somra", "kar li", "he hoe", "intaw", "homein", "pinlon"}


def _town_kind(name: str) -> str:
    """Return `town`, or `town_ambiguous` for a name too short, too common or not a plain name."""
    plain = name.replace("-", " ").replace("'", "")
    if (name.lower() in AMBIGUOUS_TOWNS or len("".join(plain.split())) < 5
            or any(c.isdigit() or c in "()" for c in name)):
        return "town_ambiguous"
    return "town"


KIND_MAP = {
    "township_name_variant": "district_name_variant",
    "state_region_name_variant": "province_name_variant",
    "mimu_9_6_township_without_2014_polygon": "district_name_variant",
    "border_crossing": "border_crossing",
}

PACKAGE_NOTE = """
## In the khabar package (khabar/theatres/myanmar_2021_24/)

Built from the files above by `scripts/build_myanmar_theatre.py`; nothing is downloaded at run
time. Same sources, licence note and attribution lines as above. Changes made by the build:

- `districts.geojson` = `townships.geojson` with the loader's properties added first: `province`
  (= `state_region`, press form) and `province_id` (= `state_region_id`). Geometry and every MIMU
  field unchanged.
- `provinces.geojson` = `states.geojson`; the five MIMU split units get distinct names
  ("Shan (North)", "Shan (South)", "Shan (East)", "Bago (East)", "Bago (West)") and the press forms
  as variants (a bare "Shan" means Shan (North), a bare "Bago" Bago (East)); every unit gets
  "<name> State" / "<name> Region" variants; `kind` = state, region or union territory.
- `places.csv`: the loader's kinds (`district_name_variant` for township spellings and for later
  townships without a 2014 polygon, `province_name_variant`, `district_centre` for a township's
  seat town (MIMU town code ending 701), `town` for other towns (`town_ambiguous` for the few whose
  name alone would not tell a reader the place: personal names such as Kyaw, "new town/village",
  cities spanning several townships, names under five letters or with brackets), `border_crossing`), the shared
  kind kept in `shared_kind`; 14 `province_capital` rows added by hand (curated: the capitals of
  the states and regions, Lashio for northern and Kengtung for eastern Shan; none for Yangon,
  Mandalay, Naypyitaw or Bago (West)); 5 `town` rows for towns the press names that the 9.6 list
  lacks (curated, no coordinates): Mawchi (Hpasawng), Moebye/Mobye (Pekon), Shwe Kokko and
  Thingannyinaung (Myawaddy); 6 more for press spellings (Kamphat, Rikhawdar, Rih Kaw Dar, Rih Khaw
  Dar, Kawling) and Khawmawi (Falam, by its neighbour Rihkhawdar).
- `actors.csv`, `outlets.csv`, `assessments.csv`, `theatre.json` and `samples/` were written for
  khabar (see `samples/OUTLETS.md`).
"""


def _dump(obj: Any, path: Path) -> None:
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")


def build_districts(shared: Path) -> dict[str, Any]:
    src = json.loads((shared / "townships.geojson").read_text(encoding="utf-8"))
    feats = []
    for f in src["features"]:
        p = dict(f["properties"])
        props = {"id": p["id"], "name": p["name"], "province": p["state_region"],
                 "province_id": p["state_region_id"], "variants": list(p.get("variants") or [])}
        props.update({k: v for k, v in p.items() if k not in props})
        feats.append({"type": "Feature", "properties": props, "geometry": f["geometry"]})
    feats.sort(key=lambda f: f["properties"]["id"])
    return {"type": "FeatureCollection", "name": "myanmar_townships", "features": feats}


def build_provinces(shared: Path) -> dict[str, Any]:
    src = json.loads((shared / "states.geojson").read_text(encoding="utf-8"))
    feats = []
    for f in src["features"]:
        p = dict(f["properties"])
        press = p["name"]
        name, extra = SPLIT_NAMES.get(p["id"], (press, []))
        suffix = "State" if press in STATES else "Region" if press in REGIONS else "Union Territory"
        variants = [*extra, *(p.get("variants") or [])]
        if p["id"] not in SPLIT_NAMES:
            variants += [f"{press} {suffix}", f"{press} {suffix.lower()}"]
            if press != p["name_mimu"]:
                variants.append(p["name_mimu"])
        seen: set[str] = set()
        uniq = []
        for v in variants:
            key = "".join(c for c in v.lower() if c.isalpha())
            if key and key not in seen and key != "".join(c for c in name.lower() if c.isalpha()):
                seen.add(key)
                uniq.append(v)
        props = {"id": p["id"], "name": name, "variants": uniq, "state_region": press,
                 "kind": suffix.lower()}
        props.update({k: v for k, v in p.items() if k not in props and k != "variants"})
        feats.append({"type": "Feature", "properties": props, "geometry": f["geometry"]})
    feats.sort(key=lambda f: f["properties"]["id"])
    return {"type": "FeatureCollection", "name": "myanmar_states_regions", "features": feats}


def build_places(shared: Path, districts: dict[str, Any]) -> list[dict[str, str]]:
    names = {f["properties"]["id"]: f["properties"]["name"] for f in districts["features"]}
    with open(shared / "places.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    out = []
    for r in rows:
        kind = r["kind"]
        if kind == "town":
            # MIMU town codes: <township P-code>7NN; 701 is the township's seat
            seat = "(" + r["district_id"] + "701)" in r["source"] if r["district_id"] else False
            new = "district_centre" if seat else _town_kind(r["place"])
        else:
            new = KIND_MAP.get(kind, kind)
        out.append({**r, "kind": new, "shared_kind": kind})
    for name, did, note in CURATED_TOWNS:
        out.append({**{k: "" for k in rows[0]}, "place": name, "kind": "town", "district_id": did,
                    "district_name": names[did], "province": districts_state(districts, did),
                    "confidence": "medium", "source": "curated", "note": note, "shared_kind": ""})
    towns = {(r["province"], r["place"]): r for r in rows if r["kind"] == "town"}
    by_pid = {f["properties"]["state_region_id"]: f["properties"]["state_region"]
              for f in districts["features"]}
    for pid, town in CAPITALS:
        row = towns.get((by_pid[pid], town))
        if row is None:
            raise SystemExit(f"capital {town} of {pid} not among the towns of places.csv")
        if not row["district_id"].startswith(pid):
            raise SystemExit(f"capital {town}: township {row['district_id']} is not in {pid}")
        out.append({**row, "kind": "province_capital", "district_name": names[row["district_id"]],
                    "confidence": "medium",
                    "source": "curated (capital of the state/region); point " + row["source"],
                    "note": f"capital of {pid}", "shared_kind": ""})
    return out


def districts_state(districts: dict[str, Any], did: str) -> str:
    """Return the state/region (press form) of a township."""
    return next(f["properties"]["state_region"] for f in districts["features"] if f["properties"]["id"] == did)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    districts = build_districts(args.shared)
    _dump(districts, out / "districts.geojson")
    provinces = build_provinces(args.shared)
    _dump(provinces, out / "provinces.geojson")
    places = build_places(args.shared, districts)
    with open(out / "places.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(places[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(places)
    shutil.copyfile(args.shared / "parties.csv", out / "parties.csv")
    sources = (args.shared / "SOURCES.md").read_text(encoding="utf-8").rstrip("\n")
    (out / "SOURCES.md").write_text(sources + "\n" + PACKAGE_NOTE, encoding="utf-8")
    print(f"{len(districts['features'])} townships, {len(provinces['features'])} states/regions, "
          f"{len(places)} places -> {out}")


if __name__ == "__main__":
    main()
