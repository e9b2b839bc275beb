"""Reference-date inference from an undated article's own dates (ingest.refdate)."""

from __future__ import annotations

from biennien.ingest.refdate import find_dates, infer_reference_date


def test_yearless_day_takes_its_year_from_a_full_month_nearby() -> None:
    text = (
        "Trưa 18/2 (theo giờ địa phương), chuyên cơ chở đoàn đã tới sân bay. "
        "Trong tháng 1/2026, tổng kim ngạch thương mại hai chiều là 15,8 tỷ USD."
    )
    inf = infer_reference_date(text)
    assert inf is not None and (inf.date, inf.precision) == ("2026-02-18", "day")


def test_past_cue_day_in_the_latest_month() -> None:
    text = (
        "Tối 4/4/2025, Chủ tịch đã có cuộc điện đàm. Tối 2/7 vừa qua, hai nhà lãnh đạo lại điện đàm. "
        "Tính đến tháng 7/2025, hai nước đã xây dựng khuôn khổ hợp tác. Năm 2023, kim ngạch vượt 124 tỷ USD."
    )
    inf = infer_reference_date(text)
    assert inf is not None and inf.date == "2025-07-02"


def test_december_day_in_a_january_anchored_text_is_last_year() -> None:
    text = "Trong tháng 1/2025, xuất khẩu tăng mạnh. Sáng 28/12, bộ đã họp tổng kết năm."
    inf = infer_reference_date(text)
    assert inf is not None and inf.date == "2025-01-01" and inf.precision == "month"
    days = [m for m in find_dates(text) if m.precision == "daymonth"]
    assert len(days) == 1 and (days[0].month, days[0].day) == (12, 28)


def test_future_plans_do_not_set_the_reference_date() -> None:
    text = (
        "Ngày 10/3/2026, thành phố công bố kế hoạch đã được thông qua chiều 9/3. "
        "Dự án dự kiến hoàn thành vào ngày 30/12/2027 "
        "và sẽ khai trương tháng 1/2028. Mục tiêu đến năm 2030, thành phố có 10 tuyến metro."
    )
    inf = infer_reference_date(text)
    assert inf is not None and inf.date == "2026-03-10"


def test_years_alone_do_not_anchor() -> None:
    assert (
        infer_reference_date(
            "Năm 1995, hai nước bình thường hóa quan hệ. Năm 2023, hai nước nâng cấp quan hệ."
        )
        is None
    )


def test_yearless_days_alone_cannot_be_placed() -> None:
    assert infer_reference_date("Sáng 18/2, đoàn đến sân bay. Chiều 19/2, đoàn hội đàm.") is None


def test_scores_fractions_and_ranks_are_not_dates() -> None:
    text = "Watford thắng 2-1. Mỹ là nhà đầu tư lớn thứ 11/108 nước, đứng thứ 7/80 nước; tỷ lệ 3/4 học sinh."
    assert [m for m in find_dates(text) if m.precision == "daymonth"] == []


def test_date_forms() -> None:
    text = (
        "ngày 4 tháng 4 năm 2025; 20/02/2026; 20-2-2026; tháng 7/2025; tháng 9 năm 2024; (11/2025); "
        "năm 2023; từ ngày 18 đến 20-2"
    )
    got = [(m.precision, m.year, m.month, m.day) for m in find_dates(text)]
    assert got == [
        ("day", 2025, 4, 4),
        ("day", 2026, 2, 20),
        ("day", 2026, 2, 20),
        ("month", 2025, 7, None),
        ("month", 2024, 9, None),
        ("month", 2025, 11, None),
        ("year", 2023, 1, None),
        ("daymonth", None, 2, 20),
    ]


def test_invalid_dates_are_ignored() -> None:
    assert find_dates("ngày 31/2/2026 và tháng 13/2025") == []


def test_a_lone_historical_date_is_not_the_present() -> None:
    # one old event with its year, and nothing dated near it
    text = "Ngày 18/4/2006, ca sĩ phát hành album đầu tay. Tối qua, chị tổ chức đêm nhạc kỷ niệm."
    assert infer_reference_date(text) is None


def test_a_later_year_makes_the_anchor_history() -> None:
    text = (
        "Tháng 4/2006, nhà hát được khởi công; ngày 13/4/2006 đặt viên đá đầu tiên. "
        "Năm 2020, nhà hát được trùng tu. Sáng 13/4, nhà hát mở cửa đón khách."
    )
    assert infer_reference_date(text) is None


def test_two_full_dates_in_the_same_year_corroborate() -> None:
    text = "Ngày 5/1/2026, bộ ban hành thông tư. Thông tư có hiệu lực từ ngày 20/2/2026 và đã được phổ biến."
    inf = infer_reference_date(text)
    assert inf is not None and inf.date == "2026-02-20"
