"""Bad input never raises: each problem is a Failure naming the file (and line), the rest goes on."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest

from biennien.ingest import iter_documents
from biennien.ingest.encoding import UndecodableError, decode, vietnamese_score
from biennien.model import Document, Failure

ARTICLE = (
    "Tổng Bí thư tiếp Trợ lý Ngoại trưởng Hoa Kỳ\n"
    "Chiều 13-2, tại trụ sở Trung ương Đảng, Tổng Bí thư đã tiếp Trợ lý Ngoại trưởng Hoa Kỳ. "
    "Hai bên nhất trí thúc đẩy hoà bình, hợp tác và phát triển; quan hệ ngày càng khởi sắc.\n"
)

_TONES = "\u0300\u0301\u0309\u0303\u0323"


def cp1258(text: str) -> bytes:
    """Encode the way Windows-1258 does: base letter (with its shape mark) + a combining tone mark."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        d = unicodedata.normalize("NFD", ch)
        tone = "".join(c for c in d if c in _TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in d if c not in _TONES))
        out += (base + tone).encode("cp1258")
    return bytes(out)


def run(*paths: Path | str, **kw: int) -> list[Document | Failure]:
    return list(iter_documents([str(p) for p in paths], **kw))


def test_missing_path_fails_and_the_rest_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE)
    out = run(tmp_path / "nope.txt", good)
    assert isinstance(out[0], Failure) and out[0].source == str(tmp_path / "nope.txt")
    assert "no such file" in out[0].reason
    assert isinstance(out[1], Document)


@pytest.mark.parametrize(
    "content", ["", "   \n\t\n  ", " date 2026-02-17 ", "# url = https://x.vn/a\n# date = 20260101\n\n"]
)
def test_empty_or_whitespace_articles(tmp_path: Path, content: str) -> None:
    p = tmp_path / "empty.txt"
    p.write_text(content)
    (f,) = run(p)
    assert isinstance(f, Failure) and f.source == str(p) and "empty" in f.reason


def test_only_captions_is_no_article(tmp_path: Path) -> None:
    p = tmp_path / "cap.txt"
    p.write_text("Chính trị\nẢnh: TTXVN\n")
    (f,) = run(p)
    assert isinstance(f, Failure) and "no article body" in f.reason


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (bytes(range(256)) * 4, "NUL"),
    ],
)
def test_binary_files(tmp_path: Path, data: bytes, kind: str) -> None:
    p = tmp_path / "x.txt"
    p.write_bytes(data)
    (f,) = run(p)
    assert isinstance(f, Failure) and "not a text file" in f.reason and kind in f.reason


def test_size_limit_is_a_parameter(tmp_path: Path) -> None:
    p = tmp_path / "big.txt"
    p.write_text(ARTICLE * 10)
    (f,) = run(p, max_bytes=200)
    assert isinstance(f, Failure) and "size limit of 200 bytes" in f.reason
    (ok,) = run(p)
    assert isinstance(ok, Document)


def test_jsonl_size_limit_is_per_line(tmp_path: Path) -> None:
    p = tmp_path / "x.jsonl"
    p.write_text('{"text": "Bài ngắn."}\n{"text": "' + "Rất dài. " * 100 + '"}\n{"text": "Bài ngắn nữa."}\n')
    out = run(p, max_bytes=300)
    assert [type(x).__name__ for x in out] == ["Document", "Failure", "Document"]
    assert isinstance(out[1], Failure) and out[1].line == 2 and "size limit" in out[1].reason


def test_jsonl_not_json_line_names_the_line(tmp_path: Path) -> None:
    p = tmp_path / "x.jsonl"
    p.write_text('{"text": "Bài một."}\n[1, 2\n"chuỗi"\n')
    out = run(p)
    assert isinstance(out[0], Document)
    assert isinstance(out[1], Failure) and out[1].line == 2 and "not JSON" in out[1].reason
    assert isinstance(out[2], Failure) and out[2].line == 3 and "not an object" in out[2].reason
    assert str(out[1]) == f"{p}:2: {out[1].reason}"


def test_invalid_json_file(tmp_path: Path) -> None:
    p = tmp_path / "x.json"
    p.write_text('{"text": "thiếu ngoặc"')
    (f,) = run(p)
    assert isinstance(f, Failure) and "not valid JSON" in f.reason


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(tmp_path: Path) -> None:
    p = tmp_path / "secret.txt"
    p.write_text(ARTICLE)
    p.chmod(0)
    try:
        (f,) = run(p)
    finally:
        p.chmod(0o644)
    assert isinstance(f, Failure) and "cannot read" in f.reason


def test_broken_symlink_is_a_failure(tmp_path: Path) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to(tmp_path / "gone.txt")
    (f,) = run(link)
    assert isinstance(f, Failure) and f.source == str(link)


def test_windows_1258_is_decoded_and_noted(tmp_path: Path) -> None:
    p = tmp_path / "legacy.txt"
    p.write_bytes(cp1258(ARTICLE))
    (doc,) = run(p)
    assert isinstance(doc, Document)
    assert doc.encoding == "windows-1258"
    assert any("windows-1258" in w for w in doc.warnings)
    assert doc.text == unicodedata.normalize("NFC", ARTICLE.strip())
    utf8 = tmp_path / "same.txt"
    utf8.write_text(ARTICLE)
    (doc2,) = run(utf8)
    assert isinstance(doc2, Document) and doc2.id == doc.id and doc2.encoding == "utf-8"


def test_tcvn3_and_vni_are_refused_with_a_reason() -> None:
    tcvn3 = (
        "Tæng BÝ th\xad ®· tiÕp Trî lý Ngo¹i tr\xadëng Hoa Kú nh©n dÞp th¨m chÝnh thøc ViÖt Nam t¹i trô së."
    )
    with pytest.raises(UndecodableError, match="TCVN3"):
        decode(tcvn3.encode("latin-1"))
    vni = "Toång Bí thö ñaõ tieáp Trôï lyù Ngoaïi tröôûng Hoa Kyø nhaân dòp thaêm chính thöùc Vieät Nam taïi truï sôû."
    with pytest.raises(UndecodableError, match="VNI"):
        decode(vni.encode("latin-1"))


def test_tcvn3_file_is_a_failure(tmp_path: Path) -> None:
    p = tmp_path / "tcvn3.txt"
    p.write_bytes(
        "Tæng BÝ th\xad ®· tiÕp Trî lý Ngo¹i tr\xadëng Hoa Kú nh©n dÞp th¨m ViÖt Nam t¹i trô së.".encode(
            "latin-1"
        )
    )
    (f,) = run(p)
    assert isinstance(f, Failure) and "TCVN3" in f.reason and f.source == str(p)


def test_vietnamese_score() -> None:
    assert vietnamese_score("Tổng Bí thư Tô Lâm đã tiếp đoàn") == 1.0
    assert vietnamese_score("ViÖt Nam Tæng") < 0.5


def test_html_declared_charset_windows_1258(tmp_path: Path) -> None:
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1258">'
        '<meta property="article:published_time" content="2026-02-14T07:22:00+07:00"><title>Tin</title></head>'
        f"<body><article><h1>Tin</h1><p>{ARTICLE}</p><p>{ARTICLE}</p></article></body></html>"
    )
    p = tmp_path / "legacy.html"
    p.write_bytes(cp1258(html))
    (doc,) = run(p)
    assert isinstance(doc, Document) and doc.encoding == "windows-1258"
    assert "Tổng Bí thư đã tiếp" in doc.text
