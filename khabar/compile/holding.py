"""Denials of a change of hands as observations of who holds a district: "the ministry denied
that Spin Boldak had fallen" says the denier still holds it.

A denial (a claim with stance "denies" or "disputes") whose text names a district and a change
(fell, overrun, captured, taken: a gain by the one who took it; retook, recaptured: a retaking)
becomes an observation that the denier's side holds the district, dated as the claim, with the
claim's sentence as evidence and the trigger "denied ...". The holder is the denying claimant's
party (`Claim.claimant_party`, as extraction found it); with none, the theatre's incumbent for
a denied fall and, for a denied retaking, the one party the incumbent fights (`Theatre.opponent`).
It is a statement of who holds the district, not a change: within the conflict window it
disputes the change it denies, so the district shows contested with both sides' evidence; graded
as any report (a party denying the other's gain speaks of its own holding: its own claim, not
decisive).

The districts are the claim's `district_ids` (as extraction resolved them; none: the denial
disputes no district); only a claim given without the field is read again for place names
(`_districts_named`). Compile takes it as a dispute of a change, never as a control event, a
claim or a holder of its own (`control_as_of.Track._deny`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from khabar.records import Observation
from khabar.theatres.loader import District, Theatre

_GAIN = re.compile(r"\b(?:fallen|fell|fall of|overrun|overran|captured|capture of|"
                   r"taken|seized|in (?:the )?(?:group|enemy|rebels|insurgents|militants)['’]s? hands)\b", re.I)
_RETAKING = re.compile(r"\b(?:retaken|retook|recaptured|regained|reclaimed|taken back|"
                       r"pushed (?:[\w-]+ ){1,2}(?:back|out))\b", re.I)
_NAME = re.compile(r"\b[A-Z][\w'’\-]+(?:[ \-](?:e|i|ye|al|[A-Z][\w'’\-]+)){0,3}")


def _districts_named(theatre: Theatre, text: str) -> list[District]:
    """Return the districts a text names (exact spellings, the province choosing namesakes)."""
    provinces = {p.id for m in _NAME.finditer(text) if (p := theatre.province(m.group(0)))}
    found: dict[str, District] = {}
    for m in _NAME.finditer(text):
        words = m.group(0).split()
        for n in range(len(words), 0, -1):  # the longest name first: "Spin Boldak" before "Spin"
            cands = theatre.district_candidates(" ".join(words[:n]))
            if provinces:
                cands = [d for d in cands if d.province_id in provinces] or cands
            if len({d.id for d in cands}) == 1:
                found.setdefault(cands[0].id, cands[0])
                break
    return list(found.values())


def denial_observations(theatre: Theatre, claims: Iterable[Mapping[str, Any]],
                        reports: Mapping[str, Any]) -> list[Observation]:
    """Return an observation of who holds a district for every denial of its change of hands.

    `claims` are stored claim records (dicts); `reports` maps document id to its metadata
    (outlet, url, title, published).
    """
    import json

    out = []
    inc = theatre.incumbent
    for c in claims:
        if c.get("stance") not in ("denies", "disputes"):
            continue
        text = c.get("text") or ""
        party = c.get("claimant_party") if c.get("claimant_party") in theatre.parties else None
        if _RETAKING.search(text):
            holder, denied = party or (theatre.opponent(inc) if inc else None), "the retaking"
        elif _GAIN.search(text):
            holder, denied = party or inc, "the fall"
        else:
            continue
        if holder is None:
            continue
        meta = reports.get(c["document_id"])
        published = getattr(meta, "published", None)
        day = date.fromisoformat(c["date"]) if c.get("date") else None
        effective = day or published
        if effective is None:
            continue
        ids = c.get("district_ids")
        if isinstance(ids, str):
            ids = json.loads(ids or "[]")
        # only the places extraction found the denial names (none: it disputes no district)
        named = ([theatre.districts[i] for i in ids if i in theatre.districts] if ids is not None
                 else _districts_named(theatre, text))
        for d in named:
            out.append(Observation(
                f"{c['id']}-{d.id}", c["document_id"], d.id, d.name, d.province,
                holder, day, effective, c.get("evidence") or "",
                published, getattr(meta, "outlet", ""), getattr(meta, "title", ""),
                getattr(meta, "url", ""), c.get("review"), f"denied {denied}",
                int(c.get("ev_start") or 0)))
    return out
