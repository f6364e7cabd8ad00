"""`khabar export TABLE --format csv|geojson|parquet|plover`: the records other tools read.

Two short reports of our own: Taliban fighters attacking Nerkh with rockets and taking it, the
ministry sending commandos, a meeting in Doha and the UN urging the Taliban to halt. The desk's
/api/export/ routes give byte for byte what the command writes (one code path).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from khabar.extract.pipeline import Extractor
from khabar.jobs import ingest
from khabar.render.plover import REQUIRED, plover_mode, plover_type
from khabar.store import connect
from khabar.web.app import create_app

REPORTS = [
    {"title": "Rockets hit Nerkh as fighting spreads", "outlet": "Plover Test Wire",
     "url": "https://plovertest.example/nerkh-rockets", "published": "2021-07-14",
     "text": "MAIDAN SHAHR, July 14 (Plover Test Wire) - Taliban fighters attacked the Nerkh district centre "
             "with rockets on Tuesday, a police spokesman said.\n\nThe Taliban captured the Nerkh district of "
             "Wardak province on Tuesday evening, officials said.\n\nThe defence ministry said it had sent "
             "commandos to Wardak province."},
    {"title": "Envoys meet in Doha", "outlet": "Gulf Ledger", "url": "https://gulfledger.example/doha-talks",
     "published": "2021-07-16",
     "text": "DOHA, July 16 (Gulf Ledger) - Taliban negotiators met a government delegation in Doha on "
             "Thursday, both sides said.\n\nThe United Nations urged the Taliban to halt its offensive."},
]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("export")
    src = folder / "reports.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in REPORTS), encoding="utf-8")
    path = folder / "khabar.db"
    conn = connect(path)
    rep = ingest(conn, [str(src)], Extractor(mode="fast"))
    assert rep.new == 2 and not rep.errors
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path


def plover_lines(run, db: Path, *extra: str) -> list[dict]:  # type: ignore[no-untyped-def]
    r = run("export", "events", "--format", "plover", "--db", db, *extra)
    assert r.exit_code == 0, r.output
    return [json.loads(line) for line in r.stdout.splitlines()]


def test_plover_jsonl_has_the_specification_fields(run, db: Path) -> None:  # type: ignore[no-untyped-def]
    recs = plover_lines(run, db)
    assert recs and all(all(k in rec for k in REQUIRED) for rec in recs)
    by_event = {rec["event"][0]: rec for rec in recs}
    attack = by_event["ASSAULT"]
    assert attack["mode"] == ["heavy-weapons"]  # "with rockets"
    assert "military" in attack["context"]
    assert attack["date"] == "2021-07-13"  # "on Tuesday" before the report of the 14th
    assert [a["actor_text"] for a in attack["source"]] == ["Taliban"]
    assert attack["source"][0]["khabar_party"] == "taliban"
    loc = attack["event_loc"]
    assert (loc["name"], loc["admin2 code"], loc["admin1 code"]) == ("Nerkh", "AF0402", "AF04")
    assert 33 < loc["latitude"] < 35 and 68 < loc["longitude"] < 69.5  # a point in Wardak
    assert "rockets" in attack["text"] and attack["event_text"] == ["attacked"]
    assert attack["cite_info"]["url"] == "https://plovertest.example/nerkh-rockets"
    assert attack["quad_code"] == 4 and attack["link"].startswith("e-assault-")
    # the record's id is the one review and explain take
    conn = connect(db)
    assert conn.execute("SELECT type FROM events WHERE id = ?", (attack["id"],)).fetchone()[0] == "ASSAULT"
    meeting = by_event["CONSULT"]
    assert meeting["quad_code"] == 1 and meeting["date"] == "2021-07-15"
    assert by_event["MOBILIZE"]["mode"] == ["troops"]  # "sent commandos"
    urged = by_event["DEMAND"]  # khabar's REQUEST is PLOVER 0.7's DEMAND
    assert urged["khabar_type"] == "REQUEST"
    assert [a["actor_text"] for a in urged["recipient"]] == ["Taliban"]
    assert urged["khabar_date_from"] == "report" and urged["date"] == "2021-07-16"


def test_plover_as_of_leaves_out_later_events_and_a_rejected_one(run, db: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    early = plover_lines(run, db, "--as-of", "2021-07-14")
    assert {r["event"][0] for r in early} == {"ASSAULT", "MOBILIZE"}
    attack = next(r for r in early if r["event"][0] == "ASSAULT")
    copy = tmp_path / "k.db"
    copy.write_bytes(db.read_bytes())
    r = run("review", attack["id"], "--reject", "--note", "not an attack", "--db", copy)
    assert r.exit_code == 0, r.output
    assert attack["id"] not in {rec["id"] for rec in plover_lines(run, copy)}


def test_other_formats_and_tables(run, db: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    r = run("export", "control", "--as-of", "2021-07-14", "--db", db)
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    nerkh = next(row for row in rows if row["district"] == "Nerkh")
    assert nerkh["controller"] == "taliban" and nerkh["since"] == "2021-07-13"
    assert len(rows) == 399
    r = run("export", "control", "--as-of", "2021-07-12", "--format", "geojson", "--db", db)
    feats = json.loads(r.stdout)["features"]
    assert next(f for f in feats if f["id"] == "AF0402")["properties"]["controller"] is None  # not yet taken
    r = run("export", "events", "-f", "geojson", "--db", db)
    points = json.loads(r.stdout)["features"]
    assert [p["properties"]["district_id"] for p in points] == ["AF0402"]  # only the event with a district
    assert points[0]["geometry"]["type"] == "Point"
    out = tmp_path / "claims.parquet"
    r = run("export", "events", "--format", "parquet", "--out", out, "--db", db)
    assert r.exit_code == 0 and "written to" in r.stdout
    table = pq.read_table(out)
    assert table.num_rows == 4 and "district_ids" in table.column_names


@pytest.mark.parametrize(("args", "says"), [
    (("claims", "--format", "plover"), "plover is for events"),
    (("quotes", "--format", "geojson"), "geojson is for control"),
    (("people",), "no such table"),
    (("events", "--format", "xml"), "no such format"),
    (("claims", "--as-of", "2021-07-14"), "--as-of applies to control"),
    (("events", "--format", "csv", "--as-of", "2021-07-14"), "is the whole stored table"),
])
def test_a_pair_that_does_not_exist_is_one_line(run, db: Path, args: tuple[str, ...], says: str) -> None:  # type: ignore[no-untyped-def]
    r = run("export", *args, "--db", db)
    assert r.exit_code == 1 and says in r.output and "Traceback" not in r.output


def test_the_desk_exports_what_the_command_writes(run, db: Path) -> None:  # type: ignore[no-untyped-def]
    with TestClient(create_app(db)) as client:
        api = client.get("/api/export/events.plover.jsonl")
        assert api.status_code == 200 and api.headers["content-type"].startswith("application/x-ndjson")
        assert api.text == run("export", "events", "--format", "plover", "--db", db).stdout
        day = client.get("/api/export/events.plover.jsonl?as_of=2021-07-14").text
        assert day == run("export", "events", "-f", "plover", "--as-of", "2021-07-14", "--db", db).stdout
        # CSV lines end in CRLF (RFC 4180); the test runner's stdout reads them as text
        assert client.get("/api/export/control-2021-07-14.csv").text.splitlines() == run(
            "export", "control", "--as-of", "2021-07-14", "--db", db).stdout.splitlines()
        assert client.get("/api/export/events.geojson").json()["features"][0]["properties"]["district"] == "Nerkh"


# our own sentences, three phrasings a mode in different outlets' styles; no cue: no mode
@pytest.mark.parametrize(("ptype", "trigger", "sentence", "mode"), [
    ("ASSAULT", "attacked", "Gunmen attacked the checkpoint with a car bomb at dawn.", ["explosives"]),
    ("ASSAULT", "killed", "Two policemen were killed when a roadside device went off near the bazaar, police said.",
     ["explosives"]),
    ("ASSAULT", "struck", "An explosion struck the convoy on the highway, the ministry said in a statement.",
     ["explosives"]),
    ("ASSAULT", "air strikes", "", ["heavy-weapons"]),
    ("ASSAULT", "pounded", "Militants pounded the district centre with mortars overnight, residents told AFP.",
     ["heavy-weapons"]),
    ("ASSAULT", "attacked", "The rebels attacked army positions with drones and artillery on Friday (Xinhua).",
     ["heavy-weapons"]),
    ("ASSAULT", "opened fire", "Unknown men opened fire on a police vehicle in the city, a spokesman said.",
     ["firearms"]),
    ("ASSAULT", "shot dead", "A local official was shot dead outside his home, TOLOnews reported.", ["firearms"]),
    ("ASSAULT", "attacked", "Gunmen attacked a polling station in the east, officials said.", ["firearms"]),
    ("ASSAULT", "stormed", "Fighters stormed the compound, residents told our reporter.", []),
    ("ASSAULT", "fighting", "Heavy fighting continued around the town for a third day.", []),
    ("RETREAT", "pulled out of", "Troops pulled out of the base overnight.", ["withdraw"]),
    ("RETREAT", "withdrew", "Government forces withdrew from the district centre after two days of clashes.",
     ["withdraw"]),
    ("RETREAT", "fled", "Soldiers fled across the river into the neighbouring country, border guards said.",
     ["withdraw"]),
    ("RETREAT", "freed", "The group freed 40 prisoners on Eid.", ["release"]),
    ("RETREAT", "released", "The militants released the kidnapped engineers on Sunday, the company said.",
     ["release"]),
    ("RETREAT", "handed over", "Elders said the captives were set free and handed over to their families.",
     ["release"]),
    ("CONSULT", "spoke by phone", "", ["phone"]),
    ("CONSULT", "discussed", "The two ministers discussed the situation in a telephone conversation on Monday.",
     ["phone"]),
    ("CONSULT", "held talks", "The envoys held talks by video link, the foreign office said.", ["phone"]),
    ("CONSULT", "talks", "The fourth round of talks, hosted by officials of a neighbouring state, ended on Sunday.",
     ["third-party"]),
    ("CONSULT", "met", "Both delegations met in a third country in a meeting brokered by the envoy.",
     ["third-party"]),
    ("CONSULT", "negotiations", "Negotiations mediated by Qatar resumed in Doha (Reuters).", ["third-party"]),
    ("CONSULT", "visited", "The minister visited the capital for two days of talks.", ["visit"]),
    ("CONSULT", "met", "The delegation arrived in Moscow on Thursday and met officials there.", ["visit"]),
    ("CONSULT", "received", "The president received the visiting envoy at the palace.", ["visit"]),
    ("COERCE", "besieged", "", ["restrict"]),
    ("COERCE", "encircled", "Insurgents have encircled the provincial capital, cutting the main road.",
     ["restrict"]),
    ("COERCE", "laid siege", "The town has been under siege for weeks, aid workers said.", ["restrict"]),
    ("COERCE", "detained", "Police detained three journalists in the city.", ["arrest"]),
    ("COERCE", "arrested", "Security forces arrested a district official on Tuesday (Pajhwok).", ["arrest"]),
    ("COERCE", "took", "Fighters took two aid workers into custody at a checkpoint, the UN said.", ["arrest"]),
    ("MOBILIZE", "sent", "The ministry sent commandos to the province.", ["troops"]),
    ("MOBILIZE", "deployed", "Hundreds of soldiers were deployed along the border, state media said.", ["troops"]),
    ("MOBILIZE", "called up", "The council called up reservists under a conscription law.", ["troops"]),
    ("AID", "delivered", "The agency delivered food and medicine to the camps.", ["humanitarian"]),
    ("AID", "pledged", "The donors pledged $20 million in funding for schools, the embassy said.", ["economic"]),
    ("AID", "supplied", "The neighbour supplied weapons and ammunition to the border force.", ["military"]),
])
def test_modes_from_the_trigger_or_sentence(ptype: str, trigger: str, sentence: str, mode: list[str]) -> None:
    assert plover_mode(ptype, trigger, sentence) == mode


def test_khabar_types_map_onto_plover_categories() -> None:
    from khabar.records import PLOVER_TYPES
    from khabar.render.plover import QUAD

    assert plover_type("REQUEST") == "DEMAND" and plover_type("DISAPPROVE") == "ACCUSE"
    assert all(plover_type(t) in QUAD for t in PLOVER_TYPES)  # every type lands on a 0.7 category
