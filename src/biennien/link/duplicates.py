"""Reprints and shared paragraphs across documents (MinHash LSH over paragraphs).

Exact duplicates never reach this module: a document's id is a hash of its
normalised text, so ``Store.add_document`` keeps one row per text and
``Store.add_source`` records every path or URL it arrived from.

What remains are rewrites: outlets reprint each other's copy with ``Hoa Kỳ``
changed to ``Mỹ``, ``7-1995`` to ``7/1995``, a lead added, a paragraph cut.
Whole-document similarity is a poor signal for that (two reprints of one
story can have a word-5-shingle Jaccard under 0.3 because each outlet adds
its own material), so matching is done per paragraph:

* every paragraph of at least ``MIN_WORDS`` comparison words becomes a set of
  word shingles over a *comparison text* (lower case, punctuation as spaces,
  aliases from ``vi/data/dup_aliases.tsv`` mapped to one form, diacritics
  folded, leading zeros dropped);
* each paragraph gets a ``datasketch`` MinHash; its signature is cut into
  ``LSH_BANDS`` bands (the banding of MinHash LSH) and paragraphs that agree
  on any band are candidates, confirmed with the exact Jaccard of the shingle
  sets (``PARA_JACCARD``);
* two documents are *reprints* of one text when the shared paragraphs cover
  at least ``REPRINT_COVERAGE`` of the words of one and ``REPRINT_OTHER`` of
  the other; reprint groups get one
  representative (the earliest dated, then lowest id), which every other
  member names in ``duplicate_of``.  Counts of independent sources count a
  reprint group once.

The index is incremental: band keys and per-paragraph bookkeeping are kept
as numpy arrays in the store's ``link_state`` so adding documents only hashes
the new ones.  The band index is our own rather than ``datasketch.MinHashLSH``
because the latter's pickled dict-of-sets storage took about 11 kB per
document (over 100 MB and seconds to load at 10,000 documents), while one
uint32 per band and paragraph is 2 kB per document and loads instantly.  Shingle sets of old documents are recomputed from their text when
a new paragraph needs confirming against them (cheap, and keeps the state
small).
"""

from __future__ import annotations

import pickle
import re
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy as np
from datasketch import MinHash

from biennien.model import Document
from biennien.vi.normalise import analysis_text, fold
from biennien.vi.resources import table

STATE_NAME = "duplicates"
STATE_VERSION = 1

SHINGLE = 3  # words per shingle (3 finds 12 of 17 rewritten paragraphs of a reprint, 5 only 10)
MIN_WORDS = 8  # shorter paragraphs (captions, credits, headings) are not compared
NUM_PERM = 64
# 32 bands of 2 rows: a pair of paragraphs at Jaccard 0.3 becomes a candidate with p = 0.95,
# at 0.05 with p = 0.08 (candidates are confirmed exactly, so recall matters more)
LSH_BANDS = 32
LSH_ROWS = 2
MAX_BUCKET = 64  # a band value shared by more paragraphs is boilerplate, not a reprint
PARA_JACCARD = 0.3  # exact shingle Jaccard for two paragraphs to count as shared
# two documents are reprints of one text when shared paragraphs hold at least this share of the words
# of one of them and REPRINT_OTHER of the other (a reprint often adds its own lead or closing lines)
REPRINT_COVERAGE = 0.5
REPRINT_OTHER = 0.35

_NONWORD = re.compile(r"[\W_]+")
_PARA = re.compile(r"[^\n]+")
_MASK32 = np.uint64(0xFFFFFFFF)
_MIX = np.uint64(0x9E3779B1)


# -- comparison text ------------------------------------------------------------


def _prepare(text: str) -> str:
    """Lower case with punctuation as single spaces, padded so whole-word replacements are easy."""
    return " " + _NONWORD.sub(" ", text.lower()).strip() + " "


