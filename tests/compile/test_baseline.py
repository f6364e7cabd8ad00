"""A baseline (`khabar baseline`): a source's per-district assessment imported as graded observations
of that source on its day. It sets who holds a district as of its day, since unknown; later reports
that move the district win without a dispute; it supersedes what reports before its day said; its
file is read through the theatre's gazetteer and party names, one line per bad row; it is stored and
removed as one unit."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from khabar.cli.assess_format import state_line
from khabar.compile.baseline import (
    BaselineObservation,
    Entry,
    baseline_observations,
    baseline_of,
    list_baselines,
    read_baseline,
    remove_baseline,
    save_baseline,
)
from khabar.compile.control_as_of import control_as_of, count, district_history, timeline
from khabar.compile.grading import Grader
from khabar.compile.sides import Sides
from khabar.errors import KhabarError
from khabar.jobs import compile_control
from khabar.records import DistrictState, Observation
from khabar.store import connect
from khabar.theatres.loader import Theatre

MAYWAND = "AF2710"
DAY = date(2021, 7, 10)
EXAMPLE = Path(__file__).parents[2] / "examples" / "baseline-afghanistan-2021-07-10.example.csv"


def base(did: str, controller: str, day: date = DAY, grade: str = "B2", name: str = "lwj") -> BaselineObservation:
    return BaselineObservation(f"baseline-{name}-{did}", f"baseline:{name}", did, did, None, controller, day, day,
                               f"Long War Journal, baseline as of {day}: {did} {controller}", None,
                               "Long War Journal", "", "", None, "baseline", 1, kind="holding",
                               baseline=name, grade=grade, lines="2")


def state(theatre: Theatre, grader: Grader, observations: list[Observation], day: date,
          did: str = MAYWAND) -> DistrictState:
    (s,) = [s for s in control_as_of(theatre.districts, observations, day, grader=grader,
                                     sides=Sides.of(theatre)) if s.district_id == did]
    return s


def test_a_baseline_holds_as_of_its_day_since_unknown(theatre: Theatre, grader: Grader) -> None:
    b = base(MAYWAND, "taliban")
    assert state(theatre, grader, [b], DAY - timedelta(1)).controller is None  # not before its day
    s = state(theatre, grader, [b], DAY + timedelta(20))
    assert (s.controller, s.since, s.held_as_of, s.grade) == ("taliban", None, DAY, "B2")
    assert baseline_of(s) is b
    assert "Taliban per Long War Journal baseline as of 2021-07-10, since unknown" in state_line(s, Sides.of(theatre))
    assert "a baseline" in state_line(s) and "report(s)" not in state_line(s, Sides.of(theatre))


@pytest.mark.parametrize("gap", [0, 1, 2, 30])
def test_a_report_on_or_after_its_day_that_moves_the_district_wins(
        theatre: Theatre, grader: Grader, obs: Callable[..., Observation], gap: int) -> None:
    """Within the conflict window too: a baseline never disputes a report."""
    later = DAY + timedelta(gap)
    captured = obs(MAYWAND, "taliban", later)  # a capture, not a retaking: on its day it would dispute a report
    s = state(theatre, grader, [base(MAYWAND, "government"), captured], later)
    assert (s.controller, s.since, s.conflict) == ("taliban", later, ())
    assert baseline_of(s) is None


def test_a_later_holding_statement_of_the_other_side_wins(theatre: Theatre, grader: Grader,
                                                          obs: Callable[..., Observation]) -> None:
    held = replace(obs(MAYWAND, "government", DAY + timedelta(1), evidence="Maywand remains under government "
                       "control, officials said.", trigger="under government control"), kind="holding")
    s = state(theatre, grader, [base(MAYWAND, "taliban"), held], DAY + timedelta(5))
    assert (s.controller, s.since, s.held_as_of, s.conflict) == ("government", None, DAY + timedelta(1), ())


def test_it_supersedes_earlier_reports_without_a_dispute(theatre: Theatre, grader: Grader,
                                                         obs: Callable[..., Observation]) -> None:
    before = obs(MAYWAND, "government", DAY - timedelta(2))  # within the conflict window of its day
    s = state(theatre, grader, [before, base(MAYWAND, "taliban")], DAY)
    assert (s.controller, s.since, s.held_as_of, s.conflict) == ("taliban", None, DAY, ())
    # and the day before the baseline the report still stands
    assert state(theatre, grader, [before, base(MAYWAND, "taliban")], DAY - timedelta(1)).controller == "government"


def test_it_never_sets_nor_erases_a_day_of_change(theatre: Theatre, grader: Grader,
                                                   obs: Callable[..., Observation]) -> None:
    taken = obs(MAYWAND, "taliban", DAY - timedelta(5))
    s = state(theatre, grader, [taken, base(MAYWAND, "taliban")], DAY + timedelta(3))
    assert (s.controller, s.since, s.held_as_of) == ("taliban", DAY - timedelta(5), None)
    assert baseline_of(s) is None
    # a report of the same side after it joins it; the state stays held as of the baseline's day
    later = replace(obs(MAYWAND, "taliban", DAY + timedelta(4), evidence="Maywand remains in Taliban hands.",
                        trigger="in Taliban hands"), kind="holding")
    s = state(theatre, grader, [base(MAYWAND, "taliban"), later], DAY + timedelta(6))
    assert (s.controller, s.since, s.held_as_of, s.sources) == ("taliban", None, DAY, 2)


def test_no_report_joins_a_baseline_event(theatre: Theatre, grader: Grader, obs: Callable[..., Observation]) -> None:
    """A capture reported the next day is its own event with its own day, not the baseline's."""
    captured = obs(MAYWAND, "taliban", DAY + timedelta(1))
    d = theatre.districts[MAYWAND]
    events, states = district_history(d, [base(MAYWAND, "contested"), captured], grader=grader,
                                      sides=Sides.of(theatre))
    assert [e.id for e in events] == ["baseline-lwj-AF2710", f"{MAYWAND}-taliban-20210711"]
    assert [(day, s.controller, s.since, s.held_as_of) for day, s in states] == [
        (DAY, "contested", None, DAY), (DAY + timedelta(1), "taliban", DAY + timedelta(1), None)]


