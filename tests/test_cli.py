"""The command line end to end: build, rerun, export formats, documents, exit codes."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from biennien import __version__
from biennien.cli import app

runner = CliRunner()

ARTICLE_1 = (
    " date 2026-02-17 Theo Bộ Ngoại giao, đoàn đại biểu sẽ dự hội nghị tại Hà Nội từ ngày 18 đến 20-2.\n\n"
    "Ngày 17-2, Bộ Ngoại giao cho biết đoàn sẽ có các cuộc gặp với lãnh đạo nhiều nước.\n"
)
ARTICLE_2 = (
    "# date = 20201001\n"
    "Đại học Harvard có mức tài trợ cao nhất lịch sử\n"
    "Giá trị tài trợ của Đại học Harvard đã tăng thêm 1 tỷ USD, đạt 41,9 tỷ USD.\n"
)


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    src = tmp_path / "articles"
    (src / "sub").mkdir(parents=True)
    (src / "a.txt").write_text(ARTICLE_1, encoding="utf-8")
    (src / "sub" / "b.txt").write_text(ARTICLE_2, encoding="utf-8")
    (src / "empty.txt").write_text("   \n\n", encoding="utf-8")
    return src


def test_build_twice_then_add_one(folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    first = runner.invoke(app, ["build", str(folder), "--db", str(db), "-q"])
    assert first.exit_code == 0, first.output
    assert "documents added" in first.output and "empty.txt" in first.output
    again = runner.invoke(app, ["build", str(folder), "--db", str(db), "-q"])
    assert again.exit_code == 0
    data = json.loads(runner.invoke(app, ["export", "--db", str(db)]).stdout)
    assert len(data["documents"]) == 2
    (folder / "c.txt").write_text("Bài mới\nHôm nay trời đẹp và mọi người đi chơi.\n", encoding="utf-8")
    runner.invoke(app, ["build", str(folder), "--db", str(db), "-q"])
    data = json.loads(runner.invoke(app, ["export", "--db", str(db)]).stdout)
    assert len(data["documents"]) == 3


def test_every_input_failed_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_text("", encoding="utf-8")
    result = runner.invoke(
        app, ["build", str(bad), str(tmp_path / "missing"), "--db", str(tmp_path / "c.db"), "-q"]
    )
    assert result.exit_code == 1
    assert "missing" in result.output and "empty.txt" in result.output


def test_a_folder_without_articles_says_so(tmp_path: Path) -> None:
    (tmp_path / "nothing").mkdir()
    result = runner.invoke(app, ["build", str(tmp_path / "nothing"), "--db", str(tmp_path / "c.db"), "-q"])
    assert result.exit_code == 1 and "no articles found" in result.output


def test_export_dash_is_stdout(folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "c.db"
    runner.invoke(app, ["build", str(folder), "--db", str(db), "-q"])
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["export", "--db", str(db), "-o", "-"])
    assert json.loads(result.stdout)["format_version"] == 1
    assert not (tmp_path / "-").exists()


def test_a_damaged_store_is_named_not_a_traceback(folder: Path, tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "c.db"
    runner.invoke(app, ["build", str(folder), "--db", str(db), "-q"])
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE meta SET value='abc' WHERE key='schema_version'")
    result = runner.invoke(app, ["documents", "--db", str(db)])
    assert result.exit_code == 2 and "damaged" in result.output and "Traceback" not in result.output


def test_strict_writes_nothing(folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    result = runner.invoke(app, ["build", str(folder), "--db", str(db), "--strict", "-q"])
    assert result.exit_code == 1
    data = json.loads(runner.invoke(app, ["export", "--db", str(db)]).stdout)
    assert data["documents"] == []


def test_usage_error_exits_2(tmp_path: Path) -> None:
    assert runner.invoke(app, ["build", "--db", str(tmp_path / "c.db")]).exit_code == 2
    assert runner.invoke(app, ["export", "--db", str(tmp_path / "none.db")]).exit_code == 2


def test_export_formats(folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    runner.invoke(app, ["build", str(folder), "--db", str(db), "-q"])
    out = tmp_path / "c.json"
    assert runner.invoke(app, ["export", "--db", str(db), "-o", str(out)]).exit_code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["format_version"] == 1
    assert set(data) >= {"documents", "timexes", "entities", "events", "facts"}
    by_source = {Path(d["source"]).name: d for d in data["documents"]}
    assert by_source["a.txt"]["reference_date"] == "2026-02-17"
    assert by_source["a.txt"]["reference_date_basis"] == "metadata"
    assert by_source["b.txt"]["reference_date"] == "2020-10-01"

    jl = tmp_path / "c.jsonl"
    runner.invoke(app, ["export", "--db", str(db), "--format", "jsonl", "-o", str(jl)])
    lines = [json.loads(x) for x in jl.read_text(encoding="utf-8").splitlines()]
    assert lines[0] == {"table": "meta", "format_version": 1}
    assert sum(1 for x in lines if x["table"] == "documents") == 2

    folder_csv = tmp_path / "csv"
    assert (
        runner.invoke(app, ["export", "--db", str(db), "--format", "csv", "-o", str(folder_csv)]).exit_code
        == 0
    )
    with (folder_csv / "documents.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert {Path(r["source"]).name for r in rows} == {"a.txt", "b.txt"}
    assert (folder_csv / "facts.csv").exists() and (folder_csv / "events.csv").exists()


def test_documents_lists_reference_dates(folder: Path, tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    runner.invoke(app, ["build", str(folder), "--db", str(db), "-q"])
    result = runner.invoke(app, ["documents", "--db", str(db)], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "2026-02-17" in result.output and "metadata" in result.output


def test_stdin_build(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    result = runner.invoke(app, ["build", "-", "--db", str(db), "-q"], input=ARTICLE_2)
    assert result.exit_code == 0, result.output
    data = json.loads(runner.invoke(app, ["export", "--db", str(db)]).stdout)
    assert len(data["documents"]) == 1


def test_version_help_and_module_entry_point() -> None:
    assert runner.invoke(app, ["--version"]).stdout.strip() == f"biennien {__version__}"
    for command in ("build", "export", "documents", "timex"):
        result = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"})
        assert result.exit_code == 0
        assert "Example" in result.stdout, command
    proc = subprocess.run(
        [sys.executable, "-m", "biennien", "--version"], capture_output=True, text=True, check=True
    )
    assert proc.stdout.strip() == f"biennien {__version__}"
