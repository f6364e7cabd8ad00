"""District control as CSV: one row per district, with the report behind its state, its
Admiralty grade and confidence, a party's pending claim, when reports disagree the other
side's evidence, and the party the holder counts for (a coalition's member: the coalition)."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from khabar.compile.sides import CONTESTED, Sides
from khabar.records import DistrictState

COLUMNS: tuple[str, ...] = ("district_id", "district", "province", "controller", "since",
                            "evidence", "document_id", "outlet", "title", "url", "published",
                            "confidence", "grade", "sources", "event_id", "claimed_by",
                            "claim_grade", "disputed_by", "disputed_evidence", "counts_for",
                            "held_as_of")


def control_row(state: DistrictState, sides: Sides | None = None) -> dict[str, str | int | None]:
    """Return a district's state as a flat row of COLUMNS; None where nothing is known.

    `counts_for` is the party the holder counts for with the theatre's `sides` (a member of a
    coalition: the coalition; the holder itself without them)."""
    o = state.observation
    # contested by disagreeing reports: the evidence shown is one side's, the other is here
    other = next((e for e in state.conflict if o is None
                  or e.best.observation.record_id != o.record_id), None)
    return {
        "district_id": state.district_id,
        "district": state.name,
        "province": state.province,
        "controller": state.controller,
        "since": state.since.isoformat() if state.since else None,
        # a statement of holding: held as of that day, the day it changed hands unknown
        "held_as_of": state.held_as_of.isoformat() if state.held_as_of else None,
        "evidence": o.evidence if o else None,
        "document_id": o.document_id if o else None,
        "outlet": (o.outlet or None) if o else None,
        "title": (o.title or None) if o else None,
        "url": (o.url or None) if o else None,
        "published": o.published.isoformat() if o and o.published else None,
        "confidence": state.confidence or None,
        "grade": state.grade or None,
        "sources": state.sources or None,
        "event_id": state.events[0].id if state.events else None,
        "claimed_by": state.claimed_by,
        "claim_grade": state.claim.grade if state.claim else None,
        "disputed_by": other.controller if other else None,
        "disputed_evidence": other.best.observation.evidence if other else None,
        "counts_for": (sides.counts_for(state.controller) if sides is not None and state.controller
                       and state.controller != CONTESTED else state.controller),
    }


def write_control_csv(states: Sequence[DistrictState], path: Path, sides: Sides | None = None) -> Path:
    """Write one CSV row per district (empty cells where unknown) and return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS)
        writer.writeheader()
        for s in states:
            writer.writerow({k: "" if v is None else v for k, v in control_row(s, sides).items()})
    return path
