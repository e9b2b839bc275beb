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
import sys
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


class Cue:
    """A cue pattern: ``search``/``match`` as on the compiled pattern, faster for a ``before`` cue.

    A ``before`` cue must end the string it is searched in (``(?<!\\w)cue\\s*$``), so a search tries
    the alternation at every position of a 30-character window.  On a whole string the same question
    is asked once, anchored, of the reversed string with every cue word reversed
    (``\\s*euc(?!\\w)``): a match there is a match here and back (the engine tries every alternative,
    and case-insensitive matching compares character by character, in either direction).  With
    ``pos``/``endpos`` the forward pattern runs (a look-behind may see before ``pos``).
    """

    __slots__ = ("pattern", "_reversed")

    def __init__(self, pattern: re.Pattern[str], reversed_: re.Pattern[str] | None = None) -> None:
        self.pattern = pattern
        self._reversed = reversed_

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """A match (of the reversed text for a ``before`` cue on a whole string) or None."""
        if self._reversed is not None and pos == 0 and endpos >= len(text):
            return self._reversed.match(text[::-1])
        return self.pattern.search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.pattern.match(text, pos, endpos)


def _reversed_alternation(words: list[str]) -> str:
    """``alternation`` of the words written backwards (for matching a reversed text)."""
    uniq = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    parts = [r"\s+".join(re.escape(p[::-1]) for p in reversed(w.split())) for w in uniq]
    return "(?:" + "|".join(parts) + ")"


@cache
def cue_pattern(kind: str, where: str = "before") -> Cue:
    """A pattern that finds a cue word of ``kind`` right before (``$``) or right after (``^``) a match."""
    words = lexicon().cues.get(kind, ())
    if not words:
        return Cue(re.compile(r"(?!)"))
    plain = [w for w in words if w != "("]
    alt = alternation(plain)
    if where == "before":
        paren = r"|\(" if "(" in words else ""
        forward = re.compile(r"(?:(?<!\w)" + alt + paren + r")\s*$", re.IGNORECASE)
        backward = re.compile(
            r"\s*(?:" + _reversed_alternation(plain) + r"(?!\w)" + paren + ")", re.IGNORECASE
        )
        return Cue(forward, backward)
    return Cue(re.compile(r"^\s*,?\s*" + alt + r"(?!\w)", re.IGNORECASE))
