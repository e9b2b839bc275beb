"""``split_sentences`` against the plain loop it replaced (kept here as the definition).

The splitter tests the two end characters of a sentence before calling
``_trimmed`` and reads the character before a dot instead of slicing the
segment first; these tests hold it to the straightforward version on
real-style sentences, random strings built from the pieces that matter
(dots, abbreviations, initials, quotes, odd white space, blank lines) and
every unc-dev article when the corpus is present.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from biennien.model import Sentence
from biennien.vi import sentences as sent
from biennien.vi.sentences import split_sentences

UNC_DEV = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "unc-dev"


def reference_split(text: str) -> list[Sentence]:
    """The splitter as it was written before (session 6): the definition."""
    abbrev = sent._abbreviations()
    out: list[Sentence] = []
    para = 0
    pos = 0
    for line in text.split("\n"):
        line_start = pos
        pos += len(line) + 1
        if not line.strip():
            continue
        seg_start = 0
        for m in sent._END.finditer(line):
            before = line[seg_start : m.start(1)]
            if m.group(1) == "." and before and not before[-1].isspace():
                word = before.rsplit(None, 1)[-1]
                if word.lstrip('("“') in abbrev:
                    continue
                if sent._initial(word, before[: len(before) - len(word)]):
                    continue
            cut = m.start(3)
            span = sent._trimmed(text, line_start + seg_start, line_start + cut)
            if span:
                out.append(Sentence(span[0], span[1], para))
            seg_start = m.end(3)
        span = sent._trimmed(text, line_start + seg_start, line_start + len(line))
        if span:
            out.append(Sentence(span[0], span[1], para))
        para += 1
    return out


def test_real_style_sentences() -> None:
    text = (
        "Ông Nguyễn Văn A. Trần cho biết TP. HCM sẽ mở rộng. Nhiệt độ lên 35 độ C. Cây xanh héo.\n"
        "\n"
        "  Michael G. DeSombre nói: “Chúng tôi đồng ý.” Sau đó, ông rời đi!  \n"
        "Giá tăng 1.409 đồng… Người dân lo lắng? Có."
    )
    got = split_sentences(text)
    assert got == reference_split(text)
    said = [text[s.start : s.end] for s in got]
    assert "Nhiệt độ lên 35 độ C." in said  # a letter that is a word of its own ends the sentence
    assert any(s.startswith("Michael G. DeSombre") for s in said)  # an initial does not
    assert [s.paragraph for s in got][-1] == 2


PIECES = [
    "Ông",
    "TP.",
    "PGS.TS.",
    "G.",
    "C.",
    "độ",
    "châu Á.",
    ".",
    "..",
    "!",
    "?",
    "…",
    "”",
    "“",
    "(",
    ")",
    "A",
    "Đà",
    "1.409",
    "15,8",
    " ",
    "  ",
    "\t",
    "\u00a0",
    "\n",
    "\n\n",
    " \n ",
    "x",
    "Hà Nội",
    "2020.",
]


def test_random_strings_match_the_reference() -> None:
    rng = random.Random(7)
    for _ in range(20_000):
        text = "".join(
            rng.choice(PIECES) + rng.choice(["", " ", " ", "  "]) for _ in range(rng.randint(0, 30))
        )
        assert split_sentences(text) == reference_split(text), repr(text)


def test_unc_dev_matches_the_reference() -> None:
    if not UNC_DEV.exists():
        pytest.skip("unc-dev corpus not present")
    files = sorted(UNC_DEV.rglob("*.txt"))
    if not files:
        pytest.skip("unc-dev corpus empty")
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert split_sentences(text) == reference_split(text), path.name
