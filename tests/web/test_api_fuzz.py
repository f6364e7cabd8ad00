"""A schema-driven fuzz of the desk: every operation /openapi.json lists, with values drawn from
its parameters' schemas (valid ones and invalid ones), must answer without a server error, and
in the one JSON error shape when it refuses (schemathesis over hypothesis, on a small database).

The schema is read at collection from a desk over an empty database (the operations do not
depend on the data); the calls go to a desk over a copy of the desk's test database.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from khabar.web.app import create_app

TOKEN = "fuzz-token-93ab"
EXAMPLES = int(os.environ.get("KHABAR_FUZZ_EXAMPLES", "30"))  # per operation; more for a deeper sweep

_empty = Path(tempfile.mkdtemp(prefix="khabar-fuzz-schema-")) / "empty.db"
schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(_empty))
shutil.rmtree(_empty.parent, ignore_errors=True)


@pytest.fixture(scope="module")
def desk_app(desk_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A desk with a token over a copy of the desk database (reviews write to it)."""
    target = tmp_path_factory.mktemp("fuzz") / "khabar.db"
    shutil.copy(desk_db, target)
    return create_app(target, token=TOKEN)


def one_error_shape(ctx: Any, response: Any, case: Any) -> bool | None:
    """A refusal (4xx) is the one JSON error shape, {"ok": false, "error": ..., "status": N}."""
    if 400 <= response.status_code < 500:
        body = response.json()
        assert body["ok"] is False and body["status"] == response.status_code, body
        assert isinstance(body["error"], str) and body["error"] and "\n" not in body["error"], body
    return None


SLOW = "/api/control.geojson"  # about 1 s a call (every district's polygon): fewer examples
FUZZ = dict(deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))


def call(case: Any, app: Any) -> None:
    case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"},
                           checks=[not_a_server_error, one_error_shape], app=app)


@schema.exclude(path=SLOW).parametrize()
@settings(max_examples=EXAMPLES, **FUZZ)  # type: ignore[arg-type]
def test_no_operation_answers_a_server_error(case: Any, desk_app: Any) -> None:
    call(case, desk_app)


@schema.include(path=SLOW).parametrize()
@settings(max_examples=max(3, EXAMPLES // 6), **FUZZ)  # type: ignore[arg-type]
def test_the_geojson_layer_answers_no_server_error(case: Any, desk_app: Any) -> None:
    call(case, desk_app)