@cache
def _alias_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    """One regex over every alias variant (longest first) and the canonical form of each."""
    mapping: dict[str, str] = {}
    for row in table("dup_aliases.tsv"):
        if len(row) < 2:
            continue
        canonical = _prepare(row[0]).strip()
        for form in (row[0], row[1]):
            key = _prepare(form).strip()
            if key:
                mapping.setdefault(key, canonical)
    alternatives = sorted(mapping, key=lambda k: (-len(k), k))
    pattern = re.compile(" (" + "|".join(re.escape(a) for a in alternatives) + ")(?= )")
    return pattern, mapping


def compare_words(text: str) -> list[str]:
    """The words two rewrites of one text share: aliases mapped, numbers as bare digits, no diacritics.

    ``Hợp chúng quốc Hoa Kỳ`` and ``Mỹ`` give the same word; ``7-1995``,
    ``7/1995`` and ``07.1995`` all give ``7 1995``; ``TP.HCM`` and ``TPHCM``
    give ``tp hcm``.  Aliases are matched before diacritics are folded, so a
    short alias never captures an unrelated word that only differs in tone.
    """
    pattern, mapping = _alias_pattern()
    prepared = pattern.sub(lambda m: " " + mapping[m.group(1)], _prepare(text))
    words = fold(prepared).split()
    return [(w.lstrip("0") or "0") if w.isdigit() else w for w in words]


# -- shingles and MinHash --------------------------------------------------------


@cache
def _word_hash(word: str) -> int:
    return zlib.crc32(word.encode("utf-8"))


def shingle_hashes(words: Sequence[str], k: int = SHINGLE) -> np.ndarray:
    """The distinct 32-bit hashes of the word k-shingles (the whole text when shorter than k)."""
    if not words:
        return np.zeros(0, dtype=np.uint64)
    wh = np.fromiter((_word_hash(w) for w in words), dtype=np.uint64, count=len(words))
    n = max(1, len(words) - k + 1)
    acc = np.zeros(n, dtype=np.uint64)
    for j in range(min(k, len(words))):
        acc = ((acc * _MIX) ^ wh[j : j + n]) & _MASK32
    return np.unique(acc)


def _identity(x: Any) -> Any:
    return x


def _minhashes(sets: Sequence[np.ndarray]) -> list[MinHash]:
    return MinHash.bulk([s.tolist() for s in sets], num_perm=NUM_PERM, hashfunc=_identity, scheme="affine32")


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Exact Jaccard of two sorted arrays of distinct hashes."""
    if not len(a) or not len(b):
        return 0.0
    inter = len(np.intersect1d(a, b, assume_unique=True))
    return inter / (len(a) + len(b) - inter)


@dataclass(slots=True)
class Paragraph:
    """A compared paragraph: its offsets in the stored text, its word count and its shingles."""

    start: int
    end: int
    words: int
    shingles: np.ndarray


def paragraphs(doc: Document) -> list[Paragraph]:
    """The document's paragraphs worth comparing (captions and credit lines are masked out)."""
    text = analysis_text(doc.text, doc.skip_spans)
    out = []
    for m in _PARA.finditer(text):
        words = compare_words(m.group())
        if len(words) < MIN_WORDS:
            continue
        start = m.start() + (len(m.group()) - len(m.group().lstrip()))
        end = m.start() + len(m.group().rstrip())
        out.append(Paragraph(start, end, len(words), shingle_hashes(words)))
    return out


# -- results ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SharedParagraph:
    """One paragraph of ``doc`` that ``other`` also carries (offsets into each stored text)."""

    doc: str
    start: int
    end: int
    other: str
    other_start: int
    other_end: int
    similarity: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc": self.other,
            "start": self.start,
            "end": self.end,
            "other_start": self.other_start,
            "other_end": self.other_end,
            "similarity": round(self.similarity, 3),
        }


