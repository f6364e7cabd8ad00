"""Who gains a place in Myanmar: the party a report names, read through the theatre's data.

Myanmar sets no default captor, the military is the incumbent and has many opponents, and the Three
Brotherhood Alliance is a coalition of three parties. The sentences are written here in the styles
of the outlets that report the war (exile press, wires, the junta's own press); each rule has
three or more phrasings. Published Wednesday 2024-01-10 unless a test says otherwise.
"""

from __future__ import annotations

from datetime import date

import pytest

from khabar.extract.pipeline import Extractor
from khabar.records import ControlChange, Document, document_id

WEDNESDAY = date(2024, 1, 10)
MYANMAR = "myanmar_2021_24"


@pytest.fixture(scope="module")
def myanmar() -> Extractor:
    return Extractor(MYANMAR, mode="fast")


def records(ex: Extractor, text: str, published: date = WEDNESDAY) -> list[ControlChange]:
    return list(ex.extract(Document(document_id(text), text, published=published)).control_changes)


def changes(ex: Extractor, text: str, published: date = WEDNESDAY) -> list[tuple[str, str]]:
    return [(c.district, c.controller) for c in records(ex, text, published)]


@pytest.mark.parametrize("text, expected", [
    # a member named: the member
    ("The MNDAA seized Laukkaing on Friday after a two-month siege.", [("Laukkaing", "mndaa")]),
    ("Ta'ang National Liberation Army fighters captured Namhsan on Sunday, residents said.", [("Namhsan", "tnla")]),
    ("The Arakan Army took control of Paletwa Township on Sunday, the group's spokesman said.",
     [("Paletwa Township", "aa")]),
    ("Kyaukme was captured by the TNLA on Monday.", [("Kyaukme", "tnla")]),
    # the alliance named: the coalition
    ("The Three Brotherhood Alliance seized Kunlong on Sunday.", [("Kunlong", "brotherhood")]),
    ("Alliance troops overran Hsenwi on Monday, according to local media.", [("Hsenwi", "brotherhood")]),
    ("Kutkai fell to the Brotherhood Alliance on Tuesday.", [("Kutkai", "brotherhood")]),
    # its members named together: the coalition
    ("The MNDAA and the TNLA captured Kunlong on Sunday.", [("Kunlong", "brotherhood")]),
    ("Forces of the MNDAA, TNLA and AA seized Namtu on Monday.", [("Namtu", "brotherhood")]),
    ("Troops of the AA, the TNLA and the MNDAA took Hsipaw on Tuesday.", [("Hsipaw", "brotherhood")]),
])
def test_a_member_named_gains_for_itself_and_the_alliance_named_for_the_alliance(
        myanmar: Extractor, text: str, expected: list[tuple[str, str]]) -> None:
    assert changes(myanmar, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The regime retook Mongmit on Monday.", [("Mongmit", "military")]),
    ("Junta troops recaptured Kawlin on Saturday, state media said.", [("Kawlin", "military")]),
    ("Mongmit was retaken by the Tatmadaw on Monday, the Global New Light of Myanmar reported.",
     [("Mongmit", "military")]),
    ("Kawlin was recaptured on Saturday.", [("Kawlin", "military")]),  # a retaking: the incumbent
])
def test_the_military_retaking_a_town_gains_it(myanmar: Extractor, text: str,
                                               expected: list[tuple[str, str]]) -> None:
    assert changes(myanmar, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Hsipaw fell on Sunday.", [("Hsipaw", "brotherhood")]),
    ("Namtu was captured on Monday after days of fighting.", [("Namtu", "brotherhood")]),
    ("Junta troops abandoned Kutkai on Monday.", [("Kutkai", "brotherhood")]),
    ("The regime has lost control of Kyaukme, residents said.", [("Kyaukme", "brotherhood")]),
])
def test_a_capture_naming_no_captor_goes_to_the_main_side_of_its_area(myanmar: Extractor, text: str,
                                                                     expected: list[tuple[str, str]]) -> None:
    # the military loses to one of many opponents: in northern Shan (theatre.json sides_by_area) the alliance
    assert changes(myanmar, text) == expected


