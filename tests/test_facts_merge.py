"""Merging facts across outlets: one fact per statement, conflicts, series."""

from __future__ import annotations

import random

from biennien.link.facts import merge_facts, normalise_measure, normalise_subject
from biennien.model import Evidence, Fact


def fact(doc: str, measure: str, value: float, unit: str = "USD", **kw: object) -> Fact:
    ev = Evidence(doc, 0, 20, f"{measure} {value}")
    return Fact("x" + doc, value, unit, measure, [ev], **kw)  # type: ignore[arg-type]


def test_rewordings_and_aliases_meet() -> None:
    assert (
        normalise_subject("Mỹ") == normalise_subject("Hoa Kỳ") == normalise_subject("Hợp chúng quốc Hoa Kỳ")
    )
    assert normalise_subject("Việt Nam - Mỹ") == normalise_subject("Việt Nam – Hoa Kỳ")
    assert normalise_measure("tổng kim ngạch thương mại hai chiều") == normalise_measure(
        "kim ngạch thương mại"
    )
    assert normalise_measure("xuất khẩu") != normalise_measure("nhập khẩu")


def test_same_fact_from_two_outlets_is_one_fact_with_both_sources() -> None:
    a = fact("tto", "tổng kim ngạch thương mại hai chiều", 15.8e9, period="2026-01")
    b = fact("vnn", "tổng kim ngạch thương mại hai chiều", 15.8e9, period="2026-01")
    c = fact("tto", "nhà đầu tư nước ngoài", 11, "rank", kind="rank", rank_of=108, subject="Hoa Kỳ")
    d = fact("vnn", "nhà đầu tư nước ngoài", 11, "rank", kind="rank", rank_of=108, subject="Mỹ")
    e = fact("vnn", "xuất khẩu", 13.9e9, period="2026-01")
    f = fact("tto", "xuất khẩu", 13.9e9, period="2026-01", subject="Việt Nam")  # subject only in one
    merged = merge_facts([a, b, c, d, e, f])
    assert len(merged) == 3
    assert all({ev.doc for ev in m.evidence} == {"tto", "vnn"} for m in merged)
    assert not any(m.conflicts_with for m in merged)
    xk = next(m for m in merged if m.measure == "xuất khẩu")
    assert xk.subject == "Việt Nam"


def test_different_values_conflict_on_both_sides() -> None:
    a = fact("d1", "kim ngạch thương mại", 15.8e9, period="2026-01", subject="Việt Nam - Hoa Kỳ")
    b = fact("d2", "tổng kim ngạch thương mại", 16.1e9, period="2026-01", subject="Việt Nam - Mỹ")
    m1, m2 = merge_facts([a, b])
    assert m1.conflicts_with == [m2.id] and m2.conflicts_with == [m1.id]


def test_different_periods_are_a_series_not_a_conflict() -> None:
    a = fact("d1", "tổng vốn đầu tư", 11e9, period="2024", period_mod="MID", subject="Hoa Kỳ")
    b = fact("d2", "tổng vốn đầu tư", 11.9e9, period="2026-01", subject="Hoa Kỳ")
    merged = merge_facts([a, b])
    assert len(merged) == 2 and not any(m.conflicts_with for m in merged)


def test_levels_and_changes_and_units_do_not_conflict() -> None:
    a = fact("d1", "xuất siêu", 12e9, period="2026-01")
    b = fact("d2", "xuất siêu", 28.6, "%", period="2026-01", kind="percent", direction="up")
    c = fact("d3", "xuất siêu", 30.0, "%", period="2026-01", kind="percent")
    assert not any(m.conflicts_with for m in merge_facts([a, b, c]))


def test_no_conflict_without_a_period_or_within_one_document() -> None:
    a = fact("d1", "tổng vốn", 1e9)
    b = fact("d2", "tổng vốn", 2e9)
    c = fact("d3", "doanh thu", 1e9, period="2025")
    d = Fact("y", 2e9, "USD", "doanh thu", [Evidence("d3", 30, 50, "...")], period="2025")
    assert not any(m.conflicts_with for m in merge_facts([a, b, c, d]))


def test_ids_do_not_depend_on_order() -> None:
    facts = [
        fact("d1", "kim ngạch", 15.8e9, period="2026-01"),
        fact("d2", "kim ngạch", 15.8e9, period="2026-01"),
        fact("d3", "kim ngạch", 16e9, period="2026-01"),
        fact("d4", "xuất khẩu", 13.9e9, period="2026-01"),
    ]
    first = [(m.id, m.conflicts_with, [e.doc for e in m.evidence]) for m in merge_facts(list(facts))]
    shuffled = list(facts)
    random.Random(4).shuffle(shuffled)
    again = [
        (m.id, m.conflicts_with, [e.doc for e in m.evidence])
        for m in merge_facts([Fact(**{**f.to_dict(), "evidence": list(f.evidence)}) for f in shuffled])
    ]
    assert first == again


def test_shorter_wording_of_the_same_figure_joins_the_longer() -> None:
    a = fact("tto", "dự án đầu tư", 1409, "count", kind="count", subject="Hoa Kỳ", qualifier="about")
    b = fact("vnn", "dự án", 1409, "count", kind="count", subject="Mỹ", qualifier="about")
    c = fact("vnn", "dự án", 230, "count", kind="count", subject="Mỹ")
    merged = merge_facts([a, b, c])
    assert len(merged) == 2
    big = next(m for m in merged if m.value == 1409)
    assert big.measure == "dự án đầu tư" and {e.doc for e in big.evidence} == {"tto", "vnn"}


def test_a_figure_saying_neither_whose_nor_when_meets_only_its_reprint() -> None:
    """``5 trận đấu`` in two match reports are two figures; the same sentence in a reprint is one."""
    a = Fact(
        "a", 5, "count", "trận đấu", [Evidence("d1", 0, 40, "Mendy giữ sạch lưới 5 trận đấu liên tiếp.")]
    )
    b = Fact("b", 5, "count", "trận đấu", [Evidence("d2", 0, 40, "Đội tuyển còn 5 trận đấu ở vòng bảng.")])
    c = Fact(
        "c", 5, "count", "trận đấu", [Evidence("d3", 0, 40, "Mendy giữ sạch lưới 5 trận đấu liên tiếp.")]
    )
    merged = merge_facts([a, b, c])
    assert sorted(sorted({e.doc for e in m.evidence}) for m in merged) == [["d1", "d3"], ["d2"]]
    # a subjectless age does not join a named person's age from another article either
    d = Fact(
        "d", 40, "count", "tuổi", [Evidence("d4", 0, 30, "Phạm Băng Băng 40 tuổi.")], subject="Phạm Băng Băng"
    )
    e = Fact("e", 40, "count", "tuổi", [Evidence("d5", 0, 30, "Cô đã ngoài 40 tuổi.")])
    assert len(merge_facts([d, e])) == 2
