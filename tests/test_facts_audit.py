"""Facts on sentences shaped like the ones the end-to-end audit found wrong (unc-dev style).

Subjects come from entity mentions of the figure's own clause; a capitalised common word or a
word that compounds with the next one is no subject; long measures keep their head; a bracketed
figure right after another is the same fact converted.
"""

from __future__ import annotations

from biennien.analyse import facts
from biennien.analyse.quantity import extract
from biennien.model import Fact, Mention, Timex
from biennien.vi.sentences import split_sentences


def mention(text: str, name: str, type_: str) -> Mention:
    start = text.index(name)
    return Mention(name, start, start + len(name), type_, name)  # type: ignore[arg-type]


def tx(text: str, phrase: str, value: str) -> Timex:
    start = text.index(phrase)
    return Timex(phrase, start, start + len(phrase), "DATE", value)


def run(text: str, timexes: list[Timex], mentions: list[Mention]) -> list[Fact]:
    qs = extract(text, timexes)
    return facts.extract("d", text, split_sentences(text), qs, timexes, mentions)


def test_capitalised_common_word_is_no_subject() -> None:
    text = (
        "Năm 2019, kết quả Điều tra sức khỏe học sinh toàn cầu của WHO cho thấy tỷ lệ sử dụng "
        "thuốc lá điện tử tăng lên 2,6%."
    )
    (f,) = run(text, [tx(text, "Năm 2019", "2019")], [mention(text, "WHO", "ORG")])
    assert f.subject is None  # not "Điều", and WHO is the object of "của"
    assert f.measure == "tỷ lệ sử dụng thuốc lá điện tử"
    assert f.period == "2019"


def test_country_word_compounding_with_next_is_no_subject() -> None:
    text = "Mỹ nhân 42 tuổi thường đăng tải ảnh lên mạng xã hội."
    fs = run(text, [], [mention(text, "Mỹ", "GPE")])
    assert fs and all(f.subject != "Mỹ" for f in fs)
    text2 = "Mỹ có 50 bang và hơn 330 triệu dân."
    assert [f.subject for f in run(text2, [], [mention(text2, "Mỹ", "GPE")])] == ["Mỹ", "Mỹ"]


def test_subject_of_an_earlier_clause_is_not_taken() -> None:
    text = (
        "Cho biết thêm, ông Nam cho rằng nếu vẫn thấy rung lắc mạnh, người dùng có thể bật chế độ vắt, "
        "xem có 2 con ốc bu lông bị lỏng hay không."
    )
    (f,) = run(text, [], [mention(text, "Nam", "PER")])
    assert f.subject is None


def test_mention_of_the_clause_is_the_subject() -> None:
    text = "Ngày 21/4, Hải quân Indonesia cho biết tàu chở 53 thủy thủ."
    (f,) = run(text, [tx(text, "Ngày 21/4", "2021-04-21")], [mention(text, "Hải quân Indonesia", "ORG")])
    assert f.subject == "Hải quân Indonesia"


def test_long_measure_keeps_its_head() -> None:
    text = (
        "Theo đại diện nhà trường, mức lương khởi điểm cho các sinh viên giỏi ngoại ngữ đã cán mốc "
        "15 - 20 triệu đồng/tháng."
    )
    (f,) = run(text, [], [])
    assert f.measure == "mức lương khởi điểm"
    assert (f.value, f.value_end, f.unit) == (15_000_000, 20_000_000, "VND/tháng")


def test_bracketed_conversion_is_the_same_fact() -> None:
    text = (
        "Phạm Băng Băng bắt đầu làm giả số liệu từ năm 1996 và trốn 14,583 triệu nhân dân tệ "
        "(khoảng 51 tỷ đồng)."
    )
    cny, vnd = run(text, [tx(text, "năm 1996", "1996")], [mention(text, "Phạm Băng Băng", "PER")])
    assert (cny.unit, vnd.unit, vnd.qualifier) == ("CNY", "VND", "about")
    assert cny.measure == vnd.measure == "trốn"  # not "đầu làm giả số liệu từ và trốn"
    assert (cny.subject, cny.period) == (vnd.subject, vnd.period) == ("Phạm Băng Băng", "1996")


def test_bracketed_share_after_a_name_has_no_measure() -> None:
    text = "Đề thi bám sát chương trình của lớp 12 (chiếm 95%)."
    (f,) = run(text, [], [])
    assert (f.value, f.unit, f.measure) == (95, "%", "")


def test_bare_year_timex_over_a_figure_is_no_period() -> None:
    text = "Biệt thự của cô có giá lên tới 1000 triệu nhân dân tệ (hơn 351 tỷ đồng)."
    fs = run(text, [Timex("1000", text.index("1000"), text.index("1000") + 4, "DATE", "1000")], [])
    assert [(f.value, f.unit) for f in fs] == [(1e9, "CNY"), (351e9, "VND")]
    assert all(f.period is None for f in fs)
    assert fs[0].measure == fs[1].measure


def test_bare_year_timex_before_a_unit_is_a_figure() -> None:
    text = "Màn hình có độ sáng đạt tới 1000 nits, tần số quét 180 Hz."
    at = text.index("1000")
    fs = run(text, [Timex("1000", at, at + 4, "DATE", "1000")], [])
    assert [(f.value, f.unit, f.period) for f in fs] == [(1000, "nit", None), (180, "Hz", None)]
