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
        assert packed.features[0].dtype == np.int32 and packed.features[1].dtype.itemsize <= 4


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


def test_title_source_gives_the_same_story_title() -> None:
    from biennien.link.stories import _title, title_source

    texts = [
        "Ngắn\n\n  Hà Nội mưa lớn kéo dài suốt đêm qua  \nĐoạn hai có đủ bốn chữ.",
        "Một hai ba\nbốn\n",
        "",
        "  \n" + "Tiêu đề rất dài " * 20 + "\nthân bài",
        "Dòng đầu có đủ bốn chữ\nDòng sau",
    ]
    for doc in _docs(20):
        texts.append(doc.text)
    for text in texts:
        whole = Document("d1", "s", text, None)
        head = Document("d1", "s", title_source(text), None)
        assert _title(head) == _title(whole)


def test_a_consumed_input_mapping_is_emptied(tmp_path: Path) -> None:
    from biennien.link.chronicle import link_store
    from biennien.store.rows import doc_rows
    from biennien.store.sqlite import Store

    docs = _docs(6)
    store = Store(tmp_path / "x.db")
    store.add_documents([(d, doc_rows(d, analyse(d))) for d in docs])
    prepared = {d.id: packed_input(prepare_link(d, analyse(d))) for d in docs}
    report = link_store(store, prepared, consume=True)
    assert prepared == {} and report.entities > 0


def test_mention_rows_share_their_strings_and_pickle_as_plain_groups(tmp_path: Path) -> None:
    """The entity part pickles its groups as they are: the same bytes as ``plain_groups`` gives."""
    import pickle

    from biennien.link.entities import group_rows
    from biennien.link.incremental import plain_groups
    from biennien.store.rows import doc_rows
    from biennien.store.sqlite import Store

    docs = _docs(12)
    store = Store(tmp_path / "x.db")
    store.add_documents([(d, doc_rows(d, analyse(d))) for d in docs])
    rows = store.mention_rows()
    assert len(rows) > 50
    by_value: dict[str, int] = {}
    for row in rows:
        for value in (row[0], row[4], row[7]):
            if value is not None:
                assert by_value.setdefault(value, id(value)) == id(value)
    groups = group_rows(rows)
    proto = pickle.HIGHEST_PROTOCOL
    assert pickle.dumps(list(groups.items()), protocol=proto) == pickle.dumps(
        plain_groups(groups, {}), protocol=proto
    )


def test_narrowed_counts_keep_their_values() -> None:
    from biennien.link.chronicle import _narrow_counts

    for values, dtype in [
        ([1.0, 2.0, 255.0], np.uint8),
        ([1.0, 300.0], np.uint16),
        ([70000.0], np.float32),
        ([0.5, 3.0], np.float32),
        ([1e300], np.float64),
        ([], np.uint8),
    ]:
        sums = np.array(values, dtype=np.float64)
        got = _narrow_counts(sums)
        assert got.dtype == dtype and got.astype(np.float64).tolist() == sums.tolist()


def test_a_pickled_packed_input_comes_back_equal() -> None:
    import pickle

    for doc in _docs(8) + [Document("e", "s", "Ngắn.", "")]:
        packed = packed_input(prepare_link(doc, analyse(doc)))
        back = pickle.loads(pickle.dumps(packed, protocol=pickle.HIGHEST_PROTOCOL))
        for got, want in zip(back._arrays(), packed._arrays(), strict=True):
            assert got.dtype == want.dtype and got.shape == want.shape
            assert np.array_equal(got, want)
