"""Quotes: words in quotation marks and who said them.

Quotations are found over the whole report (they run across sentences), then attributed from
the words around them: `”, X said`, `said X: “`, `X charged that ... “...”`, `he said` (the last
person named), or a paragraph that continues the previous speaker. Short quoted phrases with no
speech verb beside them are scare quotes, not speech.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Span, Token

from khabar.extract.claims import subject_of
from khabar.extract.lowscan import Scan, lowered
from khabar.extract.sentences import Context, Sent, clean_name, party_in
from khabar.lang import en
from khabar.records import Evidence, Quote
from khabar.theatres.loader import Theatre

SPEECH = en.SPEECH
_SAID = SPEECH + "|" + "|".join(en.QUOTE_ATTRIBUTION_VERBS)  # the verbs beside a quotation that attribute it
_AFTER_SPEAKER = re.compile(
    rf"^\s*,?\s*(?:(?P<pron>he|she|they)\s+(?:{_SAID})\b|(?!(?:{_SAID})\b)(?P<who>[^.;:\u201c\u201d\"]{{1,160}}?)"
    rf"\s*,?\s+(?:{_SAID}|saying)\b|(?:{_SAID})\s+(?P<who2>[^.;\u201c\u201d\"]{{2,140}}))", re.I)
_BEFORE_SPEAKER = re.compile(
    rf"(?P<who>[^.;\u201c\u201d\"]{{2,160}}?)\s*,?\s+(?P<verb>{_SAID})\b(?P<mid>[^.;\u201c\u201d\"]{{0,200}}?)"
    rf"[\s,:]*$", re.I)
_QUOTED_AS = re.compile(r"\bquot(?:ed|ing)\s+(?P<who>[^.;\u201c\u201d]{2,120}?)\s+as(?:\s+(?:saying|telling\b.*))?$",
                        re.I)
_PASSIVE_AFTER = re.compile(r"^\s*(?:(?:this|that|it|these|those|the\s+\w+)\s+)?(?:was|were|is|are|has\s+been|"
                            r"had\s+been)\s+(?:said|told|stated|written|tweeted|posted|announced|shared|"
                            r"declared)\s+by\s+(?P<who>[^.;\u201c\u201d]{2,160})", re.I)
_WHAT_IT_CALLED = re.compile(r"(?:^|,\s*)(?P<who>[^.;,\u201c\u201d\"]{2,120})\s+(?:(?-i:[a-z]+ly)\s+)?(?-i:[a-z]+)(?:ed|es|s)\s+"
                             r"(?:(?:at|to|against|on|over|of)\s+)?what\s+(?:it|they|he|she|we)\s+(?:called|calls|"
                             r"termed|terms|described\s+as|describes\s+as|dubbed|dubs|labell?ed|branded)\s+"
                             r"(?:(?:an?|the|its|their|his|her)\s+)?$", re.I)
_CONJUNCTION = re.compile(r"^[\s,]*(?:while|whereas|but|and|as|when|although|though)\s+(?=[A-Z])")
# “...” \u2014 Ahmad Massoud, in a message: a name after a dash closing the quotation
_DASH_SPEAKER = re.compile(r"\s*[\u2014\u2013]\s*(?P<who>(?:[A-Z][\w\-\u2019'.]*\s+){0,4}[A-Z][\w\-\u2019']*)\s*(?:[,.(]|$)")
_QUOTED_AS_SAYING = re.compile(r"\bquot(?:ed|es|ing)\s+(?P<who>[^.;\u201c\u201d\"]{2,160}?)\s*,?\s+as\s+"
                               r"(?:saying|telling\s+[^.;\u201c\u201d\"]{1,60}?|having\s+said)\s*[,:]?\s*$", re.I)
# a headline's quotation, then a colon or a dash and who said it: “...”: Ex-minister says ...
_HEADLINE_SPEAKER = re.compile(r"^\s*[:\u2013\u2014-]\s*(?P<who>[\w][^.;:\u201c\u201d\"]{1,80}?)\s+"
                               r"(?:says|said|tells|told|vows|warns|insists|claims|declares|urges|"
                               r"admits|denies|rejects|asserts|announces|tweets|writes)\b")
_PRONOUN = re.compile(r"^(?:he|she|they|the (?:professor|expert|analyst|official|spokesman|"
                      r"spokesperson|minister|governor|commander|diplomat|envoy|journalist))$", re.I)
_SPEECH_ANYWHERE = re.compile(rf"\b(?:{SPEECH})\b", re.I)
_NAMING_BEFORE = re.compile(r"\b(?:called|dubbed|named|known as|so-called|titled|labell?ed|"
                            r"termed|branded|designated)\s+(?:the\s+|a\s+|an\s+|as\s+)?$", re.I)
_AS_BEFORE = re.compile(r"\b(?:as|called it|calling it|described it as|termed it)\s*$", re.I)


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    start: int  # of the words inside the marks, in report offsets
    end: int
    text: str


def _span(text: str, s: int, e: int) -> QuoteSpan:
    inner = text[s:e]
    stripped = inner.rstrip(" ,")
    lead = len(inner) - len(inner.lstrip())
    return QuoteSpan(s + lead, s + len(stripped), stripped.strip())


# the marks that open or close a quotation, whatever a report prints: curly, straight, low-high
# („...“), guillemets («...», »...«), reversed (”...”); single marks are read apart (apostrophes)
_DOUBLE_MARK = re.compile("[\u201c\u201d\u201e\u201f\"\u00ab\u00bb]")
_SINGLE_MARK = re.compile("[\u2018\u2019\u201a\u201b'\u2039\u203a]")
_OPENS_ONLY = "\u201e\u201a\u00ab\u2039"  # „ ‚ « ‹ never close
_CLOSES_ONLY = "\u00bb\u203a"  # » › (read as closing; »...« is rare in English)
_OPEN_BEFORE = set(" \t\n\r([{\u2014\u2013-/:\u00a0") | set("\u201c\u201d\u201e\u201f\"\u00ab\u00bb\u2018\u2019'")
_CLOSE_AFTER = set(" \t\n\r)]}.,;:!?\u2014\u2013-/\u00a0\u2026") | set("\u201c\u201d\u201f\"\u00ab\u00bb\u2018\u2019'\u203a")
_MAX_PART = 1200  # characters of one paragraph of a quotation
_MAX_BREAKS = 3  # paragraphs a quotation runs over without opening each again


@dataclass(frozen=True, slots=True)
class _Mark:
    pos: int
    opens: bool
    closes: bool
    weak: bool = False  # a plural's possessive, perhaps ("the soldiers' families")


def _marks(text: str, pattern: re.Pattern[str], single: bool) -> list[_Mark]:
    """Return each quotation mark of a kind with whether it may open and whether it may close
    a quotation, from the characters beside it (a mark after a space opens, one before a space
    or a stop closes) and from its own direction where the characters do not tell."""
    out = []
    n = len(text)
    for m in pattern.finditer(text):
        i = m.start()
        c = text[i]
        prev = text[i - 1] if i else "\n"
        nxt = text[i + 1] if i + 1 < n else "\n"
        can_open = prev in _OPEN_BEFORE and not nxt.isspace()
        can_close = not prev.isspace() and (nxt in _CLOSE_AFTER or i + 1 == n)
        if single:
            # an apostrophe inside a word (don't, the group's) is no mark; a closing mark after an
            # "s" before a word is a plural's possessive ("the soldiers' families")
            if prev.isalnum() and nxt.isalnum():
                continue
            can_open = can_open and nxt.isalpha() and c in "\u2018\u201a'\u201b\u2039"
            weak = can_close and prev == "s" and bool(_POSSESSIVE_AFTER.match(text, i + 1))
            can_close = can_close and c in "\u2019'\u203a\u2018"
            if weak and can_close:  # closes only where no other mark does ("'baseless' and")
                out.append(_Mark(i, False, True, True))
                continue
            if not can_open and not can_close:
                continue
        if c in _OPENS_ONLY:
            can_open, can_close = True, False
        elif c in _CLOSES_ONLY:
            can_open, can_close = False, True
        elif can_open and can_close:  # " between spaces: its direction decides, or the state
            can_open, can_close = c in "\u201c\u201f\"\u2018'", c in "\u201d\"\u2019'"
        elif not can_open and not can_close:  # ,"he said / word"word
            can_open, can_close = c in "\u201c\u201f\"\u2018", c in "\u201d\"\u2019'"
        if can_open or can_close:
            out.append(_Mark(i, can_open, can_close))
    return out


_POSSESSIVE_AFTER = re.compile(r"\s+(?!(?:he|she|they|it|said|says|told|added|according|adding|"
                               r"the\s+(?:\w+\s+){0,3}(?:said|says|told|added))\b)[a-z]")


def _pair(text: str, marks: list[_Mark], across: bool) -> list[tuple[list[int], int]]:
    """Pair opening and closing marks into quotations: (the opening marks, the closing mark). A
    quotation that runs over paragraphs opens each paragraph again, or runs on unmarked for up
    to three; an opening mark with no closing one (unbalanced) is no quotation."""
    out: list[tuple[list[int], int]] = []
    i, n = 0, len(marks)
    while i < n:
        if not marks[i].opens:
            i += 1
            continue
        opens, j, close, weak = [marks[i].pos], i + 1, None, None
        while j < n:
            m = marks[j]
            between = text[opens[-1] + 1:m.pos]
            breaks = between.count("\n")
            if breaks > _MAX_BREAKS or len(between) > _MAX_PART * (breaks + 1):
                break
            at_paragraph = m.opens and bool(breaks) and not text[between.rfind("\n") + opens[-1] + 1:m.pos].strip()
            if at_paragraph:
                opens.append(m.pos)  # the next paragraph of the same quotation opens again
            elif m.weak:
                if weak is None and not breaks:
                    weak = j
            elif m.closes:
                if not breaks or across:  # single marks close in the paragraph they open in
                    close = m.pos
                break
            elif m.opens:
                break  # another quotation opens before this one closed: this one is unbalanced
            j += 1
        if close is None and weak is not None:
            close, j = marks[weak].pos, weak
        if close is None:
            i += 1
            continue
        out.append((opens, close))
        i = j + 1
    return out


def _parts(text: str, opens: list[int], close: int) -> list[QuoteSpan]:
    """Return a quotation's words, one span per paragraph it runs over."""
    parts = []
    for k, o in enumerate(opens):
        end = opens[k + 1] if k + 1 < len(opens) else close
        pos = o + 1
        for chunk in re.split(r"(\n\s*)", text[pos:end]):
            if chunk.strip():
                a = pos + len(chunk) - len(chunk.lstrip())
                b = pos + len(chunk.rstrip())
                parts.append(_span(text, a, b))
            pos += len(chunk)
    return [p for p in parts if p.text]


def quotations(text: str) -> tuple[list[QuoteSpan], str]:
    """Return every quotation of a report (one span per paragraph it runs over) and the report
    with each quotation's marks written as curly double marks, offsets unchanged."""
    if not _ANY_MARK.search(text):
        return [], text
    chars = list(text)
    out: list[QuoteSpan] = []
    taken: list[tuple[int, int]] = []
    for opens, close in _pair(text, _marks(text, _DOUBLE_MARK, single=False), across=True):
        out.extend(_parts(text, opens, close))
        taken.append((opens[0], close))
        for o in opens:
            chars[o] = "\u201c"
        chars[close] = "\u201d"
    if "\u2018" in text or "'" in text or "\u201a" in text or "\u2039" in text:
        ends = [a for a, _ in taken]
        for opens, close in _pair(text, _marks(text, _SINGLE_MARK, single=True), across=False):
            k = bisect_right(ends, opens[0]) - 1
            if k >= 0 and taken[k][0] < opens[0] < taken[k][1]:
                continue  # a quotation inside a quotation is the outer one's words
            parts = _parts(text, opens, close)
            if sum(len(p.text) for p in parts) < 2:
                continue  # rock 'n' roll
            out.extend(parts)
            for o in opens:
                chars[o] = "\u201c"
            chars[close] = "\u201d"
    out.sort(key=lambda q: q.start)
    return out, "".join(chars)


