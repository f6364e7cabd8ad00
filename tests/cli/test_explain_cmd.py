"""`khabar explain EVENT_ID`: why reports were joined, with each source."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_district_cmd import assessed  # noqa: F401 - the fixture


def test_explain_prints_the_rule_and_each_source(run, assessed: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    result = run("explain", "AF2710-taliban-20210707", "--db", assessed)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "AF2710-taliban-20210707: Maywand (Kandahar) to the Taliban on 2021-07-07, B1"
    assert lines[1] == ("  3 report(s), first 2021-07-08, latest 2021-07-10; 3 report(s) of Maywand "
                        "going to the taliban, dated within 3 days of 2021-07-07")
    text = result.stdout
    assert "Maywand district fell to the Taliban on Wednesday" in text
    assert 'grade: Kabul Ledger: reliability C; attributed to "a police spokesman"' in text
    assert "started the event" in text
    assert ("joined: same district (AF2710) and controller (taliban); dated 2021-07-08, 1 day(s) "
            "after the event's first day 2021-07-07 (tolerance 3)") in text


def test_explain_json_lists_the_sources(run, assessed: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    data = json.loads(run("explain", "AF2710-taliban-20210707", "--db", assessed, "--json").stdout)
    assert [s["outlet"] for s in data["sources"]] == ["Hindukush Wire", "Kabul Ledger",
                                                      "Khorasan Times"]
    assert [s["grade"] for s in data["sources"]] == ["B2", "C2", "C2"]


def test_an_unknown_event_is_a_one_line_error(run, assessed: Path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    result = run("explain", "AF2710-taliban-20990101", "--db", assessed)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: AF2710-taliban-20990101: no such event or record; ids look like")


def test_explain_an_event_of_talks(run, tmp_path: Path, samples: Path) -> None:  # type: ignore[no-untyped-def]
    import shutil

    from khabar.jobs import plover_events
    from khabar.store import connect
    from khabar.theatres.loader import load

    folder = tmp_path / "talks"
    folder.mkdir()
    shutil.copy(samples / "meeting.txt", folder)
    shutil.copy(samples / "index.jsonl", folder)
    assert run("ingest", folder, "--db", "t.db", "--pipeline", "fast", "--quiet").exit_code == 0
    events = plover_events(connect(Path("t.db")), load())
    consult = next(e for e in events if e.type == "CONSULT")
    result = run("explain", consult.id, "--db", "t.db")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{consult.id}: CONSULT (happened) of ")
    assert "Example Wire, published 2021-07-29" in result.stdout
