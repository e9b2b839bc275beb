"""Articles grouped by the story they tell, incrementally.

A story is a thread of articles about one event or one developing affair
(a trip and its meetings, an exam season's results, a transfer saga).  Each
article is described by a sparse TF-IDF vector over four kinds of features:

* word pairs of its comparison text (``duplicates.compare_words``: aliases
  and number formats mapped, so ``Hoa Kỳ``/``Mỹ`` agree), the title counted
  twice because it states the story;
* names: runs of capitalised syllables (``Tô Lâm``, ``Hội đồng Hòa bình``
  gives ``Hội``.. only where capitalised) and acronyms, weighted up because
  two articles about the same story share their actors;
* entity keys from analysis (``Mention.key``), when the store has them;
* events: type and day of every dated event analysis found, so two reports
  of one meeting agree even when worded differently.

A new article is compared with earlier ones through an inverted index of
their strongest features; its similarity to each is the cosine times a time
factor (1 within ``NEAR_DAYS`` of each other's date, then slowly lower, never
below ``FAR_FACTOR``: a story can resurface months later, but then the texts
must agree more).  It joins the story of the most similar article when that
reaches ``JOIN``, otherwise it starts a story; reprints join their original's
story.  Nothing is re-clustered: a story keeps its id (a hash of the article
that started it) and title as articles join it.

Document frequencies are counted in fixed hashed buckets, so the state is a
few numpy arrays whatever the vocabulary, and updating it for a batch of new
documents touches only the new documents.
"""

from __future__ import annotations

import hashlib
import pickle
import re
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from biennien.link.duplicates import compare_words
from biennien.model import Document, Event
from biennien.vi.normalise import analysis_text, fold

STATE_NAME = "stories"
STATE_VERSION = 1

DIM = 1 << 21  # hashed feature buckets
TOP = 80  # strongest features kept per document
NAME_WEIGHT = 2.0
ENTITY_WEIGHT = 2.0
EVENT_WEIGHT = 1.0
TITLE_REPEAT = 2
MAX_POSTING = 3000  # features carried by more documents than this are not used to find candidates
JOIN = 0.12
NEAR_DAYS = 7
FAR_FACTOR = 0.5
HALF_LIFE_DAYS = 60.0

_WORD = re.compile(r"\w+")
_LINE = re.compile(r"[^\n]+")


# -- features ----------------------------------------------------------------------


def _bucket(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8")) & (DIM - 1)


def _names(text: str) -> list[str]:
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
        for name in _names(line):
            counts["n:" + name] = counts.get("n:" + name, 0.0) + NAME_WEIGHT
    for key in entity_keys:
        counts["e:" + fold(key)] = counts.get("e:" + fold(key), 0.0) + ENTITY_WEIGHT
    for ev in events:
        if ev.date and len(ev.date) >= 10 and not ev.date.startswith("X"):
            key = f"v:{ev.type}:{ev.date[:10]}"
            counts[key] = counts.get(key, 0.0) + EVENT_WEIGHT
    return counts


def _doc_date(doc: Document) -> str:
    return (doc.published or doc.reference_date or "")[:10]


def _days(a: str, b: str) -> float | None:
    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days)
    except ValueError:
        return None


def time_factor(a: str, b: str) -> float:
    """1 for articles within NEAR_DAYS of each other, then decaying towards FAR_FACTOR (undated: 0.75)."""
    gap = _days(a, b) if a and b else None
    if gap is None:
        return (1.0 + FAR_FACTOR) / 2
    if gap <= NEAR_DAYS:
        return 1.0
    return FAR_FACTOR + (1.0 - FAR_FACTOR) * 0.5 ** ((gap - NEAR_DAYS) / HALF_LIFE_DAYS)


# -- state -----------------------------------------------------------------------------


@dataclass(slots=True)
class StoryState:
    """Everything the next incremental run needs (pickled into ``link_state``)."""

    version: int = STATE_VERSION
    docs: list[str] = field(default_factory=list)
    doc_index: dict[str, int] = field(default_factory=dict)
    doc_date: list[str] = field(default_factory=list)
    doc_title: list[str] = field(default_factory=list)
    doc_story: list[int] = field(default_factory=list)
    story_founder: list[int] = field(default_factory=list)  # story -> index of the document that started it
    df: np.ndarray = field(default_factory=lambda: np.zeros(DIM, dtype=np.int32))
    post_feat: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    post_doc: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    post_w: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.float32))

    def dumps(self) -> bytes:
        return pickle.dumps(self, protocol=pickle.HIGHEST_PROTOCOL)

    @staticmethod
    def loads(blob: bytes | None) -> StoryState:
        if not blob:
            return StoryState()
        try:
            state = pickle.loads(blob)
        except Exception:
            return StoryState()
        if not isinstance(state, StoryState) or state.version != STATE_VERSION:
            return StoryState()
        return state

    def stories(self) -> list[dict[str, Any]]:
        """The export rows: id, title, documents (in order of date, then id), first and last date."""
        members: dict[int, list[int]] = {}
        for di, st in enumerate(self.doc_story):
            members.setdefault(st, []).append(di)
        out = []
        for st, dis in members.items():
            founder = self.story_founder[st]
            dated = sorted(self.doc_date[d] for d in dis if self.doc_date[d])
            ordered = sorted(dis, key=lambda d: (self.doc_date[d] or "9999", self.docs[d]))
            out.append(
                {
                    "id": story_id(self.docs[founder]),
                    "title": self.doc_title[founder],
                    "documents": [self.docs[d] for d in ordered],
                    "first": dated[0] if dated else None,
                    "last": dated[-1] if dated else None,
                }
            )
        out.sort(key=lambda s: (s["first"] or "9999", s["id"]))
        return out

    def story_of(self) -> dict[str, str]:
        return {
            d: story_id(self.docs[self.story_founder[self.doc_story[i]]]) for i, d in enumerate(self.docs)
        }


