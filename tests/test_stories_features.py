"""``hashed_features`` equals hashing ``doc_features`` with ``bucket``, on real articles with their analysis."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from biennien.analyse.pipeline import analyse
from biennien.ingest.sources import iter_documents
from biennien.link.stories_features import ACTOR_TYPES, bucket, doc_features, entity_feature, hashed_features
from biennien.model import Document, Event

UNC_DEV = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "unc-dev"


def _expected(
    doc: Document, keys: list[str], events: list[Event]
) -> tuple[list[int], list[float], list[int]]:
    sums: dict[int, float] = {}
    for feature, count in doc_features(doc, keys, events).items():
        b = bucket(feature)
        sums[b] = sums.get(b, 0.0) + count
    actors = sorted({bucket(f) for f in map(entity_feature, keys) if f[2:].startswith(ACTOR_TYPES)})
    return sorted(sums), [sums[b] for b in sorted(sums)], actors


def test_hashed_features_equal_the_named_features_on_real_articles() -> None:
    if not UNC_DEV.is_dir():
        pytest.skip("unc-dev corpus not available")
    docs = [d for d in iter_documents([str(UNC_DEV)]) if isinstance(d, Document)][:150]
    with_events = 0
    for doc in docs:
        analysis = analyse(doc)
        keys = sorted({m.key or m.name for m in analysis.mentions})
        events = [e for e in analysis.events if e.evidence and e.evidence[0].doc == doc.id]
        with_events += bool(events)
        feats, counts, actors = hashed_features(doc, keys, events)
        want_feats, want_counts, want_actors = _expected(doc, keys, events)
        assert feats.dtype == np.int64 and counts.dtype == np.float64
        assert feats.tolist() == want_feats, doc.id
        assert counts.tolist() == want_counts, doc.id
        assert actors.tolist() == want_actors, doc.id
    assert with_events > 10


def test_an_empty_document_has_no_features() -> None:
    feats, counts, actors = hashed_features(Document(id="x", source="x", text=""))
    assert len(feats) == len(counts) == len(actors) == 0
