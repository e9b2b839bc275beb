"""A ``before`` cue asked of the reversed string answers as the forward pattern does."""

from __future__ import annotations

import random

from biennien.analyse.timex_lexicon import cue_pattern, lexicon

_FILLERS = ["", " ", "  ", "\n", " \n", "x", "ông ", "3 ", "(", "(ngày ", "Hà Nội, ", "là"]


def _windows() -> list[str]:
    """Strings ending with each cue word (in three cases), before and after other text."""
    out: list[str] = []
    for kind, words in lexicon().cues.items():
        if not kind.endswith("_before"):
            continue
        for w in words:
            for form in (w, w.upper(), w.capitalize(), w.replace(" ", "  ")):
                for pre in _FILLERS:
                    for post in _FILLERS:
                        out.append(pre + form + post)
                        out.append(form[1:] + post)  # the cue cut at the front: "ăm" is not "năm"
    return out


def test_reversed_search_equals_forward_on_cue_endings() -> None:
    windows = _windows()
    kinds = [k for k in lexicon().cues if k.endswith("_before")]
    found = 0
    for kind in kinds:
        cue = cue_pattern(kind, "before")
        for s in windows:
            expected = cue.pattern.search(s) is not None
            assert (cue.search(s) is not None) == expected, (kind, s)
            found += expected
    assert found > 1000  # the windows do hold cues


def test_reversed_search_equals_forward_on_random_text() -> None:
    rng = random.Random(8)
    pieces = [w for ws in lexicon().cues.values() for w in ws] + ["ngày", "năm", " ", ",", "(", "2/9", "Ông"]
    cues = [cue_pattern(k, "before") for k in lexicon().cues if k.endswith("_before")]
    for _ in range(3000):
        s = "".join(rng.choice(pieces) + rng.choice(["", " ", "\n"]) for _ in range(rng.randrange(1, 5)))
        for cue in cues:
            assert (cue.search(s) is not None) == (cue.pattern.search(s) is not None), s


def test_pos_and_endpos_use_the_forward_pattern() -> None:
    cue = cue_pattern("year_before", "before")
    word = lexicon().cues["year_before"][0]
    text = f"x {word} 2020"
    end = text.index(" 2020")
    assert cue.search(text, 0, end) is not None
    assert cue.search(text) is None
