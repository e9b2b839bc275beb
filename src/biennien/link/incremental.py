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

Events and facts count the independent sources of their evidence, so those
citing an older document whose reprint mark changed (a new article can be the
fuller text an older one reprints) are re-derived too.  Anything unexpected
(no state, a state from another version or of other documents, an event id
that would collide with a kept one, stored rows that differ from the state)
makes the caller fall back to a full link.
"""

from __future__ import annotations

import hashlib
import pickle
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, NamedTuple

from biennien.link.entities import (
    Groups,
    MentionRow,
    entity,
    entity_id,
    group_rows,
    link_targets,
    mention_row,
    row_key,
)
from biennien.link.events import (
    _MIN_CROSS_DOC_OVERLAP,
    _MIN_CROSS_DOC_WORDS,
    _TYPE_GROUPS,
    _Date,
    _dates_compatible,
    _overlap,
    _parse_date,
    _person_key,
    _summary_words,
    merge_events_members,
)
from biennien.link.facts import _frame, _value_key, merge_facts_members
from biennien.model import Document, Entity, Event, Fact, Mention

STATE_NAME = "linked"
# The state keeps values the link rules computed (summary words, person keys, type groups, fact frames,
# entity groups and joins).  Its version names the rules' source as well as the state's layout: after
# any change to these modules a stored state no longer matches, and the next link is a full one (then
# incremental again), so a state can never be combined with rules that would have derived it otherwise.
_RULE_MODULES = ("entities.py", "events.py", "facts.py", "incremental.py")


def rules_digest(sources: Iterable[bytes]) -> str:
    """A short digest of the link rules' source files (in a fixed order)."""
    digest = hashlib.sha256()
    for source in sources:
        digest.update(hashlib.sha256(source).digest())
    return digest.hexdigest()[:16]


STATE_VERSION = "3-" + rules_digest(
    resources.files("biennien.link").joinpath(name).read_bytes() for name in _RULE_MODULES
)

_XXXX = "XXXX"


def _type_group(etype: str) -> str:
    """Types that may merge share a group (``events._TYPE_GROUPS``); any other type is its own."""
    for group in _TYPE_GROUPS:
        if etype in group:
            return "+".join(sorted(group))
    return etype


class Report(NamedTuple):
    """What decides which other reports a per-document event could share a merged event with."""

    id: str
    group: str  # _type_group(type)
    date: _Date | None  # as ``events._parse_date`` reads it; None: undated
    docs: tuple[str, ...]
    people: frozenset[str]  # ``events._person_key`` of the participants
    words: frozenset[str]  # ``events._summary_words`` of the summary


def report(ev: Event) -> Report:
    return Report(
        ev.id,
        _type_group(ev.type),
        _parse_date(ev.date),
        tuple(sorted({e.doc for e in ev.evidence})),
        frozenset(_person_key(p) for p in ev.participants),
        _summary_words(ev.summary),
    )


class Statement(NamedTuple):
    """What decides which other statements a per-document fact could be merged or compared with."""

    id: str
    base: tuple[str, ...]  # period, unit, kind, direction
    measure: str  # normalised (``facts._frame``)
    value: str  # ``facts._value_key``
    docs: tuple[str, ...]  # the documents of its evidence

    @property
    def measure_key(self) -> tuple[Any, ...]:
        """Statements of one measure interact (join, conflict) across values only with a period."""
        return (self.base, self.measure) if self.base[0] else (self.base, self.measure, self.value)


def statement(f: Fact) -> Statement:
    measure, period, unit, kind, direction = _frame(f)
    docs = tuple(sorted({e.doc for e in f.evidence}))
    return Statement(f.id, (period, unit, kind, direction), measure, _value_key(f), docs)


