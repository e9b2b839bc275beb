"""Events that did not happen as told: called off, habitual, work titles, quoted wishes, negated
modals, a statement dated by a noun's year, a fronted "Diễn ra"; and the new triggers for official
letters, decisions and weddings.  Real-style Dân Trí sentences; timexes and mentions by hand.
"""

from __future__ import annotations

from biennien.analyse.events import extract
from biennien.model import Event, Mention, Timex
from biennien.vi.sentences import split_sentences


def _at(text: str, s: str, occ: int = 0) -> int:
    i = -1
    for _ in range(occ + 1):
        i = text.index(s, i + 1)
    return i


def tx(text: str, s: str, value: str, occ: int = 0) -> Timex:
    i = _at(text, s, occ)
    return Timex(s, i, i + len(s), "DATE", value)


def ment(text: str, s: str, typ: str = "PER") -> Mention:
    i = _at(text, s)
    return Mention(s, i, i + len(s), typ, s, None, f"{typ}:{s.lower()}")


def run(text: str, timexes: list[Timex], mentions: list[Mention] | None = None) -> list[Event]:
    return extract("d1", text, split_sentences(text), timexes, mentions or [], "2021-04-29")


def dated(evs: list[Event]) -> list[Event]:
    return [e for e in evs if e.date]


def test_scheduled_event_called_off_in_its_sentence_is_no_line() -> None:
    t = "Lễ khai mạc lễ hội du lịch biển Sầm Sơn, dự kiến tổ chức vào 20h ngày 2/5 cũng tạm dừng."
    assert dated(run(t, [tx(t, "20h ngày 2/5", "2021-05-02T20:00")])) == []


def test_cancellation_decision_is_the_event_dated_by_the_decision() -> None:
    t = (
        "Đà Nẵng, ngày 27/4, UBND thành phố đã quyết định tạm dừng tổ chức lễ hội pháo hoa "
        "dự kiến diễn ra vào tối 1/5."
    )
    evs = dated(run(t, [tx(t, "ngày 27/4", "2021-04-27"), tx(t, "tối 1/5", "2021-05-01TEV")]))
    assert [(e.type, e.date) for e in evs] == [("announcement", "2021-04-27")]
    assert "tạm dừng" in evs[0].summary


def test_postponed_event_dated_by_the_decision_not_the_schedule() -> None:
    t = "Ngày 26/4, trận đấu giữa Hà Nội và Hải Phòng dự kiến diễn ra vào ngày 2/5 đã bị hoãn."
    evs = dated(run(t, [tx(t, "Ngày 26/4", "2021-04-26"), tx(t, "ngày 2/5", "2021-05-02")]))
    assert all(e.date != "2021-05-02" for e in evs)


def test_schedule_called_off_in_the_next_paragraph() -> None:
    t = (
        "Lễ hội hoa phượng đỏ theo dự kiến sẽ diễn ra từ ngày 30/4.\n"
        "Tuy nhiên, do diễn biến phức tạp của dịch Covid-19, thành phố đã quyết định dừng tổ chức lễ hội."
    )
    evs = run(t, [Timex("ngày 30/4", t.index("ngày 30/4"), t.index("ngày 30/4") + 9, "DATE", "2021-04-30")])
    assert all(e.date != "2021-04-30" for e in evs)


def test_scheduled_event_not_called_off_stays() -> None:
    t = "Lễ hội hoa phượng đỏ theo dự kiến sẽ diễn ra từ ngày 30/4.\nDu khách có thể đặt vé từ hôm nay."
    evs = run(t, [tx(t, "ngày 30/4", "2021-04-30")])
    assert [e.date for e in evs] == ["2021-04-30"]


def test_a_stop_on_a_trip_is_no_cancellation() -> None:
    t = "Chiều 26/4, đoàn công tác dừng chân tại Huế và tổ chức lễ dâng hương."
    evs = dated(run(t, [tx(t, "Chiều 26/4", "2021-04-26TAF")]))
    assert [e.date for e in evs] == ["2021-04-26TAF"]
    assert evs[0].type != "announcement"


def test_habitual_festival_is_no_dated_event() -> None:
    t = "Lễ hội chùa Hương được tổ chức vào ngày 6 tháng Giêng hàng năm."
    assert dated(run(t, [tx(t, "ngày 6 tháng Giêng", "2021-01-06")])) == []


def test_habitual_word_with_a_written_year_keeps_the_event() -> None:
    t = "Lễ hội đường phố hàng năm của Hội An được tổ chức vào ngày 5/4/2021 tại trung tâm thành phố."
    assert [e.date for e in dated(run(t, [tx(t, "ngày 5/4/2021", "2021-04-05")]))] == ["2021-04-05"]


def test_capitalised_trigger_inside_a_film_title_is_no_event() -> None:
    t = "Tháng 3/2020, Kim Tae Ri nổi tiếng nhờ bộ phim Gặp gỡ mùa xuân và nhận nhiều lời mời."
    evs = run(t, [tx(t, "Tháng 3/2020", "2020-03")], [ment(t, "Kim Tae Ri")])
    assert not any(e.trigger.lower().startswith("gặp") for e in evs)


def test_capitalised_trigger_after_a_name_is_a_title() -> None:
    t = "Tháng 1/2021, Song Joong Ki Hạ cánh nơi anh bị bắt gặp đi ăn tối cùng bạn diễn."
    evs = run(t, [tx(t, "Tháng 1/2021", "2021-01")], [ment(t, "Song Joong Ki")])
    assert not any(e.type == "arrival" for e in evs)


