"""One report must not stall or sink a batch: bytes, HTML tags, characters and seconds are capped,
each cut or refusal is one line naming the report, and odd encodings are read or said."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from khabar.errors import InputError
from khabar.ingest import limits, read_inputs
from khabar.records import Document

REPORT = ("Kunduz falls\n\nThe Taliban captured Kunduz city on Sunday after days of fighting, "
          "officials in the province said. Government forces withdrew to the airport.\n")


@pytest.fixture
def notices() -> list[str]:
    """Collect the warning lines of reading, as the CLI prints them."""
    seen: list[str] = []
    limits.on_notice(seen.append)
    return seen


def test_a_file_over_the_byte_cap_is_refused_in_one_line(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text(REPORT + "More words here. " * 200)
    with limits.limits(max_bytes=1000):
        [err] = read_inputs([str(big)])
    assert str(err) == (f"{big}: file of {limits.size(big.stat().st_size)} is larger than 1 KB; not read "
                        "(raise --max-bytes or KHABAR_MAX_BYTES to take it)")


def test_the_byte_cap_does_not_read_a_device_for_ever() -> None:
    with limits.limits(max_bytes=4096):
        [err] = read_inputs(["/dev/zero"])  # named by the user: read, but only up to the cap
    assert isinstance(err, InputError) and "/dev/zero" in str(err)


def test_a_huge_html_page_is_refused_before_parsing(tmp_path: Path) -> None:
    """The reproduction: 21 MB of 2M tags ran past 300 s; now refused at once by the byte cap,
    and a page under it with too many tags by the tag cap."""
    page = tmp_path / "huge.html"
    page.write_bytes(b"<html><body><article>" + b"<p>x</p><b>y</b>" * 1_300_000 + b"</article></body></html>")
    start = time.monotonic()
    [err] = read_inputs([str(page)])
    assert str(err).startswith(f"{page}: file of 20.8 MB is larger than 10 MB; not read")
    smaller = tmp_path / "tags.html"
    smaller.write_bytes(b"<html><body><article>" + b"<p>x</p>" * 120_000 + b"</article></body></html>")
    [err] = read_inputs([str(smaller)])
    assert str(err) == (f"{smaller}: page of 240,006 HTML tags, more than 50,000; not parsed "
                        "(raise KHABAR_MAX_TAGS to take it)")
    assert time.monotonic() - start < 10


def test_a_slow_page_is_given_up_after_the_time_budget(tmp_path: Path) -> None:
    page = tmp_path / "slow.html"  # about 20 s of trafilatura without a budget
    page.write_bytes(b"<html><body><article><p>" + b"word " * 60 + b"</p>" + b"<p>x</p>" * 100_000
                     + b"</article></body></html>")
    start = time.monotonic()
    with limits.limits(max_tags=0, seconds=1):
        [err] = read_inputs([str(page)])
    assert str(err) == (f"{page}: parsing the page took longer than 1 s; not read "
                        "(raise --max-seconds or KHABAR_MAX_SECONDS to take it)")
    assert time.monotonic() - start < 6


def test_a_long_text_is_cut_at_a_sentence_with_one_line(tmp_path: Path, notices: list[str]) -> None:
    path = tmp_path / "long.txt"
    body = "".join(f"Fighting went on near checkpoint {i} overnight, residents said. " for i in range(2000))
    path.write_text("Long report\n\n" + body)
    with limits.limits(max_chars=10_000):
        [doc] = read_inputs([str(path)])
    assert isinstance(doc, Document)
    assert 5_000 < len(doc.text) <= 10_000 and doc.text.endswith("residents said.")
    assert notices == [f"{path}: text of {len(body.strip()):,} characters cut to its first {len(doc.text) + 1:,} "
                       "(the cap is 10,000; raise --max-chars or KHABAR_MAX_CHARS to keep more)"]


def test_a_text_within_the_cap_is_not_touched(tmp_path: Path, notices: list[str]) -> None:
    path = tmp_path / "short.txt"
    path.write_text(REPORT)
    [doc] = read_inputs([str(path)])
    assert isinstance(doc, Document) and doc.text.endswith("withdrew to the airport.") and notices == []


def test_limits_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KHABAR_MAX_BYTES", "2000")
    monkeypatch.setenv("KHABAR_MAX_SECONDS", "2.5")
    monkeypatch.setenv("KHABAR_ALLOW_PRIVATE", "yes")
    limits.reset()
    got = limits.current()
    assert (got.max_bytes, got.seconds, got.allow_private, got.max_chars) == (2000, 2.5, True, limits.MAX_CHARS)
    monkeypatch.setenv("KHABAR_MAX_CHARS", "lots")
    limits.reset()
    with pytest.raises(InputError, match="KHABAR_MAX_CHARS='lots': not a number"):
        limits.current()


# -- encodings --------------------------------------------------------------------------------

def test_invalid_utf8_is_kept_with_replacement_and_a_warning(tmp_path: Path, notices: list[str]) -> None:
    path = tmp_path / "broken.txt"
    text = "Officials in Herat said the bazaar reopened \u2014 traders were \u201crelieved\u201d. "
    path.write_bytes(text.encode() + b"Prices \xff\xfe fell in Qal\xe1-e-Naw." + text.encode())
    [doc] = read_inputs([str(path)])
    assert isinstance(doc, Document)
    assert "\u2014 traders were \u201crelieved\u201d" in doc.text  # the valid UTF-8 is not mojibake
    assert "Prices \ufffd\ufffd fell in Qal\ufffd-e-Naw." in doc.text
    assert notices == [f"{path}: 3 invalid UTF-8 byte sequence(s) replaced with \ufffd; check the file's encoding"]


def test_a_legacy_encoding_is_read_and_said(tmp_path: Path, notices: list[str]) -> None:
    path = tmp_path / "cp1252.txt"
    path.write_bytes("Officials said the caf\u00e9 and the \u201cold\u201d bazaar in Herat reopened on "
                     "Tuesday after a week of closures.".encode("cp1252"))
    [doc] = read_inputs([str(path)])
    assert isinstance(doc, Document) and "caf\u00e9" in doc.text
    assert len(notices) == 1 and notices[0].startswith(f"{path}: not UTF-8; read as ")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read(tmp_path: Path, codec: str) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes(REPORT.encode(codec))
    [doc] = read_inputs([str(path)])
    assert isinstance(doc, Document)
    assert doc.title == "Kunduz falls" and doc.text.startswith("The Taliban captured Kunduz city")


def test_binary_with_zero_bytes_is_still_binary(tmp_path: Path) -> None:
    path = tmp_path / "blob.txt"
    path.write_bytes(bytes(range(256)) * 40)
    [err] = read_inputs([str(path)])
    assert str(err) == f"{path}: binary file, not text"


def test_a_slow_feed_is_given_up_after_the_time_budget(tmp_path: Path) -> None:
    items = "".join(f"<item><title>Item {i}</title><description>{'<b>x</b>' * 40}</description></item>"
                    for i in range(20_000))
    path = tmp_path / "wire.rss"
    path.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{items}'
                    "</channel></rss>")
    start = time.monotonic()
    with limits.limits(seconds=0.5):
        [err] = read_inputs([str(path)])
    assert str(err) == (f"{path}: parsing the feed took longer than 0.5 s; not read "
                        "(raise --max-seconds or KHABAR_MAX_SECONDS to take it)")
    assert time.monotonic() - start < 5
