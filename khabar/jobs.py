"""The main jobs, joined from the stages: ingest reports into a store, compile, render.

The CLI and (later) the web app call these; each returns data and prints nothing.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from khabar.compile.control_as_of import Counts, control_as_of, count
from khabar.compile.dedup import EventCluster
from khabar.compile.grading import Grader
from khabar.errors import InputError, KhabarError
from khabar.extract.pipeline import Extractor
from khabar.ingest import read_inputs
from khabar.records import ControlEvent, DistrictState, Document, Extraction, Observation
from khabar.store import records as store
from khabar.theatres.loader import District, Theatre


@dataclass
class IngestReport:
    """What an ingest did: new and known reports, records stored, errors and warnings."""

    new: int = 0
    known: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    records: dict[str, int] = field(default_factory=dict)

    @property
    def read(self) -> int:
        return self.new + self.known


def ingest(conn: sqlite3.Connection, inputs: Iterable[str], extractor: Extractor, *,
           published: date | None = None, outlet: str | None = None,
           reextract: bool = False,
           on_document: Callable[[Document | InputError], None] | None = None,
           processes: int | None = None) -> IngestReport:
    """Read reports, extract their records and store each report in its own transaction.

    A report already stored adds nothing (its records are re-extracted only with `reextract`).
    A bad input is one error line in the report; the rest go on. Extraction runs in
    `processes` worker processes (None: one per core); reading, the check for known reports
    and storing stay in this process, in input order.
    """
    rep = IngestReport()
    seen: set[str] = set()

    def new_documents() -> Iterator[Document]:
        for item in read_inputs(inputs, published=published, outlet=outlet):
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
        for kind, n in _counts(ex).items():
            rep.records[kind] = rep.records.get(kind, 0) + n
    return rep


def _counts(ex: Extraction) -> dict[str, int]:
    return {"control_changes": len(ex.control_changes), "events": len(ex.events),
            "claims": len(ex.claims), "quotes": len(ex.quotes),
            "assessments": len(ex.assessments)}


def compile_control(conn: sqlite3.Connection, theatre: Theatre, as_of: date
                    ) -> tuple[list[DistrictState], Counts]:
    """Return every district's state as of a day, and the counts."""
    states = control_as_of(theatre.districts, control_observations(conn, theatre, as_of), as_of,
                           grader=Grader.for_theatre(theatre))
    return states, count(states, as_of)


def control_observations(conn: sqlite3.Connection, theatre: Theatre, up_to: date | None = None
                         ) -> list[Observation]:
    """Return the stored control changes, and the denials of a change of hands as observations
    of who holds the district ("the ministry denied that X had fallen"), up to a day if given."""
    from khabar.compile.holding import denial_observations
    from khabar.store.sources import report_meta

    obs = store.observations(conn, up_to)
    claims = [c for c in store.records_of(conn, "claims") if c["stance"] != "asserts"]
    if claims:
        held = denial_observations(theatre, claims, report_meta(conn))
        obs.extend(o for o in held if up_to is None or o.effective <= up_to)
    return obs


def daily_counts(conn: sqlite3.Connection, theatre: Theatre, start: date, end: date
                 ) -> list[Counts]:
    """Return the counts of every day from start to end (one sweep; each day's counts are
    those `compile_control` gives for it)."""
    from khabar.compile.control_as_of import timeline

    return timeline(theatre.districts, control_observations(conn, theatre, end), start, end,
                    grader=Grader.for_theatre(theatre))


def control_events(conn: sqlite3.Connection, theatre: Theatre, as_of: date | None = None
                   ) -> list[ControlEvent]:
    """Return the control events (each with every report of it) up to a day if given."""
    from khabar.compile.dedup import cluster_control

    return cluster_control(control_observations(conn, theatre, as_of),
                           Grader.for_theatre(theatre))


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
    events, states = cao.district_history(d, obs, grader=Grader.for_theatre(theatre))
    return d, events, states


def plover_events(conn: sqlite3.Connection, theatre: Theatre) -> list[EventCluster]:
    """Return the stored events (PLOVER), each with every report of it."""
    import json

    from khabar.compile.dedup import cluster_events, grade_event
    from khabar.records import Event, Evidence
    from khabar.store.sources import report_meta

    meta = report_meta(conn)
    grader = Grader.for_theatre(theatre)
    reports = []
    for r in store.records_of(conn, "events"):
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
    """Return the event of an id (`AF2704-taliban-20210704`, `e-consult-20210728-1a2b3c`)."""
    found: list[ControlEvent | EventCluster] = []
    if event_id.startswith("e-"):
        found = [e for e in plover_events(conn, theatre) if e.id == event_id]
    else:
        found = [e for e in control_events(conn, theatre) if e.id == event_id]
    if not found:
        raise KhabarError(f"{event_id}: no such event; ids look like AF2704-taliban-20210704 "
                          "(khabar district NAME lists them) or e-consult-20210728-1a2b3c")
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
        "csv": write_control_csv(states, out_dir / "control.csv"),
        "geojson": write_control_geojson(theatre, states, out_dir / "control.geojson"),
    }


