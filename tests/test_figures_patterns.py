"""Patterns rewritten so that every branch opens with a character (the regex engine then skips to
candidate characters instead of trying a look-behind at every position) find what their plain forms,
written here as the specification, find: at every start and end of generated strings of the
characters they read (digits beside commas and points, separators, dashes, white space, letters)."""

from __future__ import annotations

import random
import re

from biennien.analyse import facts, quantity

PLAIN = [
    (facts._SEPARATOR, re.compile(r"(?<!\d),|,(?!\d)|[;:“”\"]|\s[-–]\s")),
    (quantity._CLAUSE_END, re.compile(r"(?<!\d)[,.]|[,.](?!\d)|[;:()\[\]\n!?\"“”]")),
]
PIECES = [
    "1",
    "23",
    ",",
    ".",
    ", ",
    ";",
    ":",
    '"',
    "“",
    "”",
    "(",
    ")",
    "[",
    "]",
    "\n",
    "!",
    "?",
    " - ",
    "\t–\t",
    "-",
    "–",
    " ",
    "a",
    "đó",
    "x,",
]


def test_rewritten_patterns_match_their_plain_forms() -> None:
    rng = random.Random(5)
    for _ in range(1500):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 16)))
        for fast, plain in PLAIN:
            assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)], text
            # searches that start and stop inside the text (look-behinds see before the start)
            for _ in range(3):
                a = rng.randrange(len(text) + 1)
                b = rng.randrange(a, len(text) + 1)
                found, expected = fast.search(text, a, b), plain.search(text, a, b)
                assert (found and found.span()) == (expected and expected.span()), (text, a, b)


def test_a_slash_list_starts_only_at_a_numeral_followed_by_a_slash() -> None:
    """``quantity.extract`` tries ``_SLASH_LIST`` only where a slash follows the numeral it read."""
    rng = random.Random(9)
    pieces = ["1", "12", "123", "2021", ".", ",", "/", "/ ", " ", "a", "GB", ".000", ",5", "-"]
    tried = 0
    for _ in range(4000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        # the numerals ``_numbers`` gives: free-standing ``_NUM`` matches (not the empty ``glued`` branch
        # marking a digit after a letter) and ``_NUM_AT`` matches (read at a glued digit)
        numerals = [m for m in quantity._NUM.finditer(text) if m.lastindex is None]
        numerals += [m for i in range(len(text)) if (m := quantity._NUM_AT.match(text, i))]
        for m in numerals:
            if quantity._SLASH_LIST.match(text, m.start()) is not None:
                tried += 1
                assert text.startswith("/", m.end()), (text, m)
    assert tried > 100  # the generated strings do hold slash lists
