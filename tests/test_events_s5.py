"""Session 5 fast paths of event extraction answer exactly as the plain definitions they replaced.

Each shortcut (the pre-filter going on past a decided sentence, the substring pre-tests of the date and
contrast cues, clause words from the sentence's word lists, the trigger search on plain lists, the
gender memo of ``Referents``) is compared with the plain reading on real-style Vietnamese sentences and
on many random texts built from the lexicon's own words glued with awkward bits (double spaces,
newlines, punctuation, capitals, underscores).
"""

from __future__ import annotations

import random
import re
from bisect import bisect_right

from biennien.analyse import events, events_fallback
from biennien.analyse.events import _WORD, _candidate_sentences, _lexicon, _words
from biennien.analyse.events_pronouns import GenderMemo, Referents
from biennien.model import Mention, Sentence, Timex
from biennien.vi.normalise import tone_normalise
from biennien.vi.sentences import split_sentences
from event_texts import FILLERS, GLUE, random_event_texts


def _random_texts(n: int, seed: int) -> list[str]:
    return random_event_texts(
        n, seed, longest=60, glue=(*GLUE, "; "), glue_rate=0.35, fillers=(*FILLERS, "trao", "rao")
    )


def _plain_candidates(text: str, sentences: list[Sentence], taken: frozenset[int]) -> set[int]:
    """The pre-filter walking every match of the text (``finditer``), as before session 5."""
    lex = _lexicon()
    starts = [s.start for s in sentences]
    out: set[int] = set()
    last = -1
    low = text.lower()
    plain = len(low) == len(text)
    finder = lex.finder if plain else re.compile(lex.finder.pattern, re.IGNORECASE)
    for m in finder.finditer(low if plain else text):
        pos = m.start()
        if pos > 0 and low[pos - 1].isalnum():
            continue
        n = bisect_right(starts, pos) - 1
        if n <= last or n < 0 or pos >= sentences[n].end:
            continue
        s = sentences[n]
        if s.start in taken or (m.end() <= s.end and m.group() in (lex.free if plain else frozenset())):
            out.add(s.start)
            last = n
            continue
        low_words, raw_words = events._window(text, s, pos)
        inside = min(len(m.group().split()), len(low_words))
        if any(events._allowed_in_window(lex, low_words, raw_words, i, text, s, pos) for i in range(inside)):
            out.add(s.start)
            last = n
    return out


def test_prefilter_going_on_past_decided_sentences_finds_the_same_sentences() -> None:
    """Sentences taken anyway (with a date) or already let through are not scanned to their end; the
    sentences left to decide are decided as when every match was walked through."""
    rng = random.Random(5)
    text = tone_normalise(
        "Chiều 13-2, Tổng Bí thư Tô Lâm đã tiếp ông Michael DeSombre. Hai bên có cuộc gặp\n"
        "gỡ với đại diện doanh nghiệp. Ông đã đến Hà Nội. Thời tiết đến cuối tuần vẫn nắng."
    )
    texts = [text, *_random_texts(500, 6)]
    decided = 0
    for t in texts:
        sents = split_sentences(t)
        for taken in (frozenset(), frozenset(s.start for s in sents if rng.random() < 0.4)):
            got = {s.start for s in _candidate_sentences(_lexicon(), t, sents, taken)}
            plain = _plain_candidates(t, sents, taken)
            assert got - taken == plain - taken, t
            decided += len(plain - taken)
    assert decided > 150


def _plain_crossed(text: str, a: int, b: int, kind: str) -> bool:
    lex = _lexicon()
    words = _words(text[a:b])
    if words and () in lex.cues.get(kind, ()):
        return True
    seqs = lex.cues.get(kind, ())
    return any(words[k : k + len(q)] == q for q in seqs if q for k in range(len(words)))


def _plain_since_now(text: str, t: Timex) -> bool:
    lex = _lexicon()
    before = _words(text[max(0, t.start - 12) : t.start])
    if not any(tuple(before[-len(q) :]) == q for q in lex.cues.get("since_open", ()) if q):
        return False
    after = _words(text[t.end : t.end + 16])
    return any(tuple(after[: len(q)]) == q for q in lex.cues.get("since_close", ()) if q)


