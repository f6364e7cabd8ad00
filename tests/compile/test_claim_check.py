"""Claim check: each claim on its own measure, as a range over unknown districts, with a verdict;
denials linked to what they deny; the theatre's areas and border lengths."""

from __future__ import annotations

from datetime import date

import pytest

from khabar.compile.claim_check import StoredClaim, against_published
from khabar.compile.claim_check import check_claim as _check_claim
from khabar.compile.denials import Denial, Target, link_denials
from khabar.records import DistrictState, Quantity
from khabar.theatres.geometry import Geography, geography
from khabar.theatres.loader import load

DAY = date(2021, 7, 9)
TH = load()


def check_claim(*args, **kw):  # type: ignore[no-untyped-def]
    """The check with the bundled theatre's parties (their names, labels, default captor)."""
    return _check_claim(*args, theatre=TH, **kw)
# Ten districts of 10 km² each; D1 and D2 lie on the Tajik border (50 km each), D10 on Pakistan's (400 km).
GEO = Geography(area_km2={f"D{i}": 10.0 for i in range(1, 11)},
                border_km={"D1": {"Tajikistan": 50.0}, "D2": {"Tajikistan": 50.0},
                           "D10": {"Pakistan": 400.0}},
                neighbour_words={"Tajikistan": ("Tajikistan", "Tajik"),
                                 "Pakistan": ("Pakistan", "Pakistani")})


def states(**held: str | None) -> list[DistrictState]:
    """Ten districts; keyword D<n>=controller, the rest with no reports unless `rest` is given."""
    rest = held.pop("rest", None)
    return [DistrictState(f"D{i}", f"District {i}", "P", held.get(f"D{i}", rest),  # type: ignore[arg-type]
                          DAY, None) for i in range(1, 11)]


def claim(value: float, unit: str = "percent", of: str | None = "territory", *,
          qualifier: str | None = None, text: str = "the Taliban control it",
          evidence: str = "The Taliban said they control it.", day: date | None = DAY,
          stance: str = "asserts", claimant: str = "Taliban spokesman") -> StoredClaim:
    return StoredClaim("c1", "doc1", claimant, stance, text,
                       Quantity(value, unit, of, qualifier), day, day, "Test Wire", evidence, (0, 10))


SIX_TALIBAN = states(D1="taliban", D2="taliban", D3="taliban", D4="taliban", D5="taliban",
                     D6="taliban", rest="government")


def test_territory_claim_far_above_the_compiled_share_is_overstated() -> None:
    chk = check_claim(claim(85), SIX_TALIBAN, GEO)
    assert chk is not None
    assert chk.verdict == "overstated"
    assert [f.measure for f in chk.figures] == ["districts", "land area"]
    assert chk.figures[1].text() == "60% of land area (60 of 100 km², equal-area projection)"
    assert "by more than 5 points" in chk.reasoning


def test_claim_within_the_tolerance_is_consistent() -> None:
    chk = check_claim(claim(63), SIX_TALIBAN, GEO)
    assert chk is not None and chk.verdict == "consistent"
    assert check_claim(claim(63), SIX_TALIBAN, GEO, tolerance=2.0).verdict == "overstated"  # type: ignore[union-attr]


def test_claim_far_below_what_is_held_is_understated() -> None:
    assert check_claim(claim(30), SIX_TALIBAN, GEO).verdict == "understated"  # type: ignore[union-attr]


def test_more_than_is_a_lower_bound() -> None:
    chk = check_claim(claim(40, qualifier="more than"), SIX_TALIBAN, GEO)
    assert chk is not None and chk.verdict == "consistent"
    assert chk.claimed == "more than 40% of territory"


def test_unreported_districts_make_a_range_and_an_honest_verdict() -> None:
    few = states(D1="taliban", D2="taliban", D3="government")  # seven districts with no reports
    chk = check_claim(claim(85), few, GEO)
    assert chk is not None
    assert chk.figures[0].text() == ("20–90% of districts (2 of 10 gazetteer districts; 0 contested, "
                                     "7 with no reports)")
    assert chk.verdict == "not checkable"
    assert "too wide to tell" in chk.reasoning
    assert "it holds only if 65 of the 70 points of land area" in chk.reasoning
    assert check_claim(claim(99), few, GEO).verdict == "overstated"  # type: ignore[union-attr]


