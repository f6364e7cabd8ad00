"""Each district's compiled state timeline, kept in the store: as-of questions in milliseconds.

A district's track (`control_as_of.Track`) depends on its own observations only, so the store keeps,
per district, the days its state changed and the state on each (`district_states`: the counts' key
columns, the changes of hands first reported that day, and the state as JSON with each event cut to
the source that stands for it). `control_as_of(conn, theatre, day)` is then one look-up of the
latest row on or before the day per district, and `timeline` one sweep over the rows.

What moves a district's answer marks it in `district_dirty` (the store's triggers, migration
m011): a control change stored, replaced or deleted; an analyst's review of one (of its district,
or of every district when it moves a record to another district); a baseline's rows; a claim that
is no assertion, or a review of a claim or of a denial's derived record ("+claims": the districts
the denials speak of, now or at the last refresh); a baseline's grade or its removal, or a
document's change ("*": every district). `refresh` recomputes the marked districts before a
question, one district at a time (its observations through the index on district_id), so memory
stays flat with the number of observations; a change of the theatre's grading or of this code
(`fingerprint`) recomputes them all.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import sqlite3
import time
import uuid
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, fields, replace
from datetime import date, timedelta
from typing import Any

from khabar.compile.baseline import BaselineObservation, baseline_observations
from khabar.compile.control_as_of import (
    SHOWN_EVENTS,
    BaselineCluster,
    Counts,
    Track,
    _Key,
    _move,
    count,
    counts_of_keys,
    order_key,
    sweep,
)
from khabar.compile.dedup import Cluster, DistrictClusters, _source_order
from khabar.compile.grading import Grader, outlet_key
from khabar.compile.sides import Sides
from khabar.records import ControlEvent, DistrictState, Observation, Source
from khabar.store.dialect import SQLITE, begin, dialect, exclusive
from khabar.theatres.loader import District, Theatre

VERSION = "1"  # of the rows' shape and of the compile rules: a new one recomputes every district
ALL = "*"  # a mark: every district
CLAIMS = "+claims"  # a mark: the districts denials (claims) speak of, now and at the last refresh
FINGERPRINT_KEY = "district_states"
CLAIMS_KEY = "district_states_claims"
_OBS_DATES = ("date", "effective", "published")
COMMIT_EVERY_S = 0.5  # of recomputing a refresh writes in one transaction
REFRESH_LOCK = 0x6B686173  # the lock under which one process at a time refreshes a store
REFRESH_CACHE_KB = 65536  # SQLite's page cache while refreshing (its default: 2,000 KB)


# --- the state as JSON: every event cut to the source that stands for it ---------------------------

def _day(d: date | None) -> str | None:
    return d.isoformat() if d else None


_DAYS: dict[str, date] = {}


def _undate(s: str | None) -> date | None:
    if not s:
        return None
    d = _DAYS.get(s)
    if d is None:
        d = _DAYS[s] = date.fromisoformat(s)
    return d


_OBS_FIELDS = tuple(f.name for f in fields(Observation))
_BASE_FIELDS = tuple(f.name for f in fields(BaselineObservation))
_DATE_AT = tuple(i for i, n in enumerate(_BASE_FIELDS) if n in _OBS_DATES)


def _obs_json(o: Observation) -> list[Any]:
    """Return an observation as a list of its fields' values (a baseline's longer: its own fields)."""
    names = _BASE_FIELDS if isinstance(o, BaselineObservation) else _OBS_FIELDS
    out = [getattr(o, n) for n in names]
    for i in _DATE_AT:
        if i < len(out):
            out[i] = _day(out[i])
    return out


_N_OBS = len(_OBS_FIELDS)


def _obs(v: list[Any]) -> Observation:
    """Return the observation `_obs_json` gave (its list of values, freshly decoded: changed in place)."""
    days = _DAYS
    for i in _DATE_AT:
        if i < len(v) and v[i]:
            v[i] = days.get(v[i]) or _undate(v[i])
    return Observation(*v) if len(v) == _N_OBS else BaselineObservation(*v)


def _event_json(e: ControlEvent) -> list[Any]:
    """Return an event with the source that stands for it (a contested state's, a claim's)."""
    s = e.best
    return [e.id, e.controller, _day(e.date), e.grade, e.rule, _day(e.first_reported), _day(e.latest_reported),
            list(e.joined[:1]), _obs_json(s.observation), s.reliability, s.credibility, s.basis, s.reason,
            s.outlet]


def _event(d: District, v: list[Any]) -> ControlEvent:
    src = Source(_obs(v[8]), v[9], v[10], v[11], v[12], v[13])
    return ControlEvent(v[0], d.id, d.name, d.province, v[1], _undate(v[2]), (src,),  # type: ignore[arg-type]
                        v[3], v[4], _undate(v[5]), _undate(v[6]), tuple(v[7]))


def encode(s: DistrictState) -> str:
    """Return a district's state as the JSON a row keeps: the events behind it by id, controller,
    day and grade (no sources: `khabar control` shows their ids), a contested state's and a pending
    claim's events with the source that stands for each."""
    return json.dumps([
        s.controller, _day(s.since), _obs_json(s.observation) if s.observation else None, s.confidence,
        s.grade, s.sources, [[e.id, e.controller, _day(e.date), e.grade] for e in s.events],
        [_event_json(e) for e in s.conflict], s.claimed_by, _event_json(s.claim) if s.claim else None,
        _day(s.held_as_of)], ensure_ascii=False, separators=(",", ":"))


