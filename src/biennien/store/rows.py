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
character).  ``folded_sentences`` does the same with two passes of a
charmap codec (C loops over a 256-entry table) when every character of the
sentences is in a small alphabet (ASCII, Vietnamese letters, common
typographic punctuation) on which ``fold`` is one character for one; other
text takes ``fold`` as before.
"""

from __future__ import annotations

import codecs
import json
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from biennien.model import DocAnalysis, Document, Sentence, plain
from biennien.vi.normalise import fold

_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def dumps(obj: Any) -> str:
    """The store's JSON: compact, keys sorted, UTF-8 text as is (so equal values give equal bytes).

    One encoder made once: ``json.dumps`` with options builds a new one per call.
    """
    return _ENCODER.encode(obj)


# -- folding sentences with a charmap codec ------------------------------------------

_SEP = "\x00"  # joins the sentences of a document for one pass (fold keeps it and it is not in news text)
# Vietnamese vowels with the modifiers each can take (breve, circumflex, horn); with the five tones (or none)
_VOWELS = {"a": "\u0306\u0302", "e": "\u0302", "i": "", "o": "\u0302\u031b", "u": "\u031b", "y": ""}
_TONES = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
# typographic characters common in Vietnamese news (the alphabet holds at most 256 characters)
_PUNCTUATION = "\u00a0…“”‘’–—•·°×®©™½€£₫"


def _vietnamese_letters() -> list[str]:
    """Every precomposed Vietnamese vowel letter (with a tone or a modifier), both cases, and đ, Đ."""
    out = []
    for vowel, modifiers in _VOWELS.items():
        for modifier in ("", *modifiers):
            for tone in _TONES:
                if modifier or tone:
                    letter = unicodedata.normalize("NFC", vowel + modifier + tone)
                    out += [letter, letter.upper()]
    return [*out, "đ", "Đ"]


def fold_alphabet() -> str:
    """The characters ``folded_sentences`` maps itself: ``fold`` of any string of them is the string of
    each one's ``fold`` (``tests/test_rows.py`` checks every pair and random strings)."""
    ascii_chars = "\t\n\r" + "".join(map(chr, range(0x20, 0x7F)))
    return _SEP + ascii_chars + "".join(_vietnamese_letters()) + _PUNCTUATION


@cache
def _fold_codec() -> tuple[Any, str]:
    """(the charmap encoding table of ``fold_alphabet``, the decoding table of their folded forms)."""
    alphabet = fold_alphabet()
    folded = [fold(c) for c in alphabet]
    # one character for one, none of them combining, stable under NFC, and only the separator folds to it
    assert len(alphabet) == len(set(alphabet)) <= 256
    assert all(len(f) == 1 for f in folded) and folded.count(_SEP) == 1
    assert all(unicodedata.combining(c) == 0 and unicodedata.normalize("NFC", c) == c for c in alphabet)
    pad = "\ufffe" * (256 - len(alphabet))  # undefined bytes (never produced by the encoding)
    return codecs.charmap_build(alphabet + pad), "".join(folded) + pad


def folded_sentences(text: str, sentences: Sequence[Sentence]) -> list[str]:
    """``[fold(text[s.start : s.end]) for s in sentences]``, in one codec pass when the text allows it."""
    parts = [text[s.start : s.end] for s in sentences]
    if parts and _SEP not in text:
        encoding, decoding = _fold_codec()
        try:
            encoded = codecs.charmap_encode(_SEP.join(parts), "strict", encoding)[0]
        except UnicodeEncodeError:
            pass  # a character outside the alphabet
        else:
            return codecs.charmap_decode(encoded, "strict", decoding)[0].split(_SEP)
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
