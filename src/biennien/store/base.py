"""The chronicle store, independent of the database behind it.

``Store`` holds every query of the store once; the backends (``SQLiteStore``
in ``sqlite.py``, ``PostgresStore`` in ``postgres.py``) only say how to
connect, how a write transaction starts, how the schema is created and
upgraded, and how full-text search works.  The SQL here is the common subset
of both dialects: ``?`` placeholders (translated for PostgreSQL), ``ON
CONFLICT`` upserts, ``"end"`` quoted (a reserved word in PostgreSQL) and
explicit ``NULLS FIRST`` (SQLite's order for ``NULL``; PostgreSQL's default is
the opposite), so both backends return the same rows in the same order and
the export is the same bytes.

``Store(target)`` picks the backend from the target, the way ``pathlib.Path``
picks ``PosixPath``: a ``postgresql://`` URL opens PostgreSQL, anything else
is an SQLite file.

Writing rules that keep a chronicle trustworthy:

* each document and all its analysis rows are written in the same transaction
  (``add_documents``: one per batch of documents), so a killed build never leaves half a document;
* the linked tables (entities, events, facts, stories) are replaced in one
  transaction (``replace_linked``), so readers see either the old or the new
  link result, never a mix;
* a store written by an older schema is upgraded in place after a backup;
  a store from a newer biennien is refused with a clear message.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

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
    plain,
)
from biennien.store.rows import DocRows, doc_rows, dumps

T = TypeVar("T")  # a row type read back from the store

SCHEMA_VERSION = 2
# schema 2: index on the head of the stored text (``document_with_text``)
TEXT_HEAD_INDEX = "CREATE INDEX IF NOT EXISTS documents_text_head ON documents (substr(text, 1, 120))"

POSTGRES_SCHEMES = ("postgresql://", "postgres://")
_IN_CHUNK = 500  # values per ``IN (...)`` list (SQLite allows 999 parameters in old builds)


class StoreError(Exception):
    """A store that cannot be opened or written, with a message for the user."""


def parse_schema_version(value: object, where: str) -> int:
    """The stored schema version, or a ``StoreError`` naming the store when it is not a number."""
    try:
        return int(str(value))
    except ValueError:
        raise StoreError(
            f"{where}: not a biennien store, or a damaged one (schema version {str(value)[:40]!r})"
        ) from None


def is_postgres_url(target: str | Path) -> bool:
    return isinstance(target, str) and target.startswith(POSTGRES_SCHEMES)


def schema_sql(name: str) -> str:
    return resources.files("biennien.store").joinpath(name).read_text(encoding="utf-8")


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


def independent_docs(
    evidence: Sequence[Evidence], duplicate_of: Mapping[str, str | None] | None = None
) -> int:
    """How many independent documents an evidence list cites: reprints of one text count once."""
    return independent_count([e.doc for e in evidence], duplicate_of)


def independent_count(docs: Iterable[str], duplicate_of: Mapping[str, str | None] | None = None) -> int:
    """How many of ``docs`` are independent: a reprint counts as the text it reprints."""
    if not duplicate_of:
        return len(set(docs))
    return len({duplicate_of.get(d) or d for d in docs})


def iter_chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


_ENTITY_COLUMNS = "id, name, type, mentions, data"
_EVENT_COLUMNS = "id, type, date, date_end, summary, sources, data"
_FACT_COLUMNS = "id, measure, subject, period, value, unit, sources, data"


def entity_rows(entities: Sequence[Entity]) -> list[tuple[Any, ...]]:
    """The ``entities`` rows of ``entities`` (columns ``_ENTITY_COLUMNS``)."""
    doc_json: dict[str, str] = {}
    return [(e.id, e.name, e.type, len(e.mentions), entity_json(e, doc_json)) for e in entities]


def entity_field_rows(entities: Iterable[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """``entity_rows`` of entities given as their fields (``link.entities.entity_fields``: id, name,
    type, aliases, roles, mentions as (doc, start, end) tuples), without making the objects."""
    doc_json: dict[str, str] = {}
    out = []
    for eid, name, etype, aliases, roles, refs in entities:
        data = _entity_json(eid, name, etype, aliases, roles, refs, doc_json)
        if data is None:
            entity = Entity(eid, name, etype, aliases, roles, [MentionRef(d, s, e) for d, s, e in refs])
            data = dumps(plain(entity))
        out.append((eid, name, etype, len(refs), data))
    return out


_MENTIONS_SLOT = '"mentions":null'
# a string as ``dumps`` (``ensure_ascii=False``) writes it, quotes included
_encode_string: Callable[[str], str] = json.encoder.encode_basestring


def entity_json(e: Entity, doc_json: dict[str, str]) -> str:
    """``dumps(plain(e))``, the same bytes, with the mention list written directly: an entity row is
    mostly its mentions (53,000 on unc-dev), and ``plain`` + ``json`` took 10 µs per entity.

    The other fields go through ``dumps`` with the mentions left ``null``; that key can only appear
    once unescaped (a string's quotes are escaped), so it is replaced by the list.  ``doc_json``
    caches each document id's JSON.
    """
    data = _entity_json(
        e.id, e.name, e.type, e.aliases, e.roles, [(m.doc, m.start, m.end) for m in e.mentions], doc_json
    )
    return dumps(plain(e)) if data is None else data


def _entity_json(
    eid: str,
    name: str,
    etype: str,
    aliases: list[str],
    roles: list[str],
    refs: Sequence[tuple[str, Any, Any]],
    doc_json: dict[str, str],
) -> str | None:
    """``entity_json`` of an entity's fields; None when an offset is not an int (then ``plain``).

    When every field is a string (or a list of strings, for aliases and roles) the JSON is put together
    here with ``json``'s own string encoder (the one ``dumps`` uses: ``ensure_ascii=False``), keys in
    sorted order and no spaces, as ``dumps`` writes it: an encoder call per entity was a third of this.
    """
    parts = []
    for d, start, end in refs:
        if type(start) is not int or type(end) is not int:
            return None
        dj = doc_json.get(d)
        if dj is None:
            dj = doc_json[d] = dumps(d)
        parts.append(f'{{"doc":{dj},"end":{end},"start":{start}}}')
    mentions = ",".join(parts)
    if (
        type(eid) is str
        and type(name) is str
        and type(etype) is str
        and type(aliases) is list
        and type(roles) is list
        and all(type(a) is str for a in aliases)
        and all(type(r) is str for r in roles)
    ):
        enc = _encode_string
        return (
            f'{{"aliases":[{",".join(map(enc, aliases))}],"id":{enc(eid)},"mentions":[{mentions}],'
            f'"name":{enc(name)},"roles":[{",".join(map(enc, roles))}],"type":{enc(etype)}}}'
        )
    head = dumps(
        {"aliases": aliases, "id": eid, "mentions": None, "name": name, "roles": roles, "type": etype}
    )
    return head.replace(_MENTIONS_SLOT, '"mentions":[' + mentions + "]", 1)


def entity_children(entities: Sequence[Entity]) -> tuple[tuple[str, str], dict[str, list[tuple[Any, ...]]]]:
    return (
        ("entity_mentions", 'entity, doc, start, "end"'),
        {e.id: [(e.id, m.doc, m.start, m.end) for m in e.mentions] for e in entities},
    )


def event_rows(
    events: Sequence[Event],
    duplicate_of: Mapping[str, str | None] | None,
    data: Sequence[str | None] | None = None,
) -> list[tuple[Any, ...]]:
    """The ``events`` rows of ``events`` (columns ``_EVENT_COLUMNS``; ``sources`` counts reprints once);
    ``data``: per event, its JSON when known already (``dumps(plain(ev))``), else None."""
    return [
        (
            ev.id,
            ev.type,
            ev.date,
            ev.date_end,
            ev.summary,
            independent_docs(ev.evidence, duplicate_of),
            dumps(plain(ev)) if d is None else d,
        )
        for ev, d in zip(events, data or [None] * len(events), strict=True)
    ]


def renamed_event_json(merged: Event, report: Event, data: str) -> str | None:
    """``dumps(plain(merged))`` from ``data`` (``dumps(plain(report))``, as stored) when ``merged`` equals
    ``report`` but for its id (an event of one report, whose fields the merge copied: equal values are
    the same objects, so the same JSON), else None.  ``"id":"`` is only the key there (see
    ``renamed_fact_json``; participants and evidence have no ``id``)."""
    if not (
        merged.type == report.type
        and merged.date == report.date
        and merged.summary == report.summary
        and merged.trigger == report.trigger
        and merged.date_end == report.date_end
        and merged.date_mod == report.date_mod
        and merged.place == report.place
        and merged.participants == report.participants
        and merged.evidence == report.evidence
    ):
        return None
    return _renamed_json(data, report.id, merged.id)


def event_children(events: Sequence[Event]) -> tuple[tuple[str, str], dict[str, list[tuple[Any, ...]]]]:
    return (
        ("event_participants", "event, entity, name"),
        {ev.id: [(ev.id, p.entity, p.name) for p in ev.participants] for ev in events},
    )


def fact_rows(
    facts: Sequence[Fact],
    duplicate_of: Mapping[str, str | None] | None,
    data: Sequence[str | None] | None = None,
) -> list[tuple[Any, ...]]:
    """The ``facts`` rows of ``facts`` (columns ``_FACT_COLUMNS``); ``data``: per fact, its JSON when
    known already (``dumps(plain(f))``), else None."""
    return [
        (
            f.id,
            f.measure,
            f.subject,
            f.period,
            f.value,
            f.unit,
            independent_docs(f.evidence, duplicate_of),
            dumps(plain(f)) if d is None else d,
        )
        for f, d in zip(facts, data or [None] * len(facts), strict=True)
    ]


def renamed_fact_json(merged: Fact, statement: Fact, data: str) -> str | None:
    """``dumps(plain(merged))`` from ``data`` (``dumps(plain(statement))``, as stored) when ``merged`` is
    ``statement`` under another id: its only statement, with one piece of evidence, the same subject,
    qualifier and conflicts (``facts.merge_facts`` copies every other field).  Else None.

    Only the id differs then.  In this JSON (sorted keys, no spaces) ``"id":"`` can only be the key: in
    a string a quote is escaped, and a string followed by ``:`` is a key; the evidence objects have no
    ``id``.  A fact row's JSON was most of the fact part of a full link."""
    if (
        len(statement.evidence) != 1
        or merged.evidence != statement.evidence
        or merged.subject != statement.subject
        or merged.qualifier != statement.qualifier
        or merged.conflicts_with != statement.conflicts_with
        or merged.value is not statement.value
        or merged.measure is not statement.measure
    ):
        return None
    return _renamed_json(data, statement.id, merged.id)