def test_capitalised_event_noun_after_a_verb_stays() -> None:
    t = "Ngày 10/3, Bộ trưởng Nguyễn Văn A đồng chủ trì Đối thoại Chiến lược với Bộ trưởng Ngoại giao Nhật Bản."
    evs = dated(run(t, [tx(t, "Ngày 10/3", "2021-03-10")], [ment(t, "Nguyễn Văn A")]))
    assert [e.type for e in evs] == ["dialogue"]


def test_date_outside_a_quote_does_not_date_the_quoted_wish() -> None:
    t = 'Anh xem video của nhóm nhạc vào năm 1996 và nói: "Người đó sẽ là cô gái mà tôi kết hôn".'
    evs = run(t, [tx(t, "năm 1996", "1996")])
    assert not any(e.date == "1996" and "kết hôn" in e.summary for e in evs)


def test_date_inside_the_quote_dates_the_quoted_event() -> None:
    t = '"Chúng tôi đã ký hợp đồng với đối tác Nhật Bản vào ngày 5/3", ông Lê Văn Bình cho biết.'
    evs = run(t, [tx(t, "ngày 5/3", "2021-03-05")], [ment(t, "Lê Văn Bình")])
    assert any(e.date == "2021-03-05" and e.type == "signing" for e in evs)


def test_negated_modal_before_the_trigger_blocks_it() -> None:
    t = "Do dịch bệnh năm 2020, Bộ Y tế không thể cử đoàn công tác tham dự hội nghị."
    evs = run(t, [tx(t, "năm 2020", "2020")], [ment(t, "Bộ Y tế", "ORG")])
    assert dated(evs) == []


def test_statement_not_dated_by_the_year_of_a_noun() -> None:
    t = "Chia sẻ với các thí sinh dự thi tốt nghiệp THPT năm nay, cô Nguyễn Thu Hà cho biết đề thi không khó."
    evs = run(t, [tx(t, "năm nay", "2021")], [ment(t, "Nguyễn Thu Hà")])
    assert dated(evs) == []


def test_fronted_plan_is_no_event_and_fronted_happening_names_its_subject() -> None:
    t = "Bắt đầu từ năm học 2021 - 2022, trường sẽ phải tăng học phí."
    assert dated(run(t, [tx(t, "năm học 2021 - 2022", "2021")])) == []
    t = "Diễn ra vào sáng 23/4, Diễn đàn Chuyển đổi số quốc gia do Bộ Thông tin tổ chức thu hút 500 đại biểu."
    evs = dated(run(t, [tx(t, "sáng 23/4", "2021-04-23TMO")]))
    assert [e.summary for e in evs] == ["Diễn đàn Chuyển đổi số quốc gia diễn ra"]


def test_official_letter_and_wedding_are_events() -> None:
    t = "Ngày 26/4, Bộ Y tế đã ra công văn yêu cầu các địa phương tăng cường phòng dịch."
    evs = dated(run(t, [tx(t, "Ngày 26/4", "2021-04-26")], [ment(t, "Bộ Y tế", "ORG")]))
    assert [(e.type, e.date) for e in evs] == [("announcement", "2021-04-26")]
    t = "Tháng 8/2015, Lâm Tâm Như đã chính thức làm đám cưới với Hoắc Kiến Hoa tại Bali."
    evs = dated(
        run(t, [tx(t, "Tháng 8/2015", "2015-08")], [ment(t, "Lâm Tâm Như"), ment(t, "Hoắc Kiến Hoa")])
    )
    assert [e.date for e in evs] == ["2015-08"]


def test_married_since_a_year_dates_the_wedding() -> None:
    t = "Tom Hanks và Rita Wilson kết hôn từ năm 1988."
    evs = run(t, [tx(t, "năm 1988", "1988")], [ment(t, "Tom Hanks"), ment(t, "Rita Wilson")])
    assert [e.date for e in evs] == ["1988"]


def test_counted_crowd_taking_part_is_a_dated_event() -> None:
    t = "Sáng 25/4, hơn 3000 vận động viên đã tham gia giải chạy marathon quanh hồ Tây."
    evs = dated(run(t, [tx(t, "Sáng 25/4", "2021-04-25TMO")]))
    assert [e.date for e in evs] == ["2021-04-25TMO"]
    assert evs[0].summary.startswith("Hơn 3000 vận động viên tham gia")


def test_local_body_in_a_dateline_sentence_takes_the_place() -> None:
    t = "Quảng Nam, ngày 28/4, UBND tỉnh đã quyết định tạm dừng tổ chức lễ hội đèn lồng."
    evs = dated(run(t, [tx(t, "ngày 28/4", "2021-04-28")], [ment(t, "Quảng Nam", "GPE")]))
    assert [(e.type, e.date) for e in evs] == [("announcement", "2021-04-28")]
    assert [p.name for p in evs[0].participants if p.role == "agent"] == ["UBND tỉnh Quảng Nam"]
    assert evs[0].summary.startswith("UBND tỉnh Quảng Nam")


def test_earlier_delay_does_not_cancel_the_event() -> None:
    t = "Cuộc thi Hoa hậu Thế giới 2020 sẽ diễn ra tại London vào tháng 5 tới sau gần 1 năm bị trì hoãn."
    evs = dated(run(t, [tx(t, "tháng 5 tới", "2021-05")]))
    assert [(e.type, e.date) for e in evs] == [("other", "2021-05")]


def test_scare_quoted_trigger_stays_an_event() -> None:
    t = "Đến năm 2019, Taylor Swift lần đầu “trình làng” album mới tại New York."
    evs = dated(run(t, [tx(t, "năm 2019", "2019")], [ment(t, "Taylor Swift")]))
    assert [e.date for e in evs] == ["2019"]
