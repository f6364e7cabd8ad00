"""Who speaks a quotation, whatever words stand around the speaker's name.

Every sentence here is written for the test, in the styles of wire services, Afghan, regional and
Myanmar outlets and analysis pieces; none is taken from a report.
"""

from __future__ import annotations

from datetime import date

import pytest

from khabar.extract.pipeline import Extractor
from khabar.records import Document, document_id


def quotes(extractor: Extractor, text: str) -> list[tuple[str, str]]:
    doc = Document(document_id(text), text, published=date(2021, 7, 9))
    return [(q.speaker, q.text) for q in extractor.extract(doc).quotes]


def check(extractor: Extractor, text: str, want: list[tuple[str, str]]) -> None:
    """The quotations of a text are `want`, in order: exact words, a speaker holding the name."""
    got = quotes(extractor, text)
    assert [t for _, t in got] == [t for _, t in want], (text, got)
    for (speaker, _), (name, _) in zip(got, want, strict=True):
        assert name in (speaker or ""), (text, got)


# -- where or how the words were said is not who said them ------------------------------------

@pytest.mark.parametrize(("text", "want"), [
    ('The Taliban in a statement said: "Our fighters have entered the district centre."',
     [("Taliban", "Our fighters have entered the district centre.")]),
    ("In a video message the Islamic Emirate said \u201cno one will be harmed in the city.\u201d",
     [("Islamic Emirate", "no one will be harmed in the city.")]),
    ('The NRF on Twitter wrote: "The valley has not fallen and will not fall."',
     [("NRF", "The valley has not fallen and will not fall.")]),
    ("The interior ministry, in a press conference on Sunday, said: \u201cThe highway is open again.\u201d",
     [("interior ministry", "The highway is open again.")]),
])
def test_the_medium_is_not_part_of_the_speaker(any_extractor: Extractor, text: str,
                                                want: list[tuple[str, str]]) -> None:
    got = quotes(any_extractor, text)
    check(any_extractor, text, want)
    for speaker, _ in got:
        assert not speaker.endswith((" in", " on")) and "statement" not in speaker and "Twitter" not in speaker


# -- "according to him", "who asked not to be named", "issued by" -------------------------------

@pytest.mark.parametrize(("text", "want"), [
    ('Army spokesman Ajmal Omar Shinwari confirmed the clashes. According to him, "the attackers fled '
     'towards the river."', [("Ajmal Omar Shinwari", "the attackers fled towards the river.")]),
    ("Provincial council member Nasima Hamidi spoke to the radio. According to her, \u201cthe hospital has "
     "run out of blood.\u201d", [("Nasima Hamidi", "the hospital has run out of blood.")]),
    ("Deputy governor Abdul Latif Ibrahimi visited the front line on Monday. According to him, \u2018the "
     "district centre is still ours.\u2019", [("Abdul Latif Ibrahimi", "the district centre is still ours.")]),
])
def test_according_to_him_is_the_last_person_named(any_extractor: Extractor, text: str,
                                                   want: list[tuple[str, str]]) -> None:
    check(any_extractor, text, want)


@pytest.mark.parametrize(("text", "want"), [
    ('A Taliban commander, who asked not to be named, said: "We will take the city within days."',
     [("Taliban commander", "We will take the city within days.")]),
    ("A border guard, who spoke on condition of anonymity, told reporters: \u201cThe crossing was shut at "
     "noon.\u201d", [("border guard", "The crossing was shut at noon.")]),
    ('The joint statement, issued by both delegations after the talks, said: "The two sides will meet '
     'again next month."', [("joint statement", "The two sides will meet again next month.")]),
    ("The communiqu\u00e9, released by the ministry late on Friday, said: \u201cAll roads to the north are "
     "open.\u201d", [("communiqu", "All roads to the north are open.")]),
])
def test_a_clause_about_the_speaker_is_not_the_speaker(any_extractor: Extractor, text: str,
                                                       want: list[tuple[str, str]]) -> None:
    got = quotes(any_extractor, text)
    check(any_extractor, text, want)
    assert not any(s.startswith(("who", "issued", "released")) for s, _ in got), got


# -- "quoted X, a role, as saying" -----------------------------------------------------------

