"""The ingest fold shortcut must equal ``vi.normalise.fold`` on any text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from biennien.ingest.fastfold import fast_fold
from biennien.vi.normalise import fold


def test_vietnamese_examples() -> None:
    for s in ["Hoà bình, KHOẺ mạnh, Thuý", "Đặng Hoàng Giang", "Tổng Bí thư Tô Lâm", "quý hoàng"]:
        assert fast_fold(s) == fold(s)
    assert fast_fold("Hoà") == fast_fold("Hòa") == "hoa"


@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x1FFF), max_size=60))
def test_equals_fold(s: str) -> None:
    assert fast_fold(s) == fold(s)


# characters of the one-byte charmap path, and some outside it (« » ± ≥ ≤ → and the zero-width space: the
# general path)
_CHARMAP_ALPHABET = (
    "\x00\t\n\r abcxyzABCXYZ019.,:;()-'\"_"
    "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
    "ÀẢẶĐÊỆÔỖƠỢƯỰỲỴ…“”–’‘—«»•·°\xa0\u200b®™½×±≥≤→"
)


@given(st.text(alphabet=_CHARMAP_ALPHABET, max_size=80))
def test_charmap_path_equals_fold(s: str) -> None:
    assert fast_fold(s) == fold(s)


@given(st.text(alphabet=_CHARMAP_ALPHABET + "ΣσςİıöǅﬁẞΩ\u0301\u0323\ufffe", max_size=80))
def test_mixed_text_equals_fold(s: str) -> None:
    assert fast_fold(s) == fold(s)


def test_every_charmap_character_folds_like_fold() -> None:
    from biennien.vi.chartable import ALPHABET

    for ch in ALPHABET:
        assert fast_fold(ch) == fold(ch)
        assert fast_fold(ch.upper() + ch + "x") == fold(ch.upper() + ch + "x")
    assert fast_fold(ALPHABET) == fold(ALPHABET)
