"""Link states stored in parts (``link.state_parts``): after an addition only the blocks that changed are
written, and ``Store.link_state`` gives back the whole state, on both backends."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import pg_server as pg
from biennien.link import state_parts
from biennien.link.duplicates import DuplicateState
from biennien.link.state_parts import dump_parts, load_parts
from biennien.store import open_store
from biennien.store.base import Store
from test_store import Backend
from test_store import backend as backend  # the fixture: every test on both backends

pg_server = pg.pg_server
pg_url = pg.pg_url


def _parts(store: Store) -> dict[str, bytes]:
    return {r[0]: bytes(r[1]) for r in store._execute("SELECT name, data FROM link_state")}


def test_only_changed_blocks_are_written_and_the_state_reads_back_whole(
    backend: Backend, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(state_parts, "BLOCK_ROWS", 4)
    store = backend.open()
    rows = np.arange(10, dtype=np.int32)
    sigs = np.arange(20, dtype=np.uint16).reshape(10, 2)
    store.replace_linked(
        [], [], [], link_state={"dup": dump_parts({"n": 1}, {"rows": rows, "sigs": sigs}, {})}
    )
    first = _parts(store)
    assert sorted(first) == ["dup", *(f"dup#{a}.{k:06d}" for a in ("rows", "sigs") for k in range(3))]
    head, arrays = load_parts(store.link_state("dup") or b"")
    assert head == {"n": 1}
    assert arrays["rows"].tolist() == rows.tolist() and arrays["sigs"].tolist() == sigs.tolist()
    assert arrays["sigs"].dtype == np.uint16 and arrays["sigs"].shape == (10, 2)

    # five rows appended: blocks 0 and 1 were complete when loaded and are not given again
    more = np.concatenate([rows, np.arange(100, 105, dtype=np.int32)])
    parts = dump_parts({"n": 2}, {"rows": more, "sigs": sigs}, {"rows": 10, "sigs": 10})
    assert [k for k, v in sorted(parts.parts.items()) if v is None] == [
        "rows.000000",
        "rows.000001",
        "sigs.000000",
        "sigs.000001",
    ]
    store.replace_linked([], [], [], link_state={"dup": parts})
    second = _parts(store)
    assert second["dup#rows.000000"] == first["dup#rows.000000"]
    assert "dup#rows.000003" in second
    head, arrays = load_parts(store.link_state("dup") or b"")
    assert head == {"n": 2} and arrays["rows"].tolist() == more.tolist()

    # a smaller state written afresh drops the parts it no longer has; whole bytes drop them all
    store.replace_linked([], [], [], link_state={"dup": dump_parts({}, {"rows": rows[:3]}, {})})
    assert sorted(_parts(store)) == ["dup", "dup#rows.000000"]
    assert load_parts(store.link_state("dup") or b"")[1]["rows"].tolist() == [0, 1, 2]
    store.replace_linked([], [], [], link_state={"dup": b"whole"})
    assert _parts(store) == {"dup": b"whole"}
    assert store.link_state("dup") == b"whole"


def test_a_duplicate_state_in_parts_equals_the_one_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(state_parts, "BLOCK_ROWS", 2)
    state = DuplicateState(docs=["a", "b"], doc_index={"a": 0, "b": 1}, doc_words=[9, 8], doc_date=["", ""])
    state.para_doc = np.array([0, 0, 1], dtype=np.int32)
    state.para_span = np.array([[0, 5], [6, 9], [0, 4]], dtype=np.int32)
    state.para_words = np.array([3, 3, 8], dtype=np.int32)
    state.sigs = np.arange(3 * 64, dtype=np.uint16).reshape(3, 64)
    state.reprints = {("a", "b")}
    store = open_store(tmp_path / "s.db")
    store.replace_linked([], [], [], link_state={"duplicates": state.dump_parts()})
    back = DuplicateState.loads(store.link_state("duplicates"))
    assert back.docs == state.docs and back.reprints == state.reprints
    assert back.sigs.tolist() == state.sigs.tolist() and back.para_span.tolist() == state.para_span.tolist()
    assert back.match_a.dtype == np.int32 and len(back.match_a) == 0
    assert {k: back.stored[k] for k in ("para_doc", "sigs", "match_a")} == {
        "para_doc": 3,
        "sigs": 3,
        "match_a": 0,
    }
    assert DuplicateState.loads(state.dumps()).sigs.tolist() == state.sigs.tolist()


def test_the_shingles_are_stored_apart_and_must_match_the_state(tmp_path: Path) -> None:
    state = DuplicateState(docs=["a"], doc_index={"a": 0}, doc_words=[9], doc_date=[""])
    state.para_doc = np.array([0, 0], dtype=np.int32)
    state.para_span = np.array([[0, 5], [6, 9]], dtype=np.int32)
    state.para_words = np.array([8, 9], dtype=np.int32)
    state.sigs = np.zeros((2, 64), dtype=np.uint16)
    state.shingle_ptr = np.array([0, 3, 5], dtype=np.int64)
    state.shingle_vals = np.array([7, 8, 9, 1, 2], dtype=np.uint32)
    store = open_store(tmp_path / "s.db")
    store.replace_linked(
        [],
        [],
        [],
        link_state={"duplicates": state.dump_parts(), "duplicates-shingles": state.dump_shingles()},
    )
    readers = DuplicateState.loads(store.link_state("duplicates"))  # as the export and the web read it
    assert readers.docs == ["a"] and len(readers.shingle_vals) == 0
    assert readers.load_shingles(store.link_state("duplicates-shingles"))
    assert readers.shingle_vals.tolist() == [7, 8, 9, 1, 2] and readers.shingle_ptr.tolist() == [0, 3, 5]
    # shingles of another state (one paragraph more) are refused, and so is a missing blob
    state.para_doc = np.array([0, 0, 0], dtype=np.int32)
    other = DuplicateState.loads(store.link_state("duplicates"))
    other.para_doc = state.para_doc
    assert not other.load_shingles(store.link_state("duplicates-shingles"))
    assert not DuplicateState.loads(store.link_state("duplicates")).load_shingles(None)
