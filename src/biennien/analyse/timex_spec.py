"""What a time expression says, before it is resolved to a TIMEX3 value.

A rule reads ``chiều 13-2`` into ``Spec(kind="date", day=13, month=2,
daypart="TAF")``; the resolver later decides the year from the reference
date, the tense of the clause and the dates before it.  Keeping the two
steps apart lets rules stay small and lets anchoring (``cùng ngày``,
``hôm sau``) follow the text order.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

# kinds that are only glue: they become part of a neighbour or are dropped
HELPER_KINDS: Final = frozenset({"daypart", "part", "bareday"})


@dataclass(slots=True)
class Spec:
    """The fields an expression gives; ``None`` where the text is silent."""

    kind: str  # date month year decade century quarter half week rel weekday clock dur set festival ...
    year: int | None = None
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None
    daypart: str | None = None
    mod: str | None = None
    lunar: bool = False
    number: int | None = None  # quarter, half, decade (199), century (19), weekday
    unit: str | None = None  # relative unit (D W M Y Q CE)
    offset: int = 0  # relative offset in units
    anchor: str | None = None  # "dct" or "previous" for relative expressions
    value: str | None = None  # a ready value (durations, sets)
    day_offset: int = 0  # festivals whose day 0 means the eve
    rel_year: int | None = None  # "tháng 7 năm ngoái": year offset from the reference date


@dataclass(slots=True)
class Cand:
    """A candidate span with what it says; ``end_spec`` for ranges and lists."""

    start: int
    end: int
    spec: Spec
    priority: int = 0
    end_spec: Spec | None = None
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        return self.spec.kind
