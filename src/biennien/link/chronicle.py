"""The link stage over a whole store: entities, events and facts across documents.

Linking reads only the per-document rows (never the text) and replaces the
linked tables in one transaction, so it can be rerun at any time and always
gives the same result for the same documents.
"""

from __future__ import annotations

from dataclasses import dataclass

from biennien.link.entities import link_entities
from biennien.link.events import merge_events
from biennien.link.facts import merge_facts
from biennien.store.sqlite import Store


@dataclass(slots=True)
class LinkReport:
    entities: int
    events: int
    facts: int


def link_store(store: Store) -> LinkReport:
    entities = link_entities(store.mentions_by_doc())
    events = merge_events(store.doc_events())
    facts = merge_facts(store.doc_facts())
    store.replace_linked(entities, events, facts)
    return LinkReport(len(entities), len(events), len(facts))