def _renamed_json(data: str, old_id: str, new_id: str) -> str | None:
    """``data`` (sorted keys, no spaces) with its one ``"id"`` value ``old_id`` made ``new_id``; None when
    the key and value are not found exactly once."""
    old = '"id":' + dumps(old_id) + ","
    if data.count(old) != 1:
        return None
    return data.replace(old, '"id":' + dumps(new_id) + ",", 1)


def resourced(
    rows: Sequence[tuple[Any, ...]],
    docs: Sequence[Sequence[str]],
    column: int,
    duplicate_of: Mapping[str, str | None] | None,
) -> list[tuple[Any, ...]]:
    """``rows`` made without reprint marks, their ``column`` (``sources``) recounted with ``duplicate_of``
    from each row's evidence documents ``docs`` (as ``independent_docs`` counts them)."""
    if not duplicate_of:
        return list(rows)
    out = []
    for row, ds in zip(rows, docs, strict=True):
        n = independent_count(ds, duplicate_of)
        out.append(row if row[column] == n else row[:column] + (n,) + row[column + 1 :])
    return out


@dataclass(frozen=True, slots=True)
class StateParts:
    """A link state written in parts (``link.state_parts``): ``head`` under the state's name, each part
    under ``name#key``.  A part given as None is stored already and unchanged, so it is not written;
    stored parts of the state that are not named are deleted.  ``Store.link_state`` returns the head
    followed by every part, in key order."""

    head: bytes
    parts: Mapping[str, bytes | None]


