"""``PackedParagraphs.of`` (what ``packed_input`` uses: the spans from one flat list, the shingles cast as
they are concatenated) equals the plain packing it replaced: the same arrays, types and shapes, on unc-dev's
link inputs and on paragraphs with out-of-range values."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from biennien.analyse.pipeline import analyse
from biennien.ingest.sources import iter_documents
from biennien.link.chronicle import prepare_link
from biennien.link.duplicates import PackedParagraphs, Paragraph
from biennien.model import Document

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "unc-dev"


def _plain_of(paras: list[Paragraph], signatures: np.ndarray) -> PackedParagraphs:
    """The packing as it was written first: a pair list of spans, a 64-bit concatenation cast after."""
    count = len(paras)
    return PackedParagraphs(
        np.array([(p.start, p.end) for p in paras], dtype=np.int32).reshape(count, 2),
        np.array([p.words for p in paras], dtype=np.int32),
        np.array([len(p.shingles) for p in paras], dtype=np.int32),
        np.concatenate([p.shingles for p in paras]).astype(np.uint32)
        if count
        else np.zeros(0, dtype=np.uint32),
        signatures,
    )


def _same(a: PackedParagraphs, b: PackedParagraphs) -> None:
    for name in ("spans", "words", "sizes", "shingles", "signatures"):
        x, y = getattr(a, name), getattr(b, name)
        assert x.dtype == y.dtype and x.shape == y.shape and np.array_equal(x, y), name


def test_odd_values_pack_alike() -> None:
    big = np.array([0, 1, (1 << 32) - 1, (1 << 40) + 5], dtype=np.uint64)
    paras = [Paragraph(3, 90, 12, big), Paragraph(100, 180, 9, np.array([7], dtype=np.uint64))]
    sigs = np.zeros((2, 64), dtype=np.uint16)
    _same(PackedParagraphs.of(paras, sigs), _plain_of(paras, sigs))
    empty = np.zeros((0, 64), dtype=np.uint16)
    _same(PackedParagraphs.of([], empty), _plain_of([], empty))


def test_unc_dev_packs_alike() -> None:
    if not CORPUS.exists():
        pytest.skip("unc-dev corpus not present")
    docs = [d for d in iter_documents([str(CORPUS)]) if isinstance(d, Document)][::25]
    if not docs:
        pytest.skip("unc-dev corpus empty")
    for doc in docs:
        link_input = prepare_link(doc, analyse(doc))
        got = PackedParagraphs.of(link_input.paragraphs, link_input.signatures)
        _same(got, _plain_of(link_input.paragraphs, link_input.signatures))
