"""The small trigger scan of ``timex_scan`` (trigger words, then ``goes_on``) against the one pattern
with every look-ahead it replaced (``full_pattern``): the same starts on odd texts.

``_candidates`` keeps a digit match, and a word match with no letter before it whose rules may go
on; both scans must give exactly those, in the same order, for any text.
"""

from __future__ import annotations

import random
import re
import sys

from biennien.analyse.timex_next import PLAIN, next_keys
from biennien.analyse.timex_rules import rule_follows
from biennien.analyse.timex_scan import full_pattern, goes_on, trigger_leaves, trigger_scan


def _starts_full(text: str, full: re.Pattern[str]) -> list[tuple[int, int]]:
    lower = text.lower()
    out = []
    for m in full.finditer(lower):
        pos, end = m.span()
        if not text[pos].isdigit() and pos and text[pos - 1].isalpha():
            continue
        out.append((pos, end))
    return out


def _starts_small(text: str) -> list[tuple[int, int]]:
    lower = text.lower()
    out = []
    pattern, afters = trigger_scan()
    for m in pattern.finditer(lower):
        pos, end = m.span()
        if not text[pos].isdigit():
            if pos and text[pos - 1].isalpha():
                continue
            after = afters[lower[pos:end]]
            if after is not None and not goes_on(after, m):
                continue
        out.append((pos, end))
    return out


def _vocabulary() -> list[str]:
    words = set(trigger_leaves())
    for w in list(words):
        words |= {k for k in next_keys(w) or () if k and not k.startswith("#")}
    for f in rule_follows().values():
        words |= f.words
    return sorted(words)


def test_small_pattern_in_use() -> None:
    pattern, afters = trigger_scan()
    assert len(pattern.pattern) < 5_000  # not the fallback to the full pattern
    assert any(v is not None for v in afters.values())


def test_same_starts_as_the_full_pattern_on_odd_texts() -> None:
    full = re.compile(full_pattern())
    rng = random.Random(8)
    vocab = _vocabulary()
    odd = ["ſ", "K", "ı", "x", "²", "½", "٣", "_", "ǅ", "ß", "aa", "ngàyx", "nămm", "kỷy", "bn"]
    seps = [" ", "  ", "", "", "\t", "\n", "\u00a0", "\u2003", ",", ", ", ".", "/", "-", "_", "(", " 2", "3"]
    cases = 0
    for _ in range(30_000):
        parts = []
        for _ in range(rng.randint(1, 6)):
            w = rng.choice(vocab) if rng.random() < 0.8 else rng.choice(odd)
            r = rng.random()
            w = w.capitalize() if r < 0.15 else w.upper() if r < 0.25 else w
            if rng.random() < 0.1:
                w = w[: rng.randint(1, len(w))] + rng.choice(odd)
            parts.append(w + rng.choice(seps))
        text = rng.choice(["", "x", " ", "1", "ſ"]) + "".join(parts)
        if len(text.lower()) != len(text):
            continue
        cases += 1
        assert _starts_small(text) == _starts_full(text, full), text
    assert cases > 20_000


def test_follows_and_next_tokens_at_the_edges() -> None:
    full = re.compile(full_pattern())
    texts = [
        "các ngày 3",
        "các ngàyx",
        "các",
        "các 12",
        "các\u00a012",
        "những năm 80",
        "những nămkia",
        "nhữngnăm",
        "một tháng",
        "một  tháng",
        "một tháng_",
        "mộttháng",
        "một 5",
        "năm ſau",
        "năm Kỳ",
        "năm ²",
        "năm_",
        "năm",
        "năm.",
        "xnăm nay",
        "ngày 3/4 các năm",
    ]
    for text in texts:
        assert _starts_small(text) == _starts_full(text, full), text


def test_letters_of_trigger_words_come_only_from_letters() -> None:
    """A character whose lower case is a letter of a trigger word is a letter (``isalpha``, no digit):
    ``_candidates`` then drops every word the full pattern found inside a longer word, and sends no
    trigger word to the digit rules."""
    chars = {c for w in trigger_leaves() for c in w}
    assert all(re.fullmatch(PLAIN, c) for c in chars)
    for cp in range(sys.maxunicode + 1):
        c = chr(cp)
        low = c.lower()
        if len(low) == 1 and low in chars:
            assert c.isalpha() and not c.isdigit(), hex(cp)
