"""`khabar baseline FILE.csv --as-of DATE --source NAME`: a per-district assessment imported, all or nothing,
shown as the source's word on that day in `district`, `control`, `explain` and the map, superseded by later
reports, listed, shown and removed as one unit; and the claim check reaching a verdict it could not reach."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from khabar.theatres.loader import load

BAD = "district,controller\nMaiwand,Taliban\nAtlantis,Taliban\nNawa,Government\nAF0101,Government\n"


def write(name: str, text: str) -> Path:
    p = Path(name)
    p.write_text(text, encoding="utf-8")
    return p


def test_import_then_district_control_and_explain_say_per_source_baseline(run) -> None:  # type: ignore[no-untyped-def]
    csv = write("lwj.csv", "# example\nDistrict,Province,Controller,Notes\nMaywand,Kandahar,Taliban-controlled,\n"
                           "Dand,,Taliban,newer district\nAF0101,,Government,\nKhakrez,,,\n")
    r = run("baseline", csv, "--as-of", "2021-07-10", "--source", "Long War Journal", "--grade", "B2", "--db", "k.db")
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("Imported baseline long-war-journal-2021-07-10: Long War Journal as of 2021-07-10, "
                               "grade B2 (given with --grade): 3 district(s) (Taliban 2, Government 1); 4 row(s) "
                               "read: 3 imported (1 newer district(s) in their polygons), 0 unresolved, 1 with no "
                               "controller (not assessed)")
    assert "lwj.csv: line 4: Dand: part of Kandahar district in the 2018 boundaries" in r.stderr
    out = run("district", "Maiwand", "--db", "k.db", "--as-of", "2021-07-20").stdout
    assert "As of 2021-07-20: Taliban per Long War Journal baseline as of 2021-07-10, since unknown " \
           "(high confidence, B2, a baseline)" in out
    assert "Events (1, from 0 report(s) and 1 baseline(s)" in out
    data = json.loads(run("control", "--db", "k.db", "--as-of", "2021-07-20", "--json").stdout)
    held = {d["district_id"]: (d["controller"], d["since"], d["held_as_of"]) for d in data["districts"]
            if d["controller"]}
    assert held == {"AF2710": ("taliban", None, "2021-07-10"), "AF2701": ("taliban", None, "2021-07-10"),
                    "AF0101": ("government", None, "2021-07-10")}
    assert data["counts"]["baseline"] == 3
    ex = run("explain", "baseline-long-war-journal-2021-07-10-AF2701", "--db", "k.db")
    assert ex.exit_code == 0, ex.output
    assert "Dand (Kandahar): Taliban per Long War Journal baseline as of 2021-07-10, B2" in ex.stdout
    before = json.loads(run("control", "--db", "k.db", "--as-of", "2021-07-09", "--json").stdout)
    assert not any(d["controller"] for d in before["districts"])  # nothing before its day


def test_a_bad_row_stores_nothing_and_each_is_one_line(run) -> None:  # type: ignore[no-untyped-def]
    csv = write("bad.csv", BAD)
    r = run("baseline", csv, "--as-of", "2021-07-10", "--source", "LWJ", "--db", "k.db")
    assert r.exit_code == 1
    errors = [line for line in r.stderr.splitlines() if line.startswith("Error:")]
    assert errors == ["Error: bad.csv: line 3: 'Atlantis': no such district in the theatre's gazetteer (give a "
                      "name, a spelling of it or its id)",
                      "Error: bad.csv: line 4: 'Nawa' names 2 districts: Nawa, Ghazni (AF1119); Nawa, Helmand "
                      "(AF3003); add a province column or give the id"]
    assert "Nothing imported: 2 of 4 row(s) unresolved (above); fix them, or pass --skip-unresolved to import " \
           "the other 2" in r.stdout
    assert "No baselines stored" in run("baseline", "list", "--db", "k.db").stdout
    r = run("baseline", csv, "--as-of", "2021-07-10", "--source", "LWJ", "--db", "k.db", "--skip-unresolved")
    assert r.exit_code == 0, r.output
    assert "2 district(s) (Taliban 1, Government 1); 4 row(s) read: 2 imported, 2 unresolved" in r.stdout


def test_check_stores_nothing(run) -> None:  # type: ignore[no-untyped-def]
    csv = write("ok.csv", "district,controller\nMaiwand,Taliban\n")
    r = run("baseline", "import", csv, "--as-of", "2021-07-10", "--source", "LWJ", "--db", "k.db", "--check")
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("Checked ok.csv, nothing stored: 1 district(s) (Taliban 1)")
    assert not Path("k.db").exists()  # no store made either
    bad = run("baseline", write("bad.csv", BAD), "--as-of", "2021-07-10", "--source", "LWJ", "--check")
    assert bad.exit_code == 1 and bad.stderr.count("Error: bad.csv: line ") == 2


def test_list_show_replace_and_remove_as_one_unit(run) -> None:  # type: ignore[no-untyped-def]
    csv = write("ok.csv", "district,controller\nMaiwand,Taliban\nAF0101,Government\n")
    assert run("baseline", csv, "--as-of", "2021-07-10", "--source", "Long War Journal", "--db", "k.db").exit_code == 0
    again = run("baseline", csv, "--as-of", "2021-07-10", "--source", "Long War Journal", "--db", "k.db")
    assert again.exit_code == 1
    assert "baseline long-war-journal-2021-07-10 is already stored (Long War Journal as of 2021-07-10); pass " \
           "--replace" in again.stderr
    other = write("other.csv", "district,controller\nMaiwand,Government\n")
    assert run("baseline", other, "--as-of", "2021-07-01", "--source", "Analyst X", "--grade", "C3",
               "--name", "x-july", "--db", "k.db").exit_code == 0
    listed = json.loads(run("baseline", "list", "--db", "k.db", "--json").stdout)
    assert json.loads(run("baseline", "--db", "k.db", "list", "--json").stdout) == listed  # --db before the command
    assert json.loads(run("baseline", "--list", "--json", "--db", "k.db").stdout) == listed
    assert [(b["name"], b["source"], b["as_of"], b["grade"], b["districts"]) for b in listed] == [
        ("x-july", "Analyst X", "2021-07-01", "C3", 1),
        ("long-war-journal-2021-07-10", "Long War Journal", "2021-07-10", "B2", 2)]  # B: the theatre's outlet
    shown = run("baseline", "show", "long-war-journal-2021-07-10", "--db", "k.db", "--csv").stdout.splitlines()
    assert shown == ["line,given,district_id,district,province,controller,note,on_2021-07-10",
                     "3,AF0101,AF0101,Kabul,Kabul,government,,stands", "2,Maiwand,AF2710,Maiwand,Kandahar,taliban,,stands"]
    # the later baseline wins over the earlier one from its day
    assert "Taliban per Long War Journal" in run("district", "AF2710", "--db", "k.db", "--as-of", "2021-07-11").stdout
    assert "Government per Analyst X baseline as of 2021-07-01" in run(
        "district", "AF2710", "--db", "k.db", "--as-of", "2021-07-05").stdout
    r = run("baseline", "--remove", "long-war-journal-2021-07-10", "--db", "k.db")
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("Removed baseline long-war-journal-2021-07-10: Long War Journal as of 2021-07-10, "
                               "grade B2, 2 district(s)")
    assert "Government per Analyst X" in run("district", "AF2710", "--db", "k.db", "--as-of", "2021-07-11").stdout
    assert "no reports" in run("district", "AF0101", "--db", "k.db", "--as-of", "2021-07-11").stdout
    r = run("baseline", "remove", "nope", "--db", "k.db")
    assert r.exit_code == 1 and "no baseline named 'nope'; stored: x-july" in r.stderr
    assert run("baseline", "remove", "x-july", "--db", "k.db").exit_code == 0


def test_a_report_after_its_day_moves_the_district(run, samples: Path) -> None:  # type: ignore[no-untyped-def]
    """district_taken: Panjwayi captured on 2021-07-04; a baseline of 07-01 had it with the government."""
    folder = Path("reports")
    folder.mkdir()
    for f in ("district_taken.txt", "index.jsonl"):
        shutil.copy(samples / f, folder)
    assert run("ingest", folder, "--db", "k.db", "--pipeline", "fast", "--quiet").exit_code == 0
    write("b.csv", "district,controller\nPanjwai,Government\n")
    assert run("baseline", "b.csv", "--as-of", "2021-07-01", "--source", "LWJ", "--db", "k.db").exit_code == 0
    assert "Government per LWJ baseline as of 2021-07-01" in run(
        "district", "Panjwai", "--db", "k.db", "--as-of", "2021-07-02").stdout
    out = run("district", "Panjwai", "--db", "k.db", "--as-of", "2021-07-10").stdout
    assert "As of 2021-07-10: Taliban since 2021-07-04" in out
    write("c.csv", "district,controller\nMaiwand,Government\nPanjwai,Taliban\n")  # a later one, agreeing on one
    assert run("baseline", "c.csv", "--as-of", "2021-07-02", "--source", "X", "--db", "k.db").exit_code == 0
    shown = json.loads(run("baseline", "show", "lwj-2021-07-01", "--db", "k.db", "--as-of", "2021-07-10",
                           "--json").stdout)
    assert (shown["on"], shown["standing"]) == ("2021-07-10", 0)
    assert [r["on_2021-07-10"] for r in shown["rows"]] == ["moved: taliban since 2021-07-04 (reports)"]
    shown = json.loads(run("baseline", "show", "x-2021-07-02", "--db", "k.db", "--json", "--as-of", "2021-07-03").stdout)
    assert {r["district"]: r["on_2021-07-03"] for r in shown["rows"]} == {"Maiwand": "stands", "Panjwai": "stands"}
    shown = json.loads(run("baseline", "show", "x-2021-07-02", "--db", "k.db", "--json").stdout)  # the latest day
    assert {r["district"]: r["on_2021-07-06"] for r in shown["rows"]} == {
        "Maiwand": "stands", "Panjwai": "agrees: taliban since 2021-07-04 (reports)"}


def test_another_theatres_store_is_refused_and_a_day_outside_the_period_noted(run) -> None:  # type: ignore[no-untyped-def]
    write("mm.csv", "township,controller\nLashio,MNDAA\n")
    r = run("baseline", "mm.csv", "--as-of", "2024-01-01", "--source", "X", "--theatre", "myanmar", "--db", "k.db")
    assert r.exit_code == 0, r.output
    write("af.csv", "district,controller\nMaiwand,Taliban\n")
    r = run("baseline", "af.csv", "--as-of", "2019-01-01", "--source", "X", "--theatre", "afghanistan", "--db", "k.db")
    assert r.exit_code == 1
    assert "Note: --as-of 2019-01-01 is outside the theatre's period (2021-05-01 to 2021-09-30)" in r.stderr
    assert "this database holds reports of theatre myanmar_2021_24, not afghanistan_2021" in r.stderr
    assert [b["source"] for b in json.loads(run("baseline", "list", "--db", "k.db", "--json").stdout)] == ["X"]


def test_the_map_shows_what_rests_on_a_baseline(run) -> None:  # type: ignore[no-untyped-def]
    write("ok.csv", "district,controller\nMaiwand,Taliban\nAF0101,Government\n")
    assert run("baseline", "ok.csv", "--as-of", "2021-07-10", "--source", "LWJ", "--db", "k.db").exit_code == 0
    r = run("map", "--db", "k.db", "--as-of", "2021-07-12", "--output", "m.html")
    assert r.exit_code == 0, r.output
    page = Path("m.html").read_text(encoding="utf-8")
    assert page.count('class="c-taliban baseline"') == 1 and page.count('class="c-government baseline"') == 1
    assert '"per":"per LWJ baseline as of 2021-07-10"' in page
    assert "Drawn lighter, as a baseline gives them with no report since: 2 districts per LWJ baseline as of " \
           "2021-07-10." in page


@pytest.fixture
def claim_store(run, samples: Path) -> Path:  # type: ignore[no-untyped-def]
    """A store with one claim: the Taliban's 85 percent of the territory, on 2021-07-09."""
    folder = Path("reports")
    folder.mkdir()
    for f in ("claim_with_number.txt", "index.jsonl"):
        shutil.copy(samples / f, folder)
    assert run("ingest", folder, "--db", "k.db", "--pipeline", "fast", "--quiet").exit_code == 0
    return Path("k.db")


