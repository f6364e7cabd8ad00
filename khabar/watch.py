"""Watching feeds: poll RSS/Atom feeds, ingest what is new, recompile, and say what changed hands.

`changes(before, after)` is pure: it compares two compiled states of the theatre. `poll` does one
round (ingest, compile, compare); `watch` repeats it until stopped. The CLI (`khabar watch`)
and the server (`khabar serve --watch`) only print what these return.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from khabar.errors import InputError
from khabar.records import DistrictState, Document, Observation

if TYPE_CHECKING:
    from khabar.compile.sides import Sides
    from khabar.extract.pipeline import Extractor
    from khabar.ingest.urls import Fetched
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
    """One round of watching: what was ingested, the day compiled, and what changed hands.

    `known` counts the feeds' entries already stored, whether recognised by their text or,
    unfetched, by their link; `requests` the HTTP requests made; `not_modified` the feeds that
    answered 304 (unchanged since the last poll)."""

    new: int = 0
    known: int = 0
    errors: list[str] = field(default_factory=list)
    as_of: date | None = None
    changes: list[Change] = field(default_factory=list)
    requests: int = 0
    not_modified: int = 0

    def summary(self, feeds: int) -> str:
        """Return the round as one line."""
        moved = f"{len(self.changes)} district(s) changed hands" if self.changes else "no change of hands"
        day = f" as of {self.as_of.isoformat()}" if self.as_of else ""
        unchanged = f", {self.not_modified} feed(s) not modified" if self.not_modified else ""
        return (f"Polled {feeds} feed(s): {self.new} new report(s), {self.known} already stored, "
                f"{len(self.errors)} error(s); {moved}{day}; {self.requests} HTTP request(s){unchanged}")


_ITEM, _FEED = "item", "feed"


class Memory:
    """What watching remembers of the web, in the store (table fetched_urls) so that a restart
    remembers it too: each feed's validators (ETag, Last-Modified), sent with its next request
    so that an unchanged feed costs a 304; and the links already read, by normalised URL (the
    links of stored reports and the item pages fetched), which are not fetched again."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.items: set[str] = set()
        self._since = ""  # the stored links are read again from this time on (ISO, UTC)
        self.new_round()

    def new_round(self) -> None:
        """Start a poll: counts at zero, and the links stored since the last round read (by any
        process; a watcher that runs for weeks reads each stored link once)."""
        from datetime import UTC, datetime, timedelta

        from khabar.ingest.urls import normalise_url

        self.requests = self.not_modified = self.remembered = self.failures = 0
        self._fetched: dict[str, str] = {}  # normalised -> the link fetched this round
        self._validators: dict[str, tuple[str | None, str | None]] = {}  # feed -> to save
        now = datetime.now(UTC)
        since, self._since = self._since, (now - timedelta(minutes=10)).isoformat(timespec="seconds")
        # (10 minutes back: a report another process was storing then may be committed since)
        self.items.update(normalise_url(u) for (u,) in self.conn.execute(
            "SELECT url FROM documents WHERE url <> '' AND ingested_at >= ?", (since,)))
        self.items.update(u for (u,) in self.conn.execute(
            "SELECT url FROM fetched_urls WHERE kind = ? AND fetched_at >= ?", (_ITEM, since)))

    def known(self, link: str) -> bool:
        """Return whether a link was read before (counting it as remembered if so)."""
        from khabar.ingest.urls import normalise_url

        if normalise_url(link) in self.items:
            self.remembered += 1
            return True
        return False

    def fetch_item(self, link: str) -> tuple[bytes, str]:
        """Fetch an item's page (a Fetch), remembering the link once it is read."""
        from khabar.ingest.urls import fetch_url, normalise_url

        self.requests += 1
        try:
            got = fetch_url(link)
        except InputError as e:
            self.failures += bool(getattr(e, "transient", False))  # to be tried again
            raise
        key = normalise_url(link)
        self.items.add(key)
        self._fetched[key] = link
        return got

    def fetch_feed(self, url: str) -> Fetched:
        """Fetch a feed, conditionally if it was fetched before; its new validators are saved
        by `save` (unless a page it links to is to be fetched again on the next poll)."""
        from khabar.ingest.urls import fetch_if_changed, normalise_url

        key = normalise_url(url)
        row = self.conn.execute("SELECT etag, last_modified FROM fetched_urls WHERE url = ? AND kind = ?",
                                (key, _FEED)).fetchone()
        self.requests += 1
        got = fetch_if_changed(url, *(row or (None, None)))
        if got.not_modified:
            self.not_modified += 1
        return got

    def feed_read(self, url: str, got: Fetched, failures_before: int) -> None:
        """Note a feed's validators for `save`, unless one of its items' pages is to be tried again."""
        from khabar.ingest.urls import normalise_url

        if self.failures == failures_before and (got.etag or got.last_modified):
            self._validators[normalise_url(url)] = (got.etag, got.last_modified)

    def save(self) -> None:
        """Store the feeds' validators and the item links fetched this round, in one transaction."""
        from datetime import UTC, datetime

        from khabar.store.dialect import begin

        if not (self._validators or self._fetched):
            return
        now = datetime.now(UTC).isoformat(timespec="seconds")
        begin(self.conn)
        try:
            for key, (etag, modified) in self._validators.items():
                self.conn.execute(
                    "INSERT INTO fetched_urls (url, kind, etag, last_modified, fetched_at) VALUES (?, ?, ?, ?, ?)"
                    " ON CONFLICT (url) DO UPDATE SET kind = excluded.kind, etag = excluded.etag,"
                    " last_modified = excluded.last_modified, fetched_at = excluded.fetched_at",
                    (key, _FEED, etag, modified, now))
            for key, link in self._fetched.items():
                row = self.conn.execute("SELECT id FROM documents WHERE url = ? ORDER BY ingested_at DESC",
                                        (link,)).fetchone()
                self.conn.execute(
                    "INSERT INTO fetched_urls (url, kind, document_id, fetched_at) VALUES (?, ?, ?, ?)"
                    " ON CONFLICT (url) DO UPDATE SET document_id = excluded.document_id,"
                    " fetched_at = excluded.fetched_at", (key, _ITEM, row[0] if row else None, now))
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self._validators.clear()
        self._fetched.clear()


