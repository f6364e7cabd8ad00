"""Who took part in an event: the parties a clause names, their names and keys (events.py).

`parties_between(sent, start, end, ctx)` lists the parties named between two offsets of a sentence
(a dateline, a title before a name, a nationality word alone and a place are no party);
`party_name` names one as the actors file does; `party_keys` and `own_keys` give the keys a later
telling of a meeting is matched by; `is_person` and `person_next` read who a verb names.
"""

from __future__ import annotations

import re

from khabar.extract.sentences import Context, Sent, clean_name
from khabar.lang import en
from khabar.records import Event
from khabar.theatres.loader import Actor

_TITLE_ONLY = re.compile(r"(?:['\u2019]s)?\s+(?:(?:[A-Z][\w\-]*|envoy|president|minister|foreign|deputy|"
                         r"special|representative|ambassador|spokes(?:man|person|woman)|leader|chief|"
                         r"commander|general|secretary|advis[eo]r|official|diplomat|counterpart|prime|"
                         r"defen[cs]e|interior|national|security|head|of|the)\s+){1,6}|\s+")


_NOT_PARTY = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY", "DISTRICT",
              "PROVINCE", "VENUE", "LOC", "FAC", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE",
              "PRODUCT"}


def is_person(text: str, label: str, ctx: Context) -> bool:
    actor = ctx.theatre.actor(text)
    return label == "PERSON" or (actor is not None and actor.kind == "person")


def person_next(sent: Sent, at: int, ctx: Context) -> object | None:
    """Return the person, or the state, a verb names next, titles aside ("called Uzbek President
    Shavkat Mirziyoyev"), None when another word comes first ("called the rebels' bluff")."""
    for e in sent.all_ents:
        if e.start_char < at:
            continue
        gap = sent.text[at:e.start_char]
        if not _TITLE_ONLY.fullmatch(gap) and gap.strip():
            return None
        if is_person(e.text, e.label_, ctx) or getattr(ctx.theatre.actor(e.text), "kind", None) == "state":
            return e
        if e.label_ not in ("NORP", "GPE", "ACTOR"):
            return None
    return None


def party_name(text: str, label: str, ctx: Context) -> str:
    """Return a party as the actors file names it ('Front fighters' -> 'Front'), else cleaned."""
    actor = ctx.theatre.actor(text) or ctx.theatre.actor(clean_name(text))
    if actor is not None and (label == "ACTOR" or actor.kind != "person" or " " in text.strip()):
        return actor.name
    name = clean_name(text)
    return ctx.full_name(name) if label == "PERSON" else name


_BY_ID: dict[str, dict[str, Actor]] = {}  # a theatre's actors by id, built once per theatre folder


def party_keys(name: str, ctx: Context) -> set[str]:
    """Return the keys a party is known by: its actor id and those of the bodies it belongs to."""
    actor = ctx.theatre.actor(name)
    if actor is None:  # "Serenko" is "Andrei Serenko", but "the Chinese foreign minister" is no "minister"
        return {clean_name(name).lower()} | ({clean_name(name).split()[-1].lower()}
                                             if clean_name(name)[-1:].isalpha() and
                                             clean_name(name).split()[-1][:1].isupper() else set())
    keys = {actor.id, actor.name.lower(), actor.name.split()[-1].lower()}
    by_id = _BY_ID.get(str(ctx.theatre.path))
    if by_id is None:
        by_id = _BY_ID[str(ctx.theatre.path)] = {a.id: a for a in ctx.theatre.actors}
    a = actor
    for _ in range(3):
        parent = by_id.get(a.affiliation) if a.affiliation else None
        if parent is None:
            break
        keys |= {parent.id, parent.name.lower()}
        a = parent
    return keys


def own_keys(name: str, ctx: Context) -> set[str]:
    """Return a person's own keys (not his government's), else all the keys of a party."""
    actor = ctx.theatre.actor(name)
    if actor is not None and actor.kind == "person":
        return {actor.id, actor.name.lower(), actor.name.split()[-1].lower()}
    return party_keys(name, ctx)


def shares_a_party(parties: list[str], ev: Event, ctx: Context) -> bool:
    theirs: set[str] = set().union(*(party_keys(p, ctx) for p in (*ev.actors, *ev.targets)))
    return any(party_keys(p, ctx) & theirs for p in parties)


# "HERAT, Aug. 2 (Xinhua) --", "MOSCOW (Reuters) -", "ISLAMABAD:": a wire's dateline, not a party
_WIRE_HEAD = re.compile(r"^\s*[A-Z][A-Z .'\-]{2,30}(?:,\s*[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)?"
                        r"(?:,\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})(?:,?\s+\d{4})?)?"
                        r",?\s*(?:\([^()]{1,40}\))?\s*"
                        r"(?:--|-|\u2013|\u2014|:)\s*")


def _wire_head_end(text: str) -> int:
    """Return where a wire dateline at the start of a sentence ends (0 when there is none)."""
    m = _WIRE_HEAD.match(text)
    if m is None:
        return 0
    head = m.group()
    return m.end() if "(" in head or "," in head or head.rstrip().endswith((":", "--", "\u2014")) else 0


