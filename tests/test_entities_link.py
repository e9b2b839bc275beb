"""Cross-document entity linking: aliases, short names, canonical names, stable ids."""

from __future__ import annotations

from biennien.analyse.entities import extract
from biennien.link.entities import link_entities
from biennien.model import Mention
from biennien.vi.normalise import tone_normalise
from biennien.vi.sentences import split_sentences


def _doc(text: str) -> list[Mention]:
    t = tone_normalise(text)
    return extract(t, split_sentences(t))


DOC_A = (
    "Tổng Bí thư Tô Lâm đã có cuộc gặp với Tổng thống Hoa Kỳ Donald Trump tại Nhà Trắng. "
    "Tổng thống Trump đánh giá cao quan hệ Việt Nam - Hoa Kỳ."
)
DOC_B = "Tổng thống Trump cho biết Mỹ coi trọng quan hệ với Việt Nam. Ông Trump cảm ơn Tổng Bí thư Tô Lâm."


def test_same_entity_across_documents_is_one_entity() -> None:
    ents = link_entities([("a", _doc(DOC_A)), ("b", _doc(DOC_B))])
    by_name = {e.name: e for e in ents}
    trump = by_name["Donald Trump"]
    assert trump.type == "PER"
    assert {m.doc for m in trump.mentions} == {"a", "b"}
    assert "Trump" in trump.aliases
    assert any(r.startswith("Tổng thống") for r in trump.roles)
    us = by_name["Hoa Kỳ"]
    assert "Mỹ" in us.aliases and {m.doc for m in us.mentions} == {"a", "b"}
    assert not any(e.name == "Trump" for e in ents)


def test_ids_do_not_depend_on_document_order() -> None:
    one = link_entities([("a", _doc(DOC_A)), ("b", _doc(DOC_B))])
    two = link_entities([("b", _doc(DOC_B)), ("a", _doc(DOC_A))])
    assert [(e.id, e.name, len(e.mentions)) for e in one] == [(e.id, e.name, len(e.mentions)) for e in two]


def test_ambiguous_short_name_is_not_merged() -> None:
    docs = [
        ("a", _doc("Ông Nguyễn Văn Dũng và ông Trần Anh Dũng dự họp.")),
        ("b", _doc("Theo ông Dũng, kế hoạch đã xong.")),
    ]
    ents = link_entities(docs)
    names = {e.name for e in ents if e.type == "PER"}
    assert {"Nguyễn Văn Dũng", "Trần Anh Dũng"} <= names
    full = [e for e in ents if e.name in ("Nguyễn Văn Dũng", "Trần Anh Dũng")]
    assert all({m.doc for m in e.mentions} == {"a"} for e in full)


def test_short_name_joins_a_full_name_only_in_shared_company() -> None:
    """``Hoàn`` of a beauty-contest article must not become a football official ``Trần Văn Hoàn``."""
    football = _doc("Ông Trần Văn Hoàn, Phó Chủ tịch VFF, đã họp với CLB Hoàng Anh Gia Lai.")
    contest = _doc("Hoa hậu Hoàn có buổi gặp với Công ty Unicorp tại Khánh Hòa.")
    ents = link_entities([("f", football), ("c", contest)])
    full = [e for e in ents if e.name == "Trần Văn Hoàn"]
    assert full and {m.doc for m in full[0].mentions} == {"f"}
    # the same short name next to the same club is the same man
    again = _doc("Ông Hoàn cho biết CLB Hoàng Anh Gia Lai sẽ thay huấn luyện viên.")
    ents = link_entities([("f", football), ("g", again)])
    full = [e for e in ents if e.name == "Trần Văn Hoàn"]
    assert full and {m.doc for m in full[0].mentions} == {"f", "g"}
