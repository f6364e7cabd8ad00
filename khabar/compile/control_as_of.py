"""District control as of a day: who holds each district, since when, how sure, and why.

Reports are graded (`grading`), joined into events (`dedup`) and read in `arrival_key` order
(by the day they give, else their publication day), one district at a time:

- A decisive event of a new controller changes the district's state: it holds "since" that
  event's day, with the confidence of the best grade behind it.
- A statement of who holds a district (extraction's `kind` "holding": "districts held by the
  group on that day include ...", "remains under government control") is no change: a new
  holder it names holds the district "as of" its day (`held_as_of`), since an unknown day
  (`since` None). It colours the map from that day and never dates a change of hands; the
  counts say how many districts are held so (`Counts.held_as_of`), and the timeline stacks them
  apart from the districts whose change of hands has a day.
- A party's own claim about its gains, or a denied report, is not decisive: it leaves the state
  as it is and shows as a pending claim (`claimed_by`) until a decisive report confirms or
  overtakes it.
- Reports of the other side within `CONFLICT_WINDOW_DAYS` of the latest one behind the state,
  from other reports, make it contested, with both sides' events (`conflict`), unless they tell
  a sequence: a change of hands on a later day, or a retaking ("retook", "recaptured") on the
  same day or later. A report never conflicts with itself: its own order stands.
- A denial of the other side's gain ("the ministry denied that X had fallen") disputes that
  change within the window (contested, both sides' evidence) until another report of the change,
  published after the denial, confirms it; alone it changes nothing.
- A report that gives no day of a change to the side a dated retaking just reversed ("had
  fallen"), published within `UNDATED_LOOKBACK_DAYS` after it, tells of the time before the
  retaking: it does not undo it.
- A baseline (`compile.baseline`: a source's per-district assessment, imported) is the source's
  word on its day, taken before that day's reports: it sets the holder as of its day, since
  unknown (it never dates a change of hands), supersedes what reports before its day said and
  never makes a district contested; a report of its side joins it, and any report on or after
  its day that moves the district wins. It is an event of its own (`BaselineCluster`) that no
  report joins.

Parties are the theatre's (`sides.Sides`, passed as `sides`): "the other side" of a denial or of
a retaking is a party the theatre says fights the holder (its `opposes`); a coalition and its
members are one side, so a report naming the member that took a place the coalition was said to
take names the holder more precisely and disputes nothing. Without `sides`, any two parties
oppose each other.

The state only changes on days a report speaks of, so `timeline` sweeps every district once and
counts each day, giving the same counts as `control_as_of` on that day.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from khabar.compile.baseline import baseline_of, is_baseline, per_text
from khabar.compile.dedup import (
    TOLERANCE_DAYS,
    UNDATED_LOOKBACK_DAYS,
    Cluster,
    DistrictClusters,
    arrival_key,
    is_denial,
)
from khabar.compile.grading import Grader, best_code, confidence
from khabar.compile.sides import CONTESTED, Sides
from khabar.records import ControlEvent, DistrictState, Observation, Source
from khabar.theatres.loader import District

CONFLICT_WINDOW_DAYS = 3
SHOWN_EVENTS = 10  # events a state carries: the one that set it and the latest others
_ANY = Sides((), ())  # no theatre: any two parties are rivals


def order_key(o: Observation) -> tuple[date, bool, tuple[object, ...]]:
    """Return the order compile takes observations in: `arrival_key`, a baseline first on its day."""
    return (o.effective, not is_baseline(o), arrival_key(o))


class BaselineCluster(Cluster):
    """A baseline's word on one district: an event of its own, which no report joins."""

    __slots__ = ()

    @property
    def id(self) -> str:
        return self.sources[0].observation.record_id

    def freeze(self) -> ControlEvent:
        if self._frozen is None:
            o = self.sources[0].observation
            self._frozen = replace(super().freeze(), rule=f"{o.district} {per_text(o)}, imported as "
                                                          f"baseline {getattr(o, 'baseline', '')}")
        return self._frozen


_Key = tuple[str | None, bool, bool, bool]


