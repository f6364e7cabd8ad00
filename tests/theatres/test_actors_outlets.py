"""The bundled theatre's actors and outlets: the look-ups users rely on."""

from __future__ import annotations

import csv
import json
from collections import Counter
from urllib.parse import urlparse

import pytest

from khabar.theatres.loader import load

KINDS = {"movement", "government", "ministry", "force", "state", "organisation", "person", "media"}
NON_PARTY_SIDES = {"foreign", "international", "other"}  # besides the theatre's parties
OUTLET_KINDS = {"wire", "national", "local agency", "state agency", "regional service",
                "party outlet", "analysis", "international"}


@pytest.fixture(scope="module")
def theatre():
    return load()


# -- actors ----------------------------------------------------------------------------

def test_actors_are_many(theatre):
    assert len(theatre.actors) >= 180


def test_actor_ids_unique_and_snake_case(theatre):
    ids = Counter(a.id for a in theatre.actors)
    assert [i for i, n in ids.items() if n > 1] == []
    for i in ids:
        assert i == i.lower() and " " not in i and i.replace("_", "").isalnum(), i


def test_actor_fields_filled(theatre):
    for a in theatre.actors:
        assert a.name.strip(), a.id
        if a.kind == "person":
            assert a.role.strip(), f"{a.id}: a person needs a role"


def test_affiliations_exist(theatre):
    ids = {a.id for a in theatre.actors}
    bad = [(a.id, a.affiliation) for a in theatre.actors if a.affiliation and a.affiliation not in ids]
    assert bad == []


def test_affiliations_have_no_cycles(theatre):
    parent = {a.id: a.affiliation for a in theatre.actors}
    for start in parent:
        seen, cur = set(), start
        while cur:
            assert cur not in seen, f"affiliation cycle through {start}"
            seen.add(cur)
            cur = parent.get(cur, "")


def test_kinds_and_sides_allowed(theatre):
    assert {a.kind for a in theatre.actors} <= KINDS
    assert set(theatre.config["other_sides"]) == NON_PARTY_SIDES
    assert {a.side for a in theatre.actors} <= set(theatre.party_ids) | NON_PARTY_SIDES


def test_no_name_or_alias_shared_by_two_actors(theatre):
    owners: dict[str, set[str]] = {}
    for a in theatre.actors:
        for n in (a.name, *a.aliases):
            owners.setdefault(n.lower().strip(), set()).add(a.id)
    shared = {n: ids for n, ids in owners.items() if len(ids) > 1}
    assert shared == {}


def test_every_name_and_alias_resolves_to_its_actor(theatre):
    for a in theatre.actors:
        for n in (a.name, *a.aliases):
            assert theatre.actor(n) is not None and theatre.actor(n).id == a.id, (n, a.id)


def test_aliases_are_not_bare_common_words(theatre):
    banned = {"us", "the group", "officials", "government", "forces", "the government", "militants",
              "insurgents", "group", "army", "police", "minister", "ministry", "spokesman"}
    for a in theatre.actors:
        assert not ({n.lower() for n in (a.name, *a.aliases)} & banned), a.id


