"""``build``: ingest -> analyse -> store -> link, with a report.

The orchestration is kept out of the CLI so tests, benchmarks and other
front ends run exactly what ``biennien build`` runs.  Analysis of new
documents can run in a process pool (``workers > 1``) or on Dask while this
process ingests the next batch and stores finished ones; documents are
written in input order, one transaction per batch, so the store content does
not depend on the number of workers.  With a local pool the workers also read
the files; into an empty store (a first build) the worker that reads a file
analyses its articles in the same task.  With a pool, the ``analyse`` figure
of the report's ``seconds`` is the time spent waiting for analyses; ``cpu``
holds every process's CPU time per stage.
"""

from __future__ import annotations

import gc
import os
import pickle
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field

from biennien.analyse import analyse
from biennien.engines import executor
from biennien.ingest.limits import DEFAULT_LIMITS, Limits
from biennien.ingest.sources import ingest_file, iter_units
from biennien.link.chronicle import LinkInput, LinkReport, link_store, packed_input, prepare_link
from biennien.link.duplicates import ready_minhash
from biennien.link.spilled import SpilledInputs
from biennien.model import DocAnalysis, Document, Failure
from biennien.store.rows import DocRows, doc_rows
from biennien.store.sqlite import Store, iter_chunks

STAGES = ("ingest", "analyse", "store", "link")


@dataclass(slots=True)
class BuildReport:
    added: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # already stored (same normalised text)
    failed: list[Failure] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    link: LinkReport | None = None
    # wall seconds this process spent in each stage (with a pool: producing or waiting for its results)
    seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STAGES, 0.0))
    # CPU seconds of each stage summed over every process that did it (workers report theirs)
    cpu: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STAGES, 0.0))

    @property
    def seen(self) -> int:
        return len(self.added) + len(self.skipped) + len(self.failed)

    def exit_code(self) -> int:
        """0 when anything was added or everything was already there; 1 when every input failed."""
        if self.failed and not self.added and not self.skipped:
            return 1
        return 0


Progress = Callable[[str, Document | Failure], None]


# documents whose link inputs (``prepare_link``, packed) are kept for the link stage of one build; beyond
# this many the link stage computes the rest itself (about 1.3 ms each in the build process at 20,000
# articles, from the stored text, which it then holds along with their unpacked features: more memory per
# document than a packed input).  While the build streams its input they wait in a temporary file
# (``SpilledInputs``: about 9 kB each on disk, an offset each in memory); the link reads them all back, and
# a packed input holds about 12 kB in memory once unpickled, so at most about 600 MB there; a build of more
# articles than this needs the partitioned link of docs/scaling.md more than a larger limit
MAX_PREPARED = 50_000


def analyse_for_link(doc: Document) -> tuple[DocAnalysis, LinkInput]:
    """The worker's job: analyse a document and hash what the link stage needs of it."""
    analysis = analyse(doc)
    return analysis, prepare_link(doc, analysis)


# a worker's answer: the store rows, the link input (packed, then pickled: this process writes it to its
# ``SpilledInputs`` as it comes), and the CPU seconds of analysing (with the link preparation) and of making
# the rows, which count for the analyse and store stages
Analysed = tuple[DocRows, bytes, tuple[float, float]]


@dataclass(frozen=True, slots=True)
class Unanalysed:
    """A document whose analysis raised: why (the exception and where it was raised), and the CPU seconds
    spent on it.  The build reports it as a failed input and goes on with the others."""

    reason: str
    cpu: float


# what a worker sends back for one document
Result = Analysed | Unanalysed


def analyse_for_store(doc: Document) -> Result:
    """What a build's worker sends back: the store's rows of the analysis, the link input, the CPU times;
    or, when an analyser raises on this text, why (one odd article must not stop a build of thousands)."""
    t0 = time.process_time()
    try:
        analysis, link_input = analyse_for_link(doc)
        packed = pickle.dumps(packed_input(link_input), protocol=pickle.HIGHEST_PROTOCOL)
        t1 = time.process_time()
        rows = doc_rows(doc, analysis)
    except Exception as exc:  # any analyser bug an input sets off is reported, not raised
        return Unanalysed(_failure_reason(exc), time.process_time() - t0)
    return rows, packed, (t1 - t0, time.process_time() - t1)


