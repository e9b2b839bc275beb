"""Loading of the language tables kept in ``vi/data``.

Language knowledge lives in plain text files (one entry per line, ``#``
comments, tab-separated columns) so that a linguist can read and extend it
without touching code.  Files are read once per process and cached.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


def _lines(name: str) -> list[str]:
    data = resources.files("biennien.vi").joinpath("data", name).read_text(encoding="utf-8")
    out = []
    for line in data.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        out.append(line.rstrip("\n"))
    return out


@cache
def word_list(name: str) -> tuple[str, ...]:
    """A one-column table: each non-comment line, stripped."""
    return tuple(line.strip() for line in _lines(name))


@cache
def table(name: str) -> tuple[tuple[str, ...], ...]:
    """A tab-separated table: each non-comment line split on tabs, cells stripped."""
    return tuple(tuple(cell.strip() for cell in line.split("\t")) for line in _lines(name))
