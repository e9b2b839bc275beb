"""Where a rule of the temporal tagger may start: the trigger scan of ``timex._candidates``.

A start is a run of digits, or a whole trigger word (``timex_rules.trigger_index``) after which one
of its rules can go on: ``các`` only before ``ngày`` or a number (``rule_follows``), ``năm`` only
before the tokens its rules may take next (``timex_next.next_keys``).

The scan was one pattern holding, after each of the 83 trigger words, look-aheads at what may
follow it: 53,000 characters, whose compiling cost every process about 0.1 s.  Here the pattern
finds the trigger words alone (a few hundred characters), and what follows a word is decided by
``goes_on`` from the next token, with set lookups.  The starts found are the same for every text:

* every trigger word is made of letters (``[^\\W\\d_]``) and ends where the letters end, so at most
  one word can match at a place, and the small pattern matches there whenever the large one did,
  with the same end;
* where the large pattern's look-ahead failed, it went on inside the word and could only find a
  shorter trigger word ending at the same place, with a letter before it, which ``_candidates``
  drops (``str.isalpha`` holds for every character whose lower case is a letter of a trigger word:
  ``tests/test_timex_scan.py``); the small pattern goes on after the word: both go on from there;
* ``goes_on`` is the look-ahead read as tokens: white space (``\\s``: ``str.isspace``), then the
  character there and the run of letters from it.

``tests/test_timex_scan.py`` compares both scans on odd texts.  Should a table ever hold a trigger
or next word with a character other than a letter, the large pattern is used as before.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Final

from biennien.analyse.timex_next import OTHER, PLAIN, Keys, lookahead, next_keys
from biennien.analyse.timex_rules import DIGIT, Follow, rule_follows, trigger_index

_LETTERS: Final = re.compile(r"[^\W\d_]+")
_EDGE: Final = r"(?![^\W\d_])"
_DIGITS: Final = [f"{d}\\d*" for d in "0123456789"]


class After:
    """What must follow a trigger word: one of ``follows`` (when not None) and a token of ``keys``
    (when not None)."""

    __slots__ = ("follows", "keys")

    def __init__(self, follows: tuple[Follow, ...] | None, keys: Keys) -> None:
        self.follows = follows
        self.keys = keys


def _trie(leaves: dict[str, str]) -> list[str]:
    """Words as alternatives nested by common prefix, one per first letter; each word ends with its
    own ``leaves[word]`` (its right edge and what must follow it).

    Each top alternative begins with a literal letter, so the regex engine can skip every
    position whose character starts no word (a top-level branch of literals gives it a
    first-character set) and tries few branches where one does.
    """
    tree: dict[str, dict] = {}
    for w, tail in leaves.items():
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {tail: {}}

    def emit(node: dict[str, dict]) -> str:
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if "" in node:
            alts.append(next(iter(node[""])))
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return [re.escape(ch) + emit(child) for ch, child in sorted(tree.items()) if ch]


def _trigger_rules() -> dict[str, tuple[str, ...]]:
    """Each trigger word (lower case) and the names of the rules of its first form in the index."""
    out: dict[str, tuple[str, ...]] = {}
    for form, rules in trigger_index().items():
        w = form.lower()
        if form != DIGIT and w not in out:
            out[w] = tuple(r.name for r in rules)
    return out


def _follows(names: tuple[str, ...]) -> tuple[Follow, ...] | None:
    """The conditions of ``rule_follows`` of the rules ``names``, when every one has one (else None)."""
    follows = rule_follows()
    needs = [follows.get(n) for n in names]
    return tuple(n for n in needs if n is not None) if all(needs) else None


@cache
def trigger_leaves() -> dict[str, str]:
    """Each trigger word (lower case) and what must follow it, as a pattern: its right edge, and a
    look-ahead at what one of its rules needs next."""
    leaves: dict[str, str] = {}
    for w, names in _trigger_rules().items():
        leaves[w] = _EDGE
        follows = _follows(names)
        if follows is not None:
            leaves[w] += "(?=" + "|".join(sorted({f"(?:{f.pattern()})" for f in follows})) + ")"
        nxt = lookahead(w)
        if nxt is not None:
            leaves[w] += nxt
    return leaves


def full_pattern() -> str:
    """The whole trigger scan as one pattern: digits, or a word with its look-aheads."""
    return "|".join(_DIGITS + _trie(trigger_leaves()))


# Read by ``_candidates`` from the match of a trigger word, in one look-ahead after it: white space
# then a digit (group 1), a run of plain letters that ends the letters (2), a run of letters holding
# another letter (3); a digit right after the word (4); none of them (no group): punctuation, ``_`` or
# the end.  (Right after the word there is no letter: the word ends the letters.)
_NEXT_TOKEN: Final = rf"(?=\s++(?:(\d)|({PLAIN}+){_EDGE}|([^\W\d_]+))|(\d)|)"
_SPACED_DIGIT: Final = 1
_PLAIN_RUN: Final = 2
_OTHER_RUN: Final = 3
_DIGIT: Final = 4


@cache
def trigger_scan() -> tuple[re.Pattern[str], dict[str, After | None]]:
    """Where a rule may start in the lower-cased text: a run of digits or a whole trigger word, and
    what must follow each trigger word (None: anything; else ``goes_on`` of the word's match).

    One C-level scan replaces a Python loop over every token.  It runs on the lower-cased text and
    ``_candidates`` checks a word's left edge (a look-behind at the start of the pattern would stop
    the engine from skipping ahead to the words' first letters).
    """
    after: dict[str, After | None] = {}
    vocab: set[str] = set()
    for w, names in _trigger_rules().items():
        follows, keys = _follows(names), next_keys(w)
        after[w] = None if follows is None and keys is None else After(follows, keys)
        vocab |= {w, *(keys or ())}
        for f in follows or ():
            vocab |= f.words
    vocab -= {DIGIT, OTHER}
    if "" in vocab or not _LETTERS.fullmatch("".join(vocab)):
        return re.compile(full_pattern()), dict.fromkeys(after)  # a word with another character
    words = _trie(dict.fromkeys(after, ""))
    return re.compile("(?:" + "|".join(_DIGITS + [w + _EDGE for w in words]) + ")" + _NEXT_TOKEN), after


def goes_on(after: After, m: re.Match[str]) -> bool:
    """Whether a rule of the trigger word matched by ``m`` (of ``trigger_scan``) may go on after it
    (``after``: what its rules need next)."""
    kind = m.lastindex
    follows, keys = after.follows, after.keys
    if kind is None:  # punctuation, ``_`` or the end
        return follows is None and (keys is None or OTHER in keys)
    if kind == _SPACED_DIGIT or kind == _DIGIT:
        # a condition of ``follows`` holds before a digit unless it needs white space and has none
        if follows is not None and kind == _DIGIT and all(f.spaced for f in follows):
            return False
        return keys is None or DIGIT in keys
    run = m.group(kind)
    if follows is not None and not any(_follows_word(f, run) for f in follows):
        return False
    return kind == _OTHER_RUN or keys is None or run in keys  # an unusual letter: every rule


def _follows_word(f: Follow, run: str) -> bool:
    """Whether ``f`` holds before the run of letters ``run`` (after white space: no letter comes
    right after a trigger word)."""
    if f.whole:
        return run in f.words
    return any(run.startswith(w) for w in f.words)


@cache
def trigger_slow() -> re.Pattern[str]:
    """The trigger scan for the rare text whose lower case changes its length: case-insensitive on
    the text itself, left edge by look-behind, with the look-aheads (compiled only when such a text
    comes)."""
    words = _trie(trigger_leaves())
    return re.compile(r"\d+|(?<![^\W\d_])(?:" + "|".join(words) + ")", re.IGNORECASE)
