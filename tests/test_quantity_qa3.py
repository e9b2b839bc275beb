"""QA audit 3, problem 7: age differences, vague amounts, stage names, rates per period, glued figures."""

from __future__ import annotations

from biennien.analyse.quantity import extract
from biennien.analyse.timex import tag


def _qs(text: str):  # type: ignore[no-untyped-def]
    return extract(text, tag(text, "2021-04-21"))


def test_age_after_a_comparative_is_a_difference() -> None:
    (q,) = _qs("Hồng Thu kém anh 11 tuổi nhưng rất chín chắn.")
    assert (q.value, q.kind) == (11, "difference")
    (q,) = _qs("Năm nay, Bom được 17 tuổi.")
    assert q.kind == "count"


def test_vague_amount_is_no_figure() -> None:
    assert _qs("Ứng dụng này thu hút được một lượng người dùng lớn.") == []
    (q,) = _qs("Giá vàng tăng thêm một lượng 500.000 đồng.")
    assert q.value == 500000


def test_stage_number_is_a_name() -> None:
    assert _qs("Sau khi giai đoạn 1 kết thúc, HA Gia Lai dẫn đầu bảng xếp hạng.") == []


def test_counts_per_day_are_rates() -> None:
    (q,) = _qs("Khu du lịch đón khoảng 40.000 người mỗi ngày.")
    assert (q.value, q.unit, q.kind, q.qualifier) == (40000, "count/ngày", "rate", "about")
    (q,) = _qs("Sa Pa đón 2.000-2.500 khách/ngày vào dịp lễ.")
    assert (q.value, q.value_end, q.unit, q.kind) == (2000, 2500, "count/ngày", "rate")
    (q,) = _qs("Khu du lịch đón 40.000 người trong dịp lễ.")
    assert q.kind == "count"


def test_figure_glued_to_a_word_is_read() -> None:
    qs = _qs("Máy giảm giá, xuống còn29 triệu đồng cho phiên bản 128 GB.")
    assert [(q.value, q.unit) for q in qs] == [(29_000_000, "VND"), (128, "GB")]
    assert [q.value for q in _qs("Bệnh nhân BN1234 đã khỏi bệnh.")] == []
