"""The quick word tests in front of the control, place and date patterns skip only what cannot match.

`find_triggers` runs a trigger's pattern only when the sentence has one of the trigger's words,
`find_dates` only the patterns whose digits or words the sentence has: the matches must be the
very ones the patterns alone give, on the bundled sample reports and on unusual letters.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from khabar.extract.control_triggers import TRIGGERS, find_triggers
from khabar.extract.dates import find_dates

CORPUS = Path(__file__).parents[2] / "khabar/theatres/afghanistan_2021/samples/corpus"
SAMPLES = Path(__file__).parents[1] / "samples"


def _texts() -> list[str]:
    files = sorted(CORPUS.glob("*.txt")) + sorted(SAMPLES.glob("*.txt"))
    return [f.read_text(encoding="utf-8") for f in files]


def test_every_trigger_match_holds_one_of_the_trigger_words() -> None:
    texts = _texts()
    assert len(texts) > 50
    seen = 0
    for t in TRIGGERS:
        for text in texts:
            for m in t.rx.finditer(text):
                words = set(re.findall(r"[a-z]+", m.group().lower()))
                assert words & t.words, (m.group(), sorted(t.words))
                seen += 1
    assert seen > 200


def _ungated(text: str) -> list[tuple[int, int, str]]:
    """Every trigger's pattern run on the text, first trigger first, as `find_triggers` keeps them."""
    found: list[tuple[int, int, str]] = []
    for t in TRIGGERS:
        for m in t.rx.finditer(text):
            if all(m.end() <= s or m.start() >= e for s, e, _ in found):
                found.append((m.start(), m.end(), m.group()))
    return sorted(found)


def test_find_triggers_finds_what_the_patterns_alone_find() -> None:
    for text in _texts():
        for line in text.splitlines():
            got = [(f.start, f.end, f.text) for f in find_triggers(line)]
            want = [x for x in _ungated(line)
                    if not x[2].lower().startswith("followed") or any(
                        y[0] < x[0] and not y[2].lower().startswith("followed") for y in _ungated(line))]
            # "followed" needs a Taliban trigger before it: check only that nothing else is lost
            assert {x for x in got if not x[2].lower().startswith("followed")} == \
                {x for x in want if not x[2].lower().startswith("followed")}, line


@pytest.mark.parametrize("text, found", [
    ("Insurgents seızed Sangin overnight.", "seızed"),  # a dotless i, which re.IGNORECASE folds to i
    ("The town was CAPTURED by the Taliban.", "CAPTURED"),
])
def test_triggers_survive_unusual_letters_and_capitals(text: str, found: str) -> None:
    assert [f.text for f in find_triggers(text)] == [found]


def test_a_sentence_without_trigger_words_has_no_trigger() -> None:
    assert find_triggers("Residents queued for bread in the bazaar of Gardez.") == []


@pytest.mark.parametrize("text, day", [
    ("Fighters reached the city on Sunday.", date(2021, 8, 15)),
    ("The district fell on 12 August.", date(2021, 8, 12)),
    ("It changed hands yesterday.", date(2021, 8, 16)),
    ("Shops reopened thıs morning.", date(2021, 8, 17)),  # dotless i: the word test must not skip it
    ("Two days later the garrison left, on the 14th.", None),
])
def test_find_dates_after_the_quick_tests(text: str, day: date | None) -> None:
    mentions = find_dates(text, date(2021, 8, 17))
    assert (mentions[0].value if mentions else None) == day


def test_a_sentence_without_digits_or_day_words_has_no_dates() -> None:
    assert find_dates("Elders met the governor to ask for calm.", date(2021, 8, 17)) == []
