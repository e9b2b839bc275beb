"""The SQLite store: atomic documents, schema checks, search, export order."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from biennien.analyse import analyse
from biennien.build import build
from biennien.export.contract import chronicle_dict
from biennien.model import Document, Event, Evidence, Failure, Participant
from biennien.store.sqlite import SCHEMA_VERSION, Store, StoreError

TEXT_A = (
    "Tổng Bí thư Tô Lâm tiếp Trợ lý Ngoại trưởng Hoa Kỳ Michael DeSombre chiều 13-2.\n"
    "Ảnh: TTXVN\n"
    "Hai bên trao đổi về hợp tác kinh tế, thương mại và khoa học công nghệ."
)
TEXT_B = "Đại học Harvard công bố lợi nhuận đầu tư là 7,3% trong năm tài chính vừa qua."


def doc(doc_id: str, text: str, source: str = "a.txt", **kw: object) -> Document:
    return Document(id=doc_id, source=source, text=text, reference_date="2026-02-14", **kw)  # type: ignore[arg-type]


def test_document_and_analysis_are_stored_and_read_back(tmp_path: Path) -> None:
    store = Store(tmp_path / "c.db")
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


def test_same_id_twice_is_not_added_but_source_is_kept(tmp_path: Path) -> None:
    store = Store(tmp_path / "c.db")
    d = doc("d1", TEXT_A)
    assert store.add_document(d, analyse(d))
    d2 = doc("d1", TEXT_A, source="copy.txt")
    assert store.add_document(d2, analyse(d2)) is False
    assert store.count("documents") == 1
    assert store.document_rows()[0]["sources"] == ["a.txt", "copy.txt"]


def test_failed_write_leaves_no_partial_document(tmp_path: Path) -> None:
    store = Store(tmp_path / "c.db")
    d = doc("d1", TEXT_A)
    analysis = analyse(d)
    analysis.events = [
        Event(id="dup", type="meeting", date=None, summary="x", evidence=[Evidence("d1", 0, 5, "x")]),
        Event(id="dup", type="meeting", date=None, summary="y"),  # primary-key clash mid-transaction
    ]
    with pytest.raises(sqlite3.IntegrityError):
        store.add_document(d, analysis)
    assert store.count("documents") == 0
    assert store.count("sentences") == 0
    assert store.count("doc_events") == 0


def test_search_is_accent_insensitive(tmp_path: Path) -> None:
    store = Store(tmp_path / "c.db")
    for d in (doc("d1", TEXT_A), doc("d2", TEXT_B)):
        store.add_document(d, analyse(d))
    hits = store.search("to lam")
    assert [h["doc"] for h in hits] == ["d1"]
    assert "Tô Lâm" in hits[0]["sentence"]
    assert store.search("HARVARD")[0]["doc"] == "d2"
    assert store.search('"unbalanced') == []  # quotes cannot break the FTS query


def test_newer_schema_is_refused_and_foreign_file_rejected(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    Store(path).close()
    con = sqlite3.connect(path)
    con.execute("UPDATE meta SET value=? WHERE key='schema_version'", (str(SCHEMA_VERSION + 1),))
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="newer biennien"):
        Store(path)
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


def test_readonly_store_must_exist(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such store"):
        Store(tmp_path / "missing.db", readonly=True)


def test_build_reports_and_is_idempotent(tmp_path: Path) -> None:
    items: list[Document | Failure] = [
        doc("d1", TEXT_A),
        Failure("broken.txt", "empty article"),
        doc("d2", TEXT_B, source="b.txt"),
    ]
    store = Store(tmp_path / "c.db")
    report = build([], store, items=items)
    assert report.added == ["d1", "d2"]
    assert [str(f) for f in report.failed] == ["broken.txt: empty article"]
    assert report.exit_code() == 0
    again = build([], store, items=[doc("d1", TEXT_A), doc("d2", TEXT_B, source="b.txt")])
    assert again.added == [] and again.skipped == ["d1", "d2"]
    assert store.count("documents") == 2


def test_build_all_failed_exits_1_and_strict_writes_nothing(tmp_path: Path) -> None:
    store = Store(tmp_path / "c.db")
    report = build([], store, items=[Failure("x.bin", "binary file")])
    assert report.exit_code() == 1
    strict = build([], store, items=[doc("d1", TEXT_A), Failure("x.bin", "binary file")], strict=True)
    assert strict.added == [] and len(strict.failed) == 1
    assert store.count("documents") == 0


def test_export_contract_fields_and_determinism(tmp_path: Path) -> None:
    def make(path: Path) -> dict[str, object]:
        store = Store(path)
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

    a = make(tmp_path / "a.db")
    b = make(tmp_path / "b.db")
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
