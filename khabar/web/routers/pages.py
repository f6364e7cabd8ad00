"""The desk's HTML pages: the map with a time slider, the record tables, the reports and their text.

Templates are Jinja2 with autoescaping on: report titles, texts and every extracted field are
untrusted and reach the page only as escaped text. Links to outlets pass `safe_url` first.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

import jinja2
from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from khabar.compile.sides import Sides
from khabar.records import PLOVER_TYPES, STANCES
from khabar.render import controller_palette, every_state, map_svg, safe_url, script_json
from khabar.render.map import legend_rows
from khabar.store import queries as q
from khabar.web.desk import Desk
from khabar.web.highlight import Mark, segments
from khabar.web.routers.api import (
    Day,
    DeskDep,
    Filter,
    Offset,
    _cluster_json,
    claims_check,
    derived_records,
    graded_records,
    shown,
    with_reviews,
)

TEMPLATES = Path(__file__).parents[1] / "templates"
_env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                          undefined=jinja2.StrictUndefined)
_env.filters["safe_url"] = safe_url
templates = Jinja2Templates(env=_env)
router = APIRouter(include_in_schema=False)

TABLES: dict[str, dict[str, Any]] = {
    "events": {"title": "Events", "types": PLOVER_TYPES, "type_label": "Type", "actor": "Actor",
               "place": True},
    "claims": {"title": "Claims", "types": STANCES, "type_label": "Stance", "actor": "Claimant",
               "place": False},
    "quotes": {"title": "Quotes", "types": (), "type_label": "", "actor": "Speaker", "place": False},
}
KIND_LABEL = {"control_changes": "control", "events": "event", "claims": "claim", "quotes": "quote",
              "assessments": "assessment"}


def _page(request: Request, name: str, **context: Any) -> HTMLResponse:
    desk: Desk = request.app.state.desk
    context.setdefault("writable", desk.can_write())
    context.setdefault("active", "")
    context.setdefault("theatre_title", desk.theatre.title)
    return templates.TemplateResponse(request, name, context)


@router.get("/theme.css")
def theme(desk: DeskDep) -> Response:
    """The theatre's controller colours as CSS classes (colours are checked hex values)."""
    css = "".join(f".c-{k}{{fill:{c}}}.bg-{k}{{background:{c}}}" for k, (_, c) in controller_palette(desk.theatre).items())
    return Response(css, media_type="text/css", headers={"Cache-Control": "no-cache"})


@router.get("/", response_class=HTMLResponse)
def map_page(request: Request, desk: DeskDep,
             as_of: Day = None) -> HTMLResponse:
    """The map: districts coloured for a day, a slider across the data's range, counts and evidence."""
    first, last = desk.date_range()
    if last is None or first is None:
        return _page(request, "empty.html")
    day = min(max(as_of or last, first), last)
    states, counts = desk.control(day)
    layers = desk.layers()
    order = desk.map_order()
    order_index = {d: i for i, d in enumerate(order)}
    by_id = every_state(desk.theatre, states, order)
    palette = controller_palette(desk.theatre)
    sides = Sides.of(desk.theatre)
    rows = legend_rows(sides)
    th = desk.theatre
    levels = {"district": sides.unit_one, "districts": sides.unit, "province": th.level("province")}
    data: dict[str, Any] = {
            "asOf": day.isoformat(), "first": first.isoformat(), "last": last.isoformat(), "ids": order, "parties": {k: {"label": lb, "colour": c} for k, (lb, c) in palette.items()},
            "legend": [[k, depth] for k, depth in rows], "levels": levels, "incumbent": sides.incumbent,
            "names": [[by_id[d].name, by_id[d].province] for d in order],
            "writable": desk.can_write()}
    legend = [(k, depth, counts.own(k) if depth else counts[k]) for k, depth in rows]
    data["geometry"] = f"/map.svg?v={geometry_version(desk)}"
    data["labelOrder"] = [order_index[d] for d in layers.by_area]
    return _page(request, "map.html",
                 data=script_json(data), counts=counts, palette=palette, day=day,
                 first=first, last=last, span=(last - first).days, offset=(day - first).days,
                 legend=legend, levels=levels)


