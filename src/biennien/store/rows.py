"""A document's analysis as the rows the store writes, made without a database.

``Store.add_documents`` writes one row per sentence, time expression,
quantity, mention, event and fact, with the events and facts as JSON and
every sentence folded for the full-text index.  Making those rows is most of
a batch's storing cost and needs nothing but the analysis, so a build makes
them in its worker processes (``doc_rows``) and the single writer only
inserts them; plain tuples of strings and numbers also travel between
processes faster than the analysis objects.  The rows are the same whoever
makes them, so a store does not depend on where the work ran.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from biennien.model import DocAnalysis, Document, plain
from biennien.vi.normalise import fold


def dumps(obj: Any) -> str:
    """The store's JSON: compact, keys sorted, UTF-8 text as is (so equal values give equal bytes)."""
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


@dataclass(slots=True)
class DocRows:
    """The per-document rows of one analysed document, each starting with the document id."""

    doc: str
    sentences: list[tuple[str, int, int, int, int]]  # doc, idx, start, end, paragraph
    search: list[tuple[str, str, int]]  # folded sentence, doc, idx
    timexes: list[tuple[Any, ...]]
    quantities: list[tuple[Any, ...]]
    mentions: list[tuple[Any, ...]]
    events: list[tuple[str, str, str]]  # doc, id, JSON
    facts: list[tuple[str, str, str]]  # doc, id, JSON


def doc_rows(doc: Document, analysis: DocAnalysis) -> DocRows:
    """The rows ``Store.add_documents`` writes for ``doc`` and its analysis (a pure function)."""
    d = doc.id
    text = doc.text
    a = analysis
    return DocRows(
        doc=d,
        sentences=[(d, i, s.start, s.end, s.paragraph) for i, s in enumerate(a.sentences)],
        search=[(fold(text[s.start : s.end]), d, i) for i, s in enumerate(a.sentences)],
        timexes=[
            (d, t.start, t.end, t.text, t.type, t.value, t.mod, t.value_end, t.anchor) for t in a.timexes
        ],
        quantities=[
            (
                d,
                q.start,
                q.end,
                q.text,
                q.value,
                q.unit,
                q.kind,
                q.qualifier,
                q.counted,
                q.value_end,
                q.rank_of,
                q.direction,
            )
            for q in a.quantities
        ],
        mentions=[(d, m.start, m.end, m.text, m.type, m.name, m.role, m.key) for m in a.mentions],
        events=[(d, e.id, dumps(plain(e))) for e in a.events],
        facts=[(d, f.id, dumps(plain(f))) for f in a.facts],
    )
