"""``duplicates.signed_paragraphs`` (what ``prepare_link`` uses) equals ``paragraphs`` + ``paragraph_signatures``:
the same paragraphs, and signatures equal in values, type, shape and memory order, hashed from the shingle
sets side by side instead of a list of them."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from biennien.ingest.sources import iter_documents
from biennien.link import duplicates
from biennien.link.duplicates import compared_text, paragraph_signatures, paragraphs, signed_paragraphs
from biennien.model import Document
from biennien.vi.normalise import analysis_text

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "unc-dev"


def _same(doc: Document) -> None:
    compared = compared_text(analysis_text(doc.text, doc.skip_spans))
    paras, sigs = signed_paragraphs(compared)
    expected = paragraphs(doc, compared)
    assert [(p.start, p.end, p.words, p.shingles.tolist()) for p in paras] == [
        (p.start, p.end, p.words, p.shingles.tolist()) for p in expected
    ]
    want = paragraph_signatures(expected)
    assert sigs.dtype == want.dtype and sigs.shape == want.shape and sigs.flags.c_contiguous
    assert np.array_equal(sigs, want)


def _doc(text: str) -> Document:
    return Document(id="d", source="s", text=text)


def test_small_documents() -> None:
    line = "Chính phủ Việt Nam vừa công bố kế hoạch mới về phát triển kinh tế số trong năm tới"
    for text in ("", "ngắn quá", line, f"{line}\n\n{line} và nhiều hơn nữa\nngắn\n{line.upper()}"):
        _same(_doc(text))


def test_chunked_path_is_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    line = "Chính phủ Việt Nam vừa công bố kế hoạch mới về phát triển kinh tế số trong năm tới"
    monkeypatch.setattr(duplicates, "_SIGNED_AT_ONCE", 5)
    _same(_doc(f"{line}\n{line} thêm vài chữ nữa cho dài"))


def test_unc_dev() -> None:
    if not CORPUS.exists():
        pytest.skip("unc-dev corpus not present")
    docs = [d for d in iter_documents([str(CORPUS)]) if isinstance(d, Document)]
    if not docs:
        pytest.skip("unc-dev corpus empty")
    for doc in docs[::4]:
        _same(doc)
