"""The LSH candidate pairs (``duplicates._candidates``) equal a brute-force reading of the band buckets."""

from __future__ import annotations

import numpy as np

from biennien.link.duplicates import LSH_BANDS, MAX_BUCKET, _candidates


def _brute_force(bands: np.ndarray, first_new: int) -> set[tuple[int, int]]:
    """Pairs (earlier row, new row) sharing a band value whose bucket holds 2 to MAX_BUCKET rows."""
    out: set[tuple[int, int]] = set()
    for b in range(bands.shape[1]):
        col = bands[:, b].tolist()
        size = {v: col.count(v) for v in set(col)}
        for row in range(first_new, len(col)):
            if 1 < size[col[row]] <= MAX_BUCKET:
                out.update((m, row) for m in range(row) if col[m] == col[row])
    return out


def test_candidates_are_the_bucket_pairs() -> None:
    rng = np.random.default_rng(8)
    for n, values, first_new in [
        (200, 40, 0),
        (300, 6, 150),
        (400, 5, 100),
        (120, 3, 60),
        (90, 1000, 30),
        (50, 2, 49),
    ]:
        # few distinct values: buckets of every size, some over MAX_BUCKET (boilerplate, skipped)
        bands = rng.integers(0, values, size=(n, LSH_BANDS)).astype(np.uint32)
        old, new = _candidates(bands, first_new)
        got = list(zip(old.tolist(), new.tolist(), strict=True))
        assert got == sorted(set(got))  # distinct, ordered by (earlier, new)
        assert set(got) == _brute_force(bands, first_new)


def test_no_new_rows_no_candidates() -> None:
    bands = np.zeros((10, LSH_BANDS), dtype=np.uint32)
    old, new = _candidates(bands, 10)
    assert len(old) == len(new) == 0
