"""Quotes: words in quotation marks and who said them.

Quotations are found over the whole report (they run across sentences), then attributed from
the words around them: `”, X said`, `said X: “`, `X charged that ... “...”`, `he said` (the last
person named), or a paragraph that continues the previous speaker. Short quoted phrases with no
speech verb beside them are scare quotes, not speech.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from khabar.extract.sentences import Context, Sent, clean_name
from khabar.records import Evidence, Quote

SPEECH = (r"said|says|say|told|tells|added|adds|noted|notes|stressed|stresses|wrote|writes|tweeted|"
          r"explained|warned|warns|argued|argues|insisted|insists|charged|joked|continued|"
          r"cautioned|predicted|remarked|declared|claimed|asserted|stated|commented|observed|"
          r"hedged|asked|acknowledged|admitted|emphasi[sz]ed|announced|posted|replied|responded|"
          r"confirmed|dismissed|described|urged|believes|believed|according to")
_QUOTE = re.compile(r"\u201c(?P<c>[^\u201c\u201d]{1,1200}?)\u201d|\"(?P<s>[^\"\n]{1,1200}?)\"")
_AFTER_SPEAKER = re.compile(
    rf"^\s*,?\s*(?:(?P<pron>he|she|they)\s+(?:{SPEECH})\b|(?P<who>[^.;:\u201c\u201d\"]{{1,120}}?)"
    rf"\s*,?\s+(?:{SPEECH})\b|(?:{SPEECH})\s+(?P<who2>[^.;\u201c\u201d\"]{{2,140}}))", re.I)
_BEFORE_SPEAKER = re.compile(
    rf"(?P<who>[^.;\u201c\u201d\"]{{2,160}}?)\s*,?\s+(?P<verb>{SPEECH})\b(?P<mid>[^.;\u201c\u201d\"]{{0,200}}?)"
    rf"[\s,:]*$", re.I)
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


def find_quotes(text: str) -> list[QuoteSpan]:
    """Return every quotation in a report, curly or straight, as the words inside the marks."""
    out = []
    for m in _QUOTE.finditer(text):
        g = "c" if m["c"] is not None else "s"
        inner = m[g]
        if "\n\n" in inner.strip():
            continue
        s, e = m.span(g)
        stripped = inner.rstrip(" ,")
        lead = len(inner) - len(inner.lstrip())
        out.append(QuoteSpan(s + lead, s + len(stripped), stripped.strip()))
    return out


_VERBY = re.compile(r"\b(?:will|would|is|are|was|were|has|have|had|can|could|runs?|does|do|"
                    r"did|may|might|should|must)\b", re.I)


def _pick_segment(who: str, before_verb: bool) -> str:
    """Return the part of "X, an expert at Y," that names the speaker."""
    parts = [p.strip() for p in who.split(",") if p.strip()]
    if not parts:
        return ""
    if not before_verb:
        return parts[0]
    last = parts[-1]
    if re.match(r"^(?:an?|the)\s+[a-z]", last) and len(parts) > 1:
        for p in reversed(parts[:-1]):
            if p[:1].isupper() and not re.match(r"^(?:an?|the)\s", p):
                return p
    return last


def _speaker_name(who: str, sent: Sent | None, ctx: Context, at: int,
                  before_verb: bool = False) -> str | None:
    who = _pick_segment(who.strip(), before_verb)
    if not who or len(who) > 90 or len(who.split()) > 12 or _VERBY.search(who):
        return None
    if _PRONOUN.match(clean_name(who)) or re.fullmatch(r"(?:he|she)", who.strip(), re.I):
        return ctx.person_before(at)
    # a person named in these words, by the NER or the actors file
    if sent is not None:
        lo, hi = at - sent.start - len(who) - 5, at - sent.start + len(who) + 5
        for e in sent.doc.ents:
            if e.label_ in ("PERSON",) and e.text in who:
                return ctx.note_person(e.text)
        for e in sent.doc.ents:
            if e.label_ == "ACTOR" and e.text in who and lo - 200 <= e.start_char <= hi + 200:
                actor = ctx.theatre.actor(e.text)
                if actor and actor.kind == "person":
                    return ctx.note_person(actor.name)
    first = re.split(r",|\s+(?:who|an?)\s+", who)[0].strip()
    words = first.split()
    caps = [w for w in words if w[:1].isupper()]
    if caps and len(caps) == len(words) and len(words) <= 4:
        name = clean_name(first)
        return ctx.note_person(name) if len(words) >= 2 or ctx.full_name(name) != name else name
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
    if _NAMING_BEFORE.search(text[max(0, q.start - 40):q.start - 1]):
        return None  # a name or title: the so-called "Moscow format", called the "Commander ..."
    closes_clause = q.text[-1:] in ",.!?" or "," in text[q.end:close + 1] or \
        text[close:close + 1] in ",.;:" or n_words >= 4
    m = _AFTER_SPEAKER.match(after)
    if m and closes_clause:
        if m["pron"]:
            return ctx.person_before(q.start)
        who = m["who"] or m["who2"] or ""
        who = re.split(r"\s+(?:on|in|at|during|after)\s+(?:Monday|Tuesday|Wednesday|Thursday|"
                       r"Friday|Saturday|Sunday|a |an |the )", who)[0]
        name = _speaker_name(who, sent, ctx, close)
        if name:
            return name
    m = _BEFORE_SPEAKER.search(before)
    at_end = bool(re.match(r"^[\u201d\"]?\s*(?:[.!?]|$)", text[close - 1:close + 2].lstrip("\u201d\""))) \
        or q.text[-1:] in ".!?"
    if m and (n_words >= 4 or _AS_BEFORE.search(before) or before.rstrip().endswith(":")
              or (len(m["mid"].split()) <= 6 and (at_end or closes_clause))):
        name = _speaker_name(m["who"], sent, ctx, s_start + (m.start("who") if False else 0)
                             if False else max(s_start, q.start - 250) + m.start("verb"),
                             before_verb=True)
        if name:
            return name
    sentence_text = sent.text if sent else ""
    if n_words >= 3 and _SPEECH_ANYWHERE.search(sentence_text):
        sm = re.search(rf"(?P<who>[A-Z][^.;\u201c\u201d\"]{{1,120}}?)\s*,?\s+(?:{SPEECH})\b",
                       sentence_text)
        if sm:
            return _speaker_name(sm["who"], sent, ctx, (sent.start if sent else 0) + sm.end("who"),
                                 before_verb=True)
    if ctx.last_quote_end is not None and ctx.last_speaker and 0 <= q.start - ctx.last_quote_end < 60:
        between = text[ctx.last_quote_end:q.start]
        if "\n" not in between and _SPEECH_ANYWHERE.search(between):
            return ctx.last_speaker  # “...,” Serenko said. “But ...”: the same speaker goes on
    if q.start - 1 <= paragraph_start + 1 and n_words >= 5 and ctx.last_speaker:
        return ctx.last_speaker  # a paragraph that goes on quoting the last speaker
    return None


def extract_quotes(text: str, document_id: str, sents: list[Sent], ctx: Context,
                   person_mentions: list[tuple[int, str]]) -> list[Quote]:
    """Return every attributed quotation of a report."""
    starts = [s.start for s in sents]
    para_starts = [0] + [m.end() for m in re.finditer(r"\n\s*\n", text)]
    out = []
    persons = sorted(person_mentions)
    positions = [p for p, _ in persons]

    def person_before(pos: int) -> str | None:
        pi = bisect_right(positions, pos) - 1
        return persons[pi][1] if pi >= 0 else None

    ctx.person_before = person_before  # type: ignore[method-assign]
    outlets = {o.name.lower() for o in ctx.theatre.outlets} | {
        a.lower() for o in ctx.theatre.outlets for a in o.aliases}
    for q in find_quotes(text):
        ps = para_starts[bisect_right(para_starts, q.start - 1) - 1]
        speaker = attribute(text, q, sents, starts, ctx, ps)
        if speaker is None or speaker.lower() in outlets:
            continue
        ctx.last_speaker = speaker
        ctx.last_quote_end = q.end + 1
        i = bisect_right(starts, q.start) - 1
        if i >= 0:
            ev = sents[i].evidence()
            j = bisect_right(starts, q.end) - 1
            if j > i:  # the quotation runs over several sentences
                last = sents[j].evidence()
                ev = Evidence(document_id, ev.start, last.end, text[ev.start:last.end])
        else:
            ev = Evidence(document_id, q.start, q.end, q.text)
        out.append(Quote(speaker=speaker, text=q.text, evidence=ev, span=(q.start, q.end)))
    return out
