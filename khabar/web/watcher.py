"""`khabar serve --watch URL`: the feed watcher in a background thread beside the desk."""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence

from fastapi import FastAPI

log = logging.getLogger("khabar.watch")


def start_background_watch(app: FastAPI, feeds: Sequence[str], seconds: float,
                           pipeline: str = "standard") -> threading.Event:
    """Start polling feeds into the desk's database every `seconds`; return the event that stops it."""
    from khabar.compile.sides import Sides
    from khabar.extract.pipeline import Extractor
    from khabar.ingest.budget import Budgeted
    from khabar.store import connect
    from khabar.watch import Poll, watch

    desk = app.state.desk
    sides = Sides.of(desk.theatre)
    stop = threading.Event()

    def report(p: Poll) -> None:
        for e in p.errors:
            log.warning("Error: %s", e)
        log.warning("%s", p.summary(len(feeds)))
        for c in p.changes:
            log.warning("  %s", c.line(sides))
        desk.changed()

    def run() -> None:
        conn = connect(desk.db_path)  # its own connection: the desk's are per request thread
        try:
            # the time budget holds in worker processes (a poll of more than one batch); in this
            # thread only the length cap does (a SIGALRM timer needs the main thread)
            extractor = Budgeted(Extractor(str(desk.theatre.path), mode=pipeline))
            watch(conn, desk.theatre, list(feeds), extractor, seconds, report, stop)
        except Exception:  # a crash of the watcher must not take the desk down
            log.exception("the feed watcher stopped")
        finally:
            conn.close()

    threading.Thread(target=run, name="khabar-watch", daemon=True).start()
    app.state.watch_stop = stop
    return stop
