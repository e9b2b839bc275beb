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

The index is incremental: per-paragraph signatures and bookkeeping are kept
as numpy arrays in the store's ``link_state`` so adding documents only hashes
the new ones.  The band index is our own rather than ``datasketch.MinHashLSH``
because the latter's pickled dict-of-sets storage took about 11 kB per
document (over 100 MB and seconds to load at 10,000 documents).  What is kept
per paragraph is its signature cut to 16 bits per permutation (128 bytes):
two of those make a 32-bit band key, and the share of equal values estimates
the Jaccard of a candidate pair without its text, so most candidates are
settled without loading anything (the chance that two unrelated 16-bit values
agree is 1 in 65,536).  Only pairs whose estimate lies near the threshold are
confirmed with the exact Jaccard of their shingle sets, which the state
keeps too (about 4 bytes per word of compared text, stored in blocks that are
written once: ``link.state_parts``; recomputing them from the stored text of
the older documents cost more than the rest of the check on a large store).
Which document pairs are reprints is
decided once, when their shared paragraphs change, and kept in the state.

The MinHash values are datasketch's ``affine32`` scheme (MurmurHash3
finalizer, then ``a * h + b mod 2^32`` with datasketch's own permutation
parameters) computed for all paragraphs of a batch in one numpy pass;
``tests/test_duplicates.py`` checks they equal ``MinHash.bulk``'s.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable, MutableMapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy as np

from biennien.link.prep_words import compare_lines as compare_lines
from biennien.link.prep_words import compare_words as compare_words
from biennien.link.prep_words import line_hashes
from biennien.link.sorted_runs import distinct, run_firsts
from biennien.link.state_parts import dump_bytes, dump_parts, load_parts, load_state
from biennien.model import Document
from biennien.store.base import StateParts
from biennien.vi.normalise import analysis_text

STATE_NAME = "duplicates"
SHINGLES_NAME = "duplicates-shingles"  # the paragraphs' shingles, stored apart (``dump_shingles``)
STATE_VERSION = 4  # 3: stored in parts (``link.state_parts``); 4: with the paragraphs' shingles

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
# candidates whose signature estimate is below EST_MIN are dropped without their text (a pair at the
# threshold Jaccard 0.3 falls below 0.15 with p < 0.01); at or above EST_EXACT the estimate is taken as is
EST_MIN = 0.15
EST_EXACT = 0.85
assert MIN_WORDS >= SHINGLE  # paragraphs() hashes k-word windows of every compared paragraph

_MASK32 = np.uint64(0xFFFFFFFF)
_MIX = np.uint64(0x9E3779B1)


# -- comparison text ------------------------------------------------------------
# ``compare_lines`` and ``compare_words`` live in ``prep_words`` (computed per distinct token from caches,
# equal to the per-character definitions kept there as ``compare_lines_reference`` / ``compare_words_reference``)


# -- shingles and MinHash --------------------------------------------------------


@cache
def word_hash(word: str) -> int:
    """CRC-32 of a comparison word (cached: news vocabulary is small)."""
    return zlib.crc32(word.encode("utf-8"))


def shingle_hashes(words: Sequence[str], k: int = SHINGLE) -> np.ndarray:
    """The distinct 32-bit hashes of the word k-shingles (the whole text when shorter than k)."""
    if not words:
        return np.zeros(0, dtype=np.uint64)
    wh = np.fromiter((word_hash(w) for w in words), dtype=np.uint64, count=len(words))
    n = max(1, len(words) - k + 1)
    acc = np.zeros(n, dtype=np.uint64)
    for j in range(min(k, len(words))):
        acc = ((acc * _MIX) ^ wh[j : j + n]) & _MASK32
    return np.unique(acc)


MINHASH_SEED = 1  # datasketch's default seed


@cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """datasketch's affine32 permutation parameters (a, b) for NUM_PERM permutations and its default seed.

    datasketch draws them from ``numpy.random.RandomState(seed)``: NUM_PERM odd multipliers below 2^32,
    then NUM_PERM offsets below 2^32 (``MinHash._init_permutations``, scheme ``affine32``).  They are drawn
    here the same way rather than read from a ``MinHash``: importing datasketch loads its LSH classes and
    with them much of scipy (0.23-0.36 s), which every build paid before its pool could fork.
    ``tests/test_duplicates.py`` holds these parameters, and the signatures made with them, to
    datasketch's own ``MinHash``."""
    gen = np.random.RandomState(MINHASH_SEED)
    a = gen.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


def ready_minhash() -> None:
    """Draw the permutations now (a build calls it before its process pool forks, so the workers have them)."""
    _permutations()


def _fmix32(h: np.ndarray) -> np.ndarray:
    """The MurmurHash3 32-bit finalizer (datasketch's pre-mix for affine32), element-wise, wrapping."""
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def minhash_signatures(sets: Sequence[np.ndarray]) -> np.ndarray:
    """MinHash signatures (uint32, one row per set, NUM_PERM columns), equal to ``MinHash.bulk``'s values.

    Every set must be non-empty.  All sets are hashed in one pass and reduced
    per set with ``np.minimum.reduceat``, in chunks that bound the memory used.
    """
    out = np.zeros((len(sets), NUM_PERM), dtype=np.uint32)
    if not sets:
        return out
    a, b = _permutations()
    start = 0
    while start < len(sets):
        stop, size = start, 0
        while stop < len(sets) and (size == 0 or size + len(sets[stop]) <= 200_000):
            size += len(sets[stop])
            stop += 1
        chunk = sets[start:stop]
        hv = _fmix32(np.concatenate(chunk).astype(np.uint32))
        # one row per permutation, so each set's values are contiguous for reduceat (1.5x faster than
        # one row per value); computed in place, wrapping like datasketch's uint32 arithmetic
        with np.errstate(over="ignore"):
            phv = np.multiply.outer(a, hv)
            phv += b[:, None]
        offsets = np.zeros(len(chunk), dtype=np.int64)
        np.cumsum(np.fromiter(map(len, chunk[:-1]), dtype=np.int64, count=len(chunk) - 1), out=offsets[1:])
        out[start:stop] = np.minimum.reduceat(phv, offsets, axis=1).T
        start = stop
    return out


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


@dataclass(slots=True)
class ComparedText:
    """A document's analysis text, its lines, their numbers of comparison words and the words' hashes.

    Computed once per document (``compared_text``) and shared by the
    paragraphs (shingles) and the story features (word pairs), which both
    need the same lines and words.
    """

    lines: list[tuple[int, int]]  # (start, end) in the text of every non-empty line
    counts: list[int]  # len(compare_lines) of each of those lines
    hashes: np.ndarray  # word_hash of every comparison word, line after line (uint64)
    starts: np.ndarray  # index in ``hashes`` of each line's first word, then len(hashes)
    text: str = ""  # the analysis text itself (its users need it too; no second cache lookup)


def compared_text(text: str) -> ComparedText:
    """``ComparedText`` of an analysis text (see ``paragraphs`` and ``stories_features.hashed_features``)."""
    parts = text.split("\n")  # the lines are its non-empty parts
    lines = []
    pos = 0
    for part in parts:
        size = len(part)
        if size:
            lines.append((pos, pos + size))
        pos += size + 1
    starts, hashes = line_hashes("\n".join(filter(None, parts)))
    return ComparedText(lines, np.diff(starts).tolist(), hashes, starts, text)


