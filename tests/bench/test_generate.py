"""The bench's synthetic reports: deterministic, complete, and they exercise the extractor."""

from __future__ import annotations

from datetime import date

import pytest

from khabar.bench.generate import MAX_WORDS, MIN_WORDS, generate, generate_reports, write_corpus
from khabar.bench.words import bench_words
from khabar.extract.pipeline import Extractor
from khabar.ingest import read_inputs
from khabar.records import Document, document_id
from khabar.theatres.loader import installed, load
from tests.theatres.conftest import write_theatre


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
    attacker = bench_words(load()).attacker
    found = 0
    for r in captures:
        got = {(c.district_id, c.controller) for c in extractor.extract(r.document).control_changes}
        taken = {(did, c) for did, c in r.expected if c == attacker}
        found += bool(got & taken)
    assert found / len(captures) >= 0.75


@pytest.fixture(scope="module")
def invented(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(write_theatre(tmp_path_factory.mktemp("bench") / "veloria_2031"))


@pytest.mark.parametrize("name", [*sorted(installed()), "invented"])
def test_any_theatre_gets_reports_in_its_own_words_that_the_extractor_reads(name: str, request) -> None:
    theatre = request.getfixturevalue("invented") if name == "invented" else name
    th = load(theatre)
    words = bench_words(th)
    reports = generate(40, theatre=theatre)
    for r in reports:
        assert words.first_day <= r.document.published <= words.last_day
        assert "{" not in r.document.text and "}" not in r.document.text
        for did, controller in r.expected:
            assert did in th.districts and controller in th.controllers
    # the capture leads name the attacking party as the theatre calls it, and give it the district
    expected = {(did, c) for r in reports for did, c in r.expected}
    assert {c for _, c in expected} == {words.attacker, words.defender, "contested"}
    extractor = Extractor(theatre, mode="fast")
    with_change = [r for r in reports if r.expected]
    found = sum(bool({(c.district_id, c.controller) for c in extractor.extract(r.document).control_changes}
                     & set(r.expected)) for r in with_change)
    assert found / len(with_change) >= 0.75


def test_the_invented_theatres_bench_words_come_from_its_data(invented: str) -> None:
    words = bench_words(load(invented))
    assert (words.attacker, words.defender) == ("pact", "crown")  # the first party opposing the incumbent
    assert words.slots["level"] == "county" and words.slots["country"] == "Veloria"
    assert words.attackers[0] == "Northern Pact fighters" and set(words.cities) == {"Varnholt", "Dunmarrow"}
    assert (words.first_day.isoformat(), words.last_day.isoformat()) == ("2031-03-01", "2031-04-30")


def test_written_corpus_reads_back_as_the_same_documents(reports, tmp_path):
    docs = [r.document for r in reports[:5]]
    write_corpus(docs, tmp_path)
    back = list(read_inputs([str(tmp_path)]))
    assert [(d.id, d.title, d.outlet, d.published) for d in back] == \
           [(d.id, d.title, d.outlet, d.published) for d in docs]
