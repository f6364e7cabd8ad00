"""The main jobs, joined from the stages: ingest reports into a store, compile, render.

The CLI and the web app call these; each returns data and prints nothing. The claim check
(claims against compiled control, denials, published counts) is `khabar.jobs_claims`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from khabar.compile.control_as_of import Counts, control_as_of, count
from khabar.compile.dedup import EventCluster
from khabar.compile.grading import Grader
from khabar.compile.sides import Sides
from khabar.errors import InputError, KhabarError
from khabar.records import ControlEvent, DistrictState, Document, Extraction, Observation
from khabar.store import records as store
from khabar.theatres.loader import District, Theatre

if TYPE_CHECKING:  # extraction (spaCy) loads only where a command extracts
    from khabar.extract.pipeline import Extractor


@dataclass
class IngestReport:
    """What an ingest did: new and known reports, records stored, errors and warnings."""

    new: int = 0
    known: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    records: dict[str, int] = field(default_factory=dict)
    documents: list[str] = field(default_factory=list)  # ids of the reports extracted and stored
    # the kept district timelines brought up to date after storing (compile.state_cache.refresh)
    districts_refreshed: int = 0
    refresh_seconds: float = 0.0

    @property
    def read(self) -> int:
        return self.new + self.known


def ingest(conn: sqlite3.Connection, inputs: Iterable[str], extractor: Extractor, *,
           published: date | None = None, outlet: str | None = None,
           reextract: bool = False,
           on_document: Callable[[Document | InputError], None] | None = None,
           processes: int | None = None,
           documents: Iterable[Document | InputError] | None = None,
           refresh_states: bool = True) -> IngestReport:
    """Read reports, extract their records and store each report in its own transaction.

    A report already stored adds nothing (its records are re-extracted only with `reextract`).
    A bad input is one error line in the report; the rest go on. Extraction runs in
    `processes` worker processes (None: one per core); reading, the check for known reports
    and storing stay in this process, in input order. `documents`: reports already read (by
    `watch`, which fetches feeds itself) to store instead of reading `inputs`. With
    `refresh_states`, the districts the new reports touch are recomputed in the kept timelines
    (`compile.state_cache.refresh`) before it returns, so the next question costs milliseconds.
    """
    from khabar.ingest import read_inputs
    from khabar.store.meta import bind_theatre

    bind_theatre(conn, extractor.theatre)  # the store's theatre: recorded now, or refused if another
    rep = IngestReport()
    seen: set[str] = set()

    def new_documents() -> Iterator[Document]:
        read = read_inputs(inputs, published=published, outlet=outlet) if documents is None else documents
        for item in read:
            if on_document:
                on_document(item)
            if isinstance(item, InputError):
                rep.errors.append(str(item))
                continue
            if item.id in seen or (store.has_document(conn, item.id) and not reextract):
                rep.known += 1
                seen.add(item.id)
                continue
            seen.add(item.id)
            yield item

    for ex in extractor.extract_many(new_documents(), processes=processes):
        if isinstance(ex, KhabarError):
            rep.errors.append(str(ex))
            continue
        item = ex.document
        rep.warnings.extend(f"{item.source or item.id}: {w}" for w in ex.warnings)
        if store.save_extraction(conn, ex):
            rep.new += 1
        else:
            rep.known += 1
        rep.documents.append(item.id)
        for kind, n in _counts(ex).items():
            rep.records[kind] = rep.records.get(kind, 0) + n
    if refresh_states and rep.new:
        import time

        from khabar.compile import state_cache

        t0 = time.perf_counter()
        rep.districts_refreshed = state_cache.refresh(conn, extractor.theatre)
        rep.refresh_seconds = time.perf_counter() - t0
    return rep


def _counts(ex: Extraction) -> dict[str, int]:
    return {"control_changes": len(ex.control_changes), "events": len(ex.events),
            "claims": len(ex.claims), "quotes": len(ex.quotes),
            "assessments": len(ex.assessments)}


def compile_control(conn: sqlite3.Connection, theatre: Theatre, as_of: date
                    ) -> tuple[list[DistrictState], Counts]:
    """Return every district's state as of a day, and the counts."""
    sides = Sides.of(theatre)
    states = control_as_of(theatre.districts, control_observations(conn, theatre, as_of), as_of,
                           grader=Grader.for_theatre(theatre), sides=sides)
    return states, count(states, as_of, sides)


