"""Piped output is plain tab-separated text (a header, one row a line, whole values), and every
command that prints JSON also prints CSV with the same records."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from tests.cli.conftest import Run

SAMPLES = ("several_districts", "district_taken", "district_retaken", "denial")


@pytest.fixture
def db(run: Run, samples: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in SAMPLES:
        shutil.copy(samples / f"{name}.txt", folder)
    shutil.copy(samples / "index.jsonl", folder)
    result = run("ingest", folder, "--db", "k.db", "--pipeline", "fast", "-q")
    assert result.exit_code == 0, result.output
    return tmp_path / "k.db"


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_control_piped_is_tab_separated_with_whole_values(run: Run, db: Path) -> None:
    result = run("control", "--db", db, env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    header, *table, published, headline = lines
    assert published.startswith("On the 421 districts of the published list")
    assert header.split("\t") == ["district", "province", "controller", "since", "held as of", "confidence",
                                  "grade", "reports", "evidence"]
    data = json.loads(run("control", "--db", db, "--json").stdout)
    assert len(table) == len(data["districts"]) > 3
    for line in table:
        cells = line.split("\t")
        assert len(cells) == 9
        assert cells[3] == "" or len(cells[3]) == 10  # a whole day, never cut to 2021-0…
    since = {d["district"]: d["since"] or "" for d in data["districts"]}
    assert {c[0]: c[3] for c in (line.split("\t") for line in table)} == since
    assert headline.startswith("Taliban ") and "\t" not in headline


@pytest.mark.parametrize("args", [("control",), ("district", "Spin Boldak"), ("claims",), ("theatres",),
                                  ("explain", "AF1904-taliban-20210622")])
def test_every_command_with_json_prints_the_same_records_as_csv(run: Run, db: Path, args: tuple[str, ...]) -> None:
    extra = () if args[0] == "theatres" else ("--db", db)
    as_json = json.loads(run(*args, *extra, "--json").stdout)
    result = run(*args, *extra, "--csv")
    assert result.exit_code == 0, result.output
    got = rows(result.stdout)
    if args[0] == "control":
        labels = {"taliban": "Taliban", "government": "Government", "contested": "contested"}
        assert [(r["district"], r["controller"], r["since"]) for r in got] == [
            (d["district"], labels[d["controller"]], d["since"] or "")
            for d in sorted(as_json["districts"], key=lambda d: (d["province"], d["district"]))]
    elif args[0] == "district":
        assert [(r["day"], r["controller"]) for r in got] == [(s["day"], s["controller"]) for s in as_json["states"]]
    elif args[0] == "claims":
        assert [r["claim"] for r in got] == [c["text"] for c in as_json["claims"]]
    elif args[0] == "theatres":
        assert [r["name"] for r in got] == [t["name"] for t in as_json]
    else:
        assert [r["record_id"] for r in got] == [s["record_id"] for s in as_json["sources"]]
