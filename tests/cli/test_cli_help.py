"""Every command has help and is in the README."""

from __future__ import annotations

import pytest

from khabar.cli.main import app

COMMANDS = [c.name for c in app.registered_commands]


def test_the_readme_commands_are_registered() -> None:
    assert {"ingest", "extract", "control", "map", "demo", "eval"} <= set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(run, command: str) -> None:  # type: ignore[no-untyped-def]
    result = run(command, "--help")
    assert result.exit_code == 0, result.output
    assert f"{command} [OPTIONS]" in result.stdout
    assert result.stderr == ""


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_readme(readme: str, command: str) -> None:
    assert f"| `khabar {command}" in readme


def test_top_level_help_lists_every_command(run) -> None:  # type: ignore[no-untyped-def]
    result = run("--help")
    assert result.exit_code == 0
    for command in COMMANDS:
        assert f" {command} " in result.stdout
