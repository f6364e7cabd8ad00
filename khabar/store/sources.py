"""What compile needs to know of each report besides its records: outlet, link and dates."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class ReportMeta:
    """A stored report's outlet, URL, title and publication day."""

    outlet: str
    url: str
    title: str
    published: date | None


def report_meta(conn: sqlite3.Connection) -> dict[str, ReportMeta]:
    """Return document id -> its outlet, URL, title and publication day, for every report."""
    return {r[0]: ReportMeta(r[1] or "", r[2] or "", r[3] or "",
                             date.fromisoformat(r[4]) if r[4] else None)
            for r in conn.execute("SELECT id, outlet, url, title, published FROM documents")}