# -- claim check, denials, published counts beside khabar's (khabar claims / control) ----------

@dataclass
class ClaimsReport:
    """Stored claims, the checks of those with a number about the theatre, denials and their links,
    and the published counts beside khabar's own."""

    claims: list = field(default_factory=list)  # StoredClaim
    checks: list = field(default_factory=list)  # Check
    grades: dict[str, str] = field(default_factory=dict)  # claim id -> grades clause
    published: dict[str, list[str]] = field(default_factory=dict)  # claim id -> counts near its day
    denials: list = field(default_factory=list)  # (StoredClaim, [Link])
    beside: list[dict] = field(default_factory=list)
    # claim id -> verdicts against independent published counts of the same week
    against_published: dict[str, list[tuple[str, str]]] = field(default_factory=dict)


def stored_claims(conn: sqlite3.Connection) -> list:
    """Return the stored claims (analysts' overrides applied) with their reports' day and outlet."""
    import json

    from khabar.compile.claim_check import StoredClaim
    from khabar.records import Quantity

    docs: dict[str, Document | None] = {}
    out = []
    for r in store.records_of(conn, "claims"):
        if r["document_id"] not in docs:  # one read per report, not one per claim
            docs[r["document_id"]] = store.get_document(conn, r["document_id"])
        doc = docs[r["document_id"]]
        q = json.loads(r["quantity"]) if r["quantity"] else None
        out.append(StoredClaim(
            r["id"], r["document_id"], r["claimant"], r["stance"], r["text"],
            Quantity(q["value"], q["unit"], q.get("of"), q.get("qualifier"), q.get("value_max"))
            if q else None, date.fromisoformat(r["date"]) if r["date"] else None,
            doc.published if doc else None, doc.outlet if doc else "", r["evidence"],
            (r["span_start"], r["span_end"]), r["review"]))
    return sorted(out, key=lambda c: (c.day or date.min, c.document_id, c.span[0]))


def _b2_or_better(code: str) -> bool:
    return len(code) >= 2 and code[0] <= "B" and code[1:].isdigit() and int(code[1:]) <= 2


def _grades_clause(states: list[DistrictState], party: str) -> str:
    """Return "90% of the 12 observations graded B2 or better" for the districts a party holds."""
    held = [s for s in states if s.controller == party]
    codes = [src.code for s in held for ev in s.events for src in ev.sources]
    what = "observations"
    if not codes:  # states without their events: one grade per district
        codes, what = [s.grade for s in held if s.grade], f"{party}-held districts"
    if not codes:
        return ""
    good = sum(1 for c in codes if _b2_or_better(c))
    return f"{100 * good / len(codes):.0f}% of the {len(codes)} {what} graded B2 or better"


def _denial_targets(conn: sqlite3.Connection, claims: list) -> list:
    from khabar.compile.denials import Target

    targets = [Target("claims", c.id, c.document_id, c.span[0], c.day,
                      f"{c.claimant}: {c.text}", (),
                      c.quantity.value if c.quantity else None, c.claimant)
               for c in claims if c.stance == "asserts"]
    published = {d: (doc.published if doc else None) for d, doc in (
        (r, store.get_document(conn, r)) for r in
        {x["document_id"] for k in ("events", "control_changes") for x in store.records_of(conn, k)})}
    for r in store.records_of(conn, "events"):
        day = date.fromisoformat(r["date"]) if r["date"] else published.get(r["document_id"])
        targets.append(Target("events", r["id"], r["document_id"], r["span_start"], day,
                              f"{r['type']} {r['place'] or ''}: {r['evidence'][:80]}",
                              tuple(p for p in (r["place"],) if p)))
    for r in store.records_of(conn, "control_changes"):
        day = date.fromisoformat(r["date"]) if r["date"] else published.get(r["document_id"])
        targets.append(Target("control_changes", r["id"], r["document_id"], r["span_start"], day,
                              f"{r['district']} to {r['controller']}",
                              tuple(p for p in (r["district"],) if p)))
    return targets


