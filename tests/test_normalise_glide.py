"""``tone_normalise`` skips the replacement when ``_GLIDE_END`` finds nothing: that pre-test must find a
place exactly where ``_GLIDE`` would match, on built strings of the letters that matter and on unc-dev."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from biennien.vi.normalise import _GLIDE, _GLIDE_END, _move_tone, tone_normalise

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "unc-dev"


def test_old_style_syllables_are_moved() -> None:
    assert tone_normalise("hoà bình, khoẻ mạnh, thuý") == "hòa bình, khỏe mạnh, thúy"
    assert (
        tone_normalise("quý khách, quá, hoàng") == "quý khách, quá, hoàng"
    )  # not after q, nor before a final
    assert tone_normalise("Hoà") == "Hòa"


def test_pre_test_finds_exactly_the_glide_matches() -> None:
    letters = list("oOuUqQaey hn,.\n1_") + list("àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸỳýỷỹỵỲÝỶỸỴ") + ["ư", "ơ", "đ"]
    rng = random.Random(3)
    for _ in range(30_000):
        text = "".join(rng.choice(letters) for _ in range(rng.randint(0, 8)))
        ends = [m.end() for m in _GLIDE_END.finditer(text)]
        assert ends == [m.end() for m in _GLIDE.finditer(text)], repr(text)
        assert tone_normalise(text) == _GLIDE.sub(_move_tone, text)


def test_unc_dev_is_unchanged_by_the_pre_test() -> None:
    files = sorted(CORPUS.glob("*.txt")) if CORPUS.exists() else []
    if not files:
        pytest.skip("unc-dev corpus not present")
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert tone_normalise(text) == _GLIDE.sub(_move_tone, text), path.name
        assert (_GLIDE_END.search(text) is None) == (_GLIDE.search(text) is None), path.name
