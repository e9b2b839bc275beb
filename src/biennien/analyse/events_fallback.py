"""The generic fallback event: a dated clause whose subject is a named entity.

The trigger lexicon (``vi/data/event_triggers.tsv``) only knows the verbs someone listed; real news
dates happenings with any verb (``ly hôn``, ``tái hợp``, ``thâu tóm``, ``bị đóng``, ``tìm đến``).  Held-out
sets showed most misses were of that kind, so a sentence no trigger made an event of is read once more:
when a calendar date stands as a point in time (fronted, ``Năm 2019, X ...``; or after its verb with
``vào``, ``X kết hôn vào năm 2005``; or at day precision right after the verb phrase) and the clause it
dates starts with a named person, organisation or place followed by a verb phrase that is not a state
(``là``, ``có``), the clause is an event of type ``other``: the named subject is its agent and the
clause, cut short, its summary.  Everything that makes a date no point in time or a clause no
happening (``từ năm``, ``năm học``, ``thường``, ``không``, ``có thể``) is a word list in
``vi/data/event_fallback.tsv``.  A verb listed in ``vi/data/event_fallback_verbs.tsv`` gives the event
its type (``thừa nhận`` -> announcement) and lets a subject that is no name make an event (``Cặp đôi
tái hợp vào năm 2014``, ``các nhà điều tra của WHO đã bác bỏ``, a pronoun pointing back to the
article's main person).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Container, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache
from itertools import compress, count, islice
from typing import Final, cast, get_args

from biennien.analyse.events_pronouns import Referents
from biennien.model import EventType, Mention, Sentence, Timex
from biennien.vi.resources import table

_WORD: Final = re.compile(r"\w+|[^\w\s]")
_ALNUM: Final = re.compile(r"\w+")
_KHI: Final = re.compile(r"(?<!\w)khi(?!\w)", re.IGNORECASE)
_MAX_SUMMARY_WORDS: Final = 12
_MAX_LEAD_WORDS: Final = 4  # words allowed before a fronted date ("Song, đến năm 2013,")
_MAX_SEGMENTS: Final = 3  # comma segments searched after a date standing on its own for a named subject
_MAX_NP_WORDS: Final = (
    7  # words of an unnamed subject phrase before its verb ("Một số cổ động viên quá khích")
)
_MAX_VERB_OFFSET: Final = 2  # predicate words (auxiliaries, adverbs) searched before a listed verb
_MAX_FIXTURE_WORDS: Final = 10  # words of a verbless fixture line ("Real Madrid vs Chelsea")
_MAX_SUBJECT_GAP: Final = (
    3  # words allowed between the clause start and its subject ("sau đó", "nhà thám hiểm")
)
_MAX_TITLE_WORDS: Final = (
    10  # words of a quoted title or theme ("Sắc màu đất Phương Nam"); longer quotes are speech
)
_SPEECH_BEFORE: Final = frozenset(
    ".!?:;\n"
)  # a quote opening after these (or the text start) is reported speech


@dataclass(frozen=True, slots=True)
class Fallback:
    """What the fallback found: the date, the agent (None for an unnamed subject such as ``Cặp đôi``),
    the clause ``[start, end)``, and the event type its verb gives."""

    date: Timex
    agent: Mention | None
    start: int
    end: int
    subject_start: int  # where the summary starts (the subject phrase)
    pred_start: int  # where the predicate starts
    type: EventType = "other"  # from the verb table, "other" when the verb is not listed
    label: str | None = None  # the summary when it is not the clause itself (a "khi" clause's event)


@cache
def _cues() -> dict[str, tuple[tuple[str, ...], ...]]:
    out: dict[str, list[tuple[str, ...]]] = {}
    for row in table("event_fallback.tsv"):
        out.setdefault(row[0], []).append(tuple(row[1].lower().split()))
    return {k: tuple(v) for k, v in out.items()}


@cache
def _np_aux() -> frozenset[str]:
    return frozenset(w for seq in _cues().get("np_aux", ()) for w in seq)


@cache
def _subject_leads() -> frozenset[str]:
    return frozenset(w for seq in _cues().get("subject_lead", ()) for w in seq)


@cache
def _org_heads() -> frozenset[tuple[str, ...]]:
    """Organisation head nouns of the entity tables (``sở``, ``công ty``, ``trường``), lower-case."""
    return frozenset(
        tuple(row[0].lower().split()) for row in table("entity_org_heads.tsv") if row[1] == "ORG"
    )


@cache
def _org_heads_by_first() -> dict[str, tuple[tuple[str, ...], ...]]:
    """``_org_heads`` by first word (a blank head, which matches anywhere, under ``""``): the common-noun
    subject test looked at every head for every clause."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for q in _org_heads():
        out.setdefault(q[0] if q else "", []).append(q)
    return {k: tuple(v) for k, v in out.items()}


def _org_head_at(words: list[str], k: int) -> bool:
    """Some organisation head noun is written at word ``k``."""
    index = _org_heads_by_first()
    return "" in index or any(tuple(words[k : k + len(q)]) == q for q in index.get(words[k], ()))


@cache
def _lead_words() -> frozenset[str]:
    return frozenset(w for seq in _cues().get("lead", ()) for w in seq)


def _words(s: str) -> list[str]:
    return list(map(str.lower, _WORD.findall(s)))


