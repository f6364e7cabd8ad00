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
from khabar.records import DistrictState, Observation

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
    day: date | None = None  # the day the new reports say it changed hands (None: as of the latest day)

    def line(self, sides: Sides | None = None) -> str:
        """Return the change as one line, parties by their theatre's labels: "Dand: Government →
        Insurgents, 2 sources" (by their ids without a theatre's sides)."""
        from khabar.compile.sides import side_name

        sides = sides or self.sides
        n = f", {self.sources} source{'' if self.sources == 1 else 's'}" if self.after else ""
        on = f" on {self.day.isoformat()}" if self.day else ""
        return f"{self.district}: {side_name(self.before, sides)} → {side_name(self.after, sides)}{on}{n}"


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
    """Ingest what is new in the feeds and return every change of hands the new reports add,
    on whatever day they give (a report of a capture a week ago is news too)."""
    from khabar.jobs import control_observations, ingest
    from khabar.store.records import latest_date

    before = control_observations(conn, theatre)
    rep = ingest(conn, feeds, extractor)
    result = Poll(rep.new, rep.known, list(rep.errors))
    day = latest_date(conn)
    if day is None:
        return result
    result.as_of = day
    if rep.new:
        from khabar.compile.sides import Sides

        after = control_observations(conn, theatre)
        new = set(rep.documents)
        touched = {o.district_id for o in after if o.document_id in new and o.district_id}
        result.changes = history_changes(theatre, before, after, touched, Sides.of(theatre))
    return result


def history_changes(theatre: Theatre, before: Sequence[Observation], after: Sequence[Observation],
                    districts: Iterable[str], sides: Sides | None = None) -> list[Change]:
    """Return, for some districts, every day on which who holds them differs between two sets of
    reports (before and after a round of new ones), in gazetteer order then by day: the changes
    of hands the new reports add, remove or move, on the day they happened."""
    from khabar.compile import control_as_of as cao
    from khabar.compile.grading import Grader

    grader = Grader.for_theatre(theatre)
    wanted = set(districts)
    out: list[Change] = []
    for did, d in theatre.districts.items():
        if did not in wanted:
            continue
        was = cao.district_history(d, [o for o in before if o.district_id == did], grader=grader, sides=sides)[1]
        now = cao.district_history(d, [o for o in after if o.district_id == did], grader=grader, sides=sides)[1]
        shown: tuple[str | None, str | None] | None = None
        for day in sorted({x for x, _ in was} | {x for x, _ in now}):
            old, new = _as_of(was, day), _as_of(now, day)
            a, b = (old.controller if old else None), (new.controller if new else None)
            if a != b and (a, b) != shown and new is not None:
                n = new.events[0].reports if new.events else _sources(new)  # the reports of the change
                out.append(Change(did, d.name, d.province, a, b, n, new.since, sides, day))
            shown = (a, b) if a != b else None
    return out


def _as_of(states: Sequence[tuple[date, DistrictState]], day: date) -> DistrictState | None:
    """Return the state a district's history gives on a day (its latest change up to it)."""
    found = None
    for when, s in states:
        if when > day:
            break
        found = s
    return found


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