_ANY_MARK = re.compile("[\u201c\u201d\u201e\u201f\"\u00ab\u00bb\u2018\u201a\u2039']")


def find_quotes(text: str) -> list[QuoteSpan]:
    """Return every quotation in a report as the words inside its marks (see `quotations`)."""
    return quotations(text)[0]


_VERBY = re.compile(r"\b(?:will|would|is|are|was|were|has|have|had|can|could|runs?|does|do|"
                    r"did|may|might|should|must)\b", re.I)


# a comma segment that is an adjunct, not the speaker: "without confirming it", "speaking to X",
# "Speaking to reporters", "in a statement", "on Friday" ("Beijing said" is a city, not a participle)
_ADJUNCT = re.compile(r"^(?:without|with|in|on|at|after|before|during|while|despite|for|from|by|through|"
                      r"according|citing|quoting|though|although|when|as|last|this|earlier|later|asked|contacted|"
                      r"reached|questioned|pressed|interviewed|approached|meanwhile|however|also|(?-i:[a-z]{3,}ing)|(?-i:[A-Z][a-z]{3,}ing)(?=\s+(?:to|with|at|in|"
                      r"on|from|after|before|during|about|the|a|an|his|her|their|its|that|this)\b))\b", re.I)
_WHEN = re.compile(r"\s+(?:(?:on\s+)?(?:" + "|".join(en.WEEKDAYS) + r")|(?:last|this|next)\s+(?:week|month|year|"
                   r"night|weekend|\w+day)|yesterday|today|earlier|later|recently|also|again)$", re.I)


_ROLE_DESC = re.compile(r"(?:(?:the|a|an)\s+)?(?:[\w\-\u2019']+\s+){0,4}?(?i:" + en.alternation(en.SPEAKER_ROLES) +
                        r")(?:\s+(?:for|of|to|at|in)\s+[^,]{1,60})?")


# where or how words were said, inside the words before a speech verb: "the movement in a statement
# said", "In a video message, X said", "X on Twitter wrote"
_MEDIUM = re.compile(r"(?:^|(?<=\s)|(?<=,))\s*(?i:in|on|via|through|during)\s+(?:(?i:an?|the|its|his|her|their|"
                     r"a\s+(?:separate|recent|short|brief))\s+)?(?:[\w\-\u2019']+\s+){0,3}?"
                     r"(?i:statement|tweets?|video(?:\s+message)?|audio(?:\s+message)?|message|interview|"
                     r"post(?:ing)?|briefing|press\s+conference|news\s+conference|speech|address|letter|"
                     r"communiqu[e\u00e9]|remarks|Twitter|Facebook|Telegram|WhatsApp)\b(?:\s+(?:on|to)\s+"
                     r"(?:(?i:its|his|her|their|the)\s+)?(?i:website|Twitter|Facebook|Telegram|account|channel|"
                     r"reporters|journalists))?\s*,?")
# a comma segment that tells about the speaker, not who it is: "who asked not to be named", "issued
# by both sides after the talks"
_ABOUT = re.compile(r"^(?:who|whose|which|issued|released|signed|published|posted|sent|read\s+out|quoted|"
                    r"cited|carried|broadcast|aired|speaking|talking)\b", re.I)


# an apposition set off by dashes is one set off by commas: "X \u2013 one member of the alliance \u2013 said"
_DASHES = re.compile(r"\s+(?:[\u2013\u2014]|--?)\s+")


def _of_body(seg: str) -> str | None:
    """Return the person's name of "NAME of the BODY" ("Ali Khan of the provincial council")."""
    m = _NAME_OF.match(seg.strip())
    if m is None or _NOT_A_PERSON.search(m["name"]) or _ROLE_LOW.search(m["name"].lower()):
        return None
    return m["name"]


def _pick_segment(who: str, before_verb: bool) -> str:
    """Return the part of "X, an expert at Y," that names the speaker."""
    parts = [p.strip() for p in _DASHES.sub(", ", who).split(",") if p.strip()]
    if len(parts) > 1 and any(_ABOUT.match(p) for p in parts[1:]):
        parts = [parts[0]] + [p for p in parts[1:] if not _ABOUT.match(p)]
    heads = [p for p in parts if not _ADJUNCT.match(p)]
    if heads and len(heads) < len(parts) and before_verb:
        parts = heads  # "Security officials, without confirming the fall, said": not the adjunct
    if not parts:
        return ""
    if not before_verb:
        if len(parts) > 1 and re.match(r"^(?:an?|the)\s+[a-z]", parts[0]) and _NAME.match(parts[1]):
            return parts[1]  # "said the council member, Sardar Mohammad Hotak"
        return parts[0]
    last = parts[-1]
    if len(parts) > 1 and _ROLE_DESC.fullmatch(last) and (_NAME.match(parts[-2]) or _of_body(parts[-2])):
        return parts[-2]  # "Petrov, Russia's envoy, said"
    if len(parts) > 1 and last[:1].islower() and _NAME.match(parts[0]):
        return parts[0]  # "Shukhrat Khalmukhamedov, chief of the general staff of ..."
    if re.match(r"^(?:an?|the)\s+[a-z]", last) and len(parts) > 1:
        for p in reversed(parts[:-1]):
            if p[:1].isupper() and not re.match(r"^(?:an?|the)\s", p):
                return p
    return last


# a name's own word before the one an actor is known by (not a title: "President Ghani" is him)
_GIVEN_BEFORE = re.compile(r"(?<![\w\-])(?!(?i:" + en.alternation(en.SPEAKER_ROLES) + r"|mr|mrs|ms|dr|gen|mullah|"
                           r"mawlawi|maulvi|sheikh|haji|prof|professor|minister|foreign|defence|defense|interior|"
                           r"deputy|acting|former|senior|general|lt|col|the|a|an)\b)[A-Z][a-z\-\u2019']+\.?\s+$")
_LONGER_NAME = re.compile(r"\s+[A-Z][a-z]")
_LONGER = re.compile(r"(?:\s+[A-Z][a-z\-\u2019']+){1,2}(?=[,.;:]|\s*$|\s+[a-z])")
_NAME = re.compile(r"^(?:[A-Z][\w\-\u2019']+\s+){0,3}[A-Z][\w\-\u2019']+$")
_ANONYMOUS = re.compile(r"\b(?:not to be named|not want to be named|condition of anonymity|"
                        r"not authori[sz]ed to speak|declined to be named|requested anonymity)\b", re.I)
_STATEMENT = re.compile(r"^(?:the|a|its|their)\s+(?:joint\s+)?(?:statement|communiqu[eé]|declaration|"
                        r"press release)$", re.I)
_ROLE = re.compile(r"^(?:professor|expert|analyst|official|spokesman|spokesperson|spokeswoman|minister|"
                   r"governor|commander|diplomat|envoy|journalist|ambassador|president|general|"
                   r"police chief|chief|mayor|senator|lawmaker|MP)$", re.I)
_RELATIVE = re.compile(r"\s+(?:who|which|that)\s+(?:did|does|do|was|were|is|are|has|had|have|spoke|"
                       r"asked|declined|requested)\b.*$", re.I)


_GIVEN_NAME = re.compile(r"\b(?:gave\s+(?:his|her|their)\s+(?:first\s+)?name\s+(?:only\s+)?as|identified\s+(?:only\s+)?"
                         r"(?:himself\s+|herself\s+)?as|who\s+(?:is\s+)?named|named)\s+"
                         r"(?P<name>(?:[A-Z][\w\-\u2019']+\s*){1,4})\s*$")
_ISSUED_BY = re.compile(r"^(?:(?:the|a|an|its|their)\s+)?(?:[\w\-]+\s+){0,2}?(?:statement|communiqu[eé]|"
                        r"press release|declaration|post|tweet|message|letter|notice)\s+"
                        r"(?:(?:issued|released|signed|posted|sent|published)\s+)?(?:from|by|of)\s+"
                        r"(?P<who>[^,;]{3,120})$", re.I)


def _armed_group(name: str, ctx: Context) -> bool:
    """Whether a group the report names is a movement or force of no state: neither the
    incumbent's nor a foreign state's nor an international body."""
    actor = ctx.theatre.actor(name)
    return actor is not None and actor.kind in ("movement", "force", "organisation") and \
        actor.side not in (ctx.theatre.incumbent, "foreign", "international", "other")


def _theatre_group(noun: str, ctx: Context) -> str | None:
    """Return the group the theatre calls by a generic noun ("the insurgents"), if any."""
    actor = ctx.theatre.actor(noun.strip())
    return actor.name if actor is not None and actor.kind != "person" else None


