"""Periods and subjects fixed after the fourth and fifth blind sets (real-style sentences)."""

from __future__ import annotations

from biennien.analyse import facts
from biennien.analyse.quantity import extract
from biennien.model import Fact, Mention, Timex
from biennien.vi.sentences import split_sentences


def timex(text: str, phrase: str, value: str) -> Timex:
    start = text.index(phrase)
    return Timex(phrase, start, start + len(phrase), "DATE", value)


def mention(text: str, name: str, type_: str) -> Mention:
    start = text.index(name)
    return Mention(name, start, start + len(name), type_, name)


def run(text: str, timexes: list[Timex], mentions: list[Mention] | None = None) -> dict[str, Fact]:
    """Facts keyed by their figure's surface."""
    qs = extract(text, timexes)
    fs = facts.extract("d", text, split_sentences(text), qs, timexes, mentions or [])
    return {text[q.start : q.end]: f for q, f in zip(qs, fs, strict=True)}


def test_a_storage_size_takes_no_period_from_the_launch_date_but_the_price_does() -> None:
    text = "Máy được bán ra từ ngày 20/5 với bộ nhớ 128GB, giá 15,99 triệu đồng."
    fs = run(text, [timex(text, "ngày 20/5", "2021-05-20")])
    assert fs["128GB"].period is None
    assert fs["15,99 triệu đồng"].period == "2021-05-20"


def test_a_height_takes_no_period_from_a_crowning_year() -> None:
    text = "Người đẹp cao 1,72m đăng quang Hoa hậu Hoàn vũ năm 2018."
    fs = run(text, [timex(text, "năm 2018", "2018")])
    assert fs["1,72m"].period is None


def test_a_base_stated_for_the_previous_year_takes_that_year() -> None:
    text = "Năm nay học phí ngành Y là 55 triệu đồng, tăng so với năm trước là 50 triệu đồng."
    fs = run(text, [timex(text, "Năm nay", "2021"), timex(text, "năm trước", "2020")])
    assert fs["55 triệu đồng"].period == "2021"
    assert fs["50 triệu đồng"].period == "2020"


def test_hien_tai_is_now_not_a_preposition() -> None:
    text = "Hiện tại Inter dẫn đầu với 82 điểm."
    fs = run(text, [], [mention(text, "Inter", "ORG")])
    assert fs["82 điểm"].subject == "Inter"
    text = "Khách sạn tại Đà Nẵng có 300 phòng."
    assert run(text, [], [mention(text, "Đà Nẵng", "GPE")])["300 phòng"].subject is None


def test_the_name_right_after_a_rank_or_after_la_holds_it() -> None:
    text = "Đội bóng của Conte có 70 điểm, và đội đứng thứ 2 Milan có 66 điểm."
    ms = [mention(text, "Conte", "PER"), mention(text, "Milan", "ORG")]
    assert run(text, [], ms)["thứ 2"].subject == "Milan"
    text = "Đội xếp thứ 5 là Roma với 58 điểm."
    assert run(text, [], [mention(text, "Roma", "ORG")])["thứ 5"].subject == "Roma"