def _reported(events: list[Cluster]) -> list[Cluster]:
    """Return the events reports make (a baseline's left out)."""
    return [e for e in events if not isinstance(e, BaselineCluster)]


class Track:
    """One district's state, updated report by report in `arrival_key` order."""

    __slots__ = ("district_id", "clusters", "controller", "since", "as_of", "run", "conflict", "claim",
                 "disputes", "window", "lookback", "sides", "baselines")

    def __init__(self, district_id: str, tolerance: int = TOLERANCE_DAYS,
                 window: int = CONFLICT_WINDOW_DAYS, lookback: int = UNDATED_LOOKBACK_DAYS,
                 sides: Sides | None = None) -> None:
        self.district_id = district_id
        self.clusters = DistrictClusters(tolerance, lookback)
        self.controller: str | None = None
        self.since: date | None = None  # the day it changed hands (None: unknown)
        self.as_of: date | None = None  # held since an unknown day: the first day a report said so
        self.run: list[Cluster] = []  # the events behind the state, the one that set it first
        self.conflict: list[Cluster] = []  # when contested by disagreeing reports
        self.claim: Cluster | None = None
        self.disputes: list[Cluster] = []  # denials of a change, waiting for what they deny
        self.window = window
        self.lookback = lookback
        self.sides = sides or _ANY  # who fights whom; a coalition and its members are one side
        self.baselines: list[Cluster] = []  # the baselines' words on the district (no report joins them)

    @property
    def key(self) -> tuple[str | None, bool, bool, bool]:
        """Return what the counts need: the controller, whether a claim is pending, whether it is
        held as of a day with no known change of hands, and whether a baseline's word sets it."""
        return (self.controller, self.claim is not None, self.as_of is not None,
                self.on_baseline)

    @property
    def on_baseline(self) -> bool:
        """Return whether the state is a baseline's word (held as of its day, no report since moved it)."""
        return (self.controller is not None and self.since is None and not self.conflict
                and bool(self.run) and isinstance(self.run[0], BaselineCluster))

    def add(self, source: Source) -> tuple[Cluster, bool]:
        """Take one graded report: join it to its event and update the state; return the event
        and whether the report started it. A denial is no event: it disputes one (`_deny`)."""
        if is_denial(source.observation):
            d = Cluster(source)
            self._deny(d)
            return d, False
        if is_baseline(source.observation):
            b = BaselineCluster(source)
            self.baselines.append(b)
            self._baseline(b)
            return b, True
        c, new = self.clusters.add(source)
        if not new and self._confirms(c, source):
            self._set(c.controller, c)
            return c, new
        self._update(c)
        return c, new

    def _confirms(self, c: Cluster, source: Source) -> bool:
        """Whether a report ends a dispute a denial made: the denied change, reported again by
        another outlet after every report of the denial ("fell ... despite earlier denials")."""
        if self.controller != CONTESTED or c not in self.conflict or c.denial or not source.decisive:
            return False
        denials = [e for e in self.conflict if e.denial]
        if not denials:
            return False
        o = source.observation
        told = o.published or o.effective
        before = {s.observation.document_id for s in c.sources if s is not source}
        return (o.document_id not in before
                and all(told > (d.observation.published or d.observation.effective)
                        for e in denials for d in e.sources))

    def _set(self, controller: str, c: Cluster) -> None:
        same = controller == self.controller
        self.controller = controller
        if c.change or controller == CONTESTED:
            self.since = c.date if self.since is None or c.date >= self.since else c.last
            self.as_of = None
        elif not (same and self.since is not None):  # a statement of holding: since unknown
            self.since = None
            self.as_of = c.date if not same or self.as_of is None else min(self.as_of, c.date)
        self.run = [c]
        self.conflict = []
        if self.claim is not None and (self.claim is c or self.claim.date <= c.last):
            self.claim = None

    def _baseline(self, c: Cluster) -> None:
        """A baseline: its source's word on who holds the district on its day. Of the holder's side
        it joins the state (a change of hands already dated keeps its day); else it supersedes it,
        held as of its day, since unknown, whatever reports before its day said (no dispute)."""
        if (self.controller is not None and CONTESTED not in (self.controller, c.controller)
                and self.sides.same_side(c.controller, self.controller)):
            if c.controller != self.controller and self.sides.coalition_of(c.controller) == self.controller:
                self.controller = c.controller  # it names which of the coalition holds it
            self.run.append(c)
        else:
            self.controller = c.controller
            self.since = None
            self.as_of = c.date
            self.run = [c]
            self.conflict = []
        if self.claim is not None and self.claim.date <= c.last:
            self.claim = None

    def _take(self, c: Cluster) -> None:
        """A decisive report of a side: it holds the district, unless a denial disputes it."""
        disputed = [d for d in self.disputes
                    if self.sides.rivals(d.controller, c.controller) and self._conflicts(d, c)]
        if disputed:
            self._contest(disputed, c)
        else:
            self._set(c.controller, c)

    def _contest(self, disputed: list[Cluster], c: Cluster) -> None:
        self.controller = "contested"
        self.since = c.last
        self.as_of = None
        self.conflict = [*disputed, c]
        self.run = []

    def _update(self, c: Cluster) -> None:
        if c in self.run or c in self.conflict:
            if c in self.run and c.change and self.since is None and self.as_of is not None:
                self.since, self.as_of = c.date, None  # a change of hands joined the holding
            return
        if not c.decisive:
            if self.sides.same_side(c.controller, self.controller):
                self.run.append(c)
            elif self.since is None or c.last >= self.since:
                self.claim = c
            return
        if self.claim is c:
            self.claim = None
        if c.controller == CONTESTED:
            self._set(c.controller, c)
            return
        if self.controller is None:
            self._take(c)
            return
        if self.sides.same_side(c.controller, self.controller):
            if c.controller != self.controller and self.sides.coalition_of(c.controller) == self.controller:
                self.controller = c.controller  # a report names which of the coalition holds it
            self.run.append(c)
            if self.since is None and c.change:  # held as of a day; now a day it changed hands
                self.since, self.as_of = c.date, None
            if self.claim is not None and self.claim.date <= c.last:
                self.claim = None
            return
        if self.controller == CONTESTED:
            if self.conflict and c.last <= (self.since or c.last):
                self.conflict.append(c)  # another report of the disputed day
                return
            denied = [e for e in self.conflict if not e.denial and e.controller == c.controller]
            if not c.change and denied and any(e.denial for e in self.conflict):
                # a later report that the side holds it confirms the change a denial disputed
                self._set(c.controller, denied[0])
                self.run.append(c)
            else:
                self._take(c)
            return
        if self._explained(c):
            return
        reported = _reported(self.run)  # a later report that moves the district wins over a baseline
        behind = [e for e in reported if e.decisive] or reported
        if not behind:
            self._take(c)
            return
        latest = max(behind, key=lambda e: e.last)
        if self._conflicts(latest, c):
            self._contest([e for e in behind if (c.last - e.last).days <= self.window], c)
        else:
            self._take(c)

    def _deny(self, c: Cluster) -> None:
        """A denial of the other side's gain, graded as any report (a party's own denial too):
        it disputes the change it denies, made within the window before or after it, so that
        the district shows contested with both sides' evidence until a report confirms the change
        (`_confirms`) or a later one moves it; alone it changes nothing, and it never makes a
        control event, a claim or a holder of its own."""
        if self.controller == CONTESTED:
            if self.conflict and any(self.sides.rivals(e.controller, c.controller) for e in self.conflict):
                self.conflict.append(c)
            return
        if self.controller is not None and self.sides.rivals(self.controller, c.controller):
            reported = _reported(self.run)  # a baseline is never disputed
            behind = [e for e in reported if e.decisive] or reported
            if behind:
                latest = max(behind, key=lambda e: e.last)
                if (self._conflicts(latest, c) and not c.docs & latest.docs
                        and abs((c.last - latest.last).days) <= self.window):
                    self._contest([e for e in behind if (c.last - e.last).days <= self.window], c)
                    return
        self.disputes = [d for d in self.disputes if (c.last - d.last).days <= self.window] + [c]

    def _explained(self, c: Cluster) -> bool:
        """A report with no day of a change to the side a dated retaking reversed, published
        soon after it ("the district had fallen"): it tells of the time before the retaking."""
        first = self.run[0] if self.run else None
        return bool(c.undated and c.change and first is not None and first.reversal and not first.undated
                    and self.sides.rivals(self.controller, c.controller)
                    and 0 <= (c.last - first.date).days <= self.lookback)

    def _conflicts(self, held: Cluster, c: Cluster) -> bool:
        """Return whether a report of the other side disputes the state rather than end it."""
        if held.docs & c.docs:
            return False  # one report tells both: its order stands
        gap = (c.last - held.last).days
        if gap > self.window:
            return False
        if c.reversal and (gap > 0 or not held.reversal):
            return False  # taking back implies the other side held it first
        return not (c.change and gap > 0)

    def state(self, district: District) -> DistrictState:
        """Return the district's state as a record."""
        claim = self.claim.freeze() if self.claim is not None else None
        claimed_by = claim.controller if claim is not None else None
        if self.controller is None:
            return DistrictState(district.id, district.name, district.province, None, None, None,
                                 claimed_by=claimed_by, claim=claim)  # type: ignore[arg-type]
        behind = self.conflict or self.run
        # the change and the latest reports behind the state; a district held for months has
        # hundreds of events, which the counts need not build
        kept = behind if len(behind) <= SHOWN_EVENTS else [behind[0], *behind[1 - SHOWN_EVENTS:]]
        events = tuple(e.freeze() for e in kept)
        shown = events[-1] if self.conflict else events[0]
        conf = "low" if self.conflict else ""
        grade = best_code(e.grade for e in events)
        docs = set().union(*(e.docs for e in behind))
        return DistrictState(district.id, district.name, district.province,
                             self.controller, self.since,  # type: ignore[arg-type]
                             shown.best.observation, conf or confidence(grade), grade, len(docs),
                             () if self.conflict else events, events if self.conflict else (),
                             claimed_by, claim, self.as_of)  # type: ignore[arg-type]


