"""Hand annotations for analyser tests: a time expression or a mention located by its text.

Event tests give ``events.extract`` the timexes and mentions of a made-up sentence directly, so they
test the event rules alone; these build them from the first occurrence of a string.
"""

from __future__ import annotations

from biennien.model import EntityType, Mention, Timex


def timex_at(text: str, s: str, value: str) -> Timex:
    """A DATE timex over the first ``s`` in ``text``."""
    i = text.index(s)
    return Timex(s, i, i + len(s), "DATE", value)


def mention_at(text: str, s: str, typ: EntityType, start: int = 0) -> Mention:
    """A mention of type ``typ`` over the first ``s`` in ``text`` from ``start``, keyed ``TYPE:lower``."""
    i = text.index(s, start)
    return Mention(s, i, i + len(s), typ, s, None, f"{typ}:" + s.lower())
