"""A full link writes a fact of one statement as that statement's stored JSON under the fact's id
(``store.base.renamed_fact_json``): it must be the very bytes ``dumps(plain(fact))`` would give."""

from __future__ import annotations

from typing import Any

from biennien.link.facts import merge_facts_members
from biennien.model import Evidence, Fact, plain
from biennien.store.base import renamed_fact_json
from biennien.store.rows import dumps


def _fact(fid: str, doc: str, value: float, measure: str, sentence: str, **kw: Any) -> Fact:
    start = sentence.find(str(int(value)))
    ev = Evidence(doc, max(start, 0), max(start, 0) + 3, sentence)
    return Fact(id=fid, value=value, unit="người", measure=measure, evidence=[ev], **kw)


def _statements() -> list[Fact]:
    return [
        # one statement alone, a sentence that holds the key's own characters in quotes
        _fact("d1-f1", "d1", 120.0, "người bị thương", 'Có 120 người bị thương, "id":"x" theo báo cáo.'),
        # the same figure in two articles: one fact of two statements
        _fact("d2-f1", "d2", 35.0, "người chết", "Vụ tai nạn làm 35 người chết.", period="2026-01"),
        _fact("d3-f1", "d3", 35.0, "người chết", "Có 35 người chết trong vụ tai nạn.", period="2026-01"),
        # a conflict with the fact above (same frame, another value, another article)
        _fact("d4-f1", "d4", 36.0, "người chết", "Ít nhất 36 người chết.", period="2026-01"),
        # an empty subject and qualifier become None in the merged fact
        _fact("d5-f1", "d5", 7.0, "người mất tích", "Còn 7 người mất tích.", subject="", qualifier=""),
        _fact("d6-f1", "d6", 9.0, "người được cứu", "Đã cứu 9 người \\ được cứu.", subject="Hà Nội"),
    ]


def test_renamed_json_is_the_merged_facts_json() -> None:
    statements = _statements()
    stored = {f.id: (f, dumps(plain(f))) for f in statements}
    merged = merge_facts_members(statements)
    renamed = 0
    for fact, members in merged:
        if len(members) != 1:
            continue
        data = renamed_fact_json(fact, *stored[members[0]])
        if data is not None:
            renamed += 1
            assert data == dumps(plain(fact))
            assert fact.id in data and members[0] not in data
    assert renamed >= 2  # the lone statements without conflicts


def test_not_renamed_when_the_merge_changed_more_than_the_id() -> None:
    statements = _statements()
    stored = {f.id: (f, dumps(plain(f))) for f in statements}
    by_member = {members[0]: fact for fact, members in merge_facts_members(statements) if len(members) == 1}
    # the conflicting figure: its merged fact lists a conflict the statement does not
    assert by_member["d4-f1"].conflicts_with
    assert renamed_fact_json(by_member["d4-f1"], *stored["d4-f1"]) is None
    # an empty subject: the merged fact has None
    assert by_member["d5-f1"].subject is None
    assert renamed_fact_json(by_member["d5-f1"], *stored["d5-f1"]) is None
