"""Baselines: a published per-district assessment ("who held each district on D, per SOURCE")
imported as graded observations of that source on that day (`khabar baseline`).

A baseline gives compile a known state to start from where reports are few. Each of its
districts becomes one observation of the source on its day (`BaselineObservation`: trigger
"baseline", kind "holding", the grade given on import), read through the same compile path as
the reports' (`jobs.control_observations`). Compile (`control_as_of.Track`) takes it as the
source's word on that day:

- it sets the district's holder as of its day, since an unknown day: a baseline never dates a
  change of hands ("held as of D per SOURCE");
- it supersedes what reports before its day said (it is the later word), and never makes a
  district contested; a report of the same side joins it;
- any report on or after its day that moves the district wins: the baseline never disputes it.

A baseline is stored as one unit (tables `baselines` and `baseline_rows`, migration m009) in one
transaction, and removed as one (`remove_baseline`). Reading a file (`read_baseline`) resolves
each row's district through the theatre's gazetteer (ids, names, spelling variants, newer
districts the boundaries fold into another: `compile.folded`, close spellings) and its controller
through the theatre's party names and aliases; every bad row is one line naming the file, the
line and the problem.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from khabar.records import DistrictState, Observation

if TYPE_CHECKING:
    import sqlite3

    from khabar.theatres.loader import District, Theatre

TRIGGER = "baseline"  # an observation's trigger that marks it a baseline's
CONTESTED = "contested"
GRADE = re.compile(r"^[A-F][1-6]$")
NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,79}$")
# the header names of the columns a file may give (lower case; the theatre's own level names too)
DISTRICT_COLUMNS = ("district_id", "district", "name", "district_name", "id", "pcode", "admin2", "adm2_pcode",
                    "adm2_en", "unit")
CONTROLLER_COLUMNS = ("controller", "control", "held_by", "holder", "party", "status", "assessment")
PROVINCE_COLUMNS = ("province", "province_name", "admin1", "adm1_en", "region", "state")
NOTE_COLUMNS = ("note", "notes", "comment", "comments", "remarks")


@dataclass(frozen=True, slots=True)
class BaselineObservation(Observation):
    """A district's holder on a day, per a baseline: an observation of its source (`outlet`) with
    the grade given on import, the baseline's name, and the row(s) of the file it came from."""

    baseline: str = ""
    grade: str = ""
    lines: str = ""  # "12" or "12, 40" (a polygon given by its own row and a newer district's)


def is_baseline(o: Observation) -> bool:
    """Return whether an observation is a baseline's."""
    return o.trigger == TRIGGER


def baseline_of(state: DistrictState | None) -> BaselineObservation | None:
    """Return the baseline a district's state rests on (held as of its day, since unknown), or
    None when reports set it."""
    if state is None or state.since is not None:
        return None
    o = state.observation
    return o if isinstance(o, BaselineObservation) else None


def per_text(o: Observation) -> str:
    """Return how a baseline's word is shown: "per Long War Journal baseline as of 2021-07-10"."""
    return f"per {o.outlet} baseline as of {o.effective.isoformat()}"


def default_name(source: str, as_of: date) -> str:
    """Return a baseline's name from its source and day: "long-war-journal-2021-07-10"."""
    slug = re.sub(r"[^a-z0-9]+", "-", source.lower()).strip("-")[:60] or "baseline"
    return f"{slug}-{as_of.isoformat()}"


def default_grade(theatre: Theatre, source: str) -> tuple[str, str]:
    """Return the grade a baseline takes when none is given, and why: the source's reliability as
    the theatre's outlets give it, credibility 2 (a named source's assessment); F2 for a source
    the theatre does not know."""
    from khabar.compile.grading import Grader

    outlet = Grader.for_theatre(theatre).outlet(source)
    if outlet is not None and outlet.reliability[:1] in "ABCDEF" and outlet.reliability:
        return f"{outlet.reliability[:1]}2", f"{outlet.name}: reliability {outlet.reliability[:1]} in the theatre's outlets"
    return "F2", f"{source} is not in the theatre's outlets (reliability F); give --grade to grade it"


