"""The packed link inputs a build keeps (``chronicle.packed_input``) carry the same values, and a link
from packed inputs gives the same reprints and stories as one from the plain inputs or from none."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from biennien.analyse import analyse
from biennien.ingest.sources import iter_documents
from biennien.link.chronicle import packed_input, prepare_link
from biennien.link.duplicates import DuplicateState, PackedParagraphs, paragraphs, update_duplicates
from biennien.link.stories import StoryState, update_stories
from biennien.model import Document

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "unc-dev"


def _docs(n: int) -> list[Document]:
    if not CORPUS.is_dir():
        pytest.skip("unc-dev corpus not available")
    files = sorted(CORPUS.rglob("*.txt"))[:n]
    return [d for d in iter_documents([str(p) for p in files]) if isinstance(d, Document)]


def test_packed_input_keeps_every_value() -> None:
    for doc in _docs(10):
        plain = prepare_link(doc, analyse(doc))
        packed = packed_input(plain)
        paras = packed.paragraphs
        assert paras.spans.tolist() == [[p.start, p.end] for p in plain.paragraphs]
        assert paras.words.tolist() == [p.words for p in plain.paragraphs]
        runs = np.split(paras.shingles, np.cumsum(paras.sizes)[:-1]) if len(paras.sizes) else []
        assert [r.tolist() for r in runs] == [p.shingles.tolist() for p in plain.paragraphs]
        assert paras.signatures is not None and np.array_equal(paras.signatures, plain.signatures)
        for got, want in zip(packed.features, plain.features, strict=True):
            assert got.tolist() == want.tolist()
        assert packed.features[0].dtype == np.int32 and packed.features[1].dtype == np.float32


def test_reprints_and_stories_from_packed_inputs_equal_computed_ones() -> None:
    docs = _docs(40)
    # a rewritten copy of an article, so some paragraphs are shared and one pair is a reprint
    first = docs[0]
    copy = Document(first.id + "x", first.source + "x", first.text.replace("Việt Nam", "VN"), first.title)
    docs.append(copy)
    inputs = {d.id: packed_input(prepare_link(d, analyse(d))) for d in docs}
    by_id = {d.id: d for d in docs}
    computed = update_duplicates(docs, DuplicateState(), by_id.get)
    packed = update_duplicates(
        docs, DuplicateState(), by_id.get, {d: p.paragraphs for d, p in inputs.items()}
    )
    assert computed.reprints == packed.reprints and computed.reprints
    for name in ("para_doc", "para_span", "para_words", "sigs", "match_a", "match_b", "match_sim"):
        assert np.array_equal(getattr(computed, name), getattr(packed, name)), name
        assert getattr(computed, name).dtype == getattr(packed, name).dtype, name
    assert np.array_equal(computed.shingle_ptr, packed.shingle_ptr)
    assert np.array_equal(computed.shingle_vals, packed.shingle_vals)
    assert computed.doc_words == packed.doc_words

    dup = computed.duplicate_of()
    plain = {d.id: prepare_link(d, analyse(d)).features for d in docs}
    a = update_stories(docs, StoryState(), duplicate_of=dup, prepared=plain)
    b = update_stories(
        docs, StoryState(), duplicate_of=dup, prepared={d: p.features for d, p in inputs.items()}
    )
    assert a.stories() == b.stories()
    assert (
        np.array_equal(a.w, b.w) and np.array_equal(a.feat, b.feat) and np.array_equal(a.actor_w, b.actor_w)
    )


def test_packed_paragraphs_of_no_paragraphs() -> None:
    doc = Document("d", "s", "Ngắn.", "")
    packed = PackedParagraphs.of(paragraphs(doc), None)
    assert packed.spans.shape == (0, 2) and len(packed.shingles) == 0


def test_stories_weighed_in_slices_equal_one_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    import biennien.link.stories as stories

    docs = _docs(30)
    whole = update_stories(docs, StoryState())
    monkeypatch.setattr(stories, "WEIGH_DOCS", 7)
    sliced = update_stories(docs, StoryState())
    assert whole.stories() == sliced.stories()
    for name in ("ptr", "feat", "w", "actor_ptr", "actor_feat", "actor_w", "df"):
        assert np.array_equal(getattr(whole, name), getattr(sliced, name)), name
