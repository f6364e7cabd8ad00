"""Place mentions in a sentence: districts, provincial capitals, crossings, "the district"."""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from dataclasses import dataclass, field
from functools import lru_cache

from khabar.extract.dates import lowered
from khabar.extract.sentences import Context, Sent
from khabar.theatres.loader import District, Theatre, loose_key, name_key

_AHEAD = 200  # how far the patterns around a place read (the words next to it)
_NAME = r"[A-Z][\w\-'’]+(?:\s[A-Z][\w\-'’]+)?"
_CITY_BEFORE = re.compile(r"(?:city of|cities of|capitals of|capital(?:,)? of|capital|capital city|town of|"
                          r"provincial capital(?: of)?)\s*(?:the\s+)?$", re.I)
# a name of one to three capitalised words ("Foobarabad", "Qala-e-Zal", "Gul Tapa") before "district"
_DATELINE = re.compile(r"^\s*(?::|,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d|\d)|\s+[—–]\s|\s+-\s|\s*\()")
# what names a place as where another lies: "20 km from X", "35 km west of the country's capital X",
# "near X", "on the road to X"
REFERENCE_BEFORE = (r"(?:\d+|a\s+few|several|some)\s*(?:km|kms|kilomet(?:re|er)s?|miles)\s+(?:\([^)]*\)\s+)?"
                    r"(?:away\s+)?(?:from|of|(?:to\s+the\s+)?(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?"
                    r"\s+of)\s+(?:[\w’'\-]+['’]s\s+)?(?:(?:the|provincial|capital|city|of)\s+)*")
_REFERENCE_BEFORE = re.compile(r"\b" + REFERENCE_BEFORE + r"$", re.I)
_CHANGE_OF = re.compile(r"\b(?:fall|capture|seizure|takeover|conquest|surrender|handover|recapture|liberation)\s+"
                        r"of\s+(?:the\s+)?$|\b(?:took|taken|takes|taking|take|seized|seizing|assumed|grabbed)\s+"
                        r"power\s+in\s+$", re.I)
_COMPASS_AFTER = re.compile(r"^\s+in\s+the\s+(?:far\s+)?(?:north|south|east|west|centre|center|north-?east|"
                            r"north-?west|south-?east|south-?west)\b", re.I)
_NAME_BEFORE = re.compile(r"(?<![\w\-'’])(?P<n>[A-Z][\w\-'’]+(?:[ \-][A-Z][\w\-'’]+){0,2})(?:\s+(?:city|town))?$")
_NAME_GOES_ON = re.compile(r"^ (?!(?:On|In|At|And|The|As|After|Before|By|From|To)\b)[A-Z][a-z]+")
_APPOSED_CAPITAL = re.compile(r"\s*,\s*(?:the\s+)?(?:provincial\s+)?(?:capital|centre|center|main city)"
                              r"(?:\s+city)?\s+of\s+(?:the\s+)?(?:\w+ern\s+|central\s+)?$", re.I)
_NOT_A_NAME = frozenset(
    "the this that a an each every one another key strategic border remote neighbouring neighboring "
    "nearby same whole entire northern southern eastern western central on in at by of from for and "
    "but as after before since when while with its his her their our capital provincial".split()
    + [w.lower() for w in ("monday tuesday wednesday thursday friday saturday sunday january february "
                           "march april may june july august september october november december").split()])
_PARTS = (r"airfield|air base|airbase|base|airport|prison|highway|road|river|dam|bridge|valley|pass|"
          r"outskirts|suburbs?|garrison|university")
# "Bagram airfield", "the Bamiyan police", "Pul-e-Khumri's outskirts", "Kunduz's main airport"
_NOT_THE_PLACE = re.compile(rf"^\s*(?:{_PARTS}|police|officials?|governor|council|authorities|residents|"
                            rf"elders|lawmakers?|corps)\b|^['’]s\s+(?:(?:main|only|key|international|"
                            rf"central|civilian|military|old|new|\w+ern)\s+)*(?:{_PARTS}|police|checkpoints?|posts?|outposts?|"
                            rf"villages?|markets?|bazaar|jail)\b", re.I)


