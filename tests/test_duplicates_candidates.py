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


def test_candidates_in_slices_of_new_rows(monkeypatch) -> None:
    """Gathering the pairs a few new rows at a time gives the same pairs in the same order."""
    import biennien.link.duplicates as dup

    rng = np.random.default_rng(11)
    bands = rng.integers(0, 7, size=(300, LSH_BANDS)).astype(np.uint32)
    whole = _candidates(bands, 40)
    monkeypatch.setattr(dup, "CANDIDATE_ROWS", 17)
    sliced = _candidates(bands, 40)
    assert len(whole[0]) > 1000
    assert whole[0].tolist() == sliced[0].tolist() and whole[1].tolist() == sliced[1].tolist()
    assert set(zip(sliced[0].tolist(), sliced[1].tolist(), strict=True)) == _brute_force(bands, 40)


def test_estimates_in_slices_equal_one_pass(monkeypatch) -> None:
    import biennien.link.duplicates as dup

    rng = np.random.default_rng(12)
    sigs = rng.integers(0, 3, size=(50, dup.NUM_PERM)).astype(np.uint16)
    old = rng.integers(0, 50, size=999)
    new = rng.integers(0, 50, size=999)
    monkeypatch.setattr(dup, "ESTIMATE_PAIRS", 64)
    assert dup._estimates(sigs, old, new).tolist() == (sigs[old] == sigs[new]).mean(axis=1).tolist()


def test_distinct_is_np_unique() -> None:
    from biennien.link.sorted_runs import distinct

    rng = np.random.default_rng(13)
    for size, top in [(0, 5), (1, 5), (1000, 7), (5000, 10**12)]:
        values = rng.integers(0, top, size=size)
        got = distinct(values)
        assert got.dtype == values.dtype and got.tolist() == np.unique(values).tolist()
