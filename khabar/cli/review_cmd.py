"""`khabar review RECORD_ID --confirm|--reject|--correct FIELD=VALUE --note TEXT`, and `--list`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from khabar.cli.common import DbOption, console, guarded, print_rows
from khabar.errors import InputError, KhabarError
from khabar.store.db import DEFAULT_DB


def _fields(pairs: list[str]) -> dict[str, str]:
    out = {}
    for p in pairs:
        name, eq, value = p.partition("=")
        if not eq or not name.strip():
            raise InputError(f"--correct {p}: use FIELD=VALUE, e.g. controller=government")
        out[name.strip()] = value.strip()
    return out


def _review_derived(conn: Any, record_id: str, action: str, note: str, fields: dict[str, str],
                    analyst: str, db: Path) -> None:
    """Review a record compile derives from a stored one (`<claim id>-<district id>`, a denial's
    observation of one district, as `khabar district` and `explain` print it) on its own."""
    from khabar.jobs import find_derived
    from khabar.store.meta import theatre_or_default
    from khabar.store.overrides import save_derived_override
    from khabar.theatres.loader import load

    th = load(theatre_or_default(conn))
    derived = find_derived(conn, th, record_id)
    if derived is None:
        raise InputError(f"{record_id}: no such record in {db}")
    claim, o = derived
    oid = save_derived_override(conn, "control_changes", record_id, claim["document_id"], action, note,
                                fields, analyst, th)
    console.print(f"Override {oid}: {action} {record_id}, {o.district} held by {o.controller} "
                  f"(derived from claim {claim['id']}: {o.evidence[:80]})", highlight=False, markup=False)


@guarded
def review(
    record_id: Annotated[str | None, typer.Argument(help="Id of a record (from `khabar extract --json`, `control --json` or the desk).")] = None,
    confirm: Annotated[bool, typer.Option("--confirm", help="Confirm the record.")] = False,
    reject: Annotated[bool, typer.Option("--reject", help="Reject it: compile, map and claim check leave it out.")] = False,
    correct: Annotated[list[str] | None, typer.Option("--correct", help="Correct a field: FIELD=VALUE (repeatable).")] = None,
    note: Annotated[str, typer.Option("--note", help="Why (required).")] = "",
    analyst: Annotated[str, typer.Option("--analyst", help="Who decides.", envvar="KHABAR_ANALYST")] = "",
    list_: Annotated[bool, typer.Option("--list", help="List the overrides made so far.")] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="With --list: print CSV.")] = False,
    db: DbOption = Path(DEFAULT_DB),
) -> None:
    """Confirm, reject or correct a record, with a note; kept apart and applied on every read."""
    from khabar.store import connect
    from khabar.store.overrides import find_record, list_overrides, save_override

    if not db.exists():
        raise KhabarError(f"{db}: no such database; run `khabar ingest` first")
    conn = connect(db)
    if list_:
        rows = list_overrides(conn, record_id=record_id)
        print_rows(("id", "record", "kind", "action", "fields", "note", "analyst", "at", "in force"),
                   ((r["id"], r["record_id"], r["kind"], r["action"],
                     ", ".join(f"{k}={v}" for k, v in r["fields"].items()), r["note"],
                     r["analyst"], r["created_at"], "yes" if r["latest"] else "no") for r in rows), as_csv=as_csv)
        if not as_csv:
            console.print(f"{len(rows)} override(s) in {db}", highlight=False)
        return
    actions = [a for a, on in (("confirm", confirm), ("reject", reject), ("correct", bool(correct)))
               if on]
    if record_id is None:
        raise InputError("review: give a RECORD_ID, or --list")
    if len(actions) != 1:
        raise InputError(f"{record_id}: give exactly one of --confirm, --reject or --correct FIELD=VALUE")
    if not note.strip():
        raise InputError(f"{record_id}: --note is required; say why")
    found = find_record(conn, record_id)
    if found is None:
        _review_derived(conn, record_id, actions[0], note, _fields(correct or []), analyst, db)
        return
    kind, row = found
    oid = save_override(conn, kind, row["id"], actions[0], note, _fields(correct or []), analyst)
    console.print(f"Override {oid}: {actions[0]} {kind} {row['id']} ({row['evidence'][:80]})",
                  highlight=False, markup=False)
