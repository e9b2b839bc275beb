"""A full link writes an event of one report as that report's stored JSON under the event's id
(``store.base.renamed_event_json``): it must be the very bytes ``dumps(plain(event))`` would give."""

from __future__ import annotations

from biennien.link.events import merge_events_members
from biennien.model import Event, Evidence, Participant, plain
from biennien.store.base import renamed_event_json
from biennien.store.rows import dumps


def _reports() -> list[Event]:
    s1 = 'Chiều 12/3, Thủ tướng Phạm Minh Chính tiếp Đại sứ Nhật Bản "id":"x" tại Hà Nội.'
    s2 = "Ngày 12/3, Thủ tướng Phạm Minh Chính đã tiếp Đại sứ Nhật Bản."
    s3 = "Sáng 20/5, Chủ tịch nước phát biểu tại hội nghị."
    return [
        # two outlets, one meeting: one event of two reports
        Event(
            "d1-e1",
            "reception",
            "2026-03-12",
            "Thủ tướng tiếp Đại sứ Nhật Bản",
            "tiếp",
            participants=[Participant("Phạm Minh Chính", "agent", "PER:pham minh chinh", "Thủ tướng")],
            evidence=[Evidence("d1", 0, len(s1), s1)],
        ),
        Event(
            "d2-e1",
            "reception",
            "2026-03-12",
            "Thủ tướng tiếp Đại sứ",
            "tiếp",
            participants=[Participant("Phạm Minh Chính", "agent", "PER:pham minh chinh", "Thủ tướng")],
            evidence=[Evidence("d2", 0, len(s2), s2)],
        ),
        # a lone report: its JSON under the new id
        Event(
            "d3-e1",
            "speech",
            "2026-05-20",
            "Chủ tịch nước phát biểu",
            "phát biểu",
            place="Hà Nội",
            participants=[Participant("Chủ tịch nước", "agent")],
            evidence=[Evidence("d3", 0, len(s3), s3)],
        ),
        # a lone report with an empty place (the merged event has None) and its evidence twice
        Event(
            "d4-e1",
            "statement",
            None,
            "Bộ Y tế cho biết",
            "cho biết",
            place="",
            evidence=[Evidence("d4", 5, 9, "Bộ Y tế cho biết."), Evidence("d4", 5, 9, "Bộ Y tế cho biết.")],
        ),
    ]


def test_renamed_json_is_the_merged_events_json() -> None:
    reports = _reports()
    stored = {ev.id: (ev, dumps(plain(ev))) for ev in reports}
    merged = merge_events_members(reports)
    assert any(len(members) == 2 for _, members in merged)
    renamed = 0
    for ev, members in merged:
        if len(members) == 1:
            data = renamed_event_json(ev, *stored[members[0]])
            if data is not None:
                renamed += 1
                assert data == dumps(plain(ev))
                assert ev.id in data and members[0] not in data
    assert renamed == 1


def test_not_renamed_when_the_merge_changed_more_than_the_id() -> None:
    reports = _reports()
    stored = {ev.id: (ev, dumps(plain(ev))) for ev in reports}
    by_member = {members[0]: ev for ev, members in merge_events_members(reports) if len(members) == 1}
    merged = by_member["d4-e1"]
    assert merged.place is None and len(merged.evidence) == 1
    assert renamed_event_json(merged, *stored["d4-e1"]) is None
