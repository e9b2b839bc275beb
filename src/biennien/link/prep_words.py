"""Comparison words of a text (``duplicates.compare_lines`` / ``compare_words``) without per-character regexes.

The comparison text of a document is lower case with punctuation as spaces,
aliases (``vi/data/dup_aliases.tsv``) mapped to one form, diacritics folded
and leading zeros dropped.  The straightforward way (``*_reference`` below,
the definition) runs a punctuation regex and a folding ``translate`` over
every character of the document: about 0.2 ms of the 0.3 ms per article.

News text repeats its words, so the same work is done per *distinct token*
instead and looked up from caches with C-level ``map`` calls:

1. the lower-cased text is split on white space; each token (``"kỳ,"``,
   ``"7-1995"``, ``"tp.hcm"``) maps to its words joined by single spaces
   (``_TOKENS``); the non-empty ones are joined with single spaces, which is
   exactly the reference's punctuation-as-spaces string (runs of white space
   and punctuation become one space there too);
2. the alias regex runs over that string, as in the reference;
3. each resulting word maps to its folded form without leading zeros
   (``_FOLDED``), which equals folding the whole string and splitting it,
   because folding is per character apart from NFC and lower-casing, and
   neither acts across a space.

Lines are kept by a sentinel token (``\\x00``) that stands for a newline.
Two inputs go to the reference instead: text with ``\\x00`` (the sentinel)
and, in ``compare_lines``, text with ``_`` (the reference turns ``a_,b`` into
two spaces, which stops an alias from matching across it, and a joined
string would not keep that).  ``tests/test_prep_equivalence.py`` compares both
ways on all of unc-dev and on random strings built from tricky characters.
"""

from __future__ import annotations

import re
import zlib
from functools import cache
from itertools import chain

import numpy as np

from biennien.link.memo import BoundedMemo
from biennien.vi.chartable import CharTable, char_table, fold_table, translate_chars
from biennien.vi.normalise import fold
from biennien.vi.resources import table

_NONWORD = re.compile(r"[\W_]+")
_NONWORD_KEEP_LINES = re.compile(r"[^\w\n]+|_+")
_LINE_MARK = "\x00"  # stands for a newline among the tokens of compare_lines
_MARK_HASH = 1 << 32  # the hash of a line mark in line_hashes (a CRC-32 is below it)


def prepare(text: str) -> str:
    """Lower case with punctuation as single spaces, padded so whole-word replacements are easy."""
    return " " + _NONWORD.sub(" ", text.lower()).strip() + " "


@cache
def alias_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    """One regex over every alias variant (longest first) and the canonical form of each."""
    mapping: dict[str, str] = {}
    for row in table("dup_aliases.tsv"):
        if len(row) < 2:
            continue
        canonical = prepare(row[0]).strip()
        for form in (row[0], row[1]):
            key = prepare(form).strip()
            if key:
                mapping.setdefault(key, canonical)
    # a one-word form that is its own canonical form (``anh``, ``mỹ``) is left out of the pattern: replacing
    # it changes nothing and no match can start inside it, so the result is the same with fewer callbacks
    alternatives = sorted((k for k, v in mapping.items() if k != v or " " in k), key=lambda k: (-len(k), k))
    pattern = re.compile(" (" + _trie(alternatives) + ")(?= )")
    return pattern, mapping


def _trie(alternatives: list[str]) -> str:
    """A regex alternation of ``alternatives`` nested by common prefixes, trying them in the same order.

    The regex engine tries a flat alternation's members one by one at every
    space of the text (45 first-letter tests); nested by first letters it
    tests each letter once, 2.4x faster.  Only alternatives that share the
    next letter can match, and inside a group they keep their order (an
    alternative that ends where the group's prefix ends is the shortest, so
    it was last and stays last): the first alternative that matches is the
    same, and so is every match.
    """
    groups: dict[str, list[str]] = {}
    ends_here = False
    for alt in alternatives:
        if alt:
            groups.setdefault(alt[0], []).append(alt[1:])
        else:
            ends_here = True
    parts = [
        re.escape(first + rest[0]) if len(rest) == 1 else re.escape(first) + "(?:" + _trie(rest) + ")"
        for first, rest in groups.items()
    ]
    if ends_here:
        parts.append("")
    return "|".join(parts)


