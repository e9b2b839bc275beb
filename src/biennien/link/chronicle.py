"""The link stage over a whole store: reprints, stories, entities, events and facts.

Entities, events and facts are re-derived from the per-document rows on each
run (never from the text), so they always give the same result for the same
documents.  Reprints and stories are incremental: their indexes live in the
store's ``link_state``, and a run only reads the text of documents added
since the last one (plus the few older ones a new paragraph must be
confirmed against).  Everything is replaced in one transaction.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import math
import pickle
import time
from collections.abc import Callable, Iterator, Mapping, MutableMapping, Sequence
from concurrent.futures import Executor, Future
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache, partial
from typing import Any, TypeVar

import numpy as np

from biennien.link.duplicates import SHINGLES_NAME as SHINGLES_STATE
from biennien.link.duplicates import STATE_NAME as DUP_STATE
from biennien.link.duplicates import (
    DuplicateState,
    PackedParagraphs,
    Paragraph,
    compared_text,
    signed_paragraphs,
    update_duplicates,
)
from biennien.link.entities import entity_fields, group_rows, joined, link_targets
from biennien.link.events import merge_events_members
from biennien.link.facts import merge_facts_members
from biennien.link.incremental import STATE_NAME as LINKED_STATE
from biennien.link.incremental import (
    Delta,
    Fallback,
    LinkedState,
    dumps_plain,
    link_entities_delta,
    link_events_delta,
    link_facts_delta,
    packed,
    plain_reports,
    plain_statements,
    report,
    statement,
)
from biennien.link.spilled import SpilledInputs
from biennien.link.stories import STATE_NAME as STORY_STATE
from biennien.link.stories import Features, StoryState, title_source, update_stories
from biennien.link.stories_features import hashed_features
from biennien.model import DocAnalysis, Document, Event, Fact
from biennien.store.base import (
    FROM_DATA,
    FromData,
    StateParts,
    entity_field_rows,
    event_children,
    event_rows,
    fact_rows,
    renamed_event_json,
    renamed_fact_json,
    resourced,
)
from biennien.store.sqlite import Store
from biennien.vi.normalise import analysis_text

T = TypeVar("T")
R = TypeVar("R", Event, Fact)  # a per-document event or fact row


@dataclass(slots=True)
class LinkInput:
    """The per-document part of linking, computed where the document is analysed (``prepare_link``).

    Hashing paragraphs and story features is pure per document and was most
    of the link stage's CPU; done in the analysis workers it runs in parallel
    and the central link stage only compares.
    """

    paragraphs: list[Paragraph]
    signatures: np.ndarray  # paragraph_signatures(paragraphs)
    features: Features  # hashed_features(doc, entity keys, events)


def prepare_link(doc: Document, analysis: DocAnalysis) -> LinkInput:
    """What ``link_store`` would compute for ``doc`` from its stored rows: same values, computed once.

    The comparison words of the lines are shared by the paragraphs and the
    story features.  Entity keys and events are taken from the analysis the
    way ``link_store`` reads them back from the store.
    """
    compared = compared_text(analysis_text(doc.text, doc.skip_spans))
    paras, signatures = signed_paragraphs(compared)
    keys = sorted({m.key or m.name for m in analysis.mentions})
    events = [ev for ev in analysis.events if ev.evidence and ev.evidence[0].doc == doc.id]
    return LinkInput(paras, signatures, hashed_features(doc, keys, events, compared))


@dataclass(slots=True)
class PackedLinkInput:
    """A ``LinkInput`` as the link stage keeps it until the end of a build: the paragraphs in flat arrays
    (``PackedParagraphs``), the story features' buckets in 32 bits (they lie below ``DIM``) and their
    summed weights (whole numbers) mostly in one byte: the same values in about a quarter of the
    memory; a worker sends this (``packed_input``), so pickling costs less too."""

    paragraphs: PackedParagraphs
    features: Features

    def __getstate__(self) -> tuple[list[tuple[str, tuple[int, ...]]], bytes]:
        """Pickled as one byte string and the arrays' types and shapes: unpickled, each array is a view
        of that one string, not an object with its own buffer (about 12 -> 8.5 kB per article in the
        build process, where the inputs of a whole build wait for the link)."""
        arrays = self._arrays()
        parts: list[bytes] = []
        for a in arrays:
            data = a.tobytes()
            parts.append(data + bytes(-len(data) % _ALIGN))  # each view starts on an aligned offset
        return [(a.dtype.str, a.shape) for a in arrays], b"".join(parts)

    def __setstate__(self, state: tuple[list[tuple[str, tuple[int, ...]]], bytes]) -> None:
        header, blob = state
        views: list[np.ndarray] = []
        at = 0
        for dtype, shape in header:
            kind = np.dtype(dtype)
            count = math.prod(shape)  # np.prod of a tuple costs microseconds: 8 arrays per input
            views.append(np.frombuffer(blob, dtype=kind, count=count, offset=at).reshape(shape))
            at += count * kind.itemsize
            at += -at % _ALIGN
        spans, words, sizes, shingles, signatures, feats, sums, actors = views
        self.paragraphs = PackedParagraphs(spans, words, sizes, shingles, signatures)
        self.features = (feats, sums, actors)

    def _arrays(self) -> list[np.ndarray]:
        p = self.paragraphs
        if p.signatures is None:
            raise ValueError("a packed link input carries its paragraphs' signatures")
        return [p.spans, p.words, p.sizes, p.shingles, p.signatures, *self.features]


_ALIGN = 8  # bytes: every array of a pickled ``PackedLinkInput`` starts at a multiple of this


def packed_input(link_input: LinkInput) -> PackedLinkInput:
    """``link_input`` packed; a value that would not survive the narrower type keeps its own."""
    feats, sums, actors = link_input.features
    return PackedLinkInput(
        PackedParagraphs.of(link_input.paragraphs, link_input.signatures),
        (_narrow_int(feats), _narrow_counts(sums), _narrow_int(actors)),
    )


def _narrow_counts(sums: np.ndarray) -> np.ndarray:
    """Summed feature weights (whole numbers, nearly all small) in the narrowest type that holds every
    one exactly: one byte each for most documents instead of eight."""
    if not len(sums):
        return sums.astype(np.uint8)
    if np.array_equal(sums, np.floor(sums)) and float(sums.min()) >= 0:
        top = float(sums.max())
        if top < 1 << 8:
            return sums.astype(np.uint8)
        if top < 1 << 16:
            return sums.astype(np.uint16)
    if float(np.abs(sums).max()) < 1 << 24:  # a float32 holds such a value exactly when it is whole
        narrow = sums.astype(np.float32)
        if np.array_equal(narrow, sums):
            return narrow
    return sums


def _narrow_int(values: np.ndarray) -> np.ndarray:
    """Buckets as int32 (they lie below ``DIM``), unless some value does not fit."""
    if len(values) and (int(values.min()) < 0 or int(values.max()) >= 1 << 31):
        return values
    return values.astype(np.int32)


@dataclass(slots=True)
class LinkReport:
    entities: int
    events: int
    facts: int
    stories: int = 0
    reprints: int = 0
    incremental: bool = False  # entities, events and facts re-merged only where new documents touch them
    pool_cpu: float = 0.0  # CPU seconds of the merges run in the build's pool (not this process's)


def _part_job(fn: Callable[..., T], *args: Any) -> tuple[T, float]:
    """A full link's merge (``fn(*args)``) with the cyclic collector paused, and its CPU time (a pool
    task's report of its own cost)."""
    with _without_cycle_collection():
        t0 = time.process_time()
        result = fn(*args)
        return result, time.process_time() - t0


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Pause the cyclic garbage collector: linking makes (and unpickles) hundreds of thousands of
    small objects, none of them in reference cycles, and the collector's passes over them cost
    more than a third of an incremental link.  Reference counting still frees everything."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def link_store(
    store: Store,
    prepared: Mapping[str, LinkInput] | Mapping[str, PackedLinkInput] | None = None,
    pool: Executor | None = None,
    *,
    consume: bool = False,
    pool_done: Callable[[], None] | None = None,
) -> LinkReport:
    """Link the store; ``prepared`` holds ``prepare_link`` of (some of) the new documents (as they are,
    or packed by ``packed_input``).  With ``consume`` the caller hands ``prepared`` over: it is emptied
    at once, and each part of the inputs is let go as soon as the link has used it (at 10,000 articles
    the inputs of a first build are 150 MB, and the merged rows come back while they were still held).
    A build's ``SpilledInputs`` are always consumed: read part by part as the link uses them, the file
    closed after the stories.
    ``pool_done`` is called once a full link's last merge is back from ``pool`` (a build shuts its
    workers down then, so their memory is freed before the rows are written).

    Entities, events and facts are linked incrementally (``link.incremental``)
    when the store holds the state of an earlier link of all its older
    documents, else from every per-document row; the result is the same.
    With a ``pool`` (the build's process pool), a full link merges entities,
    events and facts in the workers (which read the rows from the store when
    they can open it, and send back the rows to write and their part of the
    state) while this process places reprints and stories: the merges are pure
    functions of the rows, so the result is the same, and a two-core machine
    does not wait on one core at the end of a build.
    """
    if isinstance(prepared, SpilledInputs):
        # read as the link uses them: each part copied out of its input, the file let go after the stories
        inputs = _Prepared(prepared.paragraphs(), prepared.features())
    else:
        paragraphs: dict[str, PackedParagraphs] = {}
        features: dict[str, Features] = {}
        for doc, p in (prepared or {}).items():
            packed = p if isinstance(p, PackedLinkInput) else packed_input(p)
            paragraphs[doc] = packed.paragraphs
            features[doc] = packed.features
        if consume and isinstance(prepared, MutableMapping):
            prepared.clear()
        inputs = _Prepared(paragraphs, features)
    with _without_cycle_collection():
        return _link_store(store, inputs, pool, pool_done)


