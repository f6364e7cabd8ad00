"""Control triggers: the phrases that change or state who holds a place, and finding them.

Each `Trigger` carries the words one of its matches must contain (`words`): a sentence none of
whose words is among them skips that trigger's regular expression, so a sentence without any
control word costs one word split, not two dozen scans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from khabar.extract.dates import lowered

TALIBAN_CUES = (r"taliban|militants?|insurgents?|islamic emirate|fighters|rebels|insurgent group|"
                r"militant group|mujahideen|mujahidin|the enemy|terrorists|the group|the movement")
GOV_CUES = (r"government forces|security forces|afghan forces|afghan army|national army|ansf|andsf|"
            r"commandos?|soldiers|troops|army|police|defen[cs]e forces|uprising forces|"
            r"local forces|afghan military|military|government troops|special forces|"
            r"national defen[cs]e|militia|pro-government|kabul forces|kabul administration|"
            r"government(?!\s+(?:buildings?|offices?|officials?|compound|installations|employees|"
            r"headquarters|positions|posts))|authorities")
_DAYS = (r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|\d|january|february|march|"
         r"april|may|june|july|august|september|october|november|december|the (?:same|next|following|"
         r"previous) day)")


@dataclass(frozen=True, slots=True)
class Trigger:
    """A phrase that changes or states control, the side it gives, and where its district is.

    voice: "active" = the district follows, "passive" = it precedes, "either".
    holding: the phrase states who holds a place ("held", "in control of"), which is a
    record for the Taliban only: the government still holding a place is no change.
    direct: the district must follow as the object ("held Spin Boldak"), not later.
    subject: the district is the subject, so never after a preposition ("defences in Kunduz
    collapsed" is not Kunduz collapsing).
    words: every match contains one of these words whole (lower case), so a sentence
    without any of them cannot match.
    """

    rx: re.Pattern[str]
    controller: str
    voice: str
    words: frozenset[str]
    holding: bool = False
    direct: bool = False
    taliban_only: bool = False
    subject: bool = False


def _t(rx: str, controller: str, voice: str, words: str, **kw: bool) -> Trigger:
    return Trigger(re.compile(rx, re.I), controller, voice, frozenset(words.split()), **kw)


TRIGGERS: list[Trigger] = [
    _t(r"\b(?:fell|fallen|falls|falling)\s+(?:in)?to\s+(?:the\s+)?(?:hands of\s+(?:the\s+)?)?"
       r"(?:taliban|militants|insurgents|islamists|mujahideen|the enemy)", "taliban", "passive",
       words="fell fallen falls falling"),
    _t(r"\b(?:has|have|had)\s+(?:also\s+)?fallen\b(?!\s+(?:sharply|steeply|dramatically|by\b|off\b|"
       r"apart|victim|ill\b|behind|silent|short|back))|"
       r"\bfell\b(?!\s+(?:silent|short|back|into|in\b|sharply|steeply|dramatically|by\b|off\b|apart|"
       r"victim|ill\b|behind|asleep))", "taliban", "passive",
       words="fallen fell"),
    _t(r"\b(?:fall|collapse) of\b", "taliban", "active",
       words="fall collapse", direct=True),
    # "Zaranj ... became the first provincial capital to fall to the Taliban"
    _t(r"\b(?:became|becomes|become|was|is)\s+the\s+(?:[\w\-]+\s+){0,4}?to\s+(?:fall|be\s+(?:captured|taken|seized|"
       r"overrun))\b", "taliban", "passive",
       words="became becomes become was is", direct=True, subject=True),
    # "Dand Patan in Paktia collapsed": the district is the subject, not "defences around Kunduz"
    _t(r"\bcollapsed\b", "taliban", "passive",
       words="collapsed", direct=True, subject=True),
    _t(r"\b(?:captur(?:ed|es|ing)|seiz(?:ed|es|ing)|overr(?:an|un|unning)|overt(?:ook|aken)|"
       r"conquer(?:ed|s)|took over|taken over|takes over|taking over|"
       r"gained control|took control|taken control|taking control|seized control|"
       r"captured control|assumed control|grabbed|wrested control(?!\s+back))\b", "taliban", "either",
       words=("captured captures capturing seized seizes seizing overran overrun overrunning "
              "overtook overtaken conquered conquers took taken takes taking gained assumed "
              "grabbed wrested")),
    _t(r"\b(?:entered|enter|enters|entering|marched into|rolled into|swept into|stormed into|poured into)\b",
       "taliban", "active",
       words="entered enter enters entering marched rolled swept stormed poured",
       direct=True, taliban_only=True),
    _t(r"\bcapture of\b|\bseizure of\b|\btakeover of\b|\bconquest of\b|\bhandover of\b|\bsurrender of\b",
       "taliban", "active",
       words="capture seizure takeover conquest handover surrender", direct=True),
    _t(r"\b(?:took|taken|takes|taking)\b(?!\s+(?:place|part|office|over|up|off|back|away|"
       r"to|into|in|out|care|steps|measures|action|a|an|the lives|responsibility|refuge|"
       r"shelter|cover|hostage|prisoners?|captive|power|charge|hold|aim|note|time|delivery)\b)"
       rf"(?!\s+on\b(?!\s+{_DAYS}))", "taliban", "either",
       words="took taken takes taking"),
    _t(r"\b(?:surrender(?:ed|s)?|handed over|handed|given up|gave up)\b(?:[^.;]{0,60}?)\bto\s+"
       r"(?:the\s+)?(?:taliban|militants|insurgents|mujahideen)", "taliban", "either",
       words="surrender surrendered surrenders handed given gave"),
    _t(r"\b(?:was|were|been|is|are|being)\s+(?:\w+ly\s+)?(?:handed over|handed|surrendered|given up|lost)\b"
       r"(?!\s+(?:in)?to\s+(?:the\s+)?(?:government|afghan|security))", "taliban", "passive",
       words="handed surrendered given lost"),
    # "Shibar was abandoned": the district itself, not "residents of Khan Abad were evacuated"
    _t(r"\b(?:was|were|been|is|are|being)\s+(?:\w+ly\s+)?(?:abandoned|evacuated|vacated)\b", "taliban", "passive",
       words="abandoned evacuated vacated", direct=True, subject=True),
    # "lost Shibar, Kahmard and Saighan districts to the Taliban": the districts inside the phrase
    _t(r"\blost\s+(?!to\b)(?:[^.;]{0,60}?)\bto\s+(?:the\s+)?(?:taliban|militants|insurgents|mujahideen)\b"
       r"(?!\s+(?:attacks?|fire|offensives?|ambush(?:es)?|assaults?))", "taliban", "active",
       words="lost", direct=True),
    _t(r"\blost\s+(?!to\b)(?:[^.;]{0,60}?)\bto\s+(?:the\s+)?(?:afghan|government|security)\s+(?:security\s+)?forces\b",
       "government", "active",
       words="lost", direct=True),
    _t(r"\b(?:surrendered|capitulated)\b(?!\s+(?:to\s+(?:the\s+)?(?:government|afghan|security)|"
       r"their|his|its|weapons|arms))", "taliban", "passive",
       words="surrendered capitulated", direct=True),
    _t(r"\bwent\b(?=\s+(?:on|in|early|late|too|as well|the same|overnight|without|to the taliban|"
       r"quietly|next|a day|two days|that|soon)\b)", "taliban", "passive",
       words="went", direct=True),
    _t(r"\bfollowed\b(?=\s+(?:a|the|on|in|suit|soon|within|shortly|two|three|hours|days|after)\b)",
       "taliban", "passive",
       words="followed", direct=True),
    _t(r"\bunder\s+(?:the\s+)?(?:full\s+)?(?:control of the taliban|taliban(?:'s|’s)?\s+control)",
       "taliban", "passive",
       words="under"),
    _t(r"\b(?:in|into)\s+(?:the\s+)?(?:hands of the taliban|taliban(?:'s|’s)? hands)", "taliban",
       "passive",
       words="hands"),
    # a state: "A, B and C were all held by the Taliban", "were still held by government forces"
    _t(r"\b(?:is|are|was|were|remains?|remained)\s+(?:(?:all|both|still|now|again|already|also|"
       r"firmly|largely|fully|effectively)\s+)*(?:held|controlled)(?=\s+by\b)", "taliban", "passive",
       words="held controlled", holding=True),
    _t(r"\blost\s+(?:full\s+|all\s+)?control\s+(?:of|over)\b", "taliban", "active",
       words="lost"),
    _t(r"\b(?:ha(?:ve|s|d)|hold|holds|held|in|retain(?:s|ed)?)\s+(?:full\s+)?control\s+(?:of|over)\b",
       "taliban", "active",
       words="control", holding=True),
    _t(r"\b(?:ha(?:ve|s|d)\s+(?:also\s+|now\s+|since\s+)?)?(?:held|hold|holds|holding|controls|"
       r"(?<=taliban )control|(?<=they )control|(?<=now )control|(?<=still )control|(?<=also )control|"
       r"(?<=insurgents )control|(?<=militants )control|controlled|controlling)\b(?!\s+(?:talks|a\b|an\b|meetings?|elections?|a press|out\b|on\b|back|"
       r"off\b|up\b|fire))", "taliban", "active",
       words="held hold holds holding controls control controlled controlling",
       holding=True, direct=True, taliban_only=True),
    _t(r"\b(?:forces|troops|soldiers|police|army|officials|government)\s+(?:have\s+|had\s+|has\s+)?"
       r"(?:also\s+|\w+ly\s+)?(?:left|abandoned|withdrew from|withdrawn from|evacuated|pulled out of|"
       r"pulled back from|retreated from|fled from|fled|"
       # "have been pushed out of", "were forced to withdraw from"
       r"(?:(?:have|has|had)\s+been\s+|were\s+|was\s+)(?:pushed|driven|forced|chased)\s+(?:out\s+of|from)|"
       r"(?:(?:have|has|had)\s+been\s+|were\s+|was\s+)forced\s+to\s+(?:withdraw\s+from|retreat\s+from|"
       r"pull\s+out\s+of|leave|abandon|evacuate))\b", "taliban", "active",
       words="forces troops soldiers police army officials government"),
    _t(r"\b(?:retook|retake|retaken|retaking|recaptur(?:ed|es|ing|e)|reclaim(?:ed|s|ing)?|"
       r"regain(?:ed|s|ing)?|liberat(?:ed|es|ing)|took back|taken back|wrested back|"
       r"reconquered|recovered)\b", "government", "either",
       words=("retook retake retaken retaking recaptured recaptures recapturing recapture "
              "reclaim reclaimed reclaims reclaiming regain regained regains regaining "
              "liberated liberates liberating took taken wrested reconquered recovered")),
    _t(r"\b(?:back under|returned to)\s+(?:the\s+)?(?:government|state|afghan forces)(?:['’]s)?\s+control",
       "government", "passive",
       words="back returned"),
    # "restored government control over Khan Abad"; "government control over Khan Abad was restored"
    _t(r"\b(?:restored|re-?established|reasserted|re-?imposed)\s+(?:(?:government|state|their|its|full)\s+)*"
       r"(?:control|authority)\s+(?:over|of|in)\b", "government", "active",
       words="restored reestablished re reasserted reimposed", direct=True),
    _t(r"\b(?:government|state)\s+(?:control|authority)\s+(?:over|of|in)\s+[^.;,]{1,40}?\s+(?:was|were|has been|"
       r"had been|have been)\s+(?:\w+ly\s+)?(?:restored|re-?established)\b", "government", "either",
       words="restored reestablished re"),
    _t(r"\b(?:pushed|drove|driven|expelled|ousted|cleared|flushed|evicted)\s+(?:the\s+)?"
       r"(?:taliban|militants|insurgents|terrorists|enemy)\s+(?:fighters\s+)?(?:out\s+)?(?:of|from)\b",
       "government", "active",
       words="pushed drove driven expelled ousted cleared flushed evicted"),
    _t(r"\b(?:taliban|militants|insurgents|terrorists|the enemy)\s+(?:(?:have|has|had)\s+been\s+|were\s+|was\s+)"
       r"(?:\w+ly\s+)?(?:pushed|driven|forced|chased|expelled|cleared|flushed)\s+(?:out\s+of|from)\b",
       "government", "active",
       words="pushed driven forced chased expelled cleared flushed"),
    # "the district was cleared of insurgents"
    _t(r"\b(?:was|were|has been|had been|have been)\s+(?:\w+ly\s+)?(?:cleared|cleansed|freed)\s+of\s+(?:the\s+)?"
       r"(?:taliban|militants|insurgents|terrorists|enemy)\b", "government", "passive",
       words="cleared cleansed freed", direct=True, subject=True),
    _t(r"\b(?:cleared|cleansed|freed|rid)\b(?=[^.;]{0,40}\bof\s+(?:the\s+)?(?:taliban|militants|"
       r"insurgents|terrorists|enemy)\b)", "government", "active",
       words="cleared cleansed freed rid", direct=True),
    _t(r"\b(?:is|are|was|were|remains?|remained|has become|have become|became)\s+(?:now\s+|still\s+)?"
       r"contested\b", "contested", "passive",
       words="contested"),
]
_TRIGGER_WORDS = frozenset().union(*(t.words for t in TRIGGERS))
_WORD = re.compile(r"[a-z]+")


@dataclass(frozen=True, slots=True)
class Found:
    """A trigger phrase found in a sentence (sentence-relative offsets)."""

    start: int
    end: int
    trigger: Trigger
    text: str


def find_triggers(text: str) -> list[Found]:
    """Return the trigger phrases of a sentence in text order; a phrase overlapping one found
    by an earlier trigger of `TRIGGERS` is left out."""
    low = lowered(text)
    words = _TRIGGER_WORDS if low is None else _TRIGGER_WORDS.intersection(_WORD.findall(low))
    if not words:
        return []
    found: list[Found] = []
    for t in TRIGGERS:
        if t.words.isdisjoint(words):
            continue
        for m in t.rx.finditer(text):
            if any(not (m.end() <= f.start or m.start() >= f.end) for f in found):
                continue
            found.append(Found(m.start(), m.end(), t, m.group()))
    found.sort(key=lambda f: f.start)
    # "Zaranj fell on August 6, and Sheberghan followed a day later": "followed" needs a fall before
    return [f for f in found if not f.text.lower().startswith("followed") or any(
        g.start < f.start and g.trigger.controller == "taliban" and not g.text.lower().startswith("followed")
        for g in found)]

