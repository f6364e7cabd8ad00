"""Cheap gates in the extractors (issue 15): work skipped on a sentence where it cannot change the
answer. Each gate must keep every record: the claims of two clauses told apart by the clause
breaks (found now only once a second claim is to be placed), "NAME, a ..., told": he, in the next
sentence (the pattern now read only where two commas stand and no person is named), a place named
without a trigger still the "it" of the next sentence, and each control trigger read by a Scan of
the lowercased sentence (the very matches of its pattern). Sentences written for these tests, in
wire, regional and Afghan outlets' styles."""

from __future__ import annotations

from datetime import date

import pytest

from khabar.extract import claims
from khabar.extract.pipeline import Extractor
from khabar.records import Document, Extraction


def _extract(extractor: Extractor, text: str) -> Extraction:
    return extractor.extract(Document(id="t", text=text, published=date(2021, 7, 15)))


@pytest.mark.parametrize("text, want", [
    ("The insurgents claimed they had captured Chahar Dara district on Tuesday, but the defence ministry "
     "denied the claim and said its troops still held the area.",  # wire
     [("asserts", "Taliban"), ("denies", "defence ministry"), ("asserts", "defence ministry")]),
    ("Insurgent spokesman Zabihullah Mujahid said the group had seized Khanabad, while a provincial "
     "official rejected the report as propaganda.",  # regional
     [("asserts", "Zabihullah Mujahid"), ("disputes", "provincial official")]),
])
def test_two_clauses_keep_two_claims(any_extractor: Extractor, text: str, want: list[tuple[str, str]]) -> None:
    got = [(c.stance, c.claimant) for c in _extract(any_extractor, text).claims]
    assert got == want


@pytest.mark.parametrize("text, who", [
    ("Gul Ahmad Noori, a member of the provincial council, told reporters the fighting had eased by "
     "evening. He said the district centre remained under government control.", "Gul Ahmad Noori"),  # Afghan
    ("Shir Mohammad Karimi, the deputy governor of the province, told a news conference that "
     "reinforcements had arrived. He claimed security forces had retaken Khanabad district.",
     "Shir Mohammad Karimi"),  # wire
])
def test_an_apposed_speaker_is_he_in_the_next_sentence(any_extractor: Extractor, text: str, who: str) -> None:
    got = _extract(any_extractor, text).claims
    assert [c.claimant for c in got] == [who]


@pytest.mark.parametrize("text", [
    "Noor Rahman Sadat, a former police chief in the province, said the roads were closed.",
    "Noor Rahman Sadat, the head of the council , told Pajhwok the talks would resume.",
    "The ministry said on Monday, as it had before, that the convoy reached Kunduz; aid groups, a "
    "coalition of charities, said it had not.",
])
def test_the_comma_gate_passes_every_text_the_pattern_reads(text: str) -> None:
    # the gate reads the pattern only where two commas stand; wherever it matches they do
    assert claims._APPOSED_SPEAKER.search(text) is None or text.count(",") >= 2
    one_comma = text.replace(",", "", text.count(",") - 1)
    assert claims._APPOSED_SPEAKER.search(one_comma) is None


@pytest.mark.parametrize("text", [
    "Local elders said the district was calm; the governor, however, said fighting went on, while "
    "residents said \"the town, and the market, are empty\".",
    "No comma here at all",
    "Officials insisted, though, that the base held",
])
def test_the_clause_breaks_are_the_same_found_once_or_again(text: str) -> None:
    claims._breaks.cache_clear()
    first = claims._match_breaks(text)
    assert claims._match_breaks(text) == first
    claims._breaks.cache_clear()
    assert claims._match_breaks(text) == first
    assert all(text[b] in ",; " or text[b:b + 1].isspace() or b == 0 for b in first)