def decode(d: District, text: str) -> DistrictState:
    """Return the state a row keeps, for a district of the gazetteer (its events without sources)."""
    ctl, since, o, conf, grade, n, events, conflict, claimed_by, claim, held = json.loads(text)
    return DistrictState(
        d.id, d.name, d.province, ctl, _undate(since), _obs(o) if o else None, conf, grade, n,
        tuple(ControlEvent(i, d.id, d.name, d.province, c, _undate(day), (), g, "")  # type: ignore[arg-type]
              for i, c, day, g in events),
        tuple(_event(d, e) for e in conflict), claimed_by, _event(d, claim) if claim else None,
        _undate(held))


# --- what is stale --------------------------------------------------------------------------------

_PRINTS: dict[int, tuple[Theatre, str]] = {}


def fingerprint(theatre: Theatre) -> str:
    """Return what the rows were computed with (once per theatre object): see `_fingerprint`."""
    known = _PRINTS.get(id(theatre))
    if known is None or known[0] is not theatre:
        known = _PRINTS[id(theatre)] = (theatre, _fingerprint(theatre))
    return known[1]


def _fingerprint(theatre: Theatre) -> str:
    """Return what the rows were computed with: this code's version, the theatre's outlets, parties
    and claimant sides (its grading) and the compile's rules. Another recomputes every district."""
    from khabar.compile import control_as_of as cao
    from khabar.compile import dedup

    parts = (VERSION, str(theatre.path), repr(theatre.outlets), repr(theatre.actors),
             repr(sorted((p.id, p.kind, tuple(p.members), tuple(p.aliases)) for p in theatre.parties.values())),
             repr(theatre.config.get("claimant_sides")), repr(theatre.config.get("sides")),
             cao.CONFLICT_WINDOW_DAYS, cao.SHOWN_EVENTS, dedup.TOLERANCE_DAYS, dedup.UNDATED_LOOKBACK_DAYS)
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


def _meta(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def _set_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                 (key, value))


def _generation(conn: sqlite3.Connection) -> str | None:
    """Return which refresh wrote the rows (`district_states_generation`: a new value whenever one
    writes rows), None before the first."""
    row = conn.execute("SELECT value FROM district_states_generation WHERE id = 1").fetchone()
    return row[0] if row else None


def mark_all(conn: sqlite3.Connection) -> None:
    """Mark every district for recomputing at the next question."""
    own = not conn.in_transaction
    if own:
        begin(conn)
    conn.execute("INSERT INTO district_dirty (district_id) VALUES (?)", (ALL,))
    if own:
        conn.execute("COMMIT")


# --- observations of one district -----------------------------------------------------------------

_OBS_SQL = ("SELECT c.id, c.document_id, c.district_id, c.district, c.province, c.controller,"
            " c.date, COALESCE(c.date, d.published) AS effective, c.evidence, d.published,"
            " d.outlet, d.title, d.url, c.trigger, c.ev_start, c.kind, c.acting_party, c.speaker,"
            " c.speaker_party, c.hedged, c.denied FROM control_changes c JOIN documents d"
            " ON d.id = c.document_id WHERE COALESCE(c.date, d.published) IS NOT NULL")


def _rows_to_obs(rows: Iterable[Any]) -> list[Observation]:
    days = _DAYS
    return [Observation(r[0], r[1], r[2], r[3], r[4], r[5], (days.get(r[6]) or _undate(r[6])) if r[6] else None,
                        days.get(r[7]) or date.fromisoformat(r[7]), r[8],
                        (days.get(r[9]) or _undate(r[9])) if r[9] else None, r[10], r[11], r[12], None, r[13] or "",
                        r[14] or 0, r[15] or "change", r[16], r[17], r[18], bool(r[19]), bool(r[20]))
            for r in rows]


