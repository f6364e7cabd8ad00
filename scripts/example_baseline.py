"""Write examples/baseline-afghanistan-2021-07-10.example.csv: EXAMPLE per-district data for `khabar baseline`.

Only the Taliban total is a published fact (the Long War Journal's 215 of the 421 districts of the
published list as of 2021-07-10, which the bundled sample reports quote); which districts, and the
split of the rest between government and contested, are made up here from the sample reports
(the demo database, `make demo`) by a fixed rule:

- Taliban: the districts the demo holds Taliban on 2021-07-10, then those it shows falling to the
  Taliban soonest after that day, until the 421-district total reaches 215 (a polygon counts for the
  published districts drawn inside it); never a provincial capital, a Kabul or Panjshir district;
- contested: the next 50 districts in that order;
- government: the rest, the provincial capitals, Kabul and Panjshir.

    .venv/bin/python scripts/example_baseline.py [out/demo/khabar.db]
"""

from __future__ import annotations

import csv
import sys
from datetime import date
from pathlib import Path

from khabar.compile.folded import folded
from khabar.jobs import compile_control
from khabar.store import connect
from khabar.theatres.loader import load

DAY = date(2021, 7, 10)
LATER = [date(2021, 7, d) for d in (15, 20, 25, 31)] + [date(2021, 8, d) for d in (3, 6, 8, 10, 12, 13, 14, 15, 20)]
OUT = Path(__file__).parents[1] / "examples" / "baseline-afghanistan-2021-07-10.example.csv"
TALIBAN_PUBLISHED = 215  # of 421: the Long War Journal's count as of 2021-07-10
CONTESTED = 50


def main(db: str = "out/demo/khabar.db") -> None:
    th = load("afghanistan_2021")
    conn = connect(db)
    weights = folded(th).weights
    keep = {th.capital(p).id for p in th.provinces if th.capital(p)}  # type: ignore[union-attr]
    keep |= {d.id for d in th.districts.values() if d.province in ("Kabul", "Panjshir")}
    order: list[str] = []
    for day in (DAY, *LATER):
        states, _ = compile_control(conn, th, day)
        order += [s.district_id for s in states if s.controller == "taliban" and s.district_id not in order]
    order += [d for d in th.districts if d not in order]  # the rest in gazetteer order
    taliban: list[str] = []
    contested: list[str] = []
    n = 0
    for did in order:
        if did in keep:
            continue
        w = weights.get(did, 1)
        if n + w <= TALIBAN_PUBLISHED:
            taliban.append(did)
            n += w
        elif len(contested) < CONTESTED:
            contested.append(did)
    controller = {d: "Taliban" for d in taliban} | {d: "contested" for d in contested}
    with open(OUT, "w", encoding="utf-8", newline="") as f:
        f.write("# EXAMPLE DATA for `khabar baseline`, not a published assessment. Only the Taliban total is a\n"
                "# published figure (the Long War Journal's 215 of the 421 districts of the published list as of\n"
                "# 2021-07-10); which districts, and the split of the rest between government and contested, were\n"
                "# made up by scripts/example_baseline.py from the bundled sample reports. Do not cite.\n")
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["district_id", "district", "province", "controller"])
        for d in th.districts.values():
            out.writerow([d.id, d.name, d.province, controller.get(d.id, "Government")])
    print(f"{OUT}: Taliban {len(taliban)} polygons ({n} of the 421), contested {len(contested)}, "
          f"government {len(th.districts) - len(taliban) - len(contested)}")


if __name__ == "__main__":
    main(*sys.argv[1:])
