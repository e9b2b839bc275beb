"""Thresholds on the hand-annotated gold set (tests/data/facts_gold.tsv, see FACTS_GOLD.md)."""

from __future__ import annotations

from pathlib import Path

import pytest

from biennien.analyse import timex
from biennien.analyse.facts_eval import load_gold, score

GOLD = Path(__file__).parent / "data" / "facts_gold.tsv"


@pytest.fixture(scope="module")
def result():
    return score(load_gold(GOLD))


def test_gold_set_is_large_enough(result) -> None:
    assert result.figures >= 200


def test_value_and_unit_accuracy(result) -> None:
    assert result.rate(result.value_unit) >= 0.97, "\n".join(result.errors)


def test_qualifier_accuracy(result) -> None:
    assert result.rate(result.qualifier) >= 0.95, "\n".join(result.errors)


def test_period_accuracy(result) -> None:
    assert result.rate(result.period) >= 0.90, "\n".join(result.errors)


def test_no_quantity_inside_a_date_code_or_name(result) -> None:
    assert result.inside_never == 0, "\n".join(e for e in result.errors if "inside" in e)


@pytest.fixture(scope="module")
def tagged():
    """End to end: the timex tagger's own output, with each article's date as reference date."""
    return score(load_gold(GOLD), timex.tag)


def test_period_accuracy_with_the_timex_tagger(tagged) -> None:
    assert tagged.rate(tagged.period) >= 0.90, "\n".join(e for e in tagged.errors if "period" in e)


def test_tagger_timexes_hold_no_quantity(tagged) -> None:
    assert tagged.inside_never == 0, "\n".join(e for e in tagged.errors if "inside" in e)
