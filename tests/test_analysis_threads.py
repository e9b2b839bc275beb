"""Analysis stays a pure function when several threads run it at once (a Dask worker runs several
analyses in threads) and when the module-level caches of session 6 see texts that share their hash.

Session 6 added caches keyed by text (``timex_lower.lowered``) and moved more reads onto the entity
tables built at first use (``_NEXT``, ``_OPEN_STARTERS``).  The threaded check runs in a fresh
interpreter so the tables and caches are cold when 16 threads start together; every document's
analysis must equal the one made afterwards in a single thread.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from biennien.analyse.timex_lower import lowered

ROOT = Path(__file__).resolve().parent.parent
UNC_DEV = ROOT.parent / "shared" / "corpora" / "unc-dev"

_SCRIPT = r"""
import json, sys, threading
from biennien.build import analyse_for_link
from biennien.ingest.sources import iter_documents
from biennien.model import Document, plain
import numpy as np

def canon(doc):
    analysis, link_input = analyse_for_link(doc)
    def js(v):
        if isinstance(v, np.ndarray):
            return [str(v.dtype), v.tolist()]
        if isinstance(v, np.generic):
            return v.item()
        if hasattr(v, "__dataclass_fields__"):
            return {k: js(getattr(v, k)) for k in v.__dataclass_fields__}
        if isinstance(v, dict):
            return {str(k): js(x) for k, x in v.items()}
        if isinstance(v, (list, tuple)):
            return [js(x) for x in v]
        if isinstance(v, (set, frozenset)):
            return sorted(js(x) for x in v)
        return v
    return json.dumps([plain(analysis), js(link_input)], ensure_ascii=False, sort_keys=True)

folder, count, rounds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
docs = [d for d in iter_documents([folder]) if isinstance(d, Document)][:count]
# two documents alternate in every thread as well: the caches keyed by text see them in turn
pair = docs[:2]
sys.setswitchinterval(1e-6)
threads = 16
bar = threading.Barrier(threads)
got = {}
errors = []

def run(k):
    bar.wait()
    try:
        mine = docs[k::threads] + [pair[(k + r) % 2] for r in range(rounds)]
        got[k] = [(d.id, canon(d)) for d in mine]
    except Exception as e:  # noqa: BLE001
        errors.append(repr(e))

ts = [threading.Thread(target=run, args=(k,)) for k in range(threads)]
for t in ts:
    t.start()
for t in ts:
    t.join()
serial = {d.id: canon(d) for d in docs}
differ = sorted({i for rows in got.values() for i, c in rows if c != serial[i]})
print(json.dumps({"errors": errors, "differ": differ, "checked": sum(len(r) for r in got.values())}))
"""


def test_sixteen_threads_from_cold_caches_give_the_serial_analysis() -> None:
    if not UNC_DEV.is_dir():
        pytest.skip("unc-dev corpus not available")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT, str(UNC_DEV), "48", "4"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["errors"] == []
    assert result["differ"] == []
    assert result["checked"] == 48 + 16 * 4


class _SameHash(str):
    """A text whose hash is the same as every other's: a cache keyed by hash alone would mix them."""

    def __hash__(self) -> int:
        return 7


def test_lowered_tells_texts_with_one_hash_apart() -> None:
    a = _SameHash("Ngày 3/4, Bộ Y tế CHO BIẾT")
    b = _SameHash("HÀ NỘI: ngày 5/6, ông Nguyễn Văn A")
    for _ in range(3):  # alternating, so each finds the other in the cache
        assert lowered(a) == str.lower(a)
        assert lowered(b) == str.lower(b)


def test_lowered_is_lower_for_letters_whose_lower_case_is_longer() -> None:
    # "İ" lowers to two code points: the callers test the length and fall back on their own
    text = "Ông İnan và ΣΊΣΥΦΟΣ ở HÀ NỘI"
    assert lowered(text) == text.lower()
    assert len(lowered(text)) != len(text)


def test_threads_that_ask_together_get_one_quantity_tables() -> None:
    # quantity._phrase_end reads ``tables().last_words[id(vocab)]`` with ``vocab`` from the caller's
    # tables: two instances made by two threads at once were a KeyError inside analyse
    import threading

    from biennien.analyse import quantity_tables

    quantity_tables.tables.cache_clear()
    builder = getattr(quantity_tables, "_build", None)
    if builder is not None:
        builder.cache_clear()
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        bar = threading.Barrier(16)
        got: list[object] = []

        def ask() -> None:
            bar.wait()
            got.append(quantity_tables.tables())

        ts = [threading.Thread(target=ask) for _ in range(16)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
    finally:
        sys.setswitchinterval(old)
    assert len(got) == 16
    assert len({id(t) for t in got}) == 1
    assert quantity_tables.tables() is got[0]


def test_facts_longest_phrase_is_memoised_by_vocabulary_not_by_id() -> None:
    # an id is reused once its object is freed: a memo keyed by id gave a new vocabulary the
    # length of a dropped one
    from biennien.analyse import facts

    for k in range(50):
        long = frozenset({f"một hai ba bốn {k}"})
        assert facts._longest(long) == 5
        del long
        short = frozenset({f"x{k}"})
        assert facts._longest(short) == 1