def geometry_version(desk: Desk) -> str:
    """Return what identifies the map's geometry: the theatre, its districts file and khabar's version."""
    import hashlib

    from khabar import __version__

    src = desk.theatre.districts_geojson
    stamp = f"{desk.theatre.name}|{src}|{src.stat().st_mtime_ns if src.exists() else 0}|{__version__}"
    return hashlib.sha256(stamp.encode()).hexdigest()[:16]


@router.get("/map.svg")
def map_geometry(request: Request, desk: DeskDep) -> Response:
    """The map's geometry once for every day: district paths (no colours: the page colours them from
    /api/map), province borders, outline and labels. Its URL carries its version, so a browser keeps it
    (immutable) and a new theatre or boundary file is a new URL; gzip takes it from ~0.7 MB to ~0.2 MB."""
    version = geometry_version(desk)
    etag = f'"{version}"'
    headers = {"ETag": etag, "Cache-Control": "public, max-age=31536000, immutable"}
    if request.headers.get("if-none-match") == etag:
        return Response(status_code=304, headers=headers)
    body = desk._geometry
    if body is None or body[0] != version:
        order = desk.map_order()
        blank = every_state(desk.theatre, [], order)
        svg = map_svg(desk.layers(), blank, order, (), Sides.of(desk.theatre).unit_one)
        # a file of its own: the SVG namespace that a page's HTML parser gives inline SVG
        body = (version, svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1))
        desk._geometry = body
    return Response(body[1], media_type="image/svg+xml", headers=headers)


@router.get("/reports", response_class=HTMLResponse)
def reports_page(request: Request, desk: DeskDep, q_: Annotated[str | None, Query(alias="q")] = None,
                 offset: Offset = 0) -> HTMLResponse:
    """The stored reports, newest first, with full-text search."""
    rows, total = q.documents(desk.conn(), q_, 100, offset)
    return _page(request, "reports.html", rows=rows, total=total, q=q_ or "", offset=offset)


@router.get("/reports/{document_id}", response_class=HTMLResponse)
def report_page(request: Request, desk: DeskDep, document_id: str,
                hl: Annotated[str | None, Query()] = None) -> HTMLResponse:
    """One report with every extracted record highlighted in its text; `hl` picks one record out."""
    conn = desk.conn()
    doc = q.document(conn, document_id)
    if doc is None:
        raise HTTPException(404, f"document {shown(document_id)}: not found")
    recs = q.document_records(conn, document_id)
    marks = []
    listed = []
    for kind, rows in recs.items():
        for r in with_reviews(desk, kind, rows):
            label = f"{KIND_LABEL[kind]}: {describe(kind, r)}"
            marks.append(Mark(r["span_start"], r["span_end"], kind, r["id"], label))
            if r["id"] == hl:
                marks.append(Mark(r["ev_start"], r["ev_end"], "sentence", r["id"], "the sentence"))
                marks.append(Mark(r["span_start"], r["span_end"], "hl", r["id"], ""))
            listed.append({"kind": kind, "label": KIND_LABEL[kind], "what": describe(kind, r), **r})
    claim_at = {r["id"]: r["span_start"] for r in listed if r["kind"] == "claims"}
    for d in derived_records(desk, document_id):  # after the claim each comes from
        listed.append({"kind": "derived", "label": "derived control", "span_start": claim_at.get(d["claim_id"], 0),
                       "what": (f"{d['district']} ({d['province'] or '?'}): {desk.theatre.party_label(d['controller'])}"
                                f" as of {d['date'] or 'undated'}, from the denial of claim {d['claim_id']}"),
                       **{k: v for k, v in d.items() if k != "span_start"}})
    order = {"claims": 0, "derived": 1}
    listed.sort(key=lambda r: (r["span_start"], order.get(r["kind"], 2), r["kind"]))
    return _page(request, "report.html", doc=doc, segments=segments(doc["text"], marks),
                 records=listed, hl=hl or "", url=safe_url(doc.get("url")))


