"""The web interface through FastAPI's TestClient: pages, API, escaping, CSP, search errors, limits, auth."""

from __future__ import annotations

import base64
import re
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from biennien.model import (
    DocAnalysis,
    Document,
    Entity,
    Event,
    Evidence,
    Fact,
    Mention,
    MentionRef,
    Participant,
    Quantity,
    Timex,
)
from biennien.store import Store
from biennien.vi.sentences import split_sentences
from biennien.web.app import create_app
from biennien.web.data import date_bounds, name_key, segment

EVIL = "<script>alert('x')</script>"
TEXT_1 = (
    "Chiều 13-2, Tổng Bí thư Tô Lâm tiếp Trợ lý Ngoại trưởng Hoa Kỳ Michael DeSombre tại Hà Nội.\n"
    f"Bài viết có đoạn mã {EVIL} do kẻ xấu chèn vào.\n"
    "Kim ngạch thương mại hai chiều năm 2025 đạt 15,8 tỷ USD, tăng 28,6%."
)
TEXT_2 = (
    "Ngày 14-2, Bộ trưởng Bộ Quốc phòng Phan Văn Giang hội đàm với Bộ trưởng Chiến tranh Hoa Kỳ.\n"
    "Kim ngạch thương mại hai chiều năm 2025 đạt 16,1 tỷ USD theo số liệu của phía Hoa Kỳ."
)


def _ev(doc: str, text: str, needle: str) -> Evidence:
    start = text.index(needle)
    for s in split_sentences(text):
        if s.start <= start < s.end:
            return Evidence(doc, s.start, s.end, text[s.start : s.end])
    raise AssertionError(needle)


def make_store(path: Path) -> Path:
    """A small linked store with hostile text in a title, a body and an entity name."""
    store = Store(path)
    d1 = Document("d1", "a.txt", TEXT_1, title=f"Tiếp Trợ lý {EVIL}", outlet="Báo A", published="2026-02-13",
                  reference_date="2026-02-13", reference_date_basis="metadata", url="javascript:alert(1)")  # fmt: skip
    d2 = Document("d2", "b.txt", TEXT_2, title="Hội đàm quốc phòng", outlet="Báo B", published="2026-02-14",
                  reference_date="2026-02-14", reference_date_basis="metadata")  # fmt: skip
    a1 = DocAnalysis(
        "d1",
        sentences=split_sentences(TEXT_1),
        timexes=[Timex("Chiều 13-2", 0, 10, "DATE", "2026-02-13TAF")],
        mentions=[Mention("Tô Lâm", 24, 30, "PER", "Tô Lâm", "Tổng Bí thư")],
        quantities=[Quantity("15,8 tỷ USD", TEXT_1.index("15,8"), TEXT_1.index("15,8") + 11, 15.8e9, "USD")],
    )
    a2 = DocAnalysis("d2", sentences=split_sentences(TEXT_2))
    store.add_document(d1, a1)
    store.add_document(d2, a2)
    e1 = _ev("d1", TEXT_1, "tiếp Trợ lý")
    e2 = _ev("d2", TEXT_2, "hội đàm")
    events = [
        Event(
            "ev1",
            "reception",
            "2026-02-13TAF",
            "Tổng Bí thư Tô Lâm tiếp Trợ lý Ngoại trưởng Hoa Kỳ",
            participants=[
                Participant("Tô Lâm", "agent", "p1", "Tổng Bí thư"),
                Participant(f"Michael {EVIL}", "partner", None, None),
            ],
            place="Hà Nội",
            evidence=[e1],
        ),  # fmt: skip
        Event(
            "ev2",
            "meeting",
            "2026-02-14",
            "Bộ trưởng Phan Văn Giang hội đàm với Bộ trưởng Hoa Kỳ",
            participants=[
                Participant("Phan Văn Giang", "agent", "p2", "Bộ trưởng Bộ Quốc phòng"),
                Participant("Tô Lâm", "partner", "p1", None),
            ],
            evidence=[e2],
        ),  # fmt: skip
        Event("ev3", "statement", "2024-05", "Tuyên bố năm 2024", evidence=[e2]),
        Event("ev4", "visit", None, "Chuyến thăm chưa rõ ngày", evidence=[e1]),
    ]
    entities = [
        Entity("p1", "Tô Lâm", "PER", ["Tổng Bí thư Tô Lâm"], ["Tổng Bí thư"], [MentionRef("d1", 24, 30)]),
        Entity("p2", "Phan Văn Giang", "PER", [], ["Bộ trưởng Bộ Quốc phòng"], []),
        Entity("o1", f"Tổ chức {EVIL}", "ORG", [], [], []),
    ]
    k1 = _ev("d1", TEXT_1, "Kim ngạch")
    k2 = _ev("d2", TEXT_2, "Kim ngạch")
    facts = [
        Fact(
            "f1",
            15.8e9,
            "USD",
            "kim ngạch thương mại hai chiều",
            [k1],
            subject="Việt Nam - Hoa Kỳ",
            period="2025",
            conflicts_with=["f2"],
        ),  # fmt: skip
        Fact(
            "f2",
            16.1e9,
            "USD",
            "kim ngạch thương mại hai chiều",
            [k2],
            subject="Việt Nam - Hoa Kỳ",
            period="2025",
            conflicts_with=["f1"],
        ),  # fmt: skip
        Fact(
            "f3",
            11.1e9,
            "USD",
            "kim ngạch thương mại hai chiều",
            [k1],
            subject="Việt Nam - Hoa Kỳ",
            period="2024",
        ),  # fmt: skip
    ]
    stories = [{"id": "s1", "title": "Quan hệ Việt - Mỹ", "first": "2026-02-13", "last": "2026-02-14",
                "events": ["ev1", "ev2"]}]  # fmt: skip
    store.replace_linked(entities, events, facts, duplicate_of={"d2": None}, stories=stories)
    store.close()
    return path


