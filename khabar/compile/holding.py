"""Denials of a change of hands as observations of who holds a district: "the ministry denied
that Spin Boldak had fallen" says the denier still holds it.

A denial (a claim with stance "denies" or "disputes") whose text names a district and a change
(fell, overrun, captured, taken: the Taliban's; retook, recaptured: the government's) becomes an
observation that the other side holds the district, dated as the claim, with the claim's
sentence as evidence and the trigger "denied ...". It is a statement of who holds the district,
not a change: within the conflict window it disputes the change it denies, so the district
shows contested with both sides' evidence; graded as any report (a party denying the other's
gain speaks of its own holding: the Taliban's is their own claim, not decisive).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from khabar.records import Observation
from khabar.theatres.loader import District, Theatre

_TALIBAN_GAIN = re.compile(r"\b(?:fallen|fell|fall of|overrun|overran|captured|capture of|"
                           r"taken|seized|in (?:the )?(?:group|taliban)['’]s? hands)\b", re.I)
_GOVERNMENT_GAIN = re.compile(r"\b(?:retaken|retook|recaptured|regained|reclaimed|taken back|"
                              r"pushed (?:the taliban|them) (?:back|out))\b", re.I)
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
    out = []
    for c in claims:
        if c.get("stance") not in ("denies", "disputes"):
            continue
        text = c.get("text") or ""
        if _GOVERNMENT_GAIN.search(text):
            holder, denied = "taliban", "the government's retaking"
        elif _TALIBAN_GAIN.search(text):
            holder, denied = "government", "the fall"
        else:
            continue
        meta = reports.get(c["document_id"])
        published = getattr(meta, "published", None)
        day = date.fromisoformat(c["date"]) if c.get("date") else None
        effective = day or published
        if effective is None:
            continue
        for d in _districts_named(theatre, text):
            out.append(Observation(
                f"{c['id']}-{d.id}", c["document_id"], d.id, d.name, d.province,
                holder, day, effective, c.get("evidence") or "",  # type: ignore[arg-type]
                published, getattr(meta, "outlet", ""), getattr(meta, "title", ""),
                getattr(meta, "url", ""), c.get("review"), f"denied {denied}",
                int(c.get("ev_start") or 0)))
    return out
