"""The read-only views over a linked store: facts, conflicts, entities, entity."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from biennien.cli import app
from biennien.cli.facts import format_value
from biennien.model import Entity, Event, Evidence, Fact, MentionRef, Participant
from biennien.store.sqlite import Store

runner = CliRunner()
ENV = {"COLUMNS": "250"}


def _store(path: Path) -> Path:
    store = Store(path)
    ev1 = Evidence("d1", 0, 10, "Kim ngạch thương mại hai chiều đạt 15,8 tỷ USD.")
    ev2 = Evidence("d2", 0, 10, "Kim ngạch thương mại hai chiều đạt 16,1 tỷ USD.")
    facts = [
        Fact(
            "fa1",
            15.8e9,
            "USD",
            "kim ngạch thương mại hai chiều",
            [ev1],
            subject="Việt Nam - Hoa Kỳ",
            period="2026-01",
            conflicts_with=["fa2"],
        ),
        Fact(
            "fa2",
            16.1e9,
            "USD",
            "kim ngạch thương mại hai chiều",
            [ev2],
            subject="Việt Nam - Hoa Kỳ",
            period="2026-01",
            conflicts_with=["fa1"],
        ),
        Fact(
            "fa3", 1409, "count", "dự án đầu tư", [ev1], counted="dự án", qualifier="about", subject="Hoa Kỳ"
        ),
    ]
    tolam = Entity(
        "enA",
        "Tô Lâm",
        "PER",
        aliases=["Tô Lâm"],
        roles=["Tổng Bí thư"],
        mentions=[MentionRef("d1", 0, 6), MentionRef("d2", 0, 6)],
    )
    trump = Entity(
        "enB",
        "Donald Trump",
        "PER",
        aliases=["Donald Trump", "Trump"],
        roles=["Tổng thống"],
        mentions=[MentionRef("d1", 10, 22)],
    )
    events = [
        Event(
            "ev2",
            "meeting",
            "2026-02-20TMO",
            "Tô Lâm gặp Donald Trump",
            participants=[
                Participant("Tô Lâm", "agent", "enA"),
                Participant("Donald Trump", "partner", "enB"),
            ],
            evidence=[ev1, ev2],
        ),
        Event(
            "ev1",
            "phone_call",
            "2025-04-04TEV",
            "Tô Lâm điện đàm với Donald Trump",
            participants=[
                Participant("Tô Lâm", "agent", "enA"),
                Participant("Donald Trump", "partner", "enB"),
            ],
            evidence=[ev1],
        ),
    ]
    store.replace_linked([tolam, trump], events, facts)
    store.close()
    return path


def test_format_value_reads_like_vietnamese() -> None:
    assert format_value(Fact("x", 15.8e9, "USD", "m", [])) == "15,8 tỷ USD"
    assert format_value(Fact("x", 28.6, "%", "m", [])) == "28,6%"
    assert format_value(Fact("x", 11, "rank", "m", [], rank_of=108)) == "thứ 11/108"
    assert format_value(Fact("x", 1409, "count", "m", [], counted="dự án")) == "1.409 dự án"


def test_facts_filters_and_conflicts(tmp_path: Path) -> None:
    db = _store(tmp_path / "c.db")
    out = runner.invoke(app, ["facts", "--db", str(db), "--measure", "kim ngach"], env=ENV).stdout
    assert "15,8 tỷ USD" in out and "16,1 tỷ USD" in out and "1.409" not in out
    out = runner.invoke(app, ["facts", "--db", str(db), "--subject", "hoa ky"], env=ENV).stdout
    assert "1.409 dự án" in out
    out = runner.invoke(app, ["facts", "--db", str(db), "--conflicts"], env=ENV).stdout
    assert out.count("15,8 tỷ USD") == 1 and "16,1 tỷ USD" in out and "1.409" not in out


def test_entities_and_entity_timeline(tmp_path: Path) -> None:
    db = _store(tmp_path / "c.db")
    out = runner.invoke(app, ["entities", "--db", str(db), "--type", "per"], env=ENV).stdout
    assert "Tô Lâm" in out and "Trump" in out
    result = runner.invoke(app, ["entity", "to lam", "--db", str(db)], env=ENV)
    assert result.exit_code == 0
    # events in time order: the 2025 call before the 2026 meeting
    assert result.stdout.index("04/04/2025") < result.stdout.index("20/02/2026")
    assert runner.invoke(app, ["entity", "nobody", "--db", str(db)]).exit_code == 1


def test_entity_without_events_lists_its_articles(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    text = "Ông Nguyễn Văn An là kỹ sư nổi tiếng ở Hà Nội. Ông Nguyễn Văn An có ba người con.\n"
    (tmp_path / "a.txt").write_text(f"# date = 20210420\nChân dung một kỹ sư\n{text}", encoding="utf-8")
    assert runner.invoke(app, ["build", str(tmp_path / "a.txt"), "--db", str(db), "-q"]).exit_code == 0
    store = Store(db)
    ents = [e for e in store.entities() if e.type == "PER"]
    (doc_id,) = store.document_ids()
    store.close()
    assert ents, "the person is found"
    out = runner.invoke(app, ["entity", ents[0].name, "--db", str(db)], env=ENV).stdout
    assert "mentioned in 1 articles" in out and doc_id in out and "2021-04-20" in out


def test_facts_count_a_reprint_once(tmp_path: Path) -> None:
    """Two outlets printing one agency text are one source: ``1 (2 bài)``, as on the timeline."""
    seeds = Path(__file__).resolve().parents[2] / "shared" / "seeds"
    if not seeds.is_dir():
        import pytest

        pytest.skip("seed articles not available")
    db = tmp_path / "s.db"
    assert runner.invoke(app, ["build", str(seeds), "--db", str(db)]).exit_code == 0
    out = runner.invoke(app, ["facts", "--db", str(db), "--measure", "kim ngạch"], env=ENV).stdout
    row = next(line for line in out.splitlines() if "15,8 tỷ USD" in line)
    assert "1 (2 bài)" in row
    out = runner.invoke(app, ["series", "--db", str(db), "--measure", "kim ngạch"], env=ENV).stdout
    assert any("15,8 tỷ USD" in line and "1 (2 bài)" in line for line in out.splitlines())
