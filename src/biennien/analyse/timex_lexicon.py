"""The temporal tagger's vocabulary, read from the ``vi/data/timex_*.tsv`` tables.

Why tables: which words make ``2/7`` a date, which Vietnamese words name a
month or a part of the day, which festivals fall on which lunar day, are
language facts a reader should be able to check and extend without reading
regular expressions.  This module turns each table into a lookup dictionary
and into a small regular-expression alternation (longest words first) that
the rules in ``timex_rules`` compose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from biennien.vi.normalise import tone_normalise
from biennien.vi.resources import table


def _norm(word: str) -> str:
    return tone_normalise(word).lower()


def alternation(words: list[str] | tuple[str, ...]) -> str:
    """A non-capturing alternation of ``words``, longest first, spaces matching any white space."""
    uniq = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    parts = [r"\s+".join(re.escape(p) for p in w.split()) for w in uniq]
    return "(?:" + "|".join(parts) + ")"


@dataclass(frozen=True)
class Festival:
    calendar: str  # "lunar" or "solar"
    month: int
    day: int
    daypart: str | None


@dataclass(frozen=True)
class Lexicon:
    units: dict[str, str]
    months: dict[str, tuple[int, str]]
    weekdays: dict[str, int]
    dayparts: dict[str, tuple[str, int]]
    relative: dict[str, tuple[str, int, str]]
    dayrel: dict[str, int]
    tense: tuple[tuple[str, str, str], ...]
    cues: dict[str, tuple[str, ...]]
    blockers: tuple[str, ...]
    modifiers: dict[str, str]
    vague: tuple[str, ...]
    sets: dict[str, str]
    parts: dict[str, str]
    festivals: dict[str, Festival]
    number_words: tuple[str, ...]
    seasons: dict[str, str]
    stems: dict[str, int]  # can-chi: the ten heavenly stems
    branches: dict[str, int]  # can-chi: the twelve earthly branches


@cache
def lexicon() -> Lexicon:
    """Load every table once per process (a cache, not mutable state)."""
    cues: dict[str, list[str]] = {}
    for kind, word in table("timex_cues.tsv"):
        cues.setdefault(kind, []).append(_norm(word))
    return Lexicon(
        units={_norm(w): u for w, u in table("timex_units.tsv")},
        months={_norm(w): (int(n), cal) for w, n, cal in table("timex_months.tsv")},
        weekdays={_norm(w): int(n) for w, n in table("timex_weekdays.tsv")},
        dayparts={_norm(w): (p, int(h)) for w, p, h in table("timex_dayparts.tsv")},
        relative={_norm(w): (u, int(o), a) for w, u, o, a in table("timex_relative.tsv")},
        dayrel={_norm(w): int(o) for w, o in table("timex_dayrel.tsv")},
        tense=tuple((_norm(c), t, where) for c, t, where in table("timex_tense.tsv")),
        cues={k: tuple(v) for k, v in cues.items()},
        blockers=tuple(_norm(row[0]) for row in table("timex_blockers.tsv")),
        modifiers={_norm(w): m for w, m in table("timex_modifiers.tsv")},
        vague=tuple(_norm(row[0]) for row in table("timex_vague.tsv")),
        sets={_norm(w): v for w, v in table("timex_sets.tsv")},
        parts={_norm(w): m for w, m in table("timex_parts.tsv")},
        festivals={
            _norm(name): Festival(cal, int(m), int(d), None if p == "-" else p)
            for name, cal, m, d, p in table("timex_festivals.tsv")
        },
        number_words=tuple(_norm(row[0]) for row in table("number_words.tsv")),
        seasons={_norm(w): code for w, code in table("timex_seasons.tsv")},
        stems={_norm(w): int(i) for kind, w, i in table("timex_canchi.tsv") if kind == "can"},
        branches={_norm(w): int(i) for kind, w, i in table("timex_canchi.tsv") if kind == "chi"},
    )


@cache
def cue_pattern(kind: str, where: str = "before") -> re.Pattern[str]:
    """A pattern that finds a cue word of ``kind`` right before (``$``) or right after (``^``) a match."""
    words = lexicon().cues.get(kind, ())
    if not words:
        return re.compile(r"(?!)")
    alt = alternation([w for w in words if w != "("])
    if where == "before":
        paren = r"|\(" if "(" in words else ""
        return re.compile(r"(?:(?<!\w)" + alt + paren + r")\s*$", re.IGNORECASE)
    return re.compile(r"^\s*,?\s*" + alt + r"(?!\w)", re.IGNORECASE)
