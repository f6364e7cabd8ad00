"""Control changes: a district that fell to, was retaken by, or is held by a side.

`match(sent, ctx)` finds trigger phrases and the districts they govern; `to_records` builds
`ControlChange`s. A trigger under negation, failure, threat, forecast, denial or a party's
claim gives no record ("attacked but failed to capture", "could fall", "denied that ... fell").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from khabar.extract.dates import date_near
from khabar.extract.events import inside_quotes
from khabar.extract.places import PlaceMention, district_mentions
from khabar.extract.sentences import Context, Sent
from khabar.records import ControlChange
from khabar.theatres.loader import name_key

TALIBAN_CUES = r"taliban|militants?|insurgents?|islamic emirate|fighters|rebels|insurgent group|militant group"
GOV_CUES = (r"government forces|security forces|afghan forces|afghan army|national army|ansf|andsf|"
            r"commandos?|soldiers|troops|army|police|defen[cs]e forces|uprising forces|"
            r"local forces|afghan military|military|government troops|special forces|"
            r"national defen[cs]e|militia|pro-government|kabul forces")

# trigger -> controller it gives by default (the agent may reverse taliban/government)
_TRIGGERS: list[tuple[str, str, str]] = [
    # (regex, default controller, voice: "active" = district after, "passive" = before, "either")
    (r"\b(?:fell|fallen|falls|falling)\s+(?:in)?to\s+(?:the\s+)?(?:hands of\s+(?:the\s+)?)?"
     r"(?:taliban|militants|insurgents|islamists)", "taliban", "passive"),
    (r"\b(?:has|have|had)\s+(?:also\s+)?fallen\b|\bfell\b(?!\s+(?:silent|short|back|into|in\b))",
     "taliban", "passive"),
    (r"\bfall of\b", "taliban", "active"),
    (r"\b(?:captur(?:ed|es|ing)|seiz(?:ed|es|ing)|overr(?:an|un|unning)|overt(?:ook|aken)|"
     r"conquer(?:ed|s)|storm(?:ed|s)|took over|taken over|takes over|taking over|"
     r"gained control|took control|taken control|taking control|seized control|"
     r"captured control|assumed control|grabbed)\b", "taliban", "either"),
    (r"\bcapture of\b|\bseizure of\b|\btakeover of\b", "taliban", "active"),
    (r"\b(?:took|taken|takes|taking)\b(?!\s+(?:place|part|office|over|up|off|on|back|away|"
     r"to|into|in|out|care|steps|measures|action|a\b|an\b|the lives|responsibility|refuge|"
     r"shelter|cover|hostage|prisoner|captive|power|charge))", "taliban", "either"),
    (r"\b(?:surrender(?:ed|s)?|handed over|handed|given up|gave up)\b(?:[^.]{0,60}?)\bto\s+"
     r"(?:the\s+)?(?:taliban|militants|insurgents)", "taliban", "either"),
    (r"\bunder\s+(?:the\s+)?(?:full\s+)?(?:control of the taliban|taliban(?:'s|’s)?\s+control)",
     "taliban", "passive"),
    (r"\b(?:in|into)\s+(?:the\s+)?(?:hands of the taliban|taliban(?:'s|’s)? hands)", "taliban",
     "passive"),
    (r"\b(?:ha(?:ve|s|d)|hold|holds|held|in|retain(?:s|ed)?)\s+(?:full\s+)?control\s+(?:of|over)\b",
     "taliban", "active"),
    (r"\b(?:forces|troops|soldiers|police|army|officials|government)\s+(?:have\s+|had\s+|has\s+)?"
     r"(?:also\s+|\w+ly\s+)?(?:left|abandoned|withdrew from|withdrawn from|evacuated|pulled out of|"
     r"pulled back from|retreated from|fled from|fled)\b", "taliban", "active"),
    (r"\b(?:retook|retake|retaken|retaking|recaptur(?:ed|es|ing|e)|reclaim(?:ed|s|ing)?|"
     r"regain(?:ed|s|ing)?|liberat(?:ed|es|ing)|took back|taken back|wrested back|"
     r"reconquered|recovered)\b", "government", "either"),
    (r"\b(?:back under|returned to)\s+(?:the\s+)?(?:government|state|afghan forces)(?:['’]s)?\s+control",
     "government", "passive"),
    (r"\b(?:pushed|drove|driven|expelled|ousted)\s+(?:the\s+)?(?:taliban|militants|insurgents)\s+"
     r"(?:out\s+)?(?:of|from)\b", "government", "active"),
    (r"\b(?:is|are|was|were|remains?|remained|has become|have become|became)\s+(?:now\s+|still\s+)?"
     r"contested\b", "contested", "passive"),
]
TRIGGERS = [(re.compile(rx, re.I), c, v) for rx, c, v in _TRIGGERS]

_HEDGE_BEFORE = re.compile(
    r"\b(?:fail(?:ed|s|ing)?\s+to|attempt(?:s|ed|ing)?\s+to|tr(?:y|ied|ies|ying)\s+to|bid\s+to|"
    r"could|may|might|would|will|shall|threat(?:en|ened|ens)?\s+to|plan(?:s|ned|ning)?\s+to|"
    r"aim(?:s|ed|ing)?\s+to|s(?:ought|eek|eeking|eeks)\s+to|effort\s+to|efforts\s+to|"
    r"push\s+to|about\s+to|verge\s+of|preparing\s+to|prepare\s+to|want(?:s|ed)?\s+to|"
    r"hop(?:e|es|ed|ing)\s+to|vow(?:ed|s)?\s+to|not|never|no\s+longer|denied|deny|denies|"
    r"rejected|dismissed|claim(?:s|ed|ing)?|risk\s+of|danger\s+of|if|unless|before\s+it|"
    r"prevent(?:ed)?|to\s+stop|intend(?:s|ed)?\s+to|expected\s+to|likely\s+to|set\s+to|"
    r"unable\s+to|operation\s+to|offensive\s+to|order(?:ed)?\s+to|goal\s+of|able\s+to|"
    r"intention\s+of|in\s+order\s+to|soon|rumou?rs?|reports?\s+that|said\s+to\s+have|"
    r"allegedly)\b[^.;]{0,35}$", re.I)
_HEDGE_AFTER = re.compile(r"^[^.;]{0,40}\b(?:was|were|had been|has been)\s+(?:repelled|repulsed|"
                          r"thwarted|foiled|pushed back|beaten back)", re.I)
_TO_AFTER_PREP = re.compile(r"\b(?:in|near|outside|around|from|towards|toward|to|into|via|"
                            r"across|through|between|beyond|at)\s+(?:the\s+)?(?:\w+ern\s+)?$", re.I)
_STRONG_PREP = re.compile(r"(?:\b(?:near|outside|around|from|towards|toward|via|across|through|"
                          r"between|beyond|at|outskirts of|edges? of|edge of|gates of)\s+(?:the\s+)?"
                          r"(?:\w+ern\s+)?|\b(?:north|south|east|west|north-east|north-west|"
                          r"south-east|south-west|northeast|northwest|southeast|southwest)(?:ern)?\s+of\s+"
                          r"(?:the\s+)?)$", re.I)
_OLD_YEAR = re.compile(r"\b(?:in|since)\s+(?P<y>(?:19|20)\d\d)\b")


@dataclass(frozen=True, slots=True)
class ControlMatch:
    place: PlaceMention
    controller: str
    trigger: str
    t_start: int  # sentence-relative
    t_end: int


def _agent(text: str, t_start: int, t_end: int, default: str) -> str:
    """Return which side did the taking: from "by ..." after, else the nearest cue before."""
    if default == "contested":
        return default
    after = text[t_end:t_end + 60].lower()
    m = re.match(rf"^[^.;]{{0,30}}\bby\s+(?:the\s+)?(?:afghan\s+)?(?P<a>{TALIBAN_CUES}|{GOV_CUES})\b", after)
    if m:
        return "taliban" if re.fullmatch(TALIBAN_CUES, m["a"]) else "government"
    if re.match(r"^\s*(?:in)?to\s+(?:the\s+)?(?:afghan\s+)?(?:government|security|afghan)\s+forces", after):
        return "government"
    before = text[max(0, t_start - 120):t_start].lower()
    clause = re.split(r"[;:]|,\s*(?:but|while|and|after|as|when|before|which)\b|\bbut\b|"
                      r"\bafter\b|\bwhile\b", before)[-1]
    cues = [(m.end(), "taliban") for m in re.finditer(rf"\b(?:{TALIBAN_CUES})\b", clause)]
    cues += [(m.end(), "government") for m in re.finditer(rf"\b(?:{GOV_CUES})\b", clause)]
    if not cues:
        return default
    side = max(cues)[1]
    if default == "government" and side == "taliban":
        return "taliban"
    if default == "taliban" and side == "government":
        # "security forces left X": the forces leaving gives X to the Taliban
        if re.search(r"left|abandon|withdr|evacuat|pulled out|retreat|fled", text[t_start:t_end], re.I):
            return "taliban"
        return "government"
    return default


_DENIED_BEFORE = re.compile(r"\b(?:denied|denies|deny|rejected|rejects|dismissed|refuted)\b[^.;]*$", re.I)
_CLAUSE_BREAK = re.compile(r",\s*(?:leaving|forcing|while|as|but|which|where|after|before|when|"
                           r"though|although)\b|;|\b(?:pressure on|threaten\w*|encircl\w+|"
                           r"surround\w+|besieg\w+|advanc\w+ on|closing in on|attack\w* on|"
                           r"push\w* (?:into|towards?)|fighting (?:in|for|around))", re.I)


def _hedged(text: str, t_start: int, t_end: int) -> bool:
    before = text[max(0, t_start - 60):t_start]
    if _HEDGE_BEFORE.search(before) or _DENIED_BEFORE.search(text[:t_start]):
        return True
    return bool(_HEDGE_AFTER.match(text[t_end:]))


def match(sent: Sent, ctx: Context) -> list[ControlMatch]:
    """Return the (district, controller, trigger) triples a sentence states as fact."""
    text = sent.text
    places = district_mentions(sent, ctx)
    if not places:
        return []
    triggers: list[tuple[int, int, str, str, str]] = []
    for rx, default, voice in TRIGGERS:
        for m in rx.finditer(text):
            if any(not (m.end() <= s or m.start() >= e) for s, e, *_ in triggers):
                continue
            triggers.append((m.start(), m.end(), default, voice, m.group()))
    triggers.sort()
    out: list[ControlMatch] = []
    assigned: dict[int, list[PlaceMention]] = {}
    for p in places:
        best = None
        for i, (ts, te, _default, voice, _) in enumerate(triggers):
            if inside_quotes(text, ts):
                continue  # words in quotation marks are someone's claim, not the report's
            between = text[p.end:ts] if p.end <= ts else text[te:p.start]
            if _CLAUSE_BREAK.search(between):
                continue  # "..., leaving Sheberghan increasingly isolated"
            if p.end <= ts:
                dist = ts - p.end
                if voice == "active":
                    dist = dist if dist <= 30 else 999
            elif p.start >= te:
                dist = p.start - te
                if voice == "passive":
                    dist = dist if dist <= 30 else 999
            else:
                continue
            if dist > 170:
                continue
            if best is None or dist < best[0]:
                best = (dist, i)
        if best is not None:
            assigned.setdefault(best[1], []).append(p)
    # "... Sheikh Ali district after it briefly fell to the Taliban": the pronoun's district
    for i, (ts, _te, _default, voice, _) in enumerate(triggers):
        if i in assigned or voice == "active" or inside_quotes(text, ts):
            continue
        if re.search(r"\b(?:it|which)\s+(?:had\s+|has\s+|was\s+)?(?:\w+ly\s+)?(?:also\s+)?$",
                     text[max(0, ts - 30):ts]):
            before = [p for p in places if p.end <= ts and not _TO_AFTER_PREP.search(text[:p.start])]
            if before:
                assigned[i] = [max(before, key=lambda p: p.end)]
    for i, mentions in assigned.items():
        ts, te, default, voice, trig = triggers[i]
        if _hedged(text, ts, te):
            continue
        dropped = [p for p in mentions if _STRONG_PREP.search(text[:p.start])]
        # "between Kabul and Kandahar": the second name goes with the first
        dropped += [p for p in mentions if re.search(r"\band\s+$", text[:p.start]) and any(
            d.end <= p.start and p.start - d.end < 8 for d in dropped)]
        mentions = [p for p in mentions if p not in dropped]
        if not mentions:
            continue
        old = _OLD_YEAR.search(text[te:te + 40])
        if old and sent.published and int(old["y"]) < sent.published.year:
            continue  # "which the Taliban briefly captured in 2015"
        plain = [p for p in mentions if not _TO_AFTER_PREP.search(text[:p.start])]
        keep = plain or mentions[:1]
        controller = _agent(text, ts, te, default)
        for p in keep:
            out.append(ControlMatch(p, controller, trig, ts, te))
    return out


def to_records(sent: Sent, matches: list[ControlMatch]) -> list[ControlChange]:
    """Return a ControlChange for each match, dated by the date nearest its trigger."""
    out = []
    ev = sent.evidence()
    for m in matches:
        d = m.place.district
        when = date_near(sent.dates, min(m.t_start, m.place.start), max(m.t_end, m.place.end))
        out.append(ControlChange(
            district=m.place.text, district_id=d.id if d else None,
            province=d.province if d else m.place.province_hint,
            controller=m.controller,  # type: ignore[arg-type]
            date=when, evidence=ev, span=sent.span_of(m.place.start, m.place.end),
            province_id=d.province_id if d else None, trigger=m.trigger))
    return out


def merge(records: list[ControlChange]) -> list[ControlChange]:
    """Return one record per district and controller, preferring one that gives a date."""
    best: dict[tuple[str, str, object], ControlChange] = {}
    order: list[tuple[str, str, object]] = []
    for r in records:
        key_base = (name_key(r.district) or r.district.lower(), r.controller)
        dated = [k for k in order if k[:2] == key_base]
        key = (*key_base, r.date)
        if r.date is None and dated:
            continue  # an undated repeat of a change already recorded
        undated = (*key_base, None)
        if r.date is not None and undated in best:
            i = order.index(undated)
            order[i] = key
            best.pop(undated)
            best[key] = r
            continue
        if key not in best:
            best[key] = r
            order.append(key)
    return [best[k] for k in order]
