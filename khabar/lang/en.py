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
    "announce", "write", "deny", "urge", "express", "voice", "admit", "acknowledge", "concede", "warn", "argue",
    "note", "stress", "explain"})
FRAMING_VERBS = (
    "said", "says", "told", "added", "stated", "announced", "wrote", "claimed", "claims", "alleged", "alleges",
    "blamed", "blames", "insisted", "vowed", "accused", "rejected", "dismissed", "described", "denied", "denies",
    "denounced", "called", "calls", "termed", "branded", "labell?ed", "decried", "expressed", "voiced", "saying",
    "admitted", "acknowledged", "conceded", "warned", "argued", "noted", "stressed", "explained")
# words that call a report untrue: "rejected the claims as baseless", "there is no truth in it"
DENIAL_WORDS = ("lies?", "not true", "no truth", "false", "baseless", "fabricat\\w+", "fake", "untrue",
                "groundless", "unfounded", "invented")
# words that tell a report is not vouched for: "reportedly", "could not be independently verified"
HEDGES = (
    "reportedly", "unconfirmed", "unverified", "allegedly", "purportedly", "rumou?red",
    "could not (?:be )?(?:independently )?(?:verif\\w+|confirm\\w*)", "not (?:be )?independently (?:verified|confirmed)",
    "(?:unclear|not clear) whether", "(?:is|are|was|were) said to (?:have|be)", "reports? (?:said|suggested)",
    "unnamed sources?", "may have", "might have", "appears? to have", "apparently")
# nouns of the state's people, after a demonym: "Tajik officials" speak for the incumbent
OFFICIAL_NOUNS = ("officials?", "government", "authorities", "army", "military", "forces", "troops",
                  "soldiers", "police", "ministry", "ministers?", "spokes(?:man|person|woman)", "president",
                  "embassy", "ambassador", "envoy", "diplomats?", "delegation")
# words that stand before a person's name: "Colonel Nadah Htoo", "spokesman Karim Dost", "Dr. Aung"
PERSON_TITLES = ("Colonel", "Col.", "General", "Gen.", "Lieutenant", "Lt.", "Major", "Maj.", "Captain", "Capt.",
                 "Brigadier", "Brig.", "Commander", "Dr.", "Mr.", "Mrs.", "Ms.", "President", "Minister", "Governor",
                 "Ambassador", "Senator", "Mullah", "Mawlawi", "Maulvi", "Sheikh", "Haji", "spokesman", "spokesperson",
                 "spokeswoman", "commander", "leader", "chief", "envoy", "minister", "governor", "official")
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


# == Dates (extract: dates) ====================================================================

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
          "dec")
# words that count days or weeks besides the cardinals up to ten: "a day later", "a couple of days"
DAY_COUNT_WORDS = {"a": 1, "a couple of": 2, "several": None}
# a day named from the publication day
RELATIVE_DAYS = ("today", "tonight", "this morning", "this afternoon", "this evening", "yesterday", "last night",
                 "the day before yesterday")
# a day named from another day: "the next morning", "the day after"
CHAINED_DAY_WORDS = {"next": 1, "following": 1, "after": 1, "same": 0, "previous": -1, "before": -1}
# spans that name no day: "last week", "in recent months"
VAGUE_SPANS = ("last", "past", "previous", "recent", "coming")
# the start of a span, not a day things happened: "since July 8"
SPAN_START_WORDS = ("since", "from", "between", "until", "till")
# verbs of a dated statement: "officials said on Sunday" dates the saying, not the event
STATEMENT_VERBS = ("said", "says", "told", "announced", "reported", "stated", "added", "confirmed", "tweeted",
                   "wrote")


# == Control of places (extract: control, control_triggers) ====================================
# The phrasings that change or state who holds a place, naming no party: PARTY stands for any name
# of a party of the theatre (its lexicon.csv and parties.csv). Each row:
#   (pattern, role, voice, words, flags)
# role: "capture" (the agent gains the place), "retake" (the agent gains it back; no agent: the
#   incumbent), "contested"; voice: "active" (the place follows), "passive" (it precedes), "either";
# words: every match holds one of these words (a sentence without them skips the pattern);
# flags: "holding" (a statement of who holds it), "direct" (the place is the object, next),
#   "not_incumbent" (no record when the incumbent is the one doing it: "forces entered X"),
#   "subject" (never after a preposition), "gainer_inside"/"loser_inside" (the party the phrase
#   names is the one gaining/losing the place).
_NOT_A_DAY_AFTER_TOOK = ("place|part|office|over|up|off|back|away|to|into|in|out|care|steps|measures|action|a|an|"
                         "the lives|responsibility|refuge|shelter|cover|hostage|prisoners?|captive|power|charge|"
                         "hold|aim|note|time|delivery")
# a length of time: "taking six months to", "took weeks"
_A_WHILE = (r"(?:(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|many|a few|\d+)\s+)?"
            r"(?:minutes?|hours?|days?|weeks?|months?|years?)\b")
_A_DAY = ("(?:" + "|".join((*(w.lower() for w in WEEKDAYS), r"\d", *MONTHS[:12])) +
          "|the (?:same|next|following|previous) day)")