class SentenceWords:
    """A sentence's words (``_WORD`` tokens, lower case) with their offsets, read once and shared by
    the fallback's readers: each used to tokenise its own span (the segment before a date, the part
    of the sentence before it, the clause, the predicate), several times per date.  ``of(a, b)`` is
    ``_words(text[a:b])``: the sentence's words in the span when the span cuts no word, else the span
    read on its own."""

    __slots__ = ("_text", "_lo", "_hi", "_starts", "_ends", "_low", "_raw", "_kept")

    def __init__(
        self,
        text: str,
        lo: int,
        hi: int,
        starts: list[int],
        ends: list[int],
        low: list[str],
        raw: list[str] | None = None,
    ) -> None:
        self._text, self._lo, self._hi = text, lo, hi
        self._starts, self._ends, self._low, self._raw = starts, ends, low, raw
        self._kept: tuple[list[int], list[str], list[int]] | None = None

    def _words_only(self) -> tuple[list[int], list[str], list[int]]:
        """The sentence's words that are words, not marks (as written: ``_clause_words`` keeps ``\\w+``
        only), read once: for each token the count of such words before it, and their lower-case forms
        and offsets.  Why: a clause is a run of these, cut out by two bisections; every date of a long
        sentence with no comma (a flattened table, a line of dates) used to filter the sentence's
        tokens from its start one by one, quadratic in all."""
        if self._kept is None:
            raw = self._raw
            assert raw is not None
            before = [0]
            low: list[str] = []
            at: list[int] = []
            n = 0
            for k, w in enumerate(raw):
                if w[0].isalnum() or w[0] == "_":
                    low.append(self._low[k])
                    at.append(self._starts[k])
                    n += 1
                before.append(n)
            self._kept = (before, low, at)
        return self._kept

    def clause(self, a: int, b: int, skip: tuple[int, int]) -> _ClauseWords | None:
        """``_clause_words(text, a, b, skip)`` from the sentence's words (the words as written tell
        which are words, not marks); None when the span cuts a word or leaves the sentence, or the
        words as written are not known."""
        raw = self._raw
        if raw is None or a < self._lo or b > self._hi or a > b:
            return None
        starts, ends = self._starts, self._ends
        i = bisect_left(starts, a)
        j = bisect_left(starts, b)
        if (i > 0 and ends[i - 1] > a) or (j > 0 and ends[j - 1] > b):
            return None
        before, low, at = self._words_only()
        fi, fj = before[i], before[j]
        # the words starting inside ``skip`` are one run of the sorted offsets (none when it is empty)
        sa = bisect_left(at, skip[0], fi, fj)
        sb = max(sa, bisect_left(at, skip[1], fi, fj))
        return at[fi:sa] + at[sb:fj], low[fi:sa] + low[sb:fj]

    def of(self, a: int, b: int) -> list[str]:
        if a < self._lo or b > self._hi or a > b:
            return _words(self._text[a:b])
        starts, ends = self._starts, self._ends
        i = bisect_left(starts, a)
        j = bisect_left(starts, b)
        if (i > 0 and ends[i - 1] > a) or (j > 0 and ends[j - 1] > b):
            return _words(self._text[a:b])  # a word cut by the span: its piece is a word of its own
        return self._low[i:j]


def _span_words(text: str, a: int, b: int, sw: SentenceWords | None) -> list[str]:
    return _words(text[a:b]) if sw is None else sw.of(a, b)


@dataclass(frozen=True, slots=True)
class _Index:
    """One cue kind's word sequences indexed by first and by last word.

    Why: the fallback tests every dated sentence's words against a dozen cue lists; comparing every
    sequence at every word made these tests the fallback's largest cost, while a dict lookup per word
    finds the few sequences that can start (or end) there.  ``empty`` records a blank sequence, which
    the plain scans treated as matching (kept so the answers stay the same for any table)."""

    first: dict[str, tuple[tuple[str, ...], ...]]
    last: dict[str, tuple[tuple[str, ...], ...]]
    empty: bool


@cache
def _index(kind: str) -> _Index:
    first: dict[str, list[tuple[str, ...]]] = {}
    last: dict[str, list[tuple[str, ...]]] = {}
    empty = False
    for seq in _cues().get(kind, ()):
        if not seq:
            empty = True
            continue
        first.setdefault(seq[0], []).append(seq)
        last.setdefault(seq[-1], []).append(seq)
    return _Index({k: tuple(v) for k, v in first.items()}, {k: tuple(v) for k, v in last.items()}, empty)


def _ends_with(words: list[str], kind: str) -> bool:
    if not words:
        return _index(kind).empty
    n = len(words)
    return any(
        len(seq) <= n and tuple(words[n - len(seq) :]) == seq for seq in _index(kind).last.get(words[-1], ())
    )


def _at_words(words: list[str], keys: Container[str], start: int = 0) -> Iterator[int]:
    """The positions from ``start`` on whose word is one of ``keys``, found in C (``map`` of the
    membership test, ``compress``): the cue tests below looked up every word of a clause in Python,
    for every date of a sentence, which made a long comma-free line quadratic."""
    return compress(count(start), map(keys.__contains__, islice(words, start, None)))


def _main_clause(words: list[str]) -> list[str]:
    """``words`` up to a subordinator after the first word (``X thừa nhận sai lầm khi không đánh giá
    đúng``: the negation is the subordinate clause's, not the admission's)."""
    index = _index("clause_break")
    if index.empty and len(words) > 1:
        return words[:1]
    first = index.first
    for k in _at_words(words, first, 1):
        if any(tuple(words[k : k + len(seq)]) == seq for seq in first[words[k]]):
            return words[:k]
    return words


def _strip_end(words: list[str], kind: str) -> list[str]:
    """``words`` without the longest sequence of ``kind`` they end with."""
    return words[: len(words) - _end_len(words, kind)]


def _end_len(words: list[str], kind: str) -> int:
    """The length of the longest sequence of ``kind`` that ``words`` end with (0 for none)."""
    if not words:
        return 0
    n = len(words)
    return max(
        (
            len(seq)
            for seq in _index(kind).last.get(words[-1], ())
            if len(seq) <= n and tuple(words[n - len(seq) :]) == seq
        ),
        default=0,
    )


