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
``vi/data/event_fallback.tsv``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from biennien.model import Mention, Sentence, Timex
from biennien.vi.resources import table

_WORD = re.compile(r"\w+|[^\w\s]")
_MAX_SUMMARY_WORDS = 12
_MAX_LEAD_WORDS = 4  # words allowed before a fronted date ("Song, đến năm 2013,")
_MAX_SEGMENTS = 3  # comma segments searched after a date standing on its own for a named subject
_MAX_SUBJECT_GAP = 2  # words allowed between the clause start and its subject ("Cặp đôi", "sau đó")


@dataclass(frozen=True, slots=True)
class Fallback:
    """What the fallback found: the date, the subject mention, and the clause ``[start, end)``."""

    date: Timex
    subject: Mention
    start: int
    end: int


@cache
def _cues() -> dict[str, tuple[tuple[str, ...], ...]]:
    out: dict[str, list[tuple[str, ...]]] = {}
    for row in table("event_fallback.tsv"):
        out.setdefault(row[0], []).append(tuple(row[1].lower().split()))
    return {k: tuple(v) for k, v in out.items()}


@cache
def _lead_words() -> frozenset[str]:
    return frozenset(w for seq in _cues().get("lead", ()) for w in seq)


def _words(s: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(s)]


def _ends_with(words: list[str], kind: str) -> bool:
    return any(len(seq) <= len(words) and tuple(words[-len(seq) :]) == seq for seq in _cues().get(kind, ()))


def _starts_with(words: list[str], kind: str) -> bool:
    return any(tuple(words[: len(seq)]) == seq for seq in _cues().get(kind, ()))


def _contains(words: list[str], kind: str) -> bool:
    return any(
        tuple(words[k : k + len(seq)]) == seq for seq in _cues().get(kind, ()) for k in range(len(words))
    )


def _clause_bounds(text: str, s: Sentence, pos: int) -> tuple[int, int]:
    """The comma-, semicolon- or colon-delimited clause of the sentence around offset ``pos``."""
    lo = max(text.rfind(c, s.start, pos) for c in ",;:")
    hi = min([k for k in (text.find(c, pos, s.end) for c in ",;:") if k >= 0] or [s.end])
    return (lo + 1 if lo >= s.start else s.start), hi


def _day_precision(t: Timex) -> bool:
    return len(t.value) >= 10 and t.value[4] == "-" and t.value[7] == "-"


def _subject(
    text: str, lo: int, hi: int, mentions: Sequence[Mention], skip: tuple[int, int]
) -> tuple[Mention, int] | None:
    """The named subject opening the clause ``[lo, hi)`` (outside the date span ``skip``) and where
    its predicate starts; None when the clause does not open with a name and a non-state verb."""
    inside = [m for m in mentions if lo <= m.start and m.end <= hi and not skip[0] <= m.start < skip[1]]
    if not inside:
        return None
    m = inside[0]
    before = [w for w in _words(text[lo : m.start]) if w.isalnum()]
    # the words before the name are allowed leads or the title the recogniser left out
    if len(before) > _MAX_SUBJECT_GAP + (len(_words(m.role)) if m.role else 0) or _ends_with(
        before, "no_subject"
    ):
        return None
    # a name joined by "và" to a second one ("Châu Tấn và Lý Á Bằng gặp nhau") is one subject
    end = m.end
    for other in inside[1:]:
        gap = _words(text[end : other.start])
        if gap in (["và"], [","], ["cùng"]):
            end = other.end
        else:
            break
    pred = [w for w in _words(text[end:hi]) if w.isalnum()]
    if len(pred) < 2 or _starts_with(pred, "state_verb") or pred[0][:1].isdigit():
        return None
    return m, end


def _dated(text: str, lo: int, hi: int, t: Timex, mentions: Sequence[Mention]) -> Fallback | None:
    """The event of clause ``[lo, hi)`` dated by ``t``: a happening with a named subject."""
    if _contains(_words(text[lo:hi]), "no_event"):
        return None
    subj = _subject(text, lo, hi, mentions, (t.start, t.end))
    return Fallback(date=t, subject=subj[0], start=lo, end=hi) if subj else None


def find(text: str, s: Sentence, timexes: Sequence[Timex], mentions: Sequence[Mention]) -> Fallback | None:
    """The fallback event of sentence ``s`` (its usable ``timexes`` and ``mentions``), if any."""
    if text[s.start : s.end].rstrip().endswith("?"):
        return None
    lead_words = _lead_words()
    for t in timexes:
        before = _words(text[s.start : t.start])
        seg_lo = max(s.start, *(text.rfind(c, s.start, t.start) + 1 for c in ",;:"))
        seg_before = _words(text[seg_lo : t.start])
        # the date is a segment of its own ("Năm 2019, X ...", "..., khoảng 11h ngày 26/4, ..."): the
        # clause it dates follows it
        own_segment = (
            len(seg_before) <= _MAX_LEAD_WORDS
            and text[t.end : t.end + 2].lstrip()[:1] == ","
            and all(w in lead_words for w in seg_before)
            and not (_ends_with(seg_before, "not_point") and not _ends_with(seg_before, "lead"))
        )
        if own_segment:
            lo = text.index(",", t.end) + 1
            for _ in range(_MAX_SEGMENTS):
                hi = _clause_bounds(text, s, lo + 1)[1]
                found = _dated(text, lo, hi, t, mentions)
                # look further only past an adjunct ("trên đường đi học về, ..."), not past a clause
                # whose subject is unnamed ("ông nhận học bổng ..., Italy và ...")
                adjunct = _starts_with(_words(text[lo:hi]), "no_subject")
                if found is not None or hi >= s.end or not adjunct:
                    break
                lo = hi + 1
            if found is not None:
                return found
            continue
        lo, hi = _clause_bounds(text, s, t.start)
        if _ends_with(before, "not_point") and not _ends_with(before, "date_prep"):
            continue
        ranged = _starts_with(_words(t.text), "lead")  # "đầu năm 1599", "cuối tháng 3"
        if not (_ends_with(before, "date_prep") or ranged or _day_precision(t)):
            continue
        found = _dated(text, lo, t.start, t, mentions)
        if found is not None and not _contains(_words(text[found.subject.end : t.start]), "clause_break"):
            return found
    return None


def summary_words(text: str, fb: Fallback, aux: Sequence[tuple[str, ...]]) -> str:
    """The clause as a short line: from the subject on, without auxiliaries and the date's own
    preposition, at most a dozen words."""
    span = text[fb.subject.start : fb.end]
    words = span.split()
    # leading title words kept by the recogniser's role (``Ông``) stay; auxiliaries go
    aux_set = {seq[0] for seq in aux if len(seq) == 1}
    out = [w for n, w in enumerate(words) if not (n > 0 and w.lower() in aux_set)]
    while out and _ends_with([w.lower().strip(",") for w in out], "date_prep"):
        out.pop()
    return " ".join(out[:_MAX_SUMMARY_WORDS]).strip(" ,;:.")
