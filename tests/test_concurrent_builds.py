"""Two builds on one store: the second fails fast naming the store and the holder, or waits.

Every build here is a real process.  The first build reads its articles from
standard input, a pipe this test controls, so it is known to be holding the
store's lock (it is inside ``build``, blocked on input) for as long as the
test wants, without racing on timings.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from biennien.lock import StoreLockedError, lock_path, read_holder, store_lock

ARTICLE = (
    "# date = 20250314\n"
    "Hội nghị xúc tiến đầu tư tại Đà Nẵng\n"
    "Sáng 14/3, UBND thành phố Đà Nẵng tổ chức hội nghị xúc tiến đầu tư với sự tham gia của 200 doanh nghiệp.\n"
    "Tổng vốn đăng ký đạt 1.200 tỷ đồng, tăng 15% so với cùng kỳ năm trước.\n"
)
OTHER = (
    "# date = 20250320\n"
    "Cần Thơ khởi công cầu mới\n"
    "Ngày 20/3, thành phố Cần Thơ khởi công xây dựng cầu Trần Hoàng Na với tổng vốn 1.100 tỷ đồng.\n"
)


def _cli(*args: str, stdin: int | None = None) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "biennien", *args],
        stdin=stdin if stdin is not None else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _wait_for_holder(db: Path, pid: int, timeout: float = 30.0) -> dict[str, object]:
    """Block until the lock file names ``pid`` (the build is inside ``build`` holding the lock)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        holder = read_holder(lock_path(db))
        if holder and holder.get("pid") == pid:
            return holder
        time.sleep(0.05)
    raise AssertionError(f"build pid {pid} never took the lock of {db}")


def _first_build_holding_lock(db: Path) -> subprocess.Popen[bytes]:
    first = subprocess.Popen(
        [sys.executable, "-m", "biennien", "build", "-", "--db", str(db), "--workers", "1", "-q"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    _wait_for_holder(db, first.pid)
    return first


def _finish(proc: subprocess.Popen[bytes], text: str) -> tuple[int, str]:
    out, err = proc.communicate(text.encode("utf-8"), timeout=120)
    return proc.returncode, err.decode("utf-8", "replace")


def test_second_build_fails_fast_naming_store_and_holder(tmp_path: Path) -> None:
    db = tmp_path / "chronicle.db"
    art = tmp_path / "other.txt"
    art.write_text(OTHER, encoding="utf-8")
    first = _first_build_holding_lock(db)
    try:
        t0 = time.monotonic()
        second = _cli("build", str(art), "--db", str(db), "--workers", "1", "-q")
        _, err_b = second.communicate(timeout=60)
        elapsed = time.monotonic() - t0
        err = err_b.decode("utf-8", "replace")
        assert second.returncode == 2 and "Traceback" not in err
        assert str(db) in err and f"pid {first.pid}" in err and "another build" in err
        assert elapsed < 20  # fails fast: no 30 s SQLite busy wait
    finally:
        code, err_a = _finish(first, ARTICLE)
    assert code == 0, err_a
    # the second build wrote nothing; the first one's document is whole
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
    finally:
        con.close()
    # once the first build is done, the second one goes through
    again = _cli("build", str(art), "--db", str(db), "--workers", "1", "-q")
    _, err_again = again.communicate(timeout=120)
    assert again.returncode == 0, err_again.decode()
    assert read_holder(lock_path(db)) is None  # released and cleared on exit


def test_readers_are_not_blocked_while_a_build_holds_the_lock(tmp_path: Path) -> None:
    db = tmp_path / "chronicle.db"
    art = tmp_path / "a.txt"
    art.write_text(ARTICLE, encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "biennien", "build", str(art), "--db", str(db), "-w", "1", "-q"],
        check=True,
        capture_output=True,
    )
    first = _first_build_holding_lock(db)
    try:
        t0 = time.monotonic()
        out = subprocess.run(
            [sys.executable, "-m", "biennien", "export", "--db", str(db), "--format", "json"],
            capture_output=True,
            timeout=60,
        )
        assert out.returncode == 0, out.stderr.decode()
        assert len(json.loads(out.stdout)["documents"]) == 1
        assert time.monotonic() - t0 < 20
    finally:
        code, err = _finish(first, OTHER)
    assert code == 0, err


def test_a_waiting_build_runs_after_the_holder_finishes(tmp_path: Path) -> None:
    """``build(..., lock_wait=...)`` serialises instead of failing."""
    db = tmp_path / "chronicle.db"
    art = tmp_path / "other.txt"
    art.write_text(OTHER, encoding="utf-8")
    first = _first_build_holding_lock(db)
    script = (
        "import sys\n"
        "from biennien.build import build\n"
        "from biennien.store.sqlite import Store\n"
        "s = Store(sys.argv[1])\n"
        "r = build([sys.argv[2]], s, lock_wait=120)\n"
        "s.close()\n"
        "print(len(r.added))\n"
    )
    waiting = subprocess.Popen(
        [sys.executable, "-c", script, str(db), str(art)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    time.sleep(1.5)
    assert waiting.poll() is None  # still waiting for the lock
    code, err = _finish(first, ARTICLE)
    assert code == 0, err
    out, err_w = waiting.communicate(timeout=120)
    assert waiting.returncode == 0, err_w.decode()
    assert out.decode().strip() == "1"
    con = sqlite3.connect(db)
    try:
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 2
    finally:
        con.close()


def test_sigkilled_build_leaves_no_stale_lock(tmp_path: Path) -> None:
    db = tmp_path / "chronicle.db"
    first = _first_build_holding_lock(db)
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=30)
    first.stdin.close()  # type: ignore[union-attr]
    assert read_holder(lock_path(db)) is not None  # the file still names the dead process ...
    with store_lock(db):  # ... but the lock is free
        pass


_FORKING_HOLDER = """
import os, sys, time
from biennien.lock import store_lock
with store_lock(sys.argv[1]):
    if os.fork() == 0:  # a worker forked while the lock is held (as the analysis pool is)
        time.sleep(60)
        os._exit(0)
    print("locked", flush=True)
    time.sleep(60)
"""


def test_forked_workers_do_not_keep_the_lock_after_the_build_is_killed(tmp_path: Path) -> None:
    db = tmp_path / "chronicle.db"
    holder = subprocess.Popen(
        [sys.executable, "-c", _FORKING_HOLDER, str(db)], stdout=subprocess.PIPE, start_new_session=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == b"locked"
        with pytest.raises(StoreLockedError) as info:
            with store_lock(db):
                pass
        assert f"pid {holder.pid}" in str(info.value) and str(db) in str(info.value)
        holder.send_signal(signal.SIGKILL)  # the parent only: its forked child lives on
        holder.wait(timeout=30)
        with store_lock(db, wait=5):
            pass
    finally:
        try:
            os.killpg(holder.pid, signal.SIGKILL)  # the orphaned child, in this test's own session
        except ProcessLookupError:
            pass
