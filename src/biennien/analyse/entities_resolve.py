"""In-document alias resolution: keys for mentions, short and bare references to full names.

Why a separate step: a name is often complete only once per article
(``Tổng thống Hoa Kỳ Donald Trump``) and shortened afterwards (``ông Trump``,
``Tổng thống``).  The key of every mention must not depend on the article
(``PER:donald trump``, ``GPE:hoa ky`` for ``Mỹ`` too), so that linking across
documents is a matter of equal keys; the short forms get the key of the full
name they refer to here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from biennien.model import EntityType, Mention
from biennien.vi.normalise import fold

_ACRONYM = re.compile(r"\s*\(([A-ZĐ][A-ZĐ0-9&\-]{1,9})\)")


@dataclass(slots=True)
class Found:
    """A mention as the sentence reader found it, before keys are assigned."""

    start: int
    end: int
    type: str
    name: str
    role: str | None = None
    canonical: str | None = None
    single: bool = False  # a one-word name: may be short for a full name
    unsure: bool = False  # a one-word capitalised name with no title: kept only if it resolves
    bare: bool = False  # a title with no name ("Tổng Bí thư"): refers to an earlier holder
    title: str | None = None
    title_kind: str | None = None
    tok_start: int = 0
    split_at: int | None = None


@dataclass(slots=True)
class _Person:
    name: str
    key: str
    words: tuple[str, ...]
    start: int


def _match(persons: Sequence[_Person], word: str, at: int) -> _Person | None:
    """The person a one-word name refers to: most recent earlier full name ending (or, for a
    foreign name, starting) with it; failing that, the first later one."""
    hits = [p for p in persons if p.words[-1] == word or (len(p.words) > 1 and p.words[0] == word)]
    hits_last = [p for p in hits if p.words[-1] == word] or hits
    before = [p for p in hits_last if p.start < at]
    if before:
        return before[-1]
    return hits_last[0] if hits_last else None


def resolve(found: Sequence[Found], text: str) -> list[Mention]:
    """Keys for every mention; drop unresolved bare titles and unsure one-word names."""
    persons = [
        _Person(f.name, "PER:" + fold(f.name), tuple(fold(f.name).split()), f.start)
        for f in found
        if f.type == "PER" and not f.single and not f.bare and f.name
    ]
    acronyms: dict[str, tuple[str, str]] = {}
    holders: dict[str, _Person] = {}
    out: list[Mention] = []
    by_key = {p.key: p for p in persons}
    for f in sorted(found, key=lambda x: x.start):
        key: str | None
        name = f.name
        typ = f.type
        if f.type == "PER":
            if f.bare:
                holder = holders.get(fold(f.title or ""))
                if holder is None:
                    continue
                key, name = holder.key, holder.name
            elif f.single:
                word = fold(f.name)
                if f.name in acronyms:
                    typ, key = acronyms[f.name]
                else:
                    p = _match(persons, word, f.start)
                    if p is None:
                        if f.unsure or f.title_kind is None:
                            continue
                        key = "PER:" + word
                    else:
                        key = p.key
            else:
                key = "PER:" + fold(f.name)
            if f.title and f.title_kind in ("office", "rank", "occupation") and key in by_key:
                holders[fold(f.title)] = by_key[key]
        else:
            key = f"{f.type}:{fold(f.canonical or f.name)}"
            m = _ACRONYM.match(text, f.end)
            if m and f.type == "ORG":
                acronyms[m.group(1)] = (f.type, key)
            if f.name in acronyms and f.type == "ORG":
                key = acronyms[f.name][1]
        out.append(Mention(text[f.start : f.end], f.start, f.end, _etype(typ), name, f.role, key))
    return out


def _etype(t: str) -> EntityType:
    if t in ("PER", "ORG", "LOC", "GPE", "EVENT"):
        return t  # type: ignore[return-value]
    return "OTHER"
