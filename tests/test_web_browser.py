"""The web interface in real headless Chromium (Playwright) over a store built from the seed articles.

Skips cleanly when Chromium, Playwright or the seeds are absent.  Screenshots
go to ``tests/artifacts/`` (git-ignored).
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

if not os.path.exists(CHROMIUM):
    pytest.skip("chromium is not installed", allow_module_level=True)
playwright_api = pytest.importorskip("playwright.sync_api")
if not SEEDS.is_dir():
    pytest.skip("seed articles not found", allow_module_level=True)


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from biennien.build import build
    from biennien.store import Store

    db = tmp_path_factory.mktemp("web") / "seeds.db"
    store = Store(db)
    try:
        build([str(SEEDS)], store, workers=1)
    finally:
        store.close()
    return db


@pytest.fixture(scope="module")
def server(seeds_db: Path) -> Iterator[str]:
    import uvicorn

    from biennien.web.app import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(
        uvicorn.Config(create_app(seeds_db), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert srv.started, "server did not start"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def test_timeline_entity_filter_event_evidence_document_and_search(server: str, browser: object) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1200, "height": 900})  # type: ignore[attr-defined]
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)

    # 1. the timeline of the seeds: events, a density strip or undated group, participants as links
    page.goto(server + "/")
    total = page.locator("li.ev").count()
    assert total > 0
    page.screenshot(path=str(ARTIFACTS / "timeline.png"), full_page=False)

    # 2. filter by an entity: follow a participant to its page, then to its filtered timeline
    chip = page.locator("li.ev .parts a.chip").first
    name = chip.inner_text()
    chip.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().startswith(name)
    page.locator("h2 a.small").click()
    page.wait_for_load_state()
    assert "entity=" in page.url
    filtered = page.locator("li.ev")
    assert 0 < filtered.count() <= total
    for i in range(filtered.count()):
        assert name in filtered.nth(i).locator(".parts").inner_text()

    # 3. open an event and follow its evidence to the document, at that sentence
    filtered.first.locator("a.summary").click()
    page.wait_for_load_state()
    assert "/event/" in page.url
    sentence = page.locator("ol.evidence blockquote").first.inner_text().strip()
    page.locator("a.to-doc").first.click()
    page.wait_for_load_state()
    assert "/doc/" in page.url and "#s-" in page.url
    anchor = page.url.rsplit("#", 1)[1]
    assert page.locator(f"#{anchor}").count() == 1
    highlighted = "".join(page.locator(".hl").all_inner_texts())
    assert re.sub(r"\s+", " ", highlighted).strip() == re.sub(r"\s+", " ", sentence)
    assert page.locator(".hl").first.is_visible()
    page.screenshot(path=str(ARTIFACTS / "document.png"))

    # 4. search without diacritics finds the accented name
    page.fill("form.quick input[name=q]", "to lam")
    page.press("form.quick input[name=q]", "Enter")
    page.wait_for_load_state()
    results = page.locator("ol.results li")
    assert results.count() > 0
    assert "Tô Lâm" in results.first.inner_text()
    results.first.locator("blockquote a").click()
    page.wait_for_load_state()
    assert "/doc/" in page.url and page.locator(".hl").count() > 0

    # 5. phone width: no horizontal scrolling on the timeline; the English toggle
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(server + "/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 1
    page.screenshot(path=str(ARTIFACTS / "timeline-phone.png"))
    page.click("a.lang")
    page.wait_for_load_state()
    assert page.locator("header nav a").first.inner_text() == "Timeline"
    assert errors == [], errors
    page.close()


def test_hostile_search_shows_a_message_not_an_error(server: str, browser: object) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    resp = page.goto(server + "/search?q=%22%28%28%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    assert resp is not None and resp.status == 200
    assert page.locator("script:not([src])").count() == 0
    page.close()


def test_static_export_filters_in_the_browser(seeds_db: Path, browser: object, tmp_path: Path) -> None:
    from biennien.export.html import write_html
    from biennien.store import Store

    store = Store(seeds_db, readonly=True)
    try:
        write_html(store, tmp_path / "site")
    finally:
        store.close()
    page = browser.new_page()  # type: ignore[attr-defined]
    index = (tmp_path / "site" / "index.html").as_uri()
    page.goto(index)
    total = page.locator("li.ev").count()
    assert total > 0
    ent = page.locator('li.ev:not([data-entities=""])').first.get_attribute("data-entities").split()[0]
    page.goto(index + "?entity=" + ent)
    visible = page.locator("li.ev:not(.hidden)")
    assert 0 < visible.count() <= total
    for i in range(visible.count()):
        assert ent in visible.nth(i).get_attribute("data-entities").split()
    # an event page and its evidence link resolve to files in the folder
    page.locator("li.ev:not(.hidden) a.summary").first.click()
    page.wait_for_load_state()
    page.locator("a.to-doc").first.click()
    page.wait_for_load_state()
    assert page.url.startswith("file://") and "#s-" in page.url
    assert page.locator("#" + page.url.rsplit("#", 1)[1]).count() == 1
    page.screenshot(path=str(ARTIFACTS / "static-document.png"))
    page.close()


def test_every_page_fits_a_phone_screen(server: str, browser: object) -> None:
    """At 390px nothing scrolls sideways: not the page, and not the facts table (it becomes cards)."""
    ARTIFACTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]
    page.goto(server + "/?lang=vi")
    event = page.locator("li.ev a.summary").first.get_attribute("href")
    entity = page.locator("li.ev .parts a.chip").first.get_attribute("href")
    page.goto(server + event)
    doc = page.locator("a.to-doc").first.get_attribute("href")
    urls = ["/", "/facts", event, entity, doc, "/documents", "/entities", "/search?q=to+lam", "/?lang=en"]
    for url in urls:
        page.goto(server + url)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390 + 1, (url, width)
        for sel in ("table.facts", "ol.evidence", "div.text", "nav"):
            for box in page.locator(sel).all():
                assert box.evaluate("e => e.scrollWidth <= e.clientWidth + 1"), (url, sel)
    page.goto(server + "/facts")
    page.locator("#fact-table").scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "facts-phone.png"))
    # the header no longer sticks on a phone: it would cover a fifth of the screen
    assert page.evaluate("getComputedStyle(document.querySelector('header.top')).position") == "static"
    page.close()
