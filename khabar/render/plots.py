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

TAIL: tuple[str, ...] = ("contested", "no_reports", "claimed", "total", "events", "held_as_of")


def columns(sides: Sides) -> tuple[str, ...]:
    """Return the timeline CSV's columns: date, one per party in the legend's order (a
    coalition's total, then its members' own shares), contested, no reports, claimed, total,
    events, held as of a report's day (of the parties' districts, those whose change of hands has
    no day: "districts held by the group on 15 August include ...")."""
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
                        c.contested, c.no_reports, c.claimed, c.total, c.events, c.as_of_only()])
    return path


def _assessment_points(assessments: Sequence[dict[str, Any]], total: int, start: date,
                       end: date, units: tuple[str, ...] = ("districts",), *, other: bool = False
                       ) -> list[tuple[date, float, str, str]]:
    """Return (day, count on the axis, controller, label) for assessments dated inside the range.

    Counts of the chart's unit (`units`: "districts", or the theatre's name for them) are on its
    axis: a share of a national total (within 30% of the gazetteer's) is scaled to the gazetteer's
    total, a count of part of the country ("7 of 17 townships" of one state) is drawn as it is.
    With `other`, the counts of other units ("33 towns") that the theatre's folder lists
    (assessments.csv) instead, drawn as they are and labelled with their unit; those reports give
    ("18 of 34 provincial capitals") are left out. A count reported twice is drawn once.
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
        unit = a.get("unit") or "districts"
        if key in seen or (unit in units) == other or (other and a.get("source") != "theatre"):
            continue  # other units: only the counts the theatre's folder lists, chosen by hand
        seen.add(key)
        national = of is not None and abs(int(of) - total) <= 0.3 * total
        y = n * total / int(of) if of is not None and national and not other else float(n)
        label = f"{a.get('assessor') or 'assessment'}: {n}" + (f" of {of}" if of else "")
        if other or not national and of:
            label += f" {unit}"
        out.append((day, y, str(a.get("controller") or ""), label))
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
    # each party's districts since a known day of change, then (hatched, in its colour) those held
    # as of a report's day with no day of change: a round-up of who holds what is not a change
    bands: list[tuple[str, bool]] = []
    for k in keys:
        bands.append((k, False))
        if k in sides.parties and any(dict(c.held_as_of).get(k) for c in days):
            bands.append((k, True))
    series = [[(c.as_of_only_own(k) if as_of else c.dated(k)) if k in sides.parties else c[k] for c in days]
              for k, as_of in bands]
    # a party that holds nothing in the whole range takes no line of the legend
    shown = [i for i, (k, _) in enumerate(bands) if any(series[i]) or k in (CONTESTED, NO_REPORTS)
             or k == sides.incumbent]
    labels = []
    for k, as_of in bands:
        label = palette[k][0] + (" (held as of a report's day, change undated)" if as_of else "")
        labels.append("  " + label + f" ({sides.label(sides.coalition_of(k))})"
                      if sides.coalition_of(k) else label)
    many = len(shown) + 3 > 8  # a long legend goes beside the chart, not over it
    fig, ax = plt.subplots(figsize=(12.5 if many else 10, 5), dpi=120)
    ax.stackplot(x, *(series[i] for i in shown), labels=[labels[i] for i in shown],
                 colors=[palette[bands[i][0]][1] for i in shown], linewidth=0,
                 hatch=["xx" if bands[i][1] else "" for i in shown],
                 edgecolor="#ffffff")
    claimed = [c.claimed for c in days]
    if any(claimed):  # hatched above the parties' districts: counted as they are, claimed by a party
        held = [sum(c.own(p) for p in sides.parties) for c in days]
        ax.fill_between(x, held, [h + n for h, n in zip(held, claimed, strict=True)],
                        facecolor="none", edgecolor="#333333", hatch="///",
                        linewidth=0, label="Claimed by a party, unconfirmed")
    total = days[0].total
    units = tuple(dict.fromkeys(("districts", sides.unit)))
    points = _assessment_points(assessments, total, x[0], x[-1], units)
    others = _assessment_points(assessments, total, x[0], x[-1], units, other=True)
    offsets = ((6, 6), (6, -11), (6, 15), (6, -20))  # labels of points close together take turns
    for i, (day, y, controller, label) in enumerate(sorted(points)):
        colour = palette.get(controller, ("", "#ffffff"))[1]
        when: Any = [day]
        ax.plot(when, [y], marker="D", markersize=6, color="black", markerfacecolor=colour,
                linestyle="none")
        ax.annotate(_short(label), (day, y), textcoords="offset points", fontsize=6.5,
                    xytext=offsets[i % len(offsets)])
    for i, (day, y, controller, label) in enumerate(sorted(others)):
        colour = palette.get(controller, ("", "#ffffff"))[1]
        when = [day]
        ax.plot(when, [y], marker="^", markersize=6, color="black", markerfacecolor=colour,
                linestyle="none")
        ax.annotate(_short(label), (day, y), textcoords="offset points", fontsize=6, color="#333333",
                    xytext=offsets[(i + 2) % len(offsets)])
    if points:
        ax.plot([], [], marker="D", color="black", linestyle="none",
                label=f"Published count of {sides.unit} (national shares scaled to {total})")
    if others:
        ax.plot([], [], marker="^", color="black", linestyle="none",
                label="Published count of something else (towns), as given")
    ax.set_xlim(x[0], x[-1])
    # most places unreported all along: the axis stops above what is known, the rest is "no reports"
    known = max([sum(c.own(p) for p in sides.parties) + c.contested + c.claimed for c in days]
                + [y for _, y, _, _ in (*points, *others)])
    top = total if known * 1.25 > 0.6 * total else max(10, int(known * 1.25) + 1)
    ax.set_ylim(0, top)
    ax.set_ylabel(f"{sides.unit} (of {total})" if top == total
                  else f"{sides.unit} (of {total}; above {top}: no reports)")
    ax.set_title(f"{sides.unit_one.capitalize()} control, {theatre.title}: {x[0]} to {x[-1]}")
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%d %b"))
    if many:
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, framealpha=0.9)
    else:
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


def _short(label: str) -> str:
    """Return an assessment's label with its assessor cut short: "The Irrawaddy: 33 towns"."""
    who, _, what = label.rpartition(": ")
    who = who.split(" (")[0]
    return f"{who[:24]}{'…' if len(who) > 24 else ''}: {what}" if who else label


def write_timeline(theatre: Theatre, days: Sequence[Counts], out_dir: Path, *,
                   assessments: Sequence[dict[str, Any]] = ()) -> dict[str, Path]:
    """Write timeline.csv, timeline.png and timeline.svg to a folder; return their paths."""
    paths = {"csv": write_timeline_csv(days, Path(out_dir) / "timeline.csv", Sides.of(theatre))}
    paths.update(plot_timeline(theatre, days, out_dir, assessments=assessments))
    return paths
