"""Values that the fourth and fifth blind sets missed: acronym counts, ages after time words,
rank ``số 1``, negated counts of one, betting odds."""

from __future__ import annotations

from biennien.analyse.quantity import extract
from biennien.model import Quantity


def figures(text: str) -> list[tuple[str, float, str]]:
    return [(q.text, q.value, q.unit) for q in extract(text)]


def one(text: str, surface: str) -> Quantity:
    found = [q for q in extract(text) if q.text == surface]
    assert len(found) == 1, [q.text for q in extract(text)]
    return found[0]


def test_an_acronym_count_at_the_sentence_start_is_a_figure() -> None:
    text = "8 CLB hạng Nhất có thể bị trừ 3 điểm vì nợ lương cầu thủ."
    q = one(text, "8 CLB")
    assert (q.value, q.unit, q.counted) == (8.0, "count", "clb")
    assert ("12 VĐV", 12.0, "count") in figures("Đoàn có 12 VĐV tham dự giải lần này.")


def test_an_age_after_a_time_word_is_an_age() -> None:
    q = one("Em bắt đầu học đàn từ lúc 6 tuổi, khi gia đình chuyển về Huế.", "6 tuổi")
    assert (q.value, q.counted) == (6.0, "tuổi")
    # a clock time after the same word stays a time
    assert figures("Lúc 10 giờ sáng, đoàn xuất phát.") == []


def test_number_one_after_a_noun_is_rank_one_but_not_an_address_or_index() -> None:
    q = one("Đây là hãng điện thoại số 1 tại thị trường Ấn Độ trong quý vừa qua.", "số 1")
    assert (q.value, q.unit) == (1.0, "rank")
    assert figures("Cửa hàng nằm ở số 1, phố Hàng Bài.") == []
    assert figures("Thí sinh thuộc diện hệ số 1 được cộng điểm.") == []
    assert all(u != "rank" for _, _, u in figures("Hệ thống có tổng số 1.131 điểm bán."))


def test_a_negated_count_of_one_is_zero() -> None:
    q = one("Trong hiệp hai, đội khách không tạo ra được 1 cơ hội nào đáng kể.", "1 cơ hội")
    assert q.value == 0.0
    # "không chỉ 1 lần" is more than once: the figure stays
    q = one("Anh không chỉ 1 lần bị treo giò vì thẻ đỏ.", "1 lần")
    assert q.value == 1.0


def test_betting_odds_are_a_ratio_not_a_count() -> None:
    q = one("Trước mùa giải, các nhà cái đưa ra tỉ lệ 500 ăn 1 cho chức vô địch của Leicester.", "500 ăn 1")
    assert (q.value, q.unit, q.kind, q.counted) == (500.0, "odds", "ratio", None)


def test_a_bare_comparison_base_shares_the_figures_unit() -> None:
    text = "Hậu vệ này thắng ít pha tranh chấp hơn đối thủ (12 lần so với 17)."
    assert ("17", 17.0, "times") in figures(text)
    assert all(s != "2019" for s, _, _ in figures("Lợi nhuận tăng 12% so với 2019."))


def test_a_number_word_right_after_a_name_is_a_figure_about_it() -> None:
    text = "Man United đang có 60 điểm, hơn Leicester bốn điểm và kém Man City mười điểm."
    got = figures(text)
    assert ("bốn điểm", 4.0, "count") in got and ("mười điểm", 10.0, "count") in got
    # a number word that only refers to things stays out
    assert figures("Hai đội bóng đã gặp nhau trên sân Old Trafford.") == []
