"""The desk's state: the database (a connection per worker thread), the theatre and the token.

Compiled control is cached per day and per state of the database file, so a write from this
server (a review) or from another process (`khabar watch`, `khabar ingest`) is seen at once.
"""

from __future__ import annotations

import os
import secrets
import sqlite3
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from khabar.compile.control_as_of import Counts
from khabar.records import DistrictState
from khabar.render import Layers
from khabar.store import connect
from khabar.store import queries as q
from khabar.theatres.loader import Theatre

CACHE_DAYS = 512
MAX_TIMELINE_DAYS = 1000


@dataclass
class Desk:
    """What every request needs: where the data is, the theatre, and whether writes are allowed."""

    db_path: Path
    theatre: Theatre
    token: str | None = None
    _local: threading.local = field(default_factory=threading.local)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _cache: OrderedDict[tuple[str, tuple[int, ...]], tuple[list[DistrictState], Counts]] = field(
        default_factory=OrderedDict)
    _timelines: dict[tuple[str, tuple[int, ...]], list[dict[str, Any]]] = field(default_factory=dict)
    _compiling: dict[str, threading.Lock] = field(default_factory=dict)
    generation: int = 0
    _geometry: tuple[str, str] | None = None  # (version, the map's SVG) served at /map.svg

    def conn(self) -> sqlite3.Connection:
        """Return this thread's connection to the database."""
        c: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if c is None:
            c = connect(self.db_path)
            self._local.conn = c
        return c

    def can_write(self) -> bool:
        return bool(self.token)

    def token_ok(self, given: str) -> bool:
        """Return whether a bearer token is the server's (compared in constant time)."""
        return bool(self.token) and secrets.compare_digest(given.encode(), str(self.token).encode())

    def changed(self) -> None:
        """Note a write made by this server, so that cached compiles are dropped."""
        with self._lock:
            self.generation += 1
            self._cache.clear()

    def fingerprint(self) -> tuple[int, ...]:
        """Return what identifies the database's current content: file sizes and times, writes."""
        from khabar.store.pg import is_url, write_count

        if is_url(self.db_path):  # PostgreSQL: the count of writes committed by any process
            return (self.generation, write_count(self.conn()))
        parts = [self.generation]
        for suffix in ("", "-wal"):
            try:
                st = os.stat(f"{self.db_path}{suffix}")
                parts += [st.st_mtime_ns, st.st_size]
            except OSError:
                parts += [0, 0]
        return tuple(parts)

    def control(self, day: date) -> tuple[list[DistrictState], Counts]:
        """Return every district's state and the counts as of a day (cached per database state)."""
        from khabar.compile.state_cache import compile_control  # the kept timelines (milliseconds)

        key = (day.isoformat(), self.fingerprint())
        with self._lock:
            hit = self._cache.get(key)
            if hit is not None:
                self._cache.move_to_end(key)
                return hit
            day_lock = self._compiling.setdefault(key[0], threading.Lock())
        with day_lock:  # one compile per day at a time: concurrent askers wait for it
            with self._lock:
                hit = self._cache.get(key)
            if hit is not None:
                return hit
            result = compile_control(self.conn(), self.theatre, day)
            with self._lock:
                self._cache[key] = result
                while len(self._cache) > CACHE_DAYS:
                    self._cache.popitem(last=False)
        return result

    def date_range(self) -> tuple[date | None, date | None]:
        return q.date_range(self.conn())

    def timeline(self, start: date, end: date) -> list[dict[str, Any]]:
        """Return per day: the counts of districts by controller, and records dated that day."""
        if end < start:
            start, end = end, start
        end = min(end, start + timedelta(days=MAX_TIMELINE_DAYS - 1))
        from khabar.jobs import daily_counts

        key = (f"timeline {start.isoformat()} {end.isoformat()}", self.fingerprint())
        with self._lock:
            hit = self._timelines.get(key)
        if hit is not None:
            return hit
        daily = q.daily_counts(self.conn(), start, end)
        out = []
        for counts in daily_counts(self.conn(), self.theatre, start, end):  # one sweep
            row: dict[str, Any] = counts.to_dict()
            row["date"] = row.pop("as_of")
            extra = daily.get(row["date"], {})
            for k in ("documents", "events", "claims", "control_changes"):
                row[k] = extra.get(k, 0)
            out.append(row)
        with self._lock:
            self._timelines = {key: out}
        return out

    def layers(self) -> Layers:
        """Return the theatre's map layers (projected SVG paths), computed once."""
        from khabar.render import map_layers

        return map_layers(self.theatre)

    def map_order(self) -> list[str]:
        """Return the district ids in the order of the map page's paths (data-i)."""
        order: list[str] | None = getattr(self, "_order", None)
        if order is None:
            order = list(self.layers().districts)
            self._order = order
        return order

    def event_clusters(self) -> list[Any]:
        """Return the stored events joined across reports (jobs.plover_events), cached per database state."""
        from khabar.jobs import plover_events

        key = self.fingerprint()
        with self._lock:
            cached = getattr(self, "_events", None)
        if cached is not None and cached[0] == key:
            return list(cached[1])
        clusters = plover_events(self.conn(), self.theatre)
        with self._lock:
            self._events = (key, clusters)
        return list(clusters)

    def event_index(self) -> dict[str, Any]:
        """Return record id -> the event (cluster) it is a report of."""
        return {s.record_id: c for c in self.event_clusters() for s in c.sources}
