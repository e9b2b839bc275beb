"""What each page shows, as a template name and a context: shared by the server and the static export.

Nothing here writes HTML: templates do, with autoescaping on, so article
text can never become markup.  Functions take the indexed ``Chronicle`` (and
the store for document text and search) and a ``Urls`` object that knows
whether links point into the server or into a folder of static files.
"""

from __future__ import annotations

import math
import sqlite3
from collections import Counter
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode

import psycopg

from biennien.model import Event
from biennien.store import Store
from biennien.web.data import (
    FACT_SORTS,
    Bin,
    Chronicle,
    ChronicleCache,
    EventRow,
    TimelineFilter,
    cooccurring,
    date_bounds,
    density,
    fact_series,
    filter_events,
    group_by_month,
    resolve_filter,
    role_history,
    safe_name,
    segment,
)

PAGE_SIZE = 100
MAX_QUERY = 300
MAX_STORIES = 150
SEARCH_LIMIT = 50  # results shown; a full page means there are probably more

Page = tuple[str, dict[str, Any]]


class NotFound(Exception):
    """The id in the URL names nothing in the store."""


# --------------------------------------------------------------------------- links


class Urls:
    """Links for the server (absolute paths, query strings) or a static site (relative files)."""

    def __init__(self, *, static: bool = False, lang: str = "vi", page: str = "index.html") -> None:
        self.static = static
        self.lang = lang
        self.page = page
        depth = page.count("/")
        self.root = "../" * depth
        self.asset_root = self.root + ("../" if static and lang == "en" else "")

    def _f(self, folder: str, ident: str) -> str:
        if self.static:
            return f"{self.root}{folder}/{safe_name(ident)}.html"
        return f"/{folder}/{quote(ident, safe='')}"

    def static_file(self, name: str) -> str:
        return f"{self.asset_root}static/{name}" if self.static else f"/static/{name}"

    def event(self, ident: str) -> str:
        return self._f("event", ident)

    def entity(self, ident: str) -> str:
        return self._f("entity", ident)

    def doc(self, ident: str, start: int | None = None, end: int | None = None) -> str:
        base = self._f("doc", ident)
        if start is None:
            return base
        if self.static:
            return f"{base}#s-{start}"
        return f"{base}?hl={start}-{end if end is not None else start}#s-{start}"

    def timeline(self, **params: str | int | None) -> str:
        clean = {k: v for k, v in params.items() if v not in (None, "")}
        base = f"{self.root}index.html" if self.static else "/"
        return base + ("?" + urlencode(clean) if clean else "")

    def list(self, name: str, **params: str | int | None) -> str:
        clean = {k: v for k, v in params.items() if v not in (None, "")}
        base = f"{self.root}{name}.html" if self.static else f"/{name}"
        return base + ("?" + urlencode(clean) if clean else "")

    def lang_switch(self, current: str = "") -> str:
        other = "en" if self.lang == "vi" else "vi"
        if self.static:
            return f"{self.root}en/{self.page}" if other == "en" else f"{self.root}../{self.page}"
        sep = "&" if "?" in current else "?"
        return f"{current}{sep}lang={other}"


# --------------------------------------------------------------------------- timeline


@dataclass
class StripBar:
    x: float
    y: float
    w: float
    h: float
    bin: Bin
    href: str


def strip(bins: list[Bin], urls: Urls, flt: TimelineFilter) -> list[StripBar]:
    """Geometry of the density strip (viewBox 1000 x 60); each bar links to the timeline zoomed to it."""
    if not bins:
        return []
    top = max(b.count for b in bins) or 1
    w = 1000 / len(bins)
    out = []
    for i, b in enumerate(bins):
        h = 0.0 if b.count == 0 else max(2.0, 56 * math.sqrt(b.count / top))
        href = urls.timeline(
            entity=flt.entity, type=flt.type, story=flt.story, **{"from": b.label, "to": b.label}
        )
        out.append(
            StripBar(round(i * w, 2), round(58 - h, 2), round(max(w - 1, 0.5), 2), round(h, 2), b, href)
        )
    return out


