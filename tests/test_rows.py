"""The store rows made in the workers: the fast sentence folding equals ``fold``, sentence by sentence."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from biennien.model import Sentence
from biennien.store.rows import dumps, folded_sentences
from biennien.vi.chartable import ALPHABET
from biennien.vi.normalise import analysis_text, fold
from biennien.vi.sentences import split_sentences

UNC_DEV = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "unc-dev"


def _sentences(text: str) -> list[Sentence]:
    return split_sentences(analysis_text(text))


def test_fold_is_per_character_on_the_alphabet() -> None:
    alphabet = ALPHABET
    assert len(set(alphabet)) == len(alphabet)
    per_char = {c: fold(c) for c in alphabet}
    assert all(len(f) == 1 for f in per_char.values())
    for a in alphabet:
        for b in alphabet:
            assert fold(a + b) == per_char[a] + per_char[b], (a, b)


def test_vietnamese_sentences_fold_as_before() -> None:
    text = (
        "Thủ tướng Phạm Minh Chính tiếp Đại sứ Hoa Kỳ tại Hà Nội ngày 18/2.\n"
        "“Hai nước sẽ tăng cường hợp tác…” – ông nói; kim ngạch đạt 15,8 tỷ USD (tăng 28,6%).\n"
        "KHOẺ MẠNH, THUỶ ĐIỆN, Ưu Đãi: 100\u00a0000 ₫ · 25°C"
    )
    sentences = _sentences(text)
    assert len(sentences) >= 3
    got = folded_sentences(text, sentences)
    assert got == [fold(text[s.start : s.end]) for s in sentences]
    assert got[0].startswith("thu tuong pham minh chinh tiep dai su hoa ky")


def test_characters_outside_the_alphabet_fall_back_to_fold() -> None:
    # ñ, a Greek capital sigma (whose lower case depends on its neighbours), a combining mark, a dotted İ
    for odd in ("Peña", "ΟΔΟΣ.", "Cafe\u0301", "İstanbul", "a\x00b"):
        text = f"Ông {odd} đến Hà Nội. Bà ấy ở lại."
        sentences = _sentences(text)
        assert folded_sentences(text, sentences) == [fold(text[s.start : s.end]) for s in sentences]


def test_random_strings_over_the_alphabet() -> None:
    rng = random.Random(8)
    alphabet = ALPHABET.replace("\x00", "")
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 60)))
        cuts = sorted(rng.randrange(0, len(text) + 1) for _ in range(rng.randrange(0, 6)))
        sentences = [Sentence(a, b) for a, b in zip(cuts, cuts[1:], strict=False)]
        assert folded_sentences(text, sentences) == [fold(text[s.start : s.end]) for s in sentences]


def test_odd_characters_outside_the_sentences() -> None:
    # the whole text is not all ALPHABET, its sentences are: they are folded joined, or one by one when
    # the separator is in the text too ("\x00" alone is in ALPHABET: the whole-text pass would take it)
    for odd in ("Peña", "ΟΔΟΣ", "Peña\x00"):
        text = f"Ông đến Hà Nội. Bà ấy ở lại.\n{odd}\nHọ về."
        sentences = [s for s in _sentences(text) if odd not in text[s.start : s.end]]
        assert len(sentences) == 3
        assert folded_sentences(text, sentences) == [fold(text[s.start : s.end]) for s in sentences]


def test_random_strings_with_the_separator() -> None:
    # the whole-text pass folds the separator to itself too
    rng = random.Random(9)
    for _ in range(1000):
        text = "".join(rng.choice(ALPHABET) for _ in range(rng.randrange(0, 40)))
        cuts = sorted(rng.randrange(0, len(text) + 1) for _ in range(rng.randrange(0, 6)))
        sentences = [Sentence(a, b) for a, b in zip(cuts, cuts[1:], strict=False)]
        assert folded_sentences(text, sentences) == [fold(text[s.start : s.end]) for s in sentences]


def test_no_sentences() -> None:
    assert folded_sentences("", []) == []


def test_unc_dev_sentences_fold_as_before() -> None:
    if not UNC_DEV.is_dir():
        pytest.skip("unc-dev corpus not available")
    files = sorted(UNC_DEV.iterdir())[:400]
    for path in files:
        text = path.read_text(encoding="utf-8")
        sentences = _sentences(text)
        assert folded_sentences(text, sentences) == [fold(text[s.start : s.end]) for s in sentences], path


def test_dumps_is_the_stores_json() -> None:
    obj = {"b": [1.5, None, True], "a": "Hà Nội “x”", "c": {"z": 1, "y": float("inf")}}
    assert dumps(obj) == json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
