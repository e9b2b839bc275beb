"""Ingest + store benchmark (no analysis): documents/s and peak memory.

python bench/ingest.py ../shared/corpora/unc-dev
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _memory import PeakSampler  # noqa: E402
from biennien.ingest import iter_documents  # noqa: E402
from biennien.model import DocAnalysis, Document  # noqa: E402
from biennien.store.sqlite import Store  # noqa: E402
from biennien.vi.normalise import analysis_text  # noqa: E402
from biennien.vi.sentences import split_sentences  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("folder")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="biennien-bench-"))
    try:
        store = Store(tmp / "ingest.db")
        added = failed = 0
        t_ingest = t_store = 0.0
        with PeakSampler() as mem:
            t0 = time.perf_counter()
            it = iter(iter_documents([args.folder]))
            while True:
                a = time.perf_counter()
                item = next(it, None)
                b = time.perf_counter()
                t_ingest += b - a
                if item is None:
                    break
                if not isinstance(item, Document):
                    failed += 1
                    continue
                # sentences are stored too (they feed search), the rest of analysis is not run
                sents = split_sentences(analysis_text(item.text, item.skip_spans))
                added += store.add_document(item, DocAnalysis(item.id, sentences=sents))
                t_store += time.perf_counter() - b
            elapsed = time.perf_counter() - t0
        store.close()
        print(f"folder: {args.folder}")
        print(f"documents stored: {added}, failed: {failed}")
        print(f"ingest + store: {elapsed:.2f} s -> {added / elapsed:,.0f} documents/s")
        print(f"  ingest {t_ingest:.2f} s, store {t_store:.2f} s")
        print(f"peak memory (RSS): {mem.peak_mb:,.0f} MB")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
