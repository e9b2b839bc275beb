"""Vietnamese numerals: digits in the Vietnamese format and number words.

* ``parse_numeral("1.409") == 1409``, ``parse_numeral("15,8") == 15.8``,
  ``parse_numeral("32.517,4") == 32517.4``: ``.`` groups thousands and ``,``
  is the decimal comma.  A lone ``.`` followed by one or two digits
  (``2.5``), as some outlets write, is read as a decimal point.
* ``parse_words("hai mươi lăm") == 25``, ``parse_words("một triệu tư") ==
  1_400_000``, ``parse_words("ba") == 3``.

The word table lives in ``vi/data/number_words.tsv``.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Final

from biennien.vi.resources import table

NUMERAL: Final = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?|\d+\.\d{1,2}(?!\d)")


_DECIMAL_POINT_ZERO: Final = re.compile(r"0\.\d+")
_GROUPED: Final = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_PLAIN: Final = re.compile(r"\d+(?:,\d+)?")
_DECIMAL_POINT: Final = re.compile(r"\d+\.\d{1,2}")


@cache
def number_words() -> dict[str, tuple[float, str]]:
    return {row[0]: (float(row[1]), row[2]) for row in table("number_words.tsv")}


def parse_numeral(text: str) -> float | None:
    """Parse a numeral written with Vietnamese separators; None if it is not one."""
    s = text.strip()
    if not s:
        return None
    if s.isdecimal():  # most numerals: digits alone (``\d`` is a Unicode decimal digit, as isdecimal)
        return float(s)
    if _DECIMAL_POINT_ZERO.fullmatch(s):  # "0.586": a leading zero never starts a thousands group
        return float(s)
    if _GROUPED.fullmatch(s):
        return float(s.replace(".", "").replace(",", "."))
    if _PLAIN.fullmatch(s):
        return float(s.replace(",", "."))
    if _DECIMAL_POINT.fullmatch(s):
        return float(s)
    return None


def parse_words(text: str) -> float | None:
    """Parse a number written in words; None if any word is not a number word.

    Handles units (``ba``), tens (``hai mươi``, ``mười lăm``, ``mươi lăm``),
    hundreds and scales (``ba trăm``, ``hai nghìn``), a trailing digit after a
    scale meaning the next order (``một triệu tư`` = 1.4 million, ``trăm
    rưỡi`` = 150), and ``rưỡi`` for a half.
    """
    words = number_words()
    tokens = text.lower().split()
    if not tokens or any(t not in words for t in tokens):
        return None
    total = 0.0  # completed groups above the current scale
    group = 0.0  # value below the current scale word
    current: float | None = None  # pending digit
    last_scale = 0.0
    prev_kind = ""
    for tok in tokens:
        value, kind = words[tok]
        if kind in ("digit", "zero", "pair"):
            if current is not None and prev_kind in ("digit", "pair"):
                return None  # "hai ba" is not a number
            if prev_kind == "scale" and kind == "digit" and tok != "không" and last_scale >= 100:
                # "một triệu tư": a lone digit after a scale is the next order down
                current = value
                prev_kind = "tail"
                continue
            current = value
        elif kind in ("ten", "tens"):
            base = current if (kind == "tens" and current is not None) else 1.0
            if kind == "ten" and current is not None:
                return None
            group += base * 10
            current = None
        elif kind == "chuc":
            group += (current if current is not None else 1.0) * 10
            current = None
        elif kind == "scale":
            unit = group + (current if current is not None else 0.0)
            if unit == 0:
                unit = 1.0
            if value == 100:
                group = unit * 100
            else:
                total += unit * value
                group = 0.0
                last_scale = value
            current = None
            prev_kind = "scale"
            if value == 100:
                last_scale = 100.0
            continue
        elif kind == "half":
            scale = last_scale if prev_kind == "scale" and last_scale else 1.0
            if prev_kind == "scale" and last_scale >= 100:
                total += 0.5 * scale if last_scale != 100 else 0
                group += 50 if last_scale == 100 else 0
            else:
                group += (current or 0) + 0.5
                current = None
            prev_kind = kind
            continue
        prev_kind = kind if prev_kind != "tail" else prev_kind
    if prev_kind == "tail" and current is not None:
        order = last_scale / 10 if last_scale != 100 else 10
        total += current * order
        current = None
    return total + group + (current or 0.0)