@dataclass(slots=True)
class DuplicateState:
    """What survives between link runs (pickled into ``link_state``): numpy arrays, one row per paragraph."""

    version: int = STATE_VERSION
    docs: list[str] = field(default_factory=list)
    doc_index: dict[str, int] = field(default_factory=dict)
    doc_words: list[int] = field(default_factory=list)
    doc_date: list[str] = field(default_factory=list)
    para_doc: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    para_span: np.ndarray = field(default_factory=lambda: np.zeros((0, 2), dtype=np.int32))
    para_words: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    bands: np.ndarray = field(default_factory=lambda: np.zeros((0, LSH_BANDS), dtype=np.uint32))
    # (doc a, doc b) with a < b -> [(paragraph row in a, paragraph row in b, jaccard)]
    pairs: dict[tuple[str, str], list[tuple[int, int, float]]] = field(default_factory=dict)

    def dumps(self) -> bytes:
        return pickle.dumps(self, protocol=pickle.HIGHEST_PROTOCOL)

    @staticmethod
    def loads(blob: bytes | None) -> DuplicateState:
        """The stored state, or a fresh one when there is none or it is from another version."""
        if not blob:
            return DuplicateState()
        try:
            state = pickle.loads(blob)
        except Exception:
            return DuplicateState()
        if not isinstance(state, DuplicateState) or state.version != STATE_VERSION:
            return DuplicateState()
        return state

    # -- derived results --------------------------------------------------------

    def _span(self, row: int) -> tuple[int, int]:
        return int(self.para_span[row, 0]), int(self.para_span[row, 1])

    def shared(self) -> dict[str, list[SharedParagraph]]:
        """Shared paragraphs per document, each with the other document's offsets."""
        out: dict[str, list[SharedParagraph]] = {}
        for (a, b), matches in sorted(self.pairs.items()):
            for ra, rb, sim in matches:
                sa, ea = self._span(ra)
                sb, eb = self._span(rb)
                out.setdefault(a, []).append(SharedParagraph(a, sa, ea, b, sb, eb, sim))
                out.setdefault(b, []).append(SharedParagraph(b, sb, eb, a, sa, ea, sim))
        for doc in out:
            out[doc].sort(key=lambda s: (s.start, s.other, s.other_start))
        return out

    def coverage(self, a: str, b: str) -> tuple[float, float]:
        """Share of each document's compared words that lie in paragraphs shared with the other."""
        x, y = (a, b) if a < b else (b, a)
        matches = self.pairs.get((x, y), [])
        rx = sorted({m[0] for m in matches})
        ry = sorted({m[1] for m in matches})
        wx = max(1, self.doc_words[self.doc_index[x]])
        wy = max(1, self.doc_words[self.doc_index[y]])
        cx = int(self.para_words[rx].sum()) / wx if rx else 0.0
        cy = int(self.para_words[ry].sum()) / wy if ry else 0.0
        return (cx, cy) if a < b else (cy, cx)

    def duplicate_of(self) -> dict[str, str | None]:
        """Each document's reprint-group representative (None for the representative itself)."""
        parent: dict[str, str] = {d: d for d in self.docs}

        def find(d: str) -> str:
            while parent[d] != d:
                parent[d] = parent[parent[d]]
                d = parent[d]
            return d

        for a, b in sorted(self.pairs):
            ca, cb = self.coverage(a, b)
            if max(ca, cb) >= REPRINT_COVERAGE and min(ca, cb) >= REPRINT_OTHER:
                ra, rb = find(a), find(b)
                if ra != rb:
                    parent[max(ra, rb)] = min(ra, rb)
        groups: dict[str, list[str]] = {}
        for d in parent:
            groups.setdefault(find(d), []).append(d)
        out: dict[str, str | None] = {}
        for members in groups.values():
            rep = min(members, key=self._order)
            for d in members:
                out[d] = None if d == rep else rep
        return out

    def _order(self, doc: str) -> tuple[int, str, str]:
        date = self.doc_date[self.doc_index[doc]]
        return (0 if date else 1, date, doc)


# -- the incremental update --------------------------------------------------------


def _doc_date(doc: Document) -> str:
    return doc.published or doc.reference_date or ""