@pytest.mark.parametrize(("text", "want"), [
    ("Tolo News quoted Ghulam Nabi Ahmadi, the head of the Zabul provincial council, as saying: "
     "\u201cThe fighting is close to the city.\u201d", [("Ghulam Nabi Ahmadi", "The fighting is close to the city.")]),
    ('The agency quoted Rahim Gul Safi, a tribal elder from the district, as saying: "The elders asked '
     'both sides to leave the bazaar."', [("Rahim Gul Safi", "The elders asked both sides to leave the bazaar.")]),
    ("State television quoted Abdul Wakil Hotak, a police commander in the south, as telling reporters: "
     "\u201cWe have cleared the highway.\u201d", [("Abdul Wakil Hotak", "We have cleared the highway.")]),
])
def test_quoted_as_saying_is_the_person_quoted(any_extractor: Extractor, text: str,
                                               want: list[tuple[str, str]]) -> None:
    check(any_extractor, text, want)


# -- a headline's quotation, then who said it --------------------------------------------------

@pytest.mark.parametrize(("text", "want"), [
    ("'We will defend Panjshir': Massoud vows to resist\n\nAhmad Massoud said on Sunday his fighters were "
     "ready.", [("Massoud", "We will defend Panjshir")]),
    ("\u201cThe north will hold\u201d \u2013 Governor Munir Farhad says reinforcements have arrived\n\n"
     "Reinforcements reached the city overnight, officials said.", [("Munir Farhad", "The north will hold")]),
    ('"Our soldiers did not flee": Ministry of Defence rejects reports of surrender\n\nThe ministry '
     'rejected the reports on Tuesday.', [("Ministry of Defence", "Our soldiers did not flee")]),
])
def test_a_headline_quotation_is_its_named_speakers(any_extractor: Extractor, text: str,
                                                    want: list[tuple[str, str]]) -> None:
    check(any_extractor, text, want)


# -- "the statement said" goes on with the body that issued it -------------------------------

@pytest.mark.parametrize(("text", "want"), [
    ('The Taliban said in a statement they had captured the district. "The mujahideen hold the centre '
     'and the police headquarters," the statement said.',
     [("Taliban", "The mujahideen hold the centre and the police headquarters")]),
    ("The National Resistance Front issued a statement on Saturday. It said the valley was calm. "
     "\u201cOur forces hold every pass,\u201d the statement added.", [("National Resistance Front",
                                                                      "Our forces hold every pass")]),
    ("In a statement, the Afghan Ministry of Defence said 40 militants were killed in Faryab. \u201cThe "
     "operations continue,\u201d the statement said.", [("Ministry of Defen", "The operations continue")]),
])
def test_the_statement_said_is_the_body_that_issued_it(any_extractor: Extractor, text: str,
                                                       want: list[tuple[str, str]]) -> None:
    check(any_extractor, text, want)


# -- a person of a body, and an apposition between dashes ------------------------------------

@pytest.mark.parametrize(("text", "want"), [
    ("Tar Kyaw Win of the Ta\u2019ang National Liberation Army \u2013 one member of the alliance \u2013 said "
     "they had \u201cagreed to reopen the road\u201d with the junta.", [("Tar Kyaw Win", "agreed to reopen the road")]),
    ('Abdul Hadi Rahimi from the provincial council said: "The district centre is surrounded."',
     [("Abdul Hadi Rahimi", "The district centre is surrounded.")]),
    ("Saw Kler Htoo \u2014 a spokesman for the brigade \u2014 told the agency: \u201cWe took the camp at "
     "dawn.\u201d", [("Saw Kler Htoo", "We took the camp at dawn.")]),
    ('Governor of Balkh province said: "The city is safe and the markets are open."',
     [("Governor of Balkh", "The city is safe and the markets are open.")]),
])
def test_the_person_not_the_body_or_place_beside_them(any_extractor: Extractor, text: str,
                                                      want: list[tuple[str, str]]) -> None:
    check(any_extractor, text, want)


# -- the name as printed: a rank or title before it, a body's letters with its name ----------

@pytest.mark.parametrize(("text", "want"), [
    ('"Here we see all kinds of rumours," said Major General Zaw Min Tun, the council\'s spokesman.',
     [("Major General Zaw Min Tun", "Here we see all kinds of rumours")]),
    ("Dr. Nyo Twan Aung, deputy commander of the army, said: \u201cWe have taken the town.\u201d",
     [("Dr. Nyo Twan Aung", "We have taken the town.")]),
    ("\u201cThe border is calm,\u201d Colonel Shariful Haque told reporters at the checkpoint.",
     [("Colonel Shariful Haque", "The border is calm")]),
    ('Lt. Gen. Sami Rahimi, who leads the corps in the south, said: "We are fighting for every street."',
     [("Gen. Sami Rahimi", "We are fighting for every street.")]),
])
def test_a_rank_printed_before_the_name_stays_with_it(any_extractor: Extractor, text: str,
                                                      want: list[tuple[str, str]]) -> None:
    check(any_extractor, text, want)


