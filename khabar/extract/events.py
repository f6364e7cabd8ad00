"""Events typed with PLOVER: meetings (CONSULT), offers of help (AID), deployments (MOBILIZE)...

`match(sent, ctx)` finds trigger words outside quotations; the entities before a trigger in its
clause are its actors, those after it its targets, a place after "in"/"at" its place. Planned
("will visit") and negated ("did not meet") events are kept with that status.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from khabar.extract.dates import date_near, is_dateline
from khabar.extract.event_dates import dated_clause, day_just_before, event_date, news_day, note_day, verb_of
from khabar.extract.event_lexicon import (
    CALLED_OFF,
    FUTURE_AUX,
    GENERIC_TALKS,
    INTERVIEW,
    INVITED,
    MANY_TIMES,
    MEETING_VERB,
    NEGATED,
    NOT_HELD,
    OTHER_OCCASION,
    PARSED,
    PLANNED,
    PLANNED_AFTER,
    PLANNED_FAR,
    PLANNED_NOUN,
    PLANNING_HEADS,
    PROCESS_AFTER,
    SEVERAL_DAYS,
    SOUGHT,
    STALLED,
    STATE_OF_TALKS,
    TRIGGERS,
    UNREAL,
    background,
    is_reference,
    place_surrenders,
)
from khabar.extract.event_parties import (
    is_person,
    own_keys,
    parties_between,
    party_keys,
    party_name,
    person_next,
    shares_a_party,
)
from khabar.extract.sentences import Context, Sent, lemma, party_in
from khabar.records import Event, Evidence

# the triggers whose sentences the standard pipeline parses (pipeline._tier reads TYPES)
TYPES = [(t, re.compile(rx, re.I)) for t, rx in PARSED]
# each type's pattern with the stems a match cannot lack: a substring test before the scan
_GATED = [(t, stems, re.compile(rx, re.I)) for t, stems, rx in TRIGGERS]

_PLACE_AFTER = re.compile(r"\b(?:in|at|(?<=(?:led|lew) )to|(?<=delegation )to)\s+(?:the\s+)?(?P<p>[A-Z][\w\-’']+(?:\s+[A-Z][\w\-’']+){0,2})")
_CLAUSE_SPLIT = re.compile(r"[;:]|,\s*(?:but|while|and|which|where|when|after|as(?!\s+well\s+as))\b|"
                           r"\bwhere\b|\bafter\b|\bbefore\b|\bfollowing\b|\bamid\b|\bwhile\b|"
                           r"\b(?:came|comes|come)\s+as\b")


@dataclass(frozen=True, slots=True)
class EventMatch:
    type: str
    t_start: int
    t_end: int
    trigger: str
    status: str
    told: bool = False  # "the talks took place in X on Monday": a meeting named before, told now


def inside_quotes(text: str, pos: int) -> bool:
    """Return whether a position of a sentence lies inside quotation marks."""
    before = text[:pos]
    curly = before.count("\u201c") - before.count("\u201d")
    straight = before.count('"') % 2
    return curly > 0 or straight == 1


_NOMINAL = re.compile(r"^(?:meetings?|talks|consultations|summits?|visit|hosts|conversation with|discussions|"
                      r"negotiations|parleys|conclaves?|(?:tele)?phon(?:e|ic) \w+|video[- ]?\w+)$", re.I)
# "have held talks with Chinese officials several times in recent years": a habit, not a meeting
# "the talks took place in Kunming", "the meeting, brokered by X, was held on Monday"
_TOOK_PLACE = re.compile(r"(?:\s*,[^,;.]{1,60},)?\s+(?:(?:had\s+)?took place|(?:was|were|had been)\s+held|"
                         r"(?:began|opened|ended|concluded|were concluded)\s+(?:on|in|at)\b)", re.I)
_OPENING_AT = re.compile(r"\s*(?:At|During|On the sidelines of|In the course of)\s+(?:the|a|an|their|its)\s+"
                         r"(?:[\w\-]+\s+){0,4}$", re.I)
_DEFINITE_MEETING = re.compile(r"\b(?:the|these|those|this|that)\s+(?:[\w\-]+\s+){0,3}$", re.I)
_DELEGATION_BEFORE = re.compile(r"\bdelegation\s+(?:(?:led|headed)\s+by\s+[^,;]{3,50}?\s+|"
                                r"(?:of|from)\s+[^,;]{3,50}?\s+)?(?:also\s+|has\s+|had\s+)?$", re.I)
_BARE_VERBS = {"discussed", "spoke", "talked"}
# "was in", "arrived in", "flew to", "led a delegation to": a stay or a trip, a visit when made by a
# delegation or a person
_STAY = re.compile(r"^(?:was|is|were|are|arrived|has arrived|had arrived) in$|^(?:travel(?:l)?ed|flew|trip) to$",
                   re.I)
# the person travelling stands just before ("Baradar arrived in", "the envoy, who flew to")
_TRAVELLER_BEFORE = re.compile(r"(?:\s*,\s*who)?\s*(?:also\s+|then\s+|later\s+|has\s+|had\s+|on \w+day\s+)?$", re.I)


_SPEECH = re.compile(r"\b(?:said|says|told|stressed|urged|warned|noted|added|speech|address(?:ed|ing)?|"
                     r"remarks)\b", re.I)
_MOVERS = re.compile(r"\b(?:fighters|troops|forces|soldiers|militants|insurgents|refugees|people|families|"
                     r"civilians|migrants|residents|reinforcements|commandos|units?|convoys?|planes?|aircraft|"
                     r"flights?|shipments?|aid|weapons)\b", re.I)


# "arrived in Doha on Tuesday, where he will press the rebels": a trip for talks still to come
_WHERE_WILL = re.compile(r"[^.;]{0,60}?,\s*where\s+(?:he|she|they|it|\w+)\s+(?:will|would|is to|is due|plans?)\b", re.I)


def _place_next(sent: Sent, end: int) -> bool:
    """Return whether a place is named right after a stay or a trip ("arrived in Herat", not
    "were in rebel hands", "was in custody")."""
    text = sent.text
    at = end + len(text[end:]) - len(text[end:].lstrip())
    at += 4 if text.startswith("the ", at) else 0
    return any(e.start_char == at and e.label_ in ("GPE", "DISTRICT", "PROVINCE", "VENUE", "LOC", "FAC")
               for e in sent.all_ents)


def _traveller_before(sent: Sent, start: int, ctx: Context) -> bool:
    """Return whether someone named (a person, an official, a body) is the subject of a stay or a
    trip ("the envoy arrived in Herat", "the minister, who is on a tour, flew to X"), not fighters,
    troops or refugees ("rebel fighters arrived in the district")."""
    text = sent.text
    lo = max(text.rfind(c, 0, start) for c in ";:") + 1
    named = [e for e in sent.all_ents if lo <= e.start_char and e.end_char <= start
             and (e.label_ == "PERSON" or (e.label_ == "ACTOR" and getattr(ctx.theatre.actor(e.text), "kind", "")
                                            == "person"))]
    return bool(named) and not _MOVERS.search(text, named[-1].end_char, start) and \
        not _MOVERS.search(text, max(lo, named[-1].start_char - 30), named[-1].start_char)  # triggers only with a phone or a party after them


def _history_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Return where the habit of a meeting can be told: its clause, with what opens the sentence
    before it ("In recent years, the two sides have met ..."), not the clauses after it ("X met Y,
    a man who has visited the capital several times")."""
    lo = max(0, start - 60, text.rfind(";", 0, start) + 1)
    cut = _CLAUSE_PUNCT.search(text, end)
    return lo, min(end + 120, cut.start() if cut is not None else len(text))


