"""``line_hashes`` folds the prepared words with one table pass and splits them as UTF-8 bytes.

That equals folding each word and splitting the ``str`` only if the table
neither makes nor removes white space (``bytes.split`` splits on ASCII white
space only) and the line mark folds to itself; these tests check that on the
whole alphabet, and the hashes against the per-character definition on random
strings of every alphabet character and on unc-dev.
"""

from __future__ import annotations

import random
import zlib
from pathlib import Path

import pytest

from biennien.link.prep_words import _lowered_words, compare_lines_reference, line_hashes
from biennien.vi.chartable import ALPHABET, fold_table, translate_chars
from biennien.vi.normalise import fold

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "unc-dev"


def _reference(text: str) -> tuple[list[int], list[int]]:
    lines = compare_lines_reference(text)
    starts = [sum(len(words) for words in lines[:i]) for i in range(len(lines) + 1)]
    return starts, [zlib.crc32(w.encode("utf-8")) for words in lines for w in words]


def test_the_fold_table_keeps_white_space_and_the_line_mark() -> None:
    table = fold_table()
    for c in ALPHABET:
        out = translate_chars(c, table)
        assert out == fold(c)
        assert out is not None and len(out) == 1
        assert out.isspace() == c.isspace()
        # no ASCII white space byte inside the UTF-8 of a folded word character
        assert c.isspace() or out.encode("utf-8").split() == [out.encode("utf-8")]
    assert translate_chars("\x00", table) == "\x00"


def test_random_alphabet_text_matches_the_definition() -> None:
    chars = [c for c in ALPHABET if c not in "_\x00"]
    common = list("aăâeêioôơuưy đ0123456789 .,\n") + ["  ", "Hoa Kỳ", "TP.HCM", "007", "½", "…"]
    rng = random.Random(11)
    for _ in range(4_000):
        text = "".join(rng.choice(chars if rng.random() < 0.4 else common) for _ in range(rng.randint(0, 60)))
        assert _lowered_words(text) is not None
        starts, hashes = line_hashes(text)
        assert (starts.tolist(), hashes.tolist()) == _reference(text), repr(text)


def test_unc_dev_matches_the_definition() -> None:
    files = sorted(CORPUS.glob("*.txt")) if CORPUS.exists() else []
    if not files:
        pytest.skip("unc-dev corpus not present")
    for path in files[::3]:
        text = path.read_text(encoding="utf-8")
        starts, hashes = line_hashes(text)
        assert (starts.tolist(), hashes.tolist()) == _reference(text), path.name