def test_the_grade_given_on_import_is_the_grade(theatre: Theatre, grader: Grader) -> None:
    s = state(theatre, grader, [base(MAYWAND, "government", grade="C3")], DAY)
    assert (s.grade, s.confidence) == ("C3", "medium")
    src = grader.grade(base(MAYWAND, "government", grade="A1"))
    assert (src.code, src.basis, src.decisive) == ("A1", "baseline", True)


def test_counts_and_timeline_say_how_many_rest_on_a_baseline(theatre: Theatre, grader: Grader,
                                                             obs: Callable[..., Observation]) -> None:
    sides = Sides.of(theatre)
    bases = [base(d, "taliban") for d in list(theatre.districts)[:10]]
    moved = obs(bases[0].district_id or "", "government", DAY + timedelta(3))
    everything = [*bases, moved]
    days = timeline(theatre.districts, everything, DAY - timedelta(1), DAY + timedelta(4), grader=grader, sides=sides)
    for c in days:
        direct = count(control_as_of(theatre.districts, everything, c.as_of, grader=grader, sides=sides),
                       c.as_of, sides)
        assert (c.party("taliban"), c.baseline, c.as_of_only()) == (
            direct.party("taliban"), direct.baseline, direct.as_of_only())
    assert [c.baseline for c in days] == [0, 10, 10, 10, 9, 9]
    assert "9 as a baseline gives them, no report since" in days[-1].headline()


# -- reading a file ------------------------------------------------------------------------------

