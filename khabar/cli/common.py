"""What every command shares: options, dates, errors printed as one line."""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console

from khabar.errors import KhabarError
from khabar.theatres import loader

console = Console(soft_wrap=True)  # long lines stay whole when piped; tables keep their width
err_console = Console(stderr=True, highlight=False, soft_wrap=True)

def _db_value(value: object) -> Path:
    from khabar.store.pg import db_value  # a postgresql:// URL stays whole (a Path would fold its //)

    return db_value(value)  # type: ignore[no-any-return]


DbOption = Annotated[Path, typer.Option("--db", help="SQLite database file, or a postgresql:// URL.",
                                        envvar="KHABAR_DB", parser=_db_value)]
TheatreOption = Annotated[str, typer.Option(
    "--theatre", envvar="KHABAR_THEATRE",
    help="A bundled theatre's name or a unique prefix of it (see `khabar theatres`), or a theatre folder.")]
DEFAULT_THEATRE = loader.DEFAULT_THEATRE  # `theatre: TheatreOption = DEFAULT_THEATRE`
# For commands that read a store: no --theatre means the store's own theatre (recorded at its
# first ingest), else the default; resolve with khabar.store.meta.theatre_or_default(conn, theatre).
StoreTheatreOption = Annotated[str | None, typer.Option(
    "--theatre", envvar="KHABAR_THEATRE",
    help="A bundled theatre's name or a unique prefix of it, or a theatre folder "
         "(default: the database's own theatre).")]
PipelineOption = Annotated[str, typer.Option("--pipeline", help="standard (parser) or fast (rules only).")]

STATE = {"debug": False}
T = TypeVar("T")


def error(message: str) -> None:
    """Print one error line to standard error."""
    err_console.print(f"Error: {message}", markup=False)


def warn(message: str) -> None:
    err_console.print(f"Warning: {message}", markup=False)


@contextmanager
def one_line_errors() -> Iterator[None]:
    """Turn a KhabarError into "Error: message" and exit 1, unless --debug."""
    try:
        yield
    except KhabarError as e:
        if STATE["debug"]:
            raise
        error(str(e))
        raise typer.Exit(1) from None


def parse_day(value: str | None, option: str) -> date | None:
    """Return the date an option names, or raise a one-line error naming the option."""
    if value is None:
        return None
    from khabar.errors import DateError
    try:
        return date.fromisoformat(value)
    except ValueError:
        pass
    try:
        from khabar.ingest.dates import parse_date_option
        return parse_date_option(value)
    except DateError:
        raise DateError(f"{option} {value!r}: not a date; use YYYY-MM-DD") from None


def guarded(fn: Callable[..., T]) -> Callable[..., T]:
    """Wrap a command so that a KhabarError prints as one line."""
    import functools

    @functools.wraps(fn)
    def wrapper(*args: object, **kwargs: object) -> T:
        with one_line_errors():
            return fn(*args, **kwargs)
    return wrapper


def is_tty() -> bool:
    return sys.stderr.isatty()


CsvOption = Annotated[bool, typer.Option("--csv", help="Print CSV: a header, then one row a line, nothing else.")]


def _cell(value: object) -> str:
    return "" if value is None else " ".join(str(value).split())


def print_rows(columns: Sequence[str], rows: Iterable[Sequence[object]], *, as_csv: bool = False,
               clip: Mapping[str, int] | None = None, **table: Any) -> None:
    """Print rows under their column names: CSV with `as_csv` (whole values); tab-separated
    values when standard output is not a terminal (a header line, then one row a line, whole
    values, tabs and line breaks in a value as spaces: for cut, awk, sort and spreadsheets);
    else a table that fits the terminal, the `clip` columns cut to so many characters."""
    if as_csv:
        import csv

        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(columns)
        w.writerows([("" if v is None else v) for v in r] for r in rows)
        return
    if not console.is_terminal:
        sys.stdout.write("\t".join(columns) + "\n")
        sys.stdout.writelines("\t".join(_cell(v) for v in r) + "\n" for r in rows)
        return
    from rich.table import Table

    t = Table(*columns, **table)
    cut = {columns.index(k): n for k, n in (clip or {}).items() if k in columns}
    for r in rows:
        t.add_row(*(_cell(v)[:cut[i]] if i in cut else _cell(v) for i, v in enumerate(r)))
    console.print(t)


def open_existing_store(db: Path, as_of: str | None) -> tuple[sqlite3.Connection, date]:
    """Return a connection to an existing database and the day to compile (default: latest)."""
    from khabar.errors import KhabarError
    from khabar.store import connect
    from khabar.store.records import latest_date

    if not db.exists():
        raise KhabarError(f"{db}: no such database; run `khabar ingest` first")
    conn = connect(db)
    day = parse_day(as_of, "--as-of") or latest_date(conn)
    if day is None:
        raise KhabarError(f"{db}: no dated reports stored; give --as-of YYYY-MM-DD")
    return conn, day