CONTROL_PHRASES: tuple[tuple[str, str, str, str, str], ...] = (
    (r"\b(?:fell|fallen|falls|falling)\s+(?:in)?to\s+(?:the\s+)?(?:hands of\s+(?:the\s+)?)?PARTY",
     "capture", "passive", "fell fallen falls falling", "gainer_inside"),
    (r"\b(?:has|have|had)\s+(?:also\s+)?fallen\b(?!\s+(?:sharply|steeply|dramatically|by\b|off\b|"
     r"apart|victim|ill\b|behind|silent|short|back))|"
     r"\bfell\b(?!\s+(?:silent|short|back|into|in\b|sharply|steeply|dramatically|by\b|off\b|apart|"
     r"victim|ill\b|behind|asleep))", "capture", "passive", "fallen fell", ""),
    (r"\b(?:fall|collapse) of\b", "capture", "active", "fall collapse", "direct"),
    # "X became the first provincial capital to fall"
    (r"\b(?:became|becomes|become|was|is)\s+the\s+(?:[\w\-]+\s+){0,4}?to\s+(?:fall|be\s+(?:captured|taken|seized|"
     r"overrun|lost))\b", "capture", "passive", "became becomes become was is", "direct subject"),
    # "X collapsed": the place is the subject, not "defences around X"
    (r"\bcollapsed\b", "capture", "passive", "collapsed", "direct subject"),
    (r"\b(?:captur(?:ed|es|ing)|seiz(?:ed|es|ing)(?!\s+power\b)|overr(?:an|un|unning)|overt(?:ook|aken)|"
     r"conquer(?:ed|s)|took over|taken over|takes over|taking over|occupied|"
     r"(?:gained|gain|gaining|took|taken|taking|take|seized|seize|captured|assumed)\s+"
     r"(?:(?:full|complete|total|effective|overall)\s+)?control|"
     r"grabbed|wrested control(?!\s+back))\b", "capture", "either",
     "captured captures capturing seized seizes seizing overran overrun overrunning overtook overtaken "
     "conquered conquers took taken takes taking gained gain gaining take seize assumed grabbed wrested "
     "occupied", ""),
    # "the MNDAA raised its flag over X", "hoisted the rebels' flag above X"
    (r"\b(?:raised|raising|hoisted|hoisting|planted|planting)\s+(?:(?:the|their|its|his|a)\s+)?"
     r"(?:PARTY(?:['’]s)?\s+)?(?!white\b)(?:\w+\s+)?flags?\s+(?:over|above|atop|on|in|at)\b|"
     r"\bflags?\s+(?:was|were|has been|had been|have been)\s+(?:raised|hoisted|planted)\s+(?:over|above|atop|on|in|at)\b",
     "capture", "active", "raised raising hoisted hoisting planted planting", "direct gainer_inside"),
    (r"\b(?:entered|enter|enters|entering|marched into|rolled into|swept into|stormed into|poured into)\b",
     "capture", "active", "entered enter enters entering marched rolled swept stormed poured",
     "direct not_incumbent"),
    (r"\bcapture of\b|\bseizure of\b|\btakeover of\b|\bconquest of\b|\bhandover of\b|\bsurrender of\b",
     "capture", "active", "capture seizure takeover conquest handover surrender", "direct"),
    # a headline's present tense: "Insurgents capture X", "Rebels seize X", "Army retake X" (the verb's
    # place right after it; "to capture X", "could seize X" are hedged as the other forms are)
    (r"\b(?:capture|seize|take)\b(?!\s+(?:of|over|on|part|place|up|back|hold|steps|measures|action|note|care|"
     r"charge|power|control|shape|aim|time|days|weeks|months|years|hours)\b)", "capture", "active", "capture seize take",
     "direct"),
    (r"\b(?:took|taken|takes|taking)\b(?!\s+(?:" + _NOT_A_DAY_AFTER_TOOK + r")\b)(?!\s+" + _A_WHILE + ")"
     r"(?!\s+on\b(?!\s+" + _A_DAY + r"))", "capture", "either", "took taken takes taking", ""),
    (r"\b(?:surrender(?:ed|s)?|handed over|handed|given up|gave up)\b(?:[^.;]{0,60}?)\bto\s+(?:the\s+)?PARTY",
     "capture", "either", "surrender surrendered surrenders handed given gave", "gainer_inside"),
    (r"\b(?:was|were|been|is|are|being)\s+(?:\w+ly\s+)?(?:handed over|handed|surrendered|given up|lost)\b",
     "capture", "passive", "handed surrendered given lost", ""),
    # "X was abandoned": the place itself, not "residents of X were evacuated"
    (r"\b(?:was|were|been|is|are|being)\s+(?:\w+ly\s+)?(?:abandoned|evacuated|vacated)\b", "capture", "passive",
     "abandoned evacuated vacated", "direct subject"),
    # "lost A, B and C districts to PARTY": the places inside the phrase
    (r"\blost\s+(?!to\b)(?:[^.;]{0,60}?)\bto\s+(?:the\s+)?PARTY"
     r"(?!\s+(?:attacks?|fire|offensives?|ambush(?:es)?|assaults?))", "capture", "active", "lost",
     "direct gainer_inside"),
    (r"\b(?:surrendered|capitulated)\b(?!\s+(?:their|his|its|weapons|arms))", "capture", "passive",
     "surrendered capitulated", "direct"),
    (r"\bwent\b(?=\s+(?:on|in|early|late|too|as well|the same|overnight|without|to the PARTY|"
     r"quietly|next|a day|two days|that|soon)\b)", "capture", "passive", "went", "direct"),
    (r"\bfollowed\b(?=\s+(?:a|the|on|in|suit|soon|within|shortly|two|three|hours|days|after)\b)",
     "capture", "passive", "followed", "direct"),
    # "X fell on Friday, followed by Y and Z on Saturday": the places after "by" changed hands as X did
    (r"\b(?:followed|closely followed)\s+(?:soon\s+|shortly\s+|later\s+)?by\b", "capture", "active", "followed", ""),
    (r"(?<!back )\bunder\s+(?:the\s+)?(?:full\s+)?(?:control of (?:the\s+)?PARTY|PARTY(?:'s|’s)?\s+control)",
     "capture", "passive", "under", "holding gainer_inside"),
    # "the whole of X is now under its control": the side told before
    (r"(?<!back )\bunder\s+(?:its|their)\s+(?:full\s+|complete\s+|total\s+)?control\b", "capture", "passive",
     "under", "holding"),
    (r"\b(?:in|into)\s+(?:the\s+)?(?:hands of (?:the\s+)?PARTY|PARTY(?:'s|’s)? hands)", "capture", "passive",
     "hands", "holding gainer_inside"),
    # a state: "A, B and C were all held by PARTY"
    (r"\b(?:is|are|was|were|remains?|remained)\s+(?:(?:all|both|still|now|again|already|also|"
     r"firmly|largely|fully|effectively)\s+)*(?:held|controlled)(?=\s+by\b)", "capture", "passive",
     "held controlled", "holding"),
    (r"\blost\s+(?:full\s+|all\s+)?control\s+(?:of|over)\b", "capture", "active", "lost", ""),
    (r"\b(?:ha(?:ve|s|d)|hold|holds|held|in|retain(?:s|ed)?)\s+(?:(?:full|complete|total|effective)\s+)?control"
     r"\s+(?:of|over)\b",
     "capture", "active", "control", "holding"),
    (r"\b(?:ha(?:ve|s|d)\s+(?:also\s+|now\s+|since\s+)?)?(?:held|hold|holds|holding|controls|"
     r"(?<=PARTY )control|(?<=they )control|(?<=now )control|(?<=still )control|(?<=also )control|"
     r"controlled|controlling)\b(?!\s+(?:talks|a\b|an\b|meetings?|elections?|a press|out\b|on\b|back|"
     r"off\b|up\b|fire))", "capture", "active", "held hold holds holding controls control controlled controlling",
     "holding direct not_incumbent"),
    (r"\b(?:forces|troops|soldiers|police|army|officials|government)\s+(?:have\s+|had\s+|has\s+)?"
     r"(?:also\s+|\w+ly\s+)?(?:left|abandoned|withdrew from|withdrawn from|evacuated|pulled out of|"
     r"pulled back from|retreated from|fled from|fled|"
     r"(?:(?:have|has|had)\s+been\s+|were\s+|was\s+)(?:pushed|driven|forced|chased)\s+(?:out\s+of|from)|"
     r"(?:(?:have|has|had)\s+been\s+|were\s+|was\s+)forced\s+to\s+(?:withdraw\s+from|retreat\s+from|"
     r"pull\s+out\s+of|leave|abandon|evacuate))\b", "capture", "active",
     "forces troops soldiers police army officials government", "loser_inside"),
    (r"\b(?:retook|retake|retaken|retaking|recaptur(?:ed|es|ing|e)|reclaim(?:ed|s|ing)?|"
     r"regain(?:ed|s|ing)?|liberat(?:ed|es|ing)|took back|taken back|wrested back|"
     r"reconquered|recovered)\b", "retake", "either",
     "retook retake retaken retaking recaptured recaptures recapturing recapture reclaim reclaimed reclaims "
     "reclaiming regain regained regains regaining liberated liberates liberating took taken wrested "
     "reconquered recovered", ""),
    (r"\b(?:back under|returned to)\s+(?:the\s+)?(?:government|state|PARTY)(?:['’]s)?\s+control",
     "retake", "passive", "back returned", "gainer_inside"),
    # "X is back under the control of the army", "returned to the hands of PARTY"
    (r"\b(?:back|returned)\s+(?:under|in|into|to)\s+(?:the\s+)?(?:(?:full|complete)\s+)?(?:control|hands)\s+of\s+"
     r"(?:the\s+)?(?:government|state|PARTY)", "retake", "passive", "back returned", "gainer_inside"),
    # the incumbent's press: "columns have restored peace and stability in X"
    (r"\b(?:restored|re-?established)\s+(?:peace|stability|law and order|order|normalcy)(?:\s+and\s+(?:peace|stability|"
     r"order|security|the rule of law))?\s+(?:in|to)\b", "retake", "active", "restored reestablished re", "direct"),
    # "restored government control over X"
    (r"\b(?:restored|re-?established|reasserted|re-?imposed)\s+(?:(?:government|state|their|its|full)\s+)*"
     r"(?:control|authority)\s+(?:over|of|in)\b", "retake", "active", "restored reestablished re reasserted reimposed",
     "direct"),
    (r"\b(?:government|state)\s+(?:control|authority)\s+(?:over|of|in)\s+[^.;,]{1,40}?\s+(?:was|were|has been|"
     r"had been|have been)\s+(?:\w+ly\s+)?(?:restored|re-?established)\b", "retake", "either",
     "restored reestablished re", ""),
    (r"\b(?:pushed|drove|driven|expelled|ousted|cleared|flushed|evicted)\s+(?:the\s+)?(?:anti-)?"
     r"PARTY\s+(?:FORCE\s+)?(?:back\s+)?(?:out\s+)?(?:of|from)\b", "retake", "active",
     "pushed drove driven expelled ousted cleared flushed evicted", "loser_inside"),
    (r"\bPARTY\s+(?:FORCE\s+)?(?:(?:have|has|had)\s+been\s+|were\s+|was\s+)"
     r"(?:\w+ly\s+)?(?:pushed|driven|forced|chased|expelled|cleared|flushed)\s+(?:out\s+of|from)\b", "retake",
     "active", "pushed driven forced chased expelled cleared flushed", "loser_inside"),
    # "the district was cleared of insurgents"
    (r"\b(?:was|were|has been|had been|have been)\s+(?:\w+ly\s+)?(?:cleared|cleansed|freed)\s+of\s+(?:the\s+)?"
     r"PARTY\b", "retake", "passive", "cleared cleansed freed", "direct subject loser_inside"),
    (r"\b(?:cleared|cleansed|freed|rid)\b(?=[^.;]{0,40}\bof\s+(?:the\s+)?PARTY\b)", "retake", "active",
     "cleared cleansed freed rid", "direct"),
    # "X was freed on Friday", "commandos freed X" (freed of a side: the patterns above)
    (r"\b(?:was|were|is|are|being|(?:has|have|had)\s+been)\s+(?:\w+ly\s+)?freed\b(?!\s+of\b)", "retake", "passive", "freed",
     "direct subject"),
    (r"\b(?:freed|frees|freeing)\b(?!\s+(?:\w+\s+){0,3}?(?:of|from)\s+(?:prison|jail|captivity|custody|detention))",
     "retake", "active", "freed frees freeing", "direct"),
    (r"\b(?:is|are|was|were|remains?|remained|has become|have become|became)\s+(?:now\s+|still\s+)?"
     r"contested\b", "contested", "passive", "contested", ""),
    # "security forces withdrew on Monday afternoon from X": a day between the verb and its place
    (r"\b(?:forces|troops|soldiers|police|army)\s+(?:have\s+|had\s+|has\s+)?(?:also\s+)?(?:withdrew|withdrawn|"
     r"retreated|pulled\s+out|pulled\s+back)\s+(?:(?:on|late|early|in|during|overnight|this|last)\b[\w\s]{0,30}?\s)?"
     r"from\b", "capture", "active", "forces troops soldiers police army", "loser_inside"),
    # "the group took power in X": the place after "in"
    (r"\b(?:took|taken|taking|take|seized|seizing|seize|assumed|assuming|grabbed)\s+power\s+in\b", "capture",
     "active", "took taken taking take seized seizing seize assumed assuming grabbed", "direct"),
    # "fighters are now in charge of X"
    (r"\b(?:is|are|was|were|remains?|remained|now|firmly|fully)\s+(?:now\s+|firmly\s+|fully\s+)?in\s+"
     r"(?:full\s+)?charge\s+of\b", "capture", "active", "charge", "holding direct not_incumbent"),
    # "the group established / extended / expanded its control over X"
    (r"\b(?:established|establish|establishes|establishing|extended|extend|extends|extending|expanded|expand|"
     r"expands|expanding|consolidated|consolidating)\s+(?:(?:their|its|full|complete|effective|firm)\s+)*"
     r"control\s+(?:over|of|to|in)\b", "capture", "active",
     "established establish establishes establishing extended extend extends extending expanded expand expands "
     "expanding consolidated consolidating", ""),
    # "X is now run by PARTY", "X was governed by PARTY"
    (r"\b(?:is|are|was|were|remains?|remained)\s+(?:(?:now|still|already|effectively)\s+)?(?:run|ruled|governed|"
     r"administered)\s+by\s+(?:the\s+)?PARTY", "capture", "passive", "run ruled governed administered",
     "holding direct subject gainer_inside"),
    # "X slipped out of government control": given up by the incumbent
    (r"\b(?:slipped|slips|slipping)\s+(?:out\s+of|from)\s+(?:the\s+)?(?:government|state)(?:['’]s)?\s+"
     r"(?:control|hands|grip)", "capture", "passive", "slipped slips slipping", ""),
    # "the army lost its grip on X"
    (r"\blost\s+(?:its|their|his|the\s+\w+['’]s)\s+(?:grip|hold)\s+(?:on|over)\b", "capture", "active", "lost",
     "direct"),
    # "PARTY's flag now flies over X"
    (r"\b(?:PARTY(?:['’]s)?\s+)?(?:\w+\s+)?flags?\s+(?:now\s+)?(?:flies|flew|flying|is\s+flying|was\s+flying|"
     r"were\s+flying)\s+(?:over|above|atop|on|in|at)\b", "capture", "active", "flies flew flying",
     "direct gainer_inside"),
    # "X has gone to PARTY"
    (r"\b(?:has|have|had)\s+(?:now\s+|also\s+)?gone\s+(?:over\s+)?to\s+(?:the\s+)?PARTY", "capture", "passive",
     "gone", "direct subject gainer_inside"),
    # "commandos clawed back X", "won back X"
    (r"\b(?:clawed|claw|claws|clawing|won|win|wins|winning)\s+back\b", "retake", "either",
     "clawed claw claws clawing won win wins winning", "direct"),
    # "X is under rebel rule", "under the rule of the military"
    (r"(?<!back )\bunder\s+(?:the\s+)?(?:PARTY(?:'s|’s)?\s+(?:rule|administration|flag|sway)|"
     r"(?:rule|administration)\s+of\s+(?:the\s+)?PARTY)", "capture", "passive", "under", "holding gainer_inside"),
)
# a count of places a change names no place of: "five more districts fell", "nine district centres"
PLACE_COUNT_NOUNS = ("districts", "district centres", "district centers", "district headquarters", "towns",
                     "townships", "cities", "provincial capitals", "border crossings", "border towns")