def _starts_with(words: list[str], kind: str) -> bool:
    index = _index(kind)
    if index.empty:
        return True
    return bool(words) and any(tuple(words[: len(seq)]) == seq for seq in index.first.get(words[0], ()))


def _contains(words: list[str], kind: str) -> bool:
    index = _index(kind)
    if index.empty:
        return bool(words)
    first = index.first
    if first.keys().isdisjoint(words):
        return False
    return any(
        tuple(words[k : k + len(seq)]) == seq for k in _at_words(words, first) for seq in first[words[k]]
    )


@cache
def _compounds() -> tuple[tuple[tuple[str, ...], frozenset[str]], ...]:
    """The ``compound`` sequences in table order, each with its set of words."""
    return tuple((seq, frozenset(seq)) for seq in _cues().get("compound", ()) if seq)


@cache
def _compounds_by_first() -> dict[str, tuple[int, ...]]:
    """The positions in ``_compounds()`` of the compounds opening with each word."""
    out: dict[str, list[int]] = {}
    for n, (seq, _need) in enumerate(_compounds()):
        out.setdefault(seq[0], []).append(n)
    return {k: tuple(v) for k, v in out.items()}


def _masked(words: list[str]) -> list[str]:
    """``words`` with every listed compound blanked out, so that a cue word inside a compound
    (``liệu`` in ``tài liệu``, ``không`` in ``hàng không``) is not read as the cue.  Only the compounds
    whose first word is written are tried (found by first word, applied in table order)."""
    out = list(words)
    present = set(words)
    compounds = _compounds()
    by_first = _compounds_by_first()
    order = sorted(n for w in present for n in by_first.get(w, ()))
    for seq, need in (compounds[n] for n in order):
        if not need <= present:
            continue  # blanking only removes words: a compound with a word not written cannot match
        n = len(seq)
        # the places where its first word stands, left to right (found by ``list.index`` in C; a
        # place blanked by an earlier match of it holds "" and is not found)
        k = 0
        while True:
            try:
                k = out.index(seq[0], k, len(out) - n + 1)
            except ValueError:
                break
            if tuple(out[k : k + n]) == seq:
                out[k : k + n] = [""] * n
            k += 1
    return out


def quoted_title(text: str, lo: int, at: int) -> bool:
    """Whether ``at`` lies inside a quoted title or theme opened after ``lo`` (``chủ đề "Sắc màu đất
    Phương Nam" diễn ra``): a name there is part of the title, never a participant.  A quote that opens
    a sentence or follows a colon, runs past a sentence end or longer than a title, is reported speech
    (``"Chiều nay, lúc 17h00 ngày 20/4 anh Việt ... xảy ra sự cố", quản lý viết``): its names are the
    people the speaker tells of."""
    span = text[lo:at]
    if span.count('"') % 2 == 1:
        open_at, close = lo + span.rfind('"'), '"'
    elif span.count("\u201c") > span.count("\u201d"):
        open_at, close = lo + span.rfind("\u201c"), "\u201d"
    else:
        return False
    before = text[:open_at].rstrip()
    if not before or before[-1] in _SPEECH_BEFORE:
        return False
    end = text.find(close, at)
    if end < 0:
        return False
    quoted = text[open_at + 1 : end]
    return not re.search(r"[.!?]\s", quoted) and len(_ALNUM.findall(quoted)) <= _MAX_TITLE_WORDS


def _clause_bounds(text: str, s: Sentence, pos: int) -> tuple[int, int]:
    """The comma-, semicolon- or colon-delimited clause of the sentence around offset ``pos``."""
    lo = max(text.rfind(c, s.start, pos) for c in ",;:")
    hi = min([k for k in (text.find(c, pos, s.end) for c in ",;:") if k >= 0] or [s.end])
    return (lo + 1 if lo >= s.start else s.start), hi


def _past_name_commas(text: str, s: Sentence, lo: int, hi: int, mentions: Sequence[Mention]) -> int:
    """The clause end ``hi`` moved past a comma inside a name (``Cục Phát thanh, Điện ảnh và Truyền
    hình Trung Quốc mở ...``): when the clause is nothing but a recognised name and the text after the
    comma opens with a capital, the clause goes on."""
    while hi < s.end and text[hi] == ",":
        first = len(text[lo:hi]) - len(text[lo:hi].lstrip()) + lo
        nxt = text[hi + 1 : hi + 3].lstrip()[:1]
        if not nxt.isupper() or not any(m.start <= first and m.end == hi for m in mentions):
            break
        hi = _clause_bounds(text, s, hi + 1)[1]
    return hi


def _day_precision(t: Timex) -> bool:
    return len(t.value) >= 10 and t.value[4] == "-" and t.value[7] == "-"


