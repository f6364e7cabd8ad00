"""The records khabar makes: documents, and what it extracts from them, each carrying its evidence.

Every record is a frozen dataclass, built complete. Extracted records carry an `Evidence` (the
document, the sentence and its character offsets) and a `span`: the record's own `[start, end)`
offsets in the document text. `to_dict()` gives the stable JSON shape of `khabar extract`.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from typing import Any, Generic, Literal, TypeVar

# A party id of the record's theatre (its parties.csv), or "contested".
Controller = str
Stance = Literal["asserts", "denies", "disputes"]
EventStatus = Literal["happened", "planned", "negated"]
ChangeKind = Literal["change", "holding"]

Day = date  # for annotations inside records that have a field named `date`

STANCES: tuple[str, ...] = ("asserts", "denies", "disputes")

# PLOVER event types khabar uses (https://github.com/openeventdata/PLOVER).
PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
    "DISAPPROVE",
)


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


@dataclass(frozen=True, slots=True)
class Document:
    """One report as ingested: its text and what is known about it."""

    id: str
    text: str
    title: str = ""
    outlet: str = ""
    url: str = ""
    published: date | None = None
    language: str = "en"
    source: str = ""

    def meta(self) -> dict[str, Any]:
        """Return the document's metadata in the extract contract's shape."""
        return {"id": self.id, "title": self.title, "outlet": self.outlet, "url": self.url,
                "published": _iso(self.published), "language": self.language}


def document_id(text: str) -> str:
    """Return the stable id of a text: a hash of its normalised form (case, spacing, quotes)."""
    norm = " ".join(text.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"')
                    .lower().split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Evidence:
    """The sentence that supports a record: its document, offsets and text."""

    document_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number a claim or assessment states: 85 percent of territory, 250 districts."""

    value: float
    unit: str
    of: str | None = None
    qualifier: str | None = None
    value_max: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the quantity as JSON-ready data, integers without a fraction."""
        out = asdict(self)
        for k in ("value", "value_max"):
            v = out[k]
            if isinstance(v, float) and v.is_integer():
                out[k] = int(v)
        return out


def _json(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_json(v) for v in value]
    if isinstance(value, Quantity):
        return value.to_dict()
    if isinstance(value, Evidence):
        return value.text
    return value


def record_dict(record: Any) -> dict[str, Any]:
    """Return an extracted record as JSON-ready data: its id, its fields in order (dates ISO,
    tuples as lists, the evidence as its sentence), the evidence and span last.

    The one serialiser of records: `khabar extract`, the store's exports and the desk use it.
    """
    out: dict[str, Any] = {"id": record.id}
    for f in fields(record):
        if f.name not in ("evidence", "span"):
            out[f.name] = _json(getattr(record, f.name))
    out["evidence"] = record.evidence.text
    out["span"] = list(record.span)
    return out


def _record_id(kind: str, evidence: Evidence, span: tuple[int, int], *key: object) -> str:
    raw = "|".join([kind, evidence.document_id, str(span[0]), str(span[1]), *map(str, key)])
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class ControlChange:
    """A district that a report says passed to, or is held by, a controller on a date."""

    district: str
    district_id: str | None
    province: str | None
    controller: Controller
    date: date | None
    evidence: Evidence
    span: tuple[int, int]
    province_id: str | None = None
    trigger: str = ""
    # what extraction found about the telling, so that compile never reads the sentence again
    kind: ChangeKind = "change"  # "holding": held as of the date, since unknown
    acting_party: str | None = None  # the party named as doing the taking (a member of a coalition)
    speaker: str | None = None  # who the report attributes it to ("officials said", a named spokesman)
    speaker_party: str | None = None  # the speaker's party, when the speaker is one of a party
    hedged: bool = False  # "reportedly", "is said to have", "may have"
    denied: bool = False  # the report tells a denial of it

    @property
    def id(self) -> str:
        return _record_id("control", self.evidence, self.span, self.district, self.controller)

    def to_dict(self) -> dict[str, Any]:
        return record_dict(self)


@dataclass(frozen=True, slots=True)
class Event:
    """Something actors did to targets, typed with PLOVER: CONSULT, AID, MOBILIZE, ASSAULT..."""

    type: str
    actors: tuple[str, ...]
    targets: tuple[str, ...]
    place: str | None
    date: date | None
    evidence: Evidence
    span: tuple[int, int]
    status: EventStatus = "happened"
    trigger: str = ""
    district_ids: tuple[str, ...] = ()  # the gazetteer's ids of the places it involves
    parties: tuple[str, ...] = ()  # the theatre's party ids of its actors and targets

    @property
    def id(self) -> str:
        return _record_id("event", self.evidence, self.span, self.type)

    def to_dict(self) -> dict[str, Any]:
        return record_dict(self)


@dataclass(frozen=True, slots=True)
class Claim:
    """A statement someone asserts, denies or disputes, with the number it gives if any."""

    claimant: str
    stance: Stance
    text: str
    quantity: Quantity | None
    date: date | None
    evidence: Evidence
    span: tuple[int, int]
    claimant_party: str | None = None  # the theatre's party id of the claimant, if one
    district_ids: tuple[str, ...] = ()  # the gazetteer's ids of the places the claim is about
    hedged: bool = False

    @property
    def id(self) -> str:
        return _record_id("claim", self.evidence, self.span, self.stance)

    def to_dict(self) -> dict[str, Any]:
        return record_dict(self)


@dataclass(frozen=True, slots=True)
class Quote:
    """Words in quotation marks and who said them."""

    speaker: str | None
    text: str
    evidence: Evidence
    span: tuple[int, int]
    speaker_party: str | None = None

    @property
    def id(self) -> str:
        return _record_id("quote", self.evidence, self.span)

    def to_dict(self) -> dict[str, Any]:
        return record_dict(self)


@dataclass(frozen=True, slots=True)
class Assessment:
    """A published count of districts: "215 of 421 districts as of July 10", per an assessor."""

    assessor: str
    controller: Controller
    count: int
    of: int | None
    as_of: date | None
    kind: str
    evidence: Evidence
    span: tuple[int, int]
    unit: str = "districts"  # or "provincial capitals": "18 of the 34 provincial capitals"

    @property
    def id(self) -> str:
        return _record_id("assessment", self.evidence, self.span, self.count)

    def to_dict(self) -> dict[str, Any]:
        return record_dict(self)


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one document, and the pipeline that did it."""

    document: Document
    pipeline: str
    version: str
    control_changes: tuple[ControlChange, ...] = ()
    events: tuple[Event, ...] = ()
    claims: tuple[Claim, ...] = ()
    quotes: tuple[Quote, ...] = ()
    assessments: tuple[Assessment, ...] = ()
    warnings: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """Return the extract contract: document, pipeline and the records of each kind."""
        return {
            "document": self.document.meta(),
            "pipeline": {"name": self.pipeline, "version": self.version},
            "control_changes": [r.to_dict() for r in self.control_changes],
            "events": [r.to_dict() for r in self.events],
            "claims": [r.to_dict() for r in self.claims],
            "quotes": [r.to_dict() for r in self.quotes],
            "assessments": [r.to_dict() for r in self.assessments],
            "warnings": list(self.warnings),
        }