@pytest.mark.parametrize("text, place", [
    ("Khanabad district sits on the main road north of the provincial capital. It fell to the insurgents "
     "on Sunday morning, officials said.", "Khanabad"),  # wire
    ("Chahar Dara district has seen weeks of heavy fighting. The insurgents captured it on Saturday, a "
     "local official said.", "Chahar Dara"),  # Afghan outlet
])
def test_a_place_in_a_sentence_with_no_trigger_is_the_it_of_the_next(any_extractor: Extractor, text: str,
                                                                     place: str) -> None:
    # the sentence without a trigger gives no change, but still names the place "it" means next
    got = _extract(any_extractor, text).control_changes
    assert [(c.district, c.controller) for c in got] == [(place, "taliban")]


_TRIGGER_SENTENCES = [
    "The insurgents captured Khanabad district on Sunday after security forces withdrew overnight.",
    "GOVERNMENT FORCES RETOOK THE DISTRICT CENTRE OF CHAHAR DARA, THE MINISTRY SAID.",
    "Resistance fighters overran a junta outpost and seized control of the township, the group said.",
    "Dand fell to the Taliban on Friday; troops still held the airport and were in full control of the town.",
    "The AA said it had taken control of Paletwa, which came under its control after weeks of fighting.",
    "Officials said the area remained under government control, though fighters had entered the bazaar.",
]


@pytest.mark.parametrize("theatre", ["afghanistan_2021", "myanmar"])
def test_each_control_trigger_scan_finds_what_its_pattern_finds(theatre: str) -> None:
    # find_triggers reads each trigger by a Scan of the lowercased text: the very matches of its pattern
    from khabar.extract.control_triggers import find_triggers, lexicon_for
    from khabar.extract.lowscan import lowered
    from khabar.theatres.loader import load

    lex = lexicon_for(load(theatre))
    hits = 0
    for text in _TRIGGER_SENTENCES + [s.swapcase() for s in _TRIGGER_SENTENCES]:
        low = lowered(text)
        assert low is not None
        for t in lex.triggers:
            assert t.scan is not None
            want = [(m.span(), m.group()) for m in t.rx.finditer(text)]
            assert [(m.span(), m.group()) for m in t.scan.finditer(text, low)] == want
            hits += len(want)
        # a text whose offsets lowering would move is read by the pattern itself, to the same triggers
        odd = text + " Kad\u0131koy."
        assert [(f.start, f.text) for f in find_triggers(odd, lex)] == [(f.start, f.text) for f in find_triggers(text, lex)]
    assert hits >= len(_TRIGGER_SENTENCES)  # the sentences do hold triggers


@pytest.mark.parametrize("text", [
    "Taliban fighters seized Tirin Kot, the capital of Uruzgan, on Friday, residents said.",  # wire
    "The provincial capital Tirin Kot fell to the insurgents late on Friday, officials said.",  # regional
    "Security forces retook Tirin Kot on Sunday after two days of clashes, the governor said.",  # Afghan
])
def test_a_two_word_name_the_ruler_cuts_short_is_still_read_whole(any_extractor: Extractor, text: str) -> None:
    # the spans of a sentence's places are now built only once a capitalised run needs them
    got = _extract(any_extractor, text).control_changes
    assert [c.district for c in got] == ["Tirin Kot"]


@pytest.mark.parametrize("text, who", [
    ("Fighters of the Taliban movement attacked checkpoints near Kunduz overnight. The group said its "
     "fighters had captured Khanabad district.", "Taliban"),  # wire
    ("The defence ministry and the Taliban traded blame for the attack. The group claimed its fighters "
     "now controlled the district centre of Dand.", "Taliban"),  # regional
    ("Hezb-e-Islami issued a statement late on Monday. The group denied that its members had taken "
     "part in the fighting.", "Hezb-e Islami"),  # Afghan
])
def test_the_group_is_the_movement_named_before(any_extractor: Extractor, text: str, who: str) -> None:
    # claims._note_groups reads each entity's words from the sentence text, not Span.text
    got = _extract(any_extractor, text)
    assert [c.claimant for c in got.claims] == [who]
