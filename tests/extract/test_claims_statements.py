"""Claims told by a statement's structure, not by one phrasing: what a speech verb's clause says
(a count, the extent of control, a quoted denial, what a claim is called), one record per clause
when a sentence holds several, "it"/"they" as the body that claimed before, and a side's own gain
as a claim only when the report doubts it or counts it. Paraphrases in wire, Afghan, regional and
analysis styles, written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from khabar.extract.pipeline import Extractor
from khabar.records import Claim, Document


def _claims(extractor: Extractor, text: str) -> list[Claim]:
    return list(extractor.extract(Document(id="t", text=text, published=date(2021, 7, 20))).claims)


def _pairs(extractor: Extractor, text: str) -> list[tuple[str, str]]:
    return [(c.claimant, c.stance) for c in _claims(extractor, text)]


@pytest.fixture(scope="module")
def myanmar() -> Extractor:
    return Extractor("myanmar", mode="fast")


# -- a quotation whose words state the extent of control -------------------------------------

@pytest.mark.parametrize("text, who", [
    ("\u201cThe whole of Badakhshan is now in our hands,\u201d Zabihullah Mujahid wrote on Twitter.",
     "Zabihullah Mujahid"),  # wire
    ("\u201cAll of Kunar has come under the control of the mujahideen,\u201d Qari Yousuf Ahmadi told "
     "reporters on Thursday.", "Qari Yousuf Ahmadi"),  # Afghan outlet
    ('"The district centre remains under government control," defence ministry spokesman Fawad Aman '
     "said.", "Fawad Aman"),  # regional
    ("\u201cMaimana is completely liberated from the enemy,\u201d said Fawad Aman, the ministry's "
     "spokesman.", "Fawad Aman"),  # analysis, the attribution inverted
])
def test_a_quoted_extent_of_control_is_the_speakers_claim(any_extractor: Extractor, text: str,
                                                          who: str) -> None:
    got = _claims(any_extractor, text)
    assert [(c.claimant, c.stance) for c in got] == [(who, "asserts")]
    assert "said" not in got[0].text and "told" not in got[0].text  # the quoted words, not the verb's


@pytest.mark.parametrize("text", [
    "\u201cWe will not leave Nerkh in their hands for long,\u201d Fawad Aman said.",
    "\u201cThe city could come under their control within weeks,\u201d Qari Yousuf Ahmadi said.",
    "\u201cThe enemy tried to bring the town under their control,\u201d Fawad Aman said.",
])
def test_a_quoted_threat_or_forecast_of_control_is_no_claim(any_extractor: Extractor, text: str) -> None:
    assert _claims(any_extractor, text) == []


# -- a quoted denial ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, who", [
    ("\u201cPakistan is not supporting any side in this war,\u201d Shah Mahmood Qureshi told "
     "journalists in Islamabad.", "Shah Mahmood Qureshi"),
    ('"There are no foreign fighters among our ranks," Zabihullah Mujahid said on Sunday.',
     "Zabihullah Mujahid"),
    ("\u201cThe report of our retreat is a lie,\u201d said Fawad Aman.", "Fawad Aman"),
])
def test_a_quoted_denial_is_the_speakers(any_extractor: Extractor, text: str, who: str) -> None:
    assert _pairs(any_extractor, text) == [(who, "denies")]


@pytest.mark.parametrize("text", [
    "\u201cThe answer to this crisis lies in talks among Afghans,\u201d Fawad Aman said.",
    "\u201cThere was no more food and no more fuel in the town,\u201d Qari Yousuf Ahmadi said.",
    "\u201cWe are not ready to talk while the fighting goes on,\u201d Zabihullah Mujahid said.",
])
def test_a_quotation_that_denies_no_claim_is_no_denial(any_extractor: Extractor, text: str) -> None:
    assert _claims(any_extractor, text) == []


# -- what a speaker calls a claim ----------------------------------------------------------------

@pytest.mark.parametrize("text, who, stance", [
    ("The defence ministry said the insurgents' claims of capturing Farah city were false.",
     "defence ministry", "denies"),
    ("Zabihullah Mujahid said reports of civilian deaths in the bombing were completely baseless.",
     "Zabihullah Mujahid", "denies"),
    ("A spokesman for the interior ministry said the figures released by the group were exaggerated.",
     "interior ministry", "disputes"),
    ("The resistance front says the Taliban account of the battle is propaganda.", "resistance front",
     "disputes"),
])
def test_a_claim_called_false_or_exaggerated(any_extractor: Extractor, text: str, who: str,
                                            stance: str) -> None:
    got = [(c, s) for c, s in _pairs(any_extractor, text) if who in c]
    assert got and all(s == stance for _, s in got), _pairs(any_extractor, text)


@pytest.mark.parametrize("text, who", [
    ("The resistance front rebuffed the claim and said fighting went on in the valley.", "resistance front"),
    ("Islamabad has brushed aside the accusation that it shelters the insurgents.", "Islamabad"),
    ("Afghan officials contested the account, saying the crossing was still theirs.", "Afghan officials"),
])
def test_rebuffing_brushing_aside_and_contesting_dispute(any_extractor: Extractor, text: str,
                                                         who: str) -> None:
    assert (who, "disputes") in _pairs(any_extractor, text)


# -- several statements in one sentence ---------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("The Taliban claimed the district but officials denied it.",
     {("Taliban", "asserts"), ("officials", "denies")}),
    ("The Taliban claimed to have captured Spin Boldak, but Afghan officials said government forces "
     "were still in control of the area.", {("Taliban", "asserts"), ("Afghan officials", "asserts")}),
    ("While the Taliban said they had captured Kunduz airport, the army said it still held it.",
     {("Taliban", "asserts"), ("army", "asserts")}),
    ("The group said on Telegram that it had seized the district, but local officials "
     "rejected the claim.", {("group", "asserts"), ("local officials", "denies")}),
])
def test_each_clause_of_a_sentence_is_its_own_claim(any_extractor: Extractor, text: str,
                                                    expected: set[tuple[str, str]]) -> None:
    got = _pairs(any_extractor, text)
    assert set(got) == expected, got
    assert len(got) == len(expected)


# -- "it" and "they" as the body that claimed before ---------------------------------------------

@pytest.mark.parametrize("text, who", [
    ("The ministry said in a statement that 260 insurgents had been killed in the past day. "
     "It added that 14 districts had been retaken since June.", "ministry"),
    ("The National Resistance Front said its fighters had killed 40 Taliban in Andarab. "
     "It added that two districts were now under its control.", "National Resistance Front"),
    ("The Ta'ang National Liberation Army said it had seized 12 junta posts near Namhsan. "
     "It added that about 30 soldiers had surrendered.", "Ta'ang National Liberation Army"),
])
def test_it_added_is_the_body_that_claimed_before(extractor: Extractor, fast_extractor: Extractor,
                                                  myanmar: Extractor, text: str, who: str) -> None:
    ex = myanmar if "junta" in text else fast_extractor
    got = _claims(ex, text)
    assert len(got) == 2, got
    assert {c.claimant for c in got} == {who} or got[1].claimant == got[0].claimant


# -- a side's own gain: a claim only when the report doubts it; a count only when it is its own ----

@pytest.mark.parametrize("text", [
    "The group seized the Islam Qala crossing, Zabihullah Mujahid said in a tweet. The claim could "
    "not be independently verified.",
    "Taliban spokesman Zabihullah Mujahid said the group's fighters had overrun the district centre "
    "of Khinj on Sunday. Local officials denied it.",
    "The resistance front said its forces had retaken Deh Salah, which could not be confirmed.",
])
def test_an_own_gain_the_report_doubts_is_a_claim(any_extractor: Extractor, text: str) -> None:
    assert any(s == "asserts" for _, s in _pairs(any_extractor, text))


@pytest.mark.parametrize("text", [
    "The defence ministry said commandos had retaken the district of Dand after heavy fighting.",
    "KABUL, July 20 (Wire) - Taliban fighters seized the district centre of Khinj on Monday, a "
    "Taliban spokesman said.",
    "Officials in Kandahar said the district centre had fallen to the Taliban on Sunday.",
])
def test_a_change_of_hands_told_as_fact_is_no_claim(any_extractor: Extractor, text: str) -> None:
    assert _claims(any_extractor, text) == []


@pytest.mark.parametrize("text, n", [
    ("Afghan officials said that so far this week the Taliban had taken control of at least three "
     "districts in Uruzgan.", 0),
    ("The Taliban have overrun five more districts in the past day, according to local sources.", 0),
    ("According to Taliban spokesman Zabihullah Mujahid, five districts were overrun by the group "
     "in the past week.", 1),
    ("The resistance front said its forces had liberated three districts in Baghlan.", 1),
])
def test_a_count_of_districts_is_the_gaining_sides_claim(any_extractor: Extractor, text: str,
                                                         n: int) -> None:
    got = _claims(any_extractor, text)
    assert len(got) == n, got
    if n:
        assert got[0].quantity is not None and got[0].quantity.unit == "districts"


# -- promises, a dispute in a relative clause, a rejection told in the passive ---------------------

@pytest.mark.parametrize("text, who", [
    ("The Taliban pledged that they would not attack foreign diplomats in Kabul.", "Taliban"),
    ("Suhail Shaheen guaranteed safe passage to aid workers in areas the group holds.", "Suhail Shaheen"),
    ("Mohammad Naeem vowed that Afghan soil would not be used against any other country.",
     "Mohammad Naeem"),
])
def test_a_pledge_or_guarantee_is_an_assertion(any_extractor: Extractor, text: str, who: str) -> None:
    got = _pairs(any_extractor, text)
    assert len(got) == 1 and got[0][1] == "asserts" and (who in got[0][0] or got[0][0] in who), got


@pytest.mark.parametrize("text, disputer", [
    ("The Taliban say they control 85 percent of the country, a figure the government disputes.",
     "government"),
    ("The insurgents claim to hold 90 percent of the frontier, a claim Kabul disputes.", "Kabul"),
    ("The Taliban say they have overrun 200 districts, a number the defence ministry disputes.",
     "defence ministry"),
])
def test_a_dispute_in_a_relative_clause_is_a_second_claim(fast_extractor: Extractor, text: str,
                                                          disputer: str) -> None:
    got = _pairs(fast_extractor, text)
    assert (disputer, "disputes") in got and any(s == "asserts" for _, s in got), got


@pytest.mark.parametrize("text", [
    "Leaders of both countries pledged to resolve disputes through dialogue.",
    "Troops were sent to the disputed border area on Monday.",
    "The two sides agreed to settle their disputes in talks hosted by Qatar.",
])
def test_disputes_as_a_noun_is_no_claim(any_extractor: Extractor, text: str) -> None:
    assert all(s != "disputes" for _, s in _pairs(any_extractor, text))


@pytest.mark.parametrize("text, who", [
    ("The claim was dismissed by Afghan officials, who called the figure propaganda.", "Afghan officials"),
    ("The Taliban's figures were rejected by the defence ministry on Sunday.", "defence ministry"),
    ("Those reports have been disputed by the resistance front.", "resistance front"),
])
def test_a_rejection_in_the_passive_is_its_agents(any_extractor: Extractor, text: str, who: str) -> None:
    got = _pairs(any_extractor, text)
    assert any(c == who and s in ("disputes", "denies") for c, s in got), got


@pytest.mark.parametrize("text", [
    "The military council has not said who now holds the gate.",
    "Neither side has claimed to have taken the town.",
    "The ministry did not say whether the district centre was still in government hands.",
])
def test_a_negated_statement_is_no_claim(any_extractor: Extractor, text: str) -> None:
    assert _claims(any_extractor, text) == []


# -- the claimant as the report spells it out ----------------------------------------------------

@pytest.mark.parametrize("text, who", [
    ("The Ministry of Defense (MoD) said Afghan forces were in action in 14 provinces. The MoD stated "
     "that at least 120 insurgents were killed in the past day.", "Ministry of Defense"),
    ("The Ministry of Interior (MoI) opened an inquiry on Monday. The MoI said 35 militants had "
     "surrendered in Kunduz.", "Ministry of Interior"),
    ("The Ministry of Foreign Affairs (MoFA) met the envoy in Kabul. MoFA said more than 1,000 Afghan "
     "soldiers had crossed into Tajikistan.", "Ministry of Foreign Affairs"),
])
def test_initials_are_spelled_out_as_the_report_introduces_them(any_extractor: Extractor, text: str,
                                                                who: str) -> None:
    got = _pairs(any_extractor, text)
    assert (who, "asserts") in got, got


@pytest.mark.parametrize("text", [
    "The militant outfit has claimed capturing more than 30 districts over the past month.",
    "The insurgent group claimed to have killed 40 soldiers in Faryab.",
    "Fighting went on in Kunduz. The insurgents claimed to have seized two more districts in a week.",
])
def test_a_generic_armed_group_is_the_theatres_insurgents(any_extractor: Extractor, text: str) -> None:
    got = _claims(any_extractor, text)
    assert got and all(c.claimant == "Taliban" and c.claimant_party == "taliban" for c in got), got


@pytest.mark.parametrize("text, who", [
    ("A report claimed that the insurgents had retaken three districts in Baghlan, a Taliban "
     "spokesman said on Monday.", "Taliban spokesman"),
    ("Citing local elders, the reports claim that nearly 40 militants were killed in Andarab.",
     "local elders"),
    ("Media reports claimed the resistance had retaken Deh Salah, the front's spokesman told "
     "reporters.", "front's spokesman"),
])
def test_a_report_that_claims_is_the_source_it_names(any_extractor: Extractor, text: str, who: str) -> None:
    got = _pairs(any_extractor, text)
    assert got and all(who.split()[-1] in c for c, _ in got), got


@pytest.mark.parametrize("text, who", [
    ("The UN mission blamed anti-government elements for the attack in Kabul.", "UN mission"),
    ("The US embassy accused the Taliban of killing civilians in Spin Boldak.", "US embassy"),
    ("The EU delegation alleged that aid convoys had been looted near Herat.", "EU delegation"),
])
def test_a_body_named_by_its_head_noun_is_the_body(fast_extractor: Extractor, text: str, who: str) -> None:
    assert [c for c, _ in _pairs(fast_extractor, text)] == [who]
