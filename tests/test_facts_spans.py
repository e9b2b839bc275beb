"""``facts._Spans`` blanks and tests overlaps exactly as a walk over every timex and figure would.

The sorted spans with a running maximum of their ends let ``mask`` and ``overlaps`` look at a few
spans per call; these tests hold them to the plain walk (written out here) on random spans, nested
and overlapping ones included, and on a real-style sentence.
"""

from __future__ import annotations

import random

from biennien.analyse.facts import _Spans
from biennien.model import Quantity, Timex


def _plain_mask(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    chunk = list(text[start:end])
    for a, b in spans:
        if a < end and start < b:
            lo, hi = max(a, start) - start, min(b, end) - start
            chunk[lo:hi] = " " * (hi - lo)
    return "".join(chunk)


def _tx(start: int, end: int) -> Timex:
    return Timex(text="", start=start, end=end, type="DATE", value="2021")


def _q(start: int, end: int) -> Quantity:
    return Quantity("", start, end, 1.0, "count", "count")


def test_real_style_sentence() -> None:
    text = "Năm 2021, xuất khẩu đạt 13,9 tỷ USD, tăng 12% so với năm 2020."
    year = text.index("2021")
    figure = text.index("13,9")
    timexes = [_tx(0, year + 4), _tx(text.index("năm 2020"), text.index("năm 2020") + 8)]
    quantities = [_q(figure, figure + len("13,9 tỷ USD"))]
    spans = _Spans(timexes, quantities)
    assert spans.mask(text, 0, text.index("tăng")) == " " * 8 + ", xuất khẩu đạt" + " " * 12 + ", "
    assert spans.overlaps(figure + 2, figure + 3) and not spans.overlaps(year + 5, figure)


def test_random_spans() -> None:
    rng = random.Random(5)
    text = "abcdefghij" * 8
    for _ in range(2000):
        raw = []
        for _ in range(rng.randint(0, 8)):
            a = rng.randint(0, len(text))
            raw.append((a, min(len(text), a + rng.randint(0, 20))))
        split = rng.randint(0, len(raw))
        spans = _Spans([_tx(a, b) for a, b in raw[:split]], [_q(a, b) for a, b in raw[split:]])
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        assert spans.mask(text, start, end) == _plain_mask(text, start, end, raw)
        assert spans.overlaps(start, end) == any(a < end and start < b for a, b in raw)
