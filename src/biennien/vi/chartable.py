"""Character tables: one numpy pass that maps each character of a Vietnamese text to one character.

Folding sentences for the search index (``store.rows``) and lower-casing the
comparison words of the link preparation (``link.prep_words``) map every
character to one character.  ``str.translate`` looks each one up in a dict;
when every character of a text lies in a small alphabet (ASCII, the
Vietnamese letters, common typography) a table indexed by UTF-16 code units
does the same pass many times faster, and any other text falls back to the
general code path.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

import numpy as np

# -- one table pass over the characters ------------------------------------------------
# ``str.translate`` looks every character up in a dict (about 28 ns each); for text whose characters all lie
# in a small alphabet on which the wanted mapping is one character for one, a numpy table indexed by the
# UTF-16 code units does the same pass in about 2 ns a character.

_UNKNOWN = 0xFFFF  # a table's value for characters outside its alphabet ("\uffff" is in none)
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
# of them are the strings of each character's image (``tests/test_rows.py`` checks every pair)
ALPHABET = "\x00\t\n\r" + "".join(map(chr, range(0x20, 0x7F))) + _vietnamese_letters() + _PUNCTUATION


def char_table(image: Callable[[str], str], alphabet: str = ALPHABET) -> np.ndarray:
    """A table for ``translate_chars``: each character of ``alphabet`` to ``image(c)`` (one character)."""
    table = np.full(0x10000, _UNKNOWN, dtype=np.uint16)
    for c in alphabet:
        out = image(c)
        if len(out) != 1 or ord(c) >= _UNKNOWN or ord(out) >= _UNKNOWN:
            raise ValueError(f"{c!r} maps to {out!r}, not one character of the basic plane")
        table[ord(c)] = ord(out)
    return table


def translate_chars(text: str, table: np.ndarray) -> str | None:
    """``text`` with every character replaced by its table value, or None when one is outside the table's
    alphabet (characters beyond the basic plane are two UTF-16 units that no table holds)."""
    try:
        units = np.frombuffer(text.encode("utf-16-le"), dtype=np.uint16)
    except UnicodeEncodeError:  # a lone surrogate
        return None
    out = table[units].tobytes().decode("utf-16-le")
    return None if "\uffff" in out else out
