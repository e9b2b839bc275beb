"""Quantities the end-to-end audit found misread: top-N, list positions, names and codes."""

from __future__ import annotations

from biennien.analyse.quantity import extract


def test_top_n_membership_is_a_rank_at_most_n() -> None:
    (q,) = extract("Cô từng lọt Top 100 người ảnh hưởng nhất châu Á.")
    assert (q.value, q.unit, q.qualifier) == (100, "rank", "at most")


def test_top_n_with_a_noun_and_no_membership_verb_is_a_count() -> None:
    (q,) = extract("Ban tổ chức chọn Top 70 thí sinh vào vòng trong.")
    assert (q.value, q.unit, q.counted) == (70, "count", "thí sinh")


def test_position_in_a_list_is_a_rank_of_the_list() -> None:
    (q,) = extract("Cô xếp ở vị trí 45 trong danh sách 50 người đẹp nhất hành tinh.")
    assert (q.value, q.unit, q.rank_of) == (45, "rank", 50)
    assert q.text == "vị trí 45 trong danh sách 50"


def test_numbers_in_names_and_aspect_ratios_are_not_figures() -> None:
    text = "Vũ khí chính của tàu KRI Nanggala - 402 gồm 8 ống phóng ngư lôi 533 mm."
    assert [(q.value, q.unit) for q in extract(text)] == [(8, "count"), (533, "mm")]
    assert extract("Đây là chiếc điện thoại có màn hình 21:9 đầu tiên trên thế giới.") == []
