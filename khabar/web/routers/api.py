"""JSON under /api/: documents, records, control as of a day, the map layer, timeline, review, exports."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Depends, Header, HTTPException, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import Response, StreamingResponse
from pydantic import AfterValidator, BaseModel, Field
from pydantic_core import PydanticCustomError

from khabar.store import queries as q
from khabar.store.overrides import apply_reviews
from khabar.web.desk import Desk

router = APIRouter(prefix="/api", tags=["api"])
Kind = Literal["control_changes", "events", "claims", "quotes", "assessments"]
Table = Literal["documents", "control_changes", "events", "claims", "quotes", "assessments", "overrides"]
FIRST_DAY, LAST_DAY = date(1000, 1, 1), date(8999, 12, 31)
"""The days a parameter may name: far enough from date.min and date.max that the ranges and
windows computed around a day stay dates (9999-12-25 was a 500)."""


def in_range(day: date | None, name: str = "") -> date | None:
    """Return a day within FIRST_DAY..LAST_DAY, else raise a validation error (a 422) saying so."""
    if day is not None and not FIRST_DAY <= day <= LAST_DAY:
        raise PydanticCustomError("day_out_of_range", f"{name + ': ' if name else ''}{day} is out of "
                                  f"range; give a day from {FIRST_DAY} to {LAST_DAY}")
    return day


Day = Annotated[date | None, AfterValidator(in_range),
                Query(description="Day YYYY-MM-DD (default: the latest in the data).")]
MAX_OFFSET = 1_000_000_000
"""The furthest a page may start (SQLite's integers end at 2**63 - 1: larger offsets were a 500)."""
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip.")]
GRADE = re.compile(r"\s*([A-Fa-f][1-6]?)?\s*")
"""An Admiralty grade: reliability A-F, then credibility 1-6 if given ("B", "B2"); empty is none."""


def shown(value: str) -> str:
    """Return a value from the request as an error message may echo it: as given when it is a
    short printable word, else quoted with its escapes (one line, at most 100 characters)."""
    return value if value.isprintable() and len(value) <= 100 else repr(value[:100])


def desk_of(request: Request) -> Desk:
    """Return the app's Desk."""
    desk: Desk = request.app.state.desk
    return desk


DeskDep = Annotated[Desk, Depends(desk_of)]


def writer(desk: DeskDep, authorization: Annotated[str | None, Header()] = None) -> Desk:
    """Let a write through only with the server's token as a bearer token (401), if it has one (403)."""
    if not desk.can_write():
        raise HTTPException(403, "this server is read-only; start khabar serve with --token "
                                 "(or KHABAR_TOKEN) to allow reviews")
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not desk.token_ok(given.strip()):
        raise HTTPException(401, "missing or wrong token; send Authorization: Bearer <token>",
                            headers={"WWW-Authenticate": "Bearer"})
    return desk


def day_or_latest(desk: Desk, day: date | None) -> date:
    """Return the day asked for, else the latest day of the data."""
    if day:
        return day
    latest = desk.date_range()[1]
    if latest is None:
        raise HTTPException(404, "no dated reports stored; ingest some or give as_of=YYYY-MM-DD")
    return latest


def with_reviews(desk: Desk, kind: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return rows with the analysts' overrides applied (`overrides.apply_reviews`), rejected
    records kept and marked (the tables strike them through), and `reviews`: every override of
    the record, oldest first."""
    from khabar.store.overrides import list_overrides

    rows = apply_reviews(desk.conn(), kind, rows, keep_rejected=True)
    history: dict[str, list[dict[str, Any]]] = {}
    if any(r["review"] for r in rows):
        for o in list_overrides(desk.conn(), kind=kind):
            history.setdefault(str(o["record_id"]), []).append(o)
    for r in rows:
        r["reviews"] = history.get(str(r.get("id")), [])
    return rows


@router.get("/status")
def status(desk: DeskDep) -> dict[str, Any]:
    """What this desk serves: the theatre, the range of the data, record counts, whether it takes writes."""
    from khabar.store.records import stats

    first, last = desk.date_range()
    return {"ok": True, "theatre": desk.theatre.name, "title": desk.theatre.title,
            "first": first, "last": last, "writable": desk.can_write(), "records": stats(desk.conn())}


@router.get("/documents")
def list_documents(desk: DeskDep, q_: Annotated[str | None, Query(alias="q", description="Full-text search.")] = None,
                   limit: Annotated[int, Query(ge=1, le=q.MAX_LIMIT)] = 100,
                   offset: Offset = 0) -> dict[str, Any]:
    """Stored reports, newest first (without their text)."""
    rows, total = q.documents(desk.conn(), q_, limit, offset)
    return {"ok": True, "total": total, "documents": rows}


@router.get("/documents/{document_id}")
def get_document(desk: DeskDep, document_id: str) -> dict[str, Any]:
    """One report with its text and every record extracted from it (spans are [start, end) offsets)."""
    doc = q.document(desk.conn(), document_id)
    if doc is None:
        raise HTTPException(404, f"document {shown(document_id)}: not found")
    recs = {kind: with_reviews(desk, kind, rows)
            for kind, rows in q.document_records(desk.conn(), document_id).items()}
    return {"ok": True, "document": doc, "records": recs, "derived": derived_records(desk, document_id)}


def derived_records(desk: Desk, document_id: str) -> list[dict[str, Any]]:
    """Return the control records compile derives from a report's claims (a denial's observation
    of each district it names: `<claim id>-<district id>`), each with its own id, the claim it
    comes from and the analysts' latest review of it (reviewable on its own: POST /api/review)."""
    from khabar.compile.holding import denial_observations
    from khabar.store.overrides import list_overrides
    from khabar.store.records import records_of
    from khabar.store.sources import report_meta

    conn = desk.conn()
    claims = records_of(conn, "claims", [document_id], keep_rejected=True)
    if not claims:
        return []
    meta = {k: v for k, v in report_meta(conn).items() if k == document_id}
    obs = denial_observations(desk.theatre, claims, meta)
    latest = {r["record_id"]: r for r in list_overrides(conn, kind="control_changes")
              if r["latest"] and r["record_id"] in {o.record_id for o in obs}}
    claim_review = {c["id"]: (c.get("review"), c.get("review_note")) for c in claims}
    out = []
    for o in obs:
        rv = latest.get(o.record_id)
        fields = (rv or {}).get("fields") or {}
        review = {"confirm": "confirmed", "reject": "rejected", "correct": "corrected"}.get(rv["action"]) if rv else None
        note = rv.get("note") if rv else None
        if rv is None:  # no review of its own: its claim's (compile does the same)
            review, note = claim_review.get(o.record_id.partition("-")[0], (None, None))
        out.append({"id": o.record_id, "claim_id": o.record_id.partition("-")[0], "district_id": o.district_id,
                    "district": o.district, "province": o.province,
                    "controller": fields.get("controller", o.controller),
                    "date": fields.get("date") or (o.effective.isoformat() if o.effective else None),
                    "trigger": o.trigger, "evidence": o.evidence, "review": review, "review_note": note})
    return out


def _day(value: str | None, name: str) -> date | None:
    """Return a date parameter's day; empty (as an HTML form sends it) is none."""
    if not value or not value.strip():
        return None
    try:
        return in_range(date.fromisoformat(value.strip()), name)
    except PydanticCustomError as e:
        raise HTTPException(422, e.message()) from None
    except ValueError:
        raise HTTPException(422, f"{name}: {value!r} is not a date; use YYYY-MM-DD") from None


def record_filter(type: str | None = None, actor: str | None = None, place: str | None = None,
                  date_from: Annotated[str | None, Query(alias="from", description="YYYY-MM-DD")] = None,
                  date_to: Annotated[str | None, Query(alias="to", description="YYYY-MM-DD")] = None,
                  grade: Annotated[str | None, Query(description="Admiralty grade such as B2 (a letter A-F, a digit 1-6): events graded that or better.")] = None,
                  q_: Annotated[str | None, Query(alias="q", description="Full-text search.")] = None,
                  document: str | None = None,
                  limit: Annotated[int, Query(ge=1, le=q.MAX_LIMIT)] = 200,
                  offset: Offset = 0) -> q.RecordFilter:
    """Return the filter the query parameters describe."""
    if grade and not GRADE.fullmatch(grade):
        raise HTTPException(422, f"grade: {grade!r} is not an Admiralty grade; give a letter A-F and "
                                 "a digit 1-6, e.g. B2")
    return q.RecordFilter(type=type or None, actor=actor or None, place=place or None,
                          date_from=_day(date_from, "from"), date_to=_day(date_to, "to"), grade=grade or None, q=q_ or None,
                          document_id=document or None, limit=limit, offset=offset)


Filter = Annotated[q.RecordFilter, Depends(record_filter)]


def grade_at_least(code: str, wanted: str) -> bool:
    """Return whether an Admiralty code is as good as `wanted` or better: B2 passes "C3" and "B2"."""
    code, wanted = code.strip().upper(), wanted.strip().upper()
    if not code or not wanted:
        return False
    if code[0] > wanted[0]:
        return False
    return len(wanted) < 2 or not code[1:].isdigit() or int(code[1:]) <= int(wanted[1:] or 6)


def graded_records(desk: Desk, kind: str, flt: q.RecordFilter) -> tuple[list[dict[str, Any]], int]:
    """Return a page of records with each event's joined event id and grade; `grade` filters on it."""
    index = desk.event_index() if kind == "events" else {}
    if flt.grade and kind == "events":
        flt = replace(flt, grade=None, ids=tuple(rid for rid, c in index.items()
                                                 if grade_at_least(c.grade, flt.grade)))
    rows, total = q.records(desk.conn(), kind, flt)
    for r in rows:
        c = index.get(r["id"])
        if c is not None:
            r["event_id"], r["grade"], r["sources"] = c.id, c.grade, c.reports
    return with_reviews(desk, kind, rows), total


@router.get("/records/{kind}")
def list_records(desk: DeskDep, kind: Kind, flt: Filter) -> dict[str, Any]:
    """Records of a kind, filtered: type (event type, claim stance, controller), actor, place, dates, q; events also by grade (e.g. B2 = B2 or better)."""
    rows, total = graded_records(desk, kind, flt)
    return {"ok": True, "kind": kind, "total": total, "records": rows}


@router.get("/event-clusters")
def event_clusters(desk: DeskDep) -> dict[str, Any]:
    """Events joined across reports: type, parties, place, day, grade and every report of each."""
    return {"ok": True, "events": [_cluster_json(c) for c in desk.event_clusters()]}


@router.get("/event-clusters/{event_id}")
def event_cluster(desk: DeskDep, event_id: str) -> dict[str, Any]:
    """One event with all its sources."""
    found = next((c for c in desk.event_clusters() if c.id == event_id), None)
    if found is None:
        raise HTTPException(404, f"event {shown(event_id)}: not found")
    return {"ok": True, "event": _cluster_json(found)}


def _cluster_json(c: Any) -> dict[str, Any]:
    out: dict[str, Any] = jsonable_encoder(c)
    out["reports"] = c.reports
    for s, src in zip(out["sources"], c.sources, strict=True):
        s["code"] = src.code
        s["document_id"] = src.record.evidence.document_id
    return out


@router.get("/records/{kind}/{record_id}")
def get_record(desk: DeskDep, kind: Kind, record_id: str) -> dict[str, Any]:
    """One record with its report's metadata and its reviews."""
    rec = q.record(desk.conn(), kind, record_id)
    if rec is None:
        raise HTTPException(404, f"{kind} record {shown(record_id)}: not found")
    return {"ok": True, "kind": kind, "record": with_reviews(desk, kind, [rec])[0]}


@router.get("/events")
def list_events(desk: DeskDep, flt: Filter) -> dict[str, Any]:
    """Events (PLOVER types), filtered as /api/records/events."""
    return list_records(desk, "events", flt)


@router.get("/claims")
def list_claims(desk: DeskDep, flt: Filter) -> dict[str, Any]:
    """Claims, filtered as /api/records/claims."""
    return list_records(desk, "claims", flt)


@router.get("/quotes")
def list_quotes(desk: DeskDep, flt: Filter) -> dict[str, Any]:
    """Quotes, filtered as /api/records/quotes."""
    return list_records(desk, "quotes", flt)


@router.get("/control")
def control(desk: DeskDep, as_of: Day = None) -> dict[str, Any]:
    """Every district's controller as of a day, since when, and the observation behind it; the counts."""
    day = day_or_latest(desk, as_of)
    states, counts = desk.control(day)
    return {"ok": True, "as_of": day, "counts": counts.to_dict(),
            "districts": jsonable_encoder(states)}


@router.get("/control.geojson")
def control_geojson(desk: DeskDep, as_of: Day = None) -> Response:
    """The map layer as GeoJSON (RFC 7946) for a day: every district polygon with its state (QGIS loads it by URL)."""
    import json

    from khabar.render.geojson import control_geojson as to_geojson

    states, _ = desk.control(day_or_latest(desk, as_of))
    body = json.dumps(to_geojson(desk.theatre, states), ensure_ascii=False, separators=(",", ":"))
    return Response(body, media_type="application/geo+json")


@router.get("/map")
def map_data(desk: DeskDep, as_of: Day = None) -> dict[str, Any]:
    """The map page's data for a day: controller per district (in the page's order), counts, claims, assessments."""
    day = day_or_latest(desk, as_of)
    states, counts = desk.control(day)
    by_id = {s.district_id: s for s in states}
    ctl = []
    from khabar.compile.baseline import baseline_of

    based = []  # the indices of districts resting on a baseline's word (drawn lighter)
    for i, did in enumerate(desk.map_order()):
        s = by_id.get(did)
        ctl.append(s.controller if s else None)
        if baseline_of(s) is not None:
            based.append(i)
    from khabar.jobs import published_counts

    conn = desk.conn()
    # the analysts' reviews, as everywhere else: corrections in, rejected records out
    claims = apply_reviews(conn, "claims", q.day_records(conn, "claims", day, limit=30))
    return {"ok": True, "as_of": day, "counts": counts.to_dict(), "controllers": ctl, "baseline": based,
            "claims": [{k: c.get(k) for k in ("id", "document_id", "claimant", "stance", "text",
                                              "outlet", "title")} for c in claims],
            "assessments": once_each(published_counts(conn, desk.theatre, day)),
            "events": q.count_on_day(conn, "events", day),
            "event_layer": event_layer(desk, day)}


ASSESSMENT_FIELDS = ("id", "document_id", "assessor", "controller", "count", "of_total", "unit", "as_of",
                     "kind", "outlet", "url", "source")


def once_each(assessments: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return published counts with each count listed once: the same assessor, party, number and
    day given by several reports is one row, with `reports` (how many) and `document_ids` (which)."""
    out: dict[tuple[Any, ...], dict[str, Any]] = {}
    for a in assessments:
        key = (str(a.get("assessor") or "").strip().lower(), a.get("controller"), a.get("count"),
               a.get("of_total"), str(a.get("as_of")))
        row = out.get(key)
        if row is None:
            row = out[key] = {k: a.get(k) for k in ASSESSMENT_FIELDS}
            row["reports"], row["document_ids"] = 0, []
        row["reports"] += 1
        if a.get("document_id") and a["document_id"] not in row["document_ids"]:
            row["document_ids"].append(a["document_id"])
    return list(out.values())


def event_layer(desk: Desk, day: date) -> list[dict[str, Any]]:
    """Return the map's event markers for a day: one per district that events dated that day
    involve (the analysts' reviews applied), at the district's label point (SVG units), with each
    event once (several reports of one joined event are one) and its page's link."""
    from khabar.render.plover import QUAD, plover_type

    conn = desk.conn()
    rows = apply_reviews(conn, "events", q.day_records(conn, "events", day, limit=q.MAX_LIMIT))
    order = {did: i for i, did in enumerate(desk.map_order())}
    layers = desk.layers()
    index = desk.event_index()
    labels = desk.theatre.party_label
    markers: dict[str, dict[str, Any]] = {}
    for r in rows:
        cluster = index.get(r["id"])
        eid = cluster.id if cluster is not None else r["id"]
        for did in r.get("district_ids") or []:
            if did not in order:
                continue
            m = markers.get(did)
            if m is None:
                d = desk.theatre.districts[did]
                x, y = layers.districts[did][1]
                m = markers[did] = {"i": order[did], "x": x, "y": y, "district": d.name,
                                    "province": d.province, "quad": 0, "events": []}
            if any(e["id"] == eid for e in m["events"]):
                continue
            ptype = plover_type(r["type"])
            m["quad"] = max(m["quad"], QUAD.get(ptype, 0))
            m["events"].append({
                "id": eid, "record_id": r["id"], "type": r["type"], "plover": ptype,
                "status": r.get("status"), "actors": r.get("actors") or [], "targets": r.get("targets") or [],
                "parties": [labels(p) for p in r.get("parties") or []], "place": r.get("place"),
                "date": r.get("date") or r.get("published"), "grade": cluster.grade if cluster else "",
                "reports": cluster.reports if cluster else 1,
                "url": f"/events/{quote(eid)}" if cluster is not None else f"/records/{quote(r['id'])}"})
    return sorted(markers.values(), key=lambda m: m["i"])


@router.get("/districts/{district_id}")
def district(desk: DeskDep, district_id: str, as_of: Day = None) -> dict[str, Any]:
    """A district's state as of a day and its whole history: every report that spoke of it."""
    d = desk.theatre.districts.get(district_id)
    note = None
    if d is None:  # a newer district the boundaries fold into another: its polygon, said so
        from khabar.compile.folded import find_folded

        f = find_folded(desk.theatre, district_id)
        d = desk.theatre.districts.get(f.district_id) if f else None
        note = f.note(d, desk.theatre.level("district")) if f and d else None
    if d is None:
        raise HTTPException(404, f"district {shown(district_id)}: not in theatre {desk.theatre.name}")
    district_id = d.id
    day = day_or_latest(desk, as_of)
    states, _ = desk.control(day)
    state = next((s for s in states if s.district_id == district_id), None)
    history = with_reviews(desk, "control_changes", q.district_history(desk.conn(), district_id))
    grades = _grades(state)
    for h in history:
        h["grade"] = grades.get(h["id"], "")
    from khabar.compile.baseline import baseline_of, per_text

    based = baseline_of(state)  # the state is a baseline's word (`khabar baseline`): "per SOURCE baseline as of D"
    return {"ok": True, "as_of": day, "district": {"id": d.id, "name": d.name, "province": d.province,
                                                   **({"note": note} if note else {})},
            "state": jsonable_encoder(state), "history": history,
            "baseline": {"name": based.baseline, "source": based.outlet, "as_of": based.effective,
                         "grade": based.grade, "text": per_text(based)} if based else None}


def _grades(state: Any) -> dict[str, str]:
    """Return record id -> Admiralty code of each graded source behind a state (if compile grades)."""
    out: dict[str, str] = {}
    for ev in (*getattr(state, "events", ()), *getattr(state, "conflict", ())):
        for src in getattr(ev, "sources", ()):
            out[src.observation.record_id] = f"{src.reliability}{src.credibility}"
    return out


@router.get("/timeline")
def timeline(desk: DeskDep, start: Day = None, end: Day = None) -> dict[str, Any]:
    """Daily counts over a range (default: the data's): districts by controller, and records dated each day."""
    first, last = desk.date_range()
    start, end = start or first, end or last
    if start is None or end is None:
        raise HTTPException(404, "no dated reports stored; give start and end as YYYY-MM-DD")
    return {"ok": True, "start": start, "end": end, "days": desk.timeline(start, end)}


@router.get("/claims/check")
def claims_check(desk: DeskDep, tolerance: Annotated[float | None, Query(ge=0, le=100)] = None
                 ) -> dict[str, Any]:
    """Claims with a number about the theatre judged against compiled control of their day (as `khabar claims --check`)."""
    from khabar.jobs_claims import check_claims

    rep = check_claims(desk.conn(), desk.theatre, tolerance)
    checks = []
    for c in rep.checks:
        row = jsonable_encoder(c)
        row["headline"] = c.headline()
        row["grades"] = rep.grades.get(c.claim.id, "")
        row["published_near"] = rep.published.get(c.claim.id, [])  # counts published within a week
        row["against_published"] = [list(v) for v in rep.against_published.get(c.claim.id, [])]
        checks.append(row)
    denials = [{"denial": jsonable_encoder(d), "links": jsonable_encoder(links)} for d, links in rep.denials]
    return {"ok": True, "checks": checks, "denials": denials, "published_counts": jsonable_encoder(rep.beside)}


@router.get("/baselines")
def baselines(desk: DeskDep) -> dict[str, Any]:
    """The stored baselines (`khabar baseline list`): name, source, day, grade, districts by controller."""
    from khabar.compile.baseline import list_baselines

    return {"ok": True, "baselines": [b.to_dict() for b in list_baselines(desk.conn())]}


class BaselineIn(BaseModel):
    """A per-district assessment to import as a baseline (as `khabar baseline FILE.csv`)."""

    csv: str = Field(min_length=1, max_length=5_000_000, description="The file: a district and a controller column.")
    as_of: date
    source: str = Field(min_length=1, max_length=200)
    grade: str | None = Field(default=None, pattern=r"^[A-F][1-6]$")
    name: str | None = Field(default=None, pattern=r"^[a-z0-9][a-z0-9._-]{0,79}$")
    url: str = Field(default="", max_length=2000)
    note: str = Field(default="", max_length=4000)
    replace: bool = False
    skip_unresolved: bool = False


@router.post("/baselines", status_code=201)
def import_baseline(body: BaselineIn, desk: Annotated[Desk, Depends(writer)]) -> dict[str, Any]:
    """Import a baseline (needs the token): all or nothing, 422 with one line per bad row unless skip_unresolved,
    409 if the name is stored and replace is not set."""
    from khabar.compile.baseline import default_grade, default_name, read_baseline, save_baseline
    from khabar.errors import KhabarError

    th = desk.theatre
    parsed = read_baseline("(request)", th, text=body.csv)
    if not parsed.entries or (parsed.problems and not body.skip_unresolved):
        raise HTTPException(422, "; ".join(parsed.problems) or "no row gives a district and its controller")
    grade = body.grade or default_grade(th, body.source)[0]
    name = body.name or default_name(body.source, body.as_of)
    try:
        replaced = save_baseline(desk.conn(), th, name, " ".join(body.source.split()), body.as_of, grade,
                                 parsed.entries, url=body.url, note=body.note, replace=body.replace)
    except KhabarError as e:
        raise HTTPException(409 if "already stored" in str(e) else 422, str(e)) from None
    desk.changed()
    return {"ok": True, "name": name, "grade": grade, "replaced": replaced, "districts": len(parsed.entries),
            "by_controller": parsed.by_controller(), "unresolved": parsed.problems, "notes": parsed.notes}


@router.delete("/baselines/{name}")
def delete_baseline(name: str, desk: Annotated[Desk, Depends(writer)]) -> dict[str, Any]:
    """Remove a stored baseline and all its districts (needs the token); 404 if there is none of that name."""
    from khabar.compile.baseline import remove_baseline
    from khabar.errors import KhabarError

    try:
        removed = remove_baseline(desk.conn(), name)
    except KhabarError as e:
        raise HTTPException(404, str(e)) from None
    desk.changed()
    return {"ok": True, "removed": removed.to_dict()}


class ReviewIn(BaseModel):
    """An analyst's verdict on one record."""

    kind: Kind
    record_id: str = Field(min_length=1, max_length=64)
    action: Literal["confirm", "reject", "correct"]
    note: str = Field(min_length=1, max_length=4000)
    fields: dict[str, Any] | None = None
    analyst: str = Field(default="", max_length=200)


@router.post("/review", status_code=201)
def review(body: ReviewIn, desk: Annotated[Desk, Depends(writer)], as_of: Day = None) -> dict[str, Any]:
    """Confirm, reject or correct a record with a note (needs the token); returns the new counts."""
    from khabar.store.overrides import save_derived_override, save_override

    conn = desk.conn()
    derived = None
    if body.kind == "control_changes" and q.record(conn, body.kind, body.record_id) is None:
        from khabar.jobs import find_derived  # a record compile derives: `<claim id>-<district id>`

        derived = find_derived(conn, desk.theatre, body.record_id)
    if derived is not None:
        claim, obs = derived
        override_id = save_derived_override(conn, body.kind, body.record_id, claim["document_id"], body.action,
                                            body.note, fields=body.fields, analyst=body.analyst,
                                            theatre=desk.theatre)
        changed_day: date | None = obs.effective
    else:
        override_id = save_override(conn, body.kind, body.record_id, body.action, body.note,
                                    fields=body.fields, analyst=body.analyst, theatre=desk.theatre)
        changed_day = record_day(conn, body.kind, body.record_id)
    desk.changed()
    # the counts of the day the record speaks of (its corrected day if corrected), not the latest
    fields = body.fields or {}
    if body.action == "correct" and isinstance(fields.get("date"), str):
        try:
            changed_day = date.fromisoformat(fields["date"])
        except ValueError:
            pass
    day = as_of or changed_day or day_or_latest(desk, None)
    _, counts = desk.control(day)
    return {"ok": True, "id": override_id, "as_of": day, "counts": counts.to_dict(),
            "headline": counts.headline()}


def record_day(conn: Any, kind: str, record_id: str) -> date | None:
    """Return the day a stored record speaks of: its own date, else its report's publication day."""
    rec = q.record(conn, kind, record_id)
    if rec is None:
        return None
    for key in ("date", "as_of", "published"):
        value = rec.get(key)
        if isinstance(value, str) and value:
            try:
                return date.fromisoformat(value[:10])
            except ValueError:
                continue
    return None


@router.get("/reviews")
def reviews(desk: DeskDep, kind: Kind | None = None, record_id: str | None = None) -> dict[str, Any]:
    """The analysts' reviews, optionally of one kind or record."""
    from khabar.store.overrides import list_overrides

    return {"ok": True, "reviews": list_overrides(desk.conn(), kind=kind, record_id=record_id)}


def _export(desk: Desk, table: str, fmt: str, as_of: date | None, name: str) -> Response:
    """One export, by the code path `khabar export` takes (render.csv_export.export), streamed."""
    from khabar.render.csv_export import FORMATS
    from khabar.render.csv_export import export as export_chunks

    try:
        chunks = export_chunks(desk.conn(), desk.theatre, table, fmt, as_of)
    except ValueError as e:
        raise HTTPException(404, str(e)) from None
    disposition = {"Content-Disposition": f'attachment; filename="{name}"'}
    return StreamingResponse(chunks, media_type=FORMATS[fmt], headers=disposition)


@router.get("/export/control-{as_of}.csv")
def export_control(desk: DeskDep, as_of: Annotated[date, AfterValidator(in_range)]) -> Response:
    """District control as of a day as CSV (the columns of `khabar map --all-formats`; `khabar export control`)."""
    return _export(desk, "control", "csv", as_of, f"khabar-control-{as_of}.csv")


@router.get("/export/events.plover.jsonl")
def export_plover(desk: DeskDep, as_of: Day = None) -> Response:
    """Events as PLOVER JSONL, one record a line (`khabar export events --format plover`): PLOVER
    category, mode, context, source and recipient actors, location with district and province ids,
    date, sentence, report; dated up to `as_of` if given. The mapping: khabar/render/plover.py."""
    return _export(desk, "events", "plover", as_of, "khabar-events.plover.jsonl")


@router.get("/export/events.geojson")
def export_events_geojson(desk: DeskDep, as_of: Day = None) -> Response:
    """Events with a district as GeoJSON points (a point inside the district), dated up to `as_of` if given."""
    return _export(desk, "events", "geojson", as_of, "khabar-events.geojson")


@router.get("/export/{table}.{fmt}")
def export(desk: DeskDep, table: Table, fmt: Literal["csv", "parquet"]) -> Response:
    """A whole table as CSV or Parquet: documents, each kind of record, overrides (`khabar export TABLE`)."""
    return _export(desk, table, fmt, None, f"khabar-{table}.{fmt}")
