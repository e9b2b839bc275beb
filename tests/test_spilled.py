"""The build's link inputs kept in a temporary file (``link.spilled``) read back as they were written."""

from __future__ import annotations

import pickle
from pathlib import Path

import numpy as np
import pytest

from biennien.analyse import analyse
from biennien.link.chronicle import PackedLinkInput, packed_input, prepare_link
from biennien.link.spilled import SpilledInputs
from biennien.model import Document

TEXTS = [
    "Hà Nội\nChiều 13-2, Thủ tướng tiếp Đại sứ Hoa Kỳ tại trụ sở Chính phủ.\n"
    "Kim ngạch thương mại hai nước đạt 15,8 tỷ USD trong tháng 1.",
    "TP.HCM\nSáng 2/7, hơn 1.409 dự án được cấp phép; Bộ trưởng Bộ Công Thương phát biểu tại hội nghị.",
    "",
]


def _inputs() -> dict[str, PackedLinkInput]:
    out = {}
    for i, text in enumerate(TEXTS):
        doc = Document(f"d{i}", f"s{i}.txt", text, f"Bài {i}", published="2026-02-14")
        out[doc.id] = packed_input(prepare_link(doc, analyse(doc)))
    return out


def _same(a: PackedLinkInput, b: PackedLinkInput) -> bool:
    return pickle.dumps(a) == pickle.dumps(b)


def test_inputs_come_back_equal_in_order_of_arrival() -> None:
    inputs = _inputs()
    with SpilledInputs() as spilled:
        for doc in reversed(list(inputs)):  # arrival order, not id order
            spilled.add_pickled(doc, pickle.dumps(inputs[doc]))
        assert list(spilled) == list(reversed(list(inputs)))
        assert len(spilled) == 3
        for doc, value in spilled.items():
            assert _same(value, inputs[doc])
        # a paragraph array reads back equal (the arrays are views of the pickled bytes)
        got = spilled["d0"].paragraphs.shingles
        assert len(got) > 0 and np.array_equal(got, inputs["d0"].paragraphs.shingles)
        spilled["d1"] = inputs["d1"]  # set again: the last value counts
        assert _same(spilled["d1"], inputs["d1"]) and len(spilled) == 3
        del spilled["d2"]
        assert "d2" not in spilled and len(spilled) == 2
        with pytest.raises(KeyError):
            spilled["d2"]
        spilled.clear()
        assert not spilled and list(spilled.items()) == []
        spilled.add_pickled("d0", pickle.dumps(inputs["d0"]))  # usable again after clear
        assert _same(spilled["d0"], inputs["d0"])


def test_the_link_views_copy_their_part_out_and_the_last_one_lets_the_file_go() -> None:
    inputs = _inputs()
    spilled = SpilledInputs()
    for doc, value in inputs.items():
        spilled[doc] = value
    paragraphs, features = spilled.paragraphs(), spilled.features()
    assert list(paragraphs) == list(features) == list(inputs) and len(features) == 3
    assert "d1" in paragraphs and "nope" not in features
    p = paragraphs["d0"]
    want = inputs["d0"].paragraphs
    assert (
        len(p.spans) > 0 and np.array_equal(p.spans, want.spans) and np.array_equal(p.shingles, want.shingles)
    )
    assert (
        p.signatures is not None
        and want.signatures is not None
        and np.array_equal(p.signatures, want.signatures)
    )
    assert p.shingles.base is None  # its own buffer, not a view of the pickled input
    f = features["d1"]
    assert all(np.array_equal(a, b) and a.base is None for a, b in zip(f, inputs["d1"].features, strict=True))
    with pytest.raises(TypeError):
        paragraphs["d9"] = p
    del paragraphs["d2"]
    assert "d2" not in paragraphs and "d2" in features and paragraphs.get("d2") is None
    paragraphs.clear()  # the reprints are done: the stories still read theirs
    assert not paragraphs and len(spilled) == 3 and features.get("d2") is not None
    features.clear()  # the stories are done: the inputs and their file go
    assert not features and len(spilled) == 0


def test_close_forgets_the_inputs_with_their_file() -> None:
    inputs = _inputs()
    spilled = SpilledInputs()
    spilled.add_pickled("d0", pickle.dumps(inputs["d0"]))
    spilled.close()
    # no offsets left pointing into a closed file: empty, and a lookup is a plain KeyError
    assert len(spilled) == 0 and "d0" not in spilled
    with pytest.raises(KeyError):
        spilled["d0"]


def test_a_build_that_raises_closes_its_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import biennien.build as build_module
    from biennien.store.sqlite import Store

    made: list[SpilledInputs] = []

    class Recorded(SpilledInputs):
        def __init__(self) -> None:
            super().__init__()
            made.append(self)

    def broken_link(*args: object, **kwargs: object) -> None:
        assert made and made[0]._file is not None and len(made[0]) == 2  # the inputs were spilled
        raise RuntimeError("link failed")

    monkeypatch.setattr(build_module, "SpilledInputs", Recorded)
    monkeypatch.setattr(build_module, "link_store", broken_link)
    docs = [
        Document(f"d{i}", f"s{i}.txt", text, f"Bài {i}", published="2026-02-14")
        for i, text in enumerate(TEXTS[:2])
    ]
    store = Store(tmp_path / "c.db")
    with pytest.raises(RuntimeError, match="link failed"):
        build_module.build([], store, items=docs)
    store.close()
    assert len(made) == 1 and made[0]._file is None and len(made[0]) == 0