@pytest.mark.parametrize(("text", "letters", "name"), [
    ('The MoD said in a statement: "Our forces repelled the attack on the district."', "MoD", "Ministry of Defense"),
    ("\u201cThe highway to the north is open again,\u201d the MoI said on Sunday.", "MoI", "Ministry of Interior"),
    ("\u201cThe attackers were arrested before they reached the city,\u201d the NDS said in a tweet.", "NDS",
     "National Directorate of Security"),
])
def test_a_body_printed_by_its_letters_is_named_in_full(any_extractor: Extractor, text: str, letters: str,
                                                         name: str) -> None:
    (speaker,) = [s for s, _ in quotes(any_extractor, text)]
    assert name in speaker and f"({letters})" in speaker, speaker


# -- a phrase in what the speaker asks, charges, promises or calls something ------------------

@pytest.mark.parametrize(("text", "want"), [
    ('The ministry accused Pakistan of providing "close air support" to the insurgents.',
     [("ministry", "close air support")]),
    ("Kabul charged the neighbours with harbouring \u201cterror sanctuaries\u201d along the border.",
     [("Kabul", "terror sanctuaries")]),
    ('Khalilzad urged both sides to reach a "political settlement" before the summer.',
     [("Khalilzad", "political settlement")]),
    ("The envoy called on the leaders to show \u2018maximum restraint\u2019 in the north.",
     [("envoy", "maximum restraint")]),
])
def test_a_phrase_in_what_the_speaker_asks_or_charges(any_extractor: Extractor, text: str,
                                                      want: list[tuple[str, str]]) -> None:
    check(any_extractor, text, want)


@pytest.mark.parametrize(("text", "want"), [
    ('The group, which calls itself the Islamic Emirate, promised an "amnesty" for former officials.',
     [("", "amnesty")]),
    ("India, which has invested heavily in the country, expressed \u201cdeep concern\u201d over the violence.",
     [("India", "deep concern")]),
    ('Beijing pledged "full support" to its neighbour on Tuesday.', [("Beijing", "full support")]),
    ("Tehran offered a \u201csafe venue\u201d for the next round.", [("Tehran", "safe venue")]),
])
def test_a_phrase_promised_or_expressed_is_the_speakers(any_extractor: Extractor, text: str,
                                                        want: list[tuple[str, str]]) -> None:
    check(any_extractor, text, want)
    assert all(not s.lower().startswith("which") for s, _ in quotes(any_extractor, text))


@pytest.mark.parametrize(("text", "want"), [
    ('Washington has warned the Taliban that a government imposed by force would be a "pariah state".',
     [("Washington", "pariah state")]),
    ("Moscow has repeatedly said it wants \u201can inclusive government\u201d in Kabul.",
     [("Moscow", "an inclusive government")]),
    ("The Taliban's political office has long said it seeks an 'Islamic system' of government.",
     [("political office", "Islamic system")]),
])
def test_an_auxiliary_before_the_speech_verb_is_not_the_speaker(any_extractor: Extractor, text: str,
                                                                want: list[tuple[str, str]]) -> None:
    check(any_extractor, text, want)
    assert all(not s.endswith(("has", "have", "had")) for s, _ in quotes(any_extractor, text))


@pytest.mark.parametrize(("text", "want"), [
    ('The US embassy condemned what it called the "massacre" of civilians in the town.',
     [("US embassy", "massacre")]),
    ("On Monday, Pakistan strongly rejected what it described as \u201cbaseless propaganda\u201d by Kabul.",
     [("Pakistan", "baseless propaganda")]),
    ("The rebel council protested against what it termed \u2018collective punishment\u2019 of the villages.",
     [("rebel council", "collective punishment")]),
])
def test_what_it_called_is_the_subjects_word(any_extractor: Extractor, text: str,
                                             want: list[tuple[str, str]]) -> None:
    check(any_extractor, text, want)


