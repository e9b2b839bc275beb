"""Round 8 clause rules of the generic fallback (``analyse/events_fallback.py``): pronoun subjects with
unlisted verbs at a fronted date, ``khi`` clauses, beginnings dated by ``từ``, noun-phrase events and
dates listed in brackets after event nouns.  Sentences are written for these tests (not gold rows)."""

from __future__ import annotations

from biennien.analyse.events import extract
from biennien.model import Event, Mention, Timex
from biennien.vi.normalise import tone_normalise
from biennien.vi.sentences import split_sentences


def _tx(text: str, s: str, value: str) -> Timex:
    i = text.index(s)
    return Timex(s, i, i + len(s), "DATE", value)


def _per(text: str, s: str, start: int = 0) -> Mention:
    i = text.index(s, start)
    return Mention(s, i, i + len(s), "PER", s, None, "PER:" + s.lower())


def _run(text: str, timexes: list[Timex], mentions: list[Mention]) -> list[Event]:
    return extract("d1", text, split_sentences(text), timexes, mentions, "2021-04-15")


def _agents(ev: Event) -> list[str]:
    return [p.name for p in ev.participants if p.role == "agent"]


def test_a_pronoun_subject_with_an_unlisted_verb_at_a_fronted_date_is_an_event() -> None:
    text = tone_normalise("Nữ diễn viên Lý Băng Băng rời Hồng Kông. Năm 2009, cô chuyển tới sống ở Bắc Kinh.")
    evs = _run(text, [_tx(text, "Năm 2009", "2009")], [_per(text, "Lý Băng Băng")])
    assert [(e.type, e.date) for e in evs] == [("other", "2009")]
    assert _agents(evs[0]) == ["Lý Băng Băng"]
    assert evs[0].summary.lower().startswith("cô chuyển tới")


def test_a_pronoun_clause_of_a_state_a_figure_or_a_noun_is_no_event() -> None:
    for clause in ("cô là gương mặt quảng cáo", "cô kiếm được 3 triệu USD", "cô gái này chuyển nhà"):
        text = tone_normalise(f"Nữ diễn viên Lý Băng Băng rời Hồng Kông. Năm 2009, {clause}.")
        assert _run(text, [_tx(text, "Năm 2009", "2009")], [_per(text, "Lý Băng Băng")]) == [], clause


def test_a_pronoun_with_an_unlisted_verb_needs_a_date_of_its_own_segment() -> None:
    # the date after the verb without "vào" is no point for an unlisted verb with a pronoun subject
    text = tone_normalise("Nữ diễn viên Lý Băng Băng rời Hồng Kông. Cô chuyển tới Bắc Kinh năm 2009.")
    assert _run(text, [_tx(text, "năm 2009", "2009")], [_per(text, "Lý Băng Băng")]) == []
