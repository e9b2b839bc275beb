"""The opener scan (``Tables.word_start_re`` + ``quantity._hidden``) gives the matches of the full
number-word scan (``Tables.word_number_re``) whose first word is not a ``word_no_start`` word.

The full scan, filtered, is the specification (it is what ``_word_quantities`` read before): the two
must give the same spans on real-style sentences, on generated strings of number words, letters,
digits, odd white space and characters that ``\\w`` and ``str`` classify unusually, and on unc-dev
when it is there.
"""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

import pytest

from biennien.analyse.quantity import _word_numbers
from biennien.analyse.quantity_tables import tables
from biennien.vi.numbers import number_words

UNC_DEV = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "unc-dev"

SENTENCES = [
    "năm mươi lăm tấn hàng, không một ai biết, năm nay có hai mươi người và ba triệu đồng.",
    "đầu tư một tỷ đồng; tư vấn hai lần, năm hai nghìn, không  ba  bốn, triệu một người.",
    "ông năm\tmột tuổi, 5một cái, x-hai ba, _một, ²một trăm, chục nghìn, mười\u00a0hai người.",
]


def _spec(low: str) -> list[tuple[int, int]]:
    t = tables()
    no_start = t.context["word_no_start"]
    return [m.span() for m in t.word_number_re.finditer(low) if m.group().split()[0] not in no_start]


def _spans(low: str) -> list[tuple[int, int]]:
    return [m.span() for m in _word_numbers(low, tables())]


def test_the_opener_scan_is_used() -> None:
    # the shortcut is on with the shipped tables (no number word is a prefix of another)
    assert tables().word_start_re is not None


def test_real_style_sentences() -> None:
    for sentence in SENTENCES:
        assert _spans(sentence) == _spec(sentence), sentence
    found = [m.group() for m in _word_numbers(SENTENCES[0], tables())]
    # "năm mươi lăm" is dropped whole (its first word opens no figure): "mươi lăm" is not read alone
    assert "mươi lăm" not in found and "lăm" not in found
    assert "hai mươi" in found and "ba triệu" in found
    # "không một ai": "một" is inside the dropped match of "không"
    assert all(m.start() != SENTENCES[0].index("một ai") for m in _word_numbers(SENTENCES[0], tables()))


def test_generated_strings() -> None:
    rng = random.Random(7)
    words = list(number_words())
    pieces = [*words, *words, "k", "nh", "a", "x", "ai", "1", "5", "²", "_", "-", ",", ".", "(", "\n"]
    blanks = [" ", " ", " ", "  ", "\t", "\u00a0", "\u2003"]
    for _ in range(6000):
        parts = []
        for _ in range(rng.randint(1, 14)):
            parts.append(rng.choice(pieces))
            if rng.random() < 0.7:
                parts.append(rng.choice(blanks))
        text = "".join(parts)
        assert _spans(text) == _spec(text), repr(text)


def test_fallback_without_opener_scan() -> None:
    # the plain filtered scan, used when a number word is a prefix of another
    t = dataclasses.replace(tables(), word_start_re=None)
    for sentence in SENTENCES:
        assert [m.span() for m in _word_numbers(sentence, t)] == _spec(sentence)


def test_unc_dev() -> None:
    if not UNC_DEV.is_dir():
        pytest.skip("../shared/corpora/unc-dev is absent")
    for path in sorted(UNC_DEV.glob("*.txt"))[:400]:
        low = path.read_text(encoding="utf-8").lower()
        assert _spans(low) == _spec(low), path.name