def _map_aliases(prepared: str) -> str:
    pattern, mapping = alias_pattern()
    return pattern.sub(lambda m: " " + mapping[m.group(1)], prepared)


def _strip_zeros(word: str) -> str:
    return (word.lstrip("0") or "0") if word.isdigit() else word


# -- the definitions -------------------------------------------------------------


def compare_lines_reference(text: str) -> list[list[str]]:
    """``compare_words`` of every line of ``text``, the per-character way (the definition)."""
    prepared = " " + _NONWORD_KEEP_LINES.sub(" ", text.lower()).replace("\n", " \n ") + " "
    prepared = _map_aliases(prepared)
    out = []
    for line in fold(prepared).split("\n"):
        words = line.split()
        if " 0" in line:  # every word follows a space (the line starts with one): only these change
            words = [_strip_zeros(w) for w in words]
        out.append(words)
    return out


def compare_words_reference(text: str) -> list[str]:
    """The comparison words of ``text``, the per-character way (the definition)."""
    words = fold(_map_aliases(prepare(text))).split()
    return [_strip_zeros(w) for w in words]


# -- the same from per-token caches -------------------------------------------------


class _TokenWords(BoundedMemo[str, str]):
    """Lower-cased token -> its words (punctuation and ``_`` as separators) joined by single spaces."""

    def make(self, token: str) -> str:
        return "\n" if token == _LINE_MARK else " ".join(_NONWORD.sub(" ", token).split())


class _FoldedWords(BoundedMemo[str, str]):
    """Word (lower case, with diacritics) -> folded, leading zeros dropped.

    ``odd`` turns true once a word folded to anything but one word (none in
    unc-dev); from then on callers split the mapped words again.
    """

    odd = False

    def make(self, word: str) -> str:
        pieces = [_strip_zeros(p) for p in fold(word).split()]
        value = " ".join(pieces)
        if len(pieces) != 1 or value != pieces[0]:
            type(self).odd = True
        return value


class _WordHashes(BoundedMemo[str, int]):
    """Comparison word -> CRC-32 of its UTF-8 (``duplicates.word_hash``), looked up without a call."""

    def make(self, word: str) -> int:
        return zlib.crc32(word.encode("utf-8"))


_TOKENS = _TokenWords()
_FOLDED = _FoldedWords()
WORD_HASHES = _WordHashes()


def _joined(tokens: list[str]) -> str:
    return " " + " ".join(filter(None, map(_TOKENS.__getitem__, tokens))) + " "


def compare_lines(text: str) -> list[list[str]]:
    """``compare_lines_reference(text)``, computed per distinct token (see the module docstring)."""
    if "_" in text or _LINE_MARK in text:
        return compare_lines_reference(text)
    prepared = _map_aliases(_joined(text.lower().replace("\n", " \x00 ").split()))
    lines = prepared.split("\n")
    get = _FOLDED.__getitem__
    out = [list(map(get, line.split())) for line in lines]
    if _FoldedWords.odd:
        out = [" ".join(map(get, line.split())).split() for line in lines]
    return out


def compare_words(text: str) -> list[str]:
    """``compare_words_reference(text)``, computed per distinct token (see the module docstring)."""
    if _LINE_MARK in text:
        return compare_words_reference(text)
    prepared = _map_aliases(_joined(text.lower().split()))
    get = _FOLDED.__getitem__
    words = list(map(get, prepared.split()))
    if _FoldedWords.odd:
        words = " ".join(map(get, prepared.split())).split()
    return words


class _FoldedHashes(BoundedMemo[str, int]):
    """Word (lower case, with diacritics) -> ``WORD_HASHES`` of its folded form (one lookup for two)."""

    def make(self, word: str) -> int:
        return _MARK_HASH if word == _LINE_MARK else WORD_HASHES[_FOLDED[word]]


_FOLDED_HASHES = _FoldedHashes()


class _BytesHashes(BoundedMemo[bytes, int]):
    """A folded word as UTF-8 bytes -> ``WORD_HASHES`` of it without leading zeros (the line mark: its
    own value), looked up without a call.  Folded words repeat more than their unfolded forms."""

    def make(self, word: bytes) -> int:
        # ``WORD_HASHES`` of the word, computed here (a new folded word is rarely in it: one miss, not two)
        if word == b"\x00":
            return _MARK_HASH
        return zlib.crc32(_strip_zeros(word.decode("utf-8")).encode("utf-8"))