def test_a_claim_too_thin_to_judge_on_the_record_is_judged_against_a_published_count() -> None:
    few = states(D1="taliban", D2="taliban", D3="government")
    chk = check_claim(claim(85), few, GEO)
    assert chk is not None and chk.verdict == "not checkable"
    v, why = against_published(chk, "The Long War Journal", 215, 421, date(2021, 7, 10))
    assert v == "overstated"
    assert why.startswith("The Long War Journal counted 215 of 421 districts (51%) as of 2021-07-10; "
                          "the claim is 34 points above it")
    assert "not of land area" in why
    near = check_claim(claim(55, "percent", "districts"), few, GEO)
    assert near is not None
    assert against_published(near, "LWJ", 215, 421, date(2021, 7, 10))[0] == "consistent"


def test_district_count_is_compared_as_a_share_of_its_own_total() -> None:
    chk = check_claim(claim(250, "districts", "398 districts", qualifier="about"), SIX_TALIBAN,
                      GEO, published_total=421)
    assert chk is not None
    assert chk.claimed == "about 250 of 398 districts (63%)"
    assert chk.verdict == "consistent"
    assert "published totals count 421" in chk.figures[0].basis


def test_district_count_without_a_total_uses_the_published_total() -> None:
    chk = check_claim(claim(9, "districts", None), SIX_TALIBAN, GEO, published_total=12)
    assert chk is not None and chk.claimed == "9 of 12 districts (75%)"
    assert chk.verdict == "overstated"


def test_a_count_that_is_the_whole_country_is_not_checkable() -> None:
    chk = check_claim(claim(400, "districts", None), SIX_TALIBAN, GEO, published_total=421)
    assert chk is not None and chk.verdict == "not checkable"
    assert "about the country's total" in chk.reasoning


def test_border_claim_is_measured_on_the_named_neighbours_border() -> None:
    held = states(D1="taliban", rest="government")
    chk = check_claim(claim(66.7, of="border", qualifier="about",
                            evidence="The Taliban control two-thirds of the Afghan-Tajik border."),
                      held, GEO)
    assert chk is not None
    assert chk.figures[0].text() == "50% of the border with Tajikistan (50 of 100 km in 1 border district(s) held)"
    assert chk.verdict == "overstated"
    everything = check_claim(claim(10, of="border", evidence="They hold 10 percent of the borders."),
                             held, GEO)
    assert everything is not None
    assert everything.figures[0].measure == "the land borders"
    assert everything.figures[0].known == pytest.approx(10.0)
    assert everything.verdict == "consistent"


def test_border_of_one_neighbour_without_border_data_is_not_checkable() -> None:
    bare = Geography(GEO.area_km2, {"D1": {"": 50.0}}, border_note="borders.json is missing: ...")
    chk = check_claim(claim(66.7, of="border", evidence="They hold two-thirds of the Tajik border."),
                      SIX_TALIBAN, bare)
    assert chk is not None and (chk.verdict, chk.reasoning) == ("not checkable", "borders.json is missing: ...")


def test_government_claims_are_measured_for_the_government() -> None:
    chk = check_claim(claim(40, text="government forces hold 40 percent of the country",
                            claimant="defence ministry"), SIX_TALIBAN, GEO)
    assert chk is not None and chk.party == "government"
    assert chk.verdict == "consistent"


@pytest.mark.parametrize(("quantity", "stance"), [
    (Quantity(87, "people", "taliban kill"), "asserts"),
    (Quantity(3, "districts", None), "asserts"),  # "the three districts": some districts, not a share
    (Quantity(85, "percent", "territory"), "denies"),
])
def test_claims_without_a_share_of_the_theatre_are_not_checked(quantity: Quantity, stance: str) -> None:
    c = claim(0, stance=stance)
    c = StoredClaim(c.id, c.document_id, c.claimant, c.stance, c.text, quantity, c.date,
                    c.published, c.outlet, c.evidence, c.span)
    assert check_claim(c, SIX_TALIBAN, GEO, published_total=421) is None


def test_population_and_undated_claims_are_not_checkable_with_the_reason() -> None:
    pop = check_claim(claim(50, of="population"), SIX_TALIBAN, GEO)
    assert pop is not None and pop.reasoning == "khabar has no population figures for the districts"
    undated = check_claim(claim(85, day=None), [], GEO)
    assert undated is not None and (undated.verdict, undated.reasoning) == ("not checkable", "the claim has no date")


