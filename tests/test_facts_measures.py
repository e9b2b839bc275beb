"""The measure/subject gold set (tests/data/facts_gold_measures.tsv) and its matching rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from biennien.analyse.facts_eval import load_gold, measure_ok, score, subject_ok

GOLD = Path(__file__).parent / "data" / "facts_gold_measures.tsv"


def test_measure_matches_its_head_then_modifiers() -> None:
    assert measure_ok("dân số thuộc cộng đồng dân tộc Thái", ["dân số"])
    assert measure_ok("các thanh thép không gỉ", ["thanh thép"])
    assert not measure_ok("thanh thiếu", ["thanh thiếu niên"])
    assert not measure_ok("thể sống lâu", ["sống lâu"])
    assert not measure_ok("", ["giá"])


def test_subject_goes_through_aliases_and_may_be_rightly_empty() -> None:
    assert subject_ok("Mỹ", ["Hoa Kỳ"])
    assert subject_ok(None, ["-"])
    assert not subject_ok(None, ["Hạ Long"])
    assert not subject_ok("Thái Bình", ["Đồng Châu", "-"])


@pytest.fixture(scope="module")
def result():
    return score(load_gold(GOLD), mentions=True)


def test_every_figure_has_measure_and_subject_annotated(result) -> None:
    assert result.figures >= 60
    assert result.scored_ms == result.figures


def test_values_on_the_measure_set(result) -> None:
    assert result.rate(result.value_unit) >= 0.93, "\n".join(result.errors)


def test_measure_and_subject_accuracy(result) -> None:
    errors = "\n".join(e for e in result.errors if "measure" in e or "subject" in e)
    assert result.ms_rate(result.measure) >= 0.72, errors
    assert result.ms_rate(result.subject) >= 0.75, errors


def _facts(text: str) -> list:
    from biennien.analyse.facts_eval import analyse_sentence

    return analyse_sentence(text, [], True)[1]


def test_count_after_a_verb_measures_its_counted_noun() -> None:
    (f,) = _facts("Người mẫu 24 tuổi sở hữu trang cá nhân nổi tiếng.")
    assert f.measure == "tuổi"
    (g,) = _facts("Số ca mắc mới là 500 ca trong ngày.")
    assert g.measure.lower().startswith("số ca mắc")


def test_two_syllable_words_are_not_cut_and_shares_name_their_whole() -> None:
    (f,) = _facts("Công trình được xây dựng với chi phí lên đến 112 triệu USD.")
    assert f.measure == "chi phí"
    (g,) = _facts("Các nhà khoa học phát hiện ra rằng 79% số mèo đã ăn cỏ.")
    assert g.measure.startswith("số mèo")


def _facts(text: str):
    from biennien.analyse.facts_eval import analyse_sentence

    return analyse_sentence(text, [], mentions=True)[1]


def test_a_change_after_an_aspect_word_measures_the_change() -> None:
    fs = _facts("Người mua sẽ tiếp tục được giảm thêm 2 triệu đồng khi đặt hàng trước.")
    assert [f.measure for f in fs] == ["giảm thêm"]


def test_a_comparative_keeps_the_dimension_word() -> None:
    fs = _facts("Bộ xương cho thấy đây là người cao hơn 1,9m.")
    assert fs[0].measure == "cao" and fs[0].qualifier == "over"


def test_the_second_blind_set_is_scored_separately() -> None:
    gold = load_gold(Path(__file__).parent / "data" / "facts_gold_measures2.tsv")
    sc = score(gold, mentions=True)
    assert sc.figures >= 50 and sc.ms_rate(sc.measure) >= 0.65 and sc.ms_rate(sc.subject) >= 0.55


def _measures(sentence: str) -> list[str]:
    from biennien.analyse import timex
    from biennien.analyse.facts_eval import analyse_sentence

    return [f.measure for f in analyse_sentence(sentence, timex.tag(sentence, "2021-04-20"))[1]]


def test_counted_noun_keeps_its_modifiers_up_to_a_stop_word() -> None:
    got = _measures(
        "Năm ngoái nước này hứng chịu 911 triệu cuộc tấn công mạng so với 79 triệu lượt tấn công."
    )
    assert got == ["cuộc tấn công", "lượt tấn công"]
    assert _measures("Người mẫu 39 tuổi diện bộ đồ lộng lẫy.") == ["tuổi"]


def test_rank_measures_its_rank_word_and_occurrences_their_noun() -> None:
    assert _measures("Đội bóng thủ đô đang xếp hạng 6 trên bảng xếp hạng.") == ["xếp hạng"]
    assert _measures("Nữ diễn viên từng 5 lần đoạt giải Mai Vàng.") == ["lần đoạt giải"]


def test_final_verb_share_whole_and_comparison() -> None:
    assert _measures("Các vận động viên chỉ nhận khoảng 100 triệu đồng.") == ["nhận"]
    assert _measures("Hệ thống chiếm hơn 30% thị phần, là chuỗi lớn nhất.") == ["thị phần"]
    got = _measures("Mức học phí năm nay tăng nhẹ so với năm trước là 40 triệu đồng.")
    assert got[0].lower().startswith("mức học phí")


def test_fourth_blind_set_measures() -> None:
    sc = score(load_gold(GOLD.with_name("facts_gold_measures4.tsv")), mentions=True)
    assert sc.figures >= 45
    assert sc.ms_rate(sc.measure) >= 0.75, "\n".join(sc.errors)
