"""In-memory indexes over a store for the web pages.

The store answers "give me everything of kind X"; pages ask narrower
questions ("events of entity E between two dates", "which events cite this
sentence").  Answering those with a scan per request would miss the 100 ms
target on a 10,000-article store, and the store module belongs to another
part of the project, so the indexes are built here, once, from the store's
public readers, and rebuilt when the store changes.

A change is detected from a cheap signature: row counts of the linked tables,
``needs_link()`` and, for a file store, the modification times of the file
and its WAL.  The signature is checked at most once per ``check_every``
seconds so that a busy server does not pay for it on every request.
"""

from __future__ import annotations

import gc
import hashlib
import re
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from biennien.export.timeline import parse_value
from biennien.link.duplicates import STATE_NAME as DUP_STATE
from biennien.link.duplicates import DuplicateState, SharedParagraph
from biennien.model import Entity, Event, Fact, MentionRef
from biennien.store import Store
from biennien.store.base import independent_docs
from biennien.vi.normalise import fold

# --------------------------------------------------------------------------- dates


def date_bounds(value: str | None) -> tuple[str, str] | None:
    """The first and last day (ISO, comparable as strings) a TIMEX3 date may denote.

    ``2025-07`` -> (``2025-07-01``, ``2025-07-31``), ``2023-WI`` -> (``2023-12-01``,
    ``2024-02-29``): real calendar days (``export.timeline.parse_value``, shared
    with the CLI).  Year-less (``XXXX-02-18``) and non-date values return None:
    they cannot be placed on a timeline.
    """
    span = parse_value(value)
    if span is None:
        return None
    return span.first.isoformat(), span.last.isoformat()


def range_bounds(lo: str | None, hi: str | None) -> tuple[str, str]:
    """A user's from/to filter (any precision) as inclusive ISO bounds."""
    lo_b = date_bounds(lo) if lo else None
    hi_b = date_bounds(hi) if hi else None
    return (lo_b[0] if lo_b else "0000-00-00", hi_b[1] if hi_b else "9999-99-99")


# --------------------------------------------------------------------------- ids


_SAFE_ID = re.compile(r"^[A-Za-z0-9_.-]{1,120}$")


def safe_name(ident: str) -> str:
    """A file name for an id in the static export: the id itself when it is safe, else a hash."""
    if _SAFE_ID.match(ident) and not ident.startswith("."):
        return ident
    return "h" + hashlib.sha1(ident.encode("utf-8")).hexdigest()[:16]


def name_key(name: str) -> str:
    """The id given to a participant that the link stage did not tie to an entity."""
    return "n-" + hashlib.sha1(fold(name).strip().encode("utf-8")).hexdigest()[:12]


# --------------------------------------------------------------------------- the index


@dataclass
class EntityView:
    """An entity as the pages show it: linked, or only a participant name (``linked`` False)."""

    id: str
    name: str
    type: str
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    mentions: list[MentionRef] = field(default_factory=list)
    linked: bool = True


@dataclass
class EventRow:
    """An event with what the timeline needs precomputed."""

    event: Event
    bounds: tuple[str, str] | None
    entity_ids: list[str]
    sources: int
    stories: list[str]