def _shingle_sets(
    hashes: np.ndarray, firsts: np.ndarray, sizes: np.ndarray, k: int = SHINGLE
) -> list[np.ndarray]:
    """``shingle_hashes`` of the word ranges ``hashes[firsts[i] : firsts[i] + sizes[i]]`` (each at least k
    words long), in one pass.

    A shingle's hash depends only on its k word hashes, so the hashes of all
    k-word windows of the document are computed at once and each range keeps
    the windows that lie inside it; one sort of (range, hash) keys orders and
    deduplicates every range's set.
    """
    if not len(firsts):
        return []
    values, bounds = _shingle_runs(hashes, firsts, sizes, k)
    return [values[bounds[i] : bounds[i + 1]] for i in range(len(firsts))]


def _shingle_runs(
    hashes: np.ndarray, firsts: np.ndarray, sizes: np.ndarray, k: int = SHINGLE
) -> tuple[np.ndarray, list[int]]:
    """``_shingle_sets`` as one array, range after range, and where each range's set starts (then the
    end): the sets side by side, as ``minhash_signatures`` would concatenate them.  At least one range."""
    n = len(hashes) - k + 1
    acc = hashes[:n].copy()  # the first step of the fold below: ((0 * MIX) ^ h) & MASK is h (a CRC-32)
    for j in range(1, k):
        acc *= _MIX
        acc ^= hashes[j : j + n]
        acc &= _MASK32
    counts = sizes - (k - 1)
    ends = np.cumsum(counts)
    span_of = np.repeat(np.arange(len(firsts), dtype=np.uint64), counts)
    window = np.arange(int(ends[-1]), dtype=np.int64) - np.repeat(ends - counts - firsts, counts)
    keys = (span_of << np.uint64(32)) | acc[window]
    keys.sort()
    keys = keys[run_firsts(keys)]
    bounds = np.searchsorted(keys >> np.uint64(32), np.arange(len(firsts) + 1, dtype=np.uint64)).tolist()
    return keys & _MASK32, bounds


def paragraphs(doc: Document, compared: ComparedText | None = None) -> list[Paragraph]:
    """The document's paragraphs worth comparing (captions and credit lines are masked out).

    ``compared`` is ``compared_text`` of the document's analysis text when the
    caller already has it (the story features need the same words).
    """
    if compared is None:
        compared = compared_text(analysis_text(doc.text, doc.skip_spans))
    return _paragraphs(compared)[0]


def signed_paragraphs(compared: ComparedText) -> tuple[list[Paragraph], np.ndarray]:
    """``paragraphs`` of a document and their ``paragraph_signatures``, the signatures hashed from the
    paragraphs' shingles as they come, side by side in one array (no list of sets to concatenate again)."""
    paras, runs = _paragraphs(compared)
    if runs is None:
        return paras, paragraph_signatures(paras)
    values, bounds = runs
    if len(values) > _SIGNED_AT_ONCE:
        return paras, paragraph_signatures(paras)
    a, b = _permutations()
    hv = _fmix32(values.astype(np.uint32))
    with np.errstate(over="ignore"):
        phv = np.multiply.outer(a, hv)
        phv += b[:, None]
    # (NUM_PERM, paragraphs) minima; cast to 16 bits (the low half of each, as ``& 0xFFFF``), one row each
    return paras, np.minimum.reduceat(phv, bounds[:-1], axis=1).astype(np.uint16).T.copy()


_SIGNED_AT_ONCE = 200_000  # shingles hashed at once by signed_paragraphs (minhash_signatures' chunk)


def _paragraphs(compared: ComparedText) -> tuple[list[Paragraph], tuple[np.ndarray, list[int]] | None]:
    """``paragraphs`` of a compared text, and their shingle sets side by side (``_shingle_runs``; None
    when there is no paragraph)."""
    text = compared.text
    counts = compared.counts
    kept = [i for i, count in enumerate(counts) if count >= MIN_WORDS]
    if not kept:
        return [], None
    at = np.array(kept, dtype=np.int64)
    values, bounds = _shingle_runs(compared.hashes, compared.starts[at], np.diff(compared.starts)[at])
    sets = [values[bounds[i] : bounds[i + 1]] for i in range(len(kept))]
    lines = compared.lines
    starts = []
    ends = []
    for i in kept:
        line_start, line_end = lines[i]
        # the offsets without white space at either end (a line rarely has any: test one character first)
        if text[line_start].isspace() or text[line_end - 1].isspace():
            line = text[line_start:line_end]
            starts.append(line_start + (len(line) - len(line.lstrip())))
            ends.append(line_start + len(line.rstrip()))
        else:
            starts.append(line_start)
            ends.append(line_end)
    return list(map(Paragraph, starts, ends, [counts[i] for i in kept], sets)), (values, bounds)


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


