"""Grading reports on the Admiralty scale: the outlet's reliability and the record's credibility.

Reliability (A-F) is the outlet's, from the theatre's `outlets.csv`, found by name, alias or
the report's URL domain; an outlet the theatre does not know is F ("cannot be judged") until an
analyst grades it. Credibility (1-6) is read from how the sentence reports the record:

    1  confirmed: by an analyst, or (for an event) by two or more independent outlets
    2  attributed to officials or named sources ("..., officials said", "according to ...")
    3  stated as fact by the outlet, with no source named
    4  hedged ("reportedly", "could not be verified"), or a party's own claim about its own
       gains ("the rebels said they captured ...", a party's own outlet speaking for it)
    5  denied in the same report ("... a claim the governor denied")
    6  cannot be judged: no sentence to judge

A party's own claim and a denied record are not decisive: they do not change a district's
state on their own (see `control_as_of`). Which sides' own statements count as claims is the
theatre's `claimant_sides` (default: every party but the incumbent); the incumbent's officials
are graded as attributed sources.

What extraction found about the telling is used first: an observation's `speaker` and
`speaker_party`, `hedged` and `denied`. The sentence is read again (`Grader.read`: speech verbs,
"according to", hedges, denial words) only for what those fields leave unset: a record with no
speaker, or not marked hedged or denied (booleans cannot tell "no" from "not looked for").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from khabar.records import Observation, Source
from khabar.theatres.loader import Actor, Outlet, Theatre

RELIABILITY = "ABCDEF"
DEFAULT_CLAIMANT_SIDES: tuple[str, ...] = ()  # without a theatre: no party's claims known

_SAY = (r"said|says|say|told|tells|announced|announces|claimed|claims|confirmed|confirms|"
        r"stated|added|tweeted|wrote|quoted|insisted|insists|denied|denies|rejected|dismissed")
# a speaker is a noun phrase: no auxiliary or pronoun that would make it a clause
_NOT_A_SPEAKER = re.compile(r"\b(?:had|has|have|was|were|is|are|will|would|could|did|been|being|"
                            r"they|it|he|she|we|there)\b", re.I)
_SAY_RE = re.compile(rf"\b(?:{_SAY})\b", re.I)
_ACCORDING = re.compile(r"\baccording to\s+(?P<who>[^,;.:\u2014()]{2,80})", re.I)
# where a speaker's noun phrase starts: after a clause break or a conjunction
_CLAUSE = re.compile(r"(?:[,;:\u2014\u2013(\"\u201c\u201d]|\b(?:and|but|that|while|as|after|"
                     r"when|which|who|then)\b)", re.I)
_HEDGE = re.compile(r"\b(?:reportedly|unconfirmed|unverified|allegedly|purportedly|rumou?red|"
                    r"could not (?:be )?(?:independently )?(?:verif\w+|confirm\w*)|"
                    r"not (?:be )?independently (?:verified|confirmed)|"
                    r"(?:unclear|not clear) whether|said to have|reports? (?:said|suggested)|"
                    r"unnamed sources?)\b", re.I)
_DENIAL = re.compile(r"\b(?:denied|denies|deny|denying|rejected|dismissed|refuted|"
                     r"called (?:it|the claim|the report)s? (?:false|propaganda|baseless))\b",
                     re.I)
_NOT_A_DENIAL = re.compile(r"\b(?:despite|in spite of|after|notwithstanding)\b[^,;.]{0,30}$", re.I)


_WORD = re.compile(r"[a-z\u00c0-\u024f'\u2019]+")


def reliability_rank(letter: str) -> int:
    """Return 1 for A up to 6 for F (anything else counts as F)."""
    i = RELIABILITY.find((letter or "F")[:1].upper())
    return i + 1 if i >= 0 else 6


def rank(reliability: str, credibility: int) -> tuple[int, int, int]:
    """Return a sort key: better grades first (B2 before C2 before C3 before F3)."""
    r = reliability_rank(reliability)
    return (r + credibility, r, credibility)


def confidence(code: str) -> str:
    """Return "high", "medium" or "low" for an Admiralty code such as "B2"."""
    if not code:
        return ""
    score = reliability_rank(code[0]) + int(code[1:] or 6)
    return "high" if score <= 4 else "medium" if score <= 7 else "low"


def best_code(codes: Iterable[str]) -> str:
    """Return the best of some Admiralty codes, or "" when there are none."""
    ranked = sorted(codes, key=lambda c: rank(c[0], int(c[1:])))
    return ranked[0] if ranked else ""


@dataclass(frozen=True, slots=True)
class Told:
    """What extraction found about how a record is told: its speaker and the speaker's party,
    whether it is hedged or denied in its sentence."""

    speaker: str | None = None
    speaker_party: str | None = None
    hedged: bool = False
    denied: bool = False

    @classmethod
    def of(cls, o: Observation) -> Told | None:
        """Return what an observation's fields say, or None when extraction set none of them."""
        if o.speaker is None and o.speaker_party is None and not o.hedged and not o.denied:
            return None
        return cls(o.speaker, o.speaker_party, o.hedged, o.denied)

    def over(self, r: Reading, claimant_sides: frozenset[str]) -> Reading:
        """Return the reading of a sentence with these fields put first."""
        speakers = r.speakers
        if self.speaker or self.speaker_party:
            side = self.speaker_party if self.speaker_party in claimant_sides else ""
            first = (self.speaker or self.speaker_party or "", side or "")
            speakers = (first, *(s for s in r.speakers if s[0] != first[0]))
        return Reading(speakers, r.hedge or ("hedged in the report" if self.hedged else ""),
                       r.denial or ("a denial" if self.denied else ""))


