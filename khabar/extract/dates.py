"""Dates in report text, resolved against the publication date; never left as text.

`find_dates(text, published)` returns every date expression in a sentence with the day it means:
"July 8", "8 July 2021", "on Sunday", "Tuesday night", "today", "yesterday", "two days after ...
July 8". Vague spans ("last week", "recent weeks") resolve to None: they name no day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from khabar.lang import en

MONTHS = "|".join(en.MONTHS)
WEEKDAYS = tuple(w.lower() for w in en.WEEKDAYS)
# the cardinals up to ten and "a", "a couple of", "several" (no count)
NUMBER_WORDS: dict[str, int | None] = {
    **{w: n for w, n in en.CARDINALS.items() if n <= 10 and " " not in w}, **en.DAY_COUNT_WORDS}
_COUNT = "|".join(w for w in NUMBER_WORDS if " " not in w and NUMBER_WORDS[w] is not None)

_EXPLICIT = re.compile(
    rf"\b(?:(?P<m1>{MONTHS})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)(?:,?\s+(?P<y1>\d{{4}}))?"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{MONTHS})\.?(?:,?\s+(?P<y2>\d{{4}}))?)\b",
    re.I)
_ISO = re.compile(r"\b(?P<y>20\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b")
_WEEKDAY = re.compile(rf"\b(?P<last>last\s+|this\s+|on\s+|early\s+on\s+|late\s+on\s+)?"
                      rf"(?P<wd>{'|'.join(WEEKDAYS)})\b", re.I)
_RELATIVE = re.compile(r"\b(?P<w>" + "|".join(sorted(en.RELATIVE_DAYS, key=len, reverse=True)) + r")\b", re.I)
# a day named from another day of the same sentence: "fell on August 14, and Jalalabad the next morning"
_CHAINED = re.compile(r"\b(?:on\s+)?the\s+(?P<w>next|following|same|previous)\s+(?:day|morning|afternoon|"
                      r"evening|night)\b|\bthe\s+day\s+(?P<w2>after|before)\b(?!\s+(?:the|a|an|\w+ed)\b)",
                      re.I)
_CHAIN_STEP = en.CHAINED_DAY_WORDS
_OFFSET = re.compile(r"\b(?P<n>" + _COUNT + r"|\d{1,2})\s+"
                     r"(?P<unit>days?|weeks?)\s+(?P<dir>after|before|later|earlier|ago)\b", re.I)
_YEAR = re.compile(r"\b(?:in|since|during|by)\s+(?:early\s+|late\s+|mid-)?(?P<y>(?:19|20)\d\d)\b", re.I)
_VAGUE = re.compile(r"\b(?:" + "|".join(en.VAGUE_SPANS) + r")\s+(?:week|weeks|month|months|days)\b|"
                    r"\b(?:a|one|two|several)\s+weeks?\s+ago\b|\bearlier this (?:week|month)\b",
                    re.I)

# a month, a part of one or a week with no day: "in early July", "late last month", "this week"
_MONTH_ONLY = re.compile(
    r"\b(?:(?:in|during|by|through|throughout)\s+)?(?:(?:early|mid|late|the\s+(?:end|beginning|start|middle)"
    r"\s+of)[\s-]+)?(?-i:" + "|".join(m.capitalize() for m in en.MONTHS[:12]) + r")\b(?!\.?\s*\d)"
    r"(?<=\w)|\b(?:early|mid|late|the\s+(?:end|beginning|start|middle)\s+of)[\s-]+(?:this|last)\s+(?:week|month)\b|"
    r"\b(?:this|that)\s+(?:week|month)\b", re.I)
# "in the past 24 hours": the day it is told (the statement's, else the report's)
_PAST_DAY = re.compile(r"\b(?:in|over|during|within)\s+the\s+(?:past|last|previous)\s+(?:24|twenty-four)\s+hours\b",
                       re.I)
_MONTH_WORD = re.compile("|".join(m for m in en.MONTHS[:12] if m != "may") + "|may\\b")
_MONTH_LEAD = re.compile(r"\b(?:in|during|by|through|throughout|early|mid|late|of)[\s-]+$", re.I)


_DIGIT = re.compile(r"\d")
# the day just told of, named again: "earlier in the day", "later that day", "by nightfall"
_SAME_DAY = re.compile(r"\b(?:earlier|later)\s+(?:in\s+the|that)\s+(?:day|morning|afternoon|evening|night)\b|"
                       r"\b(?:by|at|before|after)\s+nightfall\b", re.I)
# letters that re.IGNORECASE matches to an ASCII letter but str.lower() does not lower to it
_FOLDS_APART = re.compile("[\u0130\u0131\u017f\u212a]")


def lowered(text: str) -> str | None:
    """Return the text lower-cased for a quick word test, or None when such a test could miss
    what a case-blind pattern finds (a dotless i, a long s, a Kelvin sign)."""
    return None if _FOLDS_APART.search(text) else text.lower()

# "since July 8", "from early August": the start of a span, not a day things happened
_SPAN_START = re.compile(r"\b(?:" + "|".join(en.SPAN_START_WORDS) + r")\s+(?:early\s+|late\s+)?$", re.I)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression: where it is in the text, what it says, and the day it means."""

    start: int
    end: int
    text: str
    value: date | None
    before: str = ""  # up to 40 characters before the mention
    # "two days after it fell" counted from the last day the report named before the sentence:
    # the day of the clause after it, not of the event it names
    from_report: bool = False


