"""Link states stored in parts, so that saving one after an addition writes what changed, not all of it.

The reprint and story indexes keep numpy arrays that only ever grow at the
end (one row per paragraph, per shared paragraph pair, per kept feature).
Pickled whole, every link wrote them all again: tens of megabytes at 10,000
articles, a cost that followed the size of the store.  Here each such array
is cut into blocks of ``BLOCK_ROWS`` rows, each block a part of its own
(``store.base.StateParts``); a block that was complete when the state was
loaded is unchanged (rows are only appended), so it is not written again.

``Store.link_state`` returns the head followed by every part: one byte
string of consecutive pickles, which ``load_parts`` reads back (the order of
the blocks does not matter: each names its array and place).  ``dump_bytes``
makes the same string in one piece, for callers that keep a state elsewhere.
"""

from __future__ import annotations

import io
import pickle
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import numpy as np

from biennien.store.base import StateParts

BLOCK_ROWS = 1 << 15
S = TypeVar("S")
_MAGIC = "biennien-state-parts-1"


def dump_parts(head: Any, arrays: Mapping[str, np.ndarray], stored: Mapping[str, int]) -> StateParts:
    """``head`` (any picklable value) and ``arrays`` in parts; ``stored`` gives, per array, how many of
    its rows the store holds already (its length when the state was loaded): blocks within them are
    left as they are."""
    parts: dict[str, bytes | None] = {}
    for name, array in arrays.items():
        kept = stored.get(name, 0)
        for k in range(-(-len(array) // BLOCK_ROWS)):
            end = (k + 1) * BLOCK_ROWS
            key = f"{name}.{k:06d}"
            if end <= kept:
                parts[key] = None
            else:
                parts[key] = pickle.dumps((name, k, array[k * BLOCK_ROWS : end]), pickle.HIGHEST_PROTOCOL)
    layout = {name: (len(array), array[:0]) for name, array in arrays.items()}
    return StateParts(pickle.dumps((_MAGIC, head, layout), pickle.HIGHEST_PROTOCOL), parts)


def dump_bytes(head: Any, arrays: Mapping[str, np.ndarray]) -> bytes:
    """What ``Store.link_state`` returns for ``dump_parts(head, arrays, {})``."""
    parts = dump_parts(head, arrays, {})
    return parts.head + b"".join(p for _, p in sorted(parts.parts.items()) if p is not None)


def load_parts(blob: bytes) -> tuple[Any, dict[str, np.ndarray]]:
    """The head and the arrays of a state written by ``dump_parts`` (read back by ``Store.link_state``).

    Raises ``ValueError`` when the bytes are not such a state or a block is missing."""
    stream = io.BytesIO(blob)
    first = pickle.load(stream)
    if not (isinstance(first, tuple) and len(first) == 3 and first[0] == _MAGIC):
        raise ValueError("not a state in parts")
    _, head, layout = first
    blocks: dict[str, dict[int, np.ndarray]] = {name: {} for name in layout}
    while stream.tell() < len(blob):
        name, k, block = pickle.load(stream)
        blocks[name][k] = block
    arrays: dict[str, np.ndarray] = {}
    for name, (size, empty) in layout.items():
        got = blocks[name]
        if sorted(got) != list(range(-(-size // BLOCK_ROWS))):
            raise ValueError(f"blocks of {name} missing")
        array = np.concatenate([empty, *(got[k] for k in sorted(got))]) if got else empty
        if len(array) != size:
            raise ValueError(f"{name}: {len(array)} rows, {size} expected")
        arrays[name] = array
    return head, arrays


def load_state(blob: bytes | None, version: int, make: Callable[..., S]) -> S | None:
    """A state object written by ``dump_parts``/``dump_bytes`` with a head of its fields (``version``
    among them) and its arrays: ``make(**head)`` with the arrays set and ``stored`` telling how many
    rows of each the store holds; None when there is none, it is unreadable or of another version."""
    if not blob:
        return None
    try:
        head, arrays = load_parts(blob)
    except Exception:
        return None
    if not isinstance(head, dict) or head.get("version") != version:
        return None
    state = make(**head)
    for name, array in arrays.items():
        setattr(state, name, array)
    setattr(state, "stored", {name: len(a) for name, a in arrays.items()})  # noqa: B010
    return state
