"""`khabar claims [--check]`: the claims, checked against the compiled control of their day."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from khabar.cli.common import (
    CsvOption,
    DbOption,
    StoreTheatreOption,
    console,
    guarded,
    print_rows,
)
from khabar.errors import KhabarError
from khabar.store.db import DEFAULT_DB


def _day(d: Any) -> str:
    return d.isoformat() if d else "no date"


def _qty(c: Any) -> str:
    q = c.quantity
    if q is None:
        return ""
    return " ".join(x for x in (q.qualifier or "", f"{q.value:g}", q.unit,
                                f"of {q.of}" if q.of else "") if x)


def _as_json(rep: Any) -> dict[str, Any]:
    def claim(c: Any) -> dict[str, Any]:
        return {"id": c.id, "claimant": c.claimant, "stance": c.stance, "text": c.text,
                "quantity": c.quantity.to_dict() if c.quantity else None, "date": _day(c.day),
                "outlet": c.outlet, "document_id": c.document_id, "evidence": c.evidence,
                "review": c.review}
    return {
        "claims": [claim(c) for c in rep.claims],
        "checks": [{"claim": claim(k.claim), "party": k.party, "measure": k.measure,
                    "claimed": k.claimed, "verdict": k.verdict, "reasoning": k.reasoning,
                    "tolerance_points": k.tolerance, "headline": k.headline(),
                    "grades": rep.grades.get(k.claim.id),
                    "published_near": rep.published.get(k.claim.id, []),
                    "against_published": [{"verdict": v, "reasoning": why} for v, why in
                                          rep.against_published.get(k.claim.id, [])],
                    "figures": [{"measure": f.measure, "known": round(f.known, 1),
                                 "most": round(f.most, 1), "basis": f.basis} for f in k.figures]}
                   for k in rep.checks],
        "denials": [{"denial": claim(d), "denies": [
            {"kind": lk.target.kind, "id": lk.target.id, "label": lk.target.label,
             "score": lk.score, "reasons": list(lk.reasons)} for lk in links]}
            for d, links in rep.denials],
        "assessments": [{k: v for k, v in b.items() if k != "line"} for b in rep.beside],
    }


@guarded
def claims(
    check: Annotated[bool, typer.Option("--check", help="Judge each claim with a number against the compiled control of its day.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    as_csv: CsvOption = False,
    tolerance: Annotated[float, typer.Option("--tolerance", help="Points either side of a claim that still count as consistent.")] = 5.0,
    db: DbOption = Path(DEFAULT_DB),
    theatre: StoreTheatreOption = None,
) -> None:
    """Print the claims, the denials linked to what they deny, and (with --check) the claim check."""
    from khabar.jobs_claims import check_claims
    from khabar.store import connect
    from khabar.theatres.loader import load

    if not db.exists():
        raise KhabarError(f"{db}: no such database; run `khabar ingest` first")
    if not 0 <= tolerance <= 50:
        raise KhabarError(f"--tolerance {tolerance:g}: use a number of points from 0 to 50")
    from khabar.store.meta import theatre_or_default

    conn = connect(db)
    rep = check_claims(conn, load(theatre_or_default(conn, theatre)), tolerance)
    if as_json:
        typer.echo(json.dumps(_as_json(rep), ensure_ascii=False, indent=2))
        return
    if as_csv:  # one row a claim; with --check, its verdict
        verdicts = {k.claim.id: k for k in rep.checks}
        print_rows(("id", "date", "claimant", "stance", "number", "claim", "review", "verdict", "reasoning"),
                   ((c.id, _day(c.day), c.claimant, c.stance, _qty(c), c.text, c.review,
                     verdicts[c.id].verdict if c.id in verdicts else "",
                     verdicts[c.id].reasoning if c.id in verdicts else "") for c in rep.claims), as_csv=True)
        return
    if check:
        console.print(f"Claim check ({len(rep.checks)} claim(s) with a number about the theatre; "
                      f"tolerance ±{tolerance:g} points)", style="bold", highlight=False)
        for k in rep.checks:
            grades = rep.grades.get(k.claim.id)
            console.print(f"- {k.headline()}{'; ' + grades if grades else ''}",
                          highlight=False, markup=False)
            console.print(f"  verdict: {k.verdict} ({k.reasoning})", highlight=False, markup=False)
            for v, why in rep.against_published.get(k.claim.id, []):
                console.print(f"  against a published count: {v} ({why})", highlight=False,
                              markup=False)
            if rep.published.get(k.claim.id):
                console.print(f"  published counts within a week: {'; '.join(rep.published[k.claim.id])}",
                              highlight=False, markup=False)
            console.print(f"  evidence: {k.claim.evidence} [{k.claim.outlet or k.claim.document_id}]",
                          highlight=False, markup=False)
    else:
        print_rows(("date", "claimant", "stance", "number", "claim", "review"),
                   ((_day(c.day), c.claimant, c.stance, _qty(c), c.text, c.review) for c in rep.claims),
                   clip={"claim": 100}, expand=True)
    console.print(f"Denials ({len(rep.denials)}) and what they deny", style="bold",
                  highlight=False)
    for d, links in rep.denials:
        console.print(f"- {_day(d.day)} {d.claimant} {d.stance}: {d.text[:100]}",
                      highlight=False, markup=False)
        for lk in links:
            console.print(f"    denies {lk.target.kind} {lk.target.id}: {lk.target.label[:90]} "
                          f"({', '.join(lk.reasons)})", highlight=False, markup=False)
        if not links:
            console.print("    (nothing linked: no record shares its report, place or number)",
                          highlight=False)
    if check:
        console.print("Published counts beside khabar's own", style="bold", highlight=False)
        for b in rep.beside:
            again = f" (in {b['reports']} reports)" if b["reports"] > 1 else ""
            console.print(f"- {b['line']}{again}", highlight=False, markup=False)
        if not rep.beside:
            console.print("  (no published counts stored)", highlight=False)
