"""Full build benchmark: documents/s end to end, seconds per stage, peak memory.

    python bench/build.py ../shared/corpora/unc-dev [--workers N] [--add 100] [--engine dask] [--db URL]

Builds a fresh store from FOLDER, then (with --add N) measures adding N new
articles to it: N of the folder's files with a marker line appended, so
their texts are new.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import biennien.build  # noqa: E402
from _memory import PeakSampler  # noqa: E402
from biennien.build import BuildReport, build  # noqa: E402
from biennien.store.sqlite import Store  # noqa: E402


def _stages(report: BuildReport, n: int) -> None:
    """Per stage: the main process's wall seconds in it, and the CPU of every process that did it."""
    print(f"  {'stage':8s} {'wall (main)':>12s} {'CPU (all)':>10s} {'CPU ms/article':>15s}")
    for stage, secs in report.seconds.items():
        cpu = report.cpu[stage]
        print(f"  {stage:8s} {secs:10.2f} s {cpu:8.2f} s {cpu / max(1, n) * 1000:15.2f}")
    total = sum(report.cpu.values())
    print(f"  {'total':8s} {'':12s} {total:8.2f} s {total / max(1, n) * 1000:15.2f}")


@contextmanager
def _link_phase(mem: PeakSampler) -> Iterator[None]:
    """Mark the link stage in ``mem`` while a build runs (the build's own ``link_store`` call, wrapped)."""
    link_store = biennien.build.link_store

    def marked(*args: Any, **kwargs: Any) -> Any:
        mem.mark("link")
        try:
            return link_store(*args, **kwargs)
        finally:
            mem.mark("after link")

    biennien.build.link_store = marked
    try:
        yield
    finally:
        biennien.build.link_store = link_store


def _phase_peaks(mem: PeakSampler) -> None:
    """Peak RSS per phase: the whole tree, this (the build) process, and the pool's workers together."""
    names = {"build": "ingest + analysis + store", "link": "link stage"}
    for phase, label in names.items():
        peaks = mem.phases.get(phase)
        if peaks:
            print(
                f"  {label:26s} all {peaks['all'] / 1024:7,.0f} MB   build process {peaks['main'] / 1024:7,.0f} MB"
                f"   workers {peaks['workers'] / 1024:7,.0f} MB"
            )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("folder")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--add", type=int, default=100, help="articles to add to the built store (0: skip)")
    ap.add_argument("--engine", default="local", choices=["local", "dask"], help="where analysis runs")
    ap.add_argument(
        "--db", default=None, help="an empty PostgreSQL database URL (default: a temporary SQLite file)"
    )
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="biennien-bench-"))
    try:
        store = Store(args.db) if args.db else Store(tmp / "bench.db")
        with PeakSampler() as mem, _link_phase(mem):
            t0 = time.perf_counter()
            report = build([args.folder], store, workers=args.workers, engine=args.engine)
            elapsed = time.perf_counter() - t0
        n = len(report.added)
        print(
            f"folder: {args.folder}   workers: {args.workers}   engine: {args.engine}   store: {store.path}"
        )
        print(f"documents added: {n}, skipped: {len(report.skipped)}, failed: {len(report.failed)}")
        print(f"full build: {elapsed:.2f} s  ->  {n / elapsed:,.0f} documents/s end to end")
        _stages(report, n)
        print(f"peak memory (RSS, all processes): {mem.peak_mb:,.0f} MB")
        _phase_peaks(mem)
        cpu = (
            resource.getrusage(resource.RUSAGE_SELF).ru_utime
            + resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
        )
        print(f"CPU time (user, this process and its finished workers): {cpu:.1f} s")
        if args.add:
            extra = tmp / "extra"
            extra.mkdir()
            files = sorted(p for p in Path(args.folder).rglob("*.txt"))[: args.add]
            for i, p in enumerate(files):
                text = p.read_text(encoding="utf-8") + f"\nBài bổ sung số {i} cho phép đo thêm tài liệu.\n"
                (extra / f"extra_{i:04d}.txt").write_text(text, encoding="utf-8")
            t1 = time.perf_counter()
            rep2 = build([str(extra)], store, workers=args.workers, engine=args.engine)
            dt = time.perf_counter() - t1
            print(f"adding {len(rep2.added)} articles to the store of {n}: {dt:.2f} s")
            _stages(rep2, len(rep2.added))
            if rep2.link is not None:
                print(f"  (link: {'incremental' if rep2.link.incremental else 'full'})")
        store.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