def _band_keys(signatures: np.ndarray) -> np.ndarray:
    """One uint32 per band: the band's ``LSH_ROWS`` MinHash values mixed together."""
    sig = signatures.astype(np.uint64).reshape(len(signatures), LSH_BANDS, LSH_ROWS)
    acc = np.zeros((len(signatures), LSH_BANDS), dtype=np.uint64)
    for r in range(LSH_ROWS):
        acc = ((acc * _MIX) ^ sig[:, :, r]) & _MASK32
    return acc.astype(np.uint32)


def _candidates(bands: np.ndarray, first_new: int) -> set[tuple[int, int]]:
    """Pairs (earlier row, new row) that agree on at least one band."""
    out: set[tuple[int, int]] = set()
    n = len(bands)
    if n == first_new:
        return out
    for b in range(LSH_BANDS):
        col = bands[:, b]
        order = np.argsort(col, kind="stable")
        sorted_col = col[order]
        new_vals = col[first_new:]
        lo = np.searchsorted(sorted_col, new_vals, side="left")
        hi = np.searchsorted(sorted_col, new_vals, side="right")
        busy = np.nonzero((hi - lo > 1) & (hi - lo <= MAX_BUCKET))[0]
        for i in busy.tolist():
            row = first_new + i
            for other in order[lo[i] : hi[i]].tolist():
                if other < row:
                    out.add((other, row))
    return out


def update_duplicates(
    new_docs: Iterable[Document],
    state: DuplicateState,
    load: Callable[[str], Document | None],
) -> DuplicateState:
    """Add documents to the index and record the paragraphs they share with every earlier one.

    ``load`` fetches an already indexed document (to recompute its shingles
    when one of its paragraphs needs confirming); documents already in the
    state are skipped, so calling this again with the same documents is a no-op.
    """
    shingles: dict[int, np.ndarray] = {}  # paragraph row -> shingle hashes
    first_new = len(state.para_doc)
    spans: list[tuple[int, int]] = []
    words: list[int] = []
    para_doc: list[int] = []
    sigs: list[np.ndarray] = []
    for doc in new_docs:
        if doc.id in state.doc_index:
            continue
        paras = paragraphs(doc)
        di = len(state.docs)
        state.docs.append(doc.id)
        state.doc_index[doc.id] = di
        state.doc_words.append(sum(p.words for p in paras))
        state.doc_date.append(_doc_date(doc))
        for p, mh in zip(paras, _minhashes([p.shingles for p in paras]), strict=True):
            shingles[first_new + len(spans)] = p.shingles
            spans.append((p.start, p.end))
            words.append(p.words)
            para_doc.append(di)
            sigs.append(mh.hashvalues)
    if not spans:
        return state
    state.para_doc = np.concatenate([state.para_doc, np.array(para_doc, dtype=np.int32)])
    state.para_span = np.concatenate([state.para_span, np.array(spans, dtype=np.int32).reshape(-1, 2)])
    state.para_words = np.concatenate([state.para_words, np.array(words, dtype=np.int32)])
    state.bands = np.concatenate([state.bands, _band_keys(np.vstack(sigs))])

    loaded: set[int] = set()

    def shingles_of(row: int) -> np.ndarray | None:
        if row not in shingles:
            di = int(state.para_doc[row])
            if di in loaded:
                return None
            loaded.add(di)
            doc = load(state.docs[di])
            rows = np.nonzero(state.para_doc == di)[0].tolist()
            by_start = {p.start: p.shingles for p in paragraphs(doc)} if doc is not None else {}
            for r in rows:
                got = by_start.get(int(state.para_span[r, 0]))
                if got is not None:
                    shingles[r] = got
        return shingles.get(row)

    for old, new in sorted(_candidates(state.bands, first_new)):
        da, db = int(state.para_doc[old]), int(state.para_doc[new])
        if da == db:
            continue
        sa, sb = shingles_of(old), shingles_of(new)
        if sa is None or sb is None:
            continue
        sim = jaccard(sa, sb)
        if sim < PARA_JACCARD:
            continue
        a, b = state.docs[da], state.docs[db]
        if a < b:
            state.pairs.setdefault((a, b), []).append((old, new, sim))
        else:
            state.pairs.setdefault((b, a), []).append((new, old, sim))
    return state
