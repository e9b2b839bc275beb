"""The entity reader's fast paths give the answers of the plain definitions they replace.

Speed work replaced two plain definitions by faster equivalents: the longest title, head or
table entry at a token is found by walking a word trie (it was found by growing a key tuple
checked against prefix sets), and the team-sports test counts cues sharing a word only when
the text holds that word (it counted every cue).  These tests check the fast forms against
the plain ones on every table entry and on real article text, so a table edit that breaks an
assumption of the fast form (an entry with an empty word, a cue that does not hold its group's
word) shows up here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from biennien.analyse.entities import (
    _ODD_SPACE,
    _TRIES,
    _Reader,
    _sport_groups,
    _tables_ready,
    _team_sports,
    _text,
)
from biennien.vi.gazetteer import TOKEN, Gazetteer, gazetteer
from biennien.vi.normalise import analysis_text, tone_normalise
from biennien.vi.sentences import split_sentences

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def _plain_longest(lw: list[str], i: int, entries: dict[tuple[str, ...], object]) -> int:
    """End of the longest entry starting at ``i``: every length tried (``i`` when none)."""
    best = i
    for j in range(i + 1, len(lw) + 1):
        if tuple(lw[i:j]) in entries:
            best = j
    return best


def _reader(text: str, g: Gazetteer) -> _Reader:
    _tables_ready(g)
    return _Reader(list(TOKEN.finditer(text)), g, [])


def _check_sentence(text: str, g: Gazetteer) -> int:
    r = _reader(text, g)
    checked = 0
    for i in range(r.n):
        assert r.title_at(i)[0] == _plain_longest(r.lw, i, g.titles)  # type: ignore[arg-type]
        assert r.head_at(i) == _plain_longest(r.lw, i, g.heads)  # type: ignore[arg-type]
        j, key = r._longest(i, _TRIES[2])
        assert j == _plain_longest(r.lw, i, g.known)  # type: ignore[arg-type]
        assert key == (tuple(r.lw[i:j]) if j > i else ())
        checked += 1
    return checked


def test_trie_finds_every_table_entry_and_nothing_longer() -> None:
    g = gazetteer()
    for table in (g.titles, g.heads, g.known):
        for key in list(table)[:400]:
            # the entry's words, then a word that continues no entry
            r = _reader(" ".join(key) + " xyzq", g)
            if r.lw[: len(key)] != list(key):
                continue  # an entry whose words the tokeniser splits differently is never read
            end = _plain_longest(r.lw, 0, table)  # type: ignore[arg-type]
            assert end >= len(key)
            if table is g.titles:
                assert r.title_at(0)[0] == end
            elif table is g.heads:
                assert r.head_at(0) == end
            else:
                assert r._longest(0, _TRIES[2])[0] == end


def test_trie_matches_plain_lookup_on_news_sentences() -> None:
    g = gazetteer()
    text = tone_normalise(
        "Chiều 13-2, Tổng Bí thư Tô Lâm đã tiếp Đại sứ Nhật Bản Ito Naoki tại Hà Nội. "
        "UBND tỉnh Quảng Ninh cho biết Bộ Ngoại giao và Sở GD-ĐT TP.HCM đã họp với Công ty TNHH Gia Phát."
    )
    assert _check_sentence(text, g) > 30


def test_trie_matches_plain_lookup_on_seed_articles() -> None:
    if not SEEDS.exists():
        pytest.skip("seed articles not available")
    g = gazetteer()
    checked = 0
    for path in sorted(SEEDS.glob("*.txt"))[:3]:
        text = analysis_text(path.read_text(encoding="utf-8"))
        for s in split_sentences(text)[:40]:
            checked += _check_sentence(text[s.start : s.end], g)
    assert checked > 500


def _plain_team_sports(text: str, g: Gazetteer) -> bool:
    return sum(text.count(c) for c in g.sport_cues) >= 3


def test_sport_groups_cover_every_cue_once_and_hold_their_word() -> None:
    g = gazetteer()
    groups = _sport_groups(g.sport_cues)
    flat = [c for _, cues in groups for c in cues]
    assert sorted(flat) == sorted(g.sport_cues)
    for shared, cues in groups:
        assert all(shared in c for c in cues)
        assert shared or len(cues) == 1


@pytest.mark.parametrize(
    "text",
    [
        "Tiền đạo Văn Toàn ghi bàn thắng ở hiệp 2, giúp CLB Hà Nội trụ hạng.",  # "ghi bàn thắng": two cues
        "Hậu vệ và trung vệ của đội bóng đều tốt.",
        "Đội tuyển thắng 2-1 ở hiệp một.",  # one cue only
        "Bộ Tài chính bảo vệ dự toán ngân sách; thủ tướng yêu cầu xếp hạng tín nhiệm.",  # shared words, no cue
        "Champions League, Europa League và V-League khởi tranh.",
    ],
)
def test_team_sports_equals_a_count_of_every_cue(text: str) -> None:
    g = gazetteer()
    t = tone_normalise(text)
    assert _team_sports(t, g) == _plain_team_sports(t, g)


def test_team_sports_equals_a_count_of_every_cue_on_seeds() -> None:
    if not SEEDS.exists():
        pytest.skip("seed articles not available")
    g = gazetteer()
    for path in sorted(SEEDS.glob("*.txt")):
        text = analysis_text(path.read_text(encoding="utf-8"))
        assert _team_sports(text, g) == _plain_team_sports(text, g)


def _plain_text(r: _Reader, i: int, j: int) -> str:
    """The tokens ``i:j`` with one space wherever the text had any gap (the plain definition)."""
    parts = [r.tx[i]]
    for k in range(i + 1, j):
        if r.st[k] > r.end(k - 1):
            parts.append(" ")
        parts.append(r.tx[k])
    return "".join(parts)


@pytest.mark.parametrize(
    "text",
    [
        "Tổng thống Hoa Kỳ Donald Trump gặp Park Hang-seo tại TP.HCM (Việt Nam).",
        "Ông  Nguyễn Văn\tAn và bà Lê_Thị Hoa,\u00a0Giám đốc Sở GD-ĐT\nHà Nội.",  # odd gaps
    ],
)
def test_mention_text_has_one_space_per_gap(text: str) -> None:
    g = gazetteer()
    r = _reader(tone_normalise(text), g)
    for i in range(r.n):
        for j in range(i + 1, min(r.n, i + 7) + 1):
            assert _text(r, i, j) == _plain_text(r, i, j)
            written = r.text_of(i, j)
            if j > i + 1 and _ODD_SPACE.search(written) is None:
                assert _text(r, i, j) == written
