"""`khabar district NAME`: one district's whole history, with the reports behind every change."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from khabar.cli.common import (
    CsvOption,
    DbOption,
    StoreTheatreOption,
    console,
    guarded,
    open_existing_store,
    print_rows,
)
from khabar.store.db import DEFAULT_DB


@guarded
def district(
    name: Annotated[str, typer.Argument(help="District name, spelling variant or id; add ', PROVINCE' for namesakes.")],
    as_of: Annotated[str | None, typer.Option("--as-of", help="Day YYYY-MM-DD (default: the latest report).")] = None,
    db: DbOption = Path(DEFAULT_DB),
    theatre: StoreTheatreOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    as_csv: CsvOption = False,
) -> None:
    """Print a district's state after every change and each event with its graded reports."""
    from khabar.cli.assess_format import event_dict, event_lines, state_dict, state_line
    from khabar.compile.sides import Sides
    from khabar.jobs import district_history, find_place
    from khabar.store.meta import theatre_or_default
    from khabar.theatres.loader import load

    conn, day = open_existing_store(db, as_of)
    th = load(theatre_or_default(conn, theatre))
    sides = Sides.of(th)
    place, note = find_place(th, name)  # a newer district: the polygon it lies in, said so
    d, events, states = district_history(conn, th, place.id, day)
    if as_json:
        typer.echo(json.dumps({"district_id": d.id, "district": d.name, "province": d.province,
                               **({"asked": name, "note": note} if note else {}),
                               "as_of": day.isoformat(),
                               "states": [{"day": day.isoformat(), **state_dict(s)}
                                          for day, s in states],
                               "events": [event_dict(e) for e in events]},
                              ensure_ascii=False, indent=2))
        return
    if as_csv:  # the district's state after every change, one row each
        print_rows(("district_id", "district", "day", "controller", "since", "held_as_of", "confidence", "grade",
                    "reports", "conflict", "claimed_by"),
                   ((d.id, d.name, when, s.controller, s.since, s.held_as_of, s.confidence, s.grade, s.sources,
                     " ".join(e.id for e in s.conflict), s.claimed_by)
                    for when, s in states), as_csv=True)
        return
    out = console.print
    out(f"{d.name}, {d.province} {th.level('province')} ({d.id})", highlight=False, markup=False)
    if note:
        out(note, highlight=False, markup=False)
    out(f"As of {day}: {state_line(states[-1][1], sides) if states else 'no reports'}", highlight=False,
        markup=False)
    if not events:
        return
    out("\nHistory:", highlight=False)
    for when, s in states:
        out(f"  {when}  {state_line(s, sides)}", highlight=False, markup=False)
    reports = {s.observation.document_id for e in events for s in e.sources if s.observation.trigger != "baseline"}
    based = sum(1 for e in events if e.sources[0].observation.trigger == "baseline")
    out(f"\nEvents ({len(events)}, from {len(reports)} report(s)"
        + (f" and {based} baseline(s): `khabar baseline list`" if based else "") + "):", highlight=False)
    for e in events:
        for line in event_lines(e, joined=False, sides=sides):
            out("  " + line, highlight=False, markup=False)
