"""RSS and Atom files: one document per item.

feedparser reads both (and their many dialects).  An item's text is its
longest ``content`` value, else its ``summary``, with HTML reduced to text;
the title is the first line of the stored text.  The item's own
``published`` (or ``updated``) string is parsed with its offset kept, so an
item stamped in GMT still gets its Vietnamese calendar day as reference date.
The outlet is the feed's title, mapped to a known outlet by alias or by the
item link's domain.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

from biennien.ingest.assemble import make_document
from biennien.ingest.html import html_to_text
from biennien.ingest.limits import DEFAULT_LIMITS, LimitError, Limits, check_no_entity_declarations
from biennien.model import Document, Failure


def _entry_text(entry: Any) -> str:
    best = ""
    for c in entry.get("content") or []:
        value = c.get("value") or ""
        if len(value) > len(best):
            best = value
    if not best:
        best = entry.get("summary") or entry.get("description") or ""
    return html_to_text(best)


def _entry_date(entry: Any) -> str | None:
    # ``dict.get``: feedparser maps a missing ``updated`` to ``published`` (with a DeprecationWarning);
    # ``published`` is tried first anyway
    for key in ("published", "updated", "created", "dc_date"):
        value = dict.get(entry, key)
        if value:
            return str(value)
    for key in ("published_parsed", "updated_parsed"):
        st = dict.get(entry, key)
        if st:
            return time.strftime("%Y-%m-%dT%H:%M:%S+00:00", st)
    return None


def is_feed(text: str) -> bool:
    head = text[:2000].lower()
    return "<rss" in head or "<feed" in head or "<rdf:rdf" in head


def parse_feed(
    data: bytes | str,
    source: str,
    *,
    encoding: str = "utf-8",
    warnings: list[str] | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Iterator[Document | Failure]:
    """Every item of an RSS/Atom feed as a Document (or a Failure for an item with no text).

    Feeds that declare XML entities are refused; only the first
    ``limits.max_items`` items are read, the rest reported as one Failure.
    """
    import feedparser

    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    try:
        check_no_entity_declarations(text, "feed")
    except LimitError as exc:
        yield Failure(source, str(exc))
        return
    try:
        parsed = feedparser.parse(data)
    except Exception as exc:  # feedparser's loose parser can raise on broken markup (fuzzing found KeyError)
        yield Failure(
            source, f"not a readable RSS/Atom feed: the parser failed ({exc.__class__.__name__}: {exc})"
        )
        return
    entries = parsed.get("entries") or []
    if not entries:
        why = parsed.get("bozo_exception")
        reason = "feed has no items" if not why else f"not a readable RSS/Atom feed: {why}"
        yield Failure(source, reason)
        return
    feed_title = (parsed.get("feed") or {}).get("title")
    for n, entry in enumerate(entries[: limits.max_items], start=1):
        item = f"{source}#item-{n}"
        text = _entry_text(entry)
        title = html_to_text(entry.get("title") or "").strip() or None
        if not text.strip():
            yield Failure(item, "feed item has no content or summary")
            continue
        if title and not text.lstrip().startswith(title):
            text = f"{title}\n{text}"
        meta: dict[str, str | None] = {
            "title": title,
            "published": _entry_date(entry),
            "url": entry.get("link"),
            "outlet": feed_title,
            "author": entry.get("author"),
        }
        if entry.get("id"):
            meta["guid"] = str(entry.get("id"))
        yield make_document(
            text, item, meta=meta, encoding=encoding, warnings=warnings, max_chars=limits.max_chars
        )
    if len(entries) > limits.max_items:
        yield Failure(
            source,
            f"feed has {len(entries):,} items, over the limit of {limits.max_items:,}; "
            f"items after #{limits.max_items} were skipped",
        )
