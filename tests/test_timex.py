"""The temporal tagger on real-style Vietnamese news sentences, family by family."""

from __future__ import annotations

import pytest

from biennien.analyse.timex import tag
from biennien.vi.normalise import analysis_text


def _tags(text: str, dct: str | None) -> dict[str, tuple[str, str | None, str | None]]:
    text = analysis_text(text)
    return {t.text: (t.value, t.mod, t.value_end) for t in tag(text, dct)}


def _value(text: str, expr: str, dct: str | None) -> str | None:
    hit = _tags(text, dct).get(expr)
    return hit[0] if hit else None


@pytest.mark.parametrize(
    ("sentence", "expr", "dct", "value"),
    [
        ("Ngày 20/02/2026, Bộ Ngoại giao thông báo.", "Ngày 20/02/2026", "2026-02-21", "2026-02-20"),
        ("Cập nhật 14/02/2026 07:22 theo giờ Hà Nội.", "14/02/2026 07:22", "2026-02-14", "2026-02-14T07:22"),
        ("Sáng 18-2-2026, đoàn đã tới Hà Nội.", "Sáng 18-2-2026", None, "2026-02-18TMO"),
        ("Ông sinh ngày 18 tháng 2 năm 1960 tại Nghệ An.", "ngày 18 tháng 2 năm 1960", None, "1960-02-18"),
        ("Hội nghị diễn ra ngày 18.2 tại Hà Nội.", "ngày 18.2", "2026-02-10", "2026-02-18"),
        ("Anh nhập ngũ tháng 7-1995 khi mới 18 tuổi.", "tháng 7-1995", "2020-05-01", "1995-07"),
        ("Từ tháng 7/2025, mức lương cơ sở tăng.", "tháng 7/2025", "2025-03-01", "2025-07"),
        ("Bà mất vào tháng Bảy năm 1995.", "tháng Bảy năm 1995", None, "1995-07"),
        ("Trong năm 2025, doanh nghiệp dự kiến mở rộng.", "năm 2025", "2025-01-05", "2025"),
        ("Những bộ phim thập niên 1990 được chiếu lại.", "thập niên 1990", "2021-01-05", "199"),
        ("Đây là công trình của thế kỷ 20.", "thế kỷ 20", "2021-01-05", "19"),
        ("Tối 2/7 vừa qua, khán giả đã đến sân.", "Tối 2/7", "2025-07-10", "2025-07-02TEV"),
        ("Thời hạn nộp hồ sơ đến ngày 5/6.", "ngày 5/6", "2024-05-28", "2024-06-05"),
        ("Chiều 13-2, Tổng Bí thư tiếp đoàn.", "Chiều 13-2", "2026-02-14", "2026-02-13TAF"),
        ("Lúc 6h45 ngày 3/9/2023, xe khách gặp nạn.", "6h45 ngày 3/9/2023", "2023-09-05", "2023-09-03T06:45"),
        ("Khoảng 21h15 tối qua, đám cháy bùng phát.", "21h15 tối qua", "2024-03-10", "2024-03-09T21:15"),
        ("Hôm qua, Bộ Y tế ghi nhận thêm ca mắc.", "Hôm qua", "2021-08-02", "2021-08-01"),
        ("Năm ngoái, doanh thu đạt 10 tỷ đồng.", "Năm ngoái", "2021-08-02", "2020"),
        ("Trưa mai 12/8, đội tuyển sẽ lên đường.", "Trưa mai 12/8", "2024-08-11", "2024-08-12TMD"),
        ("Chỉ số tăng 5% so với cùng kỳ năm trước.", "cùng kỳ năm trước", "2024-08-11", "2023"),
        ("Cầu thủ này đã rời đội 3 ngày trước.", "3 ngày trước", "2024-08-11", "2024-08-08"),
        ("Thứ Hai vừa qua, nhà trường đã khai giảng.", "Thứ Hai vừa qua", "2024-08-11", "2024-08-05"),
        ("Doanh thu quý 2/2023 giảm mạnh.", "quý 2/2023", "2023-08-11", "2023-Q2"),
        ("Lợi nhuận quý IV/2022 tăng.", "quý IV/2022", "2023-02-11", "2022-Q4"),
        ("Trong 6 tháng đầu năm, xuất khẩu tăng 10%.", "6 tháng đầu năm", "2023-07-11", "2023-H1"),
        ("Công trình sẽ khởi công vào đầu tháng 9/2022.", "đầu tháng 9/2022", "2022-07-11", "2022-09"),
        ("Lễ hội Tết Nguyên đán 2026 sắp đến.", "Tết Nguyên đán 2026", "2026-01-10", "2026-02-17"),
        ("Sáng mùng 1 Tết, người dân đi lễ chùa.", "Sáng mùng 1 Tết", "2026-02-10", "2026-02-17TMO"),
        ("Hội trại được tổ chức từ ngày 18 đến 20-2.", "từ ngày 18 đến 20-2", "2026-02-10", "2026-02-18"),
        ("Họ làm việc suốt 10 ngày liền.", "10 ngày", "2026-02-10", "P10D"),
        ("Sau 30 năm, ông mới trở về quê.", "30 năm", "2026-02-10", "P30Y"),
        ("Ba tháng qua, giá vàng tăng liên tục.", "Ba tháng qua", "2026-02-10", "P3M"),
        ("Ông đã làm việc ở đây hơn hai năm.", "hơn hai năm", "2026-02-10", "P2Y"),
        ("Đặt lịch hẹn vào ngày 18/2.", "ngày 18/2", None, "XXXX-02-18"),
    ],
)
def test_families(sentence: str, expr: str, dct: str | None, value: str) -> None:
    assert _value(sentence, expr, dct) == value


