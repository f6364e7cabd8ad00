"""`khabar load DIR`: the Parquet a batch run wrote, into the store.

The rows are rebuilt into the Extractions they came from (`batch.tables.iter_extractions`) and
stored with `store.bulk.bulk_save`, one transaction a batch of reports, so that a loaded store
holds the rows `khabar ingest` stores for the same reports: the same specs write them, and the
kept district timelines are brought up to date after the last batch. Loading a folder again changes
nothing; a report already stored keeps its row and gets the loaded records.
Needs pyarrow only, not Spark.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from khabar.batch import tables as T
from khabar.store.spec import KINDS

BATCH = 500  # reports a transaction


@dataclass
class LoadReport:
    new: int = 0
    known: int = 0
    records: dict[str, int] = field(default_factory=dict)
    theatre: str = ""

    @property
    def read(self) -> int:
        return self.new + self.known


def load(conn: Any, folder: Path, *, batch: int = BATCH,
         on_batch: Callable[[int], None] | None = None) -> LoadReport:
    """Store the reports and records of a run's folder; return what was stored.

    The store's theatre is the run's (recorded if the store has none; a store of another
    theatre is refused with one line, before anything is written).
    """
    from khabar.store.bulk import bulk_save
    from khabar.store.meta import bind_theatre
    from khabar.theatres.loader import load as load_theatre

    folder = Path(folder)
    manifest = T.read_manifest(folder)
    rep = LoadReport(theatre=str(manifest.get("theatre") or ""))
    theatre = load_theatre(rep.theatre)
    bind_theatre(conn, theatre)
    rep.records = dict.fromkeys(KINDS, 0)
    for extractions in T.iter_extractions(folder, batch):
        new = bulk_save(conn, extractions)
        rep.new += new
        rep.known += len(extractions) - new
        for ex in extractions:
            for kind in KINDS:
                rep.records[kind] += len(getattr(ex, kind))
        if on_batch:
            on_batch(len(extractions))
    if rep.new:  # the kept district timelines, brought up to date as `khabar ingest` does
        from khabar.compile import state_cache

        state_cache.refresh(conn, theatre)
    return rep
