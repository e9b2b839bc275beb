"""Normalisation and sentence splitting on real-style Vietnamese text."""

from hypothesis import given, settings
from hypothesis import strategies as st

from biennien.vi.normalise import analysis_text, fold, mask_spans, nfc, strip_diacritics, tone_normalise
from biennien.vi.sentences import split_sentences


def test_tone_placement_moves_to_first_vowel_and_keeps_length() -> None:
    for old, new in [("hoà bình", "hòa bình"), ("Thuý", "Thúy"), ("khoẻ", "khỏe"), ("xoá", "xóa")]:
        assert tone_normalise(old) == new
        assert len(tone_normalise(old)) == len(old)


def test_tone_placement_leaves_qu_and_closed_syllables() -> None:
    for word in ["quý", "hoàng", "thuyền", "hòa", "Quà"]:
        assert tone_normalise(word) == word


def test_nfd_input_is_composed() -> None:
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "Tô Lâm")
    assert nfc(decomposed) == "Tô Lâm"
    assert len(nfc(decomposed)) == 6


def test_fold_strips_accents_and_d() -> None:
    assert fold("Đặng Hoàng Giang") == "dang hoang giang"
    assert fold("Hoà") == fold("Hòa")


def test_mask_keeps_offsets() -> None:
    text = "Dòng một\nẢnh: TTXVN\nDòng ba"
    masked = mask_spans(text, [(9, 19)])
    assert len(masked) == len(text)
    assert masked.split("\n")[1].strip() == ""
    assert analysis_text(text, [(9, 19)]).endswith("Dòng ba")


def test_sentences_respect_abbreviations_and_numbers() -> None:
    text = (
        "Ông Nguyễn Văn A, Chủ tịch UBND TP. HCM cho biết dự án đạt 1.409 tỷ đồng. "
        "Tổng thống Mỹ tới Washington D.C. Hôm nay trời đẹp!\nDòng mới không dấu chấm"
    )
    sents = [text[s.start : s.end] for s in split_sentences(text)]
    assert sents[0] == "Ông Nguyễn Văn A, Chủ tịch UBND TP. HCM cho biết dự án đạt 1.409 tỷ đồng."
    assert sents[-1] == "Dòng mới không dấu chấm"
    assert split_sentences(text)[-1].paragraph == 1


def test_sentences_end_after_a_one_letter_word_not_after_an_initial() -> None:
    def texts(t: str) -> list[str]:
        return [t[s.start : s.end] for s in split_sentences(t)]

    assert texts("Nước ấm khoảng 25 độ C. Những ngày sau, tôi hạ dần nhiệt độ.") == [
        "Nước ấm khoảng 25 độ C.",
        "Những ngày sau, tôi hạ dần nhiệt độ.",
    ]
    assert len(texts("Cô nổi tiếng khắp châu Á. Năm 2006, cô kết hôn.")) == 2
    # a capital with a Vietnamese mark is a syllable, never an initial ("Tam Á", "người Ý")
    assert len(texts("Gia đình đi du lịch tại Tam Á. Nữ diễn viên mặc váy đỏ.")) == 2
    # news anonymises people by an initial: "cháu M." and "Hoàng Văn H." do not end a sentence
    assert len(texts("Gia đình đưa cháu M. đến trường và cô giáo Nguyễn Văn H. đón cháu.")) == 1
    assert len(texts("Trợ lý Ngoại trưởng Michael G. DeSombre đến Hà Nội.")) == 1


def test_sentences_skip_masked_lines() -> None:
    text = "Câu một.\n          \nCâu hai."
    assert len(split_sentences(text)) == 2


@settings(max_examples=500, deadline=None)
@given(
    st.text(max_size=40)
    | st.text(alphabet="aăâeêioôơuưyAĂÂĐđ\u0300\u0301\u0303\u0309\u0323 hòaHOÀΣσ", max_size=30)
)
def test_fast_fold_equals_the_definition(text: str) -> None:
    """``fold`` uses a per-character table; it must equal strip(tone_normalise(nfc)).lower()."""
    assert fold(text) == strip_diacritics(tone_normalise(nfc(text))).lower()