R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class Stored(Generic[R]):
    """An extracted record as the store holds it: its stored id, its report's day and outlet, and
    the analysts' review (their corrections already applied to `record`)."""

    id: str  # the id it was stored under (a correction may change `record.id`, not this)
    record: R
    published: Day | None = None
    outlet: str = ""
    title: str = ""
    url: str = ""
    review: str | None = None  # "confirmed", "corrected" or "rejected"; None if unreviewed
    review_note: str | None = None

    @property
    def document_id(self) -> str:
        return self.record.evidence.document_id  # type: ignore[attr-defined]

    @property
    def span(self) -> tuple[int, int]:
        return self.record.span  # type: ignore[attr-defined]

    @property
    def date(self) -> Day | None:
        """Return the record's own day (its date, or a published count's as-of day), if any."""
        return getattr(self.record, "date", None) or getattr(self.record, "as_of", None)

    @property
    def day(self) -> Day | None:
        """Return the record's own day, else its report's publication day."""
        return self.date or self.published

    def to_dict(self) -> dict[str, Any]:
        """Return the record's JSON (`record_dict`) with its stored id, report and review."""
        out = record_dict(self.record)
        out.update(id=self.id, document_id=self.document_id, published=_iso(self.published),
                   outlet=self.outlet, title=self.title, url=self.url, review=self.review,
                   review_note=self.review_note)
        return out