_CLAUSE_PUNCT = re.compile(r"[,;]")
# "the meeting", "the Doha talks", "this visit": a meeting the report has already named
_REFERENCE = re.compile(r"\b(?:the|this|that|these|those|such|its|their|his|her|our)\s+"
                        r"(?:(?:[A-Z][\w\-]*|[\w]+-[\w\-]+|first|second|last|latest|recent|previous|next|same|"
                        r"separate|bilateral|peace)\s+)*$")
_POSSESSIVE = re.compile(r"\b(?:the|a|an)\s+(?:[\w\-]+\s+){0,3}[\w\-]+['\u2019]s\s+(?:\w+\s+){0,2}$", re.I)
_PLACE_VISITED = re.compile(r"\s+(?:a|an|the|some|several)?\s*(?:\w+\s+){0,2}(?:camps?|sites?|hospitals?|"
                            r"wounded|front(?:line)?s?|areas?|regions?|checkpoints?|bases?|families|"
                            r"victims|villages?|markets?|schools?|shelters?|scenes?|positions?)\b", re.I)
_PASSIVE_OF_MEETING = re.compile(r"\b(?:the|this|that|these|those)\s+(?:[\w\-]+\s+){0,2}(?:meeting|talks|"
                                 r"summit|conference|visit|session|round)s?\s+(?:was|were|is|are|will be|"
                                 r"had been|has been)\s+$", re.I)
_TOPIC = re.compile(r"\bdiscuss(?:ed|es|ing)?\s+(?:the\s+|a\s+|an\s+)?(?:[\w\-]+\s+){0,2}$|"
                    # "apprised the minister of an extraordinary meeting": what he was told of
                    r"\b(?:apprised|informed|briefed|told|updated|notified)\s+(?:[\w\-]+\s+){0,4}?(?:of|about|on)\s+"
                    r"(?:the\s+|a\s+|an\s+)?(?:[\w\-]+\s+){0,2}$", re.I)
_WITH_PARTY = re.compile(r"^\s+(?:with|between)\s", re.I)
# "received Tajikistan's National Security Adviser Rustam Nazar": receiving a person
_RECEIVED = re.compile(r"\b(?:received|welcomed)\b", re.I)




def _parse_status(sent: Sent, start: int) -> str | None:
    """Return planned or negated from the parse of the trigger's verb, None when it says nothing."""
    if not sent.parsed:
        return None
    tok = next((t for t in sent.doc if t.idx >= start), None)
    if tok is None:
        return None
    verb = verb_of(tok)
    for v in (verb, verb.head if verb.dep_ in ("xcomp", "conj") else None):
        if v is None:
            continue
        kids = list(v.children)
        if any(k.dep_ == "neg" for k in kids) and not any(k.lower_ == "only" for k in kids):
            return "negated"
        if any(k.dep_ == "aux" and k.lower_ in FUTURE_AUX for k in kids):
            return "planned"
    if verb.dep_ == "xcomp" and lemma(verb.head) in PLANNING_HEADS:
        return "planned"
    return None


_CALL = re.compile(r"\b(?:phon\w*|call|calls|conversations?)\b", re.I)
_NAMED = ("PERSON", "ACTOR", "GPE", "NORP")


def _is_interview(sent: Sent, start: int, end: int, before: str) -> bool:
    """Return whether a call is an interview: "the spokesman told reporters in a phone call",
    "said in a telephone conversation", with no party named between the speech verb and it and
    none with whom after it ("told Rahmon in a phone call" is a call)."""
    if not _CALL.search(sent.text, start, end):
        return False
    said = INTERVIEW.search(before)
    if said is None or _WITH_PARTY.match(sent.text[end:]):
        return False
    said_at = start - len(before) + said.start()
    return not any(said_at <= e.start_char < start and e.label_ in _NAMED for e in sent.all_ents)




# what follows the person called: a day, a purpose, the phone, the clause's end ("called Ghani on
# Friday to discuss", "called Rahmon and discussed"); not "called Ghani a puppet"
_AFTER_CALLED = re.compile(r"\s*(?:$|[,.;]|(?:on|late|early|last|yesterday|today|this|over|by)\b|"
                           r"to\s+(?:discuss|talk|express|congratulate|convey|offer|review|exchange|thank|"
                           r"condole|brief|inform|assure|seek|ask|urge)\b|and\s+(?:discussed|talked|spoke|"
                           r"conveyed|expressed|urged|asked|assured)\b)", re.I)




