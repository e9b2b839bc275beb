"""Incremental linking of entities, events and facts: re-merge only the blocks new documents touch.

A full link merges every per-document row of the store.  After adding a few
articles, almost every merged object is the same as before; this module keeps,
in the store's ``link_state``, what is needed to find and re-merge only the
objects the new rows can change, with a result equal to a full link:

* entities: the mentions grouped by key (``entities.group_mentions``, in
  store order) and the key joins (``entities.link_targets``) of the last
  link.  Joins depend on every key (a short name joins a full name only when
  no other full name fits, and only when the two keep company), so they are
  recomputed over the kept groups, which is cheap (no mention is read back);
  then only the entities of keys the new documents mention, or whose join
  changed, are rebuilt.
* facts: statements are merged within a block (``facts.fact_block``) and
  nothing crosses blocks, so the blocks the new statements fall into are
  re-merged from their stored statements.
* events: reports join greedily, one at a time in a fixed order, so the
  re-merged set must be closed: every stored report that could share an
  event with one in the set is in it.  Two reports can share an event only
  when their types are compatible and, when both are dated, their dates
  agree (same year, or an unknown year), or one is undated and they come
  from the same document, or one is undated, names people, and was written
  in (or the year after) the other's year (``events._fits`` and
  ``_ClusterIndex.candidates``).  The closure over these relations from the
  new reports is re-merged; every event made of other reports stays as it
  is, because the greedy clustering of a closed set does not depend on
  reports outside it.

Anything unexpected (no state, a state from another version or of other
documents, older reports whose reprint marks changed, an event id that would
collide with a kept one) makes the caller fall back to a full link.
"""

from __future__ import annotations

import pickle
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from biennien.link.entities import Groups, entity, entity_id, group_mentions, link_targets
from biennien.link.events import _TYPE_GROUPS, _iso_day, _parse_date, merge_events_members
from biennien.link.facts import fact_block, merge_facts
from biennien.model import Entity, Event, Fact, Mention

STATE_NAME = "linked"
STATE_VERSION = 1

_XXXX = "XXXX"


def _type_group(etype: str) -> str:
    """Types that may merge share a group (``events._TYPE_GROUPS``); any other type is its own."""
    for group in _TYPE_GROUPS:
        if etype in group:
            return "+".join(sorted(group))
    return etype


@dataclass(frozen=True, slots=True)
class Report:
    """What decides which other reports a per-document event could share a merged event with."""

    id: str
    group: str  # _type_group(type)
    year: str | None  # None: undated (as ``events._parse_date`` reads the date)
    docs: tuple[str, ...]
    people: bool
    ref_years: tuple[str, ...]  # years an undated report with people may join across outlets


def report(ev: Event, doc_dates: Mapping[str, str | None]) -> Report:
    date = _parse_date(ev.date)
    docs = tuple(sorted({e.doc for e in ev.evidence}))
    years: set[str] = set()
    for doc in docs:
        ref = _iso_day(doc_dates.get(doc))
        if ref is not None:
            years |= {f"{ref.year:04d}", f"{ref.year - 1:04d}"}
    return Report(
        ev.id,
        _type_group(ev.type),
        None if date is None else date.year,
        docs,
        bool(ev.participants),
        tuple(sorted(years)),
    )


@dataclass(slots=True)
class LinkedState:
    """The link's memory between runs (pickled into ``link_state``)."""

    version: int = STATE_VERSION
    docs: set[str] = field(default_factory=set)
    last_seq: int = 0
    # entities
    groups: Groups = field(default_factory=dict)
    targets: dict[str, str] = field(default_factory=dict)
    # events: every report in store order, and the merged event each one is in
    reports: dict[str, Report] = field(default_factory=dict)
    event_of: dict[str, str] = field(default_factory=dict)
    # facts: every statement's id by block, in store order, and the merged facts of each block
    fact_ids: dict[tuple[str, ...], list[str]] = field(default_factory=dict)
    block_facts: dict[tuple[str, ...], list[str]] = field(default_factory=dict)

    def dumps(self) -> bytes:
        return pickle.dumps(self, protocol=pickle.HIGHEST_PROTOCOL)

    @staticmethod
    def loads(blob: bytes | None) -> LinkedState | None:
        """The stored state, or None when there is none or it is from another version."""
        if not blob:
            return None
        try:
            state = pickle.loads(blob)
        except Exception:
            return None
        if not isinstance(state, LinkedState) or state.version != STATE_VERSION:
            return None
        return state


