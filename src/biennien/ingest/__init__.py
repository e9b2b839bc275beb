"""Ingest: files, folders, stdin, HTML, JSON/JSONL and feeds -> ``Document``.

Public API (used by ``build``):

``iter_documents(paths) -> Iterator[Document | Failure]``
    Walk the given paths (files, folders recursively, ``-`` for stdin) and
    yield one ``Document`` per article, or a ``Failure`` naming the file (and
    line) and the reason.  Never raises for bad input.
"""
