"""The kept district timelines on PostgreSQL: the store's triggers mark what a write moves, and the
kept answer equals the one computed from every row, on the samples (with a review, a claim's review,
a baseline and a new report) and on generated observations (`tests/compile/test_state_cache.py`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.compile.test_state_cache import check_generated, check_reviews_baselines_and_new_reports


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_kept_answer_equals_every_row_on_the_samples_pg(store_url: str, tmp_path: Path) -> None:
    assert store_url.startswith("postgresql://")
    check_reviews_baselines_and_new_reports(store_url, tmp_path)


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_kept_answer_equals_every_row_on_generated_data_pg(store_url: str) -> None:
    check_generated(store_url)