@dataclass
class Chronicle:
    """Everything the pages read, indexed; immutable once built."""

    documents: dict[str, dict[str, Any]]
    doc_order: list[str]
    events: list[EventRow]
    event_by_id: dict[str, EventRow]
    entities: dict[str, EntityView]
    entity_events: dict[str, list[int]]
    facts: list[Fact]
    fact_by_id: dict[str, Fact]
    stories: list[dict[str, Any]]
    story_events: dict[str, set[str]]
    evidence_events: dict[tuple[str, int], list[str]]
    doc_events: dict[str, list[str]]
    doc_facts: dict[str, list[str]]
    duplicates: dict[str, list[str]]
    event_types: list[str]
    built_at: float
    alias_index: dict[str, str]
    memo: dict[Any, Any] = field(default_factory=dict)

    def cached(self, key: Any, make: Callable[[], Any]) -> Any:
        """Derived data (sorted tables, series) computed once per chronicle: pages stay fast under load."""
        try:
            return self.memo[key]
        except KeyError:
            value = self.memo[key] = make()
            return value

    def find_entity(self, text: str) -> str | None:
        """The entity a reader means: its id, or a name or alias in any case and tone placement
        (the most mentioned entity of that name)."""
        if text in self.entities:
            return text
        return self.alias_index.get(fold(text).strip())

    def entity_for(self, participant_entity: str | None, name: str) -> str:
        if participant_entity and participant_entity in self.entities:
            return participant_entity
        key = fold(name).strip()
        if participant_entity:
            via = self.alias_index.get(participant_entity)
            if via:
                return via
        return self.alias_index.get(key) or name_key(name)


def _participant_entity(
    entities: dict[str, EntityView], alias_index: dict[str, str], entity: str | None, name: str
) -> str:
    if entity and entity in entities:
        return entity
    if entity and entity in alias_index:
        return alias_index[entity]
    return alias_index.get(fold(name).strip()) or name_key(name)


def build_chronicle(store: Store) -> Chronicle:
    """Read the whole linked chronicle once and index it."""
    docs = store.document_rows()
    documents = {d["id"]: d for d in docs}
    dup_of: dict[str, str | None] = {d["id"]: d.get("duplicate_of") for d in docs}
    doc_order = [d["id"] for d in docs]
    duplicates: dict[str, list[str]] = defaultdict(list)
    for d in docs:
        if d.get("duplicate_of"):
            duplicates[d["duplicate_of"]].append(d["id"])

    entities: dict[str, EntityView] = {}
    alias_index: dict[str, str] = {}
    stored = store.entities()
    for e in stored:
        entities[e.id] = _entity_view(e)
    # a name shared by several entities means the most mentioned one
    for e in sorted(stored, key=lambda e: (-len(e.mentions), e.id)):
        for n in (e.name, *e.aliases):
            alias_index.setdefault(fold(n).strip(), e.id)

    stories = store.stories()
    # a story lists its events, or its documents (then its events are those those documents support)
    event_story: dict[str, list[str]] = defaultdict(list)
    story_events: dict[str, set[str]] = {}
    doc_story: dict[str, list[str]] = defaultdict(list)
    for s in stories:
        sid = str(s["id"])
        members = {str(x) for x in s.get("events", []) or [] if x}
        story_events[sid] = members
        for ev_id in members:
            event_story[ev_id].append(sid)
        for d in s.get("documents", []) or []:
            doc_story[str(d)].append(sid)

    rows: list[EventRow] = []
    for ev in store.events():
        for x in ev.evidence:
            for sid in doc_story.get(x.doc, ()):
                if ev.id not in story_events[sid]:
                    story_events[sid].add(ev.id)
                    event_story[ev.id].append(sid)
        ids: list[str] = []
        for p in ev.participants:
            eid = _participant_entity(entities, alias_index, p.entity, p.name)
            if eid not in entities:
                entities[eid] = EntityView(eid, p.name, "OTHER", linked=False)
            ev_roles = entities[eid].roles
            if p.title and p.title not in ev_roles and not entities[eid].linked:
                ev_roles.append(p.title)
            if eid not in ids:
                ids.append(eid)
        rows.append(
            EventRow(
                ev,
                date_bounds(ev.date),
                ids,
                independent_docs(ev.evidence, dup_of),  # reprints of one text count once
                event_story.get(ev.id, []),
            )
        )
    rows.sort(
        key=lambda r: (r.bounds is None, r.bounds[0] if r.bounds else "", r.event.date or "", r.event.id)
    )
    entity_events: dict[str, list[int]] = defaultdict(list)
    evidence_events: dict[tuple[str, int], list[str]] = defaultdict(list)
    doc_events: dict[str, list[str]] = defaultdict(list)
    for i, r in enumerate(rows):
        for eid in r.entity_ids:
            entity_events[eid].append(i)
        for x in r.event.evidence:
            evidence_events[(x.doc, x.start)].append(r.event.id)
            if r.event.id not in doc_events[x.doc]:
                doc_events[x.doc].append(r.event.id)

    facts = store.facts()
    doc_facts: dict[str, list[str]] = defaultdict(list)
    for f in facts:
        for x in f.evidence:
            if f.id not in doc_facts[x.doc]:
                doc_facts[x.doc].append(f.id)

    return Chronicle(
        documents=documents,
        doc_order=doc_order,
        events=rows,
        event_by_id={r.event.id: r for r in rows},
        entities=entities,
        entity_events=dict(entity_events),
        facts=facts,
        fact_by_id={f.id: f for f in facts},
        stories=stories,
        story_events=story_events,
        evidence_events=dict(evidence_events),
        doc_events=dict(doc_events),
        doc_facts=dict(doc_facts),
        duplicates=dict(duplicates),
        event_types=sorted({r.event.type for r in rows}),
        built_at=time.time(),
        alias_index=alias_index,
    )