def _tracks(districts: Mapping[str, District], observations: Iterable[Observation],
            as_of: date | None, grader: Grader | None, sides: Sides | None, **rules: int
            ) -> dict[str, Track]:
    grader = grader or Grader()
    tracks: dict[str, Track] = {}
    kept = [o for o in observations if o.district_id in districts
            and (as_of is None or o.effective <= as_of)]
    for o in sorted(kept, key=order_key):
        assert o.district_id is not None
        t = tracks.get(o.district_id)
        if t is None:
            t = tracks[o.district_id] = Track(o.district_id, **rules, sides=sides)
        t.add(grader.grade(o))
    return tracks


def control_as_of(districts: Mapping[str, District], observations: Iterable[Observation],
                  as_of: date, *, grader: Grader | None = None, sides: Sides | None = None,
                  **rules: int) -> list[DistrictState]:
    """Return every district's state as of a day, in gazetteer order.

    Only observations dated on or before `as_of` count (an observation's day is the one its
    report gives, else the report's publication day). A district no report has named has
    controller None. `rules` may set tolerance, window and lookback (days).
    """
    tracks = _tracks(districts, observations, as_of, grader, sides, **rules)
    out = []
    for did, d in districts.items():
        t = tracks.get(did)
        out.append(t.state(d) if t else DistrictState(did, d.name, d.province, None, None, None))
    return out


