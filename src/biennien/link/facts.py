"""Cross-document fact merging (placeholder until issue 4 lands: merges identical facts)."""

from __future__ import annotations

import hashlib

from biennien.model import Fact


def merge_facts(facts: list[Fact]) -> list[Fact]:
    merged: dict[str, Fact] = {}
    for f in facts:
        key = "|".join([f.measure, f.subject or "", f.period or "", repr(f.value), f.unit])
        fid = "fa" + hashlib.sha1(key.encode()).hexdigest()[:12]
        if fid in merged:
            merged[fid].evidence.extend(f.evidence)
        else:
            merged[fid] = Fact(**{**f.to_dict(), "id": fid, "evidence": list(f.evidence)})
    return sorted(merged.values(), key=lambda x: x.id)