def _subject(
    text: str,
    lo: int,
    hi: int,
    mentions: Sequence[Mention],
    skip: tuple[int, int],
    sw: SentenceWords | None = None,
) -> tuple[Mention, int] | None:
    """The named subject opening the clause ``[lo, hi)`` (outside the date span ``skip``) and where
    its predicate starts; None when the clause does not open with a name and a non-state verb."""
    inside = [m for m in mentions if lo <= m.start and m.end <= hi and not skip[0] <= m.start < skip[1]]
    if not inside:
        return None
    m = inside[0]
    # a name inside quotes is (part of) a title or a theme ("chủ đề \"Sắc màu đất Phương Nam\""), no subject
    if quoted_title(text, lo, m.start):
        return None
    before = [w for w in _span_words(text, lo, m.start, sw) if w.isalnum()]
    role_words = len(_words(m.role)) if m.role else 0
    # the words before the name are allowed leads, a descriptor ("nhà thám hiểm") or the title the
    # recogniser left out; a cue before the title counts too ("Theo ông X, ..." names an informant)
    if (
        len(before) > _MAX_SUBJECT_GAP + role_words
        or _ends_with(before, "no_subject")
        or (role_words and _ends_with(before[: len(before) - role_words], "no_subject"))
    ):
        return None
    # a long descriptor describes a person ("nhà thám hiểm Percy Fawcett"); before a place it is a
    # phrase the place only qualifies ("nữ diễn viên Ấn Độ", "làng giải trí Ấn Độ")
    if len(before) > _MAX_SUBJECT_GAP - 1 and not m.role and m.type != "PER":
        return None
    # a name joined by "và" to a second one ("Châu Tấn và Lý Á Bằng gặp nhau") is one subject
    end = m.end
    for other in inside[1:]:
        gap = _span_words(text, end, other.start, sw)
        if gap in (["và"], [","], ["cùng"]):
            end = other.end
        else:
            break
    pred = [w for w in _span_words(text, end, hi, sw) if w.isalnum()]
    if len(pred) < 2 or pred[0][:1].isdigit():
        return None
    # "X được tổ chức": the name is what was held, nobody held it unless "bởi"/"do" names who did
    if _starts_with(pred, "passive_no_agent"):
        return None
    if _starts_with(pred, "state_verb"):
        # "Woodward là cánh tay đắc lực của nhà Glazer khi thâu tóm Man Utd vào năm 2005": a state whose
        # "khi" clause tells a listed happening is dated by it; the predicate starts after "khi"
        when = _KHI.search(text, end, hi)
        if when is None:
            return None
        after = [w for w in _words(text[when.end() : hi]) if w.isalnum()]
        if not any(_verb_at(after, k) is not None for k in range(min(len(after), _MAX_VERB_OFFSET + 1))):
            return None
        return m, when.end()
    return m, end


@cache
def _verbs() -> dict[tuple[str, ...], EventType]:
    """The verb table: verb phrase (lower-case words) -> event type (checked against the contract)."""
    known = set(get_args(EventType))
    out: dict[tuple[str, ...], EventType] = {}
    for row in table("event_fallback_verbs.tsv"):
        if row[1] not in known:
            raise ValueError(f"event_fallback_verbs.tsv: unknown event type {row[1]!r} for {row[0]!r}")
        out[tuple(row[0].lower().split())] = cast(EventType, row[1])
    return out


@cache
def _pronouns() -> tuple[tuple[str, ...], ...]:
    """Singular pronoun subjects (``ông``, ``nữ diễn viên``) of ``event_cues.tsv``: they point back to
    the article's main person."""
    return tuple(tuple(row[1].lower().split()) for row in table("event_cues.tsv") if row[0] == "pronoun")


@cache
def _pronouns_by_first() -> dict[str, tuple[tuple[str, ...], ...]] | None:
    """``_pronouns`` by first word, in table order; None when a blank row (which matches anywhere)
    makes the index useless."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for q in _pronouns():
        if not q:
            return None
        out.setdefault(q[0], []).append(q)
    return {k: tuple(v) for k, v in out.items()}


def _pronoun_at(words: list[str], k: int) -> tuple[str, ...] | None:
    """The longest pronoun written from word ``k`` (the first in table order on a tie), or None: only
    the pronouns opening with word ``k`` are compared."""
    index = _pronouns_by_first()
    seqs = _pronouns() if index is None else index.get(words[k], ()) if k < len(words) else ()
    return max((q for q in seqs if tuple(words[k : k + len(q)]) == q), key=len, default=None)


@cache
def _verbs_by_first() -> dict[str, tuple[tuple[tuple[str, ...], EventType], ...]]:
    """The verb table indexed by first word, longest phrase first."""
    out: dict[str, list[tuple[tuple[str, ...], EventType]]] = {}
    for seq, typ in _verbs().items():
        out.setdefault(seq[0], []).append((seq, typ))
    return {w: tuple(sorted(v, key=lambda x: -len(x[0]))) for w, v in out.items()}


def _verb_at(words: Sequence[str], k: int) -> tuple[int, EventType] | None:
    """The longest listed verb phrase starting at word ``k``: its length and its type."""
    if k >= len(words):
        return None
    for seq, typ in _verbs_by_first().get(words[k], ()):
        if tuple(words[k : k + len(seq)]) == seq:
            return len(seq), typ
    return None


def _verb_type(words: Sequence[str]) -> EventType | None:
    """The type of the first listed verb among the first words of a predicate (auxiliaries first)."""
    for k in range(min(len(words), _MAX_VERB_OFFSET + 1)):
        found = _verb_at(words, k)
        if found is not None:
            return found[1]
    return None


def _is_seq(words: Sequence[str], seqs: Sequence[tuple[str, ...]]) -> bool:
    return tuple(words) in seqs


# a clause's words: their offsets and their lower-case forms
_ClauseWords = tuple[list[int], list[str]]


def _clause_words(text: str, lo: int, hi: int, skip: tuple[int, int] = (0, 0)) -> _ClauseWords:
    """The clause's words (lower case) with their offsets, leaving out the span ``skip`` (the date)."""
    toks = [
        (w.group().lower(), w.start())
        for w in _ALNUM.finditer(text, lo, hi)
        if not skip[0] <= w.start() < skip[1]
    ]
    return [at for _, at in toks], [w for w, _ in toks]


def _after_leads(words: list[str]) -> int:
    """Where a clause's subject starts: after up to two lead words (``thì``, ``và``)."""
    k = 0
    while k < min(len(words), 2) and words[k] in _lead_words():
        k += 1
    return k


