"""``caption_credit`` skips a pattern whose literal is missing: same answer as trying all three."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from biennien.ingest.metadata import _CREDIT_TAIL, _caption_res, caption_credit
from biennien.vi.resources import word_list

UNC_DEV = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "unc-dev"


def _reference(line: str) -> int | None:
    """The definition: all three end patterns tried in order on the tail."""
    if len(line) > 600:
        return None
    start, end_colon, end_bare, end_paren = _caption_res()
    if start.match(line):
        return 0
    tail = max(0, len(line) - _CREDIT_TAIL)
    m = end_colon.search(line, tail) or end_bare.search(line, tail) or end_paren.search(line, tail)
    if m is None:
        return None
    pos = m.start()
    while pos < len(line) and (line[pos].isspace() or line[pos] in ".!?…"):
        pos += 1
    return pos


def _lines() -> list[str]:
    cues = list(word_list("ingest_caption_cues.txt"))
    pieces = [*cues, *(c.lower() for c in cues), *(c.upper() for c in cues), "Tô Lâm", "phát biểu", "hưởng"]
    pieces += [".", ". ", ":", ": ", "(", ")", " ", "/", "TTXVN", "Lệ Thu", "…", "x" * 150]
    rng = random.Random(5)
    return ["".join(rng.choice(pieces) for _ in range(rng.randrange(1, 9))) for _ in range(20000)]


def test_same_as_all_three_patterns_on_built_lines() -> None:
    hits = 0
    for line in _lines():
        caption_credit.cache_clear()
        got = caption_credit(line)
        assert got == _reference(line), line
        hits += got is not None
    assert hits > 1000


def test_same_as_all_three_patterns_on_unc_dev() -> None:
    if not UNC_DEV.is_dir():
        pytest.skip("unc-dev corpus not present")
    for path in sorted(UNC_DEV.glob("*.txt"))[:400]:
        for line in path.read_text(encoding="utf-8").split("\n"):
            line = line.strip()
            assert caption_credit(line) == _reference(line), (path.name, line)
