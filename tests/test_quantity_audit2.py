"""Audit 2 quantity values: "ngoài N tuổi" is over an age; "lên tới" stays unqualified.

"lên tới/lên đến" ("as much as") stresses a figure that is reached, not a ceiling: the facts gold sets
(annotated before this audit) give "kinh phí lên tới 6 tỷ USD" no qualifier, and reading it as "at most"
lowered their qualifier accuracy by 1-3.5 points, so the convention stays."""

from __future__ import annotations

import pytest

from biennien.analyse.quantity import extract
from biennien.analyse.timex import tag


def _one(sentence: str, surface: str) -> tuple[float, str, str | None]:
    qs = [q for q in extract(sentence, tag(sentence, "2021-04-20")) if q.text.startswith(surface)]
    assert len(qs) == 1, qs
    return qs[0].value, qs[0].unit, qs[0].qualifier


@pytest.mark.parametrize(
    ("sentence", "surface", "value", "unit", "qualifier"),
    [
        ("Những năm gần đây giá lúc hàng hiếm lên tới 500 nghìn đồng/kg.", "500", 500000.0, "VND/kg", None),
        ("Tỷ lệ lấp đầy phòng khách sạn lên đến 90%.", "90", 90.0, "%", None),
        ("Người ngoài 60 tuổi được ưu tiên tiêm vắc xin.", "60", 60.0, "count", "over"),
        # "ngoài" before anything but an age is "besides"
        ("Ngoài 2 bàn thắng, tiền đạo này còn có 1 pha kiến tạo.", "2", 2.0, "count", None),
    ],
)
def test_audit2_qualifiers(
    sentence: str, surface: str, value: float, unit: str, qualifier: str | None
) -> None:
    assert _one(sentence, surface) == (value, unit, qualifier)


def test_a_range_written_with_cho_toi() -> None:
    sentence = "Giải chạy có các cự ly từ 5km cho tới 42km dành cho mọi lứa tuổi."
    (q,) = [q for q in extract(sentence, tag(sentence, "2021-04-20")) if q.unit == "km"]
    assert (q.value, q.value_end) == (5.0, 42.0)
