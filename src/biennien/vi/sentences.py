"""Sentence and paragraph splitting for Vietnamese news text.

Why our own: underthesea's ``sent_tokenize`` loads a model and runs at a
few hundred sentences/s; news text needs only a few rules (a paragraph is a
line; inside it, ``.``, ``!``, ``?`` or ``…`` followed by a space and an
upper-case letter, digit or opening quote ends a sentence) plus a table of
abbreviations (``TP.``, ``D.C.``, ``PGS.TS.``) that do not.  Numbers such as
``1.409`` or ``15,8`` never contain a space after the dot, so they are safe.

Offsets are into the given text; leading and trailing white space is trimmed
from each sentence; blank (masked) stretches produce no sentence.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Final

from biennien.model import Sentence
from biennien.vi.resources import word_list

_END: Final = re.compile(r"([.!?…]+)([\"”’)\]]*)(\s+)(?=[\"“‘(\[]?[A-ZĐÀ-ỸÁÂÃÈÉÊÌÍÒÓÔÕÙÚĂĐĨŨƠƯ0-9])")
_WORD_BEFORE: Final = re.compile(r"(\S+)$")


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    return frozenset(word_list("abbreviations.txt"))


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start < 2 and not any(c.isalnum() for c in text[start:end]):
        return None
    return (start, end) if end > start else None


@lru_cache(maxsize=1)
def _letter_heads() -> frozenset[str]:
    return frozenset(w.lower() for w in word_list("sentence_letter_heads.txt"))


def _initial(word: str, before: str) -> bool:
    """Is ``word`` (followed by ``.``) a name's initial?  A capital letter is, unless the word before
    it makes it a word of its own (``độ C``, ``châu Á``, ``khối B``: ``sentence_letter_heads.txt``)."""
    if len(word) != 1 or not word.isupper():
        return False
    # Á, Ý, Ồ carry a tone or vowel mark: a syllable ("Tam Á"), not an initial
    if unicodedata.decomposition(word):
        return False
    prev = _WORD_BEFORE.search(before.rstrip())
    return prev is None or prev.group(1).lower() not in _letter_heads()


def _sentence(text: str, start: int, end: int, para: int) -> Sentence | None:
    """The sentence ``text[start:end]`` without white space at either end, or None when nothing is left."""
    # a sentence rarely has white space at either end (test the two characters first)
    if end - start >= 2 and not text[start].isspace() and not text[end - 1].isspace():
        return Sentence(start, end, para)
    span = _trimmed(text, start, end)
    return Sentence(span[0], span[1], para) if span else None


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences; each knows its paragraph (line) number."""
    abbrev = _abbreviations()
    out: list[Sentence] = []
    append = out.append
    para = 0
    pos = 0
    for line in text.split("\n"):
        line_start = pos
        pos += len(line) + 1
        if not line or line.isspace():
            continue
        seg_start = 0
        for m in _END.finditer(line):
            dot = m.start(1)
            # the word before a single dot (``_WORD_BEFORE``, without a regex search from every position)
            if dot > seg_start and not line[dot - 1].isspace() and m.group(1) == ".":
                before = line[seg_start:dot]
                word = before.rsplit(None, 1)[-1]
                if word.lstrip('("“') in abbrev:
                    continue
                # a single initial letter ("Michael G. DeSombre", "cháu M.") does not end a sentence; a
                # letter that is a word of its own does ("35 độ C. Cây", "châu Á. Các")
                if len(word) == 1 and _initial(word, before[: len(before) - 1]):
                    continue
            sentence = _sentence(text, line_start + seg_start, line_start + m.start(3), para)
            if sentence is not None:
                append(sentence)
            seg_start = m.end(3)
        sentence = _sentence(text, line_start + seg_start, line_start + len(line), para)
        if sentence is not None:
            append(sentence)
        para += 1
    return out


def sentence_at(sentences: list[Sentence], offset: int) -> Sentence | None:
    """The sentence containing ``offset`` (binary search; sentences are in order)."""
    lo, hi = 0, len(sentences) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        s = sentences[mid]
        if offset < s.start:
            hi = mid - 1
        elif offset >= s.end:
            lo = mid + 1
        else:
            return s
    return None