def write(tmp_path: Path, text: str, name: str = "lwj.csv") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_rows_resolve_through_the_gazetteer_and_party_names(theatre: Theatre, tmp_path: Path) -> None:
    p = write(tmp_path, "# an assessment\nDistrict;Province;Status;Remarks;Population\n"
                        "AF0101;;Government;capital;4000000\n"  # an id
                        "Maywand;Kandahar;Taliban-controlled;;\n"  # a spelling of the gazetteer's Maiwand
                        "Dand;;held by the Taliban;;\n"  # a newer district, in the 2018 Kandahar polygon
                        "Panjwaye;;contested;;\n"
                        "Khakrez;;;;\n")  # no controller: not assessed
    r = read_baseline(p, theatre)
    assert r.problems == []
    got = {e.district_id: (e.district, e.controller, e.lines) for e in r.entries}
    assert got == {"AF0101": ("Kabul", "government", (3,)), "AF2710": ("Maiwand", "taliban", (4,)),
                   "AF2701": ("Dand", "taliban", (5,)), "AF2704": ("Panjwai", "contested", (6,))}
    assert (r.rows, r.blank, r.folded) == (5, 1, 1)
    assert any("line 5: Dand: part of Kandahar district in the 2018 boundaries" in n for n in r.notes)
    assert next(e for e in r.entries if e.district_id == "AF0101").note == "capital"


def test_each_bad_row_is_one_line_naming_file_line_and_problem(theatre: Theatre, tmp_path: Path) -> None:
    p = write(tmp_path, "district,controller\n"
                        "Nawa,Taliban\n"  # two districts of that name
                        "Atlantis,Taliban\n"  # no such district
                        "Arghandab,Kandahar,Talib\n"  # extra cell ignored? no: 'Kandahar' is the controller
                        "Spin Boldak,the Martians\n"
                        "Maiwand,Taliban\n"
                        "AF2710,Government\n"  # the same district again, another holder
                        ",Taliban\n")
    r = read_baseline(p, theatre)
    assert len(r.problems) == 6
    assert all(line.startswith(f"{p}: line ") for line in r.problems)
    text = "\n".join(r.problems)
    assert "line 2: 'Nawa' names 2 districts: Nawa, Ghazni (AF1119); Nawa, Helmand (AF3003)" in text
    assert "line 3: 'Atlantis': no such district" in text
    assert "line 4: controller 'Kandahar' is none of the theatre's parties" in text
    assert "line 5: controller 'the Martians'" in text
    assert "line 7: Maiwand (AF2710) is government here but taliban on line 6" in text
    assert "line 8: no district given" in text
    assert [e.district_id for e in r.entries] == ["AF2710"]


def test_a_province_column_chooses_among_namesakes_and_close_spellings_are_noted(theatre: Theatre,
                                                                                 tmp_path: Path) -> None:
    p = write(tmp_path, "name,province,controller\nNawa,Helmand,Government\nArghandab,Zabul,Taliban\n"
                        "Spin Bolduk,Kandahar,Taliban\n")
    r = read_baseline(p, theatre)
    assert r.problems == []
    assert {e.district_id for e in r.entries} == {"AF3003", "AF2605",  # Arghandab of Zabul
                                                  "AF2711"}
    assert any("line 4: 'Spin Bolduk' read as Spin Boldak" in n for n in r.notes)


def test_a_polygons_own_row_wins_over_a_newer_district_inside_it(theatre: Theatre, tmp_path: Path) -> None:
    p = write(tmp_path, "district,controller\nDand,Taliban\nKandahar,Government\n")
    r = read_baseline(p, theatre)
    (e,) = r.entries
    assert (e.district_id, e.district, e.controller, e.lines) == ("AF2701", "Kandahar", "government", (2, 3))
    assert any("the polygon takes government" in n for n in r.notes)


def test_a_file_without_a_header_is_district_then_controller(theatre: Theatre, tmp_path: Path) -> None:
    r = read_baseline(write(tmp_path, "Maiwand,Taliban\nAF0101,Government\n"), theatre)
    assert (r.problems, len(r.entries), r.rows) == ([], 2, 2)
    r = read_baseline(write(tmp_path, "place,who\nMaiwand,Taliban\n", "h.csv"), theatre)
    assert r.entries == [] and "line 1: no header naming a district column" in r.problems[0]


def test_the_example_file_resolves_every_district(theatre: Theatre) -> None:
    r = read_baseline(EXAMPLE, theatre)
    assert (r.problems, len(r.entries), r.rows) == ([], len(theatre.districts), len(theatre.districts))
    by = r.by_controller()
    assert by["taliban"] == 207 and sum(by.values()) == 399


# -- the store -----------------------------------------------------------------------------------

