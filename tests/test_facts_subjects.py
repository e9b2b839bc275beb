"""Fact subjects: compared parties, cut product names, holders named before, owners after the figure."""

from __future__ import annotations

from biennien.analyse.facts_eval import analyse_sentence


def _subjects(text: str, context: str = "") -> dict[str, str | None]:
    full = f"{context} {text}" if context else text
    qs, fs = analyse_sentence(full, [], mentions=True, context=len(context) + 1 if context else 0)
    return {q.text: f.subject for q, f in zip(qs, fs, strict=True)}


def test_compared_party_is_no_subject() -> None:
    got = _subjects("Giành 3 điểm trước Getafe, Barcelona vẫn đứng thứ ba với 68 điểm, kém Atletico 5 điểm.")
    assert got["5 điểm"] != "Atletico"


def test_product_name_cut_by_tagger_is_completed() -> None:
    got = _subjects("Vsmart Star 5 được bán ra với mức giá từ 2,7 triệu đồng.")
    assert got["2,7 triệu đồng"] == "Vsmart Star 5"


def test_holder_noun_takes_the_organisation_named_before() -> None:
    context = "Xiaomi vừa ra mắt logo mới do một nhà thiết kế Nhật Bản thực hiện."
    got = _subjects("Hãng được cho là đã phải chi ra 2 triệu tệ cho thiết kế này.", context)
    assert got["2 triệu tệ"] == "Xiaomi"


def test_share_owner_after_the_figure() -> None:
    got = _subjects("Khoảng 94,5% dân số Nauru bị thừa cân.")
    assert got["94,5%"] == "Nauru"


def test_comparison_base_keeps_the_previous_owner() -> None:
    got = _subjects(
        "Kim Kardashian hiện sở hữu khối tài sản 1 tỷ USD, con số này tăng mạnh so với mức 780 triệu USD."
    )
    assert got["780 triệu USD"] == "Kim Kardashian"
