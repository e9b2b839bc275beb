"""One writer per store: an advisory lock file next to the SQLite file.

SQLite alone keeps two concurrent builds from corrupting the file, but not
from interleaving: both would ingest, analyse and link the same inputs, and
one would wait on the other's transactions for up to the busy timeout and
then fail half-way.  So ``build`` takes ``<store>.lock`` first and a second
build either waits for it (``wait`` seconds) or fails at once with a message
that names the store and the process holding it.

Readers (``serve``, ``export``, every read-only command) never touch the
lock: WAL lets them read while the build writes.

Why ``fcntl.lockf`` (a POSIX record lock) and not ``fcntl.flock``: an
``flock`` lock belongs to the open file description, which forked children
share, so the analysis pool's worker processes (forked after the lock is
taken) would hold the lock too, and after a SIGKILL of the build they can
outlive it and keep the store locked.  A POSIX lock belongs to the process
alone, is not inherited across ``fork`` and is released by the kernel when
the process dies however it dies, so a killed build never leaves a stale
lock: the file stays, its content is only information.  The one pitfall of
POSIX locks (closing *any* descriptor of the file in the process drops the
lock) is avoided by never opening a held lock file a second time in one
process (``_HELD``).
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import socket
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

_HELD: dict[str, int] = {}  # lock path -> descriptor, for locks this process holds
_POLL_SECONDS = 0.1


class StoreLockedError(Exception):
    """Another build holds the store's lock; the message names the store and the holder."""

    def __init__(self, store: str, holder: dict[str, object] | None, waited: float) -> None:
        self.store = store
        self.holder = holder or {}
        who = describe_holder(self.holder)
        waited_txt = f" (waited {waited:g} s)" if waited > 0 else ""
        super().__init__(
            f"{store}: another build is writing to this store{waited_txt}: {who}. "
            f"Wait for it to finish, or build into another --db."
        )


def lock_path(store_path: str | os.PathLike[str]) -> str:
    """The lock file of a store: the store's path with ``.lock`` appended."""
    return os.fspath(store_path) + ".lock"


def describe_holder(holder: dict[str, object]) -> str:
    """``pid 123 on host, since 2026-02-18T10:00:00, running: biennien build ...`` (what is known)."""
    if not holder:
        return "holder unknown (the lock file names no process)"
    parts = [f"pid {holder.get('pid', '?')}"]
    if holder.get("host"):
        parts.append(f"on {holder['host']}")
    if holder.get("since"):
        parts.append(f"since {holder['since']}")
    text = " ".join(parts)
    if holder.get("command"):
        text += f", running: {holder['command']}"
    return text


def read_holder(path: str) -> dict[str, object] | None:
    """What the lock file says about the process that holds (or last held) it."""
    try:
        with open(path, encoding="utf-8") as f:
            raw = f.read(4096)
    except OSError:
        return None
    try:
        data = json.loads(raw)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def _try_lock(fd: int) -> bool:
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EAGAIN):
            return False
        raise
    return True


@contextmanager
def store_lock(store_path: str | os.PathLike[str], *, wait: float = 0.0) -> Iterator[str]:
    """Hold the write lock of a store for the ``with`` block; yields the lock file's path.

    ``wait`` is how long to wait for another build to finish (0: fail at
    once).  Raises ``StoreLockedError`` naming the store and the holder.
    Re-entrant within one process (a nested ``build`` on the same store).
    """
    path = os.path.abspath(lock_path(store_path))
    if path in _HELD:
        yield path
        return
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + max(0.0, wait)
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                raise StoreLockedError(os.fspath(store_path), read_holder(path), wait)
            time.sleep(_POLL_SECONDS)
        _HELD[path] = fd
        _write_holder(fd)
        try:
            yield path
        finally:
            del _HELD[path]
            os.ftruncate(fd, 0)  # the next reader sees no stale holder
    finally:
        os.close(fd)  # closing releases the POSIX lock


def _write_holder(fd: int) -> None:
    info = {
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "since": datetime.now().astimezone().isoformat(timespec="seconds"),
        "command": " ".join(["biennien", *sys.argv[1:]])[:300],
    }
    data = json.dumps(info, ensure_ascii=False).encode("utf-8")
    os.ftruncate(fd, 0)
    os.pwrite(fd, data, 0)
