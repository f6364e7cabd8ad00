"""Who makes a claim when the verb does not stand next to its subject, as the fast pipeline (no
parse) must read it: a verb joined by "and" to an earlier clause shares that clause's subject
("X held talks with Y and assured ..." is X's claim, not Y's), and a part between commas that
modifies the name before it ("X, led by Y, said"; "X, which ..., said") or a dateline is not the
subject. Paraphrases in wire, Afghan, regional and analysis styles, written for these tests; each
runs in both pipelines."""

from __future__ import annotations

from datetime import date

import pytest

from khabar.extract.pipeline import Extractor
from khabar.records import Claim, Document


def _claims(extractor: Extractor, text: str) -> list[Claim]:
    return list(extractor.extract(Document(id="t", text=text, published=date(2021, 7, 20))).claims)


# -- a verb joined by "and" shares the subject of the clause it is joined to ---------------------

@pytest.mark.parametrize("text, who, not_who", [
    ("Since early June, the Taliban have overrun dozens of rural districts around the government forces "
     "and say they now control 85 percent of the border with Tajikistan.", "Taliban", "government"),  # wire
    ("Suhail Shaheen, the movement's spokesman in Doha, met the visiting Russian envoys on Tuesday and "
     "assured them that foreign embassies in Kabul would not be harmed.", "Shaheen", "Russia"),  # regional
    ("Defence ministry spokesman Fawad Aman visited wounded soldiers of the Taliban offensive in Kabul and "
     "claimed that 260 insurgents had been killed in the past 24 hours.", "Fawad Aman", "Taliban"),  # Afghan
    ("The Taliban have seized several border crossings this summer. The movement opened talks with "
     "Iranian traders and claimed that commerce through Islam Qala had doubled.", "Taliban", "Iran"),  # analysis
])
def test_a_verb_joined_by_and_is_the_first_clause_subject_s_claim(
        any_extractor: Extractor, text: str, who: str, not_who: str) -> None:
    got = _claims(any_extractor, text)
    assert got, text
    assert who in got[-1].claimant and not_who not in got[-1].claimant, got


# -- a modifier between commas and a dateline are not the subject --------------------------------

@pytest.mark.parametrize("text, who", [
    ("The Taliban delegation, led by Mullah Baradar, gave assurances that the group would not allow "
     "attacks on neighbouring countries.", ("Taliban", "Baradar")),  # wire
    ("KABUL, Aug 20 - The Taliban delegation, headed by Anas Haqqani, gave assurances that former "
     "officials would not be harmed.", ("Taliban", "Haqqani")),  # wire with a dateline
    ("The National Resistance Front, which holds the Panjshir valley, claimed that 300 Taliban fighters "
     "had been killed in the fighting.", ("Resistance Front",)),  # regional
    ("The Afghan defence ministry, backed by US air strikes, claimed that 40 insurgents were killed in "
     "Helmand overnight.", ("defence ministry",)),  # Afghan outlet
])
def test_a_modifier_between_commas_or_a_dateline_is_not_the_claimant(
        any_extractor: Extractor, text: str, who: tuple[str, ...]) -> None:
    got = _claims(any_extractor, text)
    assert got, text
    claimant = got[0].claimant
    assert any(w in claimant for w in who), got
    assert not claimant.lower().startswith(("led by", "headed by", "which", "backed by", "kabul", "aug")), got


# -- a participle after a comma speaks for the subject of the clause it ends ---------------------

@pytest.mark.parametrize("text, who, not_who", [
    ("The statement follows remarks in which President Ashraf Ghani levelled accusations against Pakistan, "
     "saying that 10,000 fighters had crossed the border in a month.", "Ghani", "Pakistan"),  # regional
    ("Zabihullah Mujahid hit back at the Afghan government on Twitter, claiming that 90 percent of the "
     "border with Turkmenistan was in the group's hands.", "Mujahid", "government"),  # Afghan outlet
    ("Russia's envoy Zamir Kabulov dismissed concerns raised by the United States, adding that the Taliban "
     "controlled two-thirds of the border with Tajikistan.", "Kabulov", "United States"),  # wire
])
def test_a_participle_after_a_comma_is_the_clause_subject_s_claim(
        any_extractor: Extractor, text: str, who: str, not_who: str) -> None:
    got = _claims(any_extractor, text)
    assert got, text
    assert who in got[-1].claimant and not_who not in got[-1].claimant, got


# -- "he" after a speaker introduced by a role between commas ------------------------------------

@pytest.mark.parametrize("text, who", [
    ("Nasrullah Amiri, a member of the Kunduz provincial council, told reporters that the district had "
     "fallen. He, however, claimed that 30 Taliban fighters were killed before the collapse.", "Nasrullah Amiri"),
    ("Gul Ahmad Kamin, the head of the district council, said the roads were closed. He also claimed "
     "that 12 insurgents had been killed in the clashes.", "Gul Ahmad Kamin"),  # Afghan outlet
    ("Fatima Rezaie, a lawmaker from Herat, told the agency the city was calm. She claimed 50 militants had "
     "been killed on its outskirts overnight.", "Fatima Rezaie"),  # regional
])
def test_he_after_a_speaker_introduced_by_a_role_is_that_speaker(
        any_extractor: Extractor, text: str, who: str) -> None:
    got = _claims(any_extractor, text)
    assert got, text
    assert got[-1].claimant == who, got


# -- "NAME said the group had assured ...": the speaker tells the assurance ----------------------

@pytest.mark.parametrize("text, who", [
    ("Mohammad Naeem, the spokesman of the group's political office, said the movement had given "
     "assurances that its fighters would not attack diplomats.", "Mohammad Naeem"),  # regional
    ("Suhail Shaheen, a member of the negotiating team, said the movement had given guarantees that aid "
     "convoys would pass freely.", "Suhail Shaheen"),  # wire
    ("The envoy Zamir Kabulov said the group had given firm assurances that it would not cross into "
     "Central Asia.", "Kabulov"),  # analysis
])
def test_a_speaker_telling_a_group_s_assurance_is_the_claimant(
        any_extractor: Extractor, text: str, who: str) -> None:
    got = _claims(any_extractor, text)
    assert got, text
    assert who in got[0].claimant, got


# -- "NAME's front claimed": the body named after a possessive, not the person who owns it -------

@pytest.mark.parametrize("text, who", [
    ("Ahmad Massoud's resistance front claimed that 350 Taliban fighters had been killed in Panjshir.",
     "resistance front"),  # wire
    ("Abdul Rashid Dostum's militia claimed that it had killed 100 insurgents near Sheberghan.",
     "militia"),  # Afghan outlet
    ("Amrullah Saleh's office claimed on Sunday that 600 Taliban fighters had been killed in Andarab.",
     "office"),  # regional
])
def test_a_body_after_a_possessive_is_the_claimant(any_extractor: Extractor, text: str, who: str) -> None:
    got = _claims(any_extractor, text)
    assert got, text
    assert who in got[0].claimant, got
