"""The desk's FastAPI app: `create_app(db_path, theatre, token)` joins the routers and error shape.

Every error, from any route, is one JSON shape: `{"ok": false, "error": "...", "status": N}`.
Pages carry a Content-Security-Policy that allows only khabar's own scripts and styles.
"""

from __future__ import annotations

import logging
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from khabar import __version__
from khabar.errors import InputError, KhabarError
from khabar.theatres.loader import Theatre, load
from khabar.web.desk import Desk

STATIC = Path(__file__).with_name("static")
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
log = logging.getLogger("khabar.web")


def error_body(message: str, status: int) -> dict[str, object]:
    """Return the one JSON shape of every error the desk answers."""
    return {"ok": False, "error": message, "status": status}


def _error(message: str, status: int, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error_body(message, status), status_code=status, headers=headers)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for e in exc.errors():
        where = ".".join(str(p) for p in e.get("loc", ()) if p not in ("query", "path", "body"))
        parts.append(f"{where or 'request'}: {e.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def create_app(db_path: str | Path, theatre: str | Theatre | None = None,
               token: str | None = None, allowed_hosts: list[str] | None = None) -> FastAPI:
    """Return the desk app over a database file; writes need `token` (none: read-only). Without a
    `theatre`, the desk shows the database's own.

    `allowed_hosts` limits the Host header the desk answers (against DNS rebinding of a
    loopback server); None answers any.
    """
    from khabar.store.pg import db_value
    from khabar.web.routers import api, pages

    db = db_value(db_path)  # a Path, or a postgresql:// URL
    if theatre is None:  # the database's own theatre (recorded at its first ingest), else the default
        from khabar.store import connect
        from khabar.store.meta import theatre_or_default

        conn = connect(db)
        try:
            theatre = theatre_or_default(conn)
        finally:
            conn.close()
    th = theatre if isinstance(theatre, Theatre) else load(theatre)
    desk = Desk(db, th, token or None)
    desk.conn()  # opens and migrates the database now, so that a bad path fails at start
    desk.map_order()  # projects the theatre's districts once, before the first request
    app = FastAPI(title="khabar desk", version=__version__, docs_url=None, redoc_url=None,
                  description="District control, events, claims and quotes compiled from press "
                              "reports, each record with the sentence and report behind it.")
    app.state.desk = desk
    hosts = {h.lower() for h in allowed_hosts or ()}

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = f"{request.url.path}: not found"
        return _error(message, exc.status_code, getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        return _error(_validation_message(exc), 422)

    @app.exception_handler(InputError)
    async def input_error(request: Request, exc: InputError) -> JSONResponse:
        return _error(str(exc), 422)

    @app.exception_handler(KhabarError)
    async def khabar_error(request: Request, exc: KhabarError) -> JSONResponse:
        return _error(str(exc), 500)

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> JSONResponse:
        log.exception("error answering %s", request.url.path)
        return _error(f"internal error ({type(exc).__name__}); see the server log", 500)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):  # type: ignore[no-untyped-def]
        if hosts:
            host = request.headers.get("host", "")
            name = host.split("]")[0] + "]" if host.startswith("[") else host.rsplit(":", 1)[0]
            if name.lower() not in hosts:
                return _error(f"host {name or '(none)'}: not served here; use http://127.0.0.1", 400)
        response: Response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response

    app.include_router(api.router)
    app.include_router(pages.router)
    from starlette.middleware.gzip import GZipMiddleware

    app.add_middleware(GZipMiddleware, minimum_size=2048)  # the map's geometry, exports, long pages

    @app.get("/static/map_view.js", include_in_schema=False)
    def map_view_script() -> FileResponse:
        """The map's zoom and pan, the same file the static map page inlines."""
        from khabar.render.map import VIEW_SCRIPT
        return FileResponse(VIEW_SCRIPT, media_type="text/javascript")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
