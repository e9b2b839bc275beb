"""The link stage over a whole store: reprints, stories, entities, events and facts.

Entities, events and facts are re-derived from the per-document rows on each
run (never from the text), so they always give the same result for the same
documents.  Reprints and stories are incremental: their indexes live in the
store's ``link_state``, and a run only reads the text of documents added
since the last one (plus the few older ones a new paragraph must be
confirmed against).  Everything is replaced in one transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

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
from biennien.link.entities import link_entities
from biennien.link.events import merge_events
from biennien.link.facts import merge_facts
from biennien.link.stories import STATE_NAME as STORY_STATE
from biennien.link.stories import Features, StoryState, update_stories
from biennien.link.stories_features import hashed_features
from biennien.model import DocAnalysis, Document, Event
from biennien.store.sqlite import Store
from biennien.vi.normalise import analysis_text


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


def link_store(store: Store, prepared: Mapping[str, LinkInput] | None = None) -> LinkReport:
    """Link the store; ``prepared`` holds ``prepare_link`` of (some of) the new documents."""
    prepared = prepared or {}
    mentions = list(store.mentions_by_doc())
    doc_events = store.doc_events()
    entities = link_entities(mentions)
    doc_dates = {r["id"]: r["reference_date"] for r in store.document_rows()}
    events = merge_events(doc_events, doc_dates=doc_dates)
    facts = merge_facts(store.doc_facts())

    ids = store.document_ids()
    known = set(ids)
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

    store.replace_linked(
        entities,
        events,
        facts,
        duplicate_of=duplicate_of,
        stories=stories,
        link_state={DUP_STATE: dup_state.dumps(), STORY_STATE: story_state.dumps()},
    )
    reprints = sum(1 for v in duplicate_of.values() if v)
    return LinkReport(len(entities), len(events), len(facts), len(stories), reprints)
