"""Events as PLOVER JSONL: one JSON record a line that other event-data tools read.

PLOVER (Political Language Ontology for Verifiable Event Records, Open Event Data Alliance,
https://github.com/openeventdata/PLOVER, manual draft 0.7b1) fixes the field names of an event
record; khabar fills these (every name is the specification's, extra ones are prefixed `khabar_`):

- `id` (required): the event record's one id, as `khabar review` and `explain` take it.
- `date` (required): the event's day, else its report's publication day (`khabar_date_from`
  says which: "event" or "report").
- `event` (required): a list of one PLOVER category; `mode` and `context`: lists (may be empty).
- `source` (required) and `recipient`: lists of actor objects: `actor_text` (as the report names
  it), `identifier_id` / `identifier_text` (the theatre's actor id and name when it knows the
  actor) and `khabar_party` (the theatre's party id when the actor is one side's).
- `event_loc`: the district of the event as a location object: `name`, `latitude`/`longitude`
  (a point inside the district), `country`, `admin1 code` (province id), `admin2 code` (district
  id), `khabar_district_ids` (every district the event involves) and `khabar_place` (as named).
- `event_text`: the words that tell the event; `text`: its sentence; `text_info`: the sentence's
  `start`/`end` character offsets in the report.
- `cite_info`: `citation` (the report's id), `url`, `title`, `publication` (outlet), `coder`,
  `codebook`; `link`: the joined event's id (several reports of one event share it).
- `quad_code` and `event_scale` (the manual's quad categories and "Schrodt scores").
- `khabar_type`, `khabar_status`, `khabar_grade` (Admiralty code of the joined event), `khabar_review`.

Mapping of khabar's event types (records.PLOVER_TYPES, CAMEO-era names) onto the 0.7 draft:
DISAPPROVE -> ACCUSE (the draft merges DISAPPROVE and INVESTIGATE into ACCUSE), REQUEST -> DEMAND
(the draft codes no appeals; khabar's REQUEST is "urged", "called on", "demanded"); every other
type keeps its name (AGREE, CONSULT, SUPPORT, CONCEDE, COOPERATE, AID, RETREAT, ACCUSE, REJECT,
THREATEN, PROTEST, SANCTION, MOBILIZE, COERCE, ASSAULT). So a meeting is CONSULT, an attack or
air strike ASSAULT, a deployment MOBILIZE, a withdrawal RETREAT (mode withdraw), an offer AGREE,
a siege or detention COERCE (modes restrict, arrest), a surrender CONCEDE.

Modes come from the words of the event's trigger, else its sentence (`lang.en.PLOVER_MODE_CUES`,
the draft's mode tables per type); no cue: no mode. Contexts: "future" for a planned event,
"negation" for a negated one (the draft's temporal contexts), "military" for ASSAULT, MOBILIZE and
a RETREAT by withdrawal, "humanitarian" for humanitarian AID.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from datetime import date
from functools import lru_cache
from typing import Any

from khabar import __version__
from khabar.theatres.loader import Theatre

CODEBOOK = "PLOVER 0.7b1 (khabar mapping, khabar/render/plover.py)"
TYPE_MAP = {"DISAPPROVE": "ACCUSE", "REQUEST": "DEMAND"}
"""khabar's event types that the PLOVER 0.7 draft names otherwise; the rest keep their names."""
QUAD = {**{t: 1 for t in ("AGREE", "CONSULT", "SUPPORT", "CONCEDE")},
        **{t: 2 for t in ("COOPERATE", "AID", "RETREAT", "INVESTIGATE")},
        **{t: 3 for t in ("DEMAND", "ACCUSE", "REJECT", "SANCTION", "THREATEN")},
        **{t: 4 for t in ("PROTEST", "MOBILIZE", "COERCE", "ASSAULT")}}
"""The manual's quad categories: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
4 material conflict."""
SCALE = {"ASSAULT": -9.3, "COERCE": -7.2, "PROTEST": -6.6, "MOBILIZE": -5.3, "SANCTION": -5.2,
         "THREATEN": -5.1, "DEMAND": -5.0, "REJECT": -4.2, "ACCUSE": -2.0, "CONSULT": 2.1,
         "AGREE": 4.2, "SUPPORT": 4.6, "CONCEDE": 5.0, "COOPERATE": 6.8, "AID": 7.4, "RETREAT": 7.6}
"""The manual's conflict-cooperation score of each category."""
REQUIRED = ("id", "date", "source", "event")


def plover_type(khabar_type: str) -> str:
    """Return the PLOVER 0.7 category of one of khabar's event types."""
    return TYPE_MAP.get(khabar_type, khabar_type)


@lru_cache(maxsize=1)
def _cues() -> dict[str, tuple[tuple[str, re.Pattern[str]], ...]]:
    from khabar.lang.en import PLOVER_MODE_CUES

    return {t: tuple((mode, re.compile(r"\b(?:" + "|".join(pats) + ")", re.IGNORECASE))
                     for mode, pats in modes)
            for t, modes in PLOVER_MODE_CUES.items()}