def _unnamed(
    text: str,
    lo: int,
    hi: int,
    mentions: Sequence[Mention],
    skip: tuple[int, int],
    person: Referents | None,
    clause: _ClauseWords | None = None,
) -> tuple[Mention | None, int, int, EventType] | None:
    """A subject that is no name, when the clause's verb is a listed happening (``Cặp đôi tái hợp``,
    ``Một số cổ động viên ... tấn công``, ``các nhà điều tra của WHO đã bác bỏ``, ``ông lọt vào ống
    kính``): the agent (the name or pronoun after ``của``, the main person for a pronoun, else None),
    where the subject and the predicate start, and the verb's type."""
    offs, words = clause or _clause_words(text, lo, hi, skip)
    k = 0
    while k < min(len(words), 2) and (words[k] in _lead_words() or words[k] in _subject_leads()):
        k += 1
    for j in range(k + 1, min(len(words), k + _MAX_NP_WORDS + 1)):
        found = _verb_at(words, j)
        if found is None:
            continue
        np = words[k:j]
        while np and np[-1] in _np_aux():
            np.pop()
        if not np or np[0][:1].isdigit() or _contains(np, "clause_break"):
            return None  # "Cặp đôi có hai con trước khi ly hôn": the verb is the subordinate clause's
        agent: Mention | None = None
        np_end = offs[k + len(np) - 1] + len(np[-1])
        named = [m for m in mentions if offs[k] <= m.start < np_end]
        if _is_seq(np, _pronouns()):
            agent = person.resolve(np) if person is not None else None
        elif _starts_with(np, "group_subject") or _ends_with(np, "demonstrative"):
            if "của" in np:
                tail = np[np.index("của") + 1 :]
                after = [m for m in named if m.start > offs[k + np.index("của")]]
                if after:
                    agent = after[0]
                elif _is_seq(tail, _pronouns()):
                    agent = person.resolve(tail) if person is not None else None
                elif named:
                    return None
            elif named:
                return None  # a name inside the phrase: the named reading decides
        else:
            return None
        return agent, offs[k], offs[j], found[1]
    return None


def _common_clause(
    text: str,
    lo: int,
    hi: int,
    mentions: Sequence[Mention],
    skip: tuple[int, int],
    clause: _ClauseWords | None = None,
) -> tuple[Mention | None, int, int, EventType] | None:
    """A common-noun subject at a date standing as its own segment (``Ngày 22/4, bệnh nhân đi ăn liên
    hoan``, ``Năm 2019, camera giám sát này đã ghi lại``, ``Vào ngày 22/4/1970, 20 triệu người ... đã cùng
    thực hiện``): the phrase opens with a group word, an organisation head noun, a role noun
    (``role_subject``: ``bệnh nhân``, ``nạn nhân``) or a count, or ends with a demonstrative; it ends
    at an auxiliary (``đã``, ``bị``), at a listed verb, or (role nouns) right after the role noun.  The
    predicate must be no state, figure or habit.  The agent is a name after ``của``, else nobody."""
    offs, words = clause or _clause_words(text, lo, hi, skip)
    k = _after_leads(words)
    if k >= len(words):
        return None
    role = max(
        (q for q in _cues().get("role_subject", ()) if tuple(words[k : k + len(q)]) == q),
        key=len,
        default=None,
    )
    head = (
        role is not None
        or _starts_with(words[k:], "group_subject")
        or _org_head_at(words, k)
        or words[k][:1].isdigit()
    )
    j = None
    if role is not None and k + len(role) < len(words) and words[k + len(role)] not in _np_aux():
        j = k + len(role)
    else:
        for n in range(k + 1, min(len(words), k + _MAX_NP_WORDS + 1)):
            if words[n] in _np_aux() or _verb_at(words, n) is not None:
                j = n
                break
    if j is None:
        return None
    np = words[k:j]
    if not (head or _ends_with(np, "demonstrative")) or _contains(np, "clause_break"):
        return None
    p = j
    while p < len(words) and words[p] in _np_aux():
        p += 1
    pred = words[p:]
    if (
        len(pred) < 2
        or pred[0][:1].isdigit()
        or _starts_with(pred, "state_verb")
        or _starts_with(pred, "figure")
    ):
        return None
    if words[k][:1].isdigit() and _verb_at(pred, 0) is None and p == j:
        return None  # "20 người ..." with neither an auxiliary nor a listed verb: a figure
    if any(w[:1].isdigit() for w in pred[:3]):
        return None  # "Năm 2023, con số này vượt 124 tỷ USD": a figure, the facts' business
    np_end = offs[j - 1] + len(words[j - 1])
    agent: Mention | None = None
    if "của" in np:
        at = offs[k + np.index("của")]
        agent = next((m for m in mentions if at < m.start < np_end), None)
    found = _verb_at(pred, 0)
    return agent, offs[k], offs[p], found[1] if found else "other"


def _pronoun_clause(
    text: str,
    lo: int,
    hi: int,
    mentions: Sequence[Mention],
    skip: tuple[int, int],
    person: Referents | None,
    clause: _ClauseWords | None = None,
) -> tuple[Mention, int, int, EventType] | None:
    """A clause opening with a pronoun subject and any finite verb (``Năm 2013, cô trở về Trung Quốc``):
    only for a date standing as its own segment, where the clause can only tell what happened then.
    The referent must be a known person; a state or copula (``là``, ``có``), a figure (``kiếm được``)
    or a pronoun that is part of a noun (``cô gái``, ``anh trai``) makes no event."""
    if person is None:
        return None
    offs, words = clause or _clause_words(text, lo, hi, skip)
    k = _after_leads(words)
    pron = _pronoun_at(words, k)
    if pron is None:
        return None
    j = k + len(pron)
    if any(m for m in mentions if offs[k] <= m.start < (offs[j] if j < len(offs) else hi)):
        return None  # "ông Ken Hu ...": a title before a name, the named reading decides
    while j < len(words) and words[j] in _np_aux():
        j += 1
    pred = words[j:]
    if len(pred) < 2 or pred[0][:1].isdigit() or _starts_with(words[k + len(pron) :], "pronoun_noun"):
        return None
    listed = _verb_at(pred, 0)
    if listed is None and (_starts_with(pred, "state_verb") or _starts_with(pred, "figure")):
        return None
    agent = person.resolve(pron)
    if agent is None:
        return None
    return agent, offs[k], offs[j], listed[1] if listed else "other"


