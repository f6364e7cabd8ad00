"""Scoring extraction against gold: gold dicts and `Extraction.to_dict()` dicts in, figures out.

    scores = [score_document("108", text, gold, extraction, resolver)]
    figures = summarise(scores)     # {kind: {"tp", "fp", "fn", "precision", ...}}

Each kind is matched one-to-one per document, greedily, best candidate pairs first; figures are
micro-averaged over the documents. Evidence overlap compares where the gold evidence and the
predicted sentence (or span) sit in the document text. No I/O here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from khabar.theatres.loader import Theatre, name_key

Record = dict[str, Any]
Resolver = Callable[[str, str | None], str | None]
Key = tuple[float, ...]

# Gold key, predicted key, and the attributes judged on matched pairs, per kind.
KINDS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "control_changes": ("control_changes", "control_changes", ("date", "district_id")),
    "meetings": ("meetings", "events", ("date",)),
    "other_events": ("other_events", "events", ("date",)),
    "claims": ("claims", "claims", ("stance", "claimant", "quantity")),
    "quotes": ("quotes", "quotes", ("speaker",)),
    "assessments": ("aggregate_control", "assessments", ("as_of",)),
}

_QUOTE_MARKS = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00ab": '"',
                              "\u00bb": '"', "\u2032": "'"})
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_GENERIC = frozenset(
    "the a an of and for in on at to from by with said says its his her their official officials "
    "spokesman spokesperson spokeswoman spokesmen representative representatives source sources "
    "minister ministry office president senior deputy head chief member members unnamed "
    "statement".split())


# -- text ------------------------------------------------------------------------------------
class Body:
    """A document's text, with a whitespace- and quote-normalised copy for finding evidence."""

    def __init__(self, text: str) -> None:
        self.text = text
        chars: list[str] = []
        index: list[int] = []
        for i, c in enumerate(text.translate(_QUOTE_MARKS)):
            if c.isspace():
                if chars and chars[-1] != " ":
                    chars.append(" ")
                    index.append(i)
                continue
            chars.append(c)
            index.append(i)
        self.norm = "".join(chars)
        self.index = index

    def locate(self, needle: str | None, near: int | None = None) -> tuple[int, int] | None:
        """Return the [start, end) of a string in the text (the occurrence holding `near`), or None."""
        if not needle or not needle.strip():
            return None
        ranges = [(h, h + len(needle)) for h in _occurrences(self.text, needle)]
        if not ranges:
            n = " ".join(needle.translate(_QUOTE_MARKS).split())
            ranges = [(self.index[h], self.index[h + len(n) - 1] + 1)
                      for h in _occurrences(self.norm, n)]
        inside = [r for r in ranges if near is not None and r[0] <= near < r[1]]
        return (inside or ranges)[0] if ranges else None


def _occurrences(text: str, needle: str) -> list[int]:
    out, i = [], text.find(needle)
    while i >= 0:
        out.append(i)
        i = text.find(needle, i + 1)
    return out


def norm_text(text: str | None) -> str:
    """Return text lower-cased, quotes unified and stripped, spaces collapsed."""
    t = (text or "").translate(_QUOTE_MARKS).lower().replace('"', " ")
    return " ".join(t.split()).strip(" .,;:'")


def words(text: str | None) -> list[str]:
    """Return the lower-case word tokens of a text."""
    return _WORD.findall((text or "").translate(_QUOTE_MARKS).lower())


def same_name(a: str | None, b: str | None) -> bool:
    """Return whether two names of a party agree: one contains the other, or content words overlap."""
    na, nb = norm_text(a), norm_text(b)
    if not na or not nb:
        return False
    if na in nb or nb in na:
        return True
    return bool((set(words(na)) - _GENERIC) & (set(words(nb)) - _GENERIC))


def same_speaker(gold: str | None, pred: str | None) -> bool:
    """Return whether two speakers agree: same last name, or one contains the other."""
    na, nb = norm_text(_drop_brackets(gold)), norm_text(_drop_brackets(pred))
    if not na or not nb:
        return False
    if na in nb or nb in na:
        return True
    wa, wb = words(na), words(nb)
    return bool(wa and wb and wa[-1] == wb[-1])


