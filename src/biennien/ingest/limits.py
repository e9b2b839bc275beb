"""Limits on what one input may cost: bytes, characters, items, nesting, expansion.

A build of a folder of 100,000 files must not be brought down (out of
memory, hours of CPU) by one hostile or broken file, so every input is held
to limits, and each refusal is a ``Failure`` naming the file and the limit:

* ``max_bytes``: a file (or, for JSON Lines, one line; for ``.gz``, the
  *decompressed* content) over this is refused without being read further;
* ``max_chars``: an article whose text (after extraction) is longer is
  refused: the longest real news articles are a few tens of thousands of
  characters, a "text" of millions is a dump or an attack;
* ``max_items``: a feed or a ``.json`` file with more articles keeps the
  first ``max_items`` and reports the rest as skipped;
* ``max_json_depth``: JSON nested deeper is refused (real records are
  two or three levels deep; deep nesting exhausts the parser's recursion);
* ``max_ratio``: a gzip file (``.gz``, or gzip bytes under any name, as
  saved pages often are) that decompresses to more than 1 MiB *and* more
  than this many times its size is refused as a decompression bomb;
* XML entity declarations (``<!ENTITY``) in feeds and HTML are refused
  outright: news pages and feeds never need them, and they are how
  "billion laughs" and quadratic-blowup attacks are written.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_MAX_CHARS = 1_000_000
DEFAULT_MAX_ITEMS = 10_000
DEFAULT_MAX_JSON_DEPTH = 64
DEFAULT_MAX_RATIO = 200


@dataclass(frozen=True, slots=True)
class Limits:
    """The per-input limits (see the module docstring); the defaults suit real news archives."""

    max_bytes: int = DEFAULT_MAX_BYTES
    max_chars: int = DEFAULT_MAX_CHARS
    max_items: int = DEFAULT_MAX_ITEMS
    max_json_depth: int = DEFAULT_MAX_JSON_DEPTH
    max_ratio: int = DEFAULT_MAX_RATIO


DEFAULT_LIMITS = Limits()


class LimitError(ValueError):
    """An input over a limit; the message says which limit and by how much."""


_ENTITY_DECL = re.compile(r"<!ENTITY", re.IGNORECASE)


def check_no_entity_declarations(text: str, what: str) -> None:
    """Refuse markup that declares XML entities (the material of entity-expansion bombs)."""
    if _ENTITY_DECL.search(text):
        raise LimitError(
            f"{what} declares XML entities (<!ENTITY ...>); refused as a possible entity-expansion "
            "bomb (billion laughs): real news pages and feeds do not declare entities"
        )


def check_chars(text: str, limits: Limits) -> None:
    if len(text) > limits.max_chars:
        raise LimitError(
            f"article text is {len(text):,} characters, over the limit of {limits.max_chars:,} characters"
        )


def json_depth(value: object, limit: int) -> int:
    """Nesting depth of a parsed JSON value, counted without recursion; stops just past ``limit``."""
    depth = 0
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        node, d = stack.pop()
        if isinstance(node, dict):
            children: list[object] = list(node.values())
        elif isinstance(node, list):
            children = node
        else:
            continue
        depth = max(depth, d)
        if depth > limit:
            return depth
        stack.extend((c, d + 1) for c in children)
    return depth


def check_json_depth(value: object, limits: Limits) -> None:
    if json_depth(value, limits.max_json_depth) > limits.max_json_depth:
        raise LimitError(f"JSON is nested over {limits.max_json_depth} levels deep; refused")


GZIP_MAGIC = b"\x1f\x8b"
_RATIO_FREE_BYTES = 1 << 20  # below 1 MiB decompressed, any ratio is fine


def gunzip(data: bytes, limits: Limits) -> bytes:
    """Decompress gzip data, never producing more than the size and ratio limits allow."""
    cap = min(limits.max_bytes, max(len(data) * limits.max_ratio, _RATIO_FREE_BYTES))
    out = bytearray()
    rest = data
    try:
        while rest:  # a .gz file may hold several members, one after the other
            d = zlib.decompressobj(16 + zlib.MAX_WBITS)
            out += d.decompress(rest, cap + 1 - len(out))
            if len(out) > cap or d.unconsumed_tail:
                raise LimitError(_bomb_message(len(data), cap, limits))
            if not d.eof:
                raise LimitError("gzip data is truncated")
            rest = d.unused_data.lstrip(b"\x00")
    except zlib.error as exc:
        raise LimitError(f"gzip data is corrupt ({exc})") from exc
    return bytes(out)


def _bomb_message(size: int, cap: int, limits: Limits) -> str:
    why = (
        f"over {limits.max_ratio} times its size"
        if cap < limits.max_bytes
        else f"over the size limit of {limits.max_bytes:,} bytes"
    )
    return f"gzip file of {size:,} bytes decompresses to {why}; refused as a possible decompression bomb"