@pytest.mark.parametrize("text", [
    "Madaya fell on Sunday.",
    "The regime has lost control of Dawei, residents said.",
])
def test_a_capture_naming_no_captor_where_the_theatre_lists_no_side_has_no_controller(
        myanmar: Extractor, text: str) -> None:
    # the military loses to one of many opponents, and neither the report nor the area tells which
    assert changes(myanmar, text) == []


@pytest.mark.parametrize("text, expected", [
    ("Junta troops abandoned Kutkai to the TNLA on Monday.", [("Kutkai", "tnla")]),
    ("The regime has lost control of Kyaukme to the Ta'ang National Liberation Army.", [("Kyaukme", "tnla")]),
    ("Hsipaw was handed over to the TNLA on Sunday under a Chinese-brokered deal.", [("Hsipaw", "tnla")]),
])
def test_a_place_given_up_to_a_named_side_goes_to_that_side(myanmar: Extractor, text: str,
                                                             expected: list[tuple[str, str]]) -> None:
    assert changes(myanmar, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The KNU withdrew its forces from Myawaddy on Tuesday. KNU troops left Myawaddy on Tuesday.",
     [("Myawaddy", "military")]),
    ("Karen National Union forces pulled out of Myawaddy on Tuesday.", [("Myawaddy", "military")]),
    ("KNLA troops retreated from Myawaddy on Tuesday as junta reinforcements arrived.",
     [("Myawaddy", "military")]),
])
def test_a_side_with_one_opponent_giving_a_town_up_gives_it_to_that_opponent(
        myanmar: Extractor, text: str, expected: list[tuple[str, str]]) -> None:
    assert changes(myanmar, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The TNLA launched an offensive on Monday. Two days later, Nawnghkio fell.", [("Nawnghkio", "tnla")]),
    ("Arakan Army fighters attacked the town for weeks. Rathedaung fell on Sunday, residents said.",
     [("Rathedaung", "aa")]),
    ("The MNDAA seized Chinshwehaw on October 27. Over the following days it took control of Kunlong.",
     [("Chinshwehaw", "mndaa"), ("Kunlong", "mndaa")]),
    ("The AA captured Minbya on Monday. Rebels also seized Kyauktaw on Tuesday.",
     [("Minbya", "aa"), ("Kyauktaw", "aa")]),
])
def test_a_capture_naming_no_side_goes_to_the_side_the_report_last_told(
        myanmar: Extractor, text: str, expected: list[tuple[str, str]]) -> None:
    assert changes(myanmar, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The Brotherhood Alliance, made up of the MNDAA, the TNLA and the AA, seized Kunlong on Sunday.",
     [("Kunlong", "brotherhood")]),
    ("The MNDAA, a TNLA ally, captured Laukkaing on Friday.", [("Laukkaing", "mndaa")]),
    ("The Arakan Army, one of the three members of the alliance, seized Paletwa on Monday.",
     [("Paletwa", "aa")]),
])
def test_the_head_of_an_apposition_is_the_one_acting(myanmar: Extractor, text: str,
                                                      expected: list[tuple[str, str]]) -> None:
    assert changes(myanmar, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The TNLA together with local PDF units captured Mogoke on Wednesday.", [("Mogoke", "tnla")]),
    ("The KIA, along with People's Defence Force groups, took Hpakant on Monday.", [("Hpakant", "kia")]),
    ("Resistance fighters battled with junta troops for days before seizing Kawlin on Monday.",
     [("Kawlin", "pdf")]),
    ("Chin National Army fighters clashed with regime forces before capturing Falam on Sunday.",
     [("Falam", "chin")]),
])
def test_a_companion_or_the_enemy_after_a_preposition_is_not_the_one_acting(
        myanmar: Extractor, text: str, expected: list[tuple[str, str]]) -> None:
    assert changes(myanmar, text) == expected


