"""`khabar explain EVENT_ID`: why reports were joined into one event, with each source."""

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
def explain(
    event_id: Annotated[str, typer.Argument(help="An event id: DISTRICT_ID-PARTY-YYYYMMDD or e-TYPE-YYYYMMDD-HASH (see `khabar district`).")],
    db: DbOption = Path(DEFAULT_DB),
    theatre: StoreTheatreOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    as_csv: CsvOption = False,
) -> None:
    """Print an event: the rule that joined its reports, and each report's sentence, outlet,
    grade and reason for joining."""
    from khabar.cli.assess_format import event_dict, event_lines
    from khabar.compile.sides import Sides
    from khabar.jobs import explain_event
    from khabar.store.meta import theatre_or_default
    from khabar.theatres.loader import load

    conn, _ = open_existing_store(db, None)
    th = load(theatre_or_default(conn, theatre))
    event = explain_event(conn, th, event_id)
    if as_json:
        typer.echo(json.dumps(event_dict(event), ensure_ascii=False, indent=2))
        return
    if as_csv:  # one row a report of the event, as in --json's sources
        d = event_dict(event)
        keys = list(dict.fromkeys(k for s in d["sources"] for k in s))
        print_rows(("event", *keys), ([d["id"], *(_flat(s.get(k)) for k in keys)] for s in d["sources"]),
                   as_csv=True)
        return
    for line in event_lines(event, sides=Sides.of(th)):
        console.print(line, highlight=False, markup=False)


def _flat(value: object) -> object:
    """Return a JSON value as one CSV cell (a list or an object as JSON)."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else value
