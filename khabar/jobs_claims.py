"""The claim check job: stored claims judged against the compiled control of their day, denials
linked to what they deny, and published counts beside khabar's own (`khabar claims`, the desk's
/api/claims/check).

Split from `khabar.jobs` (ingest, compile, render), which it builds on; each function returns data
and prints nothing.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from khabar.jobs import compile_control
from khabar.records import DistrictState
from khabar.store import records as store
from khabar.store.sources import report_meta
from khabar.theatres.loader import Theatre

if TYPE_CHECKING:
    from khabar.theatres.geometry import Geography


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
    """Return the stored claims (analysts' overrides applied) with their reports' day and outlet,
    the claimant's party and the districts as extraction found them."""
    from khabar.compile.claim_check import StoredClaim

    out = []
    for st in store.stored_claims(conn):
        c = st.record
        out.append(StoredClaim(
            st.id, st.document_id, c.claimant, c.stance, c.text, c.quantity, c.date, st.published,
            st.outlet, c.evidence.text, c.span, st.review, c.claimant_party, tuple(c.district_ids)))
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
    meta = report_meta(conn)

    def day_of(r: dict) -> date | None:  # the record's day, else its report's
        m = meta.get(r["document_id"])
        return date.fromisoformat(r["date"]) if r["date"] else m.published if m else None

    for r in store.records_of(conn, "events"):
        day = day_of(r)
        targets.append(Target("events", r["id"], r["document_id"], r["span_start"], day,
                              f"{r['type']} {r['place'] or ''}: {r['evidence'][:80]}",
                              tuple(p for p in (r["place"],) if p)))
    for r in store.records_of(conn, "control_changes"):
        day = day_of(r)
        targets.append(Target("control_changes", r["id"], r["document_id"], r["span_start"], day,
                              f"{r['district']} to {r['controller']}",
                              tuple(p for p in (r["district"],) if p)))
    return targets


def cached_geography(theatre: Theatre) -> Geography:
    """Return the theatre's district areas and border lengths, kept on disk between runs
    ($KHABAR_CACHE, else $XDG_CACHE_HOME/khabar, else ~/.cache/khabar) under a key of the
    geometry files' paths, sizes and times: computing them takes about two seconds a run."""
    import hashlib
    import json
    import os

    from khabar.theatres.geometry import Geography, geography

    files = [theatre.path / n for n in ("districts.geojson", "borders.json")]
    stamp = "|".join(f"{f.resolve()}:{st.st_size}:{st.st_mtime_ns}" for f in files
                     if (st := f.stat() if f.exists() else None) is not None)
    root = Path(os.environ.get("KHABAR_CACHE") or Path(os.environ.get("XDG_CACHE_HOME") or
                                                        Path.home() / ".cache") / "khabar")
    path = root / f"geography-{hashlib.sha1(stamp.encode()).hexdigest()[:16]}.json"
    try:
        d = json.loads(path.read_text(encoding="utf-8"))
        return Geography(d["area_km2"], d["border_km"], {k: tuple(v) for k, v in d["words"].items()},
                         d["projection"], d["note"])
    except (OSError, ValueError, KeyError, TypeError):
        pass
    geo = geography(theatre)
    try:
        root.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps({"area_km2": geo.area_km2, "border_km": geo.border_km,
                                   "words": geo.neighbour_words, "projection": geo.projection,
                                   "note": geo.border_note}), encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass  # no cache: computed again next time
    return geo


def check_claims(conn: sqlite3.Connection, theatre: Theatre, tolerance: float | None = None
                 ) -> ClaimsReport:
    """Return every stored claim, the checks of those with a number about the theatre (against
    the compiled control of the claim's day), the denials linked to what they deny, and the
    published counts beside khabar's own."""
    from khabar.compile.claim_check import TOLERANCE, check_claim, implied_quantity, measure_of
    from khabar.compile.denials import Denial, link_denials
    rep = ClaimsReport(claims=stored_claims(conn))
    geo = None
    compiled: dict[date, list[DistrictState]] = {}
    total = theatre.config.get("published_district_total")
    for c in rep.claims:
        q = c.quantity or implied_quantity(c.text)
        if c.stance != "asserts" or not q or not measure_of(q):
            continue
        geo = geo or cached_geography(theatre)
        states: list[DistrictState] = []
        if c.day:
            if c.day not in compiled:
                compiled[c.day] = compile_control(conn, theatre, c.day)[0]
            states = compiled[c.day]
        chk = check_claim(c, states, geo, total, TOLERANCE if tolerance is None else tolerance,
                          theatre=theatre)
        if chk:
            rep.checks.append(chk)
            clause = _grades_clause(states, chk.party)
            if clause:
                rep.grades[c.id] = clause
    denials = [c for c in rep.claims if c.stance in ("denies", "disputes")]
    links = link_denials([Denial(d.id, d.document_id, d.span[0], d.day, d.claimant, d.evidence)
                          for d in denials], _denial_targets(conn, rep.claims),
                         weak_places=theatre.config.get("venues", ()), weak_words=_party_words(theatre))
    rep.denials = [(d, links.get(d.id, [])) for d in denials]
    rep.beside = assessments_beside(conn, theatre)
    claimed_sentences = {c.evidence for c in rep.claims}
    for chk in rep.checks:
        day = chk.claim.day
        near = [b for b in rep.beside if day and b["controller"] == chk.party and
                abs((date.fromisoformat(b["as_of"]) - day).days) <= 7]
        # a published count is a yardstick only if no party claimed it in the same sentence
        independent = [b for b in near if b["of"] and b["unit"] in ("districts", theatre.level("districts"))
                       and not b["part_of_country"]
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


def _party_words(theatre: Theatre) -> set[str]:
    """Return the words of the theatre's parties' names, its country and demonyms: words that name
    a side, not one claimant ("the Front" is every Front spokesman)."""
    import re

    names = [n for p in theatre.parties.values() for n in (p.id, p.name, *p.aliases)]
    names += [theatre.country, *theatre.demonyms]
    return {w.lower() for n in names for w in re.findall(r"[A-Za-z]{4,}", n)}


def assessments_beside(conn: sqlite3.Connection, theatre: Theatre, day: date | None = None,
                       window_days: int = 14) -> list[dict]:
    """Return published counts ("215 of 421 districts as of July 10") beside khabar's own count of
    the same day, with the difference; all of them, or those dated within `window_days` before a day.

    Shares are compared, since totals differ (421 published, 399 in the gazetteer); khabar's is a
    range from the districts known to be held up to those plus the ones with no reports. The
    counts the theatre's folder lists (`assessments.csv`) are listed beside the extracted ones; a
    coalition's count is compared with its members' districts too, a count that names no party
    with every party's but the incumbent's, and a count of another unit ("33 towns") with
    khabar's districts, saying so.
    """
    from khabar.compile.sides import Sides
    from khabar.jobs import published_counts

    rows = published_counts(conn, theatre, day, window_days)
    if day is None:
        rows.reverse()  # all of them: oldest first
    sides = Sides.of(theatre)
    level = sides.unit
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
        who = r["controller"]
        held = sum(1 for s in states if s.controller and s.controller != "contested" and (
            sides.counts_for(s.controller) == who or s.controller == who if who
            else sides.counts_for(s.controller) != sides.incumbent))
        total = len(states)
        unknown = sum(1 for s in states if s.controller is None)
        of = r["of_total"]
        share = 100 * r["count"] / of if of else None
        # "7 of 17 townships" of one state is no share of the country's: counts are compared
        part = bool(of) and bool(total) and abs(of - total) > 0.3 * total
        ours = 100 * held / total if total else 0.0
        most = 100 * (held + unknown) / total if total else 0.0
        out.append({
            "assessor": r["assessor"], "controller": r["controller"], "count": r["count"],
            "of": of, "unit": unit, "as_of": r["as_of"], "kind": r["kind"],
            "published_share": share,
            "khabar_count": held, "khabar_total": total, "khabar_share": ours,
            "khabar_most": most, "no_reports": unknown,
            "difference_points": None if share is None or part else ours - share,
            "part_of_country": part, "as_of_given": r.get("as_of_given") or r["as_of"],
            "document_id": r["document_id"], "evidence": r["evidence"], "review": r["review"],
            "source": r.get("source") or "report", "url": r.get("url"),
            "reports": 1, "line": _beside_line(r, unit, held, total, unknown, share, ours, most, sides, level,
                                               part)})
        seen[key] = out[-1]
    return out


def _beside_line(r: dict, unit: str, held: int, total: int, unknown: int, share: float | None,
                 ours: float, most: float, sides: object = None, level: str = "districts",
                 part: bool = False) -> str:
    from khabar.compile.sides import Sides, side_name

    sd = sides if isinstance(sides, Sides) else None
    who = (side_name(r["controller"], sd) if r["controller"] else
           f"parties other than the {side_name(sd.incumbent, sd)}" if sd and sd.incumbent else "no party named")
    pub = (f"{r['count']} of {r['of_total']} {unit} ({share:.0f}%)" if share is not None
           else f"{r['count']} {unit} (no total given)")
    ours_unit = unit if unit in (level, "districts", "provincial capitals") else level
    diff = "" if share is None else f"; difference {ours - share:+.0f} points"
    if part and ours_unit == unit:
        diff = (f"; difference {held - r['count']:+d} {unit} (the published count is of {r['of_total']}, "
                "part of the country: counts compared, not shares)")
    elif part:
        diff = ""
    caveat = f" (khabar counts {level}, not {unit})" if ours_unit != unit else ""
    source = " [theatre's list]" if r.get("source") == "theatre" else ""
    return (f"{r['assessor']}{source}: {who} {pub} as of {r.get('as_of_given') or r['as_of']}; khabar: {held} of "
            f"{total} ({ours:.0f}%, up to {most:.0f}% with the {unknown} "
            f"{ours_unit} with no reports){diff}{caveat}")
