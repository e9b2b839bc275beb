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
