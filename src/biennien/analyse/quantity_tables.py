"""The quantity tables of ``vi/data`` compiled once per process into matchers.

Kept apart from ``quantity.py`` so the extractor reads as a sequence of
decisions and the word lists stay in data files a linguist can edit.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from functools import cache
from typing import Final

from biennien.vi.numbers import number_words
from biennien.vi.resources import table, word_list

LETTER: Final = r"[^\W\d_]"


def _alternation(phrases: list[str]) -> str:
    """A regex alternation of literal phrases, longest first, spaces matching any run of blanks."""
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)


@dataclass(frozen=True, slots=True)
class Tables:
    units: dict[str, tuple[str, str]]  # surface -> (unit, kind)
    unit_re: re.Pattern[str]  # anchored at a position: optional blanks, a unit, a word end
    rate_re: re.Pattern[str]  # "/lượng", "/ounce"
    scales: dict[str, float]
    scale_re: re.Pattern[str]
    qualifiers: dict[str, str]
    qualifiers_after: dict[str, str]
    after_re: re.Pattern[str]
    changes: dict[str, str]
    comparatives: dict[str, str]  # "cao hơn" -> up: a difference, not the qualifier "over"
    comparatives_counts_only: frozenset[str]  # "nhiều hơn 80%" stays "over"; only differences elsewhere
    change_adverbs: frozenset[str]
    context: dict[str, frozenset[str]]  # role -> phrases
    counted_re: re.Pattern[str]
    stopwords: frozenset[str]
    word_number_re: re.Pattern[str]
    unit_exceptions: frozenset[tuple[str, str]]
    max_phrase: int  # longest phrase, in words, among the before-number tables
    glued_re: re.Pattern[str] | None = None  # a word a figure may be glued to ("còn29 triệu")
    idiom_re: re.Pattern[str] | None = None  # "một bài học", "một lần nữa": no figure
    name_or_count: frozenset[str] = frozenset()  # context "name_before" | "count_before", made once
    # id of each phrase table above -> the last words of its phrases: a word list can end with one of
    # the table's phrases only if its last word is one of these (``quantity._phrase_end``)
    last_words: dict[int, frozenset[str]] = field(default_factory=dict)
    # ``word_number_re`` with only the number words that may open a figure (not ``word_no_start``) as
    # its first word: the engine stops at fewer letters.  None when a number word is a prefix of
    # another one (the two scans could then choose different words at one place; see
    # ``quantity._word_numbers``)
    word_start_re: re.Pattern[str] | None = None
    first_number_words: frozenset[str] = frozenset()  # number words a figure may start with (no scale)
    number_word_set: frozenset[str] = frozenset()  # every number word, scales included


def _word_starts(words: list[str]) -> str:
    """Whole ``words`` (not inside a longer word) as an alternation nested by common prefix.

    Each top branch opens with a literal first letter, so the regex engine skips every position
    whose character starts no word; the nesting tries few branches where one does.  The "no letter
    before" check stands at the end of each word (``ba(?<!L..)`` is ``(?<!L)ba``): most positions
    whose letter opens a word (``h`` of ``nhà``, ``t`` of ``trong``) fail on the next literal letter,
    which is cheaper than the look-behind.  Where one word is a prefix of another the longer is tried
    first, as in a longest-first alternation.
    """
    tree: dict[str, dict] = {}
    for w in words:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict], depth: int) -> str:
        alts = [re.escape(ch) + emit(child, depth + 1) for ch, child in sorted(node.items()) if ch]
        if "" in node:
            alts.append(rf"(?<!{LETTER}.{{{depth}}})")
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return emit(tree, 0)


_BUILD_LOCK: Final = threading.Lock()


@cache
def tables() -> Tables:
    """The one ``Tables`` of the process.

    ``quantity._phrase_end`` finds a phrase table's last words by the table's identity
    (``last_words[id(vocab)]``, ``vocab`` taken from the caller's ``Tables``), so every caller must
    get the same instance.  ``functools.cache`` alone does not promise that: threads that call it
    together before the first result is stored each build their own (a Dask worker analyses in
    threads; a KeyError then).  The build is made once, under a lock.
    """
    with _BUILD_LOCK:
        return _build()


@cache
def _build() -> Tables:
    units = {row[0]: (row[1], row[2]) for row in table("quantity_units.tsv")}
    dens = list(word_list("quantity_rate_denominators.txt")) + list(units)
    scales = {row[0]: float(row[1]) for row in table("quantity_scales.tsv")}
    qualifiers = {row[0]: row[1] for row in table("quantity_qualifiers.tsv")}
    after = {row[0]: row[1] for row in table("quantity_qualifiers_after.tsv")}
    changes = {row[0]: row[1] for row in table("quantity_changes.tsv")}
    context: dict[str, set[str]] = {}
    for role, phrase in table("quantity_context.tsv"):
        context.setdefault(role, set()).add(phrase)
    counted = list(word_list("quantity_counted.txt"))
    nw = [w for w, (_, kind) in number_words().items() if kind != "scale"]
    nw_all = list(number_words())
    end = rf"(?!{LETTER}|\d)"
    phrases = [*qualifiers, *changes, *(p for s in context.values() for p in s)]
    frozen = {k: frozenset(v) for k, v in context.items()}
    comparatives = {row[0]: row[1] for row in table("quantity_comparatives.tsv")}
    name_or_count = frozen.get("name_before", frozenset()) | frozen.get("count_before", frozenset())
    vocabs: list[dict[str, str] | frozenset[str]] = [
        qualifiers,
        after,
        changes,
        comparatives,
        name_or_count,
        *frozen.values(),
    ]
    no_start = frozen.get("word_no_start", frozenset())
    openers = [w for w in nw if w not in no_start]
    prefix_clash = any(a != b and b.startswith(a) for a in nw for b in nw)
    tail = rf"(?:\s+(?:{_alternation(nw_all)}))*{end}"
    return Tables(
        units=units,
        unit_re=re.compile(rf"\s*({_alternation(list(units))})(?![^\W_])"),
        rate_re=re.compile(rf"/\s?({_alternation(dens)})(?![^\W_])"),
        scales=scales,
        scale_re=re.compile(rf"\s+({_alternation(list(scales))}){end}"),
        qualifiers=qualifiers,
        qualifiers_after=after,
        after_re=re.compile(rf"\s+({_alternation(list(after))}){end}"),
        changes=changes,
        comparatives=comparatives,
        comparatives_counts_only=frozenset(
            row[0] for row in table("quantity_comparatives.tsv") if len(row) > 2 and row[2] == "counts-only"
        ),
        change_adverbs=frozenset(word_list("quantity_change_adverbs.txt")),
        context=frozen,
        counted_re=re.compile(rf"\s+({_alternation(counted)}){end}"),
        stopwords=frozenset(word_list("quantity_stopwords.txt")),
        word_number_re=re.compile(rf"{_word_starts(nw)}{tail}"),
        unit_exceptions=frozenset((row[0], row[1]) for row in table("quantity_unit_exceptions.tsv")),
        max_phrase=max(len(p.split()) for p in phrases),
        glued_re=re.compile(rf"(?<!{LETTER})(?:{_alternation(list(context.get('glued_before', ())))})(?=\d)")
        if context.get("glued_before")
        else None,
        idiom_re=re.compile(rf"(?:{_alternation(list(word_list('quantity_idioms.txt')))}){end}"),
        name_or_count=name_or_count,
        last_words={id(v): frozenset(p.rsplit(" ", 1)[-1] for p in v) for v in vocabs},
        word_start_re=re.compile(rf"{_word_starts(openers)}{tail}") if openers and not prefix_clash else None,
        first_number_words=frozenset(nw),
        number_word_set=frozenset(nw_all),
    )
