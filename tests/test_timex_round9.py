"""Issue-3 round 9: ages and counts are no dates, midnight past 12 giờ đêm, battery hours, held-out 2 misses."""

from __future__ import annotations

import pytest

from biennien.analyse.timex import tag
from biennien.vi.normalise import analysis_text


def _tags(text: str, dct: str | None) -> dict[str, tuple[str, str, str | None]]:
    return {t.text: (t.type, t.value, t.mod) for t in tag(analysis_text(text), dct)}


@pytest.mark.parametrize(
    "sentence",
    [
        # an age range is no day-month: "tuổi" counts what the pair measures
        "Theo một số nghiên cứu, trẻ em từ 3-8 tuổi có nguy cơ bị xâm hại nhiều nhất.",
        "Cụ thể, với những học sinh nhỏ (5-12 tuổi), phụ huynh có thể áp dụng 30 ngày thử thách.",
        # an age after "năm" is no year, a 3-4 digit count before a counted noun or unit is no year
        "Chloe Bennet bắt đầu đi hát từ năm 15 tuổi.",
        "Hồi năm 15 tuổi, cô đã rời quê lên thành phố học nghề.",
        "Anh đã thử khoảng 1900 lần trước khi thành công.",
        "Lượng phóng xạ tại đây vẫn cao gấp 1900 lần so với bình thường.",
        "Giải chạy thu hút khoảng 2000 người tham dự.",
        "Đoàn xe đã đi hơn 1500 km để tới nơi.",
        "Đội tuyển đạt tổng cộng 1950 điểm sau ba vòng thi.",
        # a bare 4-digit number after a verb of amount + "tới/đến" is a figure, whatever unit follows
        "Màn hình có độ sáng đạt tới 1000 nits, tần số quét 120Hz.",
        "Tấm nền siêu sáng với độ sáng lên tới 1000 nit và tần số lấy mẫu 180Hz.",
    ],
)
def test_ages_and_counts_are_no_dates(sentence: str) -> None:
    got = [t for t in tag(analysis_text(sentence), "2021-04-20") if t.type in ("DATE", "TIME")]
    assert got == [], got


@pytest.mark.parametrize(
    ("sentence", "expr", "typ", "value"),
    [
        # "12 giờ đêm" is T24:00 of its day; half an hour later is 00:30 of the next day
        ("Họ về đến nhà lúc 12h30 đêm.", "12h30 đêm", "TIME", "2021-04-21T00:30"),
        ("Vụ cháy xảy ra khoảng 12h30 đêm 31/12/2020.", "12h30 đêm 31/12/2020", "TIME", "2021-01-01T00:30"),
        ("Thời gian quan sát lý tưởng nhất là sau 12 giờ đêm.", "12 giờ đêm", "TIME", "2021-04-20T24:00"),
        ("Khoảng 11h đêm 5/3, người dân nghe tiếng nổ.", "11h đêm 5/3", "TIME", "2021-03-05T23:00"),
        # a battery that runs "liên tục đến 10 giờ" runs ten hours, not until 10 o'clock
        ("Người dùng có thể nghe nhạc liên tục đến 10 giờ khi sạc đầy.", "10 giờ", "DURATION", "PT10H"),
        ("Cửa hàng mở đến 10 giờ tối.", "10 giờ tối", "TIME", "2021-04-20T22:00"),
        # number words before "năm ngày": years of an anniversary, not five days
        ("Kỷ niệm một năm ngày cưới, hai vợ chồng đăng ảnh cũ.", "một năm", "DURATION", "P1Y"),
        ("Vợ chồng ca sĩ kỷ niệm bảy năm ngày cưới.", "bảy năm", "DURATION", "P7Y"),
        ("Trong năm ngày qua, tỉnh ghi nhận 20 ca mắc.", "năm ngày qua", "DURATION", "P5D"),
        # a subject pronoun after "N năm trước" opens the clause: "a year ago", not "a year before me"
        ('Cô viết: "Một năm trước tôi đã có hôn lễ đẹp như mơ.', "Một năm trước", "DATE", "2020"),
        ("1 tuần trước trận chung kết, đội bóng đã hội quân.", "1 tuần", "DURATION", "P1W"),
    ],
)
def test_round9_values(sentence: str, expr: str, typ: str, value: str) -> None:
    got = _tags(sentence, "2021-04-20")
    assert got.get(expr, (None, None, None))[:2] == (typ, value), got


def test_years_after_plain_cues_stay() -> None:
    got = _tags("Kế hoạch sẽ kéo dài tới 2030. Đến 2021, hãng tiếp tục cải tiến.", "2021-04-20")
    assert got["2030"][1] == "2030" and got["2021"][1] == "2021", got


def test_weekend_after_sunday_with_future_cue_is_next_weekend() -> None:
    text = "Sau đó, tới cuối tuần, họ sẽ chạm trán với Real Betis ở La Liga."
    assert _tags(text, "2020-11-01")["cuối tuần"][1] == "2020-W45-WE"  # a Sunday article
    assert _tags(text, "2020-10-30")["cuối tuần"][1] == "2020-W44-WE"  # a Friday article
    assert _tags("Cuối tuần, đội đã thắng đậm.", "2020-11-01")["Cuối tuần"][1] == "2020-W44-WE"
