"""The shortcuts that keep analysis linear on long odd lines (``bench/patho.py``) against the plain
readings they replace, on random texts built from the pieces that decide them."""

from __future__ import annotations

import random
import re

import pytest

from biennien.analyse import events, events_fallback, facts
from biennien.analyse.facts import _ClauseStarts, _period, _SentenceDates
from biennien.model import Quantity, Sentence, Timex, TimexType
from biennien.vi.sentences import split_sentences
from facts_reference import clause_start

# pieces that make or unmake clause breaks, comparison bases, life-event dates and stated figures
PIECES = [
    ", ",
    ",",
    "1,5",
    ' "khủng" ',
    '"',
    " - ",
    " - - ",
    "Việt Nam - Hoa Kỳ",
    " trong đó ",
    " trong số đó ",
    "(",
    ")",
    ": ",
    ";",
    " so với ",
    " so ",
    " hơn ",
    " sinh ",
    " cùng kỳ ",
    " là ",
    " đạt khoảng ",
    " ở mức ",
    " tăng ",
    " năm 2020 ",
    " Hà Nội ",
    " x ",
    " ",
    "   ",
]


def _text(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(PIECES) for _ in range(n))


@pytest.mark.parametrize("window", [1, 3, 17, 256])
def test_clause_starts_read_in_windows_equal_the_plain_scan(
    monkeypatch: pytest.MonkeyPatch, window: int
) -> None:
    monkeypatch.setattr(facts, "_CLAUSE_WINDOW", window)
    rng = random.Random(window)
    for _ in range(120):
        text = _text(rng, rng.randint(0, 120))
        starts = sorted({0, *(rng.randrange(len(text) + 1) for _ in range(3))})
        index = _ClauseStarts(text)
        queries = [(s, p) for s in starts for p in range(s, len(text) + 1)]
        rng.shuffle(queries)
        for s, p in queries[:400]:
            assert index.at(s, p) == clause_start(text, s, p), (text, s, p)


@pytest.mark.parametrize("window", [1, 5, 256])
def test_clause_end_from_the_read_breaks_equals_the_plain_search(
    monkeypatch: pytest.MonkeyPatch, window: int
) -> None:
    monkeypatch.setattr(facts, "_CLAUSE_WINDOW", window)
    rng = random.Random(100 + window)
    for _ in range(150):
        text = _text(rng, rng.randint(0, 100))
        a = rng.randrange(len(text) + 1)
        b = rng.randint(a, len(text))
        sent = Sentence(a, b, 0)
        index = _ClauseStarts(text)
        positions = list(range(a, b + 1))
        rng.shuffle(positions)
        for p in positions:
            if rng.random() < 0.3:
                index.at(a, rng.randint(a, b))  # reads interleaved with the questions
            m = facts._CLAUSE.search(text, p, b)
            assert index.end_after(sent, p) == (m.start() if m else b), (text, a, b, p)


def _timexes(rng: random.Random, text: str, n: int) -> list[Timex]:
    out = []
    for _ in range(n):
        a = rng.randrange(len(text) + 1)
        b = min(len(text), a + rng.choice([0, 1, 4, 8, 8, 12, 30]))
        kinds: list[TimexType] = ["DATE", "DATE", "DATE", "TIME", "SET", "DURATION"]
        kind = rng.choice(kinds)
        out.append(Timex(text[a:b], a, b, kind, f"20{rng.randint(10, 21)}", rng.choice([None, "START"])))
    if rng.random() < 0.5:
        out.sort(key=lambda t: t.start)
    return out


