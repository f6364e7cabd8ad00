"""Claims: who asserts, denies or disputes what, with the number it states.

A claim trigger ("claimed", "said it had", "denied", "rejected", "dismissed as") outside
quotation marks gives a claim; the claimant is the trigger's subject (from the parse when there
is one, else the nearest named actor before it), the claim the words that follow it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Token

from khabar.extract.dates import date_near
from khabar.extract.events import inside_quotes
from khabar.extract.quantities import find_quantity
from khabar.extract.sentences import Context, Sent, clean_name
from khabar.records import Claim

_TRIGGERS: list[tuple[str, str]] = [
    ("denies", r"\b(?:den(?:y|ied|ies|ying)|denial of|refuted|not true|absolute lie|"
               r"outright lies?|baseless|unfounded)\b"),
    ("disputes", r"\b(?:reject(?:ed|s|ing)?|dismiss(?:ed|es|ing)?|disput(?:e|ed|es|ing)|"
                 r"an assertion that)\b"),
    ("asserts", r"\b(?:claim(?:ed|s|ing)?|said (?:it|they|that it|that they) (?:had|has|have|now|"
                r"controls?|captured|seized|took|were|was)|insist(?:ed|s)?|assert(?:ed|s)|"
                r"alleg(?:ed|es|ing)|accus(?:ed|es|ing)|assur(?:ed|es|ing)|promised|promises to|"
                r"boast(?:ed|s)|announced (?:it had|that it had|the capture|the seizure)|"
                r"took responsibility|responsibility for|(?:say|says|said)\s+(?:they|it)\s+(?:now\s+)?"
                r"(?:controls?|holds?|held|ha(?:ve|s|d)\s+(?:captured|taken|seized)))\b"),
]
TRIGGERS = [(stance, re.compile(rx, re.I)) for stance, rx in _TRIGGERS]
_NOT_CLAIM = re.compile(r"claimed the lives|claimed (?:\w+\s+)?lives|unclaimed|dismissed (?:from|as "
                        r"(?:governor|minister|chief))|rejected (?:the|an?) (?:offer|proposal|request)",
                        re.I)
_DENIAL_WORDS = re.compile(r"\b(?:lies?|not true|false|baseless|fabricat\w+|fake|untrue)\b", re.I)
_SUBJ_DEPS = {"nsubj", "nsubjpass"}
_PARTY_LABELS = {"ACTOR", "PERSON", "ORG", "GPE", "NORP"}


@dataclass(frozen=True, slots=True)
class ClaimMatch:
    stance: str
    t_start: int
    t_end: int
    trigger: str


_SAID = re.compile(r"\b(?:said|says|told|according to|announced|stated|added)\b", re.I)
_CONTROL_QTY = re.compile(r"\b(?:control(?:s|led)?|h(?:o|e)ld|holds?|captured|taken|seized|"
                          r"killed|crossed|fled)\b", re.I)


def match(sent: Sent, ctx: Context) -> list[ClaimMatch]:
    """Return the claim triggers of a sentence, outside quotations, one per clause."""
    text = sent.text
    if _NOT_CLAIM.search(text):
        return []
    out: list[ClaimMatch] = []
    qty_said = _SAID.search(text)
    if qty_said and _CONTROL_QTY.search(text) and find_quantity(text) and \
            not inside_quotes(text, qty_said.start()):
        # "X controls 85 percent of the territory, a member of its delegation said"
        out.append(ClaimMatch("asserts", qty_said.start(), qty_said.end(), qty_said.group()))
    for stance, rx in TRIGGERS:
        for m in rx.finditer(text):
            if inside_quotes(text, m.start()):
                continue
            if any(abs(m.start() - o.t_start) < 40 or (o.trigger == qty_said.group() if qty_said
                                                         else False) for o in out):
                continue
            st = stance
            if stance == "disputes" and re.match(r"dismiss", m.group(), re.I) and \
                    _DENIAL_WORDS.search(text[m.end():m.end() + 60]):
                st = "denies"
            out.append(ClaimMatch(st, m.start(), m.end(), m.group()))
    out.sort(key=lambda c: c.t_start)
    return out


def _span_text(tokens: list[Token]) -> str:
    if not tokens:
        return ""
    doc = tokens[0].doc
    return doc[tokens[0].i:tokens[-1].i + 1].text


def _subject_from_parse(sent: Sent, t_start: int) -> str | None:
    if not sent.parsed:
        return None
    doc = sent.doc
    head = next((t for t in doc if t.idx >= t_start), None)
    if head is None:
        return None
    for _ in range(3):
        subj = [c for c in head.children if c.dep_ in _SUBJ_DEPS]
        if subj:
            s = subj[0]
            appos = [c for c in s.children if c.dep_ == "appos" and c.ent_type_ in ("PERSON", "ACTOR")]
            if appos:
                a = appos[0]
                return doc[min(t.i for t in a.subtree if t.ent_type_):
                           max(t.i for t in a.subtree if t.ent_type_) + 1].text
            if s.pos_ == "PRON" and s.lower_ in ("it", "they", "he", "she", "which", "who", "that"):
                return None
            toks = [t for t in s.subtree if t.dep_ not in ("relcl", "acl", "appos", "punct")
                    or t.i < s.i]
            toks = [t for t in toks if not any(a.dep_ in ("relcl", "acl", "appos") and a.i != s.i
                                               for a in t.ancestors if a in s.subtree and a.i > s.i)]
            name = _span_text(toks) if toks else s.text
            return name if len(name) < 120 else s.text
        if head.dep_ in ("conj", "xcomp", "ccomp", "advcl", "relcl") and head.head is not head:
            head = head.head
        else:
            break
    return None


def _subject_nearby(sent: Sent, t_start: int, ctx: Context) -> str | None:
    best = None
    for e in sent.doc.ents:
        if e.label_ in _PARTY_LABELS and e.end_char <= t_start and t_start - e.end_char < 120:
            best = e
    if best is None:
        return None
    name = clean_name(best.text)
    return ctx.full_name(name) if best.label_ == "PERSON" else name


def _claim_text(text: str, t_end: int) -> str:
    rest = text[t_end:]
    rest = re.sub(r"^\s*(?:that|as|to|of)\s+", "", rest)
    rest = re.split(r",\s*(?:officials|he|she|they|the \w+|a \w+)\s+(?:said|added|told)\b|\s[–—-]\s|;",
                    rest)[0]
    return rest.strip(" ,.\u201c\u201d\"()")


def to_records(sent: Sent, matches: list[ClaimMatch], ctx: Context) -> list[Claim]:
    """Return a Claim per trigger, with claimant, the claim, a quantity if stated, and a date."""
    out: list[Claim] = []
    ev = sent.evidence()
    text = sent.text
    for m in matches:
        claimant = _subject_from_parse(sent, m.t_start) or _subject_nearby(sent, m.t_start, ctx)
        if m.trigger.lower().startswith("an assertion that"):
            claimant = _subject_after(sent, m.t_end) or claimant
        if not claimant:
            continue
        claimant = clean_name(claimant)
        if claimant.lower() in ("he", "she", "they", "it", "who", "which"):
            continue
        body = _claim_text(text, m.t_end)
        qty = find_quantity(body) or (find_quantity(text) if m.stance == "asserts" else None)
        end = m.t_end + len(text[m.t_end:]) - len(text[m.t_end:].lstrip())
        when = date_near(sent.dates, m.t_start, m.t_end)
        if any(c.claimant == claimant and c.stance == m.stance for c in out):
            continue
        out.append(Claim(claimant=claimant, stance=m.stance,  # type: ignore[arg-type]
                         text=body or text.strip(), quantity=qty, date=when, evidence=ev,
                         span=sent.span_of(m.t_start, max(end + len(body), m.t_end))))
    return out


def _subject_after(sent: Sent, t_end: int) -> str | None:
    """The claimant of "an assertion that X reject": the subject of the following verb."""
    m = re.match(r"\s*(?P<s>[^,;]+?)\s+(?:reject|deny|dispute|dismiss)", sent.text[t_end:])
    return m["s"] if m else None
