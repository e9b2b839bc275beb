"""Vietnamese quantities (placeholder until issue 4 lands)."""

from __future__ import annotations

from collections.abc import Sequence

from biennien.model import Quantity, Timex


def extract(text: str, timexes: Sequence[Timex] = ()) -> list[Quantity]:
    """Return the quantities in ``text``, skipping anything inside a timex span."""
    return []
