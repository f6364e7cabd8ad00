"""Watching feeds: poll RSS/Atom feeds, ingest what is new, recompile, and say what changed hands.

`changes(before, after)` is pure: it compares two compiled states of the theatre. `poll` does one
round (ingest, compile, compare); `watch` repeats it until stopped. The CLI (`khabar watch`)
and the server (`khabar serve --watch`) only print what these return.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from khabar.errors import InputError
from khabar.records import DistrictState

if TYPE_CHECKING:
    from khabar.compile.sides import Sides
    from khabar.extract.pipeline import Extractor
    from khabar.theatres.loader import Theatre

_EVERY = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h|hr|d)?\s*", re.I)
_UNIT = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "hr": 3600, "d": 86400}
MIN_SECONDS = 10.0


def parse_every(text: str) -> float:
    """Return the seconds an interval such as "30s", "15m", "1h" or "1d" names (at least 10 s)."""
    m = _EVERY.fullmatch(text or "")
    if not m:
        raise InputError(f"--every {text!r}: not an interval; use 30s, 15m, 1h or 1d")
    seconds = float(m[1]) * _UNIT[(m[2] or "s").lower()]
    if seconds < MIN_SECONDS:
        raise InputError(f"--every {text!r}: too often; poll at most every {MIN_SECONDS:.0f}s")
    return seconds


@dataclass(frozen=True, slots=True)
class Change:
    """A district whose controller differs between two compiles, and how many reports say so."""

    district_id: str
    district: str
    province: str
    before: str | None
    after: str | None
    sources: int
    since: date | None = None
    sides: Sides | None = field(default=None, compare=False, repr=False)  # the theatre's labels

    def line(self, sides: Sides | None = None) -> str:
        """Return the change as one line, parties by their theatre's labels: "Dand: Government →
        Insurgents, 2 sources" (by their ids without a theatre's sides)."""
        from khabar.compile.sides import side_name

        sides = sides or self.sides
        n = f", {self.sources} source{'' if self.sources == 1 else 's'}" if self.after else ""
        return f"{self.district}: {side_name(self.before, sides)} → {side_name(self.after, sides)}{n}"


def _sources(state: DistrictState) -> int:
    """Return how many reports stand behind a state (1 when compile does not count them)."""
    n = int(getattr(state, "sources", 0) or 0)
    return n or (1 if state.observation is not None else 0)


def changes(before: Iterable[DistrictState], after: Iterable[DistrictState],
            sides: Sides | None = None) -> list[Change]:
    """Return the districts whose controller differs between two compiles, in gazetteer order
    (`sides`: the theatre's, for the changes' lines)."""
    old = {s.district_id: s.controller for s in before}
    out = []
    for s in after:
        was = old.get(s.district_id)
        if was != s.controller:
            out.append(Change(s.district_id, s.name, s.province, was, s.controller, _sources(s), s.since,
                              sides))
    return out


@dataclass
class Poll:
    """One round of watching: what was ingested, the day compiled, and what changed hands."""

    new: int = 0
    known: int = 0
    errors: list[str] = field(default_factory=list)
    as_of: date | None = None
    changes: list[Change] = field(default_factory=list)

    def summary(self, feeds: int) -> str:
        """Return the round as one line."""
        moved = f"{len(self.changes)} district(s) changed hands" if self.changes else "no change of hands"
        day = f" as of {self.as_of.isoformat()}" if self.as_of else ""
        return (f"Polled {feeds} feed(s): {self.new} new report(s), {self.known} already stored, "
                f"{len(self.errors)} error(s); {moved}{day}")


def poll(conn: sqlite3.Connection, theatre: Theatre, feeds: Sequence[str], extractor: Extractor) -> Poll:
    """Ingest what is new in the feeds and return the districts that changed hands.

    Control is compared as of the latest day of the data before and after the round, as the
    desk's map shows it.
    """
    from khabar.jobs import compile_control, ingest
    from khabar.store.records import latest_date

    day_before = latest_date(conn)
    before = compile_control(conn, theatre, day_before)[0] if day_before else []
    rep = ingest(conn, feeds, extractor)
    result = Poll(rep.new, rep.known, list(rep.errors))
    day = latest_date(conn)
    if day is None:
        return result
    result.as_of = day
    if rep.new:
        from khabar.compile.sides import Sides

        result.changes = changes(before, compile_control(conn, theatre, day)[0], Sides.of(theatre))
    return result


def watch(conn: sqlite3.Connection, theatre: Theatre, feeds: Sequence[str], extractor: Extractor,
          every: float, on_poll: Callable[[Poll], None], stop: threading.Event | None = None,
          rounds: int | None = None) -> int:
    """Poll the feeds every `every` seconds until `stop` is set (or `rounds` are done); return rounds."""
    stop = stop or threading.Event()
    done = 0
    while not stop.is_set():
        on_poll(poll(conn, theatre, feeds, extractor))
        done += 1
        if rounds is not None and done >= rounds:
            break
        stop.wait(every)
    return done
