"""The bench measures what real reports cost: their trigger density, speed on them, a GDELT day."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from khabar.bench import gdelt, realtext
from khabar.bench.generate import generate_reports, words
from khabar.records import Document

AFGHAN, MYANMAR = "afghanistan_2021", "myanmar_2021_24"


def _doc(text: str) -> Document:
    return Document(id=str(abs(hash(text))), text=text, title="t", outlet="o", url="", published=None,
                    language="en", source="test")


def test_density_counts_the_sentences_the_pipeline_reads_closely() -> None:
    # a place, a speech verb and a quotation make candidates; weather and prices alone do not
    text = ("Heavy rain came down on the hills for a week. Bread costs more than it did. "
            "Taliban fighters entered Kunduz city on Sunday, officials said. "
            "\u201cWe are ready,\u201d he told reporters.")
    d = realtext.density([_doc(text), _doc("Bread is dear. Rain came. It was cold.")], AFGHAN)
    assert (d.reports, d.sentences, d.candidates) == (2, 7, 2)
    assert d.share == pytest.approx(2 / 7)
    assert d.words_per_report == (words(text) + 8) / 2


@pytest.mark.parametrize("theatre", [AFGHAN, MYANMAR])
def test_generated_reports_are_as_dense_in_candidates_as_real_ones(theatre: str) -> None:
    gen = realtext.density(generate_reports(60, seed=3, theatre=theatre), theatre)
    # the generator once had a third of its sentences candidates, where real reports have nearly all
    assert gen.share >= 0.85
    folder = realtext.corpus(theatre)
    if folder is None:
        pytest.skip("no shared dev corpus on this machine")
    real = realtext.density(realtext.read_corpus(folder), theatre)
    assert abs(gen.share - real.share) <= 0.06
    assert 0.7 * real.words_per_report <= gen.words_per_report <= 1.4 * real.words_per_report


def test_reports_can_be_drawn_at_gdelt_length_at_the_same_density() -> None:
    docs = generate_reports(20, seed=5, lengths=(450, 550))
    assert all(450 <= words(d.text) <= 550 for d in docs)
    assert realtext.density(docs, AFGHAN).share >= 0.85


def test_real_text_stage_skips_with_one_line_without_the_shared_corpus(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(realtext, "SHARED", tmp_path / "nowhere")
    b = SimpleNamespace(args=SimpleNamespace(theatre=AFGHAN, real_words=1000),
                        documents=generate_reports(5))
    assert realtext.speed_stage(b) == []
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "skipped" in err
    rows = realtext.density_stage(b)  # the generated reports' row alone
    assert [r["stage"] for r in rows] == ["density generated"]
    assert rows[0]["candidate_share"] >= 0.85


def test_the_corpus_is_copied_to_the_words_asked_each_copy_unique(tmp_path: Path) -> None:
    src = tmp_path / "corpus"
    src.mkdir()
    for i, n in enumerate((40, 60)):
        (src / f"{i}.txt").write_text(" ".join(["word"] * n))
    docs, n_words = realtext.copy_to_words(src, 250, tmp_path / "out")
    assert (docs, n_words) == (6, 300)  # 40, 60, 40, 60, 40 is 240, short of 250: one more
    texts = [p.read_text() for p in sorted((tmp_path / "out").glob("*.txt"))]
    assert len(set(texts)) == len(texts) == docs


def test_a_day_is_projected_from_the_measured_rate() -> None:
    p = gdelt.project(20_000, seconds=400.0, cpu_seconds=600.0, cores=2)
    assert p["reports_per_s"] == pytest.approx(50.0)
    assert p["day_hours"] == pytest.approx(100_000 / 50 / 3600)
    assert p["reports_per_s_cores_alone"] == pytest.approx(20_000 * 2 / 600)
    assert p["fits_budget"] == pytest.approx(50 * 3600)
