"""``timex._select`` keeps the same candidates as the plain walk over every kept span it replaced."""

from __future__ import annotations

import random

from biennien.analyse import timex
from biennien.analyse.timex_spec import Cand, Spec


def _plain(cands: list[Cand]) -> list[Cand]:
    cands = sorted(cands, key=lambda c: (c.start - c.end, -c.priority, c.start))
    taken: list[tuple[int, int]] = []
    kept: list[Cand] = []
    for c in cands:
        if any(c.start < e and s < c.end for s, e in taken):
            continue
        taken.append((c.start, c.end))
        kept.append(c)
    kept.sort(key=lambda c: c.start)
    return kept


def test_select_matches_the_plain_walk_on_random_spans() -> None:
    rng = random.Random(8)
    for _ in range(3000):
        cands = []
        for _ in range(rng.randint(0, 14)):
            start = rng.randint(0, 60)
            cands.append(Cand(start, start + rng.randint(0, 12), Spec("date"), rng.randint(0, 3)))
        want = [id(c) for c in _plain(list(cands))]
        assert [id(c) for c in timex._select(list(cands))] == want


def test_select_drops_the_shorter_of_overlapping_candidates() -> None:
    text = "Sáng 2/9/2024, đoàn tới Hà Nội. Chiều ngày 3/9 năm 2024 họ về."
    cands = timex._candidates(text)
    assert "3/9" in [text[c.start : c.end] for c in cands]  # inside "ngày 3/9"
    kept = [text[c.start : c.end] for c in timex._select(cands)]
    assert kept == ["Sáng", "2/9/2024", "Chiều", "ngày 3/9", "năm 2024"]