def plover_mode(ptype: str, trigger: str, sentence: str = "") -> list[str]:
    """Return the event's mode (a list of at most one): the first of the type's modes whose cue
    is in the trigger, else in the sentence; [] when none is."""
    modes = _cues().get(ptype, ())
    for text in (trigger, sentence):
        for mode, pattern in modes:
            if text and pattern.search(text):
                return [mode]
    return []


def plover_context(ptype: str, status: str, mode: list[str]) -> list[str]:
    """Return the event's contexts from its status, category and mode."""
    out = {"planned": ["future"], "negated": ["negation"]}.get(status, [])
    if ptype in ("ASSAULT", "MOBILIZE") or (ptype == "RETREAT" and mode == ["withdraw"]):
        out.append("military")
    if ptype == "AID" and mode == ["humanitarian"]:
        out.append("humanitarian")
    return out


def _list(value: Any) -> list[str]:
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return [value] if value else []
    return [str(v) for v in value or ()]


def _actor(theatre: Theatre, name: str) -> dict[str, Any]:
    a = theatre.actor(name)
    out: dict[str, Any] = {"actor_text": name}
    if a is not None:
        out["identifier_id"], out["identifier_text"] = a.id, a.name
    party = theatre.party_of(name)
    if party:
        out["khabar_party"] = party
    return out


def event_location(theatre: Theatre, district_ids: list[str], place: str | None) -> dict[str, Any] | None:
    """Return the PLOVER location object of an event: its first district with a point inside it,
    the province (admin1) and district (admin2) ids, every district id it involves."""
    from khabar.render.geojson import district_points

    known = [d for d in district_ids if d in theatre.districts]
    if not known:
        return {"name": place, "khabar_place": place, "khabar_district_ids": []} if place else None
    d = theatre.districts[known[0]]
    lon, lat = district_points(theatre).get(d.id, (None, None))
    loc: dict[str, Any] = {"name": d.name, "latitude": lat, "longitude": lon,
                           "country": str(theatre.config.get("country") or ""),
                           "admin1 code": d.province_id, "admin1 name": d.province,
                           "admin2 code": d.id, "khabar_district_ids": known}
    if place:
        loc["khabar_place"] = place
    return loc


def plover_record(theatre: Theatre, row: dict[str, Any], meta: Any = None,
                  cluster: Any = None) -> dict[str, Any]:
    """Return one stored event row (`store.records.records_of("events")`) as a PLOVER record;
    `meta` is its report's (`store.sources.report_meta`), `cluster` the joined event it is part of."""
    ptype = plover_type(row["type"])
    sentence = str(row.get("evidence") or "")
    trigger = str(row.get("trigger") or "")
    mode = plover_mode(ptype, trigger, sentence)
    published = getattr(meta, "published", None)
    day = row.get("date") or (published.isoformat() if isinstance(published, date) else published)
    start, end = int(row["span_start"]) - int(row["ev_start"]), int(row["span_end"]) - int(row["ev_start"])
    event_text = sentence[start:end] if 0 <= start < end <= len(sentence) else trigger
    rec: dict[str, Any] = {
        "id": row["id"],
        "date": day,
        "event": [ptype],
        "mode": mode,
        "context": plover_context(ptype, str(row.get("status") or "happened"), mode),
        "source": [_actor(theatre, a) for a in _list(row.get("actors"))],
        "recipient": [_actor(theatre, t) for t in _list(row.get("targets"))],
        "event_loc": event_location(theatre, _list(row.get("district_ids")), row.get("place")),
        "event_text": [event_text] if event_text else [],
        "text": sentence,
        "text_info": {"start": row["ev_start"], "end": row["ev_end"]},
        "quad_code": QUAD.get(ptype),
        "event_scale": SCALE.get(ptype),
        "cite_info": {"citation": row["document_id"], "url": getattr(meta, "url", "") or None,
                      "title": getattr(meta, "title", "") or None,
                      "publication": getattr(meta, "outlet", "") or None,
                      "coder": f"khabar {__version__}", "codebook": CODEBOOK},
        "link": cluster.id if cluster is not None else None,
        "khabar_type": row["type"],
        "khabar_status": row.get("status") or "happened",
        "khabar_date_from": "event" if row.get("date") else "report",
        "khabar_parties": _list(row.get("parties")),
        "khabar_grade": cluster.grade if cluster is not None else None,
        "khabar_review": row.get("review"),
    }
    return rec


def plover_records(conn: sqlite3.Connection, theatre: Theatre, as_of: date | None = None
                   ) -> Iterator[dict[str, Any]]:
    """Yield every stored event (the analysts' reviews applied, rejected ones left out) as a
    PLOVER record, dated up to `as_of` if given; events without a day are left out (PLOVER
    requires one)."""
    from khabar.jobs import plover_events
    from khabar.store.records import records_of
    from khabar.store.sources import report_meta

    meta = report_meta(conn)
    clusters = {s.record_id: c for c in plover_events(conn, theatre) for s in c.sources}
    for row in records_of(conn, "events"):
        rec = plover_record(theatre, row, meta.get(row["document_id"]), clusters.get(row["id"]))
        if not rec["date"] or (as_of is not None and rec["date"] > as_of.isoformat()):
            continue
        yield rec

