"""Subjects: places inside event names, group counts, apposition in mid-sentence (audit 3, problem 6)."""

from __future__ import annotations

from biennien.analyse.facts_eval import analyse_sentence


def _subjects(text: str) -> dict[str, str | None]:
    qs, fs = analyse_sentence(text, [], mentions=True)
    return {q.text: f.subject for q, f in zip(qs, fs, strict=True)}


def test_place_inside_an_agreement_or_meeting_name_is_no_subject() -> None:
    assert _subjects("Thỏa thuận Paris được hơn 190 nước ký kết vào năm 2016.")["190 nước"] is None
    assert _subjects("Hội nghị Paris thu hút hơn 150 nguyên thủ quốc gia tham dự.")["150 nguyên thủ"] is None
    got = _subjects("Hội nghị Thượng đỉnh Hà Nội có sự tham gia của 2.500 phóng viên.")
    assert got["2.500 phóng viên"] != "Hà Nội"


def test_place_outside_a_name_is_still_a_subject() -> None:
    assert _subjects("Việt Nam xuất khẩu 5 tỷ USD sang Hoa Kỳ.")["5 tỷ USD"] == "Việt Nam"


def test_a_count_of_teams_is_not_held_by_a_competition_or_a_club() -> None:
    got = _subjects("Trận chung kết Champions League diễn ra sau khi nhóm 12 CLB tuyên bố ly khai.")
    assert got["12 CLB"] is None
    assert _subjects("Đây là lần đầu Arsenal có mặt trong nhóm 4 đội mạnh nhất giải.")["4 đội"] is None


def test_a_membership_word_gives_the_count_to_the_name_before() -> None:
    assert _subjects("V-League có 14 CLB tham dự.")["14 CLB"] == "V-League"


def test_age_in_apposition_in_mid_sentence() -> None:
    got = _subjects("Người dân cho biết anh Trần Văn Hùng, 45 tuổi, là người phát hiện vụ việc.")
    assert got["45 tuổi"] == "Trần Văn Hùng"
    got = _subjects("Khán giả bất ngờ khi nữ diễn viên Lê Thu Trang, 32 tuổi, xuất hiện cùng người yêu.")
    assert got["32 tuổi"] == "Lê Thu Trang"


def test_figure_with_words_of_its_own_after_a_name_is_no_apposition() -> None:
    got = _subjects("Sau trận đấu với Nguyễn Văn Nam, đội bóng giành 3 điểm quan trọng.")
    assert got["3 điểm"] != "Nguyễn Văn Nam"