PLACE_COUNT_WORDS = ("several", "many", "dozens of", "scores of", "a number of", "a string of", "a series of",
                     "a handful of", "a dozen", "more", "other", "further", "another", "new", "additional")
# the opening of a sentence that lists the places a count before it counted: "They are A, B and C"
LIST_OPENERS = (r"(?:they|these|those)(?:\s+(?:districts|towns|townships|cities))?\s+(?:are|were|include|included|"
                r"are:|were:)", r"(?:the|those)\s+(?:districts|towns|townships|cities|district centres)\s+"
                r"(?:are|were|include|included)", r"among\s+(?:them|those)(?:\s+(?:are|were))?", r"(?:they|these)\s+"
                r"(?:comprise|included)", r"namely")
# a sentence after a change that names that change and its day: "The development late on Saturday ..."
CHANGE_NOUNS_BACK = ("development", "capture", "fall", "takeover", "seizure", "loss", "surrender", "handover",
                     "collapse", "withdrawal", "retreat", "advance", "move", "offensive", "assault", "attack",
                     "conquest", "news")
# "entered X" is no change of hands where the sentence tells fighting in it ("entered the city and
# clashed with troops in its streets"), unless it tells the entry unopposed
ENTRY_FIGHTING = (r"fight(?:ing|s)?", r"fought", r"clash(?:es|ed)?", r"battl(?:e|es|ed|ing)", r"gun\s*fights?",
                  r"firefights?", r"streets?", r"skirmish(?:es)?", r"repel(?:led)?", r"repuls(?:e|ed)",
                  r"pushed\s+back", r"resistance", r"besieg\w*", r"parts\s+of", r"outskirts")