class _Source:
    """Where a refresh reads observations: the stored control changes of a district (reviews
    applied), and the few observations that are no stored row of theirs (denials from claims,
    baselines, records a review moved to another district), read once."""

    def __init__(self, conn: sqlite3.Connection, theatre: Theatre) -> None:
        from khabar.jobs import reviewed_derived
        from khabar.store.overrides import reviews

        self.conn = conn
        self.revs = reviews(conn, "control_changes")
        self.moved = {rid for rid, r in self.revs.items() if "district_id" in r.fields}
        extra: list[Observation] = []
        if self.moved:
            from khabar.store.dialect import in_list, list_param

            extra += self._reviewed(_rows_to_obs(conn.execute(
                _OBS_SQL + " AND " + in_list(conn, "c.id"), (list_param(sorted(self.moved)),))))
        self.denials = _denials(conn, theatre, reviewed_derived)
        extra += self.denials
        extra += baseline_observations(conn, theatre)
        self.extra: dict[str, list[Observation]] = {}
        for o in extra:
            if o.district_id is not None:
                self.extra.setdefault(o.district_id, []).append(o)

    def _reviewed(self, obs: list[Observation]) -> list[Observation]:
        from khabar.store.records import apply_observation_reviews

        return apply_observation_reviews(obs, self.revs, None) if self.revs else obs

    def of(self, district_id: str, since: date | None = None) -> list[Observation]:
        """Return a district's observations (those that count from `since` on, if given: found
        through the index on district and day)."""
        if since is None:
            rows: Iterable[Any] = self.conn.execute(_OBS_SQL + " AND c.district_id = ?", (district_id,))
        else:
            day = since.isoformat()
            rows = [*self.conn.execute(_OBS_SQL + " AND c.district_id = ? AND c.date >= ?", (district_id, day)),
                    *self.conn.execute(_OBS_SQL + " AND c.district_id = ? AND c.date IS NULL AND d.published >= ?",
                                       (district_id, day))]
        own = [o for o in self._reviewed(_rows_to_obs(rows)) if o.record_id not in self.moved]
        extra = self.extra.get(district_id, [])
        if since is not None:
            own = [o for o in own if o.effective >= since]
            extra = [o for o in extra if o.effective >= since]
        return own + extra


def _denials(conn: sqlite3.Connection, theatre: Theatre, reviewed: Any) -> list[Observation]:
    """Return the observations the stored denials give (as `jobs.control_observations` has them
    from every claim): read are the claims stored as denials and those an analyst reviewed (a
    review may make one a denial), in `store.records.records_of`'s order, and the reports they
    come from, not every claim and report of the archive (16,185 claims: 0.4 s a refresh)."""
    from khabar.compile.holding import denial_observations
    from khabar.store.dialect import in_list, list_param
    from khabar.store.overrides import apply_reviews, reviews
    from khabar.store.sources import ReportMeta

    in_force = reviews(conn, "claims")
    sql = "SELECT * FROM claims WHERE stance IN ('denies', 'disputes')"  # what denial_observations reads
    params: tuple[Any, ...] = ()
    if in_force:
        sql += " OR " + in_list(conn, "id")
        params = (list_param(sorted(in_force)),)
    rows = [dict(r) for r in conn.execute(sql + " ORDER BY document_id, span_start, id", params)]
    claims = [c for c in apply_reviews(conn, "claims", rows, in_force=in_force) if c["stance"] != "asserts"]
    if not claims:
        return []
    docs = sorted({c["document_id"] for c in claims})
    meta = {r[0]: ReportMeta(r[1] or "", r[2] or "", r[3] or "", _undate(r[4]))
            for r in conn.execute("SELECT id, outlet, url, title, published FROM documents WHERE "
                                  + in_list(conn, "id"), (list_param(docs),))}
    return list(reviewed(conn, denial_observations(theatre, claims, meta)))


# --- recomputing ----------------------------------------------------------------------------------

Row = tuple[str, str | None, int, int, int, int, str]


def district_rows(district: District, observations: Iterable[Observation], grader: Grader,
                  sides: Sides) -> Iterator[Row]:
    """Yield a district's rows: (day, controller, claim pending, held as of, on a baseline, changes
    of hands first reported that day, state JSON) for each day its state or its new events change."""
    yield from _replay(district, observations, grader, Track(district.id, sides=sides), None, None, [])


def _replay(district: District, observations: Iterable[Observation], grader: Grader, track: Track,
            last: tuple[_Key, str] | None, keep_from: date | None, kept: list[tuple[date, bytes]]
            ) -> Iterator[Row]:
    """Yield the rows of a district's track taking the observations in order, from a track as of
    a day (all observations before it taken: `last` the latest row before it); append to `kept`
    the track as it stands before the first observation on or after `keep_from`."""
    day: date | None = None
    new_events = 0

    def row() -> Iterator[Row]:
        nonlocal last
        assert day is not None
        key = track.key
        text = encode(track.state(district))
        if new_events or last != (key, text):
            last = (key, text)
            yield (day.isoformat(), key[0], int(key[1]), int(key[2]), int(key[3]), new_events, text)

    for o in sorted(observations, key=order_key):
        if day is not None and o.effective != day:
            yield from row()
            new_events = 0
        if keep_from is not None and not kept and o.effective >= keep_from and day != o.effective:
            kept.append((o.effective, dump_track(track, o.effective)))
        day = o.effective
        c, new = track.add(grader.grade(o))
        if new and c.change:
            new_events += 1
    if day is not None:
        yield from row()


