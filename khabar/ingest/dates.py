"""Publication dates: the `--published` option, and the dates that metadata gives."""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

from khabar.errors import DateError

# Absolute dates only: no "yesterday", "2 days ago" or bare timestamps, and no day or year
# filled in from today ("July 2021" and "14 July" are not dates of a report).
_SETTINGS = {
    "PARSERS": ["custom-formats", "absolute-time"],
    "REQUIRE_PARTS": ["day", "month", "year"],
    "STRICT_PARSING": True,
    "RETURN_AS_TIMEZONE_AWARE": False,
}
_NUMERIC = re.compile(r"\s*(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})\s*")


def _ambiguous(s: str) -> bool:
    """Return True for numeric dates such as 03/04/2021 that read either day or month first."""
    m = _NUMERIC.fullmatch(s)
    if m is None:
        return False
    return int(m[1]) <= 12 and int(m[2]) <= 12 and int(m[1]) != int(m[2])


def _parse(s: str) -> date | None:
    """Return the calendar date written in `s`, as written (no time-zone shift), or None."""
    s = s.strip()
    if not s:
        return None
    try:
        return datetime.fromisoformat(s.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:  # RFC 822 dates of RSS feeds: "Wed, 14 Jul 2021 23:30:00 +0430"
        return parsedate_to_datetime(s).date()
    except (TypeError, ValueError, IndexError):
        pass
    if _ambiguous(s):
        return None
    import dateparser  # 0.05-0.1 CPU s to import: only for what ISO and RFC 822 do not read

    parsed = dateparser.parse(s, languages=["en"], settings=_SETTINGS)  # type: ignore[arg-type]
    return parsed.date() if parsed else None


def parse_date_option(s: str) -> date:
    """Return the date a user gave with `--published`; raise DateError if it is not one."""
    if _ambiguous(s.strip()):
        raise DateError(f"--published {s!r}: ambiguous day and month; use YYYY-MM-DD")
    d = _parse(s)
    if d is None:
        raise DateError(f"--published {s!r}: not a date; use YYYY-MM-DD")
    return d


def parse_metadata_date(s: object) -> date | None:
    """Return the date a metadata field gives (ISO, RFC 822 or written out), or None."""
    if isinstance(s, datetime):
        return s.date()
    if isinstance(s, date):
        return s
    if not isinstance(s, str):
        return None
    return _parse(s)
