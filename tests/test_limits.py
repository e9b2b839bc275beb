"""Ingest limits: each refusal is a Failure that names the file and the limit, and the walk goes on."""

from __future__ import annotations

import gzip
import json
import time
from pathlib import Path

from biennien.ingest import Limits, iter_bytes, iter_documents
from biennien.model import Document, Failure

ARTICLE = (
    "Hà Nội khởi công tuyến đường sắt đô thị mới\n"
    "Sáng 18/2, UBND thành phố Hà Nội tổ chức lễ khởi công tuyến đường sắt đô thị số 5 "
    "với tổng mức đầu tư 65.400 tỷ đồng.\n"
)


def _run(*paths: Path, limits: Limits | None = None) -> list[Document | Failure]:
    return list(iter_documents([str(p) for p in paths], limits=limits))


def _only_failure(items: list[Document | Failure]) -> Failure:
    assert len(items) == 1 and isinstance(items[0], Failure), items
    return items[0]


def _rss(n_items: int, extra_head: str = "", body: str = ARTICLE) -> str:
    items = "".join(
        f"<item><title>Tin số {i}</title><link>https://vnexpress.net/a-{i}.html</link>"
        f"<pubDate>Tue, 17 Feb 2026 07:22:00 +0700</pubDate><description>{body} Bài {i}.</description></item>"
        for i in range(n_items)
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?>{extra_head}<rss version="2.0"><channel>'
        f"<title>VnExpress</title>{items}</channel></rss>"
    )


def test_article_length_limit_names_file_and_limit(tmp_path: Path) -> None:
    p = tmp_path / "dai.txt"
    p.write_text(ARTICLE + "Nội dung tiếp theo của bài viết. " * 400, encoding="utf-8")
    f = _only_failure(_run(p, limits=Limits(max_chars=5000)))
    assert f.source == str(p) and "over the limit of 5,000" in f.reason and "characters" in f.reason
    (doc,) = _run(p)  # the default limit lets a long real article through
    assert isinstance(doc, Document)


def test_article_length_limit_applies_to_every_format(tmp_path: Path) -> None:
    long_text = ARTICLE + "Nội dung tiếp theo của bài viết. " * 400
    (tmp_path / "a.jsonl").write_text(json.dumps({"text": long_text}, ensure_ascii=False) + "\n", "utf-8")
    (tmp_path / "b.json").write_text(json.dumps([{"text": long_text}], ensure_ascii=False), "utf-8")
    (tmp_path / "c.rss").write_text(_rss(1, body=long_text), "utf-8")
    html = f"<html><head><title>x</title></head><body><article><p>{long_text}</p></article></body></html>"
    (tmp_path / "d.html").write_text(html, "utf-8")
    out = _run(tmp_path, limits=Limits(max_chars=5000))
    assert len(out) == 4 and all(isinstance(x, Failure) and "5,000" in x.reason for x in out), out


def test_feed_item_limit_keeps_the_first_items_and_reports_the_rest(tmp_path: Path) -> None:
    p = tmp_path / "tin.rss"
    p.write_text(_rss(12), encoding="utf-8")
    out = _run(p, limits=Limits(max_items=5))
    docs = [x for x in out if isinstance(x, Document)]
    fails = [x for x in out if isinstance(x, Failure)]
    assert len(docs) == 5 and [d.source for d in docs][0] == f"{p}#item-1"
    assert len(fails) == 1 and fails[0].source == str(p)
    assert "12 items" in fails[0].reason and "limit of 5" in fails[0].reason


def test_json_record_limit(tmp_path: Path) -> None:
    p = tmp_path / "tin.json"
    p.write_text(json.dumps([{"text": f"{ARTICLE} Bài {i}."} for i in range(8)], ensure_ascii=False), "utf-8")
    out = _run(p, limits=Limits(max_items=3))
    assert sum(isinstance(x, Document) for x in out) == 3
    assert any(isinstance(x, Failure) and "8 records" in x.reason for x in out)


BILLION_LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(2, 10))
    + '<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
)


def test_billion_laughs_feed_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "bom.xml"
    p.write_text(_rss(1, BILLION_LAUGHS, body="&lol9; " + ARTICLE), encoding="utf-8")
    f = _only_failure(_run(p))
    assert f.source == str(p) and "entity-expansion" in f.reason and "<!ENTITY" in f.reason


