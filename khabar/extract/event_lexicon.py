"""The trigger words of PLOVER event types, each with the word stems a match cannot lack.

`TRIGGERS` lists (type, stems, pattern). A pattern can only match a sentence whose lower-case
text holds one of its stems, so `events.match` tries a pattern only after a substring test
(`stem in text`, far cheaper than a regular expression scan). Keep the stems a true necessary
condition when editing a pattern: every word a pattern can match must contain one of them.
"""

from __future__ import annotations

TRIGGERS: list[tuple[str, tuple[str, ...], str]] = [
    ("CONSULT",
     ("met", "meet", "talks", "visit", "host", "delegation", "phone", "consultation", "conferred",
      "summit", "conversation"),
     r"\b(?:met|meets|meeting|meetings|held talks|hold talks|holding talks|talks|"
     r"visit(?:ed|s|ing)?|(?:hosted|hosts|hosting)(?!\s+(?:\w+\s+){0,3}(?:refugees|"
     r"migrants|displaced|families|people|students|children|bases?|troops|camps?)\b)|"
     r"received\s+(?:a|the|an)\s+(?:\w+\s+)?delegation|"
     r"(?:tele)?phone (?:calls?|conversations?|talks)|spoke (?:by|on the) (?:tele)?phone|"
     r"telephoned|consultations|conferred|summit|conversation with)\b"),
    ("AID",
     ("offer", "provid", "deliver", "donat"),
     r"\b(?:offer(?:ed|s|ing)?|offer of|provid(?:ed|es|ing)|deliver(?:ed|s|ing)|donat(?:ed|es))"
     r"\s+(?:of\s+)?(?:\w+\s+){0,2}(?:help|aid|assistance|support|supplies|weapons)\b"),
    ("MOBILIZE",
     ("deploy", "mobili", "reservist", "exercise", "drill", "hardware", "sent", "reinforcement",
      "alert", "massed"),
     r"\b(?:deploy(?:ed|s|ing|ment)|mobili[sz](?:ed|es|ing|ation)|reservists|"
     r"(?:military|training|joint) (?:exercises|drills)|drills|exercises|"
     r"military hardware|sent (?:troops|reinforcements)|reinforcements|on alert|"
     r"massed troops)\b"),
    ("RETREAT",
     ("fled", "flee", "escaped", "crossed", "retreat", "refuge", "scurrying"),
     r"\b(?:fled|flee|fleeing|escaped|crossed (?:the border )?into|retreat(?:ed|ing)?|"
     r"sought refuge|scurrying across)\b"),
    ("ASSAULT",
     ("attack", "strike", "bomb", "shell", "ambush", "assassinat", "clash", "fighting", "offensive",
      "raid"),
     r"\b(?:attack(?:ed|s|ing)?|air ?strikes?|airstrikes?|bomb(?:ed|ing|ings)|"
     r"shell(?:ed|ing)|ambush(?:ed)?|assassinat(?:ed|ion)|clash(?:ed|es)|"
     r"heavy fighting|offensive|raid(?:ed|s)?|suicide bomb\w*)\b"),
    ("DISAPPROVE",
     ("condemn", "critici", "out against", "denounc", "accus", "blam"),
     r"\b(?:condemn(?:ed|s|ing)?|criticiz\w+|criticis\w+|spoken out against|"
     r"spoke out against|denounc\w+|accus(?:ed|es|ing)|blam(?:ed|es))\b"),
    ("THREATEN", ("threaten", "warned"), r"\b(?:threaten(?:ed|s|ing)|warned)\b"),
    ("CONCEDE", ("surrender",), r"\bsurrender(?:ed|s|ing)?\b"),
    ("AGREE", ("agreed", "joint statement", "signed"),
     r"\b(?:agreed|joint statement|signed an? (?:\w+\s+)?(?:agreement|deal))\b"),
    ("REQUEST", ("called", "urged", "appealed", "requested"),
     r"\b(?:called (?:on|for)|urged|appealed (?:to|for)|requested)\b"),
    ("COERCE", ("besieg", "siege", "blockade"), r"\b(?:besieg\w+|under siege|siege of|blockade[ds]?)\b"),
]