def district_history(district: District, observations: Iterable[Observation], *,
                     grader: Grader | None = None, as_of: date | None = None,
                     sides: Sides | None = None, **rules: int
                     ) -> tuple[list[ControlEvent], list[tuple[date, DistrictState]]]:
    """Return a district's events, and its state on every day it changed (controller, since,
    conflict or claim)."""
    grader = grader or Grader()
    track = Track(district.id, **rules, sides=sides)
    states: list[tuple[date, DistrictState]] = []
    day: date | None = None
    mine = [o for o in observations if o.district_id == district.id
            and (as_of is None or o.effective <= as_of)]
    for o in sorted(mine, key=order_key):
        if day is not None and o.effective != day:
            states.append((day, track.state(district)))
        day = o.effective
        track.add(grader.grade(o))
    if day is not None:
        states.append((day, track.state(district)))
    changes = [s for i, s in enumerate(states)
               if (s[1].controller or s[1].claim or i > 0)
               and (i == 0 or _summary(s[1]) != _summary(states[i - 1][1]))]
    if changes:  # the latest state as it stands, with every report since its change
        changes[-1] = (changes[-1][0], states[-1][1])
    events = [c.freeze() for c in track.clusters.clusters]
    if track.baselines:  # a baseline's word is an event of its own, in order of day
        events = sorted([*events, *(b.freeze() for b in track.baselines)], key=lambda e: e.date)
    return events, changes