def test_cue_pretests_answer_as_the_tokenised_spans() -> None:
    """``_crossed``, ``_since_now`` and ``_reference_at`` skip tokenising a span in which no cue's
    last word is written: their answers are those of the full reading, for any span."""
    lex = _lexicon()
    rng = random.Random(8)
    texts = [
        "Từ năm 2024 đến nay, hai bên đã gặp nhau nhiều lần, nhưng từ khi niêm yết vào năm 2004 thì khác.",
        *_random_texts(300, 9),
    ]
    hits = {"crossed": 0, "since": 0, "ref": 0}
    for t in texts:
        for _ in range(40):
            a = rng.randint(0, len(t))
            b = rng.randint(a, min(len(t), a + 60))
            for kind in ("contrast", "since_ref", "date_prep", "owned_date"):
                got = events._crossed(lex, t, a, b, kind)
                assert got == _plain_crossed(t, a, b, kind)
                hits["crossed"] += got
            tx = Timex(t[a:b], a, b, "DATE", "2024")
            got_since = events._since_now(lex, t, tx)
            assert got_since == _plain_since_now(t, tx)
            hits["since"] += got_since
            s_start = rng.randint(0, a)
            ref = events._reference_at(lex, t, s_start, tx)
            seg = t[s_start:a]
            lo = s_start + max(seg.rfind(c) for c in ",;:") + 1
            words = tuple(w.lower() for w in _WORD.findall(t, lo, a))
            if not any(w in lex.cue_first.get("since_ref", {}) for w in words):
                assert ref is None
            else:
                hits["ref"] += ref is not None
    assert hits["crossed"] > 20 and hits["ref"] > 5


def test_clause_words_from_the_sentence_are_the_clause_read_on_its_own() -> None:
    rng = random.Random(13)
    texts = [
        "Ngày 22/4, bệnh nhân đi ăn liên hoan; năm 2019, camera (giám sát) này đã ghi_lại.",
        *_random_texts(150, 14),
    ]
    read = 0
    for t in texts:
        for s in split_sentences(t):
            sw = events._Split(t, s).fallback_words(t, s)
            for _ in range(20):
                a = rng.randint(max(0, s.start - 2), s.end + 2)
                b = rng.randint(a - 1, s.end + 3)
                skip = (rng.randint(a, max(a, b)), rng.randint(a, max(a, b) + 5))
                got = sw.clause(a, b, skip)
                if got is not None:
                    assert got == events_fallback._clause_words(t, a, b, skip)
                    read += bool(got[1])
    assert read > 100


def _plain_blocked(toks: list[events._Tok], hit: events._Hit) -> str:
    """``_blocked`` as it read ``_Tok`` objects before session 5 (every list looked up per token)."""
    lex = _lexicon()
    block = lex.blockers[hit.trig.key]
    i, j = hit.i, hit.j
    last = toks[i - 1].low if i > 0 else ""
    if any(events._ends_at(toks, i, q) for q in block.negprev.get(last, ())):
        return "claim"
    lo = next((n + 1 for n in range(i - 1, -1, -1) if toks[n].text in ",;:"), 0)
    if block.clause and events._find_in(toks, lo, i, block.clause) is not None:
        return "claim"
    if any(events._ends_at(toks, i, q) for q in block.prev.get(last, ())):
        return "block"
    if j < len(toks) and any(events._seq_at(toks, j, q) for q in block.after.get(toks[j].low, ())):
        return "block"
    for back in range(4):
        end = i - back
        if end > 0 and any(events._ends_at(toks, end, q) for q in block.before.get(toks[end - 1].low, ())):
            return "block"
    words = lex.anaphor.get(hit.trig.key)
    if words and i > 0 and toks[i - 1].low in words:
        nxt = toks[j].text if j < len(toks) else "."
        if not nxt[:1].isupper():
            return "block"
    return ""


def _plain_triggers(toks: list[events._Tok]) -> tuple[list[tuple[int, int, str]], list[tuple[int, int]]]:
    """Every token tried with every phrase of its first word, longest first (no second-word index)."""
    lex = _lexicon()
    hits: list[tuple[int, int, str]] = []
    claims: list[tuple[int, int]] = []
    k = 0
    while k < len(toks):
        found = next(
            (
                t
                for t in lex.by_first.get(toks[k].low, ())
                if events._seq_at(toks, k, t.words) and events._allowed(t, toks, k, k + len(t.words))
            ),
            None,
        )
        if found is None:
            k += 1
            continue
        hit = events._Hit(found, k, k + len(found.words), toks[k].start, toks[k + len(found.words) - 1].end)
        why = _plain_blocked(toks, hit)
        if not why:
            hits.append((hit.i, hit.j, found.key))
        elif why == "claim":
            claims.append((hit.i, hit.j))
        k = hit.j
    return hits, claims