def timeline_page(
    ch: Chronicle, asked: TimelineFilter, page: int, urls: Urls, *, all_rows: bool = False
) -> Page:
    resolved = resolve_filter(ch, asked)
    flt = resolved.flt
    rows = filter_events(ch, flt)
    total = len(rows)
    pages = max(1, math.ceil(total / PAGE_SIZE))
    page = min(max(page, 1), pages)
    shown = rows if all_rows else rows[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    for_strip = filter_events(ch, flt, use_dates=False) if (flt.date_from or flt.date_to) else rows
    bins = density(for_strip, flt) if flt.active() else ch.cached("density", lambda: density(rows, flt))
    entity = ch.entities.get(flt.entity) if flt.entity else None
    # the story menu lists the largest stories (a big chronicle has thousands)
    biggest = sorted(ch.stories, key=lambda s: -len(ch.story_events.get(str(s["id"]), ())))[:MAX_STORIES]
    story_titles = [(str(s["id"]), str(s.get("title") or s["id"])[:120]) for s in biggest]
    if flt.story and flt.story not in {sid for sid, _ in story_titles}:
        story = next((s for s in ch.stories if str(s["id"]) == flt.story), None)
        if story:
            story_titles.append((flt.story, str(story.get("title") or flt.story)[:120]))
    zoom_out = None
    if flt.date_from or flt.date_to:
        zoom_out = urls.timeline(entity=flt.entity, type=flt.type, story=flt.story)
    return "timeline.html", {
        "groups": group_by_month(shown),
        "total": total,
        "page": page,
        "pages": pages,
        "flt": flt,
        "bars": strip(bins, urls, flt),
        "entity": entity,
        "event_types": ch.event_types,
        "stories": story_titles,
        "zoom_out": zoom_out,
        "problems": resolved.problems,
        "entity_text": entity.name if entity else (asked.entity or ""),
        "page_url": lambda p: urls.timeline(
            entity=flt.entity,
            type=flt.type,
            story=flt.story,
            page=p,
            **{"from": flt.date_from, "to": flt.date_to},
        ),
        "ch": ch,
    }


# --------------------------------------------------------------------------- event


def evidence_rows(ch: Chronicle, ev: Event) -> list[dict[str, Any]]:
    out = []
    for x in ev.evidence:
        d = ch.documents.get(x.doc, {})
        out.append(
            {
                "ev": x,
                "title": d.get("title"),
                "outlet": d.get("outlet") or _source_name(d.get("source")),
                "published": d.get("published") or d.get("reference_date"),
            }
        )
    return out


def _source_name(source: str | None) -> str:
    if not source:
        return ""
    return source.rstrip("/").rsplit("/", 1)[-1]


def event_page(ch: Chronicle, ident: str) -> Page:
    row = ch.event_by_id.get(ident)
    if row is None:
        raise NotFound(ident)
    parts = [(p, ch.entity_for(p.entity, p.name)) for p in row.event.participants]
    stories = [s for s in ch.stories if str(s["id"]) in row.stories]
    return "event.html", {
        "row": row,
        "ev": row.event,
        "participants": parts,
        "evidence": evidence_rows(ch, row.event),
        "stories": stories,
    }


# --------------------------------------------------------------------------- entities


def entity_page(ch: Chronicle, ident: str) -> Page:
    ent = ch.entities.get(ident)
    if ent is None:
        raise NotFound(ident)
    rows = [ch.events[i] for i in ch.entity_events.get(ident, [])]
    docs = Counter(m.doc for m in ent.mentions)
    mentioned = [(ch.documents[d], n) for d, n in docs.most_common(30) if d in ch.documents]
    return "entity.html", {
        "ent": ent,
        "rows": rows,
        "roles": role_history(ch, ident),
        "cooc": cooccurring(ch, ident),
        "mentioned": mentioned,
        "mention_docs": len(docs),
        "ch": ch,
    }


def entities_page(ch: Chronicle, page: int, kind: str | None = None, size: int = PAGE_SIZE * 2) -> Page:
    def make() -> list[tuple[Any, int, int]]:
        out = [
            (e, len(ch.entity_events.get(e.id, [])), len(e.mentions))
            for e in ch.entities.values()
            if kind is None or e.type == kind
        ]
        out.sort(key=lambda t: (-t[1] - t[2], t[0].name))
        return out

    items = ch.cached(("entities", kind), make)
    kinds = ch.cached("entity_kinds", lambda: sorted({e.type for e in ch.entities.values()}))
    pages = max(1, math.ceil(len(items) / size))
    page = min(max(page, 1), pages)
    return "entities.html", {
        "items": items[(page - 1) * size : page * size],
        "total": len(items),
        "page": page,
        "pages": pages,
        "kind": kind,
        "kinds": kinds,
    }


# --------------------------------------------------------------------------- facts


@dataclass
class SeriesChart:
    label: str
    unit: str
    points: list[tuple[float, float, str, str, str]]  # x, y, period, value text, fact id
    polyline: str
    y_max: str
    y_min: str


def series_charts(series: list[tuple[str, list[Any]]], fmt: Any) -> list[SeriesChart]:
    """Inline SVG geometry (viewBox 600 x 200) for each measure observed over several periods."""
    charts = []
    for label, facts in series[:30]:
        values = [f.value for f in facts]
        lo, hi = min(values), max(values)
        lo = min(lo, 0.0)
        span = (hi - lo) or 1.0
        n = len(facts)
        pts = []
        for i, f in enumerate(facts):
            x = 40 + (520 * i / (n - 1) if n > 1 else 260)
            y = 180 - 160 * (f.value - lo) / span
            pts.append((round(x, 1), round(y, 1), f.period or "", fmt(f), f.id))
        charts.append(
            SeriesChart(
                label,
                facts[0].unit,
                pts,
                " ".join(f"{x},{y}" for x, y, *_ in pts),
                fmt(facts[values.index(hi)]),
                fmt(facts[values.index(min(values))]),
            )
        )
    return charts


def _conflicts(ch: Chronicle) -> list[tuple[Any, Any]]:
    conflicts = []
    seen: set[frozenset[str]] = set()
    for f in ch.facts:
        for other_id in f.conflicts_with:
            pair = frozenset((f.id, other_id))
            other = ch.fact_by_id.get(other_id)
            if other is None or pair in seen:
                continue
            seen.add(pair)
            conflicts.append((f, other))
    return conflicts


def facts_page(
    ch: Chronicle,
    sort: str,
    direction: str,
    page: int,
    fmt: Any,
    size: int = PAGE_SIZE * 2,
    fmt_key: str = "vi",
) -> Page:
    key = FACT_SORTS.get(sort, FACT_SORTS["measure"])
    sort = sort if sort in FACT_SORTS else "measure"
    rows = ch.cached(
        ("facts", sort, direction), lambda: sorted(ch.facts, key=key, reverse=direction == "desc")
    )
    pages = max(1, math.ceil(len(rows) / size))
    page = min(max(page, 1), pages)
    conflicts = ch.cached("conflicts", lambda: _conflicts(ch))
    charts = ch.cached(("charts", fmt_key), lambda: series_charts(fact_series(ch.facts), fmt))
    return "facts.html", {
        "rows": rows[(page - 1) * size : page * size],
        "total": len(rows),
        "page": page,
        "pages": pages,
        "sort": sort,
        "dir": direction,
        "conflicts": conflicts,
        "charts": charts,
        "ch": ch,
    }


# --------------------------------------------------------------------------- documents


def _parse_hl(hl: str | None, n: int) -> tuple[int, int] | None:
    if not hl:
        return None
    a, _, b = hl.partition("-")
    if not (a.isdigit() and b.isdigit()) or len(a) > 9 or len(b) > 9:
        return None
    s, e = int(a), int(b)
    return (s, e) if 0 <= s < e <= n else None


def document_page(cache: ChronicleCache, ch: Chronicle, ident: str, hl: str | None, t: Any) -> Page:
    meta = ch.documents.get(ident)
    if meta is None:
        raise NotFound(ident)
    with cache.lock:
        doc = cache.store.document(ident)
        timexes = cache.store.timexes(ident)
        mentions = cache.store.mentions(ident)
        quantities = cache.store.quantities(ident)
    if doc is None:
        raise NotFound(ident)
    spans: list[tuple[int, int, str, str]] = []
    for tx in timexes:
        spans.append((tx.start, tx.end, "tx", f"{tx.type} {tx.value}" + (f" ({tx.mod})" if tx.mod else "")))
    for m in mentions:
        spans.append(
            (m.start, m.end, "ent", f"{t.entity_type(m.type)}: {m.name}" + (f" — {m.role}" if m.role else ""))
        )
    for q in quantities:
        label = t.fact_value(q.value, q.unit, value_end=q.value_end, qualifier=q.qualifier, counted=q.counted,
                             rank_of=q.rank_of)  # fmt: skip
        spans.append((q.start, q.end, "fig", label))
    for s, e in doc.skip_spans:
        spans.append((s, e, "skip", ""))
    anchors = {x.start for ev_id in ch.doc_events.get(ident, []) for x in ch.event_by_id[ev_id].event.evidence
               if x.doc == ident}  # fmt: skip
    hl_range = _parse_hl(hl, len(doc.text))
    if hl_range:
        anchors.add(hl_range[0])
    pieces = segment(doc.text, spans, anchors, hl_range)
    evidence_at = {a: ch.evidence_events.get((ident, a), []) for a in anchors}
    # the paragraphs the linker matched in other articles, each with where it stands there
    by_span: dict[tuple[int, int], list[tuple[str, str | None, int, int]]] = {}
    for sp in cache.shared_paragraphs(block=not cache.background).get(ident, []):
        if sp.other in ch.documents:
            title = ch.documents[sp.other].get("title")
            by_span.setdefault((sp.start, sp.end), []).append((sp.other, title, sp.other_start, sp.other_end))
    shared = [(doc.text[s:e], others[:10]) for (s, e), others in sorted(by_span.items())]
    return "document.html", {
        "doc": doc,
        "meta": meta,
        "paragraphs": _paragraphs(pieces),
        "evidence_at": evidence_at,
        "events": [ch.event_by_id[e].event for e in ch.doc_events.get(ident, [])],
        "facts": [ch.fact_by_id[f] for f in ch.doc_facts.get(ident, []) if f in ch.fact_by_id],
        "duplicate_of": meta.get("duplicate_of"),
        "duplicates": ch.duplicates.get(ident, []),
        "shared": shared,
        "ch": ch,
    }


def _paragraphs(pieces: list[Any]) -> list[list[Any]]:
    """Split the pieces at newlines so each paragraph becomes a <p>."""
    from biennien.web.data import Piece

    paras: list[list[Any]] = [[]]
    for p in pieces:
        chunks = p.text.split("\n")
        offset = p.start
        for i, chunk in enumerate(chunks):
            if i:
                paras.append([])
            if chunk:
                paras[-1].append(
                    Piece(chunk, offset, p.classes, p.titles, p.anchor if i == 0 else None, p.hl)
                )
            offset += len(chunk) + 1
    return [p for p in paras if p]


def documents_page(ch: Chronicle, page: int, size: int = PAGE_SIZE * 2) -> Page:
    ids = ch.doc_order
    pages = max(1, math.ceil(len(ids) / size))
    page = min(max(page, 1), pages)
    rows = [ch.documents[i] for i in ids[(page - 1) * size : page * size]]
    return "documents.html", {"rows": rows, "total": len(ids), "page": page, "pages": pages, "ch": ch}


# --------------------------------------------------------------------------- search


def run_search(
    store: Store, ch: Chronicle, query: str, limit: int = SEARCH_LIMIT
) -> tuple[list[dict[str, Any]], bool]:
    """Search results with the events each sentence supports; (results, query_error)."""
    query = query[:MAX_QUERY]
    try:
        hits = store.search(query, limit=limit)
    except (sqlite3.Error, psycopg.Error, ValueError):
        return [], True
    except Exception as exc:  # another backend's query error (e.g. PostgreSQL) must not become a 500
        if type(exc).__name__.endswith(("Error", "Exception")):
            return [], True
        raise
    out = []
    for h in hits:
        d = ch.documents.get(h["doc"], {})
        out.append(
            {
                **h,
                "title": d.get("title"),
                "outlet": d.get("outlet") or _source_name(d.get("source")),
                "published": d.get("published") or d.get("reference_date"),
                "events": [
                    ch.event_by_id[e].event for e in ch.evidence_events.get((h["doc"], h["start"]), [])
                ],
            }
        )
    return out, False


def search_page(cache: ChronicleCache, ch: Chronicle, query: str) -> Page:
    results: list[dict[str, Any]] = []
    error = False
    if query.strip():
        with cache.lock:
            results, error = run_search(cache.store, ch, query, limit=SEARCH_LIMIT)
    return "search.html", {
        "q": query[:MAX_QUERY],
        "results": results,
        "error": error,
        "limit": SEARCH_LIMIT,
        "ch": ch,
    }


def bounds_label(value: str | None) -> str:
    b = date_bounds(value)
    return b[0] if b else ""


def event_json(ch: Chronicle, row: EventRow) -> dict[str, Any]:
    ev = row.event
    return {
        "id": ev.id,
        "type": ev.type,
        "date": ev.date,
        "date_end": ev.date_end,
        "date_mod": ev.date_mod,
        "summary": ev.summary,
        "place": ev.place,
        "participants": [
            {"name": p.name, "role": p.role, "title": p.title, "entity": ch.entity_for(p.entity, p.name)}
            for p in ev.participants
        ],
        "sources": row.sources,
        "stories": row.stories,
        "evidence": [x.to_dict() for x in ev.evidence],
    }
