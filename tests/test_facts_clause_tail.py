"""``_ClauseStarts.at`` skips its tail scan when the character before the position can end no
``_CLAUSE`` match: held to the plain scan (``facts_reference.clause_start``) at every position of
generated texts rich in the characters that end a match (commas, quotes, brackets, white space after
a dash, the ``ó`` of ``trong đó``) and in look-alikes (``đó`` without ``trong``, dashes in words,
tabs and no-break spaces)."""

from __future__ import annotations

import random

from biennien.analyse.facts import _CLAUSE_LAST, _ClauseStarts
from facts_reference import clause_start

PIECES = [
    ",",
    ", ",
    "5,",
    ",5",
    " - ",
    "\t–\u00a0",
    "-",
    "x-",
    " -",
    "- ",
    "trong đó",
    " trong đó",
    "trong số đó",
    " đó",
    "có",
    "ó",
    '"',
    "“",
    "”",
    "(",
    ")",
    ":",
    ";",
    "[",
    "]",
    " ",
    "\t",
    "\u00a0",
    "\n",
    "a",
    "Hà Nội",
    "12",
    " 1,5 tỷ",
]


def test_the_last_characters_are_those_of_the_pattern() -> None:
    # every single-character branch of ``_CLAUSE`` and the last letter of "trong đó"
    assert set(',;:()[]“”"') <= _CLAUSE_LAST and "ó" in _CLAUSE_LAST


def test_tail_shortcut_equals_the_plain_scan() -> None:
    rng = random.Random(11)
    for _ in range(600):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 30)))
        starts = sorted({0, *(rng.randrange(len(text) + 1) for _ in range(2))})
        index = _ClauseStarts(text)
        queries = [(s, p) for s in starts for p in range(len(text) + 1)]
        rng.shuffle(queries)
        for s, p in queries:
            assert index.at(s, p) == clause_start(text, s, p), (text, s, p)
