"""Numbers that claims and assessments state: percent of territory, districts, km of border."""

from __future__ import annotations

import re

from khabar.extract.lowscan import lowered
from khabar.extract.sentences import per_theatre
from khabar.lang import en
from khabar.records import Quantity
from khabar.theatres.loader import Theatre

_NUM_WORDS = {**en.CARDINALS, **en.VAGUE_NUMBERS}
_FRACTIONS = {"two-thirds": 66.7, "two thirds": 66.7, "one-third": 33.3, "a third": 33.3,
              "one third": 33.3, "half": 50.0, "a half": 50.0, "three-quarters": 75.0,
              "three quarters": 75.0, "a quarter": 25.0, "one-quarter": 25.0}
QUAL = r"(?P<q>more than|over|at least|about|around|nearly|almost|some|up to|roughly|approximately|less than|fewer than|just over|just under)?\s*"
# "1,200" but not the "8," of "July 8, its fighters": a comma only before three digits
NUM = r"(?P<v>\d+(?:,\d{3})*(?:\.\d+)?|" + "|".join(sorted(_NUM_WORDS, key=len, reverse=True)) + r")"

_PERCENT = re.compile(QUAL + NUM + r"\s*(?:%|percent|per cent)\s*(?:of\s+)?(?P<of>[^.,;]{0,60})", re.I)
_FRACTION = re.compile(QUAL + r"(?P<f>" + "|".join(_FRACTIONS) + r")\s+of\s+(?P<of>[^.,;]{0,60})", re.I)
_DISTRICTS = re.compile(QUAL + NUM + r"(?:\s*\(\d+\))?\s+(?:of\s+(?:the\s+|its\s+|their\s+)?(?:[\w\-]+['’]s\s+)?"
                        r"(?P<total>\d+)\s+)?(?:\w+\s+){0,1}districts\b", re.I)
_LENGTH = re.compile(QUAL + NUM + r"\s*-?\s*(?P<u>kilometers?|kilometres?|km|miles?)\b"
                     r"(?P<of>[^.,;]{0,60})", re.I)


def _party_words(theatre: Theatre) -> tuple[str, ...]:
    """The one-word names of the parties that fight the incumbent ("41 rebels killed" names its
    people by the language, "41 Rebels killed" by the party)."""
    return tuple(sorted({n.lower() for p in theatre.parties.values() if p.id != theatre.incumbent
                         for n in (p.name, *p.aliases) if re.fullmatch(r"[A-Za-z][\w\-]{2,}", n)
                         and n.lower() not in en.PEOPLE_NOUNS}))


def people_words(theatre: Theatre | None) -> str:
    """Return a pattern of the nouns a count of people names: the language's, then the theatre's."""
    words = per_theatre("party words", theatre, _party_words) if theatre is not None else ()
    return en.alternation([*(re.escape(w) for w in words), *en.PEOPLE_NOUNS])


def _people_pattern(who: str) -> re.Pattern[str]:
    return re.compile(QUAL + NUM + r"\s+(?P<who>(?:\w+\s+){0,2}" + who + r")\b(?P<rest>[^.;]{0,40})", re.I)


_PEOPLE = _people_pattern(people_words(None))


_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
          r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)")
_MONTH_BEFORE = re.compile(_MONTH + r"\.?\s+$")
_MONTH_AFTER = re.compile(r"\s+" + _MONTH + r"\b")
_YEAR = re.compile(r"(?:19|20)\d\d")
_YEAR_BEFORE = re.compile(r"\b(?:in|since|until|by|during|of|early|late|mid-)\s*$", re.I)


def is_date_number(text: str, start: int, end: int) -> bool:
    """Return whether the number at text[start:end] is the day of a month or a year, not a count.

    "July 8, its fighters", "on 8 July rebel fighters", "in 2021 rebel fighters".
    """
    before = text[max(0, start - 12):start]
    if _MONTH_BEFORE.search(before) or _MONTH_AFTER.match(text, end):
        return True
    return bool(_YEAR.fullmatch(text[start:end]) and _YEAR_BEFORE.search(before))


