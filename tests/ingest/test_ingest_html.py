from __future__ import annotations

from datetime import date
from pathlib import Path

from khabar.errors import InputError
from khabar.ingest import read_inputs
from khabar.records import Document


def test_html_page_gives_article_text_and_metadata(fixtures: Path) -> None:
    [doc] = read_inputs([str(fixtures / "article.html")])
    assert isinstance(doc, Document)
    assert doc.title == "Security forces retake Qarabagh district centre"
    assert doc.published == date(2021, 7, 21)
    assert doc.outlet == "The Kabul Ledger"
    assert doc.url == "https://ledger.example.org/2021/07/security-forces-retake-qarabagh"
    assert doc.language == "en"
    assert doc.text.startswith("Afghan security forces regained control of the Qarabagh district")
    assert doc.text.endswith("remained closed to traffic on Wednesday.")
    assert doc.text.count("\n\n") == 4  # five paragraphs, blank lines between


def test_html_boilerplate_is_left_out(fixtures: Path) -> None:
    [doc] = read_inputs([str(fixtures / "article.html")])
    assert isinstance(doc, Document)
    for boilerplate in ("Politics Desk", "Cricket Scores Today", "Subscribe", "Related stories",
                        "Prices of flour", "All rights reserved", "Privacy policy"):
        assert boilerplate not in doc.text


def test_html_without_article_text_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "blank.html"
    path.write_text("<html><head><title>Nothing</title></head><body><nav>Home</nav></body></html>")
    [err] = read_inputs([str(path)])
    assert isinstance(err, InputError)
    assert str(err) == f"{path}: no article text found; nothing to ingest"
