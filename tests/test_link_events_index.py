"""The candidate index of ``merge_events`` only skips clusters ``_fits`` would refuse.

It narrows candidates by year and month, then to clusters sharing a person
or a summary word with the report.  On real events (unc-dev and the seeds,
skipped when absent) the merged timeline must be exactly what a full scan
of every cluster gives, ids and order included.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from biennien.analyse.pipeline import analyse
from biennien.ingest.sources import iter_documents
from biennien.link import events as link_events
from biennien.model import Document, Event, plain

SHARED = Path(__file__).resolve().parents[2] / "shared"


def _events(paths: list[Path]) -> tuple[list[Event], dict[str, str | None]]:
    events: list[Event] = []
    dates: dict[str, str | None] = {}
    for doc in iter_documents([str(p) for p in paths]):
        if isinstance(doc, Document):
            dates[doc.id] = doc.reference_date
            events.extend(analyse(doc).events)
    return events, dates


class _FullScan(link_events._ClusterIndex):
    """Every cluster made so far is a candidate."""

    def __init__(self) -> None:
        super().__init__()
        self.made: set[int] = set()

    def add(self, n: int, cl: link_events._Cluster, date: link_events._Date | None) -> None:
        super().add(n, cl, date)
        self.made.add(n)

    def related(self, people: set[str], words: frozenset[str]) -> set[int]:
        return set(self.made)

    def candidates(self, date: link_events._Date | None, docs: set[str], ref_years: object = ()) -> list[int]:
        return sorted(self.made)


def test_index_gives_the_full_scan_result(monkeypatch: pytest.MonkeyPatch) -> None:
    paths = sorted((SHARED / "corpora" / "unc-dev").glob("news_*.txt"))[::8] + sorted(
        (SHARED / "seeds").glob("*.txt")
    )
    if len(paths) < 50:
        pytest.skip("../shared corpora not available")
    events, dates = _events(paths)
    indexed = link_events.merge_events(events, doc_dates=dates)
    monkeypatch.setattr(link_events, "_ClusterIndex", _FullScan)
    scanned = link_events.merge_events(events, doc_dates=dates)
    assert len(indexed) < len(events)  # some reports did merge
    assert [plain(e) for e in indexed] == [plain(e) for e in scanned]