ENTRY_UNOPPOSED = (r"unopposed", r"without\s+(?:a|any)\s+(?:fight|shot|resistance|struggle)",
                   r"without\s+(?:resistance|fighting|firing)", r"uncontested", r"(?:took|taking|seized|seizing|"
                   r"assumed|assuming)\s+(?:full\s+|complete\s+)?control",
                   # a place entered after its defenders or rulers left it: "hours after the president fled"
                   r"after\s+[^.;]{0,60}?\b(?:left|fled|withdrew|pulled\s+out|abandoned|surrendered)")
# a place named after these words is not one the sentence says changed hands ("all districts except X")
EXCEPT_WORDS = ("except", "except for", "excluding", "apart from", "other than", "but not", "save for",
                "with the exception of")
# the words of giving a place up: the one who does it loses the place ("troops abandoned X",
# "X was handed over by the army")
GIVING_UP = ("left", "abandon", "withdr", "evacuat", "vacated", "pulled out", "retreat", "fled", "surrender",
             "handed", "given up", "gave up", "lost", "pushed", "driven", "forced", "chased")
# nouns after a party's name that make it the forces of that party: "regime troops", "AA fighters"
FORCE_NOUNS = ("fighters", "forces", "troops", "soldiers", "militants", "insurgents", "rebels", "militia",
               "militiamen", "units", "columns", "personnel")
