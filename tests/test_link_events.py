"""Merging events across outlets: one happening, one event, all its evidence."""

from __future__ import annotations

import random

from biennien.link.events import merge_events
from biennien.model import Event, EventType, Evidence, Participant


def ev(
    doc: str,
    etype: EventType,
    date: str | None,
    people: list[tuple[str, str]],
    summary: str = "",
    start: int = 0,
) -> Event:
    parts = [Participant(name=k.split(":")[1], role=r, entity=k) for k, r in people]
    return Event(
        id=f"{doc}:e{start}",
        type=etype,
        date=date,
        summary=summary or " ".join(k for k, _ in people),
        participants=parts,
        evidence=[Evidence(doc, start, start + 10, "...")],
    )


TL = ("PER:to lam", "agent")
DS = ("PER:michael desombre", "partner")


def test_three_receptions_of_one_visitor_stay_three_and_outlets_merge() -> None:
    events = [
        ev("a", "reception", "2026-02-13TAF", [TL, DS]),
        ev("a", "reception", "2026-02-13TAF", [("PER:phan van giang", "agent"), DS], start=50),
        ev("a", "reception", "2026-02-13TAF", [("PER:luong tam quang", "agent"), DS], start=90),
        ev("b", "meeting", "2026-02-13", [TL, DS]),
        ev("c", "reception", "2026-02-13TAF", [TL, DS], start=7),
    ]
    merged = merge_events(events)
    assert len(merged) == 3
    to_lam = next(e for e in merged if any(p.entity == "PER:to lam" for p in e.participants))
    assert to_lam.type == "reception" and to_lam.date == "2026-02-13TAF"
    assert sorted(e.doc for e in to_lam.evidence) == ["a", "b", "c"]


def test_background_paragraph_repeated_in_five_articles_is_one_entry() -> None:
    texts = [
        "Hai nước đã nâng cấp quan hệ lên Đối tác chiến lược toàn diện vì hòa bình, hợp tác và phát triển",
        "Hai nước nâng cấp quan hệ lên Đối tác Chiến lược toàn diện",
        "Việt Nam và Hoa Kỳ nâng cấp quan hệ lên Đối tác Chiến lược toàn diện",
        "Hai nước đã nâng cấp quan hệ lên Đối tác chiến lược toàn diện",
        "hai nước nâng cấp quan hệ lên Đối tác chiến lược toàn diện vì hòa bình",
    ]
    events = [ev(f"d{n}", "agreement", "2023-09", [], summary=t) for n, t in enumerate(texts)]
    merged = merge_events(events)
    assert len(merged) == 1 and len(merged[0].evidence) == 5


def test_dates_agree_only_at_their_precision() -> None:
    events = [
        ev("a", "visit", "2024-09", [("PER:phan van giang", "agent")]),
        ev("b", "visit", "2024-09-10", [("PER:phan van giang", "agent")]),
        ev("c", "visit", "2025-11", [("PER:phan van giang", "agent")]),
        ev("d", "phone_call", "2025-04-04TEV", [TL, ("PER:donald trump", "partner")]),
        ev("e", "phone_call", "2025-07-02TEV", [TL, ("PER:donald trump", "partner")]),
        ev("f", "phone_call", "XXXX-07-02", [TL, ("PER:donald trump", "partner")]),
    ]
    merged = merge_events(events)
    got = sorted((e.type, e.date, len(e.evidence)) for e in merged)
    assert got == [
        ("phone_call", "2025-04-04TEV", 1),
        ("phone_call", "2025-07-02TEV", 2),
        ("visit", "2024-09-10", 2),
        ("visit", "2025-11", 1),
    ]


def test_different_types_and_unrelated_summaries_stay_apart() -> None:
    events = [
        ev("a", "signing", "2026-02-18", [], summary="Chứng kiến lễ ký các hợp đồng hàng không"),
        ev("b", "speech", "2026-02-18", [], summary="Phát biểu tại cuộc họp khai mạc"),
        ev("c", "meeting", "2026-02-18", [], summary="Dự cuộc họp khai mạc Hội đồng Hòa bình"),
        ev("d", "meeting", "2026-02-18", [], summary="Hội đàm với Thủ tướng Lào về hợp tác biên giới"),
    ]
    assert len(merge_events(events)) == 4


def test_undated_report_joins_only_its_own_documents_event() -> None:
    events = [
        ev("a", "reception", "2026-02-13TAF", [TL, DS], start=100),
        ev("a", "reception", None, [TL, DS], start=0),
        ev("b", "reception", None, [TL, DS]),
    ]
    merged = merge_events(events)
    dated = [e for e in merged if e.date]
    assert len(merged) == 2 and len(dated) == 1
    assert [(x.doc, x.start) for x in dated[0].evidence] == [("a", 0), ("a", 100)]


def test_result_and_ids_do_not_depend_on_input_order() -> None:
    events = [
        ev("a", "reception", "2026-02-13TAF", [TL, DS]),
        ev("b", "meeting", "2026-02-13", [TL, DS]),
        ev("c", "visit", "2023-09", [("PER:joe biden", "agent")]),
        ev("d", "visit", "2023-09", [("PER:joe biden", "agent")], start=40),
        ev("e", "agreement", "1995-07", [], summary="bình thường hóa quan hệ ngoại giao"),
    ]
    ref = [e.to_dict() for e in merge_events(list(events))]
    rng = random.Random(5)
    for _ in range(10):
        shuffled = list(events)
        rng.shuffle(shuffled)
        assert [e.to_dict() for e in merge_events(shuffled)] == ref
    assert len({e["id"] for e in ref}) == 3


