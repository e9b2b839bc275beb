"""Genres, styles, techniques, products and role abbreviations are no names (invented sentences)."""

from biennien.analyse.entities import extract
from biennien.vi.normalise import tone_normalise
from biennien.vi.sentences import split_sentences


def _mentions(text: str) -> list[tuple[str, str]]:
    t = tone_normalise(text)
    return [(m.type, t[m.start : m.end]) for m in extract(t, split_sentences(t))]


def test_product_after_wallet_cue_is_no_person() -> None:
    got = _mentions("Khách hàng thanh toán qua ví điện tử MoMo Wallet hoặc thẻ ATM. Ông Nguyễn Văn An nói.")
    assert not any(n.startswith("MoMo") and t == "PER" for t, n in got)
    assert ("PER", "Nguyễn Văn An") in got


def test_device_named_with_mot_chiec_is_no_person_anywhere() -> None:
    got = _mentions("Nhóm kỹ sư đã tạo ra Lumicam, một chiếc máy ảnh nhỏ. Lumicam có giá 200 USD.")
    assert all(n != "Lumicam" for _, n in got)


def test_english_technique_after_technology_cue() -> None:
    got = _mentions("Hệ thống dùng công nghệ nhận dạng hình ảnh (Image Recognition) và Deep Learning.")
    assert all(t != "PER" for t, _ in got)


def test_genre_and_martial_art_are_no_person() -> None:
    got = _mentions("Ca sĩ Lan Anh theo đuổi dòng nhạc Bolero. Cô hát Bolero rất hay.")
    assert got == [("PER", "Lan Anh")]
    got = _mentions("Anh Hùng tập luyện Thái Cực Quyền từ nhỏ. Võ sư Bát Cực Quyền đánh bại anh.")
    assert all(not n.endswith("Quyền") for _, n in got)


def test_full_name_ending_in_quyen_stays_a_person() -> None:
    assert ("PER", "Nguyễn Văn Quyền") in _mentions("Cầu thủ Nguyễn Văn Quyền ghi bàn ở phút 80.")


def test_role_abbreviation_alone_is_no_place() -> None:
    got = _mentions(
        "Với format mới, đã có nhiều MC được thay đổi. Cô theo đuổi con đường MC chuyên nghiệp. "
        "MC Đức Bảo dẫn chương trình."
    )
    assert all(n != "MC" for _, n in got)
    assert ("PER", "Đức Bảo") in got


def test_title_before_technical_cue_keeps_the_person() -> None:
    got = _mentions("Sau trận đấu, cố vấn kỹ thuật Petr Cech xuống sân trấn an cổ động viên.")
    assert any(t == "PER" and n == "Petr Cech" for t, n in got)


def test_goal_word_mon_is_no_discipline_cue() -> None:
    got = _mentions("Bóng đi sát cầu môn, Ederson đã đẩy ra. Ederson tiếp tục bắt gọn.")
    assert any(t == "PER" and n == "Ederson" for t, n in got)
