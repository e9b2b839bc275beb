"""HTML pages, JSON, JSONL, RSS and Atom feeds, and standard input."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from biennien.ingest import iter_documents
from biennien.model import Document, Failure

BODY = (
    "<p>(PLO)- Chiều 13-2, tại trụ sở Trung ương Đảng, Tổng Bí thư đã tiếp Trợ lý Ngoại trưởng Hoa Kỳ "
    "nhân dịp thăm chính thức Việt Nam.</p>"
    "<p>Ngày 20/3/2019, hai bên đã ký kết biên bản ghi nhớ về hợp tác giáo dục. Tại buổi tiếp, hai bên "
    "trao đổi về quan hệ song phương, hợp tác kinh tế, thương mại và đầu tư.</p>"
    "<p>Trợ lý Ngoại trưởng bày tỏ vinh dự được thăm Việt Nam và chuyển lời chúc mừng tới lãnh đạo "
    "Việt Nam nhân dịp năm mới.</p>"
)


def page(head: str, body: str = BODY) -> str:
    return (
        f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">{head}</head><body>'
        '<nav><a href="/">Trang chủ</a> <a href="/thoi-su">Thời sự</a></nav>'
        f"<article><h1>Tổng Bí thư tiếp Trợ lý Ngoại trưởng Hoa Kỳ</h1>{body}</article>"
        "<footer>Bản quyền thuộc về báo. Liên hệ quảng cáo.</footer></body></html>"
    )


def items(*paths: Path | str) -> list[Document | Failure]:
    return list(iter_documents([str(p) for p in paths]))


def docs(*paths: Path | str) -> list[Document]:
    out = items(*paths)
    assert all(isinstance(x, Document) for x in out), out
    return [x for x in out if isinstance(x, Document)]


def test_html_meta_published_time_beats_body_dates(tmp_path: Path) -> None:
    p = tmp_path / "a.html"
    p.write_text(
        page(
            "<title>Tổng Bí thư tiếp Trợ lý Ngoại trưởng Hoa Kỳ | PLO</title>"
            '<meta property="article:published_time" content="2026-02-14T07:22:00+07:00">'
            '<link rel="canonical" href="https://plo.vn/tong-bi-thu-tiep-post123.html">'
        )
    )
    (doc,) = docs(p)
    assert doc.title == "Tổng Bí thư tiếp Trợ lý Ngoại trưởng Hoa Kỳ"
    assert doc.text.startswith("Tổng Bí thư tiếp Trợ lý Ngoại trưởng Hoa Kỳ\n")
    assert "Trang chủ" not in doc.text and "Bản quyền" not in doc.text
    assert doc.published == "2026-02-14T07:22+07:00"
    assert (doc.reference_date, doc.reference_date_basis) == ("2026-02-14", "metadata")
    assert doc.outlet == "Pháp Luật TP.HCM"
    assert "(PLO)- " in [doc.text[s:e] for s, e in doc.skip_spans]


def test_html_json_ld_date(tmp_path: Path) -> None:
    ld = json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "datePublished": "2025-07-03T09:00:00+07:00",
        }
    )
    p = tmp_path / "b.htm"
    p.write_text(page(f'<title>Tin</title><script type="application/ld+json">{ld}</script>'))
    (doc,) = docs(p)
    assert doc.reference_date == "2025-07-03" and doc.reference_date_basis == "metadata"


def test_html_without_date_metadata_never_takes_an_event_date_as_published(tmp_path: Path) -> None:
    p = tmp_path / "c.html"
    p.write_text(page("<title>Tin không ngày</title>"))
    (doc,) = docs(p)
    assert doc.published is None
    # the only date in the text is an event in 2019: inferred, not metadata
    assert doc.reference_date_basis in ("inferred", "none")
    assert doc.reference_date_basis != "metadata"


def test_html_with_no_article_text_fails(tmp_path: Path) -> None:
    p = tmp_path / "empty.html"
    p.write_text(
        "<html><head><title>Trang chủ</title></head><body><nav><a href='/'>Trang chủ</a></nav></body></html>"
    )
    (f,) = items(p)
    assert isinstance(f, Failure) and f.source == str(p) and "no article text" in f.reason


@pytest.mark.parametrize(
    "body",
    [
        "<nav><ul><li>Trang chủ</li><li>Thời sự</li><li>Kinh doanh</li></ul></nav><h1>Lỗi 404</h1>"
        "<p>Trang không tồn tại</p>",
        "<form><h2>Đăng nhập</h2><label>Email</label><label>Mật khẩu</label><button>Đăng nhập</button></form>",
    ],
)
def test_html_menu_login_or_error_page_is_no_article(tmp_path: Path, body: str) -> None:
    p = tmp_path / "page.html"
    p.write_text(f"<html><head><title>Báo</title></head><body>{body}</body></html>")
    (f,) = items(p)
    assert isinstance(f, Failure) and "no article text" in f.reason and "menu, login or error" in f.reason


def test_json_single_object_and_list(tmp_path: Path) -> None:
    rec = {
        "title": "Giá vàng tăng mạnh",
        "body": "<p>Sáng 5/3, giá vàng miếng tăng 1 triệu đồng mỗi lượng.</p><p>Giá vàng thế giới cũng tăng.</p>",
        "published": "2026-03-05T08:00:00+07:00",
        "url": "https://vnexpress.net/gia-vang-tang-123.html",
        "category": "Kinh doanh",
    }
    one = tmp_path / "one.json"
    one.write_text(json.dumps(rec, ensure_ascii=False))
    (doc,) = docs(one)
    assert doc.source == str(one)
    assert doc.text.split("\n")[:2] == [
        "Giá vàng tăng mạnh",
        "Sáng 5/3, giá vàng miếng tăng 1 triệu đồng mỗi lượng.",
    ]
    assert "<p>" not in doc.text
    assert doc.outlet == "VnExpress" and doc.meta["category"] == "Kinh doanh"
    assert (doc.reference_date, doc.reference_date_basis) == ("2026-03-05", "metadata")

    many = tmp_path / "many.json"
    second = {
        "text": "Bão số 3 đổ bộ vào Quảng Ninh chiều 7/9/2024.",
        "date": "07/09/2024",
        "source": "Tuổi Trẻ",
    }
    many.write_text(json.dumps([rec, second, {"title": "không có nội dung"}], ensure_ascii=False))
    out = items(many)
    assert [type(x).__name__ for x in out] == ["Document", "Document", "Failure"]
    assert out[1].source == f"{many}#item-2"
    assert (
        isinstance(out[1], Document) and out[1].reference_date == "2024-09-07" and out[1].outlet == "Tuổi Trẻ"
    )
    assert isinstance(out[2], Failure) and "no text" in out[2].reason and out[2].source.endswith("#item-3")


def test_jsonl_lines_and_a_bad_line(tmp_path: Path) -> None:
    p = tmp_path / "feed.jsonl"
    lines = [
        json.dumps(
            {
                "title": "Tin một",
                "text": "Ngày 1/3/2026, thành phố khai trương tuyến metro số 2 sau lễ chạy thử chiều 28/2.",
                "outlet": "VnExpress",
            },
            ensure_ascii=False,
        ),
        "{không phải json",
        "",
        json.dumps(
            {"text": "Ngày 2/3/2026, Hà Nội đón 1 triệu khách du lịch.", "published": "2026-03-02"},
            ensure_ascii=False,
        ),
    ]
    p.write_text("\n".join(lines) + "\n")
    out = items(p)
    assert [type(x).__name__ for x in out] == ["Document", "Failure", "Document"]
    assert out[0].source == f"{p}#1" and out[2].source == f"{p}#4"
    bad = out[1]
    assert isinstance(bad, Failure) and bad.source == str(p) and bad.line == 2 and "not JSON" in bad.reason
    assert isinstance(out[0], Document) and out[0].reference_date_basis == "inferred"
    assert out[0].reference_date == "2026-03-01"


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>VnExpress RSS</title><link>https://vnexpress.net</link>
<item><title>Hà Nội mưa lớn, nhiều tuyến phố ngập</title>
<link>https://vnexpress.net/ha-noi-mua-lon-1.html</link>
<pubDate>Mon, 16 Feb 2026 23:30:00 GMT</pubDate>
<description><![CDATA[<a href="x"><img src="a.jpg"></a></br>Rạng sáng nay, mưa lớn kéo dài khiến nhiều tuyến phố ở Hà Nội ngập sâu.]]></description>
</item>
<item><title>Không có nội dung</title><link>https://vnexpress.net/x.html</link><description></description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Tuổi Trẻ Online</title>
<entry><title>Khánh thành cầu mới</title><link href="https://tuoitre.vn/cau-moi-2.htm"/>
<published>2026-01-10T08:15:00+07:00</published><author><name>Minh Khoa</name></author>
<content type="html">&lt;p&gt;Sáng 10-1, cầu mới bắc qua sông Hồng được khánh thành.&lt;/p&gt;&lt;p&gt;Cây cầu dài 2 km.&lt;/p&gt;</content>
</entry></feed>"""


