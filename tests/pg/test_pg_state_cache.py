"""The kept district timelines on PostgreSQL: the store's triggers mark what a write moves, and the
kept answer equals the one computed from every row, on the samples (with a review, a claim's review,
a baseline and a new report), on generated observations and when a report of recent days resumes
its districts from their kept tracks (`tests/compile/test_state_cache.py`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.compile.test_state_cache import (
    check_generated,
    check_resume,
    check_reviews_baselines_and_new_reports,
)


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_kept_answer_equals_every_row_on_the_samples_pg(store_url: str, tmp_path: Path) -> None:
    assert store_url.startswith("postgresql://")
    check_reviews_baselines_and_new_reports(store_url, tmp_path)


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_kept_answer_equals_every_row_on_generated_data_pg(store_url: str) -> None:
    check_generated(store_url)


@pytest.mark.parametrize("engine", ["postgresql"], indirect=True)
def test_a_report_of_recent_days_resumes_its_districts_pg(store_url: str) -> None:
    """PostgreSQL's marks carry the day a stored change counts from (m014), so a report of recent
    days resumes its districts from their kept tracks there too."""
    check_resume(store_url)
