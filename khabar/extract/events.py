"""Events typed with PLOVER: meetings (CONSULT), offers of help (AID), deployments (MOBILIZE)...

`match(sent, ctx)` finds trigger words outside quotations; the entities before a trigger in its
clause are its actors, those after it its targets, a place after "in"/"at" its place. Planned
("will visit") and negated ("did not meet") events are kept with that status.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from khabar.extract.dates import date_near
from khabar.extract.sentences import Context, Sent, clean_name
from khabar.records import Event

_TYPES: list[tuple[str, str]] = [
    ("CONSULT", r"\b(?:met|meets|meeting|meetings|held talks|hold talks|holding talks|talks|"
                r"visit(?:ed|s|ing)?|hosted|hosts|hosting|received\s+(?:a|the|an)\s+(?:\w+\s+)?"
                r"delegation|phone (?:call|conversation|talks)|spoke (?:by|on the) (?:tele)?phone|"
                r"telephoned|consultations|conferred|summit)\b"),
    ("AID", r"\b(?:offer(?:ed|s|ing)?|offer of|provid(?:ed|es|ing)|deliver(?:ed|s|ing)|donat(?:ed|es))"
            r"\s+(?:of\s+)?(?:\w+\s+){0,2}(?:help|aid|assistance|support|supplies|weapons)\b"),
    ("MOBILIZE", r"\b(?:deploy(?:ed|s|ing|ment)|mobili[sz](?:ed|es|ing|ation)|reservists|"
                 r"(?:military|training|joint) (?:exercises|drills)|drills|exercises|"
                 r"military hardware|sent (?:troops|reinforcements)|reinforcements|on alert|"
                 r"massed troops)\b"),
    ("RETREAT", r"\b(?:fled|flee|fleeing|escaped|crossed (?:the border )?into|retreat(?:ed|ing)?|"
                r"sought refuge|scurrying across)\b"),
    ("ASSAULT", r"\b(?:attack(?:ed|s|ing)?|air ?strikes?|airstrikes?|bomb(?:ed|ing|ings)|"
                r"shell(?:ed|ing)|ambush(?:ed)?|assassinat(?:ed|ion)|clash(?:ed|es)|"
                r"heavy fighting|offensive|raid(?:ed|s)?|suicide bomb\w*)\b"),
    ("DISAPPROVE", r"\b(?:condemn(?:ed|s|ing)?|criticiz\w+|criticis\w+|spoken out against|"
                   r"spoke out against|denounc\w+|accus(?:ed|es|ing)|blam(?:ed|es))\b"),
    ("THREATEN", r"\b(?:threaten(?:ed|s|ing)|warned)\b"),
    ("CONCEDE", r"\bsurrender(?:ed|s|ing)?\b"),
    ("AGREE", r"\b(?:agreed|joint statement|signed an? (?:\w+\s+)?(?:agreement|deal))\b"),
    ("REQUEST", r"\b(?:called (?:on|for)|urged|appealed (?:to|for)|requested)\b"),
    ("COERCE", r"\b(?:besieg\w+|under siege|siege of|blockade[ds]?)\b"),
]
TYPES = [(t, re.compile(rx, re.I)) for t, rx in _TYPES]

_PLANNED = re.compile(r"\b(?:will|would|shall|plan(?:s|ned)?\s+to|set\s+to|due\s+to|expected\s+to|"
                      r"scheduled\s+to|going\s+to|intends?\s+to|to\s+hold|are\s+to|is\s+to|"
                      r"upcoming|next\s+week|next\s+month|invited)\b[^.;]{0,40}$", re.I)
_NEGATED = re.compile(r"\b(?:not|never|no|denied|deny|denies|cancel(?:l?ed)?|postponed|without)\b"
                      r"[^.;,]{0,25}$", re.I)
_PLACE_AFTER = re.compile(r"\b(?:in|at)\s+(?:the\s+)?(?P<p>[A-Z][\w\-’']+(?:\s+[A-Z][\w\-’']+){0,2})")
_CLAUSE_SPLIT = re.compile(r"[;:]|,\s*(?:but|while|and|which|where|when|after|as)\b|\bwhere\b|"
                           r"\bafter\b|\bbefore\b|\bfollowing\b")
_NOT_PARTY = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY", "DISTRICT",
              "PROVINCE", "VENUE", "LOC", "FAC", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE",
              "PRODUCT"}


@dataclass(frozen=True, slots=True)
class EventMatch:
    type: str
    t_start: int
    t_end: int
    trigger: str
    status: str


def inside_quotes(text: str, pos: int) -> bool:
    """Return whether a position of a sentence lies inside quotation marks."""
    before = text[:pos]
    curly = before.count("\u201c") - before.count("\u201d")
    straight = before.count('"') % 2
    return curly > 0 or straight == 1


def match(sent: Sent, ctx: Context) -> list[EventMatch]:
    """Return the event triggers of a sentence that lie outside quotations."""
    text = sent.text
    found: list[EventMatch] = []
    for etype, rx in TYPES:
        for m in rx.finditer(text):
            if inside_quotes(text, m.start()):
                continue
            if any(not (m.end() <= f.t_start or m.start() >= f.t_end) for f in found):
                continue
            before = text[max(0, m.start() - 60):m.start()]
            status = "happened"
            if _NEGATED.search(before[-30:]):
                status = "negated"
            elif _PLANNED.search(before):
                status = "planned"
            found.append(EventMatch(etype, m.start(), m.end(), m.group(), status))
    found.sort(key=lambda f: f.t_start)
    return found


def _parties(sent: Sent, start: int, end: int, ctx: Context) -> list[str]:
    out: list[str] = []
    for e in sent.doc.ents:
        if e.start_char < start or e.end_char > end or e.label_ in _NOT_PARTY:
            continue
        if e.label_ == "GPE" and e.text in ctx.theatre.config.get("venues", ()):
            continue
        name = clean_name(e.text)
        if e.label_ == "PERSON":
            name = ctx.full_name(name)
        if name and name not in out and len(name) > 1:
            out.append(name)
    return out


def to_records(sent: Sent, matches: list[EventMatch], ctx: Context) -> list[Event]:
    """Return an Event per trigger with the actors before it and the targets after it."""
    text = sent.text
    out = []
    ev = sent.evidence()
    bounds = [0] + [m.end() for m in _CLAUSE_SPLIT.finditer(text)] + [len(text)]
    # between two triggers, the last comma separates the first one's targets from the
    # second one's actors: "after X visited Y in Moscow on July 8, Z held talks in ..."
    for a, b in zip(matches, matches[1:], strict=False):
        comma = text.rfind(",", a.t_end, b.t_start)
        if comma >= 0:
            bounds.append(comma + 1)
    bounds.sort()
    for i, m in enumerate(matches):
        c_start = max(b for b in bounds if b <= m.t_start)
        nxt = matches[i + 1].t_start if i + 1 < len(matches) else len(text)
        c_end = min([b for b in bounds if b >= m.t_end] + [nxt])
        actors = _parties(sent, c_start, m.t_start, ctx)
        targets = [t for t in _parties(sent, m.t_end, c_end, ctx) if t not in actors]
        place = None
        pm = _PLACE_AFTER.search(text, m.t_end, min(len(text), c_end + 40))
        if pm:
            place = pm["p"]
        if place is None:
            for e in sent.doc.ents:
                if e.label_ in ("VENUE", "DISTRICT") and c_start <= e.start_char < c_end + 40:
                    place = e.text
                    break
        if m.type == "CONSULT" and place and not targets and place not in actors:
            actor = ctx.theatre.actor(place)
            if actor is not None and actor.kind == "state":
                targets = [place]
        if not actors and not targets:
            continue
        if m.type == "CONSULT" and not actors and re.search(r"\b(?:the|these|those|such)\s+$",
                                                             text[:m.t_start], re.I):
            continue  # "The talks followed ...": a meeting already reported
        when = date_near(sent.dates, m.t_start, m.t_end)
        out.append(Event(type=m.type, actors=tuple(actors), targets=tuple(targets), place=place,
                         date=when, evidence=ev, span=sent.span_of(m.t_start, m.t_end),
                         status=m.status,  # type: ignore[arg-type]
                         trigger=m.trigger))
    return out
