"""The lower-cased text of a document, made once for the taggers that scan it.

``timex.tag``, ``quantity.extract`` and ``events.extract`` each search the whole lower-cased text of
the same document (``analyse`` passes them the same string).  Lowering a few kilobytes costs about as
much as a rule match per word; a cache of the last few texts makes it once per document.  The cache is
keyed by the text itself (a string's hash is computed once and kept on the object, and the same object
compares equal by identity), so the result is always ``text.lower()``: the functions stay pure.
"""

from __future__ import annotations

from functools import lru_cache

from biennien.vi.casing import lower


@lru_cache(maxsize=4)
def lowered(text: str) -> str:
    """``text.lower()``, remembered for the last few texts (bounded: never more than four documents)."""
    return lower(text)  # CPython's str.lower, compiled or not (vi/casing.py)
