"""`khabar spark-extract INPUT... --output DIR`: extraction as a PySpark job, records as Parquet."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from khabar.cli.common import PipelineOption, TheatreOption, console, error, guarded, parse_day
from khabar.cli.ingest_cmd import (
    MaxBytesOption,
    MaxCharsOption,
    MaxSecondsOption,
    apply_limits,
    records_clause,
)
from khabar.theatres.loader import DEFAULT_THEATRE


@guarded
def spark_extract(
    inputs: Annotated[list[str], typer.Argument(help="Files or folders of reports (.txt, .html, .json, .jsonl, feeds saved as files).")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for the Parquet tables (new, empty, or an earlier run's, replaced).")],
    master: Annotated[str, typer.Option("--master", help="Spark master: local[*], local[N], or a cluster's URL (spark://host:7077).")] = "local[*]",
    pipeline: PipelineOption = "standard",
    theatre: TheatreOption = DEFAULT_THEATRE,
    partitions: Annotated[int | None, typer.Option("--partitions", min=1, help="Partitions of the reports (default: twice the cores, at most 250 reports each).")] = None,
    published: Annotated[str | None, typer.Option(help="Publication date YYYY-MM-DD for reports that lack one.")] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet name for reports that lack one.")] = None,
    max_bytes: MaxBytesOption = None,
    max_chars: MaxCharsOption = None,
    max_seconds: MaxSecondsOption = None,
) -> None:
    """Extract records from an archive with Spark: documents partitioned, one pipeline a worker,
    records written as Parquet with the store's schema (load them with `khabar load`).

    Needs pyspark (pip install 'khabar[spark]') and Java."""
    from khabar.batch.spark import check_available, run

    check_available()
    day = parse_day(published, "--published")
    apply_limits(False, max_bytes, max_chars, max_seconds)
    rep = run(inputs, output, master=master, pipeline=pipeline, theatre=theatre, published=day,
              outlet=outlet, partitions=partitions, on_error=error)
    recs = records_clause(rep.records)
    console.print(f"Extracted {rep.extracted} report(s) of {rep.read} on {master} in {rep.partitions} "
                  f"partition(s) into {output} ({len(rep.errors)} error(s)){'; ' + recs if recs else ''}. "
                  f"{rep.words:,} words in {rep.extract_seconds:.1f} s "
                  f"({rep.words_per_second:,.0f} words/s; reading {rep.read_seconds:.1f} s); the pipeline "
                  f"loaded {rep.pipeline_loads} time(s), once a Python worker.", highlight=False)
    if rep.extracted == 0 and rep.errors:
        raise typer.Exit(1)
