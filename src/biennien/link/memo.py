"""``BoundedMemo``: a per-key cache read as a dict, emptied when it grows past a bound.

The link preparation runs once per article in each worker and looks up every word of the article (its
folded form, its hash, its story bucket).  A dict subclass whose ``__missing__`` makes the value answers a
hit by a plain subscript, with no function call (``lru_cache`` costs a call per lookup); emptying it at
``limit`` entries bounds a long build's memory.  What a key maps to never depends on what is cached, so
emptying changes no result.
"""

from __future__ import annotations

from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")


class BoundedMemo(dict[K, V]):
    """``memo[key]`` is ``memo.make(key)``, kept until the memo holds ``limit`` entries."""

    limit = 1 << 17  # entries before it is emptied (unc-dev has 35,000 distinct tokens)

    def make(self, key: K) -> V:
        raise NotImplementedError

    def __missing__(self, key: K) -> V:
        value = self.make(key)
        if len(self) >= self.limit:
            self.clear()
        self[key] = value
        return value
