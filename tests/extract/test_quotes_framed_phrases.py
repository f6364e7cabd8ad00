"""Short phrases a speaker's reported words put in quotation marks are that speaker's quotes."""

from __future__ import annotations

from datetime import date

from khabar.extract.pipeline import Extractor
from khabar.records import Document, document_id


def quotes(extractor: Extractor, text: str) -> list[tuple[str | None, str]]:
    doc = Document(id="q", text=text, published=date(2021, 7, 9))
    return [(q.speaker, q.text) for q in extractor.extract(doc).quotes]


def test_every_phrase_of_reported_speech_is_the_speakers(any_extractor: Extractor) -> None:
    text = ("Foreign ministry spokeswoman Maria Zakharova spoke to reporters on Friday. She said that "
            'Moscow was ready to take "extra steps" to "stop any attack" on its ally Tajikistan.')
    assert quotes(any_extractor, text) == [("Maria Zakharova", "extra steps"),
                                           ("Maria Zakharova", "stop any attack")]


def test_a_phrase_someone_expresses_anger_over_is_theirs(any_extractor: Extractor) -> None:
    text = 'Prime Minister Imran Khan voiced anger over the "baseless accusations" made by the Afghan president.'
    assert quotes(any_extractor, text) == [("Imran Khan", "baseless accusations")]


def test_a_so_called_name_in_reported_speech_is_no_quote(any_extractor: Extractor) -> None:
    text = 'Officials said that the city was calm, but the so-called "Kabul front" was quiet.'
    assert quotes(any_extractor, text) == []


def test_a_phrase_in_what_someone_admitted_warned_or_was_saying_is_theirs(any_extractor: Extractor) -> None:
    for text, speaker in (
            ("US President Joe Biden admitted on Thursday that it was \u201chighly unlikely\u201d the "
             "government would hold every province.", "Biden"),
            ("Zabihullah Mujahid declined to give details, saying only that the delegation was meeting "
             "\u201cseveral Afghan personalities\u201d in Doha.", "Mujahid"),
            ("Sergei Lavrov warned that the fighting could bring \u201ca wave of refugees\u201d to the "
             "Central Asian states.", "Lavrov")):
        quotes = any_extractor.extract(Document(document_id(text), text, published=date(2021, 7, 9))).quotes
        assert len(quotes) == 1 and speaker in (quotes[0].speaker or ""), (text, quotes)


def test_he_said_is_the_speaker_not_the_one_his_words_were_about(fast_extractor: Extractor) -> None:
    for text, speaker in (
            ("Khatibzadeh said Deputy Foreign Minister Abbas Araghchi would visit the capital. \u201cWe support "
             "an inclusive government,\u201d he said.", "Khatibzadeh"),
            ("Zabihullah Mujahid said commander Qari Fasihuddin had reached the valley. \u201cThe road is open to "
             "everyone who wants peace,\u201d he said.", "Zabihullah Mujahid"),
            ("Maria Zakharova announced that President Vladimir Putin would attend the summit. \u201cThe border "
             "must stay calm,\u201d she said.", "Maria Zakharova")):
        (quote,) = fast_extractor.extract(Document(document_id(text), text, published=date(2021, 7, 9))).quotes
        assert speaker in (quote.speaker or ""), (text, quote.speaker)
