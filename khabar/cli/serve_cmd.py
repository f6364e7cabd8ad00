"""`khabar serve`: the analyst's desk (map, tables, reports, review, JSON API) over a database."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from khabar.cli.common import DbOption, TheatreOption, console, guarded, warn
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
    theatre: TheatreOption = "afghanistan_2021",
) -> None:
    """Serve the desk: the map with a time slider, events, claims, quotes, reports, review and the API."""
    import uvicorn

    from khabar.web.app import create_app

    if not db.exists():
        raise KhabarError(f"{db}: no such database; run `khabar ingest` or `khabar demo` first")
    if host not in LOOPBACK:
        warn(f"--host {host}: the desk is reachable from other machines; it has no TLS")
    app = create_app(db, theatre, token)
    mode = "reviews need the token" if token else "read-only (give --token to allow reviews)"
    console.print(f"Desk: http://{host}:{port}/  ({db}, {mode}); API schema at /openapi.json",
                  highlight=False)
    uvicorn.run(app, host=host, port=port, log_level="warning")
