"""Case-blind word patterns, found fast: scan the lowercased text, confirm on the text itself.

Python's `re` tries a pattern such as `\\b(?:said|told|...)` with `re.IGNORECASE` at every
position of a sentence. Without the leading `\\b` and the flag, on lowercased text, it jumps
from one possible first letter to the next, several times faster. `Scan` finds candidate
positions that way and confirms each with the original pattern at that position, so that it
returns the very matches (on the original text) that the original pattern returns. A pattern
may also name `needles`, words of which every match holds one: a text with none of them is
passed over with a few substring tests (tests/extract/test_lowscan.py checks them on the
bundled samples and the generated reports).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

# characters that re.IGNORECASE matches to an ASCII letter but str.lower() does not lower to it
_FOLDS_APART = re.compile("[\u0131\u017f\u212a]")
_UPPER_CLASS = re.compile(r"\\[SWDBAZ]|\[A-Z|\(\?P<\w*[A-Z]")


@lru_cache(maxsize=256)
def lowered(text: str) -> str | None:
    """Return the text lowercased letter for letter, or None when its offsets would move."""
    low = text.lower()
    if len(low) != len(text) or _FOLDS_APART.search(text):
        return None
    return low


class Scan:
    """A case-blind pattern with `search` and `finditer` that take the text and its `lowered`.

    `needles`: words of which every match holds one. `starts`: words with which every match
    begins; the pattern is then tried only where one of them stands, found by `str.find`.
    """

    __slots__ = ("exact", "needles", "starts", "_fast")

    def __init__(self, pattern: str, flags: int = 0, needles: tuple[str, ...] = (),
                 starts: tuple[str, ...] = ()) -> None:
        if _UPPER_CLASS.search(pattern) or any(n != n.lower() for n in needles + starts):
            raise ValueError(f"{pattern[:40]}: a pattern for Scan must read the same lowercased")
        self.exact = re.compile(pattern, flags | re.I)
        self.needles = needles or starts
        self.starts = starts
        body = pattern[2:] if pattern.startswith(r"\b") else pattern
        self._fast = re.compile(body.lower(), flags & ~re.I)

    def may_match(self, low: str | None) -> bool:
        """Return False when the lowered text holds none of the needles (no match possible)."""
        if low is None or not self.needles:
            return True
        for n in self.needles:
            if n in low:
                return True
        return False

    def _positions(self, low: str) -> list[int]:
        """Return where a start word stands in the lowered text, in order."""
        found = []
        for w in self.starts:
            i = low.find(w)
            while i >= 0:
                found.append(i)
                i = low.find(w, i + 1)
        return sorted(set(found)) if len(found) > 1 else found

    def search(self, text: str, low: str | None = None) -> re.Match[str] | None:
        """Return the first match in the text, as `re.search` of the original pattern would."""
        if low is None:
            return self.exact.search(text)
        for n in self.needles:
            if n in low:
                break
        else:
            if self.needles:
                return None
        exact = self.exact.match
        if self.starts:
            for p in self._positions(low):
                if (hit := exact(text, p)) is not None:
                    return hit
            return None
        fast, pos = self._fast.search, 0
        while (m := fast(low, pos)) is not None:
            if (hit := exact(text, m.start())) is not None:
                return hit
            pos = m.start() + 1
        return None

    def finditer(self, text: str, low: str | None = None) -> Iterator[re.Match[str]]:
        """Yield the matches of the text, as `re.finditer` of the original pattern would."""
        if low is None:
            yield from self.exact.finditer(text)
            return
        if not self.may_match(low):
            return
        exact = self.exact.match
        if self.starts:
            end = 0
            for p in self._positions(low):
                if p >= end and (hit := exact(text, p)) is not None:
                    yield hit
                    end = hit.end() if hit.end() > p else p + 1
            return
        fast, pos = self._fast.search, 0
        while (m := fast(low, pos)) is not None:
            hit = exact(text, m.start())
            if hit is None:
                pos = m.start() + 1
                continue
            yield hit
            pos = hit.end() if hit.end() > hit.start() else hit.start() + 1
