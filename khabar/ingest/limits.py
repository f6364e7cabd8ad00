"""What ingest will take from a report written by someone else: bytes, characters, HTML tags,
seconds, and whether links may reach a private network.

Every report and feed is written by someone else, so each input is bounded: a file or a
download larger than `max_bytes` is refused, an HTML page of more than `max_tags` tags is
refused before it is parsed, a text longer than `max_chars` characters is cut (at a paragraph
or sentence end), and parsing a page or extracting a report may take `seconds` at most. Links
found in feeds and pages reach only public http(s) addresses unless `allow_private` is set.

The limits in force are process-wide (the CLI sets them from its options; the environment
variables below give the defaults) so that the reading done by `khabar watch` and
`khabar serve --watch` in their own threads obeys them too:

    KHABAR_MAX_BYTES, KHABAR_MAX_CHARS, KHABAR_MAX_TAGS, KHABAR_MAX_SECONDS, KHABAR_ALLOW_PRIVATE

A report cut, or a text decoded with replacement characters, is told by one warning line
through `notice()`; the CLI prints them (the default handler collects nothing and prints nothing).
"""

from __future__ import annotations

import os
import re
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

from khabar.errors import InputError

MAX_BYTES = 10_000_000
"""Default cap on the bytes of a file or a download (10 MB)."""
MAX_CHARS = 300_000
"""Default cap on the characters of a report's text (about 50,000 words; spaCy takes 1,000,000)."""
MAX_TAGS = 50_000
"""Default cap on the HTML tags of a page: trafilatura's time grows faster than their number
(100,000 tags take about 20 s, 200,000 about 130 s), and a news page has a few thousand."""
MAX_SECONDS = 60.0
"""Default time budget to parse one page or extract one report."""

_ENV = {"max_bytes": "KHABAR_MAX_BYTES", "max_chars": "KHABAR_MAX_CHARS", "max_tags": "KHABAR_MAX_TAGS",
        "seconds": "KHABAR_MAX_SECONDS", "allow_private": "KHABAR_ALLOW_PRIVATE"}
_TRUE = ("1", "true", "yes", "on")


class ReportTimeout(BaseException):
    """A report's parse or extraction ran past its time budget.

    A BaseException, like KeyboardInterrupt, so that the `except Exception` of a stage that
    keeps a batch going cannot swallow it: the budget's owner turns it into one line.
    """


@dataclass(frozen=True, slots=True)
class Limits:
    """The caps in force (0 or None: no cap) and whether private addresses may be fetched."""

    max_bytes: int = MAX_BYTES
    max_chars: int = MAX_CHARS
    max_tags: int = MAX_TAGS
    seconds: float | None = MAX_SECONDS
    allow_private: bool = False

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Limits:
        """Return the defaults, each replaced by its environment variable if set."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for name, var in _ENV.items():
            raw = (env.get(var) or "").strip()
            if not raw:
                continue
            if name == "allow_private":
                values[name] = raw.lower() in _TRUE
                continue
            try:
                number = float(raw) if name == "seconds" else int(raw.replace("_", ""))
            except ValueError:
                raise InputError(f"{var}={raw!r}: not a number") from None
            if number < 0:
                raise InputError(f"{var}={raw!r}: must be 0 (no cap) or more")
            values[name] = number
        return cls(**values)


_current: Limits | None = None
_lock = threading.Lock()
_notice: Callable[[str], None] | None = None


def current() -> Limits:
    """Return the limits in force (set by `configure`, else from the environment)."""
    global _current
    with _lock:
        if _current is None:
            _current = Limits.from_env()
        return _current


def configure(**changes: Any) -> Limits:
    """Set some limits for this process (None values are left as they are); return the old ones."""
    global _current
    old = current()
    with _lock:
        _current = replace(old, **{k: v for k, v in changes.items() if v is not None})
    return old


@contextmanager
def limits(**changes: Any) -> Iterator[Limits]:
    """Run a block with some limits changed, then put the old ones back (for tests and jobs)."""
    global _current
    old = configure(**changes)
    try:
        yield current()
    finally:
        with _lock:
            _current = old


def reset() -> None:
    """Forget the limits set in this process (the environment's apply again) and the notice handler."""
    global _current, _notice
    with _lock:
        _current = None
    _notice = None


def on_notice(handler: Callable[[str], None] | None) -> Callable[[str], None] | None:
    """Send the warning lines of reading (a report cut, bad bytes replaced) to `handler`;
    return the previous handler."""
    global _notice
    old, _notice = _notice, handler
    return old


def notice(message: str) -> None:
    """Tell the user one line about an input that was read, but not as it was."""
    if _notice is not None:
        _notice(message)


def size(n: float) -> str:
    """Return a byte count as people write it: "10 MB", "512 KB", "900 bytes"."""
    for unit, scale in (("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if n >= scale:
            return f"{n / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{int(n)} bytes"


def check_bytes(n: int, label: str, what: str = "file") -> None:
    """Raise InputError naming `label` if `n` bytes are over the cap."""
    cap = current().max_bytes
    if cap and n > cap:
        raise InputError(f"{label}: {what} of {size(n)} is larger than {size(cap)}; not read "
                         "(raise --max-bytes or KHABAR_MAX_BYTES to take it)")


_TAG = re.compile(rb"<[A-Za-z!/?]")


def check_tags(data: bytes | str, label: str) -> None:
    """Raise InputError naming `label` if an HTML page holds more tags than the cap, before parsing."""
    cap = current().max_tags
    if not cap:
        return
    raw = data.encode("utf-8", "replace") if isinstance(data, str) else data
    if raw.count(b"<") <= cap:
        return
    n = len(_TAG.findall(raw))
    if n > cap:
        raise InputError(f"{label}: page of {n:,} HTML tags, more than {cap:,}; not parsed "
                         "(raise KHABAR_MAX_TAGS to take it)")


_BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s"), re.compile(r"\s"))


def cap_chars(text: str, label: str) -> str:
    """Return a text no longer than the cap, cut at its last paragraph (else sentence, else word)
    end before it, with a warning line naming `label`; a text within the cap is returned as it is."""
    cap = current().max_chars
    if not cap or len(text) <= cap:
        return text
    head = text[:cap]
    cut = cap
    for pattern in _BREAKS:
        ends = [m.end() for m in pattern.finditer(head, cap // 2)]
        if ends:
            cut = ends[-1]
            break
    notice(f"{label}: text of {len(text):,} characters cut to its first {cut:,} "
           f"(the cap is {cap:,}; raise --max-chars or KHABAR_MAX_CHARS to keep more)")
    return text[:cut].rstrip()


def _can_alarm() -> bool:
    return (hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
            and signal.getitimer(signal.ITIMER_REAL)[0] == 0)


@contextmanager
def time_budget(seconds: float | None = None) -> Iterator[None]:
    """Raise ReportTimeout in the block if it runs past `seconds` (default: the cap in force).

    A SIGALRM timer, so only in a main thread and only when no other timer runs; elsewhere
    (a desk's watcher thread) the block runs unbounded. Python code is stopped between two
    bytecodes, so a long call into C ends first.
    """
    budget = current().seconds if seconds is None else seconds
    if not budget or not _can_alarm():
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise ReportTimeout(budget)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, budget)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
