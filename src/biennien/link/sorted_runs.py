"""Runs of equal values in a sorted numpy array, found by one comparison of neighbours.

The link stage dedupes and buckets large integer arrays (shingle hashes, reprint candidate keys,
MinHash band values, story features).  Sorting and comparing neighbours is linear after the sort;
numpy 2.4's ``np.unique`` of a large integer array goes through a hash table instead and took 2.5 s
for 3.9 million int64 values here, against 0.04 s this way.
"""

from __future__ import annotations

import numpy as np


def run_firsts(ordered: np.ndarray) -> np.ndarray:
    """A mask of the positions of sorted ``ordered`` that start a run of equal values (the first
    position always does)."""
    first = np.empty(len(ordered), dtype=bool)
    first[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    return first


def distinct(values: np.ndarray) -> np.ndarray:
    """``np.unique(values)``: the distinct values, sorted."""
    ordered = np.sort(values)
    return ordered[run_firsts(ordered)]
