"""`khabar load DIR`: the Parquet tables of `khabar spark-extract` into the store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from khabar.cli.common import DbOption, console, guarded
from khabar.cli.ingest_cmd import records_clause
from khabar.store.db import DEFAULT_DB


@guarded
def load(
    folder: Annotated[Path, typer.Argument(help="A folder `khabar spark-extract --output` wrote.")],
    db: DbOption = Path(DEFAULT_DB),
) -> None:
    """Store the reports and records of a Spark run: the rows `khabar ingest` would store.

    A report already stored keeps its row and gets the loaded records; loading twice adds nothing."""
    from khabar.batch.load import load as run
    from khabar.store import connect

    conn = connect(db)
    rep = run(conn, folder)
    recs = records_clause(rep.records)
    console.print(f"Loaded {rep.new} new report(s) into {db} ({rep.known} already stored; theatre "
                  f"{rep.theatre}){'; ' + recs if recs else ''}.", highlight=False)