def control_observations(conn: sqlite3.Connection, theatre: Theatre, up_to: date | None = None,
                         document_ids: Collection[str] | None = None) -> list[Observation]:
    """Return the stored control changes, and the denials of a change of hands as observations
    of who holds the district ("the ministry denied that X had fallen"), up to a day if given,
    of some reports if given."""
    from khabar.compile.holding import denial_observations
    from khabar.store.sources import report_meta

    obs = store.observations(conn, up_to, document_ids)
    claims = [c for c in store.records_of(conn, "claims", document_ids)
              if c["stance"] != "asserts"]
    if claims:
        held = reviewed_derived(conn, denial_observations(theatre, claims, report_meta(conn)))
        obs.extend(o for o in held if up_to is None or o.effective <= up_to)
    if document_ids is None:  # the baselines' districts (`khabar baseline`): no report's records
        from khabar.compile.baseline import baseline_observations

        obs.extend(baseline_observations(conn, theatre, up_to))
    return obs


def reviewed_derived(conn: sqlite3.Connection, derived: list[Observation]) -> list[Observation]:
    """Return observations derived from claims with the analysts' reviews of each (by its own id,
    `<claim id>-<district id>`) applied: rejected ones left out, corrected ones changed; a
    derived record without a review of its own keeps its claim's."""
    from dataclasses import replace

    from khabar.store.overrides import list_overrides

    ids = {o.record_id for o in derived}
    latest = {r["record_id"]: r for r in list_overrides(conn, kind="control_changes")
              if r["latest"] and r["record_id"] in ids}
    out = []
    for o in derived:
        r = latest.get(o.record_id)
        if r is None:
            out.append(o)
        elif r["action"] != "reject":
            f = r["fields"]
            day = date.fromisoformat(f["date"]) if f.get("date") else o.date
            out.append(replace(o, controller=f.get("controller", o.controller), date=day,
                               effective=day or o.effective,
                               review="confirmed" if r["action"] == "confirm" else "corrected"))
    return out


def find_derived(conn: sqlite3.Connection, theatre: Theatre, record_id: str
                 ) -> tuple[dict[str, Any], Observation] | None:
    """Return the stored claim and the observation a derived record id (`<claim id>-<district
    id>`: a denial's observation of one district) stands for, or None."""
    from khabar.compile.holding import denial_observations
    from khabar.store.sources import report_meta

    claim_id, dash, _ = record_id.partition("-")
    if not dash:
        return None
    rows = [c for c in store.records_of(conn, "claims", keep_rejected=True) if c["id"] == claim_id]
    if not rows:
        return None
    found = [o for o in denial_observations(theatre, rows, report_meta(conn)) if o.record_id == record_id]
    return (rows[0], found[0]) if found else None


def daily_counts(conn: sqlite3.Connection, theatre: Theatre, start: date, end: date
                 ) -> list[Counts]:
    """Return the counts of every day from start to end (one sweep; each day's counts are
    those `compile_control` gives for it)."""
    from khabar.compile.control_as_of import timeline

    return timeline(theatre.districts, control_observations(conn, theatre, end), start, end,
                    grader=Grader.for_theatre(theatre), sides=Sides.of(theatre))


def control_events(conn: sqlite3.Connection, theatre: Theatre, as_of: date | None = None,
                   document_ids: Collection[str] | None = None) -> list[ControlEvent]:
    """Return the control events (each with every report of it) up to a day if given, told by
    some reports if given."""
    from khabar.compile.baseline import is_baseline
    from khabar.compile.control_as_of import BaselineCluster
    from khabar.compile.dedup import cluster_control

    obs = control_observations(conn, theatre, as_of, document_ids)
    grader = Grader.for_theatre(theatre)
    events = cluster_control([o for o in obs if not is_baseline(o)], grader)
    # a baseline's word on a district is an event of its own, which no report joins
    events += [BaselineCluster(grader.grade(o)).freeze() for o in obs if is_baseline(o)]
    return sorted(events, key=lambda e: (e.date, e.district_id, e.controller))


def distinct_events(conn: sqlite3.Connection, theatre: Theatre, document_ids: Collection[str]
                    ) -> dict[str, int]:
    """Return how many control events and events (PLOVER) some stored reports tell of, several
    reports of one event counted once, as compile/dedup.py joins them (`khabar ingest` prints
    it beside the counts of records)."""
    return {"control events": len(control_events(conn, theatre, document_ids=document_ids)),
            "events": len(plover_events(conn, theatre, document_ids))}


