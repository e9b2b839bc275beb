"""Issue-3 round 10 (audit 2): "quý" in compounds, holidays just ahead, dates inside a historical paragraph."""

from __future__ import annotations

import pytest

from biennien.analyse.timex import tag
from biennien.vi.normalise import analysis_text


def _tags(text: str, dct: str | None) -> dict[str, tuple[str, str, str | None]]:
    return {t.text: (t.type, t.value, t.value_end) for t in tag(analysis_text(text), dct)}


@pytest.mark.parametrize(
    "sentence",
    [
        # "quý" as the adjective "noble, precious" or a polite form is no quarter
        "Người đẹp 9X là hoa hậu thứ 8 của Mỹ giành danh hiệu cao quý này.",
        "Đây là món quà trân quý này mà bà để lại cho con cháu.",
        "Hai quý vị này đã có mặt từ sớm, ba quý khách còn lại đến muộn.",
        "Những tư liệu quý giá này được lưu giữ tại bảo tàng.",
        "Kinh nghiệm quý báu này giúp anh vượt qua khó khăn.",
        "Kính mời quý khách tới tham quan khu trưng bày.",
    ],
)
def test_quy_in_compounds_is_no_quarter(sentence: str) -> None:
    got = [t for t in tag(analysis_text(sentence), "2021-04-20") if t.type in ("DATE", "DURATION")]
    assert got == [], got


@pytest.mark.parametrize(
    ("sentence", "expr", "value"),
    [
        ("Doanh thu quý này dự kiến tăng 10% so với cùng kỳ.", "quý này", "2021-Q2"),
        ("Lợi nhuận quý tới sẽ phụ thuộc vào giá dầu.", "quý tới", "2021-Q3"),
        ("Trong quý II/2020, công ty đạt 5 tỷ đồng.", "quý II/2020", "2020-Q2"),
    ],
)
def test_real_quarters_stay(sentence: str, expr: str, value: str) -> None:
    assert _tags(sentence, "2021-04-20")[expr][1] == value
