"""The keys two statements of a figure are compared on: measure and subject, normalised.

Used where one article states a figure twice (``analyse.facts``) and where
several articles state it (``link.facts``), so both agree on what "the same
figure" means:

* the measure folded (no accents, lower case) with filler words dropped
  (``tổng``, ``giá trị``, ``hai chiều``: ``vi/data/fact_measure_drop.txt``);
* the subject through the alias table (``Mỹ`` = ``Hoa Kỳ``: ``vi/data/fact_aliases.tsv``).
"""

from __future__ import annotations

from functools import cache, lru_cache

from biennien.vi.normalise import fold
from biennien.vi.resources import table, word_list


@cache
def _aliases() -> dict[str, str]:
    return {fold(a): canonical for a, canonical in table("fact_aliases.tsv")}


@cache
def _drop() -> frozenset[str]:
    return frozenset(fold(w) for w in word_list("fact_measure_drop.txt"))


# Both keys are pure functions of one string, and articles repeat their measures and subjects (and so
# do the articles of a story): a bounded cache per process saves folding the same words again.
@lru_cache(maxsize=8192)
def normalise_subject(subject: str | None) -> str:
    """The canonical subject key: ``Mỹ`` and ``Hợp chúng quốc Hoa Kỳ`` both give ``hoa ky``."""
    if not subject:
        return ""
    key = " ".join(fold(subject).replace("–", "-").split())
    key = key.replace(" - ", "-").replace("-", " - ")
    aliases = _aliases()
    if key in aliases:
        return fold(aliases[key])
    parts = [p.strip() for p in key.split(" - ")]
    return " - ".join(fold(aliases.get(p, p)) for p in parts)


@lru_cache(maxsize=8192)
def normalise_measure(measure: str) -> str:
    """The measure key: folded, filler words and phrases removed."""
    words = fold(measure).split()
    drop = _drop()
    out: list[str] = []
    i = 0
    while i < len(words):
        if i + 1 < len(words) and f"{words[i]} {words[i + 1]}" in drop:
            i += 2
            continue
        if words[i] not in drop:
            out.append(words[i])
        i += 1
    return " ".join(out)


__all__ = ["normalise_measure", "normalise_subject"]