def _drop_brackets(s: str | None) -> str:
    return re.sub(r"\([^)]*\)", " ", s or "")


def text_overlap(a: str | None, b: str | None) -> float:
    """Return 1.0 when one text contains the other, else the shared word share of the shorter."""
    na, nb = norm_text(a), norm_text(b)
    if not na or not nb:
        return 0.0
    if na in nb or nb in na:
        return 1.0
    wa, wb = set(words(na)), set(words(nb))
    return len(wa & wb) / min(len(wa), len(wb)) if wa and wb else 0.0


# -- matching --------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Pair:
    """A gold record matched to a predicted one, with the attributes judged right or wrong."""

    gold: Record
    predicted: Record
    attributes: dict[str, bool | None]


@dataclass(frozen=True, slots=True)
class KindScore:
    """One kind in one document: the matched pairs, false positives and false negatives."""

    kind: str
    pairs: tuple[Pair, ...]
    false_positives: tuple[Record, ...]
    false_negatives: tuple[Record, ...]

    def counts(self) -> dict[str, int]:
        tp, fp, fn = len(self.pairs), len(self.false_positives), len(self.false_negatives)
        return {"gold": tp + fn, "predicted": tp + fp, "tp": tp, "fp": fp, "fn": fn}


@dataclass(frozen=True, slots=True)
class DocumentScore:
    """Every kind scored in one document."""

    document: str
    kinds: dict[str, KindScore]


