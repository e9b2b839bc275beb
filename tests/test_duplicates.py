"""Reprints and shared paragraphs: alias-aware comparison, offsets, incremental index."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from datasketch import MinHash

from biennien.link.duplicates import (
    NUM_PERM,
    DuplicateState,
    _permutations,
    compare_lines,
    compare_words,
    minhash_signatures,
    paragraphs,
    update_duplicates,
)
from biennien.model import DocAnalysis, Document
from biennien.store.sqlite import Store

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"

ORIGINAL = [
    "Ngày 17-2, Bộ Ngoại giao cho biết, nhận lời mời của Tổng thống Hoa Kỳ, Thủ tướng sẽ có chuyến công tác"
    " tại Hoa Kỳ và dự cuộc họp khai mạc Hội đồng Hòa bình từ ngày 18 đến 20-2.",
    "Kể từ khi bình thường hóa quan hệ vào tháng 7-1995, quan hệ hai nước đã phát triển mạnh mẽ trên nhiều"
    " lĩnh vực, từ kinh tế, thương mại đến giáo dục và khoa học công nghệ.",
    "Kim ngạch thương mại song phương năm 2025 đạt khoảng 150 tỷ USD, tăng hơn 20% so với năm trước, theo"
    " số liệu của Tổng cục Hải quan công bố tại TP.HCM.",
    "Ảnh: TTXVN",
    "Chuyến công tác được kỳ vọng sẽ thúc đẩy hợp tác trong các lĩnh vực công nghệ cao, năng lượng sạch và"
    " chuyển đổi số, đồng thời mở rộng cơ hội cho doanh nghiệp hai nước.",
]

REWRITE = [
    "Theo Vietnamnet",
    "Bộ Ngoại giao ngày 17/2 cho biết, nhận lời mời của Tổng thống Mỹ, Thủ tướng sẽ có chuyến công tác tại"
    " Mỹ và dự cuộc họp khai mạc Hội đồng Hòa bình từ ngày 18 đến 20/2.",
    "Kể từ khi bình thường hóa quan hệ vào tháng 7/1995, quan hệ hai nước đã phát triển mạnh mẽ trên nhiều"
    " lĩnh vực, từ kinh tế, thương mại đến giáo dục và khoa học công nghệ.",
    "Kim ngạch thương mại song phương năm 2025 đạt khoảng 150 tỉ USD, tăng hơn 20% so với năm trước, theo"
    " số liệu của Tổng cục Hải quan công bố tại TPHCM.",
    "Chuyến công tác được kỳ vọng sẽ thúc đẩy hợp tác trong các lĩnh vực công nghệ cao, năng lượng sạch và"
    " chuyển đổi số, đồng thời mở rộng cơ hội cho doanh nghiệp hai nước.",
]

OTHER = [
    "Đại học Harvard công bố lợi nhuận đầu tư là 7,3% trong năm tài chính vừa qua, ngay cả khi nhiều trường"
    " đại học khác đang khao khát một gói cứu trợ của liên bang.",
    "Giá trị tài sản của Harvard đã tăng thêm 1 tỷ USD, đạt mức cao nhất mọi thời đại là 41,9 tỷ USD trong"
    " năm tài chính kết thúc vào tháng 6.",
]


def _doc(doc_id: str, paras: list[str], date: str) -> Document:
    return Document(id=doc_id, source=f"{doc_id}.txt", text="\n".join(paras), reference_date=date)


def _run(docs: list[Document], state: DuplicateState | None = None) -> DuplicateState:
    by_id = {d.id: d for d in docs}
    return update_duplicates(docs, state or DuplicateState(), by_id.get)


def test_compare_words_maps_aliases_and_number_formats() -> None:
    assert compare_words("Hợp chúng quốc Hoa Kỳ") == compare_words("Mỹ")
    assert compare_words("tháng 07-1995") == compare_words("tháng 7/1995")
    assert compare_words("tại TP.HCM") == compare_words("tại TPHCM")
    # an alias is matched with its diacritics: "nhất" (most) is not "Nhật" (Japan)
    assert compare_words("nhất") != compare_words("Hoa Kỳ")
    assert compare_words("nhất") == ["nhat"]


def test_compare_lines_equals_compare_words_line_by_line() -> None:
    text = "\n".join([*REWRITE, "Ngày 07-02, tại TP.HCM:  giá tăng 5,5%_ (Hoa Kỳ)", "", "Mỹ"])
    assert compare_lines(text) == [compare_words(line) for line in text.split("\n")]


def test_permutations_are_datasketchs() -> None:
    """The parameters drawn in ``_permutations`` (without importing datasketch) are its affine32 ones."""
    a, b = _permutations()
    ref_a, ref_b = MinHash(num_perm=NUM_PERM, scheme="affine32").permutations
    assert a.dtype == b.dtype == np.uint32
    assert np.array_equal(a, ref_a) and np.array_equal(b, ref_b)
    assert np.all(a % 2 == 1)  # odd multipliers: each permutation is a bijection of 32-bit values


def test_vectorised_minhash_equals_datasketch() -> None:
    sets = [p.shingles for p in paragraphs(_doc("da", ORIGINAL + OTHER, "2026-02-17"))]
    ours = minhash_signatures(sets)
    ref = MinHash.bulk([s.tolist() for s in sets], num_perm=NUM_PERM, hashfunc=lambda x: x, scheme="affine32")
    assert ours.shape == (len(sets), NUM_PERM)
    assert np.array_equal(ours, np.vstack([m.hashvalues for m in ref]).astype(np.uint32))


def test_rewrite_shares_paragraphs_with_offsets_in_each_text() -> None:
    a = _doc("da", ORIGINAL, "2026-02-17")
    b = _doc("db", REWRITE, "2026-02-18")
    c = _doc("dc", OTHER, "2026-02-17")
    state = _run([a, b, c])
    shared = state.shared()
    assert "dc" not in shared
    mine = shared["db"]
    assert len(mine) == 4
    for s in mine:
        assert s.other == "da"
        # offsets index each stored text at a whole paragraph
        assert b.text[s.start : s.end] in REWRITE
        assert a.text[s.other_start : s.other_end] in ORIGINAL
    # the paragraph with Mỹ / 17/2 matches the one with Hoa Kỳ / 17-2
    first = next(s for s in mine if b.text[s.start : s.end] == REWRITE[1])
    assert a.text[first.other_start : first.other_end] == ORIGINAL[0]
    # nearly all of both texts is shared: a reprint, represented by the earlier document
    assert state.duplicate_of() == {"da": None, "db": "da", "dc": None}


def test_unrelated_documents_share_nothing() -> None:
    state = _run([_doc("da", ORIGINAL, "2026-02-17"), _doc("dc", OTHER, "2026-02-17")])
    assert state.pairs == {}
    assert state.duplicate_of() == {"da": None, "dc": None}


def test_one_shared_paragraph_is_not_a_reprint() -> None:
    a = _doc("da", ORIGINAL, "2026-02-17")
    b = _doc("db", [*OTHER, ORIGINAL[1]], "2026-02-18")
    state = _run([a, b])
    assert len(state.shared()["db"]) == 1
    assert state.duplicate_of()["db"] is None


def test_incremental_update_equals_one_batch() -> None:
    docs = [
        _doc("dc", OTHER, "2026-02-17"),
        _doc("db", REWRITE, "2026-02-18"),
        _doc("da", ORIGINAL, "2026-02-17"),
    ]
    by_id = {d.id: d for d in docs}
    once = update_duplicates(docs, DuplicateState(), by_id.get)
    step = update_duplicates(docs[:2], DuplicateState(), by_id.get)
    step = DuplicateState.loads(step.dumps())
    step = update_duplicates(docs, step, by_id.get)  # already indexed documents are skipped
    assert step.shared() == once.shared()
    assert step.duplicate_of() == once.duplicate_of()
    # the earliest dated document represents the group, whatever the order of arrival
    assert once.duplicate_of()["db"] == "da"


def test_broken_state_blob_starts_afresh() -> None:
    assert DuplicateState.loads(b"not a pickle").docs == []
    assert DuplicateState.loads(None).docs == []


def test_exact_duplicate_is_stored_once_with_every_source(tmp_path: Path) -> None:
    store = Store(tmp_path / "c.db")
    d1 = Document(id="dsame", source="a/x.txt", text="\n".join(ORIGINAL))
    d2 = Document(id="dsame", source="b/y.html", text="\n".join(ORIGINAL))
    assert store.add_document(d1, DocAnalysis("dsame")) is True
    assert store.add_document(d2, DocAnalysis("dsame")) is False
    rows = store.document_rows()
    assert len(rows) == 1
    assert rows[0]["sources"] == ["a/x.txt", "b/y.html"]


def _seed_docs() -> list[Document]:
    if not SEEDS.is_dir():
        pytest.skip("seed articles not available")
    docs = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        docs.append(Document(id=path.stem, source=str(path), text=text))
    if len(docs) < 5:
        pytest.skip("seed articles not available")
    return docs


def test_seed_reprints_share_most_paragraphs() -> None:
    docs = _seed_docs()
    state = _run(docs)
    # only the two reprints of the trip article share paragraphs, and many of them
    assert len(state.pairs) == 1
    (a, b), matches = next(iter(state.pairs.items()))
    assert {a[:3], b[:3]} == {"000", "001"}
    assert len({m[0] for m in matches}) >= 10
    # counted as one source: one names the other as what it duplicates
    dup = state.duplicate_of()
    assert sorted(v for v in dup.values() if v) in ([a], [b])
