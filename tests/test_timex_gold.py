"""The tagger on the hand-annotated gold set from real Dân Trí sentences (tests/data/TIMEX_GOLD.md)."""

from __future__ import annotations

from pathlib import Path

from biennien.analyse.timex import tag
from biennien.analyse.timex_eval import false_dates, load_gold, load_negatives, score_gold

DATA = Path(__file__).parent / "data"


def test_gold_value_accuracy() -> None:
    rows = load_gold(DATA / "timex_gold.tsv")
    assert len(rows) >= 300
    results = score_gold(rows, tag)
    wrong = [
        (r.row.expression, r.row.value, r.got.value if r.got else None) for r in results if not r.correct
    ]
    accuracy = 1 - len(wrong) / len(results)
    assert accuracy >= 0.97, wrong


def test_gold_negatives_have_no_dates() -> None:
    rows = load_negatives(DATA / "timex_gold_negatives.tsv")
    assert len(rows) >= 50
    bad = [(row.sentence, t.text, t.value) for row, t in false_dates(rows, tag)]
    assert bad == []
