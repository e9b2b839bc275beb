"""Which rules to try at a trigger word, by the token that follows it.

``năm`` opens six rules (a year, a half year, ``năm nay``, ``năm năm trước``, a duration, a can-chi
year) and ``ngày`` eleven, yet after a given ``năm`` at most one or two can go on: ``năm 2020``
needs a number, ``năm ngoái`` a relative word.  Each rule's possible second tokens are read here
from the same tables and fragments its pattern is built from (``timex_rules.rules``), so the tagger
tries a rule only where the next token is one of them.  ``tests/test_timex_next.py`` checks every
set against the compiled patterns themselves (with the ``regex`` module's partial matching).

A token is ``#digit`` (a digit, spaces before it or not), ``""`` (no word: punctuation or the end),
or a lower-case word of plain Latin/Vietnamese letters.  A word holding any other letter (``ſ``,
``ı``: letters ``re``'s case folding may equate with plain ones) tries every rule, as before.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Final

from biennien.analyse.timex_lexicon import lexicon
from biennien.analyse.timex_rules import DIGIT, Rule, trigger_index

OTHER: Final = ""
Keys = frozenset[str] | None  # None: the rule may go on after any token


def _plain_letters() -> str:
    """ASCII letters and every Vietnamese letter (precomposed, both cases)."""
    out = set("abcdefghijklmnopqrstuvwxyzđ")
    for v in "aăâeêioôơuưy":
        out.add(v)
        for mark in "\u0300\u0301\u0309\u0303\u0323":
            out.add(unicodedata.normalize("NFC", v + mark))
    out |= {c.upper() for c in out}
    return "".join(sorted(c for c in out if len(c) == 1))


PLAIN: Final = "[" + re.escape(_plain_letters()) + "]"
_NEXT: Final = re.compile(r"\s*+(?:(\d)|(" + PLAIN + r"+)(?![^\W\d_])|(?=[^\W\d_]))")


def _words(phrases: object) -> set[str]:
    return {w for p in phrases for w in str(p).split()}  # type: ignore[attr-defined]


def _firsts(phrases: object) -> set[str]:
    return {str(p).split()[0] for p in phrases if str(p).strip()}  # type: ignore[attr-defined]


def _seconds(phrases: object, w: str, single: Keys) -> Keys:
    """Second words of the ``phrases`` opening with ``w``; ``single`` stands for a one-word phrase."""
    out: set[str] = set()
    for p in phrases:  # type: ignore[attr-defined]
        parts = str(p).split()
        if not parts or parts[0] != w:
            continue
        if len(parts) > 1:
            out.add(parts[1])
        elif single is None:
            return None
        else:
            out |= single
    return frozenset(out)


def _union(*sets: Keys) -> Keys:
    if any(s is None for s in sets):
        return None
    out: set[str] = set()
    for s in sets:
        out |= s or set()
    return frozenset(out)


def _digits_as_key(words: set[str]) -> set[str]:
    return {DIGIT if w[0].isdigit() else w for w in words}


@cache
def seconds(rule: str, w: str) -> Keys:
    """The tokens that may follow the first word ``w`` in a match of ``rule`` (None: any).

    Each line mirrors the opening of the rule's pattern in ``timex_rules.rules``.
    """
    lx = lexicon()
    d = frozenset({DIGIT})
    numw = _words(lx.number_words)
    units = _firsts(lx.units)
    mods = list(lx.modifiers)
    empty: frozenset[str] = frozenset()
    if rule in ("full_date", "full_date_spaced", "date_words", "daymonth", "bareday", "tet_day", "dm_range"):
        return d  # "(?:ngày|mùng|mồng|hôm|từ)\s*" then a day
    if rule == "day_range":
        return frozenset({DIGIT, "ngày", "các", "mùng"}) if w == "từ" else frozenset({DIGIT, "ngày"})
    if rule == "day_list":
        return d if w == "ngày" else frozenset({"ngày"})
    if rule == "ago":
        return frozenset({"đây"})
    if rule in ("month_year", "month_only"):
        return frozenset({DIGIT} | _firsts(lx.months))
    if rule == "year":
        return frozenset({DIGIT, "học", "khóa", "giải"})
    if rule == "decade":
        return frozenset({"niên", "kỷ", "kỉ", "năm"})
    if rule == "century":
        return frozenset({"kỷ", "kỉ"})
    if rule == "quarter":
        return frozenset({DIGIT, "i", "ii", "iii", "iv"})
    if rule == "half":
        return frozenset({"đầu", "cuối"} | numw | {"tháng"})
    if rule == "relative":
        return _seconds(lx.relative, w, None)
    if rule == "daypart_rel":
        return _seconds(lx.dayparts, w, frozenset(_firsts(lx.dayrel)))
    if rule == "n_ago":
        return frozenset(numw | units)
    if rule == "duration":
        counts = frozenset({DIGIT} | numw | _firsts(lx.vague))
        return _union(
            _seconds(mods, w, counts),
            frozenset(numw | units) if w in numw else empty,
            _seconds(lx.vague, w, frozenset(units)),
        )
    if rule == "daypart":
        return _seconds(lx.dayparts, w, None)
    if rule == "part":
        after = frozenset({"năm", "tháng", "quý", "tuần", "thập", "thế", "những", "ngày"})
        return _seconds(lx.parts, w, after)
    if rule == "part_alone":
        return _seconds(lx.parts, w, frozenset({"năm", "tháng", "tuần", "quý"}))
    if rule == "weekday":
        if w == "thứ":
            return frozenset(_digits_as_key(_firsts([k for k in lx.weekdays if k not in ("chủ nhật", "cn")])))
        return frozenset({"nhật"}) if w == "chủ" else None
    if rule == "set":
        return _seconds(lx.sets, w, None)
    if rule == "festival":
        return _seconds(lx.festivals, w, None)
    if rule == "tet_year":
        return frozenset({DIGIT, "nguyên", "âm", "cổ"})
    if rule == "full_moon":
        return frozenset({"tháng"})
    if rule == "dur_range":
        return d if w == "từ" else _seconds(mods, w, frozenset({DIGIT, "từ"}))
    if rule == "season":
        return _seconds(lx.seasons, w, frozenset({DIGIT, "năm"}))
    if rule == "half_unit":
        return frozenset(units) if w == "nửa" else _seconds(mods, w, frozenset({"nửa"}))
    if rule == "canchi":
        return frozenset(_firsts(lx.stems))
    return None


@cache
def word_tables() -> dict[str, tuple[tuple[Rule, ...], dict[str, tuple[Rule, ...]] | None]]:
    """Trigger form -> (the rules to try when the next token is none of the listed ones, or every rule
    when no table; the rules for each listed token), rules in rule order."""
    index = trigger_index()
    out: dict[str, tuple[tuple[Rule, ...], dict[str, tuple[Rule, ...]] | None]] = {}
    for form, rules in index.items():
        if form == DIGIT:
            continue
        w = form.lower()
        keys = {r.name: seconds(r.name, w) for r in rules}
        if all(k is None for k in keys.values()):
            out[form] = (rules, None)
            continue
        listed = set().union(*(k for k in keys.values() if k is not None))
        default = tuple(r for r in rules if keys[r.name] is None)
        per = {t: tuple(r for r in rules if keys[r.name] is None or t in keys[r.name]) for t in listed}  # type: ignore[operator]
        per.setdefault(OTHER, default)
        out[form] = (default, per)
    return out


def word_rules(text: str, form: str, end: int) -> tuple[Rule, ...] | None:
    """The rules worth trying at the trigger word ``form`` ending at ``end`` (None: not a trigger)."""
    entry = word_tables().get(form)
    if entry is None:
        return None
    default, per = entry
    if per is None:
        return default
    m = _NEXT.match(text, end)
    if m is None:
        return per[OTHER]
    if m[1] is not None:
        return per.get(DIGIT, default)
    if m[2] is not None:
        return per.get(m[2].lower(), default)
    return trigger_index()[form]  # a word with an unusual letter: every rule


def next_keys(w: str) -> Keys:
    """Every token after which some rule of the trigger word ``w`` (lower case) may go on; None when
    some rule may go on after anything."""
    keys: set[str] = set()
    for r in trigger_index().get(w, ()):
        k = seconds(r.name, w)
        if k is None:
            return None
        keys |= k
    return frozenset(keys)


def lookahead(w: str) -> str | None:
    """A look-ahead that holds after the trigger word ``w`` (lower case) wherever one of its rules may
    go on (``next_keys`` as a pattern); None when some rule of ``w`` may go on after anything."""
    keys = next_keys(w)
    if keys is None:
        return None
    branches = [PLAIN + r"*+(?!" + PLAIN + r")[^\W\d_]"]  # an unusual letter: every rule, as in word_rules
    if DIGIT in keys:
        branches.append(r"\d")
    if OTHER in keys:
        branches.append(r"(?![^\W_])")
    words = sorted(k for k in keys if k not in (DIGIT, OTHER))
    if words:
        branches.append("(?:" + "|".join(re.escape(x) for x in words) + r")(?![^\W\d_])")
    return r"(?=\s*+(?:" + "|".join(branches) + "))"
