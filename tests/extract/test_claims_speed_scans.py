"""The quick tests in front of the claim, quantity, assessment and quote patterns skip only what
cannot match.

A `Scan` looks for its pattern in the lowercased sentence and confirms each find with the pattern
itself; the word lists in front of the quantity and assessment patterns let a sentence without
any of their words skip them. The matches must be the very ones the patterns alone give, on the
bundled sample reports, generated reports and unusual letters.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from khabar.bench.generate import generate_reports
from khabar.extract import assessments, claims, quantities, quotes
from khabar.extract.lowscan import Scan, lowered
from khabar.extract.sentences import Context
from khabar.lang import en
from khabar.theatres.loader import load

CORPUS = Path(__file__).parents[2] / "khabar/theatres/afghanistan_2021/samples/corpus"
SAMPLES = Path(__file__).parents[1] / "samples"
# one line for each pattern, written for this test
WRITTEN = [
    "The Taliban DENIED that Gereshk had fallen, calling such reports baseless propaganda.",
    "Officials rejected the claim as false; the group's claims that it held Musa Qala were dismissed.",
    "A spokesman said on Tuesday that they now controlled 85 percent of the territory.",
    "The ministry said 41 Taliban fighters were killed and 12 others wounded near Nawa.",
    "At least 23 districts have fallen since May 1, and the government has retaken 17 of those.",
    "Kunduz became the ninth provincial capital to fall; 12 districts remain contested.",
    "The number of districts under Taliban control rose to 150, the tracker said.",
    "The militants captured at least 20 districts and held 215 of the country's 421 districts.",
    "They claimed two-thirds of the border, some 1,200 km, and dozens of soldiers surrendered.",
    "ſaid İstanbul K unclaimed “The claim is untrue,” he said, citing Reuters.",
    "The group took responsibility for the attack, the Kabul administration's claims that it fled aside.",
]


def _lines() -> list[str]:
    files = sorted(CORPUS.glob("*.txt")) + sorted(SAMPLES.glob("*.txt"))
    texts = [f.read_text(encoding="utf-8") for f in files]
    texts += [d.text for d in generate_reports(40, 7)]
    lines = [line for t in texts for line in t.splitlines() if line.strip()]
    return lines + WRITTEN


LINES = _lines()


def _scans() -> list[tuple[str, Scan]]:
    out = []
    for mod in (claims, quotes):
        for name, value in vars(mod).items():
            if isinstance(value, Scan):
                out.append((f"{mod.__name__}.{name}", value))
    out += [(f"claims.triggers[{stance}]", scan) for stance, scan in claims._trigger_scans(load())]
    return out


@pytest.mark.parametrize("name,scan", _scans(), ids=[n for n, _ in _scans()])
def test_scan_finds_what_its_pattern_finds(name: str, scan: Scan) -> None:
    seen = 0
    for line in LINES:
        low = lowered(line)
        want = [(m.span(), m.group()) for m in scan.exact.finditer(line)]
        assert [(m.span(), m.group()) for m in scan.finditer(line, low)] == want, (name, line)
        first = scan.search(line, low)
        assert (first.span() if first else None) == (want[0][0] if want else None), (name, line)
        for _, text in want if low is not None else ():  # unusual letters: the pattern alone
            assert any(n in text.lower() for n in scan.needles) or not scan.needles, (name, text)
            assert not scan.starts or text.lower().startswith(scan.starts), (name, text)
        seen += len(want)
    assert seen > 0, f"{name}: no line to check it on"


def test_lowered_text_keeps_offsets_or_is_none() -> None:
    assert lowered("Said He") == "said he"
    assert lowered("İstanbul") is None  # lowercases to two characters: offsets would move
    assert lowered("ſaid") is None  # long s: re.IGNORECASE reads it as s, str.lower() does not


def test_scan_refuses_a_pattern_that_reads_otherwise_lowercased() -> None:
    with pytest.raises(ValueError, match="must read the same lowercased"):
        Scan(r"\b[A-Z]\w+\s+said")


def _holds(text: str, gate: tuple[str, ...] | re.Pattern[str]) -> bool:
    low = text.lower()
    return bool(gate.search(low)) if isinstance(gate, re.Pattern) else any(w in low for w in gate)


GATES = [
    ("quantities._PERCENT", quantities._PERCENT, quantities._PERCENT_WORDS),
    ("quantities._FRACTION", quantities._FRACTION, quantities._FRACTION_WORDS),
    ("quantities._DISTRICTS", quantities._DISTRICTS, ("districts",)),
    ("quantities._LENGTH", quantities._LENGTH, quantities._LENGTH_WORDS),
    ("assessments._UNIT_WORD", assessments._UNIT_WORD, assessments._UNIT_WORDS),
    ("assessments._count_pattern", assessments._count_pattern(load()), assessments._TOTAL_UNIT),
    ("assessments._CONTESTED", assessments._CONTESTED, ("contested",)),
    ("assessments._RETAKEN", assessments._RETAKEN, assessments._RETAKEN_WORDS),
    ("assessments._FLOW", assessments._FLOW, assessments._FALL_WORDS),
    ("assessments._ORDINAL", assessments._ORDINAL, assessments._ORDINAL_UNIT),
    ("assessments._CAPTURED", assessments._CAPTURED, assessments._CAPTURED_WORDS),
    ("assessments._NUMBER_OF", assessments._NUMBER_OF, ("number of",)),
    ("claims killed N", claims._casualties(load())[1], claims._CASUALTY_NEEDLES),
]


@pytest.mark.parametrize("name,rx,gate", GATES, ids=[g[0] for g in GATES])
def test_every_match_holds_the_words_its_pattern_is_skipped_without(
        name: str, rx: re.Pattern[str], gate: tuple[str, ...] | re.Pattern[str]) -> None:
    seen = 0
    for line in LINES:
        for m in rx.finditer(line):
            assert _holds(m.group(), gate), (name, m.group())
            seen += 1
    assert seen > 0, f"{name}: no line to check it on"


def test_a_people_count_and_a_casualty_need_a_verb_of_the_gate() -> None:
    verbs = 0
    for line in LINES:
        m = quantities._PEOPLE.search(line)
        if m and re.search(r"kill|dead|wound|injur|captur|surrender|cross|fled|arrest",
                           m["rest"] + m["who"], re.I):
            assert _holds(m.group(), quantities._PEOPLE_VERBS), m.group()
            verbs += 1
        for c in claims._casualties(load())[0].finditer(line):
            v = claims._CASUALTY_VERB.search(c["rest"])
            if v is not None:
                assert _holds(v.group(), claims._CASUALTY_NEEDLES), v.group()
                verbs += 1
    assert verbs > 0


def test_an_outlet_before_said_is_found_as_by_one_pattern_of_all_names() -> None:
    theatre = load()
    ctx = Context(theatre)
    names = {n.lower() for o in theatre.outlets for n in (o.name, *o.aliases) if len(n) > 2}
    names |= {w.lower() for w in en.WIRES}
    one = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
                     + r")\b")
    found = 0
    for line in LINES + ["Fighting went on, Reuters said.", "the (RFE/RL) said", "Tolonews' said"]:
        for m in re.finditer(r"\bsaid\b", line):
            want = one.search(line[max(0, m.start() - 45):m.start()].lower()) is not None
            assert claims._is_outlet(line, m.start(), ctx) == want, line
            found += want
    assert found > 0
