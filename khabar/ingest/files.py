"""Reports on disk as plain text and JSON: decoding, titles, a folder's `index.jsonl`, records.

A `.txt` report is the corpus layout: a title line, a blank line, then the body. A folder may hold
an `index.jsonl` whose lines (`id` = the file's name without `.txt`) give title, published,
outlet and url. JSON reports are objects with `text` (or `body`/`content`), `title`,
`outlet` (or `source`), `url`, `published` (or `date`) and `language`.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from khabar.errors import InputError, UnsupportedFormat
from khabar.ingest import limits
from khabar.ingest.dates import parse_metadata_date
from khabar.records import Document, document_id

INDEX_NAME = "index.jsonl"
TEXT_KEYS = ("text", "body", "content")

_TITLE_LINE = re.compile(r"([^\r\n]{1,200})\r?\n[ \t]*\r?\n")
_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*$")
_STOP_WORDS = frozenset(
    "the of and to in a is was on for that said with by at from as it has have be were are an "
    "he his she her they their this not who which after had been will would but its".split())
_WORD = re.compile(r"[A-Za-z']+")
_ASCII_LETTERS = re.compile(r"[A-Za-z]+")
_NOT_ASCII = re.compile(r"[^\x00-\x7f]")
# the ASCII control characters other than tab, line feed, vertical tab, form feed, carriage return
_ASCII_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def guess_language(text: str) -> str:
    """Return "en" when the text reads as English (Latin letters, common stop words), else "und"."""
    sample = text[:5000]
    ascii_letters = sum(map(len, _ASCII_LETTERS.findall(sample)))
    # only the characters beyond ASCII are looked at one by one (a plain English text has few)
    other_letters = sum(c.isalpha() for c in _NOT_ASCII.findall(sample))
    letters = ascii_letters + other_letters
    words = _WORD.findall(sample.lower())
    if not letters or len(words) < 3:
        return "und"
    if ascii_letters / letters < 0.9:
        return "und"
    return "en" if sum(map(_STOP_WORDS.__contains__, words)) / len(words) >= 0.12 else "und"


def language_code(value: object) -> str | None:
    """Return the primary language subtag of a metadata value ("en-US" -> "en"), or None."""
    if not isinstance(value, str):
        return None
    code = re.split(r"[-_]", value.strip(), maxsplit=1)[0].lower()
    return code if code.isalpha() and 2 <= len(code) <= 3 else None


def make_document(text: str, *, source: str, title: str = "", outlet: str = "", url: str = "",
                  published: date | None = None, language: object = None) -> Document:
    """Return a Document with its stable id; the language is guessed when metadata has none.

    A text over the character cap (`limits.max_chars`) is cut, with one warning line."""
    text = limits.cap_chars(text, source or title or "report")
    return Document(id=document_id(text), text=text, title=" ".join(title.split()),
                    outlet=outlet.strip(), url=url.strip(), published=published,
                    language=language_code(language) or guess_language(text), source=source)


def read_bytes(path: Path) -> bytes:
    """Return a file's bytes; raise InputError if it cannot be read, is over the byte cap
    (`limits.max_bytes`) or holds only whitespace."""
    cap = limits.current().max_bytes
    try:
        with path.open("rb") as f:
            size = os.fstat(f.fileno()).st_size
            if cap and size > cap:
                limits.check_bytes(size, str(path))
            data = f.read(cap + 1) if cap else f.read()
    except OSError as e:
        reason = e.strerror or e
        raise InputError(f"{path}: cannot read ({reason}); check the path and its permissions") from None
    if cap and len(data) > cap:  # a file that grew, or a device
        raise InputError(f"{path}: more than {limits.size(cap)}; not read "
                         "(raise --max-bytes or KHABAR_MAX_BYTES to take it)")
    if not data.strip():
        raise InputError(f"{path}: empty file; nothing to ingest")
    return data


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    # ASCII's controls by one pattern; only the characters beyond ASCII are looked at one by one
    controls = len(_ASCII_CONTROL.findall(sample)) + sum(
        unicodedata.category(c) in ("Cc", "Cs", "Co", "Cn") for c in _NOT_ASCII.findall(sample))
    return controls > 0.05 * len(sample)


def decode_text(data: bytes, label: str) -> str:
    """Return bytes as text: UTF-8, UTF-16 (with a BOM or without, told by where its zero bytes
    fall), else the detected encoding, else latin-1. UTF-8 with some invalid bytes keeps them as
    U+FFFD, and a text that is not UTF-8 at all is read in the encoding detected; each says so in
    one warning line (`limits.notice`)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    elif b"\x00" in data[:8192]:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise InputError(f"{label}: binary file, not text")
        text = data.decode(utf16, errors="replace")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = _not_utf8(data, label)
    if _looks_binary(text):
        raise InputError(f"{label}: binary file, not text")
    if not text.strip():
        raise InputError(f"{label}: empty file; nothing to ingest")
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    """Return "utf-16-le" or "-be" for text whose every other byte is mostly zero, else None."""
    sample = data[:8192]
    even, odd = sample[0::2], sample[1::2]
    if len(sample) < 4:
        return None
    zeros_even, zeros_odd = even.count(0) / len(even), odd.count(0) / max(1, len(odd))
    if zeros_odd >= 0.3 and zeros_even <= 0.02:
        return "utf-16-le"
    if zeros_even >= 0.3 and zeros_odd <= 0.02:
        return "utf-16-be"
    return None