# --- a district's track kept as of a recent day: a refresh resumes it -----------------------------

KEEP_DAYS = 14  # a district's track is kept as of this many days before its latest observation


def _source_json(s: Source) -> list[Any]:
    return [_obs_json(s.observation), s.reliability, s.credibility, s.basis, s.reason, s.outlet]


def _source(v: list[Any]) -> Source:
    return Source(_obs(v[0]), v[1], v[2], v[3], v[4], v[5])


_CLUSTER_FIELDS = ("district_id", "district", "province", "controller", "decisive", "change", "reversal",
                   "undated", "denial")


def dump_track(t: Track, from_day: date | None = None) -> bytes:
    """Return a district's track (its events with their sources, the state's references to them) as
    compressed JSON (no pickle: a store's bytes never run as code).

    With `from_day` (the track will take only observations on or after that day) only what such
    observations can reach is kept (`_pruned`), so the track grows with the events a later report
    can join or a later state can show, not with the district's observations; without it, every
    event whole."""
    seen: dict[int, int] = {}
    clusters: list[Cluster] = []
    dc = t.clusters
    every, run = dc.clusters, t.run
    as_kept: dict[int, Cluster] = {}
    if from_day is not None:
        every, run, as_kept = _pruned(t, from_day)

    def ref(c: Cluster | None) -> int | None:
        if c is None:
            return None
        c = as_kept.get(id(c), c)
        i = seen.get(id(c))
        if i is None:
            i = seen[id(c)] = len(clusters)
            clusters.append(c)
        return i

    body: dict[str, Any] = {
        "all": [ref(c) for c in every], "latest": {k: ref(c) for k, c in dc._latest.items()},
        "seen": {k: v.isoformat() for k, v in dc._seen.items()}, "tl": [dc.tolerance, dc.lookback],
        "controller": t.controller, "since": _day(t.since), "as_of": _day(t.as_of),
        "run": [ref(c) for c in run], "conflict": [ref(c) for c in t.conflict], "claim": ref(t.claim),
        "disputes": [ref(c) for c in t.disputes], "baselines": [ref(c) for c in t.baselines],
        "wl": [t.window, t.lookback]}
    body["clusters"] = [
        [isinstance(c, BaselineCluster), [getattr(c, f) for f in _CLUSTER_FIELDS], c.date.isoformat(),
         c.last.isoformat(), [_source_json(s) for s in c.sources], [[k, *v] for k, v in c.joins.items()],
         sorted(c.docs)] for c in clusters]
    return zlib.compress(json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode(), 1)


def _pruned(t: Track, from_day: date) -> tuple[list[Cluster], list[Cluster], dict[int, Cluster]]:
    """Return what a track keeps when it will take only observations on or after `from_day`: the
    events it lists, its run (the events behind the state), and the stand-ins of events (by id).

    - Whole (every source): an event a later report can join (its controller's latest, begun
      within the joining tolerance or the undated look-back of `from_day`), a contested state's
      events, the denials waiting for a change, the baselines, any denial.
    - Reduced to the sources its record shows (a copy): any other event the state can still show
      (the first of the run, its `SHOWN_EVENTS - 1` latest, the pending claim, the latest event of
      a controller) or whose day a later report's conflict window reaches: its best source, for
      its grade the best plain report of each outlet, its first and latest published reports;
      its reports (`docs`) all, for the count of reports behind the state.
    - Merged into one stand-in: the other events of the run (older than the conflict window
      before `from_day`, never shown again): what the state still asks of them, their reports
      and whether one was decisive; the conflict window never reaches it, so it never contests.
    Events no later report can reach and the state does not hold are left out. `Track` answers
    every observation on or after `from_day` as the whole track does (a test checks it)."""
    dc = t.clusters
    reach = max(dc.tolerance, dc.lookback)
    window_from = from_day - timedelta(t.window + 1)
    whole = {id(c) for c in (*t.conflict, *t.disputes, *t.baselines) if c is not None}
    whole |= {id(c) for c in dc._latest.values() if (from_day - c.date).days <= reach}
    whole |= {id(c) for c in (*dc._latest.values(), *t.run) if c.denial}
    shown = {id(c) for c in (*t.run[:1], *t.run[1 - SHOWN_EVENTS:], *dc._latest.values())}
    if t.claim is not None:
        shown.add(id(t.claim))
    shown |= {id(c) for c in t.run if c.last >= window_from}
    as_kept: dict[int, Cluster] = {}
    for c in (*dc._latest.values(), *t.run, *([t.claim] if t.claim is not None else [])):
        if id(c) in shown and id(c) not in whole and id(c) not in as_kept:
            as_kept[id(c)] = _reduced(c)
    run: list[Cluster] = []
    merged: list[Cluster] = []
    for c in t.run:
        if id(c) in shown or id(c) in whole:
            run.append(c)
        else:
            if not merged:
                run.append(c)  # the stand-in's place
            merged.append(c)
    if merged:
        as_kept[id(merged[0])] = _merged(merged)
    kept = shown | whole
    return [c for c in dc.clusters if id(c) in kept], run, as_kept


