"""The timeline: daily counts of districts by controller as CSV, and the stacked area chart.

The chart stacks, from the bottom, the districts held by each party in the theatre's order (a
coalition's members next to it, each in its own colour), contested, then without reports, so the
total is the gazetteer's. Published assessments ("215 of 421 districts") are marked as points,
scaled to the gazetteer's total so that they sit on the same axis, with their assessor and raw
figure, in the colour of the party they count.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from khabar.compile.control_as_of import Counts
from khabar.compile.sides import CONTESTED, NO_REPORTS, Sides
from khabar.render.map import controller_palette, legend_rows
from khabar.theatres.loader import Theatre

TAIL: tuple[str, ...] = ("contested", "no_reports", "claimed", "total", "events")


def columns(sides: Sides) -> tuple[str, ...]:
    """Return the timeline CSV's columns: date, one per party in the legend's order (a
    coalition's total, then its members' own shares), contested, no reports, claimed, total,
    events."""
    return ("date", *(k for k, _ in legend_rows(sides) if k in sides.parties), *TAIL)


def stack(sides: Sides) -> tuple[str, ...]:
    """Return what the chart stacks, bottom up: every party's own districts in the legend's
    order (a coalition's credited to it as a whole, then each member's), contested, no reports."""
    return (*(k for k, _ in legend_rows(sides) if k in sides.parties), CONTESTED, NO_REPORTS)


def _sides(days: Sequence[Counts], sides: Sides | None = None) -> Sides:
    if sides is not None:
        return sides
    given = next((c.sides for c in days if c.sides is not None), None)
    return given or Sides(tuple(p for p, _ in days[0].held) if days else (), ())


def write_timeline_csv(days: Sequence[Counts], path: Path, sides: Sides | None = None) -> Path:
    """Write one row of counts per day and return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    sd = _sides(days, sides)
    cols = columns(sd)
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(cols)
        for c in days:
            rows = dict(legend_rows(sd))
            w.writerow([c.as_of.isoformat(),
                        *((c.party(k) if rows[k] == 0 else c.own(k)) for k in cols[1:-len(TAIL)]),
                        c.contested, c.no_reports, c.claimed, c.total, c.events])
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
        out.append((day, scaled, str(a.get("controller") or ""), label))
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
    sides = Sides.of(theatre)
    keys = stack(sides)
    x: Any = [c.as_of for c in days]  # matplotlib takes dates; its stubs say floats
    series = [[c.own(k) if k in sides.parties else c[k] for c in days] for k in keys]
    # a party that holds nothing in the whole range takes no line of the legend
    shown = [i for i, k in enumerate(keys) if any(series[i]) or k in (CONTESTED, NO_REPORTS)
             or k == sides.incumbent]
    labels = [("  " + palette[k][0] + f" ({sides.label(sides.coalition_of(k))})"
               if sides.coalition_of(k) else palette[k][0]) for k in keys]
    fig, ax = plt.subplots(figsize=(10, 5), dpi=120)
    ax.stackplot(x, *(series[i] for i in shown), labels=[labels[i] for i in shown],
                 colors=[palette[keys[i]][1] for i in shown], linewidth=0)
    claimed = [c.claimed for c in days]
    if any(claimed):  # hatched above the parties' districts: counted as they are, claimed by a party
        held = [sum(c.own(p) for p in sides.parties) for c in days]
        ax.fill_between(x, held, [h + n for h, n in zip(held, claimed, strict=True)],
                        facecolor="none", edgecolor="#333333", hatch="///",
                        linewidth=0, label="Claimed by a party, unconfirmed")
    total = days[0].total
    points = _assessment_points(assessments, total, x[0], x[-1])
    for i, (day, y, controller, label) in enumerate(sorted(points)):
        colour = palette.get(controller, ("", "#ffffff"))[1]
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
    ax.set_ylabel(f"{sides.unit} (of {total})")
    ax.set_title(f"{sides.unit_one.capitalize()} control, {theatre.title}: {x[0]} to {x[-1]}")
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
    paths = {"csv": write_timeline_csv(days, Path(out_dir) / "timeline.csv", Sides.of(theatre))}
    paths.update(plot_timeline(theatre, days, out_dir, assessments=assessments))
    return paths