def _entity_view(e: Entity) -> EntityView:
    return EntityView(e.id, e.name, e.type, list(e.aliases), list(e.roles), list(e.mentions))


# --------------------------------------------------------------------------- queries


@dataclass
class TimelineFilter:
    date_from: str | None = None
    date_to: str | None = None
    entity: str | None = None
    type: str | None = None
    story: str | None = None

    def active(self) -> bool:
        return any((self.date_from, self.date_to, self.entity, self.type, self.story))


@dataclass
class ResolvedFilter:
    """A reader's filter with the entity found by id, name or alias and the dates checked.

    ``problems`` lists (label key, the reader's value) for what could not be
    used: an unknown entity matches no event, a malformed date is ignored.
    """

    flt: TimelineFilter
    problems: list[tuple[str, str]]


def resolve_filter(ch: Chronicle, flt: TimelineFilter) -> ResolvedFilter:
    problems: list[tuple[str, str]] = []
    entity = flt.entity
    if entity:
        found = ch.find_entity(entity)
        if found is None:
            problems.append(("unknown_entity", entity))
        entity = found or entity
    dates = []
    for value in (flt.date_from, flt.date_to):
        if value and date_bounds(value) is None:
            problems.append(("bad_date", value))
            value = None
        dates.append(value)
    return ResolvedFilter(replace(flt, date_from=dates[0], date_to=dates[1], entity=entity), problems)


def filter_events(ch: Chronicle, flt: TimelineFilter, *, use_dates: bool = True) -> list[EventRow]:
    """Events matching a filter, in time order (undated last)."""
    if flt.entity:
        rows: Iterable[EventRow] = [ch.events[i] for i in ch.entity_events.get(flt.entity, [])]
    else:
        rows = ch.events
    if flt.type:
        rows = [r for r in rows if r.event.type == flt.type]
    if flt.story:
        wanted = ch.story_events.get(flt.story, set())
        rows = [r for r in rows if r.event.id in wanted]
    if use_dates and (flt.date_from or flt.date_to):
        lo, hi = range_bounds(flt.date_from, flt.date_to)
        rows = [r for r in rows if r.bounds and r.bounds[1] >= lo and r.bounds[0] <= hi]
    return list(rows)


def group_by_month(rows: list[EventRow]) -> list[tuple[str | None, list[tuple[str | None, list[EventRow]]]]]:
    """[(year, [(month, events)])] in time order; undated events under year None."""
    years: dict[str | None, dict[str | None, list[EventRow]]] = {}
    for r in rows:
        if r.bounds is None:
            y, m = None, None
        else:
            y = r.bounds[0][:4]
            m = r.bounds[0][5:7] if r.bounds[0][5:7] == r.bounds[1][5:7] else None
        years.setdefault(y, {}).setdefault(m, []).append(r)
    return [(y, list(months.items())) for y, months in years.items()]


