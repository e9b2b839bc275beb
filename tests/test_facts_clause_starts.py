"""``facts._ClauseStarts`` (each sentence's clause breaks read once) against ``facts_reference.clause_start``
(the plain scan from the sentence start, cut at the position), and the long-sentence case it is for."""

from __future__ import annotations

import random
import re

import pytest

from biennien.analyse import facts
from biennien.analyse.facts import _ClauseStarts
from biennien.model import Quantity, Sentence
from facts_reference import clause_start

# pieces that make or unmake clause breaks: commas beside digits, quoted words, pairs around dashes,
# "trong đó" with and without a word boundary after it, brackets, colons
PIECES = [
    ", ",
    ",",
    "1,5",
    "2,",
    ",3",
    ' "khủng" ',
    "“rất đẹp”",
    '"',
    " - ",
    " – ",
    "Việt Nam - Hoa Kỳ",
    "2011 - 2020",
    "-",
    " trong đó ",
    "trong đóng",
    " trong số đó",
    "(",
    ")",
    "[",
    "]",
    ": ",
    ";",
    " tăng ",
    "so với năm 2020",
    "Hà Nội",
    " 15,8 tỷ USD",
    "x",
    " ",
]


def _text(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(PIECES) for _ in range(n))


def test_clause_starts_equal_the_plain_scan_at_every_position_in_any_order() -> None:
    rng = random.Random(20261125)
    for _ in range(300):
        text = _text(rng, rng.randint(0, 40))
        starts = sorted({0, *(rng.randrange(len(text) + 1) for _ in range(3))})
        index = _ClauseStarts(text)
        queries = [(s, p) for s in starts for p in range(len(text) + 1)]
        rng.shuffle(queries)
        for s, p in queries:
            assert index.at(s, p) == clause_start(text, s, p), (text, s, p)


def test_a_long_sentence_reads_each_break_about_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """A table flattened into one line with no full stop: every figure asks for the clause of every
    date of the sentence.  The plain scan per question read the whole sentence's breaks each time (cubic
    in all: 26,000 characters took 31 s); the index reads each break once, plus the few after the last
    break before each position."""
    calls = 0
    plain = facts._breaks

    def counted(text: str, m: re.Match[str]) -> bool:
        nonlocal calls
        calls += 1
        return plain(text, m)

    monkeypatch.setattr(facts, "_breaks", counted)
    part = "năm 2020 đạt 15,8 tỷ USD, so với năm 2019 tăng 3%, "
    rows = 200
    text = part * rows
    index = _ClauseStarts(text)
    questions = 0
    for k in range(rows):
        for j in range(rows):
            index.at(0, j * len(part) + 5)
            questions += 1
        index.at(0, k * len(part) + 13)
        questions += 1
    breaks = len(facts._CLAUSE.findall(text))
    assert calls <= breaks + 2 * questions  # the plain scan: about rows * breaks per row of questions


def test_extract_reads_the_same_facts_from_a_long_flattened_table() -> None:
    part = "Năm 2020 đạt 15,8 tỷ USD, so với năm 2019 tăng 3%, "
    text = part * 20
    sent = Sentence(0, len(text), 0)
    from biennien.analyse import quantity, timex

    timexes = timex.tag(text, "2021-01-01")
    quantities: list[Quantity] = quantity.extract(text, timexes)
    got = facts.extract("d", text, [sent], quantities, timexes, [])
    assert len(got) >= 20  # every row's figures are read
    assert {f.period for f in got if f.unit == "USD"} == {"2020"}
