"""A build killed with SIGKILL at any point leaves a sound store, and a rerun completes it.

The kill is real: the build runs in a subprocess and is killed from outside
when the store holds a given number of documents (or after a given delay, to
land in other stages); the store is then checked with ``PRAGMA
integrity_check``, for whole documents only, and rebuilt; the final export
must equal that of an uninterrupted build.
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

PLACES = ["Hà Nội", "Đà Nẵng", "Cần Thơ", "Huế", "Hải Phòng", "Nha Trang"]
TOPICS = ["giáo dục", "y tế", "giao thông", "du lịch", "thể thao", "công nghệ"]


def _write_corpus(folder: Path, n: int) -> None:
    folder.mkdir()
    for i in range(n):
        place, topic = PLACES[i % len(PLACES)], TOPICS[(i // 6) % len(TOPICS)]
        text = (
            f"# date = 2025{(i % 12) + 1:02d}{(i % 27) + 1:02d}\n"
            f"Hội nghị về {topic} tại {place} lần thứ {i}\n"
            f"Sáng {(i % 27) + 1}/{(i % 12) + 1}, Ủy ban nhân dân thành phố {place} tổ chức hội nghị về {topic}.\n"
            f"Theo báo cáo, tổng vốn đầu tư đạt {i + 1},5 tỷ đồng, tăng {i % 30 + 2}% so với cùng kỳ năm trước.\n"
            f"Ông Nguyễn Văn {chr(65 + i % 26)}, Giám đốc Sở, cho biết thành phố sẽ có thêm {i + 3} dự án mới.\n"
        )
        (folder / f"bai_{i:03d}.txt").write_text(text, encoding="utf-8")


def _build(folder: Path, db: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "biennien", "build", str(folder), "--db", str(db), "--workers", "1", "-q"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _export(db: Path) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, "-m", "biennien", "export", "--db", str(db), "--format", "json"],
        check=True,
        capture_output=True,
    )
    data: dict[str, object] = json.loads(out.stdout)
    return data


def _stored(db: Path) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.2)
        try:
            return int(con.execute("SELECT count(*) FROM documents").fetchone()[0])
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def _check_sound(db: Path) -> None:
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        # whole documents only: every stored document has its sentences and source rows
        orphans = con.execute(
            "SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.doc = d.id)"
            " OR NOT EXISTS (SELECT 1 FROM document_sources x WHERE x.doc = d.id)"
        ).fetchone()[0]
        assert orphans == 0
        dangling = con.execute(
            "SELECT count(*) FROM sentences WHERE doc NOT IN (SELECT id FROM documents)"
        ).fetchone()[0]
        assert dangling == 0
    finally:
        con.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, object]]:
    root = tmp_path_factory.mktemp("crash")
    folder = root / "articles"
    _write_corpus(folder, 40)
    ref_db = root / "reference.db"
    assert _build(folder, ref_db).wait(timeout=300) == 0
    return folder, _export(ref_db)


@pytest.mark.parametrize("kill_at", [1, 7, 20, 39])
def test_killed_after_n_documents(
    corpus: tuple[Path, dict[str, object]], tmp_path: Path, kill_at: int
) -> None:
    folder, reference = corpus
    db = tmp_path / "c.db"
    proc = _build(folder, db)
    deadline = time.monotonic() + 120
    while _stored(db) < kill_at and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    _check_sound(db)
    assert _build(folder, db).wait(timeout=300) == 0
    _check_sound(db)
    assert _export(db) == reference


@pytest.mark.parametrize("delay", [0.4, 0.9, 1.5])
def test_killed_after_a_delay(corpus: tuple[Path, dict[str, object]], tmp_path: Path, delay: float) -> None:
    """Kill points by time land anywhere: start-up, schema creation, analysis, linking."""
    folder, reference = corpus
    db = tmp_path / "c.db"
    proc = _build(folder, db)
    time.sleep(delay)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    if db.exists() and _tables(db):  # killed before the schema was committed: a file with no table at all
        _check_sound(db)
    assert _build(folder, db).wait(timeout=300) == 0
    assert _export(db) == reference


def _tables(db: Path) -> int:
    con = sqlite3.connect(db)
    try:
        return int(con.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0])
    finally:
        con.close()