def _called_someone(sent: Sent, end: int, ctx: Context) -> bool:
    """Return whether "called" is a call: a person or a counterpart named next, then a day, a
    purpose, the phone or the clause's end ("Biden called Ghani on Friday")."""
    text = sent.text
    if re.search(r"\b(?:so-|is\s+|was\s+|are\s+|were\s+|be\s+|been\s+)$", text[max(0, end - 13):end - 6]):
        return False  # "the so-called emirate", "a movement was called X"
    counterpart = re.match(r"\s+(?:his|her|their)\s+(?:[\w\-]+\s+){0,2}counterparts?\b", text[end:])
    if counterpart is not None:
        return bool(_AFTER_CALLED.match(text, end + counterpart.end()))
    who = person_next(sent, end, ctx)
    if who is None or not is_person(who.text, who.label_, ctx):  # type: ignore[attr-defined]
        return False
    return bool(_AFTER_CALLED.match(text, who.end_char))  # type: ignore[attr-defined]


def match(sent: Sent, ctx: Context) -> list[EventMatch]:
    """Return the event triggers of a sentence that lie outside quotations."""
    text = sent.text
    low = text.lower()
    has = low.__contains__
    found: list[EventMatch] = []
    for etype, stems, rx in _GATED:
        if not any(map(has, stems)):
            continue
        for m in rx.finditer(text):
            if inside_quotes(text, m.start()):
                continue
            if any(not (m.end() <= f.t_start or m.start() >= f.t_end) for f in found):
                continue
            before = text[max(0, m.start() - 60):m.start()]
            # "the talks took place in X on Monday": the meeting the report named, told now with
            # its day, when no day was given for it before
            told = etype == "CONSULT" and bool(_NOMINAL.match(m.group()) and _DEFINITE_MEETING.search(before)
                                               and _TOOK_PLACE.match(text, m.end())) and \
                not _POSSESSIVE.search(before) and \
                not any(e.type == "CONSULT" and e.date is not None for e in ctx.meetings)
            if etype == "CONSULT" and _NOMINAL.match(m.group()) and not _WITH_PARTY.match(
                    text[m.end():]):
                if (_REFERENCE.search(before) or _POSSESSIVE.search(before)) and not told and not (
                        _OWN_DAY.search(before[-25:]) and dated_clause(sent, m.start(), m.end())
                        and not any(e.type == "CONSULT" for e in ctx.meetings)):
                    _day_of_reference(sent, m.start(), m.end(), ctx)
                    continue  # "the meeting", "the Doha talks": already reported, or reported elsewhere
                    # (but "at their summit in Geneva on June 16", the first told, is one)
                if GENERIC_TALKS.search(before) and not MEETING_VERB.search(before):
                    continue  # "a settlement through genuine peace talks"
            if etype == "CONSULT" and _NOMINAL.match(m.group()) and _TOPIC.search(before):
                continue  # "discussed the planned talks with the ambassador": the talks are a topic
            if etype == "CONSULT" and _NOMINAL.match(m.group()) and (
                    STATE_OF_TALKS.match(text, m.end()) or STALLED.search(before)):
                continue  # "talks between the two sides have stalled": a process, not a meeting
            if etype == "CONSULT" and _NOMINAL.match(m.group()) and PROCESS_AFTER.match(text, m.end()) and \
                    not dated_clause(sent, m.start(), m.end()):
                continue  # "as talks in Doha continue", "talks in Doha are the best chance": a process
            if etype == "CONSULT" and _NOMINAL.match(m.group()) and SOUGHT.search(before):
                continue  # "called for talks", "through negotiations": a wish or a means, no event
            if etype == "CONSULT" and _is_interview(sent, m.start(), m.end(), before):
                continue  # "told reporters in a phone call": an interview
            if etype == "CONSULT" and re.match(r"hosted\s+by\b", text[m.start():], re.I) and re.search(
                    r"\b(?:meetings?|talks|summit|conference|negotiations|consultations|session|round)\s*,?\s*"
                    r"(?:[\w\-]+\s+){0,2}$", before, re.I):
                _day_of_reference(sent, m.start(), m.end(), ctx)
                continue  # "The meeting, hosted by Qatar, ...": the meeting named, not another
            if etype == "CONSULT" and _PASSIVE_OF_MEETING.search(before):
                _day_of_reference(sent, m.start(), m.end(), ctx)
                continue  # "The meeting was hosted by Qatar": the meeting already reported
            if etype == "CONSULT" and re.match(r"visit", m.group(), re.I) and _PLACE_VISITED.match(
                    text[m.end():]):
                continue  # "visits a refugee camp": a place, not a party
            if etype == "CONSULT" and m.group().lower() in ("visit", "visits") and _FRAMING_VISIT.search(
                    text, 0, m.start()) and _SPEECH.search(text) and not _MET_IN_VISIT.search(text, m.end()):
                continue  # "said during his visit to Delhi": the visit is the venue of a speech, like a
                # conference ("during his visit, he met X": the meeting is told by its own verb)
            if etype == "CONSULT" and m.group().lower().endswith("call from") and not any(
                    m.end() <= e.start_char < m.end() + 60 and is_person(e.text, e.label_, ctx)
                    for e in sent.all_ents):
                continue  # "received a call from residents", "from commanders demanding ...": no one met
            if etype == "CONSULT" and m.group().lower() == "visiting" and re.search(
                    r"\b(?:the|a|an|his|her|their|its)\s+$", before, re.I):
                continue  # "met the visiting rebel delegation": who was met, told by the verb before
            if etype == "CONSULT" and m.group().lower() == "called" and not _called_someone(sent, m.end(), ctx):
                continue  # "called the president a puppet", "called the rebels' bluff": no call
            if etype == "CONSULT" and re.match(r"\s+to\s", text[m.end():]) and m.group().lower() in (
                    "spoke", "spoken", "speaks", "talked") and person_next(sent, text.find("to", m.end()) + 2, ctx) is None:
                continue  # "spoke to Reuters by phone": an interview; "spoke to Rahmon by phone" a call
            if etype == "CONSULT" and m.group().lower() in _BARE_VERBS and any(
                    f.type == "CONSULT" for f in found):
                continue  # "in separate phone calls, discussed ... with": the calls, told once
            if etype == "CONSULT" and _STAY.match(m.group()) and (
                    not (_DELEGATION_BEFORE.search(before) or _traveller_before(sent, m.start(), ctx))
                    or not _place_next(sent, m.end()) or _WHERE_WILL.match(text, m.end())
                    or re.search(r"\b(?:which|who|that)\s+(?:has\s+|had\s+)?$", before)  # "the delegation,
                    # which arrived in Moscow, said": who speaks, told in passing
                    or sum(1 for _ in rx.finditer(text)) > 1):
                continue  # only a delegation's or a person's stay is a visit, when nothing else says so
            if etype == "CONSULT" and m.group().lower() == "conference" and (
                    re.search(r"\b(?:at|during|on the sidelines of|to|before|addressing|addressed)\s+"
                              r"(?:\w+\s+){0,4}$", before) and _SPEECH.search(text)):
                continue  # "said at a conference in Tashkent": the venue of a speech, not a meeting
            if etype == "CONSULT" and MANY_TIMES.search(text, *_history_span(text, m.start(), m.end())) and \
                    not news_day(sent, m.start(), m.end()):
                continue  # "have met several times in recent years": a habit, no one meeting (but "met
                # on Monday, the fourth meeting in recent years" is the news; and a meeting of another
                # year, "met Baradar in Doha in 2019", happened: the guidelines keep what happened)
            if etype != "CONSULT" and (background(etype, text, m.start(), m.end()) or (
                    is_reference(etype, text, m.start(), m.end())
                    and any(e.type == etype for e in ctx.meetings))):
                continue  # "have intensified attacks", "fled the district", "the drills were held"
            status = _parse_status(sent, m.start()) or "happened"
            if NEGATED.search(before[-30:]) or NOT_HELD.search(before) or (etype == "CONSULT" and _NOMINAL.match(m.group())
                                                 and CALLED_OFF.match(text, m.end())):
                status = "negated"
            elif etype == "CONSULT" and _NOMINAL.match(m.group()) and (
                    PLANNED_NOUN.search(before) or PLANNED_AFTER.match(
                        text, m.end())):
                status = "planned"
            elif status == "happened" and (PLANNED.search(before) or PLANNED_FAR.search(
                    text, max(0, m.start() - 120), m.start()) or (
                    INVITED.search(text, max(0, m.start() - 120), m.start())) or (
                    etype != "CONSULT" and UNREAL.search(before))):
                status = "planned"
            found.append(EventMatch(etype, m.start(), m.end(), m.group(), status, told))
    for m in _RECEIVED.finditer(text) if "received" in low or "welcomed" in low else ():
        if inside_quotes(text, m.start()) or any(f.t_start <= m.start() < f.t_end for f in found):
            continue
        window = text[m.end():m.end() + 70]
        guest = next((e for e in sent.all_ents if m.end() <= e.start_char < m.end() + len(window)
                      and is_person(e.text, e.label_, ctx)), None)
        if guest is None and re.match(r"\s+by\s", window) and _PASSIVE_BEFORE.search(text, 0, m.start()) and \
                any(is_person(e.text, e.label_, ctx) for e in sent.all_ents if e.end_char <= m.start()):
            # "Karzai and Abdullah were received by rebel leaders": the guests named before, the
            # hosts, a person or a party, after "by"
            guest = next((e for e in sent.all_ents if m.end() <= e.start_char < m.end() + len(window)
                          and e.label_ in _NAMED), None)
        if guest is None or re.match(r"\s+(?:\w+\s+){0,3}(?:reports?|letters?|messages?|calls?|"
                                     r"support|aid|help|news|word|information|threats?)\b", window, re.I):
            continue
        if re.search(r"[,;:]", text[m.end():guest.start_char]) and \
                text[m.end():guest.start_char].count(",") > 1:
            continue
        found.append(EventMatch("CONSULT", m.start(), m.end(), m.group(),
                                _parse_status(sent, m.start()) or "happened"))
    found.sort(key=lambda f: f.t_start)
    if sum(1 for f in found if f.type == "CONSULT") > 1:
        # "X, who is on a visit to Tashkent, met Y": the visit frames the meeting the sentence tells
        found = [f for f in found if not (f.type == "CONSULT" and _FRAMING_VISIT.search(text, 0, f.t_start)
                                          and f.trigger.lower().startswith("visit"))]
    return found


