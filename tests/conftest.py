"""Shared by every test: the limits of reading (`khabar.ingest.limits`) are process-wide, and a
command run in this process (CliRunner) sets them; each test starts from the environment's."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from khabar.ingest import limits


@pytest.fixture(autouse=True)
def _fresh_limits() -> Iterator[None]:
    limits.reset()
    yield
    limits.reset()
