"""Any number of parties, from the theatre: counts, who opposes whom, the legend, the timeline's
columns and a coalition's count, on the invented theatre of tests/theatres/conftest.py (the Crown;
the Northern Pact, a coalition of the Freedom Front and the Highland Militia)."""

from __future__ import annotations

import csv
import re
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from khabar.compile.claim_check import StoredClaim, check_claim
from khabar.compile.control_as_of import control_as_of, count, timeline
from khabar.compile.grading import Grader
from khabar.compile.holding import denial_observations
from khabar.compile.sides import Sides
from khabar.records import DistrictState, Observation, Quantity
from khabar.render.map import controller_palette, render_map
from khabar.render.plots import write_timeline_csv
from khabar.store.sources import ReportMeta
from khabar.theatres.geometry import geography
from khabar.theatres.loader import Theatre, load
from tests.theatres.conftest import write_theatre

DAY = date(2031, 3, 20)


@pytest.fixture(scope="module")
def veloria(tmp_path_factory: pytest.TempPathFactory) -> Theatre:
    return load(write_theatre(tmp_path_factory.mktemp("parties") / "veloria_2031"))


@pytest.fixture(scope="module")
def sides(veloria: Theatre) -> Sides:
    return Sides.of(veloria)


def ob(did: str, controller: str, day: date, doc: str, *, trigger: str = "captured",
       outlet: str = "Veloria Herald", evidence: str = "", published: date | None = None) -> Observation:
    return Observation(f"{doc}-{did}-{controller}", doc, did, did, None, controller, day, day,
                       evidence or f"Fighters took {did} on that day, officials said.",
                       published or day, outlet, "", "", None, trigger, 0)


def states(theatre: Theatre, **held: str) -> list[DistrictState]:
    return [DistrictState(did, d.name, d.province, held.get(did), DAY if did in held else None, None)
            for did, d in theatre.districts.items()]


# -- the sides -------------------------------------------------------------------------------

def test_sides_come_from_the_theatre_in_its_order(sides: Sides) -> None:
    assert sides.parties == ("crown", "pact", "lff", "hmc")
    assert sides.top == ("crown", "pact")  # the coalition's members count inside it
    assert sides.members_of("pact") == ("lff", "hmc")
    assert (sides.unit, sides.unit_one, sides.incumbent) == ("counties", "county", "crown")
    assert [sides.label(k) for k in sides.keys] == ["Crown", "Northern Pact", "Freedom Front",
                                                     "Highland Militia", "Contested", "No reports"]


def test_who_fights_whom_is_the_theatres_and_a_coalition_is_one_side(sides: Sides) -> None:
    assert sides.rivals("crown", "lff") and sides.rivals("hmc", "crown") and sides.rivals("pact", "crown")
    assert not sides.rivals("lff", "hmc")  # members of one coalition
    assert not sides.rivals("pact", "lff") and sides.same_side("pact", "lff")
    assert not sides.rivals("crown", "contested") and not sides.rivals("crown", None)


# -- counts ----------------------------------------------------------------------------------

def test_a_members_county_counts_for_its_coalition_with_the_members_shares(veloria: Theatre,
                                                                            sides: Sides) -> None:
    c = count(states(veloria, VL02="crown", VL03="hmc", VL04="lff", VL05="pact", VL06="contested"), DAY, sides)
    assert (c["crown"], c["pact"], c.own("pact"), c.own("lff"), c.own("hmc")) == (1, 3, 1, 1, 1)
    assert (c.contested, c.no_reports, c.total) == (1, 1, 6)
    # JSON: one key per party counted on its own, which add up to the total, and the members' shares
    d = c.to_dict()
    assert [k for k in d if k not in ("as_of", "members")] == ["crown", "pact", "contested", "no_reports", "total"]
    assert d["crown"] + d["pact"] + d["contested"] + d["no_reports"] == d["total"]
    assert d["members"] == {"pact": {"lff": 1, "hmc": 1, "pact": 1}}
    assert c.headline() == ("Crown 1, Northern Pact 3 (Freedom Front 1, Highland Militia 1), contested 1, "
                            "no reports 1 of 6 counties as of 2031-03-20")


