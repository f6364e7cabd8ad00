"""Quotations whatever marks a report prints them in, and whoever speaks them.

Every sentence here is written for the test, in the styles of wire services, Afghan, regional and
Myanmar outlets and analysis pieces; none is taken from a report.
"""

from __future__ import annotations

from datetime import date

import pytest

from khabar.extract.pipeline import Extractor
from khabar.extract.quotes import find_quotes
from khabar.records import Document, document_id


def quotes(extractor: Extractor, text: str) -> list[tuple[str | None, str]]:
    doc = Document(document_id(text), text, published=date(2021, 7, 9))
    return [(q.speaker, q.text) for q in extractor.extract(doc).quotes]


def check(extractor: Extractor, text: str, want: list[tuple[str, str]]) -> None:
    """The quotations of a text are `want`, in order: exact words, a speaker holding the name."""
    got = quotes(extractor, text)
    assert [t for _, t in got] == [t for _, t in want], (text, got)
    for (speaker, _), (name, _) in zip(got, want, strict=True):
        assert name in (speaker or ""), (text, got)


# -- marks ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "want"), [
    # single curly marks (South Asian outlets)
    ("\u2018We pulled back to spare the civilians in the bazaar,\u2019 said Abdul Karim Nazari, a member of "
     "the provincial council.", [("Abdul Karim Nazari", "We pulled back to spare the civilians in the bazaar")]),
    ("\u2018After two days of clashes the police left the district centre. Now the whole valley is in their "
     "hands\u2019, said Fazel Haq Rahimi, a local elder.",
     [("Fazel Haq Rahimi", "After two days of clashes the police left the district centre. Now the whole "
                           "valley is in their hands")]),
    ("\u2018Our soldiers\u2019 families have not been paid for months,\u2019 Brigadier Ahmad Shah Karimi told "
     "the channel.", [("Ahmad Shah Karimi", "Our soldiers\u2019 families have not been paid for months")]),
    # guillemets (translated Russian and Central Asian wires)
    ("\u00abThe situation on our southern border is fully under control,\u00bb Defence Minister Sherali Mirzo "
     "told reporters in Dushanbe.", [("Sherali Mirzo", "The situation on our southern border is fully under "
                                                        "control")]),
    ("Maria Zakharova told a briefing: \u00abWe call on all the Afghan sides to sit at the negotiating "
     "table.\u00bb", [("Maria Zakharova", "We call on all the Afghan sides to sit at the negotiating table.")]),
    ("\u00abThe talks in the Qatari capital were useful,\u00bb Zamir Kabulov said, \u00abbut nobody expects a "
     "deal this month.\u00bb", [("Zamir Kabulov", "The talks in the Qatari capital were useful"),
                                ("Zamir Kabulov", "but nobody expects a deal this month.")]),
    # reversed and low-high marks
    ("\u201dOur fighters entered the city without resistance,\u201d Taliban spokesman Zabihullah Mujahid "
     "wrote on Twitter.", [("Zabihullah Mujahid", "Our fighters entered the city without resistance")]),
    ("\u201eThe government has lost the initiative in the north,\u201c said analyst Ahmad Saeedi.",
     [("Ahmad Saeedi", "The government has lost the initiative in the north")]),
    ("\u201cWe are still holding the airport,\u201c the governor, Abdul Qayum Rahimi, said by telephone.",
     [("Abdul Qayum Rahimi", "We are still holding the airport")]),
    # straight single marks
    ("'We are ready to hold talks with anyone who wants peace,' Suhail Shaheen told the BBC on Friday.",
     [("Suhail Shaheen", "We are ready to hold talks with anyone who wants peace")]),
    ("'The soldiers left their posts before dawn,' said Mohammad Ismail, a shopkeeper in the town's "
     "bazaar.", [("Mohammad Ismail", "The soldiers left their posts before dawn")]),
    ("'The border crossing stays shut until further notice,' Tolo News quoted Abdul Salam Jawad as "
     "saying.", [("Abdul Salam Jawad", "The border crossing stays shut until further notice")]),
])
def test_a_quotation_in_any_marks_is_found_and_attributed(any_extractor: Extractor, text: str,
                                                          want: list[tuple[str, str]]) -> None:
    check(any_extractor, text, want)


