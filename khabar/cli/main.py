"""khabar's command line: `khabar ingest`, `extract`, `control`, `map`, `demo`..."""

from __future__ import annotations

import warnings
from typing import Annotated

import typer

from khabar import __version__
from khabar.cli import (
    baseline_cmd,
    bench_cmd,
    claims_cmd,
    control_cmd,
    demo_cmd,
    district_cmd,
    eval_cmd,
    explain_cmd,
    export_cmd,
    extract_cmd,
    ingest_cmd,
    load_cmd,
    map_cmd,
    review_cmd,
    serve_cmd,
    spark_cmd,
    theatres_cmd,
    timeline_cmd,
    watch_cmd,
)
from khabar.cli.common import STATE

warnings.filterwarnings("ignore", message=r".*\[W036\].*")

app = typer.Typer(name="khabar", no_args_is_help=True, add_completion=False,
                  help="Compile press reports into an evidence-backed record of a conflict: who "
                       "controls which district on which day, who met whom, who claimed what.")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"khabar {__version__}")
        raise typer.Exit()


@app.callback()
def main(debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False,
         version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                               help="Print the version.")] = False) -> None:
    """Compile press reports into an evidence-backed record of a conflict."""
    STATE["debug"] = debug


app.command("ingest")(ingest_cmd.ingest)
app.command("extract")(extract_cmd.extract)
app.command("control")(control_cmd.control)
app.command("map")(map_cmd.map_)
app.command("district")(district_cmd.district)
app.command("explain")(explain_cmd.explain)
app.command("timeline")(timeline_cmd.timeline)
app.command("demo")(demo_cmd.demo)
app.command("eval")(eval_cmd.eval_)
app.command("review")(review_cmd.review)
app.command("claims")(claims_cmd.claims)
app.command("serve")(serve_cmd.serve)
app.command("watch")(watch_cmd.watch)
app.command("bench")(bench_cmd.bench)
app.command("theatres")(theatres_cmd.theatres)
app.command("spark-extract")(spark_cmd.spark_extract)
app.command("load")(load_cmd.load)
app.add_typer(baseline_cmd.app, name="baseline")
app.command("export")(export_cmd.export)

if __name__ == "__main__":
    app()
