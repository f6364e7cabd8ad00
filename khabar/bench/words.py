"""A theatre's words for the bench's synthetic reports: who attacks, who defends, what they are called.

    words = bench_words(load("myanmar"))   # -> BenchWords
    words.slots                            # {"attacker_the": "the ...", "country": ..., ...}

Read from the theatre's `bench.json` when it has one (khabar/theatres/<name>/bench.json: "attacker",
"defender", "period", "words" (the template slots), "attackers", "defenders", "attacker_roles",
"defender_roles", "attacker_quotes", "defender_quotes", "meetings" ([venue, host adjective]),
"cities", "outlets" ([name, domain]), "given_names", "family_names", "fillers"); anything it
leaves out comes from the theatre itself: the incumbent defends, the first party that opposes it
(or the default captor) attacks, the parties' labels name their forces, the admin levels name
the places, the provinces' capitals are the cities.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from khabar.bench import templates as T
from khabar.theatres.loader import Theatre


@dataclass(frozen=True)
class BenchWords:
    """The words of one theatre's synthetic reports."""

    attacker: str  # the party id that captures ("capture" leads)
    defender: str  # the party id that retakes ("recapture" leads)
    first_day: date
    last_day: date
    slots: dict[str, str]
    attackers: tuple[str, ...]
    defenders: tuple[str, ...]
    attacker_roles: tuple[str, ...]
    defender_roles: tuple[str, ...]
    quotes: dict[str, tuple[str, ...]]  # side (attacker, defender, other) -> sayings
    meetings: tuple[tuple[str, str], ...]
    cities: tuple[str, ...]
    outlets: tuple[tuple[str, str], ...]
    given_names: tuple[str, ...]
    family_names: tuple[str, ...]
    fillers: tuple[str, ...]

    def controller(self, theme: str) -> str | None:
        """Return the controller a lead of a theme states, or None (no change of hands)."""
        return {"capture": self.attacker, "recapture": self.defender, "contested": "contested"}.get(theme)


def _plain(label: str) -> str:
    """Return a party's label without a bracketed aside: "Military (SAC)" -> "Military"."""
    return re.sub(r"\s*\([^)]*\)", "", label).strip() or label


def _the(label: str) -> str:
    return label if label.lower().startswith("the ") else f"the {label}"


def _level(theatre: Theatre, key: str) -> str:
    """Return an admin level's name as a report writes it after a name ("state/region" -> "state")."""
    return theatre.level(key).split("/")[0].strip()


def bench_words(theatre: Theatre) -> BenchWords:
    """Return the theatre's bench words: its bench.json, else what its data tells."""
    path = theatre.path / "bench.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    parties = list(theatre.parties)
    if not parties:
        raise ValueError(f"{theatre.path}: a theatre with no party cannot be benched")
    defender = data.get("defender") or theatre.incumbent or parties[0]
    attacker = (data.get("attacker") or theatre.default_captor
                or next(iter(theatre.opponents(defender)), None)
                or next((p for p in parties if p != defender), defender))
    a_label, d_label = _plain(theatre.party_label(attacker)), _plain(theatre.party_label(defender))
    country = theatre.country or theatre.title
    capitals = [d.name for p in theatre.provinces.values() if (d := theatre.capital(p.id))]
    slots = {
        "attacker_the": _the(a_label), "attacker_adj": a_label,
        "defender_adj": d_label, "defender_short": f"{d_label} forces",
        "demonym": (theatre.demonyms or (country,))[0], "country": country, "capital": "the capital",
        "currency": "dollars", "currency_unit": "local currency",
        "level": _level(theatre, "district"), "levels": _level(theatre, "districts"),
        "plevel": _level(theatre, "province"),
        **(data.get("words") or {}),
    }
    period = data.get("period") or theatre.config.get("period") or ["2021-05-01", "2021-08-31"]

    def fill(texts: list[str] | tuple[str, ...]) -> tuple[str, ...]:
        return tuple(t.format(**slots) for t in texts)

    return BenchWords(
        attacker=attacker, defender=defender,
        first_day=date.fromisoformat(period[0]), last_day=date.fromisoformat(period[-1]),
        slots=slots,
        attackers=tuple(data.get("attackers") or (f"{a_label} fighters", f"Fighters of {_the(a_label)}",
                                                  _the(a_label)[0].upper() + _the(a_label)[1:], "Insurgents")),
        defenders=tuple(data.get("defenders") or (f"{d_label} troops", f"{d_label} forces", "Government troops",
                                                  "Security forces backed by air strikes")),
        attacker_roles=fill(data.get("attacker_roles") or T.ATTACKER_ROLES),
        defender_roles=fill(data.get("defender_roles") or T.DEFENDER_ROLES),
        quotes={"attacker": tuple(data.get("attacker_quotes") or T.QUOTES["attacker"]),
                "defender": tuple(data.get("defender_quotes") or T.QUOTES["defender"]),
                "other": T.QUOTES["other"]},
        meetings=tuple((v, h) for v, h in data.get("meetings") or
                       [(v, "host") for v in (theatre.config.get("venues") or ["the capital"])[:3]]),
        cities=tuple(data.get("cities") or capitals[:10] or [country]),
        outlets=tuple((n, d) for n, d in data.get("outlets") or T.OUTLETS),
        given_names=tuple(data.get("given_names") or T.GIVEN_NAMES),
        family_names=tuple(data.get("family_names") or T.FAMILY_NAMES),
        fillers=tuple(data.get("fillers") or ()),
    )
