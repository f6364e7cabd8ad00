"""`khabar serve`: the analyst's desk (map, tables, reports, review, JSON API) over a database."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from khabar.cli.common import DbOption, PipelineOption, StoreTheatreOption, console, guarded, warn
from khabar.errors import KhabarError
from khabar.store.db import DEFAULT_DB

LOOPBACK = ("127.0.0.1", "localhost", "::1")


@guarded
def serve(
    db: DbOption = Path(DEFAULT_DB),
    host: Annotated[str, typer.Option("--host", help="Address to listen on (default: loopback only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    token: Annotated[str | None, typer.Option("--token", envvar="KHABAR_TOKEN", show_envvar=True,
                                              help="Allow reviews to whoever sends it as 'Authorization: Bearer TOKEN'; without it the desk is read-only.")] = None,
    theatre: StoreTheatreOption = None,
    watch: Annotated[list[str] | None, typer.Option("--watch", help="Also poll this RSS/Atom feed URL (repeatable), ingest what is new and log what changed hands.")] = None,
    every: Annotated[str, typer.Option("--every", help="How often to poll the --watch feeds: 30s, 15m, 1h.")] = "15m",
    pipeline: PipelineOption = "standard",
    allow_private: Annotated[bool, typer.Option("--allow-private", help="Let the --watch feeds and their links reach loopback and private-network addresses (refused by default).")] = False,
) -> None:
    """Serve the desk: the map with a time slider, events, claims, quotes, reports, review and the API."""
    import uvicorn

    from khabar.cli.ingest_cmd import apply_limits

    apply_limits(allow_private)

    from khabar.watch import parse_every
    from khabar.web.app import create_app

    if not db.exists():
        raise KhabarError(f"{db}: no such database; run `khabar ingest` or `khabar demo` first")
    if host not in LOOPBACK:
        warn(f"--host {host}: the desk is reachable from other machines; it has no TLS")
    seconds = parse_every(every) if watch else 0.0
    hosts = [host, "127.0.0.1", "localhost", "[::1]"] if host in LOOPBACK else None
    app = create_app(db, theatre, token, allowed_hosts=hosts)
    if watch:
        import logging

        from khabar.web.watcher import start_background_watch

        logging.basicConfig(format="%(asctime)s %(message)s", level=logging.WARNING)
        start_background_watch(app, watch, seconds, pipeline)
        console.print(f"Watching {len(watch)} feed(s) every {every}.", highlight=False)
    mode = "reviews need the token" if token else "read-only (give --token to allow reviews)"
    console.print(f"Desk: http://{host}:{port}/  ({db}, {mode}); API schema at /openapi.json",
                  highlight=False)
    uvicorn.run(app, host=host, port=port, log_level="warning")
