"""Vietnamese text normalisation that never changes a string's length.

Two spellings of the same syllable are common in Vietnamese news: the "old"
tone placement ``hoà``, ``thuý``, ``khoẻ`` and the "new" one ``hòa``,
``thúy``, ``khỏe``.  Analysis reads one form (tone on the first vowel of the
open glides ``oa``, ``oe``, ``uy``: the form most outlets use), but the
stored text keeps what the outlet wrote.  Moving a tone mark between two
precomposed letters keeps the length, so offsets found in the analysis text
index the stored text too.

NFC is applied once at ingest (it may change length, so it defines the stored
text); everything after that is length-preserving.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Final

from mypy_extensions import mypyc_attr

from biennien.vi.casing import lower

# tone combining marks: grave, acute, hook above, tilde, dot below
_TONES: Final = "\u0300\u0301\u0309\u0303\u0323"


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@lru_cache(maxsize=4096)
def _split_tone(ch: str) -> tuple[str, str]:
    """Return (letter without tone, tone mark or '')."""
    d = unicodedata.normalize("NFD", ch)
    tone = "".join(c for c in d if c in _TONES)
    base = "".join(c for c in d if c not in _TONES)
    return unicodedata.normalize("NFC", base), tone


def _with_tone(base: str, tone: str) -> str:
    return unicodedata.normalize("NFC", unicodedata.normalize("NFD", base) + tone)


# A syllable ending in one of the glides oa/oe/uy with the tone on the second
# vowel and nothing after it: "hoà", "khoẻ", "thuý" (but not "quý", where u
# belongs to the consonant, nor "hoàng", where a final consonant follows).
# (The "not after q" test is a look-behind placed after the first letter: a pattern that opens with a
# character class lets the regex engine skip to candidate letters, one opening with a look-behind
# does not; same matches, about 1.7x faster.)
_GLIDE: Final = re.compile(
    r"([oOuU])(?<![qQ].)([àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸỳýỷỹỵỲÝỶỸỴ])(?![\w])",
)

# The same places found from the toned vowel (the match's second character): toned a/e/y are much rarer
# than o and u, so the engine stops far less often; most articles have no such syllable at all
# (42 of 1,592 in unc-dev), and ``tone_normalise`` then returns the text without running the replacement.
# A match of this pattern ends where a ``_GLIDE`` match ends, one for one.
_GLIDE_END: Final = re.compile(r"[àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸỳýỷỹỵỲÝỶỸỴ](?<=[oOuU].)(?<![qQ]..)(?![\w])")

_PAIRS: Final = {"o": "ae", "u": "y"}


def _move_tone(m: re.Match[str]) -> str:
    first, second = m.group(1), m.group(2)
    base2, tone = _split_tone(second)
    if base2.lower() not in _PAIRS[first.lower()]:
        return m.group(0)
    return _with_tone(first, tone) + base2


def tone_normalise(text: str) -> str:
    """Move tone marks to the "hòa" placement; the result has the same length."""
    if _GLIDE_END.search(text) is None:
        return text  # no old-style syllable (``_GLIDE`` would match nothing)
    out = _GLIDE.sub(_move_tone, text)
    assert len(out) == len(text)
    return out


def strip_diacritics(text: str) -> str:
    """``Tô Lâm`` -> ``To Lam``; ``đ`` -> ``d``.  Used for search keys."""
    d = unicodedata.normalize("NFD", text)
    d = "".join(c for c in d if unicodedata.category(c) != "Mn")
    return d.replace("đ", "d").replace("Đ", "D")


@mypyc_attr(native_class=False)
class _FoldTable(dict[int, str]):
    """Per-character accent stripping, filled lazily (one entry per distinct character seen)."""

    def __missing__(self, code: int) -> str:
        value = strip_diacritics(chr(code))
        self[code] = value
        return value


_FOLD: Final = _FoldTable()


def fold(text: str) -> str:
    """A lower-cased, accent-free key for comparing names and words.

    Once diacritics are gone, tone placement no longer matters, so on NFC text
    folding is a per-character mapping that ``str.translate`` applies from a
    cached table (many times faster than decomposing every call); lower-casing
    stays a whole-string call because it depends on context (final sigma).
    """
    return lower(nfc(text).translate(_FOLD))


def collapse_ws(text: str) -> str:
    """Runs of white space as one space, none at the ends.

    ``str.split()`` splits on exactly the characters ``\\s`` matches in a str
    pattern (``str.isspace``), and is several times faster than the regex.
    """
    return " ".join(text.split())


def mask_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """Replace each span by spaces (newlines kept), so offsets stay valid."""
    for start, end in spans:
        start, end = max(0, start), min(len(text), end)
        if start < end:
            blank = "\n".join(" " * len(part) for part in text[start:end].split("\n"))
            text = text[:start] + blank + text[end:]
    return text


def analysis_text(text: str, skip_spans: list[tuple[int, int]] | None = None) -> str:
    """The text the taggers read: tone-normalised, non-body spans blanked.

    The analysis pipeline and the link preparation both ask for a document's
    analysis text; the last few results are cached (keyed by the text and the
    spans) so it is computed once per document.  A str caches its hash, so a
    repeated call with the same string costs a dict lookup.
    """
    return _analysis_text(text, tuple((s, e) for s, e in skip_spans) if skip_spans else ())


@lru_cache(maxsize=8)
def _analysis_text(text: str, skip_spans: tuple[tuple[int, int], ...]) -> str:
    return tone_normalise(mask_spans(text, list(skip_spans)))