@dataclass
class Bin:
    label: str
    date_from: str
    date_to: str
    count: int
    selected: bool


MAX_BINS = 120
OUTLIER_MIN_EVENTS = 50  # below this many dated events the strip spans them all


def density(rows: list[EventRow], flt: TimelineFilter) -> list[Bin]:
    """Event counts over time for the density strip, at most ``MAX_BINS`` bars.

    The bar width follows the span shown: days when zoomed to a month or two,
    months over a few years, then years, decades or centuries (a chronicle
    may mention 1945 and 2026 in one article).
    """
    dated = [r.bounds for r in rows if r.bounds]
    if not dated:
        return []
    starts = sorted(b[0] for b in dated)
    lo, hi = starts[0], starts[-1]
    if flt.date_from is None and flt.date_to is None and len(starts) >= OUTLIER_MIN_EVENTS:
        # a few events of 1907 or 2039 would squeeze the rest into a few bars: the unzoomed strip
        # spans the middle 96% of dates (the list still shows every event; zooming reaches the rest)
        cut = len(starts) // 50
        lo, hi = starts[cut], starts[-1 - cut]
    f_lo, f_hi = range_bounds(flt.date_from, flt.date_to)
    if flt.date_from:
        lo = max(lo, f_lo)
    if flt.date_to:
        hi = min(hi, f_hi)
    if lo > hi:
        return []
    years = int(hi[:4]) - int(lo[:4])
    months = years * 12 + int(hi[5:7] or 1) - int(lo[5:7] or 1)
    if months < 2:
        unit = 10
    elif years < 4:
        unit = 7
    elif years < MAX_BINS:
        unit = 4
    elif years < MAX_BINS * 10:
        unit = 3
    else:
        unit = 2
    counts: Counter[str] = Counter()
    for b in dated:
        if lo <= b[0] <= hi:
            counts[b[0][:unit]] += 1
    zoomed = flt.date_from is not None or flt.date_to is not None
    bins = []
    for k in _span_keys(lo[:unit], hi[:unit], unit):
        if unit < 4:
            pad = 4 - unit
            b_from, b_to = k + "0" * pad, k + "9" * pad
            label = f"{b_from}–{b_to}"
        else:
            b_from = b_to = label = k
        b_lo, b_hi = range_bounds(b_from, b_to)
        bins.append(Bin(label, b_from, b_to, counts.get(k, 0), zoomed and b_lo >= f_lo and b_hi <= f_hi))
    return bins


def _span_keys(lo: str, hi: str, unit: int) -> list[str]:
    """Every century / decade / year / month / day key from lo to hi inclusive (bounded)."""
    out: list[str] = []
    if unit <= 4:
        for y in range(int(lo), int(hi) + 1):
            out.append(f"{y:0{unit}d}")
    elif unit == 7:
        y, m = int(lo[:4]), int(lo[5:7])
        while f"{y:04d}-{m:02d}" <= hi and len(out) < 400:
            out.append(f"{y:04d}-{m:02d}")
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    else:
        import datetime as _dt

        try:
            d = _dt.date.fromisoformat(lo)
            end = _dt.date.fromisoformat(hi)
        except ValueError:
            return [lo] if lo == hi else [lo, hi]
        while d <= end and len(out) < 400:
            out.append(d.isoformat())
            d += _dt.timedelta(days=1)
    return out[:400]


def cooccurring(ch: Chronicle, entity_id: str, limit: int = 20) -> list[tuple[EntityView, int]]:
    """Entities that share events with this one, most shared first."""
    counts: Counter[str] = Counter()
    for i in ch.entity_events.get(entity_id, []):
        for other in ch.events[i].entity_ids:
            if other != entity_id:
                counts[other] += 1
    return [(ch.entities[k], n) for k, n in counts.most_common(limit) if k in ch.entities]


@dataclass
class RoleSpan:
    role: str
    first: str | None
    last: str | None
    count: int


