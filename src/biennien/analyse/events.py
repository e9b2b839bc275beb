"""Events: who met, called, visited, received, signed or announced what, and when.

Why rules and tables rather than a trained model: no Vietnamese event corpus
with TIMEX-dated, participant-labelled events is openly available, and news
reports events in a handful of fixed patterns (``Chiều 13-2, X đã tiếp Y``,
``nhân chuyến thăm Z của W``).  The words live in ``vi/data/event_*.tsv``;
this module only knows the shape of a clause.

Per sentence:

1. find trigger words (longest match at each position), drop those in a
   blocking context (purpose clauses, anniversaries, anaphoric ``Tại buổi
   tiếp,``, habitual ``thường xuyên``);
2. give each trigger a date: a date in brackets right after it (``bình thường
   hóa quan hệ (tháng 7-1995)``), else the nearest date before it with no
   other trigger in between (``Ngày 17-2, Bộ Ngoại giao cho biết``), else a
   date after it in its own clause (``đã tiếp Y ... vào chiều 13-2``), else any
   earlier date of the sentence; statements take only the second kind, since
   a date after ``cho biết`` belongs to what was said;
3. triggers of one sentence that share a date are one event (``chứng kiến lễ
   ký và trao các hợp đồng`` is one signing), typed by the trigger with the
   highest priority; a backdrop clause (``nhân chuyến thăm Hoa Kỳ của Chủ tịch
   nước X``) is an event of its own;
4. a sentence with no date but ``cùng ngày`` inherits the last event's day;
5. agent and partner come from the entity mentions before and after the
   trigger, the place from ``tại``/``ở``; the summary is rebuilt from those
   parts.

Events without a date are kept (``date=None``); statements without a date of
their own are dropped, as they would only repeat the article's quotes.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from itertools import accumulate
from operator import attrgetter
from typing import Final

from biennien.analyse import events_fallback, events_status
from biennien.analyse.events_pronouns import GenderMemo, Referents
from biennien.analyse.timex_lower import lowered
from biennien.model import Event, EventType, Evidence, Mention, Participant, Sentence, Timex
from biennien.vi.casing import lower
from biennien.vi.resources import table

_WORD: Final = re.compile(r"\w+|[^\w\s]")
_WORD_SPLIT: Final = re.compile(r"(\w+|[^\w\s])")  # what lies between tokens is only white space
_WORD_BACK: Final = re.compile(r"(\w+|[^\w\s])\s*$")  # the last token before a position
_PART_OF_DAY: Final = re.compile(r"T(MO|MD|AF|EV|NI)$")
_DATEISH: Final = re.compile(r"^(\d{4}|XXXX)")
_MAX_OBJECT_WORDS: Final = 14
_FOLLOW_CHARS: Final = 1200  # how far past a paragraph end a schedule may be called off
_MAX_SUBJECT_WORDS: Final = 16


# --------------------------------------------------------------------------- lexicon


@dataclass(frozen=True, slots=True)
class _Trigger:
    words: tuple[str, ...]
    type: EventType
    priority: int
    next: frozenset[str] | None  # None = anything
    prev: frozenset[str] | None
    frame: bool
    key: str  # the words joined by one space (the phrase's key in the blocking and anaphor tables)


@dataclass(frozen=True, slots=True)
class _Lexicon:
    by_first: dict[str, tuple[_Trigger, ...]]
    anaphor: dict[str, frozenset[str]]
    cues: dict[str, tuple[tuple[str, ...], ...]]
    dayparts: dict[str, str]
    finder: re.Pattern[str]  # every position where a trigger phrase starts (a cheap pre-filter)
    blockers: dict[str, _Blockers]  # trigger phrase -> its blocking sequences and those of "*", indexed
    free: frozenset[str]  # trigger phrases (words joined by one space) with no next/previous word rule
    cue_first: dict[str, dict[str, tuple[tuple[str, ...], ...]]]  # cue kind -> its sequences by first word
    cue_last: dict[str, dict[str, tuple[tuple[str, ...], ...]]]  # cue kind -> its sequences by last word
    by_next: dict[str, _NextIndex]  # ``by_first`` again, split by the phrase's second word
    # cue kind -> the last words of its sequences, for a substring pre-test on a lower-cased span (None:
    # no pre-test, as a blank sequence matches anywhere or a word's lower case depends on its context)
    cue_ends: dict[str, tuple[str, ...] | None]
    word_phrases: bool  # every trigger phrase is written with word characters only (see ``_past``)


@dataclass(frozen=True, slots=True)
class _NextIndex:
    """The trigger phrases opening with one word (``by_first``, longest first) that can start where the
    next word is a given one: those of one word and those whose second word it is, in the same order.
    The trigger search tried every phrase of a common first word (``tổ``, ``ký``) to skip most on
    their second word."""

    by_second: dict[str, tuple[_Trigger, ...]]
    single: tuple[_Trigger, ...]  # the one-word phrases (what a next word no phrase has leaves)

    def fitting(self, nxt: str) -> tuple[_Trigger, ...]:
        return self.by_second.get(nxt, self.single)


def _next_index(trigs: tuple[_Trigger, ...]) -> _NextIndex:
    seconds = {t.words[1] for t in trigs if len(t.words) > 1}
    return _NextIndex(
        {w: tuple(t for t in trigs if len(t.words) == 1 or t.words[1] == w) for w in seconds},
        tuple(t for t in trigs if len(t.words) == 1),
    )


@dataclass(frozen=True, slots=True)
class _Blockers:
    """The blocking sequences of one trigger phrase together with those of ``"*"``, indexed by the
    word a match must have at a fixed token (the last word for sequences ending at the trigger, the
    first for those after it): ``_blocked`` runs for every trigger found, and scanning all the lists
    there was a good part of the trigger search."""

    negprev: dict[str, tuple[tuple[str, ...], ...]]  # by last word
    clause: dict[str, tuple[tuple[str, ...], ...]]  # by first word
    prev: dict[str, tuple[tuple[str, ...], ...]]  # by last word
    after: dict[str, tuple[tuple[str, ...], ...]]  # by first word
    before: dict[str, tuple[tuple[str, ...], ...]]  # by last word


def _words(s: str) -> tuple[str, ...]:
    return tuple(map(str.lower, _WORD.findall(s)))


def _wordset(cell: str) -> frozenset[str] | None:
    cell = cell.strip()
    if not cell or cell == "*":
        return None
    return frozenset(w.strip() if w.strip() in ("CAP", "NUM") else w.strip().lower() for w in cell.split(","))


_SEP: Final = "\x00sep"  # trie keys of the word gap and of a phrase's end (no character of a word)
_END: Final = "\x00end"
_Trie = dict[str, "_Trie"]


def _trie_pattern(phrases: set[tuple[str, ...]]) -> str:
    """One regex for every trigger phrase, as a character trie: ``(?:b(?:an\\s+hành|uổi\\s+tiếp)|...)``.

    Why: a plain alternation of the 238 phrases makes the regex engine try every phrase at every
    candidate position (0.46 ms per article); the trie tries one branch per distinct next character
    (7 times faster).  It finds the same matches: words are separated by ``\\s+`` and a phrase ends
    with ``(?!\\w)``, so at a trie node at most one character branch can match; the word gap is tried
    before the phrase end, so the longest phrase wins, as it did when the phrases were listed longest
    first.
    """
    root: _Trie = {}
    for words in phrases:
        node = root
        for n, word in enumerate(words):
            if n:
                node = node.setdefault(_SEP, {})
            for ch in word:
                node = node.setdefault(ch, {})
        node[_END] = {}

    def sub(node: _Trie) -> str:
        alts = []
        for key in sorted(node, key=lambda k: (k in (_SEP, _END), k == _END, k)):
            if key == _END:
                alts.append(r"(?!\w)")
            elif key == _SEP:
                alts.append(r"\s+" + sub(node[key]))
            else:
                alts.append(re.escape(key) + sub(node[key]))
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return sub(root)


@cache
def _lexicon() -> _Lexicon:
    by_first: dict[str, list[_Trigger]] = {}
    for row in table("event_triggers.tsv"):
        cells = [*row, "", "", "", ""]
        words = _words(cells[0])
        trig = _Trigger(
            words=words,
            type=cells[1],  # type: ignore[arg-type]
            priority=int(cells[2]),
            next=_wordset(cells[3]),
            prev=_wordset(cells[4]),
            frame=cells[5] == "frame",
            key=" ".join(words),
        )
        by_first.setdefault(words[0], []).append(trig)
    before: dict[str, list[tuple[str, ...]]] = {}
    prev: dict[str, list[tuple[str, ...]]] = {}
    after: dict[str, list[tuple[str, ...]]] = {}
    clause: dict[str, list[tuple[str, ...]]] = {}
    negprev: dict[str, list[tuple[str, ...]]] = {}
    anaphor: dict[str, frozenset[str]] = {}
    for row in table("event_blockers.tsv"):
        key = " ".join(_words(row[0])) if row[0] != "*" else "*"
        where, value = row[1], row[2]
        if where == "anaphor":
            anaphor[key] = frozenset(w.strip().lower() for w in value.split(","))
        else:
            target = {"before": before, "prev": prev, "after": after, "clause": clause, "negprev": negprev}[
                where
            ]
            target.setdefault(key, []).append(_words(value))
    cues: dict[str, list[tuple[str, ...]]] = {}
    dayparts: dict[str, str] = {}
    for row in table("event_cues.tsv"):
        if row[0] == "daypart":
            dayparts[row[1].lower()] = row[2]
        else:
            cues.setdefault(row[0], []).append(_words(row[1]))
    # organisation head nouns of the entity tables: any of them written alone in lower case is a subject
    # that points back to an organisation ("hãng ra mắt"); one that is part of a name when capitalised
    # makes a fuller name of the mention it precedes in lower case ("hải quân Indonesia")
    for row in table("entity_org_heads.tsv"):
        if len(row) < 2 or row[1] != "ORG":
            continue
        cues.setdefault("orghead", []).append(_words(row[0]))
        flags = row[2].split(",") if len(row) > 2 else []
        if "lower" not in flags and "drop" not in flags:
            cues.setdefault("orghead_name", []).append(_words(row[0]))
    finder = re.compile(_trie_pattern({t.words for v in by_first.values() for t in v}))

    # a phrase with no sequences of its own in a table shares the index of the "*" sequences (made once
    # per table, not once per phrase: most phrases have none; the indexes are only read)
    shared: dict[int, dict[str, tuple[tuple[str, ...], ...]]] = {}

    def indexed(
        table: dict[str, list[tuple[str, ...]]], key: str, last: bool
    ) -> dict[str, tuple[tuple[str, ...], ...]]:
        seqs = (*table.get(key, ()), *table.get("*", ()))
        if key in table:
            return _by_last(seqs) if last else _by_first(seqs)
        if id(table) not in shared:
            shared[id(table)] = _by_last(seqs) if last else _by_first(seqs)
        return shared[id(table)]

    blockers = {
        key: _Blockers(
            negprev=indexed(negprev, key, True),
            clause=indexed(clause, key, False),
            prev=indexed(prev, key, True),
            after=indexed(after, key, False),
            before=indexed(before, key, True),
        )
        for key in {" ".join(t.words) for v in by_first.values() for t in v}
    }
    sorted_cues = {k: tuple(sorted(v, key=len, reverse=True)) for k, v in cues.items()}
    by_first_sorted = {k: tuple(sorted(v, key=lambda t: -len(t.words))) for k, v in by_first.items()}
    return _Lexicon(
        finder=finder,
        blockers=blockers,
        free=frozenset(
            " ".join(t.words)
            for v in by_first.values()
            for t in v
            if t.next is None and t.prev is None and len(t.words) <= _WINDOW_WORDS
        ),
        cue_first={k: _by_first(v) for k, v in sorted_cues.items()},
        cue_last={k: _by_last(v) for k, v in sorted_cues.items()},
        by_first=by_first_sorted,
        by_next={k: _next_index(v) for k, v in by_first_sorted.items()},
        cue_ends={k: _cue_ends(v) for k, v in sorted_cues.items()},
        word_phrases=all(
            ch.isalnum() or ch == "_" for v in by_first.values() for t in v for w in t.words for ch in w
        ),
        anaphor=anaphor,
        cues=sorted_cues,
        dayparts=dayparts,
    )


def _cue_ends(seqs: tuple[tuple[str, ...], ...]) -> tuple[str, ...] | None:
    """The last words of ``seqs`` (see ``_Lexicon.cue_ends``): when a sequence is among the lower-cased
    words of a span, its last word is written in the span lower-cased as a whole, so a span holding
    none of them needs no tokenising.  None when that does not hold: a blank sequence, or a sigma
    (the one letter whose lower case depends on the letters around it)."""
    ends = tuple(sorted({seq[-1] for seq in seqs if seq}))
    if any(not seq for seq in seqs) or any(ch in w for w in ends for ch in "σςΣ"):
        return None
    return ends


def _cue_written(lex: _Lexicon, kind: str, span: str) -> bool:
    """Some sequence of ``kind`` may be among the words of ``span`` (False: certainly not)."""
    ends = lex.cue_ends.get(kind, ())
    if ends is None:
        return True
    low = span.lower()
    return any(w in low for w in ends)


# --------------------------------------------------------------------------- sentence reading


@dataclass(slots=True, init=False)
class _Tok:
    start: int
    end: int
    text: str
    low: str

    def __init__(self, start: int, end: int, text: str, low: str) -> None:
        # written out, not generated by @dataclass: mypyc compiles this one to C, while the
        # generated __init__ runs as interpreted Python for every object (about 5x slower)
        self.start = start
        self.end = end
        self.text = text
        self.low = low


@dataclass(slots=True, init=False)
class _Hit:
    trig: _Trigger
    i: int  # first token
    j: int  # one past the last token
    start: int
    end: int
    date: Timex | None = None
    date_rank: int = 9
    more: list[tuple[Timex, int, int]] = field(default_factory=list)  # listed further dates

    def __init__(
        self,
        trig: _Trigger,
        i: int,
        j: int,
        start: int,
        end: int,
        date: Timex | None = None,
        date_rank: int = 9,
        more: list[tuple[Timex, int, int]] | None = None,
    ) -> None:
        # written out, not generated by @dataclass: mypyc compiles this one to C, while the
        # generated __init__ runs as interpreted Python for every object (about 5x slower)
        self.trig = trig
        self.i = i
        self.j = j
        self.start = start
        self.end = end
        self.date = date
        self.date_rank = date_rank
        self.more = [] if more is None else more


def _tokens(text: str, s: Sentence) -> list[_Tok]:
    """The tokens of a sentence (``_WORD``)."""
    return _Split(text, s).toks()


class _Split:
    """A sentence's tokens as plain lists: split with the pattern as a group, the pieces alternate
    between the space before a token and the token, so their running lengths are the offsets (no
    match object per token).  Why plain lists first: about four sentences in ten that are read have
    no trigger (a date alone brings them in), and for those no ``_Tok`` object is needed at all."""

    __slots__ = ("starts", "ends", "raw", "low", "firsts")

    def __init__(self, text: str, s: Sentence) -> None:
        self.firsts: list[int] = []  # the words that open some trigger phrase (set by ``may_trigger``)
        sub = text[s.start : s.end]
        low_sub = lower(sub)
        if len(low_sub) != len(sub) or "Σ" in sub or not self._chunked(sub.split(), low_sub, s.start):
            # a lower case that is not the words' own lower cases side by side, or white space other
            # than one character between the chunks: the regex split
            parts = _WORD_SPLIT.split(sub)
            self.raw = parts[1::2]
            bounds = list(accumulate(map(len, parts), initial=s.start))  # the last ends the trailing space
            self.starts = bounds[1:-1:2]
            self.ends = bounds[2::2]
            self.low = list(map(lower, self.raw))

    def _chunked(self, chunks: list[str], low_sub: str, base: int) -> bool:
        """The tokens of a sentence from its white-space chunks ``chunks``, when one white-space character
        stands between two chunks and none at either end (False, and nothing set, when not): a chunk of
        word characters only is one token (most), a word with one mark after it two, the others are
        split by ``_WORD`` into tokens that touch (no white space inside a chunk), so every offset is a
        running length.  The lower-case words are cut from the sentence lowered whole (``low_sub``, from
        ``base``): when it is as long as the sentence, each character lowered into one, and no capital
        sigma (the one character lowered by its context) is written, a word's lower case is its part of it.

        Why: the regex split cost about a quarter of the extraction (a search and two pieces per word);
        ``str.split`` and a test per chunk do the same in C, and lowering the sentence once is cheaper
        than lowering its words one by one."""
        raw: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        low: list[str] = []
        pos = base
        for chunk in chunks:
            if chunk.isalnum():  # (``\w`` is a letter, digit or ``_``: a chunk with ``_`` goes below)
                end = pos + len(chunk)
                raw.append(chunk)
                starts.append(pos)
                ends.append(end)
                low.append(low_sub[pos - base : end - base])
                pos = end + 1
                continue
            head = chunk[:-1]
            mark = chunk[-1]
            if head.isalnum() and not mark.isalnum() and mark != "_":
                # "Nội,", "2024.": a word and a mark (``str.isalnum`` is False on "")
                end = pos + len(head)
                raw.append(head)
                starts.append(pos)
                ends.append(end)
                low.append(low_sub[pos - base : end - base])
                raw.append(mark)
                starts.append(end)
                ends.append(end + 1)
                low.append(low_sub[end - base : end + 1 - base])
                pos = end + 2
                continue
            for word in _WORD.findall(chunk):
                end = pos + len(word)
                raw.append(word)
                starts.append(pos)
                ends.append(end)
                low.append(low_sub[pos - base : end - base])
                pos = end
            pos += 1
        if pos - 1 != base + len(low_sub):
            return False  # (no chunk, or more white space than one character between two or at an end)
        self.raw, self.starts, self.ends, self.low = raw, starts, ends, low
        return True

    def toks(self) -> list[_Tok]:
        # native calls in an indexed loop (``map`` called the class through Python's calling convention)
        starts, ends, raw, low = self.starts, self.ends, self.raw, self.low
        return [_Tok(starts[k], ends[k], raw[k], low[k]) for k in range(len(raw))]

    def fallback_words(self, text: str, s: Sentence) -> events_fallback.SentenceWords:
        """The words as ``events_fallback`` reads them."""
        return events_fallback.SentenceWords(text, s.start, s.end, self.starts, self.ends, self.low, self.raw)

    def status_words(self) -> list[tuple[int, int, str]]:
        """The words as ``events_status`` reads them (``(start, end, lower-case word)``)."""
        return list(zip(self.starts, self.ends, self.low, strict=True))

    def may_trigger(self, lex: _Lexicon) -> bool:
        """Some trigger phrase is written here with fitting neighbours (what ``_find_triggers`` asks
        before it looks at the blocking contexts): when not, the sentence has no trigger and its
        ``_Tok`` objects are never made."""
        by_first = lex.by_first
        low, raw = self.low, self.raw
        n = len(low)
        self.firsts = [k for k, w in enumerate(low) if w in by_first]
        for k in self.firsts:
            nxt = low[k + 1] if k + 1 < n else ""
            for trig in lex.by_next[low[k]].fitting(nxt):
                words = trig.words
                j = k + len(words)
                if j > n or tuple(low[k:j]) != words:
                    continue
                if _context_fits(trig, low, raw, k, j):
                    return True
        return False


def _seq_at(toks: list[_Tok], i: int, words: tuple[str, ...]) -> bool:
    n = len(words)
    if i < 0 or i + n > len(toks) or toks[i].low != words[0]:
        return False
    for k in range(1, n):
        if toks[i + k].low != words[k]:
            return False
    return True


def _ends_at(toks: list[_Tok], j: int, words: tuple[str, ...]) -> bool:
    """``words`` end right before token ``j``."""
    return _seq_at(toks, j - len(words), words)


def _seq_in(low: list[str], i: int, words: tuple[str, ...]) -> bool:
    """``words`` are written from word ``i`` of the lower-case word list ``low`` (``_seq_at`` on plain
    lists)."""
    return i >= 0 and i + len(words) <= len(low) and tuple(low[i : i + len(words)]) == words


def _ends_in(low: list[str], j: int, words: tuple[str, ...]) -> bool:
    """``words`` end right before word ``j`` of ``low``."""
    return _seq_in(low, j - len(words), words)


def _blocked(
    lex: _Lexicon, low: list[str], raw: list[str], hit: _Hit, present: set[str] | None = None
) -> str:
    """Why ``hit`` reports no event: "" (it does), "block", or "claim" (a negated or hypothetical
    event: it did not happen, and the date of its clause is its own, not another trigger's).
    ``low``, ``raw``: the sentence's words lower-cased and as written; ``present``: the set of
    ``low``, when known (a clause cue none of whose first words is written needs no scan)."""
    key = hit.trig.key
    block = lex.blockers[key]
    i, j = hit.i, hit.j
    last = low[i - 1] if i > 0 else ""
    if last in block.negprev and any(_ends_in(low, i, seq) for seq in block.negprev[last]):
        return "claim"
    if block.clause and (present is None or not block.clause.keys().isdisjoint(present)):
        # "liệu Apple có thực sự ra mắt ...": a word anywhere earlier in the trigger's clause
        lo = next((n + 1 for n in range(i - 1, -1, -1) if raw[n] in ",;:"), 0)
        index = block.clause
        if any(
            _seq_in(low, k, seq) and k + len(seq) <= i for k in range(lo, i) for seq in index.get(low[k], ())
        ):
            return "claim"
    if last in block.prev and any(_ends_in(low, i, seq) for seq in block.prev[last]):
        return "block"
    if j < len(low) and (seqs := block.after.get(low[j])) and any(_seq_in(low, j, seq) for seq in seqs):
        return "block"
    if block.before:
        for back in range(0, 4):
            end = i - back
            if end > 0 and (seqs := block.before.get(low[end - 1])):
                if any(_ends_in(low, end, seq) for seq in seqs):
                    return "block"
    words = lex.anaphor.get(key)
    if words and i > 0 and low[i - 1] in words:
        nxt = raw[j] if j < len(raw) else "."
        if not nxt[:1].isupper():
            return "block"
    return ""


def _context_fits(trig: _Trigger, low: list[str], raw: list[str], k: int, j: int) -> bool:
    """The word after the phrase at ``low[k:j]`` is one it allows (a listed word, a capital, a number),
    and the word before it one it asks for; ``raw`` holds the words as written."""
    if trig.next is not None and (j >= len(low) or not _next_fits(trig, low[j], raw[j])):
        return False
    return trig.prev is None or (k > 0 and low[k - 1] in trig.prev)


def _next_fits(trig: _Trigger, nxt: str, nxt_raw: str) -> bool:
    """The word after the phrase (``nxt`` lower-cased, ``nxt_raw`` as written) is one it allows."""
    return (
        trig.next is None
        or nxt in trig.next
        or ("CAP" in trig.next and nxt_raw[:1].isupper())
        or ("NUM" in trig.next and nxt_raw[:1].isdigit())
    )


def _allowed(trig: _Trigger, toks: list[_Tok], i: int, j: int) -> bool:
    if trig.next is not None:
        if j >= len(toks):
            return False
        nxt = toks[j]
        if not (
            nxt.low in trig.next
            or ("CAP" in trig.next and nxt.text[:1].isupper())
            or ("NUM" in trig.next and nxt.text[:1].isdigit())
        ):
            return False
    if trig.prev is not None and (i == 0 or toks[i - 1].low not in trig.prev):
        return False
    return True


def _find_triggers(
    lex: _Lexicon, toks: list[_Tok], negated: list[_Hit] | None = None, firsts: list[int] | None = None
) -> list[_Hit]:
    """The triggers of a sentence that report events; negated or hypothetical ones go to ``negated``.
    ``firsts``: the tokens that open some trigger phrase, when known (``_Split.may_trigger``)."""
    return _triggers_in(
        lex,
        [t.low for t in toks],
        [t.text for t in toks],
        [t.start for t in toks],
        [t.end for t in toks],
        negated,
        firsts,
    )


def _triggers_in(
    lex: _Lexicon,
    low: list[str],
    raw: list[str],
    starts: list[int],
    ends: list[int],
    negated: list[_Hit] | None = None,
    firsts: list[int] | None = None,
) -> list[_Hit]:
    """``_find_triggers`` on the sentence's words as plain lists (``_Split``): lower-cased, as
    written, their starts and ends.  Why lists: no attribute read per token in the searches."""
    hits: list[_Hit] = []
    by_first, by_next = lex.by_first, lex.by_next
    present: set[str] | None = None  # the sentence's words, made at the first trigger found
    n = len(low)
    i = 0
    # only tokens that open some trigger phrase can start one (a set test per token, in one pass)
    for k in firsts if firsts is not None else [k for k, w in enumerate(low) if w in by_first]:
        if k < i:
            continue  # inside the trigger found last
        found = None
        nxt = low[k + 1] if k + 1 < n else ""
        for trig in by_next[low[k]].fitting(nxt):  # phrases whose second word differs are not tried
            words = trig.words
            j = k + len(words)
            # the first two words are those of the phrases ``fitting`` gives: only longer ones are compared
            if j > n or (j > k + 2 and tuple(low[k + 2 : j]) != words[2:]):
                continue
            if not _context_fits(trig, low, raw, k, j):
                continue
            found = _Hit(trig, k, j, starts[k], ends[j - 1])
            break
        if found is None:
            continue
        if present is None:
            present = set(low)
        why = _blocked(lex, low, raw, found, present)
        if not why:
            hits.append(found)
        elif why == "claim" and negated is not None:
            negated.append(found)
        i = found.j
    return hits


def _candidate_sentences(
    lex: _Lexicon,
    text: str,
    sentences: Sequence[Sentence],
    taken: frozenset[int] = frozenset(),
    touched: set[int] | None = None,
) -> list[Sentence]:
    """The sentences where some trigger is allowed (its next/previous words fit); the others cannot
    hold an event, and skipping them is what keeps extraction fast (most sentences have none).
    ``taken``: the starts of sentences read anyway (those with a date): a match there is not looked at
    and the sentence is returned as if a trigger fitted.  ``touched`` (when given) receives the starts of
    the sentences some match starts in or runs into: in any other sentence no trigger phrase is
    written (its first word would have been matched, or a match running over it), so
    ``_Split.may_trigger`` need not be asked there.  (When the text's lower case changes its length,
    the case-blind search on the text as written proves nothing of the kind: every sentence is
    touched.)"""
    starts = [s.start for s in sentences]
    ends = [s.end for s in sentences]
    out: list[Sentence] = []
    last = -1
    low = lowered(text)
    matched_low = len(low) == len(text)
    finder = lex.finder if matched_low else re.compile(lex.finder.pattern, re.IGNORECASE)
    free = lex.free if matched_low else frozenset()
    search = finder.search
    scanned = low if matched_low else text
    plain = matched_low and lex.word_phrases
    at = 0  # where the next match is looked for
    n_sents = len(starts)
    if touched is not None and not matched_low:
        touched.update(starts)
        touched = None
    while (m := search(scanned, at)) is not None:
        pos, at = m.span()
        if touched is not None:
            k = bisect_right(starts, pos) - 1
            if k < 0 or pos >= ends[k]:
                k += 1  # (a match before the first sentence or between two)
            while k < n_sents and starts[k] < at:
                touched.add(starts[k])
                k += 1
        if pos > 0 and low[pos - 1].isalnum():
            continue
        n = bisect_right(starts, pos) - 1
        if n < 0 or pos >= ends[n]:
            continue
        if n <= last:
            at = _past(scanned, ends[n], at, plain)
            continue
        s = sentences[n]
        if s.start in taken or (m.end() <= s.end and m.group() in free):
            out.append(s)  # read anyway, or the phrase found is a trigger with no neighbour rule
            last = n
            at = _past(scanned, ends[n], at, plain)
            continue
        if plain and at <= s.end and text[pos:at].isalnum() and not _word_char(text, at):
            fits = _word_fits(lex, text, s, pos, at)  # one whole word matched (most): its next words only
        else:
            low_words, raw_words = _window(text, s, pos)
            # a match is consumed whole: a shorter trigger may start at any of its words ("cuộc gặp", "gặp")
            inside = min(len(m.group().split()), len(low_words))
            fits = any(_allowed_in_window(lex, low_words, raw_words, i, text, s, pos) for i in range(inside))
        if fits:
            out.append(s)
            last = n
            at = _past(scanned, ends[n], at, plain)
    return out


def _word_char(text: str, k: int) -> bool:
    """``text[k]`` is a word character (``\\w``); False past the end."""
    return k < len(text) and (text[k].isalnum() or text[k] == "_")


def _word_fits(lex: _Lexicon, text: str, s: Sentence, pos: int, end: int) -> bool:
    """``_allowed_in_window`` at the first word of the window at ``pos``, when the match is that one
    whole word ``text[pos:end]``: the window's next words are read one at a time, only as far as the
    phrases of that first word need (most have one word and a next-word rule), instead of ten words.
    The window's length counts where it did: a phrase running to the window's end is let through."""
    raw = [text[pos:end]]
    low = [raw[0].lower()]
    at = end
    done = False  # the window's words are all read (the sentence ends, or ten are read)
    for trig in lex.by_first.get(low[0], ()):
        words = trig.words
        j = len(words)
        while not done and len(raw) <= j:
            nxt_tok = _WORD.search(text, at, s.end)
            if nxt_tok is None:
                done = True
                break
            raw.append(nxt_tok.group())
            low.append(raw[-1].lower())
            at = nxt_tok.end()
            done = len(raw) >= _WINDOW_WORDS
        if j > len(raw) or tuple(low[:j]) != words:
            continue  # (not done: more than j words are read)
        if j >= len(raw):
            return True
        if not _next_fits(trig, low[j], raw[j]):
            continue
        if trig.prev is not None:
            before = _match_prev_word(text, s, pos)
            if before is None or before not in trig.prev:
                continue
        return True
    return False


def _past(scanned: str, end: int, at: int, plain: bool) -> int:
    """Where the pre-filter goes on once a sentence ending at ``end`` is decided: at ``end`` when
    the sentence ends with a mark no match can hold (phrases are words and the spaces between them),
    else where the last match ended (``at``).  The same matches follow as when every match of the
    sentence is walked through: no match runs across that mark, and a match found from ``at`` or from
    ``end`` is then the same (the pattern looks at nothing before a match).  Why: the rest of a
    sentence already taken need not be scanned."""
    if not plain or end <= at:
        return at
    c = scanned[end - 1]
    return end if not (c.isalnum() or c == "_" or c.isspace()) else at


_WINDOW_WORDS: Final = 10  # words read from a match on (a longer trigger runs past them and is let through)
_WINDOW_CHARS: Final = 240  # characters read for them (read again to the sentence end when too few)
# characters read first: ten words fit in most; with eleven read, the first ten are whole words
_WINDOW_FIRST: Final = 80


def _window(text: str, s: Sentence, pos: int) -> tuple[list[str], list[str]]:
    """The ten words from a match at ``pos`` on (in its sentence), lower-cased and as written.  Plain
    strings, not ``_Tok`` objects: the window is read at every match in the text, and most matches
    let no trigger through."""
    raw = _WORD.findall(text, pos, min(s.end, pos + _WINDOW_FIRST))
    if len(raw) <= _WINDOW_WORDS and pos + _WINDOW_FIRST < s.end:
        # too few words in the short read (the last may be cut): the longer read, as before
        raw = _WORD.findall(text, pos, min(s.end, pos + _WINDOW_CHARS))
        if len(raw) <= _WINDOW_WORDS and pos + _WINDOW_CHARS < s.end:
            raw = _WORD.findall(text, pos, s.end)
    raw = raw[:_WINDOW_WORDS]
    return list(map(str.lower, raw)), raw


def _match_prev_word(text: str, s: Sentence, pos: int) -> str | None:
    """The word before ``pos`` within 24 characters in its sentence (a word cut there is kept cut),
    lower-cased; read only for a trigger with a previous-word rule."""
    prev = _WORD_BACK.search(text, max(s.start, pos - 24), pos)
    return prev[1].lower() if prev else None


def _allowed_in_window(
    lex: _Lexicon, low: list[str], raw: list[str], i: int, text: str, s: Sentence, pos: int
) -> bool:
    """Some trigger starts at word ``i`` of the window at ``pos`` with fitting neighbours (or runs past
    the window): ``_seq_at`` and ``_allowed`` on the window's words."""
    for trig in lex.by_first.get(low[i], ()):
        j = i + len(trig.words)
        if j > len(low) or tuple(low[i:j]) != trig.words:
            continue
        if j >= len(low):
            return True
        if not _next_fits(trig, low[j], raw[j]):
            continue
        if trig.prev is not None:
            before = low[i - 1] if i > 0 else _match_prev_word(text, s, pos)
            if before is None or before not in trig.prev:
                continue
        return True
    return False


def _retyped(
    lex: _Lexicon, toks: list[_Tok], hits: list[_Hit], present: set[str] | None = None
) -> list[_Hit]:
    """In a sports sentence (``trận``, ``HLV``, ``lịch thi đấu``) ``gặp`` or ``tiếp`` is a match.
    ``present``: the sentence's lower-case words, when known (no context word among them: no scan)."""
    match_words = _match_words()
    if not any(h.trig.key in match_words for h in hits):
        return hits
    context = lex.cue_first.get("match_context", {})
    if present is not None and context.keys().isdisjoint(present):
        return hits
    if _find_in(toks, 0, len(toks), context) is None:
        return hits
    for h in hits:
        if h.trig.key in match_words:
            h.trig = replace(h.trig, type="other")
    return hits


@cache
def _match_words() -> frozenset[str]:
    """The ``match_trigger`` phrases, words joined by one space (as ``_Trigger.key``)."""
    return frozenset(" ".join(w) for w in _lexicon().cues.get("match_trigger", ()))


def _usable(t: Timex) -> bool:
    """A calendar date or time (not a duration, a set or a vague ``PRESENT_REF``)."""
    return t.type in ("DATE", "TIME") and bool(_DATEISH.match(t.value))


def _parenthesised(text: str, t: Timex) -> bool:
    k = t.start - 1
    while k >= 0 and text[k] == " ":
        k -= 1
    return k >= 0 and text[k] == "("


def _after_since_open(lex: _Lexicon, text: str, t: Timex) -> tuple[str, ...] | None:
    """The words after ``t`` when a ``since_open`` cue (``từ``) stands right before it, else None."""
    span = text[max(0, t.start - 12) : t.start]
    if not _cue_written(lex, "since_open", span):
        return None  # most dates: no word read
    before = _words(span)
    if not any(tuple(before[-len(seq) :]) == seq for seq in lex.cues.get("since_open", ()) if seq):
        return None  # most dates: the words after are not read
    return _words(text[t.end : t.end + 16])


def _since_now(lex: _Lexicon, text: str, t: Timex) -> bool:
    """``từ năm 2024 đến nay``: the start of a period running to the present, not a point in time."""
    after = _after_since_open(lex, text, t)
    return after is not None and any(
        tuple(after[: len(seq)]) == seq for seq in lex.cues.get("since_close", ()) if seq
    )


def _since_open_only(lex: _Lexicon, text: str, t: Timex) -> bool:
    """``từ năm 2020`` with no end: a bare year that starts a state ("tham dự sự kiện từ năm 2020"),
    which dates only a trigger of beginning (``bắt đầu``)."""
    if not _year_only(t):
        return False  # "từ ngày 10/6", "điện đàm ... từ tháng 11-2024": the first of the events told
    after = _after_since_open(lex, text, t)
    return after is not None and not any(
        tuple(after[: len(seq)]) == seq for seq in lex.cues.get("since_range", ()) if seq
    )


def _reference_at(lex: _Lexicon, text: str, s_start: int, t: Timex) -> int | None:
    """Where the ``since_ref`` cue opening ``t``'s phrase starts, when ``t`` dates a reference point
    (``tăng vốn gấp ba lần kể từ sau khi niêm yết vào năm 2004``): the year is the listing's, the point a
    length of time is counted from, not the date of the main clause.  None when no cue stands before
    ``t`` in its comma segment, or when a bare ``kể từ`` takes the date right after it (``kể từ năm
    2004``, left to the ``since_open`` rules)."""
    lo = max(
        text.rfind(",", s_start, t.start),
        text.rfind(";", s_start, t.start),
        text.rfind(":", s_start, t.start),
    )
    lo = max(lo + 1, s_start)
    index = lex.cue_first.get("since_ref", {})
    seg = text[lo : t.start].lower()
    if not any(w in seg for w in index):
        return None  # no cue word written even inside a word (most dates): no words read
    words = tuple(map(str.lower, _WORD.findall(text, lo, t.start)))
    if index.keys().isdisjoint(words):
        return None  # no cue word at all
    for k in range(len(words) - 1, -1, -1):
        for seq in index.get(words[k], ()):
            if words[k : k + len(seq)] == seq:
                if k + len(seq) == len(words) and seq in lex.cues.get("since_open", ()):
                    return None
                return next(m.start() for n, m in enumerate(_WORD.finditer(text, lo, t.start)) if n == k)
    return None


def _in_aside(text: str, hit_end: int, t: Timex) -> bool:
    """``công bố ... lần đầu năm 2019, ... (có hiệu lực kể từ năm 2016)``: a date inside a bracketed
    aside opened after the trigger belongs to the aside (a date right after the bracket does not)."""
    gap = text[hit_end : t.start]
    k = gap.rfind("(")
    return k >= 0 and ")" not in gap[k:] and gap[k + 1 :].strip() != ""


def _crossed(lex: _Lexicon, text: str, a: int, b: int, kind: str) -> bool:
    """A cue of ``kind`` stands between offsets ``a`` and ``b``."""
    span = text[a:b]
    if not _cue_written(lex, kind, span):
        return False  # most spans: no word read
    words = _words(span)
    if words and () in lex.cues.get(kind, ()):
        return True  # a blank sequence stands anywhere
    index = lex.cue_first.get(kind, {})
    return any(words[k : k + len(seq)] == seq for k, w in enumerate(words) for seq in index.get(w, ()))


def _year_only(t: Timex) -> bool:
    return len(t.value) == 4


def _precision(t: Timex) -> int:
    return 1 + t.value[4:10].count("-")


def _comma_after(text: str, t: Timex) -> bool:
    return text[t.end : t.end + 2].lstrip()[:1] == ","


def _word_before(lex: _Lexicon, text: str, t: Timex, kind: str, punct: bool = False) -> bool:
    """A cue of ``kind`` ends right before ``t`` (or, with ``punct``, a comma, bracket or nothing)."""
    span = text[max(0, t.start - 24) : t.start]
    if not punct and not _cue_written(lex, kind, span):
        return False  # no cue's last word written before the date (most dates): no word read
    before = _words(span)
    if punct and (not before or before[-1] in (",", "(", ":", ";")):
        return True
    return bool(before) and any(
        before[-len(seq) :] == seq for seq in lex.cue_last.get(kind, {}).get(before[-1], ())
    )


# "và" as the text writes it ("Và", "VÀ" in capitals): searched without lower-casing, which may change lengths
_AND: Final = re.compile("và", re.IGNORECASE)


def _listed(lex: _Lexicon, text: str, after: list[Timex]) -> list[tuple[Timex, int, int]]:
    """``gặp Indonesia ngày 7/6, Thái Lan ngày 11/6 và UAE ngày 15/6``: the further dates of a list
    after the trigger, each with the words it dates (between the previous date and it)."""
    out: list[tuple[Timex, int, int]] = []
    stops = lex.cues.get("list_stop", ())
    for prev, t in zip(after, after[1:], strict=False):
        gap = text[prev.end : t.start]
        words = _words(gap)
        if not words or words[0] not in (",", "và") or len(words) > 7 or any(w in ".;:" for w in words):
            break
        # "vào tháng 12/2006, chỉ ít tháng trước khi ...": a comparison, not a further date
        around = words + _words(text[t.end : t.end + 12])[:2]
        if any(around[k : k + len(seq)] == seq for seq in stops for k in range(len(around))):
            break
        found = _AND.search(gap) if words[0] == "và" else None
        lead = found.end() if found else len(gap) - len(gap.lstrip(" ,"))
        out.append((t, prev.end + lead, t.start))
    return out


def _references(lex: _Lexicon, text: str, s_start: int, timexes: list[Timex]) -> dict[int, int]:
    """``_reference_at`` of each date of a sentence, by the date's start (only those with a cue): read
    once per sentence for the trigger dates and the fallback."""
    return {t.start: c for t in timexes if (c := _reference_at(lex, text, s_start, t)) is not None}


def _bind_dates(
    lex: _Lexicon,
    text: str,
    hits: list[_Hit],
    all_timexes: list[Timex],
    s_start: int,
    s_end: int,
    refs: dict[int, int] | None = None,
) -> None:
    """Give every trigger its date (see the module docstring for the order).

    A period start running to the present (``từ năm 2024 đến nay``) is used only when nothing
    else dates the trigger: the events told in that clause happened during the period, not at its start.
    """
    periods = [t for t in all_timexes if _since_now(lex, text, t)]
    # "sinh năm 1997", "Được thành lập năm 2002": the date of a birth or founding, not of the event told
    owned = [t for t in all_timexes if _word_before(lex, text, t, "owned_date")]
    opened = [t for t in all_timexes if t not in periods and _since_open_only(lex, text, t)]
    dated = [t for t in all_timexes if t not in periods and t not in owned]
    naming = [t for t in dated if _year_only(t) and not _word_before(lex, text, t, "date_prep", True)]
    starts = lex.cues.get("since_start", ())
    claimed: set[int] = set()
    followed: set[int] = set()  # dates taken by a trigger before them
    if refs is None:
        refs = _references(lex, text, s_start, all_timexes)
    for hit in hits:
        # the trigger's words as written, lower-cased: the phrase it matched (``_seq_at``)
        hit_words = hit.trig.words if starts else ()
        starting = hit_words in starts  # (the phrase is one of them)
        timexes = dated if starting else [t for t in dated if t not in opened]
        # a reference point dates only a trigger inside its own phrase ("kể từ sau đám cưới vào năm 2004")
        timexes = [t for t in timexes if t.start not in refs or refs[t.start] < hit.start < t.start]
        # a backdrop clause ("nhân dịp thăm ...") does not cut its host's clause, nor the reverse
        peers = [h for h in hits if h.trig.frame == hit.trig.frame]
        n = peers.index(hit)
        right_end = peers[n + 1].start if n + 1 < len(peers) else s_end
        left_start = peers[n - 1].end if n > 0 else -1
        after = [t for t in timexes if hit.end <= t.start < right_end and not _in_aside(text, hit.end, t)]
        # what follows a statement verb is what was said: the statement's own date is not its date
        said_from = max((h.end for h in peers[:n] if h.trig.type == "statement"), default=-1)
        statement = hit.trig.type == "statement"
        before = [
            t
            for t in timexes
            if t.end <= hit.start
            and t.start >= said_from
            # "gia hạn ... tới năm 2016 nhưng ông đã bị sa thải": a contrasted clause keeps its date
            and not _crossed(lex, text, t.end, hit.start, "contrast")
            # '"... vào giữa tuần", tờ The Guardian đưa tin': a date inside the quote is what was said
            and not (statement and any(q in text[t.end : hit.start] for q in '"”'))
        ]
        paren = [t for t in after if _parenthesised(text, t)]
        if paren and not statement:
            hit.date, hit.date_rank = paren[0], 0
            claimed.add(paren[0].start)
            continue
        # a bare year right after a noun names a thing ("Giải thưởng Chất lượng Quốc gia năm 2019",
        # "tuyển sinh năm 2021"), it does not date the event: a year after the trigger needs a
        # preposition or a comma before it ("vào năm 2017")
        after = [t for t in after if t not in naming]
        near = [t for t in before if t.start >= left_start and t.start not in claimed]
        finer = [t for t in after if _precision(t) > 1]
        if near and near[-1].start in followed and after:
            # "gặp Indonesia ngày 7/6, gặp Malaysia ngày 11/6": the date after the previous trigger is
            # that trigger's; this one has its own
            near = []
        if near and not (
            # "Kỳ tuyển sinh năm nay của Hà Nội được tổ chức từ 10/6": a year inside the subject gives
            # way to a day in the trigger's own clause
            not statement and _year_only(near[-1]) and finer and not _comma_after(text, near[-1])
        ):
            hit.date, hit.date_rank = near[-1], 1
            if statement:
                claimed.add(near[-1].start)
            else:
                # "vào các ngày 11/11 và 28/12/2020, ông X có tổ chức họp": one event per listed day
                listed = [near[-1]]
                for t in reversed(near[:-1]):
                    if _words(text[t.end : listed[0].start]) not in ((",",), ("và",)):
                        break
                    listed.insert(0, t)
                if len(listed) > 1:
                    hit.date = listed[0]
                    hit.more = [(t, hit.start, hit.start) for t in listed[1:]]
            continue
        if statement:
            continue
        if after:
            hit.date, hit.date_rank = after[0], 2
            hit.more = _listed(lex, text, after)
            followed.add(after[0].start)
            continue
        free = [t for t in before if t.start not in claimed]
        if free:
            hit.date, hit.date_rank = free[-1], 3
            continue
        # "sẽ có chuyến công tác tại Hoa Kỳ, dự cuộc họp ... từ ngày 18 đến 20-2": a later date of the
        # sentence, shared with the trigger that owns it (they then make one event)
        later = [t for t in timexes if t.start >= hit.end and t.start not in claimed and t not in naming]
        if later and hit.trig.type not in ("announcement", "other"):
            hit.date, hit.date_rank = later[0], 4
            continue
        if periods:
            hit.date, hit.date_rank = periods[0], 5


# --------------------------------------------------------------------------- participants and summary


def _by_first(seqs: tuple[tuple[str, ...], ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Word sequences indexed by their first word (so a scan looks up one dict per token); built once
    per cue list with the lexicon."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for seq in seqs:
        if seq:
            out.setdefault(seq[0], []).append(seq)
    return {k: tuple(v) for k, v in out.items()}


def _by_last(seqs: tuple[tuple[str, ...], ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Word sequences indexed by their last word (for sequences that must end at a given token)."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for seq in seqs:
        if seq:
            out.setdefault(seq[-1], []).append(seq)
    return {k: tuple(v) for k, v in out.items()}


def _find_in(toks: list[_Tok], lo: int, hi: int, index: dict[str, tuple[tuple[str, ...], ...]]) -> int | None:
    """Index of the first token in [lo, hi) where one of the sequences of ``index`` (by first word)
    starts and ends by ``hi``."""
    # the tokens some sequence opens with, in one comprehension (a set test per token), then the few
    # sequences of each
    for i in [k for k in range(lo, min(hi, len(toks))) if toks[k].low in index]:
        for seq in index[toks[i].low]:
            if i + len(seq) <= hi and _seq_at(toks, i, seq):
                return i
    return None


def _tok_index(toks: list[_Tok], offset: int) -> int:
    """The first token starting at or after ``offset`` (tokens are in text order: a binary search)."""
    return bisect_left(toks, offset, key=_TOK_START)


_TOK_START: Final = attrgetter("start")


def _phrase_end(
    lex: _Lexicon,
    toks: list[_Tok],
    i: int,
    hi: int,
    timexes: list[Timex],
    max_words: int,
    name_starts: frozenset[int] = frozenset(),
    loose_names: bool = False,
) -> int:
    """Token index where a noun phrase starting at ``i`` ends (stop word, punctuation, date).

    A comma between two capitalised words stays inside the phrase (``Đối thoại An ninh, Thực thi
    pháp luật``) unless a name starts after it (``đến Việt Nam, Jensen Huang ...``); with
    ``loose_names`` (an event's object) it is enough that the phrase starts with a capital.
    """
    stops = lex.cues.get("stop", ())
    stop_index = lex.cue_first.get("stop", {})
    compound_index = lex.cue_last.get("stop_compound", {})
    t_starts = {t.start for t in timexes}
    k = i
    words = 0
    while k < hi:
        tok = toks[k]
        if tok.start in t_starts:
            break
        if tok.text == "." and k > i and len(toks[k - 1].text) == 1 and toks[k - 1].text.isupper():
            k += 1  # an initial or abbreviation: "D.C.", "TP. HCM"
            continue
        if tok.text in '(;:.!?“”"':
            break
        if tok.text == ",":
            nxt = toks[k + 1] if k + 1 < hi else None
            # "Đối thoại An ninh, Thực thi pháp luật": a comma inside a capitalised name
            # (the words before the comma need not all be capitalised: "Đối thoại An ninh, Thực thi")
            named = k > i and (toks[k - 1].text[:1].isupper() or (loose_names and toks[i].text[:1].isupper()))
            if not (nxt and nxt.text[:1].isupper() and named):
                break
            if nxt and (nxt.start in name_starts or any(_seq_at(toks, k + 1, s) for s in stops)):
                break
        if (
            k > i
            and (seqs := stop_index.get(tok.low))
            and any(_seq_at(toks, k, s) for s in seqs)
            and not any(_ends_at(toks, k + 1, c) for c in compound_index.get(tok.low, ()))
        ):
            break  # "doanh nhân": a stop that is a compound's second syllable does not end the phrase
        if tok.text[:1].isalnum():
            words += 1
            if words > max_words:
                break
        k += 1
    return k


def _span_text(text: str, toks: list[_Tok], i: int, j: int) -> str:
    if j <= i:
        return ""
    return " ".join(text[toks[i].start : toks[j - 1].end].split()).strip(" ,-–")


def _strip_aux(lex: _Lexicon, toks: list[_Tok], i: int, j: int) -> tuple[int, int]:
    aux = lex.cues.get("aux", ())
    firsts, lasts = lex.cue_first.get("aux", {}), lex.cue_last.get("aux", {})
    changed = True
    while changed and i < j:
        if toks[j - 1].low not in lasts and toks[i].low not in firsts:
            break  # no sequence can be cut at either end: the pass would change nothing
        changed = False
        for seq in aux:
            n = len(seq)
            # the cheap tests first: room for the sequence, and its last (first) word in place
            if j - n >= i and toks[j - 1].low == seq[-1] and _ends_at(toks, j, seq):
                j -= n
                changed = True
            elif i + n <= j and toks[i].low == seq[0] and _seq_at(toks, i, seq):
                i += n
                changed = True
    return i, j


@cache
def _aux_words() -> frozenset[str]:
    """Every word of the ``aux`` cues (made once, not for every event)."""
    return frozenset(w for seq in _lexicon().cues.get("aux", ()) for w in seq)


def _mention_label(m: Mention) -> str:
    return f"{m.role} {m.name}" if m.role else m.name


def _participant(m: Mention, role: str) -> Participant:
    return Participant(name=m.name, role=role, entity=m.key, title=m.role)


def _org_participant(lex: _Lexicon, text: str, toks: list[_Tok], m: Mention, role: str) -> Participant:
    """An organisation or country as a participant, with the head noun the recogniser left out.

    ``hải quân Indonesia đưa thông báo``: the recogniser only sees ``Indonesia`` (a lower-case head
    opens no name), but the one who acted is the navy, so the head noun of the entity tables joins
    the name.  Heads that are never part of a name (``công ty Apple``, ``tỉnh Nghệ An``) stay out.
    """
    k = _tok_index(toks, m.start)
    if m.type in ("ORG", "GPE") and 0 < k < len(toks) and toks[k].start == m.start:
        for seq in lex.cues.get("orghead_name", ()):
            n = len(seq)
            if _ends_at(toks, k, seq) and all(t.text.islower() for t in toks[k - n : k]):
                start = toks[k - n].start
                name = text[start : m.start] + m.name
                return Participant(name=name[:1].upper() + name[1:], role=role, entity=None, title=None)
    return _participant(m, role)


def _after_cue(lex: _Lexicon, toks: list[_Tok], idx: int, kind: str, reach: int = 3) -> bool:
    """A cue of ``kind`` ends within ``reach`` tokens before token ``idx``."""
    by_last = lex.cue_last.get(kind, {})
    for back in range(0, reach):
        end = idx - back
        if end > 0 and (seqs := by_last.get(toks[end - 1].low)) and any(_ends_at(toks, end, q) for q in seqs):
            return True
    return False


@dataclass(slots=True)
class _Parts:
    agents: list[Participant]
    partners: list[Participant]
    subject: str
    predicate: str
    place: str | None


def _place(lex: _Lexicon, text: str, toks: list[_Tok], lo: int, hi: int, timexes: list[Timex]) -> str | None:
    k = _find_in(toks, lo, hi, lex.cue_first.get("at", {}))
    if k is None:
        return None
    start = k + 1
    end = _phrase_end(lex, toks, start, hi, timexes, 8)
    place = _span_text(text, toks, start, end)
    return place or None


def _mentions_in(mentions: Sequence[Mention], lo: int, hi: int) -> list[Mention]:
    return [m for m in mentions if lo <= m.start and m.end <= hi]


def _joined(gap: str) -> bool:
    """Two people named with only a conjunction and the second one's title between them:
    ``Tổng Bí thư Tô Lâm và Tổng thống Hoa Kỳ Donald Trump``."""
    words = gap.replace(",", " , ").split()
    if not words:
        return False
    k = 0
    while k < len(words) and words[k].lower() in ("và", "cùng", "với", ","):
        k += 1
    rest = words[k:]
    return k > 0 and (not rest or (rest[0][:1].isupper() and len(rest) <= 6))


def _is_count(lex: _Lexicon, tok: _Tok) -> bool:
    return tok.text.isdigit() or (tok.low,) in lex.cues.get("count", ())


def _has_capital(s: str) -> bool:
    return any(ch.isupper() for ch in s)


def _chain_head(
    lex: _Lexicon, toks: list[_Tok], lo_tok: int, trig_i: int, persons: list[Mention], timexes: list[Timex]
) -> Mention | None:
    """The person heading an apposition chain that ends at the trigger.

    ``Đại tướng X, Ủy viên Bộ Chính trị, Phó Bí thư Quân ủy Trung ương, Bộ trưởng Bộ Quốc phòng đã
    tiếp Y``: walking back from the trigger over comma-separated titles, each starting with a capital
    and none an adverbial (``tại ...``, ``Theo ...``, a date), the first person met is the agent.
    """
    openers = lex.cues.get("opener", ())
    t_starts = [t.start for t in timexes]
    seg_end = trig_i
    chain_lo = trig_i
    while seg_end > lo_tok:
        comma = next((k for k in range(seg_end - 1, lo_tok - 1, -1) if toks[k].text in ",;:"), None)
        seg_start = comma + 1 if comma is not None else lo_tok
        if seg_start < seg_end:
            head = toks[seg_start]
            if seg_end != trig_i and (
                not head.text[:1].isupper()
                or any(_seq_at(toks, seg_start, o) for o in openers)
                or any(head.start <= t < toks[seg_end - 1].end for t in t_starts)
            ):
                break
            chain_lo = seg_start
        if comma is None:
            break
        seg_end = comma
    lo = toks[chain_lo].start if chain_lo < len(toks) else 0
    heads = [m for m in persons if m.start >= lo]
    return heads[0] if heads else None


def _parts(
    lex: _Lexicon,
    text: str,
    toks: list[_Tok],
    group: list[_Hit],
    lo_tok: int,
    hi_tok: int,
    mentions: Sequence[Mention],
    timexes: list[Timex],
    ptype: str | None = None,
    fallback: bool = False,
    antecedent: Mention | None = None,
    person: Referents | None = None,
) -> _Parts:
    """Subject, predicate, place and participants of the event told by ``group``'s triggers.

    ``fallback`` (the document has no entity mentions at all): take a capitalised subject phrase
    as the agent.  ``antecedent``: the organisation a lower-case head noun as subject (``hãng``,
    ``công ty``, ``nhà mạng``) points back to (the sentence's, else the previous sentence's, first
    organisation).  ``person``: the last person named before the sentence, whom a pronoun subject
    (``ông``, ``cô``, ``nam ca sĩ``) points back to.
    """
    first, last = group[0], group[-1]
    lo = toks[lo_tok].start if lo_tok < len(toks) else first.start
    # subject: the words after the last comma before the trigger
    sub_lo = lo_tok
    for k in range(first.i - 1, lo_tok - 1, -1):
        if toks[k].text in ",;:":
            sub_lo = k + 1
            break
    s_i, s_j = _strip_aux(lex, toks, sub_lo, first.i)
    t_starts = (
        [t for t in timexes if toks[s_i].start <= t.start < toks[max(s_j - 1, s_i)].end] if s_j > s_i else []
    )
    if t_starts:  # "Tháng 9-2023 hai nước" -> drop the date
        s_i = max(s_i, _tok_index(toks, t_starts[-1].end))
    if s_j - s_i > _MAX_SUBJECT_WORDS:
        s_i = s_j - _MAX_SUBJECT_WORDS
    subject = _span_text(text, toks, s_i, s_j)
    passive_last = lex.cue_last.get("passive", {})
    passive = any(
        _ends_at(toks, k, seq)
        for k in {s_j, first.i}
        if k > 0
        for seq in passive_last.get(toks[k - 1].low, ())
    )
    # the predicate: from the first trigger to the end of the last trigger's object
    name_starts = frozenset(m.start for m in mentions)
    obj_end = _phrase_end(lex, toks, last.j, hi_tok, timexes, _MAX_OBJECT_WORDS, name_starts, True)
    pred_i = first.i
    classifier = any(
        _seq_at(toks, pred_i, c) for c in lex.cue_first.get("classifier", {}).get(toks[pred_i].low, ())
    )
    if classifier and pred_i > 0 and toks[pred_i - 1].low == "có":
        pred_i -= 1  # "có cuộc gặp với"
        classifier = False
    elif classifier and pred_i > 1 and toks[pred_i - 2].low == "có" and _is_count(lex, toks[pred_i - 1]):
        pred_i -= 2  # "có hai cuộc điện đàm"
        classifier = False
    predicate = _span_text(text, toks, pred_i, obj_end)
    place = _place(lex, text, toks, last.j, hi_tok, timexes) or _place(
        lex, text, toks, lo_tok, first.i, timexes
    )
    # participants from entity mentions
    # a quoted title needs a quote mark before the trigger (most sentences have none)
    quoting = any(q in text[toks[0].start : first.start] for q in '"\u201c')
    left = [
        m
        for m in _mentions_in(mentions, lo, first.start)
        if not (quoting and events_fallback.quoted_title(text, toks[0].start, m.start))
        and not _after_cue(lex, toks, (at_tok := _tok_index(toks, m.start)), "invite")
        and not _after_cue(lex, toks, at_tok, "at", 4)
    ]
    right_hi = toks[obj_end - 1].end if obj_end > last.j else last.end
    right = [
        m
        for m in _mentions_in(mentions, last.end, max(right_hi, last.end))
        if not _after_cue(lex, toks, _tok_index(toks, m.start), "at", 2)
    ]
    agents: list[Participant] = []
    partners: list[Participant] = []
    per_left = [m for m in left if m.type == "PER"]
    subj_lo = toks[sub_lo].start if sub_lo < len(toks) else lo
    own = [m for m in per_left if m.start >= subj_lo]
    # the object of a launch (``ra mắt LG GW620``, ``công bố Renoir``) is a product, never a party
    launches = lex.cue_first.get("launch", {})
    launch = any(_seq_at(toks, h.i, seq) for h in group for seq in launches.get(toks[h.i].low, ()))
    # "hãng ra mắt ...": a subject that is only an organisation head noun in lower case
    anaphoric = (
        antecedent is not None
        and s_j > s_i
        and all(t.text.islower() for t in toks[s_i:s_j])
        and any(
            _seq_at(toks, s_i, h) and s_i + len(h) == s_j
            for h in lex.cue_first.get("orghead", {}).get(toks[s_i].low, ())
        )
    )
    lead_org = next(
        (
            m
            for m in left
            if m.type in ("ORG", "GPE")
            and s_j > s_i
            and toks[s_i].start <= m.start < toks[s_j - 1].end
            and (m.start == toks[s_i].start or (toks[s_i].text.islower() and m.start == toks[s_i + 1].start))
        ),
        None,
    )
    if passive:
        pass  # "các hợp đồng vừa được ký kết": whoever is named before did not sign
    elif anaphoric and antecedent is not None:
        agents = [_org_participant(lex, text, toks, antecedent, "agent")]
        subject = agents[0].name if agents[0].entity is None else _mention_label(antecedent)
    elif own:
        agents = [_participant(own[-1], "agent")]
        nxt = own[-1]
        for m in reversed([x for x in per_left if x.end <= own[-1].start]):
            if not _joined(text[m.end : nxt.start]):
                break
            agents.insert(0, _participant(m, "agent"))  # "A và B đã hội đàm"
            nxt = m
    elif lead_org is not None:
        # "tháng 11/2020, Trường X ký quyết định cho cô Y ...": a named organisation opening the
        # trigger's own clause is its subject; a person of an earlier clause is not
        chosen = [lead_org]
        for m in sorted((x for x in left if x.type in ("ORG", "GPE")), key=lambda x: x.start):
            # "Bộ Công an Việt Nam và Bộ Ngoại giao Hoa Kỳ đã đồng chủ trì": co-subjects joined by "và"
            if (
                m.start >= chosen[-1].end
                and m.end <= toks[first.i].start
                and _joined(text[chosen[-1].end : m.start])
            ):
                chosen.append(m)
        agents = [_org_participant(lex, text, toks, m, "agent") for m in chosen]
    elif per_left:
        head = _chain_head(lex, toks, lo_tok, first.i, per_left, timexes)
        agents = [_participant(head or per_left[-1], "agent")]
    else:
        # an organisation or country is the agent only when it is the trigger's subject: nothing but
        # auxiliaries between them ("Canon thông báo", "Bộ Công an và Bộ Ngoại giao Hoa Kỳ đã đồng chủ trì")
        orgs = [m for m in left if m.type in ("ORG", "GPE")]
        aux_words = _aux_words()
        if orgs and all(t.low in aux_words for t in toks[_tok_index(toks, orgs[-1].end) : first.i]):
            chosen = [orgs[-1]]
            for m in reversed(orgs[:-1]):
                if m.end > chosen[0].start or not _joined(text[m.end : chosen[0].start]):
                    break
                chosen.insert(0, m)
            agents = [_org_participant(lex, text, toks, m, "agent") for m in chosen]
    pronoun = (
        next(
            (
                p
                for p in lex.cue_first.get("pronoun", {}).get(toks[s_i].low, ())
                if _seq_at(toks, s_i, p) and s_i + len(p) == s_j
            ),
            None,
        )
        if not own and person is not None and s_j > s_i
        else None
    )
    referent = person.resolve(pronoun) if person is not None and pronoun is not None else None
    if referent is not None:
        agents = [_participant(referent, "agent")]
        subject = _mention_label(referent)
    ptype = ptype or first.trig.type
    of = _find_in(toks, last.j, obj_end, lex.cue_first.get("of", {})) if ptype == "visit" else None
    if of is not None:
        # "chuyến thăm Việt Nam của Bộ trưởng X (11/2025)": the visitor follows "của"
        of_at = toks[of].start
        visitors = [m for m in right if m.type == "PER" and m.start > of_at]
        if visitors:
            dest = _span_text(text, toks, last.j, of)
            agents = [_participant(visitors[0], "agent")]
            return _Parts(
                agents, [], _mention_label(visitors[0]), f"thăm {dest}".strip(), place or dest or None
            )
    per_right = [m for m in right if m.type == "PER"]
    if launch:
        pass
    elif per_right:
        partners = [_participant(m, "partner") for m in per_right]
    elif ptype in ("meeting", "reception", "phone_call", "dialogue", "agreement", "signing"):
        partners = [
            _org_participant(lex, text, toks, m, "partner") for m in right if m.type in ("ORG", "GPE")
        ]
    agent_keys = {(a.entity, a.name) for a in agents}
    # "X ký quyết định cho cô Y": whoever is the object is never the agent as well
    partners = [p for p in partners if (p.entity, p.name) not in agent_keys]
    moved = False
    between = last.j < len(toks) and any(_seq_at(toks, last.j, b) for b in lex.cues.get("between", ()))
    if (
        not agents
        and partners
        and (between or ptype in ("speech", "visit", "arrival", "announcement", "other"))
    ):
        # "điện đàm giữa A với B": A is the agent
        agents, partners = (
            [Participant(p.name, "agent", p.entity, p.title) for p in partners[:1]],
            partners[1:],
        )
    if fallback:
        # no entity recogniser output: fall back to a capitalised subject phrase
        if subject[:1].isupper():
            agents = [Participant(name=subject, role="agent")]
        if ptype in ("meeting", "reception", "phone_call") and len(group) == 1:
            obj_text = _span_text(text, toks, last.j, obj_end)
            if obj_text.lower().startswith("với "):
                obj_text = obj_text[4:]
            if obj_text[:1].isupper():
                partners = [Participant(name=obj_text, role="partner")]
    if (
        not passive
        and not launch
        and not anaphoric
        and not any(a.entity and a.entity.startswith("PER") for a in agents)
        and not _has_capital(subject)
    ):
        # "Phát biểu tại Đại học Columbia tháng 9/2024, Tổng Bí thư Tô Lâm nhấn mạnh": a leading
        # participle clause whose agent follows the comma
        comma = next((k for k in range(obj_end, hi_tok) if toks[k].text == ","), None)
        if comma is not None:
            after_comma = [m for m in mentions if m.type == "PER" and toks[comma].end <= m.start]
            if after_comma and after_comma[0].start < (toks[hi_tok].start if hi_tok < len(toks) else 10**9):
                agents = [_participant(after_comma[0], "agent")]
                partners = [p for p in partners if p.entity != agents[0].entity]
                subject = ""
                moved = True
    if launch and not agents and subject.lower() in ("", "được") and first.i <= 1:
        # "Ra mắt vào tháng 12/2010, Optimus 2X là ...": what a fronted launch clause is about follows
        # the comma
        comma = next((k for k in range(obj_end, hi_tok) if toks[k].text == ","), None)
        if comma is not None and comma + 1 < hi_tok and toks[comma + 1].text[:1].isupper():
            end = _phrase_end(lex, toks, comma + 1, hi_tok, timexes, 5)
            end = min([end, *(k for k in range(comma + 1, end) if toks[k].low in ("là", "có", "được"))])
            if end > comma + 1:
                subject = _span_text(text, toks, comma + 1, end)
                predicate = (f"{toks[s_i].low} " if s_j > s_i else "") + predicate[:1].lower() + predicate[1:]
    if agents and mentions:
        named = [_label_of(mentions, a) for a in agents]
        if all(named):
            subject = " và ".join(n for n in named if n)
            if between and partners:
                predicate = _span_text(text, toks, pred_i, last.j)
                subject += " và " + (_label_of(mentions, partners[0]) or partners[0].name)
    if moved and subject:
        if classifier:
            # "tại cuộc tiếp X ..., Tổng Bí thư Tô Lâm cho rằng" -> "Tổng Bí thư Tô Lâm tiếp X"
            predicate = _span_text(text, toks, first.i + 1, obj_end)
        elif pred_i == 0:
            # "Phát biểu tại ..., Tổng Bí thư Tô Lâm nhấn mạnh" -> "Tổng Bí thư Tô Lâm phát biểu tại ..."
            predicate = predicate[:1].lower() + predicate[1:]
    return _Parts(agents, partners, subject, predicate, place)


def _label_of(mentions: Sequence[Mention], p: Participant) -> str | None:
    """The label (title and name) of the last mention with the participant's entity and name, None
    when there is none: looked up for the one or two participants named, not made for every mention."""
    return next(
        (_mention_label(m) for m in reversed(mentions) if m.key == p.entity and m.name == p.name), None
    )


def _antecedent(mentions: Sequence[Mention], before: int, prev_orgs: Sequence[Mention]) -> Mention | None:
    """The organisation a lower-case head noun as subject points back to: the first one named earlier
    in the sentence, else the first one of the previous sentence."""
    here = [m for m in mentions if m.type == "ORG" and m.end <= before]
    if here:
        return here[0]
    return prev_orgs[0] if prev_orgs else None


def _undoubled(words: list[str]) -> list[str]:
    """The words without a word repeated right after itself (``Gặp gặp chủ nhà UAE`` -> ``Gặp chủ nhà
    UAE``): a doubled word comes from a subject and a predicate cut at the same verb.  A capitalised
    repeat is a name's own syllable (``Phạm Băng Băng``) and stays."""
    # a word is dropped when it repeats the word before it (then also the last one kept): each word
    # is lowered once, not once per comparison
    folded = [w.lower().strip(",") for w in words]
    return [w for k, w in enumerate(words) if not (k and folded[k] == folded[k - 1] and w[:1].islower())]


def _summary(subject: str, predicate: str, place: str | None) -> str:
    """Subject, predicate and place as one short line, never ending on a word that needs what was cut
    off after it (``Sản phẩm được ra mắt vào`` -> ``Sản phẩm được ra mắt``)."""
    lex = _lexicon()
    dangling = lex.cue_last.get("dangling", {})  # a sequence that ends the line ends with its last word
    words = _undoubled(" ".join(p for p in (subject, predicate) if p).split())
    changed = True
    while changed and len(words) > 1:
        changed = False
        ends = dangling.get(words[-1].lower().strip(","), ())
        if not ends:
            break  # the last word ends no sequence (most lines): the line's words are not lowered
        low = tuple(w.lower().strip(",") for w in words)
        for seq in ends:
            if len(seq) < len(low) and low[-len(seq) :] == seq:
                words = words[: -len(seq)]
                changed = True
                break
    leading = lex.cue_first.get("leading", {})  # longest first, by first word
    while True:  # "Thì LG lại ra mắt G5", "Và thi đỗ ...", "Kể từ sau trận động đất"
        firsts = leading.get(words[0].lower(), ()) if words else ()
        if not firsts:
            break
        low = tuple(w.lower() for w in words)
        cut = next((len(seq) for seq in firsts if len(seq) < len(low) and low[: len(seq)] == seq), 0)
        if not cut:
            break
        words = words[cut:]
    text = " ".join(words)
    if place and f"tại {place}" not in text and place not in text:
        text += f" tại {place}"
    text = " ".join(text.split()).strip(" ,-–")
    return text[:1].upper() + text[1:]


# --------------------------------------------------------------------------- frames


def _frame_event_parts(
    lex: _Lexicon,
    text: str,
    toks: list[_Tok],
    hit: _Hit,
    hi_tok: int,
    mentions: Sequence[Mention],
    timexes: list[Timex],
    host: _Parts | None,
) -> tuple[list[Participant], str, str | None]:
    """``nhân chuyến thăm Hoa Kỳ của Chủ tịch nước X``: visitor X, destination Hoa Kỳ."""
    end = _phrase_end(lex, toks, hit.j, hi_tok, timexes, _MAX_OBJECT_WORDS)
    of = _find_in(toks, hit.j, end, lex.cue_first.get("of", {}))
    dest_end = of if of is not None else end
    dest_start = hit.j
    kinds = lex.cues.get("visitkind", ())
    while (kind := next((k for k in kinds if _seq_at(toks, dest_start, k)), None)) and dest_start < dest_end:
        dest_start += len(kind)  # "thăm chính thức Việt Nam": the destination is Việt Nam
    dest = _span_text(text, toks, dest_start, dest_end) or None
    visitors: list[Participant] = []
    label = ""
    if of is not None:
        v_end = _phrase_end(lex, toks, of + 1, hi_tok, timexes, _MAX_SUBJECT_WORDS)
        label = _span_text(text, toks, of + 1, v_end)
        lo = toks[of + 1].start if of + 1 < len(toks) else hit.end
        hi = toks[v_end - 1].end if v_end > of + 1 else lo
        pers = [m for m in _mentions_in(mentions, lo, hi) if m.type == "PER"]
        if pers:
            visitors = [_participant(pers[0], "agent")]
            label = _mention_label(pers[0])
        elif label[:1].isupper() and not mentions:
            visitors = [Participant(name=label, role="agent")]
    elif host is not None:
        # "X tiếp Y nhân dịp thăm Việt Nam": the visitor is the one received
        who = host.partners or host.agents
        if who:
            p = who[0]
            visitors = [Participant(p.name, "agent", p.entity, p.title)]
            label = f"{p.title} {p.name}" if p.title else p.name
    return visitors, " ".join(x for x in (label, "thăm", dest or "") if x), dest


# --------------------------------------------------------------------------- public


def _fold_coarser(made: list[tuple[int, Event]]) -> list[tuple[int, Event]]:
    """``vào cuối năm 2020, ông X đã ký quyết định ..., các quyết định trên được ông X ký vào ngày
    28/12/2020``: one sentence telling one act twice, once coarser; keep the finer date."""
    out: list[tuple[int, Event]] = []
    for pos, ev in made:
        keys = {p.entity or p.name for p in ev.participants}
        twin = next(
            (
                o
                for _, o in out
                if o.type == ev.type
                and o.date
                and ev.date
                and (o.date.startswith(ev.date) or ev.date.startswith(o.date))
                and o.date != ev.date
                and keys
                and keys == {p.entity or p.name for p in o.participants}
            ),
            None,
        )
        if twin is None:
            out.append((pos, ev))
        elif ev.date and twin.date and len(ev.date) > len(twin.date):
            twin.date, twin.date_end, twin.date_mod = ev.date, ev.date_end, ev.date_mod
    return out


def _day_of(value: str) -> str | None:
    m = re.match(r"^(\d{4}|XXXX)-\d{2}-\d{2}", value)
    return m.group(0) if m else None


def _inherited(lex: _Lexicon, toks: list[_Tok], last_date: str | None) -> str | None:
    """``Chiều cùng ngày``: the day of the last dated event, with this clause's part of day."""
    if last_date is None:
        return None
    day = _day_of(last_date)
    if day is None:
        return None
    index = lex.cue_first.get("inherit", {})
    for k in [k for k, t in enumerate(toks) if t.low in index]:
        for seq in index[toks[k].low]:
            if _seq_at(toks, k, seq):
                for back in (2, 1):
                    cue = " ".join(t.low for t in toks[max(0, k - back) : k])
                    if cue in lex.dayparts and k - back >= 0:
                        return day + "T" + lex.dayparts[cue].removeprefix("T")
                return day
    return None


def _strip_part_of_day(value: str | None) -> str | None:
    return _PART_OF_DAY.sub("", value) if value else value


def _fallback(
    lex: _Lexicon,
    doc_id: str,
    text: str,
    s: Sentence,
    s_timex: list[Timex],
    s_ments: list[Mention],
    person: Referents | None,
    before: Sequence[Mention] = (),
    refs: dict[int, int] | None = None,
    sw: events_fallback.SentenceWords | None = None,
) -> Event | None:
    """The generic event of a sentence no trigger made a dated event of (``events_fallback``);
    ``person`` is whom a pronoun subject points back to, ``before`` the mentions before the sentence
    (a couple subject, ``Cặp đôi chia tay``, names the pair told last); ``refs``: ``_references`` of
    ``s_timex`` when already read."""
    # a reference point ("kể từ sau khi niêm yết vào năm 2004") dates no clause of the fallback
    if refs is None:
        refs = _references(lex, text, s.start, s_timex)
    points = [t for t in s_timex if t.start not in refs]
    fb = events_fallback.find(text, s, points, s_ments, person, sw)
    if fb is None:
        return None
    summary = _summary(events_fallback.summary_words(text, fb, lex.cues.get("aux", ())), "", None)
    agents = [_participant(fb.agent, "agent")] if fb.agent else []
    pair = [] if agents else events_fallback.couple(text, fb, before)
    if pair:
        # "Cặp đôi chia tay nhau" -> "A và B chia tay nhau"
        agents = [_participant(m, "agent") for m in pair]
        pred = events_fallback.summary_words(
            text, replace(fb, subject_start=fb.pred_start), lex.cues.get("aux", ())
        )
        summary = _summary(" và ".join(_mention_label(m) for m in pair), pred, None)
    made = events_fallback.made_thing(text, fb)
    if made is not None:
        agents = []  # "đền X xây dựng vào năm 2008": a building is not the agent of its own making
        summary = _summary(made, summary, None) if made else summary
    keys = {(a.entity, a.name) for a in agents}
    partners = [
        _participant(m, "partner")
        for m in events_fallback.partners(text, fb, s_ments)
        if (m.key, m.name) not in keys and (m.key, _mention_label(m)) not in keys
    ]
    return Event(
        id="",
        type=fb.type,
        date=fb.date.value,
        summary=summary,
        trigger="",
        date_end=fb.date.value_end,
        date_mod=fb.date.mod,
        participants=[*agents, *partners],
        place=None,
        evidence=[Evidence(doc=doc_id, start=s.start, end=s.end, sentence=text[s.start : s.end])],
    )


def _following(text: str, end: int) -> tuple[int, int]:
    """The rest of the paragraph after ``end`` and the next paragraph (where a schedule told in one
    sentence is called off in another)."""
    first = text.find("\n", end)
    if first < 0:
        return (end, len(text))
    second = text.find("\n", first + 1)
    return (end, min(second if second >= 0 else len(text), first + _FOLLOW_CHARS))


_START: Final = attrgetter("start")  # a sort key read in C (the same order as ``lambda x: x.start``)


def extract(
    doc_id: str,
    text: str,
    sentences: Sequence[Sentence],
    timexes: Sequence[Timex],
    mentions: Sequence[Mention],
    reference_date: str | None,
) -> list[Event]:
    """The events of one document, in text order, with ids ``{doc_id}:e{n}``.

    ``reference_date`` is not used directly: relative dates are already
    resolved by the timex tagger; it is part of the signature so that a
    future rule (e.g. ``hôm nay``) can use it without changing callers.
    """
    lex = _lexicon()
    usable = sorted((t for t in timexes if _usable(t)), key=_START)
    tx_starts = [t.start for t in usable]
    ments = sorted(mentions, key=_START)
    m_starts = [m.start for m in ments]
    fallback = not mentions
    s_list = sorted(sentences, key=_START)
    s_starts = [x.start for x in s_list]
    events: list[Event] = []
    last_date: str | None = None
    # sentences a trigger may hold, and those with a calendar date (for the generic fallback)
    dated = [
        s for s in s_list if (k := bisect_left(tx_starts, s.start)) < len(usable) and usable[k].end <= s.end
    ]
    taken = frozenset(x.start for x in dated)
    memo = GenderMemo()
    made_for: dict[int, Referents] = {}

    def people(n: int) -> Referents:
        """Whom a pronoun before mention ``n`` points back to: one ``Referents`` per distinct count of
        mentions before (sentences with no mention in between share it), reading each mention once."""
        if n not in made_for:
            made_for[n] = Referents(text, ments[:n], memo)
        return made_for[n]

    touched: set[int] = set()  # the sentences a match of the pre-filter touched
    todo = {s.start: s for s in _candidate_sentences(lex, text, sentences, taken, touched)}
    fitted = todo.keys() - taken  # sentences where the pre-filter saw a trigger fit
    for s in dated:
        todo.setdefault(s.start, s)
    for _start, s in sorted(todo.items()):
        split = _Split(text, s)
        negated: list[_Hit] = []
        toks: list[_Tok] = []
        quotes: list[tuple[int, int]] = []
        hits: list[_Hit] = []
        # a sentence with a date only is asked first whether a trigger fits: if not, its tokens and
        # quotes are not needed (the pre-filter has already said so for the others)
        fits = s.start in fitted
        found: list[_Hit] = []
        if fits or (s.start in touched and split.may_trigger(lex)):
            found = _triggers_in(
                lex, split.low, split.raw, split.starts, split.ends, negated, None if fits else split.firsts
            )
        if found:  # (no trigger: no tokens, no quotes; a negated one alone dates nothing here)
            toks = split.toks()
            present = set(split.low)  # the sentence's lower-case words (read where hits are)
            hits = _retyped(lex, toks, found, present)
            quotes = events_status.quote_spans(text, s)
            raw = split.raw
            # a capitalised trigger inside a name or a work's title ("bộ phim Hạ cánh nơi anh"), or one
            # in a short quoted name ("Lễ hội \"Thống nhất non sông\""), reports nothing
            hits = [
                h
                for h in hits
                if not (
                    raw[h.i][:1].isupper()
                    and events_status.title_trigger(raw[h.i], raw[max(0, h.i - 3) : h.i])
                )
                and not ((q := events_status.quoted(quotes, h.start)) and events_status.short_quote(text, q))
            ]
        lo_t, hi_t = bisect_left(tx_starts, s.start), bisect_left(tx_starts, s.end)
        s_timex = [t for t in usable[lo_t:hi_t] if t.end <= s.end]
        if not hits:
            if not s_timex:
                continue  # the fallback dates a clause by a date of the sentence: none here
            lo_m, hi_m = bisect_left(m_starts, s.start), bisect_left(m_starts, s.end)
            fb = _fallback(
                lex,
                doc_id,
                text,
                s,
                s_timex,
                [m for m in ments[lo_m:hi_m] if m.end <= s.end],
                people(lo_m),
                ments[max(0, lo_m - 12) : lo_m],
                None,
                split.fallback_words(text, s),
            )
            kept_fb = (
                events_status.settle(
                    text, s, [(s.start, fb)], s_timex, _following(text, s.end), words=split.status_words()
                )
                if fb
                else []
            )
            for _pos, ev in kept_fb:
                ev.id = f"{doc_id}:e{len(events)}"
                events.append(ev)
                last_date = ev.date or last_date
            continue
        for neg in negated:
            # "Dù sự kiện không diễn ra vào ngày 23/3, X khẳng định": the date of the negated clause
            # (up to the next comma or trigger) dates nothing else
            stop = next((t.start for t in toks if t.start >= neg.end and t.text in ",;:"), s.end)
            stop = min([stop, *(h.start for h in hits if h.start >= neg.end)])
            s_timex = [t for t in s_timex if not neg.end <= t.start < stop]
        lo_m, hi_m = bisect_left(m_starts, s.start), bisect_left(m_starts, s.end)
        s_ments = [m for m in ments[lo_m:hi_m] if m.end <= s.end]
        # the organisations of the sentence before, for a subject such as "hãng" or "công ty"
        k = bisect_right(s_starts, s.start) - 2
        # (only the first is ever used: ``_antecedent``)
        first_org = (
            next((m for m in ments[bisect_left(m_starts, s_list[k].start) : lo_m] if m.type == "ORG"), None)
            if k >= 0
            else None
        )
        prev_orgs = [first_org] if first_org is not None else []
        person = people(lo_m)
        refs = _references(lex, text, s.start, s_timex)
        if s_timex:  # (with no date of the sentence there is nothing to bind)
            _bind_dates(lex, text, hits, s_timex, s.start, s.end, refs)
        for h in hits:
            q = events_status.quoted(quotes, h.start)
            if q and h.date is not None and not q[0] <= h.date.start < q[1]:
                # "... vào năm 1996 ... \"Người đó sẽ là cô gái mà tôi kết hôn\"": a date outside a
                # quote dates the telling, not what is said inside it
                h.date, h.more = None, []
        inherited = _inherited(lex, toks, last_date) if not s_timex else None
        # drop habitual uses ("thăm Việt Nam thường xuyên")
        kept: list[_Hit] = []
        habitual = lex.cue_first.get("habitual", {})
        look = not habitual.keys().isdisjoint(present)  # (no cue word in the sentence: nothing to drop)
        for n, hit in enumerate(hits):
            hi = hits[n + 1].i if n + 1 < len(hits) else len(toks)
            if not look or _find_in(toks, hit.j, hi, habitual) is None:
                kept.append(hit)
        hits = kept
        frames = [h for h in hits if h.trig.frame]
        main = [h for h in hits if not h.trig.frame]
        # the people of a backdrop clause ("nhân chuyến thăm ... của Tổng thống X,") are not the main
        # event's agents: the clause runs to the next comma
        spans = []
        for fr in frames:
            end = next((t.start for t in toks if t.start >= fr.end and t.text == ","), s.end)
            spans.append((fr.start, end))
        main_ments = [m for m in s_ments if not any(a <= m.start < b for a, b in spans)]
        groups: dict[str | None, list[_Hit]] = {}
        for h in main:
            key = h.date.value if h.date else None
            groups.setdefault(key, []).append(h)
        evidence = Evidence(doc=doc_id, start=s.start, end=s.end, sentence=text[s.start : s.end])
        host: _Parts | None = None
        made: list[tuple[int, Event]] = []
        for _key, group in groups.items():
            best = max(group, key=lambda h: (h.trig.priority, -h.i))
            date_tx = next((h.date for h in group if h.date is not None), None)
            date = date_tx.value if date_tx else inherited
            if best.trig.type == "statement" and date is None:
                continue
            if all(h.trig.type == "statement" for h in group) and date_tx is None:
                continue
            idx = main.index(group[0])
            lo_tok = main[idx - 1].j if idx > 0 else 0
            last_idx = main.index(group[-1])
            hi_tok = main[last_idx + 1].i if last_idx + 1 < len(main) else len(toks)
            # the summary and the participants come from the trigger that types the event, together
            # with the verb right before it that governs it ("đồng chủ trì Đối thoại ...")
            head = best
            for h in reversed(group[: group.index(best)]):
                gap = toks[h.j : head.i]
                if len(gap) > 3 or any(not t.text[:1].isalnum() for t in gap):
                    break
                head = h
            parts = _parts(
                lex,
                text,
                toks,
                [head, best],
                lo_tok,
                hi_tok,
                main_ments,
                s_timex,
                best.trig.type,
                fallback,
                _antecedent(main_ments, head.start, prev_orgs),
                person,
            )
            if date is None and not parts.agents and not parts.partners:
                continue  # an undated happening with nobody named tells the timeline nothing
            if host is None and best.trig.type in ("reception", "meeting"):
                host = parts
            ev = Event(
                id="",
                type=best.trig.type,
                date=date,
                summary=_summary(parts.subject, parts.predicate, parts.place),
                trigger=text[best.start : best.end],
                date_end=date_tx.value_end if date_tx else None,
                date_mod=date_tx.mod if date_tx else None,
                participants=[*parts.agents, *parts.partners],
                place=parts.place,
                evidence=[Evidence(evidence.doc, evidence.start, evidence.end, evidence.sentence)],
            )
            made.append((group[0].start, ev))
            for tx_more, a, b in best.more:
                # one event per listed date, its summary naming what that date is for
                what = " ".join(text[a:b].split()).strip(" ,")
                summary = (
                    _summary(parts.subject, f"{text[best.start : best.end]} {what}", None)
                    if what
                    else ev.summary
                )
                more_ev = replace(ev, date=tx_more.value, date_end=tx_more.value_end, summary=summary)
                more_ev.evidence = [replace(e) for e in ev.evidence]
                more_ev.participants = [replace(p) for p in ev.participants]
                made.append((group[0].start, more_ev))
        for fr in frames:
            n = hits.index(fr)
            hi_tok = hits[n + 1].i if n + 1 < len(hits) else len(toks)
            visitors, summary, dest = _frame_event_parts(lex, text, toks, fr, hi_tok, s_ments, s_timex, host)
            date = fr.date.value if fr.date else inherited
            ev = Event(
                id="",
                type="visit",
                date=_strip_part_of_day(date),
                summary=_summary("", summary, None),
                trigger=text[fr.start : fr.end],
                date_end=_strip_part_of_day(fr.date.value_end) if fr.date else None,
                date_mod=fr.date.mod if fr.date else None,
                participants=visitors,
                place=dest,
                evidence=[Evidence(evidence.doc, evidence.start, evidence.end, evidence.sentence)],
            )
            made.append((fr.start, ev))
        if s_timex and not any(ev.date for _, ev in made):  # (the fallback needs a date of the sentence)
            fb = _fallback(
                lex,
                doc_id,
                text,
                s,
                s_timex,
                s_ments,
                person,
                ments[max(0, lo_m - 12) : lo_m],
                refs,
                split.fallback_words(text, s),
            )
            if fb is not None:
                made = [(s.start, fb)]
        made.sort(key=lambda x: x[0])
        if made:  # (``settle`` keeps an empty list as it is: the words are not needed)
            made = events_status.settle(
                text, s, made, s_timex, _following(text, s.end), s_ments, split.status_words(), present
            )
        made = _fold_coarser(made)
        for n, (_pos, ev) in enumerate(made):
            said = next((e for _, e in made[n + 1 :] if e.type != "statement"), None)
            if ev.type == "statement" and said is not None:
                # "Bộ Ngoại giao cho biết, ... Tổng Bí thư Tô Lâm sẽ có chuyến công tác": say what was said
                ev.summary = f"{ev.summary} {said.summary}"
        for _pos, ev in made:
            ev.id = f"{doc_id}:e{len(events)}"
            events.append(ev)
            if ev.date:
                last_date = ev.date
    return events
