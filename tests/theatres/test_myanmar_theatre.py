"""The bundled Myanmar 2021-24 theatre: its gazetteer, parties, actors, outlets, published counts and
sample reports with gold, as a user of `--theatre myanmar_2021_24` relies on them."""

from __future__ import annotations

import csv
import importlib.util
import json
from datetime import date
from pathlib import Path
from urllib.parse import urlparse

import pytest

from khabar.theatres.loader import BUNDLED, load

FOLDER = BUNDLED / "myanmar_2021_24"
SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "myanmar"
NON_PARTY_SIDES = {"foreign", "international", "other"}
ARMED_GROUPS = {"aa", "mndaa", "tnla", "kia", "knla", "pdf", "karenni", "chin"}
LOADER_PLACE_KINDS = {"district_name_variant", "province_name_variant", "district_centre", "town", "town_ambiguous",
                      "province_capital", "border_crossing"}


@pytest.fixture(scope="module")
def theatre():
    return load(FOLDER)


@pytest.fixture(scope="module")
def samples(theatre):
    corpus, gold = theatre.samples / "corpus", theatre.samples / "gold"
    index = [json.loads(line) for line in (corpus / "index.jsonl").read_text(encoding="utf-8").splitlines()
             if line.strip()]
    golds = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(gold.glob("*.json"))}
    texts = {p.stem: p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))}
    return index, golds, texts


# -- the theatre and its gazetteer ---------------------------------------------------

def test_loads_by_bundled_name_and_by_path(theatre):
    by_name = load("myanmar_2021_24")
    assert by_name.name == theatre.name == "myanmar_2021_24"
    assert theatre.country == "Myanmar"
    assert theatre.config["period"] == ["2021-02-01", "2024-12-31"]


def test_330_townships_in_18_states_and_regions(theatre):
    assert len(theatre.districts) == 330
    assert theatre.config["published_district_total"] == len(theatre.districts)
    assert len(theatre.provinces) == 18
    assert {d.province_id for d in theatre.districts.values()} == set(theatre.provinces)
    assert all(d.id.startswith(d.province_id) for d in theatre.districts.values())


def test_admin_levels_are_townships_and_states(theatre):
    assert theatre.level("district") == "township"
    assert theatre.level("districts") == "townships"
    assert theatre.level("province") == "state/region"


@pytest.mark.parametrize("name, township", [
    ("Laukkaing", "MMR015022"), ("Laukkai", "MMR015022"), ("Chinshwehaw", "MMR015022"),
    ("Chin Shwe Haw", "MMR015022"), ("Hseni", "MMR015002"), ("Hsenwi", "MMR015002"),
    ("Mrauk-U", "MMR012003"), ("Mrauk U", "MMR012003"), ("Mogoke", "MMR010011"), ("Mantong", "MMR015019"),
    ("Namkham", "MMR015010"), ("Khampat", "MMR005030"), ("Rihkhawdar", "MMR004001"),
    ("Kyin San Kyawt", "MMR015009"), ("Pang Hseng", "MMR015009"), ("Myawaddy", "MMR003005"),
    ("Paletwa", "MMR004009"), ("Lashio", "MMR015001"), ("Mawchi", "MMR002006"), ("Shwe Kokko", "MMR003005"),
])
def test_press_spellings_find_their_township(theatre, name, township):
    d = theatre.resolve_district(name)
    assert d is not None and d.id == township, name


def test_namesakes_are_told_apart_by_state(theatre):
    assert theatre.resolve_district("Minhla", "Magway").province_id == "MMR009"
    assert theatre.resolve_district("Minhla", "Bago (West)").province_id == "MMR008"


@pytest.mark.parametrize("name, state", [
    ("Rakhine State", "MMR012"), ("Arakan", "MMR012"), ("Karenni", "MMR002"), ("Kayah State", "MMR002"),
    ("northern Shan State", "MMR015"), ("Shan", "MMR015"), ("southern Shan State", "MMR014"),
    ("Sagaing Region", "MMR005"), ("Naypyidaw", "MMR018"),
])
def test_state_names_as_the_press_writes_them(theatre, name, state):
    p = theatre.province(name)
    assert p is not None and p.id == state, name


def test_state_capitals(theatre):
    assert theatre.capital("MMR012").name == "Sittwe"
    assert theatre.capital("MMR015").name == "Lashio"
    assert theatre.capital("MMR002").name == "Loikaw"