_DUP_HEAD = ("version", "docs", "doc_index", "doc_words", "doc_date", "reprints")
_DUP_ARRAYS = (
    "para_doc",
    "para_span",
    "para_words",
    "sigs",
    "match_a",
    "match_b",
    "match_sim",
)
# kept apart in the store (``SHINGLES_NAME``): only the link needs them, the export and the web do not
_SHINGLE_ARRAYS = ("shingle_ptr", "shingle_vals")


def _empty(dtype: Any, *shape: int) -> np.ndarray:
    return np.zeros(shape or (0,), dtype=dtype)


@dataclass(slots=True)
class DuplicateState:
    """What survives between link runs (pickled into ``link_state``): numpy arrays, one row per paragraph.

    ``match_*`` hold every shared paragraph pair (earlier row, later row,
    similarity); ``reprints`` the document pairs (a < b) judged reprints.
    """

    version: int = STATE_VERSION
    docs: list[str] = field(default_factory=list)
    doc_index: dict[str, int] = field(default_factory=dict)
    doc_words: list[int] = field(default_factory=list)
    doc_date: list[str] = field(default_factory=list)
    para_doc: np.ndarray = field(default_factory=lambda: _empty(np.int32))
    para_span: np.ndarray = field(default_factory=lambda: _empty(np.int32, 0, 2))
    para_words: np.ndarray = field(default_factory=lambda: _empty(np.int32))
    sigs: np.ndarray = field(default_factory=lambda: _empty(np.uint16, 0, NUM_PERM))
    match_a: np.ndarray = field(default_factory=lambda: _empty(np.int32))
    match_b: np.ndarray = field(default_factory=lambda: _empty(np.int32))
    match_sim: np.ndarray = field(default_factory=lambda: _empty(np.float32))
    # every paragraph's shingle hashes, one run per row: shingle_vals[shingle_ptr[r] : shingle_ptr[r + 1]]
    shingle_ptr: np.ndarray = field(default_factory=lambda: _empty(np.int64, 1))
    shingle_vals: np.ndarray = field(default_factory=lambda: _empty(np.uint32))
    reprints: set[tuple[str, str]] = field(default_factory=set)
    # rows of each array the store holds already (when loaded from it): ``dump_parts`` skips them
    stored: dict[str, int] = field(default_factory=dict)

    def _head(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in _DUP_HEAD}

    def _arrays(self) -> dict[str, np.ndarray]:
        return {name: getattr(self, name) for name in _DUP_ARRAYS}

    def dumps(self) -> bytes:
        """The whole state, shingles included, in one piece (``loads`` reads it)."""
        return dump_bytes(self._head(), {**self._arrays(), **self._shingles()})

    def dump_parts(self) -> StateParts:
        """The state in parts for the store, without the shingles (``dump_shingles``): the paragraph and
        match arrays only grow at the end, so the blocks the store holds already complete are not
        written again (``link.state_parts``)."""
        return dump_parts(self._head(), self._arrays(), self.stored)

    def _shingles(self) -> dict[str, np.ndarray]:
        return {name: getattr(self, name) for name in _SHINGLE_ARRAYS}

    def dump_shingles(self) -> StateParts:
        """The paragraphs' shingles in parts, for the store's ``SHINGLES_NAME`` (``load_shingles``)."""
        head = {"version": STATE_VERSION, "rows": len(self.para_doc)}
        return dump_parts(head, self._shingles(), self.stored)

    def load_shingles(self, blob: bytes | None) -> bool:
        """Take the shingles stored by ``dump_shingles``; False when they do not belong to this state
        (then only a fresh state can be updated).  A state without paragraphs needs none."""
        if not len(self.para_doc):
            return True
        try:
            head, arrays = load_parts(blob or b"")
        except Exception:
            return False
        if head != {"version": STATE_VERSION, "rows": len(self.para_doc)}:
            return False
        if set(arrays) != set(_SHINGLE_ARRAYS) or len(arrays["shingle_ptr"]) != len(self.para_doc) + 1:
            return False
        for name, array in arrays.items():
            setattr(self, name, array)
            self.stored[name] = len(array)
        return True

    @staticmethod
    def loads(blob: bytes | None) -> DuplicateState:
        """The stored state, or a fresh one when there is none or it is from another version.  From the
        store it comes without the paragraphs' shingles: ``load_shingles`` adds them (the link needs
        them to update the state, readers of the reprints do not)."""
        state = load_state(blob, STATE_VERSION, DuplicateState)
        return state if state is not None else DuplicateState()

    # -- derived results --------------------------------------------------------

    @property
    def pairs(self) -> dict[tuple[str, str], list[tuple[int, int, float]]]:
        """(doc a, doc b) with a < b -> [(paragraph row in a, paragraph row in b, similarity)]."""
        out: dict[tuple[str, str], list[tuple[int, int, float]]] = {}
        for ra, rb, sim in zip(
            self.match_a.tolist(), self.match_b.tolist(), self.match_sim.tolist(), strict=True
        ):
            a, b = self.docs[int(self.para_doc[ra])], self.docs[int(self.para_doc[rb])]
            if a < b:
                out.setdefault((a, b), []).append((ra, rb, sim))
            else:
                out.setdefault((b, a), []).append((rb, ra, sim))
        return out

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
        ia, ib = self.doc_index[a], self.doc_index[b]
        da, db = self.para_doc[self.match_a], self.para_doc[self.match_b]
        fwd = (da == ia) & (db == ib)
        back = (da == ib) & (db == ia)
        rows_a = np.unique(np.r_[self.match_a[fwd], self.match_b[back]])
        rows_b = np.unique(np.r_[self.match_b[fwd], self.match_a[back]])
        ca = int(self.para_words[rows_a].sum()) / max(1, self.doc_words[ia])
        cb = int(self.para_words[rows_b].sum()) / max(1, self.doc_words[ib])
        return ca, cb

    def duplicate_of(self) -> dict[str, str | None]:
        """Each document's reprint-group representative (None for the representative itself)."""
        parent: dict[str, str] = {d: d for d in self.docs}

        def find(d: str) -> str:
            while parent[d] != d:
                parent[d] = parent[parent[d]]
                d = parent[d]
            return d

        for a, b in sorted(self.reprints):
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