def _speaker_name(who: str, sent: Sent | None, ctx: Context, at: int,
                  before_verb: bool = False) -> str | None:
    who = _MEDIUM.sub(" ", who)  # "the movement in a statement", "In a tweet, X": where, not who
    if re.fullmatch(r"\s*(?:him|her)\s*", who, re.I):
        return ctx.person_before(at)  # "according to him": the last person named
    if re.match(r"^(?:on|in|at|to|for|but|and|or|of|with|from|by|as|its|their)\s", who.strip()):
        return None  # "on its ally Tajikistan but urged": not a speaker
    given = _GIVEN_NAME.search(who)
    if given:  # "a soldier who gave his name as Abdul Rahim", "a resident identified only as Karim"
        return clean_name(given["name"])
    issued = _ISSUED_BY.match(who.strip())
    if issued:  # "a statement from the state prosecutor said": the prosecutor's
        return _speaker_name(issued["who"], sent, ctx, at, before_verb) or clean_name(issued["who"])
    anonymous = bool(_ANONYMOUS.search(who))
    who = _RELATIVE.sub("", _pick_segment(who.strip(), before_verb))  # "an official who did not ..."
    if not who or len(who) > 90 or len(who.split()) > 12 or _VERBY.search(who):
        return None
    person_of = _of_body(who)
    if person_of:  # "Tar Bhone Kyaw of the liberation army": the person, not the body
        return ctx.note_person(clean_name(person_of))
    if anonymous:
        return clean_name(who)  # "a police officer who asked not to be named": described, unnamed
    if re.fullmatch(r"(?:the\s+)?(?:group|movement|militants|insurgents|front)", who.strip(), re.I):
        # "the group said": the last armed group named (not the state's forces), else the last group
        return getattr(ctx, "last_armed_group", None) or ctx.last_group or _theatre_group(who, ctx) or \
            clean_name(who)
    if _STATEMENT.match(who.strip()):
        # "the statement said": the body a sentence before says issued it, as the report names it
        return ctx.last_body or _last_body_speaker(ctx, at) or clean_name(who)
    if re.fullmatch(r"it", who.strip(), re.I):  # "it said": the body that spoke last
        return _last_body_speaker(ctx, at) or ctx.last_body or ctx.last_group
    role_of = _DEFINITE_ROLE_OF.fullmatch(who.strip())
    if role_of:  # "the spokesman for the movement said": the group's spokesman the report named last
        named_role = _role_before(ctx, at, role_of["role"], role_of["body"])
        if named_role and named_role[:1].isupper():
            return named_role
        last = ctx.person_before(at)  # the person named last, whom the actors file knows in that role
        actor = ctx.theatre.actor(last) if last else None
        body = [w for w in re.findall(r"[A-Z][\w\-]+", role_of["body"]) if len(w) > 2]
        if actor is not None and actor.kind == "person" and \
                _role_key(role_of["role"]) in actor.role.lower() and any(w.lower() in actor.role.lower() for w in body):
            return last
        return clean_name(who)
    role = _DEFINITE_ROLE.fullmatch(who.strip())
    if role:  # "the spokesman said": the last spokesman the report named, or described
        # "the group's deputy leader" a sentence after the named deputy is him; "the Foreign Office
        # spokesperson" with nobody named near is described
        near = ctx.person_before(at) if len(who.split()) <= 2 or _person_near(ctx, at) else None
        found = _role_before(ctx, at, role["role"]) or near
        owner = party_in(ctx.theatre, who.strip()[:role.start("role")], by_demonym=False)
        if found and owner is not None and party_in(ctx.theatre, found, by_demonym=False) not in (None, owner):
            # "the Front spokesman said" after "Army spokesman X": not X, but the body's own
            return _role_of_body_before(ctx, at, role["role"], owner) or clean_name(who)
        return found or clean_name(who)
    quoted = _QUOTED_AS.search(who)
    if quoted:  # "Tolo News quoted X as": X
        return _speaker_name(quoted["who"], sent, ctx, at, before_verb)
    if _PRONOUN.match(who.strip()) or _ROLE.match(clean_name(who)) or \
            re.fullmatch(r"(?:he|she)", who.strip(), re.I):
        if re.fullmatch(r"(?:he|she|they)", who.strip(), re.I):
            return ctx.person_before(at)  # a pronoun no one named before is no speaker's name
        return ctx.person_before(at) or clean_name(who)
    unnamed = _UNNAMED_ROLE.fullmatch(who.strip())
    if unnamed and not re.search(r"\b[A-Z][a-z]+\s+[A-Z][a-z]+", unnamed["desc"]):
        return clean_name(unnamed["desc"])  # "an army spokesman said": described, unnamed
    while _WHEN.search(who):  # "Wang Yi last month", "Mujahid on Friday"
        who = _WHEN.sub("", who)
    # a person named in these words, by the NER or the actors file
    if sent is not None:
        lo, hi = at - sent.start - len(who) - 5, at - sent.start + len(who) + 5
        for e in sent.all_ents:
            if e.label_ in ("PERSON",) and e.text in who:
                whole = next((p.strip() for p in who.split(",") if e.text in p), "")
                if e.text in whole and _NAME.match(whole) and len(whole.split()) <= 5:
                    return ctx.note_person(clean_name(whole))  # "Saw Kler Doh" where the NER saw "Kler Doh"
                more = _LONGER.match(who, who.find(e.text) + len(e.text))
                # "Gul Ahmad Wardak": a name the NER cut where a place's name goes on with it
                return ctx.note_person(e.text + (more.group(0) if more else ""))
        for e in sent.all_ents:
            if e.label_ == "ACTOR" and e.text in who and lo - 200 <= e.start_char <= hi + 200 and \
                    not _LONGER_NAME.match(who, who.find(e.text) + len(e.text)) and \
                    not _GIVEN_BEFORE.search(who, 0, who.find(e.text)):
                # "Abdullah Ghafoor" is not the Abdullah whom the actors file knows by one name, nor
                # "Abdul Ghani" the Ghani
                actor = ctx.theatre.actor(e.text)
                if actor and actor.kind == "person":
                    return ctx.note_person(actor.name)
    first = re.split(r",|\s+(?:who|an?)\s+", who)[0].strip()
    words = first.split()
    caps = [w for w in words if w[:1].isupper()]
    if caps and len(caps) == len(words) and len(words) <= 4:
        name = clean_name(first)
        return ctx.note_person(name) if len(words) >= 2 or ctx.full_name(name) != name else name
    if _ROLE_OF.match(first):  # "Governor of Balkh province": the role, not the place
        return clean_name(first)
    if _BODY_NAME.fullmatch(first) and _NOT_A_PERSON.search(first):
        return clean_name(first)  # "the Ministry of Foreign Affairs": the body whole, not "Foreign Affairs"
    # a role or body: "presidential spokesman Dmitry Peskov", "the defense ministry"
    m = re.search(r"((?:[A-Z][\w\-’']+\s+){1,3}[A-Z][\w\-’']+)\s*$", first)
    if m:
        return ctx.note_person(clean_name(m.group(1)))
    if len(first) <= 80:
        return clean_name(first)
    return None


def attribute(text: str, q: QuoteSpan, sents: list[Sent], starts: list[int], ctx: Context,
              paragraph_start: int) -> str | None:
    """Return the speaker of a quotation, or None when it is a scare quote."""
    i = bisect_right(starts, q.start) - 1
    sent = sents[i] if i >= 0 else None
    close = q.end + 1
    while close < len(text) and text[close] in "\u201d\",. ":
        if text[close] in "\u201d\"":
            close += 1
            break
        close += 1
    after = text[close:close + 160].split("\n")[0]
    s_start = sent.start if sent else 0
    before = text[max(s_start, q.start - 250):q.start - 1]
    n_words = len(q.text.split())
    called = _WHAT_IT_CALLED.search(before)
    if called and not _is_a_name(q):  # "the embassy condemned what it called the “...”": who calls it so
        name = _speaker_name(re.sub(r"(?:\s+(?-i:[a-z]+ly))+$", "", called["who"]), sent, ctx, q.start - 1,
                             before_verb=True)
        if name:
            return name
    if _NAMING_BEFORE.search(text[max(0, q.start - 40):q.start - 1]) or _is_a_name(q):
        return None  # a name or title: the so-called "Moscow format", called the "Commander ..."
    name = _relative_clause_speaker(text, q, sent, ctx)
    if name:  # "Officials say the insurgents, who are urging soldiers “...”": the insurgents' words
        return name
    dash = _DASH_SPEAKER.match(text, close, min(len(text), close + 120)) if not _is_a_name(q) else None
    if dash and n_words >= 3:  # “We will fight to the last drop” \u2014 Ahmad Massoud, in a message
        name = _speaker_name(dash["who"], sent, ctx, close, before_verb=True)
        if name:
            return name
    qa = _QUOTED_AS_SAYING.search(before)
    if qa:  # "Tolo News quoted X, the head of the council, as saying: “...”": X's words
        name = _speaker_name(qa["who"], sent, ctx, q.start - 1, before_verb=True)
        if name:
            return name
    line_start = text.rfind("\n", 0, q.start) + 1
    head = _HEADLINE_SPEAKER.match(after) if not text[line_start:q.start - 1].strip() else None
    if head:  # a headline: “We will defend the valley”: Massoud vows to resist
        name = _speaker_name(head["who"], sent, ctx, close, before_verb=True)
        if name:
            return name
    closes_clause = q.text[-1:] in ",.!?" or "," in text[q.end:close + 1] or \
        text[close:close + 1] in ",.;:" or n_words >= 4
    m = _AFTER_SPEAKER.match(after)
    if m and closes_clause and re.match(r"\s*,?\s*according\s+to\b", after, re.I) and sent is not None \
            and q.start < sent.end:
        # "Wang told them that Beijing saw it as “...”, according to a statement": Wang's words
        a = _sentence_around(text, q)[0]
        name = _governing_speaker(sent, q, ctx) if sent.parsed else \
            _governing_speaker_by_rules(text[a:q.start - 1], a, sent, ctx)
        if name:
            return name
    if m and closes_clause:
        if m["pron"]:
            if m["pron"].lower() == "they":  # "“...,” they said": the officials or the group named before
                return _plural_before(text, q.start, ctx)
            return ctx.person_before(q.start)
        who = m["who"] or m["who2"] or ""
        who = re.split(r"\s+(?:on|in|at|during|after)\s+(?:" + "|".join(en.WEEKDAYS) + r"|a |an |the )", who)[0]
        name = _speaker_name(who, sent, ctx, close)
        if name:
            return name
    m = _PASSIVE_AFTER.match(after)
    if m and closes_clause:  # “...” These words were written by X, ...
        name = _speaker_name(m["who"], sent, ctx, close)
        if name:
            return name
    clause = re.split(r"[\u201c\u201d\"]", before)[-1]
    if sent is not None and _FRAMED.search(clause) and (n_words >= 4 or _says_words(clause)):
        name = _framer(sent, q.start, ctx)
        if name:
            return name  # calling it "baseless"; claimed the group had "completely liberated"
    m = _BEFORE_SPEAKER.search(before)
    while m and re.search(rf"\b(?:{_SAID})\b", m["mid"], re.I):
        # "“...,” Biden said, while Ghani said: “...”": the verb nearest the quotation
        later = _BEFORE_SPEAKER.search(before, m.end("verb"))
        subject = _CONJUNCTION.sub("", later["who"]).strip(" ,") if later else ""
        if later is None or not _CONJUNCTION.match(later["who"]) or \
                _speaker_name(subject, sent, ctx, q.start, before_verb=True) is None:
            break
        m = later
    at_end = bool(re.match(r"^[\u201d\"]?\s*(?:[.!?]|$)", text[close - 1:close + 2].lstrip("\u201d\""))) \
        or q.text[-1:] in ".!?"
    if m and (n_words >= 4 or _AS_BEFORE.search(before) or before.rstrip().endswith(":")
              or (len(m["mid"].split()) <= 6 and (at_end or closes_clause)
                  # "announced the end of the “forever war”,": an object named, not words said
                  and (not m["mid"].strip(" ,:") or _CLAUSE.search(m["mid"])
                       or _NAMING_VERB.fullmatch(m["verb"])))):
        name = _speaker_name(_CONJUNCTION.sub("", m["who"]), sent, ctx, max(s_start, q.start - 250) + m.start("verb"),
                             before_verb=True)
        if name:
            return name
        if sent is not None and (n_words >= 4 or at_end):
            name = _framer(sent, q.start, ctx)
            if name:
                return name
    own = sent if sent is not None and q.start < sent.end else None  # the quotation's own sentence
    name = _reported(text, q, own, ctx)
    if name:
        return name
    sentence_text = sent.text if sent else ""
    if n_words >= 3 and _SPEECH_ANYWHERE.search(sentence_text):
        sm = re.search(rf"(?P<who>[A-Z][^.;\u201c\u201d\"]{{1,120}}?)\s*,?\s+(?:{SPEECH})\b",
                       sentence_text)
        if sm and not q.start <= (sent.start if sent else 0) + sm.end("who") < q.end:
            # (a speech verb inside the quotation, "not only what they say", is no attribution)
            return _speaker_name(sm["who"], sent, ctx, (sent.start if sent else 0) + sm.end("who"),
                                 before_verb=True)
    if n_words >= 3:
        name = _previous_sentence_speaker(text, q, sents, starts, ctx)
        if name:
            return name
    newcomer = _newcomer(ctx, starts, i, q.start)
    if newcomer is not None and (ctx.last_speaker is None or n_words >= 5 or q.start - 1 <= paragraph_start + 1):
        # “...,” X said. Y, a member of the council, saw it otherwise. “...”: Y goes on
        if q.start - 1 <= paragraph_start + 1 or (ctx.last_quote_end is not None and
                                                   0 <= q.start - ctx.last_quote_end < 300):
            return newcomer
    if ctx.last_quote_end is not None and ctx.last_speaker and 0 <= q.start - ctx.last_quote_end < 300:
        between = text[ctx.last_quote_end:q.start]
        if "\n" not in between and _SPEECH_ANYWHERE.search(between) and (
                re.search(r"[.!?]\s*[\u201c\"]?$", between) or _ATTRIBUTION_ONLY.match(between)):
            # “...,” Serenko said. “But ...”; “...,” said X, a researcher who ... . “Each ...”:
            # the same speaker goes on
            return ctx.last_speaker
    if q.start - 1 <= paragraph_start + 1 and n_words >= 5 and ctx.last_speaker:
        return ctx.last_speaker  # a paragraph that goes on quoting the last speaker
    return None


