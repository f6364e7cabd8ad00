"""Baselines on either engine: imported from a file through the CLI, compiled with the reports, superseded by a
later report, all or nothing on a failed insert, removed as one unit; a second process sees the import."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from khabar.cli.main import app
from khabar.compile.baseline import Entry, list_baselines, save_baseline
from khabar.extract.pipeline import Extractor
from khabar.jobs import compile_control, ingest
from khabar.store import connect
from khabar.theatres.loader import load

SAMPLES = Path(__file__).parents[1] / "samples"
ENV = {"COLUMNS": "300", "KHABAR_DB": None}


def test_a_baseline_through_the_cli_and_compile(store_url: str, tmp_path: Path) -> None:
    conn = connect(store_url)
    rep = ingest(conn, [str(SAMPLES / "district_taken.txt")], Extractor(mode="fast"), processes=1)  # Panjwayi 07-04
    assert rep.errors == []
    csv = tmp_path / "b.csv"
    csv.write_text("district,province,controller\nPanjwai,,Government\nMaywand,Kandahar,Taliban\nDand,,contested\n",
                   encoding="utf-8")
    runner = CliRunner()
    r = runner.invoke(app, ["baseline", str(csv), "--as-of", "2021-07-01", "--source", "LWJ", "--grade", "B2",
                            "--db", store_url], env=ENV)
    assert r.exit_code == 0, r.output
    theatre = load()

    def held(day: date) -> dict[str, tuple[str | None, date | None, date | None]]:
        states, _ = compile_control(conn, theatre, day)
        return {s.district_id: (s.controller, s.since, s.held_as_of) for s in states if s.controller}

    july1 = date(2021, 7, 1)
    assert held(date(2021, 7, 2)) == {"AF2704": ("government", None, july1), "AF2710": ("taliban", None, july1),
                                      "AF2701": ("contested", None, july1)}
    assert held(date(2021, 7, 5))["AF2704"] == ("taliban", date(2021, 7, 4), None)  # the report wins
    other = connect(store_url)  # another process's connection sees it
    assert [b.name for b in list_baselines(other)] == ["lwj-2021-07-01"]
    listed = json.loads(runner.invoke(app, ["baseline", "list", "--json", "--db", store_url], env=ENV).stdout)
    assert listed[0]["by_controller"] == {"contested": 1, "government": 1, "taliban": 1}
    r = runner.invoke(app, ["baseline", "remove", "lwj-2021-07-01", "--db", store_url], env=ENV)
    assert r.exit_code == 0, r.output
    assert held(date(2021, 7, 2)) == {}
    assert other.execute("SELECT count(*) FROM baseline_rows").fetchone()[0] == 0


def test_a_failed_insert_leaves_nothing(store_url: str) -> None:
    conn = connect(store_url)
    rows = [Entry("AF2710", "Maiwand", "taliban", (2,), "Maiwand"), Entry("AF2710", "Maiwand", "government", (3,), "x")]
    with pytest.raises(Exception, match="(?i)unique|duplicate"):
        save_baseline(conn, load(), "x", "X", date(2021, 7, 1), "B2", rows)
    assert list_baselines(conn) == []
    assert conn.execute("SELECT count(*) FROM baseline_rows").fetchone()[0] == 0
    save_baseline(conn, load(), "x", "X", date(2021, 7, 1), "B2", rows[:1])  # the connection is usable after it
    assert [b.districts for b in list_baselines(conn)] == [1]
