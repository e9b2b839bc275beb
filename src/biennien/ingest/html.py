"""Saved HTML article pages: main text, title and publication date.

Main-text extraction is trafilatura's (maintained, handles the boilerplate
of Vietnamese news sites well).  The publication date is read from the
page's own metadata only, never from the body: a page's text is full of
event dates (``Ngày 20/3/2019, hai bên đã ký ...``) and taking one of them
as the publication date would shift every relative expression.  Order:

1. ``<meta property="article:published_time">`` and its kin (``og:``,
   ``itemprop=datePublished``, ``pubdate``, Dublin Core), then JSON-LD
   ``datePublished``, then ``<time datetime pubdate>``;
2. htmldate with ``original_date=True, extensive_search=False`` (markup and
   URL only) as trafilatura runs it.

If none is found, the article text goes through the same dateline and
inference rules as a plain-text article.
"""

from __future__ import annotations

import json
import re
from typing import Any

from biennien.ingest.assemble import make_document
from biennien.ingest.limits import DEFAULT_LIMITS, LimitError, Limits, check_no_entity_declarations
from biennien.model import Document, Failure

_META_DATE_KEYS = (
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "article.published",
    "article_date_original",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.created",
    "date",
    "parsely-pub-date",
    "sailthru.date",
    "cxenseparse:recs:publishtime",
)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)
_BLOCK_TAGS = (
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "blockquote",
    "figcaption",
    "section",
    "article",
    "pre",
    "table",
)


def declared_charset(data: bytes) -> str | None:
    """The ``<meta charset>`` an HTML page declares in its first 4 KB, if any."""
    m = _CHARSET.search(data[:4096])
    return m[1].decode("ascii", "replace") if m else None


def _tree(html: str) -> Any:
    from lxml import html as lxml_html

    try:
        return lxml_html.document_fromstring(html)
    except Exception:  # lxml raises several types on hopeless markup
        return None


def meta_date(tree: Any) -> str | None:
    """The publication date the page declares in its markup (never from the body text)."""
    if tree is None:
        return None
    found: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        content = (el.get("content") or "").strip()
        if key in _META_DATE_KEYS and content and key not in found:
            found[key] = content
    for key in _META_DATE_KEYS:
        if key in found:
            return found[key]
    for el in tree.iter("script"):
        if (el.get("type") or "").lower() != "application/ld+json" or not el.text:
            continue
        try:
            data = json.loads(el.text)
        except (ValueError, RecursionError):  # broken or absurdly nested JSON-LD: not a date source
            continue
        value = _ld_date(data)
        if value:
            return value
    for el in tree.iter("time"):
        if el.get("pubdate") is not None or (el.get("itemprop") or "").lower() == "datepublished":
            if el.get("datetime"):
                return str(el.get("datetime"))
    return None


def _ld_date(data: Any, depth: int = 0) -> str | None:
    if depth > 8:  # JSON-LD puts datePublished at most a few levels down
        return None
    if isinstance(data, list):
        for item in data:
            v = _ld_date(item, depth + 1)
            if v:
                return v
    elif isinstance(data, dict):
        v = data.get("datePublished")
        if isinstance(v, str) and v.strip():
            return v.strip()
        graph = data.get("@graph")
        if graph is not None:
            return _ld_date(graph, depth + 1)
    return None


def _meta_content(tree: Any, *keys: str) -> str | None:
    if tree is None:
        return None
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or "").strip().lower()
        if key in keys and (el.get("content") or "").strip():
            return str(el.get("content")).strip()
    return None


_SKIP_TAGS = frozenset({"script", "style", "noscript"})
_BLOCK_SET = frozenset(_BLOCK_TAGS)


def _block_text(root: Any) -> str:
    """The text of a tree with a line break around each block element.

    Read-only and without recursion: the tree is walked with an explicit
    stack (a page of 100,000 nested ``div`` must not exhaust Python's stack)
    and never modified (lxml refuses to *set* text holding the control
    characters it parsed from character references: fuzzing found it).
    Comments, processing instructions, scripts and styles give only their tail.
    """
    out: list[str] = []
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, closing = stack.pop()
        tag = node.tag if isinstance(node.tag, str) else None
        if closing:
            if tag in _BLOCK_SET:
                out.append("\n")
            if node.tail and node is not root:
                out.append(node.tail)
            continue
        if tag is None or tag in _SKIP_TAGS:
            if node.tail and node is not root:
                out.append(node.tail)
            continue
        if tag in _BLOCK_SET and tag != "br":
            out.append("\n")
        if node.text:
            out.append(node.text)
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(node))
    return "".join(out)


def html_to_text(fragment: str) -> str:
    """Text of an HTML fragment (a feed item, a JSON ``body``): block elements become line breaks."""
    from lxml import html as lxml_html

    if "<" not in fragment:
        return fragment
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # not parseable: keep the text with tags removed crudely
        return re.sub(r"<[^>]+>", " ", fragment)
    text = _block_text(root)
    lines = [re.sub(r"[ \t\u00a0]+", " ", ln).strip() for ln in text.split("\n")]
    return "\n".join(ln for ln in lines if ln)


# an article has at least one sentence-long line or some length; a page whose "main text" is only
# menu entries, a login form or "Lỗi 404" has neither
_PROSE_LINE_WORDS = 8
_PROSE_TOTAL_WORDS = 40


def _reads_like_prose(text: str) -> bool:
    lines = [ln.split() for ln in text.splitlines()]
    return any(len(ws) >= _PROSE_LINE_WORDS for ws in lines) or sum(map(len, lines)) >= _PROSE_TOTAL_WORDS


def parse_html(
    html: str,
    source: str,
    *,
    encoding: str = "utf-8",
    warnings: list[str] | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Document | Failure:
    """One ``Document`` from a saved article page, or a ``Failure`` when it has no article text."""
    import trafilatura

    try:
        check_no_entity_declarations(html, "HTML page")
    except LimitError as exc:
        return Failure(source, str(exc))

    tree = _tree(html)
    try:
        ext = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # trafilatura/lxml errors on broken markup are not ours to raise
        return Failure(source, f"HTML could not be parsed: {exc.__class__.__name__}: {exc}")
    text = getattr(ext, "text", None) if ext is not None else None
    if not text or not text.strip():
        return Failure(source, "HTML page with no article text")
    if not _reads_like_prose(text):
        lines = sum(1 for ln in text.splitlines() if ln.strip())
        return Failure(
            source,
            f"HTML page with no article text: {lines} short line(s) and no sentence"
            " (a menu, login or error page?)",
        )
    title = getattr(ext, "title", None) or _meta_content(tree, "og:title")
    date = meta_date(tree) or getattr(ext, "date", None)
    url = getattr(ext, "url", None) or _meta_content(tree, "og:url")
    sitename = getattr(ext, "sitename", None) or _meta_content(tree, "og:site_name")
    author = getattr(ext, "author", None) or _meta_content(tree, "author", "article:author")
    if title and not text.lstrip().startswith(title.strip()):
        text = f"{title.strip()}\n{text}"
    meta: dict[str, str | None] = {
        "title": title,
        "published": date,
        "url": url,
        "outlet": sitename,
        "author": author,
    }
    doc = make_document(
        text, source, meta=meta, encoding=encoding, warnings=warnings, max_chars=limits.max_chars
    )
    if isinstance(doc, Failure):
        return Failure(source, f"HTML page with no article text ({doc.reason})")
    return doc
