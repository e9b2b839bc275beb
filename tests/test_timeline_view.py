"""The timeline view: ordering of mixed-precision TIMEX3 dates, filters, labels, Markdown and the CLI."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from biennien.cli import app
from biennien.export.markdown import timeline_markdown
from biennien.export.timeline import TimelineFilter, date_label, parse_value, select_events, sort_key
from biennien.model import Entity, Event, Evidence, Participant
from biennien.store import Store


def ev(
    eid: str, date_: str | None, *, type_: str = "meeting", who: tuple[str, ...] = (), docs=("d1",)
) -> Event:
    return Event(
        id=eid,
        type=type_,  # type: ignore[arg-type]
        date=date_,
        summary=f"sự kiện {eid}",
        participants=[Participant(name=n, entity=None) for n in who],
        evidence=[Evidence(doc=d, start=0, end=10, sentence=f"Câu của {d} về {eid}.") for d in docs],
    )


def test_parse_value_keeps_precision() -> None:
    assert parse_value("1995-07") is not None
    span = parse_value("1995-07")
    assert span is not None and (span.first, span.last, span.precision) == (
        date(1995, 7, 1),
        date(1995, 7, 31),
        3,
    )
    q = parse_value("2026-Q1")
    assert q is not None and (q.first, q.last) == (date(2026, 1, 1), date(2026, 3, 31))
    day = parse_value("2026-02-13TAF")
    assert day is not None and day.first == day.last == date(2026, 2, 13) and day.time == "15"
    assert parse_value("XXXX-02-18") is None
    assert parse_value("2026-02-30") is None
    decade = parse_value("199")
    assert decade is not None and (decade.first.year, decade.last.year) == (1990, 1999)


def test_sort_orders_coarse_before_fine_and_yearless_last() -> None:
    values = [
        "2026-02-13TEV",
        "XXXX-02-18",
        "2026-02-13TAF",
        "1995-07",
        "2026-02",
        "2026-02-13",
        "1995-07-11",
    ]
    ordered = sorted(values, key=sort_key)
    assert ordered == [
        "1995-07",
        "1995-07-11",
        "2026-02",
        "2026-02-13",
        "2026-02-13TAF",
        "2026-02-13TEV",
        "XXXX-02-18",
    ]


def test_date_labels_read_as_vietnamese() -> None:
    assert date_label("2026-02-13TAF") == "chiều 13/02/2026"
    assert date_label("1995-07") == "07/1995"
    assert date_label("2026-Q1") == "quý 1/2026"
    # a range inside one month is written the way the papers write it ("từ ngày 18 đến 20-2")
    assert date_label("2026-02-18", value_end="2026-02-20") == "18–20/02/2026"
    assert date_label("2026-02-28", value_end="2026-03-02") == "28/02/2026 – 02/03/2026"
    assert date_label("2026-02-18TMO", value_end="2026-02-20") == "sáng 18/02/2026 – 20/02/2026"
    assert date_label("2025-05", value_end="2025-07") == "05/2025 – 07/2025"
    assert date_label(None) == "—"
    assert date_label("2024", "START") == "đầu 2024" and date_label("2025-07", "APPROX") == "khoảng 07/2025"


def test_select_by_range_type_entity_and_story() -> None:
    events = [
        ev("a", "1995-07", type_="agreement", who=("Hoa Kỳ",)),
        ev("b", "2026-02-13TAF", who=("Tô Lâm", "Donald Trump"), docs=("d2",)),
        ev("c", "2026-02-20", type_="visit", who=("Tô Lâm",), docs=("d3",)),
        ev("d", None),
    ]
    assert [e.id for e in select_events(events, TimelineFilter())] == ["a", "b", "c"]
    assert [e.id for e in select_events(events, TimelineFilter(include_undated=True))] == ["a", "b", "c", "d"]
    assert [e.id for e in select_events(events, TimelineFilter(start="2026-02-14"))] == ["c"]
    # a month-precision event overlaps a range that starts inside its month
    assert [e.id for e in select_events(events, TimelineFilter(start="1995-07-20", end="1995"))] == ["a"]
    assert [e.id for e in select_events(events, TimelineFilter(type="visit"))] == ["c"]
    to_lam = Entity(id="en1", name="Tô Lâm", type="PER", aliases=["Tô Lâm", "Tổng Bí thư Tô Lâm"])
    by_entity = select_events(events, TimelineFilter(entity="to lam"), entities=[to_lam])
    assert [e.id for e in by_entity] == ["b", "c"]
    stories = [{"id": "st1", "documents": ["d3"]}]
    assert [e.id for e in select_events(events, TimelineFilter(story="st1"), stories=stories)] == ["c"]
    with pytest.raises(ValueError, match="not a date"):
        select_events(events, TimelineFilter(start="mùa xuân"))


def test_markdown_footnotes_every_source_once_and_escapes() -> None:
    e1 = ev("b", "2026-02-13TAF", who=("Tô Lâm",), docs=("d1", "d2"))
    e2 = ev("c", "2026-02-20", docs=("d1",))
    e2.evidence = [e1.evidence[0]]  # the same sentence cited twice is one footnote
    e1.summary = "Gặp <script>x</script> *đậm*"
    docs = {
        "d1": {"outlet": "VnExpress", "published": "2026-02-17T08:00", "title": "Bài 1"},
        "d2": {"outlet": "Tuổi Trẻ", "reference_date": "2026-02-18", "title": "Bài 2", "duplicate_of": None},
    }
    md = timeline_markdown([e1, e2], docs)
    assert md.count("[^1]:") == 1 and md.count("[^2]:") == 1 and "[^3]" not in md
    assert "VnExpress, 2026-02-17" in md and "Tuổi Trẻ, 2026-02-18" in md
    assert "<script>" not in md and "\\<script\\>" in md and "\\*đậm\\*" in md
    assert "chiều 13/02/2026" in md and "2 nguồn độc lập" in md
    # reprints count once
    docs["d2"]["duplicate_of"] = "d1"
    assert "1 (2 bài) nguồn độc lập" in timeline_markdown([e1], docs)


def test_timeline_cli_table_and_markdown(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    with Store(db) as store:
        store.replace_linked(
            [], [ev("a", "1995-07", type_="agreement"), ev("b", "2026-02-20", type_="visit")], []
        )
    runner = CliRunner()
    res = runner.invoke(app, ["timeline", "--db", str(db)])
    assert res.exit_code == 0, res.output
    assert "07/1995" in res.output and "20/02/2026" in res.output
    assert res.output.index("07/1995") < res.output.index("20/02/2026")
    out = tmp_path / "t.md"
    res = runner.invoke(
        app, ["timeline", "--db", str(db), "--format", "md", "-o", str(out), "--type", "visit"]
    )
    assert res.exit_code == 0, res.output
    text = out.read_text(encoding="utf-8")
    assert "20/02/2026" in text and "07/1995" not in text
    res = runner.invoke(app, ["timeline", "--db", str(db), "--from", "hôm qua"])
    assert res.exit_code == 2 and "not a date" in res.output
    res = runner.invoke(app, ["timeline", "--db", str(db), "--story", "nope"])
    assert res.exit_code == 2