def _newcomer(ctx: Context, starts: list[int], i: int, pos: int) -> str | None:
    """Return a person named as a subject in the sentence before a quotation's (sentence `i`), or
    the body that sentence says issued a statement, when that sentence comes after the one of the
    last attributed quotation (whose attribution names its speaker and who they are), other than
    its speaker; else None."""
    if ctx.last_quote_end is None or ctx.last_speaker is None or i < 1:
        return None
    j = bisect_right(starts, ctx.last_quote_end - 1) - 1  # the last quotation's sentence
    if j + 1 >= len(starts) or starts[j + 1] > starts[i - 1]:
        return None
    issuer = getattr(ctx, "_statement_issuers", {}).get(starts[i - 1])
    if issuer and not _content_words(issuer) & _content_words(ctx.last_speaker):
        return str(issuer)  # "The ministry released a statement on the fighting. “...”": the ministry's
    between = getattr(ctx, "person_between", None)
    name = between(starts[i - 1], pos) if between is not None else None
    if name is None or _content_words(name) & _content_words(ctx.last_speaker):
        return None
    return str(name)


# -- a quotation inside reported speech, or in a sentence its attribution closes -----------------

_STOP = re.compile(r"[.!?](?=[\u201d\u2019')\]]*(?:\s|$))")
_QUOTING_VERB = re.compile(r"\b(?:" + "|".join((*en.SPEECH_VERBS[:-1], *en.FRAMING_VERBS, *en.QUOTING_VERBS))
                           + r")\b", re.I)
# what lies between a speech verb and a phrase of what was said: a clause ("that", a finite verb,
# "to" and a verb), or what the verb is of ("warned of", "spoke about")
_CLAUSE = re.compile(r"\b(?:that|whether|if|how|why|what|when)\b|" + _VERBY.pattern + r"|"
                     r"^\s*(?:to\s+[a-z]+|(?:of|about|against|for)\b)|\bto(?:\s+[a-z]+)?\s*$|^[\s,:]*$", re.I)
_CLOSING_SAID = re.compile(
    r",\s*(?P<who>[^,.;\u201c\u201d]{2,100}?)\s+(?:said|says|told|added|stated|wrote|tweeted|confirmed|"
    r"announced|noted|insisted|claimed)\b(?:[^.;\u201c\u201d]{0,80}|[^.;,\u201c\u201d]{0,40},\s*(?:after|as|when|while|because|since|"
    r"although|though|before|days?|hours?|weeks?)\b[^;\u201c\u201d]{0,300})$"
    r"|,\s*(?:said|says|told|added|stated)\s+(?P<who2>[^,.;\u201c\u201d]{2,100}?)"
    r"(?:,[^.;\u201c\u201d]{0,120})?$"
    r"|,?\s*according\s+to\s+(?P<who3>[^.;\u201c\u201d]{2,120}?)$", re.I)
_ACCORDING = re.compile(r"\baccording\s+to\s+(?P<who>[^.;,\u201c\u201d]{2,100})", re.I)


def _sentence_around(text: str, q: QuoteSpan) -> tuple[int, int]:
    """Return where the sentence holding a quotation starts and ends, read from the text alone
    (the sentences the pipeline keeps may not hold it): stops inside quotation marks are not
    the sentence's."""
    a = text.rfind("\n", 0, q.start) + 1
    depth, last = 0, a
    for k in range(a, q.start - 1):
        c = text[k]
        if c == "\u201c":
            depth += 1
        elif c == "\u201d":
            depth = max(0, depth - 1)
        elif depth == 0 and c in ".!?" and _STOP.match(text, k):
            last = k + 1
    b = text.find("\n", q.end)
    b = len(text) if b < 0 else b
    depth = 0
    for k in range(q.end + 1, b):
        c = text[k]
        if c == "\u201c":
            depth += 1
        elif c == "\u201d":
            depth = max(0, depth - 1)
        elif depth == 0 and c in ".!?" and _STOP.match(text, k):
            return last, k + 1
    return last, b


def _says_words(clause: str) -> bool:
    """Return whether a short phrase after these words is what someone said or called something:
    a clause after the speech verb ("said the group had “...”"), or a verb that names ("called it
    “...”", "claimed"), not the object of an announcement ("announced the end of the “...”")."""
    verbs = list(_QUOTING_VERB.finditer(clause))
    if not verbs:
        return True  # framed by a word the verb lists do not hold ("expressed anger over")
    v = verbs[-1]
    mid = clause[v.end():]
    return not mid.strip(" ,:") or bool(_CLAUSE.search(mid)) or _NAMING_VERB.fullmatch(v.group(0)) is not None \
        or v.group(0).lower() in ("claimed", "claims", "alleged", "alleges", "insisted", "insists", "vowed", "vows",
                                  "accused", "accuses", "blamed", "blames", "expressed", "voiced", "rejected",
                                  "denied", "denies")


def _previous_sentence_speaker(text: str, q: QuoteSpan, sents: list[Sent], starts: list[int],
                               ctx: Context) -> str | None:
    """Return who speaks a quotation that is a sentence of its own, unattributed, from the
    sentence before: "X said the town fell at dawn. “...”" in one paragraph, or "X said in a
    statement:" closing the paragraph before."""
    a, b = _sentence_around(text, q)
    if text[a:q.start - 1].strip() or text[q.end + 1:b].strip(" .!?\u201d"):
        return None  # words of the sentence's own before or after the quotation
    before = text[:a].rstrip()
    if not before:
        return None
    paragraph_break = "\n" in text[len(before):a]
    last_paragraph = before[before.rfind("\n") + 1:]
    runs_on = text[q.end:q.end + 1] not in ("\u201d", "\"")  # a paragraph of a quotation that goes on
    if paragraph_break and not before.endswith(":") and (
            "\u201c" in last_paragraph or "\u201d" in last_paragraph or q.start - len(before) > 6 or runs_on):
        # a paragraph of reported speech with no quotation of its own introduces who speaks the
        # quotation that opens the next paragraph ("X said the attack was repelled." / "“...”")
        return None
    if before.endswith("\u201d"):
        return None  # the sentence before is a quotation: its speaker goes on (attribute's last rule)
    start = max(before.rfind("\n") + 1, 0)
    for m in _STOP.finditer(before, start):
        if m.end() < len(before) - 1:
            start = m.end()
    prev = before[start:]
    if "\u201c" in prev or "\u201d" in prev:
        return None  # the sentence before holds a quotation: its speaker goes on (attribute's last rule)
    v = _QUOTING_VERB.search(prev)
    if v is None:
        return None
    who = prev[:v.start()].strip()
    if paragraph_break and not before.endswith(":"):
        who = ([x for x in who.split(",") if x.strip()] or [""])[-1].strip()  # "..., the ministry said"
    if not who or who[:1].islower() and not paragraph_break and not re.match(r"(?:he|she)\b", who, re.I):
        return None
    i = bisect_right(starts, start + v.start()) - 1
    sent = sents[i] if i >= 0 and start + v.start() < sents[i].end else None
    return _speaker_name(who, sent, ctx, start + v.start(), before_verb=True)


_GENERIC_SOURCE = re.compile(r"(?:local\s+)?(?:residents|officials|sources|witnesses|locals|people|villagers|"
                             r"elders|analysts|observers|reports)\b", re.I)


def _is_a_scare_noun(q: QuoteSpan, sent: Sent | None) -> bool:
    """A single plural noun in marks inside plain sourcing ("residents said the militants had set
    up “checkpoints”") doubts the word; a verb or an adjective ("“liberated”", "“useful”") is the
    speaker's. A plural noun, from the parse where there is one, else from its ending."""
    words = q.text.split()
    if len(words) > 2 or not q.text[:1].isalpha():
        return False  # "shadow courts", "taxes"
    if sent is not None and sent.parsed:
        tok = next((t for t in sent.doc if t.idx >= q.end - sent.start - len(words[-1])), None)
        return tok is not None and tok.tag_ in ("NNS", "NNPS")
    return bool(re.fullmatch(r"[a-z]+[^su]s", words[-1]))


def _is_a_name(q: QuoteSpan) -> bool:
    """A short quotation of capitalised words only ("Troika Plus") names something; nobody says it."""
    words = q.text.split()
    return len(words) <= 4 and q.text[-1:] not in ".!?" and all(w[:1].isupper() or not w[:1].isalpha()
                                                                  for w in words)


# a quotation inside a relative clause whose verb says, calls, urges or promises: "Officials say
# the insurgents, who are urging soldiers “in enemy ranks” to surrender, have ..."; the clause runs
# on to the quotation with no comma (", who spoke on condition of anonymity, said “...”" is closed)
_RELATIVE_OPEN = re.compile(r",\s+(?:who|which)\s+(?P<clause>[^,;:.!?\u201c\u201d]{1,120})$", re.I)
_IRREGULAR_SPEECH = frozenset(("said", "says", "told", "tells", "wrote", "writes", "spoke", "spoken"))
_GROUP_NOUN = re.compile(r"^(?:the\s+)?(?:" + "|".join(en.ARMED_GROUP_NOUNS) + r"|fighters|group|movement|"
                         r"organi[sz]ation)$", re.I)


def _inflections(lemma: str) -> set[str]:
    """Return the forms of a regular verb: "urge" -> urge, urges, urged, urging."""
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    forms = {lemma, lemma + "s", stem + "ed", stem + "ing", lemma + "ed", lemma + "ing"}
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    return forms


_QUOTING_FORMS = frozenset(f for lemma in (en.SPEECH_LEMMAS | en.FRAMING_LEMMAS | en.QUOTING_LEMMAS)
                           for f in _inflections(lemma)) | _IRREGULAR_SPEECH


def _relative_clause_speaker(text: str, q: QuoteSpan, sent: Sent | None, ctx: Context) -> str | None:
    """Return the antecedent of a relative clause the quotation sits in, when the clause's verb
    frames what is said ("the rebels, who vowed to “...”": the rebels; a group's generic noun is
    the group named last); None when the quotation is in no such clause."""
    a, _ = _sentence_around(text, q)
    pre = text[a:q.start - 1]
    m = _RELATIVE_OPEN.search(pre)
    if m is None or not any(w in _QUOTING_FORMS for w in re.findall(r"[a-z]+", m["clause"].lower())):
        return None
    head = pre[:m.start()]
    cut = max((x.end() for x in re.finditer(r",|\bthat\b|" + _QUOTING_VERB.pattern, head, re.I)), default=0)
    np = head[cut:].strip()
    if not np or len(np.split()) > 8:
        return None
    if _GROUP_NOUN.match(np):  # the group named last, else the one the theatre calls so
        group = getattr(ctx, "last_armed_group", None) or ctx.last_group or np
        return _theatre_group(group, ctx) or _theatre_group(np, ctx) or clean_name(group)
    return _speaker_name(np, sent, ctx, a + cut, before_verb=True)


def _reported(text: str, q: QuoteSpan, sent: Sent | None, ctx: Context) -> str | None:
    """Return the speaker whose reported words a quotation belongs to: the subject of a speech
    verb whose clause holds it ("said the forces were "regrouping"", "vowed to "defend every
    inch"", "warned of «serious consequences»"), an attribution that closes its sentence
    ("..., the ministry said."), or "according to X" in the sentence."""
    if _is_a_name(q):
        return None
    a, b = _sentence_around(text, q)
    pre, post = text[a:q.start - 1], text[q.end + 1:b].rstrip(" .!?")
    if sent is not None and sent.parsed:
        name = _governing_speaker(sent, q, ctx)
    else:
        name = _governing_speaker_by_rules(pre, a, sent, ctx)
    if name:
        # "residents said the militants had set up “checkpoints”": plain sourcing, the outlet's doubt
        return None if _is_a_scare_noun(q, sent) and _GENERIC_SOURCE.match(name) else name
    m = _CLOSING_SAID.search(re.sub(r"\u201c[^\u201c\u201d]*\u201d", "", post))
    if m:
        who = m["who"] or m["who2"] or m["who3"] or ""
        if not _VERBY.search(who):
            name = _speaker_name(who, sent, ctx, q.end + 1 + len(post), before_verb=bool(m["who"]))
            if name:
                return name
    m = _ACCORDING.search(pre) or _ACCORDING.search(post)
    if m:
        return _speaker_name(m["who"], sent, ctx, q.start, before_verb=False)
    return None


