"""The SQLite backend: one file, WAL mode, schema versioned in ``schema.sql``.

WAL lets readers (``serve``, ``export``) read while a build writes; each write
transaction starts with ``BEGIN IMMEDIATE`` so a second writer waits (up to
the busy timeout) instead of failing half-way through a document.

The queries live in ``base.Store``; this module re-exports the names that
callers imported from here before the store had two backends.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from pathlib import Path
from typing import Any

from biennien.store import base
from biennien.store.base import (
    SCHEMA_VERSION,
    Store,
    StoreError,
    entity_from_dict,
    event_from_dict,
    fact_from_dict,
    independent_docs,
    iter_chunks,
    open_store,
)
from biennien.vi.normalise import fold

__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "SQLiteStore",
    "Store",
    "StoreError",
    "entity_from_dict",
    "event_from_dict",
    "fact_from_dict",
    "independent_docs",
    "iter_chunks",
    "open_store",
]

# version -> SQL that upgrades an SQLite store of that version to the next one
MIGRATIONS: dict[int, str] = {1: base.TEXT_HEAD_INDEX}
# bytes per database page of a new store file (see ``SQLiteStore.__init__``)
PAGE_SIZE = 16384


class SQLiteStore(Store):
    """A chronicle stored in one SQLite file."""

    ROW_ORDER = "rowid"

    def __init__(self, path: str | Path, *, readonly: bool = False, timeout: float = 30.0) -> None:
        self.path = str(path)
        self.readonly = readonly
        if readonly:
            if not Path(self.path).exists():
                raise StoreError(f"{self.path}: no such store (run `biennien build` first)")
            uri = f"file:{Path(self.path).resolve()}?mode=ro"
            self.conn = sqlite3.connect(uri, uri=True, timeout=timeout, check_same_thread=False)
        else:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(self.path, timeout=timeout, isolation_level=None)
        self.conn.row_factory = sqlite3.Row
        try:
            self.conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            if not readonly:
                # a new file gets 16 kB pages (SQLite's default is 4 kB): a build writes tens of MB of
                # rows, full-text segments and linked JSON, and larger pages mean fewer page writes to
                # the WAL and fewer B-tree splits (about 0.05 ms of CPU less per stored article on
                # unc-dev); an existing file keeps its page size (the pragma does nothing there)
                self.conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")
                self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = NORMAL")
            self.conn.execute("PRAGMA foreign_keys = ON")
            self._check_schema()
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            raise StoreError(f"{self.path}: not a biennien store ({exc})") from exc

    # -- backend hooks -----------------------------------------------------------

    def _execute(self, sql: str, args: Sequence[Any] = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, args)

    def _tuples(self, sql: str, args: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        cur = self.conn.cursor()
        cur.row_factory = None  # plain tuples, not ``sqlite3.Row``
        return cur.execute(sql, args).fetchall()

    def _executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self.conn.executemany(sql, rows)

    @contextmanager
    def _write(self) -> Iterator[None]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def _insert_mentions_from_data(self, rows: list[tuple[Any, ...]], whole: bool) -> None:
        """When ``rows`` are the whole ``entities`` table, its mention rows are copied from the JSON in SQL
        (``json_each``, built into SQLite since 3.38), in the same order as ``Store``'s: by entity row,
        then by position in the list; no Python object per mention."""
        if not whole or sqlite3.sqlite_version_info < (3, 38):
            super()._insert_mentions_from_data(rows, whole)
            return
        with self._indexes_rebuilt("entity_mentions"):
            self.conn.execute(
                'INSERT INTO entity_mentions(entity, doc, start, "end")'
                " SELECT e.id, json_extract(m.value, '$.doc'), json_extract(m.value, '$.start'),"
                " json_extract(m.value, '$.end') FROM entities e, json_each(e.data, '$.mentions') m"
                " ORDER BY e.rowid, m.key"
            )

    @contextmanager
    def _indexes_rebuilt(self, table: str) -> Iterator[None]:
        """Inside a write that fills ``table`` from empty: its indexes are dropped first and made again
        after, from their own stored SQL, so they end up the same.  Building an index from the rows
        sorts once instead of inserting each row's key into a B-tree at a random place (44,000 entity
        mentions: 88 -> 73 ms with the commit).  DROP and CREATE are part of the transaction: a link
        that fails rolls back to the old indexes."""
        made = self.conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL"
            " ORDER BY rowid",
            (table,),
        ).fetchall()
        for name, _ in made:
            self.conn.execute(f'DROP INDEX "{name}"')
        yield
        for _, sql in made:
            self.conn.execute(sql)

    def _add_search_rows(self, rows: list[tuple[str, str, int]]) -> None:
        self.conn.executemany("INSERT INTO sentences_fts(folded, doc, idx) VALUES (?,?,?)", rows)

    def search(self, query: str, limit: int = 50) -> list[dict[str, Any]]:
        """Accent-insensitive full-text search over sentences (FTS5, best bm25 rank first)."""
        terms = [t for t in fold(query).replace('"', " ").split() if t]
        if not terms:
            return []
        match = " ".join(f'"{t}"' for t in terms)
        rows = self.conn.execute(
            'SELECT f.doc, f.idx, s.start, s."end", substr(d.text, s.start + 1, s."end" - s.start) AS sentence'
            " FROM sentences_fts f JOIN sentences s ON s.doc = f.doc AND s.idx = f.idx"
            " JOIN documents d ON d.id = f.doc WHERE sentences_fts MATCH ? ORDER BY rank LIMIT ?",
            (match, limit),
        )
        return [dict(r) for r in rows]

    def build_lock(self, wait: float = 0.0) -> AbstractContextManager[object]:
        """The lock file next to the store (``biennien.lock``); none for in-memory or read-only stores."""
        if self.readonly or self.path in ("", ":memory:"):
            return nullcontext()
        from biennien.lock import store_lock

        return store_lock(self.path, wait=wait)

    def close(self) -> None:
        self.conn.close()

    def reader_target(self) -> str | None:
        return None if self.path in ("", ":memory:") else self.path

    # -- schema ------------------------------------------------------------------

    def schema_version(self) -> int | None:
        has_meta = self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'"
        ).fetchone()
        if not has_meta:
            return None
        row = self.conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        return base.parse_schema_version(row[0], str(self.path)) if row else None

    def _check_schema(self) -> None:
        version = self.schema_version()
        current = base.SCHEMA_VERSION
        if version is None:
            tables = self.conn.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0]
            if tables:
                raise StoreError(f"{self.path}: an SQLite file that is not a biennien store")
            if self.readonly:
                raise StoreError(f"{self.path}: empty store")
            # one transaction (``executescript`` commits statement by statement: a build killed there left
            # some tables and no version, a file the next open refused as "not a biennien store")
            with self._write():
                self._run_script(base.schema_sql("schema.sql"))
                self.conn.execute(
                    "INSERT INTO meta(key, value) VALUES ('schema_version', ?)", (str(current),)
                )
            return
        self._check_version(version)

    def _run_script(self, sql: str) -> None:
        """The statements of a schema or migration script (each ending with ``;`` and a newline), run in
        the caller's transaction."""
        for statement in sql.split(";\n"):
            if statement.strip():
                self.conn.execute(statement)

    def _migrate(self, version: int) -> None:
        """Copy the file to ``<store>.schema<N>.bak``, then apply each step in its own transaction."""
        backup = f"{self.path}.schema{version}.bak"
        self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        shutil.copy2(self.path, backup)
        while version < base.SCHEMA_VERSION:
            sql = MIGRATIONS.get(version)
            if sql is None:
                raise StoreError(f"{self.path}: no migration from schema {version}; backup kept at {backup}")
            with self._write():
                self._run_script(sql)
                version += 1
                self.conn.execute("UPDATE meta SET value=? WHERE key='schema_version'", (str(version),))
