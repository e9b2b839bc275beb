"""CPU per article of what a build worker does: ``analyse`` and ``link.chronicle.prepare_link``.

Run: ``.venv/bin/python bench/worker_cpu.py [CORPUS_DIR]`` (default ``../shared/corpora/unc-dev``).

The full build is CPU-bound on two cores, and these two calls are the analysis
workers' whole job (``build.analyse_for_link``), so their CPU time per article
bounds the build's speed.  Documents come from the real ingest
(``ingest.sources.iter_documents``); the first pass is timed as a build's
worker sees it (each article once, caches cold: "cold"), the next ones warm,
with ``time.process_time``, and the best warm pass is printed, along with the
parts of ``prepare_link``, the packing and the store rows a worker makes
(``build.analyse_for_store``) and the per-document helpers shared with ``analyse``.
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
from biennien.link.chronicle import packed_input, prepare_link
from biennien.link.duplicates import compared_text, paragraph_signatures, paragraphs, signed_paragraphs
from biennien.link.stories_features import hashed_features
from biennien.model import DocAnalysis, Document
from biennien.store.rows import doc_rows
from biennien.vi.normalise import analysis_text, mask_spans, tone_normalise
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
    docs = [d for d in iter_documents([folder]) if isinstance(d, Document)]  # failures left out
    analyses: list[DocAnalysis] = []
    cold = [0.0, 0.0]
    for d in docs:  # the cold pass, as in a build's worker: analyse, then prepare_link on its result
        t0 = time.process_time()
        analyses.append(analyse(d))
        t1 = time.process_time()
        prepare_link(d, analyses[-1])
        cold[0] += t1 - t0
        cold[1] += time.process_time() - t1
    texts = [analysis_text(d.text, d.skip_spans) for d in docs]
    pairs = list(zip(docs, analyses, strict=True))
    n = max(1, len(docs))
    print(
        f"{len(docs)} articles from {folder}; CPU ms per article, best of {PASSES} passes (cold: first pass)"
    )
    print(f"  analyse           {_best_ms(docs, analyse):6.2f}   cold {cold[0] / n * 1000:6.2f}")
    print(
        f"  prepare_link      {_best_ms(pairs, lambda p: prepare_link(*p)):6.2f}   cold {cold[1] / n * 1000:6.2f}"
    )
    inputs = [prepare_link(*p) for p in pairs]
    print(f"  packed_input      {_best_ms(inputs, packed_input):6.3f}")
    print(f"  doc_rows          {_best_ms(pairs, lambda p: doc_rows(*p)):6.3f}")
    print("parts (each on its own, analysis text given):")
    print(
        f"  analysis_text     {_best_ms(docs, lambda d: tone_normalise(mask_spans(d.text, d.skip_spans))):6.3f}"
    )
    print(f"  split_sentences   {_best_ms(texts, split_sentences):6.2f}")
    print(f"  timex.tag         {_best_ms(texts, lambda t: timex.tag(t, '2020-06-01')):6.2f}")
    compared = [compared_text(t) for t in texts]
    print(f"  compared_text     {_best_ms(texts, compared_text):6.2f}")
    print(
        f"  paragraphs        {_best_ms(list(zip(docs, compared, strict=True)), lambda p: paragraphs(*p)):6.2f}"
    )
    paras = [paragraphs(d, c) for d, c in zip(docs, compared, strict=True)]
    print(f"  signatures        {_best_ms(paras, paragraph_signatures):6.2f}")
    print(
        f"  both at once      {_best_ms(compared, signed_paragraphs):6.2f}   (signed_paragraphs: prepare_link's)"
    )

    def features(i: int) -> object:
        keys = sorted({m.key or m.name for m in analyses[i].mentions})
        events = [e for e in analyses[i].events if e.evidence and e.evidence[0].doc == docs[i].id]
        return hashed_features(docs[i], keys, events, compared[i])

    print(f"  hashed_features   {_best_ms(range(len(docs)), features):6.2f}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(ROOT.parent / "shared" / "corpora" / "unc-dev"))
