"""District control as of a day: the latest supported observation for each district."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from khabar.records import DistrictState, Observation
from khabar.theatres.loader import District


def _order(o: Observation) -> tuple[date, date, str]:
    return (o.effective, o.published or o.effective, o.record_id)


def control_as_of(districts: Mapping[str, District], observations: Iterable[Observation],
                  as_of: date) -> list[DistrictState]:
    """Return every district's state as of a day, in gazetteer order.

    The state is that of the latest observation dated on or before `as_of`; an observation's
    date is the day the report gives, or its publication date when it gives none. A district
    no report has named is returned with controller None.
    """
    latest: dict[str, Observation] = {}
    for o in observations:
        if o.district_id is None or o.district_id not in districts or o.effective > as_of:
            continue
        cur: Observation | None = latest.get(o.district_id)
        if cur is None or _order(o) > _order(cur):
            latest[o.district_id] = o
    states = []
    for did, d in districts.items():
        last = latest.get(did)
        states.append(DistrictState(did, d.name, d.province, last.controller if last else None,
                                    last.effective if last else None, last))
    return states


@dataclass(frozen=True, slots=True)
class Counts:
    """How many districts each side holds on a day."""

    as_of: date
    taliban: int
    government: int
    contested: int
    no_reports: int
    total: int

    def headline(self) -> str:
        """Return the one-line summary the CLI and the map print."""
        return (f"Taliban {self.taliban}, government {self.government}, contested "
                f"{self.contested}, no reports {self.no_reports} of {self.total} districts "
                f"as of {self.as_of.isoformat()}")

    def to_dict(self) -> dict[str, object]:
        return {"as_of": self.as_of.isoformat(), "taliban": self.taliban,
                "government": self.government, "contested": self.contested,
                "no_reports": self.no_reports, "total": self.total}


def count(states: Iterable[DistrictState], as_of: date) -> Counts:
    """Return the counts of districts by controller."""
    n = {"taliban": 0, "government": 0, "contested": 0, None: 0}
    total = 0
    for s in states:
        n[s.controller] += 1
        total += 1
    return Counts(as_of, n["taliban"], n["government"], n["contested"], n[None], total)
