"""Vietnamese temporal tagger (placeholder until issue 3 lands)."""

from __future__ import annotations

from datetime import date

from biennien.model import Timex


def tag(text: str, reference_date: str | date | None = None) -> list[Timex]:
    """Return the time expressions in ``text`` normalised to TIMEX3."""
    return []