@pytest.mark.parametrize("name, actor_id", [
    # the seed's people and bodies
    ("Serenko", "serenko"),
    ("Andrei Serenko", "serenko"),
    ("Burnashev", "burnashev"),
    ("Kirill Krivosheyev", "krivosheyev"),
    ("Oleg Kashin", "kashin"),
    ("Zamir Kabulov", "kabulov"),
    ("Turkmen Foreign Ministry", "turkmen_mfa"),
    ("the Russian Foreign Ministry", "russia_mfa"),
    ("MID", "russia_mfa"),
    ("Kremlin", "kremlin"),
    ("Dmitry Peskov", "peskov"),
    ("Nikolai Patrushev", "patrushev"),
    ("Hamdullah Mohib", "hamdullah_mohib"),
    ("Mohammad Javad Zarif", "zarif"),
    ("Emoman Rakhman", "rahmon"),
    ("Emomali Rahmon", "rahmon"),
    ("Vladimir Putin", "putin"),
    ("Sergei Lavrov", "lavrov"),
    ("Abdul Ghani Birobar", "abdul_ghani_baradar"),
    ("Mullah Haibatullah Akhundzada", "haibatullah_akhundzada"),
    ("Sirajuddin Haqqani", "sirajuddin_haqqani"),
    ("Abdul Latif Mansoor", "abdul_latif_mansoor"),
    ("Shahabuddin Delawar", "shahabuddin_delawar"),
    ("Suhail Shaheen", "suhail_shaheen"),
    ("Muhammad Zaher Aghbar", "zaher_aghbar"),
    ("CSTO", "csto"),
    ("Long War Journal (Foundation for Defense of Democracies)", "long_war_journal"),
    # names of the development reports
    ("Mujahid", "zabihullah_mujahid"),
    ("Ruhullah Ahmadzai", "rohullah_ahmadzai"),
    ("217 Pamir Military Corps", "corps_217_pamir"),
    ("Afghan security forces", "ansf"),
    ("ANDSF", "ansf"),
    ("Public Uprising Forces", "public_uprising_forces"),
    ("MoD", "afg_mod"),
    ("Afghan defense ministry", "afg_mod"),
    ("Russian Defense Ministry", "russia_mod"),
    ("Faiz Hameed", "faiz_hameed"),
    ("Shah Mahmood Qureshi", "qureshi"),
    ("Mevlut Cavusoglu", "cavusoglu"),
    ("Yousef bin Ahmad Al-Othaimeen", "othaimeen"),
    ("NRFA", "nrf"),
    ("US Central Command", "centcom"),
    ("Sher Mohammad Abbas Stanikzai", "sher_mohammad_abbas_stanikzai"),
])
def test_known_names_resolve(theatre, name, actor_id):
    actor = theatre.actor(name)
    assert actor is not None, name
    assert actor.id == actor_id


def test_lookup_ignores_case_and_outer_spaces(theatre):
    assert theatre.actor("  zamir KABULOV ").id == "kabulov"
    assert theatre.actor("no such actor") is None


@pytest.mark.parametrize("name, side", [
    ("the Islamic Emirate", "taliban"),
    ("the insurgents", "taliban"),
    ("Zabihullah Mujahid", "taliban"),
    ("Afghan forces", "government"),
    ("commandos", "government"),
    ("Ashraf Ghani", "government"),
    ("Ahmad Massoud", "nrf"),
    ("Fahim Dashti", "nrf"),
    ("Amrullah Saleh", "government"),
    ("Russia", "foreign"),
    ("Lavrov", "foreign"),
    ("Zarif", "foreign"),
    ("UNAMA", "international"),
    ("NATO", "international"),
    ("Bill Roggio", "other"),
])
def test_sides(theatre, name, side):
    assert theatre.actor(name).side == side


def test_affiliation_chains(theatre):
    by_id = {a.id: a for a in theatre.actors}
    assert theatre.actor("Lavrov").affiliation == "russia_mfa"
    assert by_id["russia_mfa"].affiliation == "russia"
    assert theatre.actor("Kabulov").affiliation == "russia_mfa"
    assert theatre.actor("Zakharova").affiliation == "russia_mfa"
    assert theatre.actor("Mujahid").affiliation == "taliban"
    assert theatre.actor("Fawad Aman").affiliation == "afg_mod"
    assert by_id["afg_mod"].affiliation == "afg_gov"


# -- outlets ---------------------------------------------------------------------------

def test_outlets_are_many(theatre):
    assert len(theatre.outlets) >= 60


def test_outlet_grades_and_kinds(theatre):
    for o in theatre.outlets:
        assert o.reliability in set("ABCDEF"), o.name
        assert o.kind in OUTLET_KINDS, (o.name, o.kind)


