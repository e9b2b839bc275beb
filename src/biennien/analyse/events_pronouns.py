"""Whom a pronoun subject of an event points back to (``ông``, ``cô``, ``nữ diễn viên``).

An article is usually about someone, so a bare pronoun subject takes the person named most often
before its sentence (the first named on a tie).  But ``ông`` never means a woman: an article about an
actress that mentions her father (``Ngày 30/4, ông lọt vào ống kính``) or a list of actresses with a
man among them needs the pronoun's gender.  Vietnamese writes gender in the titles and pronouns around
a name (``ông Ken Hu``, ``nữ diễn viên Châu Lâm``, ``Hoa hậu Mỹ Leona Gage``), so each person's gender is
read from the words right before their mentions (``vi/data/event_gender.tsv``), and, more weakly, from
the one-word pronouns written after a mention in the rest of its sentence before any other person is
named (``Trịnh Sảng ... bạn trai của cô``).  A person the article shows mostly with the other gender is
never the pronoun's referent; one never shown with any stays a candidate.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import Final

from biennien.model import Mention
from biennien.vi.resources import table

_WORD: Final = re.compile(r"\w+")
_WINDOW: Final = 3  # words before a mention searched for a gender title ("Hoa hậu Mỹ Leona Gage")
_RECENT: Final = 300  # characters before the last person named within which a titled person is "just named"
_TITLE_WEIGHT: Final = 2  # a title right before the name counts more than a pronoun later in the sentence
_SENTENCE_END: Final = re.compile(r"[.!?\n]")


@cache
def _gender_words() -> dict[tuple[str, ...], str]:
    out: dict[tuple[str, ...], str] = {}
    for row in table("event_gender.tsv"):
        if len(row) < 2 or row[1] not in ("m", "f"):
            raise ValueError(f"event_gender.tsv: bad row {row!r}")
        out[tuple(row[0].lower().split())] = row[1]
    return out


def pronoun_gender(words: Sequence[str]) -> str | None:
    """The gender a pronoun subject states (``ông`` -> m, ``nữ diễn viên`` -> f), or None."""
    return _gender_words().get(tuple(w.lower() for w in words))


def _mention_gender(text: str, m: Mention) -> str | None:
    """The gender shown by the title in a mention's role or within three words before it."""
    marks = _gender_words()
    if m.role:
        role = tuple(m.role.lower().split())
        for n in range(len(role), 0, -1):
            if role[:n] in marks:
                return marks[role[:n]]
    words = [w.lower() for w in _WORD.findall(text[max(0, m.start - 40) : m.start])][-_WINDOW:]
    # the longest run of words ending anywhere in the window that is a gender title, nearest first
    for end in range(len(words), 0, -1):
        for start in range(0, end):
            if tuple(words[start:end]) in marks:
                return marks[tuple(words[start:end])]
    return None


class GenderMemo:
    """What ``Referents`` reads around each mention of one document (the gender of its title, the
    genders of the pronouns after it), kept for the next sentences: every sentence's ``Referents``
    reads all the mentions before it, so without it a document's mentions were read again for every
    sentence that resolves a pronoun."""

    __slots__ = ("titles", "after")

    def __init__(self) -> None:
        self.titles: dict[tuple[int, str | None], str | None] = {}  # (start, role) -> gender
        self.after: dict[tuple[int, int], list[str]] = {}  # (end, stop) -> pronoun genders

    def title(self, text: str, m: Mention) -> str | None:
        key = (m.start, m.role)
        if key not in self.titles:
            self.titles[key] = _mention_gender(text, m)
        return self.titles[key]

    def pronouns(self, text: str, start: int, stop: int) -> list[str]:
        key = (start, stop)
        if key not in self.after:
            self.after[key] = _pronouns_after(text, start, stop)
        return self.after[key]


class Referents:
    """The people named before one sentence, with the genders the article shows for them.
    ``memo``: what was read around the mentions for an earlier sentence of the same text."""

    __slots__ = ("_text", "_before", "_cache", "_memo")

    def __init__(self, text: str, before: Sequence[Mention], memo: GenderMemo | None = None) -> None:
        self._text = text
        self._before = before
        self._cache: dict[str | None, Mention | None] = {}
        self._memo = memo if memo is not None else GenderMemo()

    def resolve(self, pronoun: Sequence[str] = ()) -> Mention | None:
        """The person the pronoun words point back to: the one named most often so far (first named on
        a tie) among those not shown with the other gender; that person's longest mention."""
        gender = pronoun_gender(pronoun) if pronoun else None
        if gender not in self._cache:
            self._cache[gender] = self._pick(gender)
        return self._cache[gender]

    def _pick(self, gender: str | None) -> Mention | None:
        count: dict[str, int] = {}
        first: dict[str, int] = {}
        longest: dict[str, Mention] = {}
        shown: dict[str, dict[str, int]] = {}
        for n, m in enumerate(self._before):
            if m.type != "PER":
                continue
            key = m.key or m.name
            count[key] = count.get(key, 0) + 1
            first.setdefault(key, n)
            if key not in longest or len(m.name) > len(longest[key].name):
                longest[key] = m
            if gender is not None:
                votes = shown.setdefault(key, {"m": 0, "f": 0})
                if (g := self._memo.title(self._text, m)) is not None:
                    votes[g] += _TITLE_WEIGHT
                nxt = self._before[n + 1].start if n + 1 < len(self._before) else len(self._text)
                for g in self._memo.pronouns(self._text, m.end, nxt):
                    votes[g] += 1
        if gender is not None:
            # a person shown mostly with the other gender is not meant ("ông" is never the actress)
            other = "f" if gender == "m" else "m"
            count = {k: c for k, c in count.items() if shown[k][other] <= shown[k][gender]}
        if not count:
            return None
        if gender is not None:
            # a person just named with a title of the pronoun's gender is meant first: "Ông Trịnh Thành
            # Hoa - bố của Trịnh Sảng ... Ông lọt vào ống kính" (not the daughter, named more often)
            persons = [m for m in self._before if m.type == "PER"]
            near = [m for m in persons if persons and m.start >= persons[-1].start - _RECENT]
            recent = next((m for m in reversed(near) if self._memo.title(self._text, m) == gender), None)
            if recent is not None and (recent.key or recent.name) in count:
                return longest[recent.key or recent.name]
        best = max(count, key=lambda k: (count[k], -first[k]))
        return longest[best]


def _pronouns_after(text: str, start: int, stop: int) -> list[str]:
    """Genders of the one-word pronouns (lower-case) after a mention, up to the end of its sentence or
    the next mention: ``Trịnh Sảng ... bạn trai của cô`` shows Trịnh Sảng is a woman."""
    end = _SENTENCE_END.search(text, start, stop)
    span = text[start : end.start() if end else stop]
    marks = _gender_words()
    return [marks[(w,)] for w in _WORD.findall(span) if (w,) in marks]