def check_claims(conn: sqlite3.Connection, theatre: Theatre, tolerance: float | None = None
                 ) -> ClaimsReport:
    """Return every stored claim, the checks of those with a number about the theatre (against
    the compiled control of the claim's day), the denials linked to what they deny, and the
    published counts beside khabar's own."""
    from khabar.compile.claim_check import TOLERANCE, check_claim, implied_quantity, measure_of
    from khabar.compile.denials import Denial, link_denials
    from khabar.theatres.geometry import geography

    rep = ClaimsReport(claims=stored_claims(conn))
    geo = None
    compiled: dict[date, list[DistrictState]] = {}
    total = theatre.config.get("published_district_total")
    for c in rep.claims:
        q = c.quantity or implied_quantity(c.text)
        if c.stance != "asserts" or not q or not measure_of(q):
            continue
        geo = geo or geography(theatre)
        states: list[DistrictState] = []
        if c.day:
            if c.day not in compiled:
                compiled[c.day] = compile_control(conn, theatre, c.day)[0]
            states = compiled[c.day]
        chk = check_claim(c, states, geo, total, TOLERANCE if tolerance is None else tolerance)
        if chk:
            rep.checks.append(chk)
            clause = _grades_clause(states, chk.party)
            if clause:
                rep.grades[c.id] = clause
    denials = [c for c in rep.claims if c.stance in ("denies", "disputes")]
    links = link_denials([Denial(d.id, d.document_id, d.span[0], d.day, d.claimant, d.evidence)
                          for d in denials], _denial_targets(conn, rep.claims),
                         weak_places=theatre.config.get("venues", ()))
    rep.denials = [(d, links.get(d.id, [])) for d in denials]
    rep.beside = assessments_beside(conn, theatre)
    claimed_sentences = {c.evidence for c in rep.claims}
    for chk in rep.checks:
        day = chk.claim.day
        near = [b for b in rep.beside if day and b["controller"] == chk.party and
                abs((date.fromisoformat(b["as_of"]) - day).days) <= 7]
        # a published count is a yardstick only if no party claimed it in the same sentence
        independent = [b for b in near if b["of"] and b["unit"] == "districts"
                       and b["evidence"] not in claimed_sentences]
        if independent:
            from khabar.compile.claim_check import against_published
            verdicts = [against_published(chk, b["assessor"], b["count"], b["of"],
                                          date.fromisoformat(b["as_of"]),
                                          TOLERANCE if tolerance is None else tolerance)
                        for b in independent]
            verdicts = [v for v in verdicts if v[0] != "not checkable"]
            if verdicts:
                rep.against_published[chk.claim.id] = verdicts
        if near:
            rep.published[chk.claim.id] = [
                f"{b['assessor']}: {b['count']}" + (f" of {b['of']} ({b['published_share']:.0f}%)"
                                                    if b["of"] else "") + f" as of {b['as_of']}"
                for b in near]
    return rep


def assessments_beside(conn: sqlite3.Connection, theatre: Theatre, day: date | None = None,
                       window_days: int = 14) -> list[dict]:
    """Return published counts ("215 of 421 districts as of July 10") beside khabar's own count of
    the same day, with the difference; all of them, or those dated within `window_days` before a day.

    Shares are compared, since totals differ (421 published, 399 in the gazetteer); khabar's is a
    range from the districts known to be held up to those plus the ones with no reports.
    """
    from khabar.store.queries import assessments_near

    rows = assessments_near(conn, day, window_days)
    if day is None:
        rows.reverse()  # all of them: oldest first
    out: list[dict] = []
    seen: dict[tuple, dict] = {}
    for r in rows:
        key = (r["assessor"], r["controller"], r["count"], r["of_total"], r["as_of"])
        if key in seen:  # the same published count, reported again
            seen[key]["reports"] += 1
            continue
        as_of = date.fromisoformat(r["as_of"])
        states, _counts = compile_control(conn, theatre, as_of)
        unit = r.get("unit") or "districts"
        if unit == "provincial capitals":  # "18 of the 34 provincial capitals": khabar's capitals
            capitals = {d.id for d in (theatre.capital(p) for p in theatre.provinces) if d}
            states = [s for s in states if s.district_id in capitals]
        held = sum(1 for s in states if s.controller == r["controller"])
        total = len(states)
        unknown = sum(1 for s in states if s.controller is None)
        of = r["of_total"]
        share = 100 * r["count"] / of if of else None
        ours = 100 * held / total if total else 0.0
        most = 100 * (held + unknown) / total if total else 0.0
        out.append({
            "assessor": r["assessor"], "controller": r["controller"], "count": r["count"],
            "of": of, "unit": unit, "as_of": r["as_of"], "kind": r["kind"],
            "published_share": share,
            "khabar_count": held, "khabar_total": total, "khabar_share": ours,
            "khabar_most": most, "no_reports": unknown,
            "difference_points": None if share is None else ours - share,
            "document_id": r["document_id"], "evidence": r["evidence"], "review": r["review"],
            "reports": 1, "line": _beside_line(r, unit, held, total, unknown, share, ours, most)})
        seen[key] = out[-1]
    return out


def _beside_line(r: dict, unit: str, held: int, total: int, unknown: int, share: float | None,
                 ours: float, most: float) -> str:
    pub = (f"{r['count']} of {r['of_total']} {unit} ({share:.0f}%)" if share is not None
           else f"{r['count']} {unit} (no total given)")
    diff = "" if share is None else f"; difference {ours - share:+.0f} points"
    return (f"{r['assessor']}: {r['controller']} {pub} as of {r['as_of']}; khabar: {held} of "
            f"{total} ({ours:.0f}%, up to {most:.0f}% with the {unknown} "
            f"{unit} with no reports){diff}")