def _summary(s: DistrictState) -> tuple[object, ...]:
    return (s.controller, s.since, s.held_as_of, s.claimed_by, tuple(e.id for e in s.conflict))


@dataclass(frozen=True, slots=True)
class Counts:
    """How many districts each party holds on a day, how many are contested or unreported, and
    how many more a party claims.

    `held` has every party of the theatre in its order with the districts it holds in its own
    name; a coalition's total (`party(id)`) adds its members' districts, which keep their own
    lines (`members`)."""

    as_of: date
    held: tuple[tuple[str, int], ...]
    contested: int
    no_reports: int
    total: int
    claimed: int = 0  # districts with a party's unconfirmed claim pending (counted as they are)
    events: int = 0  # changes of hands first reported for that day (timeline only)
    # of each party's own districts, those held as of a report's day, the change of hands undated
    held_as_of: tuple[tuple[str, int], ...] = ()
    sides: Sides | None = field(default=None, compare=False, repr=False)
    # on the theatre's published list (`Sides.published_total` districts, some folded into one
    # polygon: each counts as its polygon does): controller (None: no reports) -> districts
    published: tuple[tuple[str | None, int], ...] = field(default=(), compare=False)
    baseline: int = 0  # districts held as a baseline gives them, no report since moving them

    def _sides(self) -> Sides:
        return self.sides or Sides(tuple(p for p, _ in self.held), ())

    def as_of_only(self, party: str | None = None) -> int:
        """Return the districts held as of a report's day with no day of a change of hands: a
        party's own (its members' with a coalition), or every party's."""
        n = dict(self.held_as_of)
        if party is None:
            return sum(n.values())
        return n.get(party, 0) + sum(n.get(m, 0) for m in self._sides().members_of(party))

    def as_of_only_own(self, party: str) -> int:
        """Return the districts a party holds in its own name as of a report's day, change undated."""
        return dict(self.held_as_of).get(party, 0)

    def dated(self, party: str) -> int:
        """Return the districts a party holds in its own name since a known day of change."""
        return self.own(party) - dict(self.held_as_of).get(party, 0)

    def own(self, party: str) -> int:
        """Return the districts a party holds in its own name."""
        return dict(self.held).get(party, 0)

    def party(self, party: str) -> int:
        """Return the districts a party holds: a coalition's total counts its members'."""
        return self.own(party) + sum(self.own(m) for m in self._sides().members_of(party))

    def __getitem__(self, key: str) -> int:
        """Return a party's count (a coalition's total), or contested, no_reports, total, claimed."""
        if key in ("contested", "no_reports", "total", "claimed", "events"):
            return int(getattr(self, key))
        if key == "held_as_of":
            return self.as_of_only()
        return self.party(key)

    def parties(self) -> tuple[tuple[str, int], ...]:
        """Return (party, districts) for the parties counted on their own (coalitions with
        their members' districts), in the theatre's order."""
        return tuple((p, self.party(p)) for p in self._sides().top)

    def members(self) -> dict[str, dict[str, int]]:
        """Return coalition -> (member -> districts it holds in its own name; the coalition's
        own key: districts credited to the coalition as a whole)."""
        sides = self._sides()
        return {c: {**{m: self.own(m) for m in ms}, c: self.own(c)} for c, ms in sides.members}

    def headline(self) -> str:
        """Return the one-line summary the CLI and the map print: every party that holds
        something (and the incumbent), a coalition with its members' shares."""
        sides = self._sides()
        parts = []
        for p, n in self.parties():
            if not n and p != sides.incumbent:
                continue
            text = f"{sides.label(p)} {n}"
            shares = [f"{sides.label(m)} {self.own(m)}" for m in sides.members_of(p) if self.own(m)]
            if shares:
                text += f" ({', '.join(shares)})"
            parts.append(text)
        parts += [f"contested {self.contested}", f"no reports {self.no_reports}"]
        line = f"{', '.join(parts)} of {self.total} {sides.unit} as of {self.as_of.isoformat()}"
        if self.as_of_only():
            line += (f"; {self.as_of_only()} of these held as of a reported day, "
                     f"the day they changed hands unknown")
        if self.baseline:
            line += f"; {self.baseline} as a baseline gives them, no report since"
        if self.claimed:
            line += f"; {self.claimed} more claimed by a party, unconfirmed"
        return line

    def published_line(self) -> str:
        """Return the counts on the published list's denominator, when the theatre's list counts
        more districts than its polygons ("" otherwise): "On the 421 districts of the published
        list: Rebels 390, ..."; a newer district counts as the polygon it lies in."""
        if not self.published:
            return ""
        sides = self._sides()
        pub = dict(self.published)
        shown = [f"{sides.label(p)} {sum(pub.get(k, 0) for k in (p, *sides.members_of(p)))}"
                 for p, n in self.parties() if n or p == sides.incumbent]
        return (f"On the {sides.published_total} {sides.unit} of the published list (some drawn inside "
                f"another's polygon): {', '.join(shown)}, contested {pub.get(CONTESTED, 0)}, "
                f"no reports {pub.get(None, 0)}")

    def to_dict(self) -> dict[str, object]:
        """Return the counts as JSON: one key per party counted on its own (its id), contested,
        no_reports and total; `members` gives a coalition's members' shares, `held_as_of` each
        party's districts held as of a report's day with no day of a change of hands."""
        out: dict[str, object] = {"as_of": self.as_of.isoformat()}
        out.update(self.parties())
        out.update({"contested": self.contested, "no_reports": self.no_reports, "total": self.total})
        if self.held_as_of:  # of the parties' districts, those held as of a report's day, change undated
            out["held_as_of"] = dict(self.held_as_of)
        if self.baseline:  # districts held as a baseline gives them (`khabar baseline`)
            out["baseline"] = self.baseline
        if self.published:  # the same on the published list's denominator
            pub = dict(self.published)
            sides = self._sides()
            out["published"] = {
                **{p: sum(pub.get(k, 0) for k in (p, *sides.members_of(p))) for p in sides.top},
                "contested": pub.get(CONTESTED, 0), "no_reports": pub.get(None, 0), "total": sides.published_total}
        if self._sides().members:
            out["members"] = self.members()
        return out