_BYTES_HASHES = _BytesHashes()


def line_hashes(text: str) -> tuple[np.ndarray, np.ndarray]:
    """(where each line's words start, then the number of words; ``WORD_HASHES`` of all the words).

    The same as hashing ``compare_lines(text)`` (line ``i``'s words are
    ``hashes[starts[i] : starts[i + 1]]``), without making the folded words or
    a list per line: each word is looked up once, from its unfolded form, with
    the line marks among them, and numpy finds the marks.  When every
    character is in ``ALPHABET`` the lower-cased words with punctuation as
    spaces come from one table pass (``_lowered_words``), else from the
    per-token caches.  Then, when the words after the aliases are all in
    ``ALPHABET`` too, a second table pass folds them and they are split as
    UTF-8 bytes and looked up by their folded form (``_BYTES_HASHES``): bytes
    are cheaper to make than ``str``, and the folded vocabulary is smaller, so
    the lookups miss the CPU caches less in a worker (0.23 -> 0.19 ms for
    ``compared_text`` in a build's cold pass).
    """
    if "_" not in text and _LINE_MARK not in text:
        spaced = _lowered_words(text)
        if spaced is not None:
            # one space or more between words (one per punctuation character): the spaced alias pattern
            pattern, mapping = spaced_alias_pattern()
            prepared = pattern.sub(
                lambda m: " " + mapping[" ".join(m.group(1).split())],
                " " + spaced.replace("\n", " \x00 ") + " ",
            )
        else:
            prepared = _map_aliases(_joined(text.lower().replace("\n", " \x00 ").split())).replace(
                "\n", _LINE_MARK
            )
        folded = translate_chars(prepared, fold_table()) if spaced is not None else None
        if folded is not None:
            # every character folded in one table pass (one for one, no white space made or lost), the
            # words split as UTF-8 bytes (cheaper to make than str) and looked up by their folded form
            words = folded.encode("utf-8").split()
            marked = np.fromiter(map(_BYTES_HASHES.__getitem__, words), dtype=np.uint64, count=len(words))
        else:
            flat = prepared.split()
            marked = np.fromiter(map(_FOLDED_HASHES.__getitem__, flat), dtype=np.uint64, count=len(flat))
        if folded is not None or not _FoldedWords.odd:
            is_mark = marked == _MARK_HASH
            marks = np.flatnonzero(is_mark)
            hashes = marked[~is_mark]
            starts = np.empty(len(marks) + 2, dtype=np.int64)
            starts[0] = 0
            starts[1:-1] = marks - np.arange(len(marks))
            starts[-1] = len(hashes)
            return starts, hashes
        get = _FOLDED.__getitem__
        lines = [" ".join(map(get, line.split())).split() for line in prepared.split(_LINE_MARK)]
    else:
        lines = compare_lines_reference(text)
    starts = np.zeros(len(lines) + 1, dtype=np.int64)
    np.cumsum(np.fromiter(map(len, lines), dtype=np.int64, count=len(lines)), out=starts[1:])
    flat = list(chain.from_iterable(lines))
    return starts, np.fromiter(map(WORD_HASHES.__getitem__, flat), dtype=np.uint64, count=len(flat))


def _lowered_word_char(c: str) -> str:
    """What the reference makes of one character: lower case, a space for punctuation and ``_``."""
    if c == "\n":
        return c
    low = c.lower()
    return " " if _NONWORD_KEEP_LINES.fullmatch(low) else low


@cache
def _lowered_table() -> CharTable:
    return char_table(_lowered_word_char)


def _lowered_words(text: str) -> str | None:
    """``text`` lower-cased with every punctuation character a space (the same length), or None when a
    character is outside ``ALPHABET``.  The reference's words, with one space or more between them."""
    return translate_chars(text, _lowered_table())


@cache
def spaced_alias_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    """``alias_pattern`` for words separated by one space or more (same alternatives, same order).

    The reference makes one space of a run of punctuation; ``_lowered_words``
    makes one per character.  With `` +`` between the words of every variant
    the pattern matches the same word sequences at the same words (the spaces
    before a word never hold a match's start but its last one), so the words
    after the replacement are the same.
    """
    pattern, mapping = alias_pattern()
    return re.compile(pattern.pattern.replace("\\ ", " +")), mapping
