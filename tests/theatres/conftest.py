"""An invented theatre, written into a temporary folder: Veloria, a country that does not exist.

Six square counties in two regions, three parties (the Crown, the Lowland Freedom Front, the
Highland Militia Council) and one coalition of two of them (the Northern Pact: the Front and the
Militia), their actors, outlets and words (lexicon.csv), and eleven invented reports with gold. Nothing in khabar
knows any of these names: the tests on this folder show that a theatre is data.

What the reports tell, day by day (the answers the tests check):

    03-02  the Front takes Osterlin (VL02)                 001, Veloria Herald
    03-04  the Militia takes Kessary (VL03)                002, Northmark Courier
    03-09  the Pact as a whole takes Pellagh (VL05)        003, Continental Wire; 009, Southmark Post
    03-13  the Royal Army retakes Osterlin                 004, Crown Gazette (the Crown's agency)
    03-17  Tirravel (VL06) is fought over: contested       005, Veloria Herald
    03-22  the Royal Army retakes Tirravel                 010, Veloria Herald
    03-24  the Front takes Dunmarrow (VL04)                007, Continental Wire
    03-26  Pact leaders meet an envoy in Castelmar         008, Northmark Courier
    03-27  the Pact claims 90 percent of the country (it holds 3 counties of 6), the
           Crown's ministry 33 percent (it holds 2)        006, Pact Voice
    03-28  Varnholt "fell", no captor named: no one gains it (no default captor)   011, Veloria Herald
    Varnholt (VL01) has no report.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

# id, name, region id, column, row (1-degree squares: x = 10 + column, y = 41 - row)
COUNTIES = (
    ("VL01", "Varnholt", "VLN", 0, 0), ("VL02", "Osterlin", "VLN", 1, 0), ("VL03", "Kessary", "VLN", 2, 0),
    ("VL04", "Dunmarrow", "VLS", 0, 1), ("VL05", "Pellagh", "VLS", 1, 1), ("VL06", "Tirravel", "VLS", 2, 1),
)
REGIONS = {"VLN": "Northmark", "VLS": "Southmark"}
PARTIES = (
    ("id", "kind", "name", "aliases", "members", "note"),
    ("crown", "state", "Royal Government of Veloria",
     "Crown;Royal Army;royal forces;royal troops;Crown forces", "", "the incumbent"),
    ("pact", "coalition", "Northern Pact", "the Pact;Pact forces;Pact fighters", "lff;hmc",
     "a capture credited to the Pact as a whole"),
    ("lff", "armed_group", "Lowland Freedom Front", "LFF;Freedom Front;the Front", "", "Southmark and Osterlin"),
    ("hmc", "armed_group", "Highland Militia Council", "HMC;Highland Militia;the Militia", "", "the hills"),
    ("contested", "state_of_control", "contested", "", "", "fighting for the place with no side in control"),
)
ACTORS = (
    ("id", "name", "kind", "side", "affiliation", "role", "aliases"),
    ("royal_government", "Royal Government", "government", "crown", "", "",
     "the Royal Government; the government of Veloria"),
    ("royal_army", "Royal Army", "force", "crown", "royal_government", "",
     "Royal Army troops; royal troops; royal forces; Crown forces"),
    ("royal_defence_ministry", "Royal Ministry of Defence", "ministry", "crown", "royal_government", "",
     "defence ministry; the Ministry of Defence"),
    ("lff", "Lowland Freedom Front", "movement", "lff", "pact", "",
     "the Lowland Freedom Front; the Freedom Front; LFF; Front fighters; Freedom Front fighters"),
    ("hmc", "Highland Militia Council", "movement", "hmc", "pact", "",
     "the Highland Militia Council; HMC; Highland Militia; militia fighters"),
    ("pact", "Northern Pact", "movement", "pact", "", "", "the Northern Pact; the Pact; Pact forces; Pact fighters"),
    ("tomas_vey", "Tomas Vey", "person", "lff", "lff", "Freedom Front spokesman", "Vey"),
    ("mara_quillon", "Mara Quillon", "person", "pact", "pact", "Pact spokeswoman", "Quillon"),
    ("ilse_marrow", "Ilse Marrow", "person", "crown", "royal_army", "Royal Army spokeswoman", "Marrow"),
    ("ostreva_mfa", "Ostrevan Foreign Ministry", "ministry", "foreign", "", "", "Ostreva's foreign ministry"),
)
OUTLETS = (
    ("name", "aliases", "domains", "kind", "reliability", "side"),
    ("Veloria Herald", "the Herald", "veloriaherald.example", "national", "B", ""),
    ("Northmark Courier", "", "northmarkcourier.example", "local agency", "C", ""),
    ("Southmark Post", "", "southmarkpost.example", "local agency", "C", ""),
    ("Continental Wire", "CW", "continentalwire.example", "wire", "B", ""),
    ("Crown Gazette", "", "crowngazette.example", "state agency", "D", "crown"),
    ("Pact Voice", "", "pactvoice.example", "party outlet", "E", "pact"),
)
PLACES = (
    ("place", "kind", "district_id", "district_name", "province", "lon", "lat", "confidence", "source", "note"),
    ("Varnholt", "province_capital", "VL01", "Varnholt", "Northmark", "", "", "high", "invented", ""),
    ("Dunmarrow", "province_capital", "VL04", "Dunmarrow", "Southmark", "", "", "high", "invented", ""),
    ("Osterlyn", "district_name_variant", "VL02", "Osterlin", "Northmark", "", "", "high", "invented", ""),
    ("Kessary Bazaar", "district_centre", "VL03", "Kessary", "Northmark", "", "", "high", "invented", ""),
    ("Pellagh Crossing", "border_crossing", "VL05", "Pellagh", "Southmark", "", "", "high", "invented", ""),
)
# the theatre's words for its sides (lexicon.csv, as khabar/theatres/*/lexicon.csv): what each
# side calls itself and what its enemies call it; generic force words name a side only here
LEXICON = (
    "# Veloria's words for its sides: phrase,party (or ? when the words tell no side),use (actor/not_actor)\n"
    "phrase,party,use,note\n"
    "Royal Army,crown,actor,its own name\n"
    "royal troops,crown,actor,\n"
    "royal forces,crown,actor,\n"
    "royalists,crown,actor,the Pact's name for it\n"
    "troops,crown,actor,in Veloria's reporting the Crown's unless another party is named\n"
    "soldiers,crown,actor,\n"
    "garrison,crown,actor,\n"
    "Northern Pact,pact,actor,\n"
    "the Pact,pact,actor,\n"
    "the alliance,pact,actor,\n"
    "Freedom Front,lff,actor,\n"
    "Front fighters,lff,actor,\n"
    "Highland Militia,hmc,actor,\n"
    "militiamen,hmc,actor,\n"
    "rebels,?,actor,the Crown's word for every armed group\n"
    "fighters,?,actor,\n"
    "Royal Government of Veloria,crown,not_actor,a government does not take a county itself\n"
)
CONFIG: dict[str, Any] = {
    "name": "veloria_2031",
    "title": "Veloria, spring 2031 (invented)",
    "country": "Veloria",
    "demonyms": ["Velorian", "Veloria's"],
    "period": ["2031-03-01", "2031-04-30"],
    "incumbent": "crown",
    "default_captor": None,
    "other_sides": ["foreign"],
    "order": ["crown", "pact", "lff", "hmc"],
    "opposes": {"crown": ["pact", "lff", "hmc"], "pact": ["crown"], "lff": ["crown"], "hmc": ["crown"]},
    "admin_levels": {"district": "county", "districts": "counties", "province": "region", "provinces": "regions"},
    "parties": {
        "crown": {"label": "Crown", "colour": "#7d3c98"},
        "pact": {"label": "Northern Pact", "colour": "#117a65"},
        "lff": {"label": "Freedom Front", "colour": "#48c9b0"},
        "hmc": {"label": "Highland Militia", "colour": "#0e6655"},
        "contested": {"label": "Contested", "colour": "#f0a500"},
    },
    "no_reports": {"label": "No reports", "colour": "#e6e6e6"},
    "published_district_total": 6,
    "venues": ["Castelmar"],
}

# (file stem, published, outlet, title, text, gold control changes, gold claims)
REPORTS: tuple[tuple[str, str, str, str, str, list[dict[str, Any]], list[dict[str, Any]]], ...] = (
    ("001", "2031-03-03", "Veloria Herald", "Freedom Front seizes Osterlin",
     "VARNHOLT, March 3 (Veloria Herald) - Fighters of the Lowland Freedom Front captured Osterlin "
     "county in Northmark region on Sunday, local officials said, after a night of heavy fighting.\n\n"
     "Royal Army soldiers withdrew towards Varnholt, the regional capital, an official said.\n\n"
     "\u201cOsterlin is free,\u201d Freedom Front spokesman Tomas Vey told reporters by telephone.\n",
     [{"district": "Osterlin", "province": "Northmark", "controller": "lff", "date": "2031-03-02"}], []),
    ("002", "2031-03-05", "Northmark Courier", "Militia fighters take Kessary",
     "KESSARY, March 5 (Northmark Courier) - Highland Militia Council fighters seized Kessary county "
     "in Northmark region on Tuesday after the royal garrison surrendered, residents said.\n\n"
     "Shops in the bazaar stayed shut on Wednesday and the road to Varnholt was empty.\n",
     [{"district": "Kessary", "province": "Northmark", "controller": "hmc", "date": "2031-03-04"}], []),
    ("003", "2031-03-10", "Continental Wire", "Pact forces take Pellagh in Southmark",
     "DUNMARROW, March 10 (Continental Wire) - Forces of the Northern Pact took control of Pellagh "
     "county in Southmark region on Sunday, two local officials said.\n\n"
     "The alliance of the Freedom Front and the Highland Militia did not say which of its units led "
     "the attack.\n",
     [{"district": "Pellagh", "province": "Southmark", "controller": "pact", "date": "2031-03-09"}], []),
    ("009", "2031-03-12", "Southmark Post", "Pellagh in rebel hands",
     "DUNMARROW, March 12 (Southmark Post) - The Northern Pact captured Pellagh county in Southmark "
     "region on Sunday, a police officer in Dunmarrow said.\n\n"
     "Families from Pellagh have been arriving in Dunmarrow since Monday.\n",
     [{"district": "Pellagh", "province": "Southmark", "controller": "pact", "date": "2031-03-09"}], []),
    ("004", "2031-03-14", "Crown Gazette", "Royal Army restores order in Osterlin",
     "VARNHOLT, March 14 (Crown Gazette) - Royal Army troops recaptured Osterlin county in Northmark "
     "region on Thursday and drove the rebels out of the town, the Royal Ministry of Defence said.\n\n"
     "\u201cOur soldiers are in full control of Osterlin,\u201d Royal Army spokeswoman Ilse Marrow "
     "said.\n",
     [{"district": "Osterlin", "province": "Northmark", "controller": "crown", "date": "2031-03-13"}], []),
    ("005", "2031-03-18", "Veloria Herald", "Battle for Tirravel goes on",
     "DUNMARROW, March 18 (Veloria Herald) - Tirravel county in Southmark region remains contested, "
     "with Royal Army troops and Pact fighters clashing around the county town on Monday, officials "
     "said.\n\n"
     "Neither side was able to hold the market square for long, a resident said.\n",
     [{"district": "Tirravel", "province": "Southmark", "controller": "contested", "date": "2031-03-17"}], []),
    ("010", "2031-03-24", "Veloria Herald", "Royal Army back in Tirravel",
     "DUNMARROW, March 24 (Veloria Herald) - Royal Army troops regained control of Tirravel county in "
     "Southmark region on Saturday after a week of street fighting, officials said.\n\n"
     "The Pact fighters who had held the market square withdrew towards the hills, a resident said.\n",
     [{"district": "Tirravel", "province": "Southmark", "controller": "crown", "date": "2031-03-22"}], []),
    ("007", "2031-03-25", "Continental Wire", "Freedom Front overruns Dunmarrow",
     "VARNHOLT, March 25 (Continental Wire) - Fighters of the Lowland Freedom Front overran Dunmarrow "
     "county, the seat of Southmark region, on Monday, local officials said.\n\n"
     "Royal Army units pulled back to the north after two days of fighting, they said.\n",
     [{"district": "Dunmarrow", "province": "Southmark", "controller": "lff", "date": "2031-03-24"}], []),
    ("006", "2031-03-28", "Pact Voice", "Pact says the country is almost free",
     "March 28 (Pact Voice) - The Northern Pact now controls 90 percent of Veloria's territory, Pact "
     "spokeswoman Mara Quillon claimed on Thursday.\n\n"
     "The Royal Ministry of Defence said on Friday that royal forces held 33 percent of Veloria's "
     "territory.\n",
     [], [{"claimant": "Mara Quillon (Northern Pact)", "party": "pact", "percent": 90},
          {"claimant": "Royal Ministry of Defence (Crown)", "party": "crown", "percent": 33}]),
    ("011", "2031-03-29", "Veloria Herald", "Varnholt falls",
     "VARNHOLT, March 29 (Veloria Herald) - Varnholt county in Northmark region fell on Friday after a "
     "week of fighting, residents said.\n\n"
     "The regional governor fled to the south, they said.\n",
     [], []),  # no captor named, and the theatre sets no default captor: no change of hands
    ("008", "2031-03-27", "Northmark Courier", "Pact leaders meet Ostrevan envoy",
     "VARNHOLT, March 27 (Northmark Courier) - Leaders of the Northern Pact met a delegation of the "
     "Ostrevan Foreign Ministry in Castelmar on Wednesday to discuss the fighting in Southmark, "
     "Pact spokeswoman Mara Quillon said.\n\n"
     "Prices of bread and fuel have doubled in Varnholt since the start of the month.\n",
     [], []),
)

# the rest of the gold, by report: meetings, other events and quotes
MORE_GOLD: dict[str, dict[str, list[dict[str, Any]]]] = {
    "001": {"other_events": [{"type": "RETREAT", "actors": ["Royal Army"], "targets": [], "place": "Osterlin",
                              "date": None, "word": "withdrew"}],
            "quotes": [{"speaker": "Tomas Vey", "text": "Osterlin is free", "word": "Osterlin is free"}]},
    # a party asserting who holds a town is a claim (the guidelines' "extent of control"), besides its quote
    "004": {"quotes": [{"speaker": "Ilse Marrow", "text": "Our soldiers are in full control of Osterlin",
                        "word": "full control"}],
            "claims": [{"claimant": "Ilse Marrow (Royal Army)", "claim": "Royal Army holds Osterlin",
                        "stance": "asserts", "word": "full control"}]},
    "007": {"other_events": [{"type": "RETREAT", "actors": ["Royal Army"], "targets": [], "place": "Dunmarrow",
                              "date": None, "word": "pulled back"}]},
    "008": {"meetings": [{"parties": ["Northern Pact", "Ostrevan Foreign Ministry"], "place": "Castelmar",
                          "date": "2031-03-26", "word": "met a delegation"}]},
    "010": {"other_events": [{"type": "RETREAT", "actors": ["Northern Pact"], "targets": [], "place": "Tirravel",
                              "date": None, "word": "withdrew"}]},
}

# who holds each county on a day, by the reports (None: no report)
HOLDERS: dict[date, dict[str, str | None]] = {
    date(2031, 3, 12): {"VL01": None, "VL02": "lff", "VL03": "hmc", "VL04": None, "VL05": "pact", "VL06": None},
    date(2031, 3, 19): {"VL01": None, "VL02": "crown", "VL03": "hmc", "VL04": None, "VL05": "pact",
                        "VL06": "contested"},
    date(2031, 3, 27): {"VL01": None, "VL02": "crown", "VL03": "hmc", "VL04": "lff", "VL05": "pact",
                        "VL06": "crown"},
}
# the claims with a number, and their verdict against the compiled control of their day
# (03-27: the Pact holds 3 counties of 6, the Crown 2, Varnholt has no report)
CLAIMS = {("pact", 90): "overstated", ("crown", 33): "consistent"}


def _sentence(text: str, word: str) -> str:
    """Return the sentence of a report's text that holds a word (after its dateline)."""
    body = text.split(") - ", 1)[-1]
    for para in body.split("\n\n"):
        for sent in para.replace(".\u201d", ".\u201d\n").split(". "):
            if word in sent:
                return sent.strip()
    raise ValueError(word)