def _failure_reason(exc: BaseException) -> str:
    """``analysis failed: ValueError: ... (at entities.py:123)``: enough for the user and for a bug report."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = f" (at {os.path.basename(frames[-1].filename)}:{frames[-1].lineno})" if frames else ""
    return f"analysis failed: {type(exc).__name__}: {exc}{where}"


def _charge(report: BuildReport, result: Result) -> None:
    """Count a worker's CPU seconds for one document in the report's analyse and store stages."""
    if isinstance(result, Unanalysed):
        report.cpu["analyse"] += result.cpu
    else:
        report.cpu["analyse"] += result[2][0]
        report.cpu["store"] += result[2][1]


def _submit(chunk: list[tuple[Document, Result | None]], pool: Executor | None) -> Iterator[Result]:
    """Start analysing the documents of a batch not analysed yet; all results come back in order."""
    todo = [doc for doc, done in chunk if done is None]
    if not todo:
        return iter([done for _, done in chunk if done is not None])
    if pool is None or len(todo) < 2:
        results: Iterator[Result] = iter([analyse_for_store(d) for d in todo])
    elif isinstance(pool, ProcessPoolExecutor):  # fewer round trips; Dask's executor has no chunksize
        results = pool.map(analyse_for_store, todo, chunksize=max(1, len(todo) // 8))
    else:
        results = pool.map(analyse_for_store, todo)
    if len(todo) == len(chunk):
        return results
    return (done if done is not None else next(results) for _, done in chunk)


def _all_analysed(chunk: list[tuple[Document, Result | None]]) -> bool:
    """Whether every document of a batch came with its analysis (nothing of it is left in the pool)."""
    return all(done is not None for _, done in chunk)


def _store_batch(
    chunk: list[tuple[Document, Result | None]],
    results: Iterator[Result],
    store: Store,
    report: BuildReport,
    progress: Progress | None,
    prepared: SpilledInputs,
) -> None:
    """Wait for a batch's analyses and store its documents in one transaction, in input order (a document
    whose analysis failed is reported and not stored)."""
    t0 = time.perf_counter()
    answers = list(results)
    report.seconds["analyse"] += time.perf_counter() - t0  # time spent waiting for the pool
    docs: list[Document] = []
    done: list[Analysed] = []
    for (doc, _), result in zip(chunk, answers, strict=True):
        _charge(report, result)
        if isinstance(result, Unanalysed):
            failure = Failure(doc.source, result.reason)
            report.failed.append(failure)
            if progress:
                progress("failed", failure)
        else:
            docs.append(doc)
            done.append(result)
    t1, c1 = time.perf_counter(), time.process_time()
    added = store.add_documents([(doc, rows) for doc, (rows, _, _) in zip(docs, done, strict=True)])
    report.seconds["store"] += time.perf_counter() - t1
    report.cpu["store"] += time.process_time() - c1
    for doc, was_added, (_, link_input, _) in zip(docs, added, done, strict=True):
        if was_added:
            if len(prepared) < MAX_PREPARED:
                prepared.add_pickled(doc.id, link_input)
            report.added.append(doc.id)
            report.warnings.extend(f"{doc.source}: {w}" for w in doc.warnings)
            if progress:
                progress("added", doc)
        else:  # an identical text earlier in the same build
            report.skipped.append(doc.id)
            if progress:
                progress("skipped", doc)


def build(
    paths: Sequence[str],
    store: Store,
    *,
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    batch_size: int = 64,
    strict: bool = False,
    progress: Progress | None = None,
    items: Iterable[Document | Failure] | None = None,
    lock_wait: float = 0.0,
    limits: Limits | None = None,
) -> BuildReport:
    """Build (or extend) the chronicle in ``store`` from ``paths``.

    With ``strict``, every input is read first and any failure to read one
    stops the build before anything is written (an article whose analysis
    fails is only found while the others are stored: it is reported in
    ``failed`` and the others stay stored).  One build at a time per store: the
    store's lock file (``biennien.lock``) is held throughout; another build
    holding it makes this one wait up to ``lock_wait`` seconds, then raise
    ``StoreLockedError`` naming the store and the holder.
    """
    source: Iterable[Document | Failure] | Iterable[str | Document | Failure]
    source = items if items is not None else iter_units(paths, limits or DEFAULT_LIMITS)
    if store.readonly or store.path in ("", ":memory:"):
        return _build(source, store, workers, engine, scheduler, batch_size, strict, progress, limits)
    with store.build_lock(wait=lock_wait):
        return _build(source, store, workers, engine, scheduler, batch_size, strict, progress, limits)


def _build(
    source: Iterable[str | Document | Failure],
    store: Store,
    workers: int,
    engine: str,
    scheduler: str | None,
    batch_size: int,
    strict: bool,
    progress: Progress | None,
    limits: Limits | None,
) -> BuildReport:
    report = BuildReport()
    with ExitStack() as stack:
        if engine == "local" and workers > 1:
            ready_minhash()  # forked workers inherit it
            stack.enter_context(_frozen_before_fork())
        pool = stack.enter_context(executor(engine, workers, scheduler))
        # files are read and parsed in a local process pool; a Dask cluster's workers may not see them
        local_pool = pool if isinstance(pool, ProcessPoolExecutor) else None
        # Into an empty store every document is new (but for a text repeated in the input), so the
        # worker that reads a file analyses its articles at once: no document travels back here and
        # out again before its analysis.  Otherwise this process first checks which are new.
        # (While many of the documents read are not new after all, it stops: see ``ReadMode``.)
        mode = ReadMode(local_pool is not None and not strict and store.count("documents") == 0)
        stream: Iterable[Unit] = _ingested(source, local_pool, limits or DEFAULT_LIMITS, report, mode)
        if strict:
            materialised = list(stream)
            failures = [x for x, _ in materialised if isinstance(x, Failure)]
            if failures:
                report.failed.extend(failures)
                return report
            stream = materialised

        # Keep up to ``depth`` batches in the pool while this process ingests the
        # next batch and stores the oldest finished one: ingest, analysis and
        # storing overlap instead of taking turns.  Memory stays bounded by
        # depth x batch_size documents; documents are stored in input order.
        # A batch whose documents came analysed already (read and analysed by the
        # same worker) is stored at once: nothing is gained by holding it, and
        # the batches left to store after the last analysis would be on the
        # critical path.
        depth = 1 if pool is None else 3
        pending: deque[tuple[list[tuple[Document, Result | None]], Iterator[Result]]] = deque()
        prepared = stack.enter_context(SpilledInputs())
        for chunk in iter_chunks(_fresh(stream, store, report, progress, mode), batch_size):
            pending.append((chunk, _submit(chunk, pool)))
            while pending and (len(pending) >= depth or _all_analysed(pending[0][0])):
                _store_batch(*pending.popleft(), store, report, progress, prepared)
        while pending:
            _store_batch(*pending.popleft(), store, report, progress, prepared)
        if store.needs_link():
            t3, c3 = time.perf_counter(), time.process_time()
            # the link is the pool's last work: its workers are shut down once the merges are back
            report.link = link_store(
                store,
                prepared,
                pool=local_pool,
                consume=True,
                pool_done=local_pool.shutdown if local_pool is not None else None,
            )
            report.seconds["link"] += time.perf_counter() - t3
            report.cpu["link"] += time.process_time() - c3 + report.link.pool_cpu
    return report


@contextmanager
def _frozen_before_fork() -> Iterator[None]:
    """The objects of this process kept out of the cycle collector's generations while its pool works.

    The workers fork from this process and inherit every object it holds (modules, tables, patterns).
    Frozen (``gc.freeze``), those are never traversed by the workers' full collections, and the
    collector does not write to their pages, which would copy them into each worker (``gc.freeze``'s
    documented use before a fork).  Objects made later are collected as usual; the frozen ones are
    handed back when the build ends.  Collection never changes a result.  (A process that froze objects
    itself, like the web server, keeps its own arrangement.)
    """
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


# files per task of the pool's ingest, and how many such tasks may wait ahead of the one being
# consumed: enough to keep the workers busy, bounded so memory does not grow with the corpus
INGEST_CHUNK = 8
INGEST_AHEAD = 8

# what the input stream hands on: an article read (or a failure), with its analysis when the worker
# that read it analysed it too
Unit = tuple[Document | Failure, Result | None]

# of the last READ_WINDOW documents read, at most READ_WASTE may be known ones (skipped) while the reading
# workers analyse what they read
READ_WINDOW = 64
READ_WASTE = 16


class ReadMode:
    """Whether the workers that read files analyse their articles too (a first build).

    A document read and analysed there but found known here (the same folder
    given twice, a feed of reprints) is analysed for nothing: once more than
    ``READ_WASTE`` of the last ``READ_WINDOW`` documents were known, files are
    read without analysis (this process picks the new documents first, as for
    any later build), and back again once they are mostly new.  The tasks
    already submitted keep their mode.  Output never depends on the mode.
    """

    __slots__ = ("allowed", "recent", "known")

    def __init__(self, allowed: bool) -> None:
        self.allowed = allowed
        self.recent: deque[bool] = deque()  # the last documents: known (True) or new
        self.known = 0  # how many of ``recent`` were known

    @property
    def on(self) -> bool:
        return self.allowed and self.known <= READ_WASTE

    def seen(self, known: bool) -> None:
        self.recent.append(known)
        self.known += known
        if len(self.recent) > READ_WINDOW:
            self.known -= self.recent.popleft()


def _ingested(
    source: Iterable[str | Document | Failure],
    pool: Executor | None,
    limits: Limits,
    report: BuildReport,
    mode: ReadMode,
) -> Iterator[Unit]:
    """The documents and failures of ``source`` in input order, file paths ingested in ``pool``.

    ``source`` holds items read already and paths of files (``ingest.iter_units``);
    with a pool the files are read and parsed by the workers, several tasks
    ahead, beside the analysis of earlier batches; while ``mode`` is on the
    workers analyse the documents they read as well.  The time this process
    spends producing items or waiting for them is the ingest stage's.
    """
    queue: deque[Future[tuple[list[Unit], float]] | tuple[list[Unit], float]] = deque()
    group: list[str] = []

    def flush() -> None:
        if group:
            queue.append(
                pool.submit(read_files, list(group), limits, mode.on) if pool else read_files(group, limits)
            )
            group.clear()

    it = iter(source)
    while True:
        t0, c0 = time.perf_counter(), time.process_time()
        unit = next(it, None)
        if unit is None:
            flush()
        elif isinstance(unit, str):
            group.append(unit)
            if len(group) >= INGEST_CHUNK or pool is None:
                flush()
        else:
            flush()
            queue.append(([(unit, None)], 0.0))
        ready: list[list[Unit]] = []
        worker_cpu = 0.0
        while queue and (
            unit is None
            or len(queue) > INGEST_AHEAD
            or not isinstance(queue[0], Future)
            or queue[0].done()  # hand on what is read as soon as it is, not only when the window is full
        ):
            head = queue.popleft()
            batch, cpu = head.result() if isinstance(head, Future) else head
            ready.append(batch)
            worker_cpu += cpu if pool else 0.0  # without a pool the work was this process's own
        report.seconds["ingest"] += time.perf_counter() - t0
        report.cpu["ingest"] += time.process_time() - c0 + worker_cpu
        for batch in ready:
            yield from batch
        if unit is None and not queue:
            return


def read_files(paths: Sequence[str], limits: Limits, analyse: bool = False) -> tuple[list[Unit], float]:
    """The items of several files, in order (one pool task), and the CPU time reading them took;
    with ``analyse``, each document comes with its analysis (whose CPU time it carries)."""
    t0 = time.process_time()
    items = [item for path in paths for item in ingest_file(path, limits)]
    cpu = time.process_time() - t0
    if not analyse:
        return [(item, None) for item in items], cpu
    return [(item, analyse_for_store(item) if isinstance(item, Document) else None) for item in items], cpu


def _fresh(
    stream: Iterable[Unit],
    store: Store,
    report: BuildReport,
    progress: Progress | None,
    mode: ReadMode,
) -> Iterator[tuple[Document, Result | None]]:
    """Documents not yet in the store (with their analysis if made); failures and known texts are
    reported as they pass (the CPU time of an analysis made for a known one counts all the same)."""
    for item, analysed in stream:
        if isinstance(item, Failure):
            report.failed.append(item)
            if progress:
                progress("failed", item)
            continue
        known: str | None
        if store.has_document(item.id):
            known = item.id
        else:
            # stored before under another id (an older ingest drew the caption lines differently)
            known = store.document_with_text(item.text)
        mode.seen(known is not None)
        if known is None:
            yield item, analysed
            continue
        if analysed is not None:  # analysed where it was read, for nothing
            _charge(report, analysed)
        store.add_source(known, item.source)
        report.skipped.append(known)
        if progress:
            progress("skipped", item)
