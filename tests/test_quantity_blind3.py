"""Quantity readings fixed after the second and third blind fact sets (general rules, new sentences)."""

from __future__ import annotations

from biennien.analyse.quantity import extract


def _read(text: str) -> list[tuple[str, float, str]]:
    return [(q.text, q.value, q.unit) for q in extract(text, [])]


def test_grams_glued_to_the_number_but_not_network_codes_or_clock_times() -> None:
    assert _read("Chiếc máy bay nặng 450g khi cất cánh.") == [("450g", 450, "g")]
    assert _read("Điện thoại hỗ trợ mạng 5G từ năm nay.") == []
    assert _read("Buổi lễ bắt đầu lúc 8g sáng.") == []


def test_options_with_the_same_unit_on_both_sides_of_a_slash() -> None:
    assert _read("Máy có bản 8GB/128GB.") == [("8GB", 8, "GB"), ("128GB", 128, "GB")]


def test_a_counted_noun_after_a_name_makes_the_number_a_figure() -> None:
    got = _read("Chelsea đứng thứ tư, hơn Tottenham 3 điểm và West Ham 4 điểm.")
    assert ("3 điểm", 3, "count") in got and ("4 điểm", 4, "count") in got
    assert _read("Nghị quyết Đại hội 13 của Đảng") == []


def test_a_range_whose_rate_is_written_once_at_the_end() -> None:
    (q,) = extract("Cua có giá 200.000 đồng - 350.000 đồng/kg tùy loại.", [])
    assert (q.value, q.value_end, q.unit) == (200_000, 350_000, "VND/kg")


def test_a_seeding_is_a_rank() -> None:
    (q,) = extract("Cô gặp hạt giống số 3 người Ba Lan.", [])
    assert (q.value, q.unit) == (3, "rank")
