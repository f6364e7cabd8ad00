"""Start-up: a command imports its own module and not every other command's (issue 15).

`khabar --help` still lists every command with its help, and a mistyped command still gets a suggestion.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from khabar.cli.main import COMMANDS, GROUPS, app, load_command

# Prints the khabar.cli command modules the run imported, on the last line of stderr.
PROBE = ("import sys; from khabar.cli.main import app\n"
         "try:\n    app(sys.argv[1:])\nexcept SystemExit as e:\n    assert not e.code, e.code\n"
         "print(' '.join(sorted(m for m in sys.modules if m.startswith('khabar.cli.') and m.endswith('_cmd'))),"
         " file=sys.stderr)")


def _imported(args: list[str], cwd: Path) -> set[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("KHABAR_DB", "KHABAR_THEATRE")}
    result = subprocess.run([sys.executable, "-c", PROBE, *args], cwd=cwd, env=env, text=True,
                            stdin=subprocess.DEVNULL, capture_output=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return set((result.stderr.strip().splitlines() or [""])[-1].split())


def test_every_command_is_registered_under_its_name() -> None:
    assert [c.name for c in app.registered_commands] == list(COMMANDS)
    assert {"ingest", "extract", "control", "export"} <= set(COMMANDS) and "baseline" in GROUPS


def test_top_level_help_gives_each_command_its_own_help(run) -> None:  # type: ignore[no-untyped-def]
    result = run("--help")
    assert result.exit_code == 0
    listing = " ".join(result.stdout.replace("│", " ").split())
    for name in [*COMMANDS, *GROUPS]:
        first_words = " ".join(load_command(name).help.split()[:6])
        assert f" {name} {first_words}" in listing, (name, first_words)


def test_a_mistyped_command_is_still_refused_with_a_suggestion(run) -> None:  # type: ignore[no-untyped-def]
    result = run("contrl")
    assert result.exit_code != 0
    assert "Did you mean 'control'?" in result.output
    assert run("nosuchcommand").exit_code != 0


def test_importing_the_command_line_imports_no_command(tmp_path: Path) -> None:
    code = ("import sys; import khabar.cli.main\n"
            "print(' '.join(m for m in sys.modules if m.endswith('_cmd') or m == 'khabar.cli.common'))")
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, text=True, capture_output=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


@pytest.mark.parametrize("args, own", [(["control", "--help"], "khabar.cli.control_cmd"),
                                       (["theatres"], "khabar.cli.theatres_cmd"),
                                       (["--version"], None)])
def test_a_command_imports_only_its_own_module(tmp_path: Path, args: list[str], own: str | None) -> None:
    imported = _imported(args, tmp_path)
    assert imported == ({own} if own else set()), imported


def test_extracting_one_report_imports_no_store_command(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text("Insurgents overran the district centre of Pashtun Kot on Tuesday, a police "
                      "spokesman told reporters in the provincial capital.\n", encoding="utf-8")
    imported = _imported(["extract", str(report), "--jsonl", "--pipeline", "fast"], tmp_path)
    assert "khabar.cli.extract_cmd" in imported
    # extract reuses ingest's reading of files; nothing that reads or writes the store's records
    assert imported <= {"khabar.cli.extract_cmd", "khabar.cli.ingest_cmd"}, imported
    assert not imported & {"khabar.cli.baseline_cmd", "khabar.cli.eval_cmd", "khabar.cli.control_cmd"}


def test_extracting_does_not_load_spacys_command_line(tmp_path: Path) -> None:
    """spaCy's __init__ imports its whole command line for spacy.info; a khabar run defers it."""
    report = tmp_path / "report.txt"
    report.write_text("Government forces retook the district of Dand Ghori late on Sunday, the governor's "
                      "office announced.\n", encoding="utf-8")
    code = ("import sys; from khabar.cli.main import app\n"
            "try:\n    app(sys.argv[1:])\nexcept SystemExit as e:\n    assert not e.code, e.code\n"
            "print('spacy' in sys.modules, 'spacy.cli._util' in sys.modules, file=sys.stderr)")
    for pipeline in ("fast", "standard"):
        env = {k: v for k, v in os.environ.items() if k not in ("KHABAR_DB", "KHABAR_THEATRE")}
        result = subprocess.run([sys.executable, "-c", code, "extract", str(report), "--jsonl",
                                 "--pipeline", pipeline], cwd=tmp_path, env=env, text=True,
                                stdin=subprocess.DEVNULL, capture_output=True, timeout=300)
        assert result.returncode == 0, result.stderr
        assert '"Dand Ghori"' in result.stdout or "dand" in result.stdout.lower(), result.stdout[:500]
        assert result.stderr.strip().splitlines()[-1] == "True False", (pipeline, result.stderr[-500:])


@pytest.mark.parametrize("use", ["spacy.info()['spacy_version']",
                                 "spacy.cli.download.__name__",
                                 "__import__('spacy.cli.convert').cli.convert.__name__",
                                 "__import__('importlib').import_module('spacy.cli.download').__name__"])
def test_spacys_command_line_still_loads_when_asked_for(tmp_path: Path, use: str) -> None:
    code = ("import sys; from khabar.cli.main import defer_spacy_cli\ndefer_spacy_cli()\nimport spacy\n"
            "assert 'spacy.cli._util' not in sys.modules\n"
            f"print(repr({use}))")
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, text=True, capture_output=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    real = subprocess.run([sys.executable, "-c", f"import spacy; print(repr({use}))"], cwd=tmp_path,
                          text=True, capture_output=True, timeout=120)
    assert result.stdout == real.stdout != ""
