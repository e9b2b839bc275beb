"""The one-pass numeral scan of ``quantity._numbers`` finds what the two former scans found.

``quantity._NUM`` opens with a consumed digit (so the regex engine skips to digits) and also marks
digits glued to a letter; these tests hold it to the former patterns, written out here as the
specification, on real-style Vietnamese text and on generated strings of the characters the
look-arounds test.
"""

from __future__ import annotations

import random
import re

from biennien.analyse import quantity
from biennien.analyse.quantity_tables import tables

# the former numeral scan: a look-ahead first, the checks on what stands before the numeral at its start
_NUM_SPEC = re.compile(
    r"(?=\d)(?<![\w.,])(?<!\d/)(?<!\s/)(?<!^/)(?<!\d:)(?!\d+:\d)"
    r"(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+\.\d{1,2}(?![\d.])|\d+(?:,\d+)?)(?![\d])"
)
# the former scan for a digit right after a letter
_GLUED_SPEC = re.compile(r"\d(?<=[^\W\d_]\d)")

SENTENCES = [
    "Xuất khẩu đạt 13,9 tỷ USD, nhập khẩu 1,9 tỷ USD trong 6 tháng đầu năm 2021.",
    "Giá vàng xuống còn29 triệu đồng/lượng lúc 10:30 sáng 12/5, mã VN250 tăng 2.5 điểm.",
    "Covid-19 khiến 1.409 dự án (tỷ lệ 3/4) dừng; /5 và 7:2 không phải con số.",
    "Tổng cộng 32.517,4 tỷ đồng, 1.000.000 người, 0.586 điểm và 12GB/256GB.",
]


def _scan(low: str) -> tuple[list[tuple[int, int]], list[int]]:
    nums: list[tuple[int, int]] = []
    glued: list[int] = []
    for m in quantity._NUM.finditer(low):
        if m.group("glued") is None:
            nums.append(m.span())
        else:
            glued.append(m.start())
    return nums, glued


def _spec(low: str) -> tuple[list[tuple[int, int]], list[int]]:
    return [m.span() for m in _NUM_SPEC.finditer(low)], [m.start() for m in _GLUED_SPEC.finditer(low)]


def test_same_numerals_as_the_former_scans_on_news_sentences() -> None:
    for sentence in SENTENCES:
        low = sentence.lower()
        assert _scan(low) == _spec(low)
    nums, glued = _scan(SENTENCES[1].lower())
    assert SENTENCES[1][nums[0][0] : nums[0][1]] != "29"  # "còn29" is glued, not free-standing
    assert SENTENCES[1].index("29") in glued


def test_same_numerals_as_the_former_scans_on_generated_text() -> None:
    rng = random.Random(8)
    alphabet = "0123456789..,,//::  \n-aBđ_²٣"
    for _ in range(20000):
        low = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 14)))
        assert _scan(low) == _spec(low), low


def test_glued_figure_is_read_after_its_cue_word() -> None:
    """``xuống còn29 triệu``: the numeral glued to a cue word is still found by ``_numbers``."""
    low = "giá giảm xuống còn29 triệu đồng"
    starts = [m.start() for m in quantity._numbers(low, tables())]
    assert low.index("29") in starts
    assert all(low[s].isdigit() for s in starts)
