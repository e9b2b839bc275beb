"""Quantities in real-style Vietnamese news sentences."""

from __future__ import annotations

import pytest

from biennien.analyse.quantity import extract
from biennien.model import Timex
from biennien.vi.numbers import parse_numeral, parse_words


def one(text: str, timexes: list[Timex] | None = None):
    qs = extract(text, timexes or [])
    assert len(qs) == 1, [q.text for q in qs]
    return qs[0]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("tổng kim ngạch thương mại hai chiều là 15,8 tỷ USD", 15_800_000_000, "USD"),
        ("doanh thu đạt 32.517,4 tấn", 32517.4, "t"),
        ("số tiền 2.305.117.560 đồng", 2_305_117_560, "VND"),
        ("khoản vay 1,5 tỷ USD", 1_500_000_000, "USD"),
        ("giá vàng 68,2 triệu đồng/lượng", 68_200_000, "VND/lượng"),
        ("vàng thế giới 1.800 USD/ounce", 1800, "USD/ounce"),
        ("doanh thu 2 tỷ 300 triệu đồng", 2_300_000_000, "VND"),
        ("gói thầu 1 tỷ rưỡi đồng", 1_500_000_000, "VND"),
        ("vốn 3 nghìn tỷ đồng", 3e12, "VND"),
        ("tài trợ 500 triệu yên", 500_000_000, "JPY"),
        ("hỗ trợ 20 triệu nhân dân tệ", 20_000_000, "CNY"),
        ("giá 10 đô la Mỹ", 10, "USD"),
        ("thu 50 triệu VNĐ", 50_000_000, "VND"),
        ("lãi 7,3% trong năm", 7.3, "%"),
        ("chiếm 40 phần trăm", 40, "%"),
        ("quãng đường 30km", 30, "km"),
        ("diện tích 1.200 ha", 1200, "ha"),
        ("sản lượng hai mươi lăm tấn", 25, "t"),
        ("được thưởng một triệu tư đồng", 1_400_000, "VND"),
        ("điện thương phẩm 250 tỷ kWh", 250e9, "kWh"),
    ],
)
def test_value_and_unit(text: str, value: float, unit: str) -> None:
    q = one(text)
    assert q.value == pytest.approx(value)
    assert q.unit == unit


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("với khoảng 1.409 dự án", "about"),
        ("tổng vốn trên 11,9 tỷ USD", "over"),
        ("hơn 300 lần", "over"),
        ("tổng vốn đăng ký gần 1,3 tỷ USD", "nearly"),
        ("lương dưới 5 triệu đồng", "under"),
        ("ít nhất 20 người", "at least"),
        ("mức phạt tối đa 100 triệu đồng", "at most"),
        ("các hộ có 100 người trở lên", "at least"),
        ("tăng 28,6% so với cùng kỳ", None),
    ],
)
def test_qualifier(text: str, qualifier: str | None) -> None:
    assert one(text).qualifier == qualifier


def test_counts_keep_the_counted_noun() -> None:
    q = one("Hoa Kỳ có 230 dự án đầu tư tại Việt Nam")
    assert (q.value, q.unit, q.counted) == (230, "count", "dự án đầu tư")
    q = one("dân số hơn 100 triệu dân")
    assert (q.value, q.counted, q.qualifier) == (100_000_000, "dân", "over")
    assert one("thành lập 6 cơ sở giáo dục").counted == "cơ sở giáo dục"


def test_ranks() -> None:
    q = one("Hoa Kỳ là nhà đầu tư nước ngoài lớn thứ 11/108 nước và vùng lãnh thổ")
    assert (q.value, q.unit, q.rank_of) == (11, "rank", 108)
    q = one("Việt Nam là đối tác thương mại lớn thứ 8 của Hoa Kỳ")
    assert (q.value, q.unit, q.rank_of) == (8, "rank", None)
    assert one("Hoa Kỳ cũng đứng thứ 7/80 nước").rank_of == 80
    # a weekday and an ordinal are not ranks
    assert extract("Hôm thứ 3 vừa qua, đại hội lần thứ 5 khai mạc.") == []


def test_ranges_and_changes() -> None:
    q = one("lãi suất từ 25% đến 30%")
    assert (q.value, q.value_end, q.unit) == (25, 30, "%")
    q = one("tăng khoảng 2-3%")
    assert (q.value, q.value_end, q.qualifier, q.direction) == (2, 3, "about", "up")
    q = one("giá từ 5 đến 7 triệu đồng")
    assert (q.value, q.value_end) == (5_000_000, 7_000_000)
    assert one("xuất khẩu giảm gần 12%").direction == "down"
    assert one("doanh thu tăng lên 41,9 tỷ USD").direction is None  # the new level, not a change
    q = one("doanh thu tăng gấp đôi")
    assert (q.value, q.unit, q.direction) == (2, "times", "up")
    assert one("xuất siêu đạt 12 tỷ USD").direction is None


