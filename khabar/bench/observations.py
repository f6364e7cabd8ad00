"""Synthetic stored control changes for timing `control --as-of`, told from a known truth.

Each district has a TRUE timeline (`truth`, seeded): who held it before the period, then a few
changes of hands, each at least `MIN_GAP_DAYS` after the last, sides alternating. Reports are
published one after another over the period, and each sentence tells what was true of its district
on the report's day:

- `CHANGE_SHARE` of them the current holder's change of hands, with its day ("<attackers> captured
  <name> district in <province> province on June 3."; a defender's is "recaptured"), told again in
  later reports for as long as that holder keeps it (every report within `FRESH_DAYS` of it tells
  it: news of a change is told as a change); `MISDATED_SHARE` of these give the day after (noise
  the dedup tolerance absorbs; a day before would put the change ahead of the old holder's last
  statement, which the compile reads as a dispute that the change's later reports, joining the
  same event, do not end: see the bench's notes);
- the rest a statement of who holds it on the report's day (kind "holding": "<holder> held ..."),
  the only kind of report of a district that never changed hands;
- `CLAIM_SHARE` of the sentences about a district the defender holds a false claim by the attacker,
  in its spokesman's words (a party's own claim: not decisive, it never moves the state).

So a compile as of any day can be checked against the truth at every scale (`agreement`): a district
differs only on the days around one of its changes (misdated reports) or when no report of it exists
yet. Every record's evidence and span are real offsets.
The bench stages that need a store of them (assessment, web) make it in a fresh process:

    python -m khabar.bench.observations --db FILE --observations N [--days 120] [--seed 7]
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import sys
from bisect import bisect_right
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

from khabar.bench.templates import MONTHS as _MONTHS
from khabar.bench.words import bench_words
from khabar.records import ControlChange, Document, Evidence, Extraction, document_id
from khabar.theatres.loader import DEFAULT_THEATRE, Theatre, load

MIN_GAP_DAYS = 8  # between two true changes of hands of a district
CHANGE_SHARE = 0.7  # of the sentences about a district that changed hands: its change, with the day
FRESH_DAYS = 2  # reports this soon after a change of hands tell the change, not who holds it
MISDATED_SHARE = 0.1  # of those: the day after given
CLAIM_SHARE = 0.03  # of the sentences about a defender's district: the attacker's own claim (not decisive)
INITIAL_ATTACKER_SHARE = 0.2  # districts the attacker holds before the period
CHANGES_WEIGHTS = (3, 4, 2, 1)  # how many true changes of hands a district has: 0, 1, 2 or 3


def first_day(theatre: Theatre) -> date:
    """Return the first day of the theatre's synthetic reports (its bench period)."""
    return bench_words(theatre).first_day


@dataclass(frozen=True)
class Truth:
    """Who truly holds each district: the holder before the period and its changes of hands
    (day index from the first day, new holder), per district id."""

    first_day: date
    before: Mapping[str, str]
    changes: Mapping[str, tuple[tuple[int, str], ...]]

    def holder(self, district_id: str, day: date | int) -> str:
        """Return who holds a district at the end of a day (a date, or a day index)."""
        i = day if isinstance(day, int) else (day - self.first_day).days
        ch = self.changes[district_id]
        k = bisect_right([d for d, _ in ch], i)
        return ch[k - 1][1] if k else self.before[district_id]

    def last_change(self, district_id: str, day: int) -> int | None:
        """Return the day index of a district's latest change of hands on or before a day index."""
        days = [d for d, _ in self.changes[district_id] if d <= day]
        return days[-1] if days else None

    def near_change(self, district_id: str, day: date, margin: int = 2) -> bool:
        """Return whether a district changed hands within `margin` days of a day."""
        i = (day - self.first_day).days
        return any(abs(d - i) <= margin for d, _ in self.changes[district_id])


def truth(theatre: Theatre, days: int = 120, seed: int = 7) -> Truth:
    """Return the true timeline of every district of a theatre over `days` days (seeded: the same
    seed gives the same truth at every number of observations)."""
    w = bench_words(theatre)
    before, changes = {}, {}
    for did in sorted(theatre.districts):
        rng = random.Random(f"{seed}:{did}")
        holder = w.attacker if rng.random() < INITIAL_ATTACKER_SHARE else w.defender
        before[did] = holder
        k = rng.choices(range(len(CHANGES_WEIGHTS)), CHANGES_WEIGHTS)[0]
        picked: list[int] = []
        for _ in range(k):
            room = [d for d in range(1, days) if all(abs(d - p) >= MIN_GAP_DAYS for p in picked)]
            if room:
                picked.append(rng.choice(room))
        seq = []
        for d in sorted(picked):
            holder = w.defender if holder == w.attacker else w.attacker
            seq.append((d, holder))
        changes[did] = tuple(seq)
    return Truth(w.first_day, before, changes)


def agreement(t: Truth, controllers: Mapping[str, str | None], day: date) -> dict[str, int]:
    """Compare compiled controllers (district id -> controller, None: no reports) with the truth on a
    day: districts that agree, differ, and, of those that differ, how many changed hands within two
    days of it (misdated reports' noise) or have no report yet."""
    out = {"agree": 0, "differ": 0, "differ_near_change": 0, "unreported": 0}
    for did, ctl in controllers.items():
        if ctl is None:
            out["unreported"] += 1
        elif ctl == t.holder(did, day):
            out["agree"] += 1
        else:
            out["differ"] += 1
            out["differ_near_change"] += t.near_change(did, day)
    return out


