"""Synthetic press reports for the bench: deterministic, 200-450 words, from our own templates.

    reports = generate(2000, seed=7)        # -> [Report(document, themes, expected)]
    documents = generate_reports(2000)      # -> [Document]

A report has a title, a dateline lead on one theme (a capture, a recapture, talks in Moscow,
a claim with a percentage...), a quote with its speaker and a "he said" follow-up, often a
second item on another theme, and padding: mostly context sentences the pipeline reads closely
(a place, a quotation, a speech or claim verb, a clash) that change no one's control, and some
filler with nothing to extract, in the share real reports have (`CONTEXT_SHARE`, measured with
khabar.bench.realtext.density on the shared dev corpora). Districts come
from the theatre's gazetteer, the parties and their words from its bench.json or its parties
(khabar.bench.words), publication dates from its bench period.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from khabar.bench import templates as T
from khabar.bench.words import BenchWords, bench_words
from khabar.records import Document, document_id
from khabar.theatres.loader import DEFAULT_THEATRE, District, Theatre, load

# Real reports (the 53 reports of the first theatre's dev set: 78-333 words, 208 on average; the second's: 264)
MIN_WORDS = 120
MAX_WORDS = 340
# Share of padding sentences drawn from templates.CONTEXT rather than templates.FILLERS: with the
# leads and quotes this makes about 95% of a report's sentences candidates, as on eval-dev (97%)
# and eval-dev-myanmar (93%).
CONTEXT_SHARE = 0.9
THEMES: tuple[tuple[str, int], ...] = (("capture", 35), ("recapture", 14), ("contested", 5),
                                       ("failed", 10), ("meeting", 14), ("claim", 12),
                                       ("denial", 10))


@dataclass(frozen=True, slots=True)
class Report:
    """A generated report, its themes (lead first) and the control changes its leads state."""

    document: Document
    themes: tuple[str, ...]
    expected: tuple[tuple[str, str], ...]  # (district id, controller)


def words(text: str) -> int:
    """Return the number of whitespace-separated words of a text."""
    return len(text.split())


class _Writer:
    """Draws one report at a time from a seeded random generator."""

    def __init__(self, rng: random.Random, theatre: Theatre,
                 lengths: tuple[int, int] = (MIN_WORDS, MAX_WORDS)) -> None:
        self.rng = rng
        self.min_words, self.max_words = lengths
        self.w: BenchWords = bench_words(theatre)
        self.fillers_pool = (*T.FILLERS, *self.w.fillers)
        self.districts: list[District] = sorted(theatre.districts.values(), key=lambda d: d.id)
        capitals = {p.id: theatre.districts[p.capital_id].name for p in theatre.provinces.values()
                    if p.capital_id and p.capital_id in theatre.districts}
        self.capitals = capitals

    def pick(self, options: tuple[str, ...] | list[str]) -> str:
        return self.rng.choice(options)

    def person(self) -> str:
        return f"{self.pick(self.w.given_names)} {self.pick(self.w.family_names)}"

    def when(self, published: date) -> str:
        """Return a time phrase: a weekday, yesterday, a month and day, last week, or nothing."""
        r = self.rng.random()
        if r < 0.4:
            return f"on {T.WEEKDAYS[(published - timedelta(self.rng.randint(1, 6))).weekday()]}"
        if r < 0.55:
            return "yesterday"
        if r < 0.75:
            d = published - timedelta(self.rng.randint(1, 9))
            return f"on {T.MONTHS[d.month - 1]} {d.day}"
        if r < 0.85:
            return "last week"
        return "overnight"

    def slots(self, published: date, district: District) -> dict[str, object]:
        venue, host = self.rng.choice(self.w.meetings)
        return {**self.w.slots, "district": district.name, "province": district.province,
                "when": self.when(published), "source": self.pick(T.SOURCES),
                "attacker": self.pick(self.w.attackers), "defender": self.pick(self.w.defenders),
                "venue": venue, "host": host, "pct": self.rng.choice((40, 50, 60, 70, 75, 80, 85, 90)),
                "n": self.rng.randint(3, 90), "days": self.rng.randint(2, 9),
                "km": self.rng.randint(12, 140), "city": self.pick(self.w.cities)}

    def sentence(self, template: str, slots: dict[str, object]) -> str:
        s = template.format(**slots)
        return s[:1].upper() + s[1:]

    def fillers(self, published: date, pool: tuple[str, ...] | None = None) -> list[str]:
        """Return the filler sentences (or those of `pool`) in a random order (each used at most
        once a report)."""
        pool = self.fillers_pool if pool is None else pool
        return [self.sentence(t, self.slots(published, self.pick_district()))
                for t in self.rng.sample(pool, len(pool))]

    def pick_district(self) -> District:
        return self.rng.choice(self.districts)

    def quote_paragraph(self, theme: str, published: date) -> str:
        r = self.rng.random()
        side = "defender" if r < 0.5 else "attacker" if r < 0.75 else "other"
        roles = {"defender": self.w.defender_roles, "attacker": self.w.attacker_roles, "other": T.OTHER_ROLES}
        name, role = self.person(), self.pick(roles[side])
        quote = self.pick(self.w.quotes[side])
        first = (f"\u201c{quote},\u201d {name}, {role}, said."
                 if self.rng.random() < 0.5 else f"{name}, {role}, said: \u201c{quote}.\u201d")
        return f"{first} {self.pick(T.FOLLOW_UPS[theme])}"

    def report(self, index: int) -> Report:
        rng = self.rng
        first, last = self.w.first_day, self.w.last_day
        published = first + timedelta(rng.randint(0, (last - first).days))
        outlet, domain = rng.choice(self.w.outlets)
        themes = [self.theme()]
        if rng.random() < 0.6:
            themes.append(self.theme())
        districts = [self.pick_district() for _ in themes]
        slots = self.slots(published, districts[0])
        leads = [self.sentence(self.pick(T.LEADS[themes[0]]), slots)]
        for theme, district in zip(themes[1:], districts[1:], strict=True):
            lead = self.sentence(self.pick(T.LEADS[theme]), self.slots(published, district))
            leads.append(_elsewhere(lead) if rng.random() < 0.5 else lead)
        d0 = districts[0]
        capital = self.capitals.get(d0.province_id, d0.province).upper()
        dateline = f"{capital}, {T.MONTHS[published.month - 1]} {published.day} ({outlet}) - "
        paragraphs = [dateline + leads[0], self.quote_paragraph(themes[0], published)]
        paragraphs += leads[1:]
        body = self._pad(paragraphs, published)
        title = self.sentence(self.pick(T.TITLES[themes[0]]), slots)
        expected = tuple((d.id, c) for t, d in zip(themes, districts, strict=True)
                         if (c := self.w.controller(t)))
        slug = "-".join(title.lower().replace(",", "").split())[:60]
        doc = Document(id=document_id(body), text=body, title=title, outlet=outlet,
                       url=f"https://{domain}/{published:%Y/%m}/{slug}-{index}",
                       published=published, language="en", source=f"bench:{index:05d}")
        return Report(doc, tuple(themes), expected)

    def theme(self) -> str:
        names, weights = zip(*THEMES, strict=True)
        return self.rng.choices(names, weights)[0]

    def _pad(self, paragraphs: list[str], published: date) -> str:
        """Insert filler paragraphs after the lead until the report has its drawn length."""
        target = self.rng.randint(self.min_words, self.max_words)
        total = sum(words(p) for p in paragraphs)
        plain, context = self.fillers(published), self.fillers(published, T.CONTEXT)
        while total < target and (plain or context):
            para: list[str] = []
            for _ in range(self.rng.randint(1, 4)):
                pool = context if context and (self.rng.random() < CONTEXT_SHARE or not plain) \
                    else plain
                while pool and total + words(pool[-1]) > self.max_words:
                    pool.pop()
                if not pool or total >= target:
                    break
                para.append(pool.pop())
                total += words(para[-1])
            if para:
                paragraphs.insert(self.rng.randint(2, len(paragraphs)), " ".join(para))
        return "\n\n".join(paragraphs)


_COMMON_OPENERS = frozenset("The A An Insurgents Hundreds Government Delegations Officials Security".split())


def _elsewhere(sentence: str) -> str:
    first, _, rest = sentence.partition(" ")
    return f"Elsewhere, {first.lower() if first in _COMMON_OPENERS else first} {rest}"


def generate(n: int, seed: int = 7, theatre: str = DEFAULT_THEATRE,
             lengths: tuple[int, int] = (MIN_WORDS, MAX_WORDS)) -> list[Report]:
    """Return n synthetic reports with distinct ids; the same n and seed give the same reports.

    `lengths` is the range of words a report draws its length from (default: as real reports);
    a report is padded up to it while context and filler sentences last."""
    writer = _Writer(random.Random(seed), load(theatre), lengths)
    out: list[Report] = []
    seen: set[str] = set()
    index = 0
    while len(out) < n:
        report = writer.report(index)
        index += 1
        if report.document.id not in seen:
            seen.add(report.document.id)
            out.append(report)
    return out


def generate_reports(n: int, seed: int = 7, theatre: str = DEFAULT_THEATRE,
                     lengths: tuple[int, int] = (MIN_WORDS, MAX_WORDS)) -> list[Document]:
    """Return n synthetic press reports as Documents (deterministic for a given seed)."""
    return [r.document for r in generate(n, seed, theatre, lengths)]


def write_corpus(documents: list[Document], folder: Path) -> Path:
    """Write reports as NNNNN.txt (title, blank line, body) plus index.jsonl; return the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "index.jsonl", "w", encoding="utf-8") as index:
        for i, d in enumerate(documents):
            name = f"{i:05d}"
            (folder / f"{name}.txt").write_text(f"{d.title}\n\n{d.text}\n", encoding="utf-8")
            index.write(json.dumps({"id": name, "title": d.title, "outlet": d.outlet,
                                    "url": d.url, "published": d.published.isoformat()
                                    if d.published else None}) + "\n")
    return folder
