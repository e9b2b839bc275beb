"""CPU per article of what a build worker does: ``analyse`` and ``link.chronicle.prepare_link``.

Run: ``.venv/bin/python bench/worker_cpu.py [CORPUS_DIR]`` (default ``../shared/corpora/unc-dev``).

The full build is CPU-bound on two cores, and these two calls are the analysis
workers' whole job (``build.analyse_for_link``), so their CPU time per article
bounds the build's speed.  Documents come from the real ingest
(``ingest.sources.iter_documents``); one pass warms the caches (tables,
compiled patterns), the next ones are timed with ``time.process_time`` and the
best pass is printed, along with the parts of ``prepare_link`` and the
per-document helpers it shares with ``analyse``.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from biennien.analyse import timex
from biennien.analyse.pipeline import analyse
from biennien.ingest.sources import iter_documents
from biennien.link.chronicle import prepare_link
from biennien.link.duplicates import compared_text, paragraph_signatures, paragraphs
from biennien.link.stories_features import hashed_features
from biennien.model import DocAnalysis, Document
from biennien.vi.normalise import analysis_text
from biennien.vi.sentences import split_sentences

ROOT = Path(__file__).resolve().parent.parent
PASSES = 3


def _best_ms(items: Sequence[Any], fn: Callable[[Any], object], passes: int = PASSES) -> float:
    """Best of ``passes`` CPU times of ``fn`` over ``items``, in ms per item."""
    best = float("inf")
    for _ in range(passes):
        t0 = time.process_time()
        for item in items:
            fn(item)
        best = min(best, time.process_time() - t0)
    return best / max(1, len(items)) * 1000


def main(folder: str) -> None:
    docs: list[Document] = list(iter_documents([folder]))
    analyses: list[DocAnalysis] = [analyse(d) for d in docs]  # warm-up pass
    for d, a in zip(docs, analyses, strict=True):
        prepare_link(d, a)
    texts = [analysis_text(d.text, d.skip_spans) for d in docs]
    pairs = list(zip(docs, analyses, strict=True))
    print(f"{len(docs)} articles from {folder}; CPU ms per article, best of {PASSES} passes")
    print(f"  analyse           {_best_ms(docs, analyse):6.2f}")
    print(f"  prepare_link      {_best_ms(pairs, lambda p: prepare_link(*p)):6.2f}")
    print("parts (each on its own, analysis text given):")
    print(f"  split_sentences   {_best_ms(texts, split_sentences):6.2f}")
    print(f"  timex.tag         {_best_ms(texts, lambda t: timex.tag(t, '2020-06-01')):6.2f}")
    compared = [compared_text(t) for t in texts]
    print(f"  compared_text     {_best_ms(texts, compared_text):6.2f}")
    print(
        f"  paragraphs        {_best_ms(list(zip(docs, compared, strict=True)), lambda p: paragraphs(*p)):6.2f}"
    )
    paras = [paragraphs(d, c) for d, c in zip(docs, compared, strict=True)]
    print(f"  signatures        {_best_ms(paras, paragraph_signatures):6.2f}")

    def features(i: int) -> object:
        keys = sorted({m.key or m.name for m in analyses[i].mentions})
        events = [e for e in analyses[i].events if e.evidence and e.evidence[0].doc == docs[i].id]
        return hashed_features(docs[i], keys, events, compared[i])

    print(f"  hashed_features   {_best_ms(range(len(docs)), features):6.2f}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(ROOT.parent / "shared" / "corpora" / "unc-dev"))