def parties_between(sent: Sent, start: int, end: int, ctx: Context) -> list[str]:
    """Return the parties named between two offsets of a sentence, in their order."""
    named = _parties_of_entities(sent, start, end, ctx)
    bare = _bare_demonym_parties(sent, start, end)
    if not bare:
        return [name for _, name in named]
    out: list[str] = []
    for _, name in sorted(named + bare, key=lambda pn: pn[0]):
        if name not in out:
            out.append(name)
    return out


# "the Iranian foreign minister" where no entity names "Iranian" (the fast pipeline has no NER)
_BARE_DEMONYM = re.compile(r"\b[A-Z][a-z]+(?:an|ian|ese|ish|i)\b")


def _bare_demonym_parties(sent: Sent, start: int, end: int) -> list[tuple[int, str]]:
    """Return a nationality word with the people or body it qualifies ("the Iranian foreign
    minister", "Pakistani officials") where no entity covers the word, with its offset."""
    text = sent.text
    out = []
    for m in _BARE_DEMONYM.finditer(text, start, end):
        if any(e.start_char <= m.start() < e.end_char for e in sent.all_ents):
            continue
        held = _DEMONYM_PARTY.match(text, m.end())
        if held is not None and m.end() + len(held.group()) <= end:
            out.append((m.start(), clean_name(text[m.start():m.end() + len(held.group())])))
    return out


def _parties_of_entities(sent: Sent, start: int, end: int, ctx: Context) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    ents = list(sent.all_ents)
    start = max(start, _wire_head_end(sent.text)) if start < 60 else start
    for k, e in enumerate(ents):
        if e.start_char < start or e.end_char > end or e.label_ in _NOT_PARTY:
            continue
        if e.text.isupper() and len(e.text) > 3 and not sent.text[:e.start_char].strip() and \
                sent.text[e.end_char:e.end_char + 1] == ",":
            continue  # "WASHINGTON, Aug. 12 (Wire) -": a dateline, not a party
        nxt = ents[k + 1] if k + 1 < len(ents) else None
        if (e.label_ in ("NORP", "GPE", "ACTOR") or len(e) == 1) and nxt is not None and \
                is_person(nxt.text, nxt.label_, ctx) and _TITLE_ONLY.fullmatch(
                    sent.text[e.end_char:nxt.start_char]):
            continue  # "Tajik Foreign Minister Sirojiddin Muhriddin": the minister, not Tajikistan
        if e.label_ == "GPE" and e.text in ctx.theatre.config.get("venues", ()):
            continue
        if re.search(r"\b(?:in|at|near|across|inside|throughout)\s+(?:the\s+)?$",
                     sent.text[max(0, e.start_char - 12):e.start_char]) or (e.label_ != "PERSON" and re.search(
                         r"\b(?:conference|talks|meetings?|summit|consultations|discussions|views)\s+"
                         r"(?:[\w\-]+\s+){0,5}?on\s+$", sent.text[max(0, e.start_char - 60):e.start_char])) or (e.label_ == "GPE" and re.search(
                         r"\b(?:visit|visits|trip|tour|travel\w*|flew|went|came|arrived|returned)\s+(?:back\s+)?to\s+"
                         r"(?:the\s+)?$", sent.text[max(0, e.start_char - 30):e.start_char])):
            continue  # "the situation in the country", "met in Moscow": a place, not a party
        if e.label_ == "NORP" or _demonym(clean_name(e.text), e.label_, ctx):
            # a nationality word alone is no party: "the Iranian foreign minister" is one, "the
            # Iranian Guards" are the Guards, "the Iranian situation" names none
            if nxt is not None and not sent.text[e.end_char:nxt.start_char].strip():
                continue
            held = _DEMONYM_PARTY.match(sent.text, e.end_char)
            if held is None or e.end_char + len(held.group()) > end:
                if sent.text[e.end_char:e.end_char + 12].strip()[:1].isalpha() and \
                        sent.text[e.end_char:e.end_char + 12].strip()[:1].islower():
                    continue
                name = party_name(e.text, e.label_, ctx)
            else:
                name = clean_name(sent.text[e.start_char:e.end_char + len(held.group())])
        else:
            name = party_name(e.text, e.label_, ctx)
        if name and name not in (n for _, n in out) and len(name) > 1:
            out.append((e.start_char, name))
    return out


# a nationality word the entity recognizer took for a place or a body: "Iranian", "Chinese"
_DEMONYM_ONLY = re.compile(r"[A-Z][a-z]+(?:an|ian|ese|ish|i|ic)")


def _demonym(name: str, label: str, ctx: Context) -> bool:
    """Return whether an entity is a nationality word alone: the theatre's own or one
    that names no actor of the theatre ("Iranian"; not a movement's name, not "Uzbekistan")."""
    if name in ctx.theatre.demonyms:
        return True
    return label in ("GPE", "ORG") and _DEMONYM_ONLY.fullmatch(name) is not None and \
        ctx.theatre.actor(name) is None and not name.endswith("stan")


_DEMONYM_PARTY = re.compile(r"(?:\s+(?:[a-z][\w\-]*\s+){0,2}?)" + en.alternation(en.DEMONYM_PARTY_NOUNS) + r"\b")
