"""Facts: measure, subject and period of every figure, with hand-built timexes."""

from __future__ import annotations

import re

from biennien.analyse import facts
from biennien.analyse.quantity import extract
from biennien.model import Fact, Timex
from biennien.vi.sentences import split_sentences


def timex(text: str, phrase: str, value: str, mod: str | None = None, type_: str = "DATE") -> Timex:
    start = text.index(phrase)
    return Timex(phrase, start, start + len(phrase), type_, value, mod=mod)  # type: ignore[arg-type]


def run(text: str, timexes: list[Timex]) -> list[Fact]:
    qs = extract(text, timexes)
    return facts.extract("doc1", text, split_sentences(text), qs, timexes, [])


TRADE = (
    "Về kinh tế - thương mại - đầu tư, trong tháng 1-2026, tổng kim ngạch thương mại hai chiều là "
    "15,8 tỷ USD, trong đó Việt Nam xuất khẩu đạt 13,9 tỷ USD, nhập khẩu 1,9 tỷ USD (xuất siêu đạt "
    "12 tỷ USD, tăng 28,6% so với cùng kỳ năm trước)."
)


def test_each_figure_gets_its_own_measure() -> None:
    tx = [timex(TRADE, "tháng 1-2026", "2026-01"), timex(TRADE, "cùng kỳ năm trước", "2025-01")]
    fs = run(TRADE, tx)
    got = [(f.measure, f.value, f.unit, f.period, f.direction) for f in fs]
    assert got == [
        ("tổng kim ngạch thương mại hai chiều", 15.8e9, "USD", "2026-01", None),
        ("xuất khẩu", 13.9e9, "USD", "2026-01", None),
        ("nhập khẩu", 1.9e9, "USD", "2026-01", None),
        ("xuất siêu", 12e9, "USD", "2026-01", None),
        ("xuất siêu", 28.6, "%", "2026-01", "up"),  # a change is a fact about its base measure
    ]
    assert fs[1].subject == "Việt Nam"
    assert fs[0].subject is None


def test_evidence_points_at_the_sentence() -> None:
    text = "Mở đầu bài. " + TRADE
    fs = run(text, [])
    ev = fs[0].evidence[0]
    assert ev.doc == "doc1"
    assert text[ev.start : ev.end] == ev.sentence == TRADE
    assert fs[0].period is None  # no timex, no period


def test_subject_rank_and_counts() -> None:
    text = (
        "Hoa Kỳ là nhà đầu tư nước ngoài lớn thứ 11/108 nước và vùng lãnh thổ đầu tư vào Việt Nam, "
        "với khoảng 1.409 dự án đầu tư có tổng vốn trên 11,9 tỷ USD."
    )
    fs = run(text, [])
    assert [(f.measure, f.subject, f.qualifier) for f in fs] == [
        ("nhà đầu tư nước ngoài", "Hoa Kỳ", None),
        ("dự án đầu tư", "Hoa Kỳ", "about"),
        ("tổng vốn", "Hoa Kỳ", "over"),
    ]
    assert fs[0].rank_of == 108


def test_period_with_mod_and_nearest_clause() -> None:
    text = (
        "Tính đến giữa năm 2024, tổng vốn đầu tư đạt 11 tỷ USD. "
        "Trong năm 2025, xuất khẩu đạt 120 tỷ USD, còn quý I/2026 đạt 33 tỷ USD."
    )
    tx = [
        timex(text, "giữa năm 2024", "2024", "MID"),
        timex(text, "năm 2025", "2025"),
        timex(text, "quý I/2026", "2026-Q1"),
    ]
    fs = run(text, tx)
    assert [(f.value, f.period, f.period_mod) for f in fs] == [
        (11e9, "2024", "MID"),
        (120e9, "2025", None),
        (33e9, "2026-Q1", None),
    ]


def test_comparison_base_is_not_the_period() -> None:
    text = "Xuất khẩu tăng 12% so với năm 2024."
    fs = run(text, [timex(text, "năm 2024", "2024")])
    assert fs[0].period is None
    assert fs[0].direction == "up"