# words between men and the side they fight for: "militias loyal to the KNU", "fighters aligned with the front"
LOYALTY_WORDS = ("loyal to", "aligned with", "aligned to", "allied with", "allied to", "affiliated with",
                 "linked to", "fighting for", "fighting under", "under the command of", "answering to")
# ... and words that name that side only for men called by a generic word: "local fighters backed by the KNU"
BACKING_WORDS = ("backed by", "supported by", "armed by", "organi[sz]ed by", "led by")
# the words after a side's name and a hyphen that make the men after it that side's: "KNU-aligned militias"
ALIGNED_SUFFIXES = ("aligned", "backed", "allied", "affiliated", "linked", "loyal", "led")
# the nouns of a place's seat of government: "the district centres of X and Y"
SEAT_NOUNS = ("centres?", "centers?", "headquarters", "capitals?", "seats?", "administrations?", "compounds?")
# words any side's men are called, naming none (a theatre may give them a default side in its lexicon)
GENERIC_FORCE_WORDS = ("fighters?", "militias?", "militiam[ae]n", "gunmen", "men", "armed men", "insurgents?",
                       "militants?", "rebels?", "forces", "troops", "local forces", "local fighters", "the group",
                       "the fighters")
# nouns after a party's name that make it something other than the one acting: "government offices"
NOT_ACTING_NOUNS = ("buildings?", "offices?", "officials?", "compound", "installations", "employees",
                    "headquarters", "positions", "posts", "sources?", "spokesm[ae]n", "spokespersons?", "media",
                    "statements?")