@dataclass(slots=True)
class _Prepared:
    """The prepared documents' link inputs, owned by one link: ``update_duplicates`` empties
    ``paragraphs`` once they are in its state, and ``features`` is emptied after the stories."""

    paragraphs: MutableMapping[str, PackedParagraphs]
    features: MutableMapping[str, Features]

    def __contains__(self, doc: object) -> bool:
        return doc in self.features


def _link_store(
    store: Store,
    prepared: _Prepared,
    pool: Executor | None = None,
    pool_done: Callable[[], None] | None = None,
) -> LinkReport:
    pool_cpu = 0.0
    seqs = store.document_seqs()
    ids = [d for d, _, _ in seqs]
    known = set(ids)
    doc_dates = {d: ref for d, _, ref in seqs}
    dup_state = DuplicateState.loads(store.link_state(DUP_STATE))
    if not dup_state.load_shingles(store.link_state(SHINGLES_STATE)):
        dup_state = DuplicateState()
    story_state = StoryState.loads(store.link_state(STORY_STATE))
    # an index that names a document the store no longer has (or that lost track of one) starts afresh
    if not set(dup_state.docs) <= known:
        dup_state = DuplicateState()
    if not set(story_state.docs) <= known:
        story_state = StoryState()
    new_ids = [d for d in ids if d not in dup_state.doc_index or d not in story_state.doc_index]

    state = LinkedState.loads(store.link_state(LINKED_STATE))
    delta: Delta | None = None
    if state is not None:
        try:
            delta = _link_delta(store, state, seqs, doc_dates, new_ids, dup_state, prepared)
        except Fallback:
            delta = None
    if delta is not None:
        new_docs, duplicate_of = delta.new_docs, delta.duplicate_of
        jobs = None
    else:
        # the merges run in the pool (reading the rows themselves when they can open the store) while
        # this process places reprints and stories; they send back the rows to write and their part
        # of the next link's state, made there too
        target = store.reader_target() if pool is not None else None
        jobs = _start_parts(store, target, pool, doc_dates)
        new_docs = _documents(store, new_ids, len(ids), prepared)
        duplicate_of = _update_duplicates(store, new_docs, dup_state, prepared)

    new_set = {d.id for d in new_docs}
    unprepared = [d.id for d in new_docs if d.id not in prepared]  # stories read their words from the rows
    keys = {doc: sorted({m.key or m.name for m in ms}) for doc, ms in store.mentions_of(unprepared)}
    by_doc: dict[str, list[Event]] = {}
    for ev in store.doc_events_where(docs=unprepared) if unprepared else []:
        if ev.evidence and ev.evidence[0].doc in new_set:
            by_doc.setdefault(ev.evidence[0].doc, []).append(ev)
    update_stories(new_docs, story_state, keys, by_doc, duplicate_of, prepared.features)
    prepared.features.clear()
    del new_docs
    stories = story_state.stories()
    link_state: dict[str, bytes | StateParts] = {
        DUP_STATE: dup_state.dump_parts(),
        SHINGLES_STATE: dup_state.dump_shingles(),
        STORY_STATE: story_state.dump_parts(),
    }
    if delta is None:
        assert jobs is not None
        done: dict[int, tuple[_Part, float]] = {}

        def part(n: int) -> _Part:
            if n not in done:
                done[n] = jobs[n]()
                if pool_done is not None and all(_finished(job) for job in jobs):
                    # every merge is back (or waits only to be unpickled): take them all, and the pool's
                    # workers may go before the rows are written
                    for k, job in enumerate(jobs):
                        if k not in done:
                            done[k] = job()
                    pool_done()  # once: every part is taken now
            return done[n][0]

        def rest() -> tuple[dict[str, str | None], list[dict[str, Any]], dict[str, bytes | StateParts]]:
            ents, evs, fcts = part(0), part(1), part(2)
            link_state[LINKED_STATE] = dumps_plain(
                {
                    "docs": set(ids),
                    "last_seq": seqs[-1][1] if seqs else 0,
                    **ents.state,
                    **evs.state,
                    **fcts.state,
                }
            )
            return duplicate_of, stories, link_state

        written: dict[int, int] = {}  # rows per part, counted when handed over

        def handed(n: int) -> _Part:
            """Part ``n`` for its table's write: what is returned holds the rows, the kept part only its
            state, so each table's rows are let go once written (at 10,000 articles the three parts' rows
            held together were much of the link's peak)."""
            p = part(n)
            written[n] = len(p.rows)
            out = _Part(p.rows, p.children, p.docs, {})
            p.rows, p.children, p.docs = [], {}, []
            return out

        def entities_rows() -> tuple[list[tuple[Any, ...]], dict[str, list[tuple[Any, ...]]] | FromData]:
            p = handed(0)
            return p.rows, p.children

        def events_rows() -> tuple[list[tuple[Any, ...]], dict[str, list[tuple[Any, ...]]]]:
            p = handed(1)
            return resourced(p.rows, p.docs, 5, duplicate_of), _child_rows(p)

        def facts_rows() -> list[tuple[Any, ...]]:
            p = handed(2)
            return resourced(p.rows, p.docs, 6, duplicate_of)

        # each table is written as soon as its part is back (the entities' first, the facts' last)
        store.replace_linked_parts(entities_rows, events_rows, facts_rows, rest)
        pool_cpu = sum(cpu for _, cpu in done.values()) if pool is not None else 0.0
        counts = (written[0], written[1], written[2])
    else:
        link_state[LINKED_STATE] = delta.state.dumps()
        store.update_linked(
            delta.entities,
            delta.events,
            delta.facts,
            delta.gone,
            duplicate_of=duplicate_of,
            stories=stories,
            link_state=link_state,
            grown=(delta.grown, set(delta.docs)),
        )
        counts = (store.count("entities"), store.count("events"), store.count("facts"))
    reprints = sum(1 for v in duplicate_of.values() if v)
    return LinkReport(*counts, len(stories), reprints, incremental=delta is not None, pool_cpu=pool_cpu)


