"""The data model shared by every stage.

Every object that comes out of analysis carries character offsets into the
*stored* document text (``Document.text``).  The analysis text that the
taggers read is always the same length as the stored text (tone-mark
normalisation moves a diacritic between two letters, masking replaces
non-body lines with spaces), so an offset found in one is valid in the other.

The dataclasses are plain and JSON-friendly (``to_dict``) so that a
``DocAnalysis`` can cross a process boundary or a Dask worker unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, Literal

ReferenceBasis = Literal["metadata", "dateline", "inferred", "none"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
EntityType = Literal["PER", "ORG", "LOC", "GPE", "EVENT", "OTHER"]
EventType = Literal[
    "meeting",
    "phone_call",
    "visit",
    "arrival",
    "reception",
    "signing",
    "speech",
    "dialogue",
    "agreement",
    "announcement",
    "statement",
    "other",
]


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


_RECORD: dict[type, bool] = {}
_SCALARS = frozenset({str, int, float, bool, type(None)})


def _is_record(value: object) -> bool:
    cls = type(value)
    known = _RECORD.get(cls)
    if known is None:
        known = _RECORD[cls] = hasattr(cls, "__dataclass_fields__")
    return known


def plain(obj: Any) -> dict[str, Any]:
    """A model object as plain dicts and lists, ready for JSON.

    Equal to ``dataclasses.asdict`` for these models but several times
    faster (field names cached per class, no deep copy of strings): the
    store serialises every event, fact and entity of a chronicle on each link.
    """
    cls = type(obj)
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(cls))
    out: dict[str, Any] = {}
    for name in names:
        value = getattr(obj, name)
        if type(value) in _SCALARS:
            out[name] = value
            continue
        if isinstance(value, list):
            value = [plain(v) if _is_record(v) else v for v in value]
        elif isinstance(value, dict):
            value = dict(value)
        elif _is_record(value):
            value = plain(value)
        out[name] = value
    return out


@dataclass(slots=True)
class Document:
    """One article as ingested.

    ``text`` is what is stored and what every offset points into: NFC
    normalised, metadata header lines removed, everything else (captions,
    datelines, credit lines) kept.  ``skip_spans`` lists the parts of ``text``
    that are not article body (photo captions, section labels, bylines) and
    that analysis must ignore.
    """

    id: str
    source: str
    text: str
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    published: str | None = None
    reference_date: str | None = None
    reference_date_basis: ReferenceBasis = "none"
    encoding: str = "utf-8"
    meta: dict[str, str] = field(default_factory=dict)
    skip_spans: list[tuple[int, int]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return plain(self)


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int = 0

    def text_of(self, text: str) -> str:
        return text[self.start : self.end]


@dataclass(slots=True)
class Timex:
    """A time expression normalised to TIMEX3.

    ``value`` follows TimeML: ``2026-02-18``, ``1995-07``, ``2026-02-13TAF``,
    ``P30Y``, ``XXXX-02-18`` for a year-less date in an undated article.
    A range (``từ ngày 18 đến 20-2``) has ``value`` at its start and
    ``value_end`` at its end.
    """

    text: str
    start: int
    end: int
    type: TimexType
    value: str
    mod: str | None = None
    value_end: str | None = None
    anchor: str | None = None  # "dct", "previous", "absolute"

    def to_dict(self) -> dict[str, Any]:
        return plain(self)


@dataclass(slots=True)
class Quantity:
    """A number with its unit, as read from the text.

    ``value`` is in base units (``15,8 tỷ USD`` -> 15800000000.0, unit
    ``USD``).  ``kind`` is one of amount, percent, count, rank, ratio,
    physical, rate.  A range keeps its upper bound in ``value_end``; a rank
    keeps the size of the field in ``rank_of``; a change (``tăng 28,6%``)
    has ``direction`` ``up`` or ``down``.
    """

    text: str
    start: int
    end: int
    value: float
    unit: str
    kind: str = "amount"
    qualifier: str | None = None
    counted: str | None = None
    value_end: float | None = None
    rank_of: int | None = None
    direction: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return plain(self)


@dataclass(slots=True)
class Mention:
    """A mention of a named entity: ``name`` without its title, ``role`` the title."""

    text: str
    start: int
    end: int
    type: EntityType
    name: str
    role: str | None = None
    key: str | None = None  # canonical key after in-document alias resolution

    def to_dict(self) -> dict[str, Any]:
        return plain(self)


@dataclass(slots=True)
class Evidence:
    """Where a claim was read: document id, sentence offsets and the sentence itself."""

    doc: str
    start: int
    end: int
    sentence: str

    def to_dict(self) -> dict[str, Any]:
        return plain(self)


@dataclass(slots=True)
class Participant:
    name: str
    role: str | None = None  # "agent", "partner", or the title held
    entity: str | None = None  # entity key or id once linked
    title: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return plain(self)


@dataclass(slots=True)
class Event:
    id: str
    type: EventType
    date: str | None
    summary: str
    trigger: str = ""
    date_end: str | None = None
    date_mod: str | None = None
    participants: list[Participant] = field(default_factory=list)
    place: str | None = None
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return plain(self)


@dataclass(slots=True)
class Fact:
    id: str
    value: float
    unit: str
    measure: str
    evidence: list[Evidence]
    qualifier: str | None = None
    counted: str | None = None
    subject: str | None = None
    period: str | None = None
    period_mod: str | None = None
    kind: str = "amount"
    value_end: float | None = None
    rank_of: int | None = None
    direction: str | None = None
    conflicts_with: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return plain(self)


@dataclass(slots=True)
class DocAnalysis:
    """Everything analysis found in one document; a pure function of the document."""

    doc_id: str
    sentences: list[Sentence] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    reference_date: str | None = None
    reference_date_basis: ReferenceBasis = "none"


@dataclass(slots=True)
class MentionRef:
    """Where an entity was mentioned: document and character offsets."""

    doc: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return plain(self)


@dataclass(slots=True)
class Entity:
    """An entity after linking across documents (``link.entities``)."""

    id: str
    name: str
    type: EntityType
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    mentions: list[MentionRef] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return plain(self)


@dataclass(slots=True)
class Failure:
    """An input that could not become a document, and why (one line in the build report)."""

    source: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: {self.reason}"
