"""JSON and JSON Lines records: one article per object.

Fields read (the first present wins): text from ``text``, ``body``,
``content``; ``title``; date from ``published``, ``date``, ``pubDate``,
``published_at``, ``publishedAt``, ``datePublished``; ``url`` or ``link``;
outlet from ``outlet``, ``source`` (a string, or an object with ``name``),
``site``, ``publisher``; ``author``.  A body that contains HTML markup is
reduced to text.  Other scalar fields are kept in ``Document.meta``.

A ``.json`` file holds one object, a list of objects, or an object with a
list under ``articles``/``items``/``documents``/``data``.  A JSONL file is
read line by line (streaming: memory is one line), each line a record;
a line that is not JSON, or a record without text, is a ``Failure`` naming
the line, and the rest goes on.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from biennien.ingest.assemble import make_document
from biennien.ingest.html import html_to_text
from biennien.ingest.limits import DEFAULT_LIMITS, DEFAULT_MAX_CHARS, LimitError, Limits, check_json_depth
from biennien.model import Document, Failure

TEXT_KEYS = ("text", "body", "content", "article", "maintext")
DATE_KEYS = (
    "published",
    "date",
    "pubDate",
    "pubdate",
    "published_at",
    "publishedAt",
    "datePublished",
    "time",
)
OUTLET_KEYS = ("outlet", "source", "site", "sitename", "publisher", "site_name")
LIST_KEYS = ("articles", "items", "documents", "docs", "data", "records")


def _str(v: Any) -> str | None:
    if isinstance(v, dict):
        v = v.get("name") or v.get("title")
    if isinstance(v, list):
        v = ", ".join(str(x.get("name", "")) if isinstance(x, dict) else str(x) for x in v)
    if v is None or isinstance(v, dict | list):
        return None
    s = str(v).strip()
    return s or None


def _pick(rec: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for k in keys:
        if k in rec:
            s = _str(rec[k])
            if s:
                return s
    return None


def looks_like_html(s: str) -> bool:
    low = s[:2000].lower()
    return "<p" in low or "<br" in low or "</" in low or "<div" in low


def parse_record(
    rec: Any,
    source: str,
    *,
    encoding: str = "utf-8",
    warnings: list[str] | None = None,
    failure_source: str | None = None,
    line: int | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Document | Failure:
    """One ``Document`` from one JSON object, or a ``Failure`` saying what is missing."""
    where = failure_source or source
    if not isinstance(rec, dict):
        return Failure(where, f"JSON record is a {type(rec).__name__}, not an object", line)
    text = _pick(rec, TEXT_KEYS)
    if text is None:
        return Failure(where, "JSON record has no text (no non-empty text/body/content field)", line)
    if looks_like_html(text):
        text = html_to_text(text)
    title = _pick(rec, ("title", "headline"))
    if title and looks_like_html(title):
        title = html_to_text(title)
    if title and not text.lstrip().startswith(title):
        text = f"{title}\n{text}"
    raw_date = None
    for k in DATE_KEYS:
        if k in rec and rec[k] not in (None, ""):
            raw_date = rec[k]
            break
    meta: dict[str, str | None] = {
        "title": title,
        "published": None if raw_date is None else str(raw_date),
        "url": _pick(rec, ("url", "link", "href")),
        "outlet": _pick(rec, OUTLET_KEYS),
        "author": _pick(rec, ("author", "authors", "byline")),
    }
    used = {*TEXT_KEYS, *DATE_KEYS, *OUTLET_KEYS, "title", "headline", "url", "link", "href"}
    used |= {"author", "authors", "byline"}
    for k, v in rec.items():
        if k not in used and isinstance(v, str | int | float) and not isinstance(v, bool):
            meta[k] = str(v)
    if isinstance(raw_date, int | float) and not isinstance(raw_date, bool):
        from biennien.ingest.dates import parse_date_value

        meta["published"] = parse_date_value(raw_date)
    return make_document(
        text, source, meta=meta, encoding=encoding, warnings=warnings, line=line, max_chars=max_chars
    )


def records_of(data: Any) -> list[Any] | None:
    """The records in a parsed ``.json`` document: a list, or a list under a known key."""
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        if any(k in data for k in TEXT_KEYS):
            return None  # a single article
        for k in LIST_KEYS:
            if isinstance(data.get(k), list):
                return list(data[k])
    return None


def parse_json(
    text: str,
    source: str,
    *,
    encoding: str = "utf-8",
    warnings: list[str] | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Iterator[Document | Failure]:
    """Every article in a ``.json`` file (at most ``limits.max_items``; the rest reported as skipped)."""
    data = _loads(text, limits)
    if isinstance(data, _Bad):
        yield Failure(source, data.reason)
        return
    recs = records_of(data)
    if recs is None:
        yield parse_record(data, source, encoding=encoding, warnings=warnings, max_chars=limits.max_chars)
        return
    if not recs:
        yield Failure(source, "JSON file holds no records")
        return
    for n, rec in enumerate(recs[: limits.max_items], start=1):
        item = f"{source}#item-{n}"
        yield parse_record(rec, item, encoding=encoding, warnings=warnings, max_chars=limits.max_chars)
    if len(recs) > limits.max_items:
        yield Failure(
            source,
            f"JSON file has {len(recs):,} records, over the limit of {limits.max_items:,}; "
            f"records after #{limits.max_items} were skipped",
        )


class _Bad:
    """Why a JSON text was not loaded (kept apart from any JSON value, which may be anything)."""

    __slots__ = ("reason",)

    def __init__(self, reason: str) -> None:
        self.reason = reason


def _loads(text: str, limits: Limits) -> Any:
    """``json.loads`` with the depth limit; a ``_Bad`` with the reason instead of raising."""
    try:
        data = json.loads(text)
    except RecursionError:
        return _Bad(f"JSON is nested over {limits.max_json_depth} levels deep; refused")
    except json.JSONDecodeError as exc:
        return _Bad(f"not valid JSON: {exc.msg} (line {exc.lineno} column {exc.colno})")
    except ValueError as exc:
        return _Bad(f"not valid JSON: {exc}")
    try:
        check_json_depth(data, limits)
    except LimitError as exc:
        return _Bad(str(exc))
    return data


def parse_jsonl_line(
    line_text: str,
    source: str,
    lineno: int,
    *,
    encoding: str = "utf-8",
    warnings: list[str] | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Document | Failure | None:
    """One JSONL line -> Document/Failure; None for a blank line."""
    if not line_text.strip():
        return None
    rec = _loads(line_text, limits)
    if isinstance(rec, _Bad):
        return Failure(source, rec.reason.replace("not valid JSON", "line is not JSON"), lineno)
    return parse_record(
        rec,
        f"{source}#{lineno}",
        encoding=encoding,
        warnings=warnings,
        failure_source=source,
        line=lineno,
        max_chars=limits.max_chars,
    )


def looks_like_jsonl(text: str) -> bool:
    """True when the first non-blank lines are each a JSON object and the whole is not one JSON value."""
    lines = [ln for ln in text.splitlines()[:20] if ln.strip()]
    if len(lines) < 2 or not all(ln.lstrip().startswith("{") for ln in lines):
        return False
    try:
        json.loads(lines[0])
    except ValueError:
        return False
    try:
        json.loads(text)
    except ValueError:
        return True
    return False
