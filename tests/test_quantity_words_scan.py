"""The number-word scan (``Tables.word_number_re``) finds what a plain longest-first alternation finds.

``quantity_tables._word_starts`` nests the words by common prefix and checks "no letter before" at
the end of each word (cheaper than at its first letter); these tests hold it to the plain form,
written out here as the specification, on real-style sentences and generated strings of number-word
syllables, letters, digits and separators.
"""

from __future__ import annotations

import random
import re

from biennien.analyse.quantity_tables import LETTER, _alternation, tables
from biennien.vi.numbers import number_words

_NW = [w for w, (_, kind) in number_words().items() if kind != "scale"]
_END = rf"(?!{LETTER}|\d)"
# the plain form: no letter before, then one of the words (longest first), then more number words
_SPEC = re.compile(
    rf"(?<!{LETTER})(?:{_alternation(_NW)})(?:\s+(?:{_alternation(list(number_words()))}))*{_END}"
)

SENTENCES = [
    "Hai mươi lăm tấn hàng, một trăm nghìn đồng và ba triệu người; không ai biết năm nay ra sao.",
    "Anh ta khai báo thêm bốn chục cái, chín mươi chín phần trăm, mười hai tỷ đồng (bảy lẻ năm).",
    "Nhà thơ đã viết sáu bài, tám câu; hàng trăm người tham gia, tư vấn một lần nữa.",
]


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def test_real_style_sentences() -> None:
    scan = tables().word_number_re
    for sentence in SENTENCES:
        low = sentence.lower()
        assert _spans(scan, low) == _spans(_SPEC, low)
    # the scan does find figures in words and leaves number words inside other words alone
    found = [m.group() for m in scan.finditer(SENTENCES[0].lower())]
    assert "hai mươi lăm" in found and "một trăm nghìn" in found and "ba triệu" in found
    assert all(m.group() != "ai" for m in scan.finditer("khai báo thêm".lower()))


def test_generated_strings() -> None:
    scan = tables().word_number_re
    rng = random.Random(8)
    pieces = [*number_words(), "k", "nh", "th", "a", "x", "1", "2", "-", " ", " ", "  ", ",", ".", "\n"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        assert _spans(scan, text) == _spans(_SPEC, text), text