def _governing_speaker(sent: Sent, q: QuoteSpan, ctx: Context) -> str | None:
    """From a parse: climb from the quotation to the speech verb above it, through a clause."""
    lo, hi = q.start - sent.start, q.end - sent.start
    inside = [t for t in sent.doc if lo <= t.idx < hi]
    if not inside:
        return None
    top = next((t for t in inside if not lo <= t.head.idx < hi or t.head is t), inside[0])
    clause = top.pos_ in ("VERB", "AUX") or top.lower_ == "to"
    t = top
    for _ in range(10):
        head = t.head
        if head is t:
            return None
        lem = (head.lemma_ or head.lower_).lower()
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in head.children)
        if head.pos_ in ("VERB", "AUX") and lem in _QUOTING_LEMMAS and not passive:
            # ("the fighters had been told “...”": who was told is no speaker; the verb above says)
            # what was said: its clause, or the quotation itself as the verb's object; an object
            # noun holding it is what someone was called ("called the loss a "disaster""), not
            # what an announcement was about ("announced the end of the "forever war"")
            content = t.dep_ in ("ccomp", "xcomp", "parataxis") or (
                t.dep_ in ("dobj", "oprd", "attr", "acomp") and (clause or t is top or lem in _NAMING_LEMMAS)) or (
                t.dep_ == "prep" and t.lower_ in ("of", "about", "against", "as"))
            if content:
                verb = head
                subj = subject_of(verb)
                while subj is None and verb.dep_ in ("conj", "xcomp", "advcl", "pcomp", "prep", "acl") and \
                        verb.head is not verb:
                    verb = verb.head  # "welcomed ... but warned": the first verb's subject
                    subj = subject_of(verb)
                if subj is None:
                    return None
                return _subject_name(subj, sent, ctx, q.start)
            return None
        if head.pos_ in ("VERB", "AUX") or t.dep_ in ("ccomp", "xcomp", "advcl", "relcl"):
            clause = True
        t = head
    return None


_QUOTING_LEMMAS = en.SPEECH_LEMMAS | en.FRAMING_LEMMAS | en.QUOTING_LEMMAS
# "termed the allegations 'baseless'", "called the attack 'cowardly'": the object is what was named
_NAMING_VERB = re.compile(r"(?:call|term|brand|label|describe|dismiss|denounce|decr|characteri[sz])\w*", re.I)
_NAMING_LEMMAS = frozenset({"call", "term", "brand", "label", "describe", "dismiss", "denounce", "decry",
                            "characterize", "characterise"})


def _governing_speaker_by_rules(pre: str, at: int, sent: Sent | None, ctx: Context) -> str | None:
    """Without a parse: the last speech verb before the quotation in its sentence, with a clause
    between them (or nothing but what the verb is of), and the words before it its subject."""
    verbs = list(_QUOTING_VERB.finditer(pre))
    if not verbs:
        return None
    v = verbs[-1]
    k = len(verbs) - 1
    while k > 0 and _BE_BEFORE.search(pre, 0, verbs[k].start()):
        k -= 1  # "said the fighters had been told “...”": the passive is not who speaks
    v = verbs[k]
    mid = pre[v.end():]
    naming = _NAMING_VERB.fullmatch(v.group(0)) is not None and len(mid.split()) <= 8
    # "urged both sides to reach a “...”", "accused Pakistan of providing “...”", "promised an “...”":
    # what the verb asks, charges or promises
    content = _CONTENT_TAIL.search(mid) is not None or _SUBJECT_VERB.match(mid) is not None or (
        _PROMISE_VERB.fullmatch(v.group(0)) is not None and _DET_ONLY.fullmatch(mid) is not None)
    if len(mid) > 220 or not (naming or content or _CLAUSE.search(mid)) or "according to" in mid.lower():
        return None
    who = pre[:v.start()]
    who = re.split(r"\u201c[^\u201c\u201d]*\u201d", who)[-1]
    who = _QUOTED_PASSIVE.sub(" ", who)  # "X was quoted as telling ...": X
    who = _AUX_TAIL.sub("", who)  # "Washington has warned": Washington
    if re.search(r"(?:^|[\s,])(?:but|and|then|while)\s*$", who) or not who.strip():
        # "X said Moscow would not ..., but warned of": the first speech verb's subject
        first = _QUOTING_VERB.search(who)
        if first is None:
            return None
        who = who[:first.start()]
    if v.group(0).lower().endswith("ing") and who.rstrip().endswith(","):
        # "he made no reference to it, saying only that ...": the main clause's subject
        subject = _leading_subject(who)
        if subject is None:  # "X told the BBC that ... “...” ..., adding that": the sentence's subject
            subject = _leading_subject(re.sub(r"\u201c[^\u201c\u201d]*\u201d", "", pre[:v.start()]))
        if subject is not None:
            return ctx.person_before(at + v.start()) if subject.lower() in ("he", "she") else \
                _speaker_name(subject, sent, ctx, at + v.start(), before_verb=True)
    segs = [x for x in _DASHES.sub(", ", who).split(",") if x.strip() and not _ADJUNCT.match(x.strip())]
    if len(segs) > 1:  # "India, which had invested heavily, expressed": not the clause about it
        segs = segs[:1] + [x for x in segs[1:] if not _ABOUT.match(x.strip())]
    upper = [x for x in segs if x.strip()[:1].isupper() or x.strip().lower().startswith(("he ", "she "))]
    if not upper and segs and (re.fullmatch(r"\s*(?:he|she|they|it)\s*", segs[-1], re.I) or
                               _DETERMINED_SUBJECT.fullmatch(segs[-1].strip())):
        upper = segs[-1:]  # "Speaking to local media, the provincial governor said": the governor
    if not upper:
        return None
    seg = upper[-1].strip() if not segs[-1].strip()[:1].islower() else segs[-1].strip()
    if len(segs) >= 2 and _ROLE_DESC.fullmatch(seg) and (_NAME.match(segs[-2].strip()) or _of_body(segs[-2])):
        seg = segs[-2].strip()  # "Petrov, Russia's envoy,": the name, not the role's country
    if re.fullmatch(r"(?:he|she)", seg, re.I):
        return ctx.person_before(at + v.start())
    if re.search(r"\s(?:but|and|then)$", seg) or len(seg.split()) > 14:
        lead = re.match(r"(?:(?:[A-Z][\w\-\u2019']*|of|the|for|al|bin|ul|ud)\s+)*[A-Z][\w\-\u2019']*", seg)
        seg = lead.group(0) if lead else ""
    if not seg or (seg[:1].islower() and not _DETERMINED_SUBJECT.fullmatch(seg)):
        return None
    return _speaker_name(seg, sent, ctx, at + v.start(), before_verb=True)


_DETERMINED_SUBJECT = re.compile(r"(?:the|an?)\s+[\w\-\u2019']+(?:\s+[\w\-\u2019']+){0,4}")
_BE_BEFORE = re.compile(r"\b(?:was|were|is|are|been|being|be)\s+(?:\w+ly\s+)?$", re.I)
_CONTENT_TAIL = re.compile(r"(?:^|\s)(?:to\s+[a-z]+|(?:of|for|from|against|with)\s+[a-z]+ing)"
                           r"(?:\s+(?:an?|the|its|their|his|her|all|any|some|no))?\s*$", re.I)
# "said it seeks an “...”": a clause of its own, its subject a pronoun and its verb in -s or -ed
_SUBJECT_VERB = re.compile(r"\s*(?:that\s+)?(?:(?:it|he|she)\s+[a-z]+(?:s|ed)|(?:they|we|I)\s+[a-z]{3,}|"
                           r"(?:[A-Z][\w\-]+\s+){1,2}(?:[a-z]+ed|saw|knew|felt|thought|took|made|gave|held|left|"
                           r"won|lost|kept|sought|found|came|went|became|remained|sees|wants|needs|seeks|remains))\b")
_PROMISE_VERB = re.compile(r"(?:promis|pledg|vow|offer|demand|expressed|voiced|guarantee)\w*", re.I)
_DET_ONLY = re.compile(r"\s*(?:(?:an?|the|its|their|his|her|full|a\s+full)\s+)?", re.I)
# auxiliaries and adverbs between a subject and its speech verb: "X has repeatedly warned"
_AUX_TAIL = re.compile(r"(?:\s+(?:has|have|had|also|again|repeatedly|previously|already|earlier|recently|"
                       r"long|once|further|then|later|since|now|today|yesterday))+\s*$", re.I)
_QUOTED_PASSIVE = re.compile(r"(?:(?<=,)|(?<=\s))\s*(?:was|were|is|are|has\s+been|had\s+been)\s+(?:quoted|reported|cited)\s+"
                             r"(?:by\s+[^,]{1,60}\s+)?as\s*$", re.I)
_CLAUSE_OPENER = re.compile(r"^(?:but|and|however|meanwhile|yet|so|still|instead)\b[\s,]*", re.I)
_PREDICATE = re.compile(r"\s(?:[a-z]+ed|" + _VERBY.pattern[5:-3] + r"|made|gave|took|met|spoke|went|came|told|"
                        r"said|says|sent|held|left|won|lost|saw|put|set|let|ran|got|kept|hit)\b")


def _leading_subject(clause: str) -> str | None:
    """Return the subject a clause opens with ("But he made no reference ..." -> "he";
    "On Friday, the ministry rejected ..." -> "the ministry"), without a parse."""
    parts = [p.strip() for p in _CLAUSE_OPENER.sub("", clause.strip()).split(",") if p.strip()]
    parts = [p for p in parts if not _ADJUNCT.match(p)] or parts
    if not parts:
        return None
    head = _CLAUSE_OPENER.sub("", parts[0])
    m = _PREDICATE.search(" " + head)
    subject = head[:m.start()].strip() if m else ""
    if not subject or len(subject.split()) > 8:
        return None
    return subject


# “...,” Sultani said, “and ...”; “...,” said X, spokesman for the front, “and ...”: nothing
# between two quotations but their attribution, the speaker's role with it
_ATTRIBUTION_ONLY = re.compile(rf"^[\s,\u201d\"]*[^.;\u201c\u201d\"]{{0,60}}?\b(?:{SPEECH})\b"
                               rf"[^.;\u201c\u201d\"]{{0,100}}[,:]\s*[\u201c\"]?$", re.I)
_REFERS_BACK = re.compile(r"\bthe\s+(?:joint\s+|same\s+|group's\s+|ministry's\s+)?(?:statement|communiqu[e\u00e9]|"
                          r"declaration|press release)\s*,?\s+(?:also\s+)?(?:said|says|added|adds|read|reads|stated|"
                          r"noted|went on|continued)\b", re.I)
_NEW_STATEMENT = re.compile(r"\b(?:an?|its|their|his|her)\s+(?:[\w\-]+\s+){0,2}?(?:statement|communiqu[e\u00e9]|"
                            r"declaration|press release)\b|\b(?:statement|communiqu[e\u00e9]|declaration|press release)"
                            r"\s+(?:issued\s+|released\s+)?(?:from|by|of)\b", re.I)
_ISSUES_STATEMENT = Scan(r"\b(?:statement|communiqu[eé]|press release|declaration)\b",
                         needles=("statement", "communiqu", "press release", "declaration"))
# the verbs of reported speech whose clause a quoted phrase belongs to: "admitted that it was "..."",
# "saying only that X was holding talks with "...""
_SAYING = (r"(?:said|says|saying|told\s+\w+|added|stated|announced|wrote|admitted|acknowledged|conceded|"
           r"warned|insisted|argued|noted|stressed|explained)")
