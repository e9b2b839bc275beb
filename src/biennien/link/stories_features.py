"""What an article says about its story: weighted features, and how rare each one is.

Features (raw counts, before IDF):

* word pairs of the comparison text (``duplicates.compare_words``: aliases and
  number formats mapped, so ``Hoa Kỳ``/``Mỹ`` agree), the title counted
  ``TITLE_REPEAT`` more times because it states the story;
* ``n:`` names: runs of capitalised syllables and acronyms (the actors, found
  even when analysis did not run);
* ``e:`` entity keys from analysis (``Mention.key``, e.g. ``PER:tô lâm``);
* ``v:`` event type and day, so two reports of one meeting agree even when
  worded differently.

Rarity (IDF) mixes the store's own document frequencies with a *background*
table (``vi/data/story_background_df.tsv``: the share of ``BACKGROUND_DOCS``
ordinary news articles that carry a feature).  Without it, IDF collapses in a
small store: in a chronicle of five articles about one trip, the names every
article shares get the lowest weight of all, and ``cho biết`` ("said") weighs
as much as the visiting leader's name.  With it, a feature's document
frequency is its store count plus a prior of ``BACKGROUND_DOCS`` x its
background share, so common Vietnamese word pairs stay cheap and shared names
stay strong whatever the store's size; as the store grows its own counts take
over.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from itertools import chain

import numpy as np

from biennien.link.duplicates import ComparedText, compare_lines, compare_words, compared_text, word_hash
from biennien.link.memo import BoundedMemo
from biennien.link.prep_words import compare_words_reference
from biennien.link.sorted_runs import run_firsts
from biennien.model import Document, Event
from biennien.vi.normalise import analysis_text, fold
from biennien.vi.resources import table

DIM = 1 << 20  # hashed feature buckets
NAME_WEIGHT = 2.0
ENTITY_WEIGHT = 2.0
EVENT_WEIGHT = 1.0
TITLE_REPEAT = 2
BACKGROUND_TABLE = "story_background_df.tsv"
# a feature missing from the background table is rarer than its cut-off; count it as this share
UNSEEN_SHARE = 2.0
# entity types whose shared keys say two articles have the same actors (places are too common for that)
ACTOR_TYPES = ("per:", "org:")

_LINE = re.compile(r"[^\n]+")
_MIX = np.uint64(0x9E3779B1)
_MASK32 = np.uint64(0xFFFFFFFF)


def _upper_class() -> str:
    """A regex character class of every upper-case letter below U+2000 (Latin, Vietnamese, Greek, ...)."""
    chars = [chr(c) for c in range(0x2000) if chr(c).isupper()]
    return "[" + "".join(re.escape(c) for c in chars) + "]"


# a run of capitalised words joined by single spaces or hyphens, never across punctuation or lines; the
# "not after a word character" look-behind comes after the first letter (``X(?<!\w.)`` is ``(?<!\w)X``)
# so the pattern opens with a character class, which the regex engine scans for quickly (2x faster)
_NAME_RUN = re.compile(rf"{_upper_class()}(?<!\w.)\w*(?:[ -]{_upper_class()}\w*)*")


def _pair_bucket(first: int, second: int) -> int:
    return (((first * 0x9E3779B1) & 0xFFFFFFFF) ^ second) & (DIM - 1)


def _pair_buckets(hashes: np.ndarray) -> np.ndarray:
    """``_pair_bucket`` of every two neighbouring word hashes (uint64), in one numpy pass."""
    if len(hashes) < 2:
        return hashes[:0]
    out = hashes[:-1] * _MIX
    out &= _MASK32
    out ^= hashes[1:]
    out &= np.uint64(DIM - 1)
    return out


def bucket(feature: str) -> int:
    """The hashed bucket of a feature; a word pair ("a b", no colon) from its two word hashes.

    Word pairs are hashed this way so ``hashed_features`` can hash all the pairs
    of a document at once with numpy and still agree with the background table.
    """
    if ":" not in feature:
        first, _, second = feature.partition(" ")
        return _pair_bucket(word_hash(first), word_hash(second))
    return zlib.crc32(feature.encode("utf-8")) & (DIM - 1)


@lru_cache(maxsize=1 << 16)
def _feature_bucket(feature: str) -> int:
    """``bucket`` of a name, entity or event feature (they repeat across articles)."""
    return bucket(feature)


@lru_cache(maxsize=1 << 16)
def _name_key(run: str) -> str:
    return " ".join(compare_words(run))


@lru_cache(maxsize=1 << 16)
def _name_feature(run: str) -> str:
    return "n:" + _name_key(run)


def _name_features(text: str) -> list[str]:
    """``"n:" + name`` for every name of ``names(text)``, in order."""
    return [
        _name_feature(run)
        for run in _NAME_RUN.findall(text)
        if " " in run or "-" in run or (len(run) >= 2 and run.isupper())
    ]


def names(text: str) -> list[str]:
    """Runs of two or more capitalised syllables, and acronyms, folded: the story's actors and places."""
    return [
        _name_key(run)
        for run in _NAME_RUN.findall(text)
        if " " in run or "-" in run or (len(run) >= 2 and run.isupper())
    ]


