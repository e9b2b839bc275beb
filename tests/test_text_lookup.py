"""``Store.document_with_text`` finds a stored text by the index on its head, not by scanning the table.

The build asks this for every new article, so a scan makes a build quadratic in
the store's size.  SQLite's planner once dropped the index when the full text was
compared in the same query; the plan is checked here, and so is the answer when
several stored texts share the same head.
"""

from __future__ import annotations

from pathlib import Path

from biennien.analyse import analyse
from biennien.model import Document
from biennien.store.sqlite import Store

HEAD = "Chiều 13-2, Thủ tướng đã có cuộc hội đàm với Tổng thống tại Nhà Trắng, hai bên nhất trí " * 2


def _doc(doc_id: str, text: str) -> Document:
    return Document(id=doc_id, source=f"{doc_id}.txt", text=text)


def test_lookup_uses_the_head_index(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.db")
    calls: list[str] = []
    store.conn.set_trace_callback(calls.append)
    store.document_with_text("Một văn bản chưa có trong kho.")
    store.conn.set_trace_callback(None)
    (query,) = [c for c in calls if "substr(text" in c]
    plan = " ".join(str(tuple(r)) for r in store.conn.execute("EXPLAIN QUERY PLAN " + query))
    assert "documents_text_head" in plan, plan
    store.close()


def test_texts_sharing_a_head_are_told_apart(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.db")
    first = HEAD + "và ký ba văn kiện hợp tác."
    second = HEAD + "và ra tuyên bố chung về thương mại."
    for doc_id, text in (("d1", first), ("d2", second)):
        d = _doc(doc_id, text)
        store.add_document(d, analyse(d))
    assert first[:120] == second[:120]
    assert store.document_with_text(second) == "d2"
    assert store.document_with_text(first) == "d1"
    assert store.document_with_text(HEAD + "và không ký gì.") is None
    store.close()
