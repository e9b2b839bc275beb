"""The SQLite store: one file, WAL mode, schema versioned in ``schema.sql``.

Writing rules that keep a chronicle trustworthy:

* each document and all its analysis rows are written in one transaction
  (``add_document``), so a killed build never leaves half a document;
* the linked tables (entities, events, facts, stories) are replaced in one
  transaction (``replace_linked``), so readers see either the old or the new
  link result, never a mix;
* a store written by an older schema is upgraded in place after a backup
  copy; a store from a newer biennien is refused with a clear message.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from biennien.model import (
    DocAnalysis,
    Document,
    Entity,
    Event,
    Evidence,
    Fact,
    Mention,
    MentionRef,
    Participant,
    Quantity,
    Timex,
)
from biennien.vi.normalise import fold

SCHEMA_VERSION = 1

# version -> SQL that upgrades a store of that version to the next one
MIGRATIONS: dict[int, str] = {}


class StoreError(Exception):
    """A store that cannot be opened or written, with a message for the user."""


def _schema_sql() -> str:
    return resources.files("biennien.store").joinpath("schema.sql").read_text(encoding="utf-8")


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def event_from_dict(d: dict[str, Any]) -> Event:
    d = dict(d)
    d["participants"] = [Participant(**p) for p in d.get("participants", [])]
    d["evidence"] = [Evidence(**e) for e in d.get("evidence", [])]
    return Event(**d)


def fact_from_dict(d: dict[str, Any]) -> Fact:
    d = dict(d)
    d["evidence"] = [Evidence(**e) for e in d.get("evidence", [])]
    return Fact(**d)


def entity_from_dict(d: dict[str, Any]) -> Entity:
    d = dict(d)
    d["mentions"] = [MentionRef(**m) for m in d.get("mentions", [])]
    return Entity(**d)


def independent_docs(evidence: Sequence[Evidence]) -> int:
    """How many distinct documents an evidence list cites."""
    return len({e.doc for e in evidence})


class Store:
    """A chronicle stored in one SQLite file."""

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
                self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = NORMAL")
            self.conn.execute("PRAGMA foreign_keys = ON")
            self._check_schema()
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            raise StoreError(f"{self.path}: not a biennien store ({exc})") from exc

    # -- lifecycle -----------------------------------------------------------

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def schema_version(self) -> int | None:
        has_meta = self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'"
        ).fetchone()
        if not has_meta:
            return None
        row = self.conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        return int(row[0]) if row else None

    def _check_schema(self) -> None:
        version = self.schema_version()
        if version is None:
            tables = self.conn.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0]
            if tables:
                raise StoreError(f"{self.path}: an SQLite file that is not a biennien store")
            if self.readonly:
                raise StoreError(f"{self.path}: empty store")
            self.conn.executescript(_schema_sql())
            self.conn.execute(
                "INSERT INTO meta(key, value) VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),)
            )
            return
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: made by a newer biennien (schema {version}, this one reads {SCHEMA_VERSION});"
                " upgrade biennien"
            )
        if version < SCHEMA_VERSION:
            if self.readonly:
                raise StoreError(f"{self.path}: schema {version} needs an upgrade; open it for writing once")
            self._migrate(version)

    def _migrate(self, version: int) -> None:
        backup = f"{self.path}.schema{version}.bak"
        self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        shutil.copy2(self.path, backup)
        while version < SCHEMA_VERSION:
            sql = MIGRATIONS.get(version)
            if sql is None:
                raise StoreError(f"{self.path}: no migration from schema {version}; backup kept at {backup}")
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                for statement in sql.split(";\n"):
                    if statement.strip():
                        self.conn.execute(statement)
                version += 1
                self.conn.execute("UPDATE meta SET value=? WHERE key='schema_version'", (str(version),))
                self.conn.execute("COMMIT")
            except Exception:
                self.conn.execute("ROLLBACK")
                raise

    # -- writing -------------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE id=?", (doc_id,)).fetchone() is not None

    def add_source(self, doc_id: str, source: str) -> None:
        self.conn.execute(
            "INSERT OR IGNORE INTO document_sources(doc, source) VALUES (?, ?)", (doc_id, source)
        )

    def add_document(self, doc: Document, analysis: DocAnalysis) -> bool:
        """Store one document and its analysis atomically; False if already stored."""
        c = self.conn
        c.execute("BEGIN IMMEDIATE")
        try:
            if c.execute("SELECT 1 FROM documents WHERE id=?", (doc.id,)).fetchone():
                c.execute(
                    "INSERT OR IGNORE INTO document_sources(doc, source) VALUES (?, ?)", (doc.id, doc.source)
                )
                c.execute("COMMIT")
                return False
            seq = c.execute("SELECT coalesce(max(seq), 0) + 1 FROM documents").fetchone()[0]
            c.execute(
                "INSERT INTO documents(id, seq, source, title, outlet, author, url, published, reference_date,"
                " reference_date_basis, encoding, text, skip_spans, meta, warnings, duplicate_of, added_at)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    doc.id,
                    seq,
                    doc.source,
                    doc.title,
                    doc.outlet,
                    doc.author,
                    doc.url,
                    doc.published,
                    doc.reference_date,
                    doc.reference_date_basis,
                    doc.encoding,
                    doc.text,
                    _dumps([list(s) for s in doc.skip_spans]),
                    _dumps(doc.meta),
                    _dumps(doc.warnings),
                    None,
                    datetime.now(UTC).isoformat(timespec="seconds"),
                ),
            )
            c.execute("INSERT INTO document_sources(doc, source) VALUES (?, ?)", (doc.id, doc.source))
            c.executemany(
                "INSERT INTO sentences(doc, idx, start, end, paragraph) VALUES (?,?,?,?,?)",
                [(doc.id, i, s.start, s.end, s.paragraph) for i, s in enumerate(analysis.sentences)],
            )
            c.executemany(
                "INSERT INTO sentences_fts(folded, doc, idx) VALUES (?,?,?)",
                [(fold(doc.text[s.start : s.end]), doc.id, i) for i, s in enumerate(analysis.sentences)],
            )
            c.executemany(
                "INSERT INTO timexes(doc, start, end, text, type, value, mod, value_end, anchor)"
                " VALUES (?,?,?,?,?,?,?,?,?)",
                [
                    (doc.id, t.start, t.end, t.text, t.type, t.value, t.mod, t.value_end, t.anchor)
                    for t in analysis.timexes
                ],
            )
            c.executemany(
                "INSERT INTO quantities(doc, start, end, text, value, unit, kind, qualifier, counted,"
                " value_end, rank_of, direction) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                [
                    (
                        doc.id,
                        q.start,
                        q.end,
                        q.text,
                        q.value,
                        q.unit,
                        q.kind,
                        q.qualifier,
                        q.counted,
                        q.value_end,
                        q.rank_of,
                        q.direction,
                    )
                    for q in analysis.quantities
                ],
            )
            c.executemany(
                "INSERT INTO mentions(doc, start, end, text, type, name, role, key) VALUES (?,?,?,?,?,?,?,?)",
                [(doc.id, m.start, m.end, m.text, m.type, m.name, m.role, m.key) for m in analysis.mentions],
            )
            c.executemany(
                "INSERT INTO doc_events(doc, id, data) VALUES (?,?,?)",
                [(doc.id, e.id, _dumps(asdict(e))) for e in analysis.events],
            )
            c.executemany(
                "INSERT INTO doc_facts(doc, id, data) VALUES (?,?,?)",
                [(doc.id, f.id, _dumps(asdict(f))) for f in analysis.facts],
            )
            c.execute("COMMIT")
            return True
        except BaseException:
            c.execute("ROLLBACK")
            raise

    def replace_linked(
        self,
        entities: Sequence[Entity],
        events: Sequence[Event],
        facts: Sequence[Fact],
        duplicate_of: dict[str, str | None] | None = None,
        stories: Sequence[dict[str, Any]] | None = None,
        link_state: dict[str, bytes] | None = None,
    ) -> None:
        """Replace every linked table in one transaction."""
        c = self.conn
        c.execute("BEGIN IMMEDIATE")
        try:
            for table in ("entities", "entity_mentions", "events", "event_participants", "facts"):
                c.execute(f"DELETE FROM {table}")
            c.executemany(
                "INSERT INTO entities(id, name, type, mentions, data) VALUES (?,?,?,?,?)",
                [(e.id, e.name, e.type, len(e.mentions), _dumps(asdict(e))) for e in entities],
            )
            c.executemany(
                "INSERT INTO entity_mentions(entity, doc, start, end) VALUES (?,?,?,?)",
                [(e.id, m.doc, m.start, m.end) for e in entities for m in e.mentions],
            )
            c.executemany(
                "INSERT INTO events(id, type, date, date_end, summary, sources, data) VALUES (?,?,?,?,?,?,?)",
                [
                    (
                        ev.id,
                        ev.type,
                        ev.date,
                        ev.date_end,
                        ev.summary,
                        independent_docs(ev.evidence),
                        _dumps(asdict(ev)),
                    )
                    for ev in events
                ],
            )
            c.executemany(
                "INSERT INTO event_participants(event, entity, name) VALUES (?,?,?)",
                [(ev.id, p.entity, p.name) for ev in events for p in ev.participants],
            )
            c.executemany(
                "INSERT INTO facts(id, measure, subject, period, value, unit, sources, data) VALUES (?,?,?,?,?,?,?,?)",
                [
                    (
                        f.id,
                        f.measure,
                        f.subject,
                        f.period,
                        f.value,
                        f.unit,
                        independent_docs(f.evidence),
                        _dumps(asdict(f)),
                    )
                    for f in facts
                ],
            )
            if duplicate_of is not None:
                c.execute("UPDATE documents SET duplicate_of = NULL")
                c.executemany(
                    "UPDATE documents SET duplicate_of=? WHERE id=?",
                    [(dup, doc) for doc, dup in sorted(duplicate_of.items()) if dup],
                )
            if stories is not None:
                c.execute("DELETE FROM stories")
                c.executemany(
                    "INSERT INTO stories(id, title, first, last, data) VALUES (?,?,?,?,?)",
                    [(s["id"], s.get("title"), s.get("first"), s.get("last"), _dumps(s)) for s in stories],
                )
            c.execute(
                "INSERT OR REPLACE INTO meta(key, value) VALUES ('linked_through',"
                " (SELECT CAST(coalesce(max(seq), 0) AS TEXT) FROM documents))"
            )
            for name, blob in (link_state or {}).items():
                c.execute("INSERT OR REPLACE INTO link_state(name, data) VALUES (?, ?)", (name, blob))
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise

    def needs_link(self) -> bool:
        """True when documents were added since the linked tables were last rebuilt."""
        row = self.conn.execute("SELECT value FROM meta WHERE key='linked_through'").fetchone()
        latest = self.conn.execute("SELECT coalesce(max(seq), 0) FROM documents").fetchone()[0]
        return row is None or int(row[0]) != int(latest)

    # -- reading: per-document rows -------------------------------------------

    def count(self, table: str) -> int:
        allowed = {
            "documents",
            "sentences",
            "timexes",
            "quantities",
            "mentions",
            "doc_events",
            "doc_facts",
            "entities",
            "events",
            "facts",
            "stories",
        }
        if table not in allowed:
            raise ValueError(table)
        return int(self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    def document_ids(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT id FROM documents ORDER BY seq")]

    def _document(self, r: sqlite3.Row) -> Document:
        return Document(
            id=r["id"],
            source=r["source"],
            text=r["text"],
            title=r["title"],
            outlet=r["outlet"],
            author=r["author"],
            url=r["url"],
            published=r["published"],
            reference_date=r["reference_date"],
            reference_date_basis=r["reference_date_basis"],
            encoding=r["encoding"],
            meta=json.loads(r["meta"]),
            skip_spans=[(a, b) for a, b in json.loads(r["skip_spans"])],
            warnings=json.loads(r["warnings"]),
        )

    def documents(self) -> Iterator[Document]:
        for r in self.conn.execute("SELECT * FROM documents ORDER BY seq"):
            yield self._document(r)

    def document(self, doc_id: str) -> Document | None:
        r = self.conn.execute("SELECT * FROM documents WHERE id=?", (doc_id,)).fetchone()
        return self._document(r) if r else None

    def document_rows(self) -> list[dict[str, Any]]:
        """Document metadata (no text) for listings and export, in order of arrival."""
        rows = self.conn.execute(
            "SELECT id, source, title, outlet, author, url, published, reference_date, reference_date_basis,"
            " encoding, duplicate_of, warnings FROM documents ORDER BY seq"
        ).fetchall()
        sources: dict[str, list[str]] = {}
        for r in self.conn.execute("SELECT doc, source FROM document_sources ORDER BY doc, source"):
            sources.setdefault(r[0], []).append(r[1])
        out = []
        for r in rows:
            d = dict(r)
            d["warnings"] = json.loads(d["warnings"])
            d["sources"] = sources.get(d["id"], [d["source"]])
            out.append(d)
        return out

    def timexes(self, doc: str) -> list[Timex]:
        rows = self.conn.execute("SELECT * FROM timexes WHERE doc=? ORDER BY start, end", (doc,))
        return [
            Timex(
                r["text"], r["start"], r["end"], r["type"], r["value"], r["mod"], r["value_end"], r["anchor"]
            )
            for r in rows
        ]

    def timex_rows(self) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            "SELECT t.doc, t.text, t.start, t.end, t.type, t.value, t.mod, t.value_end FROM timexes t"
            " JOIN documents d ON d.id = t.doc ORDER BY d.seq, t.start, t.end"
        )
        return [dict(r) for r in rows]

    def quantities(self, doc: str) -> list[Quantity]:
        rows = self.conn.execute("SELECT * FROM quantities WHERE doc=? ORDER BY start, end", (doc,))
        return [
            Quantity(
                r["text"],
                r["start"],
                r["end"],
                r["value"],
                r["unit"],
                r["kind"],
                r["qualifier"],
                r["counted"],
                r["value_end"],
                r["rank_of"],
                r["direction"],
            )
            for r in rows
        ]

    def mentions(self, doc: str) -> list[Mention]:
        rows = self.conn.execute("SELECT * FROM mentions WHERE doc=? ORDER BY start, end", (doc,))
        return [
            Mention(r["text"], r["start"], r["end"], r["type"], r["name"], r["role"], r["key"]) for r in rows
        ]

    def mentions_by_doc(self) -> Iterator[tuple[str, list[Mention]]]:
        for doc in self.document_ids():
            yield doc, self.mentions(doc)

    def doc_events(self) -> list[Event]:
        rows = self.conn.execute(
            "SELECT e.data FROM doc_events e JOIN documents d ON d.id = e.doc ORDER BY d.seq, e.rowid"
        )
        return [event_from_dict(json.loads(r[0])) for r in rows]

    def doc_facts(self) -> list[Fact]:
        rows = self.conn.execute(
            "SELECT f.data FROM doc_facts f JOIN documents d ON d.id = f.doc ORDER BY d.seq, f.rowid"
        )
        return [fact_from_dict(json.loads(r[0])) for r in rows]

    def link_state(self, name: str) -> bytes | None:
        r = self.conn.execute("SELECT data FROM link_state WHERE name=?", (name,)).fetchone()
        return bytes(r[0]) if r else None

    # -- reading: linked rows ---------------------------------------------------

    def entities(self, type: str | None = None) -> list[Entity]:
        sql = "SELECT data FROM entities"
        args: tuple[str, ...] = ()
        if type:
            sql += " WHERE type = ?"
            args = (type,)
        sql += " ORDER BY mentions DESC, name, id"
        return [entity_from_dict(json.loads(r[0])) for r in self.conn.execute(sql, args)]

    def events(self) -> list[Event]:
        rows = self.conn.execute("SELECT data FROM events ORDER BY date IS NULL, date, id")
        return [event_from_dict(json.loads(r[0])) for r in rows]

    def facts(self) -> list[Fact]:
        rows = self.conn.execute("SELECT data FROM facts ORDER BY measure, subject, period, id")
        return [fact_from_dict(json.loads(r[0])) for r in rows]

    def stories(self) -> list[dict[str, Any]]:
        return [json.loads(r[0]) for r in self.conn.execute("SELECT data FROM stories ORDER BY first, id")]

    def search(self, query: str, limit: int = 50) -> list[dict[str, Any]]:
        """Accent-insensitive full-text search over sentences (FTS5)."""
        terms = [t for t in fold(query).replace('"', " ").split() if t]
        if not terms:
            return []
        match = " ".join(f'"{t}"' for t in terms)
        rows = self.conn.execute(
            "SELECT f.doc, f.idx, s.start, s.end, substr(d.text, s.start + 1, s.end - s.start) AS sentence"
            " FROM sentences_fts f JOIN sentences s ON s.doc = f.doc AND s.idx = f.idx"
            " JOIN documents d ON d.id = f.doc WHERE sentences_fts MATCH ? ORDER BY rank LIMIT ?",
            (match, limit),
        )
        return [dict(r) for r in rows]


def open_store(path: str | Path, *, readonly: bool = False) -> Store:
    return Store(path, readonly=readonly)


def iter_chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