def test_the_timeline_counts_the_same_parties_every_day(veloria: Theatre, sides: Sides) -> None:
    obs = [ob("VL02", "lff", date(2031, 3, 2), "a"), ob("VL05", "pact", date(2031, 3, 9), "b"),
           ob("VL03", "hmc", date(2031, 3, 4), "c")]
    days = timeline(veloria.districts, obs, date(2031, 3, 1), date(2031, 3, 10), sides=sides)
    assert [(c.as_of.day, c["pact"], c.own("lff"), c.own("hmc")) for c in days[::3]] == [
        (1, 0, 0, 0), (4, 2, 1, 1), (7, 2, 1, 1), (10, 3, 1, 1)]
    for c in days:  # each day's counts are those of the day's compile (which counts no new events)
        assert replace(c, events=0) == count(control_as_of(veloria.districts, obs, c.as_of, sides=sides),
                                             c.as_of, sides)


def test_timeline_csv_has_a_column_per_party_in_the_legends_order(veloria: Theatre, sides: Sides,
                                                                 tmp_path: Path) -> None:
    c = count(states(veloria, VL02="crown", VL03="hmc", VL04="lff", VL05="pact"), DAY, sides)
    path = write_timeline_csv([c], tmp_path / "t.csv", sides)
    (row,) = list(csv.DictReader(open(path, encoding="utf-8")))
    assert list(row) == ["date", "crown", "pact", "lff", "hmc", "contested", "no_reports", "claimed",
                         "total", "events", "held_as_of"]
    assert (row["crown"], row["pact"], row["lff"], row["hmc"], row["no_reports"]) == ("1", "3", "1", "1", "2")


# -- the state rules with several parties ------------------------------------------------------

def test_a_members_report_names_the_holder_of_what_its_coalition_took(veloria: Theatre, sides: Sides) -> None:
    pact = ob("VL05", "pact", date(2031, 3, 9), "wire")
    lff = ob("VL05", "lff", date(2031, 3, 9), "post", outlet="Southmark Post", published=date(2031, 3, 12))
    (s,) = [s for s in control_as_of(veloria.districts, [pact, lff], DAY, sides=sides) if s.district_id == "VL05"]
    assert (s.controller, s.since, s.conflict) == ("lff", date(2031, 3, 9), ())
    # without the theatre's sides, two reports naming different holders of one day disagree
    (s,) = [s for s in control_as_of(veloria.districts, [pact, lff], DAY) if s.district_id == "VL05"]
    assert s.controller == "contested"


def test_a_denial_disputes_a_rivals_gain_not_an_allys(veloria: Theatre, sides: Sides) -> None:
    claim = {"id": "d1", "document_id": "gazette", "stance": "denies", "text": "that the county had fallen",
             "claimant_party": "crown", "district_ids": '["VL04"]', "date": "2031-03-24",
             "evidence": "The ministry denied that the county had fallen.", "ev_start": 0, "review": None}
    (held,) = denial_observations(veloria, [claim], {"gazette": ReportMeta("Crown Gazette", "", "", date(2031, 3, 24))})
    assert (held.district_id, held.controller, held.trigger) == ("VL04", "crown", "denied the fall")
    taken = ob("VL04", "lff", date(2031, 3, 24), "wire", outlet="Continental Wire", published=date(2031, 3, 25))
    grader = Grader.for_theatre(veloria)
    (s,) = [s for s in control_as_of(veloria.districts, [held, taken], DAY.replace(day=26), grader=grader,
                                     sides=sides) if s.district_id == "VL04"]
    assert s.controller == "contested" and {e.controller for e in s.conflict} == {"crown", "lff"}
    # a denial by the Pact's militia of the Front's gain is no dispute: they are one side
    ally = {**claim, "claimant_party": "hmc"}
    (held,) = denial_observations(veloria, [ally], {"gazette": ReportMeta("Crown Gazette", "", "", date(2031, 3, 24))})
    (s,) = [s for s in control_as_of(veloria.districts, [held, taken], DAY.replace(day=26), grader=grader,
                                     sides=sides) if s.district_id == "VL04"]
    assert s.controller in ("hmc", "lff") and not s.conflict


# -- the map and the claim check -----------------------------------------------------------------