def _copy(c: Cluster) -> Cluster:
    out = Cluster.__new__(Cluster)
    for f in _CLUSTER_FIELDS:
        setattr(out, f, getattr(c, f))
    out.date, out.last, out.docs, out._frozen = c.date, c.last, set(c.docs), None
    return out


def _reduced(c: Cluster) -> Cluster:
    """Return a copy of an event that no report joins any more, with the sources its record
    (`Cluster.freeze`) takes its best source, grade and first and latest report from."""
    ordered = sorted(c.sources, key=_source_order)
    keep = {id(ordered[0])}
    plain: dict[str, Source] = {}
    for s in ordered:  # the best-graded first: an outlet's first plain report is its best
        if s.credibility <= 3:
            plain.setdefault(outlet_key(s), s)
    keep |= {id(s) for s in plain.values()}
    dated = [(s.observation.published, i) for i, s in enumerate(c.sources) if s.observation.published]
    if dated:  # its first and latest report's day
        keep |= {id(c.sources[min(dated)[1]]), id(c.sources[max(dated)[1]])}
    out = _copy(c)
    out.sources = [s for s in c.sources if id(s) in keep]
    out.joins = {s.observation.record_id: c.joins[s.observation.record_id] for s in out.sources}
    return out


def _merged(events: list[Cluster]) -> Cluster:
    """Return one stand-in for events of a run the state never shows again and no conflict window
    reaches: their reports, their first and latest day, whether one was decisive (no sources)."""
    out = _copy(events[0])
    out.sources, out.joins = [], {}
    out.docs = set().union(*(c.docs for c in events))
    out.date, out.last = min(c.date for c in events), max(c.last for c in events)
    out.decisive = any(c.decisive for c in events)
    out.change = any(c.change for c in events)
    out.reversal = any(c.reversal for c in events)
    out.undated = all(c.undated for c in events)
    out.denial = False
    return out


def load_track(district_id: str, blob: bytes, sides: Sides) -> Track:
    """Return the track `dump_track` kept."""
    body = json.loads(zlib.decompress(bytes(blob)))
    clusters: list[Cluster] = []
    for is_base, flags, first, last, sources, joins, docs in body["clusters"]:
        c = (BaselineCluster if is_base else Cluster).__new__(BaselineCluster if is_base else Cluster)
        for f, v in zip(_CLUSTER_FIELDS, flags, strict=True):
            setattr(c, f, v)
        c.date, c.last = date.fromisoformat(first), date.fromisoformat(last)
        c.sources = [_source(v) for v in sources]
        c.joins = {k: (how, gap, days) for k, how, gap, days in joins}
        c.docs = set(docs)
        c._frozen = None
        clusters.append(c)

    def get(i: int | None) -> Cluster | None:
        return None if i is None else clusters[i]

    t = Track(district_id, window=body["wl"][0], lookback=body["wl"][1], sides=sides)
    dc = t.clusters = DistrictClusters(*body["tl"])
    dc.clusters = [clusters[i] for i in body["all"]]
    dc._latest = {k: clusters[i] for k, i in body["latest"].items()}
    dc._seen = {k: date.fromisoformat(v) for k, v in body["seen"].items()}
    t.controller, t.since, t.as_of = body["controller"], _undate(body["since"]), _undate(body["as_of"])
    t.run = [clusters[i] for i in body["run"]]
    t.conflict = [clusters[i] for i in body["conflict"]]
    t.claim = get(body["claim"])
    t.disputes = [clusters[i] for i in body["disputes"]]
    t.baselines = [clusters[i] for i in body["baselines"]]
    return t


_LATEST = "SELECT {} FROM district_states WHERE district_id = ? AND day <= ? ORDER BY day DESC LIMIT 1"
_INSERT = ("INSERT INTO district_states (district_id, day, controller, claim, held_as_of, baseline,"
           " events, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")


@dataclass
class Refreshed:
    """What the last refresh in this process did: districts recomputed, of them resumed from their
    kept track, and observations read."""

    districts: int = 0
    resumed: int = 0
    observations: int = 0


last_refresh = Refreshed()