@lru_cache(maxsize=1 << 16)
def entity_feature(key: str) -> str:
    return "e:" + fold(key).lower()


def is_actor(feature: str) -> bool:
    return feature.startswith("e:") and feature[2:].startswith(ACTOR_TYPES)


def doc_features(
    doc: Document, entity_keys: Sequence[str] = (), events: Sequence[Event] = ()
) -> dict[str, float]:
    """Weighted raw counts of an article's features (before IDF)."""
    text = analysis_text(doc.text, doc.skip_spans)
    counts: dict[str, float] = {}
    lines = [m.group() for m in _LINE.finditer(text)]
    title = doc.title or (lines[0] if lines else "")
    title_words = compare_words(title)
    for words in [*compare_lines("\n".join(lines)), *([title_words] * TITLE_REPEAT)]:
        for a, b in zip(words, words[1:], strict=False):
            pair = f"{a} {b}"
            counts[pair] = counts.get(pair, 0.0) + 1.0
    _add_named(counts, "\n".join(lines), title, entity_keys, events)
    return counts


def _add_named(
    counts: dict[str, float], text: str, title: str, entity_keys: Sequence[str], events: Sequence[Event]
) -> None:
    """Add the features that are not word pairs: names, linked entities, dated events."""
    get = counts.get
    for f in chain(_name_features(text), _name_features(title)):
        counts[f] = get(f, 0.0) + NAME_WEIGHT
    for f in map(entity_feature, entity_keys):
        counts[f] = get(f, 0.0) + ENTITY_WEIGHT
    for ev in events:
        if ev.date and len(ev.date) >= 10 and not ev.date.startswith("X"):
            key = f"v:{ev.type}:{ev.date[:10]}"
            counts[key] = counts.get(key, 0.0) + EVENT_WEIGHT


_CACHE_LIMIT = 1 << 16  # runs and keys per bucket cache


class _NameBuckets(BoundedMemo[str, int]):
    """A run of ``_NAME_RUN`` -> the bucket of its ``n:`` feature, or -1 when it is no name (one capitalised
    word that is not an acronym); looked up without a call, runs repeat across articles."""

    limit = _CACHE_LIMIT

    def make(self, run: str) -> int:
        if " " in run or "-" in run or (len(run) >= 2 and run.isupper()):
            # ``_feature_bucket(_name_feature(run))`` without three caches' misses: a short run's words come
            # cheaper from the per-character definition than from the per-token caches, cold for a new name
            return bucket("n:" + " ".join(compare_words_reference(run)))
        return -1


class _KeyBuckets(BoundedMemo[str, tuple[int, bool]]):
    """An entity key -> (the bucket of its ``e:`` feature, whether it is an actor)."""

    limit = _CACHE_LIMIT

    def make(self, key: str) -> tuple[int, bool]:
        feature = entity_feature(key)
        return bucket(feature), is_actor(feature)


_NAME_BUCKETS = _NameBuckets()
_KEY_BUCKETS = _KeyBuckets()


