"""The series command: one measure over its periods, and its PNG chart."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from biennien.cli import app
from biennien.cli.series import period_position
from biennien.model import Evidence, Fact
from biennien.store.sqlite import Store

runner = CliRunner()
ENV = {"COLUMNS": "250"}


def _store(path: Path) -> Path:
    ev = Evidence("d1", 0, 10, "...")
    facts = [
        Fact("fa3", 15.8e9, "USD", "kim ngạch thương mại hai chiều", [ev], period="2026-01"),
        Fact("fa1", 124e9, "USD", "kim ngạch thương mại", [ev], period="2024", period_mod="MID"),
        Fact("fa2", 150e9, "USD", "kim ngạch thương mại", [ev], period="2025"),
        Fact("fa4", 9e9, "USD", "kim ngạch thương mại", [ev]),
        Fact("fa5", 13.9e9, "USD", "xuất khẩu", [ev], period="2023"),
    ]
    store = Store(path)
    store.replace_linked([], [], facts)
    store.close()
    return path


def test_period_positions_order_timex_values() -> None:
    order = ["2023", "2024-Q1", "2024", "2024-11", "2025-H2", "2026-01", "2026-01-20"]
    assert sorted(order, key=lambda p: period_position(p) or 0) == order
    assert (period_position("2024", "START") or 0) < (period_position("2024", "END") or 0)
    assert period_position("PRESENT_REF") is None


def test_series_in_time_order_with_plot(tmp_path: Path) -> None:
    db = _store(tmp_path / "c.db")
    png = tmp_path / "s.png"
    result = runner.invoke(
        app, ["series", "--db", str(db), "--measure", "kim ngach thuong mai", "--plot", str(png)], env=ENV
    )
    assert result.exit_code == 0, result.stdout
    out = result.stdout
    assert out.index("2024") < out.index("2025") < out.index("2026-01")
    assert "xuất khẩu" not in out
    assert "1 matching facts have no period" in out
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_series_of_unknown_measure_exits_1(tmp_path: Path) -> None:
    db = _store(tmp_path / "c.db")
    assert runner.invoke(app, ["series", "--db", str(db), "--measure", "nothing"]).exit_code == 1
