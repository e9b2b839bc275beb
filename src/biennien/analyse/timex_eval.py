"""Scoring a temporal tagger on the annotated gold set (``tests/data/timex_gold*.tsv``).

Shared by the test (which asserts the targets) and ``bench/timex.py`` (which
prints them next to dateparser), so both count the same way:

* a gold expression is right when some DATE/TIME/DURATION/SET the tagger
  returns overlaps the expression in its sentence and has the same value
  (and the same end value for a range); the span may differ (``vào năm
  2010`` vs ``năm 2010``), the value may not;
* a negative fails when the tagger returns a DATE or TIME over the named span
  (or anywhere in the sentence for ``*``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from biennien.model import Timex
from biennien.vi.normalise import analysis_text, nfc

Tagger = Callable[[str, str | None], list[Timex]]


@dataclass(frozen=True)
class GoldRow:
    source: str
    dct: str | None
    sentence: str
    expression: str
    type: str
    value: str
    mod: str | None
    value_end: str | None


@dataclass(frozen=True)
class NegativeRow:
    source: str
    dct: str | None
    sentence: str
    span: str  # "*" for the whole sentence


def _rows(path: Path) -> list[list[str]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        out.append([nfc(c) for c in line.split("\t")])
    return out


def load_gold(path: Path) -> list[GoldRow]:
    rows = []
    for cells in _rows(path):
        cells += [""] * (8 - len(cells))
        src, dct, sent, expr, typ, value, mod, end = cells[:8]
        rows.append(GoldRow(src, dct or None, sent, expr, typ, value, mod or None, end or None))
    return rows


def load_negatives(path: Path) -> list[NegativeRow]:
    return [NegativeRow(c[0], c[1] or None, c[2], c[3]) for c in _rows(path)]


@dataclass
class GoldResult:
    row: GoldRow
    got: Timex | None
    correct: bool


def score_gold(rows: list[GoldRow], tagger: Tagger) -> list[GoldResult]:
    out = []
    for row in rows:
        text = analysis_text(row.sentence)
        start = row.sentence.find(row.expression)
        if start < 0:
            raise ValueError(f"expression {row.expression!r} not in its sentence ({row.source})")
        end = start + len(row.expression)
        hits = [t for t in tagger(text, row.dct) if t.start < end and start < t.end]
        good = [
            t
            for t in hits
            if t.value == row.value and (row.value_end is None or t.value_end == row.value_end)
        ]
        got = good[0] if good else (hits[0] if hits else None)
        out.append(GoldResult(row, got, bool(good)))
    return out


def false_dates(rows: list[NegativeRow], tagger: Tagger) -> list[tuple[NegativeRow, Timex]]:
    """Negatives on which the tagger returns a DATE or TIME where none is."""
    bad = []
    for row in rows:
        text = analysis_text(row.sentence)
        if row.span == "*":
            start, end = 0, len(text)
        else:
            start = row.sentence.find(row.span)
            if start < 0:
                raise ValueError(f"span {row.span!r} not in its sentence ({row.source})")
            end = start + len(row.span)
        for t in tagger(text, row.dct):
            if t.type in ("DATE", "TIME") and t.start < end and start < t.end:
                bad.append((row, t))
                break
    return bad