def test_outlet_grades_written_not_defaulted(theatre):
    with open(theatre.path / "outlets.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows and all((r["reliability"] or "").strip() in set("ABCDEF") for r in rows)
    assert all(r["domains"].strip() for r in rows), "every outlet has a web domain"


def test_outlet_names_aliases_domains_unique(theatre):
    keys = Counter(n.lower() for o in theatre.outlets for n in (o.name, *o.aliases))
    assert [k for k, n in keys.items() if n > 1] == []
    domains = Counter(d for o in theatre.outlets for d in o.domains)
    assert [d for d, n in domains.items() if n > 1] == []
    for o in theatre.outlets:
        for d in o.domains:
            assert d == d.lower() and not d.startswith("www.") and "/" not in d, d


def test_every_outlet_resolves_to_itself(theatre):
    for o in theatre.outlets:
        for key in (o.name, *o.aliases, *o.domains):
            assert theatre.outlet(key) is o, (key, o.name)


@pytest.mark.parametrize("key, name", [
    ("rferl.org", "Radio Free Europe/Radio Liberty"),
    ("www.rferl.org", "Radio Free Europe/Radio Liberty"),
    ("RFE/RL", "Radio Free Europe/Radio Liberty"),
    ("Current Time", "Radio Free Europe/Radio Liberty"),
    ("RFE/RL (Current Time)", "Radio Free Europe/Radio Liberty"),
    ("Tolo", "TOLOnews"),
    ("BNA", "Bakhtar News Agency"),
    ("Bakhtar News Agency (BNA)", "Bakhtar News Agency"),
    ("en.mehrnews.com", "Mehr News Agency"),
    ("sputnikglobe.com", "Sputnik"),
    ("archive.siasat.com", "The Siasat Daily"),
    ("Sputnik via UrduPoint", "UrduPoint"),
    ("AP via PTI via Devdiscourse", "Devdiscourse"),
    ("The Orient News (TON)", "The Orient News"),
    ("Interfax", "Interfax"),
    ("TASS", "TASS"),
    ("Reuters", "Reuters"),
    ("longwarjournal.org", "Long War Journal"),
])
def test_outlet_lookups(theatre, key, name):
    outlet = theatre.outlet(key)
    assert outlet is not None, key
    assert outlet.name == name


@pytest.mark.parametrize("name", [
    "Afghanistan Times", "Sputnik", "KabulNow", "Kayhan International", "Mehr News Agency",
    "Republic World", "The Siasat Daily", "The Quint", "Bakhtar News Agency (BNA)", "The Moscow Times",
    "AvaToday", "The Orient News (TON)", "Etlaat Roz", "NBC News", "TOLO news", "Kommersant",
    "Carnegie Moscow Center", "The New York Times", "South China Morning Post", "PTI", "AP", "EPA",
])
def test_outlets_named_in_reports_resolve(theatre, name):
    assert theatre.outlet(name) is not None, name


@pytest.mark.parametrize("name, grade", [
    ("Reuters", "B"), ("AP", "B"), ("AFP", "B"), ("BBC", "B"), ("RFE/RL", "B"),
    ("TOLOnews", "C"), ("Pajhwok", "C"), ("KabulNow", "C"),
    ("BNA", "D"), ("TASS", "D"), ("Sputnik", "D"), ("Mehr News Agency", "D"), ("Xinhua", "D"),
    ("Voice of Jihad", "E"), ("Al-Emarah", "E"),
    ("UrduPoint", "D"), ("Devdiscourse", "D"),
    ("Long War Journal", "B"), ("Crisis Group", "B"), ("AAN", "B"),
])
def test_grades_as_documented(theatre, name, grade):
    assert theatre.outlet(name).reliability == grade


def test_sample_report_outlets_resolve(theatre):
    """Every outlet of the bundled sample reports resolves by name and by its URL's host."""
    index = theatre.samples / "corpus" / "index.jsonl"
    if not index.exists():
        pytest.skip("no bundled sample reports")
    rows = [json.loads(line) for line in index.read_text(encoding="utf-8").splitlines() if line.strip()]
    for r in rows:
        assert theatre.outlet(r["outlet"]) is not None, r["outlet"]
        if r.get("url"):
            host = urlparse(r["url"]).hostname or ""
            assert theatre.outlet(host) is theatre.outlet(r["outlet"]), (r["id"], host)
