"""Character tables: one pass that maps each character of a Vietnamese text to one character.

Folding text (ingest's header keys and ids, the sentences of the search
index in ``store.rows``, the comparison words of ``link.prep_words``) and
lower-casing words map every character to one character.  ``str.translate``
looks each one up in a dict (about 28 ns a character); when every character
of a text lies in a small alphabet (ASCII, the Vietnamese letters, common
typography: at most 256 characters) the ``charmap`` codec does the same pass
in C: the text is encoded to one byte per character with the alphabet's
encoding map and the bytes decoded with the images of those characters.  That
is several times faster on a whole article and tens of times on a short
string (a numpy table indexed by UTF-16 code units, used here before, was as
fast on long texts and ten times slower on short ones).  Any other text gives
``None`` and the caller falls back to the general code path.
"""

from __future__ import annotations

import codecs
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from biennien.vi.normalise import fold

# Vietnamese vowels with the modifiers each can take (breve, circumflex, horn); with the five tones (or none)
_VOWELS = {"a": "\u0306\u0302", "e": "\u0302", "i": "", "o": "\u0302\u031b", "u": "\u031b", "y": ""}
_TONES = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
# typographic characters common in Vietnamese news
_PUNCTUATION = "\u00a0…“”‘’–—•·°×®©™½€£₫"


def _vietnamese_letters() -> str:
    """Every precomposed Vietnamese vowel letter (with a tone or a modifier), both cases, and đ, Đ."""
    out = []
    for vowel, modifiers in _VOWELS.items():
        for modifier in ("", *modifiers):
            for tone in _TONES:
                if modifier or tone:
                    letter = unicodedata.normalize("NFC", vowel + modifier + tone)
                    out += [letter, letter.upper()]
    return "".join(out) + "đĐ"


# ASCII (the printable characters, tab, newline, carriage return, NUL), the Vietnamese letters and common
# typography: no combining marks, nothing NFC changes, nothing whose lower case depends on its neighbours
# (Σ) or is two characters (İ), and no two of them that NFC joins; so ``fold`` and ``str.lower`` of a string
# of them are the strings of each character's image (``tests/test_rows.py`` checks every pair).  At most 256
# characters, NUL first: the codec builds its fast C encoding map only then (``tests/test_chartable.py``)
ALPHABET = "\x00\t\n\r" + "".join(map(chr, range(0x20, 0x7F))) + _vietnamese_letters() + _PUNCTUATION

_UNUSED = "\ufffe"  # the codec's mark for a byte no character encodes to


@dataclass(frozen=True, slots=True)
class CharTable:
    """An alphabet's ``charmap`` encoding map and the images of its characters, byte by byte."""

    encoding: Any  # ``codecs.charmap_build``'s map (a C ``EncodingMap``)
    images: str


def char_table(image: Callable[[str], str], alphabet: str = ALPHABET) -> CharTable:
    """A table for ``translate_chars``: each character of ``alphabet`` to ``image(c)`` (one character).
    ``alphabet`` holds at most 256 characters, NUL first (else the codec's map is a dict: correct, slower)."""
    images = []
    for c in alphabet:
        out = image(c)
        if len(out) != 1 or out == _UNUSED:
            raise ValueError(f"{c!r} maps to {out!r}, not one character")
        images.append(out)
    return CharTable(codecs.charmap_build(alphabet.ljust(256, _UNUSED)), "".join(images).ljust(256, _UNUSED))


def translate_chars(text: str, table: CharTable) -> str | None:
    """``text`` with every character replaced by its image, or None when one is outside the table's
    alphabet (a lone surrogate or a character beyond the basic plane is in none)."""
    try:
        data = codecs.charmap_encode(text, "strict", table.encoding)[0]
    except UnicodeEncodeError:
        return None
    return codecs.charmap_decode(data, "strict", table.images)[0]


@cache
def fold_table() -> CharTable:
    """``fold`` of every character of ``ALPHABET``: one character each (NUL and white space fold to
    themselves), so ``translate_chars(text, fold_table())`` is ``fold(text)`` on NFC text of the alphabet."""
    return char_table(fold)
