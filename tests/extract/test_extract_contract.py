"""The extract contract: the JSON keys and value types, spans and evidence, for every sample."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from khabar.extract.pipeline import Extractor
from khabar.records import PLOVER_TYPES, STANCES, Document
from khabar.theatres.loader import load as load_theatre

Sample = Callable[[str], Document]
SAMPLE_NAMES = sorted(p.stem for p in (Path(__file__).parents[1] / "samples").glob("*.txt"))

KEYS = {
    "document": {"id", "title", "outlet", "url", "published"},
    "pipeline": {"name", "version"},
    "control_changes": {"district", "district_id", "province", "controller", "date", "evidence", "span"},
    "events": {"type", "actors", "targets", "place", "date", "status", "evidence", "span"},
    "claims": {"claimant", "stance", "text", "quantity", "date", "evidence", "span"},
    "quotes": {"speaker", "text", "evidence", "span"},
    "assessments": {"assessor", "controller", "count", "of", "as_of", "kind", "evidence", "span"},
}
DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def is_day_or_none(value: object) -> bool:
    return value is None or (isinstance(value, str) and bool(DAY.match(value)))


def check_contract(data: dict, text: str) -> None:
    """Assert that one `khabar extract --json` object keeps the contract for a document text."""
    for key, fields in KEYS.items():
        assert key in data
        if key in ("document", "pipeline"):
            assert fields <= set(data[key]), key
            continue
        assert isinstance(data[key], list)
        for rec in data[key]:
            assert fields <= set(rec), (key, rec)
            start, end = rec["span"]
            assert isinstance(start, int) and isinstance(end, int)
            assert 0 <= start < end <= len(text)
            assert isinstance(rec["evidence"], str)
            assert text[start:end] in rec["evidence"]
    assert is_day_or_none(data["document"]["published"])
    for c in data["control_changes"]:
        assert c["controller"] in load_theatre().controllers
        assert is_day_or_none(c["date"])
        assert c["district_id"] is None or re.fullmatch(r"AF\d{4}", c["district_id"])
    for e in data["events"]:
        assert e["type"] in PLOVER_TYPES
        assert e["status"] in ("happened", "planned", "negated")
        assert is_day_or_none(e["date"])
        assert all(isinstance(a, str) for a in e["actors"] + e["targets"])
    for c in data["claims"]:
        assert c["stance"] in STANCES
        assert is_day_or_none(c["date"])
        q = c["quantity"]
        assert q is None or ({"value", "unit", "of"} <= set(q) and isinstance(q["value"], (int, float)))
    for a in data["assessments"]:
        assert a["controller"] in load_theatre().controllers
        assert is_day_or_none(a["as_of"])
        assert isinstance(a["count"], int)


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_every_sample_keeps_the_json_contract(sample: Sample, any_extractor: Extractor, name: str) -> None:
    doc = sample(name)
    data = json.loads(json.dumps(any_extractor.extract(doc).to_dict()))
    check_contract(data, doc.text)
    assert data["document"]["published"] == doc.published.isoformat()  # from tests/samples/index.jsonl
    assert data["pipeline"]["name"] == f"khabar-{any_extractor.mode}"


def test_contract_for_a_capture(sample: Sample, fast_extractor: Extractor) -> None:
    data = fast_extractor.extract(sample("district_taken")).to_dict()
    assert data["document"] == {
        "id": "311fb21f03baddf6", "title": "Taliban take Panjwayi district west of Kandahar city",
        "outlet": "Example Wire", "url": "https://news.example.org/2021/07/06/panjwayi",
        "published": "2021-07-06", "language": "en"}
    assert data["pipeline"] == {"name": "khabar-fast", "version": "0.1.0"}
    (c,) = data["control_changes"]
    assert {k: c[k] for k in KEYS["control_changes"]} == {
        "district": "Panjwayi", "district_id": "AF2704", "province": "Kandahar",
        "controller": "taliban", "date": "2021-07-04",
        "evidence": ("Taliban fighters captured Panjwayi district in Kandahar province on Sunday, "
                     "two local officials said."),
        "span": [26, 34]}
    # "troops had pulled back to a base": a retreat to another place (families moving are not one)
    assert [(e["type"], e["trigger"]) for e in data["events"]] == [("RETREAT", "pulled back")]
    assert (data["claims"], data["quotes"], data["assessments"]) == ([], [], [])


def sentence_bounds(text: str, start: int, end: int) -> bool:
    """Return whether text[start:end] is whole sentences: it opens the text or follows a sentence
    end, and it ends like a sentence."""
    before = text[:start].rstrip()
    opens = before == "" or before[-1] in ".!?\u201d\"" or text[start - 1] == "\n"
    closes = bool(re.search(r"[.!?][\u201d\"]?$", text[start:end]))
    return opens and closes


RECORD_KINDS = ("control_changes", "events", "claims", "quotes", "assessments")


@pytest.mark.parametrize("name", ["district_taken", "district_retaken", "several_districts",
                                  "district_anaphora", "failed_attack", "meeting", "planned_visit",
                                  "claim_with_number", "denial", "assessment", "unknown_district"])
def test_evidence_is_the_whole_sentence_holding_the_span(sample: Sample, any_extractor: Extractor,
                                                         name: str) -> None:
    doc = sample(name)
    ex = any_extractor.extract(doc)
    records = [r for kind in RECORD_KINDS for r in getattr(ex, kind)]
    assert records
    for r in records:
        ev = r.evidence
        assert ev.document_id == doc.id
        assert doc.text[ev.start:ev.end] == ev.text
        assert ev.start <= r.span[0] < r.span[1] <= ev.end
        assert sentence_bounds(doc.text, ev.start, ev.end), ev.text


@pytest.mark.model
@pytest.mark.parametrize("name", ["split_quote", "he_said", "scare_quotes"])
def test_quote_spans_are_the_words_inside_the_marks(sample: Sample, extractor: Extractor,
                                                    name: str) -> None:
    doc = sample(name)
    quotes = extractor.extract(doc).quotes
    assert quotes
    for q in quotes:
        assert doc.text[slice(*q.span)] == q.text
        assert doc.text[q.span[0] - 1] in "\u201c\""
        assert doc.text[q.evidence.start:q.evidence.end] == q.evidence.text
        assert q.evidence.start <= q.span[0] < q.span[1] <= q.evidence.end
