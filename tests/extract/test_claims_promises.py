"""A party's promise that something will not happen is a claim (the guidelines' assure/promise),
even when the report tells it with a plain speech verb: "said the group would not attack", "told
Moscow its soil would never be used". What a speaker hopes, fears, asks or warns others will not
do is none, nor is a promise told by an unnamed source. Paraphrases in wire, Afghan, regional and
analysis styles, written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from khabar.extract.pipeline import Extractor
from khabar.records import Claim, Document


def _claims(extractor: Extractor, text: str) -> list[Claim]:
    return list(extractor.extract(Document(id="t", text=text, published=date(2021, 7, 20))).claims)


@pytest.mark.parametrize("text, who, words", [
    ("Taliban spokesman Suhail Shaheen said on Friday the group would not attack foreign troops once "
     "the withdrawal is complete.", "Suhail Shaheen", "would not attack foreign troops"),  # wire
    ("The Taliban told the Russian envoy in Moscow that they would never allow any group to use "
     "Afghan soil against neighbouring countries.", "Taliban", "would never allow"),  # regional
    ("Zabihullah Mujahid said that government employees who stay at their posts will not be harmed "
     "by the mujahideen.", "Zabihullah Mujahid", "will not be harmed"),  # Afghan outlet
    ("In Doha, the Taliban's political office said its fighters won't seek revenge against former "
     "soldiers.", "Taliban", "won't seek revenge"),  # analysis
])
def test_a_party_promising_what_will_not_happen_makes_a_claim(any_extractor: Extractor, text: str,
                                                               who: str, words: str) -> None:
    got = _claims(any_extractor, text)
    assert len(got) == 1 and got[0].stance == "asserts"
    assert who.lower() in got[0].claimant.lower()
    assert words in got[0].text  # the promise, not who made it


@pytest.mark.parametrize("text", [
    "Fawad Aman said he hoped the insurgents would not attack the city during the holiday.",
    "Qari Yousuf Ahmadi warned that the group would not wait long for the talks to resume.",
    "Zabihullah Mujahid said that if the airport stayed open, foreign troops would not be targeted.",
    "Residents said the shops would not reopen until the fighting stopped.",
    "Mohammad Naeem said the new round of talks would not change the situation on the battlefield.",
    "The Kremlin said it had sought guarantees that the war would not spill into Central Asia.",
    "Uzbekistan's foreign minister said Tashkent would not allow refugees to cross the Amu Darya.",
])
def test_a_hope_a_forecast_a_guarantee_sought_or_a_bystanders_word_is_no_promise(any_extractor: Extractor,
                                                                  text: str) -> None:
    assert _claims(any_extractor, text) == []


# -- a side's doubted gain told after the speech verb: the claim is what was taken, not the speaker --

@pytest.mark.parametrize("text, who, words", [
    ("Taliban spokesman Qari Yousuf Ahmadi said the group's fighters had captured Arghandab "
     "district on Tuesday, a claim officials denied.", "Qari Yousuf Ahmadi", "captured Arghandab"),  # wire
    ("A spokesman for the Taliban, Qari Yousuf Ahmadi, said its fighters had overrun Ghorak "
     "overnight, though this could not be verified.", "Qari Yousuf Ahmadi", "overrun Ghorak"),  # regional
    ("Mawlawi Abdul Rahim, a Taliban commander in the south, said his men had seized the centre of "
     "Khakrez, which local officials disputed.", "Abdul Rahim", "seized the centre"),  # Afghan outlet
])
def test_a_doubted_gains_text_is_what_follows_the_speech_verb(any_extractor: Extractor, text: str, who: str,
                                                          words: str) -> None:
    got = [c for c in _claims(any_extractor, text) if c.stance == "asserts"]
    assert len(got) == 1 and who in got[0].claimant
    assert words in got[0].text  # what he said was taken, not who he is


# -- the extent of control told with a progressive: "still holding", "now controlling" --------------

@pytest.mark.parametrize("text, who", [
    ("Ahmad Massoud's spokesman said the resistance was still holding all of Panjshir and had repelled "
     "the attack.", "spokesman"),  # wire
    ("Defence ministry spokesman Fawad Aman told reporters that commandos were still holding the "
     "district centre of Nerkh.", "Fawad Aman"),  # Afghan outlet
    ("Zabihullah Mujahid said on Twitter that the mujahideen were now controlling the main road "
     "between Kunduz and Takhar.", "Zabihullah Mujahid"),  # regional
])
def test_a_party_still_holding_a_place_makes_a_claim(any_extractor: Extractor, text: str, who: str) -> None:
    got = _claims(any_extractor, text)
    assert [c.stance for c in got] == ["asserts"] and who in got[0].claimant


# -- a person the actors file does not know is a speaker who may claim the extent of control -------

@pytest.mark.parametrize("text, who", [
    ("Abdul Qayum Rahimi told the news agency that the resistance was still holding the Andarab "
     "valley.", "Abdul Qayum Rahimi"),  # wire
    ("Mawlawi Sayed Agha Hashimi said the mujahideen would never harm those who laid down their "
     "arms.", "Sayed Agha Hashimi"),  # Afghan outlet
    ("Gul Ahmad Kamin said on Sunday that the district centre remains under government control.",
     "Gul Ahmad Kamin"),  # regional
])
def test_an_unknown_persons_claim_of_control_or_promise_is_kept(any_extractor: Extractor, text: str,
                                                                who: str) -> None:
    got = _claims(any_extractor, text)
    assert [c.stance for c in got] == ["asserts"] and who in got[0].claimant


@pytest.mark.parametrize("text", [
    "The Provincial Council Office said the district centre remains under government control.",
    "Ariana News said the Taliban were still holding the Andarab valley.",
    "District Police Headquarters said the road would not be closed again.",
])
def test_a_body_that_is_no_party_claims_no_control(any_extractor: Extractor, text: str) -> None:
    assert _claims(any_extractor, text) == []
