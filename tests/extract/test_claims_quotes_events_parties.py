"""Records carry what compile needs: the party of a claimant or a speaker, the districts a claim
names, a hedge, the districts and parties of an event, an assessment's controller as a party id.

Every sentence here is written for these tests, in the styles of wires, local agencies and
analysis pieces; each rule has three paraphrases or more. The same rules run on two theatres.
"""

from __future__ import annotations

from datetime import date

import pytest

from khabar.extract.pipeline import Extractor
from khabar.records import Document, Extraction

MYANMAR = "myanmar_2021_24"


@pytest.fixture(scope="module")
def myanmar_fast() -> Extractor:
    return Extractor(theatre=MYANMAR, mode="fast")


@pytest.fixture(scope="module")
def myanmar_standard() -> Extractor:
    return Extractor(theatre=MYANMAR)


@pytest.fixture(params=[pytest.param("standard", marks=pytest.mark.model), "fast"])
def myanmar(request: pytest.FixtureRequest) -> Extractor:
    return request.getfixturevalue("myanmar_standard" if request.param == "standard" else "myanmar_fast")


def _extract(ex: Extractor, text: str, published: date = date(2021, 7, 10)) -> Extraction:
    return ex.extract(Document("t", text, published=published))


# -- claimant's party ------------------------------------------------------------------------------

@pytest.mark.parametrize("text,party", [
    ("KUNDUZ, July 3 (Wire) - Taliban spokesman Zabihullah Mujahid claimed on Saturday that the "
     "group's fighters had captured the Imam Sahib district.", "taliban"),
    ("The defence ministry denied that Imam Sahib had fallen, calling the reports baseless.", "government"),
    ("In a video message, a spokesman for the resistance front claimed that its forces had retaken "
     "Khinjan district.", "nrf"),
    ("Afghan officials rejected the insurgents' assertion, saying the district of Nerkh had not fallen.",
     "government"),
])
def test_a_claim_carries_its_claimants_party(any_extractor: Extractor, text: str, party: str) -> None:
    claims = _extract(any_extractor, text).claims
    assert claims, text
    assert claims[0].claimant_party == party, (claims[0].claimant, text)


def test_a_claimant_of_no_party_of_the_theatre_has_none(any_extractor: Extractor) -> None:
    for text in ("Russia's foreign ministry denied that its troops had crossed into the country.",
                 "The Pentagon rejected reports that American jets had struck Nerkh, calling them false.",
                 "Tajikistan's border service claimed that 1,000 soldiers had crossed the river."):
        for c in _extract(any_extractor, text).claims:
            assert c.claimant_party is None, (c.claimant, text)


@pytest.mark.parametrize("text,party", [
    ("The Arakan Army said on Sunday it had captured Buthidaung after weeks of fighting.", "aa"),
    ("Junta spokesman Zaw Min Tun denied that Lashio had fallen, calling the reports baseless.", "military"),
    ("The Kachin Independence Army claimed it had seized Momauk, a town on the road to the border.", "kia"),
    ("In a statement on Telegram, the TNLA claimed that its troops now held Mogoke.", "tnla"),
])
def test_a_claimants_party_comes_from_the_theatre_it_runs_on(myanmar: Extractor, text: str, party: str) -> None:
    claims = _extract(myanmar, text, date(2024, 7, 28)).claims
    assert claims, text
    assert claims[0].claimant_party == party, (claims[0].claimant, text)


# -- the districts a claim names, and its hedge --------------------------------------------------

@pytest.mark.parametrize("text,names", [
    ("The Taliban claimed on Friday that they had captured Nerkh and Arghandab.", {"Nerkh", "Arghandab"}),
    ("A spokesman for the interior ministry denied that Imam Sahib had fallen to the insurgents.", {"Imam Sahib"}),
    ("Mujahid claimed the group's fighters had overrun Nerkh, near the capital.", {"Nerkh"}),
])
def test_a_claim_carries_the_districts_it_names(any_extractor: Extractor, text: str, names: set[str]) -> None:
    ex = _extract(any_extractor, text)
    theatre = any_extractor.theatre
    (claim,) = ex.claims
    assert {theatre.districts[d].name for d in claim.district_ids} == names


@pytest.mark.parametrize("text,hedged", [
    ("The insurgents reportedly claimed to have seized Nerkh, which could not be independently verified.", True),
    ("The Taliban allegedly claimed that they had captured Nerkh district.", True),
    ("The Taliban claimed that its fighters had taken Nerkh district, unnamed sources said.", True),
    ("The Taliban claimed on Friday that they had captured Nerkh district.", False),
    ("The Taliban claimed that they had \u201creportedly\u201d taken Nerkh district.", False),
])
def test_a_claim_tells_whether_the_report_hedges_it(fast_extractor: Extractor, text: str, hedged: bool) -> None:
    claims = _extract(fast_extractor, text).claims
    assert claims, text
    assert claims[0].hedged is hedged


# -- a quotation's speaker's party ---------------------------------------------------------------

