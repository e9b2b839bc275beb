"""PostgreSQL store beyond the shared store tests: same schema as SQLite, same export bytes, one build at a time.

Uses a throw-away PostgreSQL server on loopback (``pg_server.py``); skipped
only when no PostgreSQL server is installed.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import psycopg
import pytest
from typer.testing import CliRunner

import pg_server as pg
from biennien.analyse import analyse
from biennien.build import build
from biennien.cli import app
from biennien.lock import StoreLockedError
from biennien.model import Document
from biennien.store import open_store

pg_server = pg.pg_server
pg_url = pg.pg_url

runner = CliRunner()
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

# columns that exist in one dialect only: PostgreSQL's stand-in for SQLite's rowid,
# and the tsvector that PostgreSQL's search indexes (FTS5 keeps its index inside the virtual table)
DIALECT_ONLY = {"rid", "tsv"}


def _sqlite_columns(path: Path) -> dict[str, list[str]]:
    con = sqlite3.connect(path)
    tables = [
        r[0]
        for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        if not r[0].startswith("sentences_fts_")  # FTS5's shadow tables
    ]
    cols = {t: [r[1] for r in con.execute(f"PRAGMA table_info({t})")] for t in tables}
    con.close()
    return cols


def _pg_columns(url: str) -> dict[str, list[str]]:
    with psycopg.connect(url) as con:
        rows = con.execute(
            "SELECT table_name, column_name FROM information_schema.columns"
            " WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position"
        ).fetchall()
    cols: dict[str, list[str]] = {}
    for table, column in rows:
        if column not in DIALECT_ONLY:
            cols.setdefault(table, []).append(column)
    return cols


def test_both_backends_have_the_same_tables_and_columns(tmp_path: Path, pg_url: str) -> None:
    open_store(tmp_path / "c.db").close()
    open_store(pg_url).close()
    lite = _sqlite_columns(tmp_path / "c.db")
    assert set(lite) >= {"documents", "sentences", "sentences_fts", "events", "link_state"}
    assert {t: sorted(c) for t, c in _pg_columns(pg_url).items()} == {t: sorted(c) for t, c in lite.items()}


def test_build_and_export_of_the_seeds_are_the_same_bytes(tmp_path: Path, pg_url: str) -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"{SEEDS} not present")
    outputs = []
    for db in (str(tmp_path / "c.db"), pg_url):
        built = runner.invoke(app, ["build", str(SEEDS), "--db", db, "-q", "--workers", "1"])
        assert built.exit_code == 0, built.output
        exported = runner.invoke(app, ["export", "--db", db, "--format", "json"])
        assert exported.exit_code == 0, exported.output
        outputs.append(exported.stdout_bytes)
    lite, post = outputs
    assert b'"documents"' in lite and lite.count(b'"reference_date_basis"') == 5
    assert post == lite
    # a second build into PostgreSQL adds nothing and changes nothing
    again = runner.invoke(app, ["build", str(SEEDS), "--db", pg_url, "-q", "--workers", "1"])
    assert again.exit_code == 0
    assert runner.invoke(app, ["export", "--db", pg_url]).stdout_bytes == lite


def test_cli_reports_an_unreachable_postgres_store(pg_url: str) -> None:
    missing = pg_url.rsplit("/", 1)[0] + "/no_such_database"
    result = runner.invoke(app, ["documents", "--db", missing])
    assert result.exit_code == 2
    assert "no_such_database" in result.output and "cannot connect" in result.output


def test_one_build_at_a_time_per_postgres_store(pg_url: str) -> None:
    holder = open_store(pg_url)
    other = open_store(pg_url)
    d = Document(id="d1", source="a.txt", text="Hôm nay Hà Nội có mưa rào.", reference_date="2026-02-14")
    with holder.build_lock():
        with pytest.raises(StoreLockedError, match="another build") as info:
            build([], other, items=[d])
        assert "biennien build" in str(info.value)  # names the holder's session
        assert other.count("documents") == 0
    report = build([], other, items=[d])  # released: the next build goes ahead
    assert report.added == ["d1"]
    holder.close()
    # a build whose connection dies releases the lock with it
    dead = open_store(pg_url)
    with dead.build_lock():
        dead.conn.close()
    assert build([], other, items=[], lock_wait=1.0).added == []
    other.close()


def test_readers_on_other_connections_see_committed_documents_only(pg_url: str) -> None:
    writer = open_store(pg_url)
    reader = open_store(pg_url, readonly=True)
    d = Document(
        id="d1", source="a.txt", text="Sáng nay Quốc hội khai mạc kỳ họp.", reference_date="2026-02-14"
    )
    analysis = analyse(d)
    with writer._write():
        writer._execute("SELECT 1")
        assert reader.count("documents") == 0  # a reader never waits on the writer's lock
    writer.add_document(d, analysis)
    assert reader.document_ids() == ["d1"]
    with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
        reader._execute("DELETE FROM documents")
    reader.close()
    writer.close()
