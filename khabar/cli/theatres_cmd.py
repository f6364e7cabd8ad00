"""`khabar theatres`: the installed theatres, and `--check PATH` to find what is wrong in a folder."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from khabar.cli.common import guarded


def describe(name: str, path: Any) -> dict[str, Any]:
    """Return what `khabar theatres` shows of one bundled theatre (or the error that stops it)."""
    from khabar.errors import KhabarError
    from khabar.theatres.loader import DEFAULT_THEATRE, load

    try:
        th = load(path)
    except (KhabarError, OSError, ValueError, KeyError) as e:
        return {"name": name, "path": str(path), "default": name == DEFAULT_THEATRE,
                "error": str(e) or type(e).__name__}
    period = th.config.get("period") or [None, None]
    return {
        "name": name, "title": th.title, "country": th.country, "default": name == DEFAULT_THEATRE,
        "period": {"start": period[0], "end": period[-1]},
        "districts": len(th.districts), "district_level": th.level("district"),
        "districts_label": th.level("districts"),
        "provinces": len(th.provinces), "province_level": th.level("province"),
        "provinces_label": th.level("provinces"),
        "incumbent": th.incumbent, "default_captor": th.default_captor,
        "parties": [{"id": p.id, "name": p.name, "label": th.party_label(p.id), "kind": p.kind,
                     "colour": th.party_colour(p.id), "members": list(p.members)}
                    for p in th.parties.values()],
        "path": str(th.path),
    }


def _text(info: dict[str, Any]) -> list[str]:
    head = f"{info['name']}{' (default)' if info['default'] else ''}"
    if "error" in info:
        return [f"{head}: cannot be read: {info['error']}"]
    period = info["period"]
    when = f"{period['start']} to {period['end']}" if period["start"] else "no period given"
    parties = []
    for p in info["parties"]:
        note = []
        if p["members"]:
            note.append("coalition of " + ", ".join(p["members"]))
        if p["id"] == info["incumbent"]:
            note.append("incumbent")
        parties.append(f"{p['label']} [{p['id']}]" + (f" ({'; '.join(note)})" if note else ""))
    return [f"{head}: {info['title']}",
            f"  country {info['country'] or '-'}, {when}",
            f"  {info['districts']} {info['districts_label']} in {info['provinces']} {info['provinces_label']}",
            f"  {len(parties)} parties: {', '.join(parties)}",
            f"  folder {info['path']}"]


@guarded
def theatres(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="Print CSV: one row a theatre.")] = False,
    check: Annotated[str | None, typer.Option(
        "--check", metavar="PATH",
        help="Check a theatre folder (or a bundled theatre's name): print every problem, one line "
             "each, naming the file, the line and the fix; exit 1 if there is any.")] = None,
) -> None:
    """List the installed theatres: name, title, country, period, districts, parties. A theatre is
    chosen with `--theatre NAME` (a unique prefix will do) or `--theatre FOLDER`."""
    from khabar.theatres.loader import installed

    if check is not None:
        _check(check, as_json)
        return
    infos = [describe(name, path) for name, path in installed().items()]
    if as_json:
        typer.echo(json.dumps(infos, ensure_ascii=False, indent=2))
        return
    if as_csv:
        from khabar.cli.common import print_rows

        print_rows(("name", "title", "country", "start", "end", "districts", "district_level", "provinces",
                    "parties", "default", "path", "error"),
                   ((i["name"], i.get("title"), i.get("country"), (i.get("period") or {}).get("start"),
                     (i.get("period") or {}).get("end"), i.get("districts"), i.get("district_level"),
                     i.get("provinces"), " ".join(p["id"] for p in i.get("parties", [])), i["default"], i["path"],
                     i.get("error")) for i in infos), as_csv=True)
        return
    if not infos:
        typer.echo("No theatre installed.")
    for i, info in enumerate(infos):
        if i:
            typer.echo("")
        for line in _text(info):
            typer.echo(line)


def _check(target: str, as_json: bool) -> None:
    from khabar.theatres.check import problems
    from khabar.theatres.loader import resolve

    folder = resolve(target)
    found = problems(folder)
    if as_json:
        typer.echo(json.dumps({"path": str(folder), "problems": found}, ensure_ascii=False, indent=2))
    else:
        for line in found:
            typer.echo(line)
        if not found:
            typer.echo(f"{folder}: no problems found")
    if found:
        raise typer.Exit(1)