def test_apostrophes_and_possessives_open_no_quotation() -> None:
    for text in ("The militants' commanders met the elders in the district's main mosque on Monday.",
                 "The soldiers\u2019 families said the Taliban\u2019s offer was not trusted in the '90s either.",
                 "Rock 'n' roll is banned, the fighters' leaders told the shopkeepers."):
        assert [q.text for q in find_quotes(text)] == [], text


def test_an_unbalanced_mark_is_no_quotation() -> None:
    for text in ("\u201cThe road to the north is open, the commander said on Monday.\n\nHe left for the front.",
                 "The \u00abnew front line runs along the river, officials said.",
                 "Residents said the \u201cshelling went on all night. The police said it had stopped."):
        assert find_quotes(text) == [], text


def test_a_quotation_over_paragraphs_is_one_record_a_paragraph(any_extractor: Extractor) -> None:
    for text, name in (
            ("Amrullah Saleh, the first vice president, spoke on Sunday.\n\n\u201cWe will not bow to "
             "terrorists. We will never surrender.\n\n\u201cThe people stand with their forces,\u201d he said.",
             "Amrullah Saleh"),
            ("The police chief, Abdul Hadi Rasooli, described the night.\n\n\u00abThey came from three sides "
             "at once.\n\n\u00abBy morning they had gone,\u00bb he said.", "Abdul Hadi Rasooli"),
            ("Commander Saw Kler Doh spoke to reporters in the hills.\n\n'We took the camp before dawn.\n\n"
             "'Nobody was hurt on our side,' he said.", "Saw Kler Doh")):
        got = quotes(any_extractor, text)
        assert len(got) == 2 and all(name in (s or "") for s, _ in got), (text, got)


@pytest.mark.parametrize("text", [
    "The so-called \u201cIslamic Emirate\u201d has promised an amnesty, while the \u201cforever war\u201d ends.",
    "The US began withdrawing its troops from the \u2018graveyard of empires\u2019 in May.",
    "Analysts call the road the \u00abhighway of death\u00bb, and traders avoid it after dark.",
])
def test_scare_quotes_in_any_marks_have_no_speaker(any_extractor: Extractor, text: str) -> None:
    assert quotes(any_extractor, text) == []


# -- phrases inside reported speech -----------------------------------------------------------


@pytest.mark.parametrize(("text", "want"), [
    # a speech verb whose clause holds the phrase: its subject's words
    ("Interior ministry spokesman Tariq Arian told reporters in Kabul that the forces were \u201cregrouping\u201d "
     "near the city.", [("Tariq Arian", "regrouping")]),
    ("Provincial council member Abdul Karim Khaksar told Pajhwok Afghan News that the security forces had "
     "\u201cabandoned\u201d their posts.", [("Abdul Karim Khaksar", "abandoned")]),
    ("The Taliban said their fighters had \u201cliberated\u201d the district from the \u201cpuppet "
     "administration\u201d.", [("Taliban", "liberated"), ("Taliban", "puppet administration")]),
    ("Kabulov said the talks with the delegation had been \u201cuseful\u201d and \u201cfrank\u201d.",
     [("Kabulov", "useful"), ("Kabulov", "frank")]),
    # the phrase is the verb's own complement
    ("President Ashraf Ghani vowed to \u201cdefend every inch\u201d of the country.",
     [("Ashraf Ghani", "defend every inch")]),
    ("Tajik President Emomali Rahmon urged the Afghan sides \u201cto show restraint\u201d.",
     [("Emomali Rahmon", "to show restraint")]),
    ("Russian envoy Zamir Kabulov said Moscow would not send troops, but warned of \u00abserious "
     "consequences\u00bb if the border were crossed.", [("Zamir Kabulov", "serious consequences")]),
    ("The Foreign Office spokesperson termed the allegations \u2018baseless\u2019 and \u2018unfortunate\u2019.",
     [("Foreign Office", "baseless"), ("Foreign Office", "unfortunate")]),
])
def test_a_phrase_of_reported_speech_is_the_speakers(any_extractor: Extractor, text: str,
                                                     want: list[tuple[str, str]]) -> None:
    check(any_extractor, text, want)