@dataclass(slots=True)
class LinkedState:
    """The link's memory between runs (pickled into ``link_state``)."""

    version: str = STATE_VERSION
    docs: set[str] = field(default_factory=set)
    last_seq: int = 0
    # entities
    groups: Groups = field(default_factory=dict)
    targets: dict[str, str] = field(default_factory=dict)
    # events: every report in store order, and the merged event each one is in
    reports: dict[str, Report] = field(default_factory=dict)
    event_of: dict[str, str] = field(default_factory=dict)
    # facts: every statement in store order, and the merged fact each one is in
    statements: dict[str, Statement] = field(default_factory=dict)
    fact_of: dict[str, str] = field(default_factory=dict)

    def __getstate__(self) -> dict[str, Any]:
        """Plain tuples (pickling thousands of slotted objects one by one is slow), equal strings made
        one object so that the pickle writes each once (a document id, a type, a name recur).

        The mention groups are pickled as they are: their strings are already shared, by the pickle
        they were loaded from (one object per value written once) or by ``plain_groups`` in a full
        link, and the rows an incremental link adds share theirs with their group's
        (``shared_rows``), so nothing is rebuilt per stored mention."""
        memo: dict[Any, Any] = {}
        return {
            "version": self.version,
            "docs": self.docs,
            "last_seq": self.last_seq,
            "groups": list(self.groups.items()),
            "targets": self.targets,
            "reports": plain_reports(self.reports.values(), memo),
            "event_of": self.event_of,
            "statements": plain_statements(self.statements.values(), memo),
            "fact_of": self.fact_of,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        state = {
            k: pickle.loads(v) if k in _PACKABLE and isinstance(v, bytes) else v for k, v in state.items()
        }
        self.version = state["version"]
        self.docs = state["docs"]
        self.last_seq = state["last_seq"]
        self.groups = dict(state["groups"])
        self.targets = state["targets"]
        self.reports = {
            t[0]: Report(t[0], t[1], None if t[2] is None else _Date(*t[2]), *t[3:]) for t in state["reports"]
        }
        self.event_of = state["event_of"]
        self.statements = {t[0]: Statement(*t) for t in state["statements"]}
        self.fact_of = state["fact_of"]

    def dumps(self) -> bytes:
        """The state's bytes, each part pickled on its own (``packed``, as a full link's workers send them):
        one pickle of the whole state spent about half its time on its memo of every object."""
        return dumps_plain({k: packed(v) if k in _PACKABLE else v for k, v in self.__getstate__().items()})

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


def plain_groups(groups: Groups, memo: dict[Any, Any] | None = None) -> list[tuple[str, list[MentionRow]]]:
    """``LinkedState.groups`` as pickled: the mention rows as they are, their strings made one object
    per distinct value (``memo``) so that the pickle writes each once (a document id, a type recur)."""
    one = (memo if memo is not None else {}).setdefault
    return [(k, [_shared(row, one) for row in items]) for k, items in groups.items()]


def _shared(row: MentionRow, one: Callable[[Any, Any], Any]) -> MentionRow:
    """``row`` with each of its strings replaced by the object ``one`` (a memo's ``setdefault``) keeps for it."""
    d, text, start, end, typ, name, role, key = row
    return (
        one(d, d),
        one(text, text),
        start,
        end,
        one(typ, typ),
        one(name, name),
        one(role, role),
        one(key, key),
    )


def plain_reports(reports: Iterable[Report], memo: dict[Any, Any] | None = None) -> list[tuple[Any, ...]]:
    """``LinkedState.reports`` (its values, in order) as pickled."""
    one = (memo if memo is not None else {}).setdefault
    return [
        (
            r.id,
            one(r.group, r.group),
            None if r.date is None else (r.date.year, r.date.month, r.date.day),
            tuple(one(d, d) for d in r.docs),
            r.people,
            r.words,
        )
        for r in reports
    ]


def plain_statements(
    statements: Iterable[Statement], memo: dict[Any, Any] | None = None
) -> list[tuple[Any, ...]]:
    """``LinkedState.statements`` (its values, in order) as pickled."""
    one = (memo if memo is not None else {}).setdefault
    return [
        (t.id, one(t.base, t.base), one(t.measure, t.measure), t.value, one(t.docs, t.docs))
        for t in statements
    ]


def shared_rows(rows: Iterable[MentionRow], groups: Groups) -> list[MentionRow]:
    """New mention rows with their strings made the objects of their group's first row where equal
    (its type, role, key, often its name and text), and one object per value among themselves, so that
    pickling ``groups`` with them writes each string about once, as ``plain_groups`` would."""
    memo: dict[Any, Any] = {}
    one = memo.setdefault
    seeded: set[str] = set()
    out: list[MentionRow] = []
    for row in rows:
        key = row_key(row)
        if key not in seeded:
            seeded.add(key)
            items = groups.get(key)
            if items:
                for value in items[0]:
                    if isinstance(value, str):
                        one(value, value)
        out.append(_shared(row, one))
    return out


def _new_state() -> LinkedState:
    """An empty ``LinkedState`` for unpickling (``__setstate__`` fills it)."""
    return LinkedState.__new__(LinkedState)


class _Pickled:
    """Pickles as a ``LinkedState`` whose ``__getstate__`` gave ``state``: a state made of parts built
    elsewhere (a full link's pool workers) is written without building its objects here."""

    def __init__(self, state: dict[str, Any]) -> None:
        self.state = state

    def __reduce_ex__(self, protocol: Any) -> tuple[Any, ...]:
        return (_new_state, (), self.state)


# parts of the pickled state that may come pickled on their own (``packed``)
_PACKABLE = frozenset({"groups", "targets", "reports", "event_of", "statements", "fact_of"})


def packed(part: Any) -> bytes:
    """A part of the state (``groups`` etc. in ``__getstate__``'s form) pickled on its own, as a full
    link's pool worker sends it: the linking process puts the bytes in the state as they are instead of
    unpickling the part and pickling it again (``dumps_plain``; ``__setstate__`` unpickles them)."""
    return pickle.dumps(part, protocol=pickle.HIGHEST_PROTOCOL)


def dumps_plain(state: dict[str, Any]) -> bytes:
    """The bytes ``LinkedState.loads`` reads back as the state of ``state`` (``__getstate__``'s form,
    parts possibly ``packed``); the version is set here."""
    return pickle.dumps(_Pickled({"version": STATE_VERSION, **state}), protocol=pickle.HIGHEST_PROTOCOL)


class Fallback(Exception):
    """The incremental link cannot guarantee a full link's result: link everything instead."""


@dataclass(slots=True)
class Delta:
    """Re-derived linked rows and the ids of rows that no longer exist."""

    entities: list[Entity]
    events: list[Event]
    facts: list[Fact]
    gone: dict[str, set[str]]
    state: LinkedState  # the state after this link
    new_docs: list[Document] = field(default_factory=list)  # the documents this link placed
    duplicate_of: dict[str, str | None] = field(default_factory=dict)  # reprint marks after it
    grown: set[str] = field(default_factory=set)  # entities that only gained the new documents' mentions
    docs: list[str] = field(default_factory=list)  # the documents this link added to the state


# -- full link: everything, and the state for the next run --------------------


def full_state(
    groups: Groups,
    targets: dict[str, str],
    events: Sequence[Event],
    merged_events: Sequence[tuple[Event, list[str]]],
    facts: Sequence[Fact],
    merged_facts: Sequence[tuple[Fact, list[str]]],
    docs: Iterable[str],
    last_seq: int,
) -> LinkedState:
    state = LinkedState(docs=set(docs), last_seq=last_seq, groups=groups, targets=targets)
    state.reports = {ev.id: report(ev) for ev in events}
    state.event_of = {m: ev.id for ev, members in merged_events for m in members}
    state.statements = {f.id: statement(f) for f in facts}
    state.fact_of = {m: f.id for f, members in merged_facts for m in members}
    return state


# -- incremental link ------------------------------------------------------------


def link_entities_delta(
    state: LinkedState, new_mentions: Sequence[tuple[str, Sequence[Mention]]]
) -> tuple[list[Entity], set[str], set[str]]:
    """Entities the new mentions change (rebuilt whole), ids of entities that disappear, and ids of
    rebuilt entities made of the same keys as before: their mentions are the old ones and those of the
    new documents, so their stored mention rows only gain the new documents' (``Store.update_linked``)."""
    rows = shared_rows(
        (mention_row(doc, m) for doc, mentions in new_mentions for m in mentions), state.groups
    )
    known = len(state.groups)  # keys before this link come first (insertion order)
    new_keys = list(group_rows(rows))
    group_rows(rows, state.groups)
    old_targets = state.targets
    targets = link_targets(state.groups)
    touched = {targets.get(k, k) for k in new_keys}
    for k in set(old_targets) | set(targets):
        if old_targets.get(k) != targets.get(k):
            touched |= {old_targets.get(k, k), targets.get(k, k)}
    members: dict[str, list[str]] = defaultdict(list)
    old_members: dict[str, list[str]] = defaultdict(list)
    for i, key in enumerate(state.groups):  # keys in order of first appearance, as a full link extends them
        final = targets.get(key, key)
        if final in touched:
            members[final].append(key)
        if i < known:
            old_final = old_targets.get(key, key)
            if old_final in touched:
                old_members[old_final].append(key)
    rebuilt = [entity(f, [item for k in keys for item in state.groups[k]]) for f, keys in members.items()]
    state.targets = targets
    gone = {entity_id(f) for f in touched if f not in members}
    grown = {entity_id(f) for f, keys in members.items() if old_members.get(f) == keys}
    return rebuilt, gone, grown


def closure(reports: Mapping[str, Report], start: Iterable[str]) -> set[str]:
    """Every report that could end up in one merged event with ``start``'s, transitively.

    ``merge_events`` clusters every dated report before any undated one (its sort key puts them
    first), so a dated report only ever joins a cluster of dated reports.  ``_fits`` then asks
    for a compatible type, dates that agree with every member's, and either people on both sides
    that contain one another (so a shared person), or summaries that overlap by half with the
    cluster's first report (only when one side names nobody), which across documents must
    overlap by 0.8 in at least three words.  An undated report joins a dated cluster only with
    exactly its people (so every member names people among its own, one at least), and an
    undated cluster only when they share a document.  So two reports of compatible types can
    share an event only when

    * both are dated, their dates agree, and they share a person, or a document, or (one
      naming nobody) most of their summary words;
    * one is undated and the other names people, all among the undated one's;
    * both are undated and they share a document.

    Whenever a report joins a cluster, one of these holds between it and some member, so a set
    closed under them is clustered the same alone as among all reports.

    Dated reports are bucketed by (type group, year, month); a bucket is indexed by person,
    document and summary word only when the closure first looks into it (``_Bucket``), so a
    report is compared with the few that share one of these, not with its whole bucket, and
    buckets the closure never reaches cost one list append per report.
    """
    dated: dict[tuple[str, str, str | None], _Bucket] = {}
    months: dict[tuple[str, str], set[str | None]] = defaultdict(set)
    years: dict[str, set[str]] = defaultdict(set)
    by_person: dict[tuple[str, str], list[Report]] = defaultdict(list)
    undated_by_person: dict[tuple[str, str], list[Report]] = defaultdict(list)
    undated_by_doc: dict[tuple[str, str], list[Report]] = defaultdict(list)
    for r in reports.values():
        for person in r.people:
            by_person[(r.group, person)].append(r)
            if r.date is None:
                undated_by_person[(r.group, person)].append(r)
        if r.date is not None:
            key = (r.group, r.date.year, r.date.month)
            bucket = dated.get(key)
            if bucket is None:
                bucket = dated[key] = _Bucket()
                months[(r.group, r.date.year)].add(r.date.month)
                years[r.group].add(r.date.year)
            bucket.members.append(r)
        else:
            for doc in r.docs:
                undated_by_doc[(r.group, doc)].append(r)
    seen = set(start)
    todo = [reports[i] for i in seen]

    def take(f: Report) -> None:
        if f.id not in seen:
            seen.add(f.id)
            todo.append(f)

    while todo:
        r = todo.pop()
        g = r.group
        if r.people:  # undated reports naming all of r's people (and more)
            for e in undated_by_person.get((g, min(r.people)), ()):
                if r.people <= e.people:
                    take(e)
        if r.date is None:
            for person in r.people:  # reports naming some of r's people, and nobody else
                for f in by_person.get((g, person), ()):
                    if f.people <= r.people:
                        take(f)
            for doc in r.docs:
                for f in undated_by_doc.get((g, doc), ()):
                    take(f)
            continue
        d = r.date
        for year in sorted(years[g]) if d.year == _XXXX else (d.year, _XXXX):
            for month in sorted(months.get((g, year), ()), key=lambda m: m or ""):
                if d.month is not None and month is not None and month != d.month:
                    continue
                for f in dated[(g, year, month)].related(r, seen):
                    if _dates_compatible(d, f.date):  # type: ignore[arg-type]
                        take(f)
    return seen


class _Bucket:
    """The dated reports of one (type group, year, month), indexed on first use by what two dated
    reports must share to join (``closure``): a person, a document, or summary words (those of
    members naming nobody apart from those of members naming people, which only a report naming
    nobody can reach by words).  A small bucket is scanned instead."""

    __slots__ = ("members", "people", "docs", "words", "people_words")

    def __init__(self) -> None:
        self.members: list[Report] = []
        self.people: dict[str, list[Report]] | None = None
        self.docs: dict[str, list[Report]] = {}
        self.words: dict[str, list[Report]] = {}  # members naming nobody, by summary word
        self.people_words: dict[str, list[Report]] | None = None  # members naming people, by word

    def _index(self) -> dict[str, list[Report]]:
        people: dict[str, list[Report]] = defaultdict(list)
        docs: dict[str, list[Report]] = defaultdict(list)
        words: dict[str, list[Report]] = defaultdict(list)
        for f in self.members:
            if f.people:
                for person in f.people:
                    people[person].append(f)
            else:
                for word in f.words:
                    words[word].append(f)
            for doc in f.docs:
                docs[doc].append(f)
        self.docs, self.words = docs, words
        self.people = people
        return people

    def _people_words(self) -> dict[str, list[Report]]:
        words: dict[str, list[Report]] = defaultdict(list)
        for f in self.members:
            if f.people:
                for word in f.words:
                    words[word].append(f)
        self.people_words = words
        return words

    def related(self, r: Report, seen: set[str]) -> Iterable[Report]:
        """Members not in ``seen`` that share a person or a document with ``r``, or (one of the two
        naming nobody) at least ``_MIN_CROSS_DOC_WORDS`` summary words overlapping by
        ``_MIN_CROSS_DOC_OVERLAP``; dates are left to the caller."""
        if len(self.members) <= _SCAN:
            return [f for f in self.members if f.id not in seen and _related(r, f)]
        people = self.people if self.people is not None else self._index()
        found: dict[str, Report] = {}
        for person in r.people:
            for f in people.get(person, ()):
                if f.id not in seen:
                    found[f.id] = f
        for doc in r.docs:
            for f in self.docs.get(doc, ()):
                if f.id not in seen:
                    found[f.id] = f
        common: dict[str, int] = defaultdict(int)
        others: dict[str, Report] = {}
        indexes = [self.words]
        if not r.people:
            indexes.append(self.people_words if self.people_words is not None else self._people_words())
        for index in indexes:
            for word in r.words:
                for f in index.get(word, ()):
                    if f.id not in seen and f.id not in found:
                        common[f.id] += 1
                        others[f.id] = f
        for f_id, count in common.items():
            f = others[f_id]
            if count >= _MIN_CROSS_DOC_WORDS and _overlap(r.words, f.words) >= _MIN_CROSS_DOC_OVERLAP:
                found[f_id] = f
        return found.values()


_SCAN = 12  # buckets up to this size are scanned, not indexed


def _related(r: Report, f: Report) -> bool:
    """``_Bucket.related``'s test for one pair (dates aside)."""
    if r.people & f.people or not set(r.docs).isdisjoint(f.docs):
        return True
    if r.people and f.people:
        return False
    return (
        len(r.words & f.words) >= _MIN_CROSS_DOC_WORDS
        and _overlap(r.words, f.words) >= _MIN_CROSS_DOC_OVERLAP
    )


def _base_id(event_id: str) -> str:
    return event_id.split("-", 1)[0]


def link_events_delta(
    state: LinkedState,
    new_events: Sequence[Event],
    read_events: Callable[[list[str]], list[Event]],
    doc_dates: Mapping[str, str | None],
    remarked: set[str],
) -> tuple[list[Event], set[str]]:
    """Events re-merged from the closure of the new reports, and ids of merged events that disappear.

    Events citing a document of ``remarked`` (older documents whose reprint mark changed) are
    re-derived too: their count of independent sources may change."""
    for ev in new_events:
        state.reports[ev.id] = report(ev)
    new_ids = {ev.id for ev in new_events}
    if len(new_ids) != len(new_events):
        raise Fallback("two new reports share an id")
    start = new_ids | {r.id for r in state.reports.values() if remarked and not remarked.isdisjoint(r.docs)}
    touched = closure(state.reports, start)
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
    # same content twice is numbered over all events (``-1``, ``-2``): a kept event that shared (or
    # would now share) its content hash with a re-merged one must be renumbered by a full link
    kept = {_base_id(i) for i in set(state.event_of.values()) - old_events}
    if any(_base_id(i) in kept for i in [*old_events, *(ev.id for ev, _ in merged)]):
        raise Fallback("a re-merged event id collides with a kept one")
    for ev, members in merged:
        for m in members:
            state.event_of[m] = ev.id
    return [ev for ev, _ in merged], old_events - {ev.id for ev, _ in merged}


def fact_closure(statements: Mapping[str, Statement], start: Iterable[str]) -> set[str]:
    """Every statement that could end up in one fact with ``start``'s, or conflict with it, transitively.

    ``merge_facts`` joins statements of the same frame (measure, period, unit, kind, direction) and
    value, then a wording whose measure words are all among another's, of the same value and rest
    of the frame; and it marks conflicts between values of one frame when the period is known.  So
    two statements interact only with the same period, unit, kind and direction, and either the
    same measure (and value, with no period), or the same value and the measure words of one
    among the other's.
    """
    by_measure: dict[tuple[Any, ...], list[Statement]] = defaultdict(list)
    by_word: dict[tuple[Any, ...], list[Statement]] = defaultdict(list)
    words_of: dict[str, frozenset[str]] = {}
    for st in statements.values():
        by_measure[st.measure_key].append(st)
        words = words_of.get(st.measure)
        if words is None:
            words = words_of[st.measure] = frozenset(st.measure.split())
        for word in words:
            by_word[(st.base, st.value, word)].append(st)
    seen = set(start)
    todo = [statements[i] for i in seen]
    expanded: set[tuple[Any, ...]] = set()
    while todo:
        st = todo.pop()
        if st.measure_key not in expanded:
            expanded.add(st.measure_key)
            for other in by_measure[st.measure_key]:
                if other.id not in seen:
                    seen.add(other.id)
                    todo.append(other)
        words = words_of[st.measure]
        for word in words:  # a wording within the other: they share every word of the shorter one
            for other in by_word[(st.base, st.value, word)]:
                if other.id not in seen and (
                    words_of[other.measure] <= words or words <= words_of[other.measure]
                ):
                    seen.add(other.id)
                    todo.append(other)
    return seen


def link_facts_delta(
    state: LinkedState,
    new_facts: Sequence[Fact],
    read_facts: Callable[[list[str]], list[Fact]],
    remarked: set[str],
) -> tuple[list[Fact], set[str]]:
    """Facts re-merged from the closure of the new statements, and ids of facts that disappear.

    Facts citing a document of ``remarked`` are re-derived too (see ``link_events_delta``)."""
    for f in new_facts:
        state.statements[f.id] = statement(f)
    new_ids = {f.id for f in new_facts}
    if len(new_ids) != len(new_facts):
        raise Fallback("two new statements share an id")
    start = new_ids | {
        st.id for st in state.statements.values() if remarked and not remarked.isdisjoint(st.docs)
    }
    touched = fact_closure(state.statements, start)
    old_ids = [i for i in state.statements if i in touched and i not in new_ids]  # store order
    old_facts = {state.fact_of[i] for i in old_ids}
    if sum(1 for fact_id in state.fact_of.values() if fact_id in old_facts) != len(old_ids):
        raise Fallback("a merged fact reaches outside the re-merged statements")
    stored = read_facts(old_ids)
    if [f.id for f in stored] != old_ids:
        raise Fallback("stored statements differ from the link state")
    merged = merge_facts_members([*stored, *new_facts])
    for f, members in merged:
        for m in members:
            state.fact_of[m] = f.id
    return [f for f, _ in merged], old_facts - {f.id for f, _ in merged}
