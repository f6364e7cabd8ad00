"""Who claims when the sentence names them in other ways: "said its forces had", "X was quoted
by an outlet as saying", an attribution after the denial, "a statement from X", "rubbished ...,
calling them lies", and a denial followed by "and said"."""

from __future__ import annotations

from datetime import date

from khabar.extract.pipeline import Extractor
from khabar.records import Claim, Document


def _claims(extractor: Extractor, text: str) -> list[Claim]:
    return list(extractor.extract(Document(id="wire", text=text, published=date(2021, 9, 2))).claims)


def test_said_its_forces_had_recaptured_is_a_claim(any_extractor: Extractor) -> None:
    (claim,) = _claims(any_extractor, "The Ministry of Interior said on Tuesday its forces had recaptured Arghandab.")
    assert (claim.claimant, claim.stance) == ("Ministry of Interior", "asserts")


def test_quoted_by_an_outlet_as_saying_is_the_speakers_claim(any_extractor: Extractor) -> None:
    text = ("Taliban spokesman Zabihullah Mujahid was quoted by Pajhwok as saying that the group "
            "controlled 150 districts.")
    (claim,) = _claims(any_extractor, text)
    assert claim.claimant == "Zabihullah Mujahid"
    assert claim.quantity is not None and claim.quantity.value == 150.0


def test_a_denial_attributed_at_the_end(any_extractor: Extractor) -> None:
    text = "There is no truth in reports that Khinj has fallen, the resistance front said in a statement."
    (claim,) = _claims(any_extractor, text)
    assert (claim.claimant, claim.stance, claim.text) == (
        "resistance front", "denies", "reports that Khinj has fallen")


def test_a_statement_from_a_party_is_the_partys(extractor: Extractor) -> None:
    text = "A statement from the Taliban said the group's fighters had seized 6 districts in Takhar."
    (claim,) = _claims(extractor, text)
    assert claim.claimant == "Taliban"


def test_rubbished_calling_them_lies_denies_the_reports(any_extractor: Extractor) -> None:
    (claim,) = _claims(any_extractor, "Karimi rubbished the reports, calling them \"lies of the enemy\".")
    assert (claim.claimant, claim.stance, claim.text) == ("Karimi", "denies", "the reports")


def test_a_denial_stops_at_and_said(any_extractor: Extractor) -> None:
    (claim,) = _claims(any_extractor, "The Taliban denied the report and said no prisoners had been harmed.")
    assert (claim.stance, claim.text) == ("denies", "the report")
