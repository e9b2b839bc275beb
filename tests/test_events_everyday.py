"""Everyday news events (sackings, appointments, reports, accidents) and the clause rules found on
the second held-out set: open 'từ năm X', bracketed asides, contrasts, quotes, pronoun subjects,
dangling summaries and fronted launch clauses.  Sentences are real-style Dân Trí sentences;
timexes and mentions are written by hand, as in test_events.py.
"""

from __future__ import annotations

from biennien.analyse.events import extract
from biennien.model import Event, Mention, Timex
from biennien.vi.normalise import tone_normalise
from biennien.vi.sentences import split_sentences


def _at(text: str, s: str, occ: int = 0) -> int:
    i = -1
    for _ in range(occ + 1):
        i = text.index(s, i + 1)
    return i


def tx(text: str, s: str, value: str, occ: int = 0) -> Timex:
    i = _at(text, s, occ)
    return Timex(s, i, i + len(s), "DATE", value)


def per(text: str, s: str, name: str, occ: int = 0) -> Mention:
    i = _at(text, s, occ)
    return Mention(s, i, i + len(s), "PER", name, None, "PER:" + name.lower())


def run(text: str, timexes: list[Timex], mentions: list[Mention] | None = None) -> list[Event]:
    return extract("d1", text, split_sentences(text), timexes, mentions or [], "2021-04-19")


def agent(ev: Event) -> str | None:
    return next((p.name for p in ev.participants if p.role == "agent"), None)


def test_sacking_and_appointment_are_dated_events() -> None:
    text = tone_normalise(
        "HLV Mourinho được bổ nhiệm làm HLV của Tottenham vào tháng 11/2019, thay thế Pochettino. "
        "Tuy nhiên, ông đã bị sa thải vào tháng 4/2021."
    )
    evs = run(
        text,
        [tx(text, "tháng 11/2019", "2019-11"), tx(text, "tháng 4/2021", "2021-04")],
        [per(text, "Mourinho", "Mourinho"), per(text, "Pochettino", "Pochettino")],
    )
    dated = sorted((e.date, e.type) for e in evs if e.date)
    assert dated == [("2019-11", "other"), ("2021-04", "other")]
    sacked = next(e for e in evs if e.date == "2021-04")
    # "ông" points back to the person the text is about
    assert agent(sacked) == "Mourinho"


def test_pronoun_points_to_the_most_named_person_not_the_last() -> None:
    text = tone_normalise(
        "HLV Mourinho tới Man Utd. Mourinho tin dùng Paul Pogba. Tới tháng 12/2018, ông đã chính thức bị sa thải."
    )
    evs = run(
        text,
        [tx(text, "tháng 12/2018", "2018-12")],
        [
            per(text, "Mourinho", "Mourinho"),
            per(text, "Mourinho", "Mourinho", 1),
            per(text, "Paul Pogba", "Paul Pogba"),
        ],
    )
    (ev,) = [e for e in evs if e.date == "2018-12"]
    assert agent(ev) == "Mourinho"


def test_open_since_year_dates_no_event_but_a_range_does() -> None:
    text = tone_normalise("Sau vụ việc, Triệu Vy đã quay lại bằng cách tham dự sự kiện từ năm 2020.")
    evs = run(text, [tx(text, "năm 2020", "2020")], [per(text, "Triệu Vy", "Triệu Vy")])
    assert [e.date for e in evs if e.date] == []
    text2 = tone_normalise("Hành trình bắt đầu từ năm 2018, Trang đến thăm 48 tỉnh thành.")
    evs2 = run(text2, [tx(text2, "năm 2018", "2018")])
    assert "2018" in [e.date for e in evs2]


def test_date_in_bracketed_aside_is_not_the_trigger_date() -> None:
    text = tone_normalise(
        "THE Impact Rankings công bố kết quả xếp hạng lần đầu năm 2019, hướng tới 17 mục tiêu "
        "(có hiệu lực kể từ năm 2016)."
    )
    evs = run(text, [tx(text, "năm 2019", "2019"), tx(text, "năm 2016", "2016")])
    assert [e.date for e in evs if e.date] == ["2019"]


def test_contrast_keeps_its_date() -> None:
    text = tone_normalise(
        "HLV Mourinho từng gia hạn hợp đồng tới năm 2016 nhưng ông đã bị sa thải vào cuối mùa giải."
    )
    evs = run(text, [tx(text, "năm 2016", "2016")], [per(text, "Mourinho", "Mourinho")])
    assert [e.date for e in evs if e.date] == []


def test_report_is_not_dated_from_inside_the_quote_before_it() -> None:
    text = tone_normalise(
        '"Mười hai CLB đã họp lại để thông báo thành lập giải đấu vào giữa tuần", tờ The Guardian đưa tin.'
    )
    evs = run(text, [tx(text, "giữa tuần", "2021-W16")])
    assert all(e.type != "statement" for e in evs if e.date)


def test_sanction_that_will_follow_is_a_rule() -> None:
    text = tone_normalise("Kể từ ngày 1/10, các hành vi gửi tin nhắn rác sẽ bị phạt nặng.")
    assert [e for e in run(text, [tx(text, "ngày 1/10", "2020-10-01")]) if e.date] == []


def test_summary_never_ends_on_a_dangling_word_and_fronted_launch_takes_its_subject() -> None:
    text = tone_normalise(
        "Sản phẩm được ra mắt vào tháng 12/2006, chỉ ít tháng trước khi Apple ra mắt iPhone. "
        "Ra mắt vào tháng 12/2010, Optimus 2X là chiếc smartphone lõi kép đầu tiên."
    )
    evs = run(text, [tx(text, "tháng 12/2006", "2006-12"), tx(text, "tháng 12/2010", "2010-12")])
    by_date = {e.date: e.summary for e in evs if e.date}
    assert by_date["2006-12"] == "Sản phẩm được ra mắt"
    assert by_date["2010-12"] == "Optimus 2X ra mắt"
