"""The fast paths of event extraction answer exactly as the plain definitions they replaced.

Speed work on ``events``, ``events_fallback`` and ``events_status`` (trie regex, tokens from one
split, indexed cue lists, word windows) must not move one offset.  Each fast path is compared here with
a plain reference written the way the code used to do it, on real-style Vietnamese sentences and on
many random ones built from the lexicon's own words glued with the awkward bits (double spaces,
newlines, punctuation, capitals, underscores).
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from biennien.analyse import events, events_fallback, events_status
from biennien.analyse.events import (
    _WORD,
    _WORD_BACK,
    _allowed,
    _candidate_sentences,
    _lexicon,
    _seq_at,
    _Tok,
    _tokens,
)
from biennien.model import Sentence
from biennien.vi.normalise import tone_normalise
from biennien.vi.sentences import split_sentences
from event_texts import random_event_texts

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

_random_texts = random_event_texts


def _plain_finder() -> re.Pattern[str]:
    """The pre-filter as it was: every phrase in one alternation, longest pattern first."""
    lex = _lexicon()
    phrases = sorted(
        {r"\s+".join(map(re.escape, t.words)) for v in lex.by_first.values() for t in v}, key=len
    )
    return re.compile(r"(?:" + "|".join(reversed(phrases)) + r")(?!\w)")


def _plain_tokens(text: str, s: Sentence) -> list[_Tok]:
    return [
        _Tok(m.start(), m.end(), m.group(), m.group().lower()) for m in _WORD.finditer(text, s.start, s.end)
    ]


def _plain_candidates(text: str, sentences: list[Sentence]) -> list[int]:
    """The candidate sentences as they were found: ``_Tok`` windows around every match."""
    lex = _lexicon()
    starts = [s.start for s in sentences]
    out: list[int] = []
    last = -1
    low = text.lower()
    finder = _plain_finder() if len(low) == len(text) else re.compile(_plain_finder().pattern, re.IGNORECASE)
    for m in finder.finditer(low if len(low) == len(text) else text):
        pos = m.start()
        if pos > 0 and low[pos - 1].isalnum():
            continue
        n = next((k for k in range(len(starts) - 1, -1, -1) if starts[k] <= pos), -1)
        if n <= last or n < 0 or pos >= sentences[n].end:
            continue
        s = sentences[n]
        prev = _WORD_BACK.search(text, max(s.start, pos - 24), pos)
        window = ([_Tok(prev.start(1), prev.end(1), prev[1], prev[1].lower())] if prev else []) + [
            _Tok(w.start(), w.end(), w.group(), w.group().lower())
            for _, w in zip(range(10), _WORD.finditer(text, pos, s.end), strict=False)
        ]
        first = 1 if prev else 0
        inside = [k for k in range(first, len(window)) if window[k].start < m.end()]
        for i in inside:
            if any(
                _seq_at(window, i, trig.words)
                and (_allowed(trig, window, i, i + len(trig.words)) or i + len(trig.words) >= len(window))
                for trig in lex.by_first.get(window[i].low, ())
            ):
                out.append(s.start)
                last = n
                break
    return out


def test_trie_finder_finds_what_the_plain_alternation_found() -> None:
    plain = _plain_finder()
    trie = _lexicon().finder
    text = tone_normalise(
        "Hai bên đã có cuộc gặp gỡ. Tổng Bí thư tiếp  ông X, rồi hội đàm\nvới Tổng thống; xgặp là lỗi gõ."
    )
    assert [m.span() for m in trie.finditer(text.lower())] == [m.span() for m in plain.finditer(text.lower())]
    assert any(m.group() == "cuộc gặp gỡ" or m.group() == "cuộc gặp" for m in trie.finditer(text.lower()))
    for t in _random_texts(400, 1):
        assert [m.span() for m in trie.finditer(t.lower())] == [m.span() for m in plain.finditer(t.lower())]
        ti, pi = re.compile(trie.pattern, re.IGNORECASE), re.compile(plain.pattern, re.IGNORECASE)
        assert [m.span() for m in ti.finditer(t)] == [m.span() for m in pi.finditer(t)]


def test_tokens_from_one_split_are_the_regex_tokens() -> None:
    for t in [*_random_texts(300, 2), "", "   ", " a ", "(Ông) X, đã tiếp.\n", "a__b ... c"]:
        for s in [Sentence(0, len(t)), Sentence(min(1, len(t)), len(t))]:
            assert _tokens(t, s) == _plain_tokens(t, s)
            words = events_status._words(t, s.start, s.end)
            assert words == [(k.start, k.end, k.low) for k in _plain_tokens(t, s)]


# what the chunked split of ``_Split`` must tell apart from the common case: white space other than one
# space (tabs, no-break and ideographic spaces, the separators ``str.split`` and ``\s`` both count), marks
# glued to words, ``_`` (a word character but not alphanumeric), a lower case that changes the length
# (``İ``) or depends on the letters around it (``Σ``), digits of other scripts, combining marks
_ODD_TOKEN_TEXTS: tuple[str, ...] = (
    "ΟΔΥΣΣΕΥΣ gặp ΣΑΣ.Β tại Hà Nội",
    "ΌΣ, ΣΑ. Σ",
    "İstanbul tiếp İZMİR ông X",
    "a\tb\u00a0c\u3000d\u2028e\x1cf  g",
    'Tổng_Bí_thư đã tiếp (ông X), "đồng chí" Y... và Z!?',
    "Ⅻ chương ١٢٣ số ²³ và ½ phần",
    "cafe\u0301 gặp nai\u0308ve «ông» X—Y – Z",
    "ǅemal ǈ ǋ ﬁ ß ẞ gặp",
    "...",
    "ông_ X_, ab_ _ ,, a,, (b) c.) 1.409 13-2 ở\u00a0đây",
    "a  b",
    "a",
    " a",
    "a ",
)


def test_chunked_split_is_the_regex_split_on_odd_texts() -> None:
    rng = random.Random(7)
    pieces = [w for t in _ODD_TOKEN_TEXTS for w in t.split(" ")]
    texts = list(_ODD_TOKEN_TEXTS)
    for _ in range(300):
        texts.append(" ".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))))
    for t in texts:
        for s in [Sentence(0, len(t)), Sentence(min(1, len(t)), len(t))]:
            split = events._Split(t, s)
            plain = _plain_tokens(t, s)
            assert split.toks() == plain, t
            assert split.low == [w.lower() for w in split.raw]


def test_candidate_sentences_match_the_plain_windows() -> None:
    text = tone_normalise(
        "Chiều 13-2, Tổng Bí thư Tô Lâm đã tiếp ông Michael DeSombre. Giá vàng hôm nay tăng mạnh. "
        "Hai bên đã có cuộc gặp với đại diện doanh nghiệp. Thời tiết đến cuối tuần vẫn nắng."
    )
    sents = split_sentences(text)
    got = [s.start for s in _candidate_sentences(_lexicon(), text, sents)]
    assert got == _plain_candidates(text, sents)
    assert 0 < len(got) < len(sents)
    for t in _random_texts(400, 3):
        sents = split_sentences(t)
        assert [s.start for s in _candidate_sentences(_lexicon(), t, sents)] == _plain_candidates(t, sents)


def test_candidate_sentences_on_the_seed_articles() -> None:
    if not SEEDS.is_dir():
        pytest.skip("seed articles not present")
    for path in sorted(SEEDS.glob("*.txt")):
        text = tone_normalise(path.read_text(encoding="utf-8"))
        sents = split_sentences(text)
        assert [s.start for s in _candidate_sentences(_lexicon(), text, sents)] == _plain_candidates(
            text, sents
        )


def _plain_cue_tests(words: list[str], kind: str) -> tuple[bool, bool, bool, int]:
    seqs = events_fallback._cues().get(kind, ())
    ends = any(len(q) <= len(words) and tuple(words[-len(q) :]) == q for q in seqs)
    starts = any(tuple(words[: len(q)]) == q for q in seqs)
    contains = any(tuple(words[k : k + len(q)]) == q for q in seqs for k in range(len(words)))
    cut = max((len(q) for q in seqs if ends and tuple(words[-len(q) :]) == q), default=0)
    return ends, starts, contains, cut


def test_indexed_fallback_cues_answer_as_the_plain_scans() -> None:
    cues = events_fallback._cues()
    vocab = sorted({w for seqs in cues.values() for q in seqs for w in q}) + ["", "x", "Năm", "2019"]
    rng = random.Random(4)
    for _ in range(3000):
        words = [rng.choice(vocab) for _ in range(rng.randint(0, 9))]
        for kind in cues:
            ends, starts, contains, cut = _plain_cue_tests(words, kind)
            assert events_fallback._ends_with(words, kind) == ends
            assert events_fallback._starts_with(words, kind) == starts
            assert events_fallback._contains(words, kind) == contains
            assert events_fallback._strip_end(words, kind) == words[: len(words) - cut]


def test_extract_on_real_style_sentences_is_unchanged_by_the_fast_paths() -> None:
    """A sentence with a trigger, one with a blocked trigger, and one left to the fallback."""
    text = tone_normalise(
        "Chiều 13-2, Tổng Bí thư Tô Lâm đã tiếp ông Michael DeSombre. "
        "Năm 2019, Apple ra mắt iPhone 11 tại California."
    )
    from biennien.model import Timex

    tx = [
        Timex("Chiều 13-2", 0, 10, "DATE", "2026-02-13TAF"),
        Timex("Năm 2019", text.index("Năm 2019"), text.index("Năm 2019") + 8, "DATE", "2019"),
    ]
    evs = events.extract("d1", text, split_sentences(text), tx, [], "2026-02-14")
    assert [(e.type, e.date) for e in evs][:1] == [("reception", "2026-02-13TAF")]
    assert any(e.date == "2019" for e in evs)


def test_split_says_no_trigger_only_where_the_trigger_search_finds_none() -> None:
    """``_Split.may_trigger`` lets a sentence skip the ``_Tok`` objects and the trigger search: it must
    be True wherever the search finds a trigger (blocked or not), and its words must be the status
    words ``events_status`` reads itself."""
    lex = _lexicon()
    texts = [
        *_random_texts(400, 7),
        "Chiều 13-2, Tổng Bí thư Tô Lâm đã tiếp Đại sứ Hoa Kỳ tại Hà Nội.",
        "Năm 2019, cô kết hôn với doanh nhân Nguyễn Văn A.",
        "Liệu Apple có ra mắt iPhone mới vào tháng 9?",
    ]
    saw_no, saw_yes = 0, 0
    for t in texts:
        for s in split_sentences(t):
            split = events._Split(t, s)
            assert split.toks() == _plain_tokens(t, s)
            assert split.status_words() == events_status._words(t, s.start, s.end)
            found: list[events._Hit] = []
            hits = events._find_triggers(lex, split.toks(), found)
            if hits or found:
                assert split.may_trigger(lex)
                saw_yes += 1
            elif not split.may_trigger(lex):
                saw_no += 1
    assert saw_no > 20 and saw_yes > 20


def test_sentence_words_of_any_span_are_the_span_read_on_its_own() -> None:
    """``events_fallback.SentenceWords.of(a, b)`` stands for ``_words(text[a:b])`` in the fallback's
    readers: the same words for spans that cut a word, run past the sentence or are empty."""
    rng = random.Random(11)
    texts = [
        *_random_texts(150, 12),
        "Ngày 22/4, bệnh nhân đi ăn liên hoan; năm 2019, camera (giám sát) này đã ghi lại.",
    ]
    cut, whole = 0, 0
    for t in texts:
        for s in split_sentences(t):
            split = events._Split(t, s)
            sw = split.fallback_words(t, s)
            for _ in range(30):
                a = rng.randint(max(0, s.start - 3), s.end + 3)
                b = rng.randint(a - 2, s.end + 5)
                plain = events_fallback._words(t[a:b])
                assert sw.of(a, b) == plain, (t[s.start : s.end], a, b)
                inside = s.start <= a <= b <= s.end
                cut += inside and any(x.start < a < x.end or x.start < b < x.end for x in split.toks())
                whole += inside and bool(plain)
    assert cut > 50 and whole > 50


def test_blocker_indexes_shared_by_phrases_are_each_phrases_own() -> None:
    """``_lexicon`` shares one index of the "*" blocking sequences among the phrases with none of their
    own: each phrase's indexes must still be those of its sequences and the "*" ones."""
    from biennien.vi.resources import table

    lex = _lexicon()
    own: dict[str, dict[str, list[tuple[str, ...]]]] = {}
    for row in table("event_blockers.tsv"):
        if row[1] != "anaphor":
            key = " ".join(events._words(row[0])) if row[0] != "*" else "*"
            own.setdefault(row[1], {}).setdefault(key, []).append(events._words(row[2]))
    for key, block in lex.blockers.items():
        for where, last in (
            ("negprev", True),
            ("clause", False),
            ("prev", True),
            ("after", False),
            ("before", True),
        ):
            seqs = (*own.get(where, {}).get(key, ()), *own.get(where, {}).get("*", ()))
            plain = events._by_last(seqs) if last else events._by_first(seqs)
            assert getattr(block, where) == plain, (key, where)
    assert any(block.prev for block in lex.blockers.values())