def story_id(founder_doc: str) -> str:
    return "st" + hashlib.sha1(founder_doc.encode("utf-8")).hexdigest()[:12]


def _title(doc: Document) -> str:
    if doc.title:
        return doc.title.strip()
    for m in _LINE.finditer(doc.text):
        line = m.group().strip()
        if len(line.split()) >= 4:
            return line if len(line) <= 120 else line[:117].rsplit(" ", 1)[0] + "..."
    return doc.id


# -- the incremental update ----------------------------------------------------------------


def update_stories(
    new_docs: Iterable[Document],
    state: StoryState,
    entity_keys: Mapping[str, Sequence[str]] | None = None,
    events: Mapping[str, Sequence[Event]] | None = None,
    duplicate_of: Mapping[str, str | None] | None = None,
) -> StoryState:
    """Place each new document in an existing story or a new one.

    New documents are taken in order of date, then id, so one batch gives the
    same stories whatever order the files were read in.
    """
    entity_keys = entity_keys or {}
    events = events or {}
    duplicate_of = duplicate_of or {}
    fresh = sorted(
        (d for d in new_docs if d.id not in state.doc_index), key=lambda d: (_doc_date(d) or "9999", d.id)
    )
    if not fresh:
        return state
    hashed: list[dict[int, float]] = []
    for doc in fresh:
        raw = doc_features(doc, entity_keys.get(doc.id, ()), events.get(doc.id, ()))
        vec: dict[int, float] = {}
        for f, c in raw.items():
            b = _bucket(f)
            vec[b] = vec.get(b, 0.0) + c
        hashed.append(vec)
    # document frequencies include the whole batch, so a batch is weighted as one
    for vec in hashed:
        keys = np.fromiter(vec.keys(), dtype=np.int64, count=len(vec))
        state.df[keys] += 1
    n = len(state.docs) + len(fresh)

    order = np.argsort(state.post_feat, kind="stable")
    post_feat = state.post_feat[order]
    post_doc = state.post_doc[order]
    post_w = state.post_w[order]
    batch_post: dict[int, list[tuple[int, float]]] = {}
    new_feat: list[np.ndarray] = []
    new_doc: list[np.ndarray] = []
    new_w: list[np.ndarray] = []

    for doc, vec in zip(fresh, hashed, strict=True):
        feats = np.fromiter(vec.keys(), dtype=np.int64, count=len(vec))
        tf = np.fromiter(vec.values(), dtype=np.float64, count=len(vec))
        # smoothed IDF (+1): in a small chronicle the features every article shares still count
        idf = np.log((n + 1) / (state.df[feats] + 1.0)) + 1.0
        w = (1.0 + np.log(tf)) * idf
        keep = np.argsort(-w, kind="stable")[:TOP]
        feats, w = feats[keep], w[keep]
        norm = float(np.sqrt((w * w).sum())) or 1.0
        w = w / norm

        di = len(state.docs)
        date_ = _doc_date(doc)
        scores: dict[int, float] = {}
        lo = np.searchsorted(post_feat, feats, side="left")
        hi = np.searchsorted(post_feat, feats, side="right")
        for i in range(len(feats)):
            span = hi[i] - lo[i]
            if 0 < span <= MAX_POSTING:
                for d, ow in zip(
                    post_doc[lo[i] : hi[i]].tolist(), post_w[lo[i] : hi[i]].tolist(), strict=True
                ):
                    scores[d] = scores.get(d, 0.0) + float(w[i]) * ow
            for d, ow in batch_post.get(int(feats[i]), ()):
                scores[d] = scores.get(d, 0.0) + float(w[i]) * ow
        best, best_score = -1, 0.0
        for d, s in sorted(scores.items()):
            s *= time_factor(date_, state.doc_date[d])
            if s > best_score:
                best, best_score = d, s
        rep = duplicate_of.get(doc.id)
        if rep and rep in state.doc_index:
            story = state.doc_story[state.doc_index[rep]]
        elif best >= 0 and best_score >= JOIN:
            story = state.doc_story[best]
        else:
            story = len(state.story_founder)
            state.story_founder.append(di)

        state.docs.append(doc.id)
        state.doc_index[doc.id] = di
        state.doc_date.append(date_)
        state.doc_title.append(_title(doc))
        state.doc_story.append(story)
        for f, x in zip(feats.tolist(), w.tolist(), strict=True):
            batch_post.setdefault(f, []).append((di, x))
        new_feat.append(feats)
        new_doc.append(np.full(len(feats), di, dtype=np.int32))
        new_w.append(w.astype(np.float32))

    state.post_feat = np.concatenate([state.post_feat, *new_feat])
    state.post_doc = np.concatenate([state.post_doc, *new_doc])
    state.post_w = np.concatenate([state.post_w, *new_w])
    return state
