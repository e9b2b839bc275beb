"""Walking the inputs and dispatching each file to its format module.

Rules (also in ``docs/ingest.md``):

* a path that is a file is read whatever its extension: known extensions
  choose the format, anything else is sniffed from the content;
* a folder is walked recursively in sorted order (names compared as
  strings, so runs are reproducible); hidden files and folders (``.name``)
  are skipped, and so are files whose extension is not an article format
  (``README.md``, images, PDFs): a folder often holds more than articles;
* ``-`` reads standard input as one text document, or as JSON Lines / JSON
  / a feed / HTML when the content says so;
* a file over ``max_bytes`` (default 20 MB) is refused without being read,
  except JSON Lines, which is streamed and limited per line;
* gzip-compressed inputs (``article.html.gz``, ``dump.jsonl.gz``, or gzip
  bytes under any name) are decompressed within the size and ratio limits,
  so a decompression bomb is refused; the other limits (article length,
  items per feed, JSON depth, XML entity declarations) are in ``limits``;
* nothing raises for bad input: every problem is a ``Failure`` naming the
  file (and line) and the reason, and the walk goes on.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from typing import BinaryIO

from biennien.ingest.encoding import UndecodableError, decode
from biennien.ingest.feed import is_feed, parse_feed
from biennien.ingest.html import declared_charset, parse_html
from biennien.ingest.jsonl import looks_like_jsonl, parse_json, parse_jsonl_line
from biennien.ingest.limits import DEFAULT_MAX_BYTES, GZIP_MAGIC, LimitError, Limits, gunzip
from biennien.ingest.text import parse_text
from biennien.model import Document, Failure

TEXT_EXT = frozenset({".txt", ".text"})
HTML_EXT = frozenset({".html", ".htm", ".xhtml", ".shtml"})
JSON_EXT = frozenset({".json"})
JSONL_EXT = frozenset({".jsonl", ".ndjson", ".jsonlines"})
FEED_EXT = frozenset({".rss", ".atom", ".xml"})
FOLDER_EXT = TEXT_EXT | HTML_EXT | JSON_EXT | JSONL_EXT | FEED_EXT
ONE_ARTICLE_EXT = TEXT_EXT | HTML_EXT  # a file of these formats yields one article (or one failure)

Item = Document | Failure


def iter_documents(
    paths: Sequence[str], *, max_bytes: int = DEFAULT_MAX_BYTES, limits: Limits | None = None
) -> Iterator[Item]:
    """Yield one ``Document`` per article in ``paths`` (files, folders, ``-``), or a ``Failure``.

    ``limits`` (``ingest.limits.Limits``) overrides ``max_bytes`` when given.
    """
    lim = limits if limits is not None else Limits(max_bytes=max_bytes)
    for unit in iter_units(paths, lim):
        if isinstance(unit, str):
            yield from ingest_file(unit, lim)
        else:
            yield unit


def iter_units(paths: Sequence[str], limits: Limits) -> Iterator[str | Item]:
    """The inputs in order: the path of a one-article file ``ingest_file`` can read on its own, or items read here.

    A build hands the paths to its process pool, so reading and parsing run
    beside analysis.  Only text and HTML files go that way: each holds one
    article, so what the pool hands back is bounded by the number of files in
    flight.  Files that may hold many articles (feeds, JSON, JSON Lines,
    streamed a line at a time, so one file may hold millions), files whose
    format must be sniffed, standard input and paths that do not exist are
    read here, one article at a time.
    """
    for path in paths:
        if path == "-":
            yield from _guard("-", _stdin(limits))
        elif os.path.isdir(path):
            for file in walk(path):
                yield from _unit(file, limits)
        elif os.path.lexists(path) or os.path.exists(path):
            yield from _unit(path, limits)
        else:
            yield Failure(path, "no such file or directory")


def _unit(path: str, limits: Limits) -> Iterator[str | Item]:
    if format_ext(path) in ONE_ARTICLE_EXT:
        yield path
    else:
        yield from _guard(path, _file(path, limits))


def ingest_file(path: str, limits: Limits) -> list[Item]:
    """The articles of one file (a feed or JSON file may hold several), or the failures that name it.

    Bounded: the file is at most ``limits.max_bytes`` and a feed or JSON file
    yields at most ``limits.max_items`` articles.  Runs in a build's worker processes.
    """
    return list(_guard(path, _file(path, limits)))


def iter_bytes(data: bytes, name: str, *, limits: Limits | None = None) -> Iterator[Item]:
    """The articles in the content of one file called ``name`` (its extension picks the format).

    Unlike ``iter_documents`` this does not turn unexpected exceptions into
    failures: a raise here is a bug (fuzzing and tests call it directly).
    """
    lim = limits if limits is not None else Limits()
    if len(data) > lim.max_bytes:
        yield Failure(name, f"content is {len(data):,} bytes, over the size limit of {lim.max_bytes:,} bytes")
        return
    yield from _bytes(data, name, format_ext(name), lim)


def format_ext(name: str) -> str:
    """The extension that decides the format: ``.html`` for ``a.html.gz``, ``.txt`` for ``a.txt``."""
    root, ext = os.path.splitext(name.lower())
    if ext == ".gz":
        ext = os.path.splitext(root)[1]
    return ext


def walk(folder: str) -> Iterator[str]:
    """Article files under ``folder``, recursively, in sorted order, hidden ones and non-articles skipped."""
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            if format_ext(name) in FOLDER_EXT:
                yield os.path.join(root, name)


def _guard(source: str, items: Iterator[Item]) -> Iterator[Item]:
    """Turn an unexpected exception inside one input into a Failure, so the walk goes on."""
    try:
        yield from items
    except Exception as exc:  # a bug or an exotic input must not stop a build of 100,000 files
        yield Failure(source, f"could not be ingested ({exc.__class__.__name__}: {exc})")


def _read(path: str, max_bytes: int) -> bytes | Failure:
    try:
        size = os.path.getsize(path)
        if size > max_bytes:
            return Failure(path, f"file is {size} bytes, over the size limit of {max_bytes} bytes")
        with open(path, "rb") as f:
            data = f.read(max_bytes + 1)
    except OSError as exc:
        return Failure(path, f"cannot read file: {exc.strerror or exc}")
    if len(data) > max_bytes:
        return Failure(path, f"file is over the size limit of {max_bytes} bytes")
    return data


def _file(path: str, limits: Limits) -> Iterator[Item]:
    ext = format_ext(path)
    if ext in JSONL_EXT and not path.lower().endswith(".gz"):
        try:
            with open(path, "rb") as f:
                yield from _jsonl_stream(f, path, limits)
        except OSError as exc:
            yield Failure(path, f"cannot read file: {exc.strerror or exc}")
        return
    data = _read(path, limits.max_bytes)
    if isinstance(data, Failure):
        yield data
        return
    yield from _bytes(data, path, ext, limits)


def _bytes(data: bytes, source: str, ext: str, limits: Limits) -> Iterator[Item]:
    if data.startswith(GZIP_MAGIC):
        try:
            data = gunzip(data, limits)
        except LimitError as exc:
            yield Failure(source, str(exc))
            return
    declared = declared_charset(data) if ext in HTML_EXT or ext not in FOLDER_EXT else None
    try:
        dec = decode(data, declared)
    except UndecodableError as exc:
        yield Failure(source, str(exc))
        return
    text = dec.text
    kind = _kind(ext, text)
    if kind == "html":
        yield parse_html(text, source, encoding=dec.encoding, warnings=dec.warnings, limits=limits)
    elif kind == "feed":
        yield from parse_feed(text, source, encoding=dec.encoding, warnings=dec.warnings, limits=limits)
    elif kind == "json":
        yield from parse_json(text, source, encoding=dec.encoding, warnings=dec.warnings, limits=limits)
    elif kind == "jsonl":
        for n, line in enumerate(text.split("\n"), start=1):
            item = parse_jsonl_line(
                line, source, n, encoding=dec.encoding, warnings=dec.warnings, limits=limits
            )
            if item is not None:
                yield item
    else:
        yield parse_text(text, source, encoding=dec.encoding, warnings=dec.warnings, limits=limits)


def _kind(ext: str, text: str) -> str:
    if ext in TEXT_EXT:
        return "text"
    if ext in HTML_EXT:
        return "html"
    if ext in JSON_EXT:
        return "jsonl" if looks_like_jsonl(text) else "json"
    if ext in JSONL_EXT:
        return "jsonl"
    if ext in FEED_EXT:
        return "feed" if is_feed(text) else "html"
    return sniff(text)


def sniff(text: str) -> str:
    """Format of content with no telling extension: feed, html, json, jsonl or text."""
    head = text.lstrip()[:2000]
    low = head.lower()
    if low.startswith("<"):
        if is_feed(low):
            return "feed"
        if low.startswith(("<!doctype html", "<html", "<head", "<body", "<article", "<p", "<div", "<?xml")):
            return "html"
    if head.startswith("{"):
        return "jsonl" if looks_like_jsonl(text) else "json"
    if head.startswith("["):
        return "json"
    return "text"


def _stdin(limits: Limits) -> Iterator[Item]:
    max_bytes = limits.max_bytes
    stream = sys.stdin.buffer if hasattr(sys.stdin, "buffer") else None
    if stream is None:
        data = sys.stdin.read(max_bytes + 1).encode("utf-8")
    else:
        data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        yield Failure("-", f"standard input is over the size limit of {max_bytes} bytes")
        return
    yield from _bytes(data, "-", "", limits)


def _jsonl_stream(f: BinaryIO, source: str, limits: Limits) -> Iterator[Item]:
    """JSON Lines read one line at a time; a line over ``max_bytes`` is a Failure and is skipped."""
    max_bytes = limits.max_bytes
    lineno = 0
    while True:
        raw = f.readline(max_bytes + 1)
        if not raw:
            return
        lineno += 1
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):  # drain the rest of the long line
                raw = f.readline(1 << 20)
            yield Failure(source, f"line is over the size limit of {max_bytes} bytes", lineno)
            continue
        try:
            dec = decode(raw)
        except UndecodableError as exc:
            yield Failure(source, str(exc), lineno)
            continue
        item = parse_jsonl_line(
            dec.text, source, lineno, encoding=dec.encoding, warnings=dec.warnings, limits=limits
        )
        if item is not None:
            yield item
