"""The plain definition ``facts._ClauseStarts`` is held to by the tests: a scan of ``_CLAUSE`` from the
sentence's start, cut at the position, keeping the end of the last match that breaks a clause."""

from __future__ import annotations

from biennien.analyse.facts import _CLAUSE, _breaks


def clause_start(text: str, sent_start: int, pos: int) -> int:
    """Where the clause holding ``pos`` starts: after the last clause break between ``sent_start`` and
    ``pos`` (the sentence's start when there is none)."""
    last = sent_start
    for m in _CLAUSE.finditer(text, sent_start, pos):
        if _breaks(text, m):
            last = m.end()
    return last