def test_period_with_the_dates_indexed_equals_the_plain_loop() -> None:
    """Every figure of random sentences with many timexes (overlapping, empty, repeated spans, every
    type, out of order), every clause start the figure can have, with and without a previous figure."""
    rng = random.Random(7)
    chosen = 0
    for _ in range(250):
        text = _text(rng, rng.randint(10, 60))
        a = rng.randrange(len(text) // 3 + 1)
        b = rng.randint(max(a, len(text) * 2 // 3), len(text))
        sent = Sentence(a, b, 0)
        timexes = _timexes(rng, text, rng.randint(0, 40))
        if timexes and rng.random() < 0.3:
            timexes.append(timexes[0])  # the same timex twice
        clauses = _ClauseStarts(text)
        index = _SentenceDates(text, clauses, sent, timexes)
        for _ in range(15):
            qs = rng.randint(a, max(a, b - 1))
            qe = min(b, qs + rng.randint(1, 8))
            q = Quantity(text[qs:qe], qs, qe, 5.0, rng.choice(["USD", "%", "người", "m"]))
            q.direction = rng.choice([None, "up"])
            prev = None
            if rng.random() < 0.6:
                ps = rng.randint(a, qs)
                prev = Quantity(text[ps:qs], ps, rng.randint(ps, qs), 1.0, "USD")
            starts = {a, clauses.at(a, qs), rng.randint(a, qs)}
            for cs in sorted(starts):
                plain = _period(text, clauses, sent, cs, q, timexes, prev)
                fast = _period(text, clauses, sent, cs, q, timexes, prev, index)
                assert fast == plain, (text, sent, q, prev, cs, timexes)
                chosen += plain != (None, None)
    assert chosen > 500


def _plain_clause(sw: events_fallback.SentenceWords, a: int, b: int, skip: tuple[int, int]) -> object:
    """``SentenceWords.clause`` as it read the sentence before (a filter of the tokens from ``a``)."""
    raw, starts, ends, low = sw._raw, sw._starts, sw._ends, sw._low
    if raw is None or a < sw._lo or b > sw._hi or a > b:
        return None
    from bisect import bisect_left

    i = bisect_left(starts, a)
    j = bisect_left(starts, b)
    if (i > 0 and ends[i - 1] > a) or (j > 0 and ends[j - 1] > b):
        return None
    lo, hi = skip
    toks = [
        (low[k], starts[k])
        for k in range(i, j)
        if (raw[k][0].isalnum() or raw[k][0] == "_") and not lo <= starts[k] < hi
    ]
    return [s for _, s in toks], [w for w, _ in toks]


def test_clause_words_cut_from_the_filtered_sentence_equal_the_plain_filter() -> None:
    rng = random.Random(11)
    words = [
        "Ngày",
        "22/4",
        ",",
        "bệnh",
        "nhân",
        "đi",
        "_x",
        "ăn",
        "(",
        "liên",
        "hoan",
        ")",
        "năm",
        "2019",
        ":",
        "-",
    ]
    checked = 0
    for _ in range(200):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(0, 60))) + "."
        for s in split_sentences(text):
            sw = events._Split(text, s).fallback_words(text, s)
            for _ in range(30):
                a = rng.randint(max(0, s.start - 2), s.end + 2)
                b = rng.randint(a - 1, s.end + 3)
                skip = (rng.randint(a - 3, b + 3), rng.randint(a - 3, b + 5))
                got = sw.clause(a, b, skip)
                assert got == _plain_clause(sw, a, b, skip), (text, a, b, skip)
                if got is not None:
                    assert got == events_fallback._clause_words(text, a, b, skip)
                    checked += bool(got[1])
    assert checked > 300


def test_a_long_comma_free_sentence_reads_its_breaks_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """A line of figures with no clause break: every figure asked for its clause start and end; the
    text read by ``_CLAUSE`` stays about the line's length, not the square of it."""
    read = 0
    plain = facts._CLAUSE

    class Counting:
        def finditer(self, text: str, pos: int = 0, endpos: int = 2**62) -> object:
            nonlocal read
            read += max(0, min(endpos, len(text)) - pos)
            return plain.finditer(text, pos, endpos)

        def search(self, text: str, pos: int = 0, endpos: int = 2**62) -> re.Match[str] | None:
            nonlocal read
            m = plain.search(text, pos, endpos)
            read += (m.end() if m else min(endpos, len(text))) - pos
            return m

    monkeypatch.setattr(facts, "_CLAUSE", Counting())
    text = "Nguyễn Văn An Toán 8,5 điểm Trần Thị Bình Văn 7,25 điểm " * 200
    sent = Sentence(0, len(text), 0)
    index = _ClauseStarts(text)
    for m in re.finditer(r"\d+,\d+", text):
        index.at(0, m.start())
        index.end_after(sent, m.end())
    assert read < 40 * len(text) // 10  # the plain scans: 200 figures x half the line each


MARKER_WORDS = [
    "kém",
    "dẫn đầu",
    "hơn",
    "và",
    "Atletico",
    "5",
    "điểm",
    "đội",
    "Real",
    "x",
    "với",
    "2,5",
    "\u00a0",
    "  ",
]


def _plain_after_marker(text: str, clause_start: int, pos: int) -> bool:
    """``facts._after_marker`` as it read the whole clause before the name."""
    markers = facts._vocab("fact_object_markers.txt")
    words = text[clause_start:pos].split()
    lower = 0
    for k in range(len(words) - 1, -1, -1):
        w = words[k]
        for n in (2, 1):
            if k - n + 1 >= 0 and " ".join(words[k - n + 1 : k + 1]).lower() in markers and w.islower():
                return True
        if w == "và" or not w.islower() or any(c.isdigit() for c in w):
            continue
        lower += 1
        if lower > facts._MAX_MARKER_GAP:
            return False
    return False


@pytest.mark.parametrize("span", [1, 4, 160])
def test_marker_and_last_words_read_back_in_pieces_equal_the_whole_clause(
    monkeypatch: pytest.MonkeyPatch, span: int
) -> None:
    monkeypatch.setattr(facts, "_BACK_SPAN", span)
    rng = random.Random(span)
    found = 0
    for _ in range(400):
        text = " ".join(rng.choice(MARKER_WORDS) for _ in range(rng.randint(0, 50)))
        for _ in range(10):
            a = rng.randint(0, len(text))
            p = rng.randint(a, len(text))
            got = facts._after_marker(text, a, p)
            assert got == _plain_after_marker(text, a, p), (text, a, p)
            found += got
            for n in (0, 1, 4):
                assert facts._last_words(text, a, p, n) == (text[a:p].split()[-n:] if n else []), (text, a, p)
    assert found > 100


def test_bracket_owner_read_near_the_bracket_equals_the_plain_scan() -> None:
    from biennien.model import Mention

    rng = random.Random(5)
    hits = 0
    for _ in range(300):
        text = "".join(
            rng.choice(["Hà Nội", " ", "  ", "(", "x", "\n", "ông An"]) for _ in range(rng.randint(1, 40))
        )
        ments = []
        for _ in range(rng.randint(0, 12)):
            a = rng.randrange(len(text) + 1)
            b = min(len(text), a + rng.randint(0, 9))
            ments.append(Mention(text[a:b], a, b, rng.choice(["PER", "GPE"]), name=text[a:b]))
        named = sorted(ments, key=lambda m: -m.start)
        longest = max((m.end - m.start for m in named), default=0)
        for at in range(len(text) + 1):
            plain = facts._bracket_owner(text, at, named, None)
            assert facts._bracket_owner(text, at, named, longest) is plain, (text, at)
            hits += plain is not None
    assert hits > 300


def _plain_masked(words: list[str]) -> list[str]:
    """``events_fallback._masked`` with its plain scan of every place for every compound."""
    out = list(words)
    present = set(words)
    compounds = events_fallback._compounds()
    by_first = events_fallback._compounds_by_first()
    for seq, need in (compounds[n] for n in sorted(n for w in present for n in by_first.get(w, ()))):
        if not need <= present:
            continue
        n = len(seq)
        for k in range(len(out) - n + 1):
            if tuple(out[k : k + n]) == seq:
                out[k : k + n] = [""] * n
    return out


def _plain_main_clause(words: list[str]) -> list[str]:
    index = events_fallback._index("clause_break")
    if index.empty and len(words) > 1:
        return words[:1]
    for k in range(1, len(words)):
        if any(tuple(words[k : k + len(seq)]) == seq for seq in index.first.get(words[k], ())):
            return words[:k]
    return words


def _plain_contains(words: list[str], kind: str) -> bool:
    index = events_fallback._index(kind)
    if index.empty:
        return bool(words)
    return any(
        tuple(words[k : k + len(seq)]) == seq for k, w in enumerate(words) for seq in index.first.get(w, ())
    )


def test_fallback_cue_scans_in_c_equal_the_plain_scans() -> None:
    """``_masked``, ``_main_clause`` and ``_contains`` over word lists made of the cue tables' own
    words (compounds, clause breaks, no-event cues) and a few others."""
    cues = events_fallback._cues()
    vocab = sorted(
        {w for kind in ("compound", "clause_break", "no_event") for seq in cues.get(kind, ()) for w in seq}
    )
    vocab += ["ông", "năm", "2019", "x"]
    rng = random.Random(3)
    hits = {"masked": 0, "main": 0, "contains": 0}
    for _ in range(3000):
        words = [rng.choice(vocab) for _ in range(rng.randint(0, 30))]
        masked = events_fallback._masked(words)
        assert masked == _plain_masked(words), words
        hits["masked"] += masked != words
        main = events_fallback._main_clause(masked)
        assert main == _plain_main_clause(masked), masked
        hits["main"] += len(main) < len(masked)
        for kind in ("no_event", "clause_break"):
            got = events_fallback._contains(words, kind)
            assert got == _plain_contains(words, kind), (words, kind)
            hits["contains"] += got
    assert min(hits.values()) > 100, hits


def test_status_index_by_bisection_equals_the_walk() -> None:
    from biennien.analyse import events_status

    rng = random.Random(9)
    for _ in range(300):
        text = " ".join(
            rng.choice(["Ngày", "22/4", ",", "hủy", "(", "x", "2021"]) for _ in range(rng.randint(0, 40))
        )
        words = events_status._words(text, 0, len(text))
        for pos in range(-1, len(text) + 2):
            walk = next((n for n, w in enumerate(words) if w[1] > pos), len(words))
            assert events_status._index(words, pos) == walk