def _documents(store: Store, ids: Sequence[str], stored: int, prepared: _Prepared) -> list[Document]:
    """The documents ``ids`` (in order of arrival) as reprints and stories need them.

    When they are most of the store (a full link), they are read in one query; a document whose
    link input is prepared comes without its metadata, skipped spans and warnings, and without its
    text unless it has no title (reprints and stories then read only its id, dates and title, or the
    text's first line for a title; one query per document was a tenth of a full link).  The others
    are read whole.
    """
    if len(ids) * 2 <= stored:
        return [doc for doc in (store.document(d) for d in ids) if doc is not None]
    wanted = set(ids)
    out: list[Document] = []
    for doc_id, source, text, title, published, reference_date in store.document_heads():
        if doc_id not in wanted:
            continue
        if doc_id in prepared:
            # of the text (given only without a title), the line stories take for a title
            head = title_source(text) if text else ""
            out.append(
                Document(doc_id, source, head, title, published=published, reference_date=reference_date)
            )
        else:
            doc = store.document(doc_id)
            if doc is not None:
                out.append(doc)
    return out


def _update_duplicates(
    store: Store, new_docs: list[Document], dup_state: DuplicateState, prepared: _Prepared
) -> dict[str, str | None]:
    update_duplicates(new_docs, dup_state, store.document, prepared.paragraphs, release=True)
    return dup_state.duplicate_of()


