"""Incremental linking of entities, events and facts gives exactly what a full link gives.

After a first build, adding articles re-merges only the entities, events and
facts the new articles can change (``link.incremental``).  On real articles
(the seeds split 3 + 2, and a mix of unc-dev articles in several rounds; each
skipped when absent) the export after adding must be equal to the export of
the same store with entities, events and facts linked again from every
per-document row, which is what a link without the incremental state does
(and what every link did before).  Also on PostgreSQL, whose export must be the
same bytes as SQLite's.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import pg_server as pg
from biennien.build import build
from biennien.export.contract import chronicle_dict
from biennien.link.chronicle import link_store
from biennien.link.incremental import STATE_NAME, LinkedState, closure, report
from biennien.model import Event, Evidence, Participant
from biennien.store import open_store
from biennien.store.base import Store

pg_server = pg.pg_server
pg_url = pg.pg_url

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "seeds"
UNC_DEV = SHARED / "corpora" / "unc-dev"


def _seeds() -> list[Path]:
    files = sorted(SEEDS.glob("*.txt")) if SEEDS.is_dir() else []
    if len(files) < 5:
        pytest.skip(f"{SEEDS} not present")
    return files


def _unc(step: int, n: int) -> list[Path]:
    files = sorted(UNC_DEV.glob("*.txt")) if UNC_DEV.is_dir() else []
    if len(files) < step * n:
        pytest.skip("unc-dev corpus not available")
    return files[::step][:n]


LINKED_TABLES = ("entities", "entity_mentions", "events", "event_participants", "facts", "stories")


def _export(store: Store) -> str:
    """The JSON export, and every row of the linked tables (the web and CLI read their columns, such as
    the source counts, which the export computes afresh)."""
    tables = {
        t: sorted(json.dumps(list(r), ensure_ascii=False) for r in store._execute(f"SELECT * FROM {t}"))
        for t in LINKED_TABLES
    }
    return json.dumps([chronicle_dict(store), tables], ensure_ascii=False, sort_keys=True)


def _relinked(store: Store) -> str:
    """The export after entities, events and facts are linked again from every per-document row."""
    store._execute("DELETE FROM link_state WHERE name = ?", (STATE_NAME,))
    report = link_store(store)
    assert not report.incremental
    return _export(store)


def _add_in_rounds(store: Store, rounds: list[list[Path]]) -> list[bool]:
    """Build the first round, add the others; whether each added round was linked incrementally."""
    flags = []
    for i, paths in enumerate(rounds):
        rep = build([str(p) for p in paths], store, workers=1)
        assert rep.link is not None and len(rep.added) == len(paths)
        if i:
            flags.append(rep.link.incremental)
    return flags


def test_adding_two_seeds_to_three_equals_a_full_link(tmp_path: Path) -> None:
    files = _seeds()
    with open_store(tmp_path / "s.db") as store:
        assert _add_in_rounds(store, [files[:3], files[3:]]) == [True]
        added = _export(store)
        assert added == _relinked(store)
    data = json.loads(added)[0]
    assert data["events"] and data["entities"] and data["facts"]
    # the two later seeds joined events and entities of the first three (the same story)
    first = {f"{d['id']}" for d in data["documents"][:3]}
    assert any(
        {e["doc"] for e in ev["evidence"]} & first and {e["doc"] for e in ev["evidence"]} - first
        for ev in data["events"]
    )


def test_adding_articles_in_rounds_equals_a_full_link(tmp_path: Path) -> None:
    files = _unc(12, 120)  # every 12th article: all sections, many shared names, dates and figures
    with open_store(tmp_path / "u.db") as store:
        flags = _add_in_rounds(store, [files[:80], files[80:100], files[100:101], files[101:]])
        assert flags == [True, True, True]
        assert _export(store) == _relinked(store)


def test_a_fuller_reprint_of_an_older_article_equals_a_full_link(tmp_path: Path) -> None:
    """A new article that is an older one plus a line becomes the text the older one reprints: the older
    article's reprint mark changes, and so does the source count of its events and facts."""
    files = _unc(12, 60)
    fuller = tmp_path / "fuller"
    fuller.mkdir()
    for i, p in enumerate(files[:10]):
        text = p.read_text(encoding="utf-8") + f"\nBài viết được cập nhật lần thứ {i + 2} vào buổi chiều.\n"
        (fuller / p.name).write_text(text, encoding="utf-8")
    with open_store(tmp_path / "r.db") as store:
        build([str(p) for p in files], store, workers=1)
        before = store.duplicate_marks()
        rep = build([str(fuller)], store, workers=1)
        assert rep.link is not None and rep.link.incremental and len(rep.added) == 10
        after = store.duplicate_marks()
        assert any(before[d] != after[d] for d in before)  # an older article now reprints a new one
        assert _export(store) == _relinked(store)