class Fallback(Exception):
    """The incremental link cannot guarantee a full link's result: link everything instead."""


@dataclass(slots=True)
class Delta:
    """Re-derived linked rows and the ids of rows that no longer exist."""

    entities: list[Entity]
    events: list[Event]
    facts: list[Fact]
    gone: dict[str, set[str]]


# -- full link: everything, and the state for the next run --------------------


def full_state(
    groups: Groups,
    targets: dict[str, str],
    events: Sequence[Event],
    merged_events: Sequence[tuple[Event, list[str]]],
    facts: Sequence[Fact],
    merged_facts: Sequence[Fact],
    doc_dates: Mapping[str, str | None],
    docs: Iterable[str],
    last_seq: int,
) -> LinkedState:
    state = LinkedState(docs=set(docs), last_seq=last_seq, groups=groups, targets=targets)
    state.reports = {ev.id: report(ev, doc_dates) for ev in events}
    state.event_of = {m: ev.id for ev, members in merged_events for m in members}
    for f in facts:
        state.fact_ids.setdefault(fact_block(f), []).append(f.id)
    for f in merged_facts:
        state.block_facts.setdefault(fact_block(f), []).append(f.id)
    return state


# -- incremental link ------------------------------------------------------------


def link_entities_delta(
    state: LinkedState, new_mentions: Sequence[tuple[str, Sequence[Mention]]]
) -> tuple[list[Entity], set[str]]:
    """Entities the new mentions change (rebuilt whole) and ids of entities that disappear."""
    new_keys = list(group_mentions(new_mentions))
    group_mentions(new_mentions, state.groups)
    old_targets = state.targets
    targets = link_targets(state.groups)
    touched = {targets.get(k, k) for k in new_keys}
    for k in set(old_targets) | set(targets):
        if old_targets.get(k) != targets.get(k):
            touched |= {old_targets.get(k, k), targets.get(k, k)}
    members: dict[str, list[str]] = defaultdict(list)
    for key in state.groups:  # keys in order of first appearance, as a full link extends them
        final = targets.get(key, key)
        if final in touched:
            members[final].append(key)
    rebuilt = [entity(f, [item for k in keys for item in state.groups[k]]) for f, keys in members.items()]
    state.targets = targets
    gone = {entity_id(f) for f in touched if f not in members}
    return rebuilt, gone