def _not_utf8(data: bytes, label: str) -> str:
    """Return the text of bytes that are not valid UTF-8, with a warning line saying how it was read."""
    replaced = data.decode("utf-8-sig", errors="replace")
    bad = replaced.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    good = sum(1 for c in replaced if ord(c) > 0x7F and c != "\ufffd")
    if good >= bad:  # UTF-8 with some bad bytes: keep what is right, mark what is not
        limits.notice(f"{label}: {bad} invalid UTF-8 byte sequence(s) replaced with \ufffd; "
                      "check the file's encoding")
        return replaced
    text, encoding = _detect(data)
    limits.notice(f"{label}: not UTF-8; read as {encoding}")
    return text


def _detect(data: bytes) -> tuple[str, str]:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - trafilatura's dependencies bring it
        return data.decode("latin-1"), "latin-1"
    best = from_bytes(data).best()
    if best is None:
        return data.decode("latin-1"), "latin-1"
    return str(best), best.encoding


def _same(a: str, b: str) -> bool:
    return bool(b) and " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def split_title(text: str, known_title: str = "") -> tuple[str, str]:
    """Return (title, body) of a plain-text report, or ("", text) when it opens with no title.

    The first line is the title when it is short (200 characters at most), a blank line follows
    it, and it does not end like a sentence, or when it is the title metadata gives. The body is
    the text after the blank line, as in the file apart from the leading and trailing whitespace.
    """
    text = text.strip()
    m = _TITLE_LINE.match(text)
    if m:
        first = m[1].strip()
        if first and (_same(first, known_title) or not _SENTENCE_END.search(first)):
            body = text[m.end():].lstrip()
            if body:
                return first, body
    return "", text


def text_document(text: str, *, source: str, meta: Mapping[str, Any] | None = None,
                  published: date | None = None, url: str = "") -> Document:
    """Return the Document of a plain-text report, with the metadata an index line gives."""
    meta = meta or {}
    known = _text(meta, "title")
    title, body = split_title(text, known)
    return make_document(body, source=source, title=known or title, outlet=_text(meta, "outlet"),
                         url=_text(meta, "url") or url, published=published,
                         language=meta.get("language"))


def read_text_file(path: Path, meta: Mapping[str, Any] | None = None) -> Document:
    """Return the Document of a `.txt` report; `meta` is its line of the folder's index."""
    text = decode_text(read_bytes(path), str(path))
    published = parse_metadata_date(meta.get("published")) if meta else None
    return text_document(text, source=str(path), meta=meta, published=published)


def _text(obj: Mapping[str, Any], *keys: str) -> str:
    for key in keys:
        value = obj.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def _record_date(obj: Mapping[str, Any], label: str) -> date | None:
    value = obj.get("published", obj.get("date"))
    if value is None or value == "":
        return None
    d = parse_metadata_date(value)
    if d is None:
        raise InputError(f"{label}: published {value!r} is not a date; use YYYY-MM-DD")
    return d


def record_document(obj: object, label: str) -> Document:
    """Return the Document of one JSON report object; raise InputError naming `label` if unusable."""
    if not isinstance(obj, dict):
        raise InputError(f"{label}: not a JSON object; give one object per report")
    text = _text(obj, *TEXT_KEYS)
    if not text:
        raise InputError(f'{label}: no text; give "text", "body" or "content"')
    return make_document(text, source=label, title=_text(obj, "title"),
                         outlet=_text(obj, "outlet", "source"), url=_text(obj, "url", "link"),
                         published=_record_date(obj, label), language=obj.get("language"))


