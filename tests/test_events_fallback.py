"""The generic fallback event (``analyse/events_fallback.py``): a dated clause with a named subject
and a verb phrase that no trigger of the lexicon knows becomes an ``other`` event; states, periods,
habits and negations do not."""

from __future__ import annotations

from annotated import timex_at as _tx
from biennien.analyse.events import extract
from biennien.model import Event, Mention, Timex
from biennien.vi.normalise import tone_normalise
from biennien.vi.sentences import split_sentences


def _per(text: str, s: str) -> Mention:
    i = text.index(s)
    return Mention(s, i, i + len(s), "PER", s, None, "PER:" + s.lower())


def _run(text: str, timexes: list[Timex], mentions: list[Mention]) -> list[Event]:
    return extract("d1", text, split_sentences(text), timexes, mentions, "2021-04-15")


def test_fronted_year_with_a_named_subject_and_an_unlisted_verb_is_an_event() -> None:
    text = tone_normalise("Năm 2020, Châu Tấn thừa nhận đã ly hôn với Cao Thánh Viễn.")
    evs = _run(text, [_tx(text, "Năm 2020", "2020")], [_per(text, "Châu Tấn"), _per(text, "Cao Thánh Viễn")])
    # the verb table types the admission as an announcement (event_fallback_verbs.tsv)
    assert [(e.type, e.date) for e in evs] == [("announcement", "2020")]
    assert [p.name for p in evs[0].participants if p.role == "agent"] == ["Châu Tấn"]
    assert evs[0].summary.startswith("Châu Tấn thừa nhận") and "2020" not in evs[0].summary


def test_date_after_its_verb_with_vao_dates_the_clause() -> None:
    text = tone_normalise("Châu Tấn và Lý Á Bằng gặp nhau vào năm 2003 khi cùng đóng phim.")
    evs = _run(text, [_tx(text, "năm 2003", "2003")], [_per(text, "Châu Tấn"), _per(text, "Lý Á Bằng")])
    assert [(e.type, e.date) for e in evs] == [("meeting", "2003")]
    assert evs[0].summary == "Châu Tấn và Lý Á Bằng gặp nhau"


def test_periods_states_and_negations_are_not_events() -> None:
    cases = [
        ("Từ năm 2019, Đậu Tĩnh Đồng và Châu Tấn thân thiết.", "năm 2019", "2019"),
        ("Năm 2020, Châu Tấn là diễn viên được trả cát-xê cao nhất.", "Năm 2020", "2020"),
        ("Năm 2020, Châu Tấn không xuất hiện trước truyền thông.", "Năm 2020", "2020"),
        ("Châu Tấn vẫn đóng phim đến năm 2025.", "năm 2025", "2025"),
        ("Châu Tấn thường về quê vào tháng 4/2021.", "tháng 4/2021", "2021-04"),
    ]
    for sentence, date_text, value in cases:
        text = tone_normalise(sentence)
        assert _run(text, [_tx(text, date_text, value)], [_per(text, "Châu Tấn")]) == [], sentence


def test_a_clause_without_a_named_subject_is_left_out() -> None:
    text = tone_normalise("Năm 1596, hợp đồng cho thuê đất hết hạn.")
    assert _run(text, [_tx(text, "Năm 1596", "1596")], []) == []


def test_a_date_of_a_subordinate_clause_does_not_date_the_subjects_verb() -> None:
    text = tone_normalise("Farrell đã gặp 50 phụ nữ trước khi cuốn sách được xuất bản vào năm 2015.")
    assert _run(text, [_tx(text, "năm 2015", "2015")], [_per(text, "Farrell")]) == []


def test_a_date_on_its_own_dates_the_clause_after_an_adjunct() -> None:
    text = tone_normalise(
        "Theo xác minh, khoảng 11h ngày 26/4, trên đường đi học về, Dung thấy một chiếc túi."
    )
    t = _tx(text, "11h ngày 26/4", "2021-04-26T11:00")
    evs = _run(text, [t], [_per(text, "Dung")])
    assert [(e.date, e.summary) for e in evs] == [("2021-04-26T11:00", "Dung thấy một chiếc túi")]


def _org(text: str, s: str) -> Mention:
    i = text.index(s)
    return Mention(s, i, i + len(s), "ORG", s, None, "ORG:" + s.lower())


def test_an_unnamed_subject_before_a_listed_happening_is_an_event_without_agent() -> None:
    text = tone_normalise("Cặp đôi tái hợp vào năm 2014 sau 10 năm xa cách.")
    evs = _run(text, [_tx(text, "năm 2014", "2014")], [])
    assert [(e.type, e.date, e.participants) for e in evs] == [("other", "2014", [])]
    assert evs[0].summary == "Cặp đôi tái hợp"
    text = tone_normalise(
        "Một số cổ động viên quá khích tấn công nhà của Woodward vào tháng Giêng năm ngoái."
    )
    evs = _run(text, [_tx(text, "tháng Giêng năm ngoái", "2020-01")], [_per(text, "Woodward")])
    assert [(e.date, e.summary) for e in evs] == [
        ("2020-01", "Một số cổ động viên quá khích tấn công nhà của Woodward")
    ]


def test_an_unnamed_subject_with_an_unlisted_verb_stays_out() -> None:
    text = tone_normalise("Năm 2019, các em học sinh háo hức chờ kết quả.")
    assert _run(text, [_tx(text, "Năm 2019", "2019")], []) == []


