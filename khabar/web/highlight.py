"""A document's text cut into segments, each with the records whose spans cover it, for the report view."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Mark:
    """One highlighted span: its [start, end) offsets, the record's kind and id, and a label."""

    start: int
    end: int
    kind: str
    id: str
    label: str = ""


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of text covered by the same marks; `opens` are the marks that start here."""

    text: str
    marks: tuple[Mark, ...]
    opens: tuple[Mark, ...]

    @property
    def kinds(self) -> str:
        """Return the covering kinds as CSS classes ("k-events k-hl")."""
        return " ".join(dict.fromkeys(f"k-{m.kind}" for m in self.marks))

    @property
    def title(self) -> str:
        """Return the covering marks' labels, one a line, for a tooltip."""
        return "\n".join(dict.fromkeys(m.label for m in self.marks if m.label))


def segments(text: str, marks: Iterable[Mark]) -> list[Segment]:
    """Return the text cut at every mark boundary; marks outside the text or empty are dropped."""
    n = len(text)
    kept = [m for m in marks if 0 <= m.start < m.end <= n]
    cuts = sorted({0, n, *(m.start for m in kept), *(m.end for m in kept)})
    out = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        covering = tuple(m for m in kept if m.start <= a and m.end >= b)
        opens = tuple(m for m in kept if m.start == a)
        out.append(Segment(text[a:b], covering, opens))
    return out