def _dated(
    text: str,
    lo: int,
    hi: int,
    t: Timex,
    mentions: Sequence[Mention],
    person: Referents | None,
    point: bool = False,
    sw: SentenceWords | None = None,
) -> Fallback | None:
    """The event of clause ``[lo, hi)`` dated by ``t``: a happening with a named subject, or an unnamed
    one whose verb is a listed happening; with ``point`` (the date is a comma segment of its own), also
    a pronoun subject with any verb that is no state.  ``sw``: the sentence's words, when read."""
    words = _span_words(text, lo, hi, sw)
    no_event = _index("no_event")
    # blanking compounds and cutting at a subordinator only remove words: with no cue's first word
    # written in the clause, the cue cannot be found in what is left (most clauses)
    if (no_event.empty or not no_event.first.keys().isdisjoint(words)) and _contains(
        _main_clause(_masked(words)), "no_event"
    ):
        return None
    skip = (t.start, t.end)
    subj = _subject(text, lo, hi, mentions, skip, sw)
    if subj is not None:
        pred = [w for w in _span_words(text, subj[1], hi, sw) if w.isalnum()]
        typ = _verb_type(pred) or "other"
        return Fallback(t, subj[0], lo, hi, subj[0].start, subj[1], typ)
    # read once by the three subject readers (not changed)
    clause = (sw.clause(lo, hi, skip) if sw is not None else None) or _clause_words(text, lo, hi, skip)
    other = _unnamed(text, lo, hi, mentions, skip, person, clause)
    if other is None and point:
        other = _pronoun_clause(text, lo, hi, mentions, skip, person, clause)
    if other is None and point:
        other = _common_clause(text, lo, hi, mentions, skip, clause)
    if other is None:
        return None
    return Fallback(t, other[0], lo, hi, other[1], other[2], other[3])


def _open_start(text: str, t: Timex) -> bool:
    """``t`` is a single date with no end written after it (``từ năm 2005 đến 2010`` is a period)."""
    after = _words(text[t.end : t.end + 12])[:1]
    return t.value_end is None and not (after and _is_seq(after, _cues().get("period_end", ())))


def _begins(text: str, lo: int, hi: int) -> bool:
    """The predicate ``[lo, hi)`` tells a beginning (``bắt đầu``, ``khởi nghiệp``) among its first words."""
    words = [w for w in _words(text[lo:hi]) if w.isalnum()]
    begins = _cues().get("begin_verb", ())
    return any(
        tuple(words[k : k + len(q)]) == q
        for q in begins
        for k in range(min(len(words), _MAX_SUBJECT_GAP + 3))
    )


def _noun_event(
    text: str,
    lo: int,
    t: Timex,
    mentions: Sequence[Mention],
    person: Referents | None,
    sw: SentenceWords | None = None,
) -> Fallback | None:
    """An event told as a noun phrase with its date (``Lần xuất hiện gần nhất của X là vào ngày ...``,
    ``Đám cưới của X diễn ra năm ...``): the clause before ``t`` opens with an event noun, names whose
    event it is after ``của``, and ends with a linking verb; the phrase is the summary."""
    read = sw.clause(lo, t.start, (0, 0)) if sw is not None else None  # (the sentence's words, when known)
    words = read[1] if read is not None else list(map(str.lower, _ALNUM.findall(text, lo, t.start)))
    k = _after_leads(words)
    nouns = _index("event_noun")  # by first word (a blank noun matches anywhere)
    if not nouns.empty and (
        k >= len(words) or not any(tuple(words[k : k + len(q)]) == q for q in nouns.first.get(words[k], ()))
    ):
        return None  # most clauses: no offsets needed
    toks = [(w.group().lower(), w.start(), w.end()) for w in _ALNUM.finditer(text, lo, t.start)]
    link = _end_len(words, "noun_link")
    if link == 0 or "của" not in words[k:-link]:
        return None
    cua = k + words[k:].index("của")
    if cua > k + _MAX_NP_WORDS or len(words) - link - cua > _MAX_NP_WORDS:
        return None
    end = toks[len(words) - link - 1][2]
    agent = next((m for m in mentions if toks[cua][2] <= m.start < end), None)
    tail = words[cua + 1 : len(words) - link]
    if agent is None:
        pron = _pronoun_at(tail, 0)
        if pron is None or person is None or (agent := person.resolve(pron)) is None:
            return None
    label = text[toks[k][1] : end]
    return Fallback(t, agent, lo, t.start, toks[k][1], toks[k][1], "other", label)


def _when_clause(
    text: str,
    s: Sentence,
    lo: int,
    hi: int,
    t: Timex,
    mentions: Sequence[Mention],
    person: Referents | None,
) -> Fallback | None:
    """The event of a subjectless ``khi`` clause ``[lo, hi)`` opening with a listed verb (``khi tham
    gia sự kiện của tạp chí GQ``), done by the subject of the main clause after it; None otherwise."""
    toks = [(w.group().lower(), w.start()) for w in _ALNUM.finditer(text, lo, hi)]
    words = [w for w, _ in toks]
    n = max((len(q) for q in _cues().get("when_lead", ()) if tuple(words[: len(q)]) == q), default=0)
    k = n
    while k < len(words) and words[k] in _np_aux():
        k += 1
    if k >= len(words) or k - n > _MAX_VERB_OFFSET:
        return None
    found = _verb_at(words, k)
    if found is None or _contains(_masked(words), "no_event"):
        return None
    main_hi = _clause_bounds(text, s, hi + 2)[1]
    main = _dated(text, hi + 1, main_hi, t, mentions, person, point=True)
    if main is None or main.agent is None:
        return None
    name = main.agent.text if main.agent.type == "PER" or main.subject_start != main.agent.start else None
    label = (name or text[main.subject_start : main.pred_start].strip()) + " " + text[toks[k][1] : hi]
    return Fallback(t, main.agent, lo, hi, toks[k][1], toks[k][1], found[1], label.strip())