def role_history(ch: Chronicle, entity_id: str) -> list[RoleSpan]:
    """Titles the entity held, with the first and last event date each was used (e.g. a minister's post)."""
    spans: dict[str, RoleSpan] = {}
    ent = ch.entities.get(entity_id)
    for i in ch.entity_events.get(entity_id, []):
        r = ch.events[i]
        for p in r.event.participants:
            if ch.entity_for(p.entity, p.name) != entity_id:
                continue
            title = p.title or (p.role if p.role not in (None, "agent", "partner") else None)
            if not title:
                continue
            s = spans.setdefault(title, RoleSpan(title, None, None, 0))
            s.count += 1
            if r.event.date and r.bounds:
                s.first = r.event.date if s.first is None or r.event.date < s.first else s.first
                s.last = r.event.date if s.last is None or r.event.date > s.last else s.last
    for role in ent.roles if ent else []:
        spans.setdefault(role, RoleSpan(role, None, None, 0))
    return sorted(spans.values(), key=lambda s: (s.first is None, s.first or "", s.role))


def fact_series(facts: list[Fact]) -> list[tuple[str, list[Fact]]]:
    """Measures with several periods (same measure, subject, unit, kind and direction): a time series
    each, one value per period.

    A level and a change of it (``tăng 28,6%``) are two series.  Where outlets disagree on a period,
    the series shows the value the most articles give (the facts page lists the disagreement).
    """
    groups: dict[tuple[str, ...], dict[str, Fact]] = defaultdict(dict)
    for f in sorted(facts, key=lambda f: (-len({e.doc for e in f.evidence}), f.id)):
        if f.period and date_bounds(f.period):
            key = (fold(f.measure), fold(f.subject or ""), f.unit, f.kind, f.direction or "")
            groups[key].setdefault(f.period, f)
    out = []
    for by_period in groups.values():
        group = list(by_period.values())
        if len(group) >= 2:
            group.sort(key=lambda f: ((date_bounds(f.period) or ("", ""))[0], f.value))
            label = group[0].measure + (f" — {group[0].subject}" if group[0].subject else "")
            if group[0].kind == "change":  # "tăng 28,6%": the change, beside the level's own series
                label += " (mức tăng)" if group[0].direction == "up" else " (mức thay đổi)"
            out.append((label, group))
    out.sort(key=lambda t: t[0])
    return out


FACT_SORTS: dict[str, Callable[[Fact], Any]] = {
    "measure": lambda f: (fold(f.measure), f.period or ""),
    "subject": lambda f: (fold(f.subject or ""), fold(f.measure)),
    "period": lambda f: ((date_bounds(f.period) or ("9999", ""))[0], fold(f.measure)),
    "value": lambda f: (f.unit, f.value),
    "sources": lambda f: (len({x.doc for x in f.evidence}), fold(f.measure)),  # articles citing it
}


# --------------------------------------------------------------------------- document view


@dataclass
class Piece:
    """A run of document text with the annotations covering it."""

    text: str
    start: int
    classes: list[str]
    titles: list[str]
    anchor: str | None = None
    hl: bool = False


def segment(
    text: str,
    spans: list[tuple[int, int, str, str]],
    anchors: Iterable[int] = (),
    hl: tuple[int, int] | None = None,
) -> list[Piece]:
    """Cut the text at every annotation boundary so that overlapping annotations can all be shown.

    ``spans`` are (start, end, css class, hover title).  Spans outside the text
    are dropped, so a stale offset can never raise or reveal anything.
    """
    n = len(text)
    cuts = {0, n}
    good = []
    for s, e, c, t in spans:
        if 0 <= s < e <= n:
            good.append((s, e, c, t))
            cuts.update((s, e))
    anchor_set = {a for a in anchors if 0 <= a <= n}
    cuts.update(anchor_set)
    if hl and 0 <= hl[0] < hl[1] <= n:
        cuts.update(hl)
    else:
        hl = None
    points = sorted(cuts)
    starts: dict[int, list[tuple[int, int, str, str]]] = defaultdict(list)
    for sp in good:
        starts[sp[0]].append(sp)
    active: list[tuple[int, int, str, str]] = []
    pieces: list[Piece] = []
    for a, b in zip(points, points[1:], strict=False):
        active = [sp for sp in active if sp[1] > a] + starts.get(a, [])
        pieces.append(
            Piece(
                text[a:b],
                a,
                sorted({sp[2] for sp in active}),
                [sp[3] for sp in active],
                f"s-{a}" if a in anchor_set else None,
                bool(hl and hl[0] <= a < hl[1]),
            )
        )
    return pieces