@dataclass(frozen=True, slots=True)
class _Units:
    """The patterns that read a theatre's names of its administrative units: "X district", "the
    township", "Helmand province", "Shan State" (the theatre's `level` names, and "district")."""

    words: tuple[str, ...]  # lower-case unit words: district, township
    after_province: re.Pattern[str]
    list_after: re.Pattern[str]
    list_before: re.Pattern[str]
    after_district: re.Pattern[str]
    district_word: re.Pattern[str]
    unknown_district: re.Pattern[str]
    unknown_town: re.Pattern[str]
    province_of2: re.Pattern[str]
    province_of: re.Pattern[str]
    in_province: re.Pattern[str]


def _units(theatre: Theatre) -> _Units:
    u = theatre.__dict__.get("_place_units")
    if u is None:
        u = theatre.__dict__["_place_units"] = _build_units(
            tuple(dict.fromkeys(("district", *theatre.level("district").lower().split("/")))),
            tuple(dict.fromkeys(("province", *theatre.level("province").lower().split("/")))))
    return u


@lru_cache(maxsize=8)
def _build_units(units: tuple[str, ...], provinces: tuple[str, ...]) -> _Units:
    d = "(?:" + "|".join(units) + ")"
    cap = "(?:" + "|".join(f"[{w[0].upper()}{w[0]}]{w[1:]}" for w in units) + ")"
    pv = "(?:" + "|".join(provinces) + ")"
    unknown = "(?:" + "|".join(w if w == "district" else f"[{w[0].upper()}{w[0]}]{w[1:]}" for w in units) + ")"
    cpv = "(?:" + "|".join(f"[{w[0].upper()}{w[0]}]{w[1:]}" for w in provinces) + ")"
    return _Units(
        words=units,
        after_province=re.compile(rf"^\s*(?:and\s+\w+\s+)?(?:{pv}s?|{d}s|{pv}['’]s|provincial)\b", re.I),
        list_after=re.compile(rf"\b{d}s?\b(?:[^.;:]{{0,40}}:|[^.;:]{{0,25}}?(?:[–—-]|including|such as|namely|of))"
                              rf"\s*(?P<list>{_NAME}(?:\s*,\s*(?:and\s+)?{_NAME})*(?:,?\s+and\s+{_NAME})?)"),
        list_before=re.compile(rf"(?P<list>{_NAME}(?:\s*,\s*{_NAME})*,?\s+and\s+{_NAME})\s+{d}s\b"),
        after_district=re.compile(rf"^\s*(?:{d}s?|{d} centre|{d} center|city|town)\b", re.I),
        district_word=re.compile(rf"\b(?:the|that|this|its)\s+{d}(?:['’]s)?(?:\s+(?:centre|center))?\b", re.I),
        # a name of one to three capitalised words ("Foobarabad", "Qala-e-Zal", "Gul Tapa") before "district"
        # (in lower case; a unit other than "district" also capitalised: "Maungdaw Township")
        unknown_district=re.compile(rf"\b([A-Z][a-z]+(?:(?:-[a-z]{{1,2}}-|[- ])[A-Z][a-z]+){{0,2}})\s+{unknown}\b"),
        # ... and a named town or crossing ("the Foobar border crossing", "the town of Foobar")
        unknown_town=re.compile(r"\b(?:the\s+)?([A-Z][a-z]+(?:(?:-[a-z]{1,2}-|[- ])[A-Z][a-z]+){0,2})\s+"
                                r"(?:border\s+)?(?:town|crossing|crossing\s+point|port)\b(?!\s+of\b)|"
                                r"\bthe\s+(?:(?:border|strategic|key|northern|southern|eastern|western)\s+)?"
                                r"town\s+of\s+([A-Z][a-z]+(?:(?:-[a-z]{1,2}-|[- ])[A-Z][a-z]+){0,2})\b"),
        province_of2=re.compile(rf"^\s*(?:{d}\s+)?(?:in|of)\s+the\s+(?:\w+(?:ern)?\s+)?{pv}\s+of\s+"
                                rf"(?P<prov>[A-Z][\w\-']+(?:\s[A-Z][\w\-']+)?)"),
        province_of=re.compile(rf"^\s*(?:{cap}\s+)?(?:of|in)\s+(?:the\s+)?(?:[a-z\-]+ern\s+)?"
                               rf"(?P<prov>[A-Z][\w\-']+(?:\s[A-Z][\w\-']+)?)(?:['’]s)?\s+{cpv}"),
        in_province=re.compile(rf"^\s*(?:{d}\s+)?(?:in|of)\s+(?P<prov>[A-Z][\w\-']+)\b"))


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A district as a sentence names it: the words, where, and the gazetteer entry if any."""

    text: str
    start: int  # sentence-relative
    end: int
    district: District | None
    anaphoric: bool = False
    province_hint: str | None = None


def _name_words(text: str, s: int, t: int, covered: _Covered) -> tuple[int, int]:
    """Return the span of a capitalised name without leading words that are taken or no name.

    "Rebels captured Foobarabad" keeps "Foobarabad"; "Thursday Evening" keeps nothing.
    """
    for w in re.finditer(r"\S+", text[s:t]):
        ws, we = s + w.start(), s + w.end()
        if w.group().lower() in _NOT_A_NAME or covered.overlaps(ws, we):
            continue
        rest = text[ws:t]
        if covered.overlaps(ws, t) or \
                any(x.lower() in _NOT_A_NAME for x in _WORD_BREAKS.split(rest)):
            continue
        return ws, t
    return t, t


_WORD_BREAKS = re.compile(r"[\s\-]+")
# "[A-Z](?<![\w\-].)": a capital not after a letter or hyphen, tested after the capital (faster)
_NGRAM = re.compile(r"[A-Z](?<![\w\-].)[a-z]+(?:(?:-(?:[eiy]|ye|wa|al)-|\s(?:[eiy]|ye|wa)\s|-(?:[eiy]|ye)\s|\s(?:[eiy]|ye)-|"
                    r"\s|-)[A-Z][a-z]+){1,2}(?![\w\-])")


class _Spans:
    """Character spans (of mentions, or of entities), asked which overlap a range in logarithmic
    time."""

    def __init__(self, spans: list[tuple[int, int]], items: list[PlaceMention] | None = None) -> None:
        order = sorted(range(len(spans)), key=lambda k: spans[k])
        self.spans = [spans[k] for k in order]
        self.items = [items[k] for k in order] if items is not None else []
        self.starts = [a for a, _ in self.spans]
        self.longest = max((b - a for a, b in self.spans), default=0)

    def overlapping(self, s: int, t: int) -> list[int]:
        """Return the indexes of the spans that overlap [s, t)."""
        out = []
        k = bisect_left(self.starts, t) - 1
        while k >= 0 and self.spans[k][0] >= s - self.longest:
            if self.spans[k][1] > s:
                out.append(k)
            k -= 1
        return out


class _Covered:
    """Spans taken so far, growing; asked whether any overlaps a range (a bisection, then the few
    spans that start close enough before it)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.longest = max((b - a for a, b in self.spans), default=0)

    def add(self, s: int, t: int) -> None:
        insort(self.spans, (s, t))
        self.longest = max(self.longest, t - s)

    def overlaps(self, s: int, t: int) -> bool:
        k = bisect_left(self.spans, (t, -1)) - 1
        while k >= 0 and self.spans[k][0] >= s - self.longest:
            if self.spans[k][1] > s:
                return True
            k -= 1
        return False


