"""The link stage over a whole store: reprints, stories, entities, events and facts.

Entities, events and facts are re-derived from the per-document rows on each
run (never from the text), so they always give the same result for the same
documents.  Reprints and stories are incremental: their indexes live in the
store's ``link_state``, and a run only reads the text of documents added
since the last one (plus the few older ones a new paragraph must be
confirmed against).  Everything is replaced in one transaction.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Executor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np

from biennien.link.duplicates import STATE_NAME as DUP_STATE
from biennien.link.duplicates import (
    DuplicateState,
    Paragraph,
    compared_text,
    paragraph_signatures,
    paragraphs,
    update_duplicates,
)
from biennien.link.entities import group_mentions, link_targets, linked_entities
from biennien.link.events import merge_events_members
from biennien.link.facts import merge_facts_members
from biennien.link.incremental import STATE_NAME as LINKED_STATE
from biennien.link.incremental import (
    Delta,
    Fallback,
    LinkedState,
    full_state,
    link_entities_delta,
    link_events_delta,
    link_facts_delta,
)
from biennien.link.stories import STATE_NAME as STORY_STATE
from biennien.link.stories import Features, StoryState, update_stories
from biennien.link.stories_features import hashed_features
from biennien.model import DocAnalysis, Document, Event
from biennien.store.sqlite import Store
from biennien.vi.normalise import analysis_text

T = TypeVar("T")


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
    paras = paragraphs(doc, compared)
    keys = sorted({m.key or m.name for m in analysis.mentions})
    events = [ev for ev in analysis.events if ev.evidence and ev.evidence[0].doc == doc.id]
    return LinkInput(paras, paragraph_signatures(paras), hashed_features(doc, keys, events, compared))


@dataclass(slots=True)
class LinkReport:
    entities: int
    events: int
    facts: int
    stories: int = 0
    reprints: int = 0
    incremental: bool = False  # entities, events and facts re-merged only where new documents touch them
    pool_cpu: float = 0.0  # CPU seconds of the merges run in the build's pool (not this process's)


def _with_cpu(fn: Callable[..., T], *args: Any, **kwargs: Any) -> tuple[T, float]:
    """``fn(*args, **kwargs)`` and the CPU time it took (a pool task's report of its own cost)."""
    t0 = time.process_time()
    result = fn(*args, **kwargs)
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
    store: Store, prepared: Mapping[str, LinkInput] | None = None, pool: Executor | None = None
) -> LinkReport:
    """Link the store; ``prepared`` holds ``prepare_link`` of (some of) the new documents.

    Entities, events and facts are linked incrementally (``link.incremental``)
    when the store holds the state of an earlier link of all its older
    documents, else from every per-document row; the result is the same.
    With a ``pool`` (the build's process pool), a full link merges events and
    facts in two workers while this process links entities, reprints and
    stories: the merges are pure functions of the rows, so the result is the
    same, and a two-core machine does not wait on one core at the end of a build.
    """
    with _without_cycle_collection():
        return _link_store(store, prepared, pool)