@dataclass(frozen=True, slots=True)
class Observation:
    """A stored control change as compile sees it: who held a district from when, and why."""

    record_id: str
    document_id: str
    district_id: str | None
    district: str
    province: str | None
    controller: Controller
    date: Day | None
    effective: Day
    evidence: str
    published: Day | None = None
    outlet: str = ""
    title: str = ""
    url: str = ""
    review: str | None = None  # an analyst's override: "confirmed" or "corrected"
    trigger: str = ""  # the phrase that gave the change: "captured", "retook", "in control of"
    start: int = 0  # where its sentence starts in the document: the report's own order
    # the stored control change's telling (see ControlChange)
    kind: ChangeKind = "change"
    acting_party: str | None = None
    speaker: str | None = None
    speaker_party: str | None = None
    hedged: bool = False
    denied: bool = False


@dataclass(frozen=True, slots=True)
class Source:
    """An observation graded on the Admiralty scale: its outlet's reliability (A-F) and the
    credibility of what it says (1-6), with how it is reported ("basis") and why."""

    observation: Observation
    reliability: str
    credibility: int
    basis: str  # confirmed, attributed, fact, hedged, own claim, denied, unjudged
    reason: str
    outlet: str = ""  # the outlet as the theatre knows it, else as the report names it

    @property
    def code(self) -> str:
        """Return the Admiralty code, e.g. "B2"."""
        return f"{self.reliability}{self.credibility}"

    @property
    def decisive(self) -> bool:
        """Return whether it can change a district's state on its own (not a claim or denied)."""
        return self.basis not in ("own claim", "denied")


@dataclass(frozen=True, slots=True)
class ControlEvent:
    """One change or state of a district, from every report of it: the sources, the rule that
    joined them, the first and latest report and the best grade."""

    id: str
    district_id: str
    district: str
    province: str | None
    controller: Controller
    date: Day  # the day of the earliest report of it
    sources: tuple[Source, ...]
    grade: str  # Admiralty code of the event: its best source, 1 when independent outlets agree
    rule: str  # why its reports were joined
    first_reported: Day | None = None
    latest_reported: Day | None = None
    joined: tuple[str, ...] = ()  # per source: why it joined ("" for the one it started with)

    @property
    def decisive(self) -> bool:
        """Return whether any source can change the district's state on its own."""
        return any(s.decisive for s in self.sources)

    @property
    def reports(self) -> int:
        """Return how many reports (documents) it is drawn from."""
        return len({s.observation.document_id for s in self.sources})

    @property
    def best(self) -> Source:
        """Return the source whose evidence stands for the event: best grade, then first."""
        return self.sources[0]


@dataclass(frozen=True, slots=True)
class DistrictState:
    """One district's state as of a day: controller (None = no reports), since when, and why."""

    district_id: str
    name: str
    province: str
    controller: Controller | None
    since: Day | None
    observation: Observation | None
    confidence: str = ""  # high, medium or low; "" with no reports
    grade: str = ""  # Admiralty code of the events behind the state, e.g. "B2"
    sources: int = 0  # reports behind the state
    events: tuple[ControlEvent, ...] = ()  # the events behind it: the change, then the latest
    conflict: tuple[ControlEvent, ...] = ()  # when contested by disagreeing reports: both sides
    claimed_by: Controller | None = None  # a party's unconfirmed claim to it, if pending
    claim: ControlEvent | None = None
    # held since an unknown day: the first day a report said who held it ("as of"; `since` None)
    held_as_of: Day | None = None
