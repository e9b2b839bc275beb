"""Round 11 (QA audit 3, problem 5): year-less ranges placed as a whole, count ranges after ``từ``,
habitual weekdays."""

from __future__ import annotations

from datetime import date

import pytest

from biennien.analyse.timex import tag


def _find(text: str, dct: date, expr: str):  # type: ignore[no-untyped-def]
    hits = [t for t in tag(text, dct) if t.text == expr]
    assert hits, f"{expr!r} not tagged in {text!r}: {[(t.text, t.value) for t in tag(text, dct)]}"
    return hits[0]


@pytest.mark.parametrize(
    ("text", "dct", "expr", "value", "value_end"),
    [
        # a window that opens around the article date runs forward, even when its end is far ahead
        (
            "Đường dây nóng hoạt động từ ngày 27/4 đến ngày 31/12.",
            date(2021, 4, 28),
            "từ ngày 27/4 đến ngày 31/12",
            "2021-04-27",
            "2021-12-31",
        ),
        (
            "Chương trình giảm giá kéo dài từ 10-4 đến hết 31-12.",
            date(2021, 4, 19),
            "từ 10-4 đến hết 31-12",
            "2021-04-10",
            "2021-12-31",
        ),
        # a window wholly ahead is nearer ahead than the last year's one behind
        (
            "Đợt 2: Từ ngày 6/8 đến ngày 1/9 thí sinh điều chỉnh nguyện vọng.",
            date(2021, 4, 28),
            "Từ ngày 6/8 đến ngày 1/9",
            "2021-08-06",
            "2021-09-01",
        ),
        # a window over New Year stays one window
        (
            "Cửa hàng mở từ ngày 25/12 tới ngày 2/1.",
            date(2024, 12, 20),
            "từ ngày 25/12 tới ngày 2/1",
            "2024-12-25",
            "2025-01-02",
        ),
        # a past cue still puts a window behind the article date
        (
            "Lễ hội đã diễn ra từ ngày 10/3 đến ngày 20/3 vừa qua.",
            date(2021, 4, 28),
            "từ ngày 10/3 đến ngày 20/3",
            "2021-03-10",
            "2021-03-20",
        ),
        # and a past cue on a window that includes the article date keeps it (it is this year's)
        (
            "Hội chợ đã khai mạc, diễn ra từ ngày 25/4 đến ngày 5/5.",
            date(2021, 4, 28),
            "từ ngày 25/4 đến ngày 5/5",
            "2021-04-25",
            "2021-05-05",
        ),
    ],
)
def test_year_less_range_as_a_whole(text: str, dct: date, expr: str, value: str, value_end: str) -> None:
    t = _find(text, dct, expr)
    assert (t.value, t.value_end) == (value, value_end)


@pytest.mark.parametrize(
    "text",
    [
        "Cũng có trường hợp mang thai từ 1-5 hổ con.",
        "Mỗi lần đẻ, cá có thể đẻ từ 2-4 quả trứng lớn.",
    ],
)
def test_rising_pair_after_tu_before_a_noun_is_a_count(text: str) -> None:
    assert [t for t in tag(text, date(2021, 4, 21)) if t.type in ("DATE", "TIME")] == []


def test_dashed_date_after_tu_before_a_range_word_stays_a_date() -> None:
    t = _find("Lễ hội diễn ra từ 1-5 đến 3-5.", date(2021, 4, 21), "từ 1-5 đến 3-5")
    assert (t.value, t.value_end) == ("2021-05-01", "2021-05-03")


@pytest.mark.parametrize(
    ("text", "values"),
    [
        (
            "Trong đó vào những ngày thứ 7, Chủ nhật lượng khách tăng cao đột biến.",
            ["XXXX-WXX-6", "XXXX-WXX-7"],
        ),
        ("Hàng tuần, khu chợ chỉ họp vào thứ Bảy và Chủ nhật.", ["XXXX-WXX-6", "XXXX-WXX-7"]),
        ("Tuyến tàu hoạt động vào các ngày thứ 3, thứ 5, thứ 7.", ["XXXX-WXX-2", "XXXX-WXX-4", "XXXX-WXX-6"]),
        ("Quán thường đông khách vào Chủ nhật.", ["XXXX-WXX-7"]),
    ],
)
def test_habitual_weekdays_are_sets(text: str, values: list[str]) -> None:
    got = [t for t in tag(text, date(2021, 4, 21)) if t.value.startswith("XXXX-WXX") or t.type == "DATE"]
    assert [(t.type, t.value) for t in got] == [("SET", v) for v in values]


def test_specific_weekends_stay_dates() -> None:
    got = tag("Anh đã gặp cô vào thứ Bảy và Chủ nhật vừa qua.", date(2021, 4, 21))
    assert [t.value for t in got] == ["2021-04-17", "2021-04-18"]


def test_sentence_year_not_overridden_by_clause_tense() -> None:
    text = "Trong năm 2020 vừa qua, sau hai đợt kích cầu lớn vào tháng 5 và tháng 10, lượng khách tăng mạnh."
    got = {t.text: t.value for t in tag(text, date(2021, 4, 19))}
    assert got["tháng 5"] == "2020-05"
    assert got["tháng 10"] == "2020-10"
