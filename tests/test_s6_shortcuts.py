"""The session-6 speed shortcuts against their plain definitions, on random word sequences.

Session 6 made entity reading and resolution cheaper by tests placed before the real lookups
(``title_at``/``head_at`` skipping the trie walk where ``_NEXT`` rules an entry out, calls of ``known_at``/``head_at``/``title_at``
made only where ``_NEXT`` says an entry can start, ``People.match`` skipped for a word no full name
holds, organisations' first words read in the resolver's pass) and made ``quantity``'s sentence cut
lazy.  The analysis digest over real and mutated corpora found no difference; these tests hold
each shortcut to the definition it replaces on many random inputs, so a table change that breaks
an assumption (e.g. ``_NEXT``'s keys no longer the trie's first words) fails here.
"""

from __future__ import annotations

import random

import pytest

from biennien.analyse import quantity as compiled_or_plain
from biennien.analyse.entities import _NEXT, _TRIES, _Reader, _tables_ready
from biennien.analyse.entities_resolve import (
    Found,
    _org_first_word,
    _People,
    _Person,
    _plain_key,
    _vi_word,
    _words,
)
from biennien.analyse.quantity import _SENTENCE_END, _WORD, _core, _has_phrase
from biennien.analyse.quantity_tables import Tables
from biennien.model import Quantity
from biennien.vi.gazetteer import TOKEN, gazetteer
from plain import plain

# one test replaces ``quantity._sentence_context``: the module's plain form (see tests/plain.py)
quantity = plain(compiled_or_plain)


def _vocab(rnd: random.Random) -> list[str]:
    g = gazetteer()
    words: set[str] = set()
    for table in (g.titles, g.heads, g.known):
        for key in table:
            words.update(key)
    pool = sorted(words)
    extra = [
        "Hà",
        "Nội",
        "Nguyễn",
        "Văn",
        "An",
        "ông",
        "bà",
        "và",
        "-",
        ".",
        ",",
        "(",
        ")",
        '"',
        "như",
        "của",
    ]
    return [w for w in rnd.sample(pool, 600)] + extra


def _readers(n: int, seed: int) -> list[_Reader]:
    g = gazetteer()
    _tables_ready(g)
    rnd = random.Random(seed)
    vocab = _vocab(rnd)
    out = []
    for _ in range(n):
        words = [rnd.choice(vocab) for _ in range(rnd.randint(1, 14))]
        words = [w.title() if rnd.random() < 0.4 else w.upper() if rnd.random() < 0.05 else w for w in words]
        text = " ".join(words)
        out.append(_Reader(list(TOKEN.finditer(text)), g, []))
    return out


def test_title_and_head_at_equal_the_plain_longest_walk() -> None:
    g = gazetteer()
    checked = 0
    for r in _readers(3000, 1):
        for i in range(r.n + 1):
            j, key = r._longest(i, _TRIES[0])
            assert r.title_at(i) == ((i, None) if j == i else (j, g.titles[key]))
            assert r.head_at(i) == r._longest(i, _TRIES[1])[0]
            checked += j > i
    assert checked > 500  # titles were found, not only misses


def test_known_head_title_calls_skipped_only_where_nothing_starts() -> None:
    # the callers test ``lw[i] in _NEXT[k]`` before calling: a word outside it opens no entry
    for r in _readers(3000, 2):
        for i in range(r.n):
            low = r.lw[i]
            if low not in _NEXT[2]:
                assert r.known_at(i) == (i, None)
            if low not in _NEXT[1]:
                assert r.head_at(i) == i
            if low not in _NEXT[0]:
                assert r.title_at(i) == (i, None)


def _person(name: str, start: int, foreign: bool) -> _Person:
    return _Person(name, "PER:" + name.lower(), _words(name), start, foreign)


def test_people_match_is_none_for_a_word_no_full_name_holds_at_either_end() -> None:
    rnd = random.Random(3)
    names = ["Nguyễn Văn An", "Trần Thị Lan", "Park Hang-seo", "Donald Trump", "Lê Minh", "Kim Jong Un"]
    words = sorted({w.lower() for n in names for w in n.split()} | {"hà", "nội", "an", "bình"})
    for _ in range(500):
        people = _People(
            [_person(rnd.choice(names), rnd.randint(0, 99), rnd.random() < 0.5) for _ in range(4)]
        )
        for w in words:
            skipped = w not in people.by_last and w not in people.by_first
            if skipped:
                assert people.match((w,), rnd.randint(0, 120)) is None


