"""QA audit 4 (problems 3, 4, 8): negated time clauses, quoted themes, passive "được tổ chức", doubled words."""

from __future__ import annotations

from biennien.analyse.pipeline import analyse
from biennien.model import Document, Event
from biennien.vi.normalise import tone_normalise


def _events(text: str, ref: str) -> list[Event]:
    return analyse(Document(id="d", source="test", text=tone_normalise(text), reference_date=ref)).events


def test_a_negated_time_clause_is_no_event() -> None:
    evs = _events(
        "Tháng 5 vừa qua, khi chưa chính thức tốt nghiệp cao học, Lan được một ngân hàng mời về làm việc.",
        "2022-06-10",
    )
    assert not [e for e in evs if "tốt nghiệp" in e.summary.lower()]


def test_a_name_inside_a_quoted_theme_is_no_agent() -> None:
    evs = _events(
        'Lễ hội Hoa xuân, với chủ đề "Sắc hoa miền Đà Lạt" diễn ra từ ngày 10 - 12/5 tại quảng trường Lâm Viên.',
        "2022-05-01",
    )
    assert evs
    assert all(p.name != "Đà Lạt" for e in evs for p in e.participants)
    assert not any(e.summary.startswith("Đà Lạt") for e in evs)


def test_fixture_list_summaries_repeat_no_word_and_keep_one_year() -> None:
    evs = _events(
        "Theo lịch thi đấu đã được ban tổ chức công bố, đội tuyển Thái Lan gặp Lào ngày 3/9, "
        "gặp Myanmar ngày 6/9 và gặp chủ nhà Campuchia vào ngày 9/9.",
        "2022-07-20",
    )
    dated = [e for e in evs if e.date]
    assert {e.date for e in dated} >= {"2022-09-03", "2022-09-09"}
    for e in dated:
        words = e.summary.lower().split()
        assert all(a != b for a, b in zip(words, words[1:], strict=False)), e.summary


def test_a_name_in_reported_speech_stays_a_participant() -> None:
    # a quote opening the sentence is what someone said, not a title: the person it tells of acts
    evs = _events(
        '"Sáng nay, lúc 9h ngày 12/3 chị Hằng trong lúc tập luyện đã gặp tai nạn dẫn đến gãy chân. '
        'Hiện chị đang điều trị", người nhà ca sĩ Thu Hằng cho biết.',
        "2022-03-12",
    )
    dated = [e for e in evs if e.date and e.date.startswith("2022-03-12")]
    assert dated
    assert any(p.role == "agent" and "Hằng" in p.name for e in dated for p in e.participants)


def test_a_short_quoted_title_after_a_noun_is_still_no_agent() -> None:
    evs = _events(
        'Chương trình nghệ thuật "Khúc hát Sông Hồng" được tổ chức tối 20/5 tại Nhà hát Lớn.',
        "2022-05-10",
    )
    assert all(p.name != "Sông Hồng" for e in evs for p in e.participants)
