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
                                        "url", "published", "confidence", "grade", "sources",
                                        "event_id", "claimed_by", "claim_grade", "disputed_by",
                                        "disputed_evidence", "counts_for", "held_as_of")
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


def test_csv_carries_grades_claims_and_both_sides_of_a_dispute(theatre, make_observation,  # type: ignore[no-untyped-def]
                                                               tmp_path: Path) -> None:
    from dataclasses import replace
    from datetime import date

    from khabar.compile.control_as_of import control_as_of
    from khabar.compile.grading import Grader

    ids = list(theatre.districts)
    day = date(2021, 7, 14)
    held = replace(make_observation(theatre, ids[0], "government", day,
                                    evidence="The district is under government control, the governor said.",
                                    outlet="Watan State Bulletin"), trigger="under government control")
    taken = replace(make_observation(theatre, ids[0], "taliban", day, outlet="Hindukush Wire",
                                     evidence="The Taliban captured the district, officials said."),
                    record_id="rec-2", document_id="doc-2", trigger="captured")
    claim = make_observation(theatre, ids[1], "taliban", day, outlet="Hindukush Wire",
                             evidence="The Taliban said they captured the district.")
    states = control_as_of(theatre.districts, [held, taken, claim], day,
                           grader=Grader.for_theatre(theatre))
    rows = {r["district_id"]: r for r in read(write_control_csv(states, tmp_path / "c.csv"))}
    disputed, claimed = rows[ids[0]], rows[ids[1]]
    assert (disputed["controller"], disputed["confidence"], disputed["sources"]) == (
        "contested", "low", "2")
    assert {disputed["evidence"], disputed["disputed_evidence"]} == {held.evidence, taken.evidence}
    assert (claimed["controller"], claimed["claimed_by"], claimed["claim_grade"]) == (
        "", "taliban", "B4")