@pytest.fixture()
def client(tmp_path: Path) -> TestClient:
    return TestClient(create_app(make_store(tmp_path / "w.db"), warm=False))


def test_timeline_groups_by_year_and_month_and_shows_sources(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200
    html = r.text
    assert "Tháng 2/2026" in html and "Tháng 5/2024" in html
    assert html.index("Tháng 5/2024") < html.index("Tháng 2/2026") < html.index("Không rõ thời gian")
    assert "chiều 13/2/2026" in html
    assert 'href="/entity/p1"' in html
    assert "<svg" in html and 'class="bar' in html


def test_timeline_filters_by_entity_type_story_and_dates(client: TestClient) -> None:
    def summaries(url: str) -> set[str]:
        return set(re.findall(r'href="/event/(ev\d)"', client.get(url).text))

    assert summaries("/?entity=p2") == {"ev2"}
    assert summaries("/?entity=p1") == {"ev1", "ev2"}
    assert summaries("/?type=statement") == {"ev3"}
    assert summaries("/?story=s1") == {"ev1", "ev2"}
    assert summaries("/?from=2026-02-14&to=2026") == {"ev2"}
    assert summaries("/?from=2024&to=2024-12") == {"ev3"}
    # the density strip zooms: bars become days when the range is a month
    zoomed = client.get("/?from=2026-02&to=2026-02").text
    assert "2026-02-13: 1" in zoomed and "2026-02-14: 1" in zoomed


def test_event_page_links_evidence_to_document_sentence(client: TestClient) -> None:
    html = client.get("/event/ev1").text
    m = re.search(r'href="(/doc/d1\?hl=(\d+)-(\d+)#s-\d+)"', html)
    assert m, html
    doc = client.get(m.group(1).replace("&amp;", "&")).text
    start = int(m.group(2))
    assert f'id="s-{start}"' in doc
    assert 'class="hl"' in doc or ' hl"' in doc
    assert "Báo A" in html and "13/2/2026" in html


def test_document_highlights_timex_entity_and_figure_with_values(client: TestClient) -> None:
    html = client.get("/doc/d1").text
    assert 'title="DATE 2026-02-13TAF"' in html
    assert "Người: Tô Lâm — Tổng Bí thư" in html
    assert "15,8 tỷ USD" in html and 'class="fig"' in html
    # a javascript: URL from metadata is never turned into a link
    assert "javascript:" not in html


def test_entity_page_has_roles_events_in_order_and_cooccurrence(client: TestClient) -> None:
    html = client.get("/entity/p1").text
    assert "Tổng Bí thư Tô Lâm" in html  # alias
    assert "Tổng Bí thư" in html
    assert html.index("/event/ev1") < html.index("/event/ev2")
    assert 'href="/entity/p2"' in html  # co-occurs in ev2
    giang = client.get("/entity/p2").text
    assert "Bộ trưởng Bộ Quốc phòng" in giang and "14/2/2026" in giang
    # an unlinked participant still gets a page
    assert client.get(f"/entity/{name_key(f'Michael {EVIL}')}").status_code == 200


def test_facts_page_conflicts_side_by_side_series_chart_and_sorting(client: TestClient) -> None:
    html = client.get("/facts").text
    assert html.count('class="side"') == 2
    assert "15,8 tỷ USD" in html and "16,1 tỷ USD" in html
    assert "<polyline" in html  # 2024 -> 2025 series
    asc = client.get("/facts?sort=value&dir=asc").text
    desc = client.get("/facts?sort=value&dir=desc").text
    table = lambda h: h[h.index('id="fact-table"') :]  # noqa: E731
    assert table(asc).index("11,1 tỷ") < table(asc).index("16,1 tỷ")
    assert table(desc).index("16,1 tỷ") < table(desc).index("11,1 tỷ")


@pytest.mark.parametrize(
    "url", ["/", "/doc/d1", "/event/ev1", "/entities", "/entity/o1", "/documents", "/facts"]
)
def test_untrusted_text_is_escaped_everywhere(client: TestClient, url: str) -> None:
    html = client.get(url).text
    assert "<script>alert" not in html
    assert "<script" not in html.replace('<script src="/static/app.js" defer></script>', "")


def test_search_term_is_escaped_and_diacritics_are_optional(client: TestClient) -> None:
    r = client.get("/search", params={"q": "to lam"})
    assert r.status_code == 200
    assert "Tô Lâm" in r.text and "/doc/d1?hl=" in r.text
    r = client.get("/search", params={"q": f'"><svg onload=alert(1)> {EVIL}'})
    assert r.status_code == 200
    assert "<svg onload" not in r.text and "<script>alert" not in r.text
    assert client.get("/api/search", params={"q": "phan van giang"}).json()["results"][0]["doc"] == "d2"


@pytest.mark.parametrize(
    "q", ['"', "AND", "a OR", "(((", "NEAR(", "*", "col:x", "-", "^", "'", "\\", "ă" * 300]
)
def test_hostile_search_syntax_never_500(client: TestClient, q: str) -> None:
    assert client.get("/search", params={"q": q}).status_code == 200
    assert client.get("/api/search", params={"q": q[:300]}).status_code in (200, 400)


def test_engine_query_error_becomes_friendly_message(tmp_path: Path) -> None:
    def failing(query: str, limit: int = 50) -> list[dict[str, Any]]:
        raise sqlite3.OperationalError('fts5: syntax error near """')

    def opener() -> Store:
        store = Store(db, readonly=True)
        store.search = failing  # type: ignore[method-assign]
        return store

    db = make_store(tmp_path / "w.db")
    c = TestClient(create_app(opener=opener, warm=False))
    r = c.get("/search", params={"q": 'a "b'})
    assert r.status_code == 200 and 'id="search-error"' in r.text
    assert "syntax error" not in r.text
    r = c.get("/api/search", params={"q": 'a "b'})
    assert r.status_code == 400 and "error" in r.json()


def test_security_headers_on_pages_api_and_errors(client: TestClient) -> None:
    for url in ("/", "/api/events", "/nope", "/static/app.js"):
        r = client.get(url)
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp
        assert r.headers["x-content-type-options"] == "nosniff"


def test_pages_have_no_inline_script_or_style(client: TestClient) -> None:
    for url in ("/", "/event/ev1", "/doc/d1", "/facts", "/search?q=to+lam"):
        html = client.get(url).text
        assert not re.search(r"<script(?![^>]*\bsrc=)", html)
        assert " style=" not in html and "<style" not in html
        assert not re.search(r"\son[a-z]+=", html)


@pytest.mark.parametrize(
    "url",
    [
        "/static/../../../etc/passwd",
        "/static/%2e%2e/%2e%2e/etc/passwd",
        "/static/..%2f..%2fetc%2fpasswd",
        "/doc/..%2f..%2fetc%2fpasswd",
        "/doc/%2Fetc%2Fpasswd",
        "/static//etc/passwd",
        "/api/documents/..%2Fw.db",
    ],
)
def test_no_path_traversal(client: TestClient, url: str) -> None:
    r = client.get(url)
    assert r.status_code in (400, 404)
    assert "root:" not in r.text and "SQLite format" not in r.text


def test_request_size_limits(client: TestClient) -> None:
    r = client.post("/api/events", content=b"x" * 100_000)
    assert r.status_code == 413
    r = client.get("/search?q=" + "a" * 10_000)
    assert r.status_code == 414


def test_token_auth(tmp_path: Path) -> None:
    c = TestClient(create_app(make_store(tmp_path / "w.db"), token="s3cret-token", warm=False))
    assert c.get("/").status_code == 401
    assert c.get("/", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert c.get("/", headers={"Authorization": "Bearer s3cret-token"}).status_code == 200
    basic = base64.b64encode(b"reader:s3cret-token").decode()
    assert c.get("/api/events", headers={"Authorization": f"Basic {basic}"}).status_code == 200
    assert c.get("/api/events", headers={"Authorization": "Basic !!!"}).status_code == 401


def test_english_toggle_changes_labels_not_content(client: TestClient) -> None:
    en = client.get("/?lang=en")
    assert "Timeline" in en.text and "Feb 2026" in en.text
    assert "Tổng Bí thư Tô Lâm tiếp" in en.text
    assert client.get("/facts").text.count("Facts") >= 1  # cookie kept
    assert "Dòng thời gian" in client.get("/?lang=vi").text


def test_api_and_openapi(client: TestClient) -> None:
    schema = client.get("/api/openapi.json").json()
    for path in ("/api/events", "/api/entities", "/api/facts", "/api/documents", "/api/search"):
        assert path in schema["paths"]
    events = client.get("/api/events", params={"entity": "p1"}).json()
    assert [e["id"] for e in events["events"]] == ["ev1", "ev2"]
    assert client.get("/api/events/ev1").json()["evidence"][0]["doc"] == "d1"
    doc = client.get("/api/documents/d1").json()
    assert doc["timexes"][0]["value"] == "2026-02-13TAF" and EVIL in doc["text"]
    assert "p2" in {c["entity"] for c in client.get("/api/entities/p1").json()["cooccurring"]}
    assert client.get("/api/events/nope").status_code == 404


def test_pages_follow_store_changes(tmp_path: Path) -> None:
    db = make_store(tmp_path / "w.db")
    app = create_app(db, warm=False)
    c = TestClient(app)
    assert "Sự kiện mới" not in c.get("/").text
    store = Store(db)
    events = store.events() + [Event("ev9", "other", "2026-03", "Sự kiện mới", evidence=[])]
    store.replace_linked(store.entities(), events, store.facts())
    store.close()
    app.app.state.cache.check_every = 0.0
    assert "Sự kiện mới" in c.get("/").text


def test_date_bounds_and_segment() -> None:
    assert date_bounds("2025-07") == ("2025-07-01", "2025-07-31")
    assert date_bounds("2021-Q1") == ("2021-01-01", "2021-03-31")
    assert date_bounds("2026-02-13TAF") == ("2026-02-13", "2026-02-13")
    assert date_bounds("XXXX-02-18") is None and date_bounds("P3M") is None
    pieces = segment("abcdef", [(0, 4, "a", "A"), (2, 6, "b", "B"), (5, 99, "c", "bad")])
    assert [(p.text, p.classes) for p in pieces] == [("ab", ["a"]), ("cd", ["a", "b"]), ("ef", ["b"])]


def test_timeline_entity_by_name_and_clear_notices(client: TestClient) -> None:
    def events(url: str) -> set[str]:
        return set(re.findall(r'href="/event/(ev\d)"', client.get(url).text))

    # a reader types a name (any case), not an internal id; the form shows the entity's name back
    assert events("/?entity=t%C3%B4%20l%C3%A2m") == {"ev1", "ev2"}
    assert 'name="entity" value="Tô Lâm"' in client.get("/?entity=T%C3%B4%20L%C3%A2m").text
    unknown = client.get("/?entity=Kh%C3%B4ng%20Ai").text
    assert "Không có người hay tổ chức nào tên" in unknown and "Không Ai" in unknown
    assert not re.findall(r'href="/event/(ev\d)"', unknown)
    # a malformed date is named and ignored, not silently turned into "no events"
    bad = client.get("/?from=2026-13-45").text
    assert "Ngày không hợp lệ" in bad and "2026-13-45" in bad
    assert set(re.findall(r'href="/event/(ev\d)"', bad)) == events("/")
    assert client.get("/api/events", params={"entity": "Tô Lâm"}).json()["total"] == 2
    r = client.get("/api/events", params={"from": "garbage"})
    assert r.status_code == 422 and "not a date" in r.text


def test_entity_page_names_participants(client: TestClient) -> None:
    html = client.get("/entity/p1").text
    assert ">Phan Văn Giang</a>" in html
    assert ">p2</a>" not in html


def test_season_and_half_year_dates_render(tmp_path: Path) -> None:
    db = make_store(tmp_path / "w.db")
    store = Store(db)
    events = store.events() + [
        Event("ev7", "other", "2023-WI", "Đợt rét đậm mùa đông", evidence=[]),
        Event("ev8", "other", "2026-H1", "Kế hoạch nửa đầu năm", evidence=[]),
    ]
    store.replace_linked(store.entities(), events, store.facts())
    store.close()
    c = TestClient(create_app(db, warm=False))
    vi, en = c.get("/"), c.get("/?lang=en")
    assert vi.status_code == en.status_code == 200
    assert "mùa đông 2023" in vi.text and "6 tháng đầu năm 2026" in vi.text
    assert "winter 2023" in en.text
    assert c.get("/event/ev7").status_code == 200
    # a winter runs into the next year's February: the filter finds it there
    assert "ev7" in c.get("/?from=2024-02&to=2024-02").text


def test_document_page_shows_the_paragraphs_the_linker_matched(tmp_path: Path) -> None:
    from biennien.build import build

    para = (
        "Theo số liệu của Tổng cục Hải quan, kim ngạch thương mại hai chiều giữa Việt Nam và Hoa Kỳ trong "
        "tháng 1 năm 2026 đạt 15,8 tỷ USD, trong đó xuất khẩu đạt 13,9 tỷ USD và nhập khẩu 1,9 tỷ USD."
    )
    # the reprint rewords the country's name: exact text matching would miss it
    reprint = para.replace("Hoa Kỳ", "Mỹ").replace("Theo số liệu", "Theo thống kê")
    a = tmp_path / "in" / "a.txt"
    a.parent.mkdir()
    a.write_text(f"Thương mại Việt - Mỹ tăng mạnh\n{para}\nHai bên cam kết thúc đẩy hợp tác.\n")
    (tmp_path / "in" / "b.txt").write_text(
        f"Xuất khẩu sang Mỹ khởi sắc đầu năm\nBài viết mở đầu bằng một câu hoàn toàn khác.\n{reprint}\n"
    )
    store = Store(tmp_path / "s.db")
    report = build([str(tmp_path / "in")], store)
    ids = {Path(store.document(d).source).name: d for d in report.added}  # type: ignore[union-attr]
    store.close()
    c = TestClient(create_app(tmp_path / "s.db", warm=False))
    html = c.get(f"/doc/{ids['b.txt']}").text
    assert 'class="shared"' in html and "Theo thống kê" in html
    start = (tmp_path / "in" / "a.txt").read_text().index("Theo số liệu")
    assert f'href="/doc/{ids["a.txt"]}?hl={start}-' in html  # opens the other article at that paragraph


def test_head_requests_and_header_limit(client: TestClient) -> None:
    head = client.head("/")
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-security-policy"]
    assert client.head("/event/nope").status_code == 404
    assert client.get("/", headers={"x-big": "a" * 100_000}).status_code == 431


def test_english_mode_has_english_plurals_and_no_stored_codes(client: TestClient) -> None:
    en = client.get("/?lang=en").text
    assert "1 source<" in en and "1 sources" not in en
    vi = client.get("/?lang=vi").text
    assert "1 nguồn<" in vi
    doc_en = client.get("/doc/d1?lang=en").text
    assert "from the publication date" in doc_en and "(metadata)" not in doc_en
    assert "13 Feb 2026" in doc_en  # the reference date at its precision, not 2026-02-13
    doc_vi = client.get("/doc/d1?lang=vi").text
    assert "theo ngày đăng" in doc_vi


def test_document_name_falls_back_to_its_file_not_its_id() -> None:
    from biennien.web.app import make_env

    tpl = make_env().from_string('{% from "macros.html" import doc_name %}{{ doc_name(d, "d9") }}')
    assert (
        tpl.render(d={"title": None, "source": "/corpus/news_education_045.txt"}) == "news_education_045.txt"
    )
    assert tpl.render(d={"title": "Tiêu đề <b>", "source": "x.txt"}) == "Tiêu đề &lt;b&gt;"
    assert tpl.render(d=None) == "d9"


def test_empty_filtered_timeline_explains_itself(client: TestClient) -> None:
    html = client.get("/?type=signing&lang=vi").text
    assert "Không có sự kiện nào khớp bộ lọc" in html and "Bỏ lọc" in html


def test_facts_page_names_each_conflict_and_links_its_sections(client: TestClient) -> None:
    html = client.get("/facts?lang=vi").text
    pair = html[html.index('class="conflict-pair"') :]
    heading = pair[: pair.index("</h3>")]
    assert (
        "kim ngạch thương mại hai chiều" in heading
        and "Việt Nam - Hoa Kỳ" in heading
        and "năm 2025" in heading
    )
    for anchor in ("#conflicts", "#series", "#fact-table"):
        assert f'href="{anchor}"' in html
    assert "(count)" not in html


def test_units_in_words() -> None:
    from biennien.web.i18n import Labels

    assert Labels("vi").unit("count") == "" and Labels("en").unit("times") == "times"
    assert Labels("vi").unit("USD") == "USD" and Labels("vi").sources(1) == "1 nguồn"
    assert Labels("en").sources(1) == "1 source" and Labels("en").sources(3) == "3 sources"


def test_search_says_when_results_are_cut_and_names_the_article(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    html = client.get("/search", params={"q": "kim ngach", "lang": "vi"}).text
    assert "2 kết quả" in html and "Hội đàm quốc phòng" in html
    from biennien.web import pages

    monkeypatch.setattr(pages, "SEARCH_LIMIT", 1)
    capped = client.get("/search", params={"q": "kim ngach thuong mai", "lang": "en"}).text
    assert "The first 1 results" in capped


def test_density_strip_is_not_stretched_by_a_few_distant_dates() -> None:
    from biennien.web.data import EventRow, TimelineFilter, density

    def row(i: int, date: str) -> EventRow:
        return EventRow(Event(f"e{i}", "other", date, "x"), date_bounds(date), [], 1, [])

    rows = [row(i, f"2021-{1 + i % 12:02d}") for i in range(100)] + [row(900, "1907"), row(901, "2039")]
    bins = density(rows, TimelineFilter())
    assert bins[0].label.startswith("2021") and bins[-1].label.startswith("2021")  # months of 2021
    # zoomed, every date is reachable
    wide = density(rows, TimelineFilter("1900", "2040"))
    assert wide[0].date_from <= "1907" and wide[-1].date_to >= "2039"
    assert sum(b.count for b in wide) == 102


def test_fact_series_has_one_value_per_period_and_keeps_changes_apart() -> None:
    from biennien.web.data import fact_series

    ev = [Evidence("d1", 0, 5, "x")]
    ev2 = [Evidence("d1", 0, 5, "x"), Evidence("d2", 0, 5, "x")]
    facts = [
        Fact("a", 11.1e9, "USD", "kim ngạch", ev, period="2024"),
        Fact("b", 15.8e9, "USD", "kim ngạch", ev2, period="2025"),  # two articles
        Fact("c", 16.1e9, "USD", "kim ngạch", ev, period="2025", conflicts_with=["b"]),
        Fact("d", 28.6, "%", "kim ngạch", ev, period="2025", kind="change", direction="up"),
        Fact("e", 12.0, "%", "kim ngạch", ev, period="2024", kind="change", direction="up"),
    ]
    series = fact_series(facts)
    assert len({label for label, _ in series}) == 2  # the change series is named apart
    (levels,) = [s for _, s in series if s[0].unit == "USD"]
    assert [f.id for f in levels] == ["a", "b"]  # 2025: the value two articles give
    (changes,) = [s for _, s in series if s[0].unit == "%"]
    assert [f.id for f in changes] == ["e", "d"]
