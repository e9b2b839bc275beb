"""Articles grouped by the story they tell, incrementally.

A story is a thread of articles about one event or one developing affair
(a trip and its meetings, an exam season's results, a transfer saga).  Each
article is a sparse TF-IDF vector (``stories_features``: word pairs, names,
entity keys, event days; IDF smoothed with a background table so it holds in
a store of five articles as well as in one of 100,000), cut to its ``TOP``
strongest features.

A new article is compared with every earlier one through one sparse matrix
product (features carried by more than ``MAX_POSTING`` articles are too
common to find a story by).  Its similarity to an earlier article is the
cosine times a time factor: 1 within ``NEAR_DAYS``, then decaying towards
``FAR_FACTOR`` (a story can resurface months later, but then the texts must
agree more).  The decay is softened when the two share rare *actors*
(person and organisation keys): a leader's visit and the calls that prepared
it seven months earlier are one story because the same two people act in
both, even when the wording differs.

The article joins the story with the highest *story score*: its best link to
a member plus ``SECOND_LINK`` times its second best link to another member,
so an article that matches several members of a story moderately is placed
with them (story-level rather than only best-article matching).  Below
``JOIN`` it starts a story; reprints join their original's story.  Nothing is
re-clustered: a story keeps its id (a hash of the article that started it)
and title as articles join it.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
from scipy import sparse

from biennien.link.state_parts import dump_bytes, dump_parts, load_state
from biennien.link.stories_features import DIM, hashed_features, idf
from biennien.model import Document, Event
from biennien.store.base import StateParts

STATE_NAME = "stories"
STATE_VERSION = 5  # 5: stored in parts (``link.state_parts``), not compressed

TOP = 100  # strongest features kept per document
MAX_POSTING = 1500  # features kept by more documents than this do not link articles
JOIN = 0.12
SECOND_LINK = 0.5
CENTROID_JOIN = 0.08
MIN_LINK = 0.04
BLOCK = 2000  # new documents compared per sparse product  # links weaker than this are not considered at all
NEAR_DAYS = 7
FAR_FACTOR = 0.5
HALF_LIFE_DAYS = 60.0
# shared actor evidence (sum over shared person/organisation keys of IDF above ACTOR_BASE) at which the
# time decay is cancelled altogether; below it the decay is cancelled in proportion
ACTOR_BASE = 3.0
ACTOR_FULL = 20.0

_LINE = re.compile(r"[^\n]+")
_UNDATED = -1
WEIGH_DOCS = 1024  # documents weighed at once (``_weigh``)

# an article's hashed features: (sorted buckets, summed counts, actor buckets), see ``hashed_features``
Features = tuple[np.ndarray, np.ndarray, np.ndarray]


def _doc_date(doc: Document) -> str:
    return (doc.published or doc.reference_date or "")[:10]


def _ordinal(day: str) -> int:
    try:
        return date.fromisoformat(day[:10]).toordinal()
    except ValueError:
        return _UNDATED


def _decay(gap: np.ndarray) -> np.ndarray:
    late = np.maximum(gap - NEAR_DAYS, 0.0)
    return FAR_FACTOR + (1.0 - FAR_FACTOR) * 0.5 ** (late / HALF_LIFE_DAYS)


def time_factor(a: str, b: str, actors: float = 0.0) -> float:
    """1 within NEAR_DAYS, then decaying towards FAR_FACTOR (undated: halfway), softened by shared actors."""
    oa, ob = _ordinal(a) if a else _UNDATED, _ordinal(b) if b else _UNDATED
    return float(_factors(np.array([oa]), ob, np.array([actors]))[0])


def _factors(days: np.ndarray, day: int, actors: np.ndarray) -> np.ndarray:
    """Time factors between one article (ordinal ``day``) and others (``days``), given actor evidence."""
    gap = np.abs(days - day).astype(np.float64)
    base = _decay(gap)
    base = np.where((days == _UNDATED) | (day == _UNDATED), (1.0 + FAR_FACTOR) / 2, base)
    soft = np.minimum(np.maximum(actors / ACTOR_FULL, 0.0), 1.0)  # np.clip's values, fewer calls
    return base + (1.0 - base) * soft


# -- state -----------------------------------------------------------------------------


_STORY_ARRAYS = ("ptr", "feat", "w", "actor_ptr", "actor_feat", "actor_w")
_STORY_HEAD = (
    "version",
    "docs",
    "doc_index",
    "doc_date",
    "doc_title",
    "doc_has_title",
    "doc_story",
    "story_founder",
    "story_selfdot",
    "df",
)


@dataclass(slots=True)
class StoryState:
    """Everything the next incremental run needs (in parts, into ``link_state``).

    Per document: its kept features as one CSR-like run of ``feat``/``w``
    (``ptr`` gives each document's slice) and its actor features
    (``actor_*``, weights = IDF above ACTOR_BASE); plus hashed document
    frequencies.  Nothing else of the text is kept.
    """

    version: int = STATE_VERSION
    docs: list[str] = field(default_factory=list)
    doc_index: dict[str, int] = field(default_factory=dict)
    doc_date: list[str] = field(default_factory=list)
    doc_title: list[str] = field(default_factory=list)
    doc_has_title: list[bool] = field(default_factory=list)  # a real title, not a first line standing in
    doc_story: list[int] = field(default_factory=list)
    story_founder: list[int] = field(default_factory=list)  # story -> index of the document that started it
    story_selfdot: list[float] = field(default_factory=list)  # story -> squared norm of its summed vectors
    df: np.ndarray = field(default_factory=lambda: np.zeros(DIM, dtype=np.int32))
    ptr: np.ndarray = field(default_factory=lambda: np.zeros(1, dtype=np.int64))
    feat: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    w: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.float32))
    actor_ptr: np.ndarray = field(default_factory=lambda: np.zeros(1, dtype=np.int64))
    actor_feat: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    actor_w: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.float32))

    # rows of each array the store holds already (when loaded from it): ``dump_parts`` skips them
    stored: dict[str, int] = field(default_factory=dict)

    def _head(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in _STORY_HEAD}

    def _arrays(self) -> dict[str, np.ndarray]:
        return {name: getattr(self, name) for name in _STORY_ARRAYS}

    def dumps(self) -> bytes:
        """The whole state as ``Store.link_state`` returns it (``loads`` reads it)."""
        return dump_bytes(self._head(), self._arrays())

    def dump_parts(self) -> StateParts:
        """The state in parts for the store: the feature arrays only grow at the end, so the blocks the
        store holds already complete are not written again (``link.state_parts``; compressing them
        took longer than writing them)."""
        return dump_parts(self._head(), self._arrays(), self.stored)

    @staticmethod
    def loads(blob: bytes | None) -> StoryState:
        """The stored state, or a fresh one when there is none or it is from another version."""
        state = load_state(blob, STATE_VERSION, StoryState)
        return state if state is not None else StoryState()

    def stories(self) -> list[dict[str, Any]]:
        """The export rows: id, title, documents (in order of date, then id), first and last date.

        The title is the founder's, unless the founder had no title of its own
        (only a first line standing in): then the earliest member with a real
        title names the story.  The id never changes.
        """
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
                    "title": self.doc_title[self._namer(founder, ordered)],
                    "documents": [self.docs[d] for d in ordered],
                    "first": dated[0] if dated else None,
                    "last": dated[-1] if dated else None,
                }
            )
        out.sort(key=lambda s: (s["first"] or "9999", s["id"]))
        return out

    def _namer(self, founder: int, ordered: list[int]) -> int:
        if self.doc_has_title[founder]:
            return founder
        return next((d for d in ordered if self.doc_has_title[d]), founder)

    def story_of(self) -> dict[str, str]:
        return {
            d: story_id(self.docs[self.story_founder[self.doc_story[i]]]) for i, d in enumerate(self.docs)
        }


def story_id(founder_doc: str) -> str:
    return "st" + hashlib.sha1(founder_doc.encode("utf-8")).hexdigest()[:12]


def title_source(text: str) -> str:
    """What ``_title`` reads of the text of a document without a title: its first line of at least four
    words (stripped), or "" when no line has that many; ``_title`` finds the same title in it as in the
    whole text (the link keeps this instead of the texts of a whole store)."""
    for m in _LINE.finditer(text):
        line = m.group().strip()
        if len(line.split()) >= 4:
            return line
    return ""


def _title(doc: Document) -> str:
    if doc.title:
        return doc.title.strip()
    for m in _LINE.finditer(doc.text):
        line = m.group().strip()
        if len(line.split()) >= 4:
            return line if len(line) <= 120 else line[:117].rsplit(" ", 1)[0] + "..."
    return doc.id


# -- vectors -----------------------------------------------------------------------------


def _csr(ptr: np.ndarray, feat: np.ndarray, w: np.ndarray, rows: int) -> sparse.csr_matrix:
    return sparse.csr_matrix((w.astype(np.float32), feat.astype(np.int32), ptr), shape=(rows, DIM))


# -- the incremental update ----------------------------------------------------------------


def update_stories(
    new_docs: Iterable[Document],
    state: StoryState,
    entity_keys: Mapping[str, Sequence[str]] | None = None,
    events: Mapping[str, Sequence[Event]] | None = None,
    duplicate_of: Mapping[str, str | None] | None = None,
    prepared: Mapping[str, Features] | None = None,
) -> StoryState:
    """Place each new document in an existing story or a new one.

    New documents are taken in order of date, then id, so one batch gives the
    same stories whatever order the files were read in.  Each may join a
    story of an earlier document of the store or of the same batch.
    ``prepared`` holds documents' ``hashed_features`` computed beforehand (in
    the analysis workers); the others are computed here.
    """
    prepared = prepared or {}
    entity_keys = entity_keys or {}
    events = events or {}
    duplicate_of = duplicate_of or {}
    fresh = sorted(
        (d for d in new_docs if d.id not in state.doc_index), key=lambda d: (_doc_date(d) or "9999", d.id)
    )
    if not fresh:
        return state
    hashed = [
        prepared.get(d.id) or hashed_features(d, entity_keys.get(d.id, ()), events.get(d.id, ()))
        for d in fresh
    ]
    # document frequencies include the whole batch, so a batch is weighted as one
    # (a count per feature: ``bincount`` is the same sum as ``np.add.at(df, feats, 1)``, many times faster)
    state.df += np.bincount(np.concatenate([h[0] for h in hashed]), minlength=len(state.df)).astype(
        state.df.dtype
    )
    n = len(state.docs) + len(fresh)

    # weighed WEIGH_DOCS documents at a time: every value depends only on its document, ``df`` and ``n``,
    # so the parts joined are the whole (the temporaries of all documents at once took 100s of MB)
    parts = [_weigh(hashed[i : i + WEIGH_DOCS], state.df, n) for i in range(0, len(hashed), WEIGH_DOCS)]
    kept_f, kept_w, act_f, act_w, kept_n, act_n = (
        np.concatenate(arrays) for arrays in zip(*parts, strict=True)
    )
    del parts
    first = len(state.docs)
    state.ptr = np.concatenate([state.ptr, state.ptr[-1] + np.cumsum(kept_n)])
    state.feat = np.concatenate([state.feat, kept_f])
    state.w = np.concatenate([state.w, kept_w])
    state.actor_ptr = np.concatenate([state.actor_ptr, state.actor_ptr[-1] + np.cumsum(act_n)])
    state.actor_feat = np.concatenate([state.actor_feat, act_f])
    state.actor_w = np.concatenate([state.actor_w, act_w])

    # pairs (new, earlier) a block of new rows at a time (bounded memory): cosine over features that are
    # not too common, and actor evidence
    common = np.bincount(state.feat, minlength=DIM) > MAX_POSTING
    w_link = np.where(common[state.feat], np.float32(0.0), state.w)
    matrix = _csr(state.ptr, state.feat, w_link, n)
    matrix.eliminate_zeros()
    actor_matrix = _csr(state.actor_ptr, state.actor_feat, state.actor_w, n)
    actor_seen = (actor_matrix > 0).astype(np.float32)

    days = np.array([_ordinal(d) for d in state.doc_date] + [_ordinal(_doc_date(d)) for d in fresh])
    stories = np.array(state.doc_story + [0] * len(fresh), dtype=np.int64)
    sims = shared_actors = sparse.csr_matrix((0, 0), dtype=np.float32)
    sims_ptr: list[int] = []
    actors_ptr: list[int] = []
    for i, doc in enumerate(fresh):
        di = first + i
        row = i % BLOCK
        if row == 0:
            stop = min(n, di + BLOCK)
            sims = (matrix[di:stop] @ matrix[:stop].T).tocsr()
            shared_actors = (actor_matrix[di:stop] @ actor_seen[:stop].T).tocsr()
            sims.sort_indices()
            shared_actors.sort_indices()
            # row bounds as Python ints: a numpy scalar per bound cost more than the slicing
            sims_ptr, actors_ptr = sims.indptr.tolist(), shared_actors.indptr.tolist()
        lo, hi = sims_ptr[row], sims_ptr[row + 1]
        cols, vals = sims.indices[lo:hi], sims.data[lo:hi]
        earlier = cols < di
        cols, vals = cols[earlier], vals[earlier].astype(np.float64)
        story = -1
        if len(cols):
            alo, ahi = actors_ptr[row], actors_ptr[row + 1]
            acols, avals = shared_actors.indices[alo:ahi], shared_actors.data[alo:ahi]
            actors = np.zeros(len(cols))
            if len(acols):
                pos = np.minimum(np.searchsorted(acols, cols), len(acols) - 1)
                actors = np.where(acols[pos] == cols, avals[pos], 0.0)
            factors = _factors(days[cols], int(days[di]), actors)
            story = _best_story(stories[cols], vals, factors, state.story_selfdot)
        rep = duplicate_of.get(doc.id)
        if rep and rep in state.doc_index:
            story = state.doc_story[state.doc_index[rep]]
        elif story < 0:
            story = len(state.story_founder)
            state.story_founder.append(di)
            state.story_selfdot.append(0.0)
        # the story's summed vector gains this document: |sum|^2 grows by 1 + 2 x its cosines to the members
        member_sum = float(vals[stories[cols] == story].sum()) if len(cols) else 0.0
        state.story_selfdot[story] += 1.0 + 2.0 * member_sum
        stories[di] = story
        state.docs.append(doc.id)
        state.doc_index[doc.id] = di
        state.doc_date.append(_doc_date(doc))
        state.doc_title.append(_title(doc))
        state.doc_has_title.append(bool(doc.title and doc.title.strip()))
        state.doc_story.append(story)
    return state


def _weigh(
    hashed: Sequence[Features], df: np.ndarray, n: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Each document's kept features and weights, and its actor features and weights, all documents'
    runs concatenated, with each document's run lengths: (features, weights, actor features, actor
    weights, kept per document, actors per document).

    A document keeps its ``TOP`` strongest features (TF-IDF; ties: the earlier feature), in feature
    order, their weights divided by the norm of the kept ones; an actor weighs its IDF above
    ``ACTOR_BASE`` and is kept when that is positive.  Computed for all documents in a few numpy
    passes (one per document cost about 60 numpy calls): every value is computed element by element
    as before, and each norm sums the same slice in the same order, so the numbers are the same bits.
    """
    docs = len(hashed)
    sizes = np.fromiter((len(h[0]) for h in hashed), dtype=np.int64, count=docs)
    feats = np.concatenate([h[0] for h in hashed]) if docs else np.zeros(0, dtype=np.int64)
    # counts may come as float32 (``chronicle.PackedLinkInput``: whole numbers, so the same values)
    tf = np.concatenate([h[1] for h in hashed]).astype(np.float64, copy=False) if docs else np.zeros(0)
    w = (1.0 + np.log(tf)) * idf(df, n, feats)
    # strongest first within each document, ties in feature order; sorting each document's run is
    # faster than one sort of all runs by (document, weight)
    negative = -w
    bounds = np.concatenate([[0], np.cumsum(sizes)]).tolist()
    keep = np.concatenate(
        [np.zeros(0, dtype=np.int64)] + [_strongest(negative, a, b) for a, b in _runs(bounds)]
    )
    kept_n = np.minimum(sizes, TOP)
    kf, kw = feats[keep], w[keep]
    squares = kw * kw
    kept_bounds = np.concatenate([[0], np.cumsum(kept_n)]).tolist()
    norms = np.array([float(np.sqrt(squares[a:b].sum())) or 1.0 for a, b in _runs(kept_bounds)])
    kept_w = (kw / np.repeat(norms, kept_n)).astype(np.float32)
    a_sizes = np.fromiter((len(h[2]) for h in hashed), dtype=np.int64, count=docs)
    actors = np.concatenate([h[2] for h in hashed]) if docs else np.zeros(0, dtype=np.int64)
    aw = idf(df, n, actors) - ACTOR_BASE
    good = aw > 0
    act_n = np.bincount(np.repeat(np.arange(docs), a_sizes)[good], minlength=docs).astype(np.int64)
    return (
        kf.astype(np.int32),
        kept_w,
        actors[good].astype(np.int32),
        aw[good].astype(np.float32),
        kept_n,
        act_n,
    )