def _square(col: int, row: int) -> list[list[list[float]]]:
    x, y = 10.0 + col, 41.0 - row
    return [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]]


def _write_csv(path: Path, rows: tuple[tuple[str, ...], ...]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)


def districts_geojson() -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"id": did, "name": name, "province": REGIONS[rid], "province_id": rid,
                                           "variants": []},
         "geometry": {"type": "Polygon", "coordinates": _square(col, row)}}
        for did, name, rid, col, row in COUNTIES]}


def provinces_geojson() -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"id": rid, "name": name, "variants": []},
         "geometry": {"type": "Polygon", "coordinates": [[[10.0, y], [13.0, y], [13.0, y + 1], [10.0, y + 1],
                                                          [10.0, y]]]}}
        for rid, name, y in (("VLN", "Northmark", 41.0), ("VLS", "Southmark", 40.0))]}


def write_theatre(folder: Path) -> Path:
    """Write the invented theatre (data, samples and gold) into a folder; return it."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "theatre.json").write_text(json.dumps(CONFIG, indent=2) + "\n", encoding="utf-8")
    # one feature a line, as a hand-made file would be: a problem's line is the feature's
    districts = districts_geojson()
    lines = ",\n".join(json.dumps(f) for f in districts["features"])
    (folder / "districts.geojson").write_text(
        '{"type": "FeatureCollection",\n"features": [\n' + lines + "\n]}\n", encoding="utf-8")
    (folder / "provinces.geojson").write_text(json.dumps(provinces_geojson()) + "\n", encoding="utf-8")
    _write_csv(folder / "parties.csv", PARTIES)
    _write_csv(folder / "actors.csv", ACTORS)
    _write_csv(folder / "outlets.csv", OUTLETS)
    _write_csv(folder / "places.csv", PLACES)
    (folder / "lexicon.csv").write_text(LEXICON, encoding="utf-8")
    corpus, gold = folder / "samples" / "corpus", folder / "samples" / "gold"
    corpus.mkdir(parents=True, exist_ok=True)
    gold.mkdir(parents=True, exist_ok=True)
    index = []
    for stem, published, outlet, title, text, changes, claims in REPORTS:
        (corpus / f"{stem}.txt").write_text(f"{title}\n\n{text}", encoding="utf-8")
        url = f"https://{outlet.lower().replace(' ', '')}.example/2031/{stem}"
        index.append({"id": stem, "published": published, "title": title, "outlet": outlet, "url": url,
                      "text": "full"})
        doc = {"file": f"{stem}.txt", "title": title, "outlet": outlet, "published": published, "url": url,
               "text": "full"}
        changes = [{**c, "evidence": _sentence(text, c["district"])} for c in changes]
        claims = [{"claimant": c["claimant"], "claim": f"{c['party']} controls {c['percent']} percent of the country",
                   "stance": "asserts", "quantity": {"value": c["percent"], "unit": "percent", "of": "territory"},
                   "evidence": _sentence(text, f"{c['percent']} percent")} for c in claims]
        more = {kind: [{**{k: v for k, v in r.items() if k != "word"}, "evidence": _sentence(text, r["word"])}
                       for r in records] for kind, records in MORE_GOLD.get(stem, {}).items()}
        (gold / f"{stem}.json").write_text(json.dumps(
            {"document": doc, "control_changes": changes, "aggregate_control": [],
             "meetings": more.get("meetings", []), "other_events": more.get("other_events", []),
             "claims": claims + more.get("claims", []), "quotes": more.get("quotes", [])}, indent=1) + "\n", encoding="utf-8")
    (corpus / "index.jsonl").write_text("".join(json.dumps(r) + "\n" for r in sorted(index, key=lambda r: r["id"])),
                                        encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def invented(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The invented theatre's folder, written once for the session (do not change it)."""
    return write_theatre(tmp_path_factory.mktemp("theatres") / "veloria_2031")


@pytest.fixture
def fresh_theatre(tmp_path: Path) -> Callable[[], Path]:
    """Return `make()`: a new copy of the invented theatre in this test's folder, to break."""
    def make() -> Path:
        return write_theatre(tmp_path / "veloria_2031")
    return make