def greedy(gold: Sequence[Record], pred: Sequence[Record],
           key: Callable[[Record, Record], Key | None]) -> list[tuple[int, int]]:
    """Return one-to-one (gold index, predicted index) pairs, best keys first, then text order."""
    cands = [(k, gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(pred)
             if (k := key(g, p)) is not None]
    cands.sort(key=lambda c: (tuple(-x for x in c[0]), c[1], c[2]))
    out: list[tuple[int, int]] = []
    for _, gi, pi in cands:
        if all(gi != g and pi != p for g, p in out):
            out.append((gi, pi))
    return sorted(out)


def district_resolver(theatre: Theatre) -> Resolver:
    """Return a function giving the gazetteer id of a district name (and province), or None."""
    @lru_cache(maxsize=4096)
    def resolve(name: str, province: str | None) -> str | None:
        d = theatre.resolve_district(name, province) if name else None
        return d.id if d else None
    return resolve


class _Scorer:
    """The matching rules of each kind for one document."""

    def __init__(self, text: str, resolve: Resolver) -> None:
        self.body = Body(text)
        self.resolve = resolve
        self._gold_ranges: dict[str, tuple[int, int] | None] = {}

    def gold_range(self, g: Record) -> tuple[int, int] | None:
        ev = g.get("evidence") or ""
        if ev not in self._gold_ranges:
            self._gold_ranges[ev] = self.body.locate(ev)
        return self._gold_ranges[ev]

    def pred_ranges(self, p: Record) -> list[tuple[int, int]]:
        span = p.get("span") or None
        near = span[0] if span else None
        out = [r] if (r := self.body.locate(p.get("evidence"), near)) else []
        if span and len(span) == 2 and span[1] >= span[0]:
            out.append((span[0], max(span[1], span[0] + 1)))
        return out

    def overlap(self, g: Record, p: Record) -> bool:
        gr = self.gold_range(g)
        if gr is None:
            return text_overlap(g.get("evidence"), p.get("evidence")) >= 0.6
        return any(gr[0] < e and s < gr[1] for s, e in self.pred_ranges(p))

    # -- per kind ----------------------------------------------------------------------------
    def district_id(self, r: Record) -> str | None:
        name, province = r.get("district"), r.get("province")
        if not isinstance(name, str) or not name:
            return None
        return self.resolve(name, province if isinstance(province, str) else None)

    def control(self, g: Record, p: Record) -> Key | None:
        if g.get("controller") != p.get("controller"):
            return None
        gid, pid = self.district_id(g), self.district_id(p)
        gkey = name_key(g.get("district") or "")
        if not (gid == pid if gid and pid else gkey and gkey == name_key(p.get("district") or "")):
            return None
        return (self.overlap(g, p), *map(bool, self.attributes("control_changes", g, p).values()))

    def attributes(self, kind: str, g: Record, p: Record) -> dict[str, bool | None]:
        if kind == "control_changes":
            return {"date": g.get("date") == p.get("date"),
                    "district_id": self.district_id(g) == p.get("district_id")}
        if kind == "claims":
            return claim_attributes(g, p)
        if kind == "quotes":
            return {"speaker": same_speaker(g.get("speaker"), p.get("speaker"))}
        if kind == "assessments":
            return {"as_of": g.get("as_of") == p.get("as_of")}
        return {"date": g.get("date") == p.get("date")}

    def meeting(self, g: Record, p: Record) -> Key | None:
        if not self.overlap(g, p):
            return None
        named = [*p.get("actors", []), *p.get("targets", [])]
        parties = sum(any(same_name(gp, n) for n in named) for gp in g.get("parties") or [])
        return (parties, g.get("date") == p.get("date"))

    def other_event(self, g: Record, p: Record) -> Key | None:
        if g.get("type") != p.get("type") or not self.overlap(g, p):
            return None
        named = [*p.get("actors", []), *p.get("targets", [])]
        parties = sum(any(same_name(ga, n) for n in named)
                      for ga in [*(g.get("actors") or []), *(g.get("targets") or [])])
        return (parties, g.get("date") == p.get("date"))

    def claim(self, g: Record, p: Record) -> Key | None:
        if not self.overlap(g, p):
            return None
        a = claim_attributes(g, p)
        return (bool(a["stance"]), bool(a["claimant"]), bool(a["quantity"]))

    def quote(self, g: Record, p: Record) -> Key | None:
        share = text_overlap(g.get("text"), p.get("text"))
        if share < 0.6:
            return None
        wg, wp = set(words(g.get("text"))), set(words(p.get("text")))
        jaccard = len(wg & wp) / len(wg | wp) if wg | wp else 0.0
        return (share, jaccard, same_speaker(g.get("speaker"), p.get("speaker")))

    def assessment(self, preds: Sequence[Record]) -> Callable[[Record, Record], Key | None]:
        counts = [p.get("count") for p in preds]

        def key(g: Record, p: Record) -> Key | None:
            if g.get("districts") != p.get("count"):
                return None
            ov = self.overlap(g, p)
            if not ov and counts.count(p.get("count")) > 1:
                return None
            return (ov, g.get("as_of") == p.get("as_of"))
        return key


def claim_attributes(g: Record, p: Record) -> dict[str, bool | None]:
    """Return whether a matched claim has the stance, claimant and quantity of its gold."""
    gq, pq = g.get("quantity"), p.get("quantity")
    quantity = None
    if isinstance(gq, dict) and gq.get("value") is not None:
        quantity = isinstance(pq, dict) and _number(pq.get("value")) == _number(gq.get("value"))
    return {"stance": g.get("stance") == p.get("stance"),
            "claimant": same_name(g.get("claimant"), p.get("claimant")), "quantity": quantity}


def _number(v: object) -> float | None:
    try:
        return float(v)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def predicted_of(kind: str, extraction: Record) -> list[Record]:
    """Return the predicted records a kind is scored on (meetings: CONSULT events that happened)."""
    records = list(extraction.get(KINDS[kind][1]) or [])
    if kind in ("meetings", "other_events"):
        return [e for e in records if (e.get("type") == "CONSULT") == (kind == "meetings")
                and e.get("status", "happened") == "happened"]
    return records


def score_document(document: str, text: str, gold: Record, extraction: Record,
                   resolve: Resolver) -> DocumentScore:
    """Return every kind of one document scored: gold dict and extraction dict over its text."""
    s = _Scorer(text, resolve)
    kinds = {}
    for kind, (gold_key, _, _) in KINDS.items():
        golds = list(gold.get(gold_key) or [])
        preds = predicted_of(kind, extraction)
        key = {"control_changes": s.control, "meetings": s.meeting, "other_events": s.other_event,
               "claims": s.claim, "quotes": s.quote}.get(kind) or s.assessment(preds)
        pairs = greedy(golds, preds, key)
        matched = [Pair(golds[gi], preds[pi], s.attributes(kind, golds[gi], preds[pi]))
                   for gi, pi in pairs]
        gi_used, pi_used = {gi for gi, _ in pairs}, {pi for _, pi in pairs}
        kinds[kind] = KindScore(kind, tuple(matched),
                                tuple(p for i, p in enumerate(preds) if i not in pi_used),
                                tuple(g for i, g in enumerate(golds) if i not in gi_used))
    return DocumentScore(document, kinds)


# -- figures ---------------------------------------------------------------------------------
def summarise(scores: Iterable[DocumentScore]) -> dict[str, dict[str, Any]]:
    """Return per kind, micro-averaged: counts, precision, recall, F1 and attribute shares."""
    scores = list(scores)
    out: dict[str, dict[str, Any]] = {}
    for kind, (_, _, attributes) in KINDS.items():
        totals = {"gold": 0, "predicted": 0, "tp": 0, "fp": 0, "fn": 0}
        right = dict.fromkeys(attributes, 0)
        judged = dict.fromkeys(attributes, 0)
        for d in scores:
            ks = d.kinds[kind]
            for k, v in ks.counts().items():
                totals[k] += v
            for pair in ks.pairs:
                for a in attributes:
                    if pair.attributes.get(a) is not None:
                        judged[a] += 1
                        right[a] += bool(pair.attributes[a])
        tp, fp, fn = totals["tp"], totals["fp"], totals["fn"]
        out[kind] = {**totals,
                     "precision": _ratio(tp, tp + fp), "recall": _ratio(tp, tp + fn),
                     "f1": _ratio(2 * tp, 2 * tp + fp + fn),
                     "attributes": {a: {"right": right[a], "of": judged[a],
                                        "share": _ratio(right[a], judged[a])} for a in attributes}}
    return out


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def per_document(scores: Iterable[DocumentScore]) -> list[dict[str, Any]]:
    """Return each document's counts per kind."""
    return [{"document": d.document, "kinds": {k: ks.counts() for k, ks in d.kinds.items()}}
            for d in scores]


def errors(scores: Iterable[DocumentScore]) -> list[dict[str, Any]]:
    """Return every false positive and false negative: kind, document, record in short, sentence."""
    out = []
    for d in scores:
        for kind, ks in d.kinds.items():
            for g in ks.false_negatives:
                out.append({"error": "FN", "kind": kind, "document": d.document,
                            "record": describe(kind, g, gold=True),
                            "sentence": g.get("evidence") or g.get("text") or ""})
            for p in ks.false_positives:
                out.append({"error": "FP", "kind": kind, "document": d.document,
                            "record": describe(kind, p, gold=False), "sentence": p.get("evidence") or ""})
    return out


def describe(kind: str, r: Record, *, gold: bool) -> str:
    """Return a record in one short line."""
    day = r.get("as_of" if kind == "assessments" else "date") or "no date"
    if kind == "control_changes":
        where = f"{r.get('district')} ({r.get('province') or '?'})"
        return f"{where} -> {r.get('controller')}, {day}"
    if kind in ("meetings", "other_events"):
        if gold and kind == "meetings":
            who = ", ".join(r.get("parties") or [])
        else:
            who = f"{', '.join(r.get('actors') or [])} -> {', '.join(r.get('targets') or [])}"
        return f"{r.get('type', 'CONSULT')}: {who}, {day}"
    if kind == "claims":
        q = r.get("quantity") if isinstance(r.get("quantity"), dict) else {}
        qty = f" [{q.get('value')} {q.get('unit') or ''}".rstrip() + "]" if q else ""
        return f"{r.get('claimant')} {r.get('stance')}: {r.get('claim' if gold else 'text')}{qty}"
    if kind == "quotes":
        return f"{r.get('speaker')}: \u201c{r.get('text')}\u201d"
    count = r.get("districts" if gold else "count")
    of = r.get("of_districts" if gold else "of")
    return (f"{r.get('assessor')}: {r.get('controller')} {count}" + (f" of {of}" if of else "")
            + f" ({r.get('kind') or '?'}), {day}")