def refresh(conn: sqlite3.Connection, theatre: Theatre, budget_s: float = COMMIT_EVERY_S) -> int:
    """Recompute the districts marked since the last refresh (all of them if the fingerprint
    changed); return how many were recomputed.

    A district whose marks all carry a day (stored control changes) on or after the day
    its track is kept as of (`district_tracks`), and whose denials, baselines and moved records
    before that day are those the track was kept with (a digest), resumes from that track,
    reading and taking only the observations since; any other is recomputed from its first
    observation. Either keeps its track again as of `KEEP_DAYS` before its latest observation.
    The marks are read as distinct districts (a store loaded in bulk holds a mark per stored row:
    millions), the rows are written in transactions of about `budget_s` seconds of work each, so
    memory stays one district's, and SQLite's page cache is `REFRESH_CACHE_KB` meanwhile (a
    district's rows lie all over a large file: with the default 2 MB, the trees' inner pages were
    read again for each row, about 1 GB of reads a district at 9.4M observations). One process
    at a time refreshes a store (`store.dialect.exclusive`): the marks are read under the lock,
    so a refresh that waited answers what the one before it stored."""
    with exclusive(conn, REFRESH_LOCK):  # two ingesters refreshing at once would write a district twice
        return _refresh_locked(conn, theatre, budget_s)


def _refresh_locked(conn: sqlite3.Connection, theatre: Theatre, budget_s: float) -> int:
    fp = fingerprint(theatre)
    if _meta(conn, FINGERPRINT_KEY) != fp:
        mark_all(conn)
    global last_refresh
    last_refresh = stats = Refreshed()
    top = conn.execute("SELECT max(id) FROM district_dirty").fetchone()[0]
    if top is None:
        return 0
    marks = {r[0]: (r[1], r[2]) for r in conn.execute(
        "SELECT district_id, min(day), count(*) - count(day) FROM district_dirty WHERE id <= ?"
        " GROUP BY district_id", (top,))}
    source = _Source(conn, theatre)
    lite = dialect(conn) == SQLITE
    if lite:  # a district's rows lie all over a large file: keep the trees' inner pages in memory
        cache = conn.execute("PRAGMA cache_size").fetchone()[0]
        conn.execute(f"PRAGMA cache_size = {min(int(cache), -REFRESH_CACHE_KB)}")
    try:
        return _refresh(conn, theatre, budget_s, fp, top, marks, source, stats)
    finally:
        if lite:
            conn.execute(f"PRAGMA cache_size = {int(cache)}")


def _refresh(conn: sqlite3.Connection, theatre: Theatre, budget_s: float, fp: str, top: int,
             marks: dict[str, tuple[str | None, int]], source: _Source, stats: Refreshed) -> int:
    if ALL in marks:
        todo = set(theatre.districts)
        whole = set(todo)
    else:
        todo = {m for m in marks if m in theatre.districts}
        whole = {m for m in todo if marks[m][1]}  # a mark with no day: the whole district
        if CLAIMS in marks:
            before = json.loads(_meta(conn, CLAIMS_KEY) or "[]")
            claimed = {d for d in before if d in theatre.districts}
            claimed |= {o.district_id for o in source.denials if o.district_id in theatre.districts}
            todo |= claimed  # resumed when the denials before the kept day are those it was kept with
    grader = Grader.for_theatre(theatre)
    sides = Sides.of(theatre)
    clear = getattr(getattr(grader, "_reading", None), "cache_clear", None)
    began: float | None = None
    try:
        for did in sorted(todo):
            district = theatre.districts[did]
            kept: list[tuple[date, bytes]] = []
            since: date | None
            extra = source.extra.get(did, [])
            marked_from = None if did in whole else (marks[did][0] if did in marks else _NO_MARK)
            resumed = _resumable(conn, did, marked_from, extra)
            if resumed is not None:
                since, blob = resumed
                assert since is not None
                obs = source.of(did, since)
                stats.resumed += 1
                track = load_track(did, blob, sides)
                prev = conn.execute("SELECT controller, claim, held_as_of, baseline, state FROM district_states"
                                    " WHERE district_id = ? AND day < ? ORDER BY day DESC LIMIT 1",
                                    (did, since.isoformat())).fetchone()
                last = (((prev[0], bool(prev[1]), bool(prev[2]), bool(prev[3])), prev[4])
                        if prev else None)
                keep_from = max([since, *(o.effective - timedelta(KEEP_DAYS) for o in obs)])
                rows = list(_replay(district, obs, grader, track, last,
                                    keep_from if keep_from > since else None, kept))
            else:
                since = None
                obs = source.of(did)
                latest = max((o.effective for o in obs), default=None)
                rows = list(_replay(district, obs, grader, Track(did, sides=sides), None,
                                    latest - timedelta(KEEP_DAYS) if latest else None, kept))
            stats.observations += len(obs)
            del obs
            if clear is not None:  # its sentences are this district's: memory stays one district's
                clear()
            if began is None:
                begin(conn)
                began = time.perf_counter()
            if since is None:
                conn.execute("DELETE FROM district_states WHERE district_id = ?", (did,))
                if not kept:
                    conn.execute("DELETE FROM district_tracks WHERE district_id = ?", (did,))
            else:
                conn.execute("DELETE FROM district_states WHERE district_id = ? AND day >= ?",
                             (did, since.isoformat()))
            if rows:
                conn.executemany(_INSERT, [(did, *r) for r in rows])
            if kept:
                conn.execute("INSERT INTO district_tracks (district_id, day, track) VALUES (?, ?, ?)"
                             " ON CONFLICT (district_id) DO UPDATE SET day = excluded.day, track = excluded.track",
                             (did, kept[0][0].isoformat(), _extra_digest(extra, kept[0][0]) + kept[0][1]))
            if time.perf_counter() - began >= budget_s:
                conn.execute("COMMIT")
                began = None
        if began is None:
            begin(conn)
        _set_meta(conn, FINGERPRINT_KEY, fp)
        if todo or _generation(conn) is None:  # the rows changed: states decoded before are stale
            conn.execute("INSERT INTO district_states_generation (id, value) VALUES (1, ?) ON CONFLICT (id)"
                         " DO UPDATE SET value = excluded.value", (uuid.uuid4().hex,))
        _set_meta(conn, CLAIMS_KEY, json.dumps(sorted({o.district_id for o in source.denials
                                                       if o.district_id})))
        conn.execute("DELETE FROM district_dirty WHERE id <= ?", (top,))
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    stats.districts = len(todo)
    return len(todo)


