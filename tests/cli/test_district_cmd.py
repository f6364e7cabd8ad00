"""`khabar district NAME` and `khabar control`: one capture from three outlets, a party's claim,
a disputed retaking, read from sample reports."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

ASSESSMENT_SAMPLES = ("capture_wire", "capture_ledger", "capture_residents", "claim_own_gain",
                      "conflict_retaken", "conflict_still_held")


@pytest.fixture
def assessed(run, tmp_path: Path, samples: Path) -> Path:  # type: ignore[no-untyped-def]
    """A database of the assessment samples, ingested with the fast pipeline."""
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in ASSESSMENT_SAMPLES:
        shutil.copy(samples / f"{name}.txt", folder)
    shutil.copy(samples / "index.jsonl", folder)
    result = run("ingest", folder, "--db", "a.db", "--pipeline", "fast", "--quiet")
    assert result.exit_code == 0, result.output
    return Path("a.db")


def test_three_outlets_reporting_one_capture_are_one_event(run, assessed: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("district", "Maiwand", "--db", assessed, "--as-of", "2021-07-31")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.startswith("Maiwand, Kandahar province (AF2710)\n")  # the gazetteer's spelling
    assert ("As of 2021-07-31: Taliban since 2021-07-07 (high confidence, B1, 3 report(s))"
            in out)
    assert "Events (1, from 3 report(s)):" in out
    assert "AF2710-taliban-20210707: Maywand (Kandahar) to the Taliban on 2021-07-07, B1" in out
    for outlet in ("B2 Hindukush Wire", "C2 Kabul Ledger", "C2 Khorasan Times"):
        assert outlet in out


def test_a_disputed_district_shows_both_sides(run, assessed: Path) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(run("district", "AF2709", "--db", assessed, "--json").stdout)
    last = data["states"][-1]
    assert (last["controller"], last["since"]) == ("contested", "2021-07-21")
    sides = {c["controller"]: c for c in last["conflict"]}
    assert set(sides) == {"government", "taliban"}
    assert sides["government"]["evidence"].startswith("Afghan commandos retook Ghorak")
    assert sides["taliban"]["evidence"].startswith("Ghorak district remains under Taliban control")
    assert [s["controller"] for s in data["states"]] == ["government", "contested"]


def test_control_lists_claims_and_conflicts(run, assessed: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("control", "--db", assessed, "--as-of", "2021-07-31", "--json")
    data = json.loads(result.stdout)
    by_id = {d["district_id"]: d for d in data["districts"]}
    assert (by_id["AF2710"]["grade"], by_id["AF2710"]["sources"]) == ("B1", 3)
    assert (by_id["AF2707"]["controller"], by_id["AF2707"]["claimed_by"]) == (None, "taliban")
    assert by_id["AF2709"]["controller"] == "contested"
    assert data["claimed"] == 1
    table = run("control", "--db", assessed, "--as-of", "2021-07-31").stdout
    assert table.splitlines()[-1] == ("Taliban 1, Government 0, contested 1, no reports 397 of "
                                      "399 districts as of 2021-07-31; 1 more claimed by a party, "
                                      "unconfirmed")


def test_unknown_and_ambiguous_district_names_are_one_line_errors(run, assessed: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("district", "Nowhereabad", "--db", assessed)
    assert result.exit_code == 1
    assert result.stderr == ("Error: Nowhereabad: no such district in afghanistan_2021; give a "
                             "district name, a spelling of it or its id (e.g. AF2704)\n")
    result = run("district", "Nawa", "--db", assessed)
    assert result.stderr == ("Error: Nawa: names 2 districts; add the province: Nawa, Ghazni; "
                             "Nawa, Helmand\n")
    assert run("district", "Nawa, Helmand", "--db", assessed).exit_code == 0
