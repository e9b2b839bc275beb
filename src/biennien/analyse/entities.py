"""Named entity mentions (placeholder until issue 5 lands)."""

from __future__ import annotations

from collections.abc import Sequence

from biennien.model import Mention, Sentence


def extract(text: str, sentences: Sequence[Sentence]) -> list[Mention]:
    return []