def read_feeds(feeds: Sequence[str], memory: Memory) -> Iterator[Document | InputError]:
    """Yield the reports of the feeds that are not yet stored: a feed URL is fetched
    conditionally (nothing from a 304), an entry whose link was read before is left out, and a
    teaser's page is fetched only if its link is new (a page that cannot be fetched for a reason
    that may pass, such as a 503, is left for the next poll, the feed's validators unsaved; else
    its summary is stored, as ingest does). Saved feed files are read as ingest reads them."""
    from khabar.ingest import _FEED_TYPES, read_inputs
    from khabar.ingest.feeds import feed_entries, is_feed
    from khabar.ingest.urls import is_url

    for url in feeds:
        url = url.strip()
        if not is_url(url):
            yield from read_inputs([url])
            continue
        try:
            got = memory.fetch_feed(url)
        except InputError as e:
            yield e
            continue
        if got.not_modified:
            continue
        failures, remembered = memory.failures, memory.remembered
        if is_feed(got.body) or got.content_type.split(";")[0].strip().lower() in _FEED_TYPES:
            try:
                entries = feed_entries(got.body, url, fetch=memory.fetch_item, fetch_linked=True,
                                       known=memory.known, defer_transient=True)
            except InputError as e:
                yield e
                continue
            if not entries and memory.remembered == remembered:
                yield InputError(f"{url}: feed has no entries; nothing to ingest")
            yield from entries
        else:  # a page, read as ingest reads one (from the body fetched)
            yield from read_inputs([url], fetch=_fetched_once(url, got, memory))
        memory.feed_read(url, got, failures)


def _fetched_once(url: str, got: Fetched, memory: Memory) -> Callable[[str], tuple[bytes, str]]:
    """Return a Fetch that answers `url` with what was fetched already, other links through memory."""
    def fetch(link: str) -> tuple[bytes, str]:
        return (got.body, got.content_type) if link == url else memory.fetch_item(link)
    return fetch


def poll(conn: sqlite3.Connection, theatre: Theatre, feeds: Sequence[str], extractor: Extractor,
         memory: Memory | None = None) -> Poll:
    """Ingest what is new in the feeds and return every change of hands the new reports add,
    on whatever day they give (a report of a capture a week ago is news too). Feeds are
    fetched conditionally and known links are not fetched again (`memory`, kept by `watch`
    from one poll to the next; read from the store when not given)."""
    from khabar.jobs import control_observations, ingest
    from khabar.store.records import latest_date

    before = control_observations(conn, theatre)
    if memory is None:
        memory = Memory(conn)
    else:
        memory.new_round()
    rep = ingest(conn, feeds, extractor, documents=read_feeds(feeds, memory))
    memory.save()
    result = Poll(rep.new, rep.known + memory.remembered, list(rep.errors), requests=memory.requests,
                  not_modified=memory.not_modified)
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
    memory = Memory(conn)  # the stored links read once, then only those stored since
    while not stop.is_set():
        on_poll(poll(conn, theatre, feeds, extractor, memory))
        done += 1
        if rounds is not None and done >= rounds:
            break
        stop.wait(every)
    return done