_MONTH_NUMBER = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}


@lru_cache(maxsize=4096)
def _parse_explicit(text: str, year_hint: int) -> date | None:
    """Return the day of "July 8 2021" (month, day, year as `_EXPLICIT` found them), or None.

    The regular expression has already taken the expression apart, so the month's name is all
    that is left to read; dateparser (3 ms a call) is not needed for that.
    """
    month, day, *year = text.split()
    try:
        return date(int(year[0]) if year else year_hint, _MONTH_NUMBER[month[:3].lower()], int(day))
    except (KeyError, ValueError):
        return None


def _year_for(month_day: date, published: date | None, default_year: int) -> date:
    if published is None:
        return month_day.replace(year=default_year)
    d = month_day.replace(year=published.year)
    if (d - published).days > 62:  # "December 28" in a January report: last year
        d = d.replace(year=published.year - 1)
    return d


def weekday_on_or_before(weekday: int, published: date) -> date:
    """Return the latest given weekday on or before the publication date."""
    return published - timedelta(days=(published.weekday() - weekday) % 7)


def find_dates(text: str, published: date | None, default_year: int = 2021,
               anchor: date | None = None) -> list[DateMention]:
    """Return the date expressions of a text with the days they mean, in text order.

    `anchor` is the last day the report named before this text. A text naming no day of its
    own reads its relative days from it: "nine days earlier", "two days later", "the next day",
    "earlier in the day", "by nightfall" ("... captured Dand on July 3. Nine days earlier, ...").
    """
    out: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    # cheap tests first: each pattern below needs a digit or one of a few words, and most
    # sentences of a report have neither
    digits = _DIGIT.search(text) is not None
    low = lowered(text)
    if low is None:
        low, digits = "day night this week month", True  # test nothing: every pattern runs
    days = "day" in low
    months = "week" in low or "month" in low or _MONTH_WORD.search(low) is not None
    if not (digits or days or months or "night" in low or "this " in low):
        return []
    for m in (_ISO.finditer(text) if digits else ()):
        try:
            value: date | None = date(int(m["y"]), int(m["m"]), int(m["d"]))
        except ValueError:
            value = None
        out.append(DateMention(m.start(), m.end(), m.group(), value))
        taken.append(m.span())
    for m in (_EXPLICIT.finditer(text) if digits else ()):
        if not free(*m.span()):
            continue
        year = m["y1"] or m["y2"]
        core = f"{m['m1'] or m['m2']} {m['d1'] or m['d2']}"
        parsed = _parse_explicit(f"{core} {year or default_year}", int(year or default_year))
        if parsed and not year:
            parsed = _year_for(parsed, published, default_year)
        out.append(DateMention(m.start(), m.end(), m.group(), parsed))
        taken.append(m.span())
    if published is None:
        # "KANDAHAR, July 6 - ... on Sunday": an undated report is dated by its dateline
        published = next((d.value for d in out if d.value and _DATELINE.fullmatch(text[:d.start])), None)
    for m in (_RELATIVE.finditer(text) if days or "night" in low or "this " in low else ()):
        if not free(*m.span()):
            continue
        w = m["w"].lower()
        value = None
        if published:
            back = 2 if "before yesterday" in w else 1 if w in ("yesterday", "last night",
                                                                "on the previous day") else 0
            value = published - timedelta(days=back)
        out.append(DateMention(m.start(), m.end(), m.group(), value))
        taken.append(m.span())
    for m in (_WEEKDAY.finditer(text) if days else ()):
        if not free(*m.span()):
            continue
        value = None
        if published:
            wd = WEEKDAYS.index(m["wd"].lower())
            value = weekday_on_or_before(wd, published)
            if (m["last"] or "").lower().startswith("last") and value == published:
                value -= timedelta(days=7)
        out.append(DateMention(m.start(), m.end(), m.group(), value))
        taken.append(m.span())
    # the days the text names itself; without one, relative days read from the report's anchor
    report_day = anchor if anchor is not None and not any(d.value for d in out) else None
    chained = days or any(w in low for w in ("morning", "afternoon", "evening", "night"))
    for m in (_CHAINED.finditer(text) if chained else ()):
        if not free(*m.span()):
            continue
        step = _CHAIN_STEP[(m["w"] or m["w2"]).lower()]
        anchors = [d for d in out if d.end <= m.start() and m.start() - d.end < 160 and d.value]
        value = None
        anchor = max(anchors, key=lambda d: d.end).value if anchors else None
        if anchor is not None:
            value = anchor + timedelta(days=step)
        elif report_day is not None:
            value = report_day + timedelta(days=step)
        elif published and step == -1:
            value = published - timedelta(days=1)
        out.append(DateMention(m.start(), m.end(), m.group(), value))
        taken.append(m.span())
    for m in (_SAME_DAY.finditer(text) if report_day is not None else ()):
        if free(*m.span()):
            out.append(DateMention(m.start(), m.end(), m.group(), report_day))
            taken.append(m.span())
    for m in (_YEAR.finditer(text) if digits else ()):
        if free(*m.span()):
            out.append(DateMention(m.start(), m.end(), m.group(), None))
            taken.append(m.span())
    for m in (_VAGUE.finditer(text) if days or "week" in low or "month" in low else ()):
        if free(*m.span()):
            out.append(DateMention(m.start(), m.end(), m.group(), None))
            taken.append(m.span())
    for m in (_PAST_DAY.finditer(text) if digits or "twenty" in low else ()):
        if free(*m.span()):
            told = [d.value for d in out if d.value and _REPORTED_ON.search(text[max(0, d.start - 40):d.start])]
            out.append(DateMention(m.start(), m.end(), m.group(), told[0] if told else published))
            taken.append(m.span())
    for m in (_MONTH_ONLY.finditer(text) if months else ()):
        bare = m.group()[:1].isupper() and m.group().split()[0].lower() in en.MONTHS
        if free(*m.span()) and (not bare or _MONTH_LEAD.search(text, max(0, m.start() - 12), m.start())):
            out.append(DateMention(m.start(), m.end(), m.group(), None))  # "in early July": no day
            taken.append(m.span())
    out.sort(key=lambda d: d.start)
    out = [DateMention(d.start, d.end, d.text, None)
           if _SPAN_START.search(text[max(0, d.start - 14):d.start]) else d for d in out]
    out = [DateMention(d.start, d.end, d.text, d.value, text[max(0, d.start - 40):d.start])
           for d in out]
    out = _merge_appositions(text, out)
    if not (days or "week" in low):
        return out  # no "two days after", "a week later"
    return _apply_offsets(text, out, published, report_day)


