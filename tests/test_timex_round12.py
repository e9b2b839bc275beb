"""Round 12 (QA audit 4, problem 3): a tense cue acts on dates of its own clause only."""

from __future__ import annotations

from datetime import date

import pytest

from biennien.analyse.timex import tag


def _value(text: str, dct: date, expr: str) -> str:
    hits = [t for t in tag(text, dct) if t.text == expr]
    assert hits, f"{expr!r} not tagged in {text!r}: {[(t.text, t.value) for t in tag(text, dct)]}"
    return hits[0].value


@pytest.mark.parametrize(
    ("text", "dct", "expr", "value"),
    [
        # the "đã" of a fronted relative clause does not push the fixture of the main clause back a year
        (
            "Theo kế hoạch đã được ban tổ chức thông qua, hai đội đá trận lượt về ngày 12/6.",
            date(2022, 5, 3),
            "ngày 12/6",
            "2022-06-12",
        ),
        (
            "Theo thông báo đã được nhà trường gửi tới phụ huynh, học sinh nhập học ngày 20/8.",
            date(2023, 7, 15),
            "ngày 20/8",
            "2023-08-20",
        ),
        # in its own clause the cue still acts
        ("Công ty đã ký hợp đồng với đối tác vào ngày 20/8.", date(2023, 7, 15), "ngày 20/8", "2022-08-20"),
        ("Hai đội đã gặp nhau ngày 12/6 tại Mỹ Đình.", date(2022, 5, 3), "ngày 12/6", "2021-06-12"),
    ],
)
def test_past_cue_stays_in_its_clause(text: str, dct: date, expr: str, value: str) -> None:
    assert _value(text, dct, expr) == value