def closure(reports: Mapping[str, Report], start: Iterable[str]) -> set[str]:
    """Every report that could end up in one merged event with ``start``'s, transitively."""
    dated: dict[tuple[str, str], list[str]] = defaultdict(list)  # (group, year) -> dated reports
    dated_in_group: dict[str, list[str]] = defaultdict(list)
    by_doc: dict[tuple[str, str], list[str]] = defaultdict(list)  # every report of a document
    undated_by_doc: dict[tuple[str, str], list[str]] = defaultdict(list)
    undated_by_ref: dict[tuple[str, str], list[str]] = defaultdict(list)  # undated with people by ref year
    for r in reports.values():
        for doc in r.docs:
            by_doc[(r.group, doc)].append(r.id)
        if r.year is not None:
            dated[(r.group, r.year)].append(r.id)
            dated_in_group[r.group].append(r.id)
        else:
            for doc in r.docs:
                undated_by_doc[(r.group, doc)].append(r.id)
            if r.people:
                for year in r.ref_years:
                    undated_by_ref[(r.group, year)].append(r.id)
    seen = set(start)
    todo = list(seen)
    expanded: set[tuple[str, ...]] = set()

    def take(key: tuple[str, ...], ids: Iterable[str]) -> None:
        if key in expanded:
            return
        expanded.add(key)
        for i in ids:
            if i not in seen:
                seen.add(i)
                todo.append(i)

    while todo:
        r = reports[todo.pop()]
        g = r.group
        if r.year is None:
            for doc in r.docs:
                take(("doc", g, doc), by_doc.get((g, doc), ()))
            if r.people:
                for year in r.ref_years:
                    take(("year", g, year), dated.get((g, year), ()))
            continue
        if r.year == _XXXX:  # an unknown year agrees with every year
            take(("group", g), dated_in_group.get(g, ()))
        else:
            take(("year", g, r.year), dated.get((g, r.year), ()))
            take(("year", g, _XXXX), dated.get((g, _XXXX), ()))
            take(("ref", g, r.year), undated_by_ref.get((g, r.year), ()))
        for doc in r.docs:
            take(("undated", g, doc), undated_by_doc.get((g, doc), ()))
    return seen


def _base_id(event_id: str) -> str:
    return event_id.split("-", 1)[0]


def link_events_delta(
    state: LinkedState,
    new_events: Sequence[Event],
    read_events: Callable[[list[str]], list[Event]],
    doc_dates: Mapping[str, str | None],
) -> tuple[list[Event], set[str]]:
    """Events re-merged from the closure of the new reports, and ids of merged events that disappear."""
    for ev in new_events:
        state.reports[ev.id] = report(ev, doc_dates)
    new_ids = {ev.id for ev in new_events}
    if len(new_ids) != len(new_events):
        raise Fallback("two new reports share an id")
    touched = closure(state.reports, new_ids)
    old_ids = [i for i in state.reports if i in touched and i not in new_ids]  # store order
    old_events = {state.event_of[i] for i in old_ids}
    members_of: dict[str, int] = defaultdict(int)
    for event_id in state.event_of.values():
        if event_id in old_events:
            members_of[event_id] += 1
    if sum(members_of.values()) != len(old_ids):
        raise Fallback("a merged event reaches outside the re-merged reports")
    stored = read_events(old_ids)
    if [ev.id for ev in stored] != old_ids:
        raise Fallback("stored reports differ from the link state")
    merged = merge_events_members([*stored, *new_events], doc_dates=doc_dates)
    kept = {_base_id(i) for i in set(state.event_of.values()) - old_events}
    if any(_base_id(ev.id) in kept for ev, _ in merged):
        raise Fallback("a re-merged event id collides with a kept one")
    for ev, members in merged:
        for m in members:
            state.event_of[m] = ev.id
    return [ev for ev, _ in merged], old_events - {ev.id for ev, _ in merged}


def link_facts_delta(
    state: LinkedState, new_facts: Sequence[Fact], read_facts: Callable[[list[str]], list[Fact]]
) -> tuple[list[Fact], set[str]]:
    """Facts of the blocks the new statements fall into, re-merged, and ids of facts that disappear."""
    blocks: dict[tuple[str, ...], None] = {}
    for f in new_facts:
        blocks.setdefault(fact_block(f), None)
    old_ids = [i for b in blocks for i in state.fact_ids.get(b, ())]
    stored = read_facts(old_ids)
    if sorted(f.id for f in stored) != sorted(old_ids):
        raise Fallback("stored statements differ from the link state")
    merged = merge_facts([*stored, *new_facts])
    for f in new_facts:
        state.fact_ids.setdefault(fact_block(f), []).append(f.id)
    old_facts = {i for b in blocks for i in state.block_facts.get(b, ())}
    for b in blocks:
        state.block_facts[b] = []
    for f in merged:
        b = fact_block(f)
        if b not in blocks:
            raise Fallback("a merged fact left its block")
        state.block_facts[b].append(f.id)
    return merged, old_facts - {f.id for f in merged}
