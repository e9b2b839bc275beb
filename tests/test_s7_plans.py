"""Session 7: the once-per-spelling tests of capitalised runs (``_run_profile``, ``_run_plan``'s digit
test, ``_term_shaped``) are written with C-level iterators; these tests hold them to their plain
definitions on many random runs of gazetteer words, names, initials, acronyms and digits."""

from __future__ import annotations

import random

from biennien.analyse.entities import (
    _DIGIT,
    _WORDS_BEFORE,
    _WORDS_BEFORE3,
    _run_profile,
    _term_shaped,
    _words_before,
    is_vi_syllable,
)
from biennien.vi.gazetteer import gazetteer


def _runs(n: int, seed: int) -> list[list[str]]:
    g = gazetteer()
    rnd = random.Random(seed)
    pool = sorted(g.given_names)[:200] + sorted(g.surnames)[:100] + sorted(g.english_words)[:200]
    pool += ["A", "B", "HLV", "CLB", "DeSombre", "iPhone", "Galaxy", "S21", "11", "Ánh", "ĐT", "x", "Jensen"]
    pool += sorted(g.foreign_given)[:50]
    out = []
    for _ in range(n):
        words = [rnd.choice(pool) for _ in range(rnd.randint(1, 5))]
        out.append(
            [w.title() if rnd.random() < 0.5 else w.upper() if rnd.random() < 0.1 else w for w in words]
        )
    return out


def test_run_profile_equals_its_plain_definition() -> None:
    g = gazetteer()
    for words in _runs(4000, 3):
        plain = (
            all(is_vi_syllable(w) for w in words),
            all(len(w) == 1 for w in words),
            any(len(w) > 1 and w.isupper() for w in words),
            all(w.lower() in g.english_words for w in words),
            all(w in g.given_names for w in words),
        )
        assert _run_profile(words) == plain, words
    assert _run_profile([]) == (True, True, False, True, True)  # all() and any() of nothing


def test_digit_and_term_shape_equal_their_plain_definitions() -> None:
    g = gazetteer()
    for words in _runs(4000, 4):
        assert (_DIGIT.search("".join(words)) is not None) == any(_DIGIT.search(x) for x in words)
        name = " ".join(words)
        plain = not (
            all(is_vi_syllable(w) for w in words) or any(len(w) > 1 and w.isupper() for w in words)
        ) and not (len(words) >= 2 and words[0] in g.foreign_given)
        assert _term_shaped(name) == plain, name


def test_words_before_equals_the_end_anchored_searches() -> None:
    """``_words_before`` (one match on the reversed window) against the two searches it
    replaces, on random windows of words, spaces, newlines, tabs, punctuation, digits,
    underscores and combining marks, cut anywhere."""
    rnd = random.Random(5)
    alphabet = ["a", "b", "ố", "Đ", " ", " ", "  ", "\n", "\t", ",", ".", "1", "_", "\u0301", "Hà Nội"]
    for _ in range(30000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 24)))
        b = rnd.randint(0, len(text))
        a = rnd.randint(0, b)
        got = _words_before(text, a, b)
        m3 = _WORDS_BEFORE3.search(text, a, b)
        m2 = _WORDS_BEFORE.search(text, a, b)
        assert (got is None) == (m3 is None) == (m2 is None), repr(text[a:b])
        if got is not None and m3 is not None and m2 is not None:
            assert got == m3.groups(), repr(text[a:b])
            assert got[1:] == m2.groups(), repr(text[a:b])
