"""`khabar demo`: the map's counts, the CSV and the timeline of the bundled reports agree."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path


def test_demo_map_csv_and_timeline_agree(run) -> None:  # type: ignore[no-untyped-def]
    result = run("demo", "--out", "d", "--pipeline", "fast")
    assert result.exit_code == 0, result.output
    headline = next(line for line in result.stdout.splitlines() if line.startswith("Taliban "))
    day = re.search(r"as of (\d{4}-\d\d-\d\d)", headline)
    assert day
    page = Path("d/map.html").read_text(encoding="utf-8")
    assert headline in page
    rows = list(csv.DictReader(open("d/timeline.csv", encoding="utf-8")))
    last = rows[-1]
    assert last["date"] == day.group(1)
    controls = [r["controller"] for r in csv.DictReader(open("d/control.csv", encoding="utf-8"))]
    for side, label in (("taliban", "Taliban"), ("government", "Government"), ("contested", "contested")):
        assert f"{label} {last[side]}," in headline
        assert controls.count(side) == int(last[side])
    assert controls.count("nrf") == int(last["nrf"])  # the NRF is a party: a column of its own
    assert controls.count("") == int(last["no_reports"])
    for name in ("timeline.png", "timeline.svg"):
        assert Path("d", name).stat().st_size > 1000
    data = json.loads(run("control", "--db", "d/khabar.db", "--as-of", rows[40]["date"],
                          "--json").stdout)["counts"]
    assert (data["taliban"], data["government"], data["contested"]) == (
        int(rows[40]["taliban"]), int(rows[40]["government"]), int(rows[40]["contested"]))