def test_places_point_at_real_townships_with_the_loaders_kinds(theatre):
    rows = list(csv.DictReader(open(FOLDER / "places.csv", encoding="utf-8", newline="")))
    assert len(rows) >= 684 + 14 + 5  # the shared rows, the capitals, the curated towns
    assert {r["kind"] for r in rows} <= LOADER_PLACE_KINDS
    assert all(r["district_id"] in theatre.districts for r in rows if r["district_id"])
    seats = [r for r in rows if r["kind"] == "district_centre"]
    assert {r["district_id"] for r in seats} == set(theatre.districts)  # every township has its seat


def test_sources_keep_the_attribution_and_the_licence_note():
    text = (FOLDER / "SOURCES.md").read_text(encoding="utf-8")
    assert ("Township boundaries: Myanmar\n  Information Management Unit (MIMU), 2014 edition, via the "
            "MaePaySoh/MyanmarAPI 2015\n  election dataset.") in text
    assert "Licence: read this first." in text
    assert "open redistribution not confirmed" in text
    assert "MIMU" in json.loads((FOLDER / "theatre.json").read_text())["attribution"]


@pytest.mark.skipif(not SHARED.is_dir(), reason="the shared MIMU data is not next to this checkout")
def test_build_script_reproduces_the_committed_gazetteer():
    path = Path(__file__).resolve().parents[2] / "scripts" / "build_myanmar_theatre.py"
    spec = importlib.util.spec_from_file_location("build_myanmar_theatre", path)
    assert spec and spec.loader
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    districts = build.build_districts(SHARED)
    assert districts == json.loads((FOLDER / "districts.geojson").read_text(encoding="utf-8"))
    assert build.build_provinces(SHARED) == json.loads((FOLDER / "provinces.geojson").read_text(encoding="utf-8"))
    committed = list(csv.DictReader(open(FOLDER / "places.csv", encoding="utf-8", newline="")))
    assert build.build_places(SHARED, districts) == committed


# -- parties -------------------------------------------------------------------------

def test_eleven_parties_and_contested(theatre):
    assert len(theatre.party_ids) == 11
    assert theatre.party_ids[0] == "military"
    assert theatre.controllers == (*theatre.party_ids, "contested")
    assert theatre.incumbent == "military"
    assert theatre.default_captor is None  # a capture with no named captor gives no one the place


def test_the_brotherhood_is_a_coalition_of_three(theatre):
    alliance = theatre.parties["brotherhood"]
    assert alliance.is_coalition and set(alliance.members) == {"aa", "mndaa", "tnla"}
    for member in alliance.members:
        assert theatre.coalition_of(member) == "brotherhood"
        assert theatre.counts_for(member) == "brotherhood"
    assert theatre.counts_for("kia") == "kia"
    assert theatre.coalition_of("military") is None


def test_who_fights_whom(theatre):
    assert set(theatre.opponents("military")) == ARMED_GROUPS | {"brotherhood"}
    for group in ARMED_GROUPS | {"brotherhood"}:
        assert theatre.opponents(group) == ("military",)
        assert theatre.opponent(group) == "military"
    assert theatre.opponents("uwsa") == ()  # kept its truce: no one gains what it hands over


def test_every_party_has_a_label_and_its_own_colour(theatre):
    colours = [theatre.party_colour(p) for p in theatre.controllers]
    assert len(set(colours)) == len(colours)
    assert all(c.startswith("#") and len(c) == 7 for c in colours)
    assert theatre.party_label("brotherhood") == "Three Brotherhood Alliance"
    assert theatre.party_label("contested") == "Contested"


@pytest.mark.parametrize("name, party", [
    ("the junta", "military"), ("Tatmadaw", "military"), ("military council", "military"),
    ("Zaw Min Tun", "military"), ("Min Aung Hlaing", "military"), ("Arakha Army", "aa"),
    ("Khaing Thukha", "aa"), ("Kokang army", "mndaa"), ("Peng Daxun", "mndaa"), ("TNLA", "tnla"),
    ("Lway Yay Oo", "tnla"), ("Brotherhood Alliance", "brotherhood"), ("KIO", "kia"), ("KNU", "knla"),
    ("Saw Taw Nee", "knla"), ("NUG", "pdf"), ("People's Defense Force", "pdf"), ("KNDF", "karenni"),
    ("Chin National Army", "chin"), ("Wa army", "uwsa"),
])
def test_names_in_reports_give_their_party(theatre, name, party):
    assert theatre.party_of(name) == party


# -- actors, outlets, published counts -----------------------------------------------

def test_actor_sides_are_parties_or_declared_non_party_sides(theatre):
    assert set(theatre.config["other_sides"]) == NON_PARTY_SIDES
    allowed = set(theatre.party_ids) | set(theatre.config["other_sides"])
    assert {a.side for a in theatre.actors} <= allowed
    ids = [a.id for a in theatre.actors]
    assert len(ids) == len(set(ids))
    assert all(a.affiliation in set(ids) for a in theatre.actors if a.affiliation)
    assert all(a.role for a in theatre.actors if a.kind == "person")


