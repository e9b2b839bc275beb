"""The unc-dev corpus (real Dân Trí articles), when present: headers, outlet, no failures."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from biennien.ingest import iter_documents
from biennien.model import Document, Failure

UNC = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "unc-dev"


def _sample(n: int) -> list[Document | Failure]:
    if not UNC.is_dir():
        pytest.skip("../shared/corpora/unc-dev not present")
    return list(itertools.islice(iter_documents([str(UNC)]), n))


def test_unc_headers_become_metadata() -> None:
    items = _sample(200)
    docs = [d for d in items if isinstance(d, Document)]
    assert len(docs) == len(items) == 200
    for d in docs:
        assert not d.text.startswith("#")
        assert d.reference_date_basis == "metadata"
        assert d.reference_date == f"{d.meta['date'][:4]}-{d.meta['date'][4:6]}-{d.meta['date'][6:8]}"
        assert d.outlet == "Dân trí" and d.url and d.url.startswith("https://dantri.com.vn/")
        assert "README" not in d.source


def test_unc_ids_are_unique_and_stable() -> None:
    first = [d.id for d in _sample(100) if isinstance(d, Document)]
    again = [d.id for d in _sample(100) if isinstance(d, Document)]
    assert first == again and len(set(first)) == len(first)


def test_unc_captions_are_skipped_but_body_stays() -> None:
    docs = [d for d in _sample(400) if isinstance(d, Document)]
    with_caption = [d for d in docs if any("Ảnh" in d.text[s:e] for s, e in d.skip_spans)]
    assert with_caption, "some Dân trí articles carry '(Ảnh: ...)' captions"
    for d in docs:
        skipped = sum(e - s for s, e in d.skip_spans)
        assert skipped < len(d.text) * 0.5, d.source  # furniture never swallows most of an article
