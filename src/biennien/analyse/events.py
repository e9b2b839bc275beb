"""Events (placeholder until issue 5 lands)."""

from __future__ import annotations

from collections.abc import Sequence

from biennien.model import Event, Mention, Sentence, Timex


def extract(
    doc_id: str,
    text: str,
    sentences: Sequence[Sentence],
    timexes: Sequence[Timex],
    mentions: Sequence[Mention],
    reference_date: str | None,
) -> list[Event]:
    return []