LinkStates = Mapping[str, "bytes | StateParts"]  # link state name -> its bytes, or its parts


class FromData:
    """The type of ``FROM_DATA``; it unpickles as that one object (a pool worker sends it)."""

    def __reduce__(self) -> str:
        return "FROM_DATA"


# given for an entity part's mention rows: they are read from the entity rows' JSON when written (a full
# link's pool worker then sends 44,000 fewer tuples on unc-dev, and SQLite can copy them in SQL)
FROM_DATA = FromData()


@dataclass(slots=True)
class LinkedRows:
    """Every row of the linked tables a full link writes, made before the write transaction."""

    entities: list[tuple[Any, ...]]
    entity_mentions: dict[str, list[tuple[Any, ...]]]
    events: list[tuple[Any, ...]]
    event_participants: dict[str, list[tuple[Any, ...]]]
    facts: list[tuple[Any, ...]]


COUNTABLE = frozenset(
    {
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
)


class Store:
    """A chronicle store; ``Store(target)`` opens the backend the target names.

    ``target`` is a path to an SQLite file or a ``postgresql://`` URL.  With
    ``readonly`` the store must already exist and nothing can be written.
    """

    conn: Any
    path: str
    readonly: bool
    # column that keeps rows of one document in insertion order (ties of equal offsets)
    ROW_ORDER = "rowid"

    def __new__(cls, target: str | Path, *, readonly: bool = False, timeout: float = 30.0) -> Store:
        if cls is Store:
            cls = _backend(target)
        return super().__new__(cls)

    # -- backend hooks (each backend implements these) -------------------------

    def _execute(self, sql: str, args: Sequence[Any] = ()) -> Any:
        """Run one statement with ``?`` placeholders; the result iterates rows (by index or name)."""
        raise NotImplementedError

    def _executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        raise NotImplementedError

    def _write(self) -> AbstractContextManager[None]:
        """One write transaction that excludes other writers (readers go on)."""
        raise NotImplementedError

    def _add_search_rows(self, rows: list[tuple[str, str, int]]) -> None:
        """Index (folded sentence, doc, idx) rows for ``search``."""
        raise NotImplementedError

    def search(self, query: str, limit: int = 50) -> list[dict[str, Any]]:
        """Accent-insensitive full-text search over sentences, best first."""
        raise NotImplementedError

    def build_lock(self, wait: float = 0.0) -> AbstractContextManager[object]:
        """Held by ``build`` throughout, so one build at a time writes to a store."""
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def reader_target(self) -> str | None:
        """A target another process of this machine can open read-only to read the committed rows
        (``Store(target, readonly=True)``), or None when only this connection can see them."""
        return None

    def _migrate(self, version: int) -> None:
        """Back the store up, then upgrade it from ``version`` to ``SCHEMA_VERSION``."""
        raise NotImplementedError

    # -- schema ----------------------------------------------------------------

    def _check_version(self, version: int) -> None:
        """Refuse a store made by a newer biennien; upgrade an older one (never when read-only)."""
        current = SCHEMA_VERSION
        if version > current:
            raise StoreError(
                f"{self.path}: made by a newer biennien (schema {version}, this one reads {current});"
                " upgrade biennien"
            )
        if version < current:
            if self.readonly:
                raise StoreError(f"{self.path}: schema {version} needs an upgrade; open it for writing once")
            self._migrate(version)

    # -- lifecycle -------------------------------------------------------------

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _now(self) -> str:
        return datetime.now(UTC).isoformat(timespec="seconds")

    # -- writing ---------------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        return self._execute("SELECT 1 FROM documents WHERE id=?", (doc_id,)).fetchone() is not None

    def document_with_text(self, text: str) -> str | None:
        """The id of a stored document with exactly this text, if any.

        Ids hash the article body without captions and bylines, so a newer
        ingest that recognises one more caption gives an old article a new id;
        its stored text is the same, and this finds it (indexed by its head).
        """
        # The full text is compared here, not in SQL: SQLite (3.40) rewrites ``substr(text, 1, 120) = ?
        # AND text = ?`` with the constant it learns from the second term and then scans the table
        # instead of using the index (0.8 ms per call at 1,600 documents, growing with the store).
        rows = self._execute(
            "SELECT id, text FROM documents WHERE substr(text, 1, 120) = ? ORDER BY seq", (text[:120],)
        )
        return next((row[0] for row in rows if row[1] == text), None)

    def add_source(self, doc_id: str, source: str) -> None:
        self._execute(
            "INSERT INTO document_sources(doc, source) VALUES (?, ?) ON CONFLICT DO NOTHING", (doc_id, source)
        )

    def add_document(self, doc: Document, analysis: DocAnalysis) -> bool:
        """Store one document and its analysis atomically; False if already stored."""
        return self.add_documents([(doc, analysis)])[0]

    def add_documents(self, items: Sequence[tuple[Document, DocAnalysis | DocRows]]) -> list[bool]:
        """Store documents and their analyses in one transaction, in order; False for each already stored.

        An analysis may come as its rows already made (``rows.doc_rows``, as a
        build's workers make them).  One transaction per batch rather than per
        document: a commit costs far more than the rows (SQLite flushes the
        full-text index on each), and a killed build still leaves whole
        documents only.  Rows go in document order table by table, so the rows
        (and their rowids) are the same as storing the documents one by one.  A
        text that is already stored, or earlier in the same batch, only gains
        its source.
        """
        x, xm = self._execute, self._executemany
        added: list[bool] = []
        fresh: list[tuple[Document, DocRows]] = []
        repeats: list[tuple[str, str]] = []  # (id, source) of texts stored before or earlier in the batch
        add_source = "INSERT INTO document_sources(doc, source) VALUES (?, ?) ON CONFLICT DO NOTHING"
        with self._write():
            seen: set[str] = set()
            for doc, analysis in items:
                if doc.id in seen or x("SELECT 1 FROM documents WHERE id=?", (doc.id,)).fetchone():
                    repeats.append((doc.id, doc.source))
                    added.append(False)
                    continue
                seen.add(doc.id)
                fresh.append((doc, analysis if isinstance(analysis, DocRows) else doc_rows(doc, analysis)))
                added.append(True)
            if not fresh:
                xm(add_source, repeats)
                return added
            seq = x("SELECT coalesce(max(seq), 0) + 1 FROM documents").fetchone()[0]
            now = self._now()
            xm(
                "INSERT INTO documents(id, seq, source, title, outlet, author, url, published, reference_date,"
                " reference_date_basis, encoding, text, skip_spans, meta, warnings, duplicate_of, added_at)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [
                    (
                        doc.id,
                        seq + k,
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
                        dumps([list(s) for s in doc.skip_spans]),
                        dumps(doc.meta),
                        dumps(doc.warnings),
                        None,
                        now,
                    )
                    for k, (doc, _) in enumerate(fresh)
                ],
            )
            xm(
                "INSERT INTO document_sources(doc, source) VALUES (?, ?)",
                [(doc.id, doc.source) for doc, _ in fresh],
            )
            xm(add_source, repeats)  # after the documents: a repeat of this batch needs its row
            xm(
                'INSERT INTO sentences(doc, idx, start, "end", paragraph) VALUES (?,?,?,?,?)',
                [row for _, r in fresh for row in r.sentences],
            )
            self._add_search_rows([row for _, r in fresh for row in r.search])
            xm(
                'INSERT INTO timexes(doc, start, "end", text, type, value, mod, value_end, anchor)'
                " VALUES (?,?,?,?,?,?,?,?,?)",
                [row for _, r in fresh for row in r.timexes],
            )
            xm(
                'INSERT INTO quantities(doc, start, "end", text, value, unit, kind, qualifier, counted,'
                " value_end, rank_of, direction) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                [row for _, r in fresh for row in r.quantities],
            )
            xm(
                'INSERT INTO mentions(doc, start, "end", text, type, name, role, key) VALUES (?,?,?,?,?,?,?,?)',
                [row for _, r in fresh for row in r.mentions],
            )
            xm(
                "INSERT INTO doc_events(doc, id, data) VALUES (?,?,?)",
                [row for _, r in fresh for row in r.events],
            )
            xm(
                "INSERT INTO doc_facts(doc, id, data) VALUES (?,?,?)",
                [row for _, r in fresh for row in r.facts],
            )
        return added

    def replace_linked(
        self,
        entities: Sequence[Entity],
        events: Sequence[Event],
        facts: Sequence[Fact],
        duplicate_of: dict[str, str | None] | None = None,
        stories: Sequence[dict[str, Any]] | None = None,
        link_state: LinkStates | None = None,
    ) -> None:
        """Replace every linked table in one transaction, writing only the rows that changed.

        After adding a few articles most entities, events and facts are the
        same as before: rows equal to the stored ones (every column) are kept,
        the others deleted and written, with their mention and participant rows.
        Readers order these tables by their columns and ids, never by rowid.
        """
        rows = LinkedRows(
            entity_rows(entities),
            entity_children(entities)[1],
            event_rows(events, duplicate_of),
            event_children(events)[1],
            fact_rows(facts, duplicate_of),
        )
        self.replace_linked_rows(rows, duplicate_of, stories, link_state)

    def replace_linked_rows(
        self,
        rows: LinkedRows,
        duplicate_of: dict[str, str | None] | None = None,
        stories: Sequence[dict[str, Any]] | None = None,
        link_state: LinkStates | None = None,
    ) -> None:
        """``replace_linked`` with the rows made beforehand (``entity_rows`` etc., possibly elsewhere)."""
        self.replace_linked_parts(
            lambda: (rows.entities, rows.entity_mentions),
            lambda: (rows.events, rows.event_participants),
            lambda: rows.facts,
            lambda: (duplicate_of, stories, link_state),
        )

    def replace_linked_parts(
        self,
        entities: Callable[[], tuple[list[tuple[Any, ...]], dict[str, list[tuple[Any, ...]]] | FromData]],
        events: Callable[[], tuple[list[tuple[Any, ...]], dict[str, list[tuple[Any, ...]]]]],
        facts: Callable[[], list[tuple[Any, ...]]],
        rest: Callable[
            [], tuple[dict[str, str | None] | None, Sequence[dict[str, Any]] | None, LinkStates | None]
        ],
    ) -> None:
        """``replace_linked_rows`` with each table's rows asked for when that table is written, in one
        transaction: entity rows, then event rows (each with its child rows), then fact rows, then
        (reprint marks, stories, link state).  A full link writes the first while its pool still
        makes the last."""
        with self._write():
            entity_rows_, mention_rows = entities()
            self._sync_rows(
                "entities",
                _ENTITY_COLUMNS,
                entity_rows_,
                ("entity_mentions", 'entity, doc, start, "end"'),
                mention_rows,
            )
            del entity_rows_, mention_rows  # each table's rows go once written
            event_rows_, participant_rows = events()
            self._sync_rows(
                "events",
                _EVENT_COLUMNS,
                event_rows_,
                ("event_participants", "event, entity, name"),
                participant_rows,
            )
            del event_rows_, participant_rows
            self._sync_rows("facts", _FACT_COLUMNS, facts())
            self._write_link_rest(*rest())

    def update_linked(
        self,
        entities: Sequence[Entity],
        events: Sequence[Event],
        facts: Sequence[Fact],
        gone: Mapping[str, Iterable[str]],
        duplicate_of: dict[str, str | None] | None = None,
        stories: Sequence[dict[str, Any]] | None = None,
        link_state: LinkStates | None = None,
        grown: tuple[Collection[str], Collection[str]] = ((), ()),
    ) -> None:
        """Write the part of the linked tables an incremental link re-derived, in one transaction.

        ``entities``, ``events`` and ``facts`` are the re-derived rows: each
        replaces the stored row of its id when they differ (unchanged rows are
        not written); ``gone`` names, per table, ids whose rows no longer exist.
        Nothing else of these tables is read or written, so the cost follows
        the size of the change, not of the store.  ``grown`` names entities whose
        stored mention rows are all still theirs, and the documents whose mention
        rows they may have gained: only those rows are inserted.
        """
        with self._write():
            self._patch_rows(
                "entities",
                _ENTITY_COLUMNS,
                entity_rows(entities),
                gone.get("entities", ()),
                *entity_children(entities),
                diff_children=True,
                grown=grown,
            )
            self._patch_rows(
                "events",
                _EVENT_COLUMNS,
                event_rows(events, duplicate_of),
                gone.get("events", ()),
                *event_children(events),
            )
            self._patch_rows("facts", _FACT_COLUMNS, fact_rows(facts, duplicate_of), gone.get("facts", ()))
            self._write_link_rest(duplicate_of, stories, link_state)

    def _write_link_rest(
        self,
        duplicate_of: dict[str, str | None] | None,
        stories: Sequence[dict[str, Any]] | None,
        link_state: LinkStates | None,
    ) -> None:
        """Reprint marks, stories, the linked-through mark and the link indexes (inside a write)."""
        x = self._execute
        if duplicate_of is not None:
            stored = {r[0]: r[1] for r in x("SELECT id, duplicate_of FROM documents")}
            self._executemany(
                "UPDATE documents SET duplicate_of=? WHERE id=?",
                [
                    (duplicate_of.get(doc), doc)
                    for doc, dup in sorted(stored.items())
                    if duplicate_of.get(doc) != dup
                ],
            )
        if stories is not None:
            self._sync_rows(
                "stories",
                'id, title, "first", "last", data',
                [(s["id"], s.get("title"), s.get("first"), s.get("last"), dumps(s)) for s in stories],
            )
        x(
            "INSERT INTO meta(key, value) VALUES ('linked_through',"
            " (SELECT CAST(coalesce(max(seq), 0) AS TEXT) FROM documents))"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value"
        )
        states = sorted((link_state or {}).items())
        rows = [(name, value.head if isinstance(value, StateParts) else value) for name, value in states]
        stored_parts = [r[0] for r in x("SELECT name FROM link_state") if "#" in r[0]]
        for name, value in states:
            parts = value.parts if isinstance(value, StateParts) else {}
            rows += [(f"{name}#{key}", part) for key, part in sorted(parts.items()) if part is not None]
            prefix = name + "#"
            self._executemany(
                "DELETE FROM link_state WHERE name=?",
                [(p,) for p in stored_parts if p.startswith(prefix) and p[len(prefix) :] not in parts],
            )
        self._executemany(
            "INSERT INTO link_state(name, data) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET data = excluded.data",
            rows,
        )

    def duplicate_marks(self) -> dict[str, str | None]:
        """Each document's stored reprint mark (``duplicate_of``), as the last link wrote it."""
        return {r[0]: r[1] for r in self._execute("SELECT id, duplicate_of FROM documents")}

    def _patch_rows(
        self,
        table: str,
        columns: str,
        rows: list[tuple[Any, ...]],
        gone: Iterable[str],
        child: tuple[str, str] | None = None,
        child_rows: Mapping[str, list[tuple[Any, ...]]] | None = None,
        diff_children: bool = False,
        grown: tuple[Collection[str], Collection[str]] = ((), ()),
    ) -> None:
        """Rows of ``table`` (first column: the id) replace stored rows of their id when different;
        ids in ``gone`` are deleted.  ``child`` as in ``_sync_rows``.

        With ``diff_children`` (child columns that are never NULL), the children of a replaced row are
        compared with the stored ones and only those that differ are deleted and inserted: an entity
        named in thousands of articles gains a few mentions per added article, and rewriting all of
        them made the cost follow the size of the store.  Child rows carry no order of their own
        (readers sort them), so the table holds the same rows either way."""
        x, xm = self._execute, self._executemany
        ids = [r[0] for r in rows]
        stored: dict[str, tuple[Any, ...]] = {}
        for chunk in iter_chunks(ids, _IN_CHUNK):
            marks = ",".join("?" * len(chunk))
            stored.update(
                (r[0], tuple(r)) for r in x(f"SELECT {columns} FROM {table} WHERE id IN ({marks})", chunk)
            )
        changed = [r for r in rows if stored.get(r[0]) != r]
        keep = set(ids)
        stale = sorted({i for i in gone if i not in keep} | {r[0] for r in changed if r[0] in stored})
        xm(f"DELETE FROM {table} WHERE id=?", [(i,) for i in stale])
        child_table, child_cols = child if child else ("", "")
        parent = child_cols.split(",")[0].strip()
        if not child:
            pass
        elif diff_children and child_rows is not None:
            grown_ids, grown_docs = grown
            replaced = [i for i in stale if i in keep and i not in grown_ids]
            xm(f"DELETE FROM {child_table} WHERE {parent}=?", [(i,) for i in stale if i not in keep])
            self._patch_children(child_table, child_cols, replaced, child_rows)
            gained = [
                row
                for i in stale
                if i in keep and i in grown_ids
                for row in child_rows.get(i, [])
                if row[1] in grown_docs
            ]
            if gained:
                xm(
                    f"INSERT INTO {child_table}({child_cols}) VALUES ({','.join('?' * len(gained[0]))})",
                    gained,
                )
        else:
            xm(f"DELETE FROM {child_table} WHERE {parent}=?", [(i,) for i in stale])
        if not changed:
            return
        marks = ",".join("?" * len(changed[0]))
        xm(f"INSERT INTO {table}({columns}) VALUES ({marks})", changed)
        if child and child_rows is not None:
            fresh = changed if not diff_children else [r for r in changed if r[0] not in stored]
            sub = [row for r in fresh for row in child_rows.get(r[0], [])]
            if sub:
                sub_marks = ",".join("?" * len(sub[0]))
                xm(f"INSERT INTO {child_table}({child_cols}) VALUES ({sub_marks})", sub)

    def _patch_children(
        self, table: str, columns: str, parents: list[str], child_rows: Mapping[str, list[tuple[Any, ...]]]
    ) -> None:
        """Make the child rows of ``parents`` in ``table`` those of ``child_rows`` (as multisets), deleting
        and inserting only the rows whose count differs (``_patch_rows``)."""
        x, xm = self._execute, self._executemany
        cols = [c.strip() for c in columns.split(",")]
        have: dict[tuple[Any, ...], int] = {}
        for chunk in iter_chunks(parents, _IN_CHUNK):
            marks = ",".join("?" * len(chunk))
            for r in x(f"SELECT {columns} FROM {table} WHERE {cols[0]} IN ({marks})", chunk):
                key = tuple(r)
                have[key] = have.get(key, 0) + 1
        want: dict[tuple[Any, ...], int] = {}
        for i in parents:
            for row in child_rows.get(i, []):
                key = tuple(row)
                want[key] = want.get(key, 0) + 1
        differ = [key for key, n in have.items() if want.get(key, 0) != n]
        where = " AND ".join(f"{c}=?" for c in cols)
        xm(f"DELETE FROM {table} WHERE {where}", differ)
        # a row whose count differs was deleted with every copy: write its copies again, and new rows
        add = [key for key, n in want.items() if have.get(key, 0) != n for _ in range(n)]
        if add:
            xm(f"INSERT INTO {table}({columns}) VALUES ({','.join('?' * len(cols))})", add)

    def _sync_rows(
        self,
        table: str,
        columns: str,
        rows: list[tuple[Any, ...]],
        child: tuple[str, str] | None = None,
        child_rows: Mapping[str, list[tuple[Any, ...]]] | FromData | None = None,
    ) -> None:
        """Make ``table`` hold exactly ``rows`` (first column: the id), touching only the rows that differ.

        ``child`` names a table (and its columns, the first being the parent id)
        whose rows belong to a parent row and are rewritten with it: ``child_rows``
        by parent id, or ``FROM_DATA`` for the entity mentions, which each entity's
        JSON lists (``_insert_mentions_from_data``).  When most rows differ, the
        tables are emptied and written whole instead.
        """
        x, xm = self._execute, self._executemany
        stored = {r[0]: tuple(r) for r in x(f"SELECT {columns} FROM {table}")}
        changed = [r for r in rows if stored.get(r[0]) != r] if stored else rows
        new_ids = {r[0] for r in rows}
        stale = [i for i in stored if i not in new_ids] + [r[0] for r in changed if r[0] in stored]
        child_table, child_cols = child if child else ("", "")
        marks = ",".join("?" * len(rows[0])) if rows else ""
        emptied = not stored
        if len(stale) > len(stored) // 2:  # mostly new: empty and write everything
            x(f"DELETE FROM {table}")
            if child:
                x(f"DELETE FROM {child_table}")
            changed = rows
            emptied = True
        else:
            xm(f"DELETE FROM {table} WHERE id=?", [(i,) for i in stale])
            if child:
                parent = child_cols.split(",")[0].strip()
                xm(f"DELETE FROM {child_table} WHERE {parent}=?", [(i,) for i in stale])
        if not changed:
            return
        # a table written from empty: a backend may build its indexes after the rows (``_indexes_rebuilt``)
        with self._indexes_rebuilt(table) if emptied else nullcontext():
            xm(f"INSERT INTO {table}({columns}) VALUES ({marks})", changed)
        if child and isinstance(child_rows, FromData):
            # the table now holds exactly ``rows``, inserted in order, when it was emptied or empty
            self._insert_mentions_from_data(changed, whole=changed is rows)
        elif child and isinstance(child_rows, Mapping):
            sub = [row for r in changed for row in child_rows.get(r[0], [])]
            if sub:
                sub_marks = ",".join("?" * len(sub[0]))
                with self._indexes_rebuilt(child_table) if emptied else nullcontext():
                    xm(f"INSERT INTO {child_table}({child_cols}) VALUES ({sub_marks})", sub)

    def _indexes_rebuilt(self, table: str) -> AbstractContextManager[None]:
        """Around the insert of every row of ``table`` into an empty table (inside a write): a backend
        may drop the table's secondary indexes and make them again afterwards (SQLite); here nothing."""
        return nullcontext()

    def _insert_mentions_from_data(self, rows: list[tuple[Any, ...]], whole: bool) -> None:
        """The ``entity_mentions`` rows of entity rows ``rows`` (just inserted, in this order), read from
        their JSON (``data``, the last column): the mention list in order.  ``whole``: ``rows`` are all
        the rows of ``entities``, in rowid order (a backend may then read them back in SQL)."""
        self._executemany(
            'INSERT INTO entity_mentions(entity, doc, start, "end") VALUES (?,?,?,?)',
            [(r[0], m["doc"], m["start"], m["end"]) for r in rows for m in json.loads(r[-1])["mentions"]],
        )

    def needs_link(self) -> bool:
        """True when documents were added since the linked tables were last rebuilt."""
        row = self._execute("SELECT value FROM meta WHERE key='linked_through'").fetchone()
        latest = self._execute("SELECT coalesce(max(seq), 0) FROM documents").fetchone()[0]
        return row is None or int(row[0]) != int(latest)

    # -- reading: per-document rows --------------------------------------------

    def count(self, table: str) -> int:
        if table not in COUNTABLE:
            raise ValueError(table)
        return int(self._execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    def document_ids(self) -> list[str]:
        return [r[0] for r in self._execute("SELECT id FROM documents ORDER BY seq")]

    @staticmethod
    def _document(r: Any) -> Document:
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
        for r in self._execute("SELECT * FROM documents ORDER BY seq"):
            yield self._document(r)

    def document_heads(self) -> Iterator[tuple[str, str, str, str | None, str | None, str | None]]:
        """(id, source, text, title, published, reference date) of every document, in order of arrival:
        what reprints and stories read of a document whose link input is prepared, in one query.  The
        text only of documents without a title (stories take their title from it; the rest of the link
        reads a prepared document's paragraphs and features, not its text), row by row: the texts of
        a whole store held at once were 60-70 MB at 10,000 articles."""
        rows = self._stream(
            "SELECT id, source, CASE WHEN title IS NULL OR title = '' THEN text ELSE '' END, title,"
            " published, reference_date FROM documents ORDER BY seq"
        )
        return ((r[0], r[1], r[2], r[3], r[4], r[5]) for r in rows)

    def document(self, doc_id: str) -> Document | None:
        r = self._execute("SELECT * FROM documents WHERE id=?", (doc_id,)).fetchone()
        return self._document(r) if r else None

    def document_rows(self) -> list[dict[str, Any]]:
        """Document metadata (no text) for listings and export, in order of arrival."""
        rows = self._execute(
            "SELECT id, source, title, outlet, author, url, published, reference_date, reference_date_basis,"
            " encoding, duplicate_of, warnings FROM documents ORDER BY seq"
        ).fetchall()
        sources: dict[str, list[str]] = {}
        for r in self._execute("SELECT doc, source FROM document_sources ORDER BY doc, source"):
            sources.setdefault(r[0], []).append(r[1])
        out = []
        for r in rows:
            d = dict(r)
            d["warnings"] = json.loads(d["warnings"])
            d["sources"] = sources.get(d["id"], [d["source"]])
            out.append(d)
        return out

    def timexes(self, doc: str) -> list[Timex]:
        rows = self._execute(
            f'SELECT * FROM timexes WHERE doc=? ORDER BY start, "end", {self.ROW_ORDER}', (doc,)
        )
        return [
            Timex(
                r["text"], r["start"], r["end"], r["type"], r["value"], r["mod"], r["value_end"], r["anchor"]
            )
            for r in rows
        ]

    def timex_rows(self) -> list[dict[str, Any]]:
        rows = self._execute(
            'SELECT t.doc, t.text, t.start, t."end", t.type, t.value, t.mod, t.value_end FROM timexes t'
            f' JOIN documents d ON d.id = t.doc ORDER BY d.seq, t.start, t."end", t.{self.ROW_ORDER}'
        )
        return [dict(r) for r in rows]

    def quantities(self, doc: str) -> list[Quantity]:
        rows = self._execute(
            f'SELECT * FROM quantities WHERE doc=? ORDER BY start, "end", {self.ROW_ORDER}', (doc,)
        )
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
        rows = self._execute(
            f'SELECT * FROM mentions WHERE doc=? ORDER BY start, "end", {self.ROW_ORDER}', (doc,)
        )
        return [
            Mention(r["text"], r["start"], r["end"], r["type"], r["name"], r["role"], r["key"]) for r in rows
        ]

    def mentions_by_doc(self) -> Iterator[tuple[str, list[Mention]]]:
        """Every document's mentions in order of arrival, read in one streamed query (not one per document)."""
        ids = iter(self.document_ids())
        rows = self._stream(
            'SELECT m.doc, m.text, m.start, m."end", m.type, m.name, m.role, m.key FROM mentions m'
            f' JOIN documents d ON d.id = m.doc ORDER BY d.seq, m.start, m."end", m.{self.ROW_ORDER}'
        )
        current: str | None = None
        batch: list[Mention] = []
        for doc, *fields in rows:
            if doc != current:
                if current is not None:
                    yield current, batch
                # documents without mentions, in their place
                for other in ids:
                    if other == doc:
                        break
                    yield other, []
                current, batch = doc, []
            batch.append(Mention(*fields))
        if current is not None:
            yield current, batch
        for other in ids:
            yield other, []

    def mention_rows(self) -> list[tuple[Any, ...]]:
        """Every mention as (doc, text, start, end, type, name, role, key), in ``mentions_by_doc`` order,
        as plain tuples in one list (a full link reads them all; no object per row but the tuple).

        Read in insertion order, which is nearly always that order already (documents are stored in
        order of arrival, each one's mentions by offset): checked here, and sorted here when not
        (a stable sort keeps insertion order among equal offsets).  Sorting in SQL took as long as
        reading the rows."""
        seq = {r[0]: r[1] for r in self._tuples("SELECT id, seq FROM documents")}
        # one string object per distinct value: a document id, a type, a key or a name recurs in many
        # rows, and the rows of a full link at 10,000 articles took 136 MB with a copy of each (65 MB so)
        memo: dict[Any, Any] = {}
        one = memo.setdefault
        rows = [
            (one(d, d), one(t, t), s, e, one(ty, ty), one(n, n), one(r, r), one(k, k))
            for d, t, s, e, ty, n, r, k in self._execute(
                f'SELECT doc, text, start, "end", type, name, role, key FROM mentions ORDER BY {self.ROW_ORDER}'
            )
        ]
        keys = [(seq[r[0]], r[2], r[3]) for r in rows]
        if all(a <= b for a, b in zip(keys, keys[1:], strict=False)):
            return rows
        order = sorted(range(len(rows)), key=keys.__getitem__)
        return [rows[i] for i in order]

    def _tuples(self, sql: str, args: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """All rows of a query as plain tuples."""
        return [tuple(r) for r in self._execute(sql, args)]

    def _stream(self, sql: str, args: Sequence[Any] = ()) -> Iterator[Any]:
        """Rows of a query that may be too large to hold in memory at once."""
        yield from self._execute(sql, args)

    def doc_events(self) -> list[Event]:
        return [ev for ev, _ in self.doc_events_json()]

    def doc_events_json(self) -> list[tuple[Event, str]]:
        """``doc_events`` with each event's stored JSON (a merged event of one report is mostly that)."""
        return self._doc_rows_json("doc_events", event_from_dict)

    def doc_facts(self) -> list[Fact]:
        return [f for f, _ in self.doc_facts_json()]

    def doc_facts_json(self) -> list[tuple[Fact, str]]:
        """``doc_facts`` with each fact's stored JSON (a merged fact of one statement is mostly that)."""
        return self._doc_rows_json("doc_facts", fact_from_dict)

    def _doc_rows_json(self, table: str, parse: Callable[[dict[str, Any]], T]) -> list[tuple[T, str]]:
        """Every row of a per-document JSON ``table``, in store order, parsed and with its JSON."""
        rows = self._execute(
            f"SELECT t.data FROM {table} t JOIN documents d ON d.id = t.doc ORDER BY d.seq, t.{self.ROW_ORDER}"
        )
        return [(parse(json.loads(r[0])), r[0]) for r in rows]

    def document_seqs(self) -> list[tuple[str, int, str | None]]:
        """(id, seq, reference date) of every document, in order of arrival."""
        rows = self._execute("SELECT id, seq, reference_date FROM documents ORDER BY seq")
        return [(r[0], int(r[1]), r[2]) for r in rows]

    def mentions_of(self, docs: Sequence[str]) -> list[tuple[str, list[Mention]]]:
        """``mentions_by_doc`` for some documents only (given in order of arrival), the same order inside."""
        out: dict[str, list[Mention]] = {d: [] for d in docs}
        for chunk in iter_chunks(docs, _IN_CHUNK):
            marks = ",".join("?" * len(chunk))
            rows = self._execute(
                'SELECT doc, text, start, "end", type, name, role, key FROM mentions'
                f' WHERE doc IN ({marks}) ORDER BY doc, start, "end", {self.ROW_ORDER}',
                chunk,
            )
            for doc, *fields in rows:
                out[doc].append(Mention(*fields))
        return list(out.items())

    def _rows_where(self, table: str, column: str, values: Sequence[str]) -> list[str]:
        """``data`` of the ``doc_events`` or ``doc_facts`` rows whose ``column`` is in ``values``, in the
        order ``doc_events()``/``doc_facts()`` return them (order of arrival, then of insertion)."""
        found: list[tuple[int, int, str]] = []
        for chunk in iter_chunks(values, _IN_CHUNK):
            marks = ",".join("?" * len(chunk))
            rows = self._execute(
                f"SELECT d.seq, t.{self.ROW_ORDER}, t.data FROM {table} t JOIN documents d ON d.id = t.doc"
                f" WHERE t.{column} IN ({marks})",
                chunk,
            )
            found.extend((int(r[0]), int(r[1]), r[2]) for r in rows)
        found.sort(key=lambda r: (r[0], r[1]))
        return [r[2] for r in found]

    def _data_where(self, table: str, docs: Sequence[str], ids: Sequence[str]) -> list[str]:
        if docs and ids:  # two sorted lists joined would be neither in store order nor free of repeats
            raise ValueError(f"{table}: give documents or ids, not both")
        return self._rows_where(table, "doc", docs) if docs else self._rows_where(table, "id", ids)

    def doc_events_where(self, *, docs: Sequence[str] = (), ids: Sequence[str] = ()) -> list[Event]:
        """The per-document events of some documents, or with some ids (one or the other), in ``doc_events()``
        order."""
        return [event_from_dict(json.loads(r)) for r in self._data_where("doc_events", docs, ids)]

    def doc_facts_where(self, *, docs: Sequence[str] = (), ids: Sequence[str] = ()) -> list[Fact]:
        """The per-document facts of some documents, or with some ids (one or the other), in ``doc_facts()``
        order."""
        return [fact_from_dict(json.loads(r)) for r in self._data_where("doc_facts", docs, ids)]

    def link_state(self, name: str) -> bytes | None:
        """The stored state ``name``: its bytes, or its head followed by its parts (``StateParts``)."""
        r = self._execute("SELECT data FROM link_state WHERE name=?", (name,)).fetchone()
        if not r:
            return None
        prefix = name + "#"
        parts = sorted(
            (row[0], bytes(row[1]))
            for row in self._execute(
                "SELECT name, data FROM link_state WHERE substr(name, 1, ?) = ?", (len(prefix), prefix)
            )
        )
        return bytes(r[0]) + b"".join(data for _, data in parts) if parts else bytes(r[0])

    # -- reading: linked rows ----------------------------------------------------

    def entities(self, type: str | None = None) -> list[Entity]:
        sql = "SELECT data FROM entities"
        args: tuple[str, ...] = ()
        if type:
            sql += " WHERE type = ?"
            args = (type,)
        sql += " ORDER BY mentions DESC, name, id"
        return [entity_from_dict(json.loads(r[0])) for r in self._execute(sql, args)]

    def events(self) -> list[Event]:
        rows = self._execute("SELECT data FROM events ORDER BY date IS NULL, date, id")
        return [event_from_dict(json.loads(r[0])) for r in rows]

    def facts(self) -> list[Fact]:
        rows = self._execute(
            "SELECT data FROM facts ORDER BY measure, subject NULLS FIRST, period NULLS FIRST, id"
        )
        return [fact_from_dict(json.loads(r[0])) for r in rows]

    def stories(self) -> list[dict[str, Any]]:
        rows = self._execute('SELECT data FROM stories ORDER BY "first" NULLS FIRST, id')
        return [json.loads(r[0]) for r in rows]


def _backend(target: str | Path) -> type[Store]:
    if is_postgres_url(target):
        from biennien.store.postgres import PostgresStore

        return PostgresStore
    from biennien.store.sqlite import SQLiteStore

    return SQLiteStore


def open_store(target: str | Path, *, readonly: bool = False) -> Store:
    """Open the store at ``target``: an SQLite file path or a ``postgresql://`` URL."""
    return Store(target, readonly=readonly)
