"""How the assessment commands (control, district, explain) show states, events and sources."""

from __future__ import annotations

from typing import Any

from khabar.compile.dedup import EventCluster, EventReport
from khabar.compile.sides import CONTESTED, Sides, side_name
from khabar.records import ControlEvent, DistrictState, Source

__all__ = ["event_dict", "event_lines", "side_name", "source_dict", "state_dict", "state_line"]


def _iso(d: Any) -> str | None:
    return d.isoformat() if d else None


def source_dict(s: Source) -> dict[str, Any]:
    """Return a graded report as JSON-ready data."""
    o = s.observation
    return {"grade": s.code, "basis": s.basis, "reason": s.reason, "outlet": s.outlet,
            "published": _iso(o.published), "date": _iso(o.date), "record_id": o.record_id,
            "document_id": o.document_id, "url": o.url or None, "evidence": o.evidence,
            "review": o.review}


def event_dict(e: ControlEvent | EventCluster) -> dict[str, Any]:
    """Return a control event, or an event with its reports, as JSON-ready data."""
    if isinstance(e, EventCluster):
        return {"id": e.id, "type": e.type, "status": e.status, "parties": list(e.parties),
                "place": e.place, "date": e.date.isoformat(), "grade": e.grade,
                "reports": e.reports, "first_reported": _iso(e.first_reported),
                "latest_reported": _iso(e.latest_reported), "rule": e.rule,
                "sources": [{"grade": s.code, "basis": s.basis, "reason": s.reason,
                             "outlet": s.outlet, "published": _iso(s.published),
                             "record_id": s.record_id, "url": s.url or None,
                             "evidence": s.record.evidence.text, "joined": why}
                            for s, why in zip(e.sources, e.joined, strict=False)]}
    return {"id": e.id, "district_id": e.district_id, "district": e.district,
            "controller": e.controller, "date": e.date.isoformat(), "grade": e.grade,
            "reports": e.reports, "first_reported": _iso(e.first_reported),
            "latest_reported": _iso(e.latest_reported), "rule": e.rule,
            "sources": [{**source_dict(s), "joined": why}
                        for s, why in zip(e.sources, e.joined, strict=False)]}


def state_dict(s: DistrictState) -> dict[str, Any]:
    """Return a district's state as JSON-ready data (the keys of `khabar control --json`)."""
    o = s.observation
    return {"district_id": s.district_id, "district": s.name, "province": s.province,
            "controller": s.controller, "since": _iso(s.since), "held_as_of": _iso(s.held_as_of),
            "confidence": s.confidence or None, "grade": s.grade or None, "sources": s.sources,
            "evidence": o.evidence if o else None, "document_id": o.document_id if o else None,
            "outlet": o.outlet if o else None,
            "events": [e.id for e in s.events],
            "conflict": [{"id": e.id, "controller": e.controller, "grade": e.grade,
                          "evidence": e.best.observation.evidence, "outlet": e.best.outlet}
                         for e in s.conflict],
            "claimed_by": s.claimed_by,
            "claim": ({"id": s.claim.id, "grade": s.claim.grade,
                       "evidence": s.claim.best.observation.evidence,
                       "outlet": s.claim.best.outlet} if s.claim else None)}


def held_text(s: DistrictState) -> str:
    """Return since when a district is held: "since D" (the day it changed hands), or "held as of
    D, since unknown" when reports only said who held it ("held by the group on D")."""
    from khabar.compile.baseline import baseline_of, per_text

    b = baseline_of(s)
    if b is not None:  # a baseline's word (`khabar baseline`): "per SOURCE baseline as of D"
        return f"{per_text(b)}, since unknown"
    if s.since is None and s.held_as_of is not None:
        return f"held as of {s.held_as_of}, since unknown"
    return f"since {s.since}"


def _reports(s: DistrictState) -> str:
    """Return the reports behind a state, and the baselines if any: "3 report(s)", "a baseline"."""
    based = {src.observation.document_id for e in s.events for src in e.sources
             if src.observation.trigger == "baseline"}
    n = s.sources - len(based)
    if not based:
        return f"{n} report(s)"
    return ("a baseline" if len(based) == 1 else f"{len(based)} baselines") + (f", {n} report(s)" if n else "")


def state_line(s: DistrictState, sides: Sides | None = None) -> str:
    """Return a district's state in one line: controller, since, confidence, grade, reports."""
    if s.controller is None:
        text = "no reports"
    else:
        text = f"{side_name(s.controller, sides)} {held_text(s)} ({s.confidence} confidence, " \
               f"{s.grade}, {_reports(s)})"
    if s.conflict:
        both = " vs ".join(f"{side_name(e.controller, sides)} {e.grade}"
                           + (f" (denial, record {e.id})" if e.id == e.sources[0].observation.record_id else "")
                           for e in s.conflict)
        text += f"; reports disagree: {both}"
    if s.claim:
        text += (f"; claimed by the {side_name(s.claim.controller, sides)} on {s.claim.date} "
                 f"({s.claim.grade}, unconfirmed)")
    return text


def event_lines(e: ControlEvent | EventCluster, *, joined: bool = True,
                sides: Sides | None = None) -> list[str]:
    """Return an event and each of its reports (grade, outlet, dates, sentence, why joined)."""
    if isinstance(e, ControlEvent):
        to = "contested" if e.controller == CONTESTED else f"to the {side_name(e.controller, sides)}"
        head = f"{e.id}: {e.district} ({e.province}) {to} on {e.date}, {e.grade}"
        first = e.sources[0].observation
        if e.id == first.record_id and first.trigger.startswith("denied "):  # a denial: no event
            head = (f"{e.id}: {e.district} ({e.province}): {first.trigger} ({side_name(e.controller, sides)}"
                    f" holds it, says the denier) on {e.date}, {e.grade}; a dispute, no event")
        elif first.trigger == "baseline":  # a baseline's word (`khabar baseline`), no report
            from khabar.compile.baseline import per_text

            return [f"{e.id}: {e.district} ({e.province}): {side_name(e.controller, sides)} {per_text(first)}, "
                    f"{e.grade}", f"  {e.rule}", f"  \u201c{first.evidence}\u201d",
                    f"  grade: {e.sources[0].reason}"]
    else:
        place = f" in {e.place}" if e.place else ""
        head = (f"{e.id}: {e.type} ({e.status}) of {', '.join(e.parties)}{place} on {e.date}, "
                f"{e.grade}")
    out = [head,
           f"  {e.reports} report(s), first {e.first_reported or '?'}, latest "
           f"{e.latest_reported or '?'}; {e.rule}"]
    sources: tuple[Source | EventReport, ...] = e.sources
    for i, (s, why) in enumerate(zip(sources, e.joined, strict=False), 1):
        if isinstance(s, Source):
            o = s.observation
            rec, doc, when, text = o.record_id, o.document_id, o.published, o.evidence
        else:
            rec, doc, when = s.record_id, s.record.evidence.document_id, s.published
            text = s.record.evidence.text
        grade, outlet, reason = s.code, s.outlet, s.reason
        out.append(f"  {i}. {grade} {outlet}, published {when or '?'} (record {rec}, "
                   f"report {doc})")
        out.append(f"     \u201c{text}\u201d")
        out.append(f"     grade: {reason}")
        if joined:
            out.append(f"     joined: {why}" if why else "     started the event")
    return out
