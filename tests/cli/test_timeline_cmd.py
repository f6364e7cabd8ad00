"""`khabar timeline`: daily counts as CSV, the chart as PNG and SVG, agreeing with `control`."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from tests.cli.test_district_cmd import assessed  # noqa: F401 - the fixture


def test_timeline_writes_csv_png_svg_that_agree_with_control(run, assessed: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    result = run("timeline", "--from", "2021-07-01", "--to", "2021-07-31", "-o", "tl",
                 "--db", assessed)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:3] == ["Wrote tl/timeline.csv", "Wrote tl/timeline.png",
                                              "Wrote tl/timeline.svg"]
    rows = list(csv.DictReader(open("tl/timeline.csv", encoding="utf-8")))
    assert len(rows) == 31 and rows[0]["date"] == "2021-07-01" and rows[-1]["date"] == "2021-07-31"
    assert Path("tl/timeline.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "<svg" in Path("tl/timeline.svg").read_text(encoding="utf-8")[:500]
    for row in (rows[6], rows[12], rows[20], rows[-1]):
        counts = json.loads(run("control", "--db", assessed, "--as-of", row["date"],
                                "--json").stdout)
        c = counts["counts"]
        assert (int(row["taliban"]), int(row["government"]), int(row["contested"]),
                int(row["no_reports"]), int(row["claimed"])) == (
            c["taliban"], c["government"], c["contested"], c["no_reports"], counts["claimed"])
    assert rows[6]["taliban"] == "1" and rows[6]["events"] == "1"  # Maywand on 2021-07-07


def test_timeline_rejects_a_range_that_ends_before_it_starts(run, assessed: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    result = run("timeline", "--from", "2021-07-10", "--to", "2021-07-01", "--db", assessed)
    assert result.exit_code == 1
    assert result.stderr == "Error: --to 2021-07-01: before --from 2021-07-10\n"