# words before a trigger that make the change unreal: a failure, an attempt, a threat, a forecast,
# a wish, a negation, a denial ("failed to capture", "could fall", "denied that it fell")
CONTROL_HEDGES = (
    r"fail(?:ed|s|ing)?\s+to", r"attempt(?:s|ed|ing)?\s+to", r"tr(?:y|ied|ies|ying)\s+to", r"bid\s+to", "could",
    "(?-i:may)", "might", "would", "will", "shall", r"threat(?:en|ened|ens)?\s+to", r"plan(?:s|ned|ning)?\s+to",
    r"aim(?:s|ed|ing)?\s+to", r"s(?:ought|eek|eeking|eeks)\s+to", r"effort\s+to", r"efforts\s+to",
    r"push\s+to", r"about\s+to", r"verge\s+of", r"preparing\s+to", r"prepare\s+to", r"want(?:s|ed)?\s+to",
    r"hop(?:e|es|ed|ing)\s+to", r"vow(?:ed|s)?\s+to", "not", "never", r"no\s+longer", "denied", "deny", "denies",
    "demand(?:s|ed|ing)?", r"call(?:s|ed)?\s+for", "rejected", "dismissed", r"risk\s+of", r"danger\s+of", "if",
    "unless", r"before\s+it", "prevent(?:ed)?", r"to\s+stop", r"intend(?:s|ed)?\s+to", r"expected\s+to",
    r"likely\s+to", r"set\s+to", r"unable\s+to", r"operation\s+to", r"offensive\s+to", r"order(?:ed)?\s+to",
    r"goal\s+of", r"able\s+to", r"intention\s+of", r"in\s+order\s+to", "soon", r"said\s+to\s+have",
    r"trying\s+to", "allegedly")
# an attack told after the trigger as turned back: "... but were repelled"
REPELLED = ("repelled", "repulsed", "thwarted", "foiled", "pushed back", "beaten back")
# the verbs of a denial, and of a claim or rumour told before a change
DENIAL_VERBS = ("denied", "denies", "deny", "rejected", "rejects", "dismissed", "refuted")
REPORTED_WORDS = (r"claim(?:s|ed|ing)?", r"alleg(?:e|es|ed|ing|edly)", r"rumou?rs?", "unconfirmed", "unverified")
# words after a trigger that make the change partial: "seized almost complete control of X"
PARTIAL_WORDS = ("almost", "nearly", "near", "partial", "partly", "most of", "much of", "half of", "part of",
                 "parts of", "large parts of", "areas of", "the outskirts of", "a large part of", "a part of",
                 "swathes of", "swaths of", "large swathes of", "large swaths of", "the bulk of")
# words before a name that make it a companion, not the one acting: "the TNLA together with PDF groups"
COMPANION_WORDS = ("together with", "along with", "alongside", "backed by", "supported by", "joined by",
                   "aided by", "assisted by", r"with the (?:help|support|backing) of", "in cooperation with",
                   "in coordination with")
# prepositions whose object is not the subject of the verb after it: "battled with security forces
# until taking X" ("by" and "to" name a side in their own patterns)
OBJECT_PREPOSITIONS = ("with", "against", "from", "on", "at", "for", "over", "between", "among", "amid",
                       "into", "near", "around", "towards?", "inside", "within", "despite")
# the first words of an apposition after a subject: "The alliance, made up of A, B and C, seized X"
APPOSITION_OPENERS = ("made up of", "comprising", "consisting of", "composed of", "including", "which", "who",
                      "whose", "where", "that", "led by", "backed by", "a", "an", "the", "one of", "part of",
                      "members? of", "an ally of", "allied (?:to|with)", "formed by")
# the verbs that attribute a change to a speaker: "officials said", "according to the ministry"
ATTRIBUTION_VERBS = ("said", "says", "told", "confirmed", "announced", "reported", "stated", "claimed", "added",
                     "tweeted", "wrote", "according to")

