"""``timex_lower.lowered``: the shared lower-cased text is always ``text.lower()`` of the text given."""

from __future__ import annotations

from biennien.analyse import quantity, timex
from biennien.analyse.timex_lower import lowered


def test_lowered_is_the_lower_case_of_each_text() -> None:
    texts = [
        "Ngày 2/9, Chủ tịch nước TIẾP đoàn đại biểu.",
        "NGÀY 2/9, CHỦ TỊCH NƯỚC TIẾP ĐOÀN ĐẠI BIỂU.",
        "Hôm qua ÔNG Nguyễn Văn A nói",
    ] * 3  # more texts than the cache holds, in turn
    for t in texts:
        assert lowered(t) == t.lower()
    # equal strings made apart give the same answer as the same object
    a = "Sáng NAY " + "Hà Nội"
    assert lowered(a) == lowered("".join(["Sáng NAY ", "Hà Nội"])) == a.lower()


def test_taggers_read_the_right_text_after_another_document() -> None:
    first = "Ngày 15/3/2024, Bộ Y tế công bố 120 ca mắc mới."
    second = "Tháng 5 năm ngoái, công ty thu về 3 tỷ đồng."
    for text in (first, second, first):
        tx = timex.tag(text, "2024-06-01")
        assert all(text[t.start : t.end] for t in tx)
        qs = quantity.extract(text, tx)
        assert [text[q.start : q.end] for q in qs] == [
            text[q.start : q.end] for q in quantity.extract(text, tx)
        ]
    assert [t.value for t in timex.tag(second, "2024-06-01")] == ["2023-05"]
    assert [q.value for q in quantity.extract(second, timex.tag(second, "2024-06-01"))] == [3e9]
