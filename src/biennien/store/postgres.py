"""The PostgreSQL backend: ``--db postgresql://user@host/dbname``.

The same tables as the SQLite store (``schema_pg.sql``), in the connection's
current schema, so a store can be shared by many readers on other machines
and grow past one disk.  Behaviour matches the SQLite backend where it
matters to a chronicle:

* one transaction per document and one for the whole link result; writers
  exclude each other by ``LOCK TABLE meta IN EXCLUSIVE MODE`` (the
  counterpart of SQLite's ``BEGIN IMMEDIATE``), which readers never wait on;
* ``synchronous_commit = off`` for writing sessions: a crash of the server
  may lose the last few committed documents but never leaves a half
  document (the counterpart of SQLite's WAL with ``synchronous = NORMAL``);
  the next build simply adds them again;
* one build at a time per store through a session advisory lock, released
  by the server when the build's connection ends, however it ends;
* schema upgrades run in one transaction after copying every table into a
  backup schema ``<schema>_schema<N>_bak``; a failed upgrade changes nothing;
* search folds accents in Python (``biennien.vi.normalise.fold``) and uses
  PostgreSQL full-text search (``simple`` configuration, GIN index) over the
  folded text, so ``to lam`` finds ``Tô Lâm`` with no server extension.
"""

from __future__ import annotations

import itertools
import os
import re
import socket
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any, ClassVar

import psycopg
from psycopg import sql as pgsql

from biennien.store import base
from biennien.store.base import Store, StoreError
from biennien.vi.normalise import fold

# version -> SQL that upgrades a PostgreSQL store of that version to the next one
MIGRATIONS: dict[int, str] = {1: base.TEXT_HEAD_INDEX}

_LOCK_CLASS = 0x6269656E  # "bien": the first key of biennien's advisory locks
_POLL_SECONDS = 0.1
_CURSORS = itertools.count()


def redact(url: str) -> str:
    """The URL without its password, for messages and ``Store.path``."""
    return re.sub(r"(://[^/@:]*:)[^/@]*@", r"\1***@", url)


class Row(tuple[Any, ...]):
    """A result row readable by position and by column name, like ``sqlite3.Row``."""

    __slots__ = ()
    _index: ClassVar[dict[str, int]] = {}

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, self._index[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._index)


@lru_cache(maxsize=256)
def _row_class(names: tuple[str, ...]) -> type[Row]:
    return type("Row", (Row,), {"__slots__": (), "_index": {n: i for i, n in enumerate(names)}})


def _row_factory(cursor: Any) -> Any:
    if cursor.description is None:
        return tuple
    return _row_class(tuple(c.name for c in cursor.description))


@lru_cache(maxsize=512)
def _pg_sql(sql: str) -> str:
    """``?`` placeholders as psycopg's ``%s`` (the shared SQL has no literal ``?`` or ``%``)."""
    return sql.replace("%", "%%").replace("?", "%s")


