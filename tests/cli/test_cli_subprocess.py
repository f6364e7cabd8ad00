"""The installed `khabar` script, run as a user runs it, its output piped."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

KHABAR = Path(sys.executable).parent / "khabar"
HEADLINE = "Taliban 3, Government 0, contested 0, no reports 396 of 399 districts as of 2021-07-10"


def khabar(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the installed script with no terminal: stdin, stdout and stderr are not ttys."""
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "KHABAR_DB")}
    return subprocess.run([str(KHABAR), *map(str, args)], cwd=cwd, env=env, text=True,
                          stdin=subprocess.DEVNULL, capture_output=True, timeout=120)


@pytest.fixture(scope="module")
def db_folder(tmp_path_factory: pytest.TempPathFactory, samples: Path) -> Path:
    """A folder with khabar.db holding the several_districts sample, ingested by the script."""
    folder = tmp_path_factory.mktemp("run")
    result = khabar("ingest", samples / "several_districts.txt", "--pipeline", "fast", "--quiet", cwd=folder)
    assert result.returncode == 0, result.stderr
    return folder


def test_installed_script_ingests_and_extracts(db_folder: Path, samples: Path) -> None:
    assert (db_folder / "khabar.db").is_file()
    result = khabar("extract", samples / "several_districts.txt", "--json", "--pipeline", "fast", cwd=db_folder)
    assert result.returncode == 0
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert [c["district_id"] for c in data["control_changes"]] == ["AF1904", "AF1902", "AF1906"]


def test_installed_script_error_is_one_line(tmp_path: Path) -> None:
    result = khabar("ingest", "nope.txt", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == "Error: nope.txt: no such file or folder; check the path\n"


def test_control_headline_is_in_the_piped_output(db_folder: Path) -> None:
    result = khabar("control", "--as-of", "2021-07-10", cwd=db_folder)
    assert result.returncode == 0
    assert HEADLINE in " ".join(result.stdout.split())


def test_control_headline_is_one_line_when_piped(db_folder: Path) -> None:
    result = khabar("control", "--as-of", "2021-07-10", cwd=db_folder)
    assert result.stdout.splitlines()[-1] == HEADLINE


@pytest.mark.parametrize("args", [("district", "Khanabad"), ("explain", "AF1904-taliban-20210622"),
                                  ("control",), ("control", "--json"), ("claims",), ("review", "--list"),
                                  ("timeline", "--out", "t")])
def test_commands_that_do_not_extract_load_no_extraction(db_folder: Path, args: tuple[str, ...]) -> None:
    """spaCy and the extraction pipeline load only where a command extracts (each takes seconds);
    the claim check's geometry (shapely, pyproj) only where it measures a claim."""
    code = ("import sys; from khabar.cli.main import app\n"
            "try:\n    app(sys.argv[1:])\nexcept SystemExit as e:\n    assert not e.code, e.code\n"
            "print(sorted(m for m in ('spacy', 'khabar.extract.pipeline', 'khabar.extract.nlp', 'shapely')"
            " if m in sys.modules), file=sys.stderr)")
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "KHABAR_DB")}
    result = subprocess.run([sys.executable, "-c", code, *args], cwd=db_folder, env=env, text=True,
                            stdin=subprocess.DEVNULL, capture_output=True, timeout=120)
    assert result.returncode == 0, result.stderr
    loaded = result.stderr.strip().splitlines()[-1]
    assert loaded == "[]" if args[0] != "timeline" else "spacy" not in loaded, loaded
