"""`khabar control --as-of DATE`: who holds each district on a day, and the counts."""

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
def control(
    as_of: Annotated[str | None, typer.Option("--as-of", help="Day YYYY-MM-DD (default: the latest report).")] = None,
    db: DbOption = Path(DEFAULT_DB),
    theatre: StoreTheatreOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    as_csv: CsvOption = False,
    all_districts: Annotated[bool, typer.Option("--all", help="List districts with no reports too.")] = False,
) -> None:
    """Print who holds every reported district as of a day (since when, confidence, grade,
    reports), the districts a party claims, and the counts."""
    from khabar.cli.assess_format import side_name, state_dict
    from khabar.compile.sides import Sides
    from khabar.compile.state_cache import compile_control  # the kept timelines: milliseconds at millions
    from khabar.store.meta import theatre_or_default
    from khabar.theatres.loader import load

    conn, day = open_existing_store(db, as_of)
    th = load(theatre_or_default(conn, theatre))
    sides = Sides.of(th)
    states, counts = compile_control(conn, th, day)
    shown = [s for s in states if all_districts or s.controller or s.claimed_by]
    if as_json:
        typer.echo(json.dumps({"counts": counts.to_dict(), "claimed": counts.claimed,
                               "districts": [state_dict(s) for s in shown]},
                              ensure_ascii=False, indent=2))
        return
    rows = []
    for s in sorted(shown, key=lambda s: (s.province, s.name)):
        ctl = side_name(s.controller, sides)
        if s.claimed_by:
            ctl += f" (claimed by the {side_name(s.claimed_by, sides)})"
        evidence = s.observation.evidence if s.observation else (
            s.claim.best.observation.evidence if s.claim else "")
        if s.conflict:
            evidence = " | ".join(f"{side_name(e.controller, sides)}: {e.best.observation.evidence[:60]}"
                                  for e in s.conflict)
        rows.append((s.name, s.province, ctl, s.since, s.held_as_of,  # held as of: a holding, since unknown
                     s.confidence, s.grade, s.sources or "", evidence))
    print_rows((th.level("district"), th.level("province"), "controller", "since", "held as of", "confidence",
                "grade", "reports", "evidence"), rows, as_csv=as_csv, clip={"evidence": 100}, expand=True)
    if not as_csv:
        if counts.published_line():  # the published list's denominator first: the headline ends the output
            console.print(counts.published_line(), highlight=False)
        console.print(counts.headline(), highlight=False)
