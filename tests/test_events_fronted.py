"""Round 11 rules of the generic fallback (``analyse/events_fallback.py``): verbless fixture lines, a
date opening the sentence with no comma, a limit word (``Tới năm``, ``Mãi đến năm``) before a point
event, and a negation inside a cause clause.  Sentences are written for these tests (not gold rows)."""

from __future__ import annotations

from annotated import mention_at
from annotated import timex_at as _tx
from biennien.analyse.events import extract
from biennien.model import EntityType, Event, Mention, Timex
from biennien.vi.normalise import tone_normalise
from biennien.vi.sentences import split_sentences


def _m(text: str, s: str, typ: EntityType = "PER") -> Mention:
    return mention_at(text, s, typ)


def _dated(text: str, timexes: list[Timex], mentions: list[Mention]) -> list[Event]:
    evs = extract("d1", text, split_sentences(text), timexes, mentions, "2021-04-26")
    return [e for e in evs if e.date]


def test_a_fixture_line_after_a_date_alone_on_its_line_is_a_match() -> None:
    text = tone_normalise(
        "Lịch thi đấu bán kết:\n02h00 ngày 28/4\nReal Madrid vs Chelsea\n02h00 ngày 29/4\nPSG vs Man City"
    )
    evs = _dated(
        text,
        [_tx(text, "02h00 ngày 28/4", "2021-04-28T02:00"), _tx(text, "02h00 ngày 29/4", "2021-04-29T02:00")],
        [],
    )
    assert [(e.date, e.summary) for e in evs] == [
        ("2021-04-28T02:00", "Real Madrid vs Chelsea"),
        ("2021-04-29T02:00", "PSG vs Man City"),
    ]


def test_a_fixture_on_the_date_line_is_a_match_but_a_lowercase_pairing_is_not() -> None:
    text = tone_normalise("02h00 ngày 28/4: Man Utd vs AS Roma\n20h00 ngày 30/4: giá vé vs chất lượng")
    evs = _dated(
        text,
        [_tx(text, "02h00 ngày 28/4", "2021-04-28T02:00"), _tx(text, "20h00 ngày 30/4", "2021-04-30T20:00")],
        [],
    )
    assert [e.summary for e in evs] == ["Man Utd vs AS Roma"]


def test_a_date_opening_the_sentence_with_no_comma_dates_the_clause_after_it() -> None:
    text = tone_normalise("Chủ nhật tuần trước (18/4) Chelsea đã rút khỏi giải đấu mới.")
    evs = _dated(text, [_tx(text, "Chủ nhật tuần trước (18/4)", "2021-04-18")], [_m(text, "Chelsea", "ORG")])
    assert [(e.date, [p.name for p in e.participants if p.role == "agent"]) for e in evs] == [
        ("2021-04-18", ["Chelsea"])
    ]


def test_a_limit_word_before_a_fronted_year_dates_the_decision_and_a_cause_clause_negation_does_not_block() -> (
    None
):
    text = tone_normalise("Tới năm 2014, Huỳnh Dịch quyết định chia tay vì không chịu nổi sự ghen tuông.")
    evs = _dated(text, [_tx(text, "năm 2014", "2014")], [_m(text, "Huỳnh Dịch")])
    assert [(e.date, e.summary) for e in evs] == [("2014", "Huỳnh Dịch quyết định chia tay")]


def test_a_negated_main_clause_is_still_no_event() -> None:
    text = tone_normalise("Năm 2014, Huỳnh Dịch không quyết định chia tay vì con gái.")
    assert _dated(text, [_tx(text, "Năm 2014", "2014")], [_m(text, "Huỳnh Dịch")]) == []