def _band_keys(sigs: np.ndarray) -> np.ndarray:
    """One uint32 per band: the band's two 16-bit signature values side by side."""
    pairs = sigs.astype(np.uint32).reshape(len(sigs), LSH_BANDS, LSH_ROWS)
    return (pairs[:, :, 0] << np.uint32(16)) | pairs[:, :, 1]


# new rows whose candidates are gathered and deduplicated together: a full link of 10,000 perturbed articles
# found 14 million (row, row) keys over all bands for 980,000 distinct pairs, and holding them all at once
# before ``np.unique`` took about 400 MB
CANDIDATE_ROWS = 16_384


def _candidates(bands: np.ndarray, first_new: int) -> tuple[np.ndarray, np.ndarray]:
    """Distinct row pairs (earlier, new) that agree on at least one band, as two aligned arrays, in order
    of the earlier row, then the new one.

    Every band's buckets are found once; the pairs are then gathered for
    ``CANDIDATE_ROWS`` new rows at a time and deduplicated there (pairs of
    different new rows never coincide), so memory is bounded by a slice of
    the new rows rather than by all pairs of all bands.
    """
    n = len(bands)
    if n == first_new:
        return _empty(np.int64), _empty(np.int64)
    # each band's column sorted (the candidates are the distinct pairs of each bucket's members, so the order
    # among equal values does not matter: quicksort)
    new_rows = n - first_new
    # per band: the rows in order of value; per band and new row: the first sorted position of its
    # bucket (32-bit: rows of one store), and the bucket's size up to MAX_BUCKET + 1 (larger ones are
    # skipped all the same)
    orders = np.empty((LSH_BANDS, n), dtype=np.int32)
    lows = np.empty((LSH_BANDS, new_rows), dtype=np.int32)
    sizes = np.empty((LSH_BANDS, new_rows), dtype=np.uint8)
    for b in range(LSH_BANDS):
        col = bands[:, b]
        order = np.argsort(col)
        orders[b] = order
        sorted_col = col[order]
        # the bucket (run of equal values in sorted order) of each new row: the bounds searchsorted
        # would find for its value (it is in the column), from the runs' starts in one linear pass
        change = run_firsts(sorted_col)
        run_starts = np.flatnonzero(change)
        run_of = np.cumsum(change) - 1
        bounds_lo = np.empty(n, dtype=np.intp)
        bounds_hi = np.empty(n, dtype=np.intp)
        bounds_lo[order] = run_starts[run_of]
        bounds_hi[order] = np.append(run_starts[1:], n)[run_of]
        lows[b] = bounds_lo[first_new:]
        sizes[b] = np.minimum(bounds_hi[first_new:] - bounds_lo[first_new:], MAX_BUCKET + 1)
    parts: list[np.ndarray] = []
    for first in range(0, new_rows, CANDIDATE_ROWS):
        last = min(new_rows, first + CANDIDATE_ROWS)
        found: list[np.ndarray] = []
        for b in range(LSH_BANDS):
            lo = lows[b, first:last]
            size = sizes[b, first:last]
            busy = np.nonzero((size > 1) & (size <= MAX_BUCKET))[0]
            if not len(busy):
                continue
            counts = size[busy].astype(np.intp)
            # every member of each busy bucket, paired with the new row that looked it up
            starts = np.repeat(lo[busy].astype(np.intp) - np.r_[0, np.cumsum(counts)[:-1]], counts)
            members = orders[b][starts + np.arange(int(counts.sum()))]
            rows = np.repeat(busy + (first_new + first), counts)
            keep = members < rows
            found.append(members[keep].astype(np.int64) * n + rows[keep])
        if found:
            parts.append(distinct(np.concatenate(found)))
    if not parts:
        return _empty(np.int64), _empty(np.int64)
    keys = np.sort(np.concatenate(parts))  # each part distinct, and no key in two parts
    return keys // n, keys % n