def test_undated_report_fitting_two_dated_events_of_its_article_stays_apart() -> None:
    trump = ("PER:donald trump", "partner")
    events = [
        ev("a", "phone_call", "2025-04-04TEV", [TL, trump], "Tô Lâm điện đàm với Donald Trump", start=10),
        ev("a", "phone_call", "2025-07-02TEV", [TL, trump], "Tô Lâm điện đàm với Donald Trump", start=90),
        ev("a", "phone_call", None, [TL, trump], "Tô Lâm điện đàm trao đổi với Donald Trump", start=50),
    ]
    merged = merge_events(events)
    assert sorted((e.date or "", len(e.evidence)) for e in merged) == [
        ("", 1),
        ("2025-04-04TEV", 1),
        ("2025-07-02TEV", 1),
    ]
    # with only one dated call in the article, the undated mention joins it
    merged = merge_events(events[:1] + events[2:])
    assert [(e.date, len(e.evidence)) for e in merged] == [("2025-04-04TEV", 2)]


def test_statement_with_nobody_named_does_not_join_another_outlets_statement() -> None:
    # audit: "Sở GD&ĐT TP Hải Phòng chiều cùng ngày cũng cho biết" merged with a Hải Dương official's statement
    events = [
        ev(
            "hd",
            "statement",
            "2021-04-27TAF",
            [("PER:tran van nghin", "agent")],
            summary="Trần Văn Nghìn cho biết học sinh bị bắt quả tang sử dụng ma túy",
        ),
        ev(
            "hp",
            "statement",
            "2021-04-27TAF",
            [],
            summary="Sở Giáo dục và Đào tạo TP Hải Phòng cho biết yêu cầu nhà trường xác minh",
        ),
    ]
    assert len(merge_events(events)) == 2


def test_repeated_background_paragraph_with_nobody_named_still_merges_across_outlets() -> None:
    text = "Hai nước bình thường hóa quan hệ ngoại giao"
    events = [
        ev("a", "agreement", "1995-07", [], summary=text),
        ev("b", "agreement", "1995-07", [], summary=text),
    ]
    merged = merge_events(events)
    assert len(merged) == 1 and {e.doc for e in merged[0].evidence} == {"a", "b"}


def _trip(doc: str, date: str | None, end: str | None = None, people: list | None = None) -> Event:
    e = ev(doc, "visit", date, people if people is not None else [TL], "Tổng Bí thư Tô Lâm chuyến công tác")
    e.date_end = end
    return e


def test_undated_report_joins_another_outlets_trip_its_article_was_written_during() -> None:
    # "Tổng Bí thư Tô Lâm đã đến Mỹ, bắt đầu ... chuyến công tác" in papers of 18/2 and 21/2
    events = [_trip("a", "2026-02-18", "2026-02-20"), _trip("b", None), _trip("c", None)]
    dates = {"a": "2026-02-17", "b": "2026-02-18", "c": "2026-02-21"}
    merged = merge_events(events, doc_dates=dates)
    assert [(e.date, sorted(x.doc for x in e.evidence)) for e in merged] == [("2026-02-18", ["a", "b", "c"])]
    # without the documents' dates, or written long after, or before the trip began: no join
    assert len(merge_events(events)) == 3
    assert len(merge_events(events, doc_dates={**dates, "b": "2026-03-10", "c": "2026-02-17"})) == 3
    # the result does not depend on input order
    ref = [e.to_dict() for e in merge_events(events, doc_dates=dates)]
    for order in ([2, 1, 0], [1, 0, 2], [0, 2, 1]):
        assert [e.to_dict() for e in merge_events([events[i] for i in order], doc_dates=dates)] == ref


def test_undated_report_across_outlets_needs_the_same_people_and_type() -> None:
    dates = {"a": "2026-02-17", "b": "2026-02-18"}
    pg = [("PER:phan van giang", "agent")]
    # another person, more people, nobody, or another type: stays apart
    for other in (
        _trip("b", None, people=pg),
        _trip("b", None, people=[TL, ("PER:donald trump", "partner")]),
        _trip("b", None, people=[]),
        ev("b", "phone_call", None, [TL], "Tô Lâm điện đàm"),
    ):
        assert len(merge_events([_trip("a", "2026-02-18", "2026-02-20"), other], doc_dates=dates)) == 2


def test_undated_report_fitting_two_outlets_dated_events_stays_apart() -> None:
    # two receptions of the same visitor by the same host on consecutive days, in two outlets: an undated
    # mention in a third paper cannot say which one it tells
    events = [
        ev("a", "reception", "2026-02-13", [TL, DS]),
        ev("b", "reception", "2026-02-14", [TL, DS]),
        ev("c", "reception", None, [TL, DS]),
    ]
    merged = merge_events(events, doc_dates={"a": "2026-02-13", "b": "2026-02-14", "c": "2026-02-15"})
    assert sorted((e.date or "", len(e.evidence)) for e in merged) == [
        ("", 1),
        ("2026-02-13", 1),
        ("2026-02-14", 1),
    ]


def test_undated_report_prefers_its_own_articles_event() -> None:
    events = [
        ev("a", "reception", "2026-02-13TAF", [TL, DS], start=100),
        ev("a", "reception", None, [TL, DS], start=0),
        ev("b", "reception", "2026-02-12", [TL, DS]),
    ]
    merged = merge_events(events, doc_dates={"a": "2026-02-13", "b": "2026-02-12"})
    joined = next(e for e in merged if e.date == "2026-02-13TAF")
    assert [(x.doc, x.start) for x in joined.evidence] == [("a", 0), ("a", 100)]
