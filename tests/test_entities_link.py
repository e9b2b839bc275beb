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


def test_one_word_name_typed_differently_in_two_articles_is_one_entity() -> None:
    # what the analyser gives a lone word with no title in two articles: "theo Koreaboo" (a
    # person, the default guess) and "trang Koreaboo", "Công ty Koreaboo" (an organisation)
    a = [Mention("Koreaboo", 5, 13, "PER", "Koreaboo", None, "PER:koreaboo")]
    b = [
        Mention("Koreaboo", 10, 18, "ORG", "Koreaboo", None, "ORG:koreaboo"),
        Mention("Công ty Koreaboo", 40, 56, "ORG", "Công ty Koreaboo", None, "ORG:koreaboo"),
    ]
    ents = link_entities([("a", a), ("b", b)])
    assert len(ents) == 1
    assert ents[0].type == "ORG" and {m.doc for m in ents[0].mentions} == {"a", "b"}


def test_one_word_person_with_a_title_keeps_its_type() -> None:
    a = [Mention("Maxim", 12, 17, "PER", "Maxim", "HLV", "PER:maxim")]
    b = [Mention("Maxim", 3, 8, "ORG", "Maxim", None, "ORG:maxim")]
    assert sorted(e.type for e in link_entities([("a", a), ("b", b)])) == ["ORG", "PER"]


def test_school_with_and_without_truong_is_one_entity() -> None:
    a = _doc("Hiệu trưởng Trường Cao đẳng Y tế Hà Tĩnh cho biết năm nay trường tuyển 500 sinh viên.")
    b = _doc("Sinh viên Cao đẳng Y tế Hà Tĩnh được miễn học phí.")
    ents = [e for e in link_entities([("a", a), ("b", b)]) if "Hà Tĩnh" in e.name and e.type == "ORG"]
    assert len(ents) == 1
    assert {m.doc for m in ents[0].mentions} == {"a", "b"}


def test_foreign_surname_joins_its_full_name_without_shared_company() -> None:
    """A coach named by surname alone in one report is the coach named in full in another,
    even when the only entity both reports share (the club) is too common to count."""
    club_docs = [
        (f"c{i}", _doc(f"Chelsea thắng trận thứ {i} liên tiếp tại Premier League.")) for i in range(6)
    ]
    short = _doc("HLV Koeberlin tham dự buổi họp báo trước trận với Chelsea. Koeberlin nói thêm về đội bóng.")
    full = _doc("HLV Matthias Koeberlin hài lòng với chiến thắng trước Chelsea.")
    ents = link_entities([("s", short), ("f", full), *club_docs])
    coach = [e for e in ents if e.name == "Matthias Koeberlin"]
    assert coach and {m.doc for m in coach[0].mentions} == {"s", "f"}
    assert not any(e.name == "Koeberlin" for e in ents)


def test_vietnamese_given_name_alone_still_needs_company() -> None:
    football = _doc("Ông Trần Văn Hoàn, Phó Chủ tịch VFF, đã họp với CLB Hoàng Anh Gia Lai.")
    contest = _doc("Người đẹp Hoàn có buổi gặp với Công ty Unicorp tại Khánh Hòa.")
    ents = link_entities([("f", football), ("c", contest)])
    full = [e for e in ents if e.name == "Trần Văn Hoàn"]
    assert full and {m.doc for m in full[0].mentions} == {"f"}
