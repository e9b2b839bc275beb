"""Facts: a quantity and what it measures (placeholder until issue 4 lands)."""

from __future__ import annotations

from collections.abc import Sequence

from biennien.model import Fact, Mention, Quantity, Sentence, Timex


def extract(
    doc_id: str,
    text: str,
    sentences: Sequence[Sentence],
    quantities: Sequence[Quantity],
    timexes: Sequence[Timex],
    mentions: Sequence[Mention],
) -> list[Fact]:
    return []
