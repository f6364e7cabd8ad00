"""`khabar baseline`: import a published per-district assessment as a known state to start from,
list, show and remove the stored ones.

    khabar baseline FILE.csv --as-of DATE --source NAME [--grade B2]   (= khabar baseline import ...)
    khabar baseline list                  the stored baselines
    khabar baseline show NAME             a baseline's districts
    khabar baseline remove NAME           (= khabar baseline --remove NAME) remove it, all its districts
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from khabar.cli.common import (
    CsvOption,
    DbOption,
    StoreTheatreOption,
    console,
    err_console,
    guarded,
    parse_day,
    print_rows,
)
from khabar.errors import KhabarError
from khabar.store.db import DEFAULT_DB

_GROUP_OPTIONS = ("--help", "-h", "--remove", "--list")


class _ImportByDefault(TyperGroup):
    """`khabar baseline FILE ...` is `khabar baseline import FILE ...`: arguments that start with
    neither a subcommand nor the group's own options go to `import`."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        first = args[0] if args else ""
        if first and first not in self.commands and not first.startswith(tuple(o + "=" for o in _GROUP_OPTIONS)) \
                and first not in _GROUP_OPTIONS and first not in ("--db", "--json"):
            args = ["import", *args]
        return super().parse_args(ctx, args)

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        formatter.write_usage("khabar baseline", "FILE.csv --as-of DATE --source NAME [--grade B2] | COMMAND ...")


app = typer.Typer(
    cls=_ImportByDefault, invoke_without_command=True, add_completion=False,
    help="A published per-district assessment (district, controller) imported as graded observations of its "
         "source on its day: a known state to start from, which later reports supersede. "
         "`khabar baseline FILE.csv --as-of DATE --source NAME` imports (as `import`); list, show and remove "
         "manage the stored ones.")


def _open(db: Path, create: bool = False) -> Any:
    from khabar.store import connect
    from khabar.store.db import exists

    if not create and not exists(db):
        raise KhabarError(f"{db}: no such database; import a baseline or run `khabar ingest` first")
    return connect(db)


def _db(ctx: typer.Context, db: Path) -> Path:
    """Return the database: the subcommand's --db, else the one given before it (`khabar baseline --db F list`)."""
    given = ctx.parent.params.get("db") if ctx.parent is not None else None
    if given is not None and str(db) == DEFAULT_DB and str(given) != DEFAULT_DB:
        return Path(given) if isinstance(given, str) else given  # type: ignore[no-any-return]
    return db


def _theatre(conn: Any, theatre: str | None) -> Any:
    from khabar.store.meta import theatre_or_default
    from khabar.theatres.loader import load

    return load(theatre_or_default(conn, theatre))


@app.callback()
@guarded
def baseline(
    ctx: typer.Context,
    remove: Annotated[str | None, typer.Option("--remove", metavar="NAME",
                                               help="Remove a stored baseline (as `remove NAME`).")] = None,
    list_: Annotated[bool, typer.Option("--list", help="List the stored baselines (as `list`).")] = False,
    db: DbOption = Path(DEFAULT_DB),
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON (with --list or --remove).")] = False,
) -> None:
    """Import a per-district assessment as a baseline; list, show or remove the stored ones."""
    if ctx.invoked_subcommand is not None:
        return
    if remove:
        _remove(db, remove, as_json)
    elif list_:
        _list(db, as_json, False)
    else:
        console.print(ctx.get_help(), highlight=False, markup=False)


def _summary(parsed: Any, label: Any) -> str:
    imported = parsed.rows - parsed.unresolved - parsed.blank
    parts = [f"{parsed.rows} row(s) read: {imported} imported"]
    extra = []
    if parsed.folded:
        extra.append(f"{parsed.folded} newer district(s) in their polygons")
    if parsed.duplicates:
        extra.append(f"{parsed.duplicates} repeated")
    if extra:
        parts[0] += f" ({', '.join(extra)})"
    parts.append(f"{parsed.unresolved} unresolved")
    parts.append(f"{parsed.blank} with no controller (not assessed)")
    by = ", ".join(f"{label(c)} {n}" for c, n in sorted(parsed.by_controller().items(), key=lambda kv: -kv[1]))
    return f"{len(parsed.entries)} district(s) ({by}); " + ", ".join(parts)