# a meeting told inside the frame of a visit ("during his visit to Delhi, he met Modi")
_MET_IN_VISIT = re.compile(r"\b(?:met|meets|held talks|talks with|called on|received)\b", re.I)
_FRAMING_VISIT = re.compile(r"\b(?:on|during|in the course of)\s+(?:an?|the|his|her|their|its)\s+(?:[\w\-]+\s+){0,3}$",
                            re.I)










def _repeats_an_event(ev: Event, ctx: Context) -> bool:
    """Return whether an event only names again the parties of one the report already gave.

    An attack repeats one only at the same place: one report tells of many attacks by one side;
    an event other than a meeting only on the same day (or both undated): "in June, troops
    crossed" and "on Saturday, soldiers crossed" are two crossings.
    """
    return _repeated(ev, ctx) is not None


def _repeated(ev: Event, ctx: Context) -> Event | None:
    """Return the event of the report that `ev` tells again, if any (see `_repeats_an_event`).

    A meeting is told again by another sentence that names all its parties, or its city and one
    of its parties, or its city when it was told first with no party ("Tehran hosts talks",
    then "a government delegation met the rebels in Tehran").
    """
    if ev.status != "happened" or (ev.type == "ASSAULT" and ev.place is None):
        return None
    # a person is named again only by name: Ghani's call is not his adviser's meeting
    mine = [own_keys(p, ctx) for p in (*ev.actors, *ev.targets)]
    for old in ctx.meetings:
        # a meeting told first without its day and then with one is told twice: the annotators of
        # the dev reports keep both tellings ("the delegation met Wang Yi"; "met Wang in Tianjin on
        # Wednesday"), and so does the validation set's gold (measured: F1 .59 -> .64)
        same_day = ev.date == old.date or (ev.type == "CONSULT" and not ev.date)
        if old.type != ev.type or not same_day or (ev.type == "ASSAULT" and old.place != ev.place):
            continue
        if ev.type != "CONSULT" and ev.place and old.place and ev.place != old.place:
            continue  # "surrendered the centres to local elders" and then, in Paktika, the governor
        if not mine and (ev.type == "ASSAULT" or ev.evidence.start == old.evidence.start):
            return old  # ("Doha hosted talks": the talks, with no party of their own, are the hosting)
        theirs: set[str] = set().union(*(party_keys(p, ctx) for p in (*old.actors, *old.targets)))
        if mine and all(k & theirs for k in mine):
            return old
        if ev.type != "CONSULT" or ev.evidence.start == old.evidence.start:
            continue
        # (two shared parties alone are no proof: the same two sides meet again; measured on the
        # validation reports, where it merged two meetings)
        same_place = bool(ev.place and old.place and ev.place.lower() == old.place.lower())
        if same_place and (not old.actors or any(k & theirs for k in mine)):
            return old
    return None


