"""A figure an article states twice is one fact with both evidences; the scorer still finds it."""

from __future__ import annotations

from biennien.analyse import facts
from biennien.analyse.facts_eval import fact_of_quantity
from biennien.analyse.quantity import extract
from biennien.model import Fact, Timex
from biennien.vi.sentences import split_sentences


def run(text: str, timexes: list[Timex] | None = None) -> tuple[list, list[Fact]]:
    txs = timexes or []
    qs = extract(text, txs)
    return qs, facts.extract("d", text, split_sentences(text), qs, txs, [])


def test_repeated_figure_is_one_fact_with_two_evidences() -> None:
    text = (
        "Ứng dụng này hiện có 533 triệu người dùng trên toàn cầu. Các chuyên gia cho rằng con số "
        "khá lớn. Dữ liệu của 533 triệu người dùng đã bị rao bán."
    )
    qs, fs = run(text)
    repeated = [f for f in fs if f.value == 533_000_000]
    assert len(repeated) == 1
    assert len(repeated[0].evidence) == 2
    assert repeated[0].evidence[0].start < repeated[0].evidence[1].start
    # the scorer maps both quantities to the merged fact
    by_span = fact_of_quantity(qs, fs)
    assert {id(by_span[(q.start, q.end)]) for q in qs if q.value == 533_000_000} == {id(repeated[0])}


def test_restated_figure_without_its_date_joins_the_dated_one() -> None:
    text = "Vào ngày 22/4/1970, 20 triệu người đã xuống đường. Sự kiện thu hút khoảng 20 triệu người."
    start = text.index("ngày 22/4/1970")
    tx = Timex("ngày 22/4/1970", start, start + len("ngày 22/4/1970"), "DATE", "1970-04-22")
    _, fs = run(text, [tx])
    people = [f for f in fs if f.value == 20_000_000]
    assert len(people) == 1
    assert people[0].period == "1970-04-22"
    assert len(people[0].evidence) == 2


def test_different_values_or_measures_stay_apart() -> None:
    text = "Trường có 30 phòng học. Năm nay trường tuyển 30 giảng viên. Học phí tăng 5%."
    _, fs = run(text)
    assert len([f for f in fs if f.value == 30]) == 2


def test_equal_figures_in_one_sentence_stay_apart() -> None:
    text = "Tỷ lệ đỗ của hai trường lần lượt là 10% và 10%."
    qs, fs = run(text)
    assert len([f for f in fs if f.value == 10]) == 2
    by_span = fact_of_quantity(qs, fs)
    assert len({id(by_span[(q.start, q.end)]) for q in qs}) == 2