def describe(kind: str, r: dict[str, Any]) -> str:
    """Return a record as one short line of plain text."""
    if kind == "control_changes":
        return f"{r.get('district')} ({r.get('province') or '?'}): {r.get('controller')}, {r.get('date') or 'undated'}"
    if kind == "events":
        actors = ", ".join(r.get("actors") or []) or "?"
        targets = ", ".join(r.get("targets") or [])
        return (f"{r.get('type')} {actors}" + (f" → {targets}" if targets else "")
                + (f" at {r['place']}" if r.get("place") else "") + f", {r.get('date') or 'undated'}")
    if kind == "claims":
        return f"{r.get('claimant')} {r.get('stance')}: {r.get('text')}"
    if kind == "quotes":
        return f"{r.get('speaker') or 'unattributed'}: {r.get('text')}"
    return f"{r.get('assessor')}: {r.get('controller')} {r.get('count')} of {r.get('of_total') or '?'}, {r.get('as_of') or 'undated'}"


def _table(request: Request, desk: Desk, kind: str, flt: q.RecordFilter) -> HTMLResponse:
    rows, total = graded_records(desk, kind, flt)
    for r in rows:
        r["what"] = describe(kind, r)
    has_grade = kind == "events"
    params = {k: v for k, v in request.query_params.items() if k != "offset"}
    return _page(request, "table.html", kind=kind, spec=TABLES[kind], rows=rows, total=total,
                 flt=flt, has_grade=has_grade, label=KIND_LABEL[kind],
                 next_url=(f"?{urlencode({**params, 'offset': flt.offset + flt.limit})}"
                           if flt.offset + flt.limit < total else ""),
                 prev_url=(f"?{urlencode({**params, 'offset': max(0, flt.offset - flt.limit)})}"
                           if flt.offset else ""))


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, desk: DeskDep, flt: Filter) -> HTMLResponse:
    """Events, filterable by type, actor, place, dates, grade and text."""
    return _table(request, desk, "events", flt)


@router.get("/claims", response_class=HTMLResponse)
def claims_page(request: Request, desk: DeskDep, flt: Filter) -> HTMLResponse:
    """Claims, filterable by stance, claimant, dates, grade and text."""
    return _table(request, desk, "claims", flt)


@router.get("/quotes", response_class=HTMLResponse)
def quotes_page(request: Request, desk: DeskDep, flt: Filter) -> HTMLResponse:
    """Quotes, filterable by speaker, dates and text."""
    return _table(request, desk, "quotes", flt)


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, desk: DeskDep, event_id: str) -> HTMLResponse:
    """One event joined across reports, with every source, its grade and the sentence of each."""
    found = next((c for c in desk.event_clusters() if c.id == event_id), None)
    if found is None:
        raise HTTPException(404, f"event {shown(event_id)}: not found")
    names = {a.id: a.name for a in desk.theatre.actors}
    ev = _cluster_json(found)
    ev["party_names"] = [names.get(p, p) for p in ev["parties"]]
    return _page(request, "event.html", active="events", ev=ev)


@router.get("/claims/check", response_class=HTMLResponse)
def claim_check_page(request: Request, desk: DeskDep,
                     tolerance: Annotated[float | None, Query(ge=0, le=100)] = None) -> HTMLResponse:
    """The claim check as a page: each numeric claim's verdict against compiled control of its day,
    denials and what they deny, published counts beside khabar's (`khabar claims --check`)."""
    from collections import Counter

    data = claims_check(desk, tolerance)
    verdicts = Counter(c["verdict"] for c in data["checks"]).most_common()
    return _page(request, "claim_check.html", checks=data["checks"], denials=data["denials"],
                 published=data["published_counts"], verdicts=verdicts, party_label=desk.theatre.party_label,
                 units=desk.theatre.level("districts"))


@router.get("/favicon.ico")
def favicon() -> Response:
    """No icon: an empty answer instead of a 404 in every browser's console."""
    return Response(status_code=204)


@router.get("/records/{record_id}", response_class=HTMLResponse)
def record_page(desk: DeskDep, record_id: str) -> Response:
    """Redirect a record id to its report, the record highlighted."""
    from fastapi.responses import RedirectResponse

    found = q.find_record(desk.conn(), record_id)
    if found is None:
        raise HTTPException(404, f"record {shown(record_id)}: not found")
    _, rec = found
    return RedirectResponse(f"/reports/{rec['document_id']}?{urlencode({'hl': record_id})}#r-{record_id}",
                            status_code=303)

