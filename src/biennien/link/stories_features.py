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
from functools import cache

import numpy as np

from biennien.link.duplicates import compare_words
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

_WORD = re.compile(r"\w+")
_LINE = re.compile(r"[^\n]+")


def bucket(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8")) & (DIM - 1)


def names(text: str) -> list[str]:
    """Runs of two or more capitalised syllables, and acronyms, folded: the story's actors and places."""
    out = []
    run: list[str] = []
    for m in _WORD.finditer(text):
        tok = m.group()
        gap = text[m.start() - 1] if m.start() else " "
        capital = tok[0].isupper() and not tok.isdigit()
        if capital and run and gap in " -":
            run.append(tok)
            continue
        if len(run) >= 2 or (len(run) == 1 and len(run[0]) >= 2 and run[0].isupper()):
            out.append(" ".join(compare_words(" ".join(run))))
        run = [tok] if capital else []
    if len(run) >= 2 or (len(run) == 1 and len(run[0]) >= 2 and run[0].isupper()):
        out.append(" ".join(compare_words(" ".join(run))))
    return out


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
    for line in [*lines, *([title] * TITLE_REPEAT)]:
        words = compare_words(line)
        for a, b in zip(words, words[1:], strict=False):
            pair = f"{a} {b}"
            counts[pair] = counts.get(pair, 0.0) + 1.0
    for line in [*lines, title]:
        for name in names(line):
            counts["n:" + name] = counts.get("n:" + name, 0.0) + NAME_WEIGHT
    for key in entity_keys:
        f = entity_feature(key)
        counts[f] = counts.get(f, 0.0) + ENTITY_WEIGHT
    for ev in events:
        if ev.date and len(ev.date) >= 10 and not ev.date.startswith("X"):
            key = f"v:{ev.type}:{ev.date[:10]}"
            counts[key] = counts.get(key, 0.0) + EVENT_WEIGHT
    return counts


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