def hashed_features(
    doc: Document,
    entity_keys: Sequence[str] = (),
    events: Sequence[Event] = (),
    compared: ComparedText | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``doc_features`` already hashed: (sorted buckets, summed counts, buckets of actor entities).

    The word pairs, nearly all of an article's features, are hashed with
    numpy from cached word hashes instead of one string per pair, all lines
    at once (a pair never spans two lines); names, entities and events go
    straight to their cached buckets, each occurrence with its weight, and one
    sort sums every bucket's weights; the result equals hashing
    ``doc_features`` with ``bucket``.  ``compared`` is ``compared_text`` of the
    document's analysis text when the caller already has it.
    """
    if compared is None:
        compared = compared_text(analysis_text(doc.text, doc.skip_spans))
    text = compared.text
    if doc.title:
        title = doc.title
    elif compared.lines:
        title = text[compared.lines[0][0] : compared.lines[0][1]]
    else:
        title = ""
    h = compared.hashes
    pair = _pair_buckets(h)  # pair j joins words j and j + 1
    if len(pair):
        # drop the pairs where j + 1 starts a line
        first = compared.starts[:-1]
        keep = np.ones(len(pair), dtype=bool)
        keep[first[(first > 0) & (first < len(h))] - 1] = False
        pairs = pair[keep]
    else:
        pairs = pair
    if not doc.title and compared.lines and "_" not in title:
        # the title is the first line, whose comparison words are those of compare_words(title) (they
        # differ only around "_", see prep_words): its pairs are the first line's, already hashed
        title_pairs = pair[: max(0, int(compared.starts[1]) - 1)]
    else:
        title_words = compare_words(title)
        th = np.fromiter(map(word_hash, title_words), dtype=np.uint64, count=len(title_words))
        title_pairs = _pair_buckets(th)
    runs = _NAME_RUN.findall(text)
    runs += _NAME_RUN.findall(title)
    names = [b for b in map(_NAME_BUCKETS.__getitem__, runs) if b >= 0]
    keyed = list(map(_KEY_BUCKETS.__getitem__, entity_keys))
    dated = [
        _feature_bucket(f"v:{ev.type}:{ev.date[:10]}")
        for ev in events
        if ev.date and len(ev.date) >= 10 and not ev.date.startswith("X")
    ]
    named = np.array([*names, *(b for b, _ in keyed), *dated], dtype=np.int64)
    actors = np.array(sorted({b for b, actor in keyed if actor}), dtype=np.int64)
    sizes = (len(pairs), len(title_pairs), len(names), len(keyed), len(dated))
    if not any(sizes):
        return np.zeros(0, dtype=np.int64), np.zeros(0), actors
    feats = np.concatenate([pairs.astype(np.int64), title_pairs.astype(np.int64), named])
    uniq, sums = _summed(feats, np.repeat(_WEIGHTS, sizes))
    return uniq, sums, actors


# the weight of each kind of feature, in hashed_features' order: word pairs, title pairs, names, entities,
# events; whole numbers below 2 ** _WEIGHT_BITS, so _summed carries them in the low bits of a sort key
_WEIGHT_BITS = 3
_WEIGHTS = np.array([1, TITLE_REPEAT, NAME_WEIGHT, ENTITY_WEIGHT, EVENT_WEIGHT], dtype=np.float64).astype(
    np.int64
)
assert _WEIGHTS.tolist() == [1, TITLE_REPEAT, NAME_WEIGHT, ENTITY_WEIGHT, EVENT_WEIGHT]
assert all(0 < w < 1 << _WEIGHT_BITS for w in _WEIGHTS.tolist())


def _summed(feats: np.ndarray, weights: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(distinct features, sorted; the sum of each one's weights, as floats): ``np.unique`` + ``np.bincount``
    in fewer steps.

    Each feature (below ``DIM``) and its weight (a small whole number, see
    ``_WEIGHTS``) make one int64 key, so one plain sort orders them (no
    ``argsort`` and gathers); float sums of whole numbers are exact in any order.
    """
    if not len(feats):
        return feats, np.zeros(0)
    keys = (feats << _WEIGHT_BITS) | weights
    keys.sort()
    ordered = keys >> _WEIGHT_BITS
    at = np.flatnonzero(run_firsts(ordered))
    return ordered[at], np.add.reduceat((keys & ((1 << _WEIGHT_BITS) - 1)).astype(np.float64), at)


@cache
def background() -> tuple[float, np.ndarray]:
    """(number of background documents, prior document count per hashed bucket).

    The table's first data row is ``@documents<TAB>N``; every other row is a
    feature and the number of those N documents that carry it.
    """
    rows = table(BACKGROUND_TABLE)
    total = 0.0
    prior = np.full(DIM, UNSEEN_SHARE, dtype=np.float32)
    for row in rows:
        if len(row) < 2:
            continue
        if row[0] == "@documents":
            total = float(row[1])
            continue
        b = bucket(row[0])
        prior[b] = max(float(prior[b]), float(row[1]))
    if total <= 0:
        return 0.0, np.zeros(DIM, dtype=np.float32)
    return total, prior


def idf(df: np.ndarray, n_docs: int, feats: np.ndarray) -> np.ndarray:
    """IDF of hashed features from store counts ``df`` (over ``n_docs``) plus the background prior."""
    total, prior = background()
    return np.log((n_docs + total + 1.0) / (df[feats] + prior[feats] + 1.0)) + 1.0


def background_rows(
    feature_sets: Iterable[Iterable[str]], min_docs: int
) -> tuple[int, list[tuple[str, int]]]:
    """Document counts of features over a corpus (for writing the background table): (docs, rows)."""
    counts: dict[str, int] = {}
    n = 0
    for feats in feature_sets:
        n += 1
        for f in set(feats):
            if f.startswith("v:"):
                continue  # event days are specific to their time, never background
            counts[f] = counts.get(f, 0) + 1
    rows = sorted(((f, c) for f, c in counts.items() if c >= min_docs), key=lambda r: (-r[1], r[0]))
    return n, rows