def paragraph_signatures(paras: Sequence[Paragraph]) -> np.ndarray:
    """The kept signatures of a document's paragraphs: MinHash values cut to 16 bits (one row each).

    Per paragraph and pure, so it can run where the document is analysed; the
    values are the same as those of a whole batch hashed at once.
    """
    return (minhash_signatures([p.shingles for p in paras]) & np.uint32(0xFFFF)).astype(np.uint16)


# candidate pairs whose signatures are compared at once (two rows of 128 bytes each per pair)
ESTIMATE_PAIRS = 1 << 16


def _estimates(sigs: np.ndarray, old: np.ndarray, new: np.ndarray) -> np.ndarray:
    """The share of equal signature values of each candidate pair (rows ``old[i]``, ``new[i]``), a slice
    of pairs at a time: the pairs' signatures side by side took 250 MB for a million candidates."""
    out = np.zeros(len(old))
    for i in range(0, len(old), ESTIMATE_PAIRS):
        j = i + ESTIMATE_PAIRS
        out[i:j] = (sigs[old[i:j]] == sigs[new[i:j]]).mean(axis=1)
    return out


@dataclass(slots=True)
class PackedParagraphs:
    """A document's compared paragraphs and their kept signatures in a few flat arrays.

    What the link stage holds of a document prepared in a worker until the
    end of a build: 4 bytes per shingle hash and no object per paragraph
    (a ``Paragraph`` with its own uint64 array took about three times the
    memory, and more to pickle from the worker).  ``update_duplicates``
    appends these arrays to its state as they are.
    """

    spans: np.ndarray  # int32 (paragraphs, 2): start and end offsets in the stored text
    words: np.ndarray  # int32: comparison words per paragraph
    sizes: np.ndarray  # int32: shingle hashes per paragraph
    shingles: np.ndarray  # uint32: every paragraph's shingle hashes, one run after another
    signatures: np.ndarray | None  # uint16 (paragraphs, NUM_PERM): ``paragraph_signatures``

    @staticmethod
    def of(paras: Sequence[Paragraph], signatures: np.ndarray | None) -> PackedParagraphs:
        """The paragraphs packed: the spans from one flat list, the shingles cast to 32 bits as they are
        concatenated (no 64-bit copy first; every worker packs each article it analyses)."""
        count = len(paras)
        shingles = [p.shingles for p in paras]
        return PackedParagraphs(
            np.array([v for p in paras for v in (p.start, p.end)], dtype=np.int32).reshape(count, 2),
            np.array([p.words for p in paras], dtype=np.int32),
            np.fromiter(map(len, shingles), dtype=np.int32, count=count),
            np.concatenate(shingles, dtype=np.uint32, casting="unsafe")
            if count
            else np.zeros(0, dtype=np.uint32),
            signatures,
        )