def test_the_map_colours_by_member_and_groups_members_under_the_coalition(veloria: Theatre, sides: Sides,
                                                                        tmp_path: Path) -> None:
    st = states(veloria, VL02="crown", VL03="hmc", VL04="lff", VL05="pact")
    page = render_map(veloria, st, count(st, DAY, sides), tmp_path / "m.html").read_text(encoding="utf-8")
    for key in ("crown", "pact", "lff", "hmc"):
        assert page.count(f'class="c-{key}"') == 1
        assert f".c-{key}{{fill:{controller_palette(veloria)[key][1]}}}" in page
    rows = re.findall(r'<li data-c="([a-z_]+)"( class="member")?>.*?<span class="n">(\d+)</span>', page)
    assert rows == [("crown", "", "1"), ("pact", "", "3"), ("lff", ' class="member"', "1"),
                    ("hmc", ' class="member"', "1"), ("contested", "", "0"), ("no_reports", "", "2")]
    assert "County control: Veloria" in page and "Find a county" in page


def test_a_coalitions_claim_is_measured_with_its_members_counties(veloria: Theatre) -> None:
    st = states(veloria, VL01="crown", VL02="crown", VL03="hmc", VL04="lff", VL05="pact", VL06="crown")
    claim = StoredClaim("c1", "doc", "Pact spokeswoman", "asserts", "the Pact controls half of the counties",
                        Quantity(50, "percent", "districts"), DAY, DAY, "Pact Voice",
                        "The Pact controls half of the counties, its spokeswoman said.", (0, 5))
    chk = check_claim(claim, st, geography(veloria), theatre=veloria)
    assert chk is not None and (chk.party, chk.party_label) == ("pact", "Northern Pact")
    assert chk.figures[0].known == pytest.approx(50.0) and chk.verdict == "consistent"
    assert "claimed for the Northern Pact" in chk.headline() and "gazetteer counties" in chk.headline()


def test_a_count_of_part_of_the_country_is_not_read_as_a_national_share(veloria: Theatre) -> None:
    st = states(veloria, VL01="crown", VL02="crown", VL03="hmc", VL04="lff", VL05="pact", VL06="crown")
    claim = StoredClaim("c2", "doc", "Front spokesman", "asserts", "the Front holds 2 of the 3 Southmark counties",
                        Quantity(2, "districts", "3 districts"), DAY, DAY, "Pact Voice",
                        "The Front holds 2 of the 3 Southmark counties, a spokesman said.", (0, 5))
    chk = check_claim(claim, st, geography(veloria), published_total=12, theatre=veloria)
    assert chk is not None and chk.verdict == "not checkable" and "part of the country (12)" in chk.reasoning
    national = StoredClaim("c3", "doc", "Front spokesman", "asserts", "the Front holds 6 of the 12 counties",
                           Quantity(6, "districts", "12 districts"), DAY, DAY, "Pact Voice",
                           "The Front holds 6 of the 12 counties, a spokesman said.", (0, 5))
    chk = check_claim(national, st, geography(veloria), published_total=12, theatre=veloria)
    assert chk is not None and chk.claimed == "6 of 12 counties (50%)" and chk.verdict == "overstated"


def test_exports_give_the_holder_and_the_party_it_counts_for(veloria: Theatre, sides: Sides,
                                                            tmp_path: Path) -> None:
    from khabar.render.csv_export import write_control_csv
    from khabar.render.geojson import control_geojson

    st = states(veloria, VL02="crown", VL03="hmc", VL05="pact", VL06="contested")
    rows = {r["district_id"]: r for r in csv.DictReader(open(write_control_csv(st, tmp_path / "c.csv", sides),
                                                             encoding="utf-8"))}
    assert [(rows[d]["controller"], rows[d]["counts_for"]) for d in ("VL01", "VL02", "VL03", "VL05", "VL06")] == [
        ("", ""), ("crown", "crown"), ("hmc", "pact"), ("pact", "pact"), ("contested", "contested")]
    props = {f["id"]: f["properties"] for f in control_geojson(veloria, st)["features"]}
    assert (props["VL03"]["controller"], props["VL03"]["counts_for"]) == ("hmc", "pact")