def _merge_appositions(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """Let "today, June 22" and "yesterday evening, July 16" mean the explicit day."""
    out: list[DateMention] = []
    for m in mentions:
        if out and out[-1].value is not None and m.value is not None:
            prev = out[-1]
            gap = text[prev.end:m.start]
            if len(gap) <= 20 and re.fullmatch(r"[\s,]*(?:\w+\s*){0,2}[\s,]*", gap) and \
                    _EXPLICIT.fullmatch(m.text) and not _EXPLICIT.fullmatch(prev.text):
                out[-1] = DateMention(prev.start, m.end, text[prev.start:m.end], m.value, prev.before)
                continue
        out.append(m)
    return out


def _apply_offsets(text: str, mentions: list[DateMention], published: date | None,
                   report_day: date | None = None) -> list[DateMention]:
    """Resolve "two days after ... July 8" and "three days ago" to days of their own.

    "Nine days earlier" or "two days later" with no day in the text counts from `report_day`,
    the last day the report named before; "two days after" needs its own anchor ("after what?").
    """
    extra: list[DateMention] = []
    for m in _OFFSET.finditer(text):
        n_raw = m["n"].lower()
        n = int(n_raw) if n_raw.isdigit() else NUMBER_WORDS.get(n_raw)
        if n is None:
            continue
        days = n * (7 if m["unit"].lower().startswith("week") else 1)
        direction = m["dir"].lower()
        anchor: date | None = None
        external = False
        if direction == "ago":
            anchor = published
            sign = -1
        else:
            sign = 1 if direction in ("after", "later") else -1
            following = [d for d in mentions if d.start >= m.end() and d.start - m.end() < 120
                         and d.value]
            anchor = following[0].value if following else None
            if anchor is None:
                # "on Thursday, a day after the rebels captured X": back from the day before it;
                # "fell on August 6, and Sheberghan a day later": on from it
                preceding = [d for d in mentions if d.end <= m.start() and m.start() - d.end < 100
                             and d.value]
                if preceding:
                    anchor = preceding[-1].value
                    if direction in ("after", "before"):
                        sign = -sign
                elif report_day is not None and (direction in ("later", "earlier") or _EVENT_AFTER.match(text, m.end())):
                    anchor = report_day  # "two days after it fell": the day the report told it
                    external = direction in ("after", "before")
        if m["unit"].lower().startswith("week"):
            extra.append(DateMention(m.start(), m.end(), m.group(), None))
            continue
        if anchor:
            extra.append(DateMention(m.start(), m.end(), m.group(),
                                     anchor + timedelta(days=sign * days), from_report=external))
    return sorted(mentions + extra, key=lambda d: d.start)


_REPORTED_ON = re.compile(r"\b(?:" + "|".join(en.STATEMENT_VERBS) + r")\s+(?:\w+\s+){0,3}?(?:on\s+)?$", re.I)


_READS_ANCHOR = re.compile(r"\b(?:later|earlier|nightfall|next|following|same|previous|days?\s+(?:after|before))\b",
                           re.I)
# what "two days after" counts from when no day follows it: an event told before ("after it fell")
_EVENT_AFTER = re.compile(r"\s+(?:it|they|its\s+\w+|the\s+(?:fall|capture|seizure|loss|takeover|surrender|attack|"
                          r"offensive|district|town|city|insurgents|militants|rebels)|the\s+\w+\s+(?:fell|was))\b", re.I)


def reads_anchor(text: str) -> bool:
    """Return whether `find_dates(text, ..., anchor=...)` may read a day from its anchor:
    whether the text says "later", "earlier", "by nightfall", "the next day" or the like."""
    return _READS_ANCHOR.search(text) is not None


# what stands before the date of a dateline: "KUNDUZ, " at the head of a report
_DATELINE = re.compile(r"\s*[A-Z][A-Z\-'’ .]+,\s*")


def is_dateline(m: DateMention) -> bool:
    """Return whether a date is a dateline's ("KUNDUZ, May 26 (Wire) - ..."): the day of filing."""
    return m.start == len(m.before) and _DATELINE.fullmatch(m.before) is not None


def said_on(m: DateMention) -> bool:
    """Return whether a date is the day of a statement: "officials said on Sunday"."""
    return bool(_REPORTED_ON.search(m.before))


def text_before(m: DateMention) -> str:
    return m.before


def _offset_clause(text: str, o: DateMention) -> int:
    """Return where the clause an offset expression opens ends: the next comma, semicolon or end."""
    m = re.search(r"[,;]", text[o.end:])
    return o.end + m.start() if m else len(text)


def date_near(mentions: list[DateMention], start: int, end: int, text: str | None = None) -> date | None:
    """Return the day of the date expression that best belongs to the span [start, end): `day_near`
    without the day of a statement as a fallback."""
    return day_near(mentions, start, end, text, statement_day=False)[0]


def day_near(mentions: list[DateMention], start: int, end: int, text: str | None = None,
             statement_day: bool = True) -> tuple[date | None, bool]:
    """Return the day of the date expression that best belongs to the span [start, end).

    An offset expression ("two days after ...") governs the clause it opens: a span inside that
    clause takes the clause's own date, or the offset's day ("a week after the district fell":
    none); the main clause takes the offset's day only when the clause names its anchor ("a day
    after ... on July 8, its fighters took Torghundi"). Otherwise the nearest mention wins, within
    the same clause (between semicolons) when `text` is given. With nothing else and
    `statement_day`, the day of the statement that tells it ("took X, officials said on Tuesday");
    a month with no day ("in early July") leaves none. The flag says whether the day is only the
    statement's.
    """
    if not mentions:
        return None, False
    offsets = [m for m in mentions if _OFFSET.fullmatch(m.text)]
    anchored: set[int] = set()
    for o in offsets:
        if text is not None:
            stop = _offset_clause(text, o)
            anchors = [m for m in mentions if o.end <= m.start < stop and m.value and m is not o]
            if anchors:
                anchored.add(o.start)
            if o.end <= start < stop:
                return (anchors[0].value if anchors else None if o.from_report else o.value), False
            continue
        anchors = [m for m in mentions if m.start >= o.end and m.start - o.end < 120 and m.value]
        if o.value is not None and anchors and o.end <= start <= anchors[0].end + 5:
            return anchors[0].value, False
    cands = []
    said: list[tuple[int, DateMention]] = []
    for m in mentions:
        if _REPORTED_ON.search(text_before(m)) and m.start >= end:
            # "..., the ministry said today, July 17": the day of the statement, the change's own
            # day only when the sentence gives it no other ("took X, officials said on Tuesday")
            said.append((m.start - end, m))
            continue
        inside_offset = any(o.end <= m.start and m.start - o.end < 120 and o.start < start
                            and m.end < start for o in offsets if o is not m)
        if inside_offset:
            continue
        if text is not None and m in offsets and m.start not in anchored and not m.from_report and \
                not re.search(r"(?:later|earlier|ago)$", m.text, re.I):
            continue  # "two weeks after it fell, X was retaken on Tuesday": the main clause's own day
        if m.value is None and _MONTH_ONLY.fullmatch(m.text):
            said.append((10**6, m))  # "in early July": no day, and no statement's day either
            continue
        dist = 0 if m.start < end and m.end > start else min(abs(m.start - end), abs(start - m.end))
        if text is not None and ";" in (text[m.end:start] if m.end <= start else text[end:m.start]):
            dist += 1000  # "Aybak ... on August 9; Pul-e-Khumri ... fell on August 10"
        cands.append((dist, m))
    if not cands:
        if not statement_day or not said or any(m.value is None for _, m in said):
            return None, False
        return min(said, key=lambda c: c[0])[1].value, True
    cands.sort(key=lambda c: c[0])
    return cands[0][1].value, False
