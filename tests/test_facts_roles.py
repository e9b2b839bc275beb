"""Role nouns and subject-less openings take the person named just before (QA audit 3, problem 6)."""

from __future__ import annotations

from biennien.analyse.facts_eval import analyse_sentence


def _subject_of(context: str, sentence: str, surface: str) -> str | None:
    text = f"{context} {sentence}"
    _, facts = analyse_sentence(text, [], mentions=True, context=len(context) + 1)
    start = text.index(surface, len(context))
    found = [f for f in facts if any(e.start <= start < e.end for e in f.evidence)]
    assert found, f"no fact for {surface!r}"
    return found[0].subject


def test_role_noun_takes_the_last_person_before() -> None:
    ctx = "Hôm qua, siêu mẫu Khloe Kardashian đăng tải loạt ảnh mới lên mạng xã hội."
    assert _subject_of(ctx, "Người đẹp 36 tuổi khoe vóc dáng thon gọn.", "36 tuổi") == "Khloe Kardashian"


def test_role_noun_is_gender_agnostic_and_takes_the_last_of_two() -> None:
    ctx = "Ca sĩ Đàm Vĩnh Hưng gặp lại Mỹ Tâm tại sự kiện. Sau đó, Mỹ Tâm đã hát cùng Đàm Vĩnh Hưng."
    assert _subject_of(ctx, "Nam ca sĩ 50 tuổi chia sẻ anh rất xúc động.", "50 tuổi") == "Đàm Vĩnh Hưng"


def test_subjectless_opening_takes_the_person_before() -> None:
    ctx = "Vận động viên Lê Minh Hằng vừa giành huy chương vàng tại giải đấu."
    assert _subject_of(ctx, "Sở hữu chiều cao 1,65 mét, cô có lợi thế lớn.", "1,65 mét") == "Lê Minh Hằng"


def test_a_person_named_after_the_figure_wins() -> None:
    ctx = "Triệu Vy diện đầm trắng tinh khôi tại buổi ra mắt phim."
    assert _subject_of(ctx, "Mỹ nhân 40 tuổi - Lưu Đào khoe làn da trắng sứ.", "40 tuổi") == "Lưu Đào"


def test_a_role_with_its_own_name_keeps_it() -> None:
    ctx = "Bộ phim có sự tham gia của Song Hye Kyo và Jang Ki Yong."
    got = _subject_of(ctx, "Nam diễn viên Jang Ki Yong năm nay 29 tuổi.", "29 tuổi")
    assert got == "Jang Ki Yong"


def test_no_person_before_gives_no_subject() -> None:
    ctx = "Thời tiết hôm nay khá đẹp ở thủ đô."
    assert _subject_of(ctx, "Người đẹp 26 tuổi nói cô rất thích đi dạo.", "26 tuổi") is None


def _measure_of(sentence: str, surface: str) -> str:
    _, facts = analyse_sentence(sentence, [], mentions=True)
    start = sentence.index(surface)
    return next(f.measure for f in facts if any(e.start <= start < e.end for e in f.evidence))


def test_now_is_no_preposition_in_a_measure() -> None:
    s = "So với máy mới, giá bán của hàng cũ ở thời điểm hiện tại chỉ thấp hơn khoảng 3-4 triệu đồng."
    assert _measure_of(s, "3-4 triệu") == "giá bán"


def test_a_quoted_word_is_no_clause_break() -> None:
    s = 'Cô gái sở hữu chiều cao "khủng" 1,80m.'
    assert _measure_of(s, "1,80m").startswith("chiều cao")  # was empty: the quote cut the clause