def _longer_names(text: str, out: list[PlaceMention], theatre: Theatre, ctx: Context,
                  sent: Sent) -> list[PlaceMention]:
    """Return the mentions with names of two or three words the rulers missed or cut short.

    "Tirin Kot" (the ruler found only "Kot"), "Deh Rawud" (the gazetteer's "Dehrawud"),
    "Mehtar Lam": a capitalised run whose spelling key is a district name's replaces what it covers.
    """
    others: _Spans | None = None
    placed: _Spans | None = None  # (both built once a capitalised run needs them: most sentences have none)
    replaced: set[int] = set()
    added: list[PlaceMention] = []
    for m in _NGRAM.finditer(text):
        s, t = m.span()
        name = m.group()
        if any(w.lower() in _NOT_A_NAME for w in _WORD_BREAKS.split(name)):
            continue
        if others is None:
            others = _Spans([(e.start_char, e.end_char) for e in sent.all_ents
                             if e.label_ in ("ACTOR", "VENUE", "PROVINCE")])
        if others.overlapping(s, t):
            continue
        if placed is None:
            placed = _Spans([(p.start, p.end) for p in out], out)
        touched = [placed.items[k] for k in placed.overlapping(s, t)]
        inside = [p for p in touched if s <= p.start and p.end <= t]
        if len(inside) < len(touched):
            continue  # a mention that runs out of the name
        if len(inside) == 1 and (inside[0].start, inside[0].end) == (s, t):
            continue
        if len(inside) > 1:
            continue  # two names side by side ("Khan Abad Kunduz") stay two
        cands = theatre.district_candidates(name)
        if not cands or _NOT_THE_PLACE.match(text[t:t + _AHEAD]):
            continue  # "the Tirin Kot airport"
        hint = _province_after(text, t, _units(theatre))
        d = _resolve(theatre, name, hint, _sentence_provinces(sent), ctx)
        # (the runs found later start after this one: the spans kept for them stay right)
        replaced.update(id(p) for p in inside)
        added.append(PlaceMention(name, s, t, d, province_hint=hint))
    if added:
        out = [p for p in out if id(p) not in replaced] + added
    out.sort(key=lambda p: p.start)
    return out


