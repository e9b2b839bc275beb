"""Cross-document event merging (placeholder until issue 5 lands: merges identical events)."""

from __future__ import annotations

import hashlib

from biennien.model import Event


def merge_events(events: list[Event]) -> list[Event]:
    merged: dict[str, Event] = {}
    for ev in events:
        parts = sorted(p.entity or p.name for p in ev.participants)
        key = "|".join([ev.type, ev.date or "", *parts])
        eid = "ev" + hashlib.sha1(key.encode()).hexdigest()[:12]
        if eid in merged:
            merged[eid].evidence.extend(ev.evidence)
        else:
            merged[eid] = Event(
                **{**ev.to_dict(), "id": eid, "participants": ev.participants, "evidence": list(ev.evidence)}
            )
    return sorted(merged.values(), key=lambda e: e.id)