_OWN_DAY = re.compile(r"\b(?:their|his|her|its|our)\s+(?:[\w\-]+\s+){0,2}$", re.I)








def _day_of_reference(sent: Sent, start: int, end: int, ctx: Context) -> None:
    """Give the last meeting, told without its day, the day a later reference to it names in its
    clause: "Opening the talks on Wednesday, ...", "The meeting was hosted by Qatar on Monday"."""
    last = next((e for e in reversed(ctx.meetings) if e.type == "CONSULT"), None)
    if last is None or last.date is not None or last.evidence.start == sent.start + len(sent.text) - len(
            sent.text.lstrip()):
        return
    text = sent.text
    lo = max(text.rfind(c, 0, start) for c in ",;") + 1
    hi = min([i for i in (text.find(c, end) for c in ",;") if i >= 0] + [len(text)])
    days = [d for d in sent.dates if lo <= d.start < hi and d.value is not None and not is_dateline(d)]
    when = date_near(days, start, end)
    if when is not None:
        _give_day(last, when)


def _give_day(ev: Event, when: date) -> None:
    """Give a meeting told first without its day the day a later telling names ("Opening the
    talks on Wednesday, ..."). The record is the one already returned for its sentence, so it
    is set in place: one record per meeting, with the evidence of its first telling."""
    object.__setattr__(ev, "date", when)




# ", the Kremlin said.", ", according to Iranian media.": who reports it, not a party
_ATTRIBUTION = re.compile(r",\s*(?:according to\b[^,;]*|[^,;\"\u201c\u201d]{0,70}?\b(?:said|says|told \w+|"
                          r"reported|announced|confirmed|added|stated)\b[^,;]{0,30})[.!]?\s*$")












_FRAMED_CLAIM = re.compile(r"\b(?:claim(?:ed|s)?|alleg(?:ed|es|ations?)|accus(?:ed|es|ations?)|"
                           r"charges?|den(?:ied|ies|y)|rejected|dismissed|had been told)\b", re.I)










# "Meeting Putin on Friday, Rahmon said", "After meeting the envoy, the minister flew home"
_PARTICIPLE_OPENING = re.compile(r"\s*(?:(?:After|Before|While|When)\s+)?", re.I)
# "... before meeting Abdullah", "... and later meeting the envoy"
_AFTER_A_VERB = re.compile(r"\b(?:before|after|while|when|then|later|also|and|besides)\s+$", re.I)


