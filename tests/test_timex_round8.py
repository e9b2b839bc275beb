"""Issue-3 round 8: hours vs clock times, numbers inside names, counts after ``năm``, quoted speech."""

from __future__ import annotations

import pytest

from biennien.analyse.timex import tag
from biennien.vi.normalise import analysis_text


def _tags(text: str, dct: str | None) -> dict[str, tuple[str, str, str | None]]:
    return {t.text: (t.type, t.value, t.mod) for t in tag(analysis_text(text), dct)}


@pytest.mark.parametrize(
    ("sentence", "expr", "typ", "value"),
    [
        # a duration word before, even past a modifier, makes "N giờ" hours
        (
            '"Sau khoảng 3 giờ thử nghiệm với hơn 100 lần xả nước, mẫu vải sạch.',
            "khoảng 3 giờ",
            "DURATION",
            "PT3H",
        ),
        ("Đội cứu hộ mất khoảng 2 giờ để đưa nạn nhân ra ngoài.", "khoảng 2 giờ", "DURATION", "PT2H"),
        ("Đỉnh điểm đến vào khoảng 12 giờ sau khi cơ thể chết.", "khoảng 12 giờ", "DURATION", "PT12H"),
        ("Giờ trên hai hòn đảo lệch nhau tới 21 giờ đồng hồ.", "21 giờ", "DURATION", "PT21H"),
        ("Lắp đặt nhanh trong vòng 2h sau khi xác nhận đơn hàng.", "2h", "DURATION", "PT2H"),
        # a part of the day or a day after makes it a clock time whatever stands before
        ("Sau 3 giờ chiều, trời bắt đầu đổ mưa lớn.", "3 giờ chiều", "TIME", "2021-04-22T15:00"),
        (
            "Vụ việc xảy ra vào hơn 16h ngày 30/9, vào giờ tan trường.",
            "16h ngày 30/9",
            "TIME",
            "2020-09-30T16:00",
        ),
        ("Vào khoảng 3 giờ chiều, đoàn xe xuất phát.", "3 giờ chiều", "TIME", "2021-04-22T15:00"),
        ("Lúc khoảng 3 giờ, đoàn xe xuất phát.", "3 giờ", "TIME", "2021-04-22T03:00"),
        ("Lúc 3 giờ, đoàn xe xuất phát.", "3 giờ", "TIME", "2021-04-22T03:00"),
        ("Thời gian quan sát lý tưởng nhất là sau 12 giờ đêm.", "12 giờ đêm", "TIME", "2021-04-22T24:00"),
    ],
)
def test_hours_or_clock(sentence: str, expr: str, typ: str, value: str) -> None:
    got = _tags(sentence, "2021-04-22")
    assert got.get(expr, (None, None, None))[:2] == (typ, value), got


@pytest.mark.parametrize(
    "sentence",
    [
        "Khu vực Quảng trường 30/4 tới đây sẽ được cải tạo.",
        "Công an đã bắt giữ đối tượng trên đường 3/2 vừa qua.",
        "Người dân đứng kín Quảng trường 30/4 - 1/5 để xem pháo hoa.",
        "Thí sinh dự thi Olympic 30/4 năm nay đều đạt huy chương.",
        "Trường THPT 19/5 tới đây sẽ khai giảng sớm.",
        "Giải bóng đá Cúp 30/4 sắp tới sẽ khởi tranh.",
        "Cách mạng Tháng Tám thành công, nước Việt Nam Dân chủ Cộng hòa ra đời.",
    ],
)
def test_daymonth_in_names_is_no_date(sentence: str) -> None:
    got = {t.text: t.value for t in tag(analysis_text(sentence), "2021-04-22") if t.type in ("DATE", "TIME")}
    assert got == {}


@pytest.mark.parametrize(
    ("sentence", "expr", "value"),
    [
        ("Sau Chiến thắng 30/4/1975, đất nước thống nhất.", "30/4/1975", "1975-04-30"),
        ("Hôm 20/4, đường 3/2 bị ngập sâu.", "Hôm 20/4", "2021-04-20"),
        ("Dự kiến trường sẽ khai giảng vào 5/9 tới.", "5/9", "2021-09-05"),
    ],
)
def test_dates_next_to_names_stay(sentence: str, expr: str, value: str) -> None:
    assert _tags(sentence, "2021-04-22").get(expr, (None, None, None))[1] == value


@pytest.mark.parametrize(
    ("sentence", "expr", "value", "value_end"),
    [
        ("Năm 2000 người dân tham gia lễ hội.", "Năm 2000", "2000", None),
        ("Huawei đã có một năm 2020 rất khó khăn.", "năm 2020", "2020", None),
        ("Champions League có 36 đội kể từ mùa giải 2024-25.", "mùa giải 2024-25", "2024", "2025"),
        ("Học phí cho năm học 2019-20 tăng mạnh.", "năm học 2019-20", "2019", "2020"),
    ],
)
def test_years_after_nam(sentence: str, expr: str, value: str, value_end: str | None) -> None:
    got = {t.text: (t.value, t.value_end) for t in tag(analysis_text(sentence), "2021-04-22")}
    assert got.get(expr) == (value, value_end), got


@pytest.mark.parametrize(
    "sentence", ["Chị đã đi bộ năm 2000 km để gặp con.", "Mỗi năm 2000 người đến thăm ngôi chùa."]
)
def test_count_after_nam_is_no_year(sentence: str) -> None:
    assert [t.value for t in tag(analysis_text(sentence), "2021-04-22") if t.type == "DATE"] == []
