"""A fixed analysis workload for instruction counts (callgrind), which do not move with the host's speed.

Run: ``valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.out .venv/bin/python bench/callgrind_pass.py``
then ``callgrind_annotate --inclusive=yes /tmp/cg.out | head -60`` ("PROGRAM TOTALS" is the figure to compare;
grep ``CPyDef_entities``, ``CPyDef_timex`` ... for the compiled analysers).

It ingests the first 160 unc-dev articles and the seeds (165 documents) and runs what a build worker runs
for each (``build.analyse_for_link``: ``analyse`` and ``prepare_link``) twice: a cold pass, as a worker
sees the articles, then a warm one.  Imports and the tables built on first use are counted too: every
build worker pays them.  Wall times on this machine varied by a factor of two from hour to hour in session
9; the counts of two trees, taken at any time, compare.
"""

from __future__ import annotations

from pathlib import Path

from biennien.build import analyse_for_link
from biennien.ingest.sources import iter_documents
from biennien.model import Document

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"


def main() -> None:
    paths = sorted(str(p) for p in (SHARED / "corpora" / "unc-dev").iterdir())[:160]
    paths += sorted(str(p) for p in (SHARED / "seeds").iterdir())
    docs = [d for d in iter_documents(paths) if isinstance(d, Document)]
    for _ in range(2):
        for doc in docs:
            analyse_for_link(doc)
    print(f"{len(docs)} documents, two passes")


if __name__ == "__main__":
    main()