def _counts(as_of: date, n: Mapping[str | None, int], total: int, claimed: int, events: int,
            sides: Sides | None, held_as_of: Mapping[str | None, int] | None = None,
            baseline: int = 0) -> Counts:
    if sides is None:
        sides = Sides.seen(k for k, v in n.items() if v)
    return Counts(as_of, tuple((p, n.get(p, 0)) for p in sides.parties), n.get(CONTESTED, 0),
                  n.get(None, 0), total, claimed, events,
                  tuple((p, v) for p, v in (held_as_of or {}).items() if v and p is not None), sides,
                  baseline=baseline)


def count(states: Iterable[DistrictState], as_of: date, sides: Sides | None = None) -> Counts:
    """Return the counts of districts by controller (the parties of `sides`, else those seen)."""
    states = list(states)
    n: dict[str | None, int] = {}
    held: dict[str | None, int] = {}
    total = claimed = based = 0
    for s in states:
        n[s.controller] = n.get(s.controller, 0) + 1
        total += 1
        claimed += s.claimed_by is not None
        based += baseline_of(s) is not None
        if s.held_as_of is not None:
            held[s.controller] = held.get(s.controller, 0) + 1
    c = _counts(as_of, n, total, claimed, 0, sides, held, based)
    if sides is not None and sides.weights:
        w = dict(sides.weights)
        pub: dict[str | None, int] = {}
        for s in states:
            pub[s.controller] = pub.get(s.controller, 0) + w.get(s.district_id, 0)
        c = replace(c, published=tuple(pub.items()))
    return c