@pytest.mark.parametrize("text", [
    "The AA has declared its ambition to take control of Sittwe.",
    "The TNLA vowed to capture Lashio within weeks.",
    "The MNDAA has seized almost complete control of Lashio, residents said.",
    "The alliance took nearly all of Lashio by Sunday but fighting went on.",
    "The Arakan Army launched the offensive in May, taking six months to reach Maungdaw.",
    "The AA seized three military camps and a battalion headquarters in Buthidaung Township on Monday.",
    "Resistance fighters seized the regional command in Lashio on Saturday.",
    "MNDAA fighters walk past a base after seizing it during clashes in Laukkaing Township on Friday.",
])
def test_what_is_not_a_town_changing_hands(myanmar: Extractor, text: str) -> None:
    assert changes(myanmar, text) == []


@pytest.mark.parametrize("text, expected", [
    ("The Arakan Army captured Buthidaung Township on Saturday.", [("Buthidaung Township", "aa")]),
    ("AA troops now control Maungdaw Township, the group said.", [("Maungdaw Township", "aa")]),
    ("The AA said on Monday it had captured Kyauktaw. The township had been under siege since November.",
     [("Kyauktaw", "aa")]),
    ("Resistance forces seized Falam township in Chin State on Sunday.", [("Falam", "pdf")]),
])
def test_a_township_is_named_as_the_press_names_it(myanmar: Extractor, text: str,
                                                   expected: list[tuple[str, str]]) -> None:
    assert changes(myanmar, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Kunlong, where the district junta administration is based, fell to the alliance on Sunday.",
     [("Kunlong", "brotherhood")]),
    ("Lashio, where the Northeastern Command is headquartered, was captured by the MNDAA in August.",
     [("Lashio", "mndaa")]),
    ("Myawaddy, which handles most trade with Thailand, was seized by the KNU on Thursday.",
     [("Myawaddy", "knla")]),
])
def test_a_relative_clause_between_a_town_and_its_verb_is_no_other_subject(
        myanmar: Extractor, text: str, expected: list[tuple[str, str]]) -> None:
    assert changes(myanmar, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The Chin National Army raised its flag over Tedim on Monday.", [("Tedim", "chin")]),
    ("TNLA fighters hoisted their flag above Namhsan on Sunday.", [("Namhsan", "tnla")]),
    ("The KNU's flag was raised over Myawaddy on Thursday.", [("Myawaddy", "knla")]),
])
def test_raising_a_flag_over_a_town_takes_it(myanmar: Extractor, text: str,
                                            expected: list[tuple[str, str]]) -> None:
    assert changes(myanmar, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The KIA briefly occupied Mongmit in November.", [("Mongmit", "kia")]),
    ("Kachin Independence Army troops occupied Mabein on Monday.", [("Mabein", "kia")]),
    ("Hsipaw was occupied by the TNLA on Sunday.", [("Hsipaw", "tnla")]),
])
def test_occupying_a_town_takes_it(myanmar: Extractor, text: str, expected: list[tuple[str, str]]) -> None:
    assert changes(myanmar, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The Arakan Army controls Paletwa.", [("Paletwa", "aa", "holding")]),
    ("Buthidaung is now held by the AA.", [("Buthidaung", "aa", "holding")]),
    ("The AA says it has complete control of Buthidaung Township.", [("Buthidaung Township", "aa", "holding")]),
    ("The junta still holds Sittwe.", []),  # the incumbent holding a place is no change
    ("Sittwe remains under the control of the regime.", []),
])
def test_a_statement_of_holding_is_a_holding_and_never_the_incumbents(
        myanmar: Extractor, text: str, expected: list[tuple[str, str, str]]) -> None:
    assert [(c.district, c.controller, c.kind) for c in records(myanmar, text)] == expected


@pytest.mark.parametrize("text, acting", [
    ("The MNDAA seized Laukkaing on Friday.", "mndaa"),
    ("Kunlong fell to the Three Brotherhood Alliance on Sunday.", "brotherhood"),
    ("Junta troops abandoned Kutkai to the TNLA on Monday.", "tnla"),
])
def test_the_party_named_taking_a_place_is_its_acting_party(myanmar: Extractor, text: str, acting: str) -> None:
    (c,) = records(myanmar, text)
    assert (c.acting_party, c.kind) == (acting, "change")