def find_place(theatre: Theatre, name: str) -> tuple[District, str | None]:
    """Return the district a name means and, for a newer district the theatre's boundaries fold
    into another (`compile.folded`), the note that says so ("Dand: part of Kandahar district in
    the 2018 boundaries")."""
    from khabar.compile.folded import find_folded

    f = None if name in theatre.districts else find_folded(theatre, name)
    if f is not None and f.district_id in theatre.districts:
        own = [d for d in theatre.district_candidates(name.partition(",")[0].strip())
               if d.name.lower() == name.partition(",")[0].strip().lower()]
        if not own:  # not also the name of a polygon of its own
            d = theatre.districts[f.district_id]
            return d, f.note(d, theatre.level("district"))
    return find_district(theatre, name), None


def find_district(theatre: Theatre, name: str) -> District:
    """Return the district a name, spelling variant or id means ("Panjway", "Nawa, Ghazni")."""
    if name in theatre.districts:
        return theatre.districts[name]
    place, _, province = (p.strip() for p in name.partition(","))
    cands = theatre.district_candidates(place)
    if province:
        found = theatre.resolve_district(place, province)
        if found:
            return found
    elif len({d.id for d in cands}) > 1:
        choices = "; ".join(f"{d.name}, {d.province}" for d in cands)
        raise KhabarError(f"{name}: names {len(cands)} districts; add the province: {choices}")
    found = cands[0] if cands else theatre.resolve_district(place)
    if found is None:
        raise KhabarError(f"{name}: no such district in {theatre.name}; give a district name, "
                          "a spelling of it or its id (e.g. AF2704)")
    return found


def district_history(conn: sqlite3.Connection, theatre: Theatre, name: str,
                     as_of: date | None = None
                     ) -> tuple[District, list[ControlEvent], list[tuple[date, DistrictState]]]:
    """Return a district, its events with their reports, and its state on each day it changed."""
    from khabar.compile import control_as_of as cao

    d = find_district(theatre, name)
    obs = [o for o in control_observations(conn, theatre, as_of) if o.district_id == d.id]
    events, states = cao.district_history(d, obs, grader=Grader.for_theatre(theatre),
                                          sides=Sides.of(theatre))
    return d, events, states


def plover_events(conn: sqlite3.Connection, theatre: Theatre,
                  document_ids: Collection[str] | None = None) -> list[EventCluster]:
    """Return the stored events (PLOVER), each with every report of it; of some reports if given."""
    import json

    from khabar.compile.dedup import cluster_events, grade_event
    from khabar.records import Event, Evidence
    from khabar.store.sources import report_meta

    meta = report_meta(conn)
    grader = Grader.for_theatre(theatre)
    reports = []
    for r in store.records_of(conn, "events", document_ids):
        ev = Event(r["type"], tuple(json.loads(r["actors"] or "[]")),
                   tuple(json.loads(r["targets"] or "[]")), r["place"],
                   date.fromisoformat(r["date"]) if r["date"] else None,
                   Evidence(r["document_id"], r["ev_start"], r["ev_end"], r["evidence"]),
                   (r["span_start"], r["span_end"]), r["status"], r["trigger"] or "")
        m = meta.get(r["document_id"])
        graded = grade_event(grader, ev, r["id"], outlet=m.outlet if m else "",
                             url=m.url if m else "", published=m.published if m else None,
                             title=m.title if m else "", review=r.get("review"))
        if graded:
            reports.append(graded)
    places: dict[str, str | None] = {}

    def place(name: str | None) -> str | None:
        if not name:
            return None
        if name not in places:
            d = theatre.resolve_district(name)
            places[name] = d.id if d else name.lower().strip()
        return places[name]

    def party(name: str) -> str:
        a = theatre.actor(name)
        return a.id if a else name.lower().strip()

    return cluster_events(reports, party=party, place=place)


def explain_event(conn: sqlite3.Connection, theatre: Theatre, event_id: str
                  ) -> ControlEvent | EventCluster:
    """Return the event of an id (`<district id>-<party>-<YYYYMMDD>`, `e-consult-20210728-1a2b3c`),
    or the event a record is part of (its stored id, or a derived record's `<claim id>-<district
    id>`: a denial, which is no event, shown alone)."""
    found: list[ControlEvent | EventCluster] = []
    if event_id.startswith("e-"):
        found = [e for e in plover_events(conn, theatre) if e.id == event_id]
    else:
        events = control_events(conn, theatre)
        found = [e for e in events if e.id == event_id]
        # a record's id (stored or derived) gives the event it is part of
        found = found or [e for e in events if any(s.observation.record_id == event_id for s in e.sources)]
        found = found or [e for e in plover_events(conn, theatre)
                          if any(s.record_id == event_id for s in e.sources)]
        derived = None if found else find_derived(conn, theatre, event_id)
        if derived is not None:  # a denial: no event, shown alone
            from khabar.compile.dedup import Cluster

            o = (reviewed_derived(conn, [derived[1]]) or [derived[1]])[0]  # rejected: shown as extracted
            found = [Cluster(Grader.for_theatre(theatre).grade(o)).freeze()]
    if not found:
        raise KhabarError(f"{event_id}: no such event or record; ids look like <district id>-<party>-"
                          "<YYYYMMDD> (khabar district NAME lists them), e-consult-20210728-1a2b3c, or a "
                          "record's id as `district` prints it")
    return found[0]