def test_the_claim_check_reaches_a_verdict_with_a_baseline(run, claim_store: Path) -> None:  # type: ignore[no-untyped-def]
    def verdict() -> str:
        data = json.loads(run("claims", "--check", "--db", claim_store, "--json").stdout)
        (check,) = [c for c in data["checks"] if c["measure"] == "territory"]
        based = "399 as a baseline gives them" in check["figures"][0]["basis"]
        return str(check["verdict"]) + (" (on the baseline)" if based else "")

    assert verdict() == "not checkable"  # no report says who holds any district
    th = load("afghanistan_2021")
    ids = list(th.districts)
    rows = [f"{d},{'Taliban' if i % 3 == 0 else 'Government'}" for i, d in enumerate(ids)]  # a third Taliban
    write("third.csv", "district_id,controller\n" + "\n".join(rows) + "\n")
    r = run("baseline", "third.csv", "--as-of", "2021-07-08", "--source", "Example", "--grade", "B2", "--db", claim_store)
    assert r.exit_code == 0, r.output
    # 85 percent against about a third of the land, every district known, and the figure says on what
    assert verdict() == "overstated (on the baseline)"
    assert run("baseline", "remove", "example-2021-07-08", "--db", claim_store).exit_code == 0
    assert verdict() == "not checkable"