@pytest.mark.parametrize(("text", "want"), [
    ('Beijing pledged "full support" to its neighbour on Tuesday.', [("Beijing", "full support")]),
    ("Beijing, in a brief note, said the border would stay \u201cclosed until further notice\u201d.",
     [("Beijing", "closed until further notice")]),
    ("\u201cThe talks will go on,\u201d Nanjing Liu, a researcher at the institute, said.",
     [("Nanjing Liu", "The talks will go on")]),
    ('Speaking to reporters in the capital, Kunming Zhao said: "We expect a deal soon."',
     [("Kunming Zhao", "We expect a deal soon.")]),
])
def test_a_name_ending_in_ing_is_not_a_participle(any_extractor: Extractor, text: str,
                                                  want: list[tuple[str, str]]) -> None:
    check(any_extractor, text, want)


# -- "they said": the people named in the plural or the group named last ----------------------

@pytest.mark.parametrize(("text", "want"), [
    ('Local officials confirmed the fall of the district on Monday. "The police left after a short fight," '
     "they said.", [("officials", "The police left after a short fight")]),
    ("Two Taliban commanders spoke to the agency by telephone. \u201cThe city will be ours within a week,\u201d "
     "they said.", [("commanders", "The city will be ours within a week")]),
    ("Doctors at the provincial hospital said they had received dozens of wounded. \u2018We have no more beds,\u2019 "
     "they told the charity.", [("Doctors", "We have no more beds")]),
    ('The Taliban entered the city on Friday. "We have come to bring peace," they said in a statement.',
     [("Taliban", "We have come to bring peace")]),
])
def test_they_said_is_the_plural_or_group_named_before(any_extractor: Extractor, text: str,
                                                       want: list[tuple[str, str]]) -> None:
    check(any_extractor, text, want)


@pytest.mark.parametrize(("text", "want"), [
    ('Asked about the fall of the district, a ministry spokesman said: "We are looking into it."',
     [("ministry spokesman", "We are looking into it.")]),
    ("Contacted by telephone, Abdul Qadir Sadiqi said: \u201cThe road to the airport is closed.\u201d",
     [("Abdul Qadir Sadiqi", "The road to the airport is closed.")]),
    ("Reached late on Sunday, the district chief told the agency: \u2018Our men are still in the bazaar.\u2019",
     [("district chief", "Our men are still in the bazaar.")]),
])
def test_a_participle_before_the_speaker_is_not_the_speaker(any_extractor: Extractor, text: str,
                                                             want: list[tuple[str, str]]) -> None:
    check(any_extractor, text, want)
    assert not any(s.startswith(("Asked", "Contacted", "Reached")) for s, _ in quotes(any_extractor, text))


# -- a person named inside a quotation is not "he" who speaks after it -------------------------

@pytest.mark.parametrize(("text", "want"), [
    ('Suhail Shaheen said the group wanted talks. "Ashraf Ghani must go. Then we can talk to the others," '
     'he said. "We will not attack the capital," he added.',
     [("Suhail Shaheen", "Ashraf Ghani must go. Then we can talk to the others"),
      ("Suhail Shaheen", "We will not attack the capital")]),
    ("Zabihullah Mujahid spoke to the channel. \u201cWe ask Amrullah Saleh to surrender,\u201d he said.",
     [("Zabihullah Mujahid", "We ask Amrullah Saleh to surrender")]),
    ("Ahmad Massoud addressed his fighters in the valley. \u2018Abdul Ghani Baradar cannot buy us,\u2019 he "
     "told them.", [("Ahmad Massoud", "Abdul Ghani Baradar cannot buy us")]),
])
def test_a_name_inside_the_quotation_is_not_he(any_extractor: Extractor, text: str,
                                               want: list[tuple[str, str]]) -> None:
    check(any_extractor, text, want)


# -- who speaks after a dash, and the second speaker of a sentence ---------------------------

@pytest.mark.parametrize(("text", "want"), [
    ("\u201cWe will fight until the last drop of our blood\u201d \u2014 Ahmad Massoud, in a message to his "
     "supporters.", [("Ahmad Massoud", "We will fight until the last drop of our blood")]),
    ('"The valley has never been conquered and never will be" \u2013 Amrullah Saleh, on Twitter.',
     [("Amrullah Saleh", "The valley has never been conquered and never will be")]),
    ("\u2018Nobody wins a war like this one\u2019 \u2014 Hamid Karzai (in an interview with the BBC)",
     [("Hamid Karzai", "Nobody wins a war like this one")]),
])
def test_a_name_after_a_dash_speaks_the_quotation(any_extractor: Extractor, text: str,
                                                  want: list[tuple[str, str]]) -> None:
    check(any_extractor, text, want)