def to_records(sent: Sent, matches: list[EventMatch], ctx: Context) -> list[Event]:
    """Return an Event per trigger with the actors before it and the targets after it."""
    if not matches:
        note_day(sent, ctx)
        return []
    text = sent.text
    out: list[Event] = []
    ev_ = sent.evidence()
    bounds = [0] + [m.end() for m in _CLAUSE_SPLIT.finditer(text)] + [len(text)]
    said = _ATTRIBUTION.search(text)
    if said is not None and said.start() > matches[-1].t_end:
        bounds.append(said.start())  # ", the Kremlin said": the source ends the last clause
    # between two triggers, the last comma separates the first one's targets from the
    # second one's actors: "after X visited Y in Moscow on July 8, Z held talks in ..."
    for a, b in zip(matches, matches[1:], strict=False):
        comma = text.rfind(",", a.t_end, b.t_start)
        if comma >= 0:
            bounds.append(comma + 1)
    bounds.sort()
    for i, m in enumerate(matches):
        c_start = max(b for b in bounds if b <= m.t_start)
        nxt = matches[i + 1].t_start if i + 1 < len(matches) else len(text)
        c_end = min([b for b in bounds if b >= m.t_end] + [nxt])
        told_by = list(_SAID_THAT.finditer(text, c_start, m.t_start)) if m.type == "CONSULT" else []
        if told_by:  # "the Kremlin said on Tuesday that Putin had spoken ...": the
            c_start = told_by[-1].end()  # source is not a party of what it reports
        if m.type == "CONSULT":  # "met X in Doha to discuss the border": the topic is no party
            topic = _TOPIC_AFTER.search(text, m.t_end, c_end)
            c_end = topic.start() if topic is not None else c_end
        actors = parties_between(sent, c_start, m.t_start, ctx)
        if not actors and c_start and _AND_VERB.fullmatch(text, c_start, m.t_start):
            # "Tashkent closed the bridge and warned ...": the subject of the clause before
            actors = parties_between(sent, max(b for b in bounds if b < c_start), c_start, ctx)[:1]
        targets = [t for t in parties_between(sent, m.t_end, c_end, ctx) if t not in actors]
        between = _MUTUAL.match(m.trigger) and re.match(r"\s+(?:\w+\s+){0,2}?between\b", text[m.t_end:])
        if between and not actors:  # "clashes between the army and the rebels": both fight
            actors, targets = targets, []
        by = _BY_AFTER.match(text, m.t_end)
        if by is not None and _PASSIVE_BEFORE.search(text, c_start, m.t_start):
            # "X was shot dead by gunmen", "the envoy was received by the minister": the agent after
            # "by" acted, the subject is who it befell
            agents = parties_between(sent, by.end(), c_end, ctx)
            actors, targets = agents, [p for p in (*actors, *targets) if p not in agents]
        if not actors and _THE_GROUP.search(text, c_start, m.t_start):
            named = _group_before(sent, ctx)  # "the movement called on ...": the group named last
            if named is not None:
                actors = [named]
        if m.type == "CONSULT" and not actors and m.trigger.lower() == "meeting" and \
                _PARTICIPLE_OPENING.fullmatch(text, 0, m.t_start) and person_next(sent, m.t_end, ctx) is not None:
            # "Meeting Putin in Moscow on Friday, Rahmon said ...": who met is the main clause's subject
            comma = text.find(",", m.t_end)
            if comma > 0:
                targets = parties_between(sent, m.t_end, comma, ctx)
                actors = [p for p in parties_between(sent, comma + 1, min(len(text), comma + 80), ctx)[:1]
                          if p not in targets]
        later_verb = m.type == "CONSULT" and not actors and m.trigger.lower() == "meeting" and \
            bool(_AFTER_A_VERB.search(text, 0, m.t_start)) and person_next(sent, m.t_end, ctx) is not None
        if later_verb:
            # "met Ghani on Monday before meeting Abdullah on Tuesday": who met Ghani met Abdullah
            prev = next((o for o in reversed(out) if o.type == "CONSULT"), None)
            actors = list(prev.actors) if prev is not None else parties_between(sent, 0, m.t_start, ctx)[:1]
        if m.type == "CONSULT" and not actors and _OPENING_AT.match(text, 0, m.t_start):
            # "At the third round of talks, brokered by X, A and B agreed ...": the parties of the
            # clause the meeting opens
            upto = next((o.t_start for o in matches[i + 1:] if o.type != "CONSULT"), len(text))
            targets = list(dict.fromkeys((*targets, *parties_between(sent, m.t_end, upto, ctx))))
        place = None
        pm = _PLACE_AFTER.search(text, m.t_end)  # a name the clause holds is taken whole, not "Tehr"
        if _STAY.match(m.trigger) or m.trigger.lower().endswith(" to"):  # "arrived in Herat", "flew to X"
            pm = _PLACE_AFTER.search(text, max(0, m.t_end - 3)) or _PLACE_AFTER.search(text, m.t_end)
        while pm is not None and _PLACE_TOPIC.search(text, max(0, pm.start() - 30), pm.start()):
            pm = _PLACE_AFTER.search(text, pm.end())  # "discussed the situation in X": a topic
        if pm and (pm.start() < c_end or pm.end() <= c_end + 40):
            place = pm["p"]
        if place is None:
            for e in sent.all_ents:
                if (e.label_ in ("VENUE", "DISTRICT") or (e.label_ == "PROVINCE" and m.type != "CONSULT")) \
                        and c_start <= e.start_char < c_end + 40 and \
                        not _FROM_BEFORE.search(text, max(0, e.start_char - 40), e.start_char):
                    place = e.text
                    break
        if m.type == "CONSULT" and place and not targets and place not in actors and \
                re.match(r"(?:visit|host)", m.trigger, re.I):
            # "visited Moscow", "Tehran hosts": the state visited or hosting; not the city of
            # talks its parties are named for
            actor = ctx.theatre.actor(place)
            if actor is not None and actor.kind == "state":
                targets = [place]
        last = next((e for e in reversed(ctx.meetings) if e.type == "CONSULT"), None)
        if m.type == "AGREE" and not actors and last and _BOTH.search(text, c_start, m.t_start):
            actors = [p for p in (*last.actors, *last.targets) if p not in targets]  # "the two agreed"
        places = [(e.start_char, e.end_char) for e in sent.all_ents if e.label_ in _PLACE_LABELS]
        if m.type == "CONCEDE" and place_surrenders(text, m.t_start, m.t_end, places):
            continue  # "Nili ... surrendered to the rebels": a control change
        told = _told_again(m, ctx) if m.told else None
        if told is not None:  # with the parties named when it was first told
            actors = list(dict.fromkeys((*told.actors, *actors)))
            targets = [t for t in dict.fromkeys((*told.targets, *targets)) if t not in actors]
        both = m.type == "CONSULT" and not actors and not targets and _BOTH.search(text, c_start, m.t_start)
        if both and last is not None:
            # "the two sides held a meeting in Herat": the parties of the meeting told before
            actors = [p for p in (*last.actors, *last.targets)]
        in_a_state = m.type == "CONSULT" and place is not None and \
            getattr(ctx.theatre.actor(place), "kind", None) == "state"  # "talks in Doha": a meeting there
        if not actors and not targets and (place is None or m.type not in _AT_A_PLACE) and not (
                place is not None and (m.told or both or in_a_state)):
            continue
        if m.type == "CONSULT" and not actors and not m.told and re.search(
                r"\b(?:the|these|those|such)\s+$", text[:m.t_start], re.I):
            continue  # "The talks followed ...": a meeting already reported
        when = event_date(sent, m, ctx)
        own = [d for d in sent.dates if m.t_end <= d.start < c_end and d.value is not None] if later_verb else []
        if own:  # ("before meeting Abdullah on Tuesday": its own day, not the first verb's)
            when = date_near(own, m.t_start, m.t_end)
        if when is None and m.type == "AGREE" and last is not None and shares_a_party(actors, last, ctx):
            when = last.date  # "the two ministers also agreed": at the talks the report gave
        if when is None and m.type == "CONSULT" and m.status == "happened" and not m.told and \
                last is not None and last.date is not None and not OTHER_OCCASION.search(text) and \
                not SEVERAL_DAYS.search(text) and \
                all(is_dateline(d) for d in sent.dates):
            # "X met Y in Moscow on Thursday. The delegation also met Z": once the report has told a
            # dated meeting, the day it last named; not "earlier", "last month", nor when the sentence
            # names a day the meeting did not take ("After a delegation visited X, the ministry on
            # Thursday said")
            when = day_just_before(sent, ctx)
        if m.type != "CONSULT" and _FRAMED_CLAIM.search(text[:m.t_start]):
            continue  # "Saleh claimed the air force had threatened ...": a claim, not an event
        if m.type == "CONSULT" and not targets and _WITH_SOMEONE.match(m.trigger):
            continue  # "spoke with reporters": no one met
        groups: list[list[str]] = [targets]
        # ("..., and B in Guilin on June 5": the parts run past the clause, to the next trigger)
        parts = _parts(sent, m.t_end, said.start() if said is not None and said.start() > m.t_end else nxt,
                       ctx, actors) if m.type == "CONSULT" and not m.told else []
        if len(parts) > 1:
            # "met A in Doha on Monday and B in Rawalpindi on Tuesday": a meeting each
            for group, p_place, p_when in parts:
                ev = _event(m, sent, ctx, actors, group, p_place or place, p_when or when, ev_,
                            _districts_of(sent, ctx, c_start, c_end, p_place or place))
                if not _repeats_an_event(ev, ctx):
                    ctx.meetings.append(ev) if ev.status == "happened" else None
                    out.append(ev)
            continue
        if m.type == "CONSULT" and len(targets) > 1 and re.search(
                r"\bseparate(?:ly)?\b", text[max(c_start, m.t_start - 40):c_end], re.I):
            persons = {party_name(e.text, e.label_, ctx) for e in sent.all_ents
                       if is_person(e.text, e.label_, ctx)}
            people = [t for t in targets if t in persons]
            # "in separate phone calls with A and B": two calls, one per person
            groups = [[t] for t in (people if len(people) > 1 else targets)]
        districts = _districts_of(sent, ctx, c_start, c_end, place)
        if m.told and when is None:
            continue  # told again without a day: the first telling stands
        if m.type == "CONSULT" and m.status == "planned" and when is None and place is None and \
                _NOMINAL.match(m.trigger):
            continue  # "agreed to continue consultations": an intention, no meeting set
        if told is not None:
            ctx.meetings.remove(told)
            ctx.superseded.add((told.evidence.start, told.span))
        for group in groups:
            if m.type == "CONSULT" and _one_body(m, text, c_start, actors, group, ctx) and not (
                    m.trigger.lower() == "meeting" and person_next(sent, m.t_end, ctx) is not None):
                # (but "meeting Abdullah": the verb, with the person met named next)
                continue  # "the council held an emergency meeting": one body meeting, not two sides
            ev = _event(m, sent, ctx, actors, group, place, when, ev_, districts)
            old = _repeated(ev, ctx)
            if old is not None and old.type == "CONSULT" and set((*old.actors, *old.targets)) <= {old.place} \
                    and ev.actors:
                # "Tehran hosts talks", then "a government delegation met the rebels in Tehran":
                # the telling that names who met stands, with the day either gives
                ctx.meetings.remove(old)
                ctx.superseded.add((old.evidence.start, old.span))
                if ev.date is None and old.date is not None:
                    ev = _event(m, sent, ctx, actors, group, place, old.date, ev_, districts)
            elif old is not None:
                continue
            elif m.type == "CONSULT" and ev.status == "happened" and _retells_the_lead(ev, sent, ctx):
                continue  # "X met Y in Delhi. X visited India on Wednesday": the lead's meeting again
            if ev.status == "happened":
                ctx.meetings.append(ev)
            out.append(ev)
    note_day(sent, ctx)
    return out




