"""English: the words of the language khabar reads, apart from any theatre's words.

Months, weekdays, number words, speech verbs, hedges, denial words and the phrasings of
meetings, captures and holdings that name no party live here, once. A theatre's own words (the
names of its parties, what each calls the other) live in its folder under khabar/theatres/.
Each list is a tuple of words or phrases; `alternation` makes a regular-expression group of one.
"""

from __future__ import annotations

from collections.abc import Iterable


def alternation(words: Iterable[str]) -> str:
    """Return a non-capturing group matching any of the words, as written (they may hold
    regular-expression syntax), in the given order."""
    return "(?:" + "|".join(words) + ")"


# == Speech, claims, denials, hedges (extract: claims, quotes, events, assessments) ==========

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAY = alternation(WEEKDAYS)
PARTS_OF_DAY = ("morning", "afternoon", "evening", "night")

# verbs that attribute words to a speaker, as quotes reads them ("...," X said; X warned: "...")
SPEECH_VERBS = (
    "said", "says", "say", "told", "tells", "added", "adds", "noted", "notes", "stressed", "stresses", "wrote",
    "writes", "tweeted", "explained", "warned", "warns", "argued", "argues", "insisted", "insists", "charged",
    "joked", "continued", "cautioned", "predicted", "remarked", "declared", "claimed", "asserted", "stated",
    "commented", "observed", "hedged", "asked", "acknowledged", "admitted", "emphasi[sz]ed", "announced",
    "posted", "replied", "responded", "confirmed", "dismissed", "described", "urged", "believes", "believed",
    "according to")
SPEECH = "|".join(SPEECH_VERBS)
# the verbs of plain sourcing: "X controls 85 percent, a member of its delegation said"
SAID_VERBS = ("said", "says", "saying", "told", "according to", "announced", "stated", "added", "reported",
              "wrote", "tweeted", "informed")
# an attribution that closes a sentence: ", the front said"
CLOSING_SAID_VERBS = ("said", "says", "told", "added", "stated")
# the lemmas of speech verbs, from a parse: the one who said what a clause under it claims
SPEECH_LEMMAS = frozenset({"say", "tell", "add", "state", "announce", "write", "tweet", "report", "claim"})
# verbs that frame words as someone's: calling it "baseless", claimed the city was "liberated"
FRAMING_LEMMAS = frozenset({
    "call", "term", "brand", "label", "describe", "dismiss", "denounce", "reject", "decry", "characterize",
    "characterise", "claim", "allege", "blame", "insist", "vow", "accuse", "say", "tell", "add", "state",
    "announce", "write", "deny", "urge", "express", "voice"})
FRAMING_VERBS = (
    "said", "says", "told", "added", "stated", "announced", "wrote", "claimed", "claims", "alleged", "alleges",
    "blamed", "blames", "insisted", "vowed", "accused", "rejected", "dismissed", "described", "denied", "denies",
    "denounced", "called", "calls", "termed", "branded", "labell?ed", "decried", "expressed", "voiced")
# words that call a report untrue: "rejected the claims as baseless", "there is no truth in it"
DENIAL_WORDS = ("lies?", "not true", "no truth", "false", "baseless", "fabricat\\w+", "fake", "untrue",
                "groundless", "unfounded", "invented")
# words that tell a report is not vouched for: "reportedly", "could not be independently verified"
HEDGES = (
    "reportedly", "unconfirmed", "unverified", "allegedly", "purportedly", "rumou?red",
    "could not (?:be )?(?:independently )?(?:verif\\w+|confirm\\w*)", "not (?:be )?independently (?:verified|confirmed)",
    "(?:unclear|not clear) whether", "(?:is|are|was|were) said to (?:have|be)", "reports? (?:said|suggested)",
    "unnamed sources?", "may have", "might have", "appears? to have", "apparently")
# nouns of the state's people, after a demonym: "Afghan officials" speak for the incumbent
OFFICIAL_NOUNS = ("officials?", "government", "authorities", "army", "military", "forces", "troops",
                  "soldiers", "police", "ministry", "ministers?", "spokes(?:man|person|woman)", "president",
                  "embassy", "ambassador", "envoy", "diplomats?", "delegation")
# social networks a statement is posted on: never who makes a claim
PLATFORMS = ("twitter", "facebook", "telegram", "whatsapp", "youtube", "instagram")
# news agencies that report from every war: their sourcing is not a party's claim
WIRES = ("Reuters", "AFP", "AP", "TASS", "RFE/RL", "Associated Press", "Sputnik", "Xinhua", "IRNA", "Al Jazeera",
         "BBC", "CNN", "RIA Novosti", "Interfax")
# nouns for the fighters of an armed group, whichever it is: "the rebels fled", "41 militants killed"
ARMED_GROUP_NOUNS = ("militants", "insurgents", "enemy", "terrorists", "rebels")
# nouns for people a count can be of: "41 fighters killed", "300 soldiers crossed"
PEOPLE_NOUNS = ("militants", "terrorists", "insurgents", "fighters", "rebels", "soldiers", "troops", "servicemen",
                "service members", "policemen", "police", "civilians", "people", "refugees", "attackers", "guards",
                "members", "personnel")

# number words, exact (a count) and vague ("dozens of": a count of people, never of districts)
CARDINALS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
             "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
             "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
             "forty": 40, "fifty": 50, "sixty": 60, "a dozen": 12, "hundred": 100, "a hundred": 100}
VAGUE_NUMBERS = {"dozens of": 24}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
            "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
            "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
            "twentieth": 20}
