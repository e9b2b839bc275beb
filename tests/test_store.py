"""The store on both backends (SQLite, PostgreSQL): atomic documents, schema checks, search, export order.

Every test taking ``backend`` runs once per backend; the PostgreSQL runs use a
throw-away server on loopback (``pg_server.py``) and are skipped only when no
PostgreSQL server is installed.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import psycopg
import pytest

import pg_server as pg
from biennien.analyse import analyse
from biennien.build import build
from biennien.export.contract import chronicle_dict
from biennien.model import Document, Event, Evidence, Failure, Participant
from biennien.store import base, open_store, postgres, sqlite
from biennien.store.sqlite import SCHEMA_VERSION, Store, StoreError

# the PostgreSQL fixtures (a throw-away server; a fresh database per test)
pg_server = pg.pg_server
pg_url = pg.pg_url


@dataclass
class Backend:
    """How a test makes stores of one backend."""

    name: str
    new_target: Callable[[], str]  # a target where no store exists yet
    integrity_error: type[Exception]

    def open(self, readonly: bool = False) -> Store:
        return open_store(self.new_target(), readonly=readonly)


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Backend:
    if request.param == "sqlite":
        names = iter(range(1000))
        return Backend("sqlite", lambda: str(tmp_path / f"c{next(names)}.db"), sqlite3.IntegrityError)
    server = request.getfixturevalue("pg_server")
    return Backend("postgresql", server.new_database, psycopg.IntegrityError)


TEXT_A = (
    "Tổng Bí thư Tô Lâm tiếp Trợ lý Ngoại trưởng Hoa Kỳ Michael DeSombre chiều 13-2.\n"
    "Ảnh: TTXVN\n"
    "Hai bên trao đổi về hợp tác kinh tế, thương mại và khoa học công nghệ."
)
TEXT_B = "Đại học Harvard công bố lợi nhuận đầu tư là 7,3% trong năm tài chính vừa qua."


def doc(doc_id: str, text: str, source: str = "a.txt", **kw: object) -> Document:
    return Document(id=doc_id, source=source, text=text, reference_date="2026-02-14", **kw)  # type: ignore[arg-type]


def test_document_and_analysis_are_stored_and_read_back(backend: Backend) -> None:
    store = backend.open()
    d = doc("d1", TEXT_A, skip_spans=[(80, 91)], title="Tiếp Trợ lý Ngoại trưởng")
    assert store.add_document(d, analyse(d)) is True
    back = store.document("d1")
    assert back is not None
    assert back.text == TEXT_A
    assert back.skip_spans == [(80, 91)]
    assert back.title == "Tiếp Trợ lý Ngoại trưởng"
    # the caption line is masked out of analysis: no sentence starts inside it
    starts = [r[0] for r in store.conn.execute("SELECT start FROM sentences WHERE doc='d1'")]
    assert starts and all(not (80 <= s < 91) for s in starts)
    assert [x.id for x in store.documents()] == ["d1"] and store.document("nope") is None


def test_same_id_twice_is_not_added_but_source_is_kept(backend: Backend) -> None:
    store = backend.open()
    d = doc("d1", TEXT_A)
    assert store.add_document(d, analyse(d))
    d2 = doc("d1", TEXT_A, source="copy.txt")
    assert store.add_document(d2, analyse(d2)) is False
    store.add_source("d1", "again.txt")
    store.add_source("d1", "again.txt")
    assert store.count("documents") == 1
    assert store.document_rows()[0]["sources"] == ["a.txt", "again.txt", "copy.txt"]


def test_failed_write_leaves_no_partial_document(backend: Backend) -> None:
    store = backend.open()
    d = doc("d1", TEXT_A)
    analysis = analyse(d)
    analysis.events = [
        Event(id="dup", type="meeting", date=None, summary="x", evidence=[Evidence("d1", 0, 5, "x")]),
        Event(id="dup", type="meeting", date=None, summary="y"),  # primary-key clash mid-transaction
    ]
    with pytest.raises(backend.integrity_error):
        store.add_document(d, analysis)
    assert store.count("documents") == 0
    assert store.count("sentences") == 0
    assert store.count("doc_events") == 0
    assert store.search("to lam") == []
    # the store is still usable after the rollback
    assert store.add_document(d, analyse(d)) is True
    assert store.count("documents") == 1


def test_search_is_accent_insensitive(backend: Backend) -> None:
    store = backend.open()
    for d in (doc("d1", TEXT_A), doc("d2", TEXT_B)):
        store.add_document(d, analyse(d))
    hits = store.search("to lam")
    assert [h["doc"] for h in hits] == ["d1"]
    assert "Tô Lâm" in hits[0]["sentence"]
    assert TEXT_A[hits[0]["start"] : hits[0]["end"]] == hits[0]["sentence"]
    assert store.search("HARVARD")[0]["doc"] == "d2"
    assert store.search("Đại HỌC harvard")[0]["doc"] == "d2"
    assert store.search("tô lâm harvard") == []  # every term must occur
    assert store.search('"unbalanced') == []  # quotes cannot break the FTS query
    assert store.search("  ") == []


def test_needs_link_and_replace_linked(backend: Backend) -> None:
    store = backend.open()
    assert store.needs_link() is False or store.count("documents") == 0
    d1, d2 = doc("d1", TEXT_A), doc("d2", TEXT_B, source="b.txt")
    store.add_document(d1, analyse(d1))
    assert store.needs_link()
    ev = Event(id="e1", type="reception", date=None, summary="x", evidence=[Evidence("d1", 0, 5, "Tổng ")])
    store.replace_linked([], [ev], [], duplicate_of={"d1": None}, stories=[{"id": "s1", "first": None}])
    assert not store.needs_link()
    store.add_document(d2, analyse(d2))
    assert store.needs_link()
    state = b"\x00\xffopaque"
    store.replace_linked(
        [],
        [],
        [],
        duplicate_of={"d2": "d1"},
        stories=[{"id": "s2", "first": "2026-02-13"}],
        link_state={"dup": state},
    )
    assert not store.needs_link()
    assert store.events() == []
    assert [s["id"] for s in store.stories()] == ["s2"]
    assert store.link_state("dup") == state and store.link_state("other") is None
    assert [r["duplicate_of"] for r in store.document_rows()] == [None, "d1"]
    store.replace_linked([], [], [], link_state={"dup": b"new"})
    assert store.link_state("dup") == b"new"
    assert [s["id"] for s in store.stories()] == ["s2"]  # stories=None keeps them


def test_readers_see_writes_and_cannot_write(backend: Backend) -> None:
    target = backend.new_target()
    writer = open_store(target)
    d = doc("d1", TEXT_A)
    writer.add_document(d, analyse(d))
    reader = open_store(target, readonly=True)
    assert reader.document_ids() == ["d1"]
    d2 = doc("d2", TEXT_B)
    writer.add_document(d2, analyse(d2))
    assert reader.document_ids() == ["d1", "d2"]
    with pytest.raises(Exception):  # noqa: B017  (sqlite3 or psycopg: a read-only connection)
        reader.add_document(
            doc("d3", "Câu mới hoàn toàn khác."), analyse(doc("d3", "Câu mới hoàn toàn khác."))
        )
    reader.close()
    writer.close()


def test_newer_schema_is_refused(backend: Backend) -> None:
    target = backend.new_target()
    store = open_store(target)
    store._execute("UPDATE meta SET value=? WHERE key='schema_version'", (str(SCHEMA_VERSION + 1),))
    store.close()
    with pytest.raises(StoreError, match="newer biennien"):
        open_store(target)
    with pytest.raises(StoreError, match="newer biennien"):
        open_store(target, readonly=True)


def test_older_schema_is_migrated_after_a_backup(backend: Backend, monkeypatch: pytest.MonkeyPatch) -> None:
    target = backend.new_target()
    store = open_store(target)
    d = doc("d1", TEXT_A)
    store.add_document(d, analyse(d))
    store.close()
    migrations = sqlite.MIGRATIONS if backend.name == "sqlite" else postgres.MIGRATIONS
    monkeypatch.setattr(base, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    monkeypatch.setitem(migrations, SCHEMA_VERSION, "ALTER TABLE documents ADD COLUMN summary TEXT")
    with pytest.raises(StoreError, match="needs an upgrade"):
        open_store(target, readonly=True)
    store = open_store(target)
    assert store.schema_version() == SCHEMA_VERSION + 1
    assert store.document_ids() == ["d1"]
    assert store._execute("SELECT summary FROM documents").fetchone()[0] is None
    if backend.name == "sqlite":
        backup = sqlite3.connect(f"{target}.schema{SCHEMA_VERSION}.bak")
        assert backup.execute("SELECT id FROM documents").fetchall() == [("d1",)]
        backup.close()
    else:
        assert isinstance(store, postgres.PostgresStore)
        bak = store.backup_schema(SCHEMA_VERSION)
        assert store._execute(f'SELECT id FROM "{bak}".documents').fetchall() == [("d1",)]
    store.close()


def test_missing_migration_is_an_error_and_changes_nothing(
    backend: Backend, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = backend.new_target()
    open_store(target).close()
    monkeypatch.setattr(base, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(StoreError, match=f"no migration from schema {SCHEMA_VERSION}"):
        open_store(target)
    monkeypatch.setattr(base, "SCHEMA_VERSION", SCHEMA_VERSION)
    store = open_store(target)
    assert store.schema_version() == SCHEMA_VERSION
    store.close()


def test_foreign_sqlite_file_rejected(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE x(a)")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="not a biennien store"):
        Store(other)
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError):
        Store(garbage)


def test_foreign_postgres_schema_rejected(pg_url: str) -> None:
    with psycopg.connect(pg_url, autocommit=True) as con:
        con.execute("CREATE TABLE x(a int)")
    with pytest.raises(StoreError, match="not a biennien store"):
        open_store(pg_url)


def test_readonly_store_must_exist(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such store"):
        Store(tmp_path / "missing.db", readonly=True)


def test_readonly_postgres_store_must_exist(pg_server: object, pg_url: str) -> None:
    with pytest.raises(StoreError, match="empty store"):
        open_store(pg_url, readonly=True)
    missing = pg_url.rsplit("/", 1)[0] + "/no_such_database"
    with pytest.raises(StoreError, match="no such store or cannot connect"):
        open_store(missing, readonly=True)


def test_store_picks_backend_from_target(tmp_path: Path, pg_url: str) -> None:
    lite = Store(tmp_path / "c.db")
    assert isinstance(lite, sqlite.SQLiteStore)
    lite.close()
    pg = Store(pg_url)
    assert isinstance(pg, postgres.PostgresStore)
    assert pg.path == pg_url  # no password in this URL, so nothing redacted
    pg.close()
    assert postgres.redact("postgresql://u:secret@h:5/db") == "postgresql://u:***@h:5/db"


def test_build_reports_and_is_idempotent(backend: Backend) -> None:
    items: list[Document | Failure] = [
        doc("d1", TEXT_A),
        Failure("broken.txt", "empty article"),
        doc("d2", TEXT_B, source="b.txt"),
    ]
    store = backend.open()
    report = build([], store, items=items)
    assert report.added == ["d1", "d2"]
    assert [str(f) for f in report.failed] == ["broken.txt: empty article"]
    assert report.exit_code() == 0
    again = build([], store, items=[doc("d1", TEXT_A), doc("d2", TEXT_B, source="b.txt")])
    assert again.added == [] and again.skipped == ["d1", "d2"]
    assert store.count("documents") == 2


def test_build_all_failed_exits_1_and_strict_writes_nothing(backend: Backend) -> None:
    store = backend.open()
    report = build([], store, items=[Failure("x.bin", "binary file")])
    assert report.exit_code() == 1
    strict = build([], store, items=[doc("d1", TEXT_A), Failure("x.bin", "binary file")], strict=True)
    assert strict.added == [] and len(strict.failed) == 1
    assert store.count("documents") == 0


def test_export_contract_fields_and_determinism(backend: Backend) -> None:
    def make() -> dict[str, object]:
        store = backend.open()
        build([], store, items=[doc("d1", TEXT_A), doc("d2", TEXT_B, source="b.txt")])
        ev = Event(
            id="d1:e0",
            type="reception",
            date="2026-02-13TAF",
            summary="Tô Lâm tiếp Michael DeSombre",
            participants=[Participant("Tô Lâm", "agent")],
            evidence=[Evidence("d1", 0, 79, TEXT_A[:79])],
        )
        store.replace_linked([], [ev], [])
        return chronicle_dict(store)

    a = make()
    b = make()
    assert a == b
    assert a["format_version"] == 1
    docs = a["documents"]
    assert isinstance(docs, list)
    for key in ("id", "source", "reference_date", "reference_date_basis", "duplicate_of"):
        assert key in docs[0]
    events = a["events"]
    assert isinstance(events, list)
    assert events[0]["evidence"][0]["sentence"].startswith("Tổng Bí thư")
    assert events[0]["sources"] == 1


def test_mentions_by_doc_streams_every_document_in_order(backend: Backend) -> None:
    store = backend.open()
    texts = [TEXT_A, "Hôm nay trời mưa to.", TEXT_B, "Trời nắng đẹp cả ngày."]
    docs = [doc(f"d{i}", t, source=f"{i}.txt") for i, t in enumerate(texts)]
    for d in docs:
        store.add_document(d, analyse(d))
    streamed = list(store.mentions_by_doc())
    assert [doc_id for doc_id, _ in streamed] == [
        "d0",
        "d1",
        "d2",
        "d3",
    ]  # none skipped, even without mentions
    assert streamed == [(d.id, store.mentions(d.id)) for d in docs]
    assert any(ms for _, ms in streamed)


def test_mention_rows_are_in_document_and_offset_order_even_when_stored_otherwise(backend: Backend) -> None:
    """``mention_rows`` reads mentions in insertion order and sorts only when that is not the order of
    ``mentions_by_doc``: here one analysis lists its mentions backwards, with two at the same offsets."""
    store = backend.open()
    docs = [doc("d0", TEXT_A, source="0.txt"), doc("d1", TEXT_B, source="1.txt")]
    for i, d in enumerate(docs):
        a = analyse(d)
        assert a.mentions
        if i == 0:
            assert len(a.mentions) >= 2
            first = a.mentions[0]
            twin = replace(first, name=first.name + " (2)")
            a.mentions = [*reversed(a.mentions), twin]
        store.add_document(d, a)
    expected = [
        (doc_id, m.text, m.start, m.end, m.type, m.name, m.role, m.key)
        for doc_id, ms in store.mentions_by_doc()
        for m in ms
    ]
    rows = [tuple(r) for r in store.mention_rows()]
    assert rows == expected
    # the two mentions at the same offsets keep their insertion order
    names = [r[5] for r in rows if r[0] == "d0" and r[2] == first.start and r[3] == first.end]
    assert names == [first.name, first.name + " (2)"]


def test_schema_1_store_gains_the_text_index_after_a_backup(backend: Backend) -> None:
    """A store made by schema 1 (no index on the text's head) is upgraded in place when opened for writing."""
    target = backend.new_target()
    store = open_store(target)
    d = doc("d1", TEXT_A)
    store.add_document(d, analyse(d))
    store._execute("DROP INDEX documents_text_head")
    store._execute("UPDATE meta SET value='1' WHERE key='schema_version'")
    if backend.name == "postgresql":
        store.conn.commit()  # type: ignore[attr-defined]
    store.close()
    store = open_store(target)
    assert store.schema_version() == 2
    assert store.document_with_text(TEXT_A) == "d1"
    store.close()
    if backend.name == "sqlite":
        assert Path(f"{target}.schema1.bak").exists()


def test_same_text_under_an_older_id_is_not_stored_twice(tmp_path: Path) -> None:
    """Ids leave captions out; if a newer ingest draws captions differently, an article built before
    gets another id, but its stored text is the same: a rebuild adds nothing."""
    path = tmp_path / "a.txt"
    path.write_text(TEXT_A, encoding="utf-8")
    from dataclasses import replace

    from biennien.ingest.sources import iter_documents

    (ingested,) = list(iter_documents([str(path)]))
    assert isinstance(ingested, Document)
    store = Store(tmp_path / "c.db")
    # as an older version would have stored it: the same text under another id
    old = replace(ingested, id="dold00000000000000")
    store.add_document(old, analyse(old))
    again = build([str(path)], store)
    assert again.added == [] and again.skipped == ["dold00000000000000"]
    assert store.document_ids() == ["dold00000000000000"]
    store.close()


def test_schema_is_created_whole_or_not_at_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A store whose schema creation stops half way (a build killed there) holds no table, so the next
    open creates the schema; before, the tables made so far stayed and the file was refused."""
    from biennien.store import base
    from biennien.store.sqlite import SQLiteStore

    real = base.schema_sql("schema.sql")
    cut = real.index("CREATE TABLE IF NOT EXISTS sentences")
    broken = real[:cut] + "CREATE TABLE broken (,);\n" + real[cut:]
    monkeypatch.setattr(base, "schema_sql", lambda name: broken)
    path = tmp_path / "half.db"
    with pytest.raises(StoreError, match="syntax error"):
        SQLiteStore(path)
    con = sqlite3.connect(path)
    assert con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
    con.close()
    monkeypatch.setattr(base, "schema_sql", lambda name: real)
    store = SQLiteStore(path)
    assert store.schema_version() == base.SCHEMA_VERSION
    assert store.count("documents") == 0
    store.close()