def _retells_the_lead(ev: Event, sent: Sent, ctx: Context) -> bool:
    """Return whether a meeting in one of the two sentences after a report's lead tells the lead's
    meeting again: a trip of one of its parties or to its place, whatever day it gives ("Bajwa met
    Modi in Delhi on Thursday. Bajwa visited India on Wednesday"), or a meeting of no party
    the lead did not name, on no other day. A new counterpart ("X also met Z") or another day ("held
    discussions on Wednesday ... sat down with them on Thursday") is another meeting."""
    sents = ctx.report.sentences
    if len(sents) < 2 or not 1 <= len(ctx.report.before(sent)) <= 2:
        return False
    named = [*ev.actors, *ev.targets]
    trip = ev.trigger.lower().startswith("visit") or bool(_STAY.match(ev.trigger))
    for old in ctx.meetings:
        if old.type != "CONSULT" or old.evidence.start >= sents[1].start:
            continue
        same_place = bool(old.place and ev.place and old.place.lower() == ev.place.lower())
        if not (same_place or shares_a_party(named, old, ctx)):
            continue
        theirs: set[str] = set().union(*(party_keys(p, ctx) for p in (*old.actors, *old.targets)))
        if trip or (named and all(own_keys(p, ctx) & theirs for p in named) and (
                old.date is None or ev.date is None or old.date == ev.date)):
            return True
    return False


# "the council held a meeting", "a shura meeting in Quetta": a meeting that needs a second side named
_ONE_BODY = re.compile(r"^meetings?$", re.I)


def _one_body(m: EventMatch, text: str, c_start: int, actors: list[str], targets: list[str],
              ctx: Context) -> bool:
    """Return whether a meeting is one body's own ("the leadership council held an emergency meeting",
    "Pakistan's prime minister chaired a meeting of the security committee"): the noun "meeting" with
    names on one side of it only, none after "with" or "between", no subject of two ("Abdullah and
    the envoys held a meeting") and no two states or parties among the names ("a meeting of the
    foreign ministers of Russia, China and Pakistan" is between sides)."""
    if m.told or not _ONE_BODY.match(m.trigger) or bool(actors) == bool(targets) or \
            _WITH_PARTY.match(text[m.t_end:]) or re.search(r"\s(?:and|&)\s", text[c_start:m.t_start]):
        return False
    sides = set()
    for name in (*actors, *targets):
        actor = ctx.theatre.actor(name)
        if actor is not None and actor.kind == "organisation" and \
                party_in(ctx.theatre, name, by_demonym=False) is None:
            return False  # "the UN Security Council held an emergency meeting": a body of many states
        side = party_in(ctx.theatre, name, by_demonym=False) or (actor.id if actor is not None and
                                                                  actor.kind == "state" else None)
        if side is not None:
            sides.add(side)
    return len(sides) < 2


def _event(m: EventMatch, sent: Sent, ctx: Context, actors: list[str], targets: list[str],
           place: str | None, when: date | None, evidence: Evidence, districts: tuple[str, ...]) -> Event:
    return Event(type=m.type, actors=tuple(actors), targets=tuple(targets), place=place,
                 date=when, evidence=evidence, span=sent.span_of(m.t_start, m.t_end),
                 status=m.status,  # type: ignore[arg-type]
                 trigger=m.trigger, district_ids=districts,
                 parties=tuple(dict.fromkeys(p for p in (party_in(ctx.theatre, n) for n in (*actors, *targets))
                                             if p is not None)))