def _resolve(theatre: Theatre, name: str, hint: str | None, near: set[str],
             ctx: Context) -> District | None:
    """Return the district a name means; among namesakes, one in a province the sentence names wins.

    "In Faryab, Almar, Dawlatabad and Kohistan ...": Faryab's Dawlatabad, not Balkh's.
    """
    if not hint and near:
        inside = [d for d in theatre.district_candidates(name) if d.province_id in near]
        if inside:
            return inside[0]
    return _resolved(theatre, name, hint, frozenset(ctx.doc_provinces))


@dataclass
class _Lookups:
    """Districts already resolved, kept on the theatre they come from (`resolve_district` reads
    spelling keys and may fall back to fuzzy matching; reports name the same few places again
    and again)."""

    resolved: dict[tuple[str, str | None, frozenset[str]], District | None] = field(default_factory=dict)

    def trim(self) -> None:
        """Forget everything once the cache is large (a long-running server reads many reports)."""
        if len(self.resolved) > 100_000:
            self.resolved.clear()


def _lookups(theatre: Theatre) -> _Lookups:
    memo = theatre.__dict__.get("_places_lookups")
    if memo is None:
        memo = theatre.__dict__["_places_lookups"] = _Lookups()
    return memo


def _resolved(theatre: Theatre, name: str, hint: str | None, prefer: frozenset[str]) -> District | None:
    """Return `theatre.resolve_district(name, hint, prefer)`, looked up once per question."""
    memo = _lookups(theatre)
    cands = theatre.district_candidates(name)
    if hint or cands:
        # the preferred provinces count only without a hint, and only those of a candidate
        prefer = frozenset() if hint else prefer.intersection(d.province_id for d in cands)
    key = (name, hint, prefer)
    if key not in memo.resolved:
        memo.trim()
        memo.resolved[key] = theatre.resolve_district(name, hint, prefer=prefer)
    return memo.resolved[key]


