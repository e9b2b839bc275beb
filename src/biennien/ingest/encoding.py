"""Bytes -> text: UTF-8 first, then the legacy encodings Vietnamese text comes in.

Why not just ``charset-normalizer``: it guesses well among Western code pages,
but Vietnamese in Windows-1258 is routinely reported as cp1252 or latin-1 (the
byte ranges overlap), which decodes without error into nonsense.  So the order
is fixed and every candidate is checked for being *Vietnamese*:

1. a byte-order mark (UTF-8, UTF-16, UTF-32) decides;
2. strict UTF-8;
3. binary input is refused (NUL bytes, many control bytes, a known file magic);
4. Windows-1258 (tone marks are separate combining characters there, so the
   result is NFC-composed) if the decoded text reads as Vietnamese;
5. charset-normalizer's best guess, if that reads as Vietnamese or is plain ASCII
   / another language without traces of a legacy Vietnamese font encoding.

Text in the legacy *font* encodings TCVN3 (ABC) and VNI puts Vietnamese letters
on the code points of unrelated Latin-1 symbols and letters (``Vi\u00ea\u00a3t``,
``Vie\u00e4t``); no code page decodes it correctly, so it is refused with a
reason that names the likely encoding instead of being stored as mojibake.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field

# Letters of the Vietnamese alphabet outside ASCII (lower case; upper is checked via lower()).
_VI_LETTERS = frozenset("àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ")
# Latin-1 characters that TCVN3 uses for Vietnamese letters (á = ¸, à = µ, ă = ¨, đ = ®, ...).
_TCVN3_MARKS = frozenset("¸µ¶·¹¨©®ª«¬\xad")
# Latin-1 letters that VNI appends to a base vowel as tone/shape marks (Vie\u00e4t, Nam ñ).
_VNI_MARKS = frozenset("øùûõïäåæçèéêëöôñ")

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF document"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "ZIP archive (or DOCX/XLSX/EPUB)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xd0\xcf\x11\xe0", "legacy Microsoft Office document"),
    (b"RIFF", "RIFF media file"),
    (b"\x7fELF", "executable"),
    (b"SQLite format 3", "SQLite database"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_WORD = re.compile(r"[^\W\d_]+")


@dataclass(slots=True)
class Decoded:
    """Decoded text (NFC), the encoding it was read in, and notes for ``Document.warnings``."""

    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


class UndecodableError(ValueError):
    """Raised with a human-readable reason when bytes are not usable text."""


# every byte except the control bytes that text files do not hold (tab, newlines, form feed, escape
# are fine): deleting these from a head leaves only the suspicious ones, counted in C, not per byte
_CONTROL_BYTES = bytes(b for b in range(256) if not (b < 32 and b not in (9, 10, 12, 13, 27)))


def binary_kind(data: bytes) -> str | None:
    """Name the kind of binary content, or None when ``data`` looks like text."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    head = data[:8192]
    if not head:
        return None
    if b"\x00" in head:
        return "binary data (NUL bytes)"
    controls = len(head.translate(None, _CONTROL_BYTES))  # what is left are the control bytes
    if controls / len(head) > 0.05:
        return "binary data (control bytes)"
    return None


def _words_with_non_ascii(text: str) -> list[str]:
    return [w for w in _WORD.findall(text) if not w.isascii()]


def vietnamese_score(text: str) -> float:
    """Share of non-ASCII words made only of Vietnamese letters (1.0 = all; 1.0 for pure ASCII too)."""
    words = _words_with_non_ascii(text)
    if not words:
        return 1.0
    good = sum(1 for w in words if all(c.isascii() or c.lower() in _VI_LETTERS for c in w))
    return good / len(words)


def legacy_font_encoding(text: str) -> str | None:
    """Name TCVN3 or VNI when ``text`` (bytes read as Latin-1) looks like one of them.

    Only asked after UTF-8 and Windows-1258 failed: Windows-1258 Vietnamese read
    as Latin-1 would look VNI-like too.
    """
    sample = text[:20000]
    letters = sum(1 for c in sample if c.isalpha())
    if letters < 20:
        return None
    tcvn = sum(1 for c in sample if c in _TCVN3_MARKS)
    vni = 0
    for w in _WORD.findall(sample):
        # VNI: an ASCII base letter followed by a Latin-1 mark letter inside one word
        vni += sum(1 for a, b in zip(w, w[1:], strict=False) if a.isascii() and b in _VNI_MARKS)
    if tcvn / letters > 0.02:
        return "TCVN3 (ABC)"
    if vni / letters > 0.02:
        return "VNI"
    return None


def _ok_vietnamese(text: str) -> bool:
    return vietnamese_score(text) >= 0.9


def decode(data: bytes, declared: str | None = None) -> Decoded:
    """Decode ``data`` into NFC text; raise ``UndecodableError`` with the reason when it cannot.

    ``declared`` is an encoding the container announced (an HTML ``<meta
    charset>``, an HTTP header saved alongside); it is tried after UTF-8 and
    kept only if the result reads as Vietnamese.
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as exc:
                raise UndecodableError(
                    f"byte-order mark says {enc} but the bytes are not: {exc.reason}"
                ) from exc
            name = "utf-8" if enc == "utf-8-sig" else enc
            return Decoded(unicodedata.normalize("NFC", text), name)
    kind = binary_kind(data)
    if kind is not None:
        raise UndecodableError(f"not a text file: {kind}")
    try:
        return Decoded(unicodedata.normalize("NFC", data.decode("utf-8")), "utf-8")
    except UnicodeDecodeError:
        pass

    candidates: list[str] = []
    if declared:
        try:
            candidates.append(codecs.lookup(declared).name)
        except LookupError:
            pass
    candidates.append("cp1258")
    for enc in candidates:
        try:
            text = unicodedata.normalize("NFC", data.decode(enc))
        except (UnicodeDecodeError, LookupError):
            continue
        if _ok_vietnamese(text):
            return _legacy(text, enc)
    font = legacy_font_encoding(data.decode("latin-1"))
    if font is not None:
        raise UndecodableError(f"legacy Vietnamese font encoding ({font}?); convert it to Unicode first")
    guess = _charset_normalizer_guess(data)
    if guess is not None:
        return guess
    raise UndecodableError("not UTF-8 and not Windows-1258 Vietnamese text")


def _legacy(text: str, enc: str) -> Decoded:
    name = {"cp1258": "windows-1258"}.get(enc, enc)
    return Decoded(text, name, [f"decoded from {name} (not UTF-8)"])


def _charset_normalizer_guess(data: bytes) -> Decoded | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None
    text = unicodedata.normalize("NFC", str(best))
    if not _ok_vietnamese(text) or legacy_font_encoding(text):
        return None
    return _legacy(text, best.encoding)