# -- reading a file ------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Entry:
    """One district of a baseline, as stored: the polygon, the name shown, its holder, the lines."""

    district_id: str
    district: str  # the name the row gives it (a newer district keeps its own name)
    controller: str
    lines: tuple[int, ...]
    given: str  # the district as the file spells it
    note: str = ""


@dataclass
class Parsed:
    """A baseline file read: the districts to store, one line per bad row, notes on rows read
    loosely (a close spelling, a newer district folded into its polygon) and the counts."""

    path: str
    entries: list[Entry] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    rows: int = 0  # data rows read
    blank: int = 0  # rows with no controller: not assessed
    duplicates: int = 0  # rows giving again what another row gave
    folded: int = 0  # rows of a newer district, stored as its polygon

    @property
    def unresolved(self) -> int:
        return len(self.problems)

    def by_controller(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for e in self.entries:
            out[e.controller] = out.get(e.controller, 0) + 1
        return out


class _RowError(Exception):
    pass


def _header_index(cells: Sequence[str], theatre: Theatre) -> dict[str, int] | None:
    """Return column -> index when the row is a header naming a district and a controller column."""
    low = [c.strip().lower().replace(" ", "_") for c in cells]
    level, province = theatre.level("district").lower(), theatre.level("province").lower()
    district_names = (*DISTRICT_COLUMNS, level, f"{level}_id", f"{level}_name")
    province_names = (*PROVINCE_COLUMNS, province.replace(" ", "_"), province.replace("/", "_"))

    def find(names: Iterable[str]) -> int | None:
        for n in names:
            if n in low:
                return low.index(n)
        return None

    d, c = find(district_names), find(CONTROLLER_COLUMNS)
    if d is None or c is None:
        return None
    out = {"district": d, "controller": c}
    p, n = find(province_names), find(NOTE_COLUMNS)
    if p is not None:
        out["province"] = p
    if n is not None:
        out["note"] = n
    return out


def _status_words() -> re.Pattern[str]:
    from khabar.lang.en import BASELINE_STATUS_WORDS

    words = "|".join(sorted((re.escape(w) for w in BASELINE_STATUS_WORDS), key=len, reverse=True))
    return re.compile(rf"(?:^|[\s-])(?:{words})(?=$|[\s-])", re.I)


def controller_of(theatre: Theatre, value: str) -> str | None:
    """Return the controller a cell names: a party id (its name, alias or an actor of its side,
    with or without words of control: "X-controlled", "held by X", "under X control"),
    "contested", or None."""
    v = " ".join(value.split())
    if not v:
        return None
    if v.lower() == CONTESTED or v.lower() in theatre.parties:
        return v.lower()
    found = theatre.party_of(v)
    if found:
        return found
    bare = " ".join(_status_words().sub(" ", v).split())
    bare = re.sub(r"^the\s+", "", bare, flags=re.I)
    if bare and bare != v:
        if bare.lower() == CONTESTED:
            return CONTESTED
        return theatre.party_of(bare)
    return None


def _district(theatre: Theatre, given: str, province: str) -> tuple[District, str | None, str | None]:
    """Return the district a row names, the note of a newer district folded into it, and a note
    when a close spelling was taken; raise _RowError saying why none is found."""
    from khabar.compile.folded import find_folded

    name = given.strip()
    if name in theatre.districts or name.upper() in theatre.districts:
        return theatre.districts.get(name) or theatre.districts[name.upper()], None, None
    place, _, in_cell = (p.strip() for p in name.partition(","))
    province = province.strip() or in_cell
    prov = theatre.province(province) if province else None
    if province and prov is None:
        raise _RowError(f"{theatre.level('province')} {province!r} is not in the theatre's gazetteer")
    cands = theatre.district_candidates(place)
    f = find_folded(theatre, place)
    if f is not None and f.district_id in theatre.districts and not any(
            d.name.lower() == place.lower() for d in cands):
        d = theatre.districts[f.district_id]
        if prov is None or d.province_id == prov.id:
            return d, f.note(d, theatre.level("district")), None
    if prov is not None:
        cands = [d for d in cands if d.province_id == prov.id]
    ids = {d.id for d in cands}
    if len(ids) > 1:
        choices = "; ".join(f"{d.name}, {d.province} ({d.id})" for d in cands)
        raise _RowError(f"{place!r} names {len(ids)} {theatre.level('districts')}: {choices}; add a "
                        f"{theatre.level('province')} column or give the id")
    if cands:
        return cands[0], None, None
    close = theatre.resolve_district(place, prov.name if prov else None)
    if close is not None and (prov is None or close.province_id == prov.id):
        return close, None, (f"{place!r} read as {close.name}, {close.province} ({close.id}): "
                             "the closest spelling in the gazetteer")
    where = f" in {prov.name}" if prov else ""
    raise _RowError(f"{place!r}: no such {theatre.level('district')}{where} in the theatre's gazetteer "
                    "(give a name, a spelling of it or its id)")


def read_baseline(path: str | Path, theatre: Theatre, text: str | None = None) -> Parsed:
    """Read a baseline file (CSV, comma, semicolon or tab separated; lines starting with # are
    comments): a header naming a district column (name or id) and a controller column, other
    columns ignored (a province column chooses among namesakes, a note column is kept). A file
    without such a header is read as district, controller. `text`: the file's content, if read."""
    shown = str(path)
    out = Parsed(shown)
    if text is None:
        try:
            raw = Path(path).read_bytes()
        except OSError as e:
            from khabar.errors import InputError

            raise InputError(f"{shown}: cannot read ({e.strerror or e})") from None
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
            out.notes.append(f"{shown}: not UTF-8; read as Windows-1252")
    lines = [(i, line) for i, line in enumerate(text.splitlines(), 1)
             if line.strip() and not line.lstrip().startswith("#")]
    if not lines:
        out.problems.append(f"{shown}: no rows (a header naming a district and a controller column, "
                            "then one row a district)")
        return out
    sample = "\n".join(line for _, line in lines[:20])
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    numbers = [i for i, _ in lines]
    rows = list(csv.reader(io.StringIO("\n".join(line for _, line in lines)), dialect))
    cols = _header_index(rows[0], theatre)
    start = 1
    if cols is None:
        if len(rows[0]) >= 2 and _looks_like_data(theatre, rows[0]):
            cols, start = {"district": 0, "controller": 1}, 0
        else:
            out.problems.append(
                f"{shown}: line {numbers[0]}: no header naming a district column (district, district_id, "
                f"name...) and a controller column (controller, held_by, status...): {', '.join(rows[0])}")
            return out
    seen: dict[str, tuple[Entry, bool]] = {}  # district id -> entry, whether given by its own row
    for n, cells in zip(numbers[start:], rows[start:], strict=True):
        out.rows += 1

        def cell(key: str, cells: list[str] = cells) -> str:
            i = cols.get(key)
            return cells[i].strip() if i is not None and i < len(cells) else ""

        given, ctl_text = cell("district"), cell("controller")
        if not given:
            out.problems.append(f"{shown}: line {n}: no {theatre.level('district')} given")
            continue
        if not ctl_text:
            out.blank += 1
            continue
        controller = controller_of(theatre, ctl_text)
        if controller is None:
            accepted = ", ".join(theatre.controllers)
            out.problems.append(f"{shown}: line {n}: controller {ctl_text!r} is none of the theatre's parties "
                                f"or contested ({accepted}; their names and aliases are accepted)")
            continue
        try:
            d, folded_note, close = _district(theatre, given, cell("province"))
        except _RowError as e:
            out.problems.append(f"{shown}: line {n}: {e}")
            continue
        if close:
            out.notes.append(f"{shown}: line {n}: {close}")
        own = folded_note is None
        shown_name = given.partition(",")[0].strip() if not own else d.name
        if folded_note:
            out.folded += 1
            out.notes.append(f"{shown}: line {n}: {folded_note}")
        prior = seen.get(d.id)
        entry = Entry(d.id, shown_name, controller, (n,), given, cell("note"))
        if prior is None:
            seen[d.id] = (entry, own)
            continue
        before, before_own = prior
        lines_both = (*before.lines, n)
        if own and before_own:  # the same polygon named twice by its own name or id
            if before.controller != controller:
                out.problems.append(
                    f"{shown}: line {n}: {d.name} ({d.id}) is {controller} here but {before.controller} "
                    f"on line {before.lines[0]}")
            else:
                out.duplicates += 1
            continue
        if own or before_own:  # a polygon's own row decides it; a newer district inside it agrees or not
            keep, other = (entry, before) if own else (before, entry)
            if keep.controller != other.controller:
                out.notes.append(
                    f"{shown}: line {n}: {d.name}'s own row (line {keep.lines[0]}) gives {keep.controller}, "
                    f"{other.district} (line {other.lines[0]}), drawn inside it, {other.controller}: the polygon "
                    f"takes {keep.controller}")
            seen[d.id] = (Entry(d.id, keep.district, keep.controller, lines_both, keep.given, keep.note), True)
            continue
        # two newer districts folded into one polygon, no row of its own
        ctl = before.controller if before.controller == controller else CONTESTED
        if ctl == CONTESTED and before.controller != CONTESTED:
            out.notes.append(f"{shown}: line {n}: {entry.district} ({controller}) and {before.district} "
                             f"({before.controller}) lie in one polygon, {d.name}: it is shown contested")
        seen[d.id] = (Entry(d.id, before.district, ctl, lines_both, before.given, before.note), False)
    out.entries = [e for e, _ in seen.values()]
    return out


def _looks_like_data(theatre: Theatre, cells: Sequence[str]) -> bool:
    try:
        _district(theatre, cells[0], "")
    except _RowError:
        return False
    return controller_of(theatre, cells[1]) is not None


# -- the store -----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Baseline:
    """A stored baseline: its name, source, day, grade, theatre, file, url, note, when imported,
    and its districts by controller."""

    name: str
    source: str
    as_of: date
    grade: str
    theatre: str
    file: str
    url: str
    note: str
    imported_at: str
    districts: int = 0
    by_controller: tuple[tuple[str, int], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "source": self.source, "as_of": self.as_of.isoformat(), "grade": self.grade,
                "theatre": self.theatre, "file": self.file, "url": self.url or None, "note": self.note or None,
                "imported_at": self.imported_at, "districts": self.districts,
                "by_controller": dict(self.by_controller)}

    def line(self) -> str:
        counts = ", ".join(f"{c} {n}" for c, n in self.by_controller)
        return (f"{self.name}: {self.source} as of {self.as_of.isoformat()}, grade {self.grade}, "
                f"{self.districts} district(s) ({counts})")


def stored_names(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute("SELECT name FROM baselines ORDER BY as_of, name")]


def list_baselines(conn: sqlite3.Connection) -> list[Baseline]:
    """Return the stored baselines, oldest day first, each with its districts by controller."""
    counts: dict[str, dict[str, int]] = {}
    for name, ctl, n in conn.execute("SELECT baseline, controller, count(*) FROM baseline_rows"
                                     " GROUP BY baseline, controller ORDER BY baseline, controller"):
        counts.setdefault(name, {})[ctl] = n
    out = []
    for r in conn.execute("SELECT name, source, as_of, grade, theatre, file, url, note, imported_at"
                          " FROM baselines ORDER BY as_of, name"):
        by = counts.get(r[0], {})
        out.append(Baseline(r[0], r[1], date.fromisoformat(r[2]), r[3], r[4], r[5], r[6], r[7], r[8],
                            sum(by.values()), tuple(sorted(by.items(), key=lambda kv: (-kv[1], kv[0])))))
    return out


def get_baseline(conn: sqlite3.Connection, name: str) -> Baseline | None:
    return next((b for b in list_baselines(conn) if b.name == name), None)


def baseline_rows(conn: sqlite3.Connection, name: str) -> list[dict[str, Any]]:
    """Return a stored baseline's districts: line(s), district as given, id, name, controller, note."""
    return [{"lines": r[0], "given": r[1], "district_id": r[2], "district": r[3], "controller": r[4],
             "note": r[5]}
            for r in conn.execute("SELECT lines, given, district_id, district, controller, note"
                                  " FROM baseline_rows WHERE baseline = ? ORDER BY district_id", (name,))]


def save_baseline(conn: sqlite3.Connection, theatre: Theatre, name: str, source: str, as_of: date,
                  grade: str, entries: Sequence[Entry], *, file: str = "", url: str = "", note: str = "",
                  replace: bool = False) -> bool:
    """Store a baseline and its districts in one transaction (all or nothing); return whether it
    replaced a stored one of the same name (only with `replace`: else that is refused)."""
    from khabar.errors import StoreError
    from khabar.store.dialect import begin
    from khabar.store.meta import bind_theatre, theatre_key

    if not NAME.match(name):
        raise StoreError(f"baseline name {name!r}: use lower-case letters, digits, '.', '_' and '-' (up to 80)")
    if not GRADE.match(grade):
        raise StoreError(f"grade {grade!r}: an Admiralty code, reliability A-F and credibility 1-6 (e.g. B2)")
    begin(conn)
    try:
        bind_theatre(conn, theatre)  # the store's theatre: recorded now, or refused if another
        old = conn.execute("SELECT source, as_of FROM baselines WHERE name = ?", (name,)).fetchone()
        if old is not None and not replace:
            raise StoreError(f"baseline {name} is already stored ({old[0]} as of {old[1]}); pass --replace "
                             "to replace it, or --name to store this one beside it")
        if old is not None:
            conn.execute("DELETE FROM baseline_rows WHERE baseline = ?", (name,))
            conn.execute("DELETE FROM baselines WHERE name = ?", (name,))
        conn.execute("INSERT INTO baselines (name, source, as_of, grade, theatre, file, url, note, imported_at)"
                     " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     (name, source, as_of.isoformat(), grade, theatre_key(theatre), file, url, note,
                      datetime.now(UTC).isoformat(timespec="seconds")))
        conn.executemany("INSERT INTO baseline_rows (baseline, district_id, district, controller, lines, given,"
                         " note) VALUES (?, ?, ?, ?, ?, ?, ?)",
                         [(name, e.district_id, e.district, e.controller, ", ".join(map(str, e.lines)), e.given,
                           e.note) for e in entries])
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return old is not None


