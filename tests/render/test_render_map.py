"""The map page: one SVG path per district, the counts, colours, and no way out for report text."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from khabar.compile.control_as_of import Counts, count
from khabar.compile.sides import Sides
from khabar.records import DistrictState, Observation
from khabar.render import controller_palette, every_state, map_layers, map_svg, render_map
from khabar.render.map import safe_url, script_json
from khabar.theatres.loader import Theatre

PAYLOADS = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>")


@pytest.fixture(scope="module")
def page(theatre: Theatre, states: list[DistrictState], counts: Counts,
         tmp_path_factory: pytest.TempPathFactory) -> str:
    out = render_map(theatre, states, counts, tmp_path_factory.mktemp("map") / "map.html")
    return out.read_text(encoding="utf-8")


def embedded_data(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="khabar-data">(.*?)</script>', page, re.S)
    assert m
    return json.loads(m.group(1))


def test_page_draws_one_path_per_gazetteer_district(page: str, theatre: Theatre) -> None:
    assert len(theatre.districts) == 399
    assert page.count('<path data-i="') == 399


def test_paths_are_filled_by_controller(page: str, counts: Counts) -> None:
    assert page.count('class="c-taliban"') == counts["taliban"] == 13
    assert page.count('class="c-government"') == counts["government"] == 8
    assert page.count('class="c-contested"') == counts.contested == 5
    assert page.count('class="c-no_reports"') == counts.no_reports == 373


def test_page_shows_headline_date_and_legend_colours(page: str, counts: Counts,
                                                     theatre: Theatre) -> None:
    assert counts.headline() in page
    assert "Taliban 13, Government 8, contested 5, no reports 373 of 399 districts as of 2021-08-10" in page
    assert "10 August 2021" in page
    for party in theatre.config["parties"].values():
        assert f'background:{party["colour"]}' in page
        assert party["label"] in page
    assert f'background:{theatre.config["no_reports"]["colour"]}' in page


def test_page_carries_boundary_attribution(page: str, theatre: Theatre) -> None:
    assert "Afghanistan Geodesy and Cartography Head Office (AGCHO)" in page
    assert theatre.config["attribution"] in page


def test_page_needs_no_network(page: str) -> None:
    markup = re.sub(r"<script.*?</script>", "", page, flags=re.S)
    assert "http://" not in markup and "https://" not in markup
    assert not re.search(r"\s(src|href|xlink:href)\s*=", markup)
    assert "fetch(" not in page and "XMLHttpRequest" not in page
    assert "@import" not in page and "url(" not in page
    assert "default-src 'none'" in page


def test_script_hash_in_policy_matches_the_script(page: str) -> None:
    script = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(script) == 1
    digest = base64.b64encode(hashlib.sha256(script[0].encode("utf-8")).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in page


def test_embedded_data_describes_each_district(page: str, states: list[DistrictState]) -> None:
    data = embedded_data(page)
    assert data["asOf"] == "2021-08-10"
    rows = {(d["name"], d["province"]): d for d in data["districts"]}
    taken = states[0]
    row = rows[(taken.name, taken.province)]
    assert row["c"] == "taliban" and row["since"] == "2021-07-01" and row["age"] == 40
    assert row["url"] == f"https://example.org/{taken.district_id}"
    assert row["outlet"] == "Example News"


def test_missing_states_are_drawn_as_no_reports(theatre: Theatre, states: list[DistrictState],
                                                as_of: date, tmp_path: Path) -> None:
    few = states[:5]
    out = render_map(theatre, few, count(few, as_of), tmp_path / "a" / "b" / "map.html",
                     title="Five districts")
    page = out.read_text(encoding="utf-8")
    assert page.count('<path data-i="') == 399
    assert page.count('class="c-no_reports"') == 394
    assert "<h1>Five districts</h1>" in page


def test_report_text_cannot_inject_markup_or_links(theatre: Theatre, states: list[DistrictState],
                                                   as_of: date, make_observation: Callable[..., Observation],
                                                   tmp_path: Path) -> None:
    did = states[0].district_id
    evil = make_observation(theatre, did, "taliban", as_of, evidence=PAYLOADS[0] + " " + PAYLOADS[1],
                       title=PAYLOADS[0], outlet=PAYLOADS[1], url="javascript:alert(1)")
    bad = DistrictState(did, PAYLOADS[1], PAYLOADS[0], "taliban", as_of, evil)
    hacked = [bad, *states[1:]]
    assessment = {"assessor": PAYLOADS[0], "controller": "taliban", "count": 1, "of": 2,
                  "evidence": PAYLOADS[1], "url": "javascript:alert(1)", "kind": "</section>"}
    out = render_map(theatre, hacked, count(hacked, as_of), tmp_path / "map.html",
                     title=PAYLOADS[0], assessments=[assessment])
    page = out.read_text(encoding="utf-8")
    for text in (*PAYLOADS, "<img", "javascript:", "</section>)"):
        assert text not in page, text
    assert page.count("<script") == 2 and page.count("</script>") == 2
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # shown, as text
    row = embedded_data(page)["districts"][0]
    assert row["evidence"] == PAYLOADS[0] + " " + PAYLOADS[1]
    assert row["title"] == PAYLOADS[0] and row["outlet"] == PAYLOADS[1]
    assert row["url"] == ""


def test_script_json_cannot_close_the_script_element() -> None:
    text = script_json({"x": "</script><!-- & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"x": "</script><!-- & \u2028"}


@pytest.mark.parametrize("url, ok", [
    ("https://example.org/a?b=1", True), ("HTTP://example.org", True),
    ("javascript:alert(1)", False), (" JavaScript:alert(1)", False),
    ("data:text/html,<b>x</b>", False), ("//example.org/a", False), ("example.org", False),
    ("", False), (None, False),
])
def test_only_http_links_are_kept(url: str | None, ok: bool) -> None:
    assert (safe_url(url) != "") is ok


def test_unknown_controller_is_drawn_as_no_reports(theatre: Theatre, states: list[DistrictState],
                                                   as_of: date, tmp_path: Path) -> None:
    odd = [replace(states[0], controller='x" onclick="alert(1)'), *states[1:]]  # type: ignore[arg-type]
    page = render_map(theatre, odd, count(states, as_of), tmp_path / "m.html").read_text("utf-8")
    assert 'onclick="alert' not in page
    assert page.count('class="c-no_reports"') == 374


def test_page_shows_grades_claims_and_both_sides_of_a_dispute(
        theatre: Theatre, make_observation: Callable[..., Observation], tmp_path: Path) -> None:
    from khabar.compile.control_as_of import control_as_of
    from khabar.compile.grading import Grader

    ids = list(theatre.districts)
    day = date(2021, 7, 14)
    held = replace(make_observation(theatre, ids[0], "government", day, outlet="Watan State Bulletin",
                                    evidence="The district is under government control, the governor said."),
                   trigger="under government control")
    taken = replace(make_observation(theatre, ids[0], "taliban", day, outlet="Hindukush Wire",
                                     evidence="The Taliban captured the district, officials said."),
                    record_id="rec-2", document_id="doc-2", trigger="captured")
    claim = make_observation(theatre, ids[1], "taliban", day, outlet="Sada-e-Emarat",
                             evidence="The mujahideen conquered the district centre.")
    plain = make_observation(theatre, ids[2], "taliban", day, outlet="Hindukush Wire",
                             evidence="The Taliban captured the district, officials said.")
    states = control_as_of(theatre.districts, [held, taken, claim, plain], day,
                           grader=Grader.for_theatre(theatre))
    counts = count(states, day, Sides.of(theatre))
    page = render_map(theatre, states, counts, tmp_path / "m.html").read_text(encoding="utf-8")
    rows = {d["name"]: d for d in embedded_data(page)["districts"]}
    names = [theatre.districts[i].name for i in ids[:3]]
    disputed, claimed, held_row = rows[names[0]], rows[names[1]], rows[names[2]]
    assert disputed["c"] == "contested"
    assert {(e["c"], e["grade"], e["evidence"]) for e in disputed["conflict"]} == {
        ("government", "D2", held.evidence), ("taliban", "B2", taken.evidence)}
    assert (claimed["c"], claimed["claim"]["c"], claimed["claim"]["grade"]) == (None, "taliban", "E4")
    assert (held_row["grade"], held_row["conf"], held_row["n"]) == ("B2", "high", 1)
    assert page.count('class="c-no_reports claimed"') == 1
    assert "Claimed by a party, unconfirmed" in page and counts.headline() in page


def test_the_desk_can_draw_the_pages_map_with_the_public_api(page: str, theatre: Theatre,
                                                            states: list[DistrictState]) -> None:
    layers = map_layers(theatre)
    order = list(layers.districts)
    svg = map_svg(layers, every_state(theatre, states[:5], order), order)
    assert svg.count('<path data-i="') == 399 and svg.count('class="c-no_reports"') == 394
    full = map_svg(layers, every_state(theatre, states, order), order)
    assert full.startswith('<svg id="map"') and full in page  # the same map as the page's


def test_palette_takes_the_theatres_colours_and_refuses_what_is_not_a_colour(
        theatre: Theatre) -> None:
    assert controller_palette(theatre)["taliban"] == ("Taliban", "#c0392b")
    bad = replace(theatre.parties["taliban"], colour="red;}</style><script>")
    odd = replace(theatre, parties={**theatre.parties, "taliban": bad})
    assert controller_palette(odd)["taliban"] == ("Taliban", "#999999")  # grey, not the text
    assert controller_palette(odd)["government"] == ("Government", "#2c6fbb")
    assert list(controller_palette(odd)) == ["taliban", "nrf", "government", "contested", "no_reports"]


def test_islets_leave_the_outline_and_province_borders_but_not_their_districts() -> None:
    import shapely

    from khabar.render.map import SPECK, _without_specks

    land, islet = shapely.box(0, 0, 100, 100), shapely.box(200, 200, 201, 201)
    assert islet.area < SPECK <= land.area
    assert _without_specks(shapely.MultiPolygon([land, islet])).equals(land)
    assert _without_specks(islet).equals(islet)  # a district that is only an islet keeps its shape
