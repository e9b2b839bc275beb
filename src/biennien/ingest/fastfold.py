"""``fold`` through a per-character translation table: same result, many times faster.

``vi.normalise.fold`` (NFC, tone placement, strip diacritics, lower case)
walks every character through ``unicodedata`` each call; ingest folds every
line of every article (header keys, ids), where that dominated the run time.
Once diacritics are stripped, tone placement no longer matters, so on NFC
text ``fold`` is a per-character mapping, which ``str.translate`` applies
from a table filled lazily, one entry per distinct character; lower-casing
stays a whole-string call (it is context-sensitive: Greek final sigma).
"""

from __future__ import annotations

from biennien.vi.normalise import nfc, strip_diacritics


class _FoldTable(dict[int, str]):
    def __missing__(self, code: int) -> str:
        value = strip_diacritics(chr(code))
        self[code] = value
        return value


_TABLE = _FoldTable()


def fast_fold(text: str) -> str:
    """Equal to ``biennien.vi.normalise.fold(text)``."""
    return nfc(text).translate(_TABLE).lower()  # lower() on the whole: final sigma depends on context
