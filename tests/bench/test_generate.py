"""The bench's synthetic reports: deterministic, complete, and they exercise the extractor."""

from __future__ import annotations

from datetime import date

import pytest

from khabar.bench.generate import MAX_WORDS, MIN_WORDS, generate, generate_reports, write_corpus
from khabar.extract.pipeline import Extractor
from khabar.ingest import read_inputs
from khabar.records import Document, document_id


@pytest.fixture(scope="module")
def reports():
    return generate(50)


def test_same_seed_gives_the_same_reports():
    assert generate_reports(50) == generate_reports(50)
    assert generate_reports(50, seed=8) != generate_reports(50)


def test_every_report_has_title_body_date_and_length_in_range(reports):
    for r in reports:
        d = r.document
        assert isinstance(d, Document)
        assert d.title and "\n" not in d.title
        assert d.outlet and d.url.startswith("https://")
        assert date(2021, 5, 1) <= d.published <= date(2021, 8, 31)
        assert MIN_WORDS <= len(d.text.split()) <= MAX_WORDS
        assert d.id == document_id(d.text)
    assert len({r.document.id for r in reports}) == len(reports)


def test_fast_extractor_finds_the_capture_in_most_capture_reports(reports):
    extractor = Extractor(mode="fast")
    captures = [r for r in reports if "capture" in r.themes]
    assert len(captures) >= 10
    found = 0
    for r in captures:
        got = {(c.district_id, c.controller) for c in extractor.extract(r.document).control_changes}
        taken = {(did, c) for did, c in r.expected if c == "taliban"}
        found += bool(got & taken)
    assert found / len(captures) >= 0.75


def test_written_corpus_reads_back_as_the_same_documents(reports, tmp_path):
    docs = [r.document for r in reports[:5]]
    write_corpus(docs, tmp_path)
    back = list(read_inputs([str(tmp_path)]))
    assert [(d.id, d.title, d.outlet, d.published) for d in back] == \
           [(d.id, d.title, d.outlet, d.published) for d in docs]