_FRAMED = re.compile(
    r"(?:\b(?:call(?:ed|ing|s)?|term(?:ed|ing|s)?|brand(?:ed|ing|s)?|label+(?:ed|ing|s)?)\s+"
    r"(?:[\w\-\u2019']+\s+){0,7}"  # called the loss of the city a "..."; calling reports of it "..."
    r"|\b(?:described|dismissed|denounced|rejected|decried|characteri[sz]ed)\s+(?:[\w\-\u2019']+\s+){0,5}as\s+"
    r"(?:an?\s+|the\s+)?"
    r"|\b(?:claimed|claims|alleged|alleges|blamed|blames|insisted|insists|vowed|vows|accused|accuses)\b"
    r"[^.;]{0,80}"
    r"|\b" + _SAYING + r"\s+(?:on\s+\w+\s+)?(?:that\s+)?"
    r"(?:he|she|they|it|we|(?:its|their|his|her|the)\s+[\w\-\u2019']+)\s+(?:[\w\-\u2019']+\s+){0,3}"
    # said Islamabad had "no favourites": reported speech without "that", its subject a name
    r"|\b" + _SAYING + r"\s+(?:on\s+\w+\s+)?"
    r"(?-i:[A-Z])[\w\-\u2019']*(?:\s+(?-i:[A-Z])[\w\-\u2019']*){0,2}\s+(?:had|has|have|was|were|is|are|would|will|could|should|"
    r"must|did)\s+(?:[\w\-\u2019']+\s+){0,3}"
    # said that Moscow was ready to take "extra steps": reported speech, its phrase is the speaker's
    r"|\b" + _SAYING + r"\s+(?:on\s+\w+\s+)?(?:(?:only|also|simply|merely)\s+)?that\s+"
    r"(?:[\w\-\u2019']+,?\s+){1,10}"
    # expressed disappointment over the "unfounded allegations"
    r"|\b(?:expressed|voiced)\s+(?:[\w\-\u2019']+\s+){1,3}(?:over|at|about|with)\s+(?:the\s+|their\s+|his\s+)?"
    r")\s*$",
    re.I)
_FRAMING_LEMMAS = en.FRAMING_LEMMAS


def _framer(sent: Sent, pos: int, ctx: Context) -> str | None:
    """Return the subject of the verb that frames a quotation ("X rejected ..., calling it")."""
    if not sent.parsed:
        return _framer_by_rules(sent, pos, ctx)
    toks = [t for t in sent.doc if t.idx < pos - sent.start - 1]
    if not toks:
        return None
    t = toks[-1]
    participle = None  # "X declined to comment, saying only that ...": the participle's head's subject
    for _ in range(8):
        if (t.lemma_ or t.lower_).lower() in _FRAMING_LEMMAS and t.pos_ in ("VERB", "AUX"):
            subj = subject_of(t)
            if subj is not None:
                return _subject_name(subj, sent, ctx, pos)
            if participle is None and t.dep_ in ("advcl", "xcomp") and t.tag_ == "VBG" and t.head is not t:
                participle = subject_of(t.head)
        if t.head is t:
            break
        t = t.head
    return _subject_name(participle, sent, ctx, pos) if participle is not None else None


_POSSESSED_ROLE = re.compile(r"[\u2019']s\s+(?:[\w\-]+\s+){0,2}?(?i:" + en.alternation(en.SPEAKER_ROLES) + r")\s*,?\s*")
_RELATIVE_ASIDE = re.compile(r",\s+(?:who|which)\s+[^,;\u201c\u201d]{1,100},\s*")  # ", who visited X last week,"
_FRAMING_VERB = re.compile(r"\b" + en.alternation(en.FRAMING_VERBS) + r"\b", re.I)


def _framer_by_rules(sent: Sent, pos: int, ctx: Context) -> str | None:
    """Without a parse: the last party named before the sentence's first framing verb."""
    m = _FRAMING_VERB.search(sent.text, 0, max(0, pos - sent.start))
    if m is None:
        return None
    before = sent.text[:m.start()].rstrip()
    if m.group(0).lower().endswith("ing") and before.endswith(","):
        subject = _leading_subject(before)  # "he made no reference to it, saying": he
        if subject is not None:
            return ctx.person_before(sent.start + m.start()) if subject.lower() in ("he", "she") else \
                _speaker_name(subject, sent, ctx, sent.start + m.start(), before_verb=True)
    if re.search(r"(?:^|[\s,])(?:he|she)$", before, re.I):
        return ctx.person_before(pos)  # "..., though he admitted": the last person named
    before = _QUOTED_PASSIVE.sub("", before)  # "X, Russia's envoy, was cited as saying": X
    before = _DASHES.sub(", ", before + " ").rstrip()  # "X \u2013 a member of the alliance \u2013 said"
    if before.endswith(","):  # "The spokesman for the UN chief, Stephane Dujarric, said": the name
        named = _pick_segment(",".join(before[:-1].split(",")[-2:]), before_verb=True)
        named = _of_body(named) or named  # "X of the liberation army, a member of the alliance,"
        actor = ctx.theatre.actor(named) if _NAME.match(named) and " " in named else None
        if actor is not None and actor.kind != "person":
            return clean_name(named)  # a body named in apposition
        if _NAME.match(named) and (" " in named or " " in ctx.full_name(named)):
            return ctx.note_person(clean_name(actor.name if actor else ctx.full_name(named)))
    ents = [e for e in sent.all_ents if e.end_char <= m.start()
            and e.label_ in ("PERSON", "ACTOR", "ORG", "GPE", "NORP")]
    if ents:
        e = ents[-1]
        between = _RELATIVE_ASIDE.sub(", ", sent.text[e.end_char:m.start()])
        if _POSSESSED_ROLE.fullmatch(between):
            return clean_name(sent.text[e.start_char:e.end_char] + between)  # "Tajikistan's president told": the president
        actor = ctx.theatre.actor(e.text)
        if e.label_ == "PERSON" or (actor is not None and actor.kind == "person"):
            return ctx.note_person(clean_name(actor.name if actor else e.text))
        return clean_name(e.text)  # a body as the report names it
    words = sent.text[:m.start()].split(",")[-1].split()
    phrase = clean_name(" ".join(words[-4:]))
    if not phrase:
        return None
    if phrase.lower() in ("he", "she") or _ROLE.match(phrase):
        return ctx.person_before(pos) or (phrase if _ROLE.match(phrase) else None)
    if phrase.lower() == "they":
        return _plural_before(sent.text, pos - sent.start, ctx, sent.start)
    if phrase.lower() in ("it", "we"):
        return ctx.last_group
    return None


def _is_person_ent(e: Span, ctx: Context) -> bool:
    actor = ctx.theatre.actor(e.text) if e.label_ == "ACTOR" else None
    return e.label_ == "PERSON" or (actor is not None and actor.kind == "person")


_STATEMENT_NOUN = re.compile(r"statement|communiqu[eé]|declaration|release|post|tweet|message|letter|notice")