def test_a_store_without_the_state_is_linked_fully_then_incrementally(tmp_path: Path) -> None:
    files = _seeds()
    with open_store(tmp_path / "s.db") as store:
        build([str(p) for p in files[:2]], store, workers=1)
        store._execute("DELETE FROM link_state WHERE name = ?", (STATE_NAME,))  # as a store linked before
        rep = build([str(p) for p in files[2:4]], store, workers=1)
        assert rep.link is not None and not rep.link.incremental
        assert LinkedState.loads(store.link_state(STATE_NAME)) is not None
        rep = build([str(files[4])], store, workers=1)
        assert rep.link is not None and rep.link.incremental
        assert _export(store) == _relinked(store)


def test_postgres_adds_incrementally_with_the_same_export_as_sqlite(tmp_path: Path, pg_url: str) -> None:
    files = _seeds()
    outputs = []
    for target in (str(tmp_path / "s.db"), pg_url):
        with open_store(target) as store:
            assert _add_in_rounds(store, [files[:3], files[3:]]) == [True]
            outputs.append(_export(store))
            assert outputs[-1] == _relinked(store)
    assert outputs[0] == outputs[1]


def _event(eid: str, doc: str, date: str | None, people: list[str], summary: str) -> Event:
    return Event(
        id=eid,
        type="meeting",
        date=date,
        summary=summary,
        trigger="gặp",
        participants=[Participant(p, "agent", f"PER:{p.lower()}") for p in people],
        evidence=[Evidence(doc, 0, 10, summary)],
    )


def test_the_event_closure_follows_dates_people_and_documents() -> None:
    reports = {
        ev.id: report(ev)
        for ev in [
            _event("a", "d1", "2024-03-05", ["An"], "An gặp Bình tại Hà Nội"),
            _event("b", "d2", "2024-03", ["An"], "An gặp đối tác"),  # same month, same person
            _event("c", "d3", "2024-04-01", ["An"], "An gặp đối tác"),  # another month
            _event("d", "d3", None, [], "cuộc gặp diễn ra"),  # undated, same document as c
            _event("e", "d4", None, ["An"], "An gặp đối tác"),  # undated, the same people as a
            _event("f", "d5", "2023-03-05", ["An"], "An gặp Bình tại Hà Nội"),  # another year
        ]
    }
    # a pulls b (dates agree, same person) and e (undated, names all of a's people); e pulls every
    # report whose people are among its own (c, f, whatever their dates); d names nobody and is
    # undated, so it joins only undated reports of its document, and is pulled by nobody
    assert closure(reports, ["a"]) == {"a", "b", "c", "e", "f"}
    assert closure(reports, ["c"]) == {"a", "b", "c", "e", "f"}
    assert closure(reports, ["d"]) == {"d"}
    del reports["e"]
    assert closure(reports, ["a"]) == {"a", "b"}
    assert closure(reports, ["c"]) == {"c"}
    assert closure(reports, ["f"]) == {"f"}


def test_copying_a_store_keeps_its_link_state(tmp_path: Path) -> None:
    files = _seeds()
    with open_store(tmp_path / "a.db") as store:
        build([str(p) for p in files[:3]], store, workers=1)
    shutil.copy(tmp_path / "a.db", tmp_path / "b.db")
    with open_store(tmp_path / "b.db") as store:
        rep = build([str(p) for p in files[3:]], store, workers=1)
        assert rep.link is not None and rep.link.incremental


def test_a_state_made_by_pool_workers_links_incrementally_like_a_full_link(tmp_path: Path) -> None:
    """A build with a pool merges entities, events and facts in its workers, which send back their part
    of the state already pickled; the next link reads that state and must give a full link's result,
    and the first link the same rows as a build without a pool."""
    files = _unc(12, 60)
    with open_store(tmp_path / "pool.db") as pooled, open_store(tmp_path / "one.db") as single:
        rep = build([str(p) for p in files[:50]], pooled, workers=2)
        assert rep.link is not None and not rep.link.incremental
        build([str(p) for p in files[:50]], single, workers=1)
        assert _export(pooled) == _export(single)
        rep = build([str(p) for p in files[50:]], pooled, workers=2)
        assert rep.link is not None and rep.link.incremental
        assert _export(pooled) == _relinked(pooled)
