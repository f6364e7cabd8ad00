"""Running khabar's commands in-process (typer's CliRunner) from a scratch working folder."""

from __future__ import annotations

import socket
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from khabar.cli.main import app

SAMPLES = Path(__file__).parents[1] / "samples"
README = Path(__file__).parents[2] / "README.md"

# Wide enough that rich never wraps a line; KHABAR_DB unset so that --db defaults apply.
ENV = {"COLUMNS": "300", "KHABAR_DB": None}

Run = Callable[..., Result]


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Run:
    """Return `run(*args)`: invoke `khabar ARGS` in a fresh working folder, stdout and stderr apart."""
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()

    def invoke(*args: str | Path, env: dict | None = None) -> Result:
        return runner.invoke(app, [str(a) for a in args], env={**ENV, **(env or {})})
    return invoke


@pytest.fixture(scope="session")
def samples() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def readme() -> str:
    return README.read_text(encoding="utf-8")


@pytest.fixture
def closed_port() -> int:
    """Return a port on 127.0.0.1 that nothing listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