@pytest.mark.parametrize("text", [
    "Since April, when President Joe Biden announced the end of the \u201cforever war\u201d, the group has "
    "taken dozens of districts.",
    "Hundreds of families fled along the \u201cdeath road\u201d towards the provincial capital on Sunday.",
    "He noted that both countries, being part of the \u201cTroika Plus\u201d group, had a role to play.",
])
def test_a_phrase_that_names_something_is_no_ones_words(any_extractor: Extractor, text: str) -> None:
    assert quotes(any_extractor, text) == []


@pytest.mark.parametrize(("text", "want"), [
    # an attribution closing the sentence holds every quotation in it
    ("The ministers will discuss \u201cregional security\u201d and the \u201cpath to a settlement\u201d, the "
     "Chinese foreign ministry said.", [("foreign ministry", "regional security"),
                                        ("foreign ministry", "path to a settlement")]),
    ("The militants were \u201cdriven back with heavy casualties\u201d, according to Jamshid Khan, a local "
     "official.", [("Jamshid Khan", "driven back with heavy casualties")]),
    ("According to provincial police spokesman Abdul Ahad Walizada, the insurgents suffered \u201cheavy "
     "losses\u201d in the clash.", [("Abdul Ahad Walizada", "heavy losses")]),
    # reported speech keeps its speaker when a source follows
    ("Wang told the visitors that Beijing saw the movement as \u201ca key force in the country\u201d, according "
     "to a statement from the Chinese foreign ministry.", [("Wang", "a key force in the country")]),
])
def test_an_attribution_anywhere_in_the_sentence(any_extractor: Extractor, text: str,
                                                 want: list[tuple[str, str]]) -> None:
    check(any_extractor, text, want)


# -- speakers --------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "want"), [
    # a name beside a role
    ("Taliban spokesman Zabihullah Mujahid said: \u201cThe district is under our control and the people are "
     "safe.\u201d", [("Zabihullah Mujahid", "The district is under our control and the people are safe.")]),
    ("\u201cOur forces will retake every district they lost,\u201d Rohullah Ahmadzai, a spokesman for the "
     "defence ministry, told Reuters.", [("Rohullah Ahmadzai", "Our forces will retake every district they lost")]),
    ("\u201cThe situation is stable,\u201d the governor of Kandahar, Rohullah Khanzada, told reporters on "
     "Monday.", [("Rohullah Khanzada", "The situation is stable")]),
    ("Speaking to a local channel, Colonel Min Htet Aung, deputy commander of the border police, said, "
     "\u201cOur men are on alert along the river.\u201d", [("Min Htet Aung", "Our men are on alert along the river.")]),
    # the NER may cut a name where a place's name goes on with it
    ("The district chief, Gul Ahmad Wardak, said the army had made a \u2018tactical retreat\u2019 from the "
     "town.", [("Gul Ahmad Wardak", "tactical retreat")]),
    ("Local media quoted Abdul Wahid Logari as saying: \u201cThe district has been handed over without a "
     "fight.\u201d", [("Abdul Wahid Logari", "The district has been handed over without a fight.")]),
    # described, not named
    ("\u201cThe district centre was handed over after talks with elders,\u201d said a senior Afghan official, "
     "who asked not to be named.", [("official", "The district centre was handed over after talks with elders")]),
    ("\u201cWe were told to hand over our weapons,\u201d said a soldier in Ghazni who gave his name as Abdul "
     "Rahim.", [("Abdul Rahim", "We were told to hand over our weapons")]),
    # adjuncts are not the speaker
    ("Security officials, without confirming the loss of the districts, said \u201cthe forces have made a "
     "tactical retreat\u201d.", [("Security officials", "the forces have made a tactical retreat")]),
    ("China\u2019s Foreign Minister Wang Yi last month, in a phone call with his Afghan counterpart, offered "
     "\u201cto host talks between the Afghan parties.\u201d", [("Wang Yi", "to host talks between the Afghan parties.")]),
])
def test_the_speaker_is_the_name_beside_the_role(any_extractor: Extractor, text: str,
                                                 want: list[tuple[str, str]]) -> None:
    check(any_extractor, text, want)