def test_no_name_is_two_actors(theatre):
    owners: dict[str, set[str]] = {}
    for a in theatre.actors:
        for n in (a.name, *a.aliases):
            owners.setdefault(n.lower().strip(), set()).add(a.id)
    assert {n: ids for n, ids in owners.items() if len(ids) > 1} == {}


def test_outlets(theatre):
    assert theatre.outlet("irrawaddy.com").name == "The Irrawaddy"
    assert theatre.outlet("www.myanmar-now.org").name == "Myanmar Now"
    gnlm = theatre.outlet("GNLM")
    assert gnlm is not None and gnlm.side == "military"
    for name in ("Mizzima", "DVB", "Frontier Myanmar", "RFA", "Narinjara", "DMG", "Shan Herald", "BNI",
                 "Eleven Myanmar", "Reuters", "AP", "AFP", "Xinhua"):
        assert theatre.outlet(name) is not None, name
    assert all(o.side in theatre.parties for o in theatre.outlets if o.side)
    assert all(o.reliability in "ABCDEF" for o in theatre.outlets)


def test_published_counts_name_a_source_a_day_and_a_party(theatre):
    rows = list(csv.DictReader(open(FOLDER / "assessments.csv", encoding="utf-8", newline="")))
    assert len(rows) >= 5
    for r in rows:
        assert r["source"] and r["url"].startswith("https://"), r
        assert not r["controller"] or r["controller"] in theatre.parties, r
        assert int(r["count"]) > 0 and (not r["of"] or int(r["count"]) <= int(r["of"])), r
        assert r["as_of"][:4] in {"2021", "2022", "2023", "2024"}, r
        assert r["kind"] in {"assessment", "party_claim"}, r


# -- sample reports and their gold ---------------------------------------------------

def test_at_least_40_samples_and_the_index_matches_the_files(samples):
    index, golds, texts = samples
    ids = [r["id"] for r in index]
    assert len(ids) >= 40 and len(ids) == len(set(ids))
    assert set(ids) == set(golds) == set(texts)
    for r in index:
        assert texts[r["id"]].split("\n", 1)[0] == r["title"]
        assert texts[r["id"]].split("\n")[1] == ""  # title, blank line, body
        doc = golds[r["id"]]["document"]
        assert (doc["file"], doc["title"], doc["outlet"], doc["published"], doc["url"]) == \
            (f"{r['id']}.txt", r["title"], r["outlet"], r["published"], r["url"])
        assert date(2023, 10, 1) <= date.fromisoformat(r["published"]) <= date(2024, 8, 31)


def test_sample_outlets_resolve_by_name_and_url(theatre, samples):
    index, _, _ = samples
    for r in index:
        by_name = theatre.outlet(r["outlet"])
        assert by_name is not None, r["outlet"]
        assert theatre.outlet(urlparse(r["url"]).hostname) == by_name


def test_gold_townships_exist_and_controllers_are_declared(theatre, samples):
    _, golds, _ = samples
    seen_controllers = set()
    for rid, g in golds.items():
        for c in g["control_changes"]:
            assert c["controller"] in theatre.controllers, (rid, c)
            assert c["district_id"] is None or c["district_id"] in theatre.districts, (rid, c)
            if c["district_id"]:
                assert theatre.districts[c["district_id"]].province == c["province"], (rid, c)
            if c["date"]:
                date.fromisoformat(c["date"])
            seen_controllers.add(c["controller"])
    assert {"brotherhood", "aa", "mndaa", "tnla", "military", "knla", "karenni", "chin", "pdf"} <= seen_controllers


def test_gold_evidence_is_taken_from_the_report(samples):
    _, golds, texts = samples
    for rid, g in golds.items():
        text = texts[rid]
        for kind in ("control_changes", "meetings", "other_events", "claims", "quotes"):
            for rec in g[kind]:
                assert rec["evidence"] in text, (rid, kind, rec["evidence"][:60])
        for q in g["quotes"]:
            assert q["text"] in q["evidence"], (rid, q["text"][:40])
        for c in g["claims"]:
            assert c["stance"] in {"asserts", "denies", "disputes"}, (rid, c)


def test_gold_names_resolve_to_the_annotated_township(theatre, samples):
    """A township or town named in gold as the press spells it is found by the gazetteer."""
    _, golds, _ = samples
    for rid, g in golds.items():
        for c in g["control_changes"]:
            if c["district_id"]:
                d = theatre.resolve_district(c["district"], c["province"])
                assert d is not None and d.id == c["district_id"], (rid, c["district"])
