"""Random texts made of the event tables' own words, for tests that compare a fast path with its plain
definition (``test_events_speed``, ``test_events_s5``)."""

from __future__ import annotations

import random
from collections.abc import Sequence

from biennien.analyse.events import _lexicon
from biennien.vi.normalise import tone_normalise

GLUE = (" ", "  ", "\n", ", ", ". ", " (", ") ", " - ", "_", '"', " ông ", " Hà Nội ", " 13/2 ", " đã ")
FILLERS = ("Tổng", "Bí", "thư", "Tô", "Lâm", "GẶP", "Tiếp", "xgặp", "2024", "đồng_chí")


def random_event_texts(
    n: int,
    seed: int,
    *,
    longest: int = 40,
    glue: Sequence[str] = GLUE,
    glue_rate: float = 0.3,
    fillers: Sequence[str] = FILLERS,
) -> list[str]:
    """``n`` texts of 3 to ``longest`` words: trigger and cue words of the tables and ``fillers``, some
    capitalised, joined by a space or (at ``glue_rate``) by awkward glue."""
    lex = _lexicon()
    words = sorted({w for v in lex.by_first.values() for t in v for w in t.words})
    words += sorted({w for seqs in lex.cues.values() for seq in seqs for w in seq})
    words += fillers
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(3, longest)):
            w = rng.choice(words)
            parts.append(w.capitalize() if rng.random() < 0.15 else w)
            parts.append(rng.choice(glue) if rng.random() < glue_rate else " ")
        out.append(tone_normalise("".join(parts)))
    return out