@pytest.mark.parametrize(("text", "want"), [
    # "the spokesman" is the last spokesman, named or described
    ("Afghan forces retook two districts overnight, an army spokesman said on Monday.\n\n\u201cThe enemy fled "
     "towards the hills,\u201d the spokesman told the agency.", [("army spokesman", "The enemy fled towards the hills")]),
    ("Mohammad Naeem, a spokesman for the group's political office, spoke on Friday. Later Abdul Salam "
     "Hanafi met the envoys.\n\n\u201cThe road to the border is open,\u201d the spokesman said.",
     [("Mohammad Naeem", "The road to the border is open")]),
    ("Acting defence minister Bismillah Khan Mohammadi toured the base. \u201cWe are not alone in this "
     "fight,\u201d the minister said.", [("Bismillah Khan Mohammadi", "We are not alone in this fight")]),
    # "he" across sentences and paragraphs
    ("Herat governor Abdul Saboor Qani visited the front line on Sunday. He called on residents to stay calm."
     "\n\n\u201cThe city will not fall,\u201d he told local television.", [("Abdul Saboor Qani", "The city will not fall")]),
    ("Taliban spokesman Zabihullah Mujahid confirmed Stanikzai\u2019s visit to the capital. But he gave no "
     "details, saying only that the delegation met \u201csome Afghan personalities\u201d.",
     [("Zabihullah Mujahid", "some Afghan personalities")]),
    ("US President Joe Biden on Thursday defended the withdrawal, though he admitted that it was \u201chighly "
     "unlikely\u201d the government would hold every province.", [("Joe Biden", "highly unlikely")]),
    # "it" and "the statement": the body that spoke
    ("\u201cThe president's visit will highlight the partnership,\u201d the White House said in a statement.\n\n"
     "\u201cWe will remain engaged with the government in Kabul,\u201d it said.",
     [("White House", "The president's visit will highlight the partnership"),
      ("White House", "We will remain engaged with the government in Kabul")]),
    ("A statement from the presidential palace said the president had held \u201cproductive talks\u201d with "
     "the envoys.", [("presidential palace", "productive talks")]),
    ("The Arakan Army urged residents to leave. In a statement, the ethnic army told people to move to safer "
     "areas, saying it would attack the regime\u2019s positions \u201cat any time\u201d.",
     [("army", "at any time")]),
])
def test_the_spokesman_he_it_and_the_statement_resolve(any_extractor: Extractor, text: str,
                                                       want: list[tuple[str, str]]) -> None:
    check(any_extractor, text, want)


@pytest.mark.parametrize(("text", "want"), [
    ("Taliban spokesman Zabihullah Mujahid said in a statement:\n\n\u201cThe Islamic Emirate assures all "
     "embassies and aid groups that they will not be harmed.\u201d",
     [("Zabihullah Mujahid", "The Islamic Emirate assures all embassies and aid groups that they will not be "
                             "harmed.")]),
    ("Abdul Qadir Tahiri, a district council member, said the Taliban had entered the town at dawn. \u201cThe "
     "soldiers had no ammunition left.\u201d", [("Abdul Qadir Tahiri", "The soldiers had no ammunition left.")]),
    ("Saw Kler Doh, a commander of the brigade, said the camp fell before dawn. \u201cNobody on our side was "
     "hurt.\u201d", [("Saw Kler Doh", "Nobody on our side was hurt.")]),
    # the attribution in the next sentence
    ("\u201cWe have opened the gates to traders again.\u201d Taliban spokesman Zabihullah Mujahid said in a "
     "tweet.", [("Zabihullah Mujahid", "We have opened the gates to traders again.")]),
    ("\u201cThe fighting is now inside the city.\u201d This was said by Ahmad Jawed Mujaddidi, a member of the "
     "provincial council.", [("Ahmad Jawed Mujaddidi", "The fighting is now inside the city.")]),
])
def test_a_quotation_standing_alone_takes_the_speaker_beside_it(any_extractor: Extractor, text: str,
                                                               want: list[tuple[str, str]]) -> None:
    check(any_extractor, text, want)