def _org_first_words_plain(found: list[Found]) -> dict[str, tuple[int, str]]:
    """The 7f15cf6 definition (a pass of its own over the mentions)."""
    out: dict[str, tuple[int, str]] = {}
    shared: set[str] = set()
    for f in found:
        if f.type != "ORG" or f.unsure:
            continue
        words = _words(f.name)
        first = f.name.split()[0]
        if len(words) < 2 or len(first) < 3 or not first.isalpha() or first.isupper() or _vi_word(words[0]):
            continue
        if words[0] in ("the", "les", "los", "las", "der", "die", "das", "del"):
            continue
        key = _plain_key("ORG", f.canonical or f.name)
        prev = out.get(words[0])
        if prev is not None and prev[1] != key:
            shared.add(words[0])
        elif prev is None:
            out[words[0]] = (f.start, key)
    for w in shared:
        del out[w]
    return out


def test_org_first_words_in_the_resolver_pass_equal_the_plain_pass() -> None:
    rnd = random.Random(4)
    firsts = ["Manchester", "Centricus", "The", "Real", "Bayern", "Vina", "Hà", "FC", "Los"]
    rests = ["United", "City", "Asset Management", "Madrid", "Munich", "Times", "Nội", "Angeles"]
    for _ in range(2000):
        found = [
            Found(
                k * 10,
                k * 10 + 5,
                rnd.choice(["ORG", "ORG", "LOC", "PER"]),
                rnd.choice(firsts) + (" " + rnd.choice(rests) if rnd.random() < 0.8 else ""),
                canonical=rnd.choice([None, None, "Man Utd"]),
                unsure=rnd.random() < 0.1,
            )
            for k in range(rnd.randint(0, 6))
        ]
        out: dict[str, tuple[int, str]] = {}
        shared: set[str] = set()
        for f in found:  # the resolver's pass: named types, not unsure, then ORG
            if f.type in ("LOC", "GPE", "ORG") and not f.unsure and f.type == "ORG":
                _org_first_word(f, _words(f.name), out, shared)
        for w in shared:
            del out[w]
        assert out == _org_first_words_plain(found)


def _sentence_context_plain(text: str, low: str, qs: list[Quantity], t: Tables) -> None:
    """The 7f15cf6 ``quantity._sentence_context``: the sentence cut read for every figure."""
    prev: Quantity | None = None
    for q in qs:
        cut = max((m.end() for m in _SENTENCE_END.finditer(low, max(0, q.start - 120), q.start)), default=0)
        same_sentence = prev is not None and prev.end > cut
        if q.unit == "count" and q.value_end is None and (core := _core(low, q.start, t)) and core.scaled:
            words = _WORD.findall(low, max(cut, q.start - 80), q.start)
            money = (same_sentence and prev is not None and prev.unit == "VND") or _has_phrase(
                words, t.context["price_word"]
            )
            if money and (q.counted is None or t.counted_re.match(low, core.end) is None):
                q.unit, q.kind, q.counted = "VND", "amount", None
                q.end, q.text = core.end, text[q.start : core.end]
        if (
            same_sentence
            and prev is not None
            and prev.qualifier == "at least"
            and q.qualifier is None
            and prev.unit == q.unit
            and low[prev.end : q.start].strip() == "và"
            and "lần lượt" in low[max(cut, prev.start - 40) : prev.start]
        ):
            q.qualifier = "at least"
        prev = q


def test_lazy_sentence_cut_equals_reading_it_for_every_figure(monkeypatch: pytest.MonkeyPatch) -> None:
    rnd = random.Random(5)
    bits = [
        "lần lượt",
        "ít nhất",
        "từ",
        "và",
        "giá",
        "đồng",
        "triệu",
        "tỷ",
        "người",
        "nghìn",
        ".",
        ",",
        "!",
        "Theo ông A",
        "có",
        "có giá",
        "bán",
        "USD",
        "hơn",
        "khoảng",
        "chiếc",
        "xe",
    ]
    texts = []
    for _ in range(1500):
        parts = [
            str(rnd.randint(1, 99)) if rnd.random() < 0.3 else rnd.choice(bits)
            for _ in range(rnd.randint(3, 40))
        ]
        texts.append(" ".join(parts))
    lazy = [quantity.extract(t) for t in texts]
    monkeypatch.setattr(quantity, "_sentence_context", _sentence_context_plain)
    assert [quantity.extract(t) for t in texts] == lazy
    # and the inputs reach both readings: without the step the figures differ
    monkeypatch.setattr(quantity, "_sentence_context", lambda *a: None)
    without = [quantity.extract(t) for t in texts]
    changed = [(a, b) for a, b in zip(lazy, without, strict=True) if a != b]
    assert any(q.unit == "VND" for a, _ in changed for q in a)
    assert any(q.qualifier == "at least" for a, _ in changed for q in a)