@pytest.mark.parametrize(("text", "want"), [
    ('"The partnership is not ending," Biden said, while Ghani said: "We are going to solve our problems."',
     [("Biden", "The partnership is not ending"), ("Ghani", "We are going to solve our problems.")]),
    ("\u201cThe border is open,\u201d Kabulov said, but Mirzo said: \u201cOur troops remain on alert.\u201d",
     [("Kabulov", "The border is open"), ("Mirzo", "Our troops remain on alert.")]),
    ("\u2018We want talks,\u2019 Shaheen said, whereas Saleh said: \u2018They want surrender.\u2019",
     [("Shaheen", "We want talks"), ("Saleh", "They want surrender.")]),
])
def test_the_second_speaker_of_a_sentence_speaks_the_second_quotation(any_extractor: Extractor, text: str,
                                                                      want: list[tuple[str, str]]) -> None:
    check(any_extractor, text, want)


@pytest.mark.parametrize(("text", "want"), [
    ('According to a statement from the Ministry of Foreign Affairs, "Pakistan is ready to help the talks."',
     [("Ministry of Foreign Affairs", "Pakistan is ready to help the talks.")]),
    ("A statement by the Office of the National Security Council said: \u201cThe enemy has suffered heavy "
     "losses.\u201d", [("Office of the National Security Council", "The enemy has suffered heavy losses.")]),
    ("NATO Secretary-General Jens Stoltenberg said: \u201cOur aim is to support the Afghan people.\u201d",
     [("Jens Stoltenberg", "Our aim is to support the Afghan people.")]),
])
def test_a_body_is_named_whole_and_a_compound_title_is_no_rank(any_extractor: Extractor, text: str,
                                                                want: list[tuple[str, str]]) -> None:
    check(any_extractor, text, want)
    assert not any(s.startswith("General") for s, _ in quotes(any_extractor, text))


@pytest.mark.parametrize(("text", "want"), [
    ("Tajikistan's president told his Russian counterpart the situation was \"rapidly deteriorating\".",
     [("president", "rapidly deteriorating")]),
    ("Pakistan\u2019s foreign minister told the senate the border was \u201cfully sealed\u201d.",
     [("foreign minister", "fully sealed")]),
    ("Uzbekistan's envoy told the council the refugees were \u2018not welcome\u2019 at the crossing.",
     [("envoy", "not welcome")]),
])
def test_a_countrys_role_holder_is_the_speaker_not_the_country(any_extractor: Extractor, text: str,
                                                                want: list[tuple[str, str]]) -> None:
    check(any_extractor, text, want)


@pytest.mark.parametrize(("text", "want"), [
    ('The Taliban say they control "85 percent" of the country.', [("Taliban", "85 percent")]),
    ("Resistance commanders say they hold \u201cevery pass\u201d in the valley.", [("commanders", "every pass")]),
    ("Residents said they feared \u2018another siege\u2019 of the town.", [("Residents", "another siege")]),
])
def test_a_phrase_in_what_they_say_they_do_is_theirs(any_extractor: Extractor, text: str,
                                                     want: list[tuple[str, str]]) -> None:
    check(any_extractor, text, want)


# -- "the spokesman for X said": X's spokesman named before ----------------------------------

@pytest.mark.parametrize(("text", "want"), [
    ("Zabihullah Mujahid announced the capture of the city on Twitter. \u201cOur fighters hold every government "
     "building,\u201d the spokesman for the Taliban said.", [("Zabihullah Mujahid", "Our fighters hold every "
                                                                                 "government building")]),
    ("Defence ministry spokesman Fawad Aman and Taliban spokesman Zabihullah Mujahid gave opposite accounts. "
     "\u201cThe district is still ours,\u201d the spokesman for the Taliban said.",
     [("Zabihullah Mujahid", "The district is still ours")]),
    ("Taliban spokesman Zabihullah Mujahid spoke first, then Rohullah Ahmadzai, the defence ministry spokesman, "
     "replied. \u2018Our soldiers never left,\u2019 the spokesman for the Ministry of Defence said.",
     [("Rohullah Ahmadzai", "Our soldiers never left")]),
])
def test_the_spokesman_for_a_body_is_that_bodys_spokesman(any_extractor: Extractor, text: str,
                                                          want: list[tuple[str, str]]) -> None:
    check(any_extractor, text, want)


# -- who was told something is not who said it -----------------------------------------------

