"""Analysis engines give the same chronicle: in-process, process pool, Dask."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest

from biennien.analyse import analyse as _real_analyse
from biennien.build import Analysed, analyse_for_store, build
from biennien.export.contract import chronicle_dict
from biennien.model import Document, Failure
from biennien.store.sqlite import Store

TEXTS = [
    "Chiều 13-2, Tổng Bí thư tiếp Trợ lý Ngoại trưởng Hoa Kỳ tại trụ sở Trung ương Đảng.",
    "Kim ngạch thương mại hai chiều đạt 15,8 tỷ USD trong tháng 1-2026, tăng 28,6%.",
    "Sáng 20/02/2026, hai nhà lãnh đạo gặp nhau tại Nhà Trắng.",
    "Đại học Harvard công bố lợi nhuận đầu tư là 7,3% trong năm tài chính vừa qua.",
    "Ngày 17-2, Bộ Ngoại giao cho biết đoàn sẽ dự cuộc họp từ ngày 18 đến 20-2.",
]


def _docs() -> list[Document]:
    return [
        Document(id=f"d{i}", source=f"t{i}.txt", text=t, reference_date="2026-02-14")
        for i, t in enumerate(TEXTS)
    ]


def _export(tmp: Path, name: str, **kw: object) -> str:
    store = Store(tmp / f"{name}.db")
    build([], store, items=_docs(), batch_size=2, **kw)  # type: ignore[arg-type]
    data = chronicle_dict(store)
    store.close()
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def test_process_pool_gives_the_same_export(tmp_path: Path) -> None:
    assert _export(tmp_path, "serial", workers=1) == _export(tmp_path, "pool", workers=2)


def test_dask_local_cluster_gives_the_same_export(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    assert _export(tmp_path, "serial", workers=1) == _export(tmp_path, "dask", workers=2, engine="dask")


def _folder(tmp: Path) -> Path:
    """Files of every kind a folder may hold, more than one pool task's worth, with broken ones."""
    src = tmp / "in"
    (src / "sub").mkdir(parents=True)
    for i, text in enumerate(TEXTS * 4):  # 20 texts: several ingest tasks, some repeated texts
        (src / f"a{i:02d}.txt").write_text(
            f"# date = 202602{10 + i % 5:02d}\nBài {i % 5}\n{text}\n", encoding="utf-8"
        )
    (src / "sub" / "page.html").write_text(
        f"<html><head><title>Tin</title></head><body><article><p>{TEXTS[2]}</p></article></body></html>",
        encoding="utf-8",
    )
    lines = [
        json.dumps({"title": f"Tin {i}", "text": t, "date": "2026-02-14"}, ensure_ascii=False)
        for i, t in enumerate(TEXTS[:2])
    ]
    (src / "feed.jsonl").write_text("\n".join(lines) + "\n{broken\n", encoding="utf-8")
    (src / "empty.txt").write_text("", encoding="utf-8")
    (src / "binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    (src / "latin.txt").write_bytes("Tin cũ\nKim ngạch đạt 15,8 tỷ USD.".encode("utf-16-le"))
    return src


def _folder_build(
    tmp: Path, name: str, folder: Path, **kw: object
) -> tuple[str, list[str], list[str], list[str]]:
    store = Store(tmp / f"{name}.db")
    report = build([str(folder)], store, batch_size=3, **kw)  # type: ignore[arg-type]
    data = json.dumps(chronicle_dict(store), ensure_ascii=False, sort_keys=True)
    store.close()
    failed = [f"{f.source}:{f.line}:{f.reason}" for f in report.failed]
    # a repeat is noticed before analysis or, when its twin is still in the pool, when stored: the
    # report lists it in either case, so its place in the list depends on the timing
    return data, report.added, sorted(report.skipped), failed


def test_files_read_by_the_pool_give_the_same_build(tmp_path: Path) -> None:
    """With a pool, the workers read and parse the files: same documents, order, skips and failures."""
    folder = _folder(tmp_path)
    serial = _folder_build(tmp_path, "serial", folder, workers=1)
    pool = _folder_build(tmp_path, "pool", folder, workers=2)
    assert serial == pool
    data, added, skipped, failed = pool
    assert len(added) >= 7 and len(skipped) >= 10  # the repeated texts are found again
    assert any("empty.txt" in f for f in failed) and any("binary.txt" in f for f in failed)
    assert any("feed.jsonl:3:" in f for f in failed)  # the broken JSON line, named by its line


def test_the_pool_reads_the_one_article_files_and_this_process_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Text and HTML files are read by the workers; a JSON Lines file (many articles) here, in order."""
    import biennien.build as build_module

    folder = _folder(tmp_path)
    here = os.getpid()
    monkeypatch.setattr(
        build_module, "ingest_file", lambda path, limits: [Failure(path, f"pid {os.getpid()}")]
    )
    store = Store(tmp_path / "pids.db")
    report = build([str(folder)], store, workers=2, batch_size=3)
    store.close()
    by_pool = {Path(f.source).name: f.reason for f in report.failed if f.reason.startswith("pid ")}
    assert set(by_pool) == {p.name for p in folder.rglob("*") if p.suffix in (".txt", ".html")}
    assert all(reason != f"pid {here}" for reason in by_pool.values())
    assert len(report.added) == 2  # the two good lines of feed.jsonl, read in this process


def test_link_inputs_beyond_the_kept_number_give_the_same_chronicle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past ``MAX_PREPARED`` documents the link stage hashes the rest itself: same export."""
    import biennien.build as build_module

    folder = _folder(tmp_path)
    kept = _folder_build(tmp_path, "kept", folder, workers=2)
    monkeypatch.setattr(build_module, "MAX_PREPARED", 2)
    assert _folder_build(tmp_path, "few", folder, workers=2) == kept


def test_into_an_empty_store_the_worker_that_reads_a_file_analyses_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A first build never sends a file's articles back here for analysis; a later one checks first."""
    import biennien.build as build_module

    folder = _folder(tmp_path)
    (folder / "feed.jsonl").unlink()  # read here, not by a worker
    here = os.getpid()
    analyse_for_store = build_module.analyse_for_store

    def only_in_workers(doc: Document) -> build_module.Analysed:
        if os.getpid() == here:
            raise AssertionError(f"{doc.source} analysed by the build process")
        return analyse_for_store(doc)

    monkeypatch.setattr(build_module, "analyse_for_store", only_in_workers)
    store = Store(tmp_path / "first.db")
    report = build([str(folder)], store, workers=2, batch_size=3)
    assert len(report.added) >= 5
    # a second build into the now filled store finds the known files here, before any analysis: an
    # analysis in a worker raises, and one sent to the pool cannot even be pickled (a local function)

    def never(doc: Document) -> build_module.Analysed:
        raise AssertionError(f"{doc.source} analysed again")

    monkeypatch.setattr(build_module, "analyse_for_store", never)
    again = build([str(folder)], store, workers=2, batch_size=3)
    store.close()
    assert not again.added and len(again.skipped) == len(report.added) + len(report.skipped)


_CALLS = Path()  # where ``_counted`` notes each analysis (set by the test before the pool forks)


def _counted(doc: Document) -> Analysed:
    """``analyse_for_store`` that notes each call in a file and reports one "second" of analysis."""
    rows, link_input, _ = analyse_for_store(doc)
    with open(_CALLS, "a", encoding="utf-8") as fh:  # from whichever process analyses it
        fh.write(doc.id + "\n")
    return rows, link_input, (1.0, 0.0)


def test_a_first_build_stops_analysing_where_it_reads_when_the_texts_are_known(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same folder given twice: the second copies are found known here, so the reading workers stop
    analysing them (not every one analysed for nothing), and every analysis made counts in the report."""
    import biennien.build as build_module

    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(24):
        text = f"{TEXTS[i % 5]} {TEXTS[(i + 2) % 5]}"
        (folder / f"a{i:02d}.txt").write_text(f"# date = 20260214\nBài số {i}\n{text}\n", encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "_CALLS", tmp_path / "calls")
    monkeypatch.setattr(build_module, "analyse_for_store", _counted)
    monkeypatch.setattr(build_module, "INGEST_CHUNK", 1)
    monkeypatch.setattr(build_module, "INGEST_AHEAD", 1)
    monkeypatch.setattr(build_module, "READ_WINDOW", 4)
    monkeypatch.setattr(build_module, "READ_WASTE", 1)
    store = Store(tmp_path / "twice.db")
    report = build([str(folder), str(folder)], store, workers=2, batch_size=2)
    store.close()
    made = (tmp_path / "calls").read_text(encoding="utf-8").split()
    assert len(report.added) == 24 and len(report.skipped) == 24
    assert report.cpu["analyse"] == len(made)
    assert len(made) < 36  # 48 when every second copy was analysed too


def _analyse_or_fail(doc: Document) -> Any:
    """``analyse`` that raises on the texts holding "15,8" (as an analyser bug set off by odd text would)."""
    if "15,8" in doc.text:
        raise IndexError("list index out of range")
    return _real_analyse(doc)


@pytest.mark.parametrize("workers", [1, 2])
def test_an_article_whose_analysis_raises_is_reported_and_the_build_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    import biennien.build as build_module

    folder = _folder(tmp_path)
    monkeypatch.setattr(build_module, "analyse", _analyse_or_fail)  # forked workers inherit it
    store = Store(tmp_path / f"w{workers}.db")
    report = build([str(folder)], store, workers=workers, batch_size=3)
    failed = [f for f in report.failed if "analysis failed" in f.reason]
    # the four .txt files of TEXTS[1] and the JSON Lines item holding it
    assert len(failed) == 5
    assert {Path(f.source.split(":")[0]).name for f in failed} >= {"a01.txt", "a06.txt", "a11.txt", "a16.txt"}
    assert all("IndexError: list index out of range (at test_engines.py:" in f.reason for f in failed)
    stored = [store.document(d) for d in report.added]
    assert report.added and all(d is not None and "15,8" not in d.text for d in stored)
    assert report.link is not None and report.exit_code() == 0
    # the others are linked as usual: their events are in the store
    assert store.count("events") > 0
    store.close()


def test_strict_says_what_was_written_when_an_analysis_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``--strict`` stops before writing only for inputs that cannot be read; an article whose analysis
    raises is found while the others are stored, so the command must not claim nothing was written."""
    from typer.testing import CliRunner

    import biennien.build as build_module
    from biennien.cli import app

    src = tmp_path / "clean"
    src.mkdir()
    for i, text in enumerate(TEXTS):
        (src / f"a{i}.txt").write_text(f"# date = 202602{10 + i:02d}\nBài {i}\n{text}\n", encoding="utf-8")
    monkeypatch.setattr(build_module, "analyse", _analyse_or_fail)
    db = tmp_path / "strict.db"
    result = CliRunner().invoke(app, ["build", str(src), "--db", str(db), "--strict", "-q", "--workers", "1"])
    store = Store(db)
    written = store.count("documents")
    store.close()
    assert written == len(TEXTS) - 1  # the four others were stored
    assert result.exit_code == 1  # strict: a failed input is an error
    assert "nothing was written" not in result.output
    assert "analysis failed" in result.output and "written" in result.output


def _freeze_count(_: object) -> int:
    import gc

    return gc.get_freeze_count()


def test_pool_workers_inherit_a_frozen_heap_and_the_build_unfreezes(tmp_path: Path) -> None:
    """A process-pool build freezes this process's objects before its workers fork (their collector then
    skips them) and hands them back afterwards; a process that froze objects itself keeps its count."""
    import gc

    from biennien import build as build_module

    assert gc.get_freeze_count() == 0
    seen: list[int] = []
    with build_module._frozen_before_fork():
        frozen = gc.get_freeze_count()
        with build_module.executor("local", 2) as pool:
            assert pool is not None
            seen = list(pool.map(_freeze_count, range(2)))
    # (a worker frees a few objects of its own after the fork; unfrozen, it would count none)
    assert frozen > 1000 and all(n > frozen * 0.9 for n in seen)
    assert gc.get_freeze_count() == 0
    gc.freeze()
    try:
        before = gc.get_freeze_count()
        with build_module._frozen_before_fork():
            assert gc.get_freeze_count() == before
        assert gc.get_freeze_count() == before
    finally:
        gc.unfreeze()
    assert _export(tmp_path, "pool", workers=2) and gc.get_freeze_count() == 0
