"""A notice noun and a year naming a thing before a statement verb are no dated events."""

from __future__ import annotations

from annotated import timex_at as _tx
from biennien.analyse.events import extract
from biennien.model import Event, Mention, Timex
from biennien.vi.normalise import tone_normalise
from biennien.vi.sentences import split_sentences


def _dated(text: str, timexes: list[Timex], mentions: list[Mention] | None = None) -> list[Event]:
    evs = extract("d1", text, split_sentences(text), timexes, mentions or [], "2021-04-29")
    return [e for e in evs if e.date]


def test_message_notice_noun_is_no_announcement() -> None:
    text = tone_normalise("Cuối tuần, những tin nhắn thông báo dài dằng dặc không thấy điểm kết thúc.")
    assert _dated(text, [_tx(text, "Cuối tuần", "2021-W16-WE")]) == []
    # the verb still announces
    text2 = tone_normalise("Cuối tuần, Apple thông báo mở bán iPhone mới.")
    evs = _dated(text2, [_tx(text2, "Cuối tuần", "2021-W16-WE")])
    assert [e.type for e in evs] == ["announcement"]


def test_year_of_a_contest_right_before_the_statement_verb_does_not_date_it() -> None:
    text = tone_normalise(
        "Anh Lê Minh, Trưởng BTC cuộc thi Hack4Growth tại Úc năm 2021 cho biết, cuộc thi rất vui."
    )
    i = text.index("Lê Minh")
    m = Mention("Lê Minh", i, i + 7, "PER", "Lê Minh", None, "PER:lê minh")
    assert _dated(text, [_tx(text, "năm 2021", "2021")], [m]) == []
    text2 = tone_normalise("Năm 2021, anh Lê Minh cho biết cuộc thi sẽ diễn ra.")
    j = text2.index("Lê Minh")
    m2 = Mention("Lê Minh", j, j + 7, "PER", "Lê Minh", None, "PER:lê minh")
    assert [
        e.date for e in _dated(text2, [_tx(text2, "Năm 2021", "2021")], [m2]) if e.type == "statement"
    ] == ["2021"]