def test_quadratic_blowup_html_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "bom.html"
    big = "A" * 50_000
    p.write_text(
        f'<!DOCTYPE html [<!ENTITY a "{big}">]><html><body><article><p>{"&a;" * 2000}</p>'
        f"<p>{ARTICLE}</p></article></body></html>",
        encoding="utf-8",
    )
    f = _only_failure(_run(p))
    assert f.source == str(p) and "entity" in f.reason


def test_gzip_input_is_read(tmp_path: Path) -> None:
    p = tmp_path / "bai.txt.gz"
    p.write_bytes(gzip.compress(ARTICLE.encode("utf-8")))
    q = tmp_path / "bai.txt"
    q.write_text(ARTICLE, encoding="utf-8")
    a, b = _run(p), _run(q)
    assert isinstance(a[0], Document) and isinstance(b[0], Document) and a[0].id == b[0].id
    assert [Path(x).name for x in _walk(tmp_path)] == ["bai.txt", "bai.txt.gz"]


def _walk(folder: Path) -> list[str]:
    from biennien.ingest import walk

    return list(walk(str(folder)))


def test_gzip_bomb_is_refused_quickly_without_inflating(tmp_path: Path) -> None:
    p = tmp_path / "bom.html.gz"
    p.write_bytes(gzip.compress(b"<p>" + b"A" * 200_000_000, compresslevel=9))  # ~200 KB on disk
    t0 = time.perf_counter()
    f = _only_failure(_run(p))
    assert time.perf_counter() - t0 < 5
    assert f.source == str(p) and "decompression bomb" in f.reason


def test_gzip_over_size_limit_and_corrupt_gzip(tmp_path: Path) -> None:
    p = tmp_path / "to.txt.gz"
    p.write_bytes(gzip.compress(ARTICLE.encode() * 200))
    f = _only_failure(_run(p, limits=Limits(max_bytes=10_000, max_ratio=10_000)))
    assert "size limit of 10,000 bytes" in f.reason
    bad = tmp_path / "hong.txt.gz"
    bad.write_bytes(gzip.compress(ARTICLE.encode())[:-12])
    assert "gzip data" in _only_failure(_run(bad)).reason


def test_deeply_nested_json_and_jsonl_are_refused(tmp_path: Path) -> None:
    deep = "[" * 100_000 + "]" * 100_000
    (tmp_path / "a.json").write_text(deep, "utf-8")
    (tmp_path / "b.jsonl").write_text(
        json.dumps({"text": ARTICLE}, ensure_ascii=False) + "\n" + '{"text": ' + deep + "}\n", "utf-8"
    )
    moderately = {"text": ARTICLE, "x": json.loads("[" * 80 + "]" * 80)}
    (tmp_path / "c.json").write_text(json.dumps(moderately, ensure_ascii=False), "utf-8")
    out = _run(tmp_path)
    a, b1, b2, c = out
    assert isinstance(a, Failure) and a.source.endswith("a.json") and "nested" in a.reason
    assert isinstance(b1, Document)
    assert isinstance(b2, Failure) and b2.line == 2 and "nested" in b2.reason
    assert isinstance(c, Failure) and "over 64 levels" in c.reason


def test_deeply_nested_html_and_json_ld_do_not_crash() -> None:
    html = "<html><body>" + "<div>" * 50_000 + ARTICLE + "</div>" * 50_000 + "</body></html>"
    out = list(iter_bytes(html.encode(), "sau.html"))
    assert len(out) == 1  # a Document or a Failure, never an exception
    ld = '<script type="application/ld+json">' + "[" * 5000 + "]" * 5000 + "</script>"
    page = f"<html><head>{ld}</head><body><article><p>{ARTICLE}</p></article></body></html>"
    (doc,) = list(iter_bytes(page.encode(), "ld.html"))
    assert isinstance(doc, Document)


def test_iter_bytes_size_limit() -> None:
    (f,) = list(iter_bytes(ARTICLE.encode(), "x.txt", limits=Limits(max_bytes=50)))
    assert isinstance(f, Failure) and "size limit of 50 bytes" in f.reason