def test_previous_anchor() -> None:
    text = "Sáng 13/2, đoàn đến Hà Nội. Chiều cùng ngày, đoàn gặp lãnh đạo. Hôm sau, đoàn về nước."
    got = _tags(text, "2026-02-20")
    assert got["Chiều cùng ngày"][0] == "2026-02-13TAF"
    assert got["Hôm sau"][0] == "2026-02-14"


def test_previous_anchor_takes_the_latest_date_at_its_precision() -> None:
    text = "Ngày 20/4/2021, bà kể lại. Năm 1996, ông đoạt giải Nhất. Cùng năm đó, ông ở lại trường."
    assert _tags(text, "2021-04-22")["Cùng năm"][0] == "1996"
    text = "Sáng 20/4, đoàn đến. Tháng 2/2021, cặp đôi đi du lịch. Hai tháng sau, họ chia tay."
    assert _tags(text, "2021-04-23")["Hai tháng sau"][0] == "2021-04"


def test_range_and_mod() -> None:
    got = _tags("Đợt nghỉ kéo dài từ ngày 25/12 tới ngày 2/1.", "2024-12-20")
    assert got["từ ngày 25/12 tới ngày 2/1"] == ("2024-12-25", None, "2025-01-02")
    got = _tags("Dự án hoàn thành cuối năm 2024.", "2024-02-01")
    assert got["cuối năm 2024"] == ("2024", "END", None)


@pytest.mark.parametrize(
    "sentence",
    [
        "Doanh thu đạt 15,8 tỷ đồng, tăng 28,6% so với 1.409 tỷ.",
        "Có 11/108 trường đạt chuẩn, 63/63 tỉnh đã triển khai.",
        "Phương án thứ hai được chọn ở vòng thứ hai.",
        "Thứ hai, cần tăng cường kiểm tra.",
        "Năm người bị thương trong vụ tai nạn.",
        "Bệnh nhân BN1234 đi chuyến bay VN250, khóa QH15.",
        "Đội nhà thắng với tỷ số 2-1.",
        "Phiên bản iOS 14.2 đã được phát hành.",
        "Liên hệ số 0912.345.678 để được hỗ trợ.",
    ],
)
def test_negatives(sentence: str) -> None:
    dates = [t for t in tag(analysis_text(sentence), "2024-05-01") if t.type in ("DATE", "TIME")]
    assert dates == []


def test_spans_sorted_and_disjoint() -> None:
    text = analysis_text(
        "Sáng 13/2, từ 8h đến 10h, đoàn làm việc. Ngày hôm sau, ngày 15/2/2026, ba ngày liền."
    )
    out = tag(text, "2026-02-20")
    assert out, "expected some timexes"
    for a, b in zip(out, out[1:], strict=False):
        assert a.end <= b.start
    for t in out:
        assert text[t.start : t.end] == t.text
    assert tag(text, "2026-02-20") == out


def test_year_lists_tag_every_year() -> None:
    got = _tags("Núi lửa phun trào vào năm 1994 và 2010, rồi các năm 2017, 2018 và 2019.", "2021-03-24")
    assert {v for v, _, _ in got.values()} >= {"1994", "2010", "2017", "2018", "2019"}


