"""The timeline: CSV of daily counts, and the stacked area chart with published assessments."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

from khabar.compile.control_as_of import Counts
from khabar.compile.sides import Sides
from khabar.render.plots import _assessment_points, write_timeline
from khabar.theatres.loader import Theatre


def days(theatre: Theatre, n: int = 10) -> list[Counts]:
    start = date(2021, 7, 1)
    return [Counts(start + timedelta(i), (("taliban", 10 + i), ("nrf", 0), ("government", 5)), 2, 382 - i,
                   399, i % 2, 1, sides=Sides.of(theatre)) for i in range(n)]


def test_timeline_writes_a_csv_row_per_day_and_both_images(theatre: Theatre, tmp_path: Path) -> None:
    paths = write_timeline(theatre, days(theatre), tmp_path / "t")
    rows = list(csv.DictReader(open(paths["csv"], encoding="utf-8")))
    assert tuple(rows[0]) == ("date", "taliban", "nrf", "government", "contested", "no_reports",
                              "claimed", "total", "events", "held_as_of")
    assert [r["date"] for r in rows][:2] == ["2021-07-01", "2021-07-02"]
    assert (rows[3]["taliban"], rows[3]["no_reports"], rows[3]["claimed"]) == ("13", "379", "1")
    assert paths["png"].read_bytes()[:4] == b"\x89PNG"
    svg = paths["svg"].read_text(encoding="utf-8")
    colours = {p["colour"].lower() for k, p in theatre.config["parties"].items() if k != "nrf"}
    assert all(c in svg.lower() for c in colours)  # the theatre's colours fill the areas
    # a party that holds nothing in the whole range takes no area and no line of the legend
    assert theatre.config["parties"]["nrf"]["colour"].lower() not in svg.lower()


def test_assessments_are_scaled_and_counts_of_capitals_left_out() -> None:
    items = [{"assessor": "LWJ", "controller": "taliban", "count": 215, "of": 421,
              "as_of": "2021-07-05", "unit": "districts"},
             {"assessor": "LWJ", "controller": "taliban", "count": 215, "of": 421,
              "as_of": "2021-07-05", "unit": "districts"},  # the same count, reported again
             {"assessor": "X", "controller": "taliban", "count": 33, "of": 34,
              "as_of": "2021-07-05", "unit": "provincial capitals"},
             {"assessor": "Y", "controller": "taliban", "count": 5, "of": None,
              "as_of": "2021-07-06", "unit": "provincial capitals"},
             {"assessor": "Z", "controller": "taliban", "count": 50, "of": None,
              "as_of": "2021-09-01", "unit": "districts"}]  # outside the range
    (point,) = _assessment_points(items, 399, date(2021, 7, 1), date(2021, 7, 10))
    assert point[0] == date(2021, 7, 5) and round(point[1]) == 204 and point[3] == "LWJ: 215 of 421"


def test_the_unit_not_the_wording_says_what_is_counted() -> None:
    items = [{"assessor": "A", "controller": "taliban", "count": 120, "of": None,
              "as_of": "2021-07-05", "unit": "districts",
              "evidence": "They hold 120 districts and ring the capital."},
             {"assessor": "B", "controller": "taliban", "count": 9, "of": None, "as_of": "2021-07-06",
              "unit": "provincial capitals", "evidence": "Zaranj was the ninth provincial centre to fall."},
             {"assessor": "C", "controller": "taliban", "count": 150, "of": None,
              "as_of": "2021-07-07", "evidence": "150 districts"}]  # stored before m004: districts
    points = _assessment_points(items, 399, date(2021, 7, 1), date(2021, 7, 10))
    assert [(p[3], round(p[1])) for p in points] == [("A: 120", 120), ("C: 150", 150)]
