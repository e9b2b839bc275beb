"""Event extraction on real-style news sentences, with hand-built timexes and mentions.

The timex tagger and the entity recogniser are tested on their own; here their
output is written by hand so that these tests check only how events are found,
dated, typed and given participants.
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


def tx(text: str, s: str, value: str, occ: int = 0, **kw: str) -> Timex:
    i = _at(text, s, occ)
    return Timex(s, i, i + len(s), "DATE", value, **kw)


def per(text: str, s: str, name: str, role: str | None = None, occ: int = 0) -> Mention:
    i = _at(text, s, occ)
    key = "PER:" + name.lower()
    return Mention(s, i, i + len(s), "PER", name, role, key)


def run(text: str, timexes: list[Timex], mentions: list[Mention] | None = None) -> list[Event]:
    return extract("d1", text, split_sentences(text), timexes, mentions or [], "2026-02-14")


def names(ev: Event, role: str) -> list[str]:
    return [p.name for p in ev.participants if p.role == role]


def test_reception_dated_by_trailing_date_and_visit_frame() -> None:
    text = tone_normalise(
        "Tổng Bí thư Tô Lâm đã tiếp Trợ lý Ngoại trưởng Hoa Kỳ Michael DeSombre nhân dịp thăm chính thức "
        "Việt Nam, tại trụ sở Trung ương Đảng vào chiều 13-2."
    )
    ms = [
        per(text, "Tổng Bí thư Tô Lâm", "Tô Lâm", "Tổng Bí thư"),
        per(text, "Trợ lý Ngoại trưởng Hoa Kỳ Michael DeSombre", "Michael DeSombre", "Trợ lý Ngoại trưởng"),
    ]
    evs = run(text, [tx(text, "chiều 13-2", "2026-02-13TAF")], ms)
    rec = [e for e in evs if e.type == "reception"]
    assert len(rec) == 1
    assert rec[0].date == "2026-02-13TAF"
    assert names(rec[0], "agent") == ["Tô Lâm"]
    assert names(rec[0], "partner") == ["Michael DeSombre"]
    assert rec[0].place == "trụ sở Trung ương Đảng"
    assert rec[0].evidence[0].start == 0 and rec[0].evidence[0].doc == "d1"
    visit = [e for e in evs if e.type == "visit"]
    assert len(visit) == 1 and visit[0].date == "2026-02-13" and visit[0].place == "Việt Nam"
    assert names(visit[0], "agent") == ["Michael DeSombre"]


def test_same_day_inherits_day_with_own_part_of_day() -> None:
    text = tone_normalise(
        "Chiều 13-2, Tổng Bí thư Tô Lâm đã tiếp ông Michael DeSombre.\n"
        "Chiều cùng ngày, tại Trụ sở Bộ Quốc phòng, Đại tướng Phan Văn Giang đã tiếp Michael DeSombre."
    )
    evs = run(text, [tx(text, "Chiều 13-2", "2026-02-13TAF")])
    assert [e.date for e in evs] == ["2026-02-13TAF", "2026-02-13TAF"]
    assert evs[1].place == "Trụ sở Bộ Quốc phòng"


def test_parenthesised_date_belongs_to_the_trigger_before_it() -> None:
    text = tone_normalise(
        "Theo Bộ Ngoại giao, kể từ khi bình thường hóa quan hệ ngoại giao (tháng 7-1995) đến nay, "
        "quan hệ Việt Nam - Hoa Kỳ đã phát triển trên nhiều lĩnh vực."
    )
    evs = run(text, [tx(text, "tháng 7-1995", "1995-07")])
    assert [(e.type, e.date) for e in evs] == [("agreement", "1995-07")]


def test_backdrop_visit_and_upgrade_are_two_events_of_one_month() -> None:
    text = tone_normalise(
        "Tháng 9-2023, nhân chuyến thăm Việt Nam của Tổng thống Hoa Kỳ Joe Biden, hai nước đã nâng cấp "
        "quan hệ lên Đối tác chiến lược toàn diện."
    )
    ms = [per(text, "Tổng thống Hoa Kỳ Joe Biden", "Joe Biden", "Tổng thống")]
    evs = run(text, [tx(text, "Tháng 9-2023", "2023-09")], ms)
    assert sorted((e.type, e.date) for e in evs) == [("agreement", "2023-09"), ("visit", "2023-09")]
    visit = next(e for e in evs if e.type == "visit")
    assert visit.place == "Việt Nam" and names(visit, "agent") == ["Joe Biden"]


def test_phone_call_typed_and_dated_and_statement_dropped_without_date() -> None:
    text = tone_normalise(
        "Tối 2/7 vừa qua, Tổng Bí thư Tô Lâm điện đàm với Tổng thống Mỹ Donald Trump về quan hệ hai nước.\n"
        "Tổng Bí thư Tô Lâm khẳng định Việt Nam luôn coi Hoa Kỳ là đối tác quan trọng."
    )
    ms = [
        per(text, "Tổng Bí thư Tô Lâm", "Tô Lâm", "Tổng Bí thư"),
        per(text, "Tổng thống Mỹ Donald Trump", "Donald Trump", "Tổng thống"),
        per(text, "Tổng Bí thư Tô Lâm", "Tô Lâm", "Tổng Bí thư", occ=1),
    ]
    evs = run(text, [tx(text, "Tối 2/7", "2025-07-02TEV")], ms)
    assert len(evs) == 1
    assert evs[0].type == "phone_call" and evs[0].date == "2025-07-02TEV"
    assert names(evs[0], "agent") == ["Tô Lâm"] and names(evs[0], "partner") == ["Donald Trump"]


def test_anniversary_and_purpose_clauses_are_not_events() -> None:
    text = tone_normalise(
        "Tính đến tháng 7/2025, sau 30 năm bình thường hóa quan hệ, hai nước đã xây dựng khuôn khổ hợp tác.\n"
        "Ngay tuần sau đó, một đoàn công tác đã đến Washington để gặp các đối tác."
    )
    evs = run(text, [tx(text, "tháng 7/2025", "2025-07")])
    assert all(e.type != "agreement" for e in evs)
    assert all(e.type != "meeting" for e in evs)


def test_undated_event_is_kept_with_null_date() -> None:
    text = tone_normalise("Tổng Bí thư Tô Lâm tiếp Trợ lý Ngoại trưởng Hoa Kỳ Michael George DeSombre.")
    evs = run(text, [])
    assert [(e.type, e.date) for e in evs] == [("reception", None)]


def test_signing_witnessed_is_one_event() -> None:
    text = tone_normalise(
        "Trước đó, chiều tối 18/2, tại Washington D.C. (Mỹ), Tổng Bí thư Tô Lâm chứng kiến lễ ký và trao "
        "các hợp đồng, thỏa thuận hợp tác trong các lĩnh vực trọng điểm."
    )
    evs = run(text, [tx(text, "chiều tối 18/2", "2026-02-18TEV")])
    assert [(e.type, e.date) for e in evs] == [("signing", "2026-02-18TEV")]
    assert evs[0].place is not None and evs[0].place.startswith("Washington D.C")


def test_ids_are_deterministic_and_in_text_order() -> None:
    text = tone_normalise(
        "Sáng 5-3, Thủ tướng hội đàm với Thủ tướng Lào.\nChiều 5-3, Thủ tướng tiếp Đại sứ Mỹ."
    )
    tim = [tx(text, "Sáng 5-3", "2026-03-05TMO"), tx(text, "Chiều 5-3", "2026-03-05TAF")]
    a, b = run(text, tim), run(text, tim)
    assert [e.to_dict() for e in a] == [e.to_dict() for e in b]
    assert [e.id for e in a] == ["d1:e0", "d1:e1"]
    assert [e.type for e in a] == ["meeting", "reception"]


def test_trip_announced_by_a_statement_keeps_its_own_date() -> None:
    text = tone_normalise(
        "Ngày 17-2, Bộ Ngoại giao cho biết, Tổng Bí thư Tô Lâm sẽ có chuyến công tác tại Hoa Kỳ, "
        "dự cuộc họp khai mạc Hội đồng Hòa bình về Gaza từ ngày 18 đến 20-2."
    )
    tim = [
        tx(text, "Ngày 17-2", "2026-02-17"),
        tx(text, "từ ngày 18 đến 20-2", "2026-02-18", value_end="2026-02-20"),
    ]
    evs = run(text, tim)
    assert sorted((e.type, e.date) for e in evs) == [("statement", "2026-02-17"), ("visit", "2026-02-18")]
    visit = next(e for e in evs if e.type == "visit")
    assert visit.date_end == "2026-02-20"


def test_visit_of_named_visitor_and_leading_participle_clause() -> None:
    text = tone_normalise(
        "Hợp tác quốc phòng tiến triển, thông qua chuyến thăm Việt Nam của Bộ trưởng Pete Hegseth (11/2025).\n"
        "Phát biểu chính sách tại Đại học Columbia tháng 9/2024, Tổng Bí thư Tô Lâm nhấn mạnh hợp tác."
    )
    ms = [
        per(text, "Bộ trưởng Pete Hegseth", "Pete Hegseth", "Bộ trưởng"),
        per(text, "Tổng Bí thư Tô Lâm", "Tô Lâm", "Tổng Bí thư"),
    ]
    evs = run(text, [tx(text, "11/2025", "2025-11"), tx(text, "tháng 9/2024", "2024-09")], ms)
    assert [(e.type, e.date) for e in evs] == [("visit", "2025-11"), ("speech", "2024-09")]
    assert names(evs[0], "agent") == ["Pete Hegseth"] and evs[0].place == "Việt Nam"
    assert names(evs[1], "agent") == ["Tô Lâm"]


def org(text: str, s: str, occ: int = 0, etype: str = "GPE") -> Mention:
    i = _at(text, s, occ)
    return Mention(s, i, i + len(s), etype, s, None, f"{etype}:{s.lower()}")  # type: ignore[arg-type]


def test_period_to_the_present_does_not_date_the_calls_told_in_it() -> None:
    text = tone_normalise(
        "Các hoạt động tiếp xúc cấp cao tiếp tục được thúc đẩy từ năm 2024 đến nay, nổi bật là các hoạt "
        "động trao đổi thư, điện đàm giữa Tổng Bí thư Tô Lâm với Tổng thống Donald Trump từ tháng 11-2024."
    )
    ms = [
        per(text, "Tô Lâm", "Tô Lâm", "Tổng Bí thư"),
        per(text, "Donald Trump", "Donald Trump", "Tổng thống"),
    ]
    evs = run(text, [tx(text, "năm 2024", "2024"), tx(text, "tháng 11-2024", "2024-11")], ms)
    assert [(e.type, e.date) for e in evs] == [("phone_call", "2024-11")]
    assert names(evs[0], "agent") == ["Tô Lâm"] and names(evs[0], "partner") == ["Donald Trump"]


def test_agent_heads_an_apposition_chain() -> None:
    # the recogniser reads "Phó Bí thư Quân ủy" as a person "Quân": the chain's head is still the agent
    text = tone_normalise(
        "Chiều cùng ngày, tại Trụ sở Bộ Quốc phòng, Đại tướng Phan Văn Giang, Ủy viên Bộ Chính trị, "
        "Phó Bí thư Quân ủy Trung ương, Bộ trưởng Bộ Quốc phòng đã tiếp Michael DeSombre."
    )
    ms = [
        per(text, "Phan Văn Giang", "Phan Văn Giang", "Đại tướng"),
        per(text, "Quân", "Quân", "Phó Bí thư"),
        per(text, "Michael DeSombre", "Michael DeSombre"),
    ]
    evs = run(text, [], ms)
    assert len(evs) == 1 and evs[0].type == "reception"
    assert names(evs[0], "agent") == ["Phan Văn Giang"] and names(evs[0], "partner") == ["Michael DeSombre"]
    assert evs[0].summary.startswith("Đại tướng Phan Văn Giang tiếp Michael DeSombre")


def test_reception_named_in_a_leading_clause_takes_the_main_subject_as_host() -> None:
    text = tone_normalise(
        "Đánh giá cao sự phát triển của quan hệ song phương trong 30 năm qua, tại cuộc tiếp Thượng Nghị sĩ "
        "Hoa Kỳ Steven David Daines vào tháng 3/2025, Tổng Bí thư Tô Lâm cho rằng quan hệ hai nước là hình mẫu."
    )
    ms = [
        per(text, "Steven David Daines", "Steven David Daines", "Thượng Nghị sĩ Hoa Kỳ"),
        per(text, "Tô Lâm", "Tô Lâm", "Tổng Bí thư"),
    ]
    evs = run(text, [tx(text, "tháng 3/2025", "2025-03")], ms)
    assert [(e.type, e.date) for e in evs] == [("reception", "2025-03")]
    assert names(evs[0], "agent") == ["Tô Lâm"] and names(evs[0], "partner") == ["Steven David Daines"]
    assert evs[0].summary == "Tổng Bí thư Tô Lâm tiếp Thượng Nghị sĩ Hoa Kỳ Steven David Daines"


def test_football_fixtures_are_matches_one_per_date() -> None:
    text = tone_normalise(
        "Theo lịch thi đấu, thầy trò HLV Park Hang Seo gặp Indonesia ngày 7/6, gặp Malaysia ngày 11/6 và "
        "khép lại chiến dịch bằng trận gặp đội chủ nhà UAE ngày 15/6."
    )
    tim = [
        tx(text, "ngày 7/6", "2021-06-07"),
        tx(text, "ngày 11/6", "2021-06-11"),
        tx(text, "ngày 15/6", "2021-06-15"),
    ]
    evs = run(text, tim)
    assert [(e.type, e.date) for e in evs] == [
        ("other", "2021-06-07"),
        ("other", "2021-06-11"),
        ("other", "2021-06-15"),
    ]


def test_listed_days_make_one_event_each() -> None:
    text = tone_normalise(
        "Theo Sở GD&ĐT tỉnh Quảng Bình, vào các ngày 11/11 và 28/12/2020, ông Đinh Quý Nhân có tổ chức họp "
        "nội bộ liên quan đến việc ký các quyết định tuyển dụng trên."
    )
    ms = [per(text, "Đinh Quý Nhân", "Đinh Quý Nhân", "ông")]
    evs = run(text, [tx(text, "ngày 11/11", "2020-11-11"), tx(text, "28/12/2020", "2020-12-28")], ms)
    assert [(e.type, e.date) for e in evs] == [("meeting", "2020-11-11"), ("meeting", "2020-12-28")]


def test_a_year_naming_a_thing_or_a_birth_does_not_date_the_event() -> None:
    text = tone_normalise(
        "Thủ tướng Chính phủ đã ký Quyết định tặng Giải thưởng Chất lượng Quốc gia năm 2019 cho 61 doanh nghiệp.\n"
        "Được biết, thầy giáo Hòa sinh năm 1997 được Trung tâm ký hợp đồng giảng dạy từ tháng 4/2020.\n"
        "Củng Lợi gặp Jean-Michel Jarre vào năm 2017."
    )
    ms = [per(text, "Thủ tướng", "Thủ tướng"), per(text, "Củng Lợi", "Củng Lợi")]
    tim = [
        tx(text, "năm 2019", "2019"),
        tx(text, "năm 1997", "1997"),
        tx(text, "tháng 4/2020", "2020-04"),
        tx(text, "năm 2017", "2017"),
    ]
    evs = run(text, tim, ms)
    assert [(e.type, e.date) for e in evs] == [("signing", None), ("signing", "2020-04"), ("meeting", "2017")]


def test_passive_signing_takes_no_agent_from_before() -> None:
    text = tone_normalise(
        "Tổng thống Trump đánh giá cao các hợp đồng giá trị vừa được ký kết trong chuyến công tác này."
    )
    evs = run(text, [], [per(text, "Trump", "Trump", "Tổng thống")])
    assert all(names(e, "agent") == [] for e in evs)


def test_prefilter_keeps_every_sentence_with_a_trigger() -> None:
    from biennien.analyse.events import _candidate_sentences, _find_triggers, _lexicon, _tokens

    text = tone_normalise(
        "Chiều 13-2, Tổng Bí thư Tô Lâm đã tiếp ông Michael DeSombre. Giá vàng hôm nay tăng mạnh. "
        "Trưa 18/2, chuyên cơ chở Tổng Bí thư và đoàn đã tới sân bay quân sự Andrews. "
        "Ông cho biết sẽ tiếp tục theo dõi. Hai bên đã có cuộc gặp với đại diện doanh nghiệp. "
        "Tổng Bí thư chứng kiến lễ ký và trao các hợp đồng. Thời tiết đến cuối tuần vẫn nắng."
    )
    lex = _lexicon()
    sents = split_sentences(text)
    with_hits = [s.start for s in sents if _find_triggers(lex, _tokens(text, s))]
    assert len(with_hits) >= 4
    assert {s.start for s in _candidate_sentences(lex, text, sents)} >= set(with_hits)
    assert len(_candidate_sentences(lex, text, sents)) < len(sents)  # the filter does drop some


def test_everyday_news_verbs_resignation_and_confirmation() -> None:
    text = tone_normalise(
        "Sau nhiều sức ép, chiều nay (22/4), ông Trần Mạnh Hùng chính thức rút lui khỏi ghế nóng. "
        "Ngày 5/4/2021, LG chính thức xác nhận sẽ đóng cửa bộ phận di động."
    )
    ms = [per(text, "ông Trần Mạnh Hùng", "Trần Mạnh Hùng", "ông")]
    evs = run(
        text, [tx(text, "chiều nay (22/4)", "2021-04-22TAF"), tx(text, "Ngày 5/4/2021", "2021-04-05")], ms
    )
    quit_ = [e for e in evs if e.date == "2021-04-22TAF"]
    assert len(quit_) == 1 and quit_[0].type == "other" and names(quit_[0], "agent") == ["Trần Mạnh Hùng"]
    conf = [e for e in evs if e.date == "2021-04-05"]
    assert len(conf) == 1 and conf[0].type == "announcement"


def test_incident_arrest_birth_and_marriage_are_events() -> None:
    text = tone_normalise(
        "Theo tìm hiểu, sự việc xảy ra tối 27/4 tại khu vực phường Thượng Lý. "
        "Được biết, ngày 25/4, Công an tỉnh Hải Dương bắt quả tang 4 học sinh dùng ma túy. "
        "Con trai đầu lòng của họ chào đời khỏe mạnh tại một bệnh viện vào ngày 5/4. "
        "Aishwarya Rai kết hôn với diễn viên Abhishek Bachchan vào năm 2007."
    )
    ts = [
        tx(text, "tối 27/4", "2021-04-27TEV"),
        tx(text, "ngày 25/4", "2021-04-25"),
        tx(text, "ngày 5/4", "2021-04-05"),
        tx(text, "năm 2007", "2007"),
    ]
    ms = [
        per(text, "Aishwarya Rai", "Aishwarya Rai"),
        per(text, "diễn viên Abhishek Bachchan", "Abhishek Bachchan", "diễn viên"),
    ]
    evs = run(text, ts, ms)
    assert sorted(e.date or "" for e in evs) == ["2007", "2021-04-05", "2021-04-25", "2021-04-27TEV"]
    wed = next(e for e in evs if e.date == "2007")
    assert names(wed, "agent") == ["Aishwarya Rai"] and names(wed, "partner") == ["Abhishek Bachchan"]


def test_ambiguous_everyday_words_are_not_events() -> None:
    text = tone_normalise(
        "Ngày 20/4, học sinh bắt đầu ôn thi. Ngày 21/4, cửa hàng cháy hàng vì khách giành được suất mua."
    )
    assert run(text, [tx(text, "Ngày 20/4", "2021-04-20"), tx(text, "Ngày 21/4", "2021-04-21")]) == []


def test_negated_event_is_left_out_and_keeps_its_date() -> None:
    text = tone_normalise(
        "Dù sự kiện đặc biệt không diễn ra vào ngày 23/3, Jon Prosser khẳng định Apple vẫn sẽ tổ chức "
        "một sự kiện đặc biệt."
    )
    ms = [per(text, "Jon Prosser", "Jon Prosser")]
    evs = run(text, [tx(text, "ngày 23/3", "2021-03-23")], ms)
    assert [e for e in evs if e.date == "2021-03-23"] == []


def test_hypothetical_event_is_left_out() -> None:
    text = tone_normalise(
        "Hiện vẫn chưa rõ liệu Apple có thực sự ra mắt iPad Pro mới vào tháng 4 này giống như những gì "
        "Prosser đã tuyên bố."
    )
    ms = [per(text, "Prosser", "Jon Prosser")]
    assert run(text, [tx(text, "tháng 4 này", "2021-04")], ms) == []


def test_comparison_date_makes_no_ghost_copy_and_second_verb_keeps_its_date() -> None:
    text = tone_normalise(
        "Sản phẩm được ra mắt vào tháng 12/2006, chỉ ít tháng trước khi Apple ra mắt phiên bản iPhone đầu tiên. "
        "Điện thoại sẽ được chính thức ra mắt vào 27/4 và lên kệ vào đầu tháng 5 này."
    )
    ts = [
        tx(text, "tháng 12/2006", "2006-12"),
        tx(text, "ít tháng trước", "2021-03"),
        tx(text, "27/4", "2021-04-27"),
        Timex(
            "đầu tháng 5",
            text.index("đầu tháng 5"),
            text.index("đầu tháng 5") + 11,
            "DATE",
            "2021-05",
            mod="START",
        ),
    ]
    evs = run(text, ts)
    assert sorted(e.date or "" for e in evs) == ["2006-12", "2021-04-27", "2021-05"]
    shelf = next(e for e in evs if e.date == "2021-05")
    assert shelf.trigger == "lên kệ" and shelf.date_mod == "START"