@app.command("import")
@guarded
def import_(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="CSV with a district column (name, spelling or id) and a controller "
                                              "column (a party's name or alias, or contested); other columns are "
                                              "ignored, a province column chooses among namesakes.")],
    as_of: Annotated[str, typer.Option("--as-of", help="The day the assessment describes (YYYY-MM-DD).")],
    source: Annotated[str, typer.Option("--source", help="Who made the assessment, e.g. 'Long War Journal'.")],
    grade: Annotated[str | None, typer.Option("--grade", help="Admiralty grade of the assessment, e.g. B2 "
                                                              "(default: the source's reliability in the theatre's "
                                                              "outlets, credibility 2; F2 if unknown).")] = None,
    name: Annotated[str | None, typer.Option("--name", help="The name to store it under (default: "
                                                            "SOURCE-DATE, e.g. long-war-journal-2021-07-10).")] = None,
    url: Annotated[str, typer.Option("--url", help="Where the assessment is published.")] = "",
    note: Annotated[str, typer.Option("--note", help="A note kept with it.")] = "",
    replace: Annotated[bool, typer.Option("--replace", help="Replace a stored baseline of the same name.")] = False,
    skip_unresolved: Annotated[bool, typer.Option(
        "--skip-unresolved", help="Import the rows that resolve even if some do not (default: nothing is "
                                  "imported while any row is bad).")] = False,
    check: Annotated[bool, typer.Option("--check", help="Read and resolve the file, store nothing.")] = False,
    db: DbOption = Path(DEFAULT_DB),
    theatre: StoreTheatreOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print what was read and stored as JSON.")] = False,
) -> None:
    """Import a per-district assessment as a baseline: every row one district's holder on that day, per SOURCE."""
    db = _db(ctx, db)
    from khabar.compile.baseline import GRADE, default_grade, default_name, read_baseline

    day = parse_day(as_of, "--as-of")
    assert day is not None
    source = " ".join(source.split())
    if not source:
        raise KhabarError("--source: name who made the assessment (e.g. 'Long War Journal')")
    if grade is not None and not GRADE.match(grade.strip().upper()):
        raise KhabarError(f"--grade {grade!r}: an Admiralty code, reliability A-F and credibility 1-6 (e.g. B2)")
    if not file.exists() or file.is_dir():
        raise KhabarError(f"{file}: no such file; give a CSV file")
    from khabar.store.db import exists

    if check and not exists(db):  # a check needs no store: the theatre given, else the default
        from khabar.theatres.loader import DEFAULT_THEATRE, load

        conn, th = None, load(theatre or DEFAULT_THEATRE)
    else:
        conn = _open(db, create=True)
        th = _theatre(conn, theatre)
    parsed = read_baseline(file, th)
    if grade is not None:
        code, why = grade.strip().upper(), "given with --grade"
    else:
        code, why = default_grade(th, source)
    name = name or default_name(source, day)
    period = [str(p) for p in th.config.get("period") or []]
    if len(period) == 2 and not period[0] <= day.isoformat() <= period[1]:
        parsed.notes.insert(0, f"--as-of {day} is outside the theatre's period ({period[0]} to {period[1]})")
    for line in parsed.notes:
        err_console.print(f"Note: {line}", markup=False)
    for line in parsed.problems:
        err_console.print(f"Error: {line}", markup=False)
    summary = _summary(parsed, th.party_label)
    stored = replaced = False
    if not parsed.entries:
        message = f"Nothing imported from {file}: no row gives a district and its controller"
    elif parsed.problems and not skip_unresolved:
        message = (f"Nothing imported: {parsed.unresolved} of {parsed.rows} row(s) unresolved (above); fix them, "
                   f"or pass --skip-unresolved to import the other {parsed.rows - parsed.unresolved}")
    elif check:
        message = f"Checked {file}, nothing stored: {summary}"
    else:
        from khabar.compile.baseline import save_baseline

        assert conn is not None  # only a check goes without a store
        replaced = save_baseline(conn, th, name, source, day, code, parsed.entries, file=str(file), url=url,
                                 note=note, replace=replace)
        stored = True
        message = (f"{'Replaced' if replaced else 'Imported'} baseline {name}: {source} as of {day}, grade {code} "
                   f"({why}): {summary}")
    if as_json:
        typer.echo(json.dumps({"name": name, "source": source, "as_of": day.isoformat(), "grade": code,
                               "grade_basis": why, "stored": stored, "replaced": replaced, "rows": parsed.rows,
                               "districts": len(parsed.entries), "by_controller": parsed.by_controller(),
                               "folded": parsed.folded, "duplicates": parsed.duplicates, "not_assessed": parsed.blank,
                               "unresolved": parsed.problems, "notes": parsed.notes}, ensure_ascii=False, indent=2))
    else:
        console.print(message, highlight=False, markup=False)
        if stored:
            console.print(f"It colours each district from {day} until a report moves it; remove it with "
                          f"`khabar baseline remove {name}`", highlight=False, markup=False)
    if not stored and not check:
        raise typer.Exit(1)
    if check and (parsed.problems or not parsed.entries):
        raise typer.Exit(1)