def synthetic_extractions(theatre: Theatre, observations: int = 100_000, days: int = 120,
                          per_report: int = 100, seed: int = 7) -> Iterator[Extraction]:
    """Yield reports holding `observations` control changes over every district and `days` days,
    each telling the truth of its day (`truth`, same seed) up to the stated noise."""
    t = truth(theatre, days, seed)
    w = bench_words(theatre)
    rng = random.Random(seed)
    districts = sorted(theatre.districts.values(), key=lambda d: d.id)
    day0 = t.first_day
    level, plevel = w.slots["level"], w.slots["plevel"]
    n_reports = -(-observations // per_report)
    names = {w.attacker: w.attackers[0], w.defender: w.defenders[0]}
    other = {w.attacker: w.defender, w.defender: w.attacker}

    def on(d: date) -> str:
        return f"{_MONTHS[d.month - 1]} {d.day}"

    made, index = 0, 0
    while made < observations:
        k = min(per_report, observations - made)
        pub = min(days - 1, index * days // n_reports)  # reports spread evenly over the period
        published = day0 + timedelta(pub)
        rows: list[tuple[str, str, str, int, str, str | None, bool]] = []
        for i in range(k):
            d = districts[(made + i) % len(districts)]
            holder = t.holder(d.id, pub)
            last = t.last_change(d.id, pub)
            u = rng.random()
            if u < CLAIM_SHARE and holder == w.defender:  # the attacker's own claim: not decisive
                side = other[holder]
                verb = f"A spokesman said {names[side]} captured"
                rows.append((verb, "captured", side, pub, "change", side, True))
            elif last is not None and (u < CLAIM_SHARE + CHANGE_SHARE or pub - last <= FRESH_DAYS):
                day = last
                if rng.random() < MISDATED_SHARE:
                    day = min(pub, last + 1)
                trigger = "captured" if holder == w.attacker else "recaptured"
                rows.append((f"{names[holder]} {trigger}", trigger, holder, day, "change", None, False))
            else:
                rows.append((f"{names[holder]} held", "held", holder, pub, "holding", None, False))
        sentences, spans = [], []
        offset = 0
        for i, (verb, _, _, day_i, _, _, _) in enumerate(rows):
            d = districts[(made + i) % len(districts)]
            when = day0 + timedelta(day_i)
            s = f"{verb} {d.name} {level} in {d.province} {plevel} on {on(when)}."
            start = offset + len(verb) + 1
            spans.append((offset, offset + len(s), start, start + len(d.name)))
            sentences.append(s)
            offset += len(s) + 1
        text = " ".join(sentences)
        doc = Document(id=document_id(text), text=text, title=f"Synthetic report {index}",
                       outlet="Bench", published=published, source=f"bench:obs:{index}")
        changes = []
        for i, ((_, trigger, ctl, day, kind, speaker_party, hedged), (s0, s1, n0, n1)) in enumerate(
                zip(rows, spans, strict=True)):
            d = districts[(made + i) % len(districts)]
            changes.append(ControlChange(
                district=d.name, district_id=d.id, province=d.province, controller=ctl,
                date=day0 + timedelta(day), evidence=Evidence(doc.id, s0, s1, text[s0:s1]),
                span=(n0, n1), province_id=d.province_id, trigger=trigger, kind=kind,  # type: ignore[arg-type]
                acting_party=speaker_party, speaker="a spokesman" if speaker_party else None,
                speaker_party=speaker_party, hedged=hedged))
        yield Extraction(document=doc, pipeline="bench-synthetic", version="1",
                         control_changes=tuple(changes))
        made += k
        index += 1


def store_synthetic(db: str, observations: int, days: int, seed: int, theatre: Theatre,
                    fresh: bool = True) -> dict[str, float]:
    """Store synthetic control changes in a database (a file, or a postgresql:// URL), 1,000
    reports a transaction (`fresh`: report ids of this run only; else ids after those stored).

    Returns how many were stored and the seconds it took; the WAL is checkpointed so that the
    next process reads one file.
    """
    import time
    from itertools import islice

    from khabar.store import connect
    from khabar.store.bulk import bulk_save

    conn = connect(db)
    t0 = time.perf_counter()
    it = synthetic_extractions(theatre, observations, days, seed=seed)
    if not fresh:
        it = (replace(ex, document=replace(ex.document, source=f"{ex.document.source}:{seed}"))
              for ex in it)
    while chunk := list(islice(it, 1000)):
        bulk_save(conn, chunk)
    seconds = time.perf_counter() - t0
    n = conn.execute("SELECT count(*) FROM control_changes").fetchone()[0]
    if isinstance(conn, sqlite3.Connection):
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return {"observations": n, "seconds": seconds}


def store_command(db: Path | str, observations: int, days: int, seed: int, theatre: str
                  ) -> list[str]:
    """Return the command that stores synthetic control changes in a new database file (this
    module's `main`, in a process of its own)."""
    return [sys.executable, "-m", "khabar.bench.observations", "--db", str(db), "--observations",
            str(observations), "--days", str(days), "--seed", str(seed), "--theatre", theatre]


def main(argv: list[str] | None = None) -> None:
    """Store synthetic control changes in a new database file; print one JSON line."""
    p = argparse.ArgumentParser(prog="python -m khabar.bench.observations")
    p.add_argument("--db", required=True)
    p.add_argument("--observations", type=int, required=True)
    p.add_argument("--days", type=int, default=120)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--theatre", default=DEFAULT_THEATRE)
    a = p.parse_args(argv)
    Path(a.db).unlink(missing_ok=True)
    print(json.dumps(store_synthetic(a.db, a.observations, a.days, a.seed, load(a.theatre))))


if __name__ == "__main__":
    main()