@pytest.mark.parametrize(
    "text",
    [
        "Chuyến bay VN250 hạ cánh, bệnh nhân BN1234 đã khỏi.",
        "Gọi đường dây nóng 0912.345.678 hoặc 1900 1234.",
        "Đại hội XIV thành công, Đối thoại Shangri-La 14 khai mạc, dịch Covid-19 lan rộng.",
        "Trụ sở ở quận 1, học sinh lớp 12 tham dự theo Điều 5.",
        "Sáng 20/02/2026 lúc 07:22, ngày 17-2, tháng 7-1995, năm 2025, 14h30.",
        "Dự án kéo dài 3 năm, mỗi buổi 45 phút.",
        "Đội thắng 2-1 ở phút 90.",
        "Mẫu Galaxy S21 và iPhone 12 bán chạy.",
    ],
)
def test_never_a_quantity(text: str) -> None:
    assert extract(text) == [], [q.text for q in extract(text)]


def test_nothing_inside_a_timex() -> None:
    text = "Trong 6 tháng đầu năm, doanh thu đạt 5 tỷ đồng."
    span = "6 tháng đầu năm"
    start = text.index(span)
    tx = Timex(span, start, start + len(span), "DURATION", "P6M")
    qs = extract(text, [tx])
    assert [q.text for q in qs] == ["5 tỷ đồng"]


def test_offsets_index_the_text() -> None:
    text = "Năm 2025, doanh nghiệp xuất khẩu đạt 13,9 tỷ USD, nhập khẩu 1,9 tỷ USD."
    for q in extract(text):
        assert text[q.start : q.end] == q.text
    assert [q.value for q in extract(text)] == [13.9e9, 1.9e9]


def test_numbers_module_still_parses() -> None:
    assert parse_numeral("1.409") == 1409
    assert parse_numeral("15,8") == 15.8
    assert parse_words("hai mươi lăm") == 25
    assert parse_words("một triệu tư") == 1_400_000
    assert parse_words("mươi lăm") == 15


def test_options_written_with_slashes_are_one_figure_each() -> None:
    qs = extract("tùy chọn bộ nhớ RAM 12/16/18GB, bộ nhớ trong 256GB")
    assert [(q.value, q.unit) for q in qs] == [(12, "GB"), (16, "GB"), (18, "GB"), (256, "GB")]
    assert extract("hạn chót là 12/5/2021 theo thông báo") == []
    assert [q.kind for q in extract("xếp thứ 11/108 quốc gia")] == ["rank"]


def test_a_counted_noun_opening_with_a_time_word_is_not_a_duration() -> None:
    text = "phục vụ 9.850.000 ngày khách trong năm"
    dur = Timex("9.850.000 ngày", 8, 22, "DURATION", "P9850000D")  # what a tagger may propose
    for timexes in ([], [dur]):
        q = one(text, timexes)
        assert (q.value, q.unit, q.counted) == (9_850_000, "count", "ngày khách")
    assert extract("sau 3 ngày thi đấu") == []


def test_currency_named_with_its_country_and_a_spaced_rate() -> None:
    q = one("học phí rơi vào mức 1 tỷ đồng Việt Nam/ năm")
    assert (q.value, q.unit) == (1e9, "VND/năm")


def test_a_comparative_before_a_percentage_is_a_difference_not_over() -> None:
    q = one("mức lương của họ sẽ cao hơn 70%")
    assert (q.value, q.qualifier, q.direction) == (70, None, "up")
    q = one("giá bán thấp hơn 15%")
    assert (q.qualifier, q.direction) == (None, "down")
    assert one("doanh thu hơn 70% kế hoạch").qualifier == "over"


def test_a_qualifier_applies_across_a_level_noun() -> None:
    assert one("số tiền đền bù sẽ không tới mức 30 triệu bảng").qualifier == "under"
    assert one("lạm phát trên ngưỡng 4%").qualifier == "over"
    assert one("lãi suất ở mức 6%").qualifier is None


def test_sizes_after_a_word_and_slash_and_ranges_dropping_thousands() -> None:
    qs = extract("phiên bản 3GB RAM/32GB ROM giá 2,69 triệu đồng")
    assert [(q.value, q.unit) for q in qs] == [(3, "GB"), (32, "GB"), (2_690_000, "VND")]
    assert [q.unit for q in extract("giá 30.000 đồng/1kg")] == ["VND"]
    q = one("phở có giá từ 10 - 20000 đồng")
    assert (q.value, q.value_end, q.unit) == (10_000, 20_000, "VND")
    assert one("bán 40.000 đồng/tô").unit == "VND/tô"