@dataclass(slots=True)
class _Part:
    """What a full link's entity, event or fact merge sends back: the rows to write (``sources``
    counted without reprint marks, recounted with ``docs``), child rows, and its part of the state."""

    rows: list[tuple[Any, ...]]
    children: dict[str, list[tuple[Any, ...]]] | FromData
    docs: list[tuple[str, ...]]  # per row: the documents of its evidence (events and facts)
    # its part of the next link's state: groups and targets, reports and event_of, or statements and
    # fact_of, each as ``LinkedState`` pickles it, pickled here (``incremental.packed``)
    state: dict[str, bytes]


def _child_rows(part: _Part) -> dict[str, list[tuple[Any, ...]]]:
    """The child rows of an event part, by event id (only entity parts leave them in the rows' JSON)."""
    if not isinstance(part.children, dict):
        raise TypeError("an event part carries its participant rows")
    return part.children


def _read(source: str | T, what: Callable[[Store], T]) -> T:
    """``what`` of the store opened read-only at ``source`` (a target), or ``source`` itself: the rows
    read already by the linking process."""
    if isinstance(source, str):
        reader = Store(source, readonly=True)
        try:
            return what(reader)
        finally:
            reader.close()
    return source


def _first(t: tuple[Any, ...]) -> Any:
    return t[0]