# PLOVER modes (khabar/render/plover.py): per PLOVER event type, (mode, patterns): the first mode with a
# pattern in the event's trigger, else in its sentence, is the event's mode ("attacked with rockets":
# ASSAULT, heavy-weapons). Patterns are regular expressions matched at a word start, any case.
PLOVER_MODE_CUES: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "ASSAULT": (("suicide-attack", ("suicide",)),
                ("explosives", ("bomb", "ied", "explosi", "blast", "land ?mines?\\b", "mines?\\b", "roadside")),
                ("heavy-weapons", ("air ?strikes?", "airstrikes?", "strikes on", "shell", "artillery", "rockets?",
                                   "mortars?", "bombard", "drones?", "air raids?", "warplanes?", "helicopter")),
                ("assassinate", ("assassinat",)),
                ("abduct", ("abduct", "kidnap", "hijack")),
                ("destroy", ("destroy", "burn", "torch", "demolish")),
                ("firearms", ("gunfire", "gunmen", "shot\\b", "shooting", "opened fire", "rifles?", "machine ?guns?"))),
    "MOBILIZE": (("police", ("police",)),
                 ("weapons", ("missiles?", "air defen[cs]e", "weapons systems?")),
                 ("troops", ("troops", "commandos?", "forces", "soldiers", "reinforc", "deploy", "reservists?",
                             "units?\\b", "fighters", "militias?", "sent\\b", "flown", "dispatch", "mass", "call(?:ed|s|ing)? up",
                             "conscript"))),
    "RETREAT": (("ceasefire", ("cease-?fire", "truce")),
                ("release", ("releas", "freed", "set free", "prisoner swap")),
                ("resign", ("resign", "stepped down", "steps down")),
                ("disarm", ("disarm", "laid down (?:their )?(?:arms|weapons)", "handed over (?:their )?weapons")),
                ("access", ("allowed access", "let in", "granted access")),
                ("withdraw", ("withdr", "pulled out", "pull out", "retreat", "fled", "flee", "crossed", "left\\b",
                              "leave", "evacuat", "abandon", "vacat"))),
    "CONSULT": (("phone", ("phone", "telephon", "video ?(?:call|conference|link)", "call\\b", "spoke by")),
                ("multilateral", ("summit", "conference", "security council", "general assembly")),
                ("third-party", ("hosted by", "brokered", "mediat", "facilitated by", "under the auspices")),
                ("visit", ("visit", "arrived in", "trip to", "hosted", "received"))),
    "COERCE": (("arrest", ("arrest", "detain", "custody", "jail", "imprison", "captured\\s+\\d")),
               ("curfew", ("curfew",)),
               ("martial-law", ("martial law", "state of emergency")),
               ("censor", ("censor", "blocked access", "shut down (?:the )?(?:internet|media)")),
               ("deport", ("deport", "expel")),
               ("confiscate", ("confiscat", "seized (?:the )?(?:property|assets|vehicles|weapons)")),
               ("withhold", ("cut off", "shut off", "withheld", "withhold")),
               ("restrict", ("siege", "besieg", "blockade", "encircl", "surround", "restrict", "ban on travel"))),
    "AID": (("humanitarian", ("humanitarian", "food", "medic", "relief", "shelter", "aid agenc")),
            ("military", ("weapons", "arms\\b", "ammunition", "military (?:aid|assistance|equipment)", "equipment")),
            ("asylum", ("asylum",)),
            ("economic", ("million", "billion", "funds?\\b", "funding", "grants?\\b", "loans?\\b", "dollars", "budget"))),
    "THREATEN": (("territory", ("seize", "capture", "take over", "occupy")),
                 ("arrest", ("arrest", "detain")),
                 ("relations", ("suspend", "cut ties", "sever")),
                 ("expel", ("expel",)),
                 ("restrict", ("blockade", "close the border", "curfew")),
                 ("violence", ("attack", "violence", "retaliat", "force", "kill", "war\\b", "strike"))),
    "SANCTION": (("cancel", ("cancel", "called off", "call off")),
                 ("expel", ("expel",)),
                 ("convict", ("convict", "found guilty", "sentenced")),
                 ("withdraw", ("withdr", "recall", "pulled out")),
                 ("sever", ("sanction", "cut ties", "suspend", "freez", "embargo", "boycott", "closed"))),
    "PROTEST": (("riot", ("riot",)),
                ("strike-hun", ("hunger strike",)),
                ("strike-gen", ("general strike",)),
                ("boycott", ("boycott",)),
                ("obstruct", ("blocked (?:the )?roads?", "sit-in", "blockade")),
                ("demo", ("protest", "demonstrat", "rall", "march"))),
    "DEMAND": (("meet", ("talks", "negotiat", "meet", "dialogue")),
               ("yield", ("cease-?fire", "truce", "release", "stop fighting", "end the fighting", "withdr", "lay down",
                          "surrender")),
               ("change", ("resign", "step down", "reform", "inclusive government", "elections?")),
               ("assist", ("aid\\b", "help", "support", "assistance"))),
    "REJECT": (("meet", ("talks", "negotiat", "meet", "dialogue")),
               ("yield", ("cease-?fire", "truce", "release", "hand over", "surrender", "withdr")),
               ("change", ("resign", "step down", "reform")),
               ("assist", ("aid\\b", "help", "support", "assistance"))),
}

# words of control around a party's name in a baseline file's controller column ("X-controlled",
# "held by the X", "under X control"): dropped before the name is looked up
BASELINE_STATUS_WORDS = ("controlled by", "held by", "in the hands of", "under", "controlled", "control", "held",
                         "holds", "in control")

# the people or bodies a nationality word qualifies in an event's parties ("the Iranian foreign minister",
# "Pakistani politicians"): with one of these the phrase is a party; alone ("Pakistani situation") it is none
DEMONYM_PARTY_NOUNS = ("officials?", "government", "authorities", "army", "military", "forces", "troops",
                       "soldiers", "police", "ministry", "ministers?", "foreign minister", "spokes(?:man|person|woman)",
                       "president", "prime minister", "embassy", "ambassadors?", "envoys?", "diplomats?",
                       "delegations?", "leaders?", "leadership", "politicians", "elders", "counterparts?",
                       "negotiators?", "representatives?", "side", "team", "chief", "commanders?", "guards",
                       "fighters", "militants", "opposition", "lawmakers", "senators?", "generals?", "parliament")

# quotations: verbs whose clause or complement a quoted phrase belongs to, so the phrase is their
# subject's words ("said the troops were 'regrouping'", "offered 'to facilitate talks'", "warned of
# 'serious consequences'"); with SPEECH_LEMMAS and FRAMING_LEMMAS
QUOTING_LEMMAS = frozenset({
    "offer", "pledge", "promise", "vow", "urge", "demand", "appeal", "quote", "speak", "talk", "refer",
    "exclaim", "reiterate", "assure", "caution", "predict", "post", "confirm", "declare", "insist", "suggest",
    "propose", "hope", "remark", "comment", "observe", "describe", "complain", "threaten", "ask", "reply",
    "respond", "emphasize", "emphasise", "underline", "maintain", "contend", "believe", "mention", "recall",
    "boast", "lament", "accuse", "slam", "criticize", "criticise", "condemn", "welcome", "praise"})