@pytest.mark.parametrize(("text", "want"), [
    ('The Taliban\'s spokesman Zabihullah Mujahid rejected the allegations and said the group\'s fighters had '
     'been told "not to touch" civilians.', [("Zabihullah Mujahid", "not to touch")]),
    ("Governor Abdul Sattar Mirzakwal said the police were told \u201cto hold at any cost\u201d.",
     [("Abdul Sattar Mirzakwal", "to hold at any cost")]),
    ("Ahmad Massoud said his men had been ordered to \u2018defend every village\u2019 and were asked to wait.",
     [("Ahmad Massoud", "defend every village")]),
])
def test_the_one_told_is_not_the_speaker(any_extractor: Extractor, text: str,
                                         want: list[tuple[str, str]]) -> None:
    check(any_extractor, text, want)


# -- a paragraph of reported speech introduces who speaks the quotation after it -------------

@pytest.mark.parametrize(("text", "want"), [
    ('"We are ready to defend the city," Governor Abdul Sattar Mirzakwal said on Sunday.\n\nMeanwhile, police '
     "spokesman Inamuddin Rahmani said the Taliban had attacked three checkpoints overnight.\n\n\"The attackers "
     'were pushed back after two hours of fighting."',
     [("Abdul Sattar Mirzakwal", "We are ready to defend the city"),
      ("Inamuddin Rahmani", "The attackers were pushed back after two hours of fighting.")]),
    ("\u201cWe will not leave,\u201d said Abdul Rahman, a teacher in the city.\n\nAnother resident, Gul Agha "
     "Sherzad, said he had sent his family to the capital.\n\n\u201cThe roads are still open, but for how long? "
     "Nobody knows.\u201d", [("Abdul Rahman", "We will not leave"),
                            ("Gul Agha Sherzad", "The roads are still open, but for how long? Nobody knows.")]),
    ("Mujahid said the group would respect rights \u201cwithin Islamic law\u201d.\n\nSeparately, UN chief "
     "Antonio Guterres said he was deeply troubled by reports of abuses.\n\n\u201cThe world is watching what "
     "the Taliban do, not only what they say.\u201d",
     [("Mujahid", "within Islamic law"),
      ("Antonio Guterres", "The world is watching what the Taliban do, not only what they say.")]),
])
def test_a_new_speaker_in_reported_speech_speaks_the_next_paragraph(any_extractor: Extractor, text: str,
                                                                   want: list[tuple[str, str]]) -> None:
    check(any_extractor, text, want)


def test_a_quotation_over_paragraphs_keeps_the_speaker_named_at_its_end(any_extractor: Extractor) -> None:
    text = ("The army retook the district, the defence ministry said on Friday.\n\n\u201cOur forces and the "
            "uprising forces liberated the district today.\n\nDozens of insurgents were killed and the rest "
            "fled,\u201d spokesman Fawad Aman wrote on Twitter.")
    assert [s for s, _ in quotes(any_extractor, text)] == ["Fawad Aman", "Fawad Aman"]


@pytest.mark.parametrize(("text", "want"), [
    ('Shaheen told the BBC that the group had "no plans" to take the capital by force, adding that it wanted a '
     '"peaceful transfer".', [("Shaheen", "no plans"), ("Shaheen", "peaceful transfer")]),
    ("Mirzo told reporters the border was \u201cfully secure\u201d, adding that troops were on \u201chigh "
     "alert\u201d.", [("Mirzo", "fully secure"), ("Mirzo", "high alert")]),
    ("The governor said the city was \u2018calm\u2019 on Monday, noting that shops had \u2018reopened\u2019.",
     [("governor", "calm"), ("governor", "reopened")]),
])
def test_a_participle_after_a_quotation_keeps_the_sentences_speaker(any_extractor: Extractor, text: str,
                                                                     want: list[tuple[str, str]]) -> None:
    check(any_extractor, text, want)


@pytest.mark.parametrize(("text", "want"), [
    ('Peskov said Moscow saw "no threat" for now.', [("Peskov", "no threat")]),
    ("Kabulov said Russia wanted \u201ca political settlement\u201d and nothing else.",
     [("Kabulov", "a political settlement")]),
    ("The envoy said Tehran remained \u2018ready to host\u2019 further talks.", [("envoy", "ready to host")]),
])
def test_a_phrase_in_reported_speech_about_a_named_subject(any_extractor: Extractor, text: str,
                                                           want: list[tuple[str, str]]) -> None:
    check(any_extractor, text, want)