def _link_store(
    store: Store, prepared: Mapping[str, LinkInput] | None, pool: Executor | None = None
) -> LinkReport:
    prepared = prepared or {}
    pool_cpu = 0.0
    seqs = store.document_seqs()
    ids = [d for d, _, _ in seqs]
    known = set(ids)
    doc_dates = {d: ref for d, _, ref in seqs}
    dup_state = DuplicateState.loads(store.link_state(DUP_STATE))
    story_state = StoryState.loads(store.link_state(STORY_STATE))
    # an index that names a document the store no longer has (or that lost track of one) starts afresh
    if not set(dup_state.docs) <= known:
        dup_state = DuplicateState()
    if not set(story_state.docs) <= known:
        story_state = StoryState()
    new_ids = [d for d in ids if d not in dup_state.doc_index or d not in story_state.doc_index]
    new_docs = [doc for doc in (store.document(d) for d in new_ids) if doc is not None]
    update_duplicates(
        new_docs, dup_state, store.document, {d: (p.paragraphs, p.signatures) for d, p in prepared.items()}
    )
    duplicate_of = dup_state.duplicate_of()

    state = LinkedState.loads(store.link_state(LINKED_STATE))
    delta: Delta | None = None
    if state is not None:
        try:
            delta = _link_delta(store, state, seqs, doc_dates, duplicate_of)
        except Fallback:
            delta = None
    if delta is None:
        doc_events = store.doc_events()
        doc_facts = store.doc_facts()
        if pool is not None:
            events_job = pool.submit(_with_cpu, merge_events_members, doc_events, doc_dates=doc_dates)
            facts_job = pool.submit(_with_cpu, merge_facts_members, doc_facts)
        mentions = list(store.mentions_by_doc())
        groups = group_mentions(mentions)
        targets = link_targets(groups)
        entities = linked_entities(groups, targets)
        if pool is not None:
            (merged_events, events_cpu), (merged_facts, facts_cpu) = events_job.result(), facts_job.result()
            pool_cpu = events_cpu + facts_cpu
        else:
            merged_events = merge_events_members(doc_events, doc_dates=doc_dates)
            merged_facts = merge_facts_members(doc_facts)
        events = [ev for ev, _ in merged_events]
        facts = [f for f, _ in merged_facts]
        next_state = full_state(
            groups,
            targets,
            doc_events,
            merged_events,
            doc_facts,
            merged_facts,
            ids,
            seqs[-1][1] if seqs else 0,
        )
    else:
        next_state = delta.state
        mentions = store.mentions_of([d.id for d in new_docs])
        doc_events = store.doc_events_where(docs=[d.id for d in new_docs])

    new_set = {d.id for d in new_docs}
    keys = {doc: sorted({m.key or m.name for m in ms}) for doc, ms in mentions if doc in new_set}
    by_doc: dict[str, list[Event]] = {}
    for ev in doc_events:
        if ev.evidence and ev.evidence[0].doc in new_set:
            by_doc.setdefault(ev.evidence[0].doc, []).append(ev)
    update_stories(
        new_docs, story_state, keys, by_doc, duplicate_of, {d: p.features for d, p in prepared.items()}
    )
    stories = story_state.stories()
    link_state = {
        DUP_STATE: dup_state.dumps(),
        STORY_STATE: story_state.dumps(),
        LINKED_STATE: next_state.dumps(),
    }
    if delta is None:
        store.replace_linked(
            entities, events, facts, duplicate_of=duplicate_of, stories=stories, link_state=link_state
        )
        counts = (len(entities), len(events), len(facts))
    else:
        store.update_linked(
            delta.entities,
            delta.events,
            delta.facts,
            delta.gone,
            duplicate_of=duplicate_of,
            stories=stories,
            link_state=link_state,
        )
        counts = (store.count("entities"), store.count("events"), store.count("facts"))
    reprints = sum(1 for v in duplicate_of.values() if v)
    return LinkReport(*counts, len(stories), reprints, incremental=delta is not None, pool_cpu=pool_cpu)


def _link_delta(
    store: Store,
    state: LinkedState,
    seqs: list[tuple[str, int, str | None]],
    doc_dates: Mapping[str, str | None],
    duplicate_of: Mapping[str, str | None],
) -> Delta:
    """Entities, events and facts the documents added since ``state`` change (``state`` is updated).

    Raises ``Fallback`` when only a full link can say."""
    if not state.docs <= {d for d, _, _ in seqs}:
        raise Fallback("the state names documents the store does not have")
    new = [(d, seq) for d, seq, _ in seqs if d not in state.docs]
    if any(seq <= state.last_seq for _, seq in new):
        raise Fallback("documents arrived before the last linked one")
    # events and facts count the independent sources of their evidence: those citing an older document
    # whose reprint mark changed are re-derived too
    marks = store.duplicate_marks()
    remarked = {d for d in state.docs if marks.get(d) != duplicate_of.get(d)}
    docs = [d for d, _ in new]
    entities, gone_entities = link_entities_delta(state, store.mentions_of(docs))
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
    return Delta(entities, events, facts, gone, state)