# the same as words, for a sentence without a parse
QUOTING_VERBS = (
    "offered", "pledged", "promised", "vowed", "urged", "demanded", "appealed", "quoted", "spoke", "talked",
    "referred", "exclaimed", "reiterated", "assured", "cautioned", "predicted", "posted", "confirmed", "declared",
    "suggested", "proposed", "remarked", "commented", "observed", "complained", "threatened", "asked", "replied",
    "responded", "emphasi[sz]ed", "underlined", "maintained", "contended", "believes", "mentioned", "recalled",
    "criticized", "criticised", "condemned", "tweeted", "reads", "read", "adding", "telling", "quoting")
# the nouns of a speaker's role ("rebel spokesman X", "X, a member of the council", "the minister
# said"): a role word beside a name is that person; alone ("an army spokesman") it describes one
SPEAKER_ROLES = (
    "spokes(?:man|person|woman)", "ministers?", "governor", "chief", "commander", "officials?", "envoy",
    "ambassador", "president", "vice president", "prime minister", "general", "colonel", "major", "brigadier",
    "lieutenant", "captain", "head", "director", "deputy", "member", "leader", "secretary", "advis[eo]r",
    "analyst", "expert", "professor", "researcher", "resident", "elder", "mayor", "lawmaker", "MP", "senator",
    "diplomat", "officer", "representative", "chairman", "chairperson", "negotiator", "journalist", "activist",
    "shopkeeper", "farmer", "source", "witness", "student", "teacher", "doctor")
# verbs that attribute a quotation beside it, beyond SPEECH_VERBS: "“...,” he reiterated", "X pointed out: “...”"
QUOTE_ATTRIBUTION_VERBS = (
    "pointed out", "highlighted", "underscored", "underlined", "reiterated", "maintained", "vowed", "pledged",
    "promised", "concluded", "recalled", "exclaimed", "complained", "lamented", "threatened", "demanded",
    "suggested", "alleged", "revealed", "clarified", "assured", "quipped", "shouted", "pleaded", "recounted",
    "went on", "elaborated", "opined", "mentioned", "informed", "conceded", "contended", "reads", "read")
# verbs a capitalised name is the subject of ("NAME said", "NAME told"): the people reading of the
# pipeline without a statistical NER (khabar.extract.people) takes such a name for a person's
NAME_SUBJECT_VERBS = (
    "said", "says", "told", "tells", "added", "wrote", "stated", "claimed", "confirmed", "denied", "warned",
    "tweeted", "explained", "insisted", "stressed", "noted", "announced", "urged", "argued", "acknowledged",
    "admitted", "rejected", "asked", "replied", "posted", "alleged", "vowed", "pledged", "believes")
# verbs before a name after a quotation ('"...," said NAME'); "told" there has the listener after it
INVERTED_SPEECH_VERBS = (
    "said", "says", "added", "wrote", "stated", "explained", "noted", "stressed", "warned", "insisted", "asked",
    "recalled", "tweeted", "posted", "continued", "replied", "argued", "declared")
# capitalised words that make a run of them a body, a place, a time or an outlet, never a person's
# name ("Provincial Council said", "State Department said", "Sunday Times said"): the people
# reading of the pipeline without a statistical NER (khabar.extract.people) skips such runs
NOT_NAME_WORDS = (
    "Ministry", "Office", "Council", "Army", "Force", "Forces", "Police", "Government", "Administration",
    "News", "Agency", "Press", "Times", "Post", "Radio", "TV", "Television", "Channel", "Daily", "Journal",
    "Tribune", "Herald", "Online", "Network", "Media", "Committee", "Front", "Movement", "Party", "Union",
    "Nations", "Department", "Command", "Embassy", "Commission", "Court", "Bank", "Organisation",
    "Organization", "Institute", "University", "Mission", "Group", "Alliance", "Province", "District",
    "City", "Town", "Township", "Village", "State", "States", "Corps", "Division", "Brigade", "Battalion",
    "Regiment", "Watch", "International", "Foundation", "Service", "Services", "House", "Palace",
    "Parliament", "Assembly", "Senate", "Congress", "Directorate", "Security", "Intelligence", "Affairs",
    "Centre", "Center", "Airport", "Hospital", "Prison", "Base", "Camp", "Valley", "River", "Road",
    "Highway", "Street", "Square", "Bridge", "Region", "Area", "Zone", "North", "South", "East", "West",
    "Northern", "Southern", "Eastern", "Western", "Central", "Officials", "Official", "Residents",
    "Sources", "Witnesses", "Elders", "Analysts", "Experts", "Authorities", "Troops", "Soldiers",
    "Fighters", "Militants", "Rebels", "Earlier", "Later", "According", "Today", "Yesterday", "Tonight",
    "Reuters", "AFP", "Twitter", "Facebook", "Telegram", "Photo", "Video", "Update", "Breaking",
    "Editor", "Editorial", "Opinion", "Analysis", "Report", "Reports", "Statement")