def _fixture(text: str, s: Sentence, timexes: Sequence[Timex]) -> Fallback | None:
    """A fixture told with no verb (``02h00 ngày 28/4: Real Madrid vs Chelsea``, or the date alone on
    its line and ``Real Madrid vs Chelsea`` on the next): a match on that date.  The pairing is a short
    run of words with a ``fixture_sep`` (``vs``) between two capitalised sides."""
    if len(timexes) != 1:
        return None
    t = timexes[0]
    if text[s.start : t.start].strip() or not _day_precision(t):  # some word before the date
        return None
    lo, hi = t.end, s.end
    while lo < hi and text[lo] in " :,-–\t":
        lo += 1
    if not text[lo:hi].strip(" ."):
        # the date alone on its line: the pairing is the next line
        nl = text.find("\n", t.end)
        if nl < 0 or text[t.end : nl].strip(" .:"):
            return None
        lo = nl + 1
        hi = text.find("\n", lo)
        hi = len(text) if hi < 0 else hi
    words = _words(text[lo:hi])
    sep = [k for k, w in enumerate(words) if (w,) in _cues().get("fixture_sep", ())]
    if len(sep) != 1 or not 0 < sep[0] < len(words) - 1 or len(words) > _MAX_FIXTURE_WORDS:
        return None
    sides = re.split(r"\s" + re.escape(words[sep[0]]) + r"\.?\s", text[lo:hi], maxsplit=1, flags=re.I)
    if len(sides) != 2 or not all(side.strip()[:1].isupper() for side in sides):
        return None
    label = " ".join(text[lo:hi].split()).rstrip(".")
    return Fallback(t, None, lo, hi, lo, lo, "other", label)


def find(
    text: str,
    s: Sentence,
    timexes: Sequence[Timex],
    mentions: Sequence[Mention],
    person: Referents | None = None,
    sw: SentenceWords | None = None,
) -> Fallback | None:
    """The fallback event of sentence ``s`` (its usable ``timexes`` and ``mentions``), if any;
    ``person`` is whom a pronoun subject (``ông``, ``bà``) points back to; ``sw`` the sentence's
    words, when the caller has read them."""
    if text[s.start : s.end].rstrip().endswith("?"):
        return None
    fix = _fixture(text, s, timexes)
    if fix is not None:
        return fix
    lead_words = _lead_words()
    for t in timexes:
        seg_lo = max(
            s.start,
            text.rfind(",", s.start, t.start) + 1,
            text.rfind(";", s.start, t.start) + 1,
            text.rfind(":", s.start, t.start) + 1,
        )
        seg_before = _span_words(text, seg_lo, t.start, sw)
        # the date is a segment of its own ("Năm 2019, X ...", "..., khoảng 11h ngày 26/4, ..."): the
        # clause it dates follows it; a day after "từ" is the day something starts ("Từ ngày 28/4, X mở")
        begin = False
        if _day_precision(t):
            seg_before = _strip_end(seg_before, "start_point")
        elif _ends_with(seg_before, "start_point") and _open_start(text, t):
            # "Từ năm 1966, cô bắt đầu ...": a month or year after "từ" is a period, unless the clause
            # tells the beginning itself (checked on the clause found below)
            seg_before, begin = _strip_end(seg_before, "start_point"), True
        # "Trong tuyên bố vào thứ Sáu, họ thừa nhận": a statement's own date fronted with its noun
        told = _starts_with(seg_before, "lead_noun")
        if told:
            n = max(len(q) for q in _cues()["lead_noun"] if tuple(seg_before[: len(q)]) == q)
            seg_before = seg_before[n:]
        fronted = (
            len(seg_before) <= _MAX_LEAD_WORDS
            and all(w in lead_words for w in seg_before)
            and not (_ends_with(seg_before, "not_point") and not _ends_with(seg_before, "lead"))
        )
        comma = text[t.end : t.end + 2].lstrip()[:1] == ","
        # "Chủ nhật tuần trước (18/4) Chelsea đã ...": a date opening the sentence with no comma, right
        # before a capitalised word, stands on its own too
        bare = fronted and not comma and seg_lo == s.start and text[t.end : t.end + 2].lstrip()[:1].isupper()
        if fronted and (comma or bare):
            lo = text.index(",", t.end) + 1 if comma else t.end
            for _ in range(_MAX_SEGMENTS):
                hi = _clause_bounds(text, s, lo + 1)[1]
                hi = _past_name_commas(text, s, lo, hi, mentions)
                seg = _span_words(text, lo, hi, sw)
                when = _starts_with(seg, "when_lead")
                found = None if when else _dated(text, lo, hi, t, mentions, person, True, sw)
                if when and hi < s.end:
                    # "Năm ngoái, khi tham gia sự kiện ..., X từng ...": a "khi" clause opening with a
                    # listed verb is the event, done by the main clause's subject; any other "khi"
                    # clause ("vào năm 1990, khi sự nghiệp đang lên, X quyết định ...") is a backdrop
                    # and the date belongs to the main clause after it
                    found = _when_clause(text, s, lo, hi, t, mentions, person)
                if when and found is None:
                    found = _dated(text, lo, hi, t, mentions, person, True, sw)  # "khi cặp đôi ly hôn"
                # look further only past an adjunct ("trên đường đi học về, ..."; a "khi" clause), not
                # past a clause whose subject is unnamed ("ông nhận học bổng ..., Italy và ...")
                adjunct = when or _starts_with(seg, "no_subject")
                if found is not None or hi >= s.end or not adjunct:
                    break
                lo = hi + 1
            if found is not None and begin and not _begins(text, found.pred_start, found.end):
                found = None
            if found is not None:
                return replace(found, type="statement") if told and found.type == "other" else found
            continue
        before = _span_words(text, s.start, t.start, sw)
        lo, hi = _clause_bounds(text, s, t.start)
        noun = _noun_event(text, lo, t, mentions, person, sw)
        if noun is not None:
            return noun
        begin = (
            _ends_with(before, "start_point") and _open_start(text, t) and _begins(text, lo, t.start)
        )  # "X chỉ bắt đầu sự nghiệp solo từ tháng 12 năm ngoái": the beginning is dated by "từ"
        if _ends_with(before, "not_point") and not _ends_with(before, "date_prep") and not begin:
            continue
        ranged = _starts_with(_words(t.text), "lead")  # "đầu năm 1599", "cuối tháng 3"
        if not (_ends_with(before, "date_prep") or ranged or begin or _day_precision(t)):
            continue
        found = _dated(text, lo, t.start, t, mentions, person, False, sw)
        if found is not None and not _contains(
            _span_words(text, found.pred_start, t.start, sw), "clause_break"
        ):
            return found
    return None


