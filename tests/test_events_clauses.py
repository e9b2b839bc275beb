"""Round 8 clause rules of the generic fallback (``analyse/events_fallback.py``): pronoun subjects with
unlisted verbs at a fronted date, ``khi`` clauses, beginnings dated by ``từ``, noun-phrase events and
dates listed in brackets after event nouns.  Sentences are written for these tests (not gold rows)."""

from __future__ import annotations

from annotated import timex_at as _tx
from biennien.analyse.events import extract
from biennien.model import Event, Mention, Timex
from biennien.vi.normalise import tone_normalise
from biennien.vi.sentences import split_sentences


def _per(text: str, s: str, start: int = 0) -> Mention:
    i = text.index(s, start)
    return Mention(s, i, i + len(s), "PER", s, None, "PER:" + s.lower())


def _run(text: str, timexes: list[Timex], mentions: list[Mention]) -> list[Event]:
    return extract("d1", text, split_sentences(text), timexes, mentions, "2021-04-15")


def _agents(ev: Event) -> list[str]:
    return [p.name for p in ev.participants if p.role == "agent"]


def test_a_pronoun_subject_with_an_unlisted_verb_at_a_fronted_date_is_an_event() -> None:
    text = tone_normalise("Nữ diễn viên Lý Băng Băng rời Hồng Kông. Năm 2009, cô chuyển tới sống ở Bắc Kinh.")
    # the first sentence ("rời Hồng Kông") is an undated event of its own; the dated one is the fallback's
    evs = [e for e in _run(text, [_tx(text, "Năm 2009", "2009")], [_per(text, "Lý Băng Băng")]) if e.date]
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


def test_a_khi_backdrop_clause_leaves_the_date_to_the_main_clause() -> None:
    text = tone_normalise(
        "Vào năm 1994, khi đang ở đỉnh cao danh vọng, Lâm Thanh Hà bất ngờ quyết định giải nghệ."
    )
    evs = _run(text, [_tx(text, "năm 1994", "1994")], [_per(text, "Lâm Thanh Hà")])
    assert [(e.date, _agents(e)) for e in evs] == [("1994", ["Lâm Thanh Hà"])]
    assert "giải nghệ" in evs[0].summary


def test_a_dated_khi_clause_with_a_listed_verb_is_the_event_of_the_main_subject() -> None:
    text = tone_normalise("Năm 2019, khi tham gia lễ trao giải của tạp chí Elle, Phạm Băng Băng diện váy đỏ.")
    evs = _run(text, [_tx(text, "Năm 2019", "2019")], [_per(text, "Phạm Băng Băng")])
    assert [(e.date, _agents(e)) for e in evs] == [("2019", ["Phạm Băng Băng"])]
    assert evs[0].summary.startswith("Phạm Băng Băng tham gia lễ trao giải")


def test_a_beginning_is_dated_by_tu_but_another_verb_after_tu_is_a_period() -> None:
    text = tone_normalise(
        "Nữ diễn viên Kim Hee Sun nổi tiếng. Từ năm 1993, cô bắt đầu đóng phim truyền hình."
    )
    evs = _run(text, [_tx(text, "năm 1993", "1993")], [_per(text, "Kim Hee Sun")])
    assert [(e.date, _agents(e)) for e in evs] == [("1993", ["Kim Hee Sun"])]
    text = tone_normalise("Ca sĩ Vũ Cát Tường bắt đầu sự nghiệp solo từ tháng 12 năm 2020.")
    evs = _run(text, [_tx(text, "tháng 12 năm 2020", "2020-12")], [_per(text, "Vũ Cát Tường")])
    assert [(e.date, _agents(e)) for e in evs] == [("2020-12", ["Vũ Cát Tường"])]
    for sentence in (
        "Nữ diễn viên Kim Hee Sun nổi tiếng. Từ năm 1993, cô sống ở Seoul cùng gia đình.",
        "Ca sĩ Vũ Cát Tường bắt đầu sự nghiệp solo từ tháng 12 năm 2020 đến tháng 3 năm 2021.",
    ):
        text = tone_normalise(sentence)
        date = "năm 1993" if "1993" in sentence else "tháng 12 năm 2020"
        name = "Kim Hee Sun" if "1993" in sentence else "Vũ Cát Tường"
        tx = _tx(text, date, "1993" if "1993" in sentence else "2020-12")
        assert _run(text, [tx], [_per(text, name)]) == [], sentence


def test_an_event_told_as_a_noun_phrase_with_its_date() -> None:
    text = tone_normalise("Hôn lễ của Đường Yên là vào tháng 10/2018 tại Vienna.")
    evs = _run(text, [_tx(text, "tháng 10/2018", "2018-10")], [_per(text, "Đường Yên")])
    assert [(e.date, _agents(e), e.summary) for e in evs] == [
        ("2018-10", ["Đường Yên"], "Hôn lễ của Đường Yên")
    ]
    # a noun that names no event, or no owner after "của", makes no line
    for sentence in ("Bộ phim của Đường Yên là vào tháng 10/2018.", "Hôn lễ là vào tháng 10/2018."):
        text = tone_normalise(sentence)
        ms = [_per(text, "Đường Yên")] if "Đường Yên" in text else []
        assert _run(text, [_tx(text, "tháng 10/2018", "2018-10")], ms) == [], sentence