def remove_baseline(conn: sqlite3.Connection, name: str) -> Baseline:
    """Remove a stored baseline and all its districts in one transaction; return what was removed."""
    from khabar.errors import KhabarError
    from khabar.store.dialect import begin

    found = get_baseline(conn, name)
    if found is None:
        names = stored_names(conn)
        raise KhabarError(f"no baseline named {name!r}; stored: {', '.join(names)}" if names
                          else f"no baseline named {name!r}; none is stored")
    begin(conn)
    try:
        conn.execute("DELETE FROM baseline_rows WHERE baseline = ?", (name,))
        conn.execute("DELETE FROM baselines WHERE name = ?", (name,))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return found


def baseline_observations(conn: sqlite3.Connection, theatre: Theatre, up_to: date | None = None
                          ) -> list[BaselineObservation]:
    """Return every stored baseline's districts as observations of its source on its day (up to a
    day if given), in the theatre's districts only."""
    sql = ("SELECT b.name, b.source, b.as_of, b.grade, b.url, r.district_id, r.district, r.controller,"
           " r.lines, r.note FROM baseline_rows r JOIN baselines b ON b.name = r.baseline")
    params: list[Any] = []
    if up_to is not None:
        sql += " WHERE b.as_of <= ?"
        params.append(up_to.isoformat())
    out = []
    for name, source, as_of, grade, url, did, district, ctl, lines, note in conn.execute(
            sql + " ORDER BY b.as_of, b.name, r.district_id", params):
        d = theatre.districts.get(did)
        if d is None:
            continue
        day = date.fromisoformat(as_of)
        label = theatre.party_label(ctl)
        evidence = f"{source}, baseline as of {as_of}: {district} {label}" + (f" ({note})" if note else "")
        out.append(BaselineObservation(
            f"baseline-{name}-{did}", f"baseline:{name}", did, district, d.province, ctl, day, day,
            evidence, None, source, f"{source} baseline as of {as_of}", url or "", None, TRIGGER,
            int(lines.partition(",")[0] or 0), kind="holding", baseline=name, grade=grade, lines=lines))
    return out
