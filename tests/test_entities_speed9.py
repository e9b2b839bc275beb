"""Session 9 shortcuts of the entity reader, held to the plain definitions on odd inputs.

``_Reader.load`` reads a sentence's tokens by splitting on white space and scanning with
``TOKEN`` only the chunks that are not all letters and digits, lowering the whole sentence
once; the plain definition is ``TOKEN.finditer`` over the sentence and ``str.lower`` on
each token.  Where the two could part: a character ``str.isalnum`` or ``str.split`` judges
unlike the regex, a sentence bound inside a word, ``_`` and odd white space, a lowering that
changes length (``İ``) or depends on the neighbours (a capital sigma).
"""

from __future__ import annotations

import re
import sys

import pytest

from biennien.analyse.entities import _Reader
from biennien.vi.gazetteer import TOKEN, Gazetteer, gazetteer

_Read = tuple[list[str], list[str], list[int], list[int], list[int]]
# a lower-case starter of the tables, and odd ones (a digit, punctuation, not a table word): the
# lower-case starters ``load`` lists are every token in the set with no capital first
_STARTERS = gazetteer().lower_starters | {"1", "&", "σ", "ς", "ǆ", "ⅰ"}


def _plain(text: str, sa: int, sb: int) -> _Read:
    ms = list(TOKEN.finditer(text, sa, sb))
    tx = [m.group() for m in ms]
    caps = [k for k, x in enumerate(tx) if x[0].isupper()]
    lowc = [k for k, x in enumerate(tx) if x in _STARTERS and not x[0].isupper()]
    return tx, [x.lower() for x in tx], [m.start() for m in ms], caps, lowc


def _loaded(text: str, sa: int, sb: int, check: bool = True) -> _Read:
    r = _Reader([], Gazetteer(lower_starters=frozenset(_STARTERS)), [])
    r.load(text, sa, sb)
    assert r.n == len(r.tx) and r.text is text
    for i in range(r.n if check else 0):
        assert text[r.st[i] : r.end(i)] == r.tx[i]
    return r.tx, r.lw, r.st, r.caps, r.lowc


ODD = [
    "Ông Tô Lâm đến Hà Nội chiều 13-2.",
    "TP.HCM, GD&ĐT, O'Neil và D’Angelo (PSG) -- Hang-seo",
    "a_b __c d_ _e  f\tg\u00a0h\u2003i\u3000j\u200bk\u180el\u2028m\x1cn",
    "ΟΔΥΣΣΕΥΣ ΑΣ.’Β ΑΣ-Β Σ ΣΑ ΑΣ. ΑΣ'Σ",
    "İSTANBUL İ ß ẞ ǅ ǈ Ⅰ ϒ ﬁ ＡＢＣ ①② ٣٤ ² ǆ ⅰ σ ς 1 & của ông ÔNG Ông",
    "x..y x.y. .x x.&y x&&y 1.000.000 3,5 a'b' 'a ’",
    "",
    "   ",
    "a",
]


@pytest.mark.parametrize("text", ODD)
def test_load_is_the_token_scan(text: str) -> None:
    # every bound, words cut included
    for sa in range(len(text) + 1):
        for sb in range(sa, len(text) + 1):
            assert _loaded(text, sa, sb) == _plain(text, sa, sb), (sa, sb)


def test_load_assumptions_hold_for_every_code_point() -> None:
    """What ``load`` relies on, character by character: ``str.isalnum`` is the regex's
    ``[^\\W_]``, ``str.isspace`` its ``\\s``; lowering keeps white space and makes none."""
    alnum, space = re.compile(r"[^\W_]"), re.compile(r"\s")
    for c in map(chr, range(sys.maxunicode + 1)):
        assert c.isalnum() == (alnum.match(c) is not None), hex(ord(c))
        assert c.isspace() == (space.match(c) is not None), hex(ord(c))
        low = c.lower()
        assert low == c if c.isspace() else not any(x.isspace() for x in low), hex(ord(c))


def test_load_on_every_code_point() -> None:
    """Each character alone, and glued to letters and a capital sigma."""
    step = 4096
    for lo in range(0, sys.maxunicode + 1, step):
        chars = [chr(c) for c in range(lo, min(lo + step, sys.maxunicode + 1))]
        texts = [" ".join(chars)]
        if lo < 0x20000:  # where the cased and case-ignorable characters are
            texts.append(" ".join(f"AΣ{c}Σ" for c in chars))
        for text in texts:
            assert _loaded(text, 0, len(text), check=False) == _plain(text, 0, len(text)), lo
