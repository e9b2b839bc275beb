"""Values that the fourth and fifth blind sets missed: acronym counts, ages after time words,
rank ``số 1``, negated counts of one, betting odds."""

from __future__ import annotations

from biennien.analyse.quantity import extract
from biennien.model import Quantity


def figures(text: str) -> list[tuple[str, float, str]]:
    return [(q.text, q.value, q.unit) for q in extract(text)]


def one(text: str, surface: str) -> Quantity:
    found = [q for q in extract(text) if q.text == surface]
    assert len(found) == 1, [q.text for q in extract(text)]
    return found[0]


def test_an_acronym_count_at_the_sentence_start_is_a_figure() -> None:
    text = "8 CLB hạng Nhất có thể bị trừ 3 điểm vì nợ lương cầu thủ."
    q = one(text, "8 CLB")
    assert (q.value, q.unit, q.counted) == (8.0, "count", "clb")
    assert ("12 VĐV", 12.0, "count") in figures("Đoàn có 12 VĐV tham dự giải lần này.")


def test_an_age_after_a_time_word_is_an_age() -> None:
    q = one("Em bắt đầu học đàn từ lúc 6 tuổi, khi gia đình chuyển về Huế.", "6 tuổi")
    assert (q.value, q.counted) == (6.0, "tuổi")
    # a clock time after the same word stays a time
    assert figures("Lúc 10 giờ sáng, đoàn xuất phát.") == []