# "the Kremlin said on Tuesday that": who tells of the event, not one of its parties
_SAID_THAT = re.compile(r"\b(?:said|says|announced|reported|confirmed|added|stated|noted|told\s+\w+(?:\s+\w+)?)"
                        r"(?:\s+(?:on|late on|early on)?\s*\w+day)?(?:\s+(?:that|in a statement that))\s+", re.I)
# "to discuss the situation", "about the withdrawal": what a meeting was about
_TOPIC_AFTER = re.compile(r"\b(?:to (?:discuss|talk about|review|exchange views on)|about|regarding|concerning|"
                          r"on (?:the )?(?:situation|issue|crisis|question|future|developments))\b", re.I)
_PLACE_TOPIC = re.compile(r"\b(?:situation|developments|peace|security|stability|crisis|war|conflict|events|"
                          r"future|affairs|process|withdrawal|fighting|violence|presence)\s+$", re.I)
_WITH_SOMEONE = re.compile(r"(?:spoke|spoken|talked)(?:\s+\w+ly)? with$", re.I)
# "met A in Doha on Monday and B in Rawalpindi on Tuesday": where one meeting's frame ends
_PART_CUT = re.compile(r",?\s+and\s+(?:then\s+|later\s+|also\s+|afterwards\s+)?|;\s*(?:then\s+|later\s+)?|"
                       r",\s+(?:then|later|afterwards)\s+", re.I)
_SEQUENCE = re.compile(r"\b(?:then|later|afterwards)\b", re.I)


def _parts(sent: Sent, start: int, end: int, ctx: Context,
           actors: list[str]) -> list[tuple[list[str], str | None, date | None]]:
    """Return the meetings one trigger tells of in turn, each with its own parties, place and day
    ("met A in Doha on Monday and B in Rawalpindi on Tuesday"): the parts of the clause after the
    trigger that each name a day; [] when the clause tells of one meeting."""
    text = sent.text
    dated = [d for d in sent.dates if start <= d.start < end]
    # what sets a meeting apart: its day, its city ("met A in one city and B in another"), or a word of
    # sequence at the cut ("met A and later B")
    anchors = [d.start for d in dated] + [p.start() for p in _PLACE_AFTER.finditer(text, start, end)]
    cuts: list[tuple[int, int]] = []
    for c in _PART_CUT.finditer(text, start, end):
        lo = cuts[-1][1] if cuts else start
        before = [a for a in anchors if lo <= a < c.start()]
        after = [a for a in anchors if a >= c.end()]
        if (before and after) or _SEQUENCE.search(c.group()):
            cuts.append((c.start(), c.end()))
    if not cuts:
        return []
    out = []
    bounds = [start] + [x for c in cuts for x in c] + [end]
    for a, b in zip(bounds[::2], bounds[1::2], strict=True):
        group = [t for t in parties_between(sent, a, b, ctx) if t not in actors]
        pm = _PLACE_AFTER.search(text, a, b)
        when = date_near([d for d in dated if a <= d.start < b], a, a)
        if not group:
            return []
        out.append((group, pm["p"] if pm else None, when))
    return out


# a passive trigger: "was/were/been/being (reportedly) <trigger> by <agent>"
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are|got|gets|get)\s+(?:\w+ly\s+)?$", re.I)
_BY_AFTER = re.compile(r"\s+by\s+", re.I)
_AND_VERB = re.compile(r"\s*(?:and|but)\s+(?:also\s+|later\s+|then\s+)?", re.I)
_BOTH = re.compile(r"\b(?:the two|both)\s+(?:[\w\-]+\s+)?(?:sides|delegations|ministers|leaders|"
                   r"countries|men|parties|governments)\b", re.I)
_AT_A_PLACE = {"ASSAULT", "COERCE", "MOBILIZE", "RETREAT"}  # "clashes are underway in Logar": an event
_PLACE_LABELS = ("DISTRICT", "PROVINCE", "GPE", "VENUE")
def _told_again(m: EventMatch, ctx: Context) -> Event | None:
    """Return the undated meeting the report named last, which "the talks took place ..." tells again."""
    return next((e for e in reversed(ctx.meetings) if e.type == "CONSULT" and e.date is None), None)


_MUTUAL = re.compile(r"^(?:clash(?:es|ed)?|(?:heavy )?fighting)$", re.I)
_THE_GROUP = re.compile(r"\b(?:the|this)\s+(?:movement|group|insurgents|militants|rebels|organi[sz]ation|outfit)\s+"
                        r"(?:\w+\s+)?$", re.I)


def _group_before(sent: Sent, ctx: Context) -> str | None:
    """Return the armed group or movement the report named last before a sentence ("the movement")."""
    groups = [g for g in ctx.report.of_kind("group") if g.end <= sent.start]
    for g in reversed(groups):
        actor = ctx.theatre.actor(g.text)
        if actor is not None and actor.kind not in ("state", "person"):
            return actor.name
    return None


# "flown in from Herat", "troops from the capital": where they came from, not where it happened
_FROM_BEFORE = re.compile(r"\b(?:from|out of|via)\s+(?:the\s+)?(?:[\w\-]+\s+){0,2}$", re.I)


def _districts_of(sent: Sent, ctx: Context, c_start: int, c_end: int, place: str | None) -> tuple[str, ...]:
    """Return the ids of the districts where an event happened or that it targeted: those its
    clause names (or its place, named just after it), not where its forces came from."""
    from khabar.extract.places import district_mentions

    text = sent.text
    ids = []
    for p in district_mentions(sent, ctx):
        if p.district is None or _FROM_BEFORE.search(text, max(0, p.start - 40), p.start):
            continue
        if c_start <= p.start < c_end or (place is not None and text[p.start:p.end] == place
                                         and p.start < c_end + 40):
            ids.append(p.district.id)
    return tuple(dict.fromkeys(ids))