def test_a_group_of_a_named_body_takes_the_body_as_agent_and_the_verb_type() -> None:
    text = tone_normalise("Vào tháng trước, các nhà điều tra của WHO đã bác bỏ thông tin này.")
    evs = _run(text, [_tx(text, "tháng trước", "2021-03")], [_org(text, "WHO")])
    assert [(e.type, e.date) for e in evs] == [("statement", "2021-03")]
    assert [p.name for p in evs[0].participants] == ["WHO"]


def test_a_pronoun_subject_points_back_to_the_main_person() -> None:
    text = tone_normalise(
        "PGS.TS Trần Thị Thu Hà được vinh danh ở lĩnh vực Nông nghiệp. "
        "Năm 2019, bà được trao giải thưởng Kovalevskaia."
    )
    evs = _run(text, [_tx(text, "Năm 2019", "2019")], [_per(text, "Trần Thị Thu Hà")])
    assert [(e.date, [p.name for p in e.participants]) for e in evs] == [("2019", ["Trần Thị Thu Hà"])]


def test_a_day_after_tu_starts_a_happening_and_a_compound_is_no_cue() -> None:
    text = tone_normalise("Từ ngày 28/4, Cục Điện ảnh mở cuộc điều tra về chi phí sản xuất.")
    evs = _run(text, [_tx(text, "ngày 28/4", "2021-04-28")], [_org(text, "Cục Điện ảnh")])
    assert [(e.date, e.summary) for e in evs] == [
        ("2021-04-28", "Cục Điện ảnh mở cuộc điều tra về chi phí sản xuất")
    ]
    # a year after "từ" is still a period
    text = tone_normalise("Từ năm 2019, Cục Điện ảnh mở cuộc điều tra về chi phí sản xuất.")
    assert _run(text, [_tx(text, "năm 2019", "2019")], [_org(text, "Cục Điện ảnh")]) == []
    # "liệu" of speculation is not the one of "tài liệu"
    text = tone_normalise("Năm 1920, Fawcett tình cờ xem được một tài liệu trong thư viện.")
    evs = _run(text, [_tx(text, "Năm 1920", "1920")], [_per(text, "Fawcett")])
    assert [e.date for e in evs] == ["1920"]


def test_a_comma_inside_a_name_and_a_negation_in_a_subordinate_clause() -> None:
    text = tone_normalise("Từ ngày 28/4, Cục Phát thanh, Điện ảnh và Truyền hình mở cuộc điều tra.")
    name = "Cục Phát thanh"
    evs = _run(text, [_tx(text, "ngày 28/4", "2021-04-28")], [_org(text, name)])
    assert [(e.date, [p.name for p in e.participants]) for e in evs] == [("2021-04-28", [name])]
    # the negation belongs to the "khi" clause; the listed verb "thừa nhận" types it
    text = tone_normalise(
        "Trong tuyên bố vào thứ Sáu, họ thừa nhận đã sai lầm khi không đánh giá đúng tình hình."
    )
    evs = _run(text, [_tx(text, "thứ Sáu", "2021-04-23")], [])
    assert [(e.type, e.date) for e in evs] == [("announcement", "2021-04-23")]
    # a negation of the main clause still blocks it
    text = tone_normalise("Trong tuyên bố vào thứ Sáu, họ không thừa nhận sai lầm.")
    assert _run(text, [_tx(text, "thứ Sáu", "2021-04-23")], []) == []
    # a clause opened by "Khi" tells its own happening
    text = tone_normalise("Khi cặp đôi ly hôn vào năm 2013, con gái ở với bố.")
    evs = _run(text, [_tx(text, "năm 2013", "2013")], [])
    assert [(e.date, e.summary) for e in evs] == [("2013", "Cặp đôi ly hôn")]


def test_a_descriptor_before_a_place_and_a_subordinate_verb_make_no_event() -> None:
    text = tone_normalise("Năm 2017, làng giải trí Ấn Độ chấn động trước thông tin.")
    i = text.index("Ấn Độ")
    gpe = Mention("Ấn Độ", i, i + 5, "GPE", "Ấn Độ", None, "GPE:ấn độ")
    assert _run(text, [_tx(text, "Năm 2017", "2017")], [gpe]) == []
    text = tone_normalise("Cặp đôi có hai con trước khi ly hôn vào tháng 11 năm 1969.")
    assert _run(text, [_tx(text, "tháng 11 năm 1969", "1969-11")], []) == []


def test_a_state_whose_khi_clause_tells_a_listed_happening_is_dated_by_it() -> None:
    text = tone_normalise("Woodward là cánh tay đắc lực của nhà Glazer khi thâu tóm Man Utd vào năm 2005.")
    ments = [_per(text, "Woodward"), _per(text, "Glazer")]
    evs = _run(text, [_tx(text, "năm 2005", "2005")], ments)
    assert [(e.type, e.date) for e in evs] == [("other", "2005")]
    # with an unlisted verb after "khi" the state stays a state
    text = tone_normalise("Woodward là cánh tay đắc lực của nhà Glazer khi làm việc ở London vào năm 2005.")
    ments = [_per(text, "Woodward"), _per(text, "Glazer")]
    assert _run(text, [_tx(text, "năm 2005", "2005")], ments) == []