def _num(s: str) -> float:
    s = s.lower().replace(",", "")
    if s in _NUM_WORDS:
        return float(_NUM_WORDS[s])
    return float(s)


number_value = _num  # the value of "1,200", "eight" or "dozens of" (claims count posts with it)


def _of(phrase: str, country: tuple[str, ...] = ()) -> str | None:
    p = phrase.lower()
    if re.search(r"border|frontier", p):
        return "border"
    if re.search(r"district", p):
        return "districts"
    if re.search(r"territor|land|country|area", p) or any(c.lower() in p for c in country):
        return "territory"
    if re.search(r"population|people", p):
        return "population"
    words = phrase.strip().split()
    return " ".join(words[:3]) or None


def _holds(low: str | None, words: tuple[str, ...]) -> bool:
    """Return whether the lowered text holds one of the words (True when it is not lowered)."""
    return low is None or any(w in low for w in words)


# words of which every match of a pattern holds one: a text with none is passed over at once
_PERCENT_WORDS = ("%", "percent", "per cent")
_FRACTION_WORDS = ("third", "half", "quarter")
_LENGTH_WORDS = ("kilomet", "km", "mile")
_PEOPLE_VERBS = ("kill", "dead", "wound", "injur", "captur", "surrender", "cross", "fled", "arrest")


def find_quantity(text: str, theatre: Theatre | None = None) -> Quantity | None:
    """Return the first quantity a text states about territory, districts, borders or people
    (of the theatre's country, its parties' fighters)."""
    low = lowered(text)
    country = (theatre.country,) if theatre is not None and theatre.country else ()
    m = _PERCENT.search(text) if _holds(low, _PERCENT_WORDS) else None
    if m:
        return Quantity(_num(m["v"]), "percent", _of(m["of"], country), (m["q"] or "").lower() or None)
    m = _FRACTION.search(text) if _holds(low, _FRACTION_WORDS) else None
    if m and _of(m["of"], country) in ("border", "territory", "districts"):
        return Quantity(_FRACTIONS[m["f"].lower()], "percent", _of(m["of"], country),
                        (m["q"] or "").lower() or None)
    m = _DISTRICTS.search(text) if _holds(low, ("districts",)) else None
    if m:
        total = m["total"]
        return Quantity(_num(m["v"]), "districts", f"{total} districts" if total else None,
                        (m["q"] or "").lower() or None)
    m = _LENGTH.search(text) if _holds(low, _LENGTH_WORDS) else None
    if m and not re.match(r"\S*-?long|\s*\(", text[m.end("u"):]) and "-" not in text[m.start("v"):m.end("u")]:
        unit = "km" if m["u"].lower().startswith("k") else "miles"
        return Quantity(_num(m["v"]), unit, _of(m["of"], country), (m["q"] or "").lower() or None)
    people = per_theatre("people", theatre, lambda t: _people_pattern(people_words(t))) \
        if theatre is not None else _PEOPLE
    nouns = (*en.PEOPLE_NOUNS, *per_theatre("party words", theatre, _party_words)) if theatre is not None \
        else en.PEOPLE_NOUNS
    if not (_holds(low, _PEOPLE_VERBS) and _holds(low, nouns)):  # a count of people names both
        return None
    m = next((m for m in people.finditer(text) if not is_date_number(text, *m.span("v"))), None)
    if m and re.search(r"kill|dead|wound|injur|captur|surrender|cross|fled|arrest", m["rest"] + m["who"], re.I):
        verb = re.search(r"kill|dead|wound|injur|captur|surrender|cross|fled|arrest", m["rest"], re.I)
        of = m["who"].lower() + (f" {verb.group().lower()}" if verb else "")
        return Quantity(_num(m["v"]), "people", of, (m["q"] or "").lower() or None)
    return None