def test_a_quotation_printed_twice_is_one_record(any_extractor: Extractor) -> None:
    for text, name, words in (
            ("Moscow urged all sides to \u201cshow restraint\u201d.\n\nForeign ministry spokeswoman Maria "
             "Zakharova said Moscow urges all sides to \u201cshow restraint\u201d.", "Zakharova", "show restraint"),
            ("The former minister wrote, \u201cThe resistance lives!\u201d\n\nIn a tweet, Bismillah Mohammadi "
             "wrote: \u201cThree districts are free again. The resistance lives!\u201d", "Mohammadi",
             "Three districts are free again. The resistance lives!"),
            ("Uzbekistan says 46 aircraft \u2018forcibly landed\u2019\n\nThe statement from the state prosecutor "
             "said the planes were \u201cforcibly landed\u201d at Termez.", "prosecutor", "forcibly landed")):
        got = quotes(any_extractor, text)
        assert [t for _, t in got] == [words] and name in (got[0][0] or ""), (text, got)


def test_a_plural_noun_in_marks_in_plain_sourcing_is_a_scare_quote(any_extractor: Extractor) -> None:
    for text in ("Residents said the fighters had set up \u201ccheckpoints\u201d on the highway.",
                 "Local officials said the insurgents now run \u201ccourts\u201d in the villages.",
                 "Villagers said the militants had opened \u201coffices\u201d in the district centre."):
        assert quotes(any_extractor, text) == [], text
    # a named speaker's word is theirs
    check(any_extractor, "Zabihullah Mujahid said the group's fighters had only \u201cguests\u201d in the city.",
          [("Zabihullah Mujahid", "guests")])


@pytest.mark.parametrize(("text", "want"), [
    ("The ambassador to Beijing, Javid Ahmad Qaem, was quoted as telling local media that the talks were "
     "\u201ca good start\u201d.", [("Javid Ahmad Qaem", "a good start")]),
    ("Governor Daud Laghmani was quoted as saying that the city was \u201ccalm but tense\u201d.",
     [("Daud Laghmani", "calm but tense")]),
    ("Kabulov, Russia's envoy, was cited by the agency as saying the movement had \u201cno plans\u201d to cross "
     "the border.", [("Kabulov", "no plans")]),
])
def test_a_speaker_quoted_as_saying(any_extractor: Extractor, text: str, want: list[tuple[str, str]]) -> None:
    check(any_extractor, text, want)


@pytest.mark.parametrize(("text", "want"), [
    ("\u201cThe border crossing remains closed to all traffic,\u201d Ahmad Wali Haqmal pointed out.",
     [("Ahmad Wali Haqmal", "The border crossing remains closed to all traffic")]),
    ("Defence Minister Sherali Mirzo underscored: \u201cOur troops are ready for any turn of events.\u201d",
     [("Sherali Mirzo", "Our troops are ready for any turn of events.")]),
    ("\u201cWe have had no salary for four months,\u201d complained Gul Rahman, a police officer in the district.",
     [("Gul Rahman", "We have had no salary for four months")]),
    ("\u201cNobody will be punished for serving the old government,\u201d Mujahid assured reporters in Kabul.",
     [("Mujahid", "Nobody will be punished for serving the old government")]),
])
def test_any_attributing_verb_beside_a_quotation(any_extractor: Extractor, text: str,
                                                 want: list[tuple[str, str]]) -> None:
    check(any_extractor, text, want)