def _strongest(negative: np.ndarray, a: int, b: int) -> np.ndarray:
    """``np.sort(np.argsort(negative[a:b], kind="stable")[:TOP]) + a``: the positions of the ``TOP``
    smallest values of the run (ties: the earlier), in order.  Without sorting the run: every value
    below the ``TOP``-th smallest, then the earliest of those equal to it, to make up ``TOP`` (a
    stable sort puts exactly these first).  Runs with NaN (never: weights are finite) sort as before."""
    run = negative[a:b]
    if b - a <= TOP:
        return np.arange(a, b, dtype=np.int64)
    cut = np.partition(run, TOP - 1)[TOP - 1]
    if cut != cut:  # NaN
        return np.sort(np.argsort(run, kind="stable")[:TOP]) + a
    keep = run < cut
    keep[np.flatnonzero(run == cut)[: TOP - int(np.count_nonzero(keep))]] = True
    return np.flatnonzero(keep) + a


def _runs(bounds: list[int]) -> list[tuple[int, int]]:
    """(start, stop) of each run between consecutive ``bounds``."""
    return list(zip(bounds[:-1], bounds[1:], strict=True))


def _best_story(
    stories: np.ndarray, cosines: np.ndarray, factors: np.ndarray, selfdot: Sequence[float]
) -> int:
    """The story to join, or -1: the best link score among stories that also pass the centroid test.

    Link score: best time-weighted link to a member plus SECOND_LINK x the
    second best.  Centroid test: cosine with the sum of the members' vectors
    (``selfdot`` holds each story's squared norm), times the best link's time
    factor, reaches CENTROID_JOIN, so a large story does not swallow an
    article that matches one of its members but not the story as a whole
    (a Barcelona match report next to forty Super League articles).
    """
    linked = cosines * factors
    strong = np.flatnonzero(linked >= MIN_LINK)
    if not len(strong):
        return -1
    # per story (in story order): its best link and second best, by falling score (ties: the earlier
    # link, as a stable sort gives), and the best link's time factor.  A document has a few strong
    # links: Python floats, the same IEEE operations in the same order as numpy's element-wise ones
    scores, story_of, factor = linked[strong].tolist(), stories[strong].tolist(), factors[strong].tolist()
    ranked: dict[int, list[tuple[float, int]]] = {}
    for i, st in enumerate(story_of):
        ranked.setdefault(st, []).append((-scores[i], i))
    candidates = sorted(ranked)
    # each candidate's summed cosines over all its links (``bincount`` adds them in input order)
    sums = np.bincount(stories, weights=cosines)[candidates].tolist()
    best_total, best_story = -1.0, -1
    for st, summed in zip(candidates, sums, strict=True):
        links = sorted(ranked[st])
        best, first = -links[0][0], links[0][1]
        second = -links[1][0] if len(links) > 1 else 0.0
        total = best + SECOND_LINK * second
        centroid = summed / math.sqrt(max(float(selfdot[st]), 1e-9)) * factor[first]
        if not (total >= JOIN and centroid >= CENTROID_JOIN):
            total = -1.0
        if best_story < 0 or total > best_total:  # the first largest (ties: the lowest story number)
            best_total, best_story = total, st
    return best_story if best_total >= 0 else -1
