"""Peak resident memory of this process and all its children, sampled from /proc."""

from __future__ import annotations

import os
import threading
from pathlib import Path


def _children(pid: int) -> list[int]:
    out: list[int] = []
    task_dir = Path(f"/proc/{pid}/task")
    try:
        for task in task_dir.iterdir():
            text = (task / "children").read_text()
            out.extend(int(c) for c in text.split())
    except OSError:
        pass
    return out


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_kb(pid: int | None = None) -> int:
    """RSS of a process and all its descendants, in KiB."""
    root = pid or os.getpid()
    total, stack, seen = 0, [root], set()
    while stack:
        p = stack.pop()
        if p in seen:
            continue
        seen.add(p)
        total += _rss_kb(p)
        stack.extend(_children(p))
    return total


class PeakSampler:
    """Samples the process tree's RSS every ``interval`` seconds in a thread.

    Besides the peak of the whole tree it keeps, per ``phase`` (a label the
    caller sets while sampling runs), the peaks of the tree, of this process
    alone and of its children together (a pool's workers).
    """

    def __init__(self, interval: float = 0.05) -> None:
        self.interval = interval
        self.peak_kb = 0
        self.phase = "build"
        self.phases: dict[str, dict[str, int]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def sample(self) -> None:
        me = os.getpid()
        main = _rss_kb(me)
        workers = tree_rss_kb(me) - main
        self.peak_kb = max(self.peak_kb, main + workers)
        peaks = self.phases.setdefault(self.phase, {"all": 0, "main": 0, "workers": 0})
        for role, kb in (("all", main + workers), ("main", main), ("workers", workers)):
            peaks[role] = max(peaks[role], kb)

    def mark(self, phase: str) -> None:
        """Start a new phase (the current one gets a last sample first)."""
        self.sample()
        self.phase = phase
        self.sample()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.sample()
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()

    @property
    def peak_mb(self) -> float:
        return self.peak_kb / 1024
