"""Cross-document entity linking (placeholder until issue 5 lands: groups by mention key)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

from biennien.model import Entity, Mention, MentionRef


def link_entities(mentions_by_doc: Iterable[tuple[str, Sequence[Mention]]]) -> list[Entity]:
    groups: dict[str, Entity] = {}
    for doc, mentions in mentions_by_doc:
        for m in mentions:
            key = m.key or f"{m.type}:{m.name}"
            ent = groups.get(key)
            if ent is None:
                eid = "en" + hashlib.sha1(key.encode()).hexdigest()[:12]
                ent = groups[key] = Entity(id=eid, name=m.name, type=m.type)
            if m.name not in ent.aliases:
                ent.aliases.append(m.name)
            ent.mentions.append(MentionRef(doc, m.start, m.end))
    return sorted(groups.values(), key=lambda e: e.id)