def _subject_name(subj: Token, sent: Sent, ctx: Context, pos: int) -> str | None:
    if subj.lower_ in ("he", "she"):
        return ctx.person_before(pos)
    if subj.pos_ == "PRON":
        if subj.lower_ == "they":
            return _plural_before(sent.doc.text, pos - sent.start, ctx, sent.start)
        return ctx.last_group if subj.lower_ in ("it", "we") else None
    ent = next((e for e in sent.all_ents if e.start <= subj.i < e.end), None)
    aside = {t.i for c in subj.children if c.dep_ == "relcl" for t in c.subtree}  # ", who met X in Y,"
    named = [e for e in sent.all_ents if subj.left_edge.i <= e.start and e.end <= subj.head.i
             and e.start not in aside and _is_person_ent(e, ctx)]
    if ent is None and named:
        ent = named[0]  # "Russia's envoy to the country, Ivan Petrov, dismissed"
    appos = next((c for c in subj.children if c.dep_ == "appos"), None)
    if ent is None and appos is not None:
        ent = next((e for e in sent.all_ents if e.start <= appos.i < e.end), None)
    if ent is not None and ent.label_ in ("PERSON", "ACTOR", "ORG", "GPE", "NORP"):
        actor = ctx.theatre.actor(ent.text)
        if ent.label_ == "PERSON" or (actor is not None and actor.kind == "person"):
            if actor is None:
                end, doc = ent.end, sent.doc
                while end < len(doc) and end < ent.end + 2 and doc[end].pos_ == "PROPN" and \
                        doc[end].text[:1].isupper() and (doc[end].head.i in range(ent.start, end) or
                                                   any(t.head.i == end for t in doc[ent.start:end])):
                    end += 1  # "Gul Ahmad Wardak": a name the NER cut where a place's name goes on
                return ctx.note_person(clean_name(doc[ent.start:end].text))
            return ctx.note_person(clean_name(actor.name))
        return clean_name(ent.text)  # a body as the report names it
    if _STATEMENT_NOUN.fullmatch(subj.lower_):  # "a statement from the palace said": the palace
        for c in subj.children:
            by = c if c.dep_ == "prep" else next((p for p in c.children if p.dep_ == "agent"), None) \
                if c.dep_ == "acl" else None
            obj = next((o for o in by.children if o.dep_ == "pobj"), None) if by is not None and \
                by.lower_ in ("from", "by", "of") else None
            if obj is not None:
                return _subject_name(obj, sent, ctx, pos)
    words = [w for w in subj.subtree if w.i <= subj.i and w.dep_ not in ("punct", "det", "poss")
             and not (w.dep_ == "case" and w.head.dep_ == "poss")]
    owner = next((c for c in subj.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)
    phrase = " ".join(w.text for w in words)
    if owner is not None and words:  # "Pakistan's foreign minister", not "'s foreign minister"
        owned = sent.doc[owner.left_edge.i:subj.i + 1]
        return clean_name(owned.text) or None
    det = next((c.lower_ for c in subj.children if c.dep_ == "det"), None)
    if det in ("a", "an", "one") or (det is None and phrase.lower() != subj.lower_):
        return clean_name(phrase) or None  # "a rebel spokesman said": described, unnamed
    if _ROLE.match(clean_name(phrase)) or _ROLE.match(subj.text):
        return _role_before(ctx, pos, subj.lower_) or ctx.person_before(pos) or clean_name(phrase)
    return clean_name(phrase) or None


# unparsed: a name after a preposition or a verb that takes it as its object ("talks with his
# Russian counterpart Sergei Lavrov", "denied the rebels' claims") is not a subject; the one
# "according to" is the source
_OBJECT_BEFORE = re.compile(r"\b(?:with|(?<!according )to|by|for|of|from|against|on|at|in|into|met|meets|called|told|"
                            r"urged|asked|thanked|invited|received|denied|rejected|accused)\s+"
                            r"(?:[\w\-\u2019'.]+\s+){0,3}$", re.I)


# unparsed: "Khatibzadeh said Deputy Foreign Minister X will visit": X is the subject of what was
# said, not who speaks ('"...," said X' is: a quotation or comma before the verb)
_REPORTED_SUBJECT = re.compile(r"(?<![,\u201d\"])(?<![,\u201d\"]\s)\b(?:said|says|added|announced|stated)\s+"
                               r"(?:that\s+)?(?:[\w\-\u2019'.]+\s+){0,3}$", re.I)


def reported_subject(text: str, offset: int) -> bool:
    """Return whether the name at an offset of a sentence follows a speech verb as the subject of
    what was said ("Khatibzadeh said Deputy Foreign Minister X will visit")."""
    return _REPORTED_SUBJECT.search(text, max(0, offset - 60), offset) is not None


# unparsed: the lower-case word right before a name, and the words that open a clause there
_WORD_BEFORE = re.compile(r"(?<![\w\-\u2019'])(?P<w>[a-z]+)\s+$")
_CLAUSE_WORDS = frozenset(("and", "but", "or", "then", "while", "as", "so", "yet", "whereas", "although", "though",
                           "because", "since", "if", "once", "where", "after", "before", "when", "until"))
_POSSESSED = re.compile(r"(?:[A-Z][\w\-]*\s)*[A-Z][\w\-]*[\u2019']s\b")


def _is_subject(sent: Sent, offset: int) -> bool | None:
    """Return whether the name at a sentence offset is a subject; None when unparsed and the
    words before it do not tell."""
    if not sent.parsed:
        if reported_subject(sent.text, offset) or _POSSESSED.match(sent.text, offset):
            return False  # "X said Y would visit"; "confirmed Stanikzai's visit": not who speaks
        if _OBJECT_BEFORE.search(sent.text, max(0, offset - 60), offset):
            return False
        word = _WORD_BEFORE.search(sent.text, max(0, offset - 40), offset)
        if word is not None and word["w"] not in _CLAUSE_WORDS and not _ROLE_LOW.fullmatch(word["w"]):
            return False  # "He blamed X for ...": a name after a verb is what it acts on
        return None
    tok = next((t for t in sent.doc if t.idx >= offset), None)
    if tok is None:
        return None
    for _ in range(4):  # up through the name's own words and its apposition
        if tok.dep_ in ("nsubj", "nsubjpass"):  # of the main clause, not of what was said
            return tok.head.dep_ == "ROOT" or (tok.head.dep_ == "conj" and tok.head.head.dep_ == "ROOT")
        if tok.dep_ in ("compound", "appos", "flat") and tok.head is not tok:
            tok = tok.head
        else:
            return False
    return False


def _whole_name(text: str, pos: int, name: str) -> str:
    """Return a person's name as the report goes on printing it after the words a ruler found."""
    if text[pos:pos + len(name)] != name:
        return name
    more = _LONGER.match(text, pos + len(name))
    if more is None or _NOT_A_PERSON.search(more.group(0)) or len(name.split()) + len(more.group(0).split()) > 4:
        return name
    return name + more.group(0)


_NOT_PEOPLE = frozenset(en.PLATFORMS) | frozenset(w.lower() for w in en.WIRES)


def extract_quotes(text: str, document_id: str, sents: list[Sent], ctx: Context,
                   person_mentions: list[tuple[int, str]]) -> list[Quote]:
    """Return every attributed quotation of a report."""
    starts = [s.start for s in sents]
    para_starts = [0] + [m.end() for m in re.finditer(r"\n\s*\n", text)]
    # "Ajmal Omar Shinwari": a name whose last word is also a place's, cut there by the rulers
    # (a platform or a wire the NER takes for a person, "said on Twitter", is nobody "he" can be)
    persons = sorted((pos, _whole_name(text, pos, name)) for pos, name in person_mentions
                     if name.lower() not in _NOT_PEOPLE)
    positions = [p for p, _ in persons]
    roles = []
    for pos, _ in persons:
        i = bisect_right(starts, pos) - 1
        roles.append(_is_subject(sents[i], pos - sents[i].start) if i >= 0 else None)

    named_speakers: list[tuple[int, str]] = []  # (quotation start, name) of speakers named so far

    def person_before(pos: int) -> str | None:
        """The last person named before pos who was a subject ("he said" is him), else the last;
        a speaker named at a quotation after them (whom the NER may not know) comes first."""
        si = bisect_right(named_speakers, (pos, "")) - 1
        pi = bisect_right(positions, pos) - 1
        if si >= 0 and (pi < 0 or named_speakers[si][0] > positions[pi]):
            return named_speakers[si][1]
        for k in range(pi, -1, -1):
            if roles[k] is not False:
                return persons[k][1]
        return persons[pi][1] if pi >= 0 else None

    def person_between(lo: int, hi: int) -> str | None:
        """The last person named between two offsets as a subject (the parse says so, or the
        words before the name do not tell otherwise)."""
        for k in range(bisect_right(positions, hi - 1) - 1, -1, -1):
            if positions[k] < lo:
                return None
            if roles[k] is not False:
                return persons[k][1]
        return None

    ctx.person_before = person_before  # type: ignore[method-assign]
    ctx.person_between = person_between  # type: ignore[attr-defined]
    ctx._quote_positions = positions  # type: ignore[attr-defined]
    found, marked = quotations(text)  # marks of every kind written as curly double ones
    quoted = [(q.start, q.end) for q in found]

    def in_quote(pos: int) -> bool:
        k = bisect_right(quoted, (pos, len(text) + 1)) - 1
        return k >= 0 and quoted[k][0] <= pos < quoted[k][1]

    if found:  # a person named inside a quotation is spoken of, not "he" who speaks after it
        rows = [(p, r) for p, r in zip(persons, roles, strict=True) if not in_quote(p[0])]
        persons[:] = [p for p, _ in rows]
        positions[:] = [p for p, _ in persons]
        roles[:] = [r for _, r in rows]
    if found:
        role_mentions = _role_mentions(marked, ctx, in_quote)
        ctx._quote_roles = role_mentions  # type: ignore[attr-defined]
        ctx._quote_bodies = []  # type: ignore[attr-defined]
        named = [(r.pos, r.name) for r in role_mentions if r.name]
        if named:  # people the rules name beside a role or a speech verb, for "he said"
            rows = list(zip(persons, roles, strict=True))
            for pos, name in named:
                i = bisect_right(starts, pos) - 1
                own = i >= 0 and pos < sents[i].end
                rows.append(((pos, name), _is_subject(sents[i], pos - sents[i].start) if own else None))
            rows.sort(key=lambda r: r[0])
            persons[:] = [p for p, _ in rows]
            positions[:] = [p for p, _ in persons]
            roles[:] = [r for _, r in rows]

    bodies: list[tuple[int, str | None]] = []  # who issued the statement a sentence names
    groups = []  # (offset, name as written) of every movement or armed group named
    for sent in sents:
        if _ISSUES_STATEMENT.search(sent.text, lowered(sent.text)):
            issuers = [e for e in sent.all_ents if e.label_ == "ACTOR" and not in_quote(sent.start + e.start_char)
                       and (a := ctx.theatre.actor(e.text)) is not None and a.kind != "person"]
            # one issuer named: the statement is its; two ("the delegations of A and B"): joint;
            # "..., the statement said" tells the one before again, whoever else it names
            if not _REFERS_BACK.search(sent.text) or _NEW_STATEMENT.search(sent.text):
                bodies.append((sent.start, clean_name(issuers[0].text) if len(issuers) == 1 else None))
        for e in sent.all_ents:
            if e.label_ != "ACTOR" or in_quote(sent.start + e.start_char):
                continue  # named inside a quotation: not who speaks
            actor = ctx.theatre.actor(e.text)
            if actor is not None and actor.kind in ("movement", "organisation", "force") and \
                    _is_subject(sent, e.start_char) is not False:
                groups.append((sent.start + e.start_char, clean_name(e.text)))
    ctx._quote_groups = groups  # type: ignore[attr-defined]
    ctx._statement_issuers = dict(bodies)  # type: ignore[attr-defined]
    ctx._quote_text = text  # type: ignore[attr-defined]
    body_positions = [p for p, _ in bodies]
    outlets = _outlet_names(ctx.theatre)
    speakers: list[str | None] = []
    for q in found:
        ps = para_starts[bisect_right(para_starts, q.start - 1) - 1]
        bi = bisect_right(body_positions, q.start) - 1
        ctx.last_body = bodies[bi][1] if bi >= 0 and q.start - bodies[bi][0] < 1500 else None
        gi = bisect_right([p for p, _ in groups], q.start) - 1
        ctx.last_group = groups[gi][1] if gi >= 0 else None
        # "the group", "the insurgents": the last group named that is not the state's or a foreign one's
        ctx.last_armed_group = next((g for _, g in reversed(groups[:gi + 1]) if _armed_group(g, ctx)),  # type: ignore[attr-defined]
                                    None)
        speaker = attribute(marked, q, sents, starts, ctx, ps)
        if speaker is not None and speaker.lower() in outlets:
            speaker = None
        speakers.append(speaker)
        if speaker is not None:
            ctx.last_speaker = speaker
            ctx.last_quote_end = q.end + 1
            if not (_NAME.match(speaker) and len(speaker.split()) >= 2) and speaker.lower() not in ("he", "she"):
                ctx._quote_bodies.append((q.start, speaker))  # type: ignore[attr-defined]
            if _NAME.match(speaker) and len(speaker.split()) >= 2:
                named_speakers.append((q.start, speaker))
    # a quotation over paragraphs is attributed once, after its last paragraph
    for k in range(len(found) - 2, -1, -1):
        if speakers[k] is None and speakers[k + 1] is not None and \
                not marked[found[k].end:found[k + 1].start].strip(" \n\u201c\u201d") and \
                "\n" in marked[found[k].end:found[k + 1].start]:
            speakers[k] = speakers[k + 1]
    out = []
    printed_again = _printed_again([q.text if speaker is not None else "" for q, speaker in
                                    zip(found, speakers, strict=True)])
    for k, (q, speaker) in enumerate(zip(found, speakers, strict=True)):
        if speaker is None or k in printed_again:
            continue
        i = bisect_right(starts, q.start) - 1
        if i >= 0:
            ev = sents[i].evidence()
            j = bisect_right(starts, q.end) - 1
            if j > i:  # the quotation runs over several sentences
                last = sents[j].evidence()
                ev = Evidence(document_id, ev.start, last.end, text[ev.start:last.end])
        else:
            ev = Evidence(document_id, q.start, q.end, q.text)
        out.append(Quote(speaker=_as_printed(speaker, text, q, ctx.theatre), text=q.text, evidence=ev,
                         span=(q.start, q.end), speaker_party=party_in(ctx.theatre, speaker)))
    return out


# a rank or a title printed before a person's name, kept with it where the speaker is named
# ("Major General Zaw Min Tun", "Dr. Nyo Twan Aung", "Colonel Ali Reza"): the name as printed
_RANK = re.compile(r"(?<![\w\-])(?:\b(?:(?:Vice\s+)?Senior|Lieutenant|Lt\.?|Major|Maj\.?|Brigadier|Brig\.?|Colonel|Col\.?)\s+)?"
                   r"(?<![\w\-])(?:General|Gen\.?|Colonel|Col\.|Brigadier|Major|Maj\.|Captain|Capt\.|Admiral|Commander|"
                   r"Dr\.?|Doctor|Professor|Prof\.|Mullah|Mawlawi|Maulvi|Maulana|Haji|Hajji|Sheikh|Qari)\s+$")
# a body the report prints only by its letters ("the MoD said"): its name in full, the letters as printed
_ACRONYM = re.compile(r"(?:[A-Z][a-z]?){1,3}[A-Z]")


def _content_words(name: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", name.lower()) if len(w) >= 4}


def _as_printed(speaker: str, text: str, q: QuoteSpan, theatre: Theatre) -> str:
    """Return a speaker as the report prints the name beside the quotation: with the rank or
    title before it, or a body's acronym with the body's full name."""
    if _ACRONYM.fullmatch(speaker):
        actor = theatre.actor(speaker)
        if actor is not None and actor.kind != "person" and actor.name.lower() != speaker.lower():
            return f"{actor.name} ({speaker})"
        return speaker
    if not _NAME.match(speaker) or len(speaker.split()) < 2:
        return speaker
    lo = max(0, q.start - 600)
    window = text[lo:min(len(text), q.end + 300)]
    best = None
    for m in re.finditer(re.escape(speaker) + r"\b", window):
        rank = _RANK.search(window, max(0, m.start() - 40), m.start())
        if rank and (best is None or abs(lo + m.start() - q.start) < best[0]):
            best = (abs(lo + m.start() - q.start), " ".join(rank.group(0).split()))
    return f"{best[1]} {speaker}" if best else speaker


# -- who a report names beside a role, for "the spokesman said" and "he said" ----------------

_ROLE_WORDS = en.alternation(en.SPEAKER_ROLES)
_NAME_PART = r"(?:[A-Z][a-z\u2019'\-]+|[A-Z]\.)"
_PERSON = rf"{_NAME_PART}(?:\s+(?:(?:bin|ibn|al|ul|ud|e|el|van|von|de|da)\s+)?{_NAME_PART}){{0,3}}"
# "an army spokesman said", "a senior official in the capital": one more person, not named
_UNNAMED_ROLE = re.compile(rf"(?i:(?:an?|one)\s+)(?P<desc>(?:[\w\-\u2019']+\s+){{0,3}}?(?i:(?P<role>{_ROLE_WORDS}))"
                           rf"(?:\s+(?:for|of|at|to|in|with)\s+(?:the\s+)?(?:[\w\-\u2019']+\s+){{0,3}}?"
                           rf"(?:[\w\-\u2019']+))?)")
_ROLE_LOW = re.compile(r"\b" + en.alternation(en.SPEAKER_ROLES).lower() + r"\b")  # in lower-cased text
# around each role word: "Rebel spokesman Ali Khan", "Defence Minister Sherali Mirzo" (after it);
# "Rohullah Ahmadzai, a spokesman for the ministry," (a name before); "the police chief, Abdul Hadi
# Rasooli," (a name after the role's phrase); "an army spokesman" (no name)
_ROLE_AT = re.compile(rf"(?i:{_ROLE_WORDS})\s+(?P<name>{_PERSON})")
_NAME_HEAD = re.compile(rf"(?P<name>{_PERSON})\s*,\s+(?i:(?:the|a|an|who is|deputy|acting|former)\s+)"
                        rf"(?P<head>[^,.;\u201c\u201d]{{0,60}}?)$")
_DET_HEAD = re.compile(r"(?i:\b(?:the|a|an)\s+)(?P<head>[^,.;\u201c\u201d]{0,50}?)$")
_COMMA_NAME_AFTER = re.compile(rf"\b(?P<tail>[^,.;\u201c\u201d]{{0,60}}?)\s*,\s+(?P<name>{_PERSON})\s*,")
_ART_HEAD = re.compile(r"(?i:\b(?:an?|one)\s+)(?P<head>(?:[\w\-\u2019']+\s+){0,3}?)$")
_UNNAMED_TAIL = re.compile(rf"\b(?:\s+(?:for|of|at|in|with)\s+(?:the\s+)?(?:[A-Z][\w\-\u2019']*\s*){{1,4}})?"
                           rf"(?!\s*,?\s*{_NAME_PART})")
_DEFINITE_ROLE_OF = re.compile(rf"(?i:the\s+(?:(?:[\w\-\u2019']+\s+){{0,2}}?)(?P<role>{_ROLE_WORDS}))\s+(?:for|of)\s+"
                               rf"(?P<body>(?:the\s+)?[A-Z][\w\-\u2019']*(?:\s+(?:of|for|and|the|[A-Z][\w\-\u2019']*)){{0,5}})")
_DEFINITE_ROLE = re.compile(rf"(?i:the\s+(?:(?:[\w\-\u2019']+\s+){{0,2}}?)(?P<role>{_ROLE_WORDS}))")
# a person named as the subject of a speech verb: "Dashty said", "Abdul Karim Nazari told"
_NAME_BEFORE_VERB = re.compile(rf"(?:(?<=[.!?]\s)|(?<=,\s)|(?<=\n)|(?<=\A))(?P<name>{_PERSON})\s+$")
_SAID_VERB = re.compile(r"\b(?:said|says|told|added|confirmed|announced|stated|noted|warned|insisted|stressed|"
                        r"claimed|denied|wrote|tweeted|explained|argued|acknowledged|admitted|rejected|urged)\b")
_BODY_NAME = re.compile(r"(?:the\s+)?[A-Z][\w\-\u2019']*(?:\s+(?:of|for|and|on|the|[A-Z][\w\-\u2019']*))*\s+"
                        r"(?:of|for|on)\s+(?:the\s+)?[A-Z][\w\-\u2019']*(?:\s+(?:and\s+)?[A-Z][\w\-\u2019']*)*")
_ROLE_OF = re.compile(rf"^(?:the\s+)?(?:[\w\-]+\s+)?(?i:{_ROLE_WORDS})\s+(?:of|for|to|at|in)\s", re.I)
_NAME_OF = re.compile(rf"(?P<name>{_NAME_PART}(?:\s+{_NAME_PART}){{1,3}})\s+(?:of|from)\s+(?:the\s+)?\w")
_NOT_A_PERSON = re.compile(r"\b(?:Ministry|Office|Council|Army|Forces?|Police|Government|News|Agency|Press|"
                           r"Times|Post|Radio|TV|Television|Channel|Committee|Front|Movement|Party|Union|Nations|"
                           r"Department|Command|Embassy|Commission|Court|Bank|Organi[sz]ation|Institute|"
                           r"University|Mission|Group|Alliance|Province|District|City|State|Officials?|Residents?|"
                           r"Sources?|Reuters|The|This|That|These|He|She|They|It|We|But|And|Meanwhile|Earlier|"
                           r"Later|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")


@dataclass(frozen=True, slots=True)
class _RoleMention:
    pos: int
    name: str | None  # None: a person described, not named ("an army spokesman")
    key: str  # the role's first letters: "spokes", "minist", "govern"
    desc: str


def _role_key(role: str) -> str:
    return role.lower().split()[-1][:6]


def _role_mentions(text: str, ctx: Context, in_quote: Callable[[int], bool]) -> list[_RoleMention]:
    """Return every person the report names beside a role, or describes by one, in order."""
    out = []

    known: dict[str, str | None] = {}

    def person(name: str) -> str | None:
        if name not in known:
            known[name] = _person(name)
        return known[name]

    def _person(name: str) -> str | None:
        name = clean_name(name)
        if not name or _NOT_A_PERSON.search(name):
            return None
        actor = ctx.theatre.actor(name)
        if actor is not None:
            if actor.kind != "person":
                return None
            return ctx.note_person(actor.name, last=False)
        if ctx.theatre.party_of(name) or ctx.theatre.district_candidates(name):
            return None
        full = ctx.full_name(name)
        if len(full.split()) < 2:
            return None
        return ctx.note_person(full, last=False)  # "Hashimi said" later is this person

    # each role word, found in the lower-cased text, and the names before and after it
    for hit in _ROLE_LOW.finditer(text.lower()):
        s, e = hit.span()
        if in_quote(s):
            continue
        key, role = _role_key(hit.group(0)), text[s:e]
        named = False
        m = _ROLE_AT.match(text, s)  # "spokesman Zabihullah Mujahid"
        if m and (name := person(m["name"])):
            out.append(_RoleMention(s, name, key, role))
            named = True
        h = _NAME_HEAD.search(text, max(0, s - 150), s)  # "X, a spokesman for Y"
        if h and (name := person(h["name"])):
            out.append(_RoleMention(h.start(), name, key, clean_name(h["head"] + role)))
            named = True
        h = _DET_HEAD.search(text, max(0, s - 60), s)
        t = _COMMA_NAME_AFTER.match(text, e) if h else None  # "the police chief, X,"
        if h and t and (name := person(t["name"])):
            out.append(_RoleMention(h.start(), name, key, clean_name(h["head"] + role + t["tail"])))
            named = True
        if not named:  # "an army spokesman": one more person, described
            h = _ART_HEAD.search(text, max(0, s - 50), s)
            t = _UNNAMED_TAIL.match(text, e) if h else None
            if h and t:
                out.append(_RoleMention(h.start(), None, key, clean_name(h["head"] + role + t.group(0))))
    for v in _SAID_VERB.finditer(text):
        m = _NAME_BEFORE_VERB.search(text, max(0, v.start() - 60), v.start())
        if m and not in_quote(m.start()):
            name = person(m["name"])
            if name:
                out.append(_RoleMention(m.start(), name, "", name))
    out.sort(key=lambda r: r.pos)
    return out


def _role_before(ctx: Context, pos: int, role: str, body: str | None = None) -> str | None:
    """Return who "the <role>" is at a report offset: the last person named or described with
    that role before it (of `body`, when given: the body's name printed beside the mention)."""
    mentions: list[_RoleMention] = getattr(ctx, "_quote_roles", [])
    text: str = getattr(ctx, "_quote_text", "")
    key = _role_key(role)
    words = [w for w in re.findall(r"[A-Z][\w\-]+", body or "") if len(w) > 2]
    for r in reversed(mentions[:bisect_right([r.pos for r in mentions], pos)]):
        if r.key == key:
            if words and not any(w.lower() in text[max(0, r.pos - 80):r.pos + 120].lower() for w in words):
                continue
            return r.name or r.desc
    return None


def _role_of_body_before(ctx: Context, pos: int, role: str, party: str) -> str | None:
    """Return the last person named before an offset with a role, whom the actors file knows
    as one of a party's own."""
    mentions: list[_RoleMention] = getattr(ctx, "_quote_roles", [])
    key = _role_key(role)
    for r in reversed(mentions[:bisect_right([r.pos for r in mentions], pos)]):
        if r.key == key and r.name and party_in(ctx.theatre, r.name, by_demonym=False) == party:
            return r.name
    return None


def _person_near(ctx: Context, pos: int, reach: int = 400) -> bool:
    """Return whether the report names a person in the few sentences before a report offset."""
    positions: list[int] = getattr(ctx, "_quote_positions", [])
    k = bisect_right(positions, pos) - 1
    return k >= 0 and pos - positions[k] <= reach


# people named in the plural, the "they" of a quotation: "Local officials", "Two rebel commanders"
_PLURAL_SOURCE = re.compile(r"(?:\b(?:[A-Z][\w\-\u2019']+|local|provincial|district|security|government|senior|military|"
                            r"police|health|hospital|tribal|border|army|other)\s+){0,3}\b(?:officials|sources|"
                            r"residents|witnesses|elders|authorities|commanders|leaders|lawmakers|analysts|doctors|"
                            r"villagers|locals|diplomats|officers|spokesmen|ministers|organi[sz]ers)\b", re.I)


def _plural_before(text: str, pos: int, ctx: Context, offset: int = 0) -> str | None:
    """Return who "they" are at an offset: the people named in the plural or the group named last
    before it, within a few sentences (`offset`: where `text` starts in the report)."""
    report: str = getattr(ctx, "_quote_text", text)
    at = pos + offset
    plural = None
    for m in _PLURAL_SOURCE.finditer(report, max(0, at - 500), at):
        plural = m
    groups: list[tuple[int, str]] = getattr(ctx, "_quote_groups", [])
    k = bisect_right(groups, (at, "")) - 1
    group = groups[k] if k >= 0 and at - groups[k][0] <= 500 else None
    if plural is not None and (group is None or plural.end() > group[0]):
        return clean_name(plural.group(0))
    return group[1] if group else ctx.last_group


def _last_body_speaker(ctx: Context, pos: int) -> str | None:
    """Return the last body (not a person) that spoke a quotation before a report offset."""
    bodies: list[tuple[int, str]] = getattr(ctx, "_quote_bodies", [])
    k = bisect_right(bodies, (pos, "")) - 1
    return bodies[k][1] if k >= 0 else None


def _printed_again(texts: list[str]) -> set[int]:
    """Return the indices of quotations a report prints again (a standfirst, a headline, a lead
    that repeats the body): one record each, the last printing of the same words, or the longer
    quotation that holds them ("..." in the lead, the whole tweet below)."""
    keys = [" " + " ".join(re.findall(r"\w+", t.lower())) + " " for t in texts]
    out = set()
    for k, a in enumerate(keys):
        if a.strip() and any(j != k and b.strip() and a in b and (len(b) > len(a) or j > k)
                             for j, b in enumerate(keys)):
            out.add(k)
    return out


# theatre id -> (the theatre, kept alive so that its id is not reused, its outlets' names)
_OUTLET_NAMES: dict[int, tuple[object, frozenset[str]]] = {}


def _outlet_names(theatre: Theatre) -> frozenset[str]:
    """Return every outlet name and alias of a theatre, lowercased: not who speaks a quotation."""
    hit = _OUTLET_NAMES.get(id(theatre))
    if hit is None:
        names = frozenset({o.name.lower() for o in theatre.outlets} | {
            a.lower() for o in theatre.outlets for a in o.aliases})
        hit = _OUTLET_NAMES[id(theatre)] = (theatre, names)
    return hit[1]