def timeline(districts: Mapping[str, District], observations: Iterable[Observation],
             start: date, end: date, *, grader: Grader | None = None,
             sides: Sides | None = None, **rules: int
             ) -> list[Counts]:
    """Return the counts of every day from `start` to `end`, in one sweep over the reports.

    Each day's counts equal `count(control_as_of(..., day))`.
    """
    if end < start:
        raise ValueError(f"the range ends ({end}) before it starts ({start})")
    grader = grader or Grader()
    by_district: dict[str, list[Observation]] = {}
    for o in observations:
        if o.district_id is not None and o.district_id in districts and o.effective <= end:
            by_district.setdefault(o.district_id, []).append(o)
    if sides is None:  # no theatre: the controllers the reports give, the same every day
        sides = Sides.seen(o.controller for obs in by_district.values() for o in obs)
    n_days = (end - start).days + 1
    initial: dict[_Key, int] = {(None, False, False, False): len(districts)}
    deltas: list[dict[_Key, int]] = [{} for _ in range(n_days)]
    new_events = [0] * n_days
    for did, obs in by_district.items():
        track = Track(did, **rules, sides=sides)
        before = track.key
        day: date | None = None
        for o in sorted(obs, key=order_key):
            if day is not None and o.effective != day:
                before = _move(initial, deltas, start, day, before, track.key)
            day = o.effective
            c, new = track.add(grader.grade(o))
            if new and c.change and o.effective >= start:  # a statement of holding is no event
                new_events[(o.effective - start).days] += 1
        if day is not None:
            _move(initial, deltas, start, day, before, track.key)
    return sweep(initial, deltas, new_events, start, len(districts), sides)


def sweep(initial: Mapping[_Key, int], deltas: list[dict[_Key, int]], new_events: list[int], start: date,
          total: int, sides: Sides | None) -> list[Counts]:
    """Return each day's counts from `start`: the districts per state key on the first day
    (`initial`), each day's moves between keys (`deltas`, as `_move` records them) and new events."""
    out = []
    cur = dict(initial)
    for i, moves in enumerate(deltas):
        for k, v in moves.items():
            cur[k] = cur.get(k, 0) + v
        out.append(counts_of_keys(start + timedelta(i), cur, total, new_events[i], sides))
    return out


def counts_of_keys(as_of: date, keyed: Mapping[_Key, int], total: int, events: int,
                   sides: Sides | None) -> Counts:
    """Return the counts of a day from how many districts are in each state key (`Track.key`)."""
    n: dict[str | None, int] = {}
    held: dict[str | None, int] = {}
    claimed = based = 0
    for (ctl, has_claim, as_of_held, on_baseline), v in keyed.items():
        n[ctl] = n.get(ctl, 0) + v
        claimed += v if has_claim else 0
        based += v if on_baseline else 0
        if as_of_held:
            held[ctl] = held.get(ctl, 0) + v
    return _counts(as_of, n, total, claimed, events, sides, held, based)




def _move(initial: dict[_Key, int], deltas: list[dict[_Key, int]], start: date, day: date,
          old: _Key, new: _Key) -> _Key:
    """Record a district moving from one state to another on a day; return the new state."""
    if old == new:
        return new
    if day <= start:
        table = initial
    else:
        table = deltas[(day - start).days]
    table[old] = table.get(old, 0) - 1
    table[new] = table.get(new, 0) + 1
    return new