def test_headline_says_who_claimed_what_and_when() -> None:
    chk = check_claim(claim(85), SIX_TALIBAN, GEO)
    assert chk is not None
    assert chk.headline().startswith("85% of territory claimed for the Taliban by Taliban spokesman "
                                     "on 2021-07-09; compiled: 60% of districts (6 of 10 gazetteer")


# -- denials ---------------------------------------------------------------------------------

def denial(evidence: str, *, doc: str = "doc1", start: int = 500, day: date = DAY,
           claimant: str = "Afghan embassy") -> Denial:
    return Denial("d1", doc, start, day, claimant, evidence)


CLAIM_85 = Target("claims", "c85", "doc1", 100, DAY, "85% claim", (), 85.0, "member of the delegation")
CAPTURE = Target("control_changes", "cc1", "doc2", 40, date(2021, 7, 13), "Spin Boldak to taliban",
                 ("Spin Boldak",))
TALKS = Target("events", "ev1", "doc3", 10, DAY, "CONSULT Moscow", ("Moscow",))


def test_denial_in_the_same_report_links_to_the_claim_it_answers() -> None:
    links = link_denials([denial("The embassy dismissed the delegation's figures as propaganda.")],
                         [CLAIM_85, CAPTURE, TALKS])
    (link,) = links["d1"]
    assert link.target.id == "c85"
    assert link.reasons == ("same report, before the denial", "speaks of the figures",
                            "names the claimant (delegation)", "same day")


def test_denial_of_a_capture_links_across_reports_within_the_window() -> None:
    text = "The ministry denied that Spin Boldak had fallen."
    near = link_denials([denial(text, doc="doc9", day=date(2021, 7, 14))], [CAPTURE])
    assert [lk.target.id for lk in near["d1"]] == ["cc1"]
    far = link_denials([denial(text, doc="doc9", day=date(2021, 7, 30))], [CAPTURE])
    assert far["d1"] == []


def test_a_shared_day_or_a_venue_alone_links_nothing() -> None:
    links = link_denials([denial("Officials in Moscow called the reports fantasies.", doc="doc9")],
                         [TALKS, CLAIM_85], weak_places=["Moscow"])
    assert links["d1"] == []


def test_nobody_denies_their_own_claim() -> None:
    links = link_denials([denial("The delegation denied the 85 figure.",
                                 claimant="member of the delegation")], [CLAIM_85])
    assert links["d1"] == []


# -- the theatre's measures ------------------------------------------------------------------

def test_afghanistan_area_and_borders_match_published_figures() -> None:
    geo = geography(load())
    assert len(geo.area_km2) == 399
    assert geo.total_area_km2 == pytest.approx(652_230, rel=0.03)  # CIA World Factbook
    for neighbour, km in {"Tajikistan": 1357, "Pakistan": 2670, "Iran": 921, "Turkmenistan": 804,
                          "Uzbekistan": 144, "China": 91}.items():
        assert geo.border_total_km(neighbour) == pytest.approx(km, rel=0.02), neighbour


def test_most_of_the_border_is_a_claim_of_more_than_half() -> None:
    c = claim(0, text="the group now holds most of the Afghan-Tajik border")
    c = StoredClaim(c.id, c.document_id, c.claimant, c.stance, c.text, None, c.date, c.published,
                    c.outlet, c.evidence, c.span)
    chk = check_claim(c, states(D1="taliban", rest="government"), GEO)
    assert chk is not None
    assert chk.claimed == "more than 50% of the border with Tajikistan"
    assert chk.figures[0].known == pytest.approx(50.0)
    assert chk.verdict == "consistent"
    assert check_claim(c, states(rest="government"), GEO).verdict == "overstated"  # type: ignore[union-attr]


def test_without_a_theatre_the_claimants_party_is_the_one_measured() -> None:
    c = claim(60, text="we control 60 percent of the country", evidence="We control 60 percent, he said.")
    assert _check_claim(c, SIX_TALIBAN, GEO).verdict == "not checkable"  # type: ignore[union-attr]
    own = StoredClaim(c.id, c.document_id, c.claimant, c.stance, c.text, c.quantity, c.date, c.published,
                      c.outlet, c.evidence, c.span, claimant_party="taliban")
    chk = _check_claim(own, SIX_TALIBAN, GEO)
    assert chk is not None and (chk.party, chk.verdict) == ("taliban", "consistent")