_NO_MARK = "9999-12-31"  # a district recomputed for the denials only: none of its own rows marked


def _extra_digest(extra: Iterable[Observation], before: date) -> bytes:
    """Return a digest (16 bytes) of a district's observations that are no stored row of its own
    (denials, baselines, records a review moved there) counting before a day."""
    told = sorted(json.dumps(_obs_json(o), default=str) for o in extra if o.effective < before)
    return hashlib.sha256("\n".join(told).encode()).digest()[:16]


def _resumable(conn: sqlite3.Connection, district_id: str, marked_from: str | None,
               extra: list[Observation]) -> tuple[date, bytes] | None:
    """Return the day a district's track is kept as of and the track, if every mark of the
    district is on or after that day (`marked_from`: the earliest mark's day; None: a mark with no
    day) and its other observations before that day (`extra`) are those it was kept with."""
    if marked_from is None:
        return None
    row = conn.execute("SELECT day, track FROM district_tracks WHERE district_id = ?", (district_id,)).fetchone()
    if row is None or row[0] > marked_from:
        return None
    day = date.fromisoformat(row[0])
    blob = bytes(row[1])
    if blob[:16] != _extra_digest(extra, day):
        return None
    return day, blob[16:]


# --- the questions --------------------------------------------------------------------------------

DECODED_MAX = 4000  # kept rows' states a process keeps decoded (about ten days of 399 districts)


class _Decoded:
    """The kept rows' states a process decoded, of one generation and fingerprint (`of`): by
    district and row day, and the days of each district's rows once asked again. A question takes
    the current one and a new generation replaces it whole, so threads asking at once (the desk)
    never mix two generations' rows or read a half-built index."""

    __slots__ = ("of", "states", "row_days")

    def __init__(self, of: str | None) -> None:
        self.of = of
        self.states: dict[tuple[str, str], DistrictState] = {}
        self.row_days: dict[str, list[str]] | None = None


_kept = [_Decoded(None)]


def states_as_of(conn: sqlite3.Connection, theatre: Theatre, as_of: date) -> list[DistrictState]:
    """Return every district's state as of a day, in gazetteer order (as `control_as_of` over
    every stored observation gives it, each event with its best source only).

    One index seek a district finds its latest row on or before the day. Decoding a row's state
    (its JSON into records: most of the cold answer's time) is done once per process: the states
    are kept by district and row day while the store's rows are those of the same refresh (its
    generation, table `district_states_generation`: a refresh that writes rows gives a new one, in
    any process) and the same fingerprint, at most `DECODED_MAX` of them; asked again, the rows' days are read into
    memory once and each district's row is a bisection."""
    refresh(conn, theatre)
    generation = _generation(conn)
    of = f"{generation}/{fingerprint(theatre)}" if generation else None
    kept = _kept[0]
    if of is None or kept.of != of or len(kept.states) > DECODED_MAX:
        kept = _Decoded(of)
        if of is not None:
            _kept[0] = kept
    day = as_of.isoformat()
    out = []
    cold = not kept.states  # nothing decoded yet: read the states with their days, no second seek
    row_days = kept.row_days
    if not cold and row_days is None:  # asked again: the rows' days in memory, built before it is shared
        row_days = {}
        for did, row_day in conn.execute("SELECT district_id, day FROM district_states ORDER BY district_id, day"):
            row_days.setdefault(did, []).append(row_day)
        kept.row_days = row_days
    sql = _LATEST.format("day, state" if cold else "day")
    for did, d in theatre.districts.items():
        row: Any
        if row_days is not None:
            days = row_days.get(did, [])
            at = bisect.bisect_right(days, day)
            row = (days[at - 1],) if at else None
        else:  # one index seek a district: the latest row on or before the day
            row = conn.execute(sql, (did, day)).fetchone()
        if row is None:
            out.append(DistrictState(did, d.name, d.province, None, None, None))
            continue
        s = kept.states.get((did, row[0]))
        if s is None:
            text = row[1] if cold else conn.execute(
                "SELECT state FROM district_states WHERE district_id = ? AND day = ?", (did, row[0])).fetchone()[0]
            s = decode(d, text)
            if of is not None:
                kept.states[(did, row[0])] = s
        out.append(s)
    return out


