"""Synthetic stored control changes for timing `control --as-of`: many per report, every district.

Each synthetic report is one sentence per control change ("<attacker> fighters captured <name>
district in <province> province on June 3.", the words of khabar.bench.words), so every record's
evidence and span are real offsets.
The bench stages that need a store of them (assessment, web) make it in a fresh process:

    python -m khabar.bench.observations --db FILE --observations N [--days 120] [--seed 7]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from khabar.bench.templates import MONTHS as _MONTHS
from khabar.bench.words import bench_words
from khabar.records import ControlChange, Document, Evidence, Extraction, document_id
from khabar.theatres.loader import DEFAULT_THEATRE, Theatre, load


def first_day(theatre: Theatre) -> date:
    """Return the first day of the theatre's synthetic reports (its bench period)."""
    return bench_words(theatre).first_day


def _phrases(theatre: Theatre) -> dict[str, tuple[str, str, int]]:
    """Return controller -> (the words before the district, controller, weight)."""
    w = bench_words(theatre)
    return {w.attacker: (f"{w.attackers[0]} captured", w.attacker, 6),
            w.defender: (f"{w.defenders[0]} recaptured", w.defender, 3),
            "contested": ("Fighting went on in", "contested", 1)}


def synthetic_extractions(theatre: Theatre, observations: int = 100_000, days: int = 120,
                          per_report: int = 100, seed: int = 7) -> Iterator[Extraction]:
    """Yield reports holding `observations` control changes over every district and `days` days."""
    rng = random.Random(seed)
    districts = sorted(theatre.districts.values(), key=lambda d: d.id)
    phrases = list(_phrases(theatre).values())
    day0 = first_day(theatre)
    level, plevel = bench_words(theatre).slots["level"], bench_words(theatre).slots["plevel"]
    weights = [w for _, _, w in phrases]
    made, index = 0, 0
    while made < observations:
        k = min(per_report, observations - made)
        picks = [(districts[(made + i) % len(districts)], rng.randrange(days),
                  rng.choices(phrases, weights)[0]) for i in range(k)]
        sentences, spans = [], []
        offset = 0
        for d, day, (verb, _, _) in picks:
            when = day0 + timedelta(day)
            s = (f"{verb} {d.name} {level} in {d.province} {plevel} on "
                 f"{_MONTHS[when.month - 1]} {when.day}.")
            start = offset + len(verb) + 1
            spans.append((offset, offset + len(s), start, start + len(d.name)))
            sentences.append(s)
            offset += len(s) + 1
        text = " ".join(sentences)
        published = day0 + timedelta(max(day for _, day, _ in picks) + 1)
        doc = Document(id=document_id(text), text=text, title=f"Synthetic report {index}",
                       outlet="Bench", published=published, source=f"bench:obs:{index}")
        changes = tuple(
            ControlChange(district=d.name, district_id=d.id, province=d.province,
                          controller=controller,  # type: ignore[arg-type]
                          date=day0 + timedelta(day),
                          evidence=Evidence(doc.id, s0, s1, text[s0:s1]), span=(n0, n1),
                          province_id=d.province_id, trigger=verb.split()[-1])
            for (d, day, (verb, controller, _)), (s0, s1, n0, n1) in zip(picks, spans, strict=True))
        yield Extraction(document=doc, pipeline="bench-synthetic", version="1",
                         control_changes=changes)
        made += k
        index += 1


def store_synthetic(db: str, observations: int, days: int, seed: int, theatre: Theatre
                    ) -> dict[str, float]:
    """Store synthetic control changes in a database file, 1,000 reports a transaction.

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
    while chunk := list(islice(it, 1000)):
        bulk_save(conn, chunk)
    seconds = time.perf_counter() - t0
    n = conn.execute("SELECT count(*) FROM control_changes").fetchone()[0]
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