@pytest.mark.parametrize(
    ("sentence", "expr", "dct", "value"),
    [
        ("Năm nay là năm Tân Sửu.", "năm Tân Sửu", "2021-04-01", "2021"),
        ("Dịp Tết Canh Tý, nhiều gia đình về quê.", "Tết Canh Tý", "2020-03-01", "2020-01-25"),
        ("Người dân chuẩn bị đón Tết Giáp Thìn.", "Tết Giáp Thìn", "2023-12-20", "2024-02-10"),
        ("Cô dự kiến sinh con vào mùa hè năm nay.", "mùa hè năm nay", "2021-04-08", "2021-SU"),
        ("Trận đấu kết thúc sau 3 giờ 11 phút.", "3 giờ 11 phút", "2020-10-01", "PT3H11M"),
        ("Đặc biệt là trong dịp nghỉ lễ 30/4 và 1/5.", "30/4 và 1/5", "2021-04-27", "2021-04-30"),
        ("Họ học thực hành vào thứ 7 mỗi tuần.", "thứ 7 mỗi tuần", "2021-04-17", "XXXX-WXX-6"),
        ("Bộ trưởng đã gặp đại diện các CLB vào hôm thứ Ba.", "thứ Ba", "2021-04-20", "2021-04-20"),
        ("Thứ Ba vừa qua, đội đã tập luyện.", "Thứ Ba vừa qua", "2021-04-20", "2021-04-13"),
        ("Doanh thu năm 2020 tăng 3,8% so với cùng kỳ năm ngoái.", "cùng kỳ năm ngoái", "2021-04-01", "2019"),
        ("Họ phải trả vào tháng 7/2015, hoặc trễ nhất là cuối năm.", "cuối năm", "2021-04-19", "2015"),
        ("Khu rừng còn nguyên vẹn như 500 năm trước với nhiều loài.", "500 năm trước", "2021-04-17", "1521"),
        ("Nửa năm sau khi lên kệ, máy đã giảm giá.", "Nửa năm", "2021-04-22", "P6M"),
        ("Nhà hát mở cửa năm 1599, và trong suốt 14 năm sau đó rất đông khách.", "14 năm", None, "P14Y"),
        ("Lễ trao giải dự kiến tổ chức ngày13/7.", "ngày13/7", "2021-04-08", "2021-07-13"),
        ("Kẻ trộm bị bắt hôm 23-8 tại Gia Lâm.", "hôm 23-8", "2021-04-27", "2020-08-23"),
        (
            "Anh về nhất với thời gian 4 giờ 3 phút 29 giây.",
            "4 giờ 3 phút 29 giây",
            "2021-04-25",
            "PT4H3M29S",
        ),
        ("Em tập trung nhất là từ 4 - 5 giờ chiều.", "5 giờ chiều", "2021-04-26", "2021-04-26T17:00"),
        (
            "Tàu phóng ngày 30/7/2020 nhưng mới đổ bộ vào ngày 18/2 vừa qua.",
            "ngày 18/2",
            "2021-04-19",
            "2021-02-18",
        ),
        (
            "Tháng 4 năm nay, cô nhận vị trí CEO, nhưng chỉ tại vị đến tháng 9.",
            "tháng 9",
            "2021-04-19",
            "2021-09",
        ),
        (
            "Lễ an táng ngày mùng 3 tháng 3 năm Tân Sửu.",
            "mùng 3 tháng 3 năm Tân Sửu",
            "2021-04-11",
            "2021-04-14",
        ),
        ("Năm vừa qua có 660 hố sụt được ghi nhận.", "Năm vừa qua", "2021-04-30", "2020"),
        ("Doanh số tăng mạnh trong quý vừa qua.", "quý vừa qua", "2021-04-03", "2021-Q1"),
        ("Các loài trên đảo đều tăng kích thước sau mỗi thập kỷ.", "mỗi thập kỷ", "2021-04-26", "P10Y"),
        (
            "Mùa du lịch Cửa Lò kéo dài từ tháng 4 đến tháng 9 hàng năm.",
            "từ tháng 4 đến tháng 9",
            "2021-04-03",
            "XXXX-04",
        ),
        (
            "Sau khi từ bỏ danh hiệu Hoa hậu Lào 2021, cô sẽ không đại diện cho Lào tại cuộc thi diễn ra vào tháng 12 tới.",
            "tháng 12",
            "2021-04-06",
            "2021-12",
        ),
        ("Hai bên từng ước hẹn sẽ phân tài cao thấp vào ngày 17/4.", "ngày 17/4", "2021-04-20", "2021-04-17"),
        ("Lampard bị sa thải vào tháng Giêng.", "tháng Giêng", "2021-04-24", "2021-01"),
        ("Lễ hội chùa Hương kéo dài suốt tháng Giêng.", "tháng Giêng", "2021-04-24", "2021-02-12"),
        ("Chùa Thiên Mụ chính thức khởi lập năm Tân Sửu (1601).", "năm Tân Sửu (1601)", "2021-04-18", "1601"),
        (
            "Samsung cho đặt trước từ ngày hôm nay và bán ra vào ngày 14/5.",
            "ngày 14/5",
            "2021-04-29",
            "2021-05-14",
        ),
        ("Vài năm nay, cô thu hút dư luận.", "Vài năm", "2021-04-05", "PXY"),
        (
            "Hồi mùa hè năm ngoái, nhiệt độ cùng kỳ năm ngoái là 40 độ C.",
            "cùng kỳ năm ngoái",
            "2021-04-29",
            "2020",
        ),
    ],
)
def test_follow_up_families(sentence: str, expr: str, dct: str, value: str) -> None:
    assert _value(sentence, expr, dct) == value


