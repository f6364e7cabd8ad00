"""The control CSV: one row per district, report text quoted so it survives a round trip."""

from __future__ import annotations

import csv
from pathlib import Path

from khabar.records import DistrictState
from khabar.render import write_control_csv
from khabar.render.csv_export import COLUMNS


def read(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_csv_has_a_row_per_district_and_the_columns(states: list[DistrictState],
                                                    tmp_path: Path) -> None:
    out = write_control_csv(states, tmp_path / "out" / "control.csv")
    with open(out, encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    assert tuple(header) == COLUMNS == ("district_id", "district", "province", "controller",
                                        "since", "evidence", "document_id", "outlet", "title",
                                        "url", "published")
    rows = read(out)
    assert len(rows) == 399
    assert [r["district_id"] for r in rows] == [s.district_id for s in states]


def test_csv_round_trips_evidence_with_commas_quotes_and_newlines(states: list[DistrictState],
                                                                  tmp_path: Path, tricky: str) -> None:
    rows = read(write_control_csv(states, tmp_path / "control.csv"))
    row = next(r for r in rows if r["evidence"] == tricky)
    assert row["controller"] == "taliban"
    assert row["since"] == "2021-06-01" and row["published"] == "2021-06-01"
    assert row["url"].startswith("https://example.org/")


def test_csv_leaves_cells_empty_for_districts_without_reports(states: list[DistrictState],
                                                              tmp_path: Path) -> None:
    rows = read(write_control_csv(states, tmp_path / "control.csv"))
    quiet = [r for r in rows if not r["controller"]]
    assert len(quiet) == 373
    assert all(r["since"] == r["evidence"] == r["url"] == "" and r["district"] for r in quiet)
    assert {r["controller"] for r in rows} == {"", "taliban", "government", "contested"}
