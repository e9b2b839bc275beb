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


def _one(text: str):
    (q,) = extract(text, [])
    return q


def test_comparisons_are_differences_not_over() -> None:
    q = _one("Mẫu máy này rẻ, thấp hơn 5 triệu đồng so với đối thủ.")
    assert (q.value, q.qualifier, q.direction) == (5_000_000, None, "down")
    assert _one("Đội khách đã chơi nhiều hơn 1 trận.").qualifier is None
    assert _one("Doanh thu năm nay ít hơn 200 triệu euro.").qualifier == "under"
    assert _one("Ứng dụng chiếm dụng nhiều hơn 60% bộ nhớ.").qualifier == "over"


def test_starting_prices_and_vague_range_ends_are_at_least() -> None:
    assert _one("Máy tính bảng có giá từ 599 USD.").qualifier == "at least"
    assert _one("Hạt bụi có đường kính từ 0,5 mm đến vài mm.").qualifier == "at least"
    a, b = extract("Hai mẫu xe có giá lần lượt từ 500 triệu đồng và 700 triệu đồng.", [])
    assert a.qualifier == b.qualifier == "at least"
    assert [q.qualifier for q in extract("Lãi suất tăng từ 5% lên 7%.", [])] == [None, None]


def test_a_qualifier_across_a_copula_or_thêm() -> None:
    assert _one("Cần giữ khoảng cách ít nhất là 2m.").qualifier == "at least"
    assert _one("Đội bạn có ít nhất thêm 3 lần sút trúng đích.").qualifier == "at least"


def test_a_bare_scaled_number_after_a_price_is_dong() -> None:
    q = _one("Tai nghe thuộc phân khúc dưới 3 triệu hiếm có tính năng này.")
    assert (q.value, q.unit, q.qualifier) == (3_000_000, "VND", "under")
    _, q = extract("Máy được bán với giá 4,5 triệu đồng, nhưng sẽ giảm còn 3,9 triệu nếu đặt trước.", [])
    assert (q.text, q.unit) == ("3,9 triệu", "VND")
    assert _one("Thành phố có 9 triệu người dân.").unit == "count"
