"""Admiralty grades: the outlet's reliability by name, alias or domain; credibility from how the
sentence reports the record."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from khabar.compile.grading import Grader, best_code, confidence
from khabar.records import Observation

DAY = date(2021, 7, 7)


@pytest.mark.parametrize(("outlet", "url", "grade"), [
    ("Hindukush Wire", "", "B"),  # by name
    ("Reuters news agency", "", "B"),  # by alias
    ("", "https://www.kabulledger.example/2021/07/x", "C"),  # by the URL's domain
    ("Some Blog", "https://blog.example.net/post", "F"),  # unknown: F until an analyst grades it
    ("Sada-e-Emarat", "", "E"),
])
def test_reliability_comes_from_the_outlet(grader: Grader, obs: Callable[..., Observation],
                                           outlet: str, url: str, grade: str) -> None:
    from dataclasses import replace

    o = replace(obs("AF2710", "taliban", DAY, outlet=outlet), url=url)
    assert grader.grade(o).reliability == grade


@pytest.mark.parametrize(("sentence", "controller", "credibility", "basis"), [
    ("The Taliban captured Maywand district on Wednesday, two provincial council members said.",
     "taliban", 2, "attributed"),
    ("According to the provincial governor, the Taliban captured Maywand district.",
     "taliban", 2, "attributed"),
    ("Officials in Kandahar, the provincial capital, said the Taliban had taken Maywand.",
     "taliban", 2, "attributed"),
    ("The Taliban captured Maywand district on Wednesday.", "taliban", 3, "fact"),
    ("The Taliban reportedly captured Maywand district on Wednesday.", "taliban", 4, "hedged"),
    ("The Taliban said they captured Maywand district on Wednesday.", "taliban", 4, "own claim"),
    ("Taliban fighters captured Maywand district, said Zabihullah Mujahid, the group's "
     "spokesman.", "taliban", 4, "own claim"),
    ("The Taliban said government forces had retaken Maywand district.", "government", 2,
     "attributed"),  # a concession, not a claim about its own gains
    ("The Taliban captured Maywand district, a claim the governor denied.", "taliban", 5,
     "denied"),
    ("Maywand fell on Saturday despite earlier denials by the interior ministry.", "taliban", 3,
     "fact"),
    ("", "taliban", 6, "unjudged"),
])
def test_credibility_comes_from_how_the_record_is_reported(
        grader: Grader, obs: Callable[..., Observation], sentence: str, controller: str,
        credibility: int, basis: str) -> None:
    s = grader.grade(obs("AF2710", controller, DAY, evidence=sentence))
    assert (s.credibility, s.basis) == (credibility, basis), s.reason


def test_a_party_outlet_speaking_for_its_side_is_a_claim(grader: Grader,
                                                         obs: Callable[..., Observation]) -> None:
    sentence = "The mujahideen of the Islamic Emirate conquered the centre of Maywand district."
    s = grader.grade(obs("AF2710", "taliban", DAY, evidence=sentence, outlet="Sada-e-Emarat"))
    assert (s.code, s.basis, s.decisive) == ("E4", "own claim", False)
    assert "Sada-e-Emarat speaks for the taliban" in s.reason
    # the same outlet reporting the other side's gain is not its own claim
    s = grader.grade(obs("AF2710", "government", DAY, evidence=sentence, outlet="Sada-e-Emarat"))
    assert s.basis == "fact"


def test_an_analysts_confirmation_is_credibility_1(grader: Grader,
                                                   obs: Callable[..., Observation]) -> None:
    from dataclasses import replace

    o = replace(obs("AF2710", "taliban", DAY, evidence="The Taliban said they took Maywand."),
                review="confirmed")
    assert (grader.grade(o).code, grader.grade(o).decisive) == ("B1", True)


def test_claims_and_denials_are_not_decisive(grader: Grader,
                                             obs: Callable[..., Observation]) -> None:
    claim = grader.grade(obs("AF2710", "taliban", DAY,
                             evidence="The Taliban said they captured Maywand."))
    fact = grader.grade(obs("AF2710", "taliban", DAY,
                            evidence="The Taliban captured Maywand, officials said."))
    assert (claim.decisive, fact.decisive) == (False, True)


def test_codes_rank_and_give_a_confidence() -> None:
    assert best_code(["C3", "B2", "F1", "E4"]) == "B2"
    assert [confidence(c) for c in ("A1", "B2", "C3", "F1", "D4", "F3", "")] == [
        "high", "high", "medium", "medium", "low", "low", ""]


def test_a_grader_without_a_theatre_grades_every_outlet_f(obs: Callable[..., Observation]) -> None:
    s = Grader().grade(obs("AF2710", "taliban", DAY,
                           evidence="The Taliban said they captured Maywand."))
    # no theatre: no outlet known, and no party whose own statements are claims
    assert (s.reliability, s.basis) == ("F", "attributed")
    named = Grader(claimant_sides=("taliban",), party_names={"taliban": ("Taliban",)})
    assert named.grade(obs("AF2710", "taliban", DAY, evidence="The Taliban said they captured Maywand."
                           )).basis == "own claim"


def test_extractions_speaker_party_makes_an_own_claim_where_the_sentence_names_no_party(
        grader: Grader, obs: Callable[..., Observation]) -> None:
    from dataclasses import replace

    o = obs("AF2710", "taliban", DAY, evidence="Their spokesman said the fighters captured Maywand.")
    assert grader.grade(o).basis == "attributed"
    told = replace(o, speaker="their spokesman", speaker_party="taliban")
    assert grader.grade(told).basis == "own claim"
    assert grader.grade(replace(o, evidence="The fighters captured Maywand.", hedged=True)).basis == "hedged"
    assert grader.grade(replace(o, evidence="The fighters captured Maywand.", denied=True)).basis == "denied"
