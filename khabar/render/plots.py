"""The timeline: daily counts of districts by controller as CSV, and the stacked area chart.

The chart stacks, from the bottom, the districts held by the Taliban, contested, held by the
government and without reports, in the theatre's colours, so the total is the gazetteer's.
Published assessments ("215 of 421 districts") are marked as points, scaled to the
gazetteer's total so that they sit on the same axis, with their assessor and raw figure.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from khabar.compile.control_as_of import Counts
from khabar.render.map import controller_palette
from khabar.theatres.loader import Theatre

COLUMNS: tuple[str, ...] = ("date", "taliban", "government", "contested", "no_reports",
                            "claimed", "total", "events")
STACK: tuple[str, ...] = ("taliban", "contested", "government", "no_reports")


def write_timeline_csv(days: Sequence[Counts], path: Path) -> Path:
    """Write one row of counts per day and return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(COLUMNS)
        for c in days:
            w.writerow([c.as_of.isoformat(), c.taliban, c.government, c.contested, c.no_reports,
                        c.claimed, c.total, c.events])
    return path


def _assessment_points(assessments: Sequence[dict[str, Any]], total: int, start: date,
                       end: date) -> list[tuple[date, float, str, str]]:
    """Return (day, scaled count, controller, label) for assessments dated inside the range.

    Counts of provincial capitals (`unit`, m004_assessment_unit) are left out: they are not on
    the districts' axis. A count reported twice is drawn once.
    """
    out = []
    seen = set()
    for a in assessments:
        when = a.get("as_of")
        day = date.fromisoformat(when) if isinstance(when, str) and when else when
        if not isinstance(day, date) or not (start <= day <= end) or a.get("count") is None:
            continue
        n, of = int(a["count"]), a.get("of") or a.get("of_total")
        key = (a.get("assessor"), a.get("controller"), n, of, day)
        if key in seen or (a.get("unit") or "districts") != "districts":
            continue
        seen.add(key)
        scaled = n * total / int(of) if of else float(n)
        label = f"{a.get('assessor') or 'assessment'}: {n}" + (f" of {of}" if of else "")
        out.append((day, scaled, str(a.get("controller") or "taliban"), label))
    return out


def plot_timeline(theatre: Theatre, days: Sequence[Counts], out_dir: Path, *,
                  assessments: Sequence[dict[str, Any]] = (), name: str = "timeline"
                  ) -> dict[str, Path]:
    """Draw the stacked area chart of the daily counts; write PNG and SVG; return their paths."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    if not days:
        raise ValueError("no days to plot")
    palette = controller_palette(theatre)
    x: Any = [c.as_of for c in days]  # matplotlib takes dates; its stubs say floats
    series = [[getattr(c, k) for c in days] for k in STACK]
    fig, ax = plt.subplots(figsize=(10, 5), dpi=120)
    ax.stackplot(x, *series, labels=[palette[k][0] for k in STACK],
                 colors=[palette[k][1] for k in STACK], linewidth=0)
    claimed = [c.claimed for c in days]
    if any(claimed):
        held = [c.taliban for c in days]
        ax.fill_between(x, held, [h + n for h, n in zip(held, claimed, strict=True)],
                        facecolor="none", edgecolor=palette["taliban"][1], hatch="///",
                        linewidth=0, label="Claimed by a party, unconfirmed")
    total = days[0].total
    points = _assessment_points(assessments, total, x[0], x[-1])
    for i, (day, y, controller, label) in enumerate(sorted(points)):
        colour = palette.get(controller, palette["taliban"])[1]
        when: Any = [day]
        ax.plot(when, [y], marker="D", markersize=6, color="black", markerfacecolor=colour,
                linestyle="none")
        ax.annotate(label, (day, y), textcoords="offset points", fontsize=6.5,
                    xytext=(6, 6 if i % 2 == 0 else -11))
    if points:
        ax.plot([], [], marker="D", color="black", linestyle="none",
                label=f"Published assessment (scaled to {total})")
    ax.set_xlim(x[0], x[-1])
    ax.set_ylim(0, total)
    ax.set_ylabel(f"districts (of {total})")
    ax.set_title(f"District control, {theatre.title}: {x[0]} to {x[-1]}")
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%d %b"))
    ax.legend(loc="upper left", fontsize=8, framealpha=0.9)
    ax.margins(0)
    fig.autofmt_xdate()
    fig.tight_layout()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {"png": out_dir / f"{name}.png", "svg": out_dir / f"{name}.svg"}
    fig.savefig(paths["png"])
    fig.savefig(paths["svg"], metadata={"Date": None})
    plt.close(fig)
    return paths


def write_timeline(theatre: Theatre, days: Sequence[Counts], out_dir: Path, *,
                   assessments: Sequence[dict[str, Any]] = ()) -> dict[str, Path]:
    """Write timeline.csv, timeline.png and timeline.svg to a folder; return their paths."""
    paths = {"csv": write_timeline_csv(days, Path(out_dir) / "timeline.csv")}
    paths.update(plot_timeline(theatre, days, out_dir, assessments=assessments))
    return paths
