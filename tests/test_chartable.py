"""``vi.chartable``: one codec pass per text over a fixed alphabet, equal to the per-character mapping."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from biennien.store.rows import _SEP
from biennien.vi.chartable import ALPHABET, char_table, fold_table, translate_chars
from biennien.vi.normalise import fold


def test_the_alphabet_fits_the_fast_one_byte_codec() -> None:
    assert len(ALPHABET) <= 256 and len(set(ALPHABET)) == len(ALPHABET)
    assert ALPHABET[0] == "\x00"
    assert type(fold_table().encoding).__name__ == "EncodingMap"  # the C map, not a dict (slow)
    assert {"đ", "Ữ", "ỵ", "…", "“", "₫", "\xa0", "\n"} <= set(ALPHABET)


def test_folding_each_character_folds_the_text() -> None:
    assert translate_chars(ALPHABET, fold_table()) == "".join(fold(c) for c in ALPHABET) == fold(ALPHABET)
    assert translate_chars("Thủ tướng Phạm Minh Chính, 15,8 tỷ USD", fold_table()) == (
        "thu tuong pham minh chinh, 15,8 ty usd"
    )
    # the search rows join sentences by NUL: it folds to itself, and nothing else folds to it
    assert [fold(c) for c in ALPHABET].count(_SEP) == 1 and fold(_SEP) == _SEP


@given(st.text(alphabet=ALPHABET, max_size=120))
def test_any_text_of_the_alphabet(s: str) -> None:
    assert translate_chars(s, fold_table()) == fold(s)
    upper = char_table(str.upper)
    assert translate_chars(s, upper) == "".join(c.upper() for c in s)


def test_a_character_outside_gives_none() -> None:
    for outside in ["Σ", "ö", "\u0301", "😀", "\ud800", "«", "→"]:
        assert translate_chars("Hà Nội " + outside, fold_table()) is None
    assert translate_chars("", fold_table()) == ""


def test_an_image_of_more_than_one_character_is_refused() -> None:
    import pytest

    with pytest.raises(ValueError, match="not one character"):
        char_table(lambda c: c * 2, "ab")
