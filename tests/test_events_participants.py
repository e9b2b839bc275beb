"""Participants of everyday news events (audit point 5): a lower-case organisation head as subject,
launched products, adverbs before the verb, and a head noun the recogniser left out of a name.

Timexes and mentions are written by hand, as in ``test_events.py``; sentences follow tech_093 and
science_218 of unc-dev, lightly shortened.
"""

from __future__ import annotations

from annotated import timex_at as _tx
from biennien.analyse.events import extract
from biennien.model import Event, Mention, Timex
from biennien.vi.normalise import tone_normalise
from biennien.vi.sentences import split_sentences


def _m(text: str, s: str, etype: str, occ: int = 0) -> Mention:
    i = -1
    for _ in range(occ + 1):
        i = text.index(s, i + 1)
    return Mention(s, i, i + len(s), etype, s, None, f"{etype}:{s.lower()}")  # type: ignore[arg-type]


def _run(text: str, timexes: list[Timex], mentions: list[Mention]) -> list[Event]:
    return extract("d1", text, split_sentences(text), timexes, mentions, "2021-04-22")


def _who(ev: Event, role: str) -> list[str]:
    return [p.name for p in ev.participants if p.role == role]


def test_lower_case_company_subject_points_back_to_the_sentences_organisation() -> None:
    text = tone_normalise(
        "LG đã từng sử dụng nền tảng Symbian cho điện thoại, nhưng đến tháng 9/2009, hãng ra mắt LG GW620."
    )
    ms = [_m(text, "LG", "ORG"), _m(text, "Symbian", "PER"), _m(text, "LG GW620", "ORG")]
    (ev,) = _run(text, [_tx(text, "tháng 9/2009", "2009-09")], ms)
    assert ev.date == "2009-09" and _who(ev, "agent") == ["LG"] and _who(ev, "partner") == []
    assert ev.summary.startswith("LG ra mắt")


def test_lower_case_subject_points_back_to_the_previous_sentence() -> None:
    text = tone_normalise(
        "Nhà mạng Viettel cho biết doanh thu quý I tăng mạnh. Ngày 12/3, nhà mạng công bố gói cước mới."
    )
    ms = [_m(text, "Viettel", "ORG")]
    evs = [e for e in _run(text, [_tx(text, "Ngày 12/3", "2021-03-12")], ms) if e.date == "2021-03-12"]
    assert len(evs) == 1 and _who(evs[0], "agent") == ["Viettel"]
    # with no organisation named before, the subject stays without agent
    text2 = tone_normalise("Ông Nam cho biết doanh thu tăng. Ngày 12/3, nhà mạng công bố gói cước mới.")
    evs2 = [e for e in _run(text2, [_tx(text2, "Ngày 12/3", "2021-03-12")], []) if e.date == "2021-03-12"]
    assert all(not _who(e, "agent") for e in evs2)


def test_a_launched_product_is_never_the_agent() -> None:
    text = tone_normalise("LG một lần nữa gây chú ý khi ra mắt Renoir vào tháng 8/2008.")
    (ev,) = _run(
        text, [_tx(text, "tháng 8/2008", "2008-08")], [_m(text, "LG", "ORG"), _m(text, "Renoir", "PER")]
    )
    assert "Renoir" not in [p.name for p in ev.participants]
    text = tone_normalise(
        "Ra mắt vào tháng 12/2010, Optimus 2X là smartphone lõi kép đầu tiên trên thế giới."
    )
    (ev,) = _run(text, [_tx(text, "tháng 12/2010", "2010-12")], [_m(text, "Optimus", "PER")])
    assert ev.date == "2010-12" and _who(ev, "agent") == []


def test_official_confirmation_by_a_company() -> None:
    text = tone_normalise("Ngày 5/4/2021, LG chính thức xác nhận sẽ đóng cửa bộ phận di động.")
    (ev,) = _run(text, [_tx(text, "Ngày 5/4/2021", "2021-04-05")], [_m(text, "LG", "ORG")])
    assert ev.type == "announcement" and ev.date == "2021-04-05" and _who(ev, "agent") == ["LG"]


def test_lower_case_head_noun_makes_the_fuller_name() -> None:
    text = tone_normalise(
        "Ngày 21/4, hải quân Indonesia đưa thông báo khẩn về việc mất liên lạc với tàu ngầm."
    )
    (ev,) = _run(text, [_tx(text, "Ngày 21/4", "2021-04-21")], [_m(text, "Indonesia", "GPE")])
    assert _who(ev, "agent") == ["Hải quân Indonesia"]
    # a head that is never part of a name stays out of it: "công ty Apple" is Apple
    text = tone_normalise("Ngày 21/4, công ty Apple thông báo sẽ tổ chức sự kiện ra mắt sản phẩm.")
    (ev,) = _run(text, [_tx(text, "Ngày 21/4", "2021-04-21")], [_m(text, "Apple", "ORG")])
    assert _who(ev, "agent") == ["Apple"]
