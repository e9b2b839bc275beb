"""The chronicle as a static web site: the server's pages written to a folder, openable without a server.

The same templates and page functions as ``biennien serve`` (``biennien.web``)
render every page, with links rewritten to relative file paths so the folder
works from ``file://`` or any static host.  What the server does per request
is done differently here:

* the timeline holds every event on one page and ``static/app.js`` filters it
  in the browser (date range, entity, type, story from the query string);
* tables are sorted in the browser;
* full-text search needs the server, so the static copy has no search box.

The Vietnamese site is at the root and the English-labelled copy under ``en/``.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from biennien.store import Store
from biennien.web import pages
from biennien.web.app import make_env
from biennien.web.data import ChronicleCache, TimelineFilter, safe_name
from biennien.web.i18n import Labels

ALL = 10**9


def write_html(store: Store, out: Path, langs: Iterable[str] = ("vi", "en")) -> list[Path]:
    """Write the site into ``out`` (created if needed); return the files written."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    cache = ChronicleCache(lambda: store, check_every=float("inf"))
    ch = cache.get()
    env = make_env()
    written: list[Path] = []

    static_src = Path(str(resources.files("biennien.web").joinpath("static")))
    (out / "static").mkdir(exist_ok=True)
    for f in sorted(static_src.iterdir()):
        if f.is_file():
            shutil.copyfile(f, out / "static" / f.name)
            written.append(out / "static" / f.name)

    for lang in langs:
        base = out if lang == "vi" else out / lang
        t = Labels(lang)

        def fmt(f: object, t: Labels = t) -> str:
            return t.fact_value(f.value, f.unit, value_end=f.value_end, qualifier=f.qualifier,  # type: ignore[attr-defined]
                                counted=f.counted, rank_of=f.rank_of)  # type: ignore[attr-defined]  # fmt: skip

        def emit(rel: str, page: pages.Page, lang: str = lang, base: Path = base, t: Labels = t) -> None:
            name, ctx = page
            urls = pages.Urls(static=True, lang=lang, page=rel)
            html = env.get_template(name).render(
                **ctx, t=t, u=urls, lang=lang, static=True, lang_href=urls.lang_switch(), nav=name
            )
            path = base / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(html, encoding="utf-8")
            written.append(path)

        emit("index.html", pages.timeline_page(ch, TimelineFilter(), 1, pages.Urls(static=True, lang=lang),
                                               all_rows=True))  # fmt: skip
        emit("entities.html", pages.entities_page(ch, 1, size=ALL))
        emit("facts.html", pages.facts_page(ch, "measure", "asc", 1, fmt, size=ALL, fmt_key=lang))
        emit("documents.html", pages.documents_page(ch, 1, size=ALL))
        emit("search.html", pages.search_page(cache, ch, ""))
        for ev_id in ch.event_by_id:
            emit(f"event/{safe_name(ev_id)}.html", pages.event_page(ch, ev_id))
        for ent_id in ch.entities:
            emit(f"entity/{safe_name(ent_id)}.html", pages.entity_page(ch, ent_id))
        for doc_id in ch.doc_order:
            emit(f"doc/{safe_name(doc_id)}.html", pages.document_page(cache, ch, doc_id, None, t))
    return written
