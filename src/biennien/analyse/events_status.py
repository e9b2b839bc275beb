"""Whether a found event really happened: called off, only a habit, a title, or a quoted wish.

The trigger rules of ``analyse/events.py`` find where a sentence tells of a meeting or a festival; the
audit of unseen articles showed the worst timeline errors were events that did *not* happen as told:
festivals ``dự kiến tổ chức vào 20h ngày 1/5 cũng tạm dừng``, a festival held ``hàng năm``, a film
title holding a verb (``bộ phim Hạ cánh nơi anh``), a wish in a quote dated by the year of the
sentence around it.  These rules read the words around an event once it is built and keep, change or
drop it.  The words are in ``vi/data/event_status.tsv``.

A cancellation is news of its own: when the sentence dates the decision (a date that is not the
scheduled one), the event becomes an ``announcement`` of that date, otherwise it is dropped.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from itertools import accumulate
from operator import itemgetter
from typing import Final

from biennien.model import Event, Mention, Participant, Sentence, Timex
from biennien.vi.resources import table

_WORD: Final = re.compile(r"\w+|[^\w\s]")
_WORD_SPLIT: Final = re.compile(r"(\w+|[^\w\s])")  # what lies between tokens is only white space
_YEAR: Final = re.compile(r"\d{4}")
_QUOTES: Final = {'"': '"', "“": "”", "«": "»"}
_PLANNED_REACH: Final = 6  # words between a "planned" word and the date it makes a schedule
_SHORT_QUOTE: Final = 6  # a quoted run of at most this many words is a name or a title, not speech
_FRONT_WORDS: Final = 10
_FRONT_STOP: Final = frozenset(
    {"do", "của", "được", "đã", "sẽ", "vừa", "với", "tại", "ở"}
)  # end that subject
_DATE_PREPS: Final = frozenset(
    {"vào", "trong", "hồi", "từ", "đến", "tới", "sau", "trước", "đầu", "cuối", "giữa"}
)
_PAST_REACH: Final = 5  # words between "sau" and a cancel word it makes past
_OBJECT_REACH: Final = 6  # words after a cancel word where the event called off is named  # words taken after the comma as the subject of a fronted "Diễn ra ..."


@cache
def _cues() -> dict[str, tuple[tuple[str, ...], ...]]:
    out: dict[str, list[tuple[str, ...]]] = {}
    for row in table("event_status.tsv"):
        out.setdefault(row[0], []).append(tuple(w.lower() for w in _WORD.findall(row[1])))
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}


@cache
def _by_first(kind: str) -> dict[str, tuple[tuple[str, ...], ...]]:
    out: dict[str, list[tuple[str, ...]]] = {}
    for seq in _cues().get(kind, ()):
        out.setdefault(seq[0], []).append(seq)
    return {k: tuple(v) for k, v in out.items()}


def _words(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """``(start, end, lower-case word)`` of the tokens of ``text[lo:hi]``: split with the pattern as a
    group, the pieces alternate between the space before a token and the token, so their running
    lengths are the offsets (no match object per token; this runs on every sentence with an event
    and on the paragraph after it)."""
    parts = _WORD_SPLIT.split(text[lo:hi])
    raw = parts[1::2]
    bounds = list(accumulate(map(len, parts), initial=lo))
    return list(zip(bounds[1:-1:2], bounds[2::2], map(str.lower, raw), strict=True))


def _find(
    words: Sequence[tuple[int, int, str]], kind: str, present: set[str] | None = None
) -> list[tuple[int, int]]:
    """Token spans ``[i, j)`` where a phrase of ``kind`` stands (longest first, no overlap).
    ``present``: the set of the words, when made (several kinds are looked for in one sentence)."""
    by_first = _by_first(kind)
    out: list[tuple[int, int]] = []
    if by_first.keys().isdisjoint(map(itemgetter(2), words) if present is None else present):
        return out  # no word that opens a phrase of the kind (most sentences)
    i = 0
    while i < len(words):
        for seq in by_first.get(words[i][2], ()):
            if tuple(w[2] for w in words[i : i + len(seq)]) == seq:
                out.append((i, i + len(seq)))
                i += len(seq)
                break
        else:
            i += 1
    return out


def title_trigger(trigger: str, before: Sequence[str]) -> bool:
    """A capitalised trigger in mid-sentence is part of a name or a work's title: after a capitalised
    word (``Son Ye Jin Hạ cánh nơi anh``) or a title word (``bộ phim Hạ cánh nơi anh``).  ``before``
    holds the words before it, nearest last.  Vietnamese verbs are never capitalised in mid-sentence;
    a capitalised event noun after a lower-case verb (``đồng chủ trì Đối thoại``) stays a trigger."""
    if not trigger[:1].isupper() or not before:
        return False
    prev = before[-1]
    if not prev[:1].isalnum():
        return False
    if prev[:1].isupper() and len(before) > 1:
        return True
    low = tuple(w.lower() for w in before)
    return any(low[-len(seq) :] == seq for seq in _cues().get("title", ()))


def quote_spans(text: str, s: Sentence) -> list[tuple[int, int]]:
    """The quoted runs of a sentence, inside the quote marks (balanced pairs only; no scare quotes)."""
    out: list[tuple[int, int]] = []
    pos = s.start
    while pos < s.end:
        opens = [(text.find(q, pos, s.end), q) for q in _QUOTES]
        opens = [(k, q) for k, q in opens if k >= 0]
        if not opens:
            break
        k, q = min(opens)
        close = text.find(_QUOTES[q], k + 1, s.end)
        if close < 0:
            break
        inner = _words(text, k + 1, close)
        if len(inner) > _SHORT_QUOTE or (inner and text[inner[0][0]].isupper()):
            out.append((k + 1, close))  # a lower-case word or two in quotes is a scare quote, not speech
        pos = close + 1
    return out


def quoted(spans: Sequence[tuple[int, int]], pos: int) -> tuple[int, int] | None:
    return next((sp for sp in spans if sp[0] <= pos < sp[1]), None)


def short_quote(text: str, span: tuple[int, int]) -> bool:
    """A quoted run this short, opening with a capital, is a name or title (``Lễ hội "Thống nhất non
    sông"``), not speech; a lower-case one is a scare quote around a word (``lần đầu “trình làng”``)."""
    words = _words(text, *span)
    return bool(words) and len(words) <= _SHORT_QUOTE and text[words[0][0]].isupper()


def _segment(words: Sequence[tuple[int, int, str]], k: int) -> tuple[int, int]:
    """The comma-delimited segment (token indices) holding token ``k``."""
    lo = k
    while lo > 0 and words[lo - 1][2] not in ",;:":
        lo -= 1
    hi = k
    while hi < len(words) and words[hi][2] not in ",;:":
        hi += 1
    return lo, hi


def _index(words: Sequence[tuple[int, int, str]], pos: int) -> int:
    """The first word ending after ``pos`` (``len(words)`` for none).  The words are tokens in text
    order, so their ends rise: a bisection, where a walk from the sentence start made a sentence with
    many events and dates (a bullet list run into one line) quadratic."""
    return bisect_right(words, pos, key=_END)


_END: Final = itemgetter(1)


def _scheduled(words: Sequence[tuple[int, int, str]], planned: Sequence[tuple[int, int]], k: int) -> bool:
    """The date at token ``k`` comes a few words after ``dự kiến``/``theo kế hoạch`` in its clause."""
    for _i, j in planned:
        if 0 <= k - j <= _PLANNED_REACH and not any(w[2] in ",;:" for w in words[j:k]):
            return True
    return False


def _timex_of(ev: Event, s_timex: Sequence[Timex]) -> Timex | None:
    return next((t for t in s_timex if t.value == ev.date), None)


def _cancels(words: list[tuple[int, int, str]], present: set[str] | None = None) -> list[tuple[int, int]]:
    cancels = _find(words, "cancel", present)
    if not cancels:
        return cancels  # nothing called off: the masks are not needed
    masked = {n for i, j in _find(words, "not_cancel", present) for n in range(i, j)}
    # "sau gần 1 năm bị trì hoãn": an earlier delay, the event now goes ahead
    masked |= {n for _i, j in _find(words, "past_cancel", present) for n in range(j, j + _PAST_REACH + 1)}
    return [(i, j) for i, j in cancels if i not in masked]


def cancelled_later(text: str, lo: int, hi: int) -> bool:
    """Some following text (the rest of the paragraph, the next one) calls something off."""
    return bool(_cancels(_words(text, lo, hi)))


def settle(
    text: str,
    s: Sentence,
    made: list[tuple[int, Event]],
    s_timex: Sequence[Timex],
    following: tuple[int, int] | None = None,
    mentions: Sequence[Mention] = (),
    words: list[tuple[int, int, str]] | None = None,
    present: set[str] | None = None,
) -> list[tuple[int, Event]]:
    """Keep, change or drop the events ``made`` from sentence ``s`` (with their trigger offsets).

    ``following`` is the span of the next sentences of the paragraph: a scheduled event (``theo dự
    kiến sẽ diễn ra từ ngày 30/4``) that is called off there is dropped too.  ``words``: the
    sentence's words as ``_words`` gives them, when the caller has already split it; ``present``
    the set of those lower-case words, when made.
    """
    if not made:
        return made
    if words is None:
        words = _words(text, s.start, s.end)
    if present is None:
        present = {w[2] for w in words}
    cancels = _cancels(words, present)
    planned = _find(words, "planned", present)
    habitual = _find(words, "habitual", present)
    tx_index = {t.start: _index(words, t.start) for t in s_timex}
    scheduled = {t.value for t in s_timex if _scheduled(words, planned, tx_index[t.start])}
    first_cancel = cancels[0][0] if cancels else None
    cancel_date: Timex | None = None
    if first_cancel is not None:
        cancel_date = next(
            (t for t in s_timex if tx_index[t.start] < first_cancel and t.value not in scheduled), None
        )
    later = None
    out: list[tuple[int, Event]] = []
    held = False  # an event of the sentence already tells the cancellation
    for pos, ev in made:
        k = _index(words, pos)
        tx = _timex_of(ev, s_timex)
        if habitual and ev.date and not (tx is not None and _YEAR.search(tx.text)):
            segs = {_segment(words, k)} | ({_segment(words, tx_index[tx.start])} if tx else set())
            if any(lo <= i < hi for i, _j in habitual for lo, hi in segs):
                continue  # "Lễ hội ... được tổ chức vào 18/3 âm lịch hàng năm"
        if first_cancel is not None:
            trig_words = tuple(w.lower() for w in _WORD.findall(ev.trigger))
            own = any(trig_words[-(j - i) :] == tuple(w[2] for w in words[i:j]) for i, j in cancels)
            if own or (cancel_date is not None and ev.date == cancel_date.value and k > first_cancel):
                # the decision itself ("quyết định tạm dừng ...", "ngày 27/4 ... tạm dừng tổ chức")
                out.append((pos, replace(ev, type="announcement") if not own else ev))
                held = True
                continue
            after_cancel = 0 < k - first_cancel <= _OBJECT_REACH  # "tạm dừng tổ chức lễ hội"
            dated_before = (
                tx is not None and k < tx_index[tx.start] < first_cancel
            )  # "tổ chức vào 1/5 ... hủy"
            if ev.date is None or ev.date in scheduled or after_cancel or dated_before:
                # the event called off: only the decision, when the sentence dates it, is a line
                if cancel_date is not None and not held and (pos == s.start or cancel_date.start < pos):
                    word = " ".join(text[words[i][0] : words[j - 1][1]] for i, j in cancels[:1])
                    summary = f"{ev.summary} {word}" if k < first_cancel else ev.summary
                    out.append(
                        (
                            pos,
                            replace(
                                ev,
                                type="announcement",
                                date=cancel_date.value,
                                date_end=None,
                                date_mod=None,
                                summary=summary,
                            ),
                        )
                    )
                    held = True
                continue
        elif ev.date is not None and ev.date in scheduled and following is not None:
            if later is None:
                later = cancelled_later(text, *following)
            if later:
                continue  # "theo dự kiến sẽ diễn ra từ ngày 30/4" ... "đã quyết định dừng tổ chức"
        if ev.type == "statement" and tx is not None and len(ev.date or "") == 4:
            ti = tx_index[tx.start]
            named = ti > 0 and words[ti - 1][2][:1].isalpha() and words[ti - 1][2] not in _DATE_PREPS
            adjoining = _index(words, tx.end - 1) + 1 == k  # "Trưởng BTC cuộc thi ... năm 2021 cho biết"
            if ti < k and named and (_segment(words, ti) != _segment(words, k) or adjoining):
                continue  # "Chia sẻ với thí sinh dự thi tốt nghiệp năm nay, cô X cho biết": the exam's year
        fronted = _fronted(text, words, ev)
        if fronted is None:
            continue
        out.append((pos, fronted))
    return [(pos, _dateline_agent(words, ev, mentions)) for pos, ev in out]


def _dateline_agent(words: list[tuple[int, int, str]], ev: Event, mentions: Sequence[Mention]) -> Event:
    """``Quảng Trị, ngày 28/4, UBND tỉnh đã quyết định ...``: a local body named without its place
    acts for the province or city that opens the sentence (a dateline)."""
    if any(p.role == "agent" for p in ev.participants) or not words:
        return ev
    place = next((m for m in mentions if m.start == words[0][0] and m.type in ("GPE", "LOC")), None)
    k = _index(words, place.end - 1) + 1 if place is not None else 0
    if place is None or k >= len(words) or words[k][2] != ",":
        return ev
    low = tuple(w.lower() for w in _WORD.findall(ev.summary))
    body = next((seq for seq in _cues().get("local_body", ()) if low[: len(seq)] == seq), None)
    if body is None:
        return ev
    head = _WORD.findall(ev.summary)[: len(body)]
    cut = ev.summary.index(head[-1]) + len(head[-1])
    name = f"{ev.summary[:cut]} {place.name}"
    agent = Participant(name=name, role="agent", entity=None, title=None)
    return replace(ev, summary=f"{name}{ev.summary[cut:]}", participants=[agent, *ev.participants])


def _fronted(text: str, words: list[tuple[int, int, str]], ev: Event) -> Event | None:
    """A sentence opening with ``Diễn ra``/``Bắt đầu`` names its subject after the comma."""
    if ev.participants:
        return ev
    trig = tuple(w.lower() for w in _WORD.findall(ev.trigger))
    if not trig or tuple(w[2] for w in words[: len(trig)]) != trig:
        return ev
    if trig not in _cues().get("front", ()):
        return ev
    rest = words[len(trig) :]
    if rest and rest[0][2] == "từ" and _find(rest[:4], "plan_period"):
        return None  # "Bắt đầu từ năm học 2021 - 2022, trường sẽ ...": a plan
    comma = next((n for n, w in enumerate(words) if w[2] == ","), None)
    if comma is None:
        return ev if len(ev.summary.split()) > len(trig) else None
    subj: list[tuple[int, int, str]] = []
    for w in words[comma + 1 : comma + 1 + _FRONT_WORDS]:
        if not w[2][:1].isalnum() or (subj and w[2] in _FRONT_STOP):
            break
        subj.append(w)
    if not subj:
        return None
    phrase = text[subj[0][0] : subj[-1][1]]
    return replace(ev, summary=f"{phrase[:1].upper()}{phrase[1:]} {ev.trigger.lower()}")