def _entities_part(source: Any) -> _Part:
    """``source``: a store target, or ``Store.mention_rows`` read already (``mentions_by_doc``'s
    mentions in the same order, one tuple each)."""
    groups = group_rows(_read(source, lambda s: s.mention_rows()))
    targets = link_targets(groups)
    fields = sorted((entity_fields(k, items) for k, items in joined(groups, targets).items()), key=_first)
    return _Part(
        entity_field_rows(fields),
        FROM_DATA,  # the mention rows are read from each row's JSON when written
        [],
        # ``mention_rows`` gives one string object per distinct value already, so the groups pickle as
        # ``plain_groups`` would make them (the same bytes; tested), without a second copy of every row
        {"groups": packed(list(groups.items())), "targets": packed(targets)},
    )


def _single_member_json(
    merged: Sequence[tuple[R, list[str]]],
    read: Sequence[tuple[R, str]],
    renamed: Callable[[R, R, str], str | None],
) -> list[str | None]:
    """Per merged event or fact, its JSON when it is its one member's stored JSON (``read``: the
    per-document rows with their JSON) under its new id (``renamed`` decides), else None."""
    stored = {row.id: (row, data) for row, data in read}
    out: list[str | None] = [None] * len(merged)
    if len(stored) == len(read):
        for i, (row, members) in enumerate(merged):
            if len(members) == 1:
                out[i] = renamed(row, *stored[members[0]])
    return out


def _events_part(source: Any, doc_dates: Mapping[str, str | None]) -> _Part:
    read = _read(source, lambda s: s.doc_events_json())
    doc_events = [ev for ev, _ in read]
    merged = merge_events_members(doc_events, doc_dates=doc_dates)
    events = [ev for ev, _ in merged]
    data = _single_member_json(merged, read, renamed_event_json)  # most events
    return _Part(
        event_rows(events, None, data),
        event_children(events)[1],
        [tuple(e.doc for e in ev.evidence) for ev in events],
        {
            "reports": packed(plain_reports((report(ev) for ev in doc_events), {})),
            "event_of": packed({m: ev.id for ev, members in merged for m in members}),
        },
    )


def _facts_part(source: Any) -> _Part:
    read = _read(source, lambda s: s.doc_facts_json())
    doc_facts = [f for f, _ in read]
    merged = merge_facts_members(doc_facts)
    facts = [f for f, _ in merged]
    data = _single_member_json(merged, read, renamed_fact_json)  # most facts
    return _Part(
        fact_rows(facts, None, data),
        {},
        [tuple(e.doc for e in f.evidence) for f in facts],
        {
            "statements": packed(plain_statements((statement(f) for f in doc_facts), {})),
            "fact_of": packed({m: f.id for f, members in merged for m in members}),
        },
    )


