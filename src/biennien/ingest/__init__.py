"""Ingest: files, folders, stdin, HTML, JSON/JSONL and feeds -> ``Document``.

Public API (used by ``build``):

``iter_documents(paths, *, max_bytes=DEFAULT_MAX_BYTES, limits=None) -> Iterator[Document | Failure]``
    Walk the given paths (files, folders recursively, ``-`` for stdin) and
    yield one ``Document`` per article, or a ``Failure`` naming the file (and
    line) and the reason.  Never raises for bad input.

One module per format (``text``, ``html``, ``jsonl``, ``feed``), with
``encoding`` (bytes -> text), ``metadata`` (headers, datelines, bylines,
captions), ``refdate`` (reference-date inference) and ``assemble`` (the
rules every format shares).  See ``docs/ingest.md``.
"""

from biennien.ingest.limits import DEFAULT_LIMITS, Limits
from biennien.ingest.sources import DEFAULT_MAX_BYTES, iter_bytes, iter_documents, walk

__all__ = ["DEFAULT_LIMITS", "DEFAULT_MAX_BYTES", "Limits", "iter_bytes", "iter_documents", "walk"]