def _list(db: Path, as_json: bool, as_csv: bool) -> None:
    from khabar.compile.baseline import list_baselines

    found = list_baselines(_open(db))
    if as_json:
        typer.echo(json.dumps([b.to_dict() for b in found], ensure_ascii=False, indent=2))
        return
    if not found and not as_csv:
        console.print(f"No baselines stored in {db}; import one with `khabar baseline FILE.csv --as-of DATE "
                      "--source NAME`", highlight=False, markup=False)
        return
    print_rows(("name", "source", "as_of", "grade", "districts", "by_controller", "file", "imported_at"),
               ((b.name, b.source, b.as_of, b.grade, b.districts, " ".join(f"{c}={n}" for c, n in b.by_controller),
                 b.file, b.imported_at) for b in found), as_csv=as_csv)


@app.command("list")
@guarded
def list_(
    ctx: typer.Context,
    db: DbOption = Path(DEFAULT_DB),
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    as_csv: CsvOption = False,
) -> None:
    """List the stored baselines: name, source, day, grade, districts by controller, file."""
    _list(_db(ctx, db), as_json, as_csv)


@app.command("show")
@guarded
def show(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The baseline's name (see `khabar baseline list`).")],
    as_of: Annotated[str | None, typer.Option("--as-of", help="Also say what compile gives each district on this "
                                                             "day (default: the latest report's).")] = None,
    db: DbOption = Path(DEFAULT_DB),
    theatre: StoreTheatreOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    as_csv: CsvOption = False,
) -> None:
    """Print a stored baseline's districts (line, name as given, id, holder) and whether each still stands on a day."""
    from khabar.compile.baseline import baseline_rows, get_baseline, stored_names

    conn = _open(_db(ctx, db))
    b = get_baseline(conn, name)
    if b is None:
        names = stored_names(conn)
        raise KhabarError(f"no baseline named {name!r}; stored: {', '.join(names) or 'none'}")
    rows = baseline_rows(conn, name)
    th = _theatre(conn, theatre)
    from khabar.compile.baseline import baseline_of
    from khabar.jobs import compile_control
    from khabar.store.records import latest_date

    day = parse_day(as_of, "--as-of") or latest_date(conn) or b.as_of
    states = {s.district_id: s for s in compile_control(conn, th, max(day, b.as_of))[0]}

    def now(did: str, controller: str) -> str:
        """Whether the baseline's word stands on the day, agrees with what reports say, or was moved."""
        s = states.get(did)
        based = baseline_of(s)
        if based is not None and based.baseline == name:
            return "stands"
        if based is not None:
            return f"{'agrees' if based.controller == controller else 'moved'}: {based.controller} per baseline " \
                   f"{based.baseline}"
        if s is None or s.controller is None:
            return ""
        when = f"since {s.since}" if s.since else f"held as of {s.held_as_of}" if s.held_as_of else ""
        return f"{'agrees' if s.controller == controller else 'moved'}: {s.controller} {when} (reports)"

    for r in rows:
        r["on_" + max(day, b.as_of).isoformat()] = now(r["district_id"], r["controller"])
    standing = sum(1 for r in rows if r["on_" + max(day, b.as_of).isoformat()] == "stands")
    if as_json:
        typer.echo(json.dumps({**b.to_dict(), "standing": standing, "on": max(day, b.as_of).isoformat(),
                               "rows": rows}, ensure_ascii=False, indent=2))
        return
    if not as_csv and console.is_terminal:
        console.print(f"{b.line()}; {standing} still stand as of {max(day, b.as_of)}", highlight=False, markup=False)
    key = "on_" + max(day, b.as_of).isoformat()
    print_rows(("line", "given", "district_id", "district", "province", "controller", "note", key),
               ((r["lines"], r["given"], r["district_id"], r["district"],
                 th.districts[r["district_id"]].province if r["district_id"] in th.districts else "",
                 r["controller"], r["note"], r[key]) for r in rows), as_csv=as_csv)


def _remove(db: Path, name: str, as_json: bool) -> None:
    from khabar.compile.baseline import remove_baseline

    b = remove_baseline(_open(db), name)
    if as_json:
        typer.echo(json.dumps({"removed": b.to_dict()}, ensure_ascii=False, indent=2))
        return
    console.print(f"Removed baseline {b.line()}", highlight=False, markup=False)


@app.command("remove")
@guarded
def remove_(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="The baseline's name (see `khabar baseline list`).")],
    db: DbOption = Path(DEFAULT_DB),
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Remove a stored baseline and all its districts, as one unit."""
    _remove(_db(ctx, db), name, as_json)
