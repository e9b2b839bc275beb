"""Round 9: the verbs of everyday news (sport, crime and health, business, careers, education) and
common-noun subjects at a date of their own.  Sentences in the style of unc-dev news (not copied from
any gold set)."""

from __future__ import annotations

from annotated import mention_at
from annotated import timex_at as _tx
from biennien.analyse.events import extract
from biennien.model import EntityType, Event, Mention, Timex
from biennien.vi.normalise import tone_normalise
from biennien.vi.sentences import split_sentences


def _m(text: str, s: str, typ: EntityType = "ORG") -> Mention:
    return mention_at(text, s, typ)


def _dated(text: str, timexes: list[Timex], mentions: list[Mention]) -> list[tuple[str, str | None]]:
    evs: list[Event] = extract("d1", text, split_sentences(text), timexes, mentions, "2021-04-28")
    return [(e.type, e.date) for e in evs if e.date]


def test_a_match_result_with_a_score_is_an_event_and_a_scenic_spot_is_not() -> None:
    text = tone_normalise("Tối 27/4, Chelsea hòa 1-1 trước Real Madrid.")
    assert _dated(
        text, [_tx(text, "Tối 27/4", "2021-04-27")], [_m(text, "Chelsea"), _m(text, "Real Madrid")]
    ) == [("other", "2021-04-27")]
    text = tone_normalise("Năm 2019, khu thắng cảnh này đón 2 triệu khách.")
    assert _dated(text, [_tx(text, "Năm 2019", "2019")], []) == []


def test_a_count_after_an_invitation_is_no_obstacle() -> None:
    text = tone_normalise("Trong tháng 4/2021, Sở Du lịch đã mời 130 doanh nghiệp đến khảo sát.")
    got = _dated(text, [_tx(text, "tháng 4/2021", "2021-04")], [_m(text, "Sở Du lịch")])
    assert got == [("other", "2021-04")]


def test_a_death_rate_names_no_death() -> None:
    text = tone_normalise("Năm 2020, tỷ lệ tử vong của bệnh này ở mức cao.")
    assert _dated(text, [_tx(text, "Năm 2020", "2020")], []) == []


def test_a_role_noun_subject_at_a_fronted_day_is_an_event_without_agent() -> None:
    text = tone_normalise("Ngày 22/4, bệnh nhân đi ăn cưới tại huyện Lý Nhân.")
    evs = extract("d1", text, split_sentences(text), [_tx(text, "Ngày 22/4", "2021-04-22")], [], "2021-04-28")
    assert [(e.type, e.date) for e in evs] == [("other", "2021-04-22")]
    assert evs[0].participants == [] and evs[0].summary.lower().startswith("bệnh nhân đi ăn cưới")


def test_a_counted_crowd_with_an_auxiliary_is_an_event_but_a_figure_is_not() -> None:
    text = tone_normalise("Vào ngày 22/4/1970, 20 triệu người đã xuống đường tuần hành.")
    assert _dated(text, [_tx(text, "ngày 22/4/1970", "1970-04-22")], []) == [("other", "1970-04-22")]
    text = tone_normalise("Năm 2023, con số này vượt 124 tỷ USD.")
    assert _dated(text, [_tx(text, "Năm 2023", "2023")], []) == []
