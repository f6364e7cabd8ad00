"""Extracting many reports at once: worker processes, input order, one bad report alone fails."""

from __future__ import annotations

from pathlib import Path

import pytest

from khabar.extract.pipeline import ExtractionError, Extractor
from khabar.ingest import limits
from khabar.jobs import ingest
from khabar.records import Document, Extraction, document_id
from khabar.store import connect
from khabar.store.records import stats
from tests.extract.conftest import SAMPLES, read_sample

NAMES = sorted(p.stem for p in SAMPLES.glob("*.txt"))


def samples() -> list[Document]:
    return [read_sample(n) for n in NAMES]


def too_long() -> Document:
    """A report longer than the rule pipeline takes (5,000,000 characters)."""
    text = "The Taliban captured Panjwai district. " * 130_000
    return Document(document_id(text), text, source="huge.txt")


@pytest.mark.model
def test_workers_give_the_records_of_one_process_in_input_order(extractor: Extractor) -> None:
    docs = samples()
    alone = [extractor.extract(d).to_dict() for d in docs]
    batched = [ex.to_dict() for ex in extractor.extract_many(docs)]  # type: ignore[union-attr]
    workers = [ex.to_dict() for ex in extractor.extract_many(docs, processes=2, chunk=3)]  # type: ignore[union-attr]
    assert batched == alone
    assert workers == alone
    assert [w["document"]["id"] for w in workers] == [d.id for d in docs]


@pytest.mark.parametrize("processes", [1, 2])
def test_a_failing_report_is_an_error_and_the_others_are_extracted(fast_extractor: Extractor,
                                                                    processes: int) -> None:
    taken, retaken = read_sample("district_taken"), read_sample("district_retaken")
    results = list(fast_extractor.extract_many([taken, too_long(), retaken], processes=processes,
                                               chunk=1))
    assert [type(r) for r in results] == [Extraction, ExtractionError, Extraction]
    assert str(results[1]).startswith("huge.txt: extraction failed (ValueError: [E088] Text of "
                                      "length 5070000 exceeds maximum of 5000000.")
    assert results[0].to_dict() == fast_extractor.extract(taken).to_dict()  # type: ignore[union-attr]
    assert results[2].to_dict() == fast_extractor.extract(retaken).to_dict()  # type: ignore[union-attr]


def test_an_empty_input_gives_nothing(fast_extractor: Extractor) -> None:
    assert list(fast_extractor.extract_many([], processes=2)) == []


def test_ingest_with_workers_stores_what_one_process_stores_and_reingest_adds_nothing(
        fast_extractor: Extractor) -> None:
    one, two = connect(":memory:"), connect(":memory:")
    alone = ingest(one, [str(SAMPLES)], fast_extractor, processes=1)
    workers = ingest(two, [str(SAMPLES)], fast_extractor, processes=2)
    assert workers.new == alone.new == len(NAMES)
    assert (workers.records, workers.warnings, workers.errors) == \
        (alone.records, alone.warnings, alone.errors)
    assert stats(two) == stats(one)
    again = ingest(two, [str(SAMPLES)], fast_extractor, processes=2)
    assert (again.new, again.known) == (0, len(NAMES))
    assert stats(two) == stats(one)


def test_ingest_reports_a_failing_report_and_stores_the_rest(fast_extractor: Extractor,
                                                             tmp_path: Path) -> None:
    (tmp_path / "huge.txt").write_text(too_long().text, encoding="utf-8")
    for name in ("district_taken", "district_retaken"):
        (tmp_path / f"{name}.txt").write_text((SAMPLES / f"{name}.txt").read_text(encoding="utf-8"),
                                              encoding="utf-8")
    with limits.limits(max_chars=0):  # uncut: ingest would cut it to its character cap
        rep = ingest(connect(":memory:"), [str(tmp_path)], fast_extractor, processes=2)
    assert rep.new == 2
    assert len(rep.errors) == 1
    assert "huge.txt: extraction failed (ValueError: [E088]" in rep.errors[0]