@pytest.mark.parametrize("text, expected", [
    ("Fighters loyal to the shadow government captured Kawlin early on Monday.", [("Kawlin", "pdf")]),
    ("Forces of the National Unity Government seized Kawlin on Monday.", [("Kawlin", "pdf")]),
    ("NUG troops took control of Kawlin on Monday, the parallel government said.", [("Kawlin", "pdf")]),
    ("The military government's troops retook Kawlin on Monday.", [("Kawlin", "military")]),
])
def test_the_shadow_government_is_not_the_government(myanmar: Extractor, text: str,
                                                     expected: list[tuple[str, str]]) -> None:
    assert changes(myanmar, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The TNLA says it has captured four towns: Namhsan, Mantong, Namtu and Kyaukme.",
     [("Namhsan", "tnla"), ("Mantong", "tnla"), ("Namtu", "tnla"), ("Kyaukme", "tnla")]),
    ("The AA has seized three townships, including Pauktaw, Minbya and Kyauktaw.",
     [("Pauktaw", "aa"), ("Minbya", "aa"), ("Kyauktaw", "aa")]),
    ("The alliance took two towns – Kunlong and Hsenwi – in its first week.",
     [("Kunlong", "brotherhood"), ("Hsenwi", "brotherhood")]),
])
def test_a_count_of_towns_then_their_names_takes_each_named(myanmar: Extractor, text: str,
                                                           expected: list[tuple[str, str]]) -> None:
    assert changes(myanmar, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The MNDAA pushed south on Sunday. The whole of Hsenwi is now under its control.",
     [("Hsenwi", "mndaa", "holding")]),
    ("AA fighters advanced on Monday, and Minbya is under their full control, residents said.",
     [("Minbya", "aa", "holding")]),
    ("The AA said its fighters now hold all of Ramree township.", [("Ramree", "aa", "holding")]),
    ("TNLA troops hold the whole of Namtu, the group said.", [("Namtu", "tnla", "holding")]),
])
def test_a_holding_told_by_a_pronoun_or_of_a_whole_town(myanmar: Extractor, text: str,
                                                      expected: list[tuple[str, str, str]]) -> None:
    assert [(c.district, c.controller, c.kind) for c in records(myanmar, text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("Tatmadaw columns have restored peace and stability in Myawaddy, the information team said.",
     [("Myawaddy", "military")]),
    ("Security forces have restored law and order in Myawaddy.", [("Myawaddy", "military")]),
    ("Security forces are now in full control of Myawaddy, state media said.", [("Myawaddy", "military")]),
    ("Junta troops are back in control of Myawaddy after the KNU withdrew.", [("Myawaddy", "military")]),
    ("Security forces remain in control of Sittwe, state media said.", []),
])
def test_the_incumbent_regaining_a_town_as_its_press_tells_it(myanmar: Extractor, text: str,
                                                             expected: list[tuple[str, str]]) -> None:
    assert changes(myanmar, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("Regime troops, border guard police and militias fighting alongside them still hold Maungdaw.", []),
    ("The military seized power in February 2021, and Lashio was its northern stronghold.", []),
    ("The MNDAA attacked the city for weeks. Regime aircraft have bombed Lashio since the city fell on August 3.",
     [("Lashio", "mndaa")]),
    # (Hpasawng is where the town lies, not what was taken; Mawchi, a town of the gazetteer, was)
    ("In Hpasawng Township, the KNDF took the mining town of Mawchi on Sunday.", [("Mawchi", "karenni")]),
    ("Fighting went on in Loikaw on Tuesday, a day after they overran several bases on its edge.", []),
])
def test_what_another_clause_tells_is_not_this_change(myanmar: Extractor, text: str,
                                                     expected: list[tuple[str, str]]) -> None:
    assert changes(myanmar, text) == expected



@pytest.mark.parametrize("text", [
    "The MNDAA claimed to have seized Laukkaing on Friday.",
    "The Arakan Army claims it has captured Buthidaung, the group said on Telegram.",
    "The TNLA claimed that its fighters had taken Namhsan on Sunday.",
    "Residents claimed that Namhsan had fallen on Sunday.",
])
def test_a_claimed_capture_is_a_claim_not_a_change(myanmar: Extractor, text: str) -> None:
    # as the Afghan gold reads it ("the Taliban claimed they had captured X": a claim only); the
    # claims module records the statement
    assert changes(myanmar, text) == []
