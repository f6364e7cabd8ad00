"""A database remembers its theatre: commands that read it need no --theatre, and a given one wins."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from khabar.theatres.loader import load

pytestmark = pytest.mark.model


@pytest.fixture
def myanmar_reports(tmp_path: Path) -> Path:
    """Three of Myanmar's sample reports with their index lines, in a folder of their own."""
    src = load("myanmar").samples / "corpus"
    dest = tmp_path / "reports"
    dest.mkdir()
    lines = [line for line in (src / "index.jsonl").read_text(encoding="utf-8").splitlines()
             if line.strip() and json.loads(line)["id"] in ("001", "002", "003")]
    for line in lines:
        shutil.copy(src / f"{json.loads(line)['id']}.txt", dest)
    (dest / "index.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return dest


def test_commands_default_to_the_database_theatre(run, myanmar_reports: Path) -> None:  # type: ignore[no-untyped-def]
    assert run("ingest", myanmar_reports, "--theatre", "myanmar", "--pipeline", "fast").exit_code == 0
    control = run("control", "--json")
    assert control.exit_code == 0, control.output
    counts = json.loads(control.stdout)["counts"]
    assert "military" in counts and "taliban" not in counts  # Myanmar's parties, without --theatre
    assert "townships" in run("control").stdout  # and its admin level's name
    timeline = run("timeline", "-o", "out")
    assert timeline.exit_code == 0, timeline.output
    header = (Path("out") / "timeline.csv").read_text(encoding="utf-8").splitlines()[0]
    assert "mndaa" in header and "taliban" not in header


def test_a_given_theatre_still_wins_and_another_theatre_cannot_ingest(run, myanmar_reports: Path) -> None:  # type: ignore[no-untyped-def]
    assert run("ingest", myanmar_reports, "--theatre", "myanmar", "--pipeline", "fast").exit_code == 0
    given = run("control", "--json", "--theatre", "afghanistan")
    assert given.exit_code == 0, given.output
    assert "taliban" in json.loads(given.stdout)["counts"]
    other = run("ingest", myanmar_reports, "--theatre", "afghanistan", "--pipeline", "fast")
    assert other.exit_code != 0
    assert "myanmar_2021_24" in other.output


def test_ingest_into_a_database_takes_its_theatre(run, myanmar_reports: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first, more = tmp_path / "first", tmp_path / "more"
    first.mkdir()
    more.mkdir()
    lines = (myanmar_reports / "index.jsonl").read_text(encoding="utf-8").splitlines()
    for folder, part in ((first, lines[:1]), (more, lines[1:])):
        for line in part:
            shutil.copy(myanmar_reports / f"{json.loads(line)['id']}.txt", folder)
        (folder / "index.jsonl").write_text("\n".join(part) + "\n", encoding="utf-8")
    assert run("ingest", first, "--theatre", "myanmar", "--pipeline", "fast").exit_code == 0
    again = run("ingest", more, "--pipeline", "fast")  # no --theatre: the database's own
    assert again.exit_code == 0, again.output
    assert "2 new report" in again.stdout
