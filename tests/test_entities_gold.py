"""The entity extractor against the hand-annotated gold set (tests/data/entities_gold.txt).

Needs the articles in ../shared (unc-dev and seeds); skipped when they are absent.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parent.parent


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_entities", REPO / "bench" / "entities.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules["bench_entities"] = mod
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    mod = _bench()
    if not (mod.SHARED / "corpora" / "unc-dev").is_dir() or not (mod.SHARED / "seeds").is_dir():
        pytest.skip("../shared corpora not available")
    return mod


def test_gold_marks_parse() -> None:
    plain, spans = _bench().parse_marked("Tổng Bí thư [PER Tô Lâm] thăm [GPE Hoa Kỳ].")
    assert plain == "Tổng Bí thư Tô Lâm thăm Hoa Kỳ."
    assert [plain[s:e] for s, e, _ in spans] == ["Tô Lâm", "Hoa Kỳ"]


def test_gold_set_is_large_enough_and_quotes_real_sentences(bench: ModuleType) -> None:
    gold = bench.load_gold()  # raises if a quoted sentence is not in its article
    spans = bench.gold_set(gold)
    assert len(spans) >= 300
    for g in gold:
        text = bench.article_text(g.file)
        for s, e, _ in g.spans:
            assert text[s:e].strip() == text[s:e] and e > s


def test_f1_per_type_at_least_090(bench: ModuleType) -> None:
    gold = bench.load_gold()
    res = bench.score(bench.gold_set(gold), bench.in_sentences(gold, bench.ours(gold)))
    for cls in ("PER", "ORG", "LOC"):
        p, r, f1 = res[cls]
        assert f1 >= 0.90, f"{cls}: P={p:.3f} R={r:.3f} F1={f1:.3f}"