@pytest.mark.parametrize(
    ("sentence", "expr", "value", "end"),
    [
        ("Cầu thủ phải nghỉ thi đấu từ 6-8 tuần.", "từ 6-8 tuần", "P6W", "P8W"),
        ("Dự báo mưa lớn kéo dài trong 1-2 ngày tới.", "1-2 ngày tới", "P1D", "P2D"),
        ("Nên vệ sinh máy sau khoảng từ 3 - 6 tháng.", "khoảng từ 3 - 6 tháng", "P3M", "P6M"),
    ],
)
def test_number_ranges_are_durations(sentence: str, expr: str, value: str, end: str) -> None:
    got = _tags(sentence, "2021-04-20")
    assert got[expr][0] == value and got[expr][2] == end


@pytest.mark.parametrize(
    "sentence",
    [
        "Cô là nhân vật hút truyền thông nhất trong mùa thứ hai này.",
        "Đây là phiên tòa thứ 3 của vụ án, lần thứ hai bị hoãn.",
        "Kiki Bertens thắng với tỷ số 2-1 (7-6, 3-6, 9-7).",
        'Người dân gọi là "Đảo ngày mai" và "Đảo hôm qua".',
        "Như đã công bố trong tuyển sinh các năm trước đây.",
        "Tình trạng bắt nạt học đường hiện nay rất nghiêm trọng.",
        "Trước đây, chỉ phim chiếu rạp mới đủ điều kiện tranh giải.",
        "Đường 3/2 luôn đông xe vào giờ cao điểm.",
        "Máy hoạt động 24/24 giờ.",
        "Viettel khai trương mạng 5G tại 15 tỉnh.",
        "Thuê bao nhận gói dữ liệu 4G 10 GB mỗi tháng.",
        "Bác sĩ Nguyễn Quốc Khánh chia sẻ kinh nghiệm nuôi con.",
        "Học sinh đi bộ băng qua đường Cách mạng Tháng 8, quận Ninh Kiều.",
    ],
)
def test_more_negatives(sentence: str) -> None:
    dates = [t for t in tag(analysis_text(sentence), "2021-04-20") if t.type in ("DATE", "TIME")]
    assert dates == []


def test_a_month_number_is_not_a_count() -> None:
    got = _tags("Thí sinh phải có hộ khẩu đủ 3 năm (tính đến tháng 9 năm dự tuyển).", "2021-04-26")
    assert "9 năm" not in got and got["3 năm"][0] == "P3Y"
    got = _tags("Mang thai 9 tháng 10 ngày, thời gian không quá dài.", "2021-04-26")
    assert got["10 ngày"][0] == "P10D"


def test_decade_range_and_nights() -> None:
    got = _tags("Kiểu tóc này phổ biến hồi những năm 1960-1970.", "2021-04-09")
    assert got["những năm 1960-1970"] == ("196", None, "197")
    got = _tags("Show diễn sẽ được tổ chức vào hai đêm 30/4 - 1/5.", "2021-04-27")
    assert got["đêm 30/4 - 1/5"] == ("2021-04-30TNI", None, "2021-05-01TNI")


def test_text_whose_lower_case_is_longer_gets_the_same_timexes() -> None:
    """The trigger scan runs on the lower-cased text, except when lower-casing changes its length."""
    text = analysis_text("Sáng 13/2, các đoàn đến. Năm nay, trên 10 năm qua, từ ngày 18 đến 20-2.")
    plain = [(t.start + 2, t.value, t.value_end) for t in tag(text, "2026-02-21")]
    longer = [(t.start, t.value, t.value_end) for t in tag("İ " + text, "2026-02-21")]
    assert plain == longer and len(plain) == 4


