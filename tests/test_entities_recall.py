"""Recall of an article's main people (issue 5, QA audit 4 problems 1 and 7): names with a
Hán-Việt family name the table lacked, untitled romanised names repeated as subjects, given
names that open with a country word, and club-owner titles."""

from __future__ import annotations

from biennien.analyse.entities import extract
from biennien.model import Mention
from biennien.vi.normalise import tone_normalise
from biennien.vi.sentences import split_sentences


def _mentions(text: str) -> list[Mention]:
    t = tone_normalise(text)
    return extract(t, split_sentences(t))


def _typed(ms: list[Mention]) -> set[tuple[str, str]]:
    return {(m.type, m.text) for m in ms}


def test_han_viet_family_names_open_a_person() -> None:
    ms = _typed(
        _mentions(
            "Tối 2/3, Ngụy Đại Lâm xuất hiện tại sự kiện cùng Đậu Minh Châu. "
            "Sau đó Tiết Hoài Nam và Chung Thị Hằng cũng có mặt."
        )
    )
    for name in ("Ngụy Đại Lâm", "Đậu Minh Châu", "Tiết Hoài Nam", "Chung Thị Hằng"):
        assert ("PER", name) in ms


def test_places_that_open_with_a_family_name_stay_places() -> None:
    ms = _typed(_mentions("Đoàn du khách tới Cổ Loa rồi đến Quản Bạ, sau đó ra Cát Hải."))
    assert ("LOC", "Cổ Loa") in ms
    assert ("GPE", "Quản Bạ") in ms
    assert not any(t == "PER" for t, _ in ms)
