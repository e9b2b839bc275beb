"""The JSON export contract (``docs/export.md``; ``../shared/ARCHITECTURE.md``).

Everything is read from the store, so the export, the CLI and the web show
the same chronicle.  Lists are in a stable order (documents by arrival,
timexes by document and offset, entities/events/facts by id or date) so that
the same store always exports the same bytes.

``sources`` on events and facts counts independent sources: documents that
are reprints of one text (``duplicate_of``) count once.  Each document lists
the paragraphs it shares with other documents (``shared_paragraphs``, offsets
into both stored texts), read from the duplicate index in ``link_state``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from biennien.link.duplicates import STATE_NAME as DUP_STATE
from biennien.link.duplicates import DuplicateState
from biennien.model import Event, Fact
from biennien.store.sqlite import Store, independent_docs

FORMAT_VERSION = 1
TABLES = ("documents", "timexes", "entities", "events", "facts", "stories")


def shared_paragraphs(store: Store) -> dict[str, list[dict[str, Any]]]:
    """Per document, the paragraphs it shares with others (empty before the first link)."""
    state = DuplicateState.loads(store.link_state(DUP_STATE))
    return {doc: [s.to_dict() for s in items] for doc, items in state.shared().items()}


def _event(ev: Event, duplicate_of: Mapping[str, str | None] | None = None) -> dict[str, Any]:
    duplicate_of = duplicate_of or {}
    return {
        "id": ev.id,
        "type": ev.type,
        "date": ev.date,
        "date_end": ev.date_end,
        "date_mod": ev.date_mod,
        "summary": ev.summary,
        "trigger": ev.trigger,
        "participants": [
            {"entity": p.entity, "name": p.name, "role": p.role, "title": p.title} for p in ev.participants
        ],
        "place": ev.place,
        "sources": independent_docs(ev.evidence, duplicate_of),
        "documents": len({e.doc for e in ev.evidence}),
        "evidence": [e.to_dict() for e in ev.evidence],
    }


def _fact(f: Fact, duplicate_of: Mapping[str, str | None] | None = None) -> dict[str, Any]:
    duplicate_of = duplicate_of or {}
    return {
        "id": f.id,
        "value": f.value,
        "value_end": f.value_end,
        "unit": f.unit,
        "kind": f.kind,
        "qualifier": f.qualifier,
        "counted": f.counted,
        "rank_of": f.rank_of,
        "direction": f.direction,
        "measure": f.measure,
        "subject": f.subject,
        "period": f.period,
        "period_mod": f.period_mod,
        "sources": independent_docs(f.evidence, duplicate_of),
        "documents": len({e.doc for e in f.evidence}),
        "evidence": [e.to_dict() for e in f.evidence],
        "conflicts_with": list(f.conflicts_with),
    }


def chronicle_dict(store: Store) -> dict[str, Any]:
    """The whole chronicle as the export contract's object."""
    rows = store.document_rows()
    duplicate_of = {d["id"]: d["duplicate_of"] for d in rows}
    shared = shared_paragraphs(store)
    documents = [
        {
            "id": d["id"],
            "source": d["source"],
            "sources": d["sources"],
            "title": d["title"],
            "outlet": d["outlet"],
            "author": d["author"],
            "url": d["url"],
            "published": d["published"],
            "reference_date": d["reference_date"],
            "reference_date_basis": d["reference_date_basis"],
            "encoding": d["encoding"],
            "duplicate_of": d["duplicate_of"],
            "shared_paragraphs": shared.get(d["id"], []),
        }
        for d in rows
    ]
    entities = [
        {
            "id": e.id,
            "name": e.name,
            "type": e.type,
            "aliases": list(e.aliases),
            "roles": list(e.roles),
            "mentions": len(e.mentions),
        }
        for e in store.entities()
    ]
    return {
        "format_version": FORMAT_VERSION,
        "documents": documents,
        "timexes": store.timex_rows(),
        "entities": sorted(entities, key=lambda e: e["id"]),
        "events": [_event(ev, duplicate_of) for ev in store.events()],
        "facts": [_fact(f, duplicate_of) for f in store.facts()],
        "stories": store.stories(),
    }