@pytest.mark.parametrize("text,party", [
    ("\u201cWe will defend every district,\u201d said Fawad Aman, a spokesman for the defence ministry.",
     "government"),
    ("\u201cThe district is under our control,\u201d Zabihullah Mujahid told reporters.", "taliban"),
    ("\u201cWe have not lost a single post,\u201d said a spokesman for the resistance front.", "nrf"),
    ("\u201cThe border is calm,\u201d Maria Zakharova told a briefing in Moscow.", None),
])
def test_a_quote_carries_its_speakers_party(any_extractor: Extractor, text: str, party: str | None) -> None:
    (quote,) = _extract(any_extractor, text).quotes
    assert quote.speaker_party == party, quote.speaker


# -- an event's districts and parties ------------------------------------------------------------

@pytest.mark.parametrize("text,names", [
    ("Commandos flown in from Kabul attacked Taliban positions in Nerkh district on Friday.", {"Nerkh"}),
    ("Reinforcements sent from Kandahar city attacked insurgent positions in Arghandab on Sunday.",
     {"Arghandab"}),
    ("Afghan forces launched air strikes on Taliban hideouts in Arghandab on Sunday.", {"Arghandab"}),
])
def test_an_event_carries_where_it_happened_not_where_its_forces_came_from(
        any_extractor: Extractor, text: str, names: set[str]) -> None:
    ex = _extract(any_extractor, text)
    assaults = [e for e in ex.events if e.type == "ASSAULT"]
    assert assaults, text
    theatre = any_extractor.theatre
    assert {theatre.districts[d].name for d in assaults[0].district_ids} == names


@pytest.mark.parametrize("text,parties", [
    ("Afghan forces launched air strikes on Taliban hideouts in Arghandab on Sunday.", {"government", "taliban"}),
    ("Taliban fighters attacked a police checkpoint held by Afghan security forces in Nerkh on Friday.",
     {"government", "taliban"}),
    ("Russian troops attacked mock enemy positions near the border on Tuesday.", set()),
])
def test_an_event_carries_the_parties_of_its_actors_and_targets(
        any_extractor: Extractor, text: str, parties: set[str]) -> None:
    ex = _extract(any_extractor, text)
    assaults = [e for e in ex.events if e.type == "ASSAULT"]
    assert assaults, text
    assert set(assaults[0].parties) == parties, (assaults[0].actors, assaults[0].targets)


def test_an_event_in_another_theatre_names_its_parties(myanmar: Extractor) -> None:
    for text, parties in (
            ("MNDAA fighters attacked junta positions in Laukkaing on Friday, the group said.", {"mndaa", "military"}),
            ("Arakan Army troops attacked a junta base in Buthidaung on Monday.", {"aa", "military"}),
            ("The Kachin Independence Army shelled junta positions in Bhamo on Saturday.", {"kia", "military"})):
        events = [e for e in _extract(myanmar, text, date(2024, 1, 10)).events if e.type == "ASSAULT"]
        assert events and set(events[0].parties) == parties, (text, events)


# -- an assessment's controller ------------------------------------------------------------------

@pytest.mark.parametrize("text,controller", [
    ("The Taliban now control 212 of the 421 districts, according to the Long War Journal.", "taliban"),
    ("The government controls 98 of the 421 districts, the Long War Journal estimates.", "government"),
    ("Government forces have retaken 17 of those districts, according to the Long War Journal.", "government"),
])
def test_an_assessment_names_a_party_of_the_theatre(fast_extractor: Extractor, text: str, controller: str) -> None:
    (a,) = _extract(fast_extractor, text).assessments
    assert a.controller == controller
    assert a.controller in fast_extractor.theatre.controllers


# -- who a claim is by, told by initials or by "the statement" -----------------------------------

def test_a_partys_two_or_three_initials_are_its_full_name(myanmar: Extractor) -> None:
    for text, name in (("The AA said it had seized 14 junta outposts in Maungdaw Township.", "Arakan Army"),
                       ("The KIA claimed that it had captured 200 soldiers near Bhamo.", "Kachin Independence Army"),
                       ("The KNU said on Sunday that its forces had overrun 12 junta camps.", "Karen National Union")):
        claims = _extract(myanmar, text, date(2024, 1, 10)).claims
        assert claims and claims[0].claimant in (name, myanmar.theatre.actor(name).name), (text, claims)  # type: ignore[union-attr]


def test_the_statement_is_the_groups_that_issued_it(myanmar_fast: Extractor) -> None:
    for text in ("The TNLA issued a statement on the fighting. At least 120 junta soldiers were killed in "
                 "the clashes, the statement said.",
                 "The Arakan Army released a statement on Telegram. Around 300 junta troops were captured, "
                 "the statement said.",
                 "The MNDAA put out a statement late on Friday. At least 41 junta soldiers were killed near "
                 "the town, the statement said."):
        claims = _extract(myanmar_fast, text, date(2024, 1, 10)).claims
        assert claims and claims[-1].claimant_party not in (None, "military"), (text, claims)
        assert "statement" not in claims[-1].claimant.lower(), claims[-1].claimant
