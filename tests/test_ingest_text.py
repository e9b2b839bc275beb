"""Plain-text ingest: header/marker removal, page furniture, title, outlet, ids, and the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from biennien.ingest import iter_documents
from biennien.ingest.metadata import layout, strip_header
from biennien.model import Document, Failure

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


def one(path: Path) -> Document:
    items = list(iter_documents([str(path)]))
    assert len(items) == 1
    doc = items[0]
    assert isinstance(doc, Document), doc
    return doc


def skipped(doc: Document) -> list[str]:
    return [doc.text[s:e] for s, e in doc.skip_spans]


def test_date_marker_is_removed_and_sets_metadata_date(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text(
        " date 2026-02-17 Theo Bộ Ngoại giao, Chủ tịch nước sẽ thăm Nhật Bản.\n\nNgày 17-2, Bộ cho biết.\n"
    )
    doc = one(p)
    assert doc.text.startswith("Theo Bộ Ngoại giao, Chủ tịch nước")
    assert "date" not in doc.text[:10]
    assert (doc.reference_date, doc.reference_date_basis, doc.published) == (
        "2026-02-17",
        "metadata",
        "2026-02-17",
    )
    assert doc.title is None  # a sentence with a final full stop is not a headline


def test_hash_header_lines(tmp_path: Path) -> None:
    p = tmp_path / "b.txt"
    p.write_text(
        "# doc_id = news_x_001\n# url = https://dantri.com.vn/giao-duc/abc-20201001111251925.htm\n"
        "# date = 20201001\nTrường học mở cửa đón học sinh trở lại\n"
        "Sáng nay, học sinh Hà Nội trở lại trường sau kỳ nghỉ dài.\n"
    )
    doc = one(p)
    assert doc.text.startswith("Trường học mở cửa")
    assert "#" not in doc.text
    assert doc.url and doc.url.startswith("https://dantri.com.vn/")
    assert doc.outlet == "Dân trí"
    assert doc.title == "Trường học mở cửa đón học sinh trở lại"
    assert doc.reference_date == "2020-10-01" and doc.reference_date_basis == "metadata"
    assert doc.meta["doc_id"] == "news_x_001"


def test_strip_header_keeps_text_without_header() -> None:
    h = strip_header("Tiêu đề bài\nNội dung # không phải header = x\n")
    assert h.meta == {} and h.text.startswith("Tiêu đề bài")


def test_section_label_credit_image_and_caption() -> None:
    text = (
        "Chính trị\n\nThủ tướng dự hội nghị xúc tiến đầu tư tại Đà Nẵng\n\n"
        "Thủ tướng đã tới Đà Nẵng dự hội nghị.\n\nTheo Minh Anh/ Vietnamnet\n\n"
        "Sáng 5/3, hội nghị khai mạc với sự tham dự của 500 doanh nghiệp.\n\n"
        "hoi-nghi-1.jpg\nThủ tướng phát biểu tại hội nghị sáng 5/3\n\n"
        "Các doanh nghiệp cam kết đầu tư 2 tỷ USD.\n"
    )
    lay = layout(text)
    kinds = {text[s:e]: k for s, e, k in lay.labels}
    assert kinds["Chính trị"] == "section"
    assert kinds["Theo Minh Anh/ Vietnamnet"] == "credit"
    assert kinds["hoi-nghi-1.jpg"] == "image"
    assert kinds["Thủ tướng phát biểu tại hội nghị sáng 5/3"] == "caption"
    assert lay.title == "Thủ tướng dự hội nghị xúc tiến đầu tư tại Đà Nẵng"
    assert lay.author == "Minh Anh" and lay.outlet == "VietNamNet"
    assert "Sáng 5/3, hội nghị khai mạc" not in " ".join(text[s:e] for s, e in lay.skip_spans)


def test_sentence_starting_with_theo_is_not_a_credit_line() -> None:
    text = "Theo Bộ Y tế, số ca mắc mới giảm mạnh trong tuần qua.\nTheo Bộ Y tế\n"
    lay = layout(text)
    spans = [text[s:e] for s, e in lay.skip_spans]
    assert spans == ["Theo Bộ Y tế"]  # the short line at the end is a credit; the sentence is body


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Tổng Bí thư Tô Lâm. Ảnh: TTXVN", True),
        ("Tổng thống Mỹ và Chủ tịch nước. (Ảnh: TTXVN)", True),
        ("Nhà máy của Intel. Ảnh: Thống Nhất/TTXVN", True),
        ("Học sinh dự thi tốt nghiệp (Ảnh minh họa).", True),
        ("Bộ trưởng phát biểu tại buổi lễ. Ảnh VGP/Đình Nam", True),
        ("Ảnh: Giáp Tống", True),
        ("Bức ảnh đoạt giải nhất cuộc thi được trưng bày tại Hà Nội.", False),
        ("Nữ diễn viên ẵm trọn 3 giải Ảnh Hậu của đại lục, Hồng Kông và Đài Loan.", False),
        ("Thí sinh trong kỳ thi tốt nghiệp THPT (ảnh minh họa)", True),
        ("Nhóm nữ sinh vây đánh bạn gây xôn xao dư luận (ảnh cắt từ clip nguồn Facebook)", True),
        ("Giá rau tăng mạnh trong tháng 4 (ảnh hưởng của mưa lũ)", False),
        ("Bức ảnh của cô bị lộ trên mạng xã hội (ảnh bên phải).", False),
    ],
)
def test_caption_lines(line: str, expected: bool) -> None:
    text = f"Tiêu đề bài báo về sự kiện\n{line}\nĐoạn văn cuối cùng của bài báo này.\n"
    lay = layout(text)
    assert (line in [text[s:e] for s, e in lay.skip_spans]) is expected


def test_a_caption_on_the_first_line_is_no_title() -> None:
    # corpora that lost the headline start with the lead photo's caption
    text = "Niềm vui của học sinh (ảnh minh họa)\nSáng 16/4, Bộ GD&ĐT công bố phương án thi tốt nghiệp năm nay.\n"
    lay = layout(text)
    assert lay.title is None
    assert [text[s:e] for s, e in lay.skip_spans] == ["Niềm vui của học sinh (ảnh minh họa)"]


def test_long_paragraph_ending_with_credit_keeps_its_sentences() -> None:
    para = (
        "Hàng cây phong lá đỏ được trồng năm 2016 trên đường Trần Duy Hưng. Sau 5 năm, cây không thích nghi "
        "được với khí hậu nóng ẩm nên nhiều cây đã chết khô. Việc trồng cây thay thế sẽ được thực hiện trong "
        "tháng 4/2021. (Ảnh: Toàn Vũ)."
    )
    text = f"Hà Nội thay hàng cây phong lá đỏ\n{para}\n"
    lay = layout(text)
    assert [text[s:e] for s, e in lay.skip_spans] == ["(Ảnh: Toàn Vũ)."]


def test_lead_and_timestamp_at_end_of_title() -> None:
    text = (
        "Chủ tịch Quốc hội tiếp Đại sứ Nhật Bản 14/02/2026 07:22\n\n"
        "(PLO)- Chiều 13-2, Chủ tịch Quốc hội đã tiếp Đại sứ Nhật Bản tại Việt Nam.\n\nHai bên trao đổi.\n"
    )
    lay = layout(text)
    spans = [text[s:e] for s, e in lay.skip_spans]
    assert "14/02/2026 07:22" in spans
    assert "(PLO)- " in spans
    assert lay.title == "Chủ tịch Quốc hội tiếp Đại sứ Nhật Bản"
    assert lay.dateline == "2026-02-14T07:22"
    assert lay.outlet == "Pháp Luật TP.HCM"


def test_bare_lead_needs_a_known_outlet() -> None:
    known = layout("Tiêu đề của bài báo hôm nay\nTTO - Sáng 3-4, mưa lớn gây ngập nhiều tuyến phố.\n")
    assert known.outlet == "Tuổi Trẻ"
    unknown = layout("Tiêu đề của bài báo hôm nay\nHà Nội - Sáng 3-4, mưa lớn gây ngập nhiều tuyến phố.\n")
    assert unknown.outlet is None and unknown.skip_spans == []


def test_dateline_line_gives_dateline_basis(tmp_path: Path) -> None:
    p = tmp_path / "c.txt"
    p.write_text(
        "Giá xăng giảm mạnh từ chiều nay\nThứ Năm, 05/03/2026 15:00 (GMT+7)\n"
        "Liên Bộ Công Thương - Tài chính vừa điều chỉnh giá xăng dầu, có hiệu lực từ 15h ngày 5/3.\n"
    )
    doc = one(p)
    assert (doc.reference_date, doc.reference_date_basis, doc.published) == (
        "2026-03-05",
        "dateline",
        "2026-03-05T15:00",
    )
    assert "Thứ Năm, 05/03/2026 15:00 (GMT+7)" in skipped(doc)


def test_id_ignores_tone_placement_encoding_and_captions(tmp_path: Path) -> None:
    a = tmp_path / "a.txt"
    b = tmp_path / "b.txt"
    a.write_text("Hoà bình và hợp tác\nHai nước cam kết thúc đẩy hoà bình, khoẻ mạnh.\n")
    b.write_bytes(
        "Hòa bình và hợp tác\r\nHai nước cam kết thúc đẩy hòa bình,  khỏe mạnh.\r\n".encode("utf-16")
    )
    c = tmp_path / "c.txt"
    c.write_text("Hoà bình và hợp tác\nHai nước cam kết thúc đẩy hoà bình, khoẻ mạnh.\nẢnh: TTXVN\n")
    da, db, dc = one(a), one(b), one(c)
    assert da.id == db.id == dc.id
    assert da.id.startswith("d") and len(da.id) == 17
    other = tmp_path / "d.txt"
    other.write_text("Hoà bình và hợp tác\nHai nước cam kết thúc đẩy hoà bình, khoẻ mạnh hơn.\n")
    assert one(other).id != da.id


def test_text_is_nfc(tmp_path: Path) -> None:
    import unicodedata

    p = tmp_path / "nfd.txt"
    p.write_text(unicodedata.normalize("NFD", "Tiêu đề về Việt Nam\nNgười dân đón Tết.\n"))
    doc = one(p)
    assert doc.text == unicodedata.normalize("NFC", doc.text)
    assert doc.text.startswith("Tiêu đề về Việt Nam")


# ---------------------------------------------------------------- the seeds

SEED_EXPECTED = {
    "000": ("2026-02-17", "metadata"),
    "001": ("2026-02-18", "inferred"),
    "002": ("2026-02-21", "metadata"),
    "003": ("2025-07-02", "inferred"),
    "004": ("2026-02-14", "metadata"),
}


def _seed(prefix: str) -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds not present")
    found = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not found:
        pytest.skip(f"seed {prefix} not present")
    return found[0]


@pytest.mark.parametrize("prefix", sorted(SEED_EXPECTED))
def test_seed_reference_dates(prefix: str) -> None:
    doc = one(_seed(prefix))
    assert (doc.reference_date, doc.reference_date_basis) == SEED_EXPECTED[prefix]
    if doc.reference_date_basis == "inferred":
        assert doc.published is None
    assert not doc.text.startswith(" date")


def test_seed_001_furniture() -> None:
    doc = one(_seed("001"))
    assert doc.title == "Tổng Bí thư Tô Lâm tham dự cuộc họp khai mạc Hội đồng Hòa bình về Gaza"
    assert doc.author == "Trần Thường" and doc.outlet == "VietNamNet"
    spans = skipped(doc)
    assert "Chính trị" in spans and "tbt-1.jpg" in spans
    assert any(s.startswith("Tổng Bí thư Tô Lâm tại sân bay quân sự Andrews trưa 18/2") for s in spans)
    assert not any(s.startswith("Trưa 18/2") for s in spans)


def test_seed_002_and_004_outlets() -> None:
    d2 = one(_seed("002"))
    assert d2.outlet == "VTC News" and "(VTC News) -" in skipped(d2)
    d4 = one(_seed("004"))
    assert d4.outlet == "Pháp Luật TP.HCM"
    assert d4.published == "2026-02-14T07:22"
    assert d4.title is not None and d4.title.endswith("đối tác quan trọng hàng đầu")


def test_seeds_have_distinct_ids_and_no_failures() -> None:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds not present")
    items = list(iter_documents([str(SEEDS)]))
    assert not [i for i in items if isinstance(i, Failure)]
    assert len({i.id for i in items if isinstance(i, Document)}) == len(items) == 5


def test_html_space_residue_is_blanked_for_analysis_not_removed() -> None:
    text = "Kỳ thi tốt nghiệp năm nay\nĐặc biệt,&nbsptrong bối cảnh dịch, Sở GD-ĐT&nbsp;tập trung vào kỳ thi.\n"
    lay = layout(text)
    assert [text[s:e] for s, e in lay.skip_spans] == ["&nbsp", "&nbsp;"]