def render_all(theatre: Theatre, states: list[DistrictState], counts: Counts, out_dir: Path,
               assessments: list[dict] | None = None) -> dict[str, Path]:
    """Write map.html, control.csv and control.geojson to a folder; return their paths."""
    from khabar.render.csv_export import write_control_csv
    from khabar.render.geojson import write_control_geojson
    from khabar.render.map import render_map

    out_dir.mkdir(parents=True, exist_ok=True)
    return {
        "map": render_map(theatre, states, counts, out_dir / "map.html",
                          assessments=assessments or []),
        "csv": write_control_csv(states, out_dir / "control.csv", Sides.of(theatre)),
        "geojson": write_control_geojson(theatre, states, out_dir / "control.geojson"),
    }


def theatre_assessments(theatre: Theatre) -> list[dict]:
    """Return the published counts a theatre's folder lists in `assessments.csv` (source,
    controller, count, of, unit, as_of, kind, url, note), in the shape of the extracted ones
    (`store.queries.assessments_near`), oldest first; [] without the file.

    A day given as a month ("2023-01") counts from the month's first day and says so in its note;
    a row with no usable count or day is left out."""
    import csv
    import re

    path = theatre.path / "assessments.csv"
    if not path.exists():
        return []
    out = []
    with open(path, encoding="utf-8", newline="") as f:
        for i, r in enumerate(csv.DictReader(f), start=2):
            when = (r.get("as_of") or "").strip()
            note = (r.get("note") or "").strip()
            given = when
            if re.fullmatch(r"\d{4}-\d\d", when):
                when, note = f"{when}-01", f"(day not given: {when}) {note}".strip()
            try:
                day = date.fromisoformat(when)
                n = int((r.get("count") or "").strip())
            except ValueError:
                continue
            of = (r.get("of") or "").strip()
            controller = (r.get("controller") or "").strip() or None
            source = (r.get("source") or "").strip() or "Unattributed"
            out.append({"id": f"{theatre.name}-assessments-{i}", "assessor": source,
                        "controller": controller, "count": n,
                        "of": int(of) if of.isdigit() else None, "of_total": int(of) if of.isdigit() else None,
                        "unit": (r.get("unit") or "").strip() or theatre.level("districts"),
                        "as_of": day.isoformat(), "as_of_given": given, "kind": (r.get("kind") or "").strip() or "assessment",
                        "url": (r.get("url") or "").strip(), "evidence": note, "note": note,
                        "outlet": source, "document_id": None, "review": None, "source": "theatre"})
    return sorted(out, key=lambda a: a["as_of"])


def published_counts(conn: sqlite3.Connection, theatre: Theatre, day: date | None = None,
                     window_days: int = 14) -> list[dict]:
    """Return the published counts reports give (extracted, the analysts' reviews applied) and
    those the theatre's folder lists, dated within `window_days` before a day (all without a
    day), newest first."""
    from khabar.store.queries import assessments_near

    ours = [a for a in theatre_assessments(theatre)
            if day is None or 0 <= (day - date.fromisoformat(a["as_of"])).days <= window_days]
    rows = [*assessments_near(conn, day, window_days), *ours]
    return sorted(rows, key=lambda a: str(a["as_of"]), reverse=True)


def timeline_start(theatre: Theatre, conn: sqlite3.Connection, end: date) -> date:
    """Return the first day a timeline to `end` shows: the theatre's period's first day, unless
    the reports begin more than 60 days after it (a theatre of years, reports of months): then
    two weeks before the first report."""
    from datetime import timedelta

    from khabar.store.queries import date_range

    period = theatre.config.get("period") or []
    first = date.fromisoformat(period[0]) if period else end - timedelta(days=99)
    earliest = date_range(conn)[0]
    if earliest is not None and (earliest - first).days > 60:
        first = earliest - timedelta(days=14)
    return min(first, end)