def update_duplicates(
    new_docs: Iterable[Document],
    state: DuplicateState,
    load: Callable[[str], Document | None],
    prepared: MutableMapping[str, PackedParagraphs] | None = None,
    *,
    release: bool = False,
) -> DuplicateState:
    """Add documents to the index and record the paragraphs they share with every earlier one.

    ``load`` (fetching an already indexed document) is no longer called: the
    state keeps every paragraph's shingles for the exact checks.  Documents
    already in the state are skipped, so calling this again with the same
    documents is a no-op.
    ``prepared`` holds documents' paragraphs and ``paragraph_signatures``
    computed beforehand (in the analysis workers); the others are computed here.
    With ``release``, ``prepared`` is emptied once its arrays are copied into
    the state (the caller hands them over), before the candidate search.
    """
    prepared = prepared or {}
    first_new = len(state.para_doc)
    if len(state.shingle_ptr) != first_new + 1:
        raise ValueError("a duplicate state without its shingles (DuplicateState.load_shingles) cannot grow")
    packs: list[PackedParagraphs] = []
    doc_rows: list[int] = []  # per pack: its document's row in the state
    sets: list[np.ndarray] = []  # shingles of the paragraphs whose signatures are computed here
    for doc in new_docs:
        if doc.id in state.doc_index:
            continue
        ready = prepared.get(doc.id)
        if ready is None:
            paras = paragraphs(doc)
            sets.extend(p.shingles for p in paras)
            ready = PackedParagraphs.of(paras, None)
        di = len(state.docs)
        state.docs.append(doc.id)
        state.doc_index[doc.id] = di
        state.doc_words.append(int(ready.words.sum()))
        state.doc_date.append(_doc_date(doc))
        packs.append(ready)
        doc_rows.append(di)
    counts = [len(p.words) for p in packs]
    if not sum(counts):
        return state
    state.para_doc = np.concatenate([state.para_doc, np.repeat(np.array(doc_rows, dtype=np.int32), counts)])
    state.para_span = np.concatenate([state.para_span, *(p.spans for p in packs)])
    state.para_words = np.concatenate([state.para_words, *(p.words for p in packs)])
    computed = (minhash_signatures(sets) & np.uint32(0xFFFF)).astype(np.uint16)
    blocks: list[np.ndarray] = []
    at = 0
    for pack, count in zip(packs, counts, strict=True):
        if pack.signatures is None:
            blocks.append(computed[at : at + count])
            at += count
        else:
            blocks.append(pack.signatures)
    state.sigs = np.concatenate([state.sigs, *blocks])
    sizes = np.concatenate([p.sizes for p in packs]).astype(np.int64)
    state.shingle_ptr = np.concatenate([state.shingle_ptr, state.shingle_ptr[-1] + np.cumsum(sizes)])
    state.shingle_vals = np.concatenate([state.shingle_vals, *(p.shingles for p in packs)])
    del packs, sets, computed, blocks
    if release and prepared:
        prepared.clear()

    old, new = _candidates(_band_keys(state.sigs), first_new)
    other_doc = state.para_doc[old] != state.para_doc[new]
    old, new = old[other_doc], new[other_doc]
    estimate = _estimates(state.sigs, old, new)
    likely = estimate >= EST_MIN
    old, new, estimate = old[likely], new[likely], estimate[likely]

    # every paragraph's shingles are kept in the state (recomputing those of earlier documents from the
    # stored text was most of an addition's reprint check on a large store)
    ptr = state.shingle_ptr.tolist()
    vals = state.shingle_vals
    sims = estimate.astype(np.float32)
    for i in np.nonzero(estimate < EST_EXACT)[0].tolist():
        a, b = int(old[i]), int(new[i])
        sims[i] = jaccard(vals[ptr[a] : ptr[a + 1]], vals[ptr[b] : ptr[b + 1]])
    shared = sims >= PARA_JACCARD
    state.match_a = np.concatenate([state.match_a, old[shared].astype(np.int32)])
    state.match_b = np.concatenate([state.match_b, new[shared].astype(np.int32)])
    state.match_sim = np.concatenate([state.match_sim, sims[shared]])

    _judge_reprints(state, old[shared], new[shared])
    return state