def test_ids_are_deterministic_and_distinct() -> None:
    a = [f.id for f in run(TRADE, [])]
    b = [f.id for f in run(TRADE, [])]
    assert a == b and len(set(a)) == len(a)
    assert all(re.fullmatch(r"fa[0-9a-f]{12}", i) for i in a)


def test_a_timex_in_a_later_clause_is_not_the_period() -> None:
    text = "Các khách sạn cam kết giảm giá từ 10-30%, áp dụng đến hết ngày 22/4."
    fs = run(text, [timex(text, "ngày 22/4", "2021-04-22")])
    assert [(f.value, f.period) for f in fs] == [(10.0, None)]


def test_a_timex_past_a_bracketed_aside_is_the_period() -> None:
    text = "Việt Nam đã công bố được 14.009 công trình ISI (loại article) trong năm 2020."
    fs = run(text, [timex(text, "năm 2020", "2020")])
    assert [(f.value, f.period) for f in fs] == [(14009.0, "2020")]


def test_a_part_of_day_in_another_clause_dates_the_event_not_the_figure() -> None:
    text = "Ở giải chạy tổ chức sáng nay, ông tiếp tục chinh phục đường đua dài 42km."
    tx = [timex(text, "sáng nay", "2020-11-01TMO", type_="TIME")]
    fs = run(text, tx)
    assert [(f.unit, f.period) for f in fs] == [("km", None)]
    same_clause = "Giá vàng sáng nay là 68,2 triệu đồng/lượng."
    fs = run(same_clause, [timex(same_clause, "sáng nay", "2020-11-01TMO", type_="TIME")])
    assert [f.period for f in fs] == ["2020-11-01TMO"]


def test_the_measure_is_the_noun_phrase_not_the_verb_or_an_evaluation() -> None:
    text = "Phim thu về hơn 378 triệu USD dù chỉ đầu tư ở mức khiêm tốn 15 triệu USD."
    assert run(text, [])[-1].measure == "đầu tư"
    text = "Trong 5 năm qua, toàn tỉnh đã tổ chức trao 395.550 suất học bổng."
    assert [f.measure for f in run(text, [])] == ["suất học bổng"]
    text = "Chương trình gồm giao lưu; trao học bổng trị giá 200 triệu đồng cho sinh viên vượt khó."
    assert [f.measure for f in run(text, [])] == ["học bổng"]
    text = "Quỹ đã hỗ trợ cho 200 gia đình khó khăn."
    assert [f.measure for f in run(text, [])] == ["gia đình"]


def test_a_timex_after_the_previous_figure_is_that_figures_period() -> None:
    text = "Tỉnh đã nâng tỉ lệ lao động qua đào tạo từ 50,06% vào năm 2016 lên 65% vào cuối năm 2020."
    tx = [timex(text, "năm 2016", "2016"), timex(text, "cuối năm 2020", "2020", mod="END")]
    assert [(f.value, f.period) for f in run(text, tx)] == [(50.06, "2016"), (65.0, "2020")]


def test_a_birth_year_is_not_the_period_of_a_figure_in_another_clause() -> None:
    text = "Cô gái sinh năm 1981, cao 1,76m này là hoa hậu."
    assert [(f.unit, f.period) for f in run(text, [timex(text, "năm 1981", "1981")])] == [("m", None)]


def test_a_name_pair_with_a_dash_is_the_subject_and_not_a_clause_break() -> None:
    text = "Năm 1995, kim ngạch thương mại Việt Nam - Hoa Kỳ chỉ ở mức khiêm tốn dưới 500 triệu USD."
    fs = run(text, [timex(text, "Năm 1995", "1995")])
    assert [(f.measure, f.subject, f.qualifier, f.period) for f in fs] == [
        ("kim ngạch thương mại", "Việt Nam - Hoa Kỳ", "under", "1995")
    ]
