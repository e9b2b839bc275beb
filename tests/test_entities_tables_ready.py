"""The entity tables built at first use are complete before any caller can see them (several threads
of one Dask worker analyse at once)."""

from __future__ import annotations

from typing import Any

import pytest

import biennien.analyse.entities as compiled_or_plain
from biennien.vi.gazetteer import gazetteer
from biennien.vi.normalise import tone_normalise
from biennien.vi.sentences import split_sentences
from plain import plain

# the test replaces the module's tables: its plain form (see tests/plain.py)
entities = plain(compiled_or_plain)

_TEXT = tone_normalise(
    "Chiều 13-2, Tổng Bí thư Tô Lâm đã tiếp Đại sứ Nhật Bản Ito Naoki tại Hà Nội. "
    "Theo bộ trưởng Bộ Ngoại giao, UBND tỉnh Quảng Ninh và Sở GD-ĐT TP.HCM đã họp với Công ty TNHH Gia Phát."
)


def test_a_caller_that_finds_the_tries_made_finds_every_table_made(monkeypatch: pytest.MonkeyPatch) -> None:
    sentences = split_sentences(_TEXT)
    expected = entities.extract(_TEXT, sentences)  # the tables made in one go
    assert expected

    seen: list[Any] = []

    class Watched(list):  # type: ignore[type-arg]
        def extend(self, items: Any) -> None:
            super().extend(items)
            # another thread arriving now finds ``_TRIES`` filled and reads the other tables at once
            seen.append(entities.extract(_TEXT, sentences))

    monkeypatch.setattr(entities, "_TRIES", Watched())
    monkeypatch.setattr(entities, "_NEXT", [])
    monkeypatch.setattr(entities, "_LOW_NEXT", {})
    monkeypatch.setattr(entities, "_OPEN_STARTERS", [])
    monkeypatch.setattr(entities, "_TABLE_FIRST", [])
    entities._tables_ready(gazetteer())
    assert seen == [expected]
    assert len(entities._TRIES) == 3
