"""Compiling control as of a day from a store, on either engine: districts taken on the days the
reports give, one retaken by the government, and one an analyst moved to a later day."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from khabar.extract.pipeline import Extractor
from khabar.jobs import compile_control, ingest
from khabar.store import connect
from khabar.store import records as store
from khabar.store.overrides import save_override
from khabar.theatres.loader import load

SAMPLES = Path(__file__).parents[1] / "samples"
JUNE_22 = date(2021, 6, 22)  # several_districts: three Kunduz districts fell on June 22
JULY_4 = date(2021, 7, 4)  # district_taken: Panjwayi, "on Sunday" in a report of July 6
JULY_16 = date(2021, 7, 16)  # district_retaken: Malistan back with the government


def test_control_as_of_a_day(engine: str, store_url: str) -> None:
    conn = connect(store_url)
    reports = [str(SAMPLES / f"{n}.txt") for n in ("district_taken", "district_retaken", "several_districts")]
    rep = ingest(conn, reports, Extractor(mode="fast"), processes=1)
    assert (rep.new, rep.errors) == (3, [])
    theatre = load()

    def held(day: date) -> dict[str, tuple[str | None, date | None]]:
        states, _ = compile_control(conn, theatre, day)
        return {s.district_id: (s.controller, s.since) for s in states if s.controller}

    kunduz = {d: ("taliban", JUNE_22) for d in ("AF1902", "AF1904", "AF1906")}
    assert held(date(2021, 6, 21)) == {}
    assert held(JUNE_22) == kunduz
    assert held(date(2021, 7, 5)) == kunduz | {"AF2704": ("taliban", JULY_4)}
    assert held(date(2021, 7, 25)) == kunduz | {"AF2704": ("taliban", JULY_4), "AF1116": ("government", JULY_16)}
    # an analyst says Panjwayi fell on July 20: as of July 10 it is no longer held, as of the 25th it is
    (panjwayi,) = [o for o in store.observations(conn) if o.district_id == "AF2704"]
    save_override(conn, "control_changes", panjwayi.record_id, "correct", "fell later", {"date": "2021-07-20"})
    assert held(date(2021, 7, 10)) == kunduz
    assert held(date(2021, 7, 25))["AF2704"] == ("taliban", date(2021, 7, 20))