_name_key = lru_cache(maxsize=4096)(name_key)


def _sentence_provinces(sent: Sent) -> set[str]:
    """Return the ids of the provinces a sentence names."""
    return {eid for e in sent.ents("PROVINCE") if (eid := e.ent_id_)}


def _province_after(sent_text: str, end: int, u: _Units) -> str | None:
    after = sent_text[end:end + _AHEAD]  # (what names a province after a place is short)
    m = u.province_of2.match(after) or u.province_of.match(after) or u.in_province.match(after)
    return m["prov"] if m else None


_NEXT_ITEM = re.compile(r"(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s*;\s*(?:and\s+)?)(?P<n>[A-Z][\w\-'’]+(?:[ \-][A-Z][\w\-'’]+)?)"
                        r"(?=\s*(?:[,;.]|$)|\s+(?:and|districts?|in|of|on)\b)")


def _list_neighbours(text: str, out: list[PlaceMention], theatre: Theatre, ctx: Context, u: _Units,
                     near: set[str], sent: Sent) -> list[PlaceMention]:
    """Return the mentions with the names of a list of places the gazetteer spells otherwise:
    "Argo, Kofab and Zibak in Badakhshan", "...; Worsaj in Takhar; Zerok in Paktika" (a name next to
    a place in a list, resolved in the province named after it, else kept when "district" follows)."""
    taken = [(e.start_char, e.end_char) for e in sent.all_ents if e.label_ in ("DISTRICT", "PROVINCE", "ACTOR", "VENUE")] \
        + [(p.start, p.end) for p in out]
    added: list[PlaceMention] = []
    pos = [p.end for p in out if not p.anaphoric]
    for e in sent.all_ents:  # "... Kofab districts of Badakhshan; Worsaj in Takhar": after a place's province
        if e.label_ == "PROVINCE" and any(0 <= e.start_char - p.end <= 25 for p in out):
            unit = re.match(r"\s+(?:province|provinces)\b", text[e.end_char:e.end_char + 12], re.I)
            pos.append(e.end_char + (unit.end() if unit else 0))
    seen: set[int] = set()
    while pos:
        end = pos.pop()
        m = _NEXT_ITEM.match(text, end)
        if m is None or m.start("n") in seen:
            continue
        s, t = m.span("n")
        name = m["n"]
        if any(not (t <= a or s >= b) for a, b in taken) or any(w.lower() in _NOT_A_NAME for w in name.split()):
            continue
        hint = _province_after(text, t, u)
        d = _resolve(theatre, name, hint, near, ctx) if hint or u.after_district.match(text[t:t + 40]) else None
        if d is None and not re.match(r"\s+districts?\b", text[t:t + 12], re.I):
            continue
        seen.add(s)
        added.append(PlaceMention(name, s, t, d, province_hint=hint))
        taken.append((s, t))
        pos.append(t)
        pos.extend(e.end_char for e in sent.all_ents if e.label_ == "PROVINCE" and 0 <= e.start_char - t <= 25)
    return sorted(out + added, key=lambda p: p.start) if added else out


_PLACE_PREP = re.compile(r"\b(?:in|near|outside|around|from|towards?|to|into|via|across|through|at|inside|within|"
                         r"beyond|on)\s+$", re.I)
_TOWN_WORD = re.compile(r"\b[Tt]he\s+(?:(?:border|provincial|strategic|key)\s+)?(?P<w>city|town|provincial capital)\b"
                        r"(?!['’]s|\s+of\b|\s+(?:hall|council|centre|center|limits|police)\b)")


