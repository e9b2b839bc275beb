"""The per-rule next-token sets of ``timex_next`` against the rules' own compiled patterns.

A set that misses a token a pattern accepts would silently drop time expressions, so every set is
checked with the ``regex`` module's partial matching: for each rule, each word it may start with,
and each token of a vocabulary (every letter run of the pattern source, every word of the tables,
a nonsense word, digits, punctuation), a pattern that can go on after ``word token`` must list it.
"""

from __future__ import annotations

import re

import pytest

from biennien.analyse import timex
from biennien.analyse.timex_lexicon import lexicon
from biennien.analyse.timex_next import OTHER, seconds, word_rules
from biennien.analyse.timex_rules import DIGIT, rule_starts, rules

_PUNCT = list(",.;:!?()[]\"'-–/%“”…")


def _vocabulary(pattern: str) -> set[str]:
    lx = lexicon()
    words = {w.lower() for w in re.findall(r"[^\W\d_]+", pattern)}
    for table in (lx.units, lx.months, lx.weekdays, lx.dayparts, lx.relative, lx.dayrel, lx.modifiers):
        words |= {w for p in table for w in p.split()}
    for seq in (lx.vague, lx.sets, lx.parts, lx.festivals, lx.number_words, lx.seasons, lx.stems):
        words |= {w for p in seq for w in p.split()}
    return {w for w in words if not w[0].isdigit()} | {"zzqx", "và", "của"}


def test_next_token_sets_cover_the_patterns() -> None:
    regex = pytest.importorskip("regex")
    missing: list[str] = []
    for rule in rules():
        pat = regex.compile(rule.pattern.pattern, regex.IGNORECASE | regex.V0)
        for w in rule_starts()[rule.name]:
            if w == DIGIT:
                continue
            keys = seconds(rule.name, w)
            if keys is None:
                continue
            for t in sorted(_vocabulary(rule.pattern.pattern)):
                for s in (f"{w} {t} ", f"{w} {t}.", f"{w}\n{t} "):
                    if t not in keys and pat.match(s, partial=True):
                        missing.append(f"{rule.name}: {s!r}")
            if DIGIT not in keys:
                for s in [f"{w} {n}" for n in "0123456789"] + [f"{w}{n}" for n in "0123456789"]:
                    if pat.match(s, partial=True):
                        missing.append(f"{rule.name}: {s!r}")
            if OTHER not in keys:
                tries = [f"{w}{p}" for p in _PUNCT] + [f"{w} {p}" for p in _PUNCT]
                if pat.fullmatch(w) or any(pat.match(s, partial=True) for s in tries):
                    missing.append(f"{rule.name}: {w!r} + punctuation/end")
    assert not missing, missing[:20]


def _names(text: str, word: str) -> set[str]:
    start = text.index(word)
    got = word_rules(text, word, start + len(word))
    assert got is not None
    return {r.name for r in got}


def test_nam_tries_only_the_rules_its_next_token_allows() -> None:
    assert "year" in _names("Trong năm 2020 doanh thu tăng", "năm")
    assert "relative" not in _names("Trong năm 2020 doanh thu tăng", "năm")
    assert "relative" in _names("Doanh thu năm nay tăng mạnh", "năm")
    assert "year" not in _names("Doanh thu năm nay tăng mạnh", "năm")
    assert "canchi" in _names("Tết năm Giáp Thìn đến sớm", "năm")
    assert _names("Anh ấy đã làm việc ở đó năm người bạn", "năm") <= {"half", "n_ago", "duration"}


def test_unusual_letter_after_a_trigger_tries_every_rule() -> None:
    # "ſ" folds to "s" in re's case-insensitive matching: no narrowing on such a word
    assert "relative" in _names("Doanh thu năm ſau tăng", "năm")


def test_tags_unchanged_on_real_style_sentences() -> None:
    text = (
        "Năm 2020, công ty lỗ nặng; năm nay doanh thu tăng. Ngày 3/9, ông Nam về quê, "
        "cách đây ba năm ông đi xa. Tết năm Giáp Thìn, mùa xuân năm 2024, quý II/2023."
    )
    got = {(t.text, t.value) for t in timex.tag(text, "2021-06-01")}
    assert ("Năm 2020", "2020") in got
    assert ("năm nay", "2021") in got
    assert any(t == "Ngày 3/9" and v.endswith("-09-03") for t, v in got)
    assert ("cách đây ba năm", "2018") in got
    assert any(t.startswith("quý II") for t, _ in got)
