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


def test_country_word_opening_a_given_name_after_a_title_is_the_person() -> None:
    ms = _mentions("Nữ ca sĩ Nga My vừa ra mắt album. Trong khi đó, ca sĩ Mỹ Tâm tổ chức đêm nhạc.")
    typed = _typed(ms)
    assert ("PER", "Nga My") in typed
    assert ("PER", "Mỹ Tâm") in typed
    assert not any(m.type == "GPE" for m in ms)


def test_repeated_country_given_name_pair_is_a_person_but_not_after_a_place_cue() -> None:
    ms = _mentions(
        "Với đêm nhạc mới, Mỹ Tâm muốn tri ân khán giả. Ê-kíp chưa đủ, Mỹ Tâm lần lượt xướng tên. "
        "Nhiều nghệ sĩ từng hợp tác với Mỹ Tâm. Du học sinh Mỹ rất đông."
    )
    assert [m.type for m in ms if m.text == "Mỹ Tâm"] == ["PER", "PER", "PER"]
    assert ("GPE", "Mỹ") in _typed(ms)
    places = _mentions("Du khách đến Mỹ Hòa rồi về. Mỹ Hòa đẹp. Mỹ Hòa yên bình, Mỹ Hòa thơ mộng.")
    assert not any(m.type == "PER" for m in places)


def test_club_owner_title_is_not_the_country_nor_the_verb_elect() -> None:
    ms = _mentions("Theo bầu Đức, đội bóng sẽ thắng. Hội đồng đã bầu PGS.TS Trần Văn Nam làm Chủ tịch.")
    typed = _typed(ms)
    assert ("PER", "Đức") in typed
    assert not any(m.type == "GPE" for m in ms)
    assert ("PER", "Trần Văn Nam") in typed
    assert all(m.role != "bầu" for m in ms if m.text == "Trần Văn Nam")
