"""One event from many reports: clustering graded reports of the same change or the same event.

Control changes join when they name the same district and controller and their days are
within `TOLERANCE_DAYS` of the event's first day, with no report of another controller of the
district in between. A report that gives no day counts from its publication day, and also
joins an event dated up to `UNDATED_LOOKBACK_DAYS` before it ("fell last week"). Events
(PLOVER records) join when they have the same type and status, share a party, name the same
place (or one names none) and fall within the tolerance.

Clustering is deterministic: reports are taken in `arrival_key` order, each joins the latest
open event that fits or starts one, and an event's id is made of what defines it
(`<district id>-<party>-<YYYYMMDD>`). Each event keeps, for every report after the first, the reason it
joined: `khabar explain` prints them.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from khabar.compile.grading import Grader, outlet_key, rank, reliability_rank
from khabar.records import ControlEvent, Day, Event, Observation, Source

TOLERANCE_DAYS = 3
UNDATED_LOOKBACK_DAYS = 7

_REVERSAL = re.compile(r"\b(?:re(?:took|take|taken|taking|captur\w*|claim\w*|gain\w*|conquer\w*)|"
                       r"liberat\w+|took back|taken back|wrested back|recovered|back under|"
                       r"returned to|pushed|drove|driven|expelled|ousted)\b", re.I)
_STATUS = re.compile(r"^(?:(?:ha(?:ve|s|d)|hold|holds|held|in|retain\w*)\s+(?:full\s+)?control|"
                     r"under\b|(?:in|into)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}(?:hands|control)\b|.*\bcontested\b)",
                     re.I)


@lru_cache(maxsize=4096)
def is_reversal(trigger: str) -> bool:
    """Return whether a trigger says a side took a district back ("retook", "recaptured")."""
    return bool(_REVERSAL.search(trigger or ""))


def is_denial(o: Observation) -> bool:
    """Return whether an observation is a denial of a change of hands ("the ministry denied that X
    had fallen", `compile.holding`): it disputes a change, it is no control event of its own."""
    return o.trigger.startswith("denied ")


@lru_cache(maxsize=4096)
def is_change(trigger: str) -> bool:
    """Return whether a trigger reports a change of hands rather than who holds a district."""
    return not _STATUS.search((trigger or "").strip())


def arrival_key(o: Observation) -> tuple[date, bool, date, str, int, str]:
    """Return the order reports are taken in: by day; on one day a retaking after what it
    reverses; then by publication, report and place in the report."""
    return (o.effective, is_reversal(o.trigger), o.published or o.effective, o.document_id,
            o.start, o.record_id)


def _grade_of(sources: Sequence[Source]) -> str:
    """Return an event's Admiralty code: its best source's, credibility 1 when two or more
    independent outlets report it without hedging."""
    best = sources[0]
    plain = [s for s in sources if s.credibility <= 3]
    if len({outlet_key(s) for s in plain}) >= 2:
        return f"{min((s.reliability for s in plain), key=reliability_rank)}1"
    return best.code


def _source_order(s: Source) -> tuple[tuple[int, int, int], date, str, str]:
    o = s.observation
    return (rank(s.reliability, s.credibility), o.published or o.effective, o.document_id,
            o.record_id)


class Cluster:
    """A control event being built: its reports so far and what they say together."""

    __slots__ = ("district_id", "district", "province", "controller", "date", "last", "sources",
                 "joins", "docs", "decisive", "change", "reversal", "undated", "denial", "_frozen")

    def __init__(self, source: Source) -> None:
        o = source.observation
        self.district_id: str = o.district_id or ""
        self.district = o.district
        self.province = o.province
        self.controller = o.controller
        self.date: date = o.effective
        self.last: date = o.effective
        self.sources: list[Source] = []
        self.joins: dict[str, tuple[str, int, int]] = {}  # record id -> how it joined (_why)
        self.docs: set[str] = set()
        self.decisive = False
        self.change = False
        self.reversal = False
        self.undated = True
        self.denial = True  # only denials of the other side's gain ("denied the fall")
        self._frozen: ControlEvent | None = None
        self.add(source, ("", 0, 0))

    @property
    def id(self) -> str:
        if self.denial and len(self.sources) == 1:  # a denial: the record it comes from
            return self.sources[0].observation.record_id
        return f"{self.district_id}-{self.controller}-{self.date:%Y%m%d}"

    def add(self, source: Source, why: tuple[str, int, int]) -> None:
        o = source.observation
        self.sources.append(source)
        self.joins[o.record_id] = why
        self.docs.add(o.document_id)
        self.last = max(self.last, o.effective)
        self.decisive = self.decisive or source.decisive
        # a statement of holding is no change (extraction's `kind`; else read from the trigger)
        self.change = self.change or (o.kind != "holding" and is_change(o.trigger))
        self.reversal = self.reversal or is_reversal(o.trigger)
        self.undated = self.undated and o.date is None
        self.denial = self.denial and o.trigger.startswith("denied ")
        self._frozen = None

    def freeze(self) -> ControlEvent:
        """Return the event as a record (cached until another report joins)."""
        if self._frozen is None:
            ordered = sorted(self.sources, key=_source_order)
            published = [s.observation.published for s in self.sources if s.observation.published]
            n = len(self.docs)
            rule = (f"{n} report(s) of {self.district} going to the {self.controller}, dated within "
                    f"{TOLERANCE_DAYS} days of {self.date.isoformat()}" if n > 1 else
                    f"one report of {self.district} going to the {self.controller}")
            self._frozen = ControlEvent(
                self.id, self.district_id, self.district, self.province,
                self.controller, self.date, tuple(ordered), _grade_of(ordered), rule,
                min(published) if published else None, max(published) if published else None,
                tuple(self._why(s.observation) for s in ordered))
        return self._frozen

    def _why(self, o: Observation) -> str:
        """Return why a report joined the event ("" for the one that started it)."""
        how, gap, days = self.joins[o.record_id]
        head = f"same district ({o.district_id}) and controller ({o.controller}); "
        if how == "dated":
            return (f"{head}dated {o.effective.isoformat()}"
                    f"{'' if o.date else ' (publication day, no day given)'}, {gap} day(s) "
                    f"after the event's first day {self.date.isoformat()} (tolerance {days})")
        if how == "undated":
            return (f"{head}gives no day and was published {o.effective.isoformat()}, {gap} "
                    f"day(s) after the event's first day {self.date.isoformat()} (undated "
                    f"reports look back {days} days)")
        return ""


class DistrictClusters:
    """The control events of one district, built report by report in `arrival_key` order."""

    def __init__(self, tolerance: int = TOLERANCE_DAYS,
                 lookback: int = UNDATED_LOOKBACK_DAYS) -> None:
        self.tolerance = tolerance
        self.lookback = lookback
        self.clusters: list[Cluster] = []
        self._latest: dict[str, Cluster] = {}  # controller -> its latest event
        self._seen: dict[str, date] = {}  # controller -> latest day a report gave it

    def _between(self, controller: str, after: date, before: date) -> str | None:
        for other, day in self._seen.items():
            if other != controller and after < day < before:
                return other
        return None

    def add(self, source: Source) -> tuple[Cluster, bool]:
        """Return the event a report joins (or starts) and whether it is new."""
        o = source.observation
        c = self._latest.get(o.controller)
        new = True
        if c is not None and self._between(o.controller, c.last, o.effective) is None:
            gap = (o.effective - c.date).days
            if 0 <= gap <= self.tolerance:
                c.add(source, ("dated", gap, self.tolerance))
                new = False
            elif o.date is None and 0 <= gap <= self.lookback:
                c.add(source, ("undated", gap, self.lookback))
                new = False
        if new:
            c = Cluster(source)
            self.clusters.append(c)
            self._latest[o.controller] = c
        seen = self._seen.get(o.controller)
        if seen is None or o.effective > seen:
            self._seen[o.controller] = o.effective
        assert c is not None
        return c, new


def cluster_control(observations: Iterable[Observation], grader: Grader | None = None, *,
                    tolerance: int = TOLERANCE_DAYS) -> list[ControlEvent]:
    """Return the control events of some observations, by district and day."""
    grader = grader or Grader()
    by_district: dict[str, DistrictClusters] = {}
    for o in sorted((o for o in observations if o.district_id and not is_denial(o)), key=arrival_key):
        assert o.district_id is not None
        dc = by_district.setdefault(o.district_id, DistrictClusters(tolerance))
        dc.add(grader.grade(o))
    events = [c.freeze() for dc in by_district.values() for c in dc.clusters]
    return sorted(events, key=lambda e: (e.date, e.district_id, e.controller))


# -- events (PLOVER) ---------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class EventReport:
    """One report of an event, graded: the record, its report and its Admiralty grade."""

    record: Event
    record_id: str
    effective: date
    outlet: str
    published: date | None
    url: str
    title: str
    reliability: str
    credibility: int
    basis: str
    reason: str

    @property
    def code(self) -> str:
        return f"{self.reliability}{self.credibility}"


@dataclass(frozen=True, slots=True)
class EventCluster:
    """One event from every report of it: type, parties, place, day, sources and best grade."""

    id: str
    type: str
    status: str
    parties: tuple[str, ...]
    place: str | None
    date: Day
    sources: tuple[EventReport, ...]
    grade: str
    rule: str
    first_reported: Day | None
    latest_reported: Day | None
    joined: tuple[str, ...] = ()  # per source: why it joined ("" for the one it started with)

    @property
    def reports(self) -> int:
        return len({s.record.evidence.document_id for s in self.sources})


def grade_event(grader: Grader, record: Event, record_id: str, *, outlet: str = "",
                url: str = "", published: date | None = None, title: str = "",
                review: str | None = None) -> EventReport | None:
    """Return an event record graded, or None when neither it nor its report has a day."""
    effective = record.date or published
    if effective is None:
        return None
    rel, cred, basis, reason, shown = grader.grade_text(record.evidence.text, None, outlet, url,
                                                        review)
    return EventReport(record, record_id, effective, shown, published, url, title, rel, cred,
                       basis, reason)


def _lower(name: str | None) -> str | None:
    return name.lower().strip() if name else None


class _Open:
    """An event being built from event reports."""

    __slots__ = ("kind", "keys", "first_at", "parties", "at", "members", "whys")

    def __init__(self, r: EventReport, keys: set[str], at: str | None) -> None:
        self.kind = (r.record.type, r.record.status)
        self.keys = frozenset(keys)  # the first report's parties: part of the id
        self.first_at = at or ""
        self.parties = set(keys)
        self.at = at
        self.members = [r]
        self.whys: dict[str, str] = {r.record_id: ""}


def cluster_events(reports: Iterable[EventReport], *, tolerance: int = TOLERANCE_DAYS,
                   party: Callable[[str], str] = str.lower,
                   place: Callable[[str | None], str | None] = _lower) -> list[EventCluster]:
    """Return the events of some graded event reports, each with every report of it.

    `party` and `place` give the keys names are compared by (the theatre's actor id and
    district id, say); by default names in lower case.
    """
    ordered = sorted(reports, key=lambda r: (r.effective, r.published or r.effective,
                                             r.record.evidence.document_id, r.record.span[0],
                                             r.record_id))
    events: list[_Open] = []
    for r in ordered:
        ev = r.record
        keys = {party(p) for p in (*ev.actors, *ev.targets) if p}
        where = place(ev.place)
        for e in events:
            first = e.members[0]
            gap = (r.effective - first.effective).days
            if e.kind != (ev.type, ev.status) or not (keys & e.parties) or gap > tolerance:
                continue
            if where and e.at and where != e.at:
                continue
            shared = ", ".join(sorted(keys & e.parties))
            at = f"same place ({e.at})" if where and e.at else "no place in conflict"
            e.whys[r.record_id] = (
                f"same type ({ev.type}, {ev.status}), shared parties ({shared}), {at}, {gap} "
                f"day(s) after the event's first day {first.effective.isoformat()} "
                f"(tolerance {tolerance})")
            e.members.append(r)
            e.parties |= keys
            e.at = e.at or where
            break
        else:
            events.append(_Open(r, keys, where))
    return sorted((_event_cluster(e) for e in events), key=lambda e: (e.date, e.type, e.id))


def _event_cluster(e: _Open) -> EventCluster:
    etype, status = e.kind
    members = e.members
    first = members[0]
    ordered = sorted(members, key=lambda s: (rank(s.reliability, s.credibility),
                                             s.published or s.effective, s.record_id))
    plain = [s for s in ordered if s.credibility <= 3]
    independent = {s.outlet.lower() if s.outlet != "unknown outlet" else s.record_id
                   for s in plain}
    grade = (f"{min((s.reliability for s in plain), key=reliability_rank)}1"
             if len(independent) >= 2 else ordered[0].code)
    raw = "|".join([etype, status, first.effective.isoformat(), e.first_at, *sorted(e.keys)])
    digest = hashlib.sha1(raw.encode("utf-8")).hexdigest()[:6]
    pub = [s.published for s in members if s.published]
    docs = {s.record.evidence.document_id for s in members}
    rule = (f"{len(docs)} report(s) of {etype} ({status}) sharing a party, within "
            f"{TOLERANCE_DAYS} days" if len(docs) > 1 else f"one report of {etype} ({status})")
    return EventCluster(f"e-{etype.lower()}-{first.effective:%Y%m%d}-{digest}", etype, status,
                        tuple(sorted(e.parties)), first.record.place, first.effective,
                        tuple(ordered), grade, rule, min(pub) if pub else None,
                        max(pub) if pub else None, tuple(e.whys[s.record_id] for s in ordered))
