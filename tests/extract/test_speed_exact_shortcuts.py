"""Shortcuts of the second speed pass give the very answers of the slow ways they replace.

- a control trigger's pattern is compiled on first use, and the look-behinds of a party's names are
  tried only before the word that follows them: the same matches as the pattern built in full;
- the fast pipeline's blank English pipeline is built with the run-on infix in its defaults: the
  same tokenizer as `spacy.blank("en")` with the infix added afterwards;
- reading a report guesses its language and tells binary files apart by regular expressions for
  ASCII and a look at each character beyond it: the answers of a look at every character.
"""

from __future__ import annotations

import random
import re
import unicodedata
from pathlib import Path

import pytest
import spacy

from khabar.extract import control_triggers as ct
from khabar.extract import nlp
from khabar.ingest import files
from khabar.lang import en
from khabar.theatres.loader import load

THEATRES = ("afghanistan_2021", "myanmar_2021_24")
SAMPLES = Path(__file__).parents[1] / "samples"


def _sample_lines() -> list[str]:
    out = []
    for name in THEATRES:
        folder = Path(ct.__file__).parents[1] / "theatres" / name / "samples" / "corpus"
        for f in sorted(folder.glob("*.txt")) + sorted(SAMPLES.glob("*.txt")):
            out += [line for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    return out


@pytest.mark.parametrize("theatre", THEATRES)
def test_party_look_behinds_guarded_find_what_the_full_pattern_finds(theatre: str) -> None:
    lex = ct.Lexicon(load(theatre), ct.read_lexicon(load(theatre).path / "lexicon.csv"))
    guarded = [t for t in lex.triggers if "(?<=" in t.pattern and "(?=control)" in t.pattern]
    assert guarded, "the holding trigger names the rivals before 'control'"
    rivals = [n for n, who in lex.names.items() if who != lex.incumbent]
    own = f"The {rivals[0]} control the district. Government control of the city. They control it."
    checked = 0
    for t in guarded:
        full = re.compile(t.pattern.replace("(?=control)", ""), re.I)
        for line in [*_sample_lines(), own, own.upper()]:
            assert [m.span() for m in t.rx.finditer(line)] == [m.span() for m in full.finditer(line)], line
            checked += bool(full.search(line))
    assert checked > 3
    # and the guard keeps the look-behind's meaning: a rival's control is found, the incumbent's not
    spans = [m.group() for t in guarded for m in t.rx.finditer(own)]
    assert spans.count("control") == 2  # after the rival's name and after "They"


def test_trigger_patterns_are_compiled_on_first_use_and_all_by_compile(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ct, "_COMPILED", {})
    th = load("afghanistan_2021")
    lex = ct.Lexicon(th, ct.read_lexicon(th.path / "lexicon.csv"))
    assert ct._COMPILED == {}  # building a theatre's lexicon compiles no trigger
    assert ct.find_triggers("The weather stayed mild in the valley on Sunday.", lex) == []
    assert ct._COMPILED == {}  # a sentence without any trigger word compiles none
    found = ct.find_triggers("Insurgents captured the district centre on Sunday.", lex)
    assert [f.text for f in found] == ["captured"]
    assert 0 < len(ct._COMPILED) < len({t.pattern for t in lex.triggers})
    lex.compile()
    assert set(ct._COMPILED) == {t.pattern for t in lex.triggers}
    # compiled with the case-blind flag, as before
    assert all(rx.flags & re.I for rx in ct._COMPILED.values())
    assert len(en.CONTROL_PHRASES) == len(lex.triggers)


def test_fast_blank_english_is_the_blank_pipeline_with_the_run_on_infix() -> None:
    old = spacy.blank("en")
    nlp._split_run_on_sentences(old)
    new = nlp._blank_english()
    for attr in ("prefix_search", "suffix_search", "infix_finditer", "token_match", "url_match"):
        a, b = getattr(old.tokenizer, attr), getattr(new.tokenizer, attr)
        assert (a is None and b is None) or a.__self__.pattern == b.__self__.pattern, attr
    assert old.tokenizer.rules == new.tokenizer.rules  # type: ignore[union-attr]
    assert new.lang == "en" and new.config.to_str() == old.config.to_str()
    texts = ["Fighting went on in the area.Officials said the road was closed.",
             "The district fell.Residents fled toward the border on Monday, a spokesman said.",
             "U.S. envoys met in Doha on Aug. 12; talks ended.Both sides agreed to meet again."]
    for text in [*texts, *_sample_lines()[:400]]:
        assert [(t.text, t.whitespace_) for t in old(text)] == [(t.text, t.whitespace_) for t in new(text)]
    assert "Officials" in [t.text for t in new(texts[0])]  # "area.Officials" is split


def _language_by_character(text: str) -> str:
    sample = text[:5000]
    letters = [c for c in sample if c.isalpha()]
    words = re.findall(r"[A-Za-z']+", sample.lower())
    if not letters or len(words) < 3:
        return "und"
    if sum(c.isascii() for c in letters) / len(letters) < 0.9:
        return "und"
    return "en" if sum(w in files._STOP_WORDS for w in words) / len(words) >= 0.12 else "und"


def _binary_by_character(text: str) -> bool:
    sample = text[:8192]
    controls = sum(unicodedata.category(c) in ("Cc", "Cs", "Co", "Cn") and c not in "\t\n\r\f\v"
                   for c in sample)
    return controls > 0.05 * len(sample)


def test_language_and_binary_tests_agree_with_a_look_at_every_character() -> None:
    rng = random.Random(7)
    # ASCII with its controls, C1 controls, Latin and other letters, a surrogate, private use,
    # unassigned code points, the Kelvin sign, and English words
    pool = [chr(i) for i in range(0x300)] + [chr(i) for i in (0x85, 0xD800, 0xE000, 0x378, 0x212A,
                                                              0x130, 0x1000, 0x4E00, 0x627)]
    pool += list("the of and said in was ") * 30
    texts = ["".join(rng.choice(pool) for _ in range(rng.choice([0, 2, 40, 300, 6000, 9000])))
             for _ in range(600)]
    texts += ["Officials said the district fell to the insurgents on Sunday after heavy fighting.",
              "Les responsables ont dit que la ville est tombée dimanche.",
              "မြို့နယ်ကို တပ်များ သိမ်းယူခဲ့သည်။ The army said it held the town.",
              "The report\x00\x01\x02 was\x03\x04 cut\x05\x06" * 20, "\x1c\x1d\x1e\x1f" * 50 + "text"]
    for text in texts:
        assert files.guess_language(text) == _language_by_character(text), text[:60]
        assert files._looks_binary(text) == _binary_by_character(text), text[:60]
    assert files.guess_language(texts[-5]) == "en" and files._looks_binary(texts[-2])