# --------------------------------------------------------------------------- the cache


class ChronicleCache:
    """The store plus its indexes, rebuilt when the store's signature changes.

    One SQLite connection is shared by the server's threads behind a lock:
    sqlite3 connections must not be used by two threads at once, and the
    pages spend most of their time in the in-memory indexes anyway.
    """

    def __init__(self, opener: Callable[[], Store], *, check_every: float = 1.0) -> None:
        self._opener = opener
        self.store = opener()
        self.lock = threading.RLock()
        self.check_every = check_every
        self._checked = 0.0
        self._sig: tuple[Any, ...] | None = None
        self._chronicle: Chronicle | None = None
        self._shared: dict[str, list[SharedParagraph]] | None = None
        self._shared_for: Chronicle | None = None
        self._shared_lock = threading.Lock()
        self._shared_running = False
        self.background = False

    def signature(self) -> tuple[Any, ...]:
        s = self.store
        counts = tuple(s.count(t) for t in ("documents", "events", "entities", "facts", "stories"))
        mtimes: tuple[float, ...] = ()
        path = getattr(s, "path", None)
        if isinstance(path, str):
            mtimes = tuple(
                Path(p).stat().st_mtime if Path(p).exists() else 0.0 for p in (path, path + "-wal")
            )
        return (*counts, s.needs_link(), *mtimes)

    def get(self) -> Chronicle:
        with self.lock:
            now = time.monotonic()
            if self._chronicle is None or now - self._checked >= self.check_every:
                self._checked = now
                sig = self.signature()
                if sig != self._sig or self._chronicle is None:
                    gc.unfreeze()  # the previous indexes may be collected once dropped
                    self._chronicle = build_chronicle(self.store)
                    self._sig = sig
                    # the indexes live as long as the store does not change: keep the collector from
                    # walking their millions of objects on every full collection (a 250 ms pause in
                    # the middle of a page on a 10,000-article store)
                    gc.collect()
                    gc.freeze()
            return self._chronicle

    def shared_paragraphs(self, *, block: bool = True) -> dict[str, list[SharedParagraph]]:
        """doc id -> the paragraphs the linker found in other documents too (offsets on both sides).

        Read from the reprint index the build stored (``link.duplicates``), so
        the page shows exactly what the export's ``shared_paragraphs`` holds,
        rewordings included.  Computed on a connection of its own, without
        holding the page lock, so that pages keep being served meanwhile; with
        ``block=False`` an empty map is returned until it is ready.
        """
        ch = self.get()
        with self._shared_lock:
            if self._shared is not None and self._shared_for is ch:
                return self._shared
            if not block:
                if not self._shared_running:
                    self._shared_running = True
                    threading.Thread(target=self._compute_shared, args=(ch,), daemon=True).start()
                return {}
        self._compute_shared(ch)
        return self._shared or {}

    def _compute_shared(self, ch: Chronicle) -> None:
        store = self._opener()
        try:
            state = DuplicateState.loads(store.link_state(DUP_STATE))
        finally:
            if store is not self.store:
                store.close()
        shared = state.shared() if set(state.docs) <= set(ch.documents) else {}
        with self._shared_lock:
            self._shared = shared
            self._shared_for = ch
            self._shared_running = False

    def close(self) -> None:
        with self.lock:
            self.store.close()