def test_rss_items(tmp_path: Path) -> None:
    p = tmp_path / "vne.rss"
    p.write_text(RSS)
    out = items(p)
    assert isinstance(out[0], Document) and isinstance(out[1], Failure)
    doc = out[0]
    assert doc.source == f"{p}#item-1"
    assert doc.text.startswith("Hà Nội mưa lớn, nhiều tuyến phố ngập\nRạng sáng nay")
    assert "<" not in doc.text
    assert doc.outlet == "VnExpress" and doc.url == "https://vnexpress.net/ha-noi-mua-lon-1.html"
    # 23:30 GMT on the 16th is the morning of the 17th in Vietnam
    assert doc.reference_date == "2026-02-17" and doc.reference_date_basis == "metadata"
    assert out[1].source == f"{p}#item-2"


def test_atom_entry(tmp_path: Path) -> None:
    p = tmp_path / "tto.xml"
    p.write_text(ATOM)
    (doc,) = docs(p)
    assert doc.title == "Khánh thành cầu mới" and doc.author == "Minh Khoa" and doc.outlet == "Tuổi Trẻ"
    assert "Sáng 10-1, cầu mới bắc qua sông Hồng được khánh thành.\nCây cầu dài 2 km." in doc.text
    assert doc.published == "2026-01-10T08:15+07:00"