def read_json_file(path: Path) -> Iterator[Document | InputError]:
    """Yield the reports of a `.json` file (one object or a list), an error for each bad one."""
    text = decode_text(read_bytes(path), str(path))
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        where = f"line {e.lineno} column {e.colno}"
        raise InputError(f"{path}: not valid JSON ({e.msg}: {where}); fix the file") from None
    if not isinstance(data, list):
        yield record_document(data, str(path))
        return
    if not data:
        raise InputError(f"{path}: empty list; nothing to ingest")
    for i, obj in enumerate(data, 1):
        try:
            yield record_document(obj, f"{path} item {i}")
        except InputError as e:
            yield e


def _jsonl_objects(path: Path) -> Iterator[tuple[str, object]]:
    """Yield (label, object) for each line of a JSON Lines file, or (label, InputError)."""
    text = decode_text(read_bytes(path), str(path))
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        label = f"{path}:{n}"
        try:
            yield label, json.loads(line)
        except json.JSONDecodeError as e:
            problem = f"not valid JSON ({e.msg}: column {e.colno})"
            yield label, InputError(f"{label}: {problem}; fix or remove the line")


def read_jsonl_file(path: Path) -> Iterator[Document | InputError]:
    """Yield the reports of a `.jsonl` file, one a line; a bad line is one error, the rest go on."""
    for label, obj in _jsonl_objects(path):
        if isinstance(obj, InputError):
            yield obj
            continue
        try:
            yield record_document(obj, label)
        except InputError as e:
            yield e


def read_index(folder: Path) -> tuple[dict[str, dict[str, Any]], list[InputError]]:
    """Return a folder's `index.jsonl` lines by id, and an error for each bad line."""
    path = folder / INDEX_NAME
    if not path.is_file():
        return {}, []
    if not inside(path, folder):
        return {}, [InputError(f"{path}: a link to {path.resolve()}, outside the folder; not read")]
    entries: dict[str, dict[str, Any]] = {}
    errors: list[InputError] = []
    try:
        objects = list(_jsonl_objects(path))
    except InputError as e:
        return {}, [e]
    for label, obj in objects:
        if isinstance(obj, InputError):
            errors.append(obj)
        elif not isinstance(obj, dict) or not isinstance(obj.get("id"), (str, int)):
            errors.append(InputError(f'{label}: no "id"; give the name of a .txt file without .txt'))
        else:
            try:
                _record_date(obj, label)
            except InputError as e:
                errors.append(e)
                obj = {k: v for k, v in obj.items() if k not in ("published", "date")}
            entries[str(obj["id"])] = obj
    return entries, errors


def folder_files(folder: Path, extensions: frozenset[str]) -> list[Path]:
    """Return the files under a folder with one of the extensions, sorted; skip hidden ones and the index."""
    return folder_listing(folder, extensions)[0]


def folder_listing(folder: Path, extensions: frozenset[str], unsupported: str = ""
                   ) -> tuple[list[Path], list[InputError]]:
    """Return the report files under a folder, sorted, and an error for each file skipped.

    Hidden files and folders and the index are passed over in silence; a file of another
    format is skipped with one line (`unsupported` says what to use instead), and so is a link
    whose target lies outside the folder (`x.txt -> /etc/passwd`): a folder gives only what is
    in it. Links to folders are not followed.
    """
    root = folder.resolve()
    found: list[Path] = []
    skipped: list[InputError] = []
    for base, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in names:
            p = Path(base, name)
            if name.startswith(".") or name == INDEX_NAME:
                continue
            if p.suffix.lower() not in extensions:
                skipped.append(UnsupportedFormat(f"{p}: skipped ({unsupported or 'unsupported format'})"))
                continue
            if p.is_symlink() or not p.resolve().is_relative_to(root):
                target = p.resolve()
                if not target.is_relative_to(root):
                    skipped.append(InputError(f"{p}: a link to {target}, outside the folder; not read"))
                    continue
            found.append(p)
    skipped.sort(key=lambda e: str(e))
    return sorted(found), skipped


def inside(path: Path, folder: Path) -> bool:
    """Return True if a path (after following its links) lies inside a folder."""
    return path.resolve().is_relative_to(folder.resolve())
