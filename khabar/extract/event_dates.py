"""The day of an event (events.py): a date of its own verb, not a dateline's or another clause's;
the first of several days; the day the report last named, for "the same day" and for a meeting
told without its day after a dated one.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from spacy.tokens import Token

from khabar.extract.dates import date_near, find_dates, is_dateline
from khabar.extract.sentences import Context, Sent
from khabar.lang import en

if TYPE_CHECKING:
    from khabar.extract.events import EventMatch

def verb_of(tok: Token) -> Token:
    """Return the verb (or adjective) that governs a trigger word."""
    t = tok
    for _ in range(4):
        if t.pos_ in ("VERB", "AUX") or t.dep_ in ("ROOT", "xcomp", "ccomp", "advcl", "conj",
                                                   "relcl", "pcomp"):
            return t
        if t.head is t:
            return t
        t = t.head
    return t


def _clause_days(sent: Sent, start: int, end: int) -> list[date]:
    """Return the days the clause of a trigger names ("... on June 16"), datelines aside."""
    text = sent.text
    lo = max(text.rfind(c, 0, start) for c in ",;") + 1
    hi = min([i for i in (text.find(c, end) for c in ",;") if i >= 0] + [len(text)])
    return [d.value for d in sent.dates if lo <= d.start < hi and d.value is not None and not is_dateline(d)]


def dated_clause(sent: Sent, start: int, end: int) -> bool:
    """Return whether the clause of a trigger names a day of its own ("... on June 16")."""
    return bool(_clause_days(sent, start, end))


def news_day(sent: Sent, start: int, end: int) -> bool:
    """Return whether the clause of a meeting names a day of the report's weeks ("met Baradar on
    Monday, their fourth meeting in recent years"): the news, whatever history is told beside it."""
    pub = sent.published
    return any(pub is None or 0 <= (pub - d).days <= 45 for d in _clause_days(sent, start, end))


_DATELINE = re.compile(r"^\s*[A-Z][A-Za-z .\-]{1,30},\s*$")


_SAME_DAY = re.compile(r"\b(?:the same day|that day|on the sidelines|at the same (?:meeting|event|time)|"
                       r"during the (?:visit|meeting|talks|trip))\b", re.I)


_OPENING_CLAUSE = re.compile(r"^\s*(?:After|Before|Since|Following|Prior to|Once|Until)\s[^,;]{5,200},")


_OTHER_TIME = {"after", "before", "since", "until", "following", "once", "till"}


def _date_verb(tok: Token) -> Token | None:
    for _ in range(4):
        if tok.pos_ in ("VERB", "AUX"):
            return tok
        if tok.head is tok:
            return None
        tok = tok.head
    return None


# "held from July 17-18", "from 1 to 3 March": a meeting of several days is dated by its first
_RANGE = re.compile(r"\b(?:from\s+|between\s+)?(?:(?P<m1>" + "|".join(en.MONTHS) + r")\.?\s+(?P<d1>\d{1,2})|"
                    r"(?P<d2>\d{1,2})(?:st|nd|rd|th)?)\s*(?:-|\u2013|to|and|until|till)\s*"
                    r"(?:(?P<d3>\d{1,2})(?:st|nd|rd|th)?(?:\s+(?:of\s+)?(?P<m2>" + "|".join(en.MONTHS) + r"))?)\b",
                    re.I)


def _range_start(sent: Sent, m: EventMatch) -> date | None:
    """Return the first day of a span of days the clause of a meeting gives ("held July 17-18")."""
    text = sent.text
    for r in _RANGE.finditer(text):
        month = r["m1"] or r["m2"]
        if month is None or (r["m1"] and r["m2"]) or abs(r.start() - m.t_end) > 80 and abs(r.end() - m.t_start) > 80:
            continue
        day = r["d1"] or r["d2"]
        found = find_dates(f"{month} {day}", sent.published)
        if found and found[0].value is not None:
            return found[0].value
    return None


def event_date(sent: Sent, m: EventMatch, ctx: Context) -> date | None:
    """Return the day of an event: a date of its own verb, not a dateline's or another verb's."""
    text = sent.text
    mentions = [d for d in sent.dates if not (
        _DATELINE.match(text[:d.start]) and re.match(r"\s*(?:\(|[-\u2013\u2014])", text[d.end:d.end + 4]))]
    if sent.parsed and mentions:
        # "After a delegation visited Ashgabat, the government on Monday issued a statement":
        # a date of the main verb is not the day of the event in the clause under it
        tok = next((t for t in sent.doc if t.idx >= m.t_start), None)
        verb = verb_of(tok) if tok is not None else None
        over: set[Token] = set()
        t = verb
        while t is not None and t.dep_ in ("conj", "advcl", "pcomp", "pobj", "prep", "relcl", "acl") \
                and t.head is not t:
            # "After X visited ..., Y on Monday issued": another time; not "where he met"
            if (t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _OTHER_TIME
                                          for c in t.children)) or \
                    (t.dep_ == "pcomp" and t.head.lower_ in _OTHER_TIME):
                over.add(t.head if t.dep_ == "advcl" else t.head.head)
            t = t.head
        if verb is not None:
            over.discard(verb)
        keep = []
        for d in mentions:
            dtok = next((t for t in sent.doc if t.idx >= d.start), None)
            dverb = _date_verb(dtok) if dtok is not None else None
            if dverb is None or dverb not in over or dverb.pos_ != "VERB":
                keep.append(d)
        mentions = keep
    sub = _OPENING_CLAUSE.match(text)
    if sub is not None:  # "After X visited Ashgabat, the government on Monday issued ..."
        inside = m.t_start < sub.end()
        mentions = [d for d in mentions if (d.start < sub.end()) == inside]
    when = _range_start(sent, m) if m.type == "CONSULT" else None
    if when is None:
        when = date_near(mentions, m.t_start, m.t_end)
    if when is None and _SAME_DAY.search(text):
        when = ctx.report.day_before(sent) if ctx.report.sentences else _last_day(ctx)  # "On the same day"
    return when


def day_just_before(sent: Sent, ctx: Context) -> date | None:
    """Return the day the sentence just before names, if it names one: the day the narrative is at
    (None when a sentence the rules did not keep lies between)."""
    before = ctx.report.before(sent) if ctx.report.sentences else tuple(ctx.seen)
    if not before or sent.start - before[-1].end > 3:
        return None
    days = [d.value for d in before[-1].dates if d.value is not None]
    return days[-1] if days else None


def note_day(sent: Sent, ctx: Context) -> None:
    """Note a sentence read, for a later "the same day" (its dates are read only then)."""
    ctx.seen.append(sent)


def _last_day(ctx: Context) -> date | None:
    """Return the day the report last named before the current sentence, for "the same day"."""
    for sent in reversed(ctx.seen):
        days = [d.value for d in sent.dates if d.value is not None]
        if days:
            return days[-1]
    return None
