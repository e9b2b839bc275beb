"""Issue-3 round 10 (audit 2): "quý" in compounds, holidays just ahead, dates inside a historical paragraph."""

from __future__ import annotations

import pytest

from biennien.analyse.timex import tag
from biennien.vi.normalise import analysis_text


def _tags(text: str, dct: str | None) -> dict[str, tuple[str, str, str | None]]:
    return {t.text: (t.type, t.value, t.value_end) for t in tag(analysis_text(text), dct)}


@pytest.mark.parametrize(
    "sentence",
    [
        # "quý" as the adjective "noble, precious" or a polite form is no quarter
        "Người đẹp 9X là hoa hậu thứ 8 của Mỹ giành danh hiệu cao quý này.",
        "Đây là món quà trân quý này mà bà để lại cho con cháu.",
        "Hai quý vị này đã có mặt từ sớm, ba quý khách còn lại đến muộn.",
        "Những tư liệu quý giá này được lưu giữ tại bảo tàng.",
        "Kinh nghiệm quý báu này giúp anh vượt qua khó khăn.",
        "Kính mời quý khách tới tham quan khu trưng bày.",
    ],
)
def test_quy_in_compounds_is_no_quarter(sentence: str) -> None:
    got = [t for t in tag(analysis_text(sentence), "2021-04-20") if t.type in ("DATE", "DURATION")]
    assert got == [], got


@pytest.mark.parametrize(
    ("sentence", "expr", "value"),
    [
        ("Doanh thu quý này dự kiến tăng 10% so với cùng kỳ.", "quý này", "2021-Q2"),
        ("Lợi nhuận quý tới sẽ phụ thuộc vào giá dầu.", "quý tới", "2021-Q3"),
        ("Trong quý II/2020, công ty đạt 5 tỷ đồng.", "quý II/2020", "2020-Q2"),
    ],
)
def test_real_quarters_stay(sentence: str, expr: str, value: str) -> None:
    assert _tags(sentence, "2021-04-20")[expr][1] == value


@pytest.mark.parametrize(
    ("sentence", "dct", "expr", "value", "value_end"),
    [
        # a past verb of the clause ("đã quyết định", "đã ra thông báo") is about the decision; the holiday
        # a few days ahead is this year's
        (
            "Chiều 28/4, UBND tỉnh đã quyết định dừng bắn pháo hoa vào dịp lễ 30/4 và 1/5 như dự kiến.",
            "2021-04-28",
            "30/4 và 1/5",
            "2021-04-30",
            "2021-05-01",
        ),
        (
            "Các đơn vị lữ hành đã ra thông báo ngừng nhận tour trọn gói dịp lễ 30/4-1/5.",
            "2021-04-27",
            "30/4-1/5",
            "2021-04-30",
            "2021-05-01",
        ),
        # more than a week ahead, a past verb still means last year's
        (
            "Năm đó, công ty đã tổ chức hội nghị vào ngày 20/5 tại Hà Nội.",
            "2021-04-28",
            "ngày 20/5",
            "2020-05-20",
            None,
        ),
    ],
)
def test_past_verb_and_a_holiday_just_ahead(
    sentence: str, dct: str, expr: str, value: str, value_end: str | None
) -> None:
    got = _tags(sentence, dct)[expr]
    assert (got[1], got[2]) == (value, value_end)


@pytest.mark.parametrize(
    ("sentence", "expr", "value"),
    [
        # a cue on the date itself keeps it in the past
        ("Hôm 2/5, anh đã tới thăm gia đình nạn nhân.", "Hôm 2/5", "2020-05-02"),
        ("Ngày 2/5 vừa qua, anh đã tới thăm gia đình nạn nhân.", "Ngày 2/5", "2020-05-02"),
    ],
)
def test_cue_on_the_date_keeps_the_past(sentence: str, expr: str, value: str) -> None:
    assert _tags(sentence, "2021-04-28")[expr][1] == value


@pytest.mark.parametrize(
    ("paragraph", "dct", "expr", "value"),
    [
        # a year-less date in a paragraph about a past year takes that year
        (
            "Quân Nhật đảo chính Pháp vào tháng 3 năm 1945. Vào sáng ngày 3 tháng 7, bốn chiếc xe tới làng.",
            "2021-03-27",
            "sáng ngày 3 tháng 7",
            "1945-07-03TMO",
        ),
        (
            "Mẫu vật được thu thập từ tháng 7 đến tháng 10/2019. Kết quả cho thấy vào tháng 9, không khí có độc.",
            "2021-04-08",
            "tháng 9",
            "2019-09",
        ),
        # a comparison base is no time of the paragraph
        (
            "Số nguyện vọng giảm 3,14% so với năm 2019. Cập nhật đến hết ngày 27/9, có 275.530 thí sinh.",
            "2020-09-29",
            "ngày 27/9",
            "2020-09-27",
        ),
        # a future cue, or a cue counting from the article date, keeps the article's year
        (
            "Công ty thành lập năm 2010. Dự án sẽ khởi công vào ngày 20/5.",
            "2021-04-28",
            "ngày 20/5",
            "2021-05-20",
        ),
        (
            "Anh từng vô địch năm 2015. Ngày 10/4 vừa qua, anh tái xuất.",
            "2021-04-28",
            "Ngày 10/4",
            "2021-04-10",
        ),
    ],
)
def test_historical_paragraph_year(paragraph: str, dct: str, expr: str, value: str) -> None:
    assert _tags(paragraph, dct)[expr][1] == value


def test_the_next_paragraph_returns_to_the_news() -> None:
    text = "Giải đấu ra đời năm 2015.\nNgày 21/4, hải quân đưa thông báo về vụ mất tích."
    assert _tags(text, "2021-04-22")["Ngày 21/4"][1] == "2021-04-21"


@pytest.mark.parametrize(
    ("sentence", "expr", "value"),
    [
        ("Cặp đôi đường ai nấy đi sau lễ tình nhân năm 2018.", "lễ tình nhân năm 2018", "2018-02-14"),
        (
            "Giải chạy được tổ chức vào ngày giỗ tổ Hùng Vương năm 2018.",
            "giỗ tổ Hùng Vương năm 2018",
            "2018-04-25",
        ),
    ],
)
def test_festival_with_nam_and_year(sentence: str, expr: str, value: str) -> None:
    assert _tags(sentence, "2021-04-20")[expr][1] == value
