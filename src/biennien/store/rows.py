"""A document's analysis as the rows the store writes, made without a database.

``Store.add_documents`` writes one row per sentence, time expression,
quantity, mention, event and fact, with the events and facts as JSON and
every sentence folded for the full-text index.  Making those rows is most of
a batch's storing cost and needs nothing but the analysis, so a build makes
them in its worker processes (``doc_rows``) and the single writer only
inserts them; plain tuples of strings and numbers also travel between
processes faster than the analysis objects.  The rows are the same whoever
makes them, so a store does not depend on where the work ran.

Folding the sentences was half of the cost: ``fold`` maps every character
through ``str.translate``, which looks each one up in a dict (about 28 ns a
character).  ``folded_sentences`` does the same with one numpy table pass
(``vi.chartable.translate_chars``) when every character of the sentences is in
``vi.chartable.ALPHABET`` (ASCII, Vietnamese letters, common typography), on
which ``fold`` is one character for one; other text takes ``fold`` as before.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from biennien.model import DocAnalysis, Document, Sentence, plain
from biennien.vi.chartable import fold_table, translate_chars
from biennien.vi.normalise import fold

_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def dumps(obj: Any) -> str:
    """The store's JSON: compact, keys sorted, UTF-8 text as is (so equal values give equal bytes).

    One encoder made once: ``json.dumps`` with options builds a new one per call.
    """
    return _ENCODER.encode(obj)


# -- folding sentences with one table pass ------------------------------------------------

_SEP = "\x00"  # joins the sentences of a document for one pass (fold keeps it and it is not in news text)


def folded_sentences(text: str, sentences: Sequence[Sentence]) -> list[str]:
    """``[fold(text[s.start : s.end]) for s in sentences]``, in one table pass when the text allows it.

    ``fold`` of a string of ``ALPHABET`` characters is the string of their
    folds, so when the whole text is made of them each sentence's fold is a
    slice of the text's.  Otherwise, when the sentences alone are, they are
    folded joined by the separator, which stops nothing (it is no letter,
    mark or cased character), and split again.
    """
    if not sentences:
        return []
    # the whole text in one pass when it allows it, each sentence then a slice of the result (no joined copy
    # of the sentences to make and split again)
    whole = translate_chars(text, fold_table())
    if whole is not None:
        return [whole[s.start : s.end] for s in sentences]
    parts = [text[s.start : s.end] for s in sentences]
    if _SEP not in text:
        folded = translate_chars(_SEP.join(parts), fold_table())
        if folded is not None:
            return folded.split(_SEP)
    return [fold(p) for p in parts]


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
    a = analysis
    encode = _ENCODER.encode
    return DocRows(
        doc=d,
        sentences=[(d, i, s.start, s.end, s.paragraph) for i, s in enumerate(a.sentences)],
        search=[(f, d, i) for i, f in enumerate(folded_sentences(doc.text, a.sentences))],
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
        events=[(d, e.id, encode(plain(e))) for e in a.events],
        facts=[(d, f.id, encode(plain(f))) for f in a.facts],
    )
