"""The FastAPI application: server-rendered pages, a JSON API under ``/api/``, and the safety rails.

Safety, because article text is untrusted and the server may be shared:

* every page is rendered by Jinja with autoescaping, so a ``<script>`` in a
  title or body is shown as text;
* a Content-Security-Policy forbids inline scripts and anything not served
  by this server (the only JavaScript is ``static/app.js``);
* no URL reads a file: ids are looked up in the store, and static assets are
  served from the package's ``static`` folder by Starlette, which refuses
  paths that leave it;
* request bodies and URLs are size-limited (the interface only reads);
* an optional read-only token (``Authorization: Bearer``, or basic auth with
  the token as password) for a shared deployment.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import threading
from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException

from biennien import __version__
from biennien.store import Store, open_store
from biennien.web import pages
from biennien.web.data import ChronicleCache, TimelineFilter, filter_events, resolve_filter
from biennien.web.i18n import LANGS, Labels

MAX_BODY = 16 * 1024
MAX_HEADERS = 16 * 1024  # all request header names and values together
MAX_URL = 4096
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def make_env() -> Environment:
    """The Jinja environment shared by the server and the static export (autoescape everywhere)."""
    env = Environment(
        loader=PackageLoader("biennien.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["version"] = __version__
    return env


class Guard:
    """ASGI middleware: size limits, optional token, security headers on every response."""

    def __init__(self, app: ASGIApp, *, token: str | None = None, max_body: int = MAX_BODY) -> None:
        self.app = app
        self.token = token
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_secure(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    h for h in SECURITY_HEADERS if h[0] not in names
                ]
            await send(message)

        if sum(len(k) + len(v) for k, v in scope.get("headers", [])) > MAX_HEADERS:
            await _plain(send_secure, 431, "request header fields too large")
            return
        if scope.get("method") == "HEAD":
            # answered as GET without the body (monitoring and link checkers use HEAD)
            scope = dict(scope, method="GET")
            inner_send = send_secure

            async def send_secure(message: Message) -> None:
                if message["type"] == "http.response.body":
                    message = dict(message, body=b"")
                await inner_send(message)

        headers = {k.lower(): v for k, v in scope.get("headers", [])}
        url_len = len(scope.get("raw_path") or scope.get("path", "").encode()) + len(
            scope.get("query_string", b"")
        )
        if url_len > MAX_URL:
            await _plain(send_secure, 414, "URI too long")
            return
        if self.token is not None and not self._authorised(headers.get(b"authorization", b"")):
            await _plain(
                send_secure,
                401,
                "authentication required",
                [(b"www-authenticate", b'Basic realm="biennien"')],
            )
            return
        length = headers.get(b"content-length")
        if length is not None:
            try:
                too_big = int(length) > self.max_body
            except ValueError:
                too_big = True
            if too_big:
                await _plain(send_secure, 413, "request body too large")
                return
        received = 0
        limit = self.max_body

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise HTTPException(413, "request body too large")
            return message

        await self.app(scope, limited_receive, send_secure)

    def _authorised(self, header: bytes) -> bool:
        assert self.token is not None
        want = self.token.encode()
        scheme, _, value = header.partition(b" ")
        if scheme.lower() == b"bearer":
            return hmac.compare_digest(value.strip(), want)
        if scheme.lower() == b"basic":
            try:
                decoded = base64.b64decode(value.strip(), validate=True)
            except (binascii.Error, ValueError):
                return False
            _, _, password = decoded.partition(b":")
            return hmac.compare_digest(password, want)
        return False


async def _plain(send: Send, status: int, text: str, extra: list[tuple[bytes, bytes]] | None = None) -> None:
    body = text.encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
            ]
            + (extra or []),
        }
    )
    await send({"type": "http.response.body", "body": body})


def _lang(request: Request) -> str:
    q = request.query_params.get("lang")
    if q in LANGS:
        return q
    c = request.cookies.get("lang")
    return c if c in LANGS else "vi"


def _int(value: str | None, default: int = 1) -> int:
    if value and value.isdigit() and len(value) < 7:
        return int(value)
    return default


def _clip(value: str | None, n: int = 200) -> str | None:
    return value[:n] if value else None


def create_app(
    db: str | Path | None = None,
    *,
    token: str | None = None,
    opener: Callable[[], Store] | None = None,
    max_body: int = MAX_BODY,
    warm: bool = True,
    page_cache: int = 256,
) -> Any:
    """Build the ASGI app over a store (opened read-only) at ``db``, or from ``opener``."""
    if opener is None:
        if db is None:
            raise ValueError("create_app needs db or opener")
        path = db

        def opener() -> Store:
            return open_store(path, readonly=True)

    cache = ChronicleCache(opener)
    env = make_env()
    api = FastAPI(
        title="biennien",
        version=__version__,
        description="A sourced chronicle of Vietnamese news: events, entities, facts, documents, search.",
        docs_url=None,  # Swagger UI needs inline script and a CDN; the schema is at /api/openapi.json
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    api.state.cache = cache
    static_dir = Path(str(resources.files("biennien.web").joinpath("static")))
    api.mount("/static", StaticFiles(directory=static_dir), name="static")

    if warm:
        cache.background = True
        threading.Thread(target=_warm, args=(cache,), daemon=True).start()
    rendered: OrderedDict[tuple[Any, ...], str] = OrderedDict()
    rendered_lock = threading.Lock()

    def cached_page(request: Request, make: Callable[[], pages.Page]) -> HTMLResponse:
        """Serve a page from the rendered-page cache (same chronicle, URL and language), or render it.

        Pages are a pure function of the indexed chronicle, the URL and the
        language, so a repeated request (the timeline's first page, a popular
        search) is answered without rendering; a new chronicle empties the cache.
        """
        if page_cache <= 0:
            return render(request, make())
        ch = cache.get()
        key = (id(ch), _lang(request), request.url.path, str(request.url.query))
        with rendered_lock:
            if rendered and next(iter(rendered))[0] != id(ch):
                rendered.clear()
            html = rendered.get(key)
            if html is not None:
                rendered.move_to_end(key)
        if html is not None:
            return _with_cookie(request, HTMLResponse(html))
        resp = render(request, make())
        if resp.status_code == 200:
            with rendered_lock:
                rendered[key] = bytes(resp.body).decode()
                while len(rendered) > page_cache:
                    rendered.popitem(last=False)
        return resp

    def render(request: Request, page: pages.Page, status: int = 200) -> HTMLResponse:
        name, ctx = page
        lang = _lang(request)
        t = Labels(lang)
        urls = pages.Urls(lang=lang)
        current = request.url.path + ("?" + _without_lang(request) if _without_lang(request) else "")
        html = env.get_template(name).render(
            **ctx, t=t, u=urls, lang=lang, static=False, lang_href=urls.lang_switch(current), nav=name
        )
        return _with_cookie(request, HTMLResponse(html, status_code=status))

    def fmt_for(request: Request) -> Callable[[Any], str]:
        t = Labels(_lang(request))
        return lambda f: t.fact_value(f.value, f.unit, value_end=f.value_end, qualifier=f.qualifier,
                                      counted=f.counted, rank_of=f.rank_of)  # fmt: skip

    def flt_from(request: Request) -> TimelineFilter:
        q = request.query_params
        return TimelineFilter(
            _clip(q.get("from"), 20), _clip(q.get("to"), 20), _clip(q.get("entity")), _clip(q.get("type"), 40),
            _clip(q.get("story")),
        )  # fmt: skip

    # ------------------------------------------------------------------ pages

    @api.get("/", response_class=HTMLResponse, include_in_schema=False)
    def timeline(request: Request) -> HTMLResponse:
        page = _int(request.query_params.get("page"))
        urls = pages.Urls(lang=_lang(request))
        return cached_page(request, lambda: pages.timeline_page(cache.get(), flt_from(request), page, urls))

    @api.get("/event/{ident}", response_class=HTMLResponse, include_in_schema=False)
    def event(request: Request, ident: str) -> HTMLResponse:
        return cached_page(request, lambda: pages.event_page(cache.get(), ident))

    @api.get("/entity/{ident}", response_class=HTMLResponse, include_in_schema=False)
    def entity(request: Request, ident: str) -> HTMLResponse:
        return cached_page(request, lambda: pages.entity_page(cache.get(), ident))

    @api.get("/entities", response_class=HTMLResponse, include_in_schema=False)
    def entities(request: Request) -> HTMLResponse:
        q = request.query_params
        return cached_page(
            request, lambda: pages.entities_page(cache.get(), _int(q.get("page")), _clip(q.get("type"), 10))
        )

    @api.get("/facts", response_class=HTMLResponse, include_in_schema=False)
    def facts(request: Request) -> HTMLResponse:
        q = request.query_params
        direction = "desc" if q.get("dir") == "desc" else "asc"
        lang = _lang(request)
        fmt = fmt_for(request)
        sort = q.get("sort", "measure")
        return cached_page(
            request,
            lambda: pages.facts_page(cache.get(), sort, direction, _int(q.get("page")), fmt, fmt_key=lang),
        )

    @api.get("/documents", response_class=HTMLResponse, include_in_schema=False)
    def documents(request: Request) -> HTMLResponse:
        page = _int(request.query_params.get("page"))
        return cached_page(request, lambda: pages.documents_page(cache.get(), page))

    @api.get("/doc/{ident}", response_class=HTMLResponse, include_in_schema=False)
    def document(request: Request, ident: str) -> HTMLResponse:
        # not cached: the shared-paragraph map may still be computing in the background
        t = Labels(_lang(request))
        return render(
            request, pages.document_page(cache, cache.get(), ident, request.query_params.get("hl"), t)
        )

    @api.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search(request: Request) -> HTMLResponse:
        q = request.query_params.get("q", "")
        return cached_page(request, lambda: pages.search_page(cache, cache.get(), q))

    # ------------------------------------------------------------------ API

    @api.get("/api/events", tags=["events"])
    def api_events(
        date_from: str | None = Query(
            None, alias="from", max_length=20, description="TIMEX3 date, any precision"
        ),
        date_to: str | None = Query(None, alias="to", max_length=20),
        entity: str | None = Query(None, max_length=200),
        type: str | None = Query(None, max_length=40),
        story: str | None = Query(None, max_length=200),
        limit: int = Query(100, ge=1, le=1000),
        offset: int = Query(0, ge=0),
    ) -> dict[str, Any]:
        """Events in time order (undated last), filtered like the timeline."""
        ch = cache.get()
        resolved = resolve_filter(ch, TimelineFilter(date_from, date_to, entity, type, story))
        if resolved.problems:
            what = "; ".join(f"{'unknown entity' if k == 'unknown_entity' else 'not a date'}: {v!r}"
                             for k, v in resolved.problems)  # fmt: skip
            raise HTTPException(
                422, f"{what} (dates: YYYY, YYYY-MM or YYYY-MM-DD; entity: id, name or alias)"
            )
        rows = filter_events(ch, resolved.flt)
        return {
            "total": len(rows),
            "events": [pages.event_json(ch, r) for r in rows[offset : offset + limit]],
        }

    @api.get("/api/events/{ident}", tags=["events"])
    def api_event(ident: str) -> dict[str, Any]:
        ch = cache.get()
        row = ch.event_by_id.get(ident)
        if row is None:
            raise HTTPException(404, "no such event")
        return pages.event_json(ch, row)

    @api.get("/api/entities", tags=["entities"])
    def api_entities(
        type: str | None = Query(None, max_length=10),
        limit: int = Query(500, ge=1, le=5000),
        offset: int = Query(0, ge=0),
    ) -> dict[str, Any]:
        """Entities (linked ones, and participant names not yet linked, with ``linked`` false)."""
        ch = cache.get()
        items = [e for e in ch.entities.values() if type is None or e.type == type]
        return {
            "total": len(items),
            "entities": [_entity_json(ch, e) for e in items[offset : offset + limit]],
        }

    @api.get("/api/entities/{ident}", tags=["entities"])
    def api_entity(ident: str) -> dict[str, Any]:
        ch = cache.get()
        ent = ch.entities.get(ident)
        if ent is None:
            raise HTTPException(404, "no such entity")
        out = _entity_json(ch, ent)
        out["events"] = [ch.events[i].event.id for i in ch.entity_events.get(ident, [])]
        out["roles_history"] = [vars(r) for r in pages.role_history(ch, ident)]
        out["cooccurring"] = [
            {"entity": e.id, "name": e.name, "events": n} for e, n in pages.cooccurring(ch, ident)
        ]
        return out

    @api.get("/api/facts", tags=["facts"])
    def api_facts(
        measure: str | None = Query(None, max_length=200),
        limit: int = Query(500, ge=1, le=5000),
        offset: int = Query(0, ge=0),
    ) -> dict[str, Any]:
        from biennien.export.contract import _fact

        ch = cache.get()
        rows = [f for f in ch.facts if measure is None or measure.lower() in f.measure.lower()]
        return {"total": len(rows), "facts": [_fact(f) for f in rows[offset : offset + limit]]}

    @api.get("/api/documents", tags=["documents"])
    def api_documents(limit: int = Query(500, ge=1, le=5000), offset: int = Query(0, ge=0)) -> dict[str, Any]:
        ch = cache.get()
        ids = ch.doc_order[offset : offset + limit]
        return {"total": len(ch.doc_order), "documents": [_doc_meta(ch.documents[i]) for i in ids]}

    @api.get("/api/documents/{ident}", tags=["documents"])
    def api_document(ident: str) -> dict[str, Any]:
        ch = cache.get()
        if ident not in ch.documents:
            raise HTTPException(404, "no such document")
        with cache.lock:
            doc = cache.store.document(ident)
            tx = cache.store.timexes(ident)
            men = cache.store.mentions(ident)
            qs = cache.store.quantities(ident)
        if doc is None:
            raise HTTPException(404, "no such document")
        out = _doc_meta(ch.documents[ident])
        out.update(
            text=doc.text,
            timexes=[x.to_dict() for x in tx],
            mentions=[x.to_dict() for x in men],
            quantities=[x.to_dict() for x in qs],
            events=ch.doc_events.get(ident, []),
            facts=ch.doc_facts.get(ident, []),
        )
        return out

    @api.get("/api/search", tags=["search"])
    def api_search(
        q: str = Query(..., max_length=pages.MAX_QUERY, description="words; accents optional"),
        limit: int = Query(50, ge=1, le=200),
    ) -> Response:
        """Accent-insensitive full-text search over sentences; a query the engine rejects is a 400 with a message."""
        ch = cache.get()
        with cache.lock:
            results, error = pages.run_search(cache.store, ch, q, limit)
        if error:
            return JSONResponse({"error": "query not understood; use plain words"}, status_code=400)
        return JSONResponse(
            {
                "results": [
                    {**{k: v for k, v in r.items() if k != "events"}, "events": [e.id for e in r["events"]]}
                    for r in results
                ]
            }  # fmt: skip
        )

    # ------------------------------------------------------------------ errors

    def _error(request: Request, status: int, detail: str) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": detail}, status_code=status)
        t = Labels(_lang(request))
        message = t("not_found") if status == 404 else t("error")
        return render(request, ("error.html", {"status": status, "message": message}), status=status)

    @api.exception_handler(pages.NotFound)
    async def not_found(request: Request, exc: pages.NotFound) -> Response:
        return _error(request, 404, "not found")

    @api.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return _error(request, exc.status_code, str(exc.detail))

    @api.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Response:
        return _error(request, 500, "internal error")

    return Guard(api, token=token, max_body=max_body)


def _with_cookie(request: Request, resp: HTMLResponse) -> HTMLResponse:
    lang = request.query_params.get("lang")
    if lang in LANGS:
        resp.set_cookie("lang", lang, max_age=365 * 86400, samesite="lax", httponly=True)
    return resp


def _without_lang(request: Request) -> str:
    from urllib.parse import urlencode

    return urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "lang"])


def _entity_json(ch: Any, e: Any) -> dict[str, Any]:
    return {
        "id": e.id,
        "name": e.name,
        "type": e.type,
        "aliases": e.aliases,
        "roles": e.roles,
        "mentions": len(e.mentions),
        "events": len(ch.entity_events.get(e.id, [])),
        "linked": e.linked,
    }


def _doc_meta(d: dict[str, Any]) -> dict[str, Any]:
    keys = (
        "id",
        "source",
        "title",
        "outlet",
        "published",
        "reference_date",
        "reference_date_basis",
        "duplicate_of",
    )
    return {k: d.get(k) for k in keys}


def _warm(cache: ChronicleCache) -> None:
    """Build the indexes (and the shared-paragraph map) before the first visitor asks."""
    try:
        cache.get()
        cache.shared_paragraphs()
    except Exception:  # a store being written may fail now and succeed on the first request
        pass