def _start_parts(
    store: Store, target: str | None, pool: Executor | None, doc_dates: Mapping[str, str | None]
) -> list[Callable[[], tuple[_Part, float]]]:
    """Start the full link's three merges (in ``pool`` when given); each job returns (part, CPU).

    The workers read their rows themselves from ``target``; without one (no pool, or a store only
    this connection sees) the rows are read here."""
    sources: list[Any] = (
        [target] * 3
        if pool is not None and target is not None
        else [store.mention_rows(), store.doc_events_json(), store.doc_facts_json()]
    )
    jobs: list[tuple[Callable[..., _Part], tuple[Any, ...]]] = [
        (_entities_part, (sources[0],)),
        (_events_part, (sources[1], dict(doc_dates))),
        (_facts_part, (sources[2],)),
    ]
    if pool is None:
        return [partial(_part_job, fn, *args) for fn, args in jobs]
    return [partial(_unpickled, pool.submit(_pickled_part_job, fn, *args)) for fn, args in jobs]


def _finished(job: Callable[[], tuple[_Part, float]]) -> bool:
    """Whether a job of ``_start_parts`` has its result already (a pool's future is done); a job run
    here (no pool) counts as finished only once called."""
    future = job.args[0] if isinstance(job, partial) and job.func is _unpickled else None
    return future is not None and future.done()


def _pickled_part_job(fn: Callable[..., _Part], *args: Any) -> tuple[bytes, float]:
    """``_part_job`` in a pool worker, its part pickled there with the cyclic collector still paused
    (the pool would pickle it anyway, with the collector running, and outside the reported CPU)."""
    with _without_cycle_collection():
        t0 = time.process_time()
        blob = pickle.dumps(fn(*args), protocol=pickle.HIGHEST_PROTOCOL)
        cpu = time.process_time() - t0
    _return_free_memory()  # the part's rows are gone: the worker holds only its caches until the next task
    return blob, cpu


def _return_free_memory() -> None:
    """Give the C heap's free memory back to the system (glibc's ``malloc_trim``; elsewhere nothing).

    A merge makes hundreds of MB of small objects at 10,000 articles; freed, they stay in the process's
    heap, and two pool workers idling with them (500 MB) were half of a full build's peak memory."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@cache
def _malloc_trim() -> Callable[[int], int] | None:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim: Callable[[int], int] = libc.malloc_trim
    except (OSError, AttributeError):
        return None
    return trim


def _unpickled(job: Future[tuple[bytes, float]]) -> tuple[_Part, float]:
    blob, cpu = job.result()
    part: _Part = pickle.loads(blob)
    return part, cpu


def _link_delta(
    store: Store,
    state: LinkedState,
    seqs: list[tuple[str, int, str | None]],
    doc_dates: Mapping[str, str | None],
    new_ids: Sequence[str],
    dup_state: DuplicateState,
    prepared: _Prepared,
) -> Delta:
    """Entities, events and facts the documents added since ``state`` change (``state`` is updated),
    after placing the new documents' reprints (``dup_state`` is updated).

    Raises ``Fallback`` when only a full link can say (before ``dup_state`` changes)."""
    if not state.docs <= {d for d, _, _ in seqs}:
        raise Fallback("the state names documents the store does not have")
    new = [(d, seq) for d, seq, _ in seqs if d not in state.docs]
    if any(seq <= state.last_seq for _, seq in new):
        raise Fallback("documents arrived before the last linked one")
    new_docs = _documents(store, new_ids, len(seqs), prepared)
    duplicate_of = _update_duplicates(store, new_docs, dup_state, prepared)
    # events and facts count the independent sources of their evidence: those citing an older document
    # whose reprint mark changed are re-derived too
    marks = store.duplicate_marks()
    remarked = {d for d in state.docs if marks.get(d) != duplicate_of.get(d)}
    docs = [d for d, _ in new]
    entities, gone_entities, grown = link_entities_delta(state, store.mentions_of(docs))
    events, gone_events = link_events_delta(
        state,
        store.doc_events_where(docs=docs),
        lambda ids: store.doc_events_where(ids=ids),
        doc_dates,
        remarked,
    )
    facts, gone_facts = link_facts_delta(
        state, store.doc_facts_where(docs=docs), lambda ids: store.doc_facts_where(ids=ids), remarked
    )
    state.docs.update(docs)
    if new:
        state.last_seq = max(seq for _, seq in new)
    gone = {"entities": gone_entities, "events": gone_events, "facts": gone_facts}
    return Delta(entities, events, facts, gone, state, new_docs, duplicate_of, grown, docs)
