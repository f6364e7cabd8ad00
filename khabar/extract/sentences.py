"""Sentences as the extractors see them: text, offsets, tokens, entities, and the report around.

A `Sent` wraps a spaCy Doc of one sentence (parsed or not) and its offset in the report, so
every extractor speaks in report offsets. `Context` holds what earlier sentences said (the
last district named, the people named so far) for "the district" and "he said".
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any, TypeVar

from spacy.tokens import Doc, Span, Token

from khabar.extract.dates import DateMention, find_dates
from khabar.lang import en
from khabar.records import Evidence
from khabar.theatres.loader import Theatre

PERSON_LABELS = {"PERSON"}

@dataclass
class Sent:
    """One sentence of a report: its spaCy doc, where it starts, and its dates."""

    doc: Doc
    offset: int
    index: int
    document_id: str
    published: date | None
    parsed: bool
    _dates: list[DateMention] | None = None

    @cached_property
    def text(self) -> str:
        """The sentence text (spaCy's Doc.text joins the tokens anew on every call)."""
        return self.doc.text

    @property
    def start(self) -> int:
        return self.offset

    @property
    def end(self) -> int:
        return self.offset + len(self.text)

    @property
    def dates(self) -> list[DateMention]:
        if self._dates is None:
            self._dates = find_dates(self.text, self.published)
        return self._dates

    @cached_property
    def all_ents(self) -> tuple[Span, ...]:
        """The sentence's entities (spaCy's Doc.ents builds new spans on every call)."""
        return tuple(self.doc.ents)

    def evidence(self) -> Evidence:
        """Return the sentence as evidence, trimmed of white space. (Its quotation marks are its
        own: the splitter, nlp.SentenceSplitter, begins a sentence at its opening mark.)"""
        text = self.text
        lead = len(text) - len(text.lstrip())
        body = text.strip()
        start = self.offset + lead
        return Evidence(self.document_id, start, start + len(body), body)

    def span_of(self, start: int, end: int) -> tuple[int, int]:
        """Return sentence-relative character offsets as report offsets."""
        return (self.offset + start, self.offset + end)

    def ents(self, *labels: str) -> list[Span]:
        return [e for e in self.all_ents if not labels or e.label_ in labels]


def lemma(tok: Token) -> str:
    """Return a token's lemma, or its lower form where the pipeline has no lemmatizer."""
    return (tok.lemma_ or tok.lower_).lower()


@dataclass(frozen=True)
class Mention:
    """A name a report gives, where: a person, a group or a place (its gazetteer id, if any)."""

    start: int  # report offset
    end: int
    text: str
    kind: str  # "person", "group" (an actor other than a person) or "place"
    id: str | None = None  # a place's district or province id, an actor's id


@dataclass(frozen=True)
class ReportPass:
    """What one read of a whole report gives every extractor before any of them runs, read-only:
    its sentences (those the rule pass kept), the people, groups and places they name with their
    offsets, and the report's day. Extractors read it rather than what another one wrote into the
    Context ("the last day named before this sentence": `day_before`)."""

    sentences: tuple[Sent, ...] = ()
    theatre: Theatre | None = None
    day: date | None = None  # the day of publication (a dateline's day is read by dates)
    starts: tuple[int, ...] = ()  # where each sentence starts

    @cached_property
    def mentions(self) -> tuple[Mention, ...]:
        """Every person, group and place the sentences name, in order (read when first asked)."""
        out = []
        theatre = self.theatre
        for sent in self.sentences:
            for e in sent.all_ents:
                start, end = sent.start + e.start_char, sent.start + e.end_char
                if e.label_ in ("DISTRICT", "PROVINCE"):
                    out.append(Mention(start, end, e.text, "place", e.ent_id_ or None))
                elif e.label_ == "PERSON":
                    out.append(Mention(start, end, clean_name(e.text), "person"))
                elif e.label_ == "ACTOR" and theatre is not None and (a := theatre.actor(e.text)) is not None:
                    out.append(Mention(start, end, clean_name(e.text),
                                       "person" if a.kind == "person" else "group", a.id))
        return tuple(out)

    def before(self, sent: Sent) -> tuple[Sent, ...]:
        """Return the sentences before one, in order."""
        return self.sentences[:bisect_left(self.starts, sent.start)]

    def day_before(self, sent: Sent) -> date | None:
        """Return the last day the report names before a sentence (for "the same day")."""
        for s in reversed(self.before(sent)):
            days = [d.value for d in s.dates if d.value is not None]
            if days:
                return days[-1]
        return None

    def of_kind(self, kind: str) -> tuple[Mention, ...]:
        return tuple(m for m in self.mentions if m.kind == kind)


def read_report(sentences: list[Sent], theatre: Theatre, published: date | None) -> ReportPass:
    """Return the pre-pass of a report: its sentences and every person, group and place they name."""
    return ReportPass(tuple(sentences), theatre, published, tuple(s.start for s in sentences))


@dataclass
class Context:
    """What the report said before the current sentence, and the report's pre-pass (`report`)."""

    theatre: Theatre
    last_district: tuple[str, str | None] | None = None  # (name as written, district id)
    last_province: str | None = None
    people: list[str] = field(default_factory=list)  # full names in order of mention
    last_person: str | None = None
    last_speaker: str | None = None
    last_quote_end: int | None = None
    doc_provinces: set[str] = field(default_factory=set)  # province ids the report names
    last_group: str | None = None  # the last movement or body named, for "the group"
    last_body: str | None = None
    seen: list[Any] = field(default_factory=list)  # sentences read so far (Sent), for "the same day"
    person_seen_by_claims: str | None = None  # the last person named before this sentence
    person_before_claim: str | None = None  # the last person named before a claim's trigger  # the last ministry, state or body named, for "the statement said"
    meetings: list[Any] = field(default_factory=list)  # events that happened so far (events.Event)
    # (evidence start, span) of meetings told again later with their day: the later telling stands
    superseded: set[tuple[int, tuple[int, int]]] = field(default_factory=set)
    report: ReportPass = field(default_factory=ReportPass)  # the whole report, read before any extractor

    def person_before(self, pos: int) -> str | None:
        """Return the last person named before a report offset (set by the quote pass)."""
        return self.last_person

    def note_person(self, name: str, last: bool = True) -> str:
        """Record a person's name; return the fullest form of it seen so far. `last=False`: a
        person named as what another said ("X said Y would visit") is not who "he" is next."""
        full = self.full_name(name)
        if full not in self.people:
            self.people.append(full)
        if last:
            self.last_person = full
        return full

    def full_name(self, name: str) -> str:
        """Return the fullest earlier form of a name: "Serenko" -> "Andrei Serenko"."""
        name = clean_name(name)
        words = name.split()
        if len(words) == 1:
            for p in reversed(self.people):
                if p.split()[-1].lower() == name.lower() and p != name:
                    return p
        actor = self.theatre.actor(name)
        if actor and actor.kind == "person" and len(words) == 1:
            return actor.name
        return name


_TITLE_WORDS = re.compile(r"^(?:the|a|an|mr|mrs|ms|dr|gen|general|president|minister|"
                          r"spokesman|spokesperson|mullah|mawlawi|maulvi|sheikh|haji|"
                          r"professor|prof)\.?\s+", re.I)


def clean_name(name: str) -> str:
    """Return a name without possessives, leading titles and stray punctuation."""
    name = re.sub(r"[’']s$", "", name.strip(" ,.;:()\u201c\u201d\"'"))
    prev = None
    while prev != name:
        prev = name
        shorter = _TITLE_WORDS.sub("", name)
        if _PREPOSITION.match(shorter):
            break  # "spokesman for the ministry" stays whole
        name = shorter
    return " ".join(name.split())


_PREPOSITION = re.compile(r"^(?:for|of|at|to|from|in|on|with|by)\b", re.I)


T = TypeVar("T")
# (what, theatre id) -> (the theatre, kept alive so that its id is not reused, what was built)
_PER_THEATRE: dict[tuple[str, int], tuple[object, Any]] = {}


def per_theatre(what: str, theatre: Theatre, build: Callable[[Theatre], T]) -> T:
    """Return what `build` makes of a theatre's data (patterns of its names), built once per theatre."""
    key = (what, id(theatre))
    hit = _PER_THEATRE.get(key)
    if hit is None:
        hit = _PER_THEATRE[key] = (theatre, build(theatre))
    return hit[1]  # type: ignore[no-any-return]


_NAME_WORD = re.compile(r"\w+(?:['\u2019]\w+)*")


def _name_key(name: str) -> str:
    """Return a name as its lower-case words: "Ta'ang National Liberation Army (TNLA)" ->
    "ta'ang national liberation army tnla"."""
    return " ".join(_NAME_WORD.findall(name.lower()))


class _NameFinder:
    """Finds the names of a theatre's parties and actors in a text, longest first, by looking
    its runs of words up in a dict (no pattern of a thousand names to compile)."""

    def __init__(self, names: dict[str, str | None], short: set[str]) -> None:
        self.names = names
        self.short = short  # two-letter names, found only as written in capitals ("AA")
        self.longest = max((k.count(" ") + 1 for k in names), default=0)

    def find(self, text: str) -> list[str]:
        """Return the keys of the names a text holds, in order, none overlapping another."""
        words = _NAME_WORD.findall(text)
        low = [w.lower() for w in words]
        out, i, n = [], 0, len(words)
        while i < n:
            for k in range(min(self.longest, n - i), 0, -1):
                key = " ".join(low[i:i + k])
                if key in self.names and (len(key) > 2 or (k == 1 and words[i] in self.short)):
                    out.append(key)
                    i += k
                    break
            else:
                i += 1
        return out


def _party_names(theatre: Theatre) -> tuple[_NameFinder, re.Pattern[str] | None]:
    """Every name the theatre gives a party or an actor (its aliases, the names of the actors of
    its side, people included) with its party (None for an actor of no party: "Russian Defense
    Ministry"), and a demonym before an official's noun ("Tajik officials" in a theatre of
    Tajikistan), which speaks for the incumbent."""
    names: dict[str, str | None] = {}
    for p in theatre.parties.values():
        for n in (p.id, p.name, *p.aliases):
            names.setdefault(_name_key(n), p.id)
    for a in theatre.actors:  # a party's own actor, one affiliated to a party, one of its side
        party = next((x for x in (a.id, a.affiliation, a.side) if x in theatre.parties), None)
        for n in (a.name, *a.aliases):
            names.setdefault(_name_key(n), party)
    # two-letter names only as capitals, matched as written ("AA", not "aa")
    short = {n.strip() for p in theatre.parties.values() for n in (p.id, p.name, *p.aliases)
             if len(n.strip()) == 2 and n.strip().isupper()} | \
        {n.strip() for a in theatre.actors for n in (a.name, *a.aliases)
         if len(n.strip()) == 2 and n.strip().isupper() and _name_key(n) in names}
    names = {n: p for n, p in names.items() if len(n) > 2 or n.upper() in short}
    demonyms = [d for d in theatre.demonyms if d and not d.endswith(("'s", "\u2019s"))]
    state = re.compile(r"(?<!\w)" + en.alternation(re.escape(d) for d in demonyms) + r"\s+(?:[\w\-]+\s+){0,2}?"
                       + en.alternation(en.OFFICIAL_NOUNS) + r"\b", re.I) if demonyms and theatre.incumbent else None
    return _NameFinder(names, short), state


def party_in(theatre: Theatre, name: str | None, by_demonym: bool = True) -> str | None:
    """Return the party id a name speaks for: a party or an actor of its side named whole
    ("Zabihullah Mujahid"), else named within it ("a spokesman for the resistance front",
    "Front spokesman Karim Dost"), else the incumbent for the state's officials named
    by their demonym ("Tajik officials"); None when the name tells no party."""
    if not name:
        return None
    finder, state = per_theatre("party names", theatre, _party_names)
    names = finder.names
    for key in (_name_key(name), _name_key(clean_name(name))):
        if key in names and (len(key) > 2 or name.strip() in finder.short):
            return names[key]
    found = finder.find(name)
    if found:  # the longest name within: "Russian Defense Ministry spokesman X" is the ministry's
        return names.get(max(found, key=len))
    if by_demonym and state is not None and state.search(name):
        return theatre.incumbent
    return None


def parties_named(theatre: Theatre, text: str) -> list[str]:
    """Return the party ids a text names (a party's name or alias, an actor of its side), in the
    order they first appear."""
    finder, _ = per_theatre("party names", theatre, _party_names)
    found = (finder.names.get(k) for k in finder.find(text))
    return list(dict.fromkeys(p for p in found if p is not None))
