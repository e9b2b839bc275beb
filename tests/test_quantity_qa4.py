"""Values QA audit 4 found misread: signed temperatures, rates per period in words, top-N lists, idioms.

Sentences are our own, written in the style of the audited articles.
"""

from __future__ import annotations

import pytest

from biennien.analyse.quantity import extract


def _one(text: str) -> tuple[object, ...]:
    (q,) = extract(text)
    return (q.value, q.value_end, q.unit)


def test_a_minus_sign_makes_a_temperature_negative() -> None:
    (q,) = extract("Trên đỉnh núi, nhiệt độ có lúc xuống -12°C vào ban đêm.")
    assert (q.value, q.unit, q.text) == (-12, "°C", "-12°C")


def test_am_before_a_temperature_makes_it_negative_and_keeps_the_qualifier() -> None:
    (q,) = extract("Mùa đông ở vùng này kéo dài, nhiệt độ khoảng âm 25 độ C.")
    assert (q.value, q.unit, q.qualifier, q.text) == (-25, "°C", "about", "âm 25 độ C")


def test_two_signed_temperatures_are_one_range_lower_bound_first() -> None:
    assert _one("Ở vùng cực, nhiệt độ thường còn -20 độ đến -35 độ.") == (-35, -20, "°")
    assert _one("Ban ngày nhiệt độ dao động từ -3 đến 6 độ C.") == (-3, 6, "°C")
    assert _one("Đêm qua nhiệt độ từ âm 8 đến âm 1 độ C.") == (-8, -1, "°C")


@pytest.mark.parametrize(
    "text",
    ["Nhiệt độ trung bình 18-25 độ C.", "Nhiệt độ trung bình 18 -25 độ C."],
)
def test_a_range_dash_between_numbers_is_no_minus_sign(text: str) -> None:
    assert _one(text) == (18, 25, "°C")


def test_a_dash_between_words_or_before_money_is_no_sign() -> None:
    (q,) = extract("Giá vé khứ hồi - 3 triệu đồng - đã gồm thuế.")
    assert (q.value, q.unit) == (3_000_000, "VND")
    (q,) = extract("Bệnh nhân mắc Covid-19 đã được điều trị 14 ngày và nặng 50 kg.")
    assert (q.value, q.unit) == (50, "kg")


def test_money_per_period_in_words_is_a_rate() -> None:
    (q,) = extract("Tiền đạo này nhận 900.000 baht mỗi tháng từ câu lạc bộ.")
    assert (q.value, q.unit, q.kind) == (900_000, "THB/tháng", "rate")
    (q,) = extract("Anh được trả 150.000 đô la Mỹ một năm.")
    assert (q.value, q.unit, q.kind) == (150_000, "USD/năm", "rate")
    (q,) = extract("Gia đình chi 5 triệu đồng hàng tháng cho tiền điện.")
    assert (q.unit, q.kind) == ("VND/tháng", "rate")


def test_a_count_per_period_may_follow_its_noun() -> None:
    (q,) = extract("Xưởng làm ra 500 chiếc ghế mỗi tuần.")
    assert (q.value, q.unit, q.kind) == (500, "count/tuần", "rate")
    (q,) = extract("Làng nghề xuất khẩu 2.000 tấm thảm hằng năm.")
    assert (q.value, q.unit) == (2000, "count/năm")


def test_one_year_past_or_later_is_a_span_not_per_year() -> None:
    (q,) = extract("Trường đã tuyển thêm 120 giáo viên một năm qua.")
    assert (q.unit, q.kind) == ("count", "count")
    (q,) = extract("Doanh nghiệp trả 40 triệu đồng, một năm sau mới hoàn vốn.")
    assert q.unit == "VND"


def test_top_n_before_a_noun_is_a_rank_bound_without_a_selecting_verb() -> None:
    (q,) = extract("Bánh tét lá cẩm nhận chứng nhận top 50 món quà đặc sản của vùng.")
    assert (q.value, q.unit, q.qualifier) == (50, "rank", "at most")
    (q,) = extract("Cuộc thi chỉ còn Top 30 thí sinh vào vòng chung kết.")
    assert (q.value, q.unit, q.counted) == (30, "count", "thí sinh")


@pytest.mark.parametrize(
    "text",
    [
        "Đội bóng trẻ đã dạy cho Hà Nội FC một bài học đắt giá.",
        "Huấn luyện viên Park một lần nữa chứng minh tài năng.",
        "Bạn nên chờ Minh Anh một chút trước khi đi.",
        "Sau trận, Quang Hải một số lần bỏ lỡ cơ hội.",
        "Cô giáo Lan một cách kiên nhẫn giảng lại bài.",
    ],
)
def test_idioms_with_mot_are_no_figures(text: str) -> None:
    assert extract(text) == []


def test_the_number_one_in_words_is_still_read_when_it_is_no_idiom() -> None:
    (q,) = extract("Hà Nội FC kém Viettel một điểm sau vòng 10.")
    assert (q.value, q.counted) == (1, "điểm")


def test_top_n_selected_after_the_noun_is_a_count() -> None:
    (q,) = extract("Sau vòng loại, Top 45 thí sinh được chọn sẽ vào trại huấn luyện.")
    assert (q.value, q.unit, q.counted) == (45, "count", "thí sinh")


def test_fahrenheit_in_words_is_its_own_unit_and_can_be_negative() -> None:
    (q,) = extract("Vào mùa đông, nhiệt độ ở cực có thể xuống âm 100 độ F.")
    assert (q.value, q.unit) == (-100, "°F")
