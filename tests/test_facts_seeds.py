"""End to end on the seed articles: shared figures are one fact with both sources, no period conflicts."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from biennien.cli import app
from biennien.store.sqlite import Store

SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"


def test_seed_figures_merge_across_outlets(tmp_path: Path) -> None:
    if not SEEDS.is_dir():
        pytest.skip("seeds not available")
    db = tmp_path / "s.db"
    result = CliRunner().invoke(app, ["build", str(SEEDS), "--db", str(db), "--workers", "1"])
    assert result.exit_code == 0, result.stdout
    store = Store(db, readonly=True)
    try:
        facts = store.facts()
    finally:
        store.close()
    by_value = {(f.value, f.unit, f.period): f for f in facts}
    trade = by_value[(15.8e9, "USD", "2026-01")]
    assert len({e.doc for e in trade.evidence}) >= 2
    export = by_value[(13.9e9, "USD", "2026-01")]
    assert export.measure == "xuất khẩu" and len({e.doc for e in export.evidence}) >= 2
    rank = next(f for f in facts if f.unit == "rank" and f.rank_of == 108)
    assert rank.value == 11 and len({e.doc for e in rank.evidence}) >= 2
    # figures that differ only by period (mid-2024 vs January 2026) are a series, never a conflict
    assert not any(f.conflicts_with for f in facts)
