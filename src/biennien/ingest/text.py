"""Plain-text articles: an optional metadata marker or header, then the article.

Two header styles are read (``metadata.strip_header``): a first-line marker
`` date 2026-02-17`` followed by the article on the same line, and
``# key = value`` lines (``# doc_id``, ``# url``, ``# date = 20201001``,
``# title``, ``# outlet``, ``# author``).  The stored text is the rest,
verbatim apart from NFC, ``\\n`` line ends and trimmed outer white space.
"""

from __future__ import annotations

from biennien.ingest.assemble import make_document
from biennien.ingest.limits import DEFAULT_LIMITS, Limits
from biennien.ingest.metadata import strip_header
from biennien.model import Document, Failure


def parse_text(
    text: str,
    source: str,
    *,
    encoding: str = "utf-8",
    warnings: list[str] | None = None,
    line: int | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Document | Failure:
    """One ``Document`` from the decoded text of a plain-text article."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    header = strip_header(text)
    if not header.text.strip():
        reason = "empty article: only a metadata header" if header.meta else "empty article: no text"
        return Failure(source, reason, line)
    return make_document(
        header.text,
        source,
        meta=header.meta,
        encoding=encoding,
        warnings=warnings,
        line=line,
        max_chars=limits.max_chars,
    )