@dataclass(frozen=True, slots=True)
class Reading:
    """What a sentence says about its own sourcing: speakers and their sides, hedges, denials."""

    speakers: tuple[tuple[str, str], ...]  # (who, side or "")
    hedge: str
    denial: str


def _speaker(who: str) -> bool:
    """Return whether some words can be who said something: a short noun phrase."""
    return bool(who) and len(who.split()) <= 7 and not _NOT_A_SPEAKER.search(who)


def _phrase(names: Iterable[str]) -> re.Pattern[str]:
    alts = sorted({n.strip() for n in names if len(n.strip()) >= 4}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(a) for a in alts) + r")\b", re.I)


class Grader:
    """Grades observations with one theatre's outlets and actors; caches per sentence."""

    def __init__(self, outlets: Sequence[Outlet] = (), actors: Sequence[Actor] = (),
                 claimant_sides: Sequence[str] = DEFAULT_CLAIMANT_SIDES,
                 party_names: Mapping[str, Sequence[str]] | None = None,
                 coalition_of: Mapping[str, str] | None = None) -> None:
        """`party_names`: a party's own names and aliases, for a claimant side no actor names;
        `coalition_of`: member -> coalition (a member's claim to its coalition's gain is its own)."""
        self._coalition = dict(coalition_of or {})
        self.outlets = tuple(outlets)
        self.claimant_sides = frozenset(claimant_sides)
        self._names: dict[str, Outlet] = {}
        for o in self.outlets:
            for n in (o.name, *o.aliases):
                self._names.setdefault(n.lower().strip(), o)
        self._domains = {d.lower(): o for o in self.outlets for d in o.domains}
        sides: dict[str, list[str]] = {}
        for a in actors:
            if a.side in self.claimant_sides:
                sides.setdefault(a.side, []).extend((a.name, *a.aliases))
        self._sides = {side: _phrase(names) for side, names in sides.items() if names}
        # words of those names: a speaker sharing none of them is not worth the long pattern
        self._side_words = {side: {w for n in names for w in _WORD.findall(n.lower())}
                            for side, names in sides.items()}
        for side in self.claimant_sides:
            names_of = list((party_names or {}).get(side, ()))
            if side not in self._sides and names_of:
                self._sides[side] = _phrase(names_of)
                self._side_words[side] = {w for n in names_of for w in _WORD.findall(n.lower())}
        self._outlet_cache: dict[tuple[str, str], Outlet | None] = {}
        self._reading = lru_cache(maxsize=200_000)(self._read)
        self._graded: dict[tuple[str, str, str, str, str | None, bool, Told | None],
                           tuple[str, int, str, str, str]] = {}

    @classmethod
    def for_theatre(cls, theatre: Theatre) -> Grader:
        """Return the grader of a theatre (one per theatre folder): its outlets, actors and
        claimant sides."""
        key = str(theatre.path)
        grader = _GRADERS.get(key)
        if grader is None or grader.outlets != theatre.outlets:
            sides = theatre.config.get("claimant_sides") or tuple(
                p for p in theatre.party_ids if p != theatre.incumbent)
            names = {p.id: (p.name, *p.aliases) for p in theatre.parties.values()}
            members = {m: p.id for p in theatre.parties.values() for m in p.members}
            grader = _GRADERS[key] = cls(theatre.outlets, theatre.actors, tuple(sides), names, members)
        return grader

    def _one(self, a: str | None, b: str | None) -> bool:
        """Whether two parties are one side (the same, or a coalition and its member)."""
        if not a or not b:
            return a == b
        return self._coalition.get(a, a) == self._coalition.get(b, b)

    # -- the outlet -----------------------------------------------------------------------
    def outlet(self, name: str, url: str = "") -> Outlet | None:
        """Return the outlet a report names, or the one its URL's domain belongs to."""
        key = (name or "", url or "")
        if key in self._outlet_cache:
            return self._outlet_cache[key]
        found = self._names.get((name or "").lower().strip())
        if found is None and url:
            try:
                host = (urlsplit(url).hostname or "").lower()
            except ValueError:
                host = ""
            while host and found is None:
                found = self._domains.get(host)
                host = host.partition(".")[2] if "." in host else ""
        self._outlet_cache[key] = found
        return found

    # -- the sentence ---------------------------------------------------------------------
    def _side_of(self, who: str) -> str:
        words = set(_WORD.findall(who.lower()))
        for side, rx in self._sides.items():
            known = self._side_words.get(side)
            if known is not None and not words & known:
                continue
            if rx.search(who):
                return side
        return ""

    def _read(self, text: str) -> Reading:
        speakers: list[tuple[str, str]] = []
        for m in _SAY_RE.finditer(text):
            before = text[max(0, m.start() - 120):m.start()]
            parts = [p.strip() for p in _CLAUSE.split(before)]
            who = parts[-1] if parts else ""
            if not who and len(parts) >= 3 and before.rstrip().endswith(","):
                who = parts[-3]  # 'Officials in Faizabad, the capital of Badakhshan, said'
            if _speaker(who):
                speakers.append((who, self._side_of(who)))
                continue
            if re.search(r"[,\"\u201d]\s*$", text[:m.start()]):  # '..., said Zabihullah Mujahid'
                after = re.match(r"\s*([^,;.:\u2014()]{2,60})(?:[,;.:\u2014()]|$)", text[m.end():])
                if after and _speaker(after.group(1).strip()):
                    speakers.append((after.group(1).strip(), self._side_of(after.group(1))))
        for m in _ACCORDING.finditer(text):
            speakers.append((m["who"].strip(), self._side_of(m["who"])))
        hedge = _HEDGE.search(text)
        denial = ""
        for m in _DENIAL.finditer(text):
            if not _NOT_A_DENIAL.search(text[max(0, m.start() - 40):m.start()]):
                denial = m.group(0)
                break
        return Reading(tuple(speakers), hedge.group(0) if hedge else "", denial)

    def read(self, text: str) -> Reading:
        """Return what a sentence says about its sourcing (cached by sentence)."""
        return self._reading(text)

    # -- a record -------------------------------------------------------------------------
    def grade_text(self, evidence: str, controller: str | None, outlet_name: str = "",
                   url: str = "", review: str | None = None, *, denial: bool = False,
                   told: Told | None = None) -> tuple[str, int, str, str, str]:
        """Return (reliability, credibility, basis, reason, outlet) for a record's sentence.

        `denial`: the record is itself a denial (of the other side's gain), so the denial in
        its sentence is what it says, not a doubt about it."""
        key = (evidence, controller or "", outlet_name, url, review, denial, told)
        hit = self._graded.get(key)
        if hit is not None:
            return hit
        outlet = self.outlet(outlet_name, url)
        rel = outlet.reliability if outlet else "F"
        shown = outlet.name if outlet else (outlet_name or "unknown outlet")
        why_rel = (f"{shown}: reliability {rel}" if outlet
                   else f"{shown}: not in the theatre's outlets, reliability F")
        cred, basis, reason = self._credibility(evidence, controller, outlet, review, denial, told)
        out = (rel, cred, basis, f"{why_rel}; {reason}", shown)
        if len(self._graded) >= 1_000_000:  # a long-lived process (the desk) stays bounded
            self._graded.clear()
        self._graded[key] = out
        return out

    def _credibility(self, evidence: str, controller: str | None, outlet: Outlet | None,
                     review: str | None, denial: bool = False, told: Told | None = None
                     ) -> tuple[int, str, str]:
        if review == "confirmed":
            return 1, "confirmed", "confirmed by an analyst"
        if not evidence.strip():
            return 6, "unjudged", "no sentence to judge"
        r = self.read(evidence)
        if told is not None:  # what extraction found wins; the sentence fills what it left unset
            r = told.over(r, self.claimant_sides)
        if r.denial and not denial:
            return 5, "denied", f'denied in the report ("{r.denial}")'
        own = [who for who, side in r.speakers
               if controller and self._one(side, controller) and side in self.claimant_sides]
        if own:
            return 4, "own claim", f'a party\'s own claim about its gains ("{own[0]}")'
        others = [who for who, side in r.speakers if not self._one(side, controller)]
        if (outlet and controller and self._one(outlet.side, controller)
                and outlet.side in self.claimant_sides and not others):
            return 4, "own claim", f"{outlet.name} speaks for the {outlet.side}"
        if r.hedge:
            return 4, "hedged", f'hedged ("{r.hedge}")'
        if r.speakers:
            return 2, "attributed", f'attributed to "{r.speakers[0][0]}"'
        return 3, "fact", "stated as fact by the outlet"

    def grade(self, o: Observation) -> Source:
        """Return an observation graded: its outlet's reliability and its credibility. A baseline's
        (`compile.baseline`) carries the grade given on import: its source's word on its day."""
        if o.trigger == "baseline":
            code = str(getattr(o, "grade", "") or "F6")
            return Source(o, code[0], int(code[1:]), "baseline",
                          f"{o.outlet}: a baseline as of {o.effective.isoformat()}, graded {code} on import",
                          o.outlet)
        told = Told.of(o)
        rel, cred, basis, reason, shown = self.grade_text(o.evidence, o.controller, o.outlet,
                                                          o.url, o.review,
                                                          denial=o.trigger.startswith("denied "),
                                                          told=told)
        return Source(o, rel, cred, basis, reason, shown)


_GRADERS: dict[str, Grader] = {}


def outlet_key(source: Source) -> str:
    """Return what makes two sources independent: the outlet, else the report itself."""
    if source.outlet and source.outlet != "unknown outlet":
        return source.outlet.lower()
    return "doc:" + source.observation.document_id