def _towns(text: str, out: list[PlaceMention], theatre: Theatre, ctx: Context) -> list[PlaceMention]:
    """Return the mentions with "the city", "the provincial capital" or "the border town" as the
    place named last.

    "the city" and "the provincial capital" are only a provincial capital. "the town" and "the
    provincial capital" may be one named in an earlier sentence ("... took Spin Boldak. Commandos
    retook the border town"); "the city" only one named earlier in the sentence, as a report
    names the capital for the government ("no help from the capital") and means another city by "the city".
    A place after a preposition ("an official in the city") is where something happens.
    """
    def capital(d: District | None) -> bool:
        c = theatre.capital(d.province_id) if d else None
        return c is not None and d is not None and c.id == d.id

    added = []
    for m in _TOWN_WORD.finditer(text):
        if any(not (m.end() <= p.start or m.start() >= p.end) for p in out) or _PLACE_PREP.search(text, max(0, m.start() - _AHEAD), m.start()):
            continue
        city = m["w"] != "town"
        earlier = [p for p in out if p.end <= m.start() and not p.anaphoric and (capital(p.district) or not city)]
        if earlier:
            p = max(earlier, key=lambda p: p.start)
            added.append(PlaceMention(p.text, m.start(), m.end(), p.district, anaphoric=True))
        elif ctx.last_district and not out and m["w"] != "city":
            name, did = ctx.last_district
            d = theatre.districts.get(did) if did else None
            if d is not None and (capital(d) or not city):
                added.append(PlaceMention(name, m.start(), m.end(), d, anaphoric=True))
    return sorted(out + added, key=lambda p: p.start) if added else out


def _unknown_towns(text: str, out: list[PlaceMention], u: _Units, near: set[str], ctx: Context,
                   sent: Sent) -> list[PlaceMention]:
    """Return the mentions with the named towns and crossings the gazetteer lacks ("the Foobar
    border crossing", "the town of Foobar"), kept with a null id as "X district" is."""
    covered = _Covered([(m.start, m.end) for m in out] + [
        (e.start_char, e.end_char) for e in sent.all_ents if e.label_ in ("DISTRICT", "PROVINCE", "ACTOR", "VENUE")])
    added = []
    for m in u.unknown_town.finditer(text):
        g = 1 if m.group(1) else 2
        s, t = _name_words(text, *m.span(g), covered)
        if s == t:
            continue
        name = text[s:t]
        hint = _province_after(text, m.end(), u)
        added.append(PlaceMention(name, s, t, _resolve(ctx.theatre, name, hint, near, ctx), province_hint=hint))
        covered.add(s, t)
    return sorted(out + added, key=lambda p: p.start) if added else out


def district_mentions(sent: Sent, ctx: Context) -> list[PlaceMention]:
    """Return the districts a sentence names, provincial capitals included, in order.

    A province's name counts as its capital city unless "province" follows it or it names
    where another district lies ("Panjwai district of Kandahar province"). Control and the
    pipeline both ask for a sentence's places: the answer is kept on the sentence for as long
    as what it depends on in the context (the last district, the report's provinces) is unchanged.
    """
    key = (id(ctx), ctx.last_district, len(ctx.doc_provinces))
    memo = sent.__dict__.get("_district_mentions")
    if memo is not None and memo[0] == key:
        return list(memo[1])
    out = _district_mentions(sent, ctx)
    sent.__dict__["_district_mentions"] = (key, tuple(out))
    return out


