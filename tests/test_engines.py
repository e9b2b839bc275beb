"""Analysis engines give the same chronicle: in-process, process pool, Dask."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from biennien.build import build
from biennien.export.contract import chronicle_dict
from biennien.model import Document
from biennien.store.sqlite import Store

TEXTS = [
    "Chiều 13-2, Tổng Bí thư tiếp Trợ lý Ngoại trưởng Hoa Kỳ tại trụ sở Trung ương Đảng.",
    "Kim ngạch thương mại hai chiều đạt 15,8 tỷ USD trong tháng 1-2026, tăng 28,6%.",
    "Sáng 20/02/2026, hai nhà lãnh đạo gặp nhau tại Nhà Trắng.",
    "Đại học Harvard công bố lợi nhuận đầu tư là 7,3% trong năm tài chính vừa qua.",
    "Ngày 17-2, Bộ Ngoại giao cho biết đoàn sẽ dự cuộc họp từ ngày 18 đến 20-2.",
]


def _docs() -> list[Document]:
    return [
        Document(id=f"d{i}", source=f"t{i}.txt", text=t, reference_date="2026-02-14")
        for i, t in enumerate(TEXTS)
    ]


def _export(tmp: Path, name: str, **kw: object) -> str:
    store = Store(tmp / f"{name}.db")
    build([], store, items=_docs(), batch_size=2, **kw)  # type: ignore[arg-type]
    data = chronicle_dict(store)
    store.close()
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def test_process_pool_gives_the_same_export(tmp_path: Path) -> None:
    assert _export(tmp_path, "serial", workers=1) == _export(tmp_path, "pool", workers=2)


def test_dask_local_cluster_gives_the_same_export(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    assert _export(tmp_path, "serial", workers=1) == _export(tmp_path, "dask", workers=2, engine="dask")
