"""`khabar control --as-of DATE`: who holds each district on a day, and the counts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from khabar.cli.common import DbOption, TheatreOption, console, guarded, open_existing_store
from khabar.store.db import DEFAULT_DB


@guarded
def control(
    as_of: Annotated[str | None, typer.Option("--as-of", help="Day YYYY-MM-DD (default: the latest report).")] = None,
    db: DbOption = Path(DEFAULT_DB),
    theatre: TheatreOption = "afghanistan_2021",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    all_districts: Annotated[bool, typer.Option("--all", help="List districts with no reports too.")] = False,
) -> None:
    """Print the controller of every reported district as of a day, with the counts."""
    from khabar.jobs import compile_control
    from khabar.theatres.loader import load

    conn, day = open_existing_store(db, as_of)
    states, counts = compile_control(conn, load(theatre), day)
    if as_json:
        typer.echo(json.dumps({"counts": counts.to_dict(), "districts": [
            {"district_id": s.district_id, "district": s.name, "province": s.province,
             "controller": s.controller, "since": s.since.isoformat() if s.since else None,
             "evidence": s.observation.evidence if s.observation else None,
             "document_id": s.observation.document_id if s.observation else None,
             "outlet": s.observation.outlet if s.observation else None}
            for s in states if all_districts or s.controller]}, ensure_ascii=False, indent=2))
        return
    t = Table("district", "province", "controller", "since", "evidence", expand=True)
    for s in sorted(states, key=lambda s: (s.province, s.name)):
        if s.controller or all_districts:
            t.add_row(s.name, s.province, s.controller or "no reports",
                      str(s.since or ""), (s.observation.evidence[:100] if s.observation else ""))
    console.print(t)
    console.print(counts.headline(), highlight=False)
