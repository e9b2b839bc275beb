"""The fast comparison words (``link.prep_words``) equal the per-character definitions, on real and odd text."""

from __future__ import annotations

import random
import re
import zlib
from pathlib import Path

import pytest

from biennien.link.prep_words import (
    _lowered_words,
    alias_pattern,
    compare_lines,
    compare_lines_reference,
    compare_words,
    compare_words_reference,
    line_hashes,
)
from biennien.vi.chartable import ALPHABET, char_table, translate_chars

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "unc-dev"

# pieces that stress the definition: alias variants in every case, glued by punctuation, underscores,
# odd white space and newlines; leading zeros; capitals whose lower case is two characters (İ) or depends
# on context (Σ); combining marks; decomposed letters; digits that are not ASCII
_TRICKY = [
    "Hoa Kỳ",
    "hoa kỳ",
    "HOA KỲ",
    "Hợp chúng quốc Hoa Kỳ",
    "TP.HCM",
    "TP. HCM",
    "tp hcm",
    "Tp Hồ Chí Minh",
    "Sài Gòn",
    "Mỹ",
    "USA",
    "US",
    "UN",
    "LHQ",
    "Bộ GD&ĐT",
    "Bộ GDĐT",
    "covid-19",
    "COVID",
    "Trung Hoa",
    "Việt Nam",
    "Nhật",
    "nhất",
    "Đà Nẵng",
    "ĐẠI",
    "đại",
    "thành phố",
    "07",
    "0",
    "00",
    "007",
    "1995",
    "٠٣",
    "²",
    "½",
    "İstanbul",
    "ΣΟΦΙΑ",
    "ὈΔΥΣΣΕΎΣ",
    "a\u0301",
    "e\u0323\u0302",
    "\u0301",
    "ǅ",
    "ß",
    "ﬁ",
    "_",
    "__",
    "-",
    ",",
    ".",
    "/",
    "(",
    ")",
    "%",
    "&",
    "\u00a0",
    "\t",
    "\r",
    "\x0b",
    "\u2028",
    "\x1c",
    "\n",
    "\n\n",
    " ",
    "  ",
    "'",
    "“",
    "”",
    "…",
    "–",
    "Tỉ",
    "tỷ",
    "đô la",
    "USD",
    "TTXVN",
    "Liên Hiệp Quốc",
]
_GLUE = ["", " ", "  ", ", ", ". ", "-", "_", "\n", " \n ", "/", ".", "(", "\u00a0"]


def _random_text(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(0, 14)):
        parts.append(rng.choice(_TRICKY))
        parts.append(rng.choice(_GLUE))
    return "".join(parts)


def test_alias_pattern_maps_variants() -> None:
    pattern, mapping = alias_pattern()
    assert mapping["hoa kỳ"] == "mỹ"
    assert pattern.search(" tại hoa kỳ ") is not None
    assert pattern.search(" tại nhất ") is None


def test_random_tricky_strings_match_the_definition() -> None:
    rng = random.Random(8)
    for _ in range(30_000):
        text = _random_text(rng)
        assert compare_lines(text) == compare_lines_reference(text), repr(text)
        assert compare_words(text) == compare_words_reference(text), repr(text)


def test_real_articles_match_the_definition() -> None:
    if not CORPUS.is_dir():
        pytest.skip("unc-dev corpus not available")
    files = sorted(CORPUS.glob("*.txt"))
    if not files:
        pytest.skip("unc-dev corpus is empty")
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert compare_lines(text) == compare_lines_reference(text), path.name
        for line in text.split("\n")[:3]:
            assert compare_words(line) == compare_words_reference(line), path.name


def test_nested_alias_pattern_matches_like_the_flat_one() -> None:
    pattern, mapping = alias_pattern()
    alternatives = sorted((k for k, v in mapping.items() if k != v or " " in k), key=lambda k: (-len(k), k))
    flat = re.compile(" (" + "|".join(re.escape(a) for a in alternatives) + ")(?= )")
    rng = random.Random(4)
    words = [*alternatives, *(w for a in alternatives for w in a.split()), "nhất", "x", "hoa", "0"]
    for _ in range(20_000):
        text = " " + " ".join(rng.choice(words) for _ in range(rng.randint(0, 12))) + " "
        assert [m.span(1) for m in pattern.finditer(text)] == [m.span(1) for m in flat.finditer(text)], text


def test_line_hashes_are_the_hashes_of_compare_lines() -> None:
    rng = random.Random(5)
    for _ in range(5_000):
        text = _random_text(rng)
        starts, hashes = line_hashes(text)
        lines = compare_lines_reference(text)
        assert starts.tolist() == [sum(len(words) for words in lines[:i]) for i in range(len(lines) + 1)]
        assert hashes.tolist() == [zlib.crc32(w.encode("utf-8")) for words in lines for w in words]


def test_line_hashes_of_alphabet_text_take_the_table_pass_and_match() -> None:
    # only ALPHABET characters (no "_"), so every text goes through the table pass and the spaced aliases:
    # variants glued by runs of punctuation, several spaces, newlines, leading zeros
    pieces = [p for p in _TRICKY if all(c in ALPHABET for c in p) and "_" not in p and "\x00" not in p]
    glue = [g for g in _GLUE if "_" not in g] + [", , ", " – ", "…", "“", "” ", "\r\n", "\t"]
    rng = random.Random(6)
    taken = 0
    for _ in range(5_000):
        parts = []
        for _ in range(rng.randint(0, 14)):
            parts += [rng.choice(pieces), rng.choice(glue)]
        text = "".join(parts)
        taken += _lowered_words(text) is not None
        starts, hashes = line_hashes(text)
        lines = compare_lines_reference(text)
        assert starts.tolist() == [sum(len(words) for words in lines[:i]) for i in range(len(lines) + 1)]
        assert hashes.tolist() == [zlib.crc32(w.encode("utf-8")) for words in lines for w in words], text
    assert taken == 5_000


def test_translate_chars_refuses_characters_outside_the_alphabet() -> None:
    table = char_table(str.upper, "abc")
    assert translate_chars("abca", table) == "ABCA"
    assert translate_chars("", table) == ""
    for text in ("abd", "a\uffff", "a😀", "a\ud800"):
        assert translate_chars(text, table) is None