def _district_mentions(sent: Sent, ctx: Context) -> list[PlaceMention]:
    theatre = ctx.theatre
    u = _units(theatre)
    text = sent.text
    lead = len(text) - len(text.lstrip())  # where the sentence's first word begins
    out: list[PlaceMention] = []
    ents = sent.ents("DISTRICT", "PROVINCE")
    near = _sentence_provinces(sent)
    for e in ents:
        s, t = e.start_char, e.end_char
        name = text[s:t]  # the entity's text (Span.text joins its tokens anew)
        after = text[t:t + 600]  # (a list of provinces before "provinces" included)
        if _NOT_THE_PLACE.match(after):
            continue  # "Bagram airfield", "the Bamiyan police": not the district itself
        if s <= lead and _DATELINE.match(after):
            continue  # "KUNDUZ: ...", "KUNDUZ, June 14 (Wire) - ...": where the report was filed
        if _NAME_GOES_ON.match(after) and not u.after_province.match(after) and \
                not u.after_district.match(after):
            continue  # "Herat Ledger", "Herat University": part of another name
        prov_hint = _province_after(text, t, u)
        eid = e.ent_id_  # (Span.ent_id_ finds the span's root token on every call)
        if e.label_ == "PROVINCE":
            before = text[max(0, s - _AHEAD):s]
            apposed = _APPOSED_CAPITAL.search(before)
            base = max(0, s - _AHEAD)
            if apposed and not (out and base + apposed.start() - out[-1].end <= 3):
                # "Maidan Shar, capital of Wardak province": a spelling the gazetteer lacks, the capital
                named = _NAME_BEFORE.search(text, max(0, base + apposed.start() - 60), base + apposed.start())
                prov = theatre.provinces.get(eid)
                d = theatre.capital(prov.id) if prov else None
                if named and d is not None and not any(w.lower() in _NOT_A_NAME for w in named["n"].split()) \
                        and not any(p.end > named.start() for p in out):
                    out.append(PlaceMention(named["n"], named.start("n"), named.end("n"), d, province_hint=prov.name
                                            if prov else None))
                    continue
            if u.after_province.match(after) or re.match(r"^['’]s\s+[A-Z]", after):
                continue  # "Helmand province", "Kandahar's Zhari district"
            # a list ending in "provinces": "Nimroz, Farah, Ghor and Badghis provinces"
            if re.match(r"^(?:,\s*[A-Z][\w\-']+)*(?:,?\s+and\s+[A-Z][\w\-']+)?\s+provinces\b", after):
                continue
            before = text[max(0, s - _AHEAD):s]
            if re.match(r"^\s+district\b(?!s)", after, re.I) or re.search(r"\bthe\s+district\s+of\s+$", before, re.I):
                # "the district of Balkh": the province's namesake district, not the province
                # ("another district of Kunduz" is the province)
                own = [d for d in theatre.district_candidates(name) if d.province_id == eid
                       and _name_key(d.name) == _name_key(name)]
                if own:
                    out.append(PlaceMention(name, s, t, own[0], province_hint=own[0].province))
                    continue
            apposed = _APPOSED_CAPITAL.search(before)
            base = max(0, s - _AHEAD)
            if out and apposed and base + apposed.start() - out[-1].end <= 3:
                continue  # "Faizabad, the capital of Badakhshan": the province of the city before it
            before = text[max(0, s - _AHEAD):s]
            if out and re.search(r"\b(?:of|in)\s+(?:the\s+)?(?:\w+ern\s+)?$", before) and \
                    not _CITY_BEFORE.search(before):
                continue  # "Khan Abad in Kunduz": the province of the district before it
            if re.search(r"\b(?:in|of|across|throughout)\s+(?:the\s+)?(?:\w+ern\s+)?$", before) and \
                    not _CITY_BEFORE.search(before) and not u.after_district.match(after) and \
                    not _CHANGE_OF.search(before):
                continue  # "fighting in Helmand": the province (but "the fall of <capital>" is the city's)
            if _COMPASS_AFTER.match(after) and not _CITY_BEFORE.search(before) and \
                    re.search(r"\bprovinces\b", text[max(0, s - 80):s], re.I):
                continue  # "two provinces - Nangarhar in the east and Herat in the west"
            prov = theatre.provinces.get(eid)
            d = theatre.capital(prov.id) if prov else None
            if d is None or (_name_key(d.name) != _name_key(prov.name if prov else "")
                             and loose_key(d.name) != loose_key(prov.name if prov else "")  # Sar-i-Pul
                             and not _CITY_BEFORE.search(before)):
                continue  # "captured Nimroz": the province, whose capital has another name
            out.append(PlaceMention(name, s, t, d, province_hint=prov.name if prov else None))
            continue
        d = _resolve(theatre, name, prov_hint, near, ctx)
        if d is None or (prov_hint and d.id != eid and eid in theatre.districts
                         and theatre.districts[eid].province_id == d.province_id):
            d = theatre.districts.get(eid) or d
        if prov_hint:
            alt = _resolved(theatre, name, prov_hint, frozenset())
            if alt is not None:
                d = alt
        out.append(PlaceMention(name, s, t, d, province_hint=prov_hint))
    out = _longer_names(text, out, theatre, ctx, sent)
    if out:
        out = _list_neighbours(text, out, theatre, ctx, u, near, sent)
    # "the provincial capital of Samangan, Aybak": the city's own name, not the province's
    out = [p for k, p in enumerate(out) if not (
        k + 1 < len(out) and p.district is not None and out[k + 1].district == p.district
        and re.fullmatch(r"\s*,\s*", text[p.end:out[k + 1].start]))]
    low = lowered(text)
    if low is None or "the city" in low or "town" in low or "provincial capital" in low:
        out = _towns(text, out, theatre, ctx)
    if low is None or "town" in low or "crossing" in low or "port" in low:
        out = _unknown_towns(text, out, u, near, ctx, sent)
    if low is not None and not any(w in low for w in u.words):
        return out  # what follows reads lists of districts, "X district" and "the district"
    covered = _Covered([(m.start, m.end) for m in out] + [
        (e.start_char, e.end_char) for e in sent.all_ents
        if e.label_ in ("DISTRICT", "PROVINCE", "ACTOR", "VENUE")])
    # names in a list of districts: "six districts – Khanabad, Chardara, ..., and Dasht-e-Archi"
    plural = any(f"{w}s" in text for w in u.words)
    for rx in (u.list_after, u.list_before) if plural else (u.list_after,):
        for lm in rx.finditer(text):
            for item in re.finditer(_NAME, lm["list"]):
                s = lm.start("list") + item.start()
                t = lm.start("list") + item.end()
                if covered.overlaps(s, t):
                    continue
                name = item.group()
                if any(w.lower() in _NOT_A_NAME for w in name.split()):
                    continue
                hint = _province_after(text, lm.end(), u)
                d = _resolve(theatre, name, hint, near, ctx)
                out.append(PlaceMention(name, s, t, d, province_hint=hint))
                covered.add(s, t)
    # names the gazetteer lacks, written as "X district": kept, with a null id
    for m in u.unknown_district.finditer(text):
        s, t = _name_words(text, *m.span(1), covered)
        if s == t:
            continue
        name = text[s:t]
        hint = _province_after(text, m.end(), u)
        d = _resolve(theatre, name, hint, near, ctx)
        out.append(PlaceMention(name, s, t, d, province_hint=hint))
        covered.add(s, t)
    # "the district" refers to the last district named, in this sentence or before it
    for m in u.district_word.finditer(text):
        if covered.overlaps(m.start(), m.end()):
            continue
        earlier = [p for p in out if p.end <= m.start() and not p.anaphoric]
        # "the fall of Baharak district 20 km from Taloqan city, ... overran the district": not a
        # place named only to say where another lies
        located = [p for p in earlier if not _REFERENCE_BEFORE.search(text, max(0, p.start - 60), p.start)]
        earlier = located or earlier
        if earlier:
            p = max(earlier, key=lambda p: p.start)
            out.append(PlaceMention(p.text, m.start(), m.end(), p.district, anaphoric=True))
        elif ctx.last_district:
            name, did = ctx.last_district
            out.append(PlaceMention(name, m.start(), m.end(),
                                    theatre.districts.get(did) if did else None, anaphoric=True))
    out.sort(key=lambda p: p.start)
    return out
