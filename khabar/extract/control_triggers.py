"""Control triggers: the phrases that change or state who holds a place, and the names of the sides.

The phrasings are English and name no party (`khabar.lang.en.CONTROL_PHRASES`); where one names a
party ("fell to PARTY", "under PARTY control") the theatre's own names fill the hole. A theatre's
names of its parties come from its `lexicon.csv` (what each side is called, by itself and by its
enemies, and which generic force words stand for which side), then from `parties.csv` (names and
aliases) and `actors.csv` (forces and movements of a party). `lexicon_for(theatre)` builds the
triggers and the party-name patterns once per theatre.

lexicon.csv: `phrase,party,use,note`; lines starting with `#` are comments.
    phrase  a name as reports write it, matched whole and case-blind (an all-capitals acronym
            such as "AA" or "ANA" only in capitals)
    party   the party id it names; `?` for a side the word does not tell ("the rebels" where
            several groups rebel): such a taker is read from the report's last named taker
    use     `actor`: the phrase names the party acting on a place; `not_actor`: a name of the
            party (in parties.csv or actors.csv) that never names it as the one acting
            (a capital city that stands for its government)

Each `Trigger` carries the words one of its matches must contain (`words`): a sentence none of
whose words is among them skips that trigger's regular expression, so a sentence without any
control word costs one word split, not two dozen scans.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from khabar.extract.dates import lowered
from khabar.extract.lowscan import Scan
from khabar.extract.lowscan import lowered as _scan_lowered
from khabar.lang import en
from khabar.theatres.loader import Theatre

UNTOLD = "?"  # lexicon.csv: a side the word does not tell
# actors of these kinds name the side they belong to when they act on a place
_ACTING_KINDS = frozenset({"force", "movement", "armed_group", "coalition"})


@dataclass(frozen=True, slots=True)
class Trigger:
    """A phrase that changes or states control, the side it gives, and where its place is.

    role: "capture" (the agent gains the place; no agent named: the theatre's default captor),
    "retake" (the agent gains it back; no agent: the incumbent), "contested".
    voice: "active" = the place follows, "passive" = it precedes, "either".
    holding: the phrase states who holds a place ("held", "in control of"); the incumbent still
    holding a place is no change.
    direct: the place must follow as the object ("held Spin Boldak"), not later.
    not_incumbent: no record when the incumbent does it ("government forces entered the city").
    subject: the place is the subject, so never after a preposition ("defences in Kunduz
    collapsed" is not Kunduz collapsing).
    gainer_inside / loser_inside: the party the phrase names gains ("fell to PARTY") or loses
    ("pushed PARTY out of") the place.
    words: every match contains one of these words whole (lower case), so a sentence without
    any of them cannot match.
    pattern: the regular expression (case-blind), compiled on first use (`rx`): a phrase with a
    party's names is an alternation of hundreds of them, and a sentence without the trigger's
    words never needs it.
    """

    pattern: str
    role: str
    voice: str
    words: frozenset[str]
    holding: bool = False
    direct: bool = False
    not_incumbent: bool = False
    subject: bool = False
    gainer_inside: bool = False
    loser_inside: bool = False

    @property
    def rx(self) -> re.Pattern[str]:
        """The compiled pattern (compiled once per process, on first use)."""
        rx = _COMPILED.get(self.pattern)
        if rx is None:
            rx = _COMPILED[self.pattern] = re.compile(self.pattern, re.I)
        return rx


    @property
    def scan(self) -> Scan | None:
        """The pattern as a `Scan` (found on the lowercased text, confirmed on the text: the very
        matches of `rx`, found faster), or None for a pattern Scan cannot take."""
        if self.pattern not in _SCANS:
            try:
                _SCANS[self.pattern] = Scan(self.pattern)
            except (ValueError, re.error):
                _SCANS[self.pattern] = None
        scan = _SCANS[self.pattern]
        if scan is not None and self.pattern not in _COMPILED:
            _COMPILED[self.pattern] = scan.exact  # (the same pattern, case-blind: `rx` need not compile it again)
        return scan


_COMPILED: dict[str, re.Pattern[str]] = {}  # the triggers' patterns, compiled
_SCANS: dict[str, Scan | None] = {}


@dataclass(frozen=True, slots=True)
class Found:
    """A trigger phrase found in a sentence (sentence-relative offsets)."""

    start: int
    end: int
    trigger: Trigger
    text: str


def _phrase_rx(phrase: str) -> str:
    """Return the pattern of a name: words apart by any space, either apostrophe, an all-capitals
    acronym in capitals only."""
    words = [re.escape(w).replace("'", "['’]").replace("’", "['’]") for w in phrase.split()]
    rx = r"\s+".join(words)
    if re.fullmatch(r"[A-Z][A-Z0-9/\-]{1,7}s?", phrase):
        return f"(?-i:{rx})"
    return rx


def _fixed_rx(phrase: str) -> str:
    """Return the fixed-width pattern of a name, for a look-behind."""
    rx = " ".join(re.escape(w).replace("'", "['’]").replace("’", "['’]") for w in phrase.split())
    return f"(?-i:{rx})" if re.fullmatch(r"[A-Z][A-Z0-9/\-]{1,7}s?", phrase) else rx


def _alternation(phrases: list[str], fixed: bool = False) -> str:
    out = sorted(dict.fromkeys(phrases), key=lambda p: (-len(p), p))
    return "(?:" + "|".join(_fixed_rx(p) if fixed else _phrase_rx(p) for p in out) + ")"


def read_lexicon(path: Path) -> list[dict[str, str]]:
    """Return the rows of a theatre's lexicon.csv (none when it has no such file)."""
    if not path.exists():
        return []
    with open(path, encoding="utf-8", newline="") as f:
        lines = [line for line in f if line.strip() and not line.lstrip().startswith("#")]
    return [{k: (v or "").strip() for k, v in r.items() if k} for r in csv.DictReader(lines)]


class Lexicon:
    """A theatre's names of its parties, as control extraction reads them, and its triggers.

    `party(name)` is the party id a name found by `cue` means (None for a side the name does not
    tell); `names` holds every name with its party.
    """

    def __init__(self, theatre: Theatre | None, rows: list[dict[str, str]]) -> None:
        self.theatre = theatre
        names: dict[str, str | None] = {}
        barred: set[str] = set()
        for r in rows:
            phrase, party = r.get("phrase", ""), r.get("party", "")
            if not phrase:
                continue
            if r.get("use", "actor") == "not_actor":
                barred.add(phrase.lower())
                continue
            names.setdefault(phrase, None if party in ("", UNTOLD) else party)
        if theatre is not None:
            for pt in theatre.parties.values():
                for n in (pt.name, *pt.aliases):  # (an id is a key of the data, not a name)
                    if "(" not in n:
                        names.setdefault(n, pt.id)
            for a in theatre.actors:
                if a.side in theatre.parties and a.kind in _ACTING_KINDS:
                    for n in (a.name, *a.aliases):
                        names.setdefault(n, a.side)
        names = {n: who for n, who in names.items() if n.lower() not in barred and len(n) > 1}
        self.names = names
        self._by_key: dict[str, str | None] = {}
        for n, who in names.items():
            self._by_key.setdefault(_key(n), who)
        self.incumbent = theatre.incumbent if theatre is not None else None
        alt = _alternation(list(names))
        rivals = [n for n, who in names.items() if who != self.incumbent]
        force = "(?:" + "|".join(en.FORCE_NOUNS) + ")"
        not_acting = "(?:" + "|".join(en.NOT_ACTING_NOUNS) + ")"
        demonyms = [d for d in (theatre.demonyms if theatre is not None else ()) if not d.endswith("'s")]
        demonym = (_alternation(demonyms) + r"\s+") if demonyms else "(?!)"
        # a name of a party, not one before "officials" or "offices" ("government officials")
        self.cue = re.compile(rf"\b{alt}\b(?!\s+{not_acting}\b)", re.I)
        # any name of a party, whatever follows it: whose "spokesman" or "media" a speaker is
        self.name = re.compile(rf"\b{alt}\b", re.I)
        self.by_agent = re.compile(rf"^[^.;,]{{0,30}}\bby\s+(?:the\s+)?(?:{demonym})?(?P<a>{alt})\b", re.I)
        self.to_party = re.compile(rf"^\s*(?:in)?to\s+(?:the\s+)?(?:{demonym})?(?P<a>{alt})\b", re.I)
        self.force_first = re.compile(rf"(?:{alt}|{force})\b", re.I)
        self.triggers = [_trigger(row, alt, _alternation(rivals, fixed=True) if rivals else "(?!)", force)
                         for row in en.CONTROL_PHRASES]
        self.trigger_words = frozenset().union(*(t.words for t in self.triggers))

    def compile(self) -> None:
        """Compile every trigger's pattern now (before forking workers, which then share them)."""
        for t in self.triggers:
            t.scan  # noqa: B018 - compiled on first use
            t.rx  # noqa: B018

    def party(self, name: str) -> str | None:
        """Return the party id a name means, or None."""
        return self._by_key.get(_key(name))

    def knows(self, name: str) -> bool:
        """Return whether a name is one of the theatre's names of a side (told or not)."""
        return _key(name) in self._by_key


def _key(name: str) -> str:
    return " ".join(name.lower().replace("’", "'").split())


def _trigger(row: tuple[str, str, str, str, str], party: str, rivals: str, force: str) -> Trigger:
    pattern, role, voice, words, flags = row
    if "(?<=PARTY )" in pattern:
        # a look-behind takes one width at a time: one per name of a side other than the incumbent;
        # hundreds of them, tried only where the word after them follows ("(?<=PARTY )control":
        # only before "control", not at every word of the sentence)
        lookbehind = "(?:" + "|".join(f"(?<={r} )" for r in _split_alternation(rivals)) + ")"
        pattern = _AFTER_PARTY.sub(lambda m: f"(?={m[1]}){lookbehind}" if m[1] else lookbehind, pattern)
    pattern = pattern.replace("PARTY", party).replace("FORCE", force)
    fl = set(flags.split())
    return Trigger(pattern, role, voice, frozenset(words.split()), holding="holding" in fl,
                   direct="direct" in fl, not_incumbent="not_incumbent" in fl, subject="subject" in fl,
                   gainer_inside="gainer_inside" in fl, loser_inside="loser_inside" in fl)


_AFTER_PARTY = re.compile(r"\(\?<=PARTY \)(?=([a-z]*))")


def _split_alternation(alt: str) -> list[str]:
    """Return the branches of a "(?:a|b|c)" group made by `_alternation` (names hold no '|')."""
    return alt[3:-1].split("|") if alt.startswith("(?:") else [alt]


def lexicon_for(theatre: Theatre) -> Lexicon:
    """Return a theatre's lexicon, built once and kept on the theatre."""
    lex = theatre.__dict__.get("_control_lexicon")
    if lex is None:
        lex = theatre.__dict__["_control_lexicon"] = Lexicon(theatre, read_lexicon(theatre.path / "lexicon.csv"))
    return lex


def _default_lexicon() -> Lexicon:
    from khabar.theatres.loader import load

    return lexicon_for(load())


def __getattr__(name: str) -> Any:
    if name == "TRIGGERS":  # the default theatre's triggers
        return _default_lexicon().triggers
    raise AttributeError(name)


_WORD = re.compile(r"[a-z]+")


def find_triggers(text: str, lexicon: Lexicon | None = None) -> list[Found]:
    """Return the trigger phrases of a sentence in text order; a phrase overlapping one found
    by an earlier trigger is left out. Without a lexicon, the default theatre's."""
    lex = lexicon or _default_lexicon()
    low = lowered(text)
    words = lex.trigger_words if low is None else lex.trigger_words.intersection(_WORD.findall(low))
    if not words:
        return []
    found: list[Found] = []
    scan_low: str | None = None
    for t in lex.triggers:
        if t.words.isdisjoint(words):
            continue
        scan = t.scan if low is not None else None
        if scan is not None and scan_low is None:
            scan_low = _scan_lowered(text) or ""  # ("": offsets that lowering moves, read by `rx`)
        for m in (scan.finditer(text, scan_low) if scan is not None and scan_low else t.rx.finditer(text)):
            if any(not (m.end() <= f.start or m.start() >= f.end) for f in found):
                continue
            found.append(Found(m.start(), m.end(), t, m.group()))
    found.sort(key=lambda f: f.start)
    # "Zaranj fell on August 6, and Sheberghan followed a day later": "followed" needs a fall before
    return [f for f in found if not f.text.lower().startswith("followed") or any(
        g.start < f.start and g.trigger.role == "capture" and not g.text.lower().startswith("followed")
        for g in found)]