@pytest.mark.filterwarnings("error::DeprecationWarning")
def test_rss_item_with_an_empty_pubdate_has_no_date_and_no_warning(tmp_path: Path) -> None:
    """An empty ``<pubDate>`` gives no published date; feedparser's deprecated ``updated`` -> ``published``
    mapping is never asked for (it warns, and will be removed)."""
    p = tmp_path / "empty-date.rss"
    p.write_text(
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Báo</title>'
        "<item><title>Mưa lớn ở Hà Nội</title><pubDate></pubDate>"
        "<description>Rạng sáng nay, Hà Nội mưa lớn, nhiều tuyến phố ngập sâu.</description></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    (doc,) = docs(p)
    assert doc.published is None and doc.text.startswith("Mưa lớn ở Hà Nội")


class _Stdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


def test_stdin_text_and_jsonl(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        sys, "stdin", _Stdin(" date 2026-02-21 Bài báo đọc từ stdin.\nDòng thứ hai.\n".encode())
    )
    (doc,) = docs("-")
    assert doc.source == "-" and doc.reference_date == "2026-02-21" and doc.text.startswith("Bài báo đọc")
    jl = '{"text": "Bài một.", "date": "2026-01-01"}\n{"text": "Bài hai.", "date": "2026-01-02"}\n'
    monkeypatch.setattr(sys, "stdin", _Stdin(jl.encode()))
    out = docs("-")
    assert [d.source for d in out] == ["-#1", "-#2"]
    assert [d.reference_date for d in out] == ["2026-01-01", "2026-01-02"]


def test_folder_walk_is_sorted_and_skips_hidden_and_non_articles(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("Bài hai\nNội dung bài hai.\n")
    (tmp_path / "a.txt").write_text("Bài một\nNội dung bài một.\n")
    (tmp_path / ".hidden.txt").write_text("Ẩn\nKhông đọc.\n")
    (tmp_path / "README.md").write_text("# readme\n")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0binary")
    out = docs(tmp_path)
    assert [Path(d.source).name for d in out] == ["a.txt", "2.txt"]


def test_explicit_file_with_unknown_extension_is_sniffed(tmp_path: Path) -> None:
    p = tmp_path / "article.dat"
    p.write_text(page("<title>Tin</title>"))
    (doc,) = docs(p)
    assert doc.title == "Tin" or doc.title == "Tổng Bí thư tiếp Trợ lý Ngoại trưởng Hoa Kỳ"
    assert "<p>" not in doc.text