class PostgresStore(Store):
    """A chronicle stored in PostgreSQL tables (the URL's database, its current schema)."""

    ROW_ORDER = "rid"

    def __init__(self, url: str | Path, *, readonly: bool = False, timeout: float = 30.0) -> None:
        self._url = str(url)
        self.path = redact(self._url)
        self.readonly = readonly
        self.timeout = timeout
        try:
            self.conn = psycopg.connect(
                self._url, autocommit=True, row_factory=_row_factory, connect_timeout=max(2, int(timeout))
            )
        except psycopg.Error as exc:
            first = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
            hint = "no such store or " if readonly else ""
            raise StoreError(f"{self.path}: {hint}cannot connect ({first})") from exc
        try:
            self.conn.execute("SELECT set_config('lock_timeout', %s, false)", (f"{int(timeout * 1000)}ms",))
            if readonly:
                self.conn.execute("SET default_transaction_read_only = on")
            else:
                self.conn.execute("SET synchronous_commit = off")
            self.schema = self._current_schema()
            self._check_schema()
        except BaseException:
            self.conn.close()
            raise

    # -- backend hooks -----------------------------------------------------------

    def _execute(self, sql: str, args: Sequence[Any] = ()) -> Any:
        return self.conn.execute(_pg_sql(sql), tuple(args))

    def _executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        rows = list(rows)
        if rows:
            with self.conn.cursor() as cur:
                cur.executemany(_pg_sql(sql), rows)

    def _stream(self, sql: str, args: Sequence[Any] = ()) -> Iterator[Any]:
        """A server-side cursor: rows arrive in batches, so a large result never sits in memory whole."""
        with self.conn.cursor(name=f"biennien_stream_{next(_CURSORS)}", withhold=True) as cur:
            cur.itersize = 5000
            cur.execute(_pg_sql(sql), tuple(args))
            yield from cur

    @contextmanager
    def _write(self) -> Iterator[None]:
        # pipeline mode sends the transaction's statements without waiting for each
        # reply (a fetch forces a round trip): a document costs ~3 round trips, not ~15
        with self.conn.transaction(), self.conn.pipeline():
            self.conn.execute("LOCK TABLE meta IN EXCLUSIVE MODE")
            yield

    def _add_search_rows(self, rows: list[tuple[str, str, int]]) -> None:
        self._executemany("INSERT INTO sentences_fts(folded, doc, idx) VALUES (?,?,?)", rows)

    def search(self, query: str, limit: int = 50) -> list[dict[str, Any]]:
        """Accent-insensitive full-text search over sentences (every term must occur; best ts_rank first)."""
        terms = [t for t in fold(query).replace('"', " ").split() if t]
        if not terms:
            return []
        rows = self._execute(
            'SELECT f.doc, f.idx, s.start, s."end", substr(d.text, s.start + 1, s."end" - s.start) AS sentence'
            " FROM sentences_fts f JOIN sentences s ON s.doc = f.doc AND s.idx = f.idx"
            " JOIN documents d ON d.id = f.doc, plainto_tsquery('simple', ?) q"
            " WHERE f.tsv @@ q ORDER BY ts_rank(f.tsv, q) DESC, d.seq, f.idx LIMIT ?",
            (" ".join(terms), limit),
        )
        return [dict(r) for r in rows]

    @contextmanager
    def build_lock(self, wait: float = 0.0) -> Iterator[object]:
        """A session advisory lock named after the store's schema; waits up to ``wait`` seconds."""
        if self.readonly:
            yield None
            return
        from biennien.lock import StoreLockedError

        key = "SELECT hashtext('biennien build ' || current_database() || '.' || current_schema())"
        (lock_key,) = self.conn.execute(key).fetchone()
        t0 = time.monotonic()
        while not self.conn.execute(
            "SELECT pg_try_advisory_lock(%s, %s)", (_LOCK_CLASS, lock_key)
        ).fetchone()[0]:
            waited = time.monotonic() - t0
            if waited >= wait:
                raise StoreLockedError(self.path, self._lock_holder(lock_key), waited if wait > 0 else 0.0)
            time.sleep(_POLL_SECONDS)
        label = f"biennien build, pid {os.getpid()} on {socket.gethostname()}"
        self.conn.execute("SELECT set_config('application_name', %s, false)", (label,))
        try:
            yield None
        finally:
            if not self.conn.closed:
                self.conn.execute("SELECT pg_advisory_unlock(%s, %s)", (_LOCK_CLASS, lock_key))

    def _lock_holder(self, lock_key: int) -> dict[str, object] | None:
        row = self.conn.execute(
            "SELECT a.pid, host(a.client_addr), a.backend_start, a.application_name"
            " FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
            " WHERE l.locktype = 'advisory' AND l.granted AND l.classid = %s::int4::oid"
            " AND l.objid = %s::int4::oid AND l.objsubid = 2",
            (_LOCK_CLASS, lock_key),
        ).fetchone()
        if row is None:
            return None
        pid, host, since, app = row
        return {
            "pid": f"{pid} (PostgreSQL backend)",
            "host": host or "local socket",
            "since": since.isoformat(timespec="seconds") if since else None,
            "command": app or None,
        }

    def close(self) -> None:
        self.conn.close()

    # -- schema ------------------------------------------------------------------

    def _current_schema(self) -> str:
        schema = self.conn.execute("SELECT current_schema()").fetchone()[0]
        if schema is None:
            raise StoreError(f"{self.path}: the search_path names no existing schema; create it first")
        return str(schema)

    def _tables(self) -> list[str]:
        rows = self.conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = %s"
            " AND table_type = 'BASE TABLE' ORDER BY table_name",
            (self.schema,),
        )
        return [r[0] for r in rows]

    def schema_version(self) -> int | None:
        if "meta" not in self._tables():
            return None
        row = self.conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        return base.parse_schema_version(row[0], str(self.path)) if row else None

    def _check_schema(self) -> None:
        version = self.schema_version()
        current = base.SCHEMA_VERSION
        if version is None:
            if self._tables():
                raise StoreError(
                    f"{self.path}: schema {self.schema!r} holds tables but is not a biennien store"
                )
            if self.readonly:
                raise StoreError(f"{self.path}: empty store (run `biennien build` first)")
            with self.conn.transaction():
                self.conn.execute(base.schema_sql("schema_pg.sql"))
                self.conn.execute(
                    "INSERT INTO meta(key, value) VALUES ('schema_version', %s)", (str(current),)
                )
            return
        self._check_version(version)

    def backup_schema(self, version: int) -> str:
        return f"{self.schema}_schema{version}_bak"

    def _migrate(self, version: int) -> None:
        """Copy every table to ``<schema>_schema<N>_bak`` and upgrade, all in one transaction."""
        backup = self.backup_schema(version)
        tables = self._tables()
        with self.conn.transaction():
            self.conn.execute("LOCK TABLE meta IN EXCLUSIVE MODE")
            exists = self.conn.execute(
                "SELECT 1 FROM information_schema.schemata WHERE schema_name = %s", (backup,)
            ).fetchone()
            if exists:
                raise StoreError(
                    f"{self.path}: backup schema {backup!r} already exists; rename or drop it, then open again"
                )
            self.conn.execute(pgsql.SQL("CREATE SCHEMA {}").format(pgsql.Identifier(backup)))
            for table in tables:
                self.conn.execute(
                    pgsql.SQL("CREATE TABLE {}.{} AS TABLE {}.{}").format(
                        pgsql.Identifier(backup),
                        pgsql.Identifier(table),
                        pgsql.Identifier(self.schema),
                        pgsql.Identifier(table),
                    )
                )
            while version < base.SCHEMA_VERSION:
                step = MIGRATIONS.get(version)
                if step is None:
                    raise StoreError(
                        f"{self.path}: no migration from schema {version}; the store is unchanged"
                    )
                for statement in step.split(";\n"):
                    if statement.strip():
                        self.conn.execute(statement)
                version += 1
                self.conn.execute("UPDATE meta SET value=%s WHERE key='schema_version'", (str(version),))
