from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from khabar.ingest import read_inputs
from khabar.ingest.files import guess_language, split_title
from khabar.records import Document, document_id


def read_one(*inputs: str, **kwargs: object) -> Document:
    results = list(read_inputs(list(inputs), **kwargs))  # type: ignore[arg-type]
    assert len(results) == 1, results
    assert isinstance(results[0], Document), results[0]
    return results[0]


def test_txt_title_line_and_index_metadata(fixtures: Path) -> None:
    path = fixtures / "corpus" / "001.txt"
    doc = read_one(str(path))
    assert doc.title == "Taliban fighters enter Dand-e Ghori after overnight clashes"
    assert doc.published == date(2021, 7, 15)
    assert doc.outlet == "Frontier Daily"
    assert doc.url == "https://frontier.example.net/dand-e-ghori"
    assert doc.source == str(path)
    assert doc.language == "en"


def test_txt_body_is_the_file_after_the_title_unchanged(fixtures: Path) -> None:
    raw = (fixtures / "corpus" / "001.txt").read_text(encoding="utf-8")
    doc = read_one(str(fixtures / "corpus" / "001.txt"))
    assert doc.text == raw.split("\n\n", 1)[1].strip()
    assert doc.text.startswith("PUL-E KHUMRI: Taliban fighters entered")
    assert doc.id == document_id(doc.text)


def test_txt_without_title_keeps_the_whole_file(fixtures: Path) -> None:
    raw = (fixtures / "corpus" / "002.txt").read_text(encoding="utf-8")
    doc = read_one(str(fixtures / "corpus" / "002.txt"))
    assert doc.title == ""
    assert doc.text == raw.strip()
    assert doc.published is None  # no date anywhere is not an error
    assert doc.outlet == ""


def test_same_text_twice_gives_the_same_id(fixtures: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.txt"
    shutil.copy(fixtures / "corpus" / "002.txt", copy)
    first = read_one(str(fixtures / "corpus" / "002.txt"))
    again = read_one(str(fixtures / "corpus" / "002.txt"))
    copied = read_one(str(copy))
    assert first.id == again.id == copied.id
    assert first.source != copied.source


def test_published_and_outlet_options_win_over_metadata(fixtures: Path) -> None:
    doc = read_one(str(fixtures / "corpus" / "001.txt"), published=date(2021, 7, 16),
                   outlet="Another Outlet")
    assert doc.published == date(2021, 7, 16)
    assert doc.outlet == "Another Outlet"


def test_published_option_dates_a_report_without_a_date(fixtures: Path) -> None:
    doc = read_one(str(fixtures / "corpus" / "002.txt"), published=date(2021, 7, 3))
    assert doc.published == date(2021, 7, 3)


def test_first_line_ending_like_a_sentence_is_not_a_title() -> None:
    text = "The road to Kunduz was closed on Monday.\n\nTraders said they were waiting."
    assert split_title(text) == ("", text)


def test_long_first_line_is_not_a_title() -> None:
    text = "word " * 50 + "\n\nMore text follows here"
    assert split_title(text)[0] == ""


def test_metadata_title_is_split_off_even_with_a_question_mark() -> None:
    text = "Who holds Kunduz?\n\nBoth sides claimed the city on Sunday."
    assert split_title(text) == ("", text)
    assert split_title(text, "Who holds Kunduz?") == ("Who holds Kunduz?",
                                                      "Both sides claimed the city on Sunday.")


def test_windows_1252_text_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "cafe.txt"
    path.write_bytes("Talks resumed at the caf\u00e9 in Herat on Monday, officials said.".encode("cp1252"))
    assert read_one(str(path)).text == "Talks resumed at the caf\u00e9 in Herat on Monday, officials said."


def test_language_guess() -> None:
    assert guess_language("The Taliban said that the district was in the hands of its fighters.") == "en"
    assert guess_language("\u0637\u0627\u0644\u0628\u0627\u0646 \u0648\u0644\u0633\u0648\u0627\u0644\u06cc "
                          "\u0631\u0627 \u06af\u0631\u0641\u062a\u0646\u062f") == "und"
