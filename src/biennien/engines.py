"""Where per-document analysis runs: in this process, a local process pool, or a Dask cluster.

``analyse`` is a pure function of one document, so any executor with a
``map`` gives the same results in the same order; linking and storing stay
central (one writer).  Engines are context managers that yield a
``concurrent.futures.Executor`` or ``None`` for in-process analysis.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from enum import StrEnum


class Engine(StrEnum):
    local = "local"
    dask = "dask"


class EngineError(Exception):
    """An engine that cannot start, with a message for the user."""


@contextmanager
def executor(
    engine: Engine | str = Engine.local, workers: int = 1, scheduler: str | None = None
) -> Iterator[Executor | None]:
    engine = Engine(engine)
    if engine is Engine.local:
        if workers <= 1:
            yield None
            return
        pool = ProcessPoolExecutor(max_workers=workers)
        try:
            yield pool
        except BaseException:
            # leaving on an error (a bad store, Ctrl-C, a crashed worker): drop the queued reading and
            # analysis tasks instead of finishing them before the error is reported
            pool.shutdown(cancel_futures=True)
            raise
        pool.shutdown()
        return
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - dask is a dependency
        raise EngineError("--engine dask needs the 'distributed' package") from exc
    cluster = None
    try:
        if scheduler:
            client = Client(scheduler, timeout="20s")
        else:
            cluster = LocalCluster(
                n_workers=max(1, workers), threads_per_worker=1, processes=True, dashboard_address=None
            )
            client = Client(cluster)
    except OSError as exc:
        if cluster is not None:
            cluster.close()
        raise EngineError(f"cannot reach the Dask scheduler {scheduler}: {exc}") from exc
    try:
        yield client.get_executor()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