def test_no_expression_across_paragraphs() -> None:
    text = analysis_text("Phút 45+2: Hết hiệp 1\nPhút 44: Mane băng vào dứt điểm.")
    assert [t.text for t in tag(text, "2021-04-24")] == []


@pytest.mark.parametrize(
    ("sentence", "expr", "value"),
    [
        (
            "thông qua chuyến thăm Mỹ của Bộ trưởng Quốc phòng (9/2024) và chuyến thăm Việt Nam",
            "9/2024",
            "2024-09",
        ),
        (
            "như Đối thoại Chính trị - An ninh - Quốc phòng 14 (12-2025), Đối thoại An ninh",
            "12-2025",
            "2025-12",
        ),
        ("Đến 04/2019 thì cô chuyển sang làm Tổng giám đốc.", "04/2019", "2019-04"),
        ("Bộ phim đầu tay (2015) của anh giành nhiều giải.", "2015", "2015"),
        ("Chiều 2/9 người dân đổ về Quảng trường Ba Đình.", "Chiều 2/9", "2025-09-02TAF"),
        ("Trong năm 2017, 2018 lần lượt là 182 và 197 tỷ đồng.", "2018", "2018"),
    ],
)
def test_bracketed_month_year_and_dates_before_nouns(sentence: str, expr: str, value: str) -> None:
    assert _value(sentence, expr, "2026-02-18") == value


@pytest.mark.parametrize(
    ("sentence", "span"),
    [
        ("Sau khi giải đấu có đến 8/12 đội bóng rút lui, ban tổ chức vẫn nói cứng.", "8/12"),
        ("Cát-sê của hai diễn viên chiếm đến 1/3 tổng chi phí sản xuất.", "1/3"),
        ("Anh ta có thể ăn đến 1/4 … con bò trong một ngày.", "1/4"),
        ("Cuộc họp chỉ có 3/5 thành viên hội đồng tán thành.", "3/5"),
        ("Trận đấu khép lại với tỷ số (2-1) nghiêng về đội khách.", "2-1"),
        ("Đội chủ nhà chỉ thắng (3/4) trận ở vòng bảng.", "3/4"),
        ("Bản đồ quy hoạch tỷ lệ 1/2000 được công bố.", "1/2000"),
        ("Biệt thự của cô lên tới 1000 triệu nhân dân tệ.", "1000"),
        ("Căn hộ có giá thuê lên đến 2000 USD mỗi tháng.", "2000"),
        ("Trong năm 2020, 2000 người đã mất việc làm.", "2000"),
        ("Từ 1500 người lúc đầu, nay công ty có hơn 3000 người.", "1500"),
        ("Một ngày 3-4 lần, những con ngỗng bị nhét ống vào cổ họng.", "3-4"),
        ("Buổi lễ thu hút khoảng 1900-2000 người tham dự.", "1900-2000"),
    ],
)
def test_fractions_and_amounts_are_not_dates(sentence: str, span: str) -> None:
    dated = [t.text for t in tag(analysis_text(sentence), "2026-02-18") if t.type in ("DATE", "TIME")]
    assert not any(span in text for text in dated), dated


def test_a_dated_heading_does_not_glue_to_the_next_paragraph() -> None:
    """A live-blog heading ``Thứ Hai ngày 19 tháng 4`` and the clock opening the next line stay two
    expressions; the clock (and ``cùng ngày`` after it) still take the heading's day."""
    text = analysis_text(
        "Thứ Hai ngày 19 tháng 4\n1 giờ chiều: Phản ứng dữ dội.\n9 giờ sáng cùng ngày: Các đại diện rời đi."
    )
    got = {t.text: t.value for t in tag(text, "2021-04-21")}
    assert got == {
        "ngày 19 tháng 4": "2021-04-19",
        "1 giờ chiều": "2021-04-19T13:00",
        "9 giờ sáng cùng ngày": "2021-04-19T09:00",
    }


def test_month_ranges_with_digits() -> None:
    got = _tags("Đợt thi công kéo dài (12/2025 - 2/2026) tại hai tỉnh.", "2026-02-18")
    assert got["12/2025 - 2/2026"] == ("2025-12", None, "2026-02")
    got = _tags("Chương trình áp dụng từ 9/2024 đến 11/2025.", "2026-02-18")
    assert got["từ 9/2024 đến 11/2025"] == ("2024-09", None, "2025-11")
    got = _tags("Giai đoạn 2016-2020 người dân được hỗ trợ vốn.", "2026-02-18")
    assert got["2016-2020"] == ("2016", None, "2020")