def _judge_reprints(state: DuplicateState, old: np.ndarray, new: np.ndarray) -> None:
    """Record which document pairs that gained shared paragraphs (old row, new row) are reprints.

    Every such pair involves a document of this run, so all its shared
    paragraphs are among the given ones; rows of an earlier document come
    first in the state, so the older row's document is always the first.
    """
    if not len(old):
        return
    n = len(state.docs)
    da = state.para_doc[old].astype(np.int64)
    db = state.para_doc[new].astype(np.int64)
    pair_keys, pair_of = np.unique(da * n + db, return_inverse=True)
    words_a = np.zeros(len(pair_keys))
    words_b = np.zeros(len(pair_keys))
    for rows, words in ((old, words_a), (new, words_b)):
        # each paragraph counts once per document pair, however many paragraphs it matched
        uniq = distinct(pair_of.astype(np.int64) * len(state.para_doc) + rows)
        np.add.at(words, uniq // len(state.para_doc), state.para_words[uniq % len(state.para_doc)])
    doc_words = np.maximum(np.asarray(state.doc_words, dtype=np.float64), 1.0)
    ia, ib = pair_keys // n, pair_keys % n
    ca, cb = words_a / doc_words[ia], words_b / doc_words[ib]
    reprint = (np.maximum(ca, cb) >= REPRINT_COVERAGE) & (np.minimum(ca, cb) >= REPRINT_OTHER)
    for x, y in zip(ia[reprint].tolist(), ib[reprint].tolist(), strict=True):
        a, b = state.docs[x], state.docs[y]
        state.reprints.add((a, b) if a < b else (b, a))