def test_trigger_search_on_word_lists_finds_what_the_tokens_found() -> None:
    """``_triggers_in`` (plain word lists, phrases indexed by their second word) gives the hits and
    claims of the plain token search."""
    lex = _lexicon()
    texts = [
        "Chiều 13-2, Tổng Bí thư Tô Lâm đã tiếp Đại sứ Hoa Kỳ. Liệu Apple có ra mắt iPhone mới?",
        "Tại buổi tiếp, hai bên nhất trí. Ông thường xuyên thăm Việt Nam. Nếu ông đến thăm Hà Nội thì sao?",
        *_random_texts(600, 15),
    ]
    found = claimed = 0
    for t in texts:
        for s in split_sentences(t):
            split = events._Split(t, s)
            neg: list[events._Hit] = []
            got = events._triggers_in(lex, split.low, split.raw, split.starts, split.ends, neg)
            hits, claims = _plain_triggers(split.toks())
            assert [(h.i, h.j, h.trig.key) for h in got] == hits, t[s.start : s.end]
            assert [(h.i, h.j) for h in neg] == claims
            found += len(hits)
            claimed += len(claims)
    assert found > 100 and claimed > 0


def test_referents_with_a_shared_memo_resolve_as_fresh_ones() -> None:
    """Sentences share what was read around the mentions before them: every pronoun resolves as when
    each sentence read them afresh."""
    text = tone_normalise(
        "Nữ diễn viên Trịnh Sảng gặp ông Trương Hằng. Ông Trịnh Thành Hoa - bố của Trịnh Sảng - đến. "
        "Cô cho biết bạn trai của cô là Trương Hằng. Ông lọt vào ống kính khi đi cùng con gái."
    )
    names = ["Trịnh Sảng", "Trương Hằng", "Trịnh Thành Hoa", "Trịnh Sảng", "Trương Hằng"]
    mentions, at = [], 0
    for name in names:
        k = text.index(name, at)
        mentions.append(Mention(name, k, k + len(name), "PER", name, key="PER:" + name))
        at = k + len(name)
    memo = GenderMemo()
    answers = 0
    for n in range(len(mentions) + 1):
        shared, fresh = Referents(text, mentions[:n], memo), Referents(text, mentions[:n])
        for pronoun in ((), ("ông",), ("cô",), ("bà",), ("nữ", "diễn", "viên")):
            got = shared.resolve(pronoun)
            assert got == fresh.resolve(pronoun)
            answers += got is not None
    assert answers > 5


def _plain_undoubled(words: list[str]) -> list[str]:
    out: list[str] = []
    for w in words:
        if out and w[:1].islower() and out[-1].lower().strip(",") == w.lower().strip(","):
            continue
        out.append(w)
    return out


def test_undoubled_drops_the_words_the_plain_loop_dropped() -> None:
    """Each word is lowered once: a run of repeats (``gặp gặp, Gặp gặp``) is cut as before."""
    assert events._undoubled("Gặp gặp chủ nhà UAE".split()) == ["Gặp", "chủ", "nhà", "UAE"]
    assert events._undoubled("Phạm Băng Băng kết hôn".split()) == ["Phạm", "Băng", "Băng", "kết", "hôn"]
    rng = random.Random(21)
    vocab = ["gặp", "Gặp", "gặp,", "GẶP", "tiếp", "Tiếp,", ",", "", "băng", "Băng"]
    dropped = 0
    for _ in range(3000):
        words = [rng.choice(vocab) for _ in range(rng.randint(0, 8))]
        got = events._undoubled(words)
        assert got == _plain_undoubled(words), words
        dropped += len(words) - len(got)
    assert dropped > 1000


def test_sentences_no_match_touched_have_no_trigger_written() -> None:
    """``_candidate_sentences(touched=...)``: a sentence no pre-filter match starts in or runs into is
    never one where ``_Split.may_trigger`` sees a trigger with fitting neighbours (so it is not asked);
    when lower-casing changes the text's length every sentence counts as touched."""
    lex = _lexicon()
    rng = random.Random(17)
    texts = [
        "Chiều 13-2, ông đã tiếp Đại sứ. Giá vàng hôm nay tăng. Hai bên có cuộc gặp\ngỡ đại diện.",
        *_random_texts(500, 18),
    ]
    untouched = 0
    for t in texts:
        sents = split_sentences(t)
        taken = frozenset(s.start for s in sents if rng.random() < 0.5)
        touched: set[int] = set()
        _candidate_sentences(lex, t, sents, taken, touched)
        for s in sents:
            if s.start not in touched:
                assert not events._Split(t, s).may_trigger(lex), t[s.start : s.end]
                untouched += 1
    assert untouched > 200
    odd = "İstanbul: ông đã tiếp Đại sứ. Trời nắng."  # "İ" lower-cases to two characters
    sents = split_sentences(odd)
    touched = set()
    _candidate_sentences(lex, odd, sents, frozenset(), touched)
    assert touched == {s.start for s in sents}
