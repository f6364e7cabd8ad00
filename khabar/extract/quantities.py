"""Numbers that claims and assessments state: percent of territory, districts, km of border."""

from __future__ import annotations

import re

from khabar.extract.lowscan import lowered
from khabar.records import Quantity

_NUM_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
              "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
              "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
              "a hundred": 100, "dozens of": 24, "a dozen": 12}
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
_PEOPLE = re.compile(QUAL + NUM + r"\s+(?P<who>(?:\w+\s+){0,2}(?:taliban|militants|insurgents|fighters|"
                     r"soldiers|troops|civilians|police(?:men)?|servicemen|people|refugees))\b"
                     r"(?P<rest>[^.;]{0,40})", re.I)


_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
          r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)")
_MONTH_BEFORE = re.compile(_MONTH + r"\.?\s+$")
_MONTH_AFTER = re.compile(r"\s+" + _MONTH + r"\b")
_YEAR = re.compile(r"(?:19|20)\d\d")
_YEAR_BEFORE = re.compile(r"\b(?:in|since|until|by|during|of|early|late|mid-)\s*$", re.I)


def is_date_number(text: str, start: int, end: int) -> bool:
    """Return whether the number at text[start:end] is the day of a month or a year, not a count.

    "July 8, its fighters", "on 8 July Taliban fighters", "in 2021 Taliban fighters".
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


def _of(phrase: str) -> str | None:
    p = phrase.lower()
    if re.search(r"border|frontier", p):
        return "border"
    if re.search(r"district", p):
        return "districts"
    if re.search(r"territor|land|country|afghanistan|area", p):
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
_PEOPLE_WORDS = ("taliban", "militants", "insurgents", "fighters", "soldiers", "troops", "civilians",
                 "police", "servicemen", "people", "refugees")
_PEOPLE_VERBS = ("kill", "dead", "wound", "injur", "captur", "surrender", "cross", "fled", "arrest")


def find_quantity(text: str) -> Quantity | None:
    """Return the first quantity a text states about territory, districts, borders or people."""
    low = lowered(text)
    m = _PERCENT.search(text) if _holds(low, _PERCENT_WORDS) else None
    if m:
        return Quantity(_num(m["v"]), "percent", _of(m["of"]), (m["q"] or "").lower() or None)
    m = _FRACTION.search(text) if _holds(low, _FRACTION_WORDS) else None
    if m and _of(m["of"]) in ("border", "territory", "districts"):
        return Quantity(_FRACTIONS[m["f"].lower()], "percent", _of(m["of"]),
                        (m["q"] or "").lower() or None)
    m = _DISTRICTS.search(text) if _holds(low, ("districts",)) else None
    if m:
        total = m["total"]
        return Quantity(_num(m["v"]), "districts", f"{total} districts" if total else None,
                        (m["q"] or "").lower() or None)
    m = _LENGTH.search(text) if _holds(low, _LENGTH_WORDS) else None
    if m and not re.match(r"\S*-?long|\s*\(", text[m.end("u"):]) and "-" not in text[m.start("v"):m.end("u")]:
        unit = "km" if m["u"].lower().startswith("k") else "miles"
        return Quantity(_num(m["v"]), unit, _of(m["of"]), (m["q"] or "").lower() or None)
    if not (_holds(low, _PEOPLE_WORDS) and _holds(low, _PEOPLE_VERBS)):
        return None
    m = next((m for m in _PEOPLE.finditer(text) if not is_date_number(text, *m.span("v"))), None)
    if m and re.search(r"kill|dead|wound|injur|captur|surrender|cross|fled|arrest", m["rest"] + m["who"], re.I):
        verb = re.search(r"kill|dead|wound|injur|captur|surrender|cross|fled|arrest", m["rest"], re.I)
        of = m["who"].lower() + (f" {verb.group().lower()}" if verb else "")
        return Quantity(_num(m["v"]), "people", of, (m["q"] or "").lower() or None)
    return None