def entries(*rows: tuple[str, str]) -> list[Entry]:
    return [Entry(did, did, ctl, (i + 2,), did) for i, (did, ctl) in enumerate(rows)]


def test_stored_removed_as_one_unit_and_read_by_compile(theatre: Theatre, tmp_path: Path) -> None:
    conn = connect(tmp_path / "k.db")
    save_baseline(conn, theatre, "lwj-2021-07-10", "Long War Journal", DAY, "B2",
                  entries((MAYWAND, "taliban"), ("AF0101", "government")))
    (b,) = list_baselines(conn)
    assert (b.name, b.districts, dict(b.by_controller)) == ("lwj-2021-07-10", 2, {"taliban": 1, "government": 1})
    assert {o.district_id for o in baseline_observations(conn, theatre)} == {MAYWAND, "AF0101"}
    assert baseline_observations(conn, theatre, DAY - timedelta(1)) == []
    states, counts = compile_control(conn, theatre, DAY)
    held = {s.district_id: (s.controller, s.since, s.held_as_of) for s in states if s.controller}
    assert held == {MAYWAND: ("taliban", None, DAY), "AF0101": ("government", None, DAY)}
    assert counts.baseline == 2
    with pytest.raises(KhabarError, match="already stored"):
        save_baseline(conn, theatre, "lwj-2021-07-10", "LWJ", DAY, "B2", entries((MAYWAND, "government")))
    assert save_baseline(conn, theatre, "lwj-2021-07-10", "LWJ", DAY, "B2", entries((MAYWAND, "government")),
                         replace=True)
    assert [(s.district_id, s.controller) for s in compile_control(conn, theatre, DAY)[0] if s.controller] == [
        (MAYWAND, "government")]
    removed = remove_baseline(conn, "lwj-2021-07-10")
    assert removed.source == "LWJ"
    assert list_baselines(conn) == [] and not any(s.controller for s in compile_control(conn, theatre, DAY)[0])
    assert conn.execute("SELECT count(*) FROM baseline_rows").fetchone()[0] == 0
    with pytest.raises(KhabarError, match="no baseline named 'lwj-2021-07-10'; none is stored"):
        remove_baseline(conn, "lwj-2021-07-10")


def test_a_failed_store_leaves_nothing(theatre: Theatre, tmp_path: Path) -> None:
    conn = connect(tmp_path / "k.db")
    with pytest.raises(Exception, match="(?i)unique|constraint"):  # one district twice: the insert fails midway
        save_baseline(conn, theatre, "x", "X", DAY, "B2", entries((MAYWAND, "taliban"), (MAYWAND, "government")))
    assert list_baselines(conn) == []
    assert conn.execute("SELECT count(*) FROM baseline_rows").fetchone()[0] == 0
    with pytest.raises(KhabarError, match="grade 'Z9'"):
        save_baseline(conn, theatre, "x", "X", DAY, "Z9", entries((MAYWAND, "taliban")))


def test_another_theatre_townships_parties_and_members(tmp_path: Path) -> None:
    """Myanmar: a township column, a state/region column, a BOM from a spreadsheet, a coalition and its members."""
    from khabar.theatres.loader import load

    mm = load("myanmar")
    p = tmp_path / "mm.csv"
    p.write_text("Township,State/Region,Held by\nLashio,,MNDAA\nKyaukme,,TNLA-controlled\nSittwe,,Military\n"
                 "Paletwa,,Arakan Army\nLaukkaing,,Brotherhood\n", encoding="utf-8-sig")
    r = read_baseline(p, mm)
    assert r.problems == []
    assert {e.district: e.controller for e in r.entries} == {
        "Lashio": "mndaa", "Kyaukme": "tnla", "Sittwe": "military", "Paletwa": "aa", "Laukkai": "brotherhood"}
    conn = connect(tmp_path / "mm.db")
    save_baseline(conn, mm, "x", "Example", date(2024, 1, 1), "C2", r.entries)
    states, counts = compile_control(conn, mm, date(2024, 1, 2))
    assert counts.party("brotherhood") == 4 and counts.baseline == 5  # a coalition counts its members
    assert "per Example baseline as of 2024-01-01" in state_line(
        next(s for s in states if s.name == "Lashio"), Sides.of(mm))