def counts_as_of(conn: sqlite3.Connection, theatre: Theatre, as_of: date) -> Counts:
    """Return the counts as of a day (as `count(control_as_of(...))` gives them) from the kept
    rows' key columns, no state decoded."""
    refresh(conn, theatre)
    day = as_of.isoformat()
    keyed: dict[_Key, int] = {}
    sides = Sides.of(theatre)
    weights = dict(sides.weights or ())
    pub: dict[str | None, int] = {}
    sql = _LATEST.format("controller, claim, held_as_of, baseline")
    for did in theatre.districts:
        ctl, claim, as_of_held, base = conn.execute(sql, (did, day)).fetchone() or (None, 0, 0, 0)
        key: _Key = (ctl, bool(claim), bool(as_of_held), bool(base))
        keyed[key] = keyed.get(key, 0) + 1
        if weights:
            pub[ctl] = pub.get(ctl, 0) + weights.get(did, 0)
    c = counts_of_keys(as_of, keyed, len(theatre.districts), 0, sides)
    return replace(c, published=tuple(pub.items())) if weights else c


def compile_control(conn: sqlite3.Connection, theatre: Theatre, as_of: date
                    ) -> tuple[list[DistrictState], Counts]:
    """Return every district's state as of a day and the counts, from the kept timelines (from
    every row, as `jobs.compile_control`, when the store cannot be written to keep them)."""
    if not writable(conn, theatre):
        from khabar import jobs

        return jobs.compile_control(conn, theatre, as_of)
    states = states_as_of(conn, theatre, as_of)
    return states, count(states, as_of, Sides.of(theatre))


def daily_counts(conn: sqlite3.Connection, theatre: Theatre, start: date, end: date) -> list[Counts]:
    """Return the counts of every day from start to end from the kept timelines (from every row,
    as `jobs.daily_counts`, when the store cannot be written to keep them)."""
    if not writable(conn, theatre):
        from khabar import jobs

        return jobs.daily_counts(conn, theatre, start, end)
    return timeline(conn, theatre, start, end)


def writable(conn: sqlite3.Connection, theatre: Theatre) -> bool:
    """Bring the kept timelines up to date; return False if the store refuses the writes (a
    read-only file, a user who may only read)."""
    try:
        refresh(conn, theatre)
    except Exception as e:  # noqa: BLE001 - either engine's refusal, told by its message
        text = str(e).lower()
        if "readonly" in text or "read-only" in text or "permission denied" in text:
            return False
        raise
    return True


def timeline(conn: sqlite3.Connection, theatre: Theatre, start: date, end: date) -> list[Counts]:
    """Return the counts of every day from `start` to `end` (as `control_as_of.timeline` gives
    them), in one sweep over the kept rows."""
    if end < start:
        raise ValueError(f"the range ends ({end}) before it starts ({start})")
    refresh(conn, theatre)
    sides = Sides.of(theatre)
    n_days = (end - start).days + 1
    initial: dict[_Key, int] = {(None, False, False, False): len(theatre.districts)}
    deltas: list[dict[_Key, int]] = [{} for _ in range(n_days)]
    new_events = [0] * n_days
    state: dict[str, _Key] = {}
    for did, day_s, ctl, claim, held, base, events in conn.execute(
            "SELECT district_id, day, controller, claim, held_as_of, baseline, events FROM district_states"
            " WHERE day <= ? ORDER BY district_id, day", (end.isoformat(),)):
        if did not in theatre.districts:
            continue
        day = date.fromisoformat(day_s)
        key: _Key = (ctl, bool(claim), bool(held), bool(base))
        state[did] = _move(initial, deltas, start, day, state.get(did, (None, False, False, False)), key)
        if events and day >= start:
            new_events[(day - start).days] += events
    return sweep(initial, deltas, new_events, start, len(theatre.districts), sides)


def districts_of(states: Iterable[DistrictState]) -> Mapping[str, str | None]:
    """Return district id -> controller."""
    return {s.district_id: s.controller for s in states}
