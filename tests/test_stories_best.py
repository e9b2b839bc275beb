"""``stories._best_story`` works on Python floats for the few strong links of a document; it must pick
the story the array formulation picks (kept here as the reference), ties and near-ties included."""

from __future__ import annotations

import random

import numpy as np

from biennien.link.stories import CENTROID_JOIN, JOIN, MIN_LINK, SECOND_LINK, _best_story


def _reference(stories: np.ndarray, cosines: np.ndarray, factors: np.ndarray, selfdot: list[float]) -> int:
    linked = cosines * factors
    strong = linked >= MIN_LINK
    if not strong.any():
        return -1
    order = np.lexsort((-linked[strong], stories[strong]))
    st, sc, fa = stories[strong][order], linked[strong][order], factors[strong][order]
    starts = np.concatenate(([0], np.flatnonzero(np.diff(st)) + 1))
    best = sc[starts]
    second = np.zeros(len(starts))
    has_second = np.append(starts[1:], len(st)) - starts > 1
    second[has_second] = sc[starts[has_second] + 1]
    total = best + SECOND_LINK * second
    candidates = st[starts]
    sums = np.bincount(stories, weights=cosines)[candidates]
    norms = np.sqrt(np.maximum(np.asarray(selfdot, dtype=np.float64)[candidates], 1e-9))
    centroid = sums / norms * fa[starts]
    total = np.where((total >= JOIN) & (centroid >= CENTROID_JOIN), total, -1.0)
    k = int(np.argmax(total))
    return int(candidates[k]) if total[k] >= 0 else -1


def test_best_story_matches_the_array_formulation() -> None:
    rng = random.Random(7)
    picked = 0
    for _ in range(3000):
        n_stories = rng.randint(1, 12)
        n = rng.randint(1, 40)
        stories = np.array([rng.randrange(n_stories) for _ in range(n)], dtype=np.int64)
        # a few repeated values make ties between links and between stories
        pool = [rng.uniform(0.0, 0.9) for _ in range(6)] + [MIN_LINK, JOIN, 0.5]
        cosines = np.array([rng.choice(pool) if rng.random() < 0.4 else rng.uniform(0, 1) for _ in range(n)])
        factors = np.array([rng.choice([1.0, 0.5, rng.uniform(0.2, 1.0)]) for _ in range(n)])
        selfdot = [rng.choice([0.0, 1.0, rng.uniform(0.5, 30.0)]) for _ in range(n_stories)]
        expected = _reference(stories, cosines, factors, selfdot)
        assert _best_story(stories, cosines, factors, selfdot) == expected
        picked += expected >= 0
    assert picked > 100  # the joins are exercised, not only the refusals


def test_strongest_features_are_a_stable_sorts_first() -> None:
    from biennien.link.stories import TOP, _strongest

    rng = np.random.default_rng(11)
    for size in [1, TOP - 1, TOP, TOP + 1, 2 * TOP, 700]:
        for _ in range(40):
            # few distinct values: many ties at the cut; sometimes a NaN or two
            values = -rng.integers(0, 6, size=size).astype(np.float64) * rng.choice([1.0, 0.25])
            if rng.random() < 0.3:
                values[rng.integers(0, size, size=2)] = np.nan
            run = np.concatenate([rng.random(5), values, rng.random(3)])
            expected = np.sort(np.argsort(run[5 : 5 + size], kind="stable")[:TOP]) + 5
            assert _strongest(run, 5, 5 + size).tolist() == expected.tolist()
