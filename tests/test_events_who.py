"""Who did what (round 10): the agent is the subject of the trigger's own clause, the object is never the
agent too, and a summary never stops inside a compound noun.  Sentences are written for these tests
(not gold rows)."""

from __future__ import annotations

from annotated import mention_at
from annotated import timex_at as _tx
from biennien.analyse.events import extract
from biennien.model import EntityType, Event, Mention, Timex
from biennien.vi.normalise import tone_normalise
from biennien.vi.sentences import split_sentences


def _m(text: str, s: str, typ: EntityType = "PER", start: int = 0) -> Mention:
    return mention_at(text, s, typ, start)


def _run(text: str, timexes: list[Timex], mentions: list[Mention]) -> list[Event]:
    return extract("d1", text, split_sentences(text), timexes, mentions, "2021-04-15")


def _role(ev: Event, role: str) -> list[str]:
    return [p.name for p in ev.participants if p.role == role]


def test_an_organisation_opening_the_clause_signs_not_the_person_of_the_earlier_clause() -> None:
    text = tone_normalise(
        "Tháng 3/2019, anh Lê Văn Tám nộp đơn và tháng 5/2019, Công ty Minh Phát ký quyết định cho "
        "anh Lê Văn Tám thôi việc."
    )
    first = text.index("Lê Văn Tám")
    mentions = [
        _m(text, "Lê Văn Tám"),
        _m(text, "Công ty Minh Phát", "ORG"),
        _m(text, "Lê Văn Tám", start=first + 5),
    ]
    evs = [
        e
        for e in _run(
            text, [_tx(text, "Tháng 3/2019", "2019-03"), _tx(text, "tháng 5/2019", "2019-05")], mentions
        )
        if e.date == "2019-05"
    ]
    assert evs and _role(evs[0], "agent") == ["Công ty Minh Phát"]
    assert _role(evs[0], "partner") == ["Lê Văn Tám"]
    assert evs[0].summary.startswith("Công ty Minh Phát ký quyết định")


def test_the_object_of_a_marriage_is_kept_whole_after_a_compound_noun() -> None:
    text = tone_normalise("Chị Trần Thu Hà kết hôn với doanh nhân Phạm Quốc Bảo vào năm 2005.")
    mentions = [_m(text, "Trần Thu Hà"), _m(text, "Phạm Quốc Bảo")]
    evs = [e for e in _run(text, [_tx(text, "năm 2005", "2005")], mentions) if e.date]
    assert evs and _role(evs[0], "agent") == ["Trần Thu Hà"]
    assert _role(evs[0], "partner") == ["Phạm Quốc Bảo"]
    assert "doanh nhân Phạm Quốc Bảo" in evs[0].summary


def test_a_couple_subject_names_the_pair_told_before() -> None:
    text = tone_normalise(
        "Ca sĩ Nguyễn Văn An và Lê Thị Bình kết hôn vào năm 2010. Cặp đôi ly hôn vào năm 2015."
    )
    mentions = [_m(text, "Nguyễn Văn An"), _m(text, "Lê Thị Bình")]
    evs = [e for e in _run(text, [_tx(text, "năm 2010", "2010"), _tx(text, "năm 2015", "2015")], mentions)]
    split = next(e for e in evs if e.date == "2015")
    assert _role(split, "agent") == ["Nguyễn Văn An", "Lê Thị Bình"]
    assert split.summary.startswith("Nguyễn Văn An và Lê Thị Bình ly hôn")


def test_a_couple_subject_with_no_pair_before_names_nobody() -> None:
    text = tone_normalise("Anh Trần Văn Cường là doanh nhân. Cặp đôi ly hôn vào năm 2015.")
    evs = [e for e in _run(text, [_tx(text, "năm 2015", "2015")], [_m(text, "Trần Văn Cường")]) if e.date]
    assert evs and not _role(evs[0], "agent")


def test_a_building_is_not_the_agent_of_its_own_construction() -> None:
    text = tone_normalise("Được biết, ngôi chùa Phúc Lâm xây dựng vào năm 1890 trên một ngọn đồi.")
    evs = [e for e in _run(text, [_tx(text, "năm 1890", "1890")], [_m(text, "Phúc Lâm")]) if e.date]
    assert evs and not _role(evs[0], "agent")
    assert "chùa phúc lâm" in evs[0].summary.lower()


def test_a_fallback_summary_ends_before_a_contrast_clause() -> None:
    text = tone_normalise(
        "Bà Trịnh Mai là diễn viên. Năm 2013, bà trở về Hà Nội giao lưu cùng đoàn phim nhưng sau đó im lặng."
    )
    evs = [e for e in _run(text, [_tx(text, "Năm 2013", "2013")], [_m(text, "Trịnh Mai")]) if e.date]
    assert evs and "nhưng" not in evs[0].summary
    assert _role(evs[0], "agent") == ["Trịnh Mai"]


def test_organisations_joined_by_va_are_both_agents() -> None:
    from biennien.analyse.pipeline import analyse
    from biennien.model import Document

    t = "Tháng 5-2025, Bộ Y tế Việt Nam và Bộ Y tế Nhật Bản đã ký kết bản ghi nhớ hợp tác tại Hà Nội."
    (ev,) = [e for e in analyse(Document(id="x", source="x", text=t, reference_date="2025-06-01")).events]
    assert [p.name for p in ev.participants if p.role == "agent"] == ["Bộ Y tế Việt Nam", "Bộ Y tế Nhật Bản"]