def summary_words(text: str, fb: Fallback, aux: Sequence[tuple[str, ...]]) -> str:
    """The clause as a short line: from the subject on, without auxiliaries and the date's own
    preposition, ending before a clause of purpose, cause or contrast (``summary_cut``: ``nhưng``,
    ``để``, ``nhân dịp``), at most a dozen words, and never cut inside a phrase: a line longer than
    that ends at the last comma or phrase boundary (``summary_boundary``) that keeps four words."""
    span = fb.label if fb.label is not None else text[fb.subject_start : fb.end]
    words = span.split()
    # leading title words kept by the recogniser's role (``Ông``) stay; auxiliaries go
    aux_set = {seq[0] for seq in aux if len(seq) == 1}
    out = [w for n, w in enumerate(words) if not (n > 0 and w.lower() in aux_set)]
    low = [w.lower().strip(",;:") for w in out]
    cuts = _index("summary_cut")
    for k in range(3, len(out)):
        if cuts.empty or any(tuple(low[k : k + len(c)]) == c for c in cuts.first.get(low[k], ())):
            out, low = out[:k], low[:k]
            break
    if len(out) > _MAX_SUMMARY_WORDS:
        bounds = _cues().get("summary_boundary", ())
        ends = [
            k
            for k in range(4, _MAX_SUMMARY_WORDS + 1)
            if out[k - 1].endswith(",") or any(tuple(low[k : k + len(b)]) == b for b in bounds)
        ]
        out = out[: ends[-1]] if ends else out[:_MAX_SUMMARY_WORDS]
        low = low[: len(out)]
    while out and _ends_with(low, "date_prep"):
        out.pop()
        low.pop()
    return " ".join(out).strip(" ,;:.")


def couple(text: str, fb: Fallback, before: Sequence[Mention]) -> list[Mention]:
    """The two people a couple subject (``couple`` of ``event_fallback.tsv``: ``Cặp đôi``, ``hai người``,
    ``vợ chồng``) stands for: the last two persons named before it joined by ``và``/``với``/``cùng``
    (``Scottie Pippen và Larsa Pippen kết hôn ... Cặp đôi chia tay``).  Nobody when no pair was told."""
    head = [w.lower() for w in _words(text[fb.subject_start : fb.pred_start])]
    if not any(tuple(head[k : k + len(c)]) == c for c in _cues().get("couple", ()) for k in range(2)):
        return []
    people = [m for m in before if m.type == "PER"]
    for a, b in zip(reversed(people[:-1]), reversed(people[1:]), strict=True):
        gap = [w.lower() for w in _words(text[a.end : b.start])]
        if gap and len(gap) <= 4 and gap[-1] in ("và", "với", "cùng") and a.key != b.key:
            return [a, b]
    return []


def made_thing(text: str, fb: Fallback) -> str | None:
    """The head noun of a built or made thing (``made_head``: ``đền``, ``ngôi nhà``, ``cây cầu``) that
    the subject is or that stands right before it (``đền Shri Saibaba``): a verb of making (``xây
    dựng``) has it as its object even without ``được``.  Returns the head as written when it stands
    before the subject (to keep it in the summary), ``""`` when it opens the subject, else None."""
    heads = _cues().get("made_head", ())
    own = tuple(_words(text[fb.subject_start : fb.pred_start])[:2])
    if any(own[: len(h)] == h for h in heads):
        return ""
    prev = list(_WORD.finditer(text, max(fb.start, fb.subject_start - 30), fb.subject_start))
    for h in heads:
        if len(prev) >= len(h) and tuple(w.group().lower() for w in prev[-len(h) :]) == h:
            return text[prev[-len(h)].start() : prev[-1].end()]
    return None


def partners(text: str, fb: Fallback, mentions: Sequence[Mention]) -> list[Mention]:
    """People after ``với``/``cùng`` in the clause's predicate (``X kết hôn với doanh nhân Y``): the
    partners of the event, up to the first clause boundary."""
    out = []
    for m in mentions:
        if m.type != "PER" or not fb.pred_start <= m.start < fb.end:
            continue
        gap = [w.lower() for w in _words(text[fb.pred_start : m.start])]
        if "," in text[fb.pred_start : m.start]:
            break
        if any(w in ("với", "cùng") for w in gap[-5:]):
            out.append(m)
    return out
